"""A clinic edition (clinic.example.yml), built for real: the clinic's name and phone on every
page and every printout, its care numbers in the care cards, and a typo or a missing logo
stopping the build with the key named. The web edition's own checks are in test_build.py and
test_pdf.py."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import ENV, ROOT, copy_project, mkdocs_build

EXAMPLE = ROOT / "clinic.example.yml"
UK_NUMBERS = ("999", "A&E", "NHS 111")  # the web edition's numbers, replaced in this edition


sys.path.insert(0, str(ROOT / "scripts"))
import editions  # noqa: E402

PREFIX = editions.file_prefix(EXAMPLE)   # "clinic.example-": the edition's PDF names


@pytest.fixture(scope="module")
def example() -> dict:
    """The example's `extra`, with `care` filled in from its country preset as the build does."""
    extra = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["extra"]
    extra["care"], problems = editions.resolve_care(extra, editions.edition_layer(EXAMPLE))
    assert problems == [] and extra["country"] == "australia"
    return extra


@pytest.fixture(scope="module")
def clinic_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("clinic-site")
    result = mkdocs_build(EXAMPLE, site)
    assert result.returncode == 0, f"clinic edition build failed:\n{result.stderr[-4000:]}"
    assert "WARNING" not in result.stderr, result.stderr
    return site


@pytest.fixture(scope="module")
def clinic_pages(clinic_site) -> dict[str, BeautifulSoup]:
    pages = {}
    for path in sorted(clinic_site.rglob("*.html")):
        rel = path.relative_to(clinic_site).as_posix()
        html = path.read_text(encoding="utf-8")
        if rel.startswith("pdf/") or 'http-equiv="refresh"' in html[:800]:
            continue
        pages[rel] = BeautifulSoup(html, "html.parser")
    assert "index.html" in pages and "urgent-care/index.html" in pages and "404.html" in pages
    return pages


def text(tag) -> str:
    return re.sub(r"\s+", " ", tag.get_text(" ", strip=True)) if tag else ""


# ---- The site -----------------------------------------------------------------------------

def test_name_and_phone_on_every_page(clinic_pages, example):
    clinic = example["clinic"]
    missing = {}
    for name, page in clinic_pages.items():
        footer = text(page.select_one(".clinic-footer"))
        # The Russian pages show the clinic's Russian name (extra.ru.clinic), the same phone.
        shown = example["ru"]["clinic"]["name"] if name.startswith("ru/") else clinic["name"]
        absent = [v for v in (shown, clinic["phone"]) if v not in footer]
        if absent:
            missing[name] = absent
    assert missing == {}


def test_logo_is_shown_and_published(clinic_pages, clinic_site, example):
    for name, page in clinic_pages.items():
        logo = page.select_one(".clinic-footer img")
        assert logo is not None, name
        src = logo["src"]
        if src.startswith("/"):  # 404.html uses addresses from the site root (site_url's path)
            target = clinic_site / ("assets/" + src.split("/assets/", 1)[1])
        else:
            target = (clinic_site / name).parent / src
        assert target.resolve().is_file(), f"{name}: logo {logo['src']} is not in the site"
    assert (clinic_site / example["clinic"]["logo"]).read_bytes() == \
        (ROOT / "docs" / example["clinic"]["logo"]).read_bytes()


def test_care_cards_use_the_clinic_numbers(clinic_pages, example):
    care = example["care"]
    cards = {card["data-care-card"]: text(card)
             for card in clinic_pages["urgent-care/index.html"].select("[data-care-card]")}
    assert f"Call {care['emergency_number']} or go to {care['emergency_place']} now" in cards["emergency"]
    assert care["international_number"] in cards["emergency"]
    assert care["urgent_service"] in cards["same-day"]
    assert care["urgent_number"] in cards["same-day"]
    # No card anywhere, and no banner, still shows the web edition's UK numbers.
    for name, page in clinic_pages.items():
        for tag in page.select("[data-care-card], .md-banner"):
            shown = text(tag)
            assert not [uk for uk in UK_NUMBERS if re.search(rf"(?<!\w){re.escape(uk)}(?!\w)", shown)], \
                f"{name}: {shown[:120]}"
        banner = text(page.select_one(".md-banner"))
        call = "Звоните" if name.startswith("ru/") else "Call"
        assert f"{call} {care['emergency_number']}" in banner, name


# ---- The printouts ------------------------------------------------------------------------

def test_name_on_every_printout(clinic_site, example):
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/build_pdfs.py"), "--config", str(EXAMPLE),
         "--site", str(clinic_site)],
        capture_output=True, text=True, env=ENV, cwd=ROOT,
    )
    # Handout length limits belong to test_pdf.py (the web edition); anything else is ours.
    other = [line for line in result.stderr.splitlines()
             if line.strip() and "; the limit is " not in line]
    assert result.returncode == 0 or not other, result.stderr[-4000:]

    clinic = example["clinic"]
    pdfs = clinic_site / "pdf"
    handouts = [p for p in sorted((ROOT / "docs").glob("*.md"))
                if re.search(r"^handout: true$", p.read_text(encoding="utf-8"), re.MULTILINE)]
    assert handouts, "no page is marked `handout: true`"
    for page in handouts:
        for pdf in [pdfs / f"{PREFIX}{page.stem}.pdf",
                    *pdfs.glob(f"{PREFIX}{page.stem}-large-print.pdf")]:
            assert pdf.is_file(), f"{pdf.name} was not made"
            reader = PdfReader(pdf)
            for number, sheet in enumerate(reader.pages, 1):
                words = re.sub(r"\s+", " ", sheet.extract_text())
                assert clinic["name"] in words, f"{pdf.name} page {number} lacks the clinic's name"
    cover = re.sub(r"\s+", " ", PdfReader(pdfs / f"{PREFIX}handbook.pdf").pages[0].extract_text())
    assert f"Given to you by {clinic['name']}, phone {clinic['phone']}" in cover


def pdf_words(pdf: Path) -> list[str]:
    return [re.sub(r"\s+", " ", sheet.extract_text()) for sheet in PdfReader(pdf).pages]


def test_every_printed_page_shows_the_clinic_approval_and_version(clinic_site, example):
    # Runs after test_name_on_every_printout has made the PDFs.
    approval = example["clinic"]["approval"]
    line = (f"Approved for use at {example['clinic']['name']} by {approval['approved_by']}, "
            f"reference {approval['reference']}, review due "
            f"{approval['review_date']:%-d %B %Y}")
    for pdf in sorted((clinic_site / "pdf").glob("*.pdf")):
        for number, words in enumerate(pdf_words(pdf), 1):
            assert line in words, f"{pdf.name} page {number} lacks the approval line"
            assert re.search(r"Version \d{4}\.\d{2}(\.\d+)?\. Reviewed \d{1,2} \w{3} \d{4}", words), \
                f"{pdf.name} page {number} lacks the version and review date"


def test_an_edition_without_approval_prints_not_yet_approved(tmp_path, example):
    copy_project(tmp_path)
    config = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    del config["extra"]["clinic"]["approval"]
    config["extra"].pop("care", None)
    (tmp_path / "clinic.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    site = tmp_path / "site"
    assert mkdocs_build(tmp_path / "clinic.yml", site).returncode == 0
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/build_pdfs.py"), "--config",
         str(tmp_path / "clinic.yml"), "--site", str(site)],
        capture_output=True, text=True, env=ENV, cwd=tmp_path)
    assert (site / "pdf/clinic-medicines.pdf").is_file(), result.stderr[-3000:]
    not_yet = f"Not yet approved for use at {example['clinic']['name']}"
    for words in pdf_words(site / "pdf/clinic-medicines.pdf"):
        assert not_yet in words and "Approved for use" not in words
    html = (site / "medicines/index.html").read_text(encoding="utf-8")
    assert not_yet in text(BeautifulSoup(html, "html.parser").select_one(".print-footer"))
    # The Russian printouts say it too, with the clinic's Russian name (extra.ru.clinic.name).
    not_yet_ru = f"Ещё не одобрено для пациентов клиники: {example['ru']['clinic']['name']}"
    for words in pdf_words(site / "ru/pdf/clinic-medicines.pdf"):
        assert not_yet_ru in words and "Одобрено для" not in words


# ---- Mistakes in the config ---------------------------------------------------------------

def broken_edition(tmp_path: Path, old: str, new: str) -> subprocess.CompletedProcess:
    copy_project(tmp_path)
    source = EXAMPLE.read_text(encoding="utf-8")
    assert old in source
    config = tmp_path / "clinic.yml"
    config.write_text(source.replace(old, new, 1), encoding="utf-8")
    return mkdocs_build(config, tmp_path / "site")


def test_unknown_key_fails_naming_it(tmp_path):
    result = broken_edition(tmp_path, "    phone:", "    telephone:")
    assert result.returncode != 0
    assert "clinic.yml" in result.stderr
    assert "unknown key `extra.clinic.telephone`" in result.stderr, result.stderr[-2000:]


def test_missing_logo_fails_naming_it(tmp_path):
    result = broken_edition(tmp_path, "riverbank-logo.svg", "no-such-logo.svg")
    assert result.returncode != 0
    assert "clinic.yml" in result.stderr
    assert "`extra.clinic.logo`" in result.stderr and "no-such-logo.svg" in result.stderr, \
        result.stderr[-2000:]


@pytest.mark.parametrize("old, new, key", [
    ("review_date: 2027-05-31", 'review_date: "next spring"', "`extra.clinic.approval.review_date`"),
    ("review_date: 2027-05-31", "review_date: 2020-05-31", "`extra.clinic.approval.review_date` 2020-05-31 has passed"),
    ("reference: RB-LEAFLET-017", 'reference: ""', "`extra.clinic.approval.reference`"),
    ("approved_by:", "approved_bye:", "unknown key `extra.clinic.approval.approved_bye`"),
])
def test_bad_approval_fails_naming_the_key(tmp_path, old, new, key):
    result = broken_edition(tmp_path, old, new)
    assert result.returncode != 0
    assert "clinic.yml" in result.stderr and key in result.stderr, result.stderr[-2000:]


def test_unquoted_number_fails_naming_it(tmp_path):
    result = broken_edition(tmp_path, "  country: australia\n",
                            "  country: australia\n  care:\n    emergency_number: 911\n")
    assert result.returncode != 0
    assert "`extra.care.emergency_number`" in result.stderr, result.stderr[-2000:]
