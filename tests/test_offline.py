"""The offline bundle (`make offline`), used as a clinic would: unzip it, open index.html from
disk in Chromium, read a glossary word's meaning, search (a misspelt word too), follow a
result to another page, and never touch the network."""

from __future__ import annotations

import sys
import zipfile

import pytest

from conftest import ROOT, copy_project

sys.path.insert(0, str(ROOT / "scripts"))
import build_offline  # noqa: E402
import search_hits  # noqa: E402
from page_ready import open_page  # noqa: E402


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    archive = build_offline.build_offline(ROOT / "mkdocs.yml", out)
    assert archive.name == "pinched-nerve-handbook-offline.zip"
    unzipped = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(unzipped)
    root = unzipped / build_offline.FOLDER
    assert (root / "index.html").is_file()
    return root


def test_no_instant_navigation_and_no_config_left_behind(bundle):
    html = (bundle / "index.html").read_text(encoding="utf-8")
    assert '"navigation.instant' not in html
    assert not list(ROOT.glob(".offline-*.yml")), "the temporary config was left behind"


def test_a_clinic_edition_with_instant_navigation_loses_it_offline(tmp_path):
    copy_project(tmp_path)
    clinic = tmp_path / "clinic.yml"
    clinic.write_text("INHERIT: mkdocs.yml\ntheme:\n  features:\n"
                      "    - navigation.instant\n    - navigation.instant.progress\n"
                      "    - toc.follow\n", encoding="utf-8")
    assert build_offline.offline_features(clinic) == ["toc.follow"]


def test_search_and_links_work_from_disk(bundle, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    open_page(page, (bundle / "index.html").as_uri())

    # A glossary word's meaning (its script is a file of the bundle too).
    word = page.locator("article abbr[tabindex]").first
    meaning = word.get_attribute("title")
    word.hover()
    page.wait_for_function("m => document.querySelector('#handbook-tooltip')?.textContent === m",
                           arg=meaning, timeout=5000)

    page.locator(".md-search__input").click()
    page.keyboard.type("numb", delay=20)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15000)
    assert results.count() >= 1

    start = page.url
    results.first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith("file://") and page.url.split("#")[0] != start
    assert page.locator("article h1").count() == 1
    context.close()

    assert requests, "no requests were recorded"
    # data: URIs (Material's icons) are not requests to anywhere; everything else is a file.
    left = [url for url in requests if not url.startswith(("file://", "data:"))]
    assert left == []


def test_a_misspelt_word_finds_its_page_from_disk(bundle, browser):
    # The search ranking patch (overrides/hooks/search_ranking.py) is part of the worker the
    # bundle's pages load through the iframe-worker shim.
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    tab = context.new_page()
    base = bundle.as_uri() + "/"
    search_hits.open_search(tab, base + "index.html")
    assert "/medicines/" in search_hits.search(tab, base, "ibuprofin")[:3]
    assert "/special-situations/" in search_hits.search(tab, base, "pregnacy")[:3]
    context.close()
    assert [url for url in requests if not url.startswith(("file://", "data:"))] == []


def test_russian_pages_search_and_switch_language_from_disk(bundle, browser):
    """Both languages are in the bundle: the Russian pages search their own index from
    file://, and the switcher opens the same page in the other language, as files."""
    assert (bundle / "ru" / "search" / "search_index.js").is_file()
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    tab = context.new_page()
    base = bundle.as_uri() + "/"
    search_hits.open_search(tab, base + "ru/index.html")
    assert "/ru/urgent-care/" in search_hits.search(tab, base, "не могу помочиться")[:1]
    assert "/ru/medicines/" in search_hits.search(tab, base, "ибупрофен")[:3]
    open_page(tab, base + "ru/medicines.html")
    tab.click('.language-switch a[hreflang="en"]')
    tab.wait_for_load_state("load")
    assert tab.url == base + "medicines.html"
    tab.click('.language-switch a[hreflang="ru"]')
    tab.wait_for_load_state("load")
    assert tab.url == base + "ru/medicines.html"
    context.close()
    assert [url for url in requests if not url.startswith(("file://", "data:"))] == []
