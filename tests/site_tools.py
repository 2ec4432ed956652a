"""Small helpers shared by the quality-gate tests (not fixtures: conftest.py holds those).

- serve(): a loopback web server (the `server` fixture, and planted-fault copies of the site)
- copy_site(): a throwaway copy of the built site to break on purpose
- report(): a table printed at the end of the pytest run (reading grades, page weight)
- page_paths(): every page of a built site, including 404.html, for the browser checks
- open_page(), wait_until_ready(): open a page in Chromium and wait for Material's
  JavaScript, which starts after the first paint (scripts/page_ready.py)
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import http.server
import shutil
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from page_ready import open_page, wait_until_ready  # noqa: E402,F401  (shared with the PDF build)

REPORTS_PLUGIN = "handbook-quality-reports"


def load_hook(name: str):
    """One of overrides/hooks/*.py as a module, to call its functions directly."""
    spec = importlib.util.spec_from_file_location(f"hook_{name}", ROOT / f"overrides/hooks/{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve a folder on a free loopback port (the session `server` fixture uses this too)."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def copy_site(site: Path, dest: Path) -> Path:
    """A copy of the built site (without the PDFs, which no check here reads)."""
    shutil.copytree(site, dest, ignore=shutil.ignore_patterns("pdf", ".build-log"))
    return dest


def base_path(site: Path) -> str:
    """The path the site is published under ("/handbook/"), from the home page's canonical
    link. Material writes 404.html with absolute links under it, since a 404 page is served at
    any address."""
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    canonical = soup.find("link", rel="canonical")
    return urlsplit(canonical["href"]).path if canonical else "/"


def is_redirect_stub(path: Path) -> bool:
    return 'http-equiv="refresh"' in path.read_text(encoding="utf-8")[:800]


def page_paths(site: Path) -> list[str]:
    """Every HTML page a reader can land on: pages, contributor pages and 404.html; not the
    PDFs' folder and not redirect stubs."""
    found = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("pdf/") or is_redirect_stub(path):
            continue
        found.append(rel)
    return found


def url_of(rel: str) -> str:
    """"symptoms/index.html" -> "symptoms/", "index.html" -> ""."""
    return rel.removesuffix("index.html")


# ---- Reports printed at the end of the run ------------------------------------------------

class _Reports:
    def __init__(self):
        self.sections: dict[str, list[str]] = {}

    def pytest_terminal_summary(self, terminalreporter):
        for title, lines in self.sections.items():
            terminalreporter.write_sep("-", title)
            for line in lines:
                terminalreporter.write_line(line)


def report(config, title: str, lines: list[str]) -> None:
    """Print `lines` under `title` in pytest's terminal summary (shown even with -q)."""
    if hasattr(config, "workeroutput"):  # a pytest-xdist worker: conftest.py hands it on
        config.workeroutput.setdefault("handbook_reports", {})[title] = lines
        return
    plugin = config.pluginmanager.get_plugin(REPORTS_PLUGIN)
    if plugin is None:
        plugin = _Reports()
        config.pluginmanager.register(plugin, REPORTS_PLUGIN)
    plugin.sections[title] = lines
