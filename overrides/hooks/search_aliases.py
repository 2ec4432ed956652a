"""Search aliases: patients' own words (lay terms, misspellings) find the right page.

One job: search aliases from front matter and the glossary. After the search plugin writes
search/search_index.json, give each page's top-level search document an `aliases` field
holding the page's front-matter `aliases` plus every glossary name whose `page:` it is, give
each glossary entry its own names, and register the field in the index's `config.fields`
with a boost. Material's search worker indexes every field listed there, but its result
template renders only the title, text and tags, so aliases rank a page without showing on it
(putting them in `tags` would show them as tag chips). Runs before the offline plugin
inlines the index into search/search_index.js, so the file:// bundle gets the same index.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

FIELD = "aliases"
# Worker field boosts: text 1, title 1e3, tags 1e6. An alias outranks a heading elsewhere.
FIELD_BOOST = 1e4
# Material multiplies a whole page's score by up to 5 and a section's by up to 2; this lets
# a glossary entry (a section) rank beside the page that explains the term.
ENTRY_BOOST = 2.5
GLOSSARY_DATA = "_data/glossary.yml"
GLOSSARY_PAGE = "glossary.md"

_pages: dict[str, dict] = {}   # src_uri -> {"url", "aliases", "excluded"}


# ---- Hooks --------------------------------------------------------------------------------

def on_pre_build(config: MkDocsConfig) -> None:
    """Forget the pages of a previous build (`mkdocs serve` rebuilds in one process)."""
    _pages.clear()


def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    """Note each page's address and aliases; on_post_build has no pages to read them from."""
    aliases = page.meta.get(FIELD, [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        raise PluginError(
            f"search aliases: docs/{page.file.src_uri}: `{FIELD}` must be a list of words or phrases"
        )
    _pages[page.file.src_uri] = {
        "url": page.url, "aliases": list(aliases),
        "excluded": bool((page.meta.get("search") or {}).get("exclude")),
    }
    return context


@event_priority(-50)  # after the search plugin writes the index (0), before offline (-100)
def on_post_build(config: MkDocsConfig) -> None:
    """Rewrite the search index with the aliases field."""
    path = Path(config.site_dir) / "search" / "search_index.json"
    try:
        index = json.loads(path.read_text(encoding="utf-8"))
        docs = {doc["location"]: doc for doc in index["docs"]}
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise PluginError(f"search aliases: cannot read {path} (is `search` in plugins?): {err}")
    entries = glossary_aliases(Path(config.docs_dir) / GLOSSARY_DATA)
    for src, page in _pages.items():
        if page["excluded"]:
            continue
        if page["url"] not in docs:
            raise PluginError(f"search aliases: docs/{src} has no entry in {path}")
        # A name in both lists counts twice: the glossary's page wins a tie.
        names = page["aliases"] + [n for names, target in entries for n in names if target == src]
        if names:
            docs[page["url"]][FIELD] = names
    add_glossary_entries(docs, entries)
    index["config"]["fields"][FIELD] = {"boost": FIELD_BOOST}
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")


# ---- Helpers ------------------------------------------------------------------------------

def glossary_aliases(path: Path) -> list[tuple[list[str], str]]:
    """Each glossary term's names and its page, so both are found by any of the names."""
    try:
        terms = yaml.safe_load(path.read_text(encoding="utf-8"))["terms"]
        result = [([t["term"], *(t.get("also") or [])], t.get("page") or "") for t in terms]
    except (OSError, yaml.YAMLError, KeyError, TypeError) as err:
        raise PluginError(f"search aliases: {path}: needs `terms` with `term` names: {err}")
    for names, target in result:
        if not all(isinstance(n, str) and n for n in names):
            raise PluginError(f"search aliases: {path}: '{names[0]}': names must be text")
        if target and target not in _pages:
            raise PluginError(f"search aliases: {path}: '{names[0]}': no page '{target}'")
    return result


def add_glossary_entries(docs: dict[str, dict], entries: list[tuple[list[str], str]]) -> None:
    """Give each glossary entry (a section whose title is the term) its own names."""
    page = _pages.get(GLOSSARY_PAGE)
    if page is None or page["excluded"]:
        return
    sections = {
        html.unescape(doc["title"]).lower(): doc for location, doc in docs.items()
        if location.startswith(page["url"] + "#")
    }
    for names, _ in entries:
        doc = sections.get(names[0].lower())
        if doc is None:
            raise PluginError(
                f"search aliases: docs/{GLOSSARY_PAGE}: no entry for glossary term '{names[0]}'"
            )
        doc[FIELD] = names
        doc["boost"] = doc.get("boost", 1) * ENTRY_BOOST

