"""The strict build passes and every published page carries what a reader relies on."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_strict_build_has_no_warnings(built_site):
    log = built_site.joinpath(".build-log").read_text()
    assert "WARNING" not in log, log
    assert built_site.joinpath("index.html").is_file()


def test_every_page_is_checked(html_pages, site_config):
    # Guards the checks below against passing on an empty or partial site.
    nav_pages = [next(iter(item.values())) for item in site_config["nav"]]
    for page in nav_pages:
        name = "index.html" if page == "index.md" else page.removesuffix(".md") + "/index.html"
        assert name in html_pages, f"{page} is in nav but was not built"


def test_titles_are_unique(html_pages):
    titles = Counter(soup(p).title.get_text(strip=True) for p in html_pages.values())
    assert [t for t, n in titles.items() if n > 1] == []


@pytest.fixture(scope="module")
def parsed(html_pages):
    return {name: soup(path) for name, path in html_pages.items()}


def test_one_h1_per_page(parsed):
    wrong = {name: len(s.find_all("h1")) for name, s in parsed.items() if len(s.find_all("h1")) != 1}
    assert wrong == {}


def test_meta_description_on_every_page(parsed):
    missing = [n for n, s in parsed.items()
               if not (s.find("meta", attrs={"name": "description"}) or {}).get("content")]
    assert missing == []


def test_urgent_care_link_on_every_page(parsed):
    # The banner link, on every page (including the urgent page itself, where it is "./").
    def banner_target(name, s):
        link = s.select_one(".md-banner a[href]:not(.tel)")  # not the tap-to-call number
        return urljoin("https://site.test/" + name, link["href"]) if link else None

    missing = [n for n, s in parsed.items()
               if banner_target(n, s) != "https://site.test/urgent-care/"]
    assert missing == []


def test_review_dates_on_every_page(parsed):
    pattern = re.compile(r"Page last reviewed: \d{1,2} \w+ \d{4}\s+Next review due: \d{1,2} \w+ \d{4}")
    missing = [n for n, s in parsed.items()
               if not pattern.search(" ".join(s.select_one(".page-meta__review").stripped_strings)
                                     if s.select_one(".page-meta__review") else "")]
    assert missing == []


def test_sources_and_report_link_on_every_page(parsed):
    for name, s in parsed.items():
        assert s.select(".page-meta__sources li a[href^='https://']"), f"{name}: no sources"
        report = s.select_one(".page-meta__report a")
        assert report and "Report a problem with this page" in report.text, name


def test_disclaimer_in_every_footer(parsed):
    missing = [n for n, s in parsed.items()
               if "does not replace advice" not in s.select_one("footer").get_text()]
    assert missing == []


def test_contributor_pages_published_but_not_in_patient_nav(parsed):
    contributing = [n for n in parsed if n.startswith("contributing/")]
    assert contributing, "contributor pages were not published"
    nav = parsed["index.html"].select_one("nav.md-nav--primary")
    assert not nav.select('a[href*="contributing/"]')


def test_no_script_holds_back_the_first_paint(parsed):
    # No script file in <head>. At the end of <body>: lazy-search.js (it must run before
    # Material's bundle, to hold back the search index), then the loader that starts the
    # bundle after the first paint, then, on pages with glossary words, their tooltips,
    # deferred; never the bundle itself. The file:// shim is only in the offline copy.
    wrong = {}
    for name, s in parsed.items():
        head = [t["src"] for t in s.head.select("script[src]")]
        body = [t["src"].rsplit("/", 1)[-1] for t in s.body.select("script[src]")]
        loader = s.body.select("script[src$='after-paint.js']")
        words = s.select("article abbr")
        expected = ["lazy-search.js", "after-paint.js"] + ["glossary-tooltips.js"] * bool(words)
        deferred = s.body.select("script[src$='glossary-tooltips.js'][defer]")
        if head or body[-len(expected):] != expected or len(deferred) != bool(words) \
                or any(b.startswith("bundle.") or "shim" in b for b in body) \
                or not re.fullmatch(r"(\.\./)*assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js|"
                                    r"/.*/assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js",
                                    loader[0].get("data-bundle", "") if loader else ""):
            wrong[name] = (head, body)
    assert wrong == {}


def test_section_links_are_named_and_carry_no_tooltip(parsed):
    # The "¶" link after each heading: named for screen readers (overrides/hooks/a11y.py),
    # and no title, which Material (with `content.tooltips` on) would turn into a tooltip to
    # set up on every page open.
    links = {name: s.select("a.headerlink") for name, s in parsed.items()}
    assert sum(len(found) for found in links.values()) > 100
    wrong = {name: [str(a)[:90] for a in found
                    if a.get("aria-label") != "Link to this section" or a.has_attr("title")]
             for name, found in links.items()}
    assert {name: bad for name, bad in wrong.items() if bad} == {}
