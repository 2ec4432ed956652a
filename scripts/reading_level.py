"""The prose of a built page, and the Russian reading-ease figure, for the reading-level tests
(tests/test_reading_level.py, tests/test_reading_level_ru.py) and `make bench`.

readable_text(): the text a reader sees in the page's article, taken from the BUILT HTML (so
care cards, glossary pages and snippets count as they appear). Each paragraph, list item,
definition and caption counts as at least one sentence, because a list item without a full
stop is still read as one. Left out:
- headings: labels, not sentences; counted as sentences they would pull every grade down;
- tables: their cells are fragments (no sentences), so a formula scores them as one huge
  sentence or many tiny ones; both would be noise. Table wording is left to review;
- code, the page's review/sources box and print-only text, which are not the page's prose.

russian_ease(): Flesch reading ease with Oborneva's constants for Russian (2006):
    FRE = 206.835 - 1.3 * (words / sentences) - 60.1 * (syllables / words)
Higher is easier (as in English: 80+ easy, 50-60 fairly hard, below 30 academic).
- words: tokens (razdel 0.5.0) with at least one Cyrillic letter. Numbers and Latin names
  (NHS, NICE, GP) are left out: they carry no Russian syllables, and counted as words of no
  syllables they would make a page look easier than it reads;
- syllables: the Russian vowels (аеёиоуыэюя) in those words; exact for Russian, where every
  syllable has one vowel (textstat's Russian counter undercounts);
- sentences: razdel's sentenize, which knows "т. е.", "напр." and initials. A block ending
  ":" or ";" (a lead-in, a list item of a running list) runs on into the next, as it is read.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString

ARTICLE = re.compile(r'<article class="md-content__inner.*?</article>', re.S)
LEFT_OUT = ("h1, h2, h3, h4, h5, h6, .headerlink, aside.page-meta, .print-only, pre, code, "
            "table, script, style, svg, nav, .md-visually-hidden, .md-source-file")
BLOCKS = ["p", "li", "dt", "dd", "figcaption", "summary", "blockquote", "div", "br"]
BREAK = "\u2029"  # paragraph separator: marks block edges before the text is flattened

ROOT = Path(__file__).resolve().parent.parent
RUSSIAN_PAGES = "ru/"
# The Russian gate (tests/test_reading_level_ru.py says why it is per page): each page scores
# at least its recorded figure minus RUSSIAN_MARGIN.
RUSSIAN_RECORD = ROOT / "tests" / "data" / "reading-level-ru.yml"
RUSSIAN_MARGIN = 3.0  # a few points: a new long sentence or a drug name moves a page by 1-2
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
VOWELS = re.compile(r"[аеёиоуыэюя]", re.IGNORECASE)


def readable_text(html: str) -> str:
    """The article's prose, one block per line, each ending like a sentence."""
    found = ARTICLE.search(html)
    if not found:
        return ""
    soup = BeautifulSoup(found.group(0), "html.parser")
    for element in soup.select(LEFT_OUT):
        element.decompose()
    for element in soup.find_all(BLOCKS):
        element.insert_before(NavigableString(BREAK))
        element.insert_after(NavigableString(BREAK))
    blocks = []
    for block in soup.get_text().split(BREAK):
        block = " ".join(block.split())
        if block:
            # A lead-in ending ":" runs on into its list, as a reader reads it.
            blocks.append(block if re.search(r"[.!?:;]$", block) else block + ".")
    return "\n".join(blocks)


# ---- Russian ------------------------------------------------------------------------------

def russian_counts(text: str) -> tuple[int, int, int]:
    """(sentences, words, syllables) of readable_text() output in Russian."""
    from razdel import sentenize, tokenize

    sentences = words = syllables = 0
    for chunk in re.split(r"(?<![:;])\n", text):  # ":" and ";" run on into the next block
        sentences += sum(1 for _ in sentenize(chunk))
        for token in tokenize(chunk):
            if CYRILLIC.search(token.text):
                words += 1
                syllables += len(VOWELS.findall(token.text))
    return sentences, words, syllables


def russian_ease(text: str) -> tuple[float, int]:
    """(Flesch reading ease with Oborneva's constants, words) of Russian prose; a text with
    no Russian words scores 0 (nothing to read is not easy reading)."""
    sentences, words, syllables = russian_counts(text)
    if not words:
        return 0.0, 0
    return 206.835 - 1.3 * words / sentences - 60.1 * syllables / words, words


def russian_pages(site: Path) -> list[Path]:
    """Every Russian page a reader reads: site/ru/**/index.html, not the 404 page and not a
    redirect stub."""
    pages = []
    for path in sorted((site / RUSSIAN_PAGES).rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.endswith("404.html") or 'http-equiv="refresh"' in path.read_text("utf-8")[:800]:
            continue
        pages.append(path)
    return pages


def russian_record(path: Path = RUSSIAN_RECORD) -> dict[str, float]:
    """Russian page address -> its recorded reading ease."""
    import yaml

    record = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    bad = [page for page, figure in record.items() if not isinstance(figure, (int, float))]
    if bad:
        raise ValueError(f"{path.name}: give a number for {bad}")
    return record


def russian_figures(site: Path) -> dict[str, tuple[float, int]]:
    """Page address ("ru/symptoms/") -> (reading ease, words) for every Russian page."""
    return {path.relative_to(site).as_posix().removesuffix("index.html"):
            russian_ease(readable_text(path.read_text(encoding="utf-8")))
            for path in russian_pages(site)}
