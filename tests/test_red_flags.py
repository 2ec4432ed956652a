"""Red flags are written once (docs/_data/red-flags.yml) and every copy matches it: on the
urgent-care page, in the "Get help now" boxes and in printouts (see test_pdf.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT

URGENT_CARDS = ["emergency", "cauda-equina-more", "same-day", "tell-your-doctor", "gp"]
BOX_PAGES = ["symptoms", "self-care", "medicines", "exercises-prevention"]


@pytest.fixture(scope="module")
def cards(site_config) -> dict[str, dict]:
    """The cards as the site shows them: numbers filled in from `extra.care`."""
    care = site_config["extra"]["care"]
    raw = yaml.safe_load((ROOT / "docs/_data/red-flags.yml").read_text())["cards"]
    return {name: {"heading": card["heading"].format_map(care),
                   "items": [i.format_map(care) for i in card["items"]]}
            for name, card in raw.items()}


def card_drift(html: str, cards: dict[str, dict]) -> list[str]:
    """Every difference between the cards in one page's HTML and the data file."""
    problems = []
    for div in BeautifulSoup(html, "html.parser").select("[data-care-card]"):
        name = div["data-care-card"]
        if name not in cards:
            problems.append(f"unknown card {name}")
            continue
        items = [re.sub(r"\s+", " ", li.get_text()).strip() for li in div.select("li")]
        if items != cards[name]["items"]:
            problems.append(f"{name}: items differ from red-flags.yml: {items}")
        title = re.sub(r"\s+", " ", div.select_one(".admonition-title").get_text()).strip()
        if not title.endswith(cards[name]["heading"]):
            problems.append(f"{name}: heading differs: {title}")
    return problems


def test_every_card_on_every_page_matches_the_data_file(html_pages, cards):
    drift = {name: problems for name, path in html_pages.items()
             if (problems := card_drift(path.read_text(), cards))}
    assert drift == {}


def test_a_changed_copy_is_caught(html_pages, cards):
    html = html_pages["urgent-care/index.html"].read_text()
    first = cards["emergency"]["items"][0]
    assert card_drift(html, cards) == []
    assert card_drift(html.replace(first, first + " if it lasts a week", 1), cards)
    assert card_drift(html.replace(f"<li>{first}</li>", "", 1), cards)


def test_urgent_page_has_every_level(html_pages):
    soup = BeautifulSoup(html_pages["urgent-care/index.html"].read_text(), "html.parser")
    shown = [div["data-care-card"] for div in soup.select("[data-care-card]")]
    assert shown[:len(URGENT_CARDS)] == URGENT_CARDS


@pytest.mark.parametrize("page", BOX_PAGES)
def test_get_help_now_box_on_symptom_self_care_medicine_and_exercise_pages(html_pages, page):
    soup = BeautifulSoup(html_pages[f"{page}/index.html"].read_text(), "html.parser")
    assert soup.select_one('article [data-care-card="get-help-now"]'), page


def test_emergency_cards_have_no_links(html_pages):
    for name, path in html_pages.items():
        soup = BeautifulSoup(path.read_text(), "html.parser")
        for card in soup.select(".care-card.emergency"):
            assert not card.find("a"), f"{name}: emergency card {card['data-care-card']} has a link"


def test_urgency_is_in_words_not_colour_alone(html_pages):
    soup = BeautifulSoup(html_pages["urgent-care/index.html"].read_text(), "html.parser")
    for card in soup.select("[data-care-card]"):
        label = card.select_one(".care-card__urgency").get_text(strip=True)
        assert label in {"Emergency:", "Urgent:", "Tell your doctor:", "Non-urgent:"}, label


def test_no_page_writes_red_flags_by_hand(cards):
    # A red flag typed into a page would not follow changes to the data file. Figure alt
    # text may describe a flowchart's boxes, so images are left out.
    items = [item for card in cards.values() for item in card["items"]]
    for path in (ROOT / "docs").rglob("*.md"):
        text = re.sub(r"\s+", " ", re.sub(r"!\[[^\]]*\]\([^)]*\)", "", path.read_text()))
        copied = [item for item in items if item in text]
        assert copied == [], f"{path.relative_to(ROOT)} repeats red flags: {copied}"


def test_every_page_prints_the_get_help_now_box_or_has_a_card(html_pages):
    # Printouts of any page carry the red flags (print-only box when the page has no card).
    for name, path in html_pages.items():
        soup = BeautifulSoup(path.read_text(), "html.parser")
        assert soup.select_one("article [data-care-card]"), f"{name} prints no red flags"
