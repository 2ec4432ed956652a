"""Figures: drawn for the handbook as small, self-contained SVGs, in every language; each is on
its page with alt text and a caption, in the PDFs, and readable in both palettes and on paper.

scripts/figures/make_figures.py draws every figure from one drawing and each language's words
(its LABELS): docs/assets/figures/ (English) and docs-ru/assets/figures/ (Russian). The care
flowchart is drawn by the build, in the build's language."""

from __future__ import annotations

import gzip
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import data_files  # noqa: E402
import editions  # noqa: E402
import health_words  # noqa: E402
import languages  # noqa: E402
import red_flags  # noqa: E402
from figures import make_figures  # noqa: E402

FIGURES = ROOT / "docs/assets/figures"
LANGS = ("en", *languages.OTHER)
# Drawn by the build from _data/red-flags.yml (overrides/hooks/care_cards.py), so it is
# read from the built site like the others, and is not a file in docs/.
GENERATED = {"care-flowchart.svg"}
SVG = "{http://www.w3.org/2000/svg}"
# figure -> the page that shows it
PLACES = {
    "spine-disc.svg": "understanding",
    "pain-map.svg": "symptoms",
    "saddle-area.svg": "urgent-care",
    "care-flowchart.svg": "urgent-care",
    "lifting.svg": "exercises-prevention",
    "sleeping.svg": "exercises-prevention",
}
DRAWN = sorted(set(PLACES) - GENERATED)      # the files make_figures.py writes
MAKERS = {f"{make.__name__.replace('_', '-')}.svg": make for make in make_figures.FIGURES}
VAGUE_ALT = {"diagram", "image", "picture", "figure", "illustration", "chart",
             "схема", "рисунок", "изображение", "картинка", "иллюстрация"}
# English names a Russian figure may show: the UK's own care words, which the Russian UK
# edition keeps in brackets or as a name ("врача (GP)", "(A&E)", "NHS 111").
ENGLISH_NAMES = {"NHS", "GP", "A&E"}
LATIN_WORD = re.compile(r"[A-Za-z](?:[A-Za-z]|&(?=[A-Za-z]))*")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def built_figures_of(site: Path, lang: str) -> Path:
    return site / languages.language_path(lang) / "assets/figures"


def page_of(site: Path, lang: str, page: str) -> Path:
    return site / languages.language_path(lang) / page / "index.html"


@pytest.fixture(scope="module")
def built_figures(built_site):
    return built_figures_of(built_site, "en")


# ---- The script and its words -------------------------------------------------------------

def test_figure_script_writes_every_language_of_the_handbook():
    assert make_figures.DOCS == {"en": "docs", **{lang: info["docs"]
                                                  for lang, info in languages.OTHER.items()}}
    assert set(make_figures.LABELS) == set(make_figures.LAYOUT) == set(LANGS)
    assert sorted(MAKERS) == DRAWN


def test_every_language_has_every_label(monkeypatch):
    for lang in LANGS:
        for figure in make_figures.LABELS["en"]:
            make_figures.words(lang, figure)   # raises LabelError, naming the key
    # A label left out of a translation fails, naming the language, figure and key.
    ru = {**make_figures.LABELS["ru"], "pain-map": dict(make_figures.LABELS["ru"]["pain-map"])}
    del ru["pain-map"]["key"]
    monkeypatch.setitem(make_figures.LABELS, "ru", ru)
    missing = r"LABELS\['ru'\]\['pain-map'\]: missing \['key'\]"
    with pytest.raises(make_figures.LabelError, match=missing):
        make_figures.pain_map("ru")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", DRAWN)
def test_figure_files_are_up_to_date_with_the_script(lang, name):
    path = make_figures.out_dir(lang) / name
    assert path.is_file(), f"{path} is missing: run python3 scripts/figures/make_figures.py"
    assert path.read_text(encoding="utf-8") == MAKERS[name](lang).svg(), (
        f"{path.relative_to(ROOT)} differs from what scripts/figures/make_figures.py draws: "
        "change the script (its LABELS for words), then run it")


# ---- Every figure, every language ---------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_figure_file_is_placed(built_site, lang):
    assert sorted(p.name for p in make_figures.out_dir(lang).glob("*.svg")) == DRAWN
    built = built_figures_of(built_site, lang)
    assert sorted(p.name for p in built.glob("*.svg")) == sorted(PLACES)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", sorted(PLACES))
def test_figure_is_small_accessible_and_self_contained(built_site, lang, name):
    path = built_figures_of(built_site, lang) / name
    assert path.stat().st_size < 30_000, f"{name} is {path.stat().st_size} bytes"
    text = path.read_text()
    root = ET.fromstring(text)
    assert root.get("viewBox") and root.get("role") == "img"
    assert root[0].tag == f"{SVG}title" and root[0].text.strip()
    assert root.find(f"{SVG}desc") is not None
    # Nothing fetched from elsewhere: no links out, no imports, no web fonts.
    assert not re.search(r"(href|src)\s*=\s*[\"'](?!#)", text), name
    assert "@import" not in text and "url(http" not in text, name
    # Its own white background keeps dark lines readable in the dark palette.
    background = root.find(f"{SVG}rect")
    assert background is not None and background.get("fill", "").lower() in ("#fff", "#ffffff", "white")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", sorted(PLACES))
def test_figure_text_is_at_least_14px_shown_640_wide(built_site, lang, name):
    root = ET.fromstring((built_figures_of(built_site, lang) / name).read_text())
    width = float(root.get("viewBox").split()[2])
    sizes = [float(t.get("font-size")) for t in root.iter(f"{SVG}text")]
    assert sizes, f"{name} has no text"
    assert min(sizes) * 640 / width >= make_figures.MIN_PX_AT_640, \
        f"{lang} {name}: {min(sizes)}px in a {width:g}px wide figure"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name, page", sorted(PLACES.items()))
def test_figure_on_its_page_with_alt_text_and_caption(built_site, lang, name, page):
    soup = BeautifulSoup(page_of(built_site, lang, page).read_text(), "html.parser")
    img = soup.select_one(f'article img[src$="assets/figures/{name}"]')
    assert img is not None, f"{name} is not on {lang} {page}"
    alt = img.get("alt", "").strip()
    assert len(alt.split()) >= 8 and alt.lower().rstrip(".") not in VAGUE_ALT, alt
    figure = img.find_parent("figure")
    assert figure and figure.figcaption and figure.figcaption.get_text(strip=True)


# ---- The Russian figures ------------------------------------------------------------------

def foreign_words(text: str) -> list[str]:
    """Latin-letter words in a Russian text that are not English names it may keep."""
    return [w for w in LATIN_WORD.findall(text) if w not in ENGLISH_NAMES]


def russian(text: str) -> bool:
    """Russian words only (English names aside), and some of them."""
    return bool(CYRILLIC.search(text)) and not foreign_words(text)


def svg_words(path: Path) -> tuple[ET.Element, list[str]]:
    """The root, and each label (a <text> element's words), the title and the description."""
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    labels = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    return root, labels + [root.find(f"{SVG}title").text, root.find(f"{SVG}desc").text]


@pytest.mark.parametrize("name", sorted(PLACES))
def test_russian_figures_are_in_russian(built_site, name):
    root, texts = svg_words(built_figures_of(built_site, "ru") / name)
    assert root.get("lang") == "ru", f"{name}: <svg> has no lang=\"ru\""
    # Every label in Russian: a label may be a bare number or English name ("999", "NHS 111")
    # only where it sits in a Russian sentence, so each one needs Cyrillic words.
    english = [t for t in texts if not russian(t)]
    assert english == [], f"ru/assets/figures/{name}: not Russian: {english}"
    # The same check finds the English figure's words (it can fail).
    _, english_texts = svg_words(built_figures_of(built_site, "en") / name)
    assert all(not russian(t) for t in english_texts[-2:]), "title/desc check cannot fail"


@pytest.mark.parametrize("name", DRAWN)
def test_russian_site_publishes_the_russian_files(built_site, name):
    # Not the English file that overrides/hooks/language.py shares when docs-ru lacks one.
    built = built_figures_of(built_site, "ru") / name
    assert built.read_bytes() == (make_figures.out_dir("ru") / name).read_bytes(), name
    assert built.read_bytes() != (FIGURES / name).read_bytes(), name


def test_russian_urgent_care_flowchart_is_in_russian(built_site, site_config):
    soup = BeautifulSoup(page_of(built_site, "ru", "urgent-care").read_text(), "html.parser")
    figure = soup.select_one("article figure.care-flowchart")
    alt, caption = figure.img["alt"], figure.figcaption.get_text(" ", strip=True)
    assert russian(alt) and russian(caption), (alt, caption)
    # Drawn from the Russian short boxes: each of their items is in the chart and its alt.
    flags = red_flags.load(ROOT / "docs-ru/_data/red-flags.yml", site_config["extra"]["care"])
    svg = (built_figures_of(built_site, "ru") / "care-flowchart.svg").read_text()
    chart = re.sub(r"\s+", "", "".join(ET.fromstring(svg).itertext()))
    for box, _icon, _style in make_figures.FLOW_STEPS:
        for item in flags.cards[box].items:
            assert item in alt, item
            assert re.sub(r"\s+", "", item) in chart, item
    # Its fixed words (start, question, YES/NO, outcomes) are the Russian ones.
    words = make_figures.LABELS["ru"]["care-flowchart"]
    for key in ("question", "yes", "no"):
        assert words[key].strip("*") in svg, key
    assert "YES" not in svg and "Do you have" not in svg and "Self-care" not in svg


# ---- The words fit the drawing ------------------------------------------------------------
# Russian runs about 20% longer than English. In Chromium, with this machine's fonts (Debian's
# DejaVu Sans, wider than the Segoe UI, Roboto or San Francisco most readers get), every label
# stays inside its box (the smallest box around where it starts) or the figure, and no two
# labels overlap.
FIT_JS = """() => {
  const box = b => ({x: b.x, y: b.y, w: b.width, h: b.height});
  const svg = document.querySelector('svg');
  const rects = [...svg.querySelectorAll('rect')].filter(r => !r.closest('defs'))
      .map(r => box(r.getBBox()));
  const texts = [...svg.querySelectorAll('text')].map(t => ({words: t.textContent,
      box: box(t.getBBox()), x: +t.getAttribute('x'), y: +t.getAttribute('y')}));
  return {rects, texts};
}"""


def inside(inner: dict, outer: dict, pad: float = 0) -> bool:
    """`inner` within `outer`, `pad` in from its edges (a box's stroke is inside it)."""
    return all(outer[xy] + pad <= inner[xy]
               and inner[xy] + inner[wh] <= outer[xy] + outer[wh] - pad
               for xy, wh in (("x", "w"), ("y", "h")))


def overlap(a: dict, b: dict) -> bool:
    return (a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]
            and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"])


def misfits(page, svg: str) -> list[str]:
    """Labels outside their box or the figure, and labels that overlap, as Chromium lays
    them out."""
    page.set_content(svg)
    drawn = page.evaluate(FIT_JS)
    figure, boxes, found = drawn["rects"][0], drawn["rects"][1:], []
    for text in drawn["texts"]:
        start = {"x": text["x"], "y": text["y"], "w": 0, "h": 0}
        home = min((b for b in boxes if inside(start, b)), default=figure,
                   key=lambda b: b["w"] * b["h"])
        if not inside(text["box"], home, pad=2):
            found.append(f"{text['words']!r} runs out of its box")
    for i, a in enumerate(drawn["texts"]):
        found += [f"{a['words']!r} overlaps {b['words']!r}"
                  for b in drawn["texts"][i + 1:] if overlap(a["box"], b["box"])]
    return found


def russian_flowcharts() -> dict[str, str]:
    """The Russian flowchart of every country preset: their care words differ in length."""
    russian_words = data_files.load(ROOT / "docs-ru/_data/countries.yml")
    charts = {}
    for country, preset in editions.presets().items():
        care = {key: preset[key] for key in editions.CARE_KEYS}
        care["uk_words"] = health_words.is_uk(care)
        care.update({key: russian_words[country][key]
                     for key in ("emergency_place", "urgent_service", "doctor")}, language="ru")
        flags = red_flags.load(ROOT / "docs-ru/_data/red-flags.yml", care)
        charts[country] = make_figures.care_flowchart(flags, care, "ru").svg()
    return charts


@pytest.fixture(scope="module")
def svg_page(browser):
    page = browser.new_page()
    yield page
    page.close()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", DRAWN)
def test_figure_words_fit_the_drawing(svg_page, lang, name):
    svg = (make_figures.out_dir(lang) / name).read_text(encoding="utf-8")
    assert misfits(svg_page, svg) == [], f"{lang} {name}"


def test_russian_flowchart_words_fit_for_every_country(svg_page):
    for country, svg in russian_flowcharts().items():
        assert misfits(svg_page, svg) == [], f"Russian flowchart, {country}"


def test_words_that_do_not_fit_are_found(svg_page):
    svg = (make_figures.out_dir("ru") / "saddle-area.svg").read_text(encoding="utf-8")
    longer = svg.replace("экстренный случай", "экстренный случай, звоните сразу")
    assert misfits(svg_page, longer) == ["'онемение здесь —экстренный случай, звоните сразу' "
                                         "runs out of its box"]
    crowded = svg.replace('<text x="416" y="337"', '<text x="416" y="290"')  # key onto warning
    assert crowded != svg
    assert misfits(svg_page, crowded) == ["'онемение здесь —экстренный случай' overlaps "
                                          "'штриховка =зона «седла»'"]


def test_figures_are_in_the_handbook_pdf(pdf_dir, built_figures):
    text = squash(" ".join(page.extract_text() for page in PdfReader(pdf_dir / "handbook.pdf").pages))
    for name in PLACES:
        label = first_label(built_figures / name)
        assert squash(label) in text, f"{name}: '{label}' not in handbook.pdf"


def test_figures_are_in_handouts_of_their_pages(pdf_dir, built_site, built_figures):
    # Handouts leave out figures marked web-only (the flowchart repeats the care cards).
    for name, page in PLACES.items():
        soup = BeautifulSoup((built_site / page / "index.html").read_text(), "html.parser")
        img = soup.select_one(f'article img[src$="assets/figures/{name}"]')
        pdf = pdf_dir / f"{page}.pdf"
        if pdf.exists() and not img.find_parent(class_="web-only"):
            text = squash(" ".join(p.extract_text() for p in PdfReader(pdf).pages))
            assert squash(first_label(built_figures / name)) in text, f"{name} missing from {pdf.name}"


@pytest.mark.parametrize("lang", LANGS)
def test_figures_fit_the_page_weight_budget(built_site, lang):
    # All six together, compressed as a host sends them, stay well inside one page's budget.
    figures = built_figures_of(built_site, lang).glob("*.svg")
    total = sum(len(gzip.compress(p.read_bytes())) for p in figures)
    assert total < 20_000, f"{lang} figures weigh {total} bytes gzip"


def squash(text: str) -> str:
    """Text without spaces: a figure's label may wrap over several lines (tspans)."""
    return re.sub(r"\s+", "", text)


def first_label(path) -> str:
    """The first visible label in the figure, to find it again in a PDF's text."""
    root = ET.fromstring(path.read_text())
    for text in root.iter(f"{SVG}text"):
        words = "".join(text.itertext()).strip()
        if len(words) > 3:
            return words
    raise AssertionError(f"{path.name} has no text label")
