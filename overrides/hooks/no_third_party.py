"""No third-party requests: fail the build if any page would make a reader's browser fetch
something (a script, style sheet, font, image, frame) from another website.

One job: check every built page and template, and our own style sheets and scripts, for
assets on another host, and fail naming the file and the address. Links that a reader clicks
(`<a href>`) are fine: they are not requests until the reader chooses to follow them.

Why a hook and not Material's privacy plugin: used as a gate (assets_fetch off), the plugin
does this same check, but it imports `requests` and parses every tag it finds, which cost
about a tenth of the build (see `make bench`). tests/test_privacy_weight.py still opens every
built page in Chromium and fails on any request to another host; this hook stops the problem
earlier, with the file's name.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

# Every absolute address in the HTML is a candidate; what comes just before it says whether
# the browser fetches it by itself. Looking only around the addresses (not at every tag)
# keeps this hook to a few milliseconds a build.
# (Starting at the literal "//", not at an optional "https:", makes the search ~40x faster.)
ADDRESS = re.compile(r"""//[^"'\s<>()]+""")
# src/srcset/poster/data on any tag; href only on <link> (style sheets, icons) and SVG.
ATTRIBUTE_BEFORE = re.compile(
    r"""\s(src|srcset|poster|data|href|xlink:href)\s*=\s*["']?$""", re.IGNORECASE)
TAG_NAME = re.compile(r"<([a-zA-Z]+)\b")
HREF_FETCHED_BY = {"link", "image", "use"}
# Link relations that only name an address (nothing is fetched when the page loads).
LINK_REL = re.compile(r"""\srel\s*=\s*["']?([^"'>]+)""", re.IGNORECASE)
NOT_FETCHED_RELS = {"canonical", "alternate", "author", "license", "help", "next", "prev",
                    "search", "me", "external", "nofollow", "noopener", "noreferrer"}
# url(...) and @import in CSS, inline or in a file.
CSS_BEFORE = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])$""", re.IGNORECASE)
CSS_LOOK_BACK = 20  # characters: enough for `url( "` or `@import '`
CSS_URL = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])((?:https?:)?//[^"')\s]+)""",
                     re.IGNORECASE)

# An address in quotes in our own JavaScript: it may be fetched, so it must be our own.
JS_URL = re.compile(r"""["'`]((?:https?:)?//[^"'`\s]+)""")

_own_host: list[str] = []


# ---- Hooks --------------------------------------------------------------------------------

def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Note the site's own host; fail at once on a script or style sheet in the config."""
    _own_host[:] = [urlsplit(config.site_url or "").hostname or ""]
    listed = [str(getattr(entry, "path", entry))
              for entry in [*config.extra_css, *config.extra_javascript]]
    check(listed, f"{Path(config.config_file_path or 'mkdocs.yml').name} "
                  "(extra_css or extra_javascript)")
    return config


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    check(fetched_addresses(output), f"{Path(config.docs_dir).name}/{page.file.src_uri}")
    return output


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html"):
        check(fetched_addresses(output), f"template {template_name}")
    return output


def on_post_build(config: MkDocsConfig) -> None:
    """Our own style sheets and scripts (Material's are checked in the browser by tests)."""
    docs = Path(config.docs_dir)
    for pattern, expression in (("assets/**/*.css", CSS_URL), ("assets/**/*.js", JS_URL)):
        for path in sorted(docs.glob(pattern)):
            check(expression.findall(path.read_text(encoding="utf-8")),
                  f"docs/{path.relative_to(docs).as_posix()}")


# ---- Helpers ------------------------------------------------------------------------------

def fetched_addresses(html: str) -> list[str]:
    """Every address on another host that the browser would fetch by itself for this HTML."""
    found = []
    for match in ADDRESS.finditer(html):
        url, start = match[0], match.start()
        for scheme in ("https:", "http:"):
            if start >= len(scheme) and html.startswith(scheme, start - len(scheme)):
                url, start = scheme + url, start - len(scheme)
                break
        if _is_own(url):
            continue
        if CSS_BEFORE.search(html, max(0, start - CSS_LOOK_BACK), start) or \
                _fetched_by_tag(html, start):
            found.append(url)
    return found


def _fetched_by_tag(html: str, start: int) -> bool:
    """Is the address at `start` the value of an attribute the browser fetches by itself?"""
    tag_start = html.rfind("<", 0, start)
    opening = html[tag_start:start]
    if tag_start < 0 or ">" in opening:
        return False  # in the text, not inside a tag
    name, attribute = TAG_NAME.match(opening), ATTRIBUTE_BEFORE.search(opening)
    if not (name and attribute):
        return False
    if attribute[1].lower().endswith("href"):
        tag = name[1].lower()
        if tag not in HREF_FETCHED_BY:
            return False  # <a href>: a link, not a request
        if tag == "link" and _only_names_an_address(opening):
            return False
    return True


def check(addresses: list[str], where: str) -> None:
    """Fail, naming the file, if any address is on a host other than the site's own."""
    others = sorted({url for url in addresses if not _is_own(url)})
    if others:
        raise PluginError(
            f"no third-party requests: {where} would load {', '.join(others)} from another "
            "website. Save the file under docs/assets/ and link to that copy.")


def _is_own(url: str) -> bool:
    return urlsplit(url).hostname in (_own_host[0] if _own_host else "", None)


def _only_names_an_address(opening: str) -> bool:
    """A <link> whose rel (before the address) only names an address, such as canonical.
    rel written after href is not seen, which errs on the side of failing the build."""
    rel = LINK_REL.search(opening)
    return bool(rel) and set(rel.group(1).lower().split()) <= NOT_FETCHED_RELS
