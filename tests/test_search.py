"""Search understands patients' words: lay terms, misspellings and questions find the right
page, red flags lead to urgent care, glossary names find their entry and their page, and the
aliases that make this work never show. Each query is typed into the real search box of the
served site in Chromium (scripts/search_hits.py); the offline bundle is checked from file://.
The fresh queries (issue 16) were written before the search ranking patch
(overrides/hooks/search_ranking.py), which must keep working or fail the build loudly.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from conftest import ROOT, copy_project, mkdocs_build
from site_tools import load_hook

sys.path.insert(0, str(ROOT / "scripts"))
import search_hits  # noqa: E402

QUERIES = search_hits.load_queries()
FRESH = search_hits.load_queries(search_hits.FRESH)
WORKERS = "assets/javascripts/workers"


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


def test_fresh_queries_find_their_page(search_tab, server):
    missed = search_hits.misses(search_tab, server, FRESH)
    hits = len(FRESH) - len(missed)
    assert not missed, (
        f"search: {hits}/{len(FRESH)} fresh queries found their page; fix the search "
        "(overrides/hooks/search_ranking.py) or a page's `aliases`, not the query:\n"
        + "\n".join(missed))


def test_fresh_queries_are_untuned_typos_and_long_questions(index):
    # Issue 16: at least 60 queries, 20 with a misspelt word (a word of 4+ letters that no
    # page has), 20 of three or more words, and red flags in other words.
    words = {w for doc in index["docs"] for field in ("title", "text", "aliases")
             for w in re.findall(r"[a-z]+", html_text(doc.get(field, "")).lower())}
    typos = [q for q in FRESH if any(len(w) >= 4 and w not in words
                                      for w in re.findall(r"[a-z]+", q["query"].lower()))]
    assert len(FRESH) >= 60
    assert len(typos) >= 20, [q["query"] for q in typos]
    assert sum(len(q["query"].split()) >= 3 for q in FRESH) >= 20
    wanted = {"back pain in pregnancy": "/special-situations/", "fever back pain": "/urgent-care/",
              "burning in leg": "/symptoms/", "pain down my leg": "/symptoms/"}
    assert {q["query"]: q["pages"][0] for q in FRESH if q["query"] in wanted} == wanted
    first = {q["query"] for q in FRESH if q["pages"] == ["/urgent-care/"] and q["top"] == 1}
    assert {"fever", "temperature", "high temperature"} <= first


def html_text(value) -> str:
    return " ".join(value) if isinstance(value, list) else re.sub(r"<[^>]+>", " ", value)


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


# ---- The search worker patch (overrides/hooks/search_ranking.py) ---------------------------

def test_every_page_uses_the_patched_worker(built_site, html_pages):
    patch = load_hook("search_ranking").compact(
        (ROOT / "docs/assets/javascripts/search-ranking.js").read_text(encoding="utf-8"))
    pages = [*html_pages.values(), built_site / "404.html"]
    names = {re.search(r'"search": "[^"]*workers/(search\.[0-9a-f]{8}\.min\.js)"',
                       page.read_text(encoding="utf-8"))[1] for page in pages}
    assert len(names) == 1, names
    (name,) = names
    worker = (built_site / WORKERS / name).read_text(encoding="utf-8")
    assert worker.index("self.lunr=") < worker.index(patch)  # after Material's code
    # Material's own worker is gone, so no page can fall back to it quietly, and the
    # patch is not published as a file of its own.
    assert sorted(p.name for p in (built_site / WORKERS).glob("*.js")) == [name]
    assert not (built_site / "assets/javascripts/search-ranking.js").exists()


def test_a_misspelt_word_counts_as_found(search_tab, server):
    # Material lists the typed words a result lacks ("Missing: ..."). A word found through
    # the typo fallback is not missing; a word the result really lacks still is.
    assert search_hits.search(search_tab, server, "paracetamal ibuprofin")[0] == "/medicines/"
    missing = search_tab.locator(".md-search-result__item").first.locator(
        ".md-search-result__terms").all_inner_texts()
    assert not any("paracetamal" in t or "ibuprofin" in t for t in missing), missing
    everywhere = search_tab.locator(".md-search-result__terms").all_inner_texts()
    assert any("Missing: ibuprofin" in t for t in everywhere), everywhere  # the paracetamol entry


def material_worker():
    """Material's own search worker, as installed."""
    import material

    (worker,) = (Path(material.__file__).parent / "templates" / WORKERS).glob("search.*.min.js")
    return worker


# Each part of Material 9.8.1's minified worker the patch relies on, changed as an upgrade
# might change it, and the words the build's message must then name.
PLANTED = [
    (("self.lunr=", "self.lunrjs="), "`self.lunr`"),
    (("`${r}*`", "`${r}`"), "trailing '*'"),
    (("this.index.search(e)", "this.index.query(e)"), "Index#search"),
    (("he(r,Object.keys(u.metadata))", "he(r,u.metadata)"), "matched words"),
]


@pytest.mark.parametrize("change, moved", PLANTED, ids=[m for _, m in PLANTED])
def test_patch_fails_naming_what_moved_in_the_worker(change, moved):
    hook = load_hook("search_ranking")
    worker = material_worker().read_text(encoding="utf-8")
    hook.check_worker(worker, "today's worker")  # passes as installed, each part found once
    assert all(len(re.findall(p, worker)) == 1 for p in hook.RELIES_ON.values())
    old, new = change
    assert worker.count(old) == 1, f"Material's worker changed: look for {old!r} again"
    message = rf"worker search\.x\.min\.js has changed: .*{re.escape(moved)}"
    with pytest.raises(PluginError, match=message):
        hook.check_worker(worker.replace(old, new), "search.x.min.js")


def test_patch_fails_when_the_page_config_loses_the_worker_address():
    hook = load_hook("search_ranking")
    html = ('<script id="__config" type="application/json">'
            '{"base": ".", "search": "assets/javascripts/search-worker.js"}</script>')
    with pytest.raises(PluginError, match=r"docs/x\.md: Material's page config no longer "
                                          r"holds the search worker's address"):
        hook.point_to_patched_worker(html, "docs/x.md", SimpleNamespace())


def test_build_fails_when_material_changes_the_worker(tmp_path):
    # A real build with a changed worker where Material's would be (overrides/ comes first).
    config = copy_project(tmp_path)
    worker = material_worker()
    planted = tmp_path / "overrides" / WORKERS / worker.name
    planted.parent.mkdir(parents=True)
    planted.write_text(worker.read_text(encoding="utf-8").replace("self.lunr=", "self.lunrjs="),
                       encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "search ranking: Material's search worker" in result.stderr, result.stderr[-2000:]
    assert "`self.lunr`" in result.stderr
