"""Search understands patients' words: lay terms, misspellings and questions find the right
page, red flags lead to urgent care, glossary names find their entry and their page, and the
aliases that make this work never show. Each query is typed into the real search box of the
served site in Chromium (scripts/search_hits.py); the offline bundle is checked from file://.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from conftest import ROOT, mkdocs_build

sys.path.insert(0, str(ROOT / "scripts"))
import search_hits  # noqa: E402

QUERIES = search_hits.load_queries()


@pytest.fixture(scope="module")
def search_tab(browser, server):
    """One tab with search open; each search types over the previous query."""
    tab = browser.new_page()
    search_hits.open_search(tab, server)
    yield tab
    tab.close()


@pytest.fixture(scope="module")
def index(built_site) -> dict:
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_patients_words_find_their_page(search_tab, server):
    missed = search_hits.misses(search_tab, server, QUERIES)
    hits = len(QUERIES) - len(missed)
    assert not missed, (
        f"search: {hits}/{len(QUERIES)} queries found their page; fix the page's `aliases`, "
        "not the query:\n" + "\n".join(missed)
    )


def test_the_query_list_covers_red_flags_glossary_and_enough_questions():
    assert len(QUERIES) >= 45
    red_flags = {q["query"] for q in QUERIES if q["pages"] == ["/urgent-care/"] and q["top"] == 1}
    assert {"bladder", "numb groin", "both legs", "weak leg", "wet myself", "can't pee",
            "cant pee"} <= red_flags
    assert sum("/glossary/" in q["pages"] for q in QUERIES) >= 5


def test_index_holds_aliases_in_a_boosted_field_of_each_page(index):
    fields = index["config"]["fields"]
    assert fields["aliases"]["boost"] > fields["title"]["boost"]
    docs = {doc["location"]: doc for doc in index["docs"]}
    assert "bladder" in docs["urgent-care/"]["aliases"]          # front matter
    assert "Mydocalm" in docs["medicines/"]["aliases"]           # glossary `page:`
    assert "Mydocalm" in docs["glossary/#mydocalm"]["aliases"]   # the glossary entry itself
    # Only whole pages and glossary entries carry aliases; tags stay the pages' own tags.
    assert all("#" not in loc or loc.startswith("glossary/#")
               for loc, doc in docs.items() if "aliases" in doc)
    assert docs["urgent-care/"]["tags"] == ["Urgent"]


def test_aliases_rank_a_page_without_showing_on_it(search_tab, server, built_site, index):
    assert search_hits.search(search_tab, server, "ibuprophen")[0] == "/medicines/"
    result = search_tab.locator(".md-search-result__item").first
    chips = result.locator(".md-tag").all_inner_texts()
    page_tags = {tag for doc in index["docs"] for tag in doc.get("tags", [])}
    assert set(chips) <= page_tags, f"aliases shown as tag chips: {chips}"
    assert "ibuprophen" not in result.inner_text().lower()
    page = (built_site / "medicines" / "index.html").read_text(encoding="utf-8").lower()
    assert "ibuprophen" not in page


def test_glossary_result_links_to_the_entry(search_tab, server):
    assert "/glossary/" in search_hits.search(search_tab, server, "Mydocalm")[:3]
    links = search_tab.eval_on_selector_all(
        ".md-search-result__item a", "links => links.map(a => a.href.split('?')[0] + a.hash)"
    )
    assert any(link.endswith("glossary/#mydocalm") for link in links), links


def test_little_words_do_not_bury_the_page(search_tab, server):
    # "I" and "an" are lunr stop words: as query prefixes they would match ibuprofen,
    # injection, anaesthetic... The search separator in mkdocs.yml drops them.
    top = search_hits.search(search_tab, server, "Will I need an operation?")[:3]
    assert "/surgery/" in top and "/medicines/" not in top, top


def test_offline_bundle_searches_from_file(tmp_path_factory, browser):
    site = tmp_path_factory.mktemp("offline")
    result = mkdocs_build(ROOT / "mkdocs.yml", site, {"OFFLINE": "true"})
    assert result.returncode == 0, result.stderr[-3000:]
    data = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    inlined = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert '"aliases"' in data
    assert inlined == f"var __index = {data}", "the offline index lacks the aliases"
    tab = browser.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    base = site.as_uri() + "/"
    search_hits.open_search(tab, base + "index.html")
    assert search_hits.search(tab, base, "cant pee")[0] == "/urgent-care/"
    assert "/medicines/" in search_hits.search(tab, base, "ibuprophen")[:3]
    tab.close()
    assert [url for url in requests if not url.startswith(("file://", "data:"))] == []


def test_hook_fails_loudly_naming_the_file(tmp_path):
    spec = importlib.util.spec_from_file_location(
        "search_aliases_under_test", ROOT / "overrides" / "hooks" / "search_aliases.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    config = SimpleNamespace(site_dir=str(tmp_path), docs_dir=str(ROOT / "docs"))
    hook.on_pre_build(config)
    with pytest.raises(PluginError, match=r"cannot read .*search_index\.json"):
        hook.on_post_build(config)
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text('{"config": {}, "docs": []}')
    config.docs_dir = str(tmp_path)  # no _data/glossary.yml here
    with pytest.raises(PluginError, match=r"glossary\.yml"):
        hook.on_post_build(config)
