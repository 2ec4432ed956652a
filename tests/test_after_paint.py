"""Text first: Material's JavaScript starts once a page's text is on screen
(overrides/hooks/after_paint.py and docs/assets/javascripts/after-paint.js), and the reader's
light or dark colours and the switch between them work from the first paint, run by the
handbook's own script (overrides/hooks/colour_switch.py, overrides/partials/colour-switch.html).
Checked in Chromium against the built site; tests/test_build.py checks the script tags."""

from __future__ import annotations

import contextlib

import pytest
from mkdocs.exceptions import PluginError

from site_tools import load_hook, open_page

BUNDLE = r"/bundle\.[0-9a-f]{8}\.min\.js$/"
TIMING = f"""() => ({{
  text: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
  bundle: performance.getEntriesByType("resource").find(r => {BUNDLE}.test(r.name))?.startTime ?? null,
}})"""
SEARCH_OPEN = "() => document.getElementById('__search')?.checked === true"
SWITCH = "label.md-header__button[for^='__palette']:visible"
ROOT_SCHEME = "getComputedStyle(document.documentElement).colorScheme"


@contextlib.contextmanager
def reader(browser, scheme: str, **options):
    """A fresh page in a browser whose system setting is light or dark."""
    context = browser.new_context(color_scheme=scheme, **options)
    try:
        yield context, context.new_page()
    finally:
        context.close()


@pytest.mark.parametrize("path", ["", "symptoms/", "glossary/", "urgent-care/"])
def test_material_starts_after_the_text_is_on_screen(browser, server, path):
    page = browser.new_page()
    try:
        open_page(page, server + path)
        timing = page.evaluate(TIMING)
        assert timing["text"] is not None, "no first contentful paint was reported"
        assert timing["bundle"] is not None, "Material's bundle was never requested"
        assert timing["bundle"] >= timing["text"], f"bundle requested before the text showed: {timing}"
        # Material really started: its keyboard shortcut opens search.
        page.keyboard.press("/")
        page.wait_for_function(SEARCH_OPEN, timeout=5_000)
        # ...and left the colour switch alone: its own adds theme-color and color-scheme tags.
        assert page.locator("head meta[name=theme-color]").count() == 0
        assert page.locator("head meta[name=color-scheme]").count() == 0
    finally:
        page.close()


@pytest.mark.parametrize("scheme, palette", [("dark", "slate"), ("light", "default")])
def test_the_system_palette_shows_before_any_javascript_file(browser, server, scheme, palette):
    # With every script file blocked, only the inline scripts run: the page must still open
    # in the reader's light or dark palette, not flash from white to dark.
    with reader(browser, scheme, viewport={"width": 390, "height": 844}) as (context, page):
        context.route("**/*.js", lambda route: route.abort())
        page.goto(server + "symptoms/", wait_until="load")
        assert page.get_attribute("body", "data-md-color-scheme") == palette
        assert page.get_attribute("html", "data-handbook-js") is None  # really no bundle
        # Material's "js" classes are set before the first paint too, so its start later
        # restyles nothing, and the search button shows from the start (on a phone).
        assert set(page.get_attribute("html", "class").split()) == {"js", "js-focus-visible"}
        assert page.locator("label.md-header__button[for=__search]").is_visible()
        # One switch button shows, offering the other colours, and it works.
        other = {"slate": ("Switch to light mode", "default"), "default": ("Switch to dark mode", "slate")}
        assert page.locator(SWITCH).count() == 1
        assert page.locator(SWITCH).get_attribute("title") == other[palette][0]
        page.locator(SWITCH).click()
        assert page.get_attribute("body", "data-md-color-scheme") == other[palette][1]


def test_a_saved_colour_choice_wins_over_the_system_setting(browser, server):
    with reader(browser, "dark") as (context, page):
        open_page(page, server + "symptoms/")
        assert page.get_attribute("body", "data-md-color-scheme") == "slate"
        assert page.evaluate(ROOT_SCHEME) == "dark"           # the scroll bar, after load
        page.locator(SWITCH).click()
        assert page.get_attribute("body", "data-md-color-scheme") == "default"
        assert page.evaluate(ROOT_SCHEME) == "light"
        context.route("**/*.js", lambda route: route.abort())
        page.goto(server + "causes/", wait_until="load")     # no script file: the saved choice
        assert page.get_attribute("body", "data-md-color-scheme") == "default"
        assert page.locator(SWITCH).get_attribute("title") == "Switch to dark mode"


def test_the_colour_switch_works_from_the_keyboard(browser, server):
    with reader(browser, "light") as (_, page):
        open_page(page, server + "symptoms/")
        page.focus("input[name=__palette]:checked")        # Tab reaches the checked option
        page.keyboard.press("ArrowRight")
        assert page.get_attribute("body", "data-md-color-scheme") == "slate"
        assert page.locator(SWITCH).get_attribute("title") == "Switch to light mode"


def test_a_page_without_materials_script_tag_fails_loudly():
    hook = load_hook("after_paint")
    page = '<body><script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script></body>'
    assert 'data-bundle="../assets/javascripts/bundle.a5f9d56c.min.js"' in \
        hook.load_bundle_after_paint(page, "docs/symptoms.md")
    with pytest.raises(PluginError, match=r"docs/symptoms\.md: no <script> tag for Material's bundle"):
        hook.load_bundle_after_paint("<body></body>", "docs/symptoms.md")


def test_a_page_without_materials_colour_switch_fails_loudly():
    hook = load_hook("colour_switch")
    page = '<header><form class="md-header__option" data-md-component="palette"></form></header>'
    assert '<form class="md-header__option" data-handbook-palette>' in \
        hook.take_over_switch(page, "docs/symptoms.md", expected=True)
    with pytest.raises(PluginError, match=r"docs/symptoms\.md: Material's colour switch markup changed"):
        hook.take_over_switch("<header></header>", "docs/symptoms.md", expected=True)
    # A clinic edition with one palette has no switch, and that is fine.
    assert hook.take_over_switch("<header></header>", "404.html", expected=False) == "<header></header>"
