"""Benchmark the handbook on this machine, in one run, and print each figure beside its target.

    python scripts/bench.py [--config mkdocs.yml] [--runs 5] [--no-lighthouse]
                            [--lighthouse-runs 3]

Measures:
  build     `mkdocs build` of the English handbook (HANDBOOK_LANGUAGES=en) against a plain
            Material build of the same pages (median of RUNS wall-clock runs each,
            interleaved so background load hits both); then "build both": the real build of
            both languages (English, then the Russian edition into site/ru/), median of RUNS
  pdf       scripts/build_pdfs.py on the built site (one run)
  size      the built site on disk, without and with the PDFs
  weight    the heaviest first visit of any page in nav, in each language: every file
            Chromium fetches on a fresh visit (page, CSS, JS, search worker and index,
            images), each gzipped
  index     search/search_index.json and ru/search/search_index.json, gzipped
  reading ru  the Russian reading level: Flesch reading ease (Oborneva's Russian constants) of
            each Russian page, beside its gate (its figure in tests/data/reading-level-ru.yml
            minus the margin; scripts/reading_level.py, tests/test_reading_level_ru.py)
  search    the hit rates of scripts/search_hits.py on the built site (tests/data/
            search-queries.yml, search-queries-fresh.yml as "search new" and the Russian
            search-queries-ru.yml as "search ru"), and the time
            from the last keystroke to results on the glossary page (the largest), each beside
            the same site with Material's own search worker (before the ranking patch)
  lighthouse  Lighthouse (mobile) for the home, symptoms, glossary and urgent-care pages,
            served by a loopback server that gzips and sends the headers of
            docs/contributing/hosting.md, as a real host does; the median of 3 runs each

The plain build: `theme: material`, the default search plugin, no hooks, no custom_dir, no
Markdown extensions, the same nav. The handbook's hooks write part of the content (the
glossary page from docs/_data/glossary.yml, the care cards from docs/_data/red-flags.yml), so
for a fair comparison the plain build gets that content ready-made: before any timing, the
hooks' own functions write glossary.md and replace each care-card marker with its card in a
copy of docs/. Both builds then render the same pages and words; the ratio is the cost of what
the handbook adds (front-matter checks, tooltips on every page, QR codes, extensions,
template overrides, the third-party gate, strict link and anchor validation).

A benchmark reports; it is not a test: it exits 0 and prints "not measured" with the reason
when a part cannot run.
"""

from __future__ import annotations

import argparse
import fnmatch
import gzip
import http.server
import importlib.util
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import build_pdfs  # noqa: E402
import csp  # noqa: E402
from page_ready import wait_until_ready  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_PAGES = {"home": "", "symptoms": "symptoms/", "glossary": "glossary/",
                    "urgent care": "urgent-care/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")

TARGET_BUILD_RATIO = 1.5
# The budgets of tests/test_privacy_weight.py, in the same units (KB = 1024 bytes, gzip).
KB = 1024
TARGET_FIRST_VISIT = 100 * KB
# Russian says the same in more bytes (two a Cyrillic letter): tests/test_privacy_weight.py.
TARGET_FIRST_VISIT_RU = 110 * KB
TARGET_LIGHTHOUSE = 100
# A reply within a tenth of a second feels instant (the usual rule for interfaces).
TARGET_KEYSTROKE_MS = 100
# The search worker's file name in each page's config.
WORKER_NAME = re.compile(r"(?<=workers/)search\.[0-9a-f]{8}\.min\.js")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", default="mkdocs.yml")
    parser.add_argument("--runs", type=int, default=7, help="builds of each kind (default 7)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--lighthouse-runs", type=int, default=3,
                        help="Lighthouse runs per page; the median is reported (default 3)")
    args = parser.parse_args()
    config = Path(args.config).resolve()
    print(f"bench: {config.name} on {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f} at start, {time.strftime('%Y-%m-%d %H:%M')}")
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        site = step("build", lambda: bench_builds(config, work, args.runs))
        if not site:  # the comparison failed: build once anyway, so the rest is measured
            site = step("build", lambda: build_once(config, work / "site"))
        if site:
            step("pdf", lambda: bench_pdfs(config, site))
            step("size", lambda: bench_size(site))
            step("weight", lambda: bench_weight(site, config))
            step("index", lambda: bench_index(site))
            step("reading ru", lambda: bench_russian_reading(site))
            step("search", lambda: bench_search(site, work))
        if not args.no_lighthouse:
            step("lighthouse", lambda: bench_lighthouse(config, work, args.lighthouse_runs))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"bench: load average {os.getloadavg()[0]:.1f} at the end")
    return 0


def step(name: str, run):
    """Run one measurement; a failure is reported, never raised."""
    try:
        return run()
    except Exception as err:  # noqa: BLE001 - a benchmark reports what it could not measure
        print(f"{name:<11} not measured: {type(err).__name__}: {str(err).strip()[:300]}")
        return None


def row(name: str, result: str, target: str = "", ok: bool | None = None) -> None:
    mark = "" if ok is None else ("  ok" if ok else "  MISSED")
    print(f"{name:<11} {result:<46} {('target ' + target) if target else ''}{mark}")


# ---- Build time ---------------------------------------------------------------------------

def bench_builds(config: Path, work: Path, runs: int) -> Path:
    plain_config = make_plain_project(config, work / "plain")
    site, plain_site = work / "site", work / "plain-site"
    handbook_times, plain_times = [], []
    # One untimed build of each first: the first run of each kind pays for reading every
    # file and module from disk, which a reader of the figures would not count.
    english = {"HANDBOOK_LANGUAGES": "en"}   # the plain build has one language too
    timed_build(config, site, english)
    timed_build(plain_config, plain_site)
    for _ in range(runs):  # interleaved: background load hits both kinds alike
        handbook_times.append(timed_build(config, site, english))
        plain_times.append(timed_build(plain_config, plain_site))
    handbook, plain = statistics.median(handbook_times), statistics.median(plain_times)
    ratio = handbook / plain
    row("build", f"{handbook:.2f} s vs plain Material {plain:.2f} s = {ratio:.2f}x",
        f"<= {TARGET_BUILD_RATIO}x plain", ratio <= TARGET_BUILD_RATIO)
    print(f"{'':<11} (median of {runs}; handbook runs "
          f"{', '.join(f'{t:.2f}' for t in handbook_times)}; plain "
          f"{', '.join(f'{t:.2f}' for t in plain_times)})")
    both = statistics.median([timed_build(config, site) for _ in range(runs)])
    row("build both", f"{both:.2f} s for English and Russian ({both - handbook:.2f} s more "
        f"than English alone)")
    return site


def build_once(config: Path, site: Path) -> Path:
    row("build", f"the handbook alone: {timed_build(config, site):.2f} s (one run, no comparison)")
    return site


def timed_build(config: Path, site: Path, env: dict | None = None) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        capture_output=True, text=True, env={**ENV, **(env or {})}, cwd=config.parent,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{config.name} failed to build:\n{result.stderr[-1500:]}")
    return elapsed


def make_plain_project(config: Path, dest: Path) -> Path:
    """A copy of docs/ with the hook-made content written out, and a plain Material config."""
    from mkdocs.config import load_config

    cfg = load_config(str(config))
    hooks = {name: load_hook(config.parent / "overrides" / "hooks" / f"{name}.py")
             for name in ("edition", "language", "metadata", "glossary", "care_cards")}
    # The order mkdocs.yml runs them in: care values, then this language's words, then data.
    for name in ("edition", "language", "metadata", "glossary", "care_cards"):
        hooks[name].on_config(cfg)
    docs = dest / "docs"
    shutil.copytree(cfg["docs_dir"], docs)
    for page in docs.rglob("*.md"):
        src = page.relative_to(docs).as_posix()
        stub = types.SimpleNamespace(file=types.SimpleNamespace(src_uri=src))
        text = page.read_text(encoding="utf-8")
        page.write_text(hooks["care_cards"].on_page_markdown(text, stub, cfg, None),
                        encoding="utf-8")
    (docs / "glossary.md").write_text(hooks["glossary"].render_page(cfg), encoding="utf-8")
    plain = {
        "site_name": cfg["site_name"],
        "site_url": cfg["site_url"],
        "docs_dir": "docs",
        "theme": {"name": "material"},
        "plugins": ["search"],
        "exclude_docs": "_data/\n_snippets/\n",
        "nav": cfg["nav"],
    }
    path = dest / "mkdocs.yml"
    path.write_text(yaml.safe_dump(plain, sort_keys=False), encoding="utf-8")
    return path


def load_hook(path: Path):
    spec = importlib.util.spec_from_file_location(f"bench_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---- PDFs, size, search index -------------------------------------------------------------

def bench_pdfs(config: Path, site: Path) -> None:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_pdfs.py"), "--config", str(config),
         "--site", str(site)],
        capture_output=True, text=True, env=ENV, cwd=config.parent,
    )
    elapsed = time.perf_counter() - start
    pdfs = sorted((site / "pdf").glob("*.pdf")) + sorted((site / "ru" / "pdf").glob("*.pdf"))
    note = "" if result.returncode == 0 else \
        f"; build_pdfs.py exit {result.returncode}: {result.stderr.strip().splitlines()[0][:120]}"
    row("pdf", f"{elapsed:.1f} s for {len(pdfs)} PDFs, both languages (one run){note}")


def bench_size(site: Path) -> None:
    files = [p for p in site.rglob("*") if p.is_file()]
    pdf = sum(p.stat().st_size for p in files if p.suffix == ".pdf")
    total = sum(p.stat().st_size for p in files)
    row("size", f"{(total - pdf) / 1e6:.2f} MB site + {pdf / 1e6:.2f} MB PDFs "
        f"({len(files)} files)")


def bench_index(site: Path) -> None:
    for name, folder in (("index", site), ("index ru", site / "ru")):
        raw = (folder / "search" / "search_index.json").read_bytes()
        row(name, f"{len(gzip.compress(raw)) / KB:.1f} KB gzip ({len(raw) / KB:.0f} KB raw)")


def bench_russian_reading(site: Path) -> None:
    """Russian reading level: each page's reading ease beside its gate, hardest first."""
    import reading_level

    record = reading_level.russian_record()
    figures = reading_level.russian_figures(site)
    print(f"{'reading ru':<11} Russian reading level: Flesch reading ease, Oborneva's "
          f"constants (higher is easier), {len(figures)} pages")
    for page, (ease, words) in sorted(figures.items(), key=lambda item: item[1][0]):
        floor = record.get(page)
        gate = None if floor is None else floor - reading_level.RUSSIAN_MARGIN
        row("", f"{page:<26} {ease:5.1f} ({words} words)",
            "not recorded" if gate is None else f">= {gate:.1f}",
            False if gate is None else ease >= gate)


def bench_search(site: Path, work: Path) -> None:
    """Both query sets and the time from the last keystroke to results on the glossary page,
    with the handbook's search and, on a copy of the same site, with Material's own search
    worker (what overrides/hooks/search_ranking.py patches): the before and after of issue 16."""
    import search_hits

    material = material_search(site, work / "material-search")
    russian = ROOT / "tests" / "data" / "search-queries-ru.yml"
    for name, queries in (("search", search_hits.QUERIES), ("search new", search_hits.FRESH),
                          ("search ru", russian)):
        hits, total = search_hits.hit_rate(site, queries)
        was, _ = search_hits.hit_rate(material, queries)
        row(name, f"{hits}/{total} in the top {search_hits.TOP} (Material's own: {was}/{total})",
            f"{total}/{total}", hits == total)
    now, was = search_hits.keystroke_ms(site), search_hits.keystroke_ms(material)
    median = statistics.median(now)
    row("keystroke", f"{median:.0f} ms to results, glossary (Material's own: "
        f"{statistics.median(was):.0f} ms)", f"<= {TARGET_KEYSTROKE_MS} ms",
        median <= TARGET_KEYSTROKE_MS)
    print(f"{'':<11} (median of {len(now)}: {len(search_hits.TIMED)} queries x "
          f"{len(now) // len(search_hits.TIMED)}; slowest {max(now):.0f} ms, "
          f"Material's own {max(was):.0f} ms)")


def material_search(site: Path, dest: Path) -> Path:
    """A copy of the built site whose pages use Material's own, unpatched search worker."""
    import material as material_package

    workers = Path(material_package.__file__).parent / "templates" / "assets/javascripts/workers"
    (worker,) = workers.glob("search.*.min.js")
    shutil.copytree(site, dest, ignore=shutil.ignore_patterns("pdf"))
    for assets in (dest / "assets", dest / "ru" / "assets"):   # each language has its own
        if assets.is_dir():
            shutil.copy(worker, assets / "javascripts/workers" / worker.name)
    for page in dest.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        page.write_text(WORKER_NAME.sub(worker.name, html), encoding="utf-8")
    return dest


# ---- Page weight --------------------------------------------------------------------------

def bench_weight(site: Path, config: Path) -> None:
    from mkdocs.config import load_config
    from playwright.sync_api import sync_playwright

    paths = [page_url(src) for src in nav_sources(load_config(str(config))["nav"])]
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, prefix, target in (("weight", "", TARGET_FIRST_VISIT),
                                     ("weight ru", "ru/", TARGET_FIRST_VISIT_RU)):
            weights = {prefix + path or "/": first_visit(browser, base, prefix + path, site)
                       for path in paths}
            weight_rows(name, weights, target)
        browser.close()


def weight_rows(name: str, weights: dict[str, tuple[int, int]], target: int) -> None:
    heaviest = sorted(weights.items(), key=lambda kv: -kv[1][0])
    page, (total, count) = heaviest[0]
    row(name, f"heaviest first visit {total / KB:.1f} KB gzip ({page}, {count} files)",
        f"<= {target // KB} KB", total <= target)
    print(f"{'':<11} (next: " + ", ".join(f"{p} {w / KB:.1f} KB" for p, (w, _) in heaviest[1:4])
          + f"; lightest {heaviest[-1][0]} {heaviest[-1][1][0] / KB:.1f} KB)")


def first_visit(browser, base: str, path: str, site: Path) -> tuple[int, int]:
    """Gzip bytes of every same-site file a fresh browser fetches for one page."""
    context = browser.new_context(viewport={"width": 412, "height": 823})  # a phone
    fetched: set[str] = set()
    context.on("request", lambda r: fetched.add(r.url))
    page = context.new_page()
    page.goto(base + path, wait_until="networkidle")
    wait_until_ready(page)      # Material's bundle is fetched after the first paint
    page.wait_for_timeout(300)  # the search worker fetches the index after load
    context.close()
    total = count = 0
    for url in fetched:
        if not url.startswith(base):
            continue
        file = site / unquote(urlsplit(url).path.lstrip("/"))
        if file.is_dir():
            file = file / "index.html"
        if file.is_file():
            total += len(gzip.compress(file.read_bytes()))
            count += 1
    return total, count


def nav_sources(nav) -> list[str]:
    found = []
    for item in nav:
        for target in (item.values() if isinstance(item, dict) else [item]):
            found += [target] if isinstance(target, str) else nav_sources(target)
    return found


def page_url(src: str) -> str:
    return "" if src == "index.md" else src.removesuffix(".md").removesuffix("/index") + "/"


# ---- Lighthouse ---------------------------------------------------------------------------

def bench_lighthouse(config: Path, work: Path, runs: int) -> None:
    if not LIGHTHOUSE.exists():
        row("lighthouse", "not measured: node_modules/.bin/lighthouse missing (npm ci)")
        return
    site = work / "lighthouse-site"
    site.mkdir()
    headers: dict[str, str] = {}
    with serve(site, headers) as base:
        # Built for the address it is served from, as on a real host (canonical links,
        # sitemap), with the headers the hosting notes recommend.
        build = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
            capture_output=True, text=True, env={**ENV, "SITE_URL": base}, cwd=config.parent)
        if build.returncode != 0:
            raise RuntimeError(build.stderr[-1500:])
        headers.update(csp.security_headers(site))
        for name, path in LIGHTHOUSE_PAGES.items():
            # Lighthouse's own advice: scores vary from run to run (here mostly Total Blocking
            # Time, as the machine's load changes), so report the median run.
            results = sorted(
                (lighthouse(base + path, work / f"lh-{name.replace(' ', '-')}-{run}.json")
                 for run in range(runs)),
                key=lambda result: result[0]["performance"])
            scores, failed = results[len(results) // 2]
            text = "  ".join(f"{c.replace('best-practices', 'bp')} {s}" for c, s in scores.items())
            row("lighthouse", f"{name}: {text}", f"{TARGET_LIGHTHOUSE} each",
                all(s == TARGET_LIGHTHOUSE for s in scores.values()))
            performance = [result[0]["performance"] for result in results]
            print(f"{'':<11} (median of {runs}; performance {', '.join(map(str, performance))}"
                  + (f"; below 1 in the median run: {', '.join(failed[:8])})" if failed else ")"))


def lighthouse(url: str, out: Path) -> tuple[dict[str, int], list[str]]:
    """Mobile (Lighthouse's default form factor and throttling) scores, 0-100."""
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
         f"--only-categories={','.join(CATEGORIES)}",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
         "--disable-background-networking"],
        capture_output=True, text=True, env={**ENV, "CHROME_PATH": CHROMIUM}, timeout=300,
    )
    if result.returncode != 0 or not out.is_file():
        raise RuntimeError(f"lighthouse {url}: {result.stderr.strip()[-300:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    failed = sorted({ref["id"] for c in CATEGORIES for ref in report["categories"][c]["auditRefs"]
                     if ref.get("weight") and (report["audits"][ref["id"]].get("score") is not None)
                     and report["audits"][ref["id"]]["score"] < 1})
    return scores, failed


# ---- A small static host: gzip, cache and security headers --------------------------------

class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files as a static host does: gzip for text, long caching for fingerprinted
    files, revalidation for the rest, and the extra headers in `headers`."""

    headers_to_add: dict[str, str] = {}
    cache: dict[str, bytes] = {}

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if (not path.is_file() or path.suffix not in COMPRESSIBLE
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = self.cache.get(str(path))
        if body is None:
            body = self.cache[str(path)] = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self):
        url = urlsplit(self.path).path
        immutable = any(fnmatch.fnmatch(url, pattern) for pattern in csp.IMMUTABLE)
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if immutable
                         else "no-cache")
        for name, value in self.headers_to_add.items():
            self.send_header(name, value)
        super().end_headers()


class serve(build_pdfs.serve):
    """build_pdfs' loopback server with GzipHandler; `headers` (a dict that may be filled in
    later) are added to every response."""

    def __init__(self, root: Path, headers: dict[str, str] | None = None):
        handler_class = type("Handler", (GzipHandler,),
                             {"headers_to_add": headers if headers is not None else {},
                              "cache": {}})
        super().__init__(root, handler_class)


if __name__ == "__main__":
    sys.exit(main())
