"""Build the printable PDFs from the built site, with Debian's Chromium (through Playwright).

    python scripts/build_pdfs.py [--config mkdocs.yml] [--site site] [--paper a4|letter]

Writes into SITE/pdf/, and the Russian edition's into SITE/ru/pdf/ with the same names (an
edition other than mkdocs.yml starts each name with its own, such as
clinic-berlin-handbook.pdf, and its pages link to those names):
  handbook.pdf                 cover, contents with page numbers, every page in nav order,
                               bookmarks, "page X of Y" footer, tagged, with metadata
  <page>.pdf                   a handout of at most 2 sheets of A4 (4 sides) for each page
                               with `handout: true`
  <page>-large-print.pdf       the same handout with 16 pt body text

The PDFs are rendered from the site's own HTML and print stylesheet, so a browser's Ctrl+P
and these files look alike. A handout longer than 4 pages fails with the page's name.
Each language's PDFs come from its own build (SITE/ru/ from mkdocs.ru.yml on top of the
edition's config, scripts/languages.py) and speak its words: every string printed here is
from that build's `_data/ui.yml` (config.extra.ui), every date from languages.long_date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import importlib.util
import http.server
import os
import re
import sys
import threading
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.utils.meta import get_data
from pypdf import PdfReader, PdfWriter

sys.path.insert(0, str(Path(__file__).resolve().parent))
import editions  # noqa: E402
import languages  # noqa: E402
from handbook_html import combine_pages  # noqa: E402
from page_ready import open_page  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# Two sheets printed on both sides. Every handout now carries both warning-sign boxes and the
# document control line (clinical review 2026-11, findings 4 and M14), which took each one
# past a single sheet.
MAX_HANDOUT_PAGES = 4
MAX_LARGE_PRINT_PAGES = 10  # 16 pt text needs about 2.5 times the paper
PAPER = {"a4": "A4", "letter": "Letter"}
# The bottom margin holds the two-line running footer (title and page, then version,
# review dates and the clinic's approval).
MARGIN = {"top": "12mm", "bottom": "18mm", "left": "14mm", "right": "14mm"}


class PdfError(Exception):
    """A PDF that breaks a rule (too long, missing content); the message names the page."""


def main() -> int:
    args = parse_args()
    # The Russian config is a temporary file (.mkdocs.ru.yml); the edition's name, and so
    # its PDFs' prefix (editions.file_prefix), comes from the real one, as in the build.
    os.environ["HANDBOOK_EDITION"] = editions.edition_name(args.config)
    site = Path(args.site).resolve()
    if not (site / "index.html").is_file():
        print(f"build_pdfs: {site} has no index.html; run `make build` first", file=sys.stderr)
        return 1
    configs = language_configs(Path(args.config), site)
    errors = []
    try:
        with serve(site) as root_url, chromium() as browser:
            for lang, config in configs.items():
                path = languages.language_path(lang)
                errors += build_language(browser, root_url + path, config, site / path,
                                         args.paper)
    except PdfError as err:
        errors.append(str(err))
    for lang, config in configs.items():
        list_pdfs(site / languages.language_path(lang) / "pdf", config)
    for error in errors:
        print(f"build_pdfs: {error}", file=sys.stderr)
    return 1 if errors else 0


def language_configs(english: Path, site: Path) -> dict:
    """Each language's config with its hooks' setup done, for every language the site was
    built in: English, and Russian when SITE/ru/ exists (HANDBOOK_LANGUAGES=en skips it)."""
    config = load_config(str(english))
    load_hooks(config)
    configs = {languages.ENGLISH: config}
    for lang, info in languages.OTHER.items():
        if not (site / info["path"] / "index.html").is_file():
            print(f"build_pdfs: {shown(site / info['path'])} has no index.html (built with "
                  f"HANDBOOK_LANGUAGES=en?): no {languages.NAMES[lang]} PDFs", flush=True)
            continue
        # The temporary config is needed only while it is read: the hooks' setup reads the
        # edition's files (overrides/hooks/edition.py), the rest reads docs-ru/ itself.
        with languages.russian_config(english, config["site_url"] or "") as path:
            configs[lang] = load_config(str(path))
            load_hooks(configs[lang])
    return configs


def build_language(browser, base_url: str, config, site: Path, paper: str) -> list[str]:
    """One language's handouts and handbook, from its build in `site` served at `base_url`;
    the problems (every long handout, not just the first)."""
    out = site / "pdf"
    out.mkdir(exist_ok=True)
    errors = []
    print(f"build_pdfs: making {len(handout_pages(config))} handouts (standard and large print) "
          f"and the full handbook in {shown(out)}/ ...", flush=True)
    for src, meta in handout_pages(config):
        errors += build_handout(browser, base_url, src, meta, config, out, paper)
    try:
        build_handbook(browser, base_url, config, site, out, paper)
    except PdfError as err:
        errors.append(str(err))
    return errors


def list_pdfs(out: Path, config) -> None:
    """What was made: each PDF with its pages and size, then the folder (also after a
    problem, so a handout over its limit shows its length beside the others)."""
    prefix = editions.file_prefix(config.config_file_path)
    names = [f"{prefix}handbook.pdf"] + [f"{prefix}{slug(src)}{variant}.pdf"
                                         for src, _ in handout_pages(config)
                                         for variant in ("", "-large-print")]
    names = [name for name in names if (out / name).is_file()]
    if not names:
        return
    width = max([40, *map(len, names)])  # a clinic's prefix makes names longer
    for name in names:
        path = out / name
        print(f"  {name:<{width}} {len(PdfReader(path).pages):>3} pages  "
              f"{path.stat().st_size / 1024:>6.0f} KB")
    total = sum((out / name).stat().st_size for name in names) / 1024 ** 2
    print(f"build_pdfs: {len(names)} PDFs ({total:.1f} MB) in {shown(out)}/")


def shown(path: Path) -> str:
    """A path as short as it can be said: relative to the current folder when inside it."""
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)


def load_hooks(config) -> None:
    """Run the edition, language, clinic and care-card hooks' setup, so the PDFs use the
    build's own words (config.extra.ui), the cover shows the same red-flag boxes as the site
    and the footers the same approval line (and a bad config fails here too)."""
    for name in ("edition", "language", "clinic", "care_cards"):
        spec = importlib.util.spec_from_file_location(name, ROOT / f"overrides/hooks/{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.on_config(config)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", default="mkdocs.yml")
    parser.add_argument("--site", default="site")
    parser.add_argument("--paper", choices=sorted(PAPER), default="a4")
    return parser.parse_args()


# ---- Pages --------------------------------------------------------------------------------

def nav_pages(config) -> list[tuple[str, str]]:
    """(label, source file) for every page in nav, in order."""
    def walk(items):
        for item in items:
            for label, target in item.items():
                if isinstance(target, str):
                    yield label, target
                else:
                    yield from walk(target)
    return list(walk(config["nav"]))


def printed_pages(config) -> list[tuple[str, str]]:
    """Nav pages for the whole-handbook PDF: all but those marked `web_only: true` (the page
    of claims people meet online is for readers who search for a claim, not for paper)."""
    return [(label, src) for label, src in nav_pages(config)
            if not page_meta(config, src).get("web_only")]


def page_meta(config, src: str) -> dict:
    path = Path(config["docs_dir"]) / src
    return get_data(path.read_text(encoding="utf-8"))[1] if path.is_file() else {}


def handout_pages(config) -> list[tuple[str, dict]]:
    """Pages whose front matter says `handout: true`, in nav order."""
    pages = []
    for _, src in nav_pages(config):
        path = Path(config["docs_dir"]) / src
        if path.is_file():
            _, meta = get_data(path.read_text(encoding="utf-8"))
            if meta.get("handout") is True:
                pages.append((src, meta))
    return pages


def page_url(src: str) -> str:
    """The site path of a page: "self-care.md" -> "self-care/", "index.md" -> ""."""
    return "" if src == "index.md" else src.removesuffix(".md").removesuffix("/index") + "/"


def slug(src: str) -> str:
    return src.removesuffix(".md").replace("/", "-") or "index"


def source_name(config, src: str) -> str:
    """A page's file as an editor knows it: "docs/self-care.md", "docs-ru/self-care.md"."""
    return f"{Path(config['docs_dir']).name}/{src}"


def ui(config, key: str, **values) -> str:
    """An interface string of this build's language (its `_data/ui.yml`), filled in."""
    return config["extra"]["ui"][key].format(**values)


def long_date(config, value: dt.date, short: bool = False) -> str:
    return languages.long_date(value, languages.language(config), short=short)


# ---- Handouts -----------------------------------------------------------------------------

def build_handout(browser, base_url, src, meta, config, out: Path, paper: str) -> list[str]:
    """Both prints of one handout; the problems (a print over its page limit). Both are made
    and checked either way, so one run reports every length to shorten."""
    problems = []
    page = browser.new_page()
    open_page(page, base_url + page_url(src))
    page.emulate_media(media="print")
    open_details(page)
    for variant, limit in (("", MAX_HANDOUT_PAGES), ("large-print", MAX_LARGE_PRINT_PAGES)):
        page.evaluate("(on) => document.documentElement.classList.toggle('large-print', on)",
                      bool(variant))
        name = editions.file_prefix(config.config_file_path) + \
            (f"{slug(src)}-{variant}.pdf" if variant else f"{slug(src)}.pdf")
        footer = footer_html(meta["title"], config, variant,
                             control_line(config, meta["version"], meta["reviewed"],
                                          meta["next_review"]))
        write_pdf(page, out / name, footer, paper, variant)
        pages = len(PdfReader(out / name).pages)
        if pages > limit:
            problems.append(
                f"handout {source_name(config, src)} ({name}) is {pages} pages; the limit is "
                f"{limit}. Shorten the page or remove `handout: true`.")
        set_metadata(out / name, ui(config, "pdf_handout_title", title=meta["title"],
                                    site=config["site_name"]), config)
    page.close()
    return problems


# ---- The whole handbook -------------------------------------------------------------------

def build_handbook(browser, base_url, config, site: Path, out: Path, paper: str) -> None:
    """Render the combined handbook until the contents list shows the pages where chapters
    really start (Chromium has no CSS target-counter). Usually two renders."""
    chapters = printed_pages(config)
    numbers: dict[str, int] = {}
    html_path = out / "handbook.html"
    target = out / f"{editions.file_prefix(config.config_file_path)}handbook.pdf"
    try:
        for _ in range(4):
            html, titles = combine_pages(site, base_url, chapters, config, numbers,
                                         build_date=dt.date.today())
            html_path.write_text(html, encoding="utf-8")
            page = browser.new_page()
            page.goto(base_url + "pdf/handbook.html", wait_until="load")
            page.emulate_media(media="print")
            open_details(page)
            footer = footer_html(config["site_name"], config, "handbook",
                                 handbook_control_line(config))
            write_pdf(page, target, footer, paper)
            page.close()
            found = chapter_pages(target, titles, config)
            if found == numbers:
                break
            numbers = found
        else:
            raise PdfError(f"{shown(target)}: the contents page numbers did not settle")
    finally:
        html_path.unlink(missing_ok=True)
    set_metadata(target, ui(config, "pdf_handbook_title", site=config["site_name"]), config)


def chapter_pages(pdf: Path, titles: list[tuple[str, str]], config) -> dict[str, int]:
    """The page (1-based) where each chapter starts, from the PDF's top-level bookmarks,
    which Chromium makes from each chapter's H1 in order."""
    reader = PdfReader(pdf)
    top = [(squash(item.title), reader.get_destination_page_number(item) + 1)
           for item in reader.outline if not isinstance(item, list)]
    found, position = {}, 0
    for src, title in titles:
        while position < len(top) and top[position][0] != squash(title):
            position += 1
        if position == len(top):
            raise PdfError(f"{pdf.name}: no bookmark for the chapter '{title}' "
                           f"({source_name(config, src)})")
        found[src] = top[position][1]
    return found


def squash(title: str) -> str:
    """A title without spaces: Chromium drops the space where a long heading wraps."""
    return re.sub(r"\s+", "", title)


# ---- Chromium and PDF helpers -------------------------------------------------------------

def write_pdf(page, path: Path, footer: str, paper: str, variant: str = "") -> None:
    # Large print's footer is in bigger type and needs more room.
    margin = {**MARGIN, "bottom": "26mm"} if variant == "large-print" else MARGIN
    page.pdf(path=str(path), format=PAPER[paper], print_background=True, margin=margin,
             display_header_footer=True, header_template="<span></span>",
             footer_template=footer, outline=True, tagged=True)


def footer_html(title: str, config, variant: str, control: str) -> str:
    """Running footer: title, the clinic's phone if set and "page X of Y", then the document
    control line (version, review dates and the clinic's approval, see `control_line`)."""
    clinic = config["extra"].get("clinic") or {}
    who = f" · {clinic['name']}" + (f", {clinic['phone']}" if clinic.get("phone") else "") \
        if clinic.get("name") else ""
    size = "11pt" if variant == "large-print" else "8.5pt"
    # Chromium fills in the page numbers' spans; "page {page} of {pages}" in the build's words.
    page_of = escape(config["extra"]["ui"]["pdf_page"]).format(
        page='<span class="pageNumber"></span>', pages='<span class="totalPages"></span>')
    # DejaVu Sans (fonts-dejavu-core) has every Cyrillic glyph. It is what "sans-serif" gives
    # on Debian anyway; named, the Russian footer does not hang on the machine's default.
    return (
        f'<div style="font-family: system-ui, \'DejaVu Sans\', sans-serif; font-size:{size}; '
        f'width:100%; padding:0 14mm; color:#000">'
        '<div style="display:flex; justify-content:space-between">'
        f"<span>{escape(title)}{escape(who)}</span>"
        f"<span>{page_of}</span>"
        f"</div><div>{keep_whole(escape(control))}</div></div>"
    )


def keep_whole(text: str) -> str:
    """Never break a word at its hyphen (a leaflet reference such as RB-LEAFLET-017)."""
    return re.sub(r"(\S+-\S+)", r'<span style="white-space:nowrap">\1</span>', text)


def control_line(config, version: str, reviewed: dt.date, next_review: dt.date) -> str:
    """Version, clinical review dates and, in a clinic edition, who approved it for use there
    (or "Not yet approved for use at <clinic>"): the line a clinic checks before handing out."""
    line = ui(config, "pdf_control", version=version,
              reviewed=long_date(config, reviewed, short=True),
              next_review=long_date(config, next_review, short=True))
    approval = config["extra"].get("approval_line")
    return f"{line} {approval}." if approval else line


def handbook_control_line(config) -> str:
    """The whole handbook: its edition and the oldest page review (the one due first)."""
    metas = [page_meta(config, src) for _, src in printed_pages(config)]
    dated = [m for m in metas if m.get("reviewed") and m.get("next_review")]
    return control_line(config, str(config["extra"].get("edition", "")),
                        min(m["reviewed"] for m in dated), min(m["next_review"] for m in dated))


def open_details(page) -> None:
    """Print collapsed boxes (such as the sources list) open, as Material does on Ctrl+P."""
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")


def set_metadata(path: Path, title: str, config) -> None:
    writer = PdfWriter(clone_from=PdfReader(path))
    writer.add_metadata({
        "/Title": title,
        "/Author": config["site_author"] or config["site_name"],
        "/Subject": config["site_description"] or "",
        "/Creator": "Pinched Nerve Handbook (MkDocs, Chromium)",
    })
    writer.write(path)


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class serve:
    """Serve a folder on a free loopback port (scripts/bench.py passes a gzip handler)."""

    def __init__(self, root: Path, handler_class=None):
        handler = functools.partial(handler_class or QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)

    def __enter__(self) -> str:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __exit__(self, *exc):
        self.httpd.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class chromium:
    """Debian's Chromium, launched by Playwright (never `playwright install`)."""

    def __enter__(self):
        if not Path(CHROMIUM).exists():
            raise PdfError(f"{CHROMIUM} not found: `make pdf` installs Debian's chromium "
                           "(or set CHROMIUM=/path/to/chromium)")
        from playwright.sync_api import sync_playwright
        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(executable_path=CHROMIUM,
                                                       args=CHROMIUM_ARGS)
        return self.browser

    def __exit__(self, *exc):
        self.browser.close()
        self.playwright.stop()


if __name__ == "__main__":
    sys.exit(main())
