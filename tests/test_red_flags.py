"""Red flags are written once (docs/_data/red-flags.yml) and each warning sign has exactly one
urgency tier everywhere a reader meets it: the cards and short boxes on every page, the
flowchart, the prose, and every PDF. The tier test collects each sign from all of those places
and fails, naming both places, when one sign shows up in two tiers."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import red_flags  # noqa: E402

URGENT_CARDS = ["emergency", "cauda-equina-more", "other-emergencies", "same-day",
                "tell-your-doctor", "gp"]
BOX_PAGES = ["symptoms", "self-care", "medicines", "exercises-prevention"]
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def flags(site_config) -> red_flags.RedFlags:
    """The cards and boxes as the site shows them: numbers filled in from `extra.care`."""
    return red_flags.load(ROOT / "docs/_data/red-flags.yml", site_config["extra"]["care"])


# ---- Finding signs and their tiers --------------------------------------------------------

def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def signs_in(text: str, flags) -> set[str]:
    """The signs whose `match` words appear in the text (case-insensitive)."""
    low = text.lower()
    return {sign for sign, entry in flags.signs.items()
            if any(word.lower() in low for word in entry["match"])}


def tier_words(care: dict) -> dict[str, re.Pattern]:
    """Words that give a sentence an urgency: only the two tiers a reader acts on at once."""
    emergency = "|".join(map(re.escape, (care["emergency_number"], care["emergency_place"])))
    return {
        "emergency": re.compile(rf"(?<!\w)({emergency})(?!\w)|\bemergenc(y|ies)\b|\bambulance\b",
                                re.IGNORECASE),
        "same-day": re.compile(rf"\bsame[- ]day\b|\btoday\b|\burgent GP\b|"
                               rf"(?<!\w){re.escape(care['urgent_number'])}(?!\w)", re.IGNORECASE),
    }


# "is not an emergency" says which tier a sign is NOT in.
NEGATED = re.compile(r"\b(?:(?:is|are|it's)\s+not|isn't|aren't|not|no)\s+(?:an?\s+)?"
                     r"(?:emergency|urgent|same[- ]day)\b", re.IGNORECASE)


def prose_tier(sentence: str, words: dict[str, re.Pattern]) -> str | None:
    """The one tier a sentence puts its signs in, or None (no tier word, or both)."""
    sentence = NEGATED.sub(" ", sentence)
    found = [tier for tier, regex in words.items() if regex.search(sentence)]
    return found[0] if len(found) == 1 else None


def sentences(text: str) -> list[str]:
    """Sentences; " | " marks where a card's words were taken out of a PDF's text."""
    return [s.strip() for s in re.split(r"(?<=[.!?:])\s+|\s\|\s", squash(text)) if s.strip()]


def places_in_html(name: str, html: str, flags, words) -> list[tuple[str, str, str]]:
    """(sign, tier, place) for every sign shown on one page: in cards by the card's tier,
    in prose by the tier word in the same sentence."""
    found = []
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article") or soup
    for card in article.select("[data-care-card]"):
        for li in card.select("li"):
            for sign in signs_in(li.get_text(" "), flags):
                found.append((sign, card["data-tier"], f"{name}: card {card['data-care-card']}"))
        card.decompose()
    for meta in article.select(".page-meta__sources"):
        meta.decompose()  # source titles are not advice
    for block in article.find_all(["p", "li", "td", "figcaption"]):
        if block.find(["p", "li"]):
            continue  # the inner blocks are read on their own
        for sentence in sentences(block.get_text(" ")):
            tier = prose_tier(sentence, words)
            for sign in signs_in(sentence, flags) if tier else ():
                found.append((sign, tier, f"{name}: prose \"{sentence[:90]}\""))
    return found


def places_in_svg(name: str, svg: str, flags) -> list[tuple[str, str, str]]:
    found = []
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        tier = group.get("data-tier")
        if tier:
            text = " ".join(" ".join(t.itertext()) for t in group.iter(f"{SVG}text"))
            found += [(sign, tier, f"{name}: {tier} step") for sign in signs_in(text, flags)]
    return found


def places_in_pdf(name: str, text: str, flags, words) -> list[tuple[str, str, str]]:
    """A card or box counts as printed when its heading and every item are in the text
    (Chromium's two-column handouts do not keep them in reading order); its signs are then
    in its tier. Its words are taken out, and everything left is read as prose."""
    found, rest = [], squash(text)
    for card in flags.cards.values():
        if card.heading in rest and all(item in rest for item in card.items):
            for covers in card.covers:
                found += [(sign, card.tier, f"{name}: {card.name} box") for sign in covers]
    for card in flags.cards.values():
        for words_ in sorted([card.heading, *card.items, card.footer], key=len, reverse=True):
            if words_:
                rest = rest.replace(words_, " | ")
    for sentence in sentences(rest):
        tier = prose_tier(sentence, words)
        for sign in signs_in(sentence, flags) if tier else ():
            found.append((sign, tier, f"{name}: text \"{sentence[:90]}\""))
    return found


def tier_clashes(places, flags) -> list[str]:
    """Each sign met in a tier other than its own, naming where it is in each tier."""
    by_sign: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for sign, tier, place in places:
        by_sign[sign][tier].append(place)
    clashes = []
    for sign, tiers in sorted(by_sign.items()):
        own = flags.tier_of(sign)
        for tier, where in tiers.items():
            if tier != own:
                home = tiers.get(own, ["red-flags.yml"])[0]
                clashes.append(f"'{sign}' is {own} in {home} but {tier} in {where[0]}")
    return clashes


# ---- The tier rule, everywhere ------------------------------------------------------------

def test_each_sign_has_one_tier_on_every_page_and_figure(html_pages, built_site, flags,
                                                         site_config):
    words = tier_words(site_config["extra"]["care"])
    places = []
    for name, path in html_pages.items():
        places += places_in_html(name, path.read_text(), flags, words)
    svg = built_site / "assets/figures/care-flowchart.svg"
    places += places_in_svg(svg.name, svg.read_text(), flags)
    assert {tier for _, tier, place in places if place.startswith("care-flowchart")} == \
        {"emergency", "same-day", "routine"}
    assert tier_clashes(places, flags) == []


def test_each_sign_has_one_tier_in_every_pdf(pdf_dir, flags, site_config):
    words = tier_words(site_config["extra"]["care"])
    places = []
    for pdf in sorted(pdf_dir.glob("*.pdf")):
        text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
        places += places_in_pdf(pdf.name, text, flags, words)
    # Every printout shows both short boxes (or the full cards), so all signs are found.
    assert {sign for sign, _, _ in places} >= {
        s for s, e in flags.signs.items() if e["tier"] in ("emergency", "same-day")}
    assert tier_clashes(places, flags) == []


def test_the_tier_test_catches_a_sign_in_a_second_tier(html_pages, flags, site_config):
    words = tier_words(site_config["extra"]["care"])
    html = html_pages["urgent-care/index.html"].read_text()
    assert tier_clashes(places_in_html("urgent-care", html, flags, words), flags) == []
    fever = flags.signs["fever"]["text"]
    # A same-day sign copied into an emergency card...
    planted = html.replace("<li>chest pain</li>", f"<li>chest pain</li><li>{fever}</li>", 1)
    clashes = tier_clashes(places_in_html("urgent-care", planted, flags, words), flags)
    assert clashes and "'fever' is same-day in urgent-care: card same-day" in clashes[0]
    assert "emergency in urgent-care: card other-emergencies" in clashes[0]
    # ...or restated in prose with another tier.
    prose = html.replace("</article>", "<p>If you notice your legs giving way, see a GP today.</p>"
                         "</article>", 1)
    clashes = tier_clashes(places_in_html("urgent-care", prose, flags, words), flags)
    assert any("'walking' is emergency" in c and "same-day in urgent-care: prose" in c
               for c in clashes), clashes


def test_a_negated_tier_is_not_a_tier():
    words = tier_words({"emergency_number": "999", "emergency_place": "A&E",
                        "urgent_number": "111"})
    assert prose_tier("Aching legs when you walk are not an emergency.", words) is None
    assert prose_tier("This aching isn't an emergency.", words) is None
    assert prose_tier("Legs that give way are an emergency.", words) == "emergency"
    assert prose_tier("Call 999 if your legs give way.", words) == "emergency"
    assert prose_tier("Call 111 today if you have a high temperature.", words) == "same-day"


# ---- The data file's own rules (scripts/red_flags.py, run by the build) --------------------

def planted(tmp_path: Path, old: str, new: str) -> Path:
    source = (ROOT / "docs/_data/red-flags.yml").read_text()
    assert old in source, old
    path = tmp_path / "red-flags.yml"
    path.write_text(source.replace(old, new, 1))
    return path


@pytest.mark.parametrize("old, new, message", [
    # The review's finding 2: worsening weakness put in the same-day card too.
    ("signs: [fever, weight-loss,", "signs: [leg-weakness-fast, fever, weight-loss,",
     "card 'same-day' is tier 'same-day' but shows sign 'leg-weakness-fast', which is tier "
     "'emergency'"),
    ("signs: [accident, chest-pain, aorta, cold-foot]", "signs: [accident, chest-pain, aorta]",
     "signs in no card: cold-foot"),
    ("        covers: [cold-foot]\n", "        covers: [aorta]\n",
     "box 'get-help-now' leaves out signs of its tier 'emergency': cold-foot"),
    ("  fever:\n    tier: same-day", "  fever:\n    tier: urgentish",
     "sign 'fever': `tier` must be one of"),
    ("{urgent_service} today", "{urgent_servce} today", "unknown care number 'urgent_servce'"),
])
def test_inconsistent_red_flag_data_fails_naming_the_sign(tmp_path, site_config, old, new,
                                                          message):
    with pytest.raises(red_flags.RedFlagError, match=re.escape(message)):
        red_flags.load(planted(tmp_path, old, new), site_config["extra"]["care"])


# ---- Cards on pages -----------------------------------------------------------------------

def card_drift(html: str, flags) -> list[str]:
    """Every difference between the cards in one page's HTML and the data file."""
    problems = []
    for div in BeautifulSoup(html, "html.parser").select("[data-care-card]"):
        name = div["data-care-card"]
        if name not in flags.cards:
            problems.append(f"unknown card {name}")
            continue
        card = flags.cards[name]
        items = [squash(li.get_text()) for li in div.select("li")]
        if items != card.items:
            problems.append(f"{name}: items differ from red-flags.yml: {items}")
        title = squash(div.select_one(".admonition-title").get_text())
        if not title.endswith(card.heading):
            problems.append(f"{name}: heading differs: {title}")
        if div.get("data-tier") != card.tier:
            problems.append(f"{name}: tier {div.get('data-tier')} is not {card.tier}")
    return problems


def test_every_card_on_every_page_matches_the_data_file(html_pages, flags):
    drift = {name: problems for name, path in html_pages.items()
             if (problems := card_drift(path.read_text(), flags))}
    assert drift == {}


def test_a_changed_copy_is_caught(html_pages, flags):
    html = html_pages["urgent-care/index.html"].read_text()
    first = flags.cards["emergency"].items[0]
    assert card_drift(html, flags) == []
    assert card_drift(html.replace(first, first + " if it lasts a week", 1), flags)
    assert card_drift(html.replace(f"<li>{first}</li>", "", 1), flags)


def test_urgent_page_has_every_level(html_pages):
    soup = BeautifulSoup(html_pages["urgent-care/index.html"].read_text(), "html.parser")
    shown = [div["data-care-card"] for div in soup.select("article [data-care-card]")]
    assert shown[:len(URGENT_CARDS)] == URGENT_CARDS


def test_flowchart_alt_text_is_drawn_from_the_boxes(html_pages, flags):
    soup = BeautifulSoup(html_pages["urgent-care/index.html"].read_text(), "html.parser")
    alt = soup.select_one('article img[src$="care-flowchart.svg"]')["alt"]
    for name in ("get-help-now", "same-day-short", "see-gp-short"):
        assert all(item in alt for item in flags.cards[name].items), name


@pytest.mark.parametrize("page", BOX_PAGES)
def test_get_help_now_box_on_symptom_self_care_medicine_and_exercise_pages(html_pages, page):
    soup = BeautifulSoup(html_pages[f"{page}/index.html"].read_text(), "html.parser")
    assert soup.select_one('article [data-care-card="get-help-now"]'), page


def test_emergency_cards_have_no_links(html_pages, site_config):
    """A reader in an emergency should act, not browse: the only links in an emergency card
    are its numbers, to tap and call, each named "Call <number>" for screen readers."""
    care = site_config["extra"]["care"]
    seen = 0
    for name, path in html_pages.items():
        soup = BeautifulSoup(path.read_text(), "html.parser")
        for card in soup.select(".care-card.emergency"):
            for link in card.find_all("a"):
                number = link.get_text(strip=True)
                assert link["href"] == "tel:" + number.replace(" ", ""), \
                    f"{name}: emergency card {card['data-care-card']} links to {link['href']}"
                assert link["aria-label"] == f"Call {number}", name
                assert number in (care["emergency_number"], care["international_number"]), name
                seen += 1
    assert seen > 0, "no emergency card has a tap-to-call number"


def test_urgency_is_in_words_not_colour_alone(html_pages):
    soup = BeautifulSoup(html_pages["urgent-care/index.html"].read_text(), "html.parser")
    for card in soup.select("[data-care-card]"):
        label = card.select_one(".care-card__urgency").get_text(strip=True)
        assert label in {"Emergency:", "Urgent:", "Tell your doctor:", "Non-urgent:"}, label


def test_no_page_writes_red_flags_by_hand(flags):
    # A red flag typed into a page would not follow changes to the data file.
    items = [item for card in flags.cards.values() for item in card.items if len(item) > 20]
    for path in (ROOT / "docs").rglob("*.md"):
        text = squash(re.sub(r"!\[[^\]]*\]\([^)]*\)", "", path.read_text()))
        copied = [item for item in items if item in text]
        assert copied == [], f"{path.relative_to(ROOT)} repeats red flags: {copied}"


def test_every_printout_carries_the_emergency_and_same_day_signs(html_pages):
    # On paper every page shows the emergency box and the same-day box (print-only when the
    # page has none of its own); the urgent-care page shows the full cards.
    for name, path in html_pages.items():
        soup = BeautifulSoup(path.read_text(), "html.parser")
        shown = {div["data-care-card"] for div in soup.select("article [data-care-card]")}
        assert ({"get-help-now", "same-day-short"} <= shown
                or {"emergency", "other-emergencies", "same-day"} <= shown), f"{name}: {shown}"
