"""Glossary tooltips, used as readers use them, in Chromium: a tap on a phone, a mouse, the
keyboard (Tab, then Escape), and a screen reader's description. Run by the handbook's own
script (docs/assets/javascripts/glossary-tooltips.js) in Material's tooltip box; the words
are marked, and made reachable with Tab, by overrides/hooks/glossary.py."""

from __future__ import annotations

import contextlib

import pytest
from bs4 import BeautifulSoup

from site_tools import load_hook, open_page

TIP = "#handbook-tooltip"
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
# The box as a reader sees it: what it says, and whether it has faded in.
TIP_STATE = """() => {
  const tip = document.querySelector("#handbook-tooltip");
  return tip && {text: tip.textContent, role: tip.getAttribute("role"),
                 active: tip.classList.contains("md-tooltip2--active")};
}"""
SHOWN = """() => {
  const tip = document.querySelector("#handbook-tooltip");
  return !!tip && getComputedStyle(tip).opacity === "1";
}"""
# Where the box's text sits, against the word it explains (viewport pixels).
PLACES = """word => {
  const box = document.querySelector("#handbook-tooltip .md-tooltip2__inner").getBoundingClientRect();
  const at = word.getBoundingClientRect();
  return {top: box.top, left: box.left, right: box.right,
          wordBottom: at.bottom, wordMiddle: at.left + at.width / 2, width: innerWidth};
}"""
WORDS = "article abbr[tabindex]"


@contextlib.contextmanager
def reader(browser, server, path: str, **options):
    context = browser.new_context(**options)
    try:
        page = context.new_page()
        open_page(page, server + path)
        yield page
    finally:
        context.close()


def shown(page) -> dict:
    """Wait for the box to fade in; return what it says."""
    page.wait_for_function(SHOWN, timeout=3_000)
    return page.evaluate(TIP_STATE)


def gone(page) -> None:
    """Wait for the box to leave the page (it fades out first)."""
    page.wait_for_function(f"() => !document.querySelector('{TIP}')", timeout=3_000)


def assert_describes(word) -> None:
    """While the box shows, it describes the word (for screen readers), and the browser's
    own title box, which would show the same words again, is off."""
    assert word.get_attribute("aria-describedby") == TIP[1:]
    assert word.get_attribute("title") is None


def assert_restored(word, meaning: str) -> None:
    assert word.get_attribute("title") == meaning
    assert word.get_attribute("aria-describedby") is None


def is_focused(word) -> bool:
    return word.evaluate("el => el === document.activeElement")


@pytest.mark.parametrize("path", ["", "symptoms/", "urgent-care/"])
def test_a_tap_on_a_phone_shows_the_meaning_under_the_word(browser, server, path):
    with reader(browser, server, path, **PHONE) as page:
        assert page.locator(TIP).count() == 0, "the box is made only when a word is used"
        word = page.locator(WORDS).first
        meaning = word.get_attribute("title")
        assert meaning
        word.tap()
        state = shown(page)
        assert state["text"] == meaning and state["role"] == "tooltip"
        assert_describes(word)
        # Under the word, across its middle, and all of it on the screen.
        place = word.evaluate(PLACES)
        assert place["wordBottom"] <= place["top"] <= place["wordBottom"] + 16, place
        assert 0 <= place["left"] and place["right"] <= place["width"], place
        assert place["left"] <= place["wordMiddle"] <= place["right"], place
        # Material does not set up a second box of its own.
        assert page.locator(".md-tooltip2").count() == 1
        # A tap somewhere else closes it.
        page.touchscreen.tap(4, 500)
        gone(page)
        assert_restored(word, meaning)


def test_a_tap_on_another_word_moves_the_box(browser, server):
    with reader(browser, server, "symptoms/", **PHONE) as page:
        first, second = page.locator(WORDS).nth(0), page.locator(WORDS).nth(1)
        first_meaning, second_meaning = first.get_attribute("title"), second.get_attribute("title")
        first.tap()
        assert shown(page)["text"] == first_meaning
        second.tap()
        page.wait_for_function(f"() => document.querySelector('{TIP}')?.textContent === {second_meaning!r}")
        assert page.locator(TIP).count() == 1
        assert_restored(first, first_meaning)
        assert_describes(second)


def test_the_keyboard_opens_it_and_escape_closes_it(browser, server):
    with reader(browser, server, "symptoms/", viewport={"width": 1280, "height": 800}) as page:
        word = page.locator(WORDS).first
        meaning = word.get_attribute("title")
        for _ in range(80):  # past the banner, header and menu, as a keyboard user goes
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('article abbr')"):
                break
        else:
            pytest.fail("the Tab key never reached a glossary word on symptoms/")
        assert is_focused(word), "the first word on the page is not the first reached"
        assert shown(page)["text"] == meaning
        assert_describes(word)
        # Escape closes it and leaves the focus where it was (WCAG 1.4.13: dismissible).
        page.keyboard.press("Escape")
        gone(page)
        assert is_focused(word)
        assert_restored(word, meaning)
        # Away and back again: it shows again.
        page.keyboard.press("Tab")
        assert not is_focused(word)
        assert_restored(word, meaning)
        page.keyboard.press("Shift+Tab")
        assert is_focused(word)
        assert shown(page)["text"] == meaning


def test_the_pointer_can_move_onto_the_box_and_leaving_closes_it(browser, server):
    with reader(browser, server, "", viewport={"width": 1280, "height": 800}) as page:
        word = page.locator(WORDS).nth(2)
        meaning = word.get_attribute("title")
        word.hover()
        assert shown(page)["text"] == meaning
        assert_describes(word)
        # Onto the box, to read it (WCAG 1.4.13: hoverable): it stays open.
        box = page.locator(f"{TIP} .md-tooltip2__inner").bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
        page.wait_for_timeout(600)  # longer than the 250 ms it waits after the pointer leaves
        assert page.evaluate(TIP_STATE)["active"]
        # Away from both: it closes.
        page.mouse.move(5, 790, steps=5)
        gone(page)
        assert_restored(word, meaning)


def test_a_word_in_a_table_keeps_its_box_when_the_table_scrolls(browser, server):
    # On a phone, a wide table scrolls sideways inside the page; the box follows its word.
    # The handbook's tables fit a phone today, so this one is made wider than the screen.
    host_x = f"() => parseFloat(document.querySelector('{TIP}').style.getPropertyValue('--md-tooltip-host-x'))"
    word_x = "word => word.getBoundingClientRect().left + scrollX"
    with reader(browser, server, "symptoms/", **PHONE) as page:
        word = page.locator("article table abbr[tabindex]").first
        table = word.locator("xpath=ancestor::*[contains(@class, 'md-typeset__scrollwrap')]")
        word.evaluate("w => { w.closest('table').style.minWidth = '800px'; }")
        assert table.evaluate("el => el.scrollWidth > el.clientWidth"), "the table does not scroll"
        word.tap()
        shown(page)
        assert page.evaluate(host_x) == pytest.approx(word.evaluate(word_x), abs=1)
        start = word.evaluate(word_x)
        table.evaluate("el => el.scrollBy(40, 0)")
        page.wait_for_function(f"() => Math.abs(({host_x})() - {start - 40}) < 1", timeout=2_000)
        assert word.evaluate(word_x) == pytest.approx(start - 40, abs=1)


# ---- The words: which ones take the focus ------------------------------------------------

def test_every_kept_word_outside_a_link_can_take_the_focus(html_pages):
    for name, path in html_pages.items():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for word in soup.select("article abbr"):
            in_control = word.find_parent(["a", "button", "label", "summary"]) is not None
            assert (word.get("tabindex") == "0") != in_control, f"{name}: {word}"


def test_a_word_inside_a_link_or_control_is_not_made_focusable():
    glossary = load_hook("glossary")
    html = ('<p><abbr title="Leg pain">sciatica</abbr></p>'
            '<p><a href="x">A <abbr title="A scan">MRI</abbr></a></p>'
            '<details><summary>See <a href="y">z</a> and <abbr title="Spine">spine</abbr></summary>'
            '</details><button><abbr title="Nerve">nerve</abbr></button>'
            '<p><abbr title="Disc">disc</abbr></p>')
    result = glossary.first_use_only(html)
    assert result == html.replace("<abbr title=\"Leg", "<abbr tabindex=\"0\" title=\"Leg").replace(
        "<abbr title=\"Disc", "<abbr tabindex=\"0\" title=\"Disc")
