"""English names in a translation: marked `lang="en"`, so a screen reader says "NHS" and
"NICE" with English sounds instead of reading Latin letters with Russian ones.

One job: in a translated edition, wrap each run of Latin-letter words in the page text
("NHS 111", "NICE NG59", "Cochrane", "A&E") in `<span lang="en">`, in the page text and
the banner, footers and navigation around it. Text inside code,
scripts, SVG, and elements that already say their language is left alone; attributes are
never touched. The English edition is unchanged. tests/test_russian.py checks that no Latin
word on a Russian page is left without it.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

TAG = re.compile(r"(<[^>]+>)")
SKIP = {"code", "pre", "script", "style", "svg", "kbd"}
OPEN = re.compile(r"<(\w+)([^>]*)>")
CLOSE = re.compile(r"</(\w+)\s*>")
# A Latin word (letters, digits after the first letter, an inner & . ' or -), then more
# words or numbers after single spaces: "NHS 111", "NICE NG59", "A&amp;E", "co-codamol".
WORD = r"[A-Za-z](?:[A-Za-z0-9]|&amp;(?=[A-Za-z])|['’.\-](?=[A-Za-z0-9]))*"
LATIN = re.compile(rf"(?<![\w&;]){WORD}(?: (?:{WORD}|\d+(?![\w.,]\d)))*")
VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "area", "col"}
# Raw text ("a<b" in a script) is never read as tags: these blocks are kept whole.
RAW = re.compile(r"(<(script|style|svg|textarea)\b.*?</\2\s*>)", re.DOTALL | re.IGNORECASE)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """The whole page: its text, and the banner, footers and navigation around it."""
    lang = config.extra.get("language", "en")
    return output if lang == "en" else mark_latin(output, lang)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page is a template, not a page: its banner (A&E) is marked too."""
    lang = config.extra.get("language", "en")
    return mark_latin(output, lang) if template_name == "404.html" and lang != "en" else output


def mark_latin(html: str, lang: str = "ru") -> str:
    out, stack = [], []          # stack: (tag, skips) of open elements
    for part in _parts(html):
        if RAW.fullmatch(part):
            out.append(part)
            continue
        if part.startswith("<"):
            _track(part, stack, lang)
            out.append(part)
        elif part and not any(skip for _, skip in stack):
            out.append(LATIN.sub(lambda m: f'<span lang="en">{m.group(0)}</span>', part))
        else:
            out.append(part)
    return "".join(out)


def _parts(html: str):
    """Raw-text blocks whole, everything else split into tags and text."""
    for i, chunk in enumerate(RAW.split(html)):
        # re.split returns the whole block, then its tag name: skip the name.
        if i % 3 == 1:
            yield chunk
        elif i % 3 == 0:
            yield from TAG.split(chunk)


def _track(tag: str, stack: list, lang: str) -> None:
    if tag.startswith(("<!", "<?")) or tag.endswith("/>"):
        return
    close = CLOSE.match(tag)
    if close:
        name = close.group(1).lower()
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][0] == name:
                del stack[i:]
                break
        return
    opened = OPEN.match(tag)
    if opened and opened.group(1).lower() not in VOID:
        name = opened.group(1).lower()
        other_language = re.search(rf'\slang="(?!{lang}")', opened.group(2))
        stack.append((name, name in SKIP or bool(other_language)))
