"""Every external link in the handbook, in one report: where it is used, and (online) whether it
still opens.

    python scripts/external_links.py [--site SITE] [--online]

Links come from the built HTML (page text, templates, the sources list under each page) and
from docs/_data/sources.yml (so a source no page cites yet is checked too). Without --site the
script builds the site into a temporary folder first, so the report is never stale.

Offline (the default, and what tests/test_links.py uses) it prints a table of url and pages,
then any rule broken: every link must be https, and none may point to a login or library
proxy host (patients cannot open those). Exit status 1 if a rule is broken.

With --online (`make links-online`; needs the internet, not part of CI) it also requests every
link (HEAD, then GET when a server refuses HEAD) and lists the ones that fail.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from collections import defaultdict
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "docs" / "_data" / "sources.yml"
# Attributes that make the browser or the reader go to an address.
LINK_ATTRIBUTES = ("href", "src", "action", "cite", "poster", "data")
LINK = re.compile(r"""\s(?:%s)\s*=\s*(["']?)(https?://[^"'\s>]+)\1""" % "|".join(LINK_ATTRIBUTES),
                  re.IGNORECASE)
# A link whose host name contains one of these needs a login (or a university library's
# proxy) to open: patients cannot read it. Case-insensitive, on the host name only.
DENIED_HOST_PARTS = ("login", "signin", "sign-in", "bibliotheek", "proxy", "athens",
                     "shibboleth")
# ...and a host with one of these as a whole label (sso.example.org) is a sign-in service.
DENIED_HOST_LABELS = ("auth", "sso", "idp", "accounts")
# A contributor's own machine (`make serve`), named in the contributor guide: not on the web.
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) pinched-nerve-handbook link check"


# ---- Collecting ---------------------------------------------------------------------------

def own_address(site: Path) -> str:
    """The site's own address (from the canonical link of the home page): not external."""
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    canonical = soup.find("link", rel="canonical")
    return canonical["href"] if canonical else ""


def site_pages(site: Path):
    """Every HTML file of the built site except the PDFs' folder (its own checks cover it)."""
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if not rel.startswith("pdf/"):
            yield rel, path


def links_in_html(html: str) -> set[str]:
    """Absolute http(s) addresses in link attributes. A regular expression rather than a full
    parse: the built pages are generated, always-quoted HTML, and this is 20 times faster."""
    return {unescape(m.group(2)).strip() for m in LINK.finditer(html)}


def collect(site: Path, sources: Path = SOURCES) -> dict[str, set[str]]:
    """External URL -> the pages (or the sources file) that use it."""
    own = own_address(site)
    used: dict[str, set[str]] = defaultdict(set)
    for rel, path in site_pages(site):
        for url in links_in_html(path.read_text(encoding="utf-8")):
            if own and url.startswith(own):
                continue  # the page's own canonical address, printed addresses: not external
            if urlsplit(url).hostname in LOCAL_HOSTS:
                continue
            used[url].add(rel)
    if sources.is_file():
        for key, entry in (yaml.safe_load(sources.read_text(encoding="utf-8")) or {}).items():
            url = str((entry or {}).get("url", ""))
            if url:
                used[url].add(f"docs/_data/sources.yml ({key})")
    return dict(used)


# ---- Rules --------------------------------------------------------------------------------

def problems(used: dict[str, set[str]]) -> list[str]:
    """One message per broken rule, naming the link and where it is used."""
    found = []
    for url, where in sorted(used.items()):
        pages = ", ".join(sorted(where))
        parts = urlsplit(url)
        if parts.scheme != "https":
            found.append(f"{pages}: {url} is not https (patients' browsers warn on plain http)")
        host = (parts.hostname or "").lower()
        denied = denied_part(host)
        if denied:
            found.append(f"{pages}: {url} points to a login or library-proxy host "
                         f"('{denied}' in {host}); link the public page instead")
    return found


def denied_part(host: str) -> str | None:
    """The deny-list entry a host name matches, or None."""
    host = host.lower()
    for part in DENIED_HOST_PARTS:
        if part in host:
            return part
    for label in host.split("."):
        if label in DENIED_HOST_LABELS:
            return label
    return None


def table(used: dict[str, set[str]]) -> list[str]:
    """Rows for the report. Query strings are grouped (the "report a problem" link carries the
    page name), so the table lists each address once."""
    grouped: dict[str, set[str]] = defaultdict(set)
    for url, where in used.items():
        parts = urlsplit(url)
        grouped[urlunsplit(parts._replace(query="", fragment=""))] |= where
    width = min(max((len(u) for u in grouped), default=3), 90)
    rows = [f"{'url':<{width}}  pages using it", f"{'-' * width}  {'-' * 14}"]
    for url, where in sorted(grouped.items()):
        pages = sorted(where)
        shown = ", ".join(pages[:4]) + (f" (+{len(pages) - 4} more)" if len(pages) > 4 else "")
        rows.append(f"{url:<{width}}  {shown}")
    return rows


# ---- Online check (make links-online) -----------------------------------------------------

def check_online(url: str, timeout: float = 20) -> str | None:
    """None when the link opens, else what went wrong."""
    last = None
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                final = response.geturl()
                if denied_part(urlsplit(final).hostname or ""):
                    return f"redirects to a login page: {final}"
                return None
        except urllib.error.HTTPError as err:
            last = f"HTTP {err.code} {err.reason}"
            if err.code not in (403, 405, 429, 501):
                return last  # a real "not found" or server error; GET will not change it
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            last = f"cannot connect: {getattr(err, 'reason', err)}"
    return last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", help="a built site (default: build one into a temporary folder)")
    parser.add_argument("--online", action="store_true", help="also request every link")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        if args.site:
            site = Path(args.site).resolve()
        else:
            site = Path(tmp) / "site"
            build = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"),
                 "-d", str(site)], capture_output=True, text=True, cwd=ROOT)
            if build.returncode != 0:
                print(f"external_links: the build failed:\n{build.stderr[-3000:]}", file=sys.stderr)
                return 1
        used = collect(site)

    print("\n".join(table(used)))
    print(f"\n{len(used)} external link(s)")
    failed = problems(used)
    if args.online:
        # One request per address: the "report a problem" link differs per page only in its
        # query string.
        first_of = {}
        for url in sorted(used):
            first_of.setdefault(urlunsplit(urlsplit(url)._replace(query="", fragment="")), url)
        urls = sorted(first_of.values())
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            results = dict(zip(urls, pool.map(check_online, urls)))
        for url, error in results.items():
            if error:
                failed.append(f"{', '.join(sorted(used[url]))}: {url}: {error}")
        print(f"online: {sum(1 for e in results.values() if not e)} of {len(urls)} addresses open")
    for message in failed:
        print(f"external_links: {message}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
