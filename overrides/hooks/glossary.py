"""Glossary: the glossary page and the hover/tap tooltips, both from docs/_data/glossary.yml.

One job: read the glossary data once, check it (no name defined twice, no empty definition,
a known source for clinical terms, a page that exists), give every name to the `abbr`
extension as a tooltip, and generate the A-Z glossary page from
overrides/partials/glossary-page.html. Outside the UK, a term marked `uk_only: true` (GP,
fit note) is left out, a term's `elsewhere` text replaces a `plain` that is true only in
the UK, and the UK's health-system words become the edition's (scripts/health_words.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import sys

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markdown import Extension
from markdown.extensions.abbr import AbbrTreeprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import data_files  # noqa: E402  (scripts/ is not a package)
import health_words  # noqa: E402

# libyaml is about 20 times faster than the pure-Python parser on the glossary.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DATA_FILE = "_data/glossary.yml"
PAGE = "glossary.md"
# Markdown rendered by Jinja; named .html so MkDocs does not publish it as a theme file.
TEMPLATE = "partials/glossary-page.html"
ABBR = re.compile(r"<abbr[^>]*>(.*?)</abbr>", re.DOTALL)
ABBR_WITH_TITLE = re.compile(r'<abbr title="(?P<title>[^"]*)">(?P<text>.*?)</abbr>', re.DOTALL)
CONTROL_TAG = re.compile(r"<(?P<closing>/?)(?:a|button|label|summary)[\s>]")
TERM_PERMALINK = re.compile(r'(<h3 id="[^"]*">.*?)<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
KINDS = {"anatomy", "condition", "symptom", "test", "treatment", "medicine", "brand",
         "specialist", "word"}

_glossary: dict = {}


# ---- Hooks --------------------------------------------------------------------------------

def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check the data; hand every name and its definition to `abbr` as tooltips."""
    if "abbr" not in config.markdown_extensions:
        raise PluginError("glossary: the `abbr` Markdown extension must be enabled for tooltips")
    sources = config.extra.get("sources")
    if sources is None:
        raise PluginError("glossary: list metadata.py before glossary.py under `hooks:`")
    _glossary.clear()
    _glossary.update(load_glossary(Path(config.docs_dir) / DATA_FILE, sources))
    _glossary["terms"] = for_edition(_glossary["terms"], config.extra["care"])
    config.mdx_configs.setdefault("abbr", {})["glossary"] = tooltips(_glossary["terms"])
    config.markdown_extensions.append(FastTooltips())  # after abbr, which it speeds up
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated glossary page, after checking every term's page exists."""
    for term in _glossary["terms"]:
        if term["page"] and not files.get_file_from_path(term["page"]):
            raise PluginError(
                f"glossary: docs/{DATA_FILE}: '{term['term']}' points to missing page "
                f"'{term['page']}'"
            )
    if files.get_file_from_path(PAGE):
        raise PluginError(f"glossary: docs/{PAGE} is generated; delete the hand-written file")
    files.append(File.generated(config, PAGE, content=render_page(config)))
    return files


def on_page_content(html: str, page, config: MkDocsConfig, files: Files) -> str:
    """A tooltip on the first use of each term on a page, as a reader meets it, and not on
    every repeat: a page of dotted underlines is hard to read, and each one is a stop for a
    keyboard user pressing Tab. The glossary page itself gets no tooltips (it shows every
    definition already) and no permalink signs on its 170-odd terms; each term keeps its id,
    so links to #term still work."""
    if page.file.src_uri == PAGE:
        return TERM_PERMALINK.sub(r"\1", ABBR.sub(r"\1", html))
    return first_use_only(html)


# ---- Helpers ------------------------------------------------------------------------------

def load_glossary(path: Path, sources: dict) -> dict:
    """Read and check the data file; raise naming the file and the term on any problem.
    A translation (docs-ru/_data/glossary.yml) is merged onto the English file, so every
    term exists in both languages, with the same source, page, kind and anchor."""
    try:
        data = data_files.load(path)
    except data_files.DataError as err:
        raise PluginError(f"glossary: {err}") from None
    terms = data.get("terms") or []
    if not terms:
        raise PluginError(f"glossary: {path} has no `terms`")
    seen: dict[str, str] = {}
    for term in terms:
        _check_term(path, term, sources, seen)
        for key, empty in (("also", []), ("page", ""), ("medical", ""), ("source", "")):
            term.setdefault(key, empty)
        # The English name's anchor in every language: a link to #sciatica means the same term.
        term["anchor"] = slug(term.get("id", term["term"]))
    return {"reviewed": data.get("reviewed"), "next_review": data.get("next_review"),
            "reviewer": data.get("reviewer"), "version": data.get("version"),
            "terms": sorted(terms, key=lambda t: sort_key(t["term"]))}


def sort_key(name: str) -> str:
    """Alphabetical, with ё sorted as е, as Russian dictionaries do."""
    return name.lower().replace("ё", "е")


def _check_term(path: Path, term: dict, sources: dict, seen: dict[str, str]) -> None:
    name = term.get("term")
    where = f"glossary: {path}: term '{name}'"
    if not isinstance(name, str) or not name.strip():
        raise PluginError(f"glossary: {path}: an entry has no `term`")
    if not str(term.get("plain", "")).strip():
        raise PluginError(f"{where} has an empty definition (`plain`)")
    if term.get("kind") not in KINDS:
        raise PluginError(f"{where}: `kind` must be one of {', '.join(sorted(KINDS))}")
    if term["kind"] != "brand" and term.get("source") not in sources:
        raise PluginError(f"{where}: `source` must be an id from docs/_data/sources.yml")
    for other in [name, *term.get("also", []), *term.get("forms", [])]:
        key = other.lower().replace("ё", "е")
        if key in seen:
            raise PluginError(f"{where}: '{other}' is already defined under '{seen[key]}'")
        seen[key] = name


def for_edition(terms: list[dict], care: dict) -> list[dict]:
    """The terms as this edition's readers need them (the UK edition's are as written)."""
    if health_words.is_uk(care):
        return terms
    kept = []
    for term in terms:
        if term.get("uk_only"):
            continue
        plain = term.get("elsewhere") or term["plain"]
        kept.append({**term, "plain": health_words.localise(plain, care)})
    return kept


def tooltips(terms: list[dict]) -> dict[str, str]:
    """Every name, and its capitalised form for the start of a sentence, maps to the definition."""
    result = {}
    for term in terms:
        for name in [term["term"], *term["also"], *term.get("forms", [])]:
            result[name] = term["plain"].strip()
            result.setdefault(name[:1].upper() + name[1:], term["plain"].strip())
    return result


def render_page(config: MkDocsConfig) -> str:
    """The glossary page's Markdown, grouped A-Z, from the Jinja template."""
    labels = nav_labels(config.nav or [])
    by_letter = defaultdict(list)
    for term in _glossary["terms"]:
        term["page_title"] = labels.get(term["page"], term["page"])
        by_letter[term["term"][0].upper().replace("Ё", "Е")].append(term)
    env = Environment(
        loader=FileSystemLoader(Path(__file__).resolve().parents[1]),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    cited = sorted({t["source"] for t in _glossary["terms"] if t["source"]})
    return env.get_template(TEMPLATE).render(
        glossary=_glossary, letters=dict(sorted(by_letter.items())),
        sources=config.extra["sources"], cited=cited,
        ui=lambda key, **values: config.extra["ui"][key].format(**values),
    )


def nav_labels(nav: list) -> dict[str, str]:
    """Map each page file in the `nav:` config to its label ("symptoms.md" -> "Symptoms")."""
    labels = {}
    for entry in nav:
        for label, target in (entry.items() if isinstance(entry, dict) else []):
            if isinstance(target, str):
                labels[target] = label
            else:
                labels.update(nav_labels(target))
    return labels


def first_use_only(html: str) -> str:
    """Keep the first <abbr> of each definition (so "Sciatica" and "sciatica" count as one
    term); later uses become plain text. The one kept can be reached with the Tab key, so a
    keyboard user can open its meaning too (docs/assets/javascripts/glossary-tooltips.js),
    unless it sits inside a link or another control, which takes the focus itself (a
    control inside a control confuses screen readers; axe: nested-interactive)."""
    seen: set[str] = set()
    in_control = control_finder(html)

    def keep_first(match: re.Match) -> str:
        if match["title"] in seen:
            return match["text"]
        seen.add(match["title"])
        if in_control(match.start()):
            return match[0]
        return match[0].replace("<abbr ", '<abbr tabindex="0" ', 1)

    return ABBR_WITH_TITLE.sub(keep_first, html)


def control_finder(html: str):
    """A test of whether a place in `html` is inside an <a>, <button>, <label> or <summary>,
    from one pass over the page: how many are open after each of their tags."""
    places, depths, depth = [], [], 0
    for tag in CONTROL_TAG.finditer(html):
        depth += -1 if tag["closing"] else 1
        places.append(tag.start())
        depths.append(depth)

    def in_control(position: int) -> bool:
        before = bisect_right(places, position) - 1
        return before >= 0 and depths[before] > 0

    return in_control


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# ---- Faster tooltips -----------------------------------------------------------------------
# `abbr` compiles one regex of every name (about 850) for each page and tries each name in
# turn at every word boundary: about a tenth of the whole build. The same regex written as a
# trie (names sharing a first letter share a branch) matches the same text, is compiled once
# per build, and tries only the names that fit the next letter. Output is byte-identical
# (tests/test_glossary.py compares it with plain `abbr`).

class FastTooltips(Extension):
    """Swap abbr's tree processor for one with a cached trie regex, keeping its names."""

    def extendMarkdown(self, md):
        abbrs = md.treeprocessors["abbr"].abbrs
        md.treeprocessors.register(TrieAbbrTreeprocessor(md, abbrs), "abbr", 7)


class TrieAbbrTreeprocessor(AbbrTreeprocessor):
    def run(self, root):
        if self.abbrs:
            self.RE = trie_regex(tuple(sorted(self.abbrs)))
            self.iter_element(root)


@lru_cache(maxsize=8)
def trie_regex(names: tuple[str, ...]) -> re.Pattern:
    """abbr's regex (every name, between word boundaries) written as a trie. At each branch
    the longer names are tried before stopping, so, as with abbr's longest-first order, the
    longest name that ends at a word boundary wins."""
    trie: dict = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}  # a name ends here
    return re.compile(rf"\b{_trie_pattern(trie)}\b")


def _trie_pattern(node: dict) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in node.items() if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


def glossary() -> dict:
    """The loaded glossary (for tests and scripts)."""
    return _glossary
