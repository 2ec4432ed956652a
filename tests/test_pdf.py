"""The printed handbook and handouts, opened and read as a clinic would: real PDFs from
scripts/build_pdfs.py, read with pypdf and poppler's pdftotext (the text a person copying from
the PDF gets), rendered with pdftoppm and scanned with zbarimg."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from pypdf import PdfReader

from conftest import ROOT, build_pdfs, copy_project, mkdocs_build

A4 = (595, 842)  # points


@pytest.fixture(scope="session")
def handouts(site_config) -> dict[str, str]:
    """Source file -> page title for every page marked `handout: true`."""
    found = {}
    for path in sorted((ROOT / "docs").glob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        if meta.get("handout"):
            found[path.name] = meta["title"]
    return found


@pytest.fixture(scope="session")
def red_flags(site_config) -> dict[str, list[str]]:
    """Each card's and short box's items as printed (numbers filled in)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import red_flags as data
    flags = data.load(ROOT / "docs/_data/red-flags.yml", site_config["extra"]["care"])
    return {name: card.items for name, card in flags.cards.items()}


@pytest.fixture(scope="session")
def handbook(pdf_dir) -> PdfReader:
    return PdfReader(pdf_dir / "handbook.pdf")


@pytest.fixture(scope="session")
def handbook_text(handbook) -> str:
    """All the handbook's text, read once (pypdf takes many seconds over 90-odd pages)."""
    return text_of(handbook)


@pytest.fixture(scope="session")
def sources() -> dict[str, dict]:
    return yaml.safe_load((ROOT / "docs/_data/sources.yml").read_text(encoding="utf-8"))


def pdftotext(pdf: Path) -> str:
    """The text as poppler reads it, line breaks kept."""
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is needed: `make test` installs poppler-utils")
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def body_pages(pdf: Path) -> list[str]:
    """Each page's text above the running footer (A4, whose footer sits in the bottom 26 mm at
    most), as poppler reads it."""
    above_footer = A4[1] - 80
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-x", "0", "-y", "0", "-W", str(A4[0]),
                           "-H", str(above_footer), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [page.strip() for page in text.split("\f")[:-1]]


def printed_pdfs(pdf_dir: Path, handouts) -> list[Path]:
    return [pdf_dir / "handbook.pdf"] + [pdf_dir / f"{src[:-3]}{variant}.pdf"
                                         for src in handouts for variant in ("", "-large-print")]


def sources_line(src: str, sources) -> str:
    """A page's sources as they should print: "Title, Publisher; Title, Publisher"."""
    meta = yaml.safe_load((ROOT / "docs" / src).read_text(encoding="utf-8").split("---")[1])
    return "; ".join(f"{sources[i]['title']}, {sources[i]['publisher']}" for i in meta["sources"])


def text_of(reader: PdfReader, pages=None) -> str:
    """All the text, with line breaks and hyphenation at line ends undone."""
    chosen = reader.pages if pages is None else [reader.pages[i] for i in pages]
    text = " ".join(page.extract_text() for page in chosen)
    return re.sub(r"\s+", " ", text.replace("\u00ad", ""))


def font_sizes(reader: PdfReader, pages) -> Counter:
    """How many characters are set at each font size (points, rounded), on the given pages."""
    sizes: Counter = Counter()
    for text, size in text_runs(reader, pages):
        sizes[size] += len(text)
    return sizes


def text_runs(reader: PdfReader, pages) -> list[tuple[str, int]]:
    """Each run of text on the given pages, in order, with its font size (points, rounded)."""
    runs = []

    def visit(text, cm, tm, font, size):
        scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
        if text.strip():
            runs.append((text.strip(), round(size * scale)))

    for i in pages:
        reader.pages[i].extract_text(visitor_text=visit)
    return runs


def printed_nav(site_config) -> list[str]:
    """Nav pages in the handbook PDF: all but `web_only: true` ones (the claims page)."""
    srcs = [next(iter(item.values())) for item in site_config["nav"]]
    return [src for src in srcs
            if not yaml.safe_load((ROOT / "docs" / src).read_text().split("---")[1]
                                  if (ROOT / "docs" / src).is_file() else "{}").get("web_only")]


def chapter_titles(built_site, site_config) -> list[str]:
    titles = []
    for src in printed_nav(site_config):
        path = "index.html" if src == "index.md" else src.removesuffix(".md") + "/index.html"
        h1 = BeautifulSoup((built_site / path).read_text(), "html.parser").find("h1")
        for permalink in h1.select(".headerlink"):
            permalink.decompose()
        titles.append(h1.get_text(" ", strip=True))
    return titles


# ---- The full handbook --------------------------------------------------------------------

def test_handbook_has_a_bookmark_for_every_chapter(handbook, built_site, site_config):
    # Chromium drops the space where a long heading wraps, so compare without spaces.
    top = [re.sub(r"\s+", "", item.title) for item in handbook.outline
           if not isinstance(item, list)]
    missing = [t for t in chapter_titles(built_site, site_config)
               if re.sub(r"\s+", "", t) not in top]
    assert missing == []


def test_handbook_contains_every_page_title_and_red_flag(handbook_text, built_site,
                                                          site_config, red_flags):
    text = handbook_text
    missing = [t for t in chapter_titles(built_site, site_config) if t not in text]
    missing += [flag for name, items in red_flags.items() if name != "see-gp-short"
                for flag in items if flag not in text]   # see-gp-short is only in the flowchart
    assert missing == []


def test_contents_list_has_the_right_page_numbers(handbook, built_site, site_config):
    contents = text_of(handbook, pages=range(1, 3))
    starts = {re.sub(r"\s+", "", item.title): handbook.get_destination_page_number(item) + 1
              for item in handbook.outline if not isinstance(item, list)}
    squashed = re.sub(r"\s+", "", contents)
    for title in chapter_titles(built_site, site_config):
        key = re.sub(r"\s+", "", title)
        match = re.search(re.escape(key) + r"(\d+)", squashed)
        assert match, f"'{title}' has no page number in the contents"
        assert int(match.group(1)) == starts[key], title


def test_handbook_cover_has_title_date_and_urgent_message(handbook, red_flags):
    cover = text_of(handbook, pages=[0])
    assert "Pinched Nerve Handbook" in cover
    assert re.search(r"Edition \S+, printed \d{1,2} \w+ \d{4}", cover)
    assert all(flag in cover for flag in red_flags["get-help-now"])
    assert all(flag in cover for flag in red_flags["same-day-short"])


def test_handbook_footer_says_page_x_of_y(handbook):
    total = len(handbook.pages)
    assert f"page 5 of {total}" in text_of(handbook, pages=[4])


def test_handbook_shows_each_chapters_review_date(handbook_text, site_config):
    assert handbook_text.count("Page last reviewed") == len(printed_nav(site_config))


def test_web_only_pages_stay_out_of_the_handbook(handbook, site_config):
    claims = yaml.safe_load((ROOT / "docs/claims.md").read_text().split("---")[1])
    assert claims["web_only"] is True and "claims.md" not in printed_nav(site_config)
    bookmarks = [re.sub(r"\s+", "", item.title) for item in handbook.outline
                 if not isinstance(item, list)]
    assert re.sub(r"\s+", "", claims["title"]) not in bookmarks


def test_handbook_is_a4_tagged_and_has_metadata(handbook):
    box = handbook.pages[0].mediabox
    assert abs(box.width - A4[0]) < 1.5 and abs(box.height - A4[1]) < 1.5, box
    assert "/StructTreeRoot" in handbook.trailer["/Root"]
    assert handbook.trailer["/Root"].get("/Lang") == "en"
    assert handbook.metadata.title.startswith("Pinched Nerve Handbook")
    assert handbook.metadata.author


def test_handbook_body_text_is_about_12_point(handbook):
    sizes = font_sizes(handbook, range(3, 8))
    assert sizes.most_common(1)[0][0] in (12, 13)   # Chromium rounds 12 pt to 12.0 or 12.x


def test_handbook_fonts_are_embedded(handbook):
    for page in handbook.pages[:6]:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()
            descendant = descriptor.get("/DescendantFonts")
            if descendant:
                descriptor = descendant[0].get_object()
            file_keys = {"/FontFile", "/FontFile2", "/FontFile3"}
            assert file_keys & set(descriptor["/FontDescriptor"].keys()), descriptor


def test_pdfs_are_set_in_liberation_sans(handbook):
    # The page limits are measured in it; with only DejaVu Sans every handout ran to 3 pages.
    names = {str(font.get_object().get("/BaseFont")) for page in handbook.pages[:4]
             for font in page["/Resources"]["/Font"].values()}
    assert any("LiberationSans" in name for name in names), names


# ---- Both: what printed pages say, read back with pdftotext --------------------------------

def test_every_sources_heading_prints_whole(pdf_dir, handouts, site_config):
    # Material's negative summary margin once pushed the "S" off the page: "ources for this page".
    for pdf in printed_pdfs(pdf_dir, handouts):
        text = pdftotext(pdf)
        chapters = len(printed_nav(site_config)) if pdf.name == "handbook.pdf" else 1
        assert re.findall(r"(?<!S)ources for this page", text) == [], pdf.name
        assert text.count("Sources for this page") == chapters, pdf.name


def test_sources_print_as_a_list_with_no_space_before_semicolons(pdf_dir, handouts, sources):
    for pdf in printed_pdfs(pdf_dir, handouts):
        text = re.sub(r"\s+", " ", pdftotext(pdf))
        assert re.findall(r"\S+ ;", text) == [], pdf.name
    for src in handouts:  # every source, in order, "Title, Publisher; Title, Publisher"
        squashed = re.sub(r"[\s\u00ad-]+", "", pdftotext(pdf_dir / f"{src[:-3]}.pdf"))
        assert re.sub(r"[\s-]+", "", sources_line(src, sources)) in squashed, src


def test_large_print_sources_are_large_print(pdf_dir, handouts, sources):
    # The sources were 8.5 pt in every handout, large print too.
    for src, title in handouts.items():
        reader = PdfReader(pdf_dir / f"{src[:-3]}-large-print.pdf")
        line = sources_line(src, sources)
        runs = [(text, size) for text, size in text_runs(reader, range(len(reader.pages)))
                if len(text) >= 6 and text in line and text != title]  # not the running footer
        assert sum(len(text) for text, _ in runs) >= 0.8 * len(line), f"{src}: {runs}"
        assert min(size for _, size in runs) >= 14, f"{src}: {sorted(set(runs))[:5]}"


def test_qr_code_address_breaks_only_after_a_slash_or_before_a_dot(pdf_dir, handouts):
    # It once broke anywhere ("han dbook", "northernph ysio"), and at hyphens, which pdftotext
    # (like a reader) takes for a word broken across lines.
    for src in handouts:
        url = site_config_url(src)
        for variant in ("", "-large-print"):
            text = pdftotext(pdf_dir / f"{src[:-3]}{variant}.pdf")
            printed = re.search(r"\s*".join(map(re.escape, url)), text)
            assert printed, f"{src[:-3]}{variant}.pdf: {url} is not printed whole"
            for gap in re.finditer(r"\s+", printed.group(0)):
                before, after = printed.group(0)[gap.start() - 1], printed.group(0)[gap.end()]
                assert before == "/" or after == ".", \
                    f"{src[:-3]}{variant}.pdf: {printed.group(0)!r} breaks mid-word"


# ---- Handouts -----------------------------------------------------------------------------

def test_required_handouts_exist(handouts):
    for page in ("urgent-care.md", "self-care.md", "exercises-prevention.md", "medicines.md"):
        assert page in handouts, f"{page} must be a handout"


@pytest.mark.parametrize("variant, limit", [("", 4), ("-large-print", 10)])
def test_each_handout_fits_its_page_limit(pdf_dir, handouts, variant, limit):
    for src in handouts:
        reader = PdfReader(pdf_dir / f"{src[:-3]}{variant}.pdf")
        assert 1 <= len(reader.pages) <= limit, f"{src}{variant}: {len(reader.pages)} pages"


def test_each_handout_has_red_flags_address_and_review_date(pdf_dir, handouts, red_flags,
                                                            site_config):
    for src, title in handouts.items():
        text = text_of(PdfReader(pdf_dir / f"{src[:-3]}.pdf"))
        url = site_config_url(src)
        assert title in text, src
        assert url in text.replace(" ", ""), f"{src}: {url} not printed"
        assert "Page last reviewed" in text, src


@pytest.mark.parametrize("variant", ["", "-large-print"])
def test_every_handout_carries_the_emergency_and_same_day_signs(pdf_dir, handouts, red_flags,
                                                                 variant):
    # The short boxes, or on the urgent-care handout the full cards, on every printout.
    for src in handouts:
        text = text_of(PdfReader(pdf_dir / f"{src[:-3]}{variant}.pdf"))
        for short, full in (("get-help-now", ["emergency", "other-emergencies"]),
                            ("same-day-short", ["same-day"])):
            shown = all(flag in text for flag in red_flags[short]) or \
                all(flag in text for name in full for flag in red_flags[name])
            assert shown, f"{src}{variant}: the {short} signs are not all printed"


def sizes_of(reader: PdfReader, phrases: list[str]) -> list[int]:
    """Font sizes (points, rounded) of the printed pieces of text that belong to `phrases`."""
    sizes = []

    def visit(text, cm, tm, font, size):
        piece = " ".join(text.split())
        if len(piece) > 8 and any(piece in phrase for phrase in phrases):
            sizes.append(round(size * (tm[0] ** 2 + tm[1] ** 2) ** 0.5
                               * (cm[0] ** 2 + cm[1] ** 2) ** 0.5))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return sizes


@pytest.mark.parametrize("variant, smallest", [("", 11), ("-large-print", 16)])
def test_printed_warning_signs_are_body_size(pdf_dir, handouts, red_flags, variant, smallest):
    signs = red_flags["get-help-now"] + red_flags["same-day-short"]
    for src in handouts:
        if src == "urgent-care.md":
            continue  # it prints the full cards in its body text instead
        sizes = sizes_of(PdfReader(pdf_dir / f"{src[:-3]}{variant}.pdf"), signs)
        assert sizes and min(sizes) >= smallest, f"{src}{variant}: signs printed at {sorted(set(sizes))} pt"


@pytest.mark.parametrize("variant", ["", "-large-print"])
def test_every_printed_page_has_the_version_and_review_dates(pdf_dir, handouts, variant):
    names = [f"{src[:-3]}{variant}.pdf" for src in handouts] + ([] if variant else ["handbook.pdf"])
    for name in names:
        for number, page in enumerate(PdfReader(pdf_dir / name).pages, 1):
            words = re.sub(r"\s+", " ", page.extract_text())
            assert re.search(r"Version \d{4}\.\d{2}(\.\d+)?\. Reviewed \d{1,2} \w{3} \d{4}, "
                             r"next review \d{1,2} \w{3} \d{4}\.", words), f"{name} page {number}"
            # The main handbook is no clinic's: no approval line, approved or not.
            assert not re.search(r"next review \d{1,2} \w{3} \d{4}\. (Approved|Not yet)", words), \
                f"{name} page {number}"


def test_each_handout_qr_code_opens_its_page(pdf_dir, handouts, tmp_path):
    if not shutil.which("zbarimg") or not shutil.which("pdftoppm"):
        pytest.fail("zbarimg and pdftoppm are needed (`make test` installs them)")
    # Every page of the handout: the code follows the text, so its page depends on the length.
    for src in handouts:
        pdf = pdf_dir / f"{src[:-3]}.pdf"
        prefix = tmp_path / src[:-3]
        subprocess.run(["pdftoppm", "-r", "200", "-png", str(pdf), str(prefix)], check=True)
        codes = subprocess.run(["zbarimg", "--raw", "-q", *map(str, tmp_path.glob(f"{src[:-3]}-*.png"))],
                               capture_output=True, text=True).stdout.split()
        assert codes.count(site_config_url(src)) == 1, f"{src}: QR codes found: {codes}"


def test_no_handout_page_is_blank(pdf_dir, handouts):
    # Chromium's columns once left a first page with only the footer on it, when a box that
    # must stay whole did not fit below the full-width first box (Russian urgent-care.pdf).
    for src in handouts:
        for variant in ("", "-large-print"):
            pages = body_pages(pdf_dir / f"{src[:-3]}{variant}.pdf")
            blank = [n for n, text in enumerate(pages, 1) if len(text) < 40]
            assert blank == [], f"{src[:-3]}{variant}.pdf: pages {blank} have only the footer"


def test_large_print_body_text_is_at_least_16_point(pdf_dir, handouts):
    for src in handouts:
        reader = PdfReader(pdf_dir / f"{src[:-3]}-large-print.pdf")
        size = font_sizes(reader, range(len(reader.pages))).most_common(1)[0][0]
        assert size >= 16, f"{src}: body text is {size} pt"


def test_handouts_page_links_every_pdf(pdf_dir, handouts):
    built_site = pdf_dir.parent
    soup = BeautifulSoup((built_site / "handouts/index.html").read_text(), "html.parser")
    links = {a["href"] for a in soup.select("article a[href$='.pdf']")}
    expected = {"../pdf/handbook.pdf"}
    for src in handouts:
        expected |= {f"../pdf/{src[:-3]}.pdf", f"../pdf/{src[:-3]}-large-print.pdf"}
    assert expected <= links, expected - links
    for href in links:
        assert (built_site / "handouts" / href).resolve().is_file(), href


def test_a_handout_that_grows_past_two_sheets_fails_with_its_name(tmp_path):
    # In either language: the Russian PDFs are made from the Russian build (docs-ru/).
    config = copy_project(tmp_path)
    fillers = {"docs": "Keep moving gently, little and often, and build up slowly over the weeks.",
               "docs-ru": "Двигайтесь понемногу и часто, и постепенно увеличивайте нагрузку."}
    for docs, filler in fillers.items():
        page = tmp_path / docs / "self-care.md"
        page.write_text(page.read_text() + f"\n\n{filler} " * 240)
    assert mkdocs_build(config, tmp_path / "site").returncode == 0
    result = build_pdfs(config, tmp_path / "site")
    assert result.returncode != 0
    for docs in fillers:
        assert re.search(rf"handout {docs}/self-care\.md \(self-care\.pdf\) is \d+ pages; the "
                         r"limit is 4\.", result.stderr), result.stderr


def site_config_url(src: str) -> str:
    """The page's public address, as printed and encoded in its QR code."""
    return SITE_URL + src.removesuffix(".md") + "/"


SITE_URL = load_config(str(ROOT / "mkdocs.yml"))["site_url"]
