"""Accessibility of the built site in Chromium.

- axe-core (bundled with axe-playwright-python) on EVERY page, 404 included, in the light and
  the dark palette, at desktop (1280x800) and phone (390x844) width: zero WCAG 2.0/2.1/2.2 A
  and AA violations. The dark palette comes from the reader's system setting
  (prefers-color-scheme), as Material reads it; each page is checked to really use `slate`.
- every <img> in the built HTML has alt text.
- keyboard: Tab from the top reaches the urgent-care banner link first (after "Skip to
  content"), then the search box and the menu; "/" and "s" open search.

Speed: one browser (conftest's), one context per palette and width, axe injected once per
context as an init script, the four contexts run axe on the same page at the same time, and
the search index is served empty (axe never opens search results).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from site_tools import base_path, copy_site, open_page, page_paths, serve, url_of

AXE = Path(axe_playwright_python.__file__).with_name("axe.min.js")
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
PALETTES = {"light": ("light", "default"), "dark": ("dark", "slate")}  # name: (emulated, Material)
WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
COMBOS = [(palette, width) for palette in PALETTES for width in WIDTHS]
# The search index only feeds search results, which axe does not open; an empty one saves each
# page load building the full index (about a second of CPU on a 2-core runner).
EMPTY_SEARCH_INDEX = json.dumps({"config": {"lang": ["en"], "separator": r"[\s\-]+",
                                            "pipeline": ["stopWordFilter"]}, "docs": []})
# Start axe without waiting for it, so the four contexts' renderers work in parallel.
START_AXE = """options => {
  window.__axe = null;
  axe.run(document, options).then(
    r => { window.__axe = r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
             targets: v.nodes.slice(0, 3).map(n => n.target.join(" "))})) },
    e => { window.__axe = [{id: "axe-error", impact: "", help: String(e), targets: []}] });
}"""


def open_contexts(browser, site: Path, base: str, combos):
    """One context per palette/width, with axe preloaded. 404.html links absolutely under
    the published path (/handbook/...): map that onto the server's root."""
    prefix = base_path(site)
    contexts = {}
    for palette, width in combos:
        context = browser.new_context(color_scheme=PALETTES[palette][0], viewport=WIDTHS[width])
        context.add_init_script(path=str(AXE))
        if prefix != "/":
            context.route(f"{base}{prefix.strip('/')}/**", lambda route: route.continue_(
                url=route.request.url.replace(prefix, "/", 1)))
        # Registered last, so it runs first (Playwright tries routes newest first).
        context.route("**/search/search_index.json", lambda route: route.fulfill(
            body=EMPTY_SEARCH_INDEX, content_type="application/json"))
        contexts[(palette, width)] = (context, context.new_page())
    return contexts


def axe_violations(browser, site: Path, base: str, pages: list[str], combos=COMBOS):
    """{(palette, width): ["page: [impact] rule-id: help (targets)"]} for the given pages."""
    contexts = open_contexts(browser, site, base, combos)
    found = {combo: [] for combo in combos}
    published_under = base_path(site).lstrip("/")   # "handbook/": where 404.html expects to be
    try:
        for rel in pages:
            url = base + (published_under + rel if rel == "404.html" else url_of(rel))
            for combo, (_, page) in contexts.items():
                open_page(page, url)
                scheme = page.get_attribute("body", "data-md-color-scheme")
                if scheme != PALETTES[combo[0]][1]:
                    found[combo].append(f"{rel}: the {combo[0]} palette is not applied "
                                        f"(body data-md-color-scheme={scheme!r})")
                page.evaluate(START_AXE, AXE_OPTIONS)
            for combo, (_, page) in contexts.items():
                page.wait_for_function("() => window.__axe !== null", timeout=60_000)
                for v in page.evaluate("window.__axe"):
                    found[combo].append(f"{rel}: [{v['impact']}] {v['id']}: {v['help']} "
                                        f"({'; '.join(v['targets'])})")
    finally:
        for context, _ in contexts.values():
            context.close()
    return found


@pytest.fixture(scope="module")
def axe_results(browser, server, built_site):
    pages = page_paths(built_site)
    results = axe_violations(browser, built_site, server, pages)
    return pages, results


@pytest.mark.parametrize("palette, width", COMBOS, ids=[f"{p}-{w}" for p, w in COMBOS])
def test_axe_finds_no_violations(axe_results, html_pages, ru_html_pages, palette, width):
    pages, results = axe_results
    # Every page of both languages, and each language's 404.html.
    assert len(pages) == len(html_pages) + len(ru_html_pages) + 2
    problems = results[(palette, width)]
    assert problems == [], f"axe, {palette} palette, {width} width:\n" + "\n".join(problems)


def test_planted_accessibility_faults_fail_naming_the_page(browser, built_site, tmp_path):
    site = copy_site(built_site, tmp_path / "site")
    path = site / "causes/index.html"
    html = path.read_text(encoding="utf-8")
    html = html.replace("<article", '<article><p style="color:#aaa;background:#fff">faint</p>'
                        '<img src="../assets/logo.svg"></article><article', 1)
    path.write_text(html, encoding="utf-8")
    with serve(site) as base:
        results = axe_violations(browser, site, base, ["causes/index.html", "about/index.html"],
                                 combos=[("light", "desktop"), ("dark", "phone")])
    for combo, problems in results.items():
        assert problems, f"{combo}: axe accepted the planted faults"
        assert all(p.startswith("causes/index.html: ") for p in problems), problems
        ids = {re.search(r"\] ([\w-]+):", p).group(1) for p in problems}
        assert {"color-contrast", "image-alt"} <= ids, problems


# ---- Images -------------------------------------------------------------------------------

IMG = re.compile(r"<img\b[^>]*>", re.I)
ALT = re.compile(r"""\salt\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)


def images_without_alt(site: Path) -> list[str]:
    problems = []
    for rel in page_paths(site):
        for tag in IMG.findall((site / rel).read_text(encoding="utf-8")):
            alt = ALT.search(tag)
            if not alt or not (alt.group(1) or alt.group(2) or "").strip():
                problems.append(f"{rel}: image without alt text: {tag[:120]}")
    return problems


def test_every_image_has_alt_text(built_site):
    problems = images_without_alt(built_site)
    assert problems == [], "\n".join(problems)


def test_planted_image_without_alt_fails_naming_the_page(built_site, tmp_path):
    site = copy_site(built_site, tmp_path / "site")
    path = site / "symptoms/index.html"
    html = path.read_text(encoding="utf-8")
    changed = re.sub(r'(<img\b[^>]*?)\salt="[^"]*"', r"\1", html, count=1)
    assert changed != html
    path.write_text(changed, encoding="utf-8")
    problems = images_without_alt(site)
    assert len(problems) == 1 and problems[0].startswith("symptoms/index.html: image"), problems


# ---- Keyboard ------------------------------------------------------------------------------

MAX_TABS = 25
FOCUSED = """() => {
  const e = document.activeElement;
  return {banner: !!(e.closest(".md-banner") && /urgent-care\\/$/.test(e.href || "")),
          search: e.matches("input.md-search__input"),
          nav: !!e.closest("nav.md-nav--primary") && e.matches("a[href]")};
}"""
SEARCH_OPEN = """() => document.getElementById("__search")?.checked === true &&
  document.activeElement?.matches("input.md-search__input") === true"""


def keyboard_problems(page, url: str, name: str) -> list[str]:
    problems = []
    open_page(page, url)
    stops = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))

    def first(kind):
        return next((i + 1 for i, stop in enumerate(stops) if stop[kind]), None)

    banner, search, nav = first("banner"), first("search"), first("nav")
    # Stop 1 is "Skip to content", stop 2 the banner's tap-to-call emergency number.
    if banner is None or banner > 3:
        problems.append(f"{name}: the urgent-care banner link is Tab stop {banner}; it must "
                        "come straight after 'Skip to content' and the emergency number")
    if search is None:
        problems.append(f"{name}: Tab never reaches the search box ({MAX_TABS} stops)")
    if nav is None:
        problems.append(f"{name}: Tab never reaches the menu ({MAX_TABS} stops)")
    for key in ("/", "s"):
        open_page(page, url)
        page.keyboard.press(key)
        try:
            page.wait_for_function(SEARCH_OPEN, timeout=3_000)
        except PlaywrightTimeout:
            problems.append(f"{name}: pressing '{key}' does not open search")
    return problems


@pytest.fixture
def desktop_page(browser):
    context = browser.new_context(viewport=WIDTHS["desktop"])
    yield context.new_page()
    context.close()


def test_keyboard_reaches_banner_search_and_menu(desktop_page, server):
    problems = []
    for rel in ("index.html", "symptoms/index.html"):
        problems += keyboard_problems(desktop_page, server + url_of(rel), rel)
    assert problems == [], "\n".join(problems)


def test_planted_keyboard_faults_fail_naming_the_page(desktop_page, built_site, tmp_path):
    site = copy_site(built_site, tmp_path / "site")
    path = site / "symptoms/index.html"
    html = path.read_text(encoding="utf-8")
    banner = html.index('class="md-banner"')
    at = html.rindex("<a ", banner, html.index('urgent-care/"', banner))
    html = html[:at] + '<a tabindex="-1" ' + html[at + 3:]            # banner link not focusable
    html = re.sub(r'<input type="text" class="md-search__input"[^>]*>', "", html)  # no search box
    path.write_text(html, encoding="utf-8")
    with serve(site) as base:
        problems = keyboard_problems(desktop_page, base + "symptoms/", "symptoms/index.html")
    assert all(p.startswith("symptoms/index.html: ") for p in problems), problems
    joined = "\n".join(problems)
    assert "banner link is Tab stop None" in joined and "never reaches the search box" in joined
    assert "pressing '/' does not open search" in joined, joined
