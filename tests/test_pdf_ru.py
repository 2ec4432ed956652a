"""The Russian PDFs (SITE/ru/pdf/, made by scripts/build_pdfs.py from the Russian build), opened
and read as a clinic would: with poppler's pdftotext and pdffonts, pypdf, and zbarimg for the
QR codes. They must say everything in Russian, in embedded fonts that carry Cyrillic, within
the English page limits. The English PDFs are checked in test_pdf.py."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from pypdf import PdfReader

from conftest import ROOT
from test_pdf import body_pages, printed_pdfs

DOCS_RU = ROOT / "docs-ru"
sys.path.insert(0, str(ROOT / "scripts"))
import data_files  # noqa: E402
import editions  # noqa: E402
import health_words  # noqa: E402
import languages  # noqa: E402
import red_flags as red_flag_data  # noqa: E402

SITE_URL = load_config(str(ROOT / "mkdocs.yml"))["site_url"]
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# What only an English PDF says (its footer, control line and page details).
ENGLISH_WORDS = re.compile(r"\bpage \d+ of \d+|\bVersion \d|\bReviewed \d|Page last reviewed|"
                           r"Sources for this page|\bEdition \d")


@pytest.fixture(scope="session")
def ru_pdf_dir(pdf_dir):
    folder = pdf_dir.parent / "ru" / "pdf"
    assert folder.is_dir(), f"{folder} was not made: build_pdfs.py makes the Russian PDFs too"
    return folder


@pytest.fixture(scope="session")
def ru_handouts() -> dict[str, dict]:
    """Source file -> front matter of every Russian page marked `handout: true`."""
    found = {}
    for path in sorted(DOCS_RU.glob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        if meta.get("handout"):
            found[path.name] = meta
    return found


@pytest.fixture(scope="session")
def ui() -> dict[str, str]:
    return data_files.load(DOCS_RU / "_data/ui.yml")["strings"]


@pytest.fixture(scope="session")
def ru_cards(site_config) -> dict:
    """The Russian cards and short boxes as printed: the main edition's numbers, the
    Russian words for its care places (docs-ru/_data/countries.yml), as the build does."""
    english = site_config["extra"]["care"]
    words = data_files.load(DOCS_RU / "_data/countries.yml")[site_config["extra"]["country"]]
    care = {**english, **{key: words[key] for key in ("emergency_place", "urgent_service", "doctor")},
            "uk_words": health_words.is_uk(english), "language": "ru"}
    return red_flag_data.load(DOCS_RU / "_data/red-flags.yml", care).cards


def pages_text(pdf) -> list[str]:
    """Each page's text as poppler reads it, whitespace squashed (fast, even for the
    100-page handbook)."""
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is needed: `make test` installs poppler-utils")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [re.sub(r"\s+", " ", page).strip() for page in text.split("\f")[:-1]]


def short(date) -> str:
    return languages.long_date(date, "ru", short=True)


def ru_url(src: str) -> str:
    """The Russian page's public address, as printed and encoded in its QR code."""
    return f"{SITE_URL}ru/{src.removesuffix('.md')}/"


# ---- What exists and where ----------------------------------------------------------------

def test_russian_handouts_are_the_english_ones(ru_handouts):
    english = {p.name for p in (ROOT / "docs").glob("*.md")
               if re.search(r"^handout: true$", p.read_text(encoding="utf-8"), re.MULTILINE)}
    assert set(ru_handouts) == english


def test_russian_handouts_page_links_every_russian_pdf(ru_pdf_dir, ru_handouts):
    site = ru_pdf_dir.parent  # SITE/ru/
    soup = BeautifulSoup((site / "handouts/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    links = {a["href"] for a in soup.select("article a[href$='.pdf']")}
    expected = {"../pdf/handbook.pdf"} | {f"../pdf/{src[:-3]}{variant}.pdf"
                                          for src in ru_handouts
                                          for variant in ("", "-large-print")}
    assert expected <= links, expected - links
    for href in links:
        target = (site / "handouts" / href).resolve()
        assert target.is_file() and target.parent == ru_pdf_dir, href


# ---- Fonts ----------------------------------------------------------------------------------

def test_russian_pdfs_embed_fonts_with_cyrillic(ru_pdf_dir, ru_handouts):
    # pdffonts: every font embedded (emb) with a Unicode map (uni), so the Cyrillic prints on
    # any computer and can be copied; DejaVu Sans (the footer, and every sign Liberation Sans
    # lacks) among them.
    for pdf in printed_pdfs(ru_pdf_dir, ru_handouts):
        rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                              check=True).stdout.splitlines()[2:]
        fonts = {row.split()[0].split("+")[-1]: row.split()[-5:-2] for row in rows}
        assert fonts and all(flags[0] == "yes" and flags[2] == "yes"
                             for flags in fonts.values()), f"{pdf.name}: {fonts}"
        assert any(name.startswith("DejaVuSans") for name in fonts), f"{pdf.name}: {fonts}"
        assert any(name.startswith("LiberationSans") for name in fonts), f"{pdf.name}: {fonts}"


# ---- Words: Russian throughout --------------------------------------------------------------

@pytest.mark.parametrize("variant", ["", "-large-print"])
def test_each_russian_handout_is_in_russian(ru_pdf_dir, ru_handouts, ru_cards, ui, variant):
    # The title, the warning signs' headings (the short boxes, or on the urgent-care page the
    # full cards) and the page details, in Russian, read back from the PDF.
    for src, meta in ru_handouts.items():
        text = " ".join(pages_text(ru_pdf_dir / f"{src[:-3]}{variant}.pdf"))
        boxes = ("emergency", "same-day") if src == "urgent-care.md" else \
            ("get-help-now", "same-day-short")
        expected = [meta["title"], ui["last_reviewed"], ui["sources_for_page"]] + \
            [ru_cards[name].heading for name in boxes]
        missing = [words for words in expected if words not in text]
        assert missing == [], f"{src[:-3]}{variant}.pdf lacks {missing}"
        assert all(CYRILLIC.search(words) for words in expected[3:])
        assert not ENGLISH_WORDS.search(text), \
            f"{src[:-3]}{variant}.pdf: {ENGLISH_WORDS.search(text).group(0)!r}"


@pytest.mark.parametrize("variant", ["", "-large-print"])
def test_every_russian_handout_page_has_the_russian_footer(ru_pdf_dir, ru_handouts, ui,
                                                            variant):
    # "стр. 2 из 4" and "Версия 2026.11.1. Проверено 29 нояб. 2026, …" on every page.
    for src, meta in ru_handouts.items():
        pages = pages_text(ru_pdf_dir / f"{src[:-3]}{variant}.pdf")
        control = ui["pdf_control"].format(version=meta["version"],
                                           reviewed=short(meta["reviewed"]),
                                           next_review=short(meta["next_review"]))
        for number, page in enumerate(pages, 1):
            where = f"{src[:-3]}{variant}.pdf page {number}"
            assert ui["pdf_page"].format(page=number, pages=len(pages)) in page, where
            assert control in page, where
            assert meta["title"] in page, where


def test_russian_handbook_cover_contents_and_footer(ru_pdf_dir, ui, ru_cards):
    pages = pages_text(ru_pdf_dir / "handbook.pdf")
    cover = pages[0]
    assert editions.read_config(ROOT / "mkdocs.ru.yml")["site_name"] in cover
    assert re.search(ui["pdf_cover_edition"].format(edition=r"\S+", date=r"\d{1,2} [а-я]+ \d{4}"),
                     cover), cover[:300]
    assert ru_cards["get-help-now"].heading in cover and \
        ru_cards["same-day-short"].heading in cover
    assert pages[1].startswith(ui["contents"]), pages[1][:80]
    control = re.compile(re.escape(ui["pdf_control"]).replace(r"\{version\}", r"\S+")
                         .replace(r"\{reviewed\}", r"\d{1,2} [а-я]+\.? \d{4}")
                         .replace(r"\{next_review\}", r"\d{1,2} [а-я]+\.? \d{4}"))
    for number, page in enumerate(pages, 1):
        assert ui["pdf_page"].format(page=number, pages=len(pages)) in page, f"page {number}"
        assert control.search(page), f"handbook.pdf page {number}: {page[-200:]}"
        assert not ENGLISH_WORDS.search(page), f"page {number}: {ENGLISH_WORDS.search(page)}"


def test_russian_pdfs_say_they_are_russian(ru_pdf_dir, ru_handouts):
    # The language a screen reader reads them in, and titles in Russian (metadata).
    for pdf in printed_pdfs(ru_pdf_dir, ru_handouts):
        reader = PdfReader(pdf)
        assert reader.trailer["/Root"].get("/Lang") == "ru", pdf.name
        assert CYRILLIC.search(reader.metadata.title or ""), (pdf.name, reader.metadata.title)


# ---- Length and QR codes --------------------------------------------------------------------

@pytest.mark.parametrize("variant, limit", [("", 4), ("-large-print", 10)])
def test_each_russian_handout_fits_its_page_limit(ru_pdf_dir, ru_handouts, variant, limit):
    lengths = {f"{src[:-3]}{variant}.pdf": len(PdfReader(ru_pdf_dir / f"{src[:-3]}{variant}.pdf").pages)
               for src in ru_handouts}
    assert {name: n for name, n in lengths.items() if not 1 <= n <= limit} == {}, lengths


@pytest.mark.parametrize("variant", ["", "-large-print"])
def test_no_russian_handout_page_is_blank(ru_pdf_dir, ru_handouts, variant):
    # Longer Russian boxes once left urgent-care.pdf a first page with only its footer on it.
    for src in ru_handouts:
        pages = body_pages(ru_pdf_dir / f"{src[:-3]}{variant}.pdf")
        blank = [n for n, text in enumerate(pages, 1) if len(text) < 40]
        assert blank == [], f"{src[:-3]}{variant}.pdf: pages {blank} have only the footer"


def test_each_russian_qr_code_opens_the_russian_page(ru_pdf_dir, ru_handouts, ui, tmp_path):
    if not shutil.which("zbarimg") or not shutil.which("pdftoppm"):
        pytest.fail("zbarimg and pdftoppm are needed (`make test` installs them)")
    # Only the page that prints the code (its caption says where it is) is rendered.
    caption = " ".join(ui["qr_text"].split()[:4])
    for src in ru_handouts:
        pdf = ru_pdf_dir / f"{src[:-3]}.pdf"
        pages = [n for n, text in enumerate(pages_text(pdf), 1) if caption in text]
        assert len(pages) == 1, f"{pdf.name}: QR caption on pages {pages}"
        prefix = tmp_path / src[:-3]
        subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", str(pages[0]), "-l",
                        str(pages[0]), str(pdf), str(prefix)], check=True)
        codes = subprocess.run(["zbarimg", "--raw", "-q",
                                *map(str, tmp_path.glob(f"{src[:-3]}-*.png"))],
                               capture_output=True, text=True).stdout.split()
        assert codes == [ru_url(src)], f"{pdf.name}: QR codes found: {codes}"
