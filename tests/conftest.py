"""Shared fixtures: one strict build of the real site per test run, a loopback web server
for it, and Debian's Chromium driven by Playwright. Nothing here is mocked: tests read the
HTML, PDFs and pages a reader would get.

`make test` runs pytest with pytest-xdist (pytest.ini): a file's tests stay on one worker, and
the site and the PDFs are built once for all workers (once_per_run)."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Flags for a closed network: without the background-networking ones Chromium keeps trying
# to reach Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def mkdocs_build(config: Path, site: Path, extra_env: dict | None = None):
    """Run a real `mkdocs build` (strict comes from the config) and return the result."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)],
        capture_output=True, text=True, env={**ENV, **(extra_env or {})}, cwd=config.parent,
    )


def copy_project(dest: Path) -> Path:
    """A throwaway copy of the project (config, docs, overrides) to break on purpose."""
    # scripts/ too: the care-card hook draws the flowchart with scripts/figures/make_figures.py;
    # docs-ru/ and mkdocs.ru.yml: every English build builds the Russian edition after it.
    for name in ("docs", "docs-ru", "overrides", "scripts"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "mkdocs.ru.yml"):
        shutil.copy(ROOT / name, dest / name)
    return dest / "mkdocs.yml"


def once_per_run(tmp_path_factory, name: str, make) -> Path:
    """The folder `name`, made by `make(folder)` once for the whole run, however many
    pytest-xdist workers ask: the first to take the lock makes it while the others wait, then
    they all use it (or all fail with its error)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # each worker's temp folder sits inside the run's shared one
    folder, failed = root / name, root / f"{name}.failed"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not folder.exists() and not failed.exists():
            try:
                make(folder)
            except BaseException as err:  # an assert or pytest.fail in `make`
                failed.write_text(str(err))
                raise
    if failed.exists():
        pytest.fail(f"{name} could not be made:\n{failed.read_text()}", pytrace=False)
    return folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The handbook built once, strictly, exactly as `make build` does."""
    def build(site: Path):
        result = mkdocs_build(ROOT / "mkdocs.yml", site)
        assert result.returncode == 0, f"strict build failed:\n{result.stderr[-4000:]}"
        site.joinpath(".build-log").write_text(result.stderr)
    return once_per_run(tmp_path_factory, "site", build)


def build_pdfs(config: Path, site: Path):
    """Run the real PDF script (Chromium) over a built site."""
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts/build_pdfs.py"), "--config", str(config),
         "--site", str(site)],
        capture_output=True, text=True, env=ENV, cwd=config.parent,
    )


@pytest.fixture(scope="session")
def pdf_dir(built_site, tmp_path_factory) -> Path:
    """The handbook and handouts, as `make pdf` makes them, in a copy of the session's build
    (so no other test sees a half-made pdf/ folder in `built_site`): English in pdf/, Russian
    in ru/pdf/. A handout over its page limit is still made, and the limit tests in
    test_pdf.py and test_pdf_ru.py name it; any other problem fails every PDF test."""
    def build(site: Path):
        shutil.copytree(built_site, site)
        result = build_pdfs(ROOT / "mkdocs.yml", site)
        other = [line for line in result.stderr.splitlines()
                 if line.strip() and "; the limit is " not in line]
        assert result.returncode == 0 or not other, result.stderr
    return once_per_run(tmp_path_factory, "site-with-pdfs", build) / "pdf"


@pytest.fixture(scope="session")
def html_pages(built_site) -> dict[str, Path]:
    """Every published English HTML page, keyed by its path in the site
    ("symptoms/index.html"). The Russian edition's pages (ru/) are `ru_html_pages`."""
    return _pages(built_site, skip=("pdf/", "ru/"))


@pytest.fixture(scope="session")
def ru_html_pages(built_site) -> dict[str, Path]:
    """Every published Russian HTML page, keyed by its path in the site ("ru/symptoms/...")."""
    return {f"ru/{rel}": path for rel, path in _pages(built_site / "ru", skip=("pdf/",)).items()}


def _pages(site: Path, skip: tuple[str, ...]) -> dict[str, Path]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(skip) or rel == "404.html":
            continue
        if "http-equiv=\"refresh\"" in path.read_text(encoding="utf-8")[:800]:
            continue  # a redirect stub from mkdocs-redirects, not a page
        pages[rel] = path
    return pages


@pytest.fixture(scope="session")
def site_config() -> dict:
    """mkdocs.yml as data (the !ENV and !!python tags are read as plain values)."""
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    # `extra.care` as the build fills it in, from the country preset (overrides/hooks/edition.py).
    sys.path.insert(0, str(ROOT / "scripts"))
    import editions

    config["extra"]["care"], problems = editions.resolve_care(config["extra"], {})
    assert problems == [], problems
    return config


@pytest.fixture(scope="session")
def server(built_site):
    """Serve the built site on a free loopback port, as any static host would."""
    from site_tools import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright. A missing browser is a failure, never a skip."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: run `make test`, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# ---- pytest-xdist: slowest files first, reports from the workers, progress file by file ----

# Minutes each on the 2-core machine (`--durations` shows them). Started first, they run while
# the other worker gets through the quick files, instead of holding up the end of the run.
SLOW_FILES = ["test_a11y.py", "test_pdf.py", "test_privacy_weight.py", "test_clinic.py"]


def pytest_collection_modifyitems(items):
    """Slow files first (pytest.ini's --no-loadscope-reorder keeps this order for xdist)."""
    def rank(item):
        name = item.path.name
        return SLOW_FILES.index(name) if name in SLOW_FILES else len(SLOW_FILES)
    items.sort(key=rank)  # stable: the rest keep their order


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """Tables a worker made with site_tools.report() are printed by the main process."""
    from site_tools import report

    for title, lines in getattr(node, "workeroutput", {}).get("handbook_reports", {}).items():
        report(node.config, title, lines)


class FileProgress:
    """Under xdist pytest prints only dots; print a line as each test file starts and
    finishes instead (`make test` is long, and a file such as test_a11y.py takes minutes)."""

    def __init__(self, terminal):
        self.terminal = terminal
        self.total: dict[str, int] = {}      # tests per file
        self.done: dict[str, int] = {}
        self.failed: dict[str, set] = {}
        self.started: dict[str, float] = {}
        self.files_done = 0

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node, ids):
        if not self.total:  # every worker collects the same tests
            for nodeid in ids:
                path = nodeid.split("::")[0]
                self.total[path] = self.total.get(path, 0) + 1

    def pytest_runtest_logstart(self, nodeid, location):
        path = nodeid.split("::")[0]
        if path not in self.started and path in self.total:
            self.started[path] = time.monotonic()
            self.terminal.write_line(f"[  started  ] {path} ({self.total[path]} tests)")

    def pytest_runtest_logreport(self, report):
        path = report.nodeid.split("::")[0]
        if report.failed:
            self.failed.setdefault(path, set()).add(report.nodeid)
        if report.when != "teardown" or path not in self.total:
            return
        self.done[path] = self.done.get(path, 0) + 1
        if self.done[path] == self.total[path]:
            self.files_done += 1
            failed = len(self.failed.get(path, ()))
            self.terminal.write_line(
                f"[{self.files_done:2}/{len(self.total)} files] {path}: {self.total[path]} "
                f"tests, {f'{failed} FAILED' if failed else 'all passed'}, "
                f"{time.monotonic() - self.started[path]:.0f} s")

    @pytest.hookimpl(tryfirst=True)
    def pytest_report_teststatus(self, report, config):
        if report.passed and report.when == "call":
            return "passed", "", "PASSED"  # no dot: the file's line says it


def pytest_sessionstart(session):
    config = session.config
    if config.pluginmanager.hasplugin("dsession"):  # xdist's main process, with workers
        config.pluginmanager.register(
            FileProgress(config.pluginmanager.get_plugin("terminalreporter")), "file-progress")
