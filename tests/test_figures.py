"""Figures: drawn for the handbook as small, self-contained SVGs; each is on its page with
alt text and a caption, in the PDFs, and readable in both palettes and on paper."""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import ROOT

FIGURES = ROOT / "docs/assets/figures"
# Drawn by the build from docs/_data/red-flags.yml (overrides/hooks/care_cards.py), so it is
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
VAGUE_ALT = {"diagram", "image", "picture", "figure", "illustration", "chart"}


@pytest.fixture(scope="module")
def built_figures(built_site):
    return built_site / "assets/figures"


def test_every_figure_file_is_placed(built_figures):
    assert sorted(p.name for p in FIGURES.glob("*.svg")) == sorted(set(PLACES) - GENERATED)
    assert sorted(p.name for p in built_figures.glob("*.svg")) == sorted(PLACES)


@pytest.mark.parametrize("name", sorted(PLACES))
def test_figure_is_small_accessible_and_self_contained(built_figures, name):
    path = built_figures / name
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


@pytest.mark.parametrize("name, page", sorted(PLACES.items()))
def test_figure_on_its_page_with_alt_text_and_caption(built_site, name, page):
    soup = BeautifulSoup((built_site / page / "index.html").read_text(), "html.parser")
    img = soup.select_one(f'article img[src$="assets/figures/{name}"]')
    assert img is not None, f"{name} is not on {page}"
    alt = img.get("alt", "").strip()
    assert len(alt.split()) >= 8 and alt.lower().rstrip(".") not in VAGUE_ALT, alt
    figure = img.find_parent("figure")
    assert figure and figure.figcaption and figure.figcaption.get_text(strip=True)


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


def test_figures_fit_the_page_weight_budget(built_figures):
    # All six together, compressed as a host sends them, stay well inside one page's budget.
    total = sum(len(gzip.compress(p.read_bytes())) for p in built_figures.glob("*.svg"))
    assert total < 20_000, f"figures weigh {total} bytes gzip"


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
