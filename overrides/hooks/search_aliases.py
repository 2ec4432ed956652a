"""Search aliases: the words patients type (lay terms, misspellings) find the right page.

One job: search aliases from front matter and the glossary. After the search plugin writes
search/search_index.json, each page's top-level search document gets an `aliases` field with
the page's front-matter `aliases` and the glossary names whose `page:` it is. Each glossary
entry gets its own names. The field is added to the index's `config.fields` with a boost.
Material's search worker indexes every field listed there, but its results show only the
title, text and tags. So aliases rank a page without showing on it; aliases put in `tags`
would show as tag chips. The hook runs before the offline plugin copies the index into
search/search_index.js, so the file:// bundle gets the same index.
"""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import data_files  # noqa: E402  (scripts/ is not a package)
from health_words import is_uk  # noqa: E402

# libyaml is about 20 times faster than the pure-Python parser on the glossary.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

FIELD = "aliases"
# The worker's field boosts are text 1, title 1e3 and tags 1e6. Above the title boost, a
# patient's word ranks its page above a page whose heading only mentions the word.
FIELD_BOOST = 1e4
GLOSSARY_DATA = "_data/glossary.yml"
GLOSSARY_PAGE = "glossary.md"

_pages: dict[str, dict] = {}  # src_uri -> {"url", "aliases", "excluded"}


# ---- Hooks --------------------------------------------------------------------------------

def on_pre_build(config: MkDocsConfig) -> None:
    """Forget the previous build's pages, because `mkdocs serve` rebuilds in one process."""
    _pages.clear()


def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    """Note each page's address and aliases. on_post_build gets no pages to read them from."""
    aliases = page.meta.get(FIELD, [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        raise PluginError(
            f"search aliases: docs/{page.file.src_uri}: `{FIELD}` must be a list of phrases"
        )
    _pages[page.file.src_uri] = {
        "url": page.url, "aliases": aliases,
        "excluded": bool((page.meta.get("search") or {}).get("exclude")),
    }
    return context


@event_priority(-50)  # after the search plugin writes the index (0), before offline (-100)
def on_post_build(config: MkDocsConfig) -> None:
    """Add the aliases to the index file. That file is all the browser's search gets."""
    path = Path(config.site_dir) / "search" / "search_index.json"
    try:
        index = json.loads(path.read_text(encoding="utf-8"))
        docs = {doc["location"]: doc for doc in index["docs"]}
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise PluginError(f"search aliases: cannot read {path} (is `search` in plugins?): {err}")
    care = (getattr(config, "extra", None) or {}).get("care") or {}
    terms = glossary_names(Path(config.docs_dir) / GLOSSARY_DATA, not care or is_uk(care))
    for src, page in _pages.items():
        if page["excluded"]:
            continue
        if page["url"] not in docs:
            raise PluginError(f"search aliases: docs/{src} is missing from {path}")
        # A word that is both an alias and a glossary name counts twice, so in a tie the
        # page the glossary names wins.
        words = with_e(page["aliases"]) + [n for names, target in terms if target == src
                                           for n in names]
        if words:
            docs[page["url"]][FIELD] = words
    add_glossary_entries(docs, terms)
    translate_tags(index["docs"], config.extra["ui"]["tags"])
    index["config"]["fields"][FIELD] = {"boost": FIELD_BOOST}
    # Cyrillic as it is: escaped (\\u0441...) it is about a third larger, even gzipped.
    path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False),
                    encoding="utf-8")


# ---- Helpers ------------------------------------------------------------------------------

def glossary_names(path: Path, uk: bool = True) -> list[tuple[list[str], str]]:
    """Each glossary term's names and its page. Any of the names finds both the page and the
    term's glossary entry. glossary.py checks the rest of the file. Outside the UK the terms
    marked `uk_only` (GP, fit note) are not in the glossary, so not here either."""
    try:
        terms = data_files.load(path)["terms"]
        # Not the inflected `forms` (they are for tooltips): the typo fallback in
        # search_ranking.py finds "грыжи" from "грыжа", and the forms would almost double
        # the Russian index.
        result = [(with_e([t["term"], *(t.get("also") or [])]), t.get("page") or "")
                  for t in terms if uk or not t.get("uk_only")]
    except (data_files.DataError, KeyError, TypeError) as err:
        raise PluginError(f"search aliases: {path}: needs `terms`, each with a `term`: {err}")
    for names, _ in result:
        if not all(isinstance(name, str) and name for name in names):
            raise PluginError(f"search aliases: {path}: '{names[0]}': every name must be text")
    return result


def translate_tags(docs: list[dict], names: dict[str, str]) -> None:
    """Material shows each result's tags under it: in the edition's language (_data/ui.yml).
    The front matter keeps the English tag, the one metadata.py checks."""
    for doc in docs:
        if doc.get("tags"):
            doc["tags"] = [names.get(tag, tag) for tag in doc["tags"]]


def with_e(names: list[str]) -> list[str]:
    """Russian readers often type е for ё ("прием" for "приём"): both spellings find it."""
    return names + [n.replace("ё", "е").replace("Ё", "Е") for n in names if "ё" in n.lower()]


def add_glossary_entries(docs: dict[str, dict], terms: list[tuple[list[str], str]]) -> None:
    """Give each glossary entry its names. An entry is found by its title, the term, so this
    hook does not repeat glossary.py's rule for making anchors."""
    page = _pages.get(GLOSSARY_PAGE)
    if page is None or page["excluded"]:
        return
    entries = {
        html.unescape(doc["title"]).lower(): doc
        for location, doc in docs.items() if location.startswith(page["url"] + "#")
    }
    for names, _ in terms:
        if names[0].lower() not in entries:
            raise PluginError(
                f"search aliases: docs/{GLOSSARY_PAGE}: no entry for the term '{names[0]}'"
            )
        entries[names[0].lower()][FIELD] = names
