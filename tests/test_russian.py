"""The Russian edition (issue 17): the whole handbook in Russian, matched page for page with
the English, with its own search, switcher and clinic words, and nothing silently in English.

- Parity: every page, heading id, care card (and its number of signs) and glossary term is in
  both languages; a page missing from either side fails the build, naming it.
- mkdocs.ru.yml differs from mkdocs.yml only where a language must.
- Every Russian page says lang="ru", and every Latin-letter word on it is inside lang="en".
- The switcher on every page leads to the same page in the other language (a click, in
  Chromium, too); the sitemaps list each page's other address with full addresses.
- 40+ Russian patient queries, written before tuning, find their page in the Russian search.
- A clinic edition builds both languages from one config: the same numbers in both, its own
  words per language, and a missing Russian word fails the build naming the key.
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project, mkdocs_build

sys.path.insert(0, str(ROOT / "scripts"))
import languages  # noqa: E402
import search_hits  # noqa: E402

RU_QUERIES = search_hits.load_queries(ROOT / "tests" / "data" / "search-queries-ru.yml")
HEADING_ID = re.compile(r'<h([2-6]) id="([^"]+)"')
CARD = re.compile(r'data-care-card="([^"]+)"')
LATIN = re.compile(r"[A-Za-z]")


def patient_pages(site: Path) -> list[str]:
    """The English site's pages that a Russian reader also has (not the contributor guide)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html")
                  if not p.relative_to(site).as_posix().startswith(("ru/", "contributing/",
                                                                     "pdf/", "search/")))


def article(html: str) -> str:
    """The page's own text (Material's article), without the header and the footer."""
    start = html.index('<article class="md-content__inner')
    return html[start:html.index("</article>", start)]


# ---- Parity -------------------------------------------------------------------------------

def test_every_page_exists_in_both_languages(built_site):
    english = patient_pages(built_site)
    assert len(english) >= 18, english
    missing = [p for p in english if not (built_site / "ru" / p).is_file()]
    assert not missing, f"no Russian page for: {missing}"
    russian = sorted(p.relative_to(built_site / "ru").as_posix()
                     for p in (built_site / "ru").rglob("index.html")
                     if not p.relative_to(built_site / "ru").as_posix().startswith("search/"))
    assert russian == english


def test_heading_ids_cards_and_signs_match(built_site):
    """The same anchors (a link, QR code or care-card anchor means the same in both), the
    same care cards in the same order, each with as many signs."""
    problems = []
    for page in patient_pages(built_site):
        en = article((built_site / page).read_text(encoding="utf-8"))
        ru = article((built_site / "ru" / page).read_text(encoding="utf-8"))
        ids = {lang: [i for _, i in HEADING_ID.findall(html) if not i.startswith("letter-")]
               for lang, html in (("en", en), ("ru", ru))}
        if page == "glossary/index.html":   # terms in each language's alphabetical order
            ids = {lang: sorted(found) for lang, found in ids.items()}
        if ids["en"] != ids["ru"]:
            problems.append(f"{page}: heading ids differ: "
                            f"{sorted(set(ids['en']) ^ set(ids['ru']))}")
        if CARD.findall(en) != CARD.findall(ru):
            problems.append(f"{page}: care cards {CARD.findall(en)} vs {CARD.findall(ru)}")
        for name in set(CARD.findall(en)):
            counts = [html.split(f'data-care-card="{name}"', 1)[1].split("</ul>", 1)[0]
                      .count("<li>") for html in (en, ru)]
            if counts[0] != counts[1]:
                problems.append(f"{page}: card {name} has {counts[0]} signs in English and "
                                f"{counts[1]} in Russian")
    assert not problems, "\n".join(problems)


def test_glossary_has_every_term_in_both(built_site):
    terms = {lang: {i for level, i in HEADING_ID.findall(
        (root / "glossary" / "index.html").read_text(encoding="utf-8")) if level == "3"}
        for lang, root in (("en", built_site), ("ru", built_site / "ru"))}
    assert len(terms["en"]) > 150
    assert terms["en"] == terms["ru"]


@pytest.mark.parametrize("side", ["russian", "english"])
def test_a_page_missing_from_one_language_fails_the_build(tmp_path, side):
    config = copy_project(tmp_path)
    if side == "russian":
        (tmp_path / "docs-ru" / "surgery.md").unlink()
        named = "surgery.md"
    else:
        (tmp_path / "docs-ru" / "extra-page.md").write_text("---\ntitle: Лишняя\n---\n")
        named = "extra-page.md"
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert named in result.stderr and "has no" in result.stderr, result.stderr[-2000:]


def test_a_missing_translation_of_a_warning_sign_fails_naming_it(tmp_path):
    config = copy_project(tmp_path)
    flags = tmp_path / "docs-ru" / "_data" / "red-flags.yml"
    data = yaml.safe_load(flags.read_text(encoding="utf-8"))
    del data["signs"]["bladder"]["text"]
    flags.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "missing translation of `signs.bladder.text`" in result.stderr, result.stderr[-2000:]


def test_a_translation_cannot_move_a_sign_to_another_tier(tmp_path):
    config = copy_project(tmp_path)
    flags = tmp_path / "docs-ru" / "_data" / "red-flags.yml"
    data = yaml.safe_load(flags.read_text(encoding="utf-8"))
    data["signs"]["bladder"]["tier"] = "same-day"
    flags.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "signs.bladder.tier` is not words" in result.stderr, result.stderr[-2000:]


# ---- The Russian config -------------------------------------------------------------------

def test_russian_config_differs_only_where_a_language_must():
    from mkdocs.config import load_config

    english = load_config(str(ROOT / "mkdocs.yml"))
    with languages.russian_config(ROOT / "mkdocs.yml", english["site_url"]) as path:
        russian = load_config(str(path))
    allowed = {"site_name", "site_description", "site_author", "site_url", "copyright",
               "docs_dir", "theme", "plugins", "markdown_extensions", "nav", "config_file_path",
               "mdx_configs", "watch"}
    differ = {key for key in english if english[key] != russian[key]}
    assert differ <= allowed, f"unexpected differences: {differ - allowed}"
    assert russian["site_url"] == english["site_url"] + "ru/"
    assert russian["hooks"] == english["hooks"]
    assert list(russian["extra"]) == list(english["extra"])
    assert russian.theme["language"] == "ru"
    assert russian.theme["features"] == english.theme["features"]
    # The same pages, in the same order, under Russian labels.
    def files(nav):
        return [next(iter(item.values())) for item in nav]
    assert files(russian["nav"]) == files(english["nav"])
    assert [p for p in russian["plugins"]] == [p for p in english["plugins"]]
    assert list(russian["mdx_configs"]) == list(english["mdx_configs"])
    assert russian["mdx_configs"]["toc"]["title"] == "На этой странице"
    assert russian["plugins"]["material/search"].config["lang"] == ["ru"]


# ---- Language on every page ---------------------------------------------------------------

class _Text(HTMLParser):
    """Text of a page that is not inside an element marked lang="en" (or code, scripts)."""
    SKIP = {"script", "style", "svg", "code", "pre"}
    VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source"}

    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        lang = dict(attrs).get("lang")
        skip = tag in self.SKIP or (lang is not None and lang != "ru")
        self.stack.append(skip or bool(self.stack and self.stack[-1]))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]) and LATIN.search(data):
            self.found.append(data.strip())


def test_every_russian_page_is_lang_ru_and_marks_its_english(built_site):
    problems = []
    for path in sorted((built_site / "ru").rglob("*.html")):
        rel = path.relative_to(built_site).as_posix()
        if "/pdf/" in rel:
            continue
        html = path.read_text(encoding="utf-8")
        if not re.search(r'<html[^>]* lang="ru"', html):
            problems.append(f"{rel}: <html> is not lang=\"ru\"")
        parser = _Text()
        parser.feed(html)
        if parser.found:
            problems.append(f"{rel}: Latin text outside lang=\"en\": {parser.found[:5]}")
    assert not problems, "\n".join(problems)


def test_english_pages_stay_english(built_site):
    html = (built_site / "symptoms" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<html[^>]* lang="en"', html)
    assert '<span lang="en">' not in html      # nothing marked in the English edition


def test_every_russian_page_has_review_dates_sources_and_urgent_care_link(ru_html_pages):
    """What tests/test_build.py checks on every English page, in the Russian words."""
    problems = []
    for rel, path in ru_html_pages.items():
        html = path.read_text(encoding="utf-8")
        for what, needle in (("review date", "Страница проверена:"),
                             ("sources", 'class="page-meta__sources"'),
                             ("urgent-care link", 'urgent-care/">Когда нужна срочная помощь</a>')):
            if needle not in html and not (what == "urgent-care link" and
                                           rel == "ru/urgent-care/index.html"):  # itself
                problems.append(f"{rel}: no {what}")
    assert len(ru_html_pages) >= 18 and not problems, "\n".join(problems)


def test_dates_and_interface_words_are_russian(built_site):
    html = (built_site / "ru" / "urgent-care" / "index.html").read_text(encoding="utf-8")
    assert "Страница проверена:" in html and "ноября 2026" in html
    assert "Нужна помощь сейчас?" in html
    assert not re.search(r"\b(November|December|Page last reviewed|Report a problem)\b", html)


# ---- Switcher, hreflang and sitemap -------------------------------------------------------

def test_switcher_on_every_page_leads_to_the_same_page(built_site):
    problems = []
    for page in patient_pages(built_site):
        for here, there in ((built_site / page, built_site / "ru" / page),
                            (built_site / "ru" / page, built_site / page)):
            html = here.read_text(encoding="utf-8")
            match = re.search(r'<p class="language-switch[^"]*">\s*<a href="([^"]+)"', html)
            if not match:
                problems.append(f"{here.relative_to(built_site)}: no language switch")
                continue
            target = (here.parent / match.group(1)).resolve()
            target = target / "index.html" if target.is_dir() else target
            if target != there.resolve():
                problems.append(f"{here.relative_to(built_site)} links to {target}")
    assert not problems, "\n".join(problems)


def test_switcher_click_lands_on_the_same_page(browser, server):
    tab = browser.new_page()
    tab.goto(server + "medicines/")
    tab.click('.language-switch a[hreflang="ru"]')
    tab.wait_for_load_state()
    assert tab.url == server + "ru/medicines/"
    assert tab.evaluate("document.documentElement.lang") == "ru"
    tab.click('.language-switch a[hreflang="en"]')
    tab.wait_for_load_state()
    assert tab.url == server + "medicines/"
    tab.close()


def test_hreflang_alternates_with_full_addresses_in_both_sitemaps(built_site):
    root = "https://pinched-nerve-handbook.github.io/handbook/"
    for sitemap in (built_site / "sitemap.xml", built_site / "ru" / "sitemap.xml"):
        xml = sitemap.read_text(encoding="utf-8")
        assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in xml
        assert f'hreflang="ru" href="{root}ru/symptoms/"' in xml, sitemap
        assert f'hreflang="en" href="{root}symptoms/"' in xml, sitemap
        assert f"{root}ru/contributing" not in xml   # English-only pages have no alternate
    # Not in the page head: Material would fetch the sitemap of each such address.
    html = (built_site / "ru" / "symptoms" / "index.html").read_text(encoding="utf-8")
    assert 'rel="alternate" hreflang' not in html


# ---- Search -------------------------------------------------------------------------------

def test_russian_queries_find_their_page(browser, server):
    """Written before the Russian pages and settings existed (tests/data/search-queries-ru.yml);
    typed into the Russian search box. A list of pages means all of them in the top 3."""
    assert len(RU_QUERIES) >= 40
    tab = browser.new_page()
    search_hits.open_search(tab, server + "ru/")
    missed = search_hits.misses(tab, server, RU_QUERIES)
    tab.close()
    hits = len(RU_QUERIES) - len(missed)
    assert not missed, (f"Russian search: {hits}/{len(RU_QUERIES)} queries found their page; "
                        "fix the search or a page's `aliases`, not the query:\n"
                        + "\n".join(missed))


def test_russian_index_keeps_cyrillic_unescaped_and_russian_separator(built_site):
    text = (built_site / "ru" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "\\u04" not in text and "грыж" in text
    assert "[Вв]" in text  # the Russian stop words are separators


# ---- Clinic editions ----------------------------------------------------------------------

CLINIC = """INHERIT: mkdocs.yml
extra:
  country: russia
  care:
    urgent_number: "122"
    urgent_service: "the clinic's urgent line"
  clinic:
    name: Clinic Volga
    phone: "+7 495 555 01 23"
    address: 1 Lenina Street, Moscow
  ru:
    care:
      urgent_service: "срочную линию клиники"
    clinic:
      name: Клиника «Волга»
      address: Москва, ул. Ленина, д. 1
"""


def test_one_clinic_config_builds_both_languages_with_the_same_numbers(tmp_path):
    copy_project(tmp_path)
    (tmp_path / "clinic-volga.yml").write_text(CLINIC, encoding="utf-8")
    result = mkdocs_build(tmp_path / "clinic-volga.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    en = (tmp_path / "site" / "urgent-care" / "index.html").read_text(encoding="utf-8")
    ru = (tmp_path / "site" / "ru" / "urgent-care" / "index.html").read_text(encoding="utf-8")
    for html in (en, ru):
        assert 'href="tel:103"' in html and 'href="tel:122"' in html
        assert 'href="tel:999"' not in html and 'href="tel:111"' not in html
    assert "срочную линию клиники" in ru and "Клиника «Волга»" in ru
    assert "(GP)" not in article(ru) and "(A&amp;E)" not in ru
    assert "приёмное отделение больницы" in ru
    assert "[ru] edition clinic-volga.yml" in result.stderr


@pytest.mark.parametrize("remove, key", [
    ("      urgent_service: \"срочную линию клиники\"\n", "extra.ru.care.urgent_service"),
    ("      name: Клиника «Волга»\n", "extra.ru.clinic.name"),
])
def test_a_missing_russian_word_for_a_clinic_key_fails_naming_it(tmp_path, remove, key):
    copy_project(tmp_path)
    (tmp_path / "clinic-volga.yml").write_text(CLINIC.replace(remove, ""), encoding="utf-8")
    result = mkdocs_build(tmp_path / "clinic-volga.yml", tmp_path / "site")
    assert result.returncode != 0
    assert key in result.stderr, result.stderr[-2000:]
