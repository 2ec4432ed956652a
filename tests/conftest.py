"""Shared fixtures: one strict build of the real site per test session, a loopback web server
for it, and Debian's Chromium driven by Playwright. Nothing here is mocked: tests read the
HTML, PDFs and pages a reader would get."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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
    # scripts/ too: the care-card hook draws the flowchart with scripts/figures/make_figures.py
    for name in ("docs", "overrides", "scripts"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest / "mkdocs.yml"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The handbook built once, strictly, exactly as `make build` does."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr[-4000:]}"
    site.joinpath(".build-log").write_text(result.stderr)
    return site


def build_pdfs(config: Path, site: Path):
    """Run the real PDF script (Chromium) over a built site."""
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts/build_pdfs.py"), "--config", str(config),
         "--site", str(site)],
        capture_output=True, text=True, env=ENV, cwd=config.parent,
    )


@pytest.fixture(scope="session")
def pdf_dir(built_site) -> Path:
    """The handbook and handouts made from the session's build, as `make pdf` does."""
    result = build_pdfs(ROOT / "mkdocs.yml", built_site)
    assert result.returncode == 0, result.stderr
    return built_site / "pdf"


@pytest.fixture(scope="session")
def html_pages(built_site) -> dict[str, Path]:
    """Every published HTML page, keyed by its path in the site ("symptoms/index.html")."""
    pages = {}
    for path in sorted(built_site.rglob("*.html")):
        rel = path.relative_to(built_site).as_posix()
        if rel.startswith("pdf/") or rel == "404.html":
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
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (see .ci/run)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
