"""Search hit rate: do patients' own words find the right page near the top of the results?

Types each query from tests/data/search-queries.yml (or search-queries-fresh.yml) into the
real search box of a built site, in Debian's Chromium, and reads the result links in order
(one result per page; a result's page is its link without the `?h=` highlight and
`#section`). A query is a hit when every page it expects is among its first `top` results
(3 unless the query says otherwise).
Also times the last keystroke to results (keystroke_ms). Used by tests/test_search.py and
`make bench`:

    .venv/bin/python scripts/search_hits.py --site site
    .venv/bin/python scripts/search_hits.py --queries tests/data/search-queries-fresh.yml
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from page_ready import open_page  # noqa: E402
from build_pdfs import chromium, serve  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "data" / "search-queries.yml"
# Written for issue 16 before the search ranking changed, and never tuned for.
FRESH = ROOT / "tests" / "data" / "search-queries-fresh.yml"
TOP = 3
BOX = "input.md-search__input"
META = ".md-search-result__meta"
TIMEOUT_MS = 10_000
# Timed from the last keystroke to results (`make bench`): one word, a misspelling (the
# typo fallback), several words, and a word that starts many others.
TIMED = ("sciatica", "ibuprofin", "back pain in pregnancy", "pins and needles in my foot", "pain")
# Installed once in the page: the time of the last keyup in the search box, and the time
# the next results are painted: the next frame after the first result is added to the list,
# or after the count changes to "no results" with an empty list.
TIMER_JS = f"""() => {{
  const list = document.querySelector('.md-search-result__list');
  document.querySelector('{BOX}').addEventListener('keyup', () => {{
    window.__keyup = performance.now(); window.__drawn = null; }});
  let waiting = false;
  new MutationObserver(records => {{
    if (window.__keyup === null || window.__drawn !== null || waiting) return;
    const added = records.some(r => [...r.addedNodes].some(
      n => n.classList && n.classList.contains('md-search-result__item')));
    const none = records.some(r => r.target.matches('{META}')) && !list.children.length;
    if (!added && !none) return;
    waiting = true;
    requestAnimationFrame(() => setTimeout(() => {{
      window.__drawn = performance.now(); waiting = false; }}));
  }}).observe(document.querySelector('.md-search-result'), {{childList: true, subtree: true}});
}}"""
# Material's own status texts, read from the page so another language works too.
PLACEHOLDER_JS = (
    "JSON.parse(document.querySelector('#__config').textContent)"
    ".translations['search.result.placeholder']"
)


def main() -> int:
    args = parse_args()
    site = Path(args.site).resolve()
    if not (site / "index.html").is_file():
        print(f"search_hits: {site} has no index.html; run `make build` first", file=sys.stderr)
        return 1
    queries = load_queries(Path(args.queries))
    missed = run(site, queries)
    for miss in missed:
        print(f"search_hits: missed {miss}", file=sys.stderr)
    hits = len(queries) - len(missed)
    print(f"search: {hits}/{len(queries)} queries found their page in the top {TOP} "
          f"({100 * hits / len(queries):.0f}%)")
    return 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default="site", help="a built site (default: site)")
    parser.add_argument("--queries", default=str(QUERIES), help="the queries file")
    return parser.parse_args()


def hit_rate(site: Path, queries_file: Path = QUERIES) -> tuple[int, int]:
    """(hits, queries) for a built site, for scripts such as the benchmark."""
    queries = load_queries(queries_file)
    return len(queries) - len(run(Path(site).resolve(), queries)), len(queries)


def run(site: Path, queries: list[dict]) -> list[str]:
    """Serve the site on loopback, open it in Chromium and return the misses."""
    # Russian queries (pages under /ru/) are typed into the Russian edition's search box.
    start = "ru/" if all(p.startswith("/ru/") for q in queries for p in q["pages"]) else ""
    with serve(site) as base_url, chromium() as browser:
        tab = browser.new_page()
        open_search(tab, base_url + start)
        return misses(tab, base_url, queries)


def load_queries(path: Path = QUERIES) -> list[dict]:
    """The queries, each with `pages` (site paths such as "/symptoms/") and `top`."""
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise SystemExit(f"search_hits: cannot read {path}: {err}")
    queries = []
    for n, entry in enumerate(entries or [], 1):
        entry = entry if isinstance(entry, dict) else {}
        pages = entry.get("page")
        pages = [pages] if isinstance(pages, str) else pages
        top = entry.get("top", TOP)
        if not (isinstance(entry.get("query"), str) and entry["query"].strip() and pages
                and all(isinstance(p, str) and p.startswith("/") for p in pages)
                and isinstance(top, int) and top > 0):
            raise SystemExit(f"search_hits: {path}: entry {n} needs `query`, "
                             "`page: /path/` (or a list of them) and an optional `top: N`")
        queries.append({"query": entry["query"], "pages": pages, "top": top})
    if not queries:
        raise SystemExit(f"search_hits: {path} has no queries")
    return queries


def open_search(tab, url: str) -> None:
    """Load a page and open search with Material's "s" shortcut, as a keyboard user would."""
    open_page(tab, url)
    tab.keyboard.press("s")
    wait_for_ready(tab)


def search(tab, base_url: str, query: str) -> list[str]:
    """The pages of the results for `query`, best first, as site paths ("/symptoms/")."""
    # Material replaces the text of the result count with each answer from its search
    # worker: remember the current text node, type, and wait for a new one. It sends a query
    # only when the text changes, so the same text again keeps the results on screen.
    typed = tab.evaluate(
        f"() => {{ window.__before = document.querySelector('{META}').firstChild; "
        f"return document.querySelector('{BOX}').value; }}"
    )
    if typed != query:
        tab.focus(BOX)
        tab.keyboard.press("Control+A")
        tab.keyboard.insert_text(query)
        tab.keyboard.press("End")  # Material reads the box on keyup
        tab.wait_for_function(f"document.querySelector('{META}').firstChild !== window.__before",
                              timeout=TIMEOUT_MS, polling=5)
    hrefs = tab.eval_on_selector_all(
        ".md-search-result__item", "items => items.map(i => i.querySelector('a').href)"
    )
    return [page_path(href, base_url) for href in hrefs]


def misses(tab, base_url: str, queries: list[dict]) -> list[str]:
    """One line per query whose pages are not all in its top results."""
    missed = []
    for q in queries:
        found = search(tab, base_url, q["query"])
        if not set(q["pages"]) <= set(found[: q["top"]]):
            missed.append(f"{q['query']!r}: wanted {q['pages']} in the top {q['top']}, "
                          f"got {found[:5]}")
    return missed


def keystroke_ms(site: Path, page: str = "glossary/", queries: tuple[str, ...] = TIMED,
                 runs: int = 5) -> list[float]:
    """Milliseconds from the last keystroke of each query to its results on screen, typed
    `runs` times each into the search box of `page` (the glossary: the largest page, so
    the most work for the browser as results are drawn)."""
    with serve(Path(site).resolve()) as base_url, chromium() as browser:
        tab = browser.new_page()
        open_search(tab, base_url + page)
        tab.evaluate(TIMER_JS)
        return [last_keystroke_ms(tab, base_url, query) for _ in range(runs) for query in queries]


def last_keystroke_ms(tab, base_url: str, query: str) -> float:
    """Type all but the last letter and wait for those results; then time the last letter
    in the page itself, from its keyup (Material searches on keyup) to the next change of
    the results."""
    search(tab, base_url, query[:-1])
    # Material draws the results a little after the count: let them all be drawn first.
    tab.evaluate("() => new Promise(done => requestAnimationFrame(() => "
                 "requestAnimationFrame(() => setTimeout(done, 100))))")
    tab.evaluate("() => { window.__keyup = null; window.__drawn = null; }")
    tab.keyboard.press(query[-1])
    tab.wait_for_function("window.__drawn !== null && window.__keyup !== null",
                          timeout=TIMEOUT_MS, polling=5)
    return tab.evaluate("window.__drawn - window.__keyup")


def wait_for_ready(tab) -> None:
    """Wait for "Type to start searching": the search worker has loaded the index."""
    tab.wait_for_function(
        f"document.querySelector('{META}').textContent === {PLACEHOLDER_JS}",
        timeout=TIMEOUT_MS, polling=5,
    )


def page_path(href: str, base_url: str) -> str:
    """A result link as a site path: "/symptoms/" whether the site links symptoms/ or
    symptoms.html (the offline bundle), and "/" for the home page."""
    path = unquote(urlsplit(href).path)[len(unquote(urlsplit(base_url).path)):]
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    elif path.endswith(".html"):
        path = path[: -len(".html")] + "/"
    return "/" + path


if __name__ == "__main__":
    sys.exit(main())
