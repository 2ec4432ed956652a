"""Search ranking: whole words first, and misspelt words still find their page.

One job: patch Material's search worker at build time (not a fork). Material makes every
typed word a prefix query ("pain*" also scores "painkillers") and has had no query hook since
9.0, but its worker exposes `self.lunr`. docs/assets/javascripts/search-ranking.js wraps
lunr's Index#search there: an exact clause with a higher boost beside each prefix clause,
and a typo clause (lunr's edit distance) for a word that matches nothing. The hook writes
Material's worker with that file appended under a new fingerprinted name in the site, points
each page's config (<script id="__config">, key "search") at it, and removes the unpatched
worker, so no page can fall back to it. tests/data/search-queries-fresh.yml measures it.

What it relies on is checked on every build. If a Material upgrade moves any of it, the build
fails naming what moved, rather than shipping a search that quietly lost the patch:
- the worker's address in the page config;
- in the worker: `self.lunr`, Material's query building (each word gets a trailing "*"), the
  call of lunr's Index#search with that query string, and the found-words check that reads
  the matched words (search-ranking.js marks a misspelt word as found there).
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import languages  # noqa: E402  (scripts/ is not a package; the patch is shared by every language)

PATCH = "assets/javascripts/search-ranking.js"  # in docs/; appended, not published alone
WORKERS = "assets/javascripts/workers"
# The worker's address in Material's page config, as base.html writes it.
ADDRESS = re.compile(
    r'"search": "(?P<folder>[^"]*' + WORKERS + r'/)(?P<name>search\.[0-9a-f]{8}\.min\.js)"')
# What search-ranking.js relies on in the minified worker. Minified names change with every
# Material release, so these match the shape of the code, not the names.
RELIES_ON = {
    "`self.lunr` (the worker no longer exposes lunr)": r"\bself\.lunr\s*=",
    "the query building that gives each word a trailing '*' (Material's prefix clause)":
        r"`\$\{\w+\}\*`",
    "the call of lunr's Index#search with the query string": r"\bthis\.index\.search\(\w+\)",
    "the found-words check that reads each result's matched words":
        r"\w+\(\w+,Object\.keys\(\w+\.metadata\)\)",
}
SOURCE_MAP = re.compile(r"\n//# sourceMappingURL=[^\n]*\s*$")

_patched: dict[str, tuple[str, str]] = {}  # Material's worker name -> (patched name, code)


# ---- Hooks --------------------------------------------------------------------------------

def on_pre_build(config: MkDocsConfig) -> None:
    """Read search-ranking.js again: `mkdocs serve` rebuilds in one process."""
    _patched.clear()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """search-ranking.js runs only inside the worker; a copy of its own would be dead weight."""
    patch = files.get_file_from_path(PATCH)
    if patch is None:
        raise PluginError(f"search ranking: docs/{PATCH} is missing")
    files.remove(patch)
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    where = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    return point_to_patched_worker(output, where, config)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output
    return point_to_patched_worker(output, template_name, config)


def on_post_build(config: MkDocsConfig) -> None:
    """Write each patched worker; remove Material's own, so that nothing can load it."""
    folder = Path(config.site_dir) / WORKERS
    for original, (name, code) in _patched.items():
        (folder / name).write_text(code, encoding="utf-8")
        (folder / original).unlink(missing_ok=True)


# ---- Helpers ------------------------------------------------------------------------------

def point_to_patched_worker(html: str, where: str, config: MkDocsConfig) -> str:
    found = ADDRESS.search(html)
    if not found:
        raise PluginError(
            f"search ranking: {where}: Material's page config no longer holds the search "
            f'worker\'s address ("search": ".../{WORKERS}/search.HASH.min.js"), so the '
            "ranking patch cannot be applied. Update ADDRESS in overrides/hooks/search_ranking.py.")
    name = patched_name(found["name"], config)
    return html[:found.start("name")] + name + html[found.end("name"):]


def patched_name(original: str, config: MkDocsConfig) -> str:
    """The patched worker's file name, made (once a build) from Material's worker."""
    if original not in _patched:
        source = theme_file(f"{WORKERS}/{original}", config)
        code = patch_worker(source.read_text(encoding="utf-8"), str(source),
                            (languages.english_docs(config) / PATCH).read_text(encoding="utf-8"))
        digest = hashlib.sha256(code.encode("utf-8")).hexdigest()[:8]
        _patched[original] = (f"search.{digest}.min.js", code)
    return _patched[original][0]


def patch_worker(worker: str, where: str, patch: str) -> str:
    """Material's worker with the patch after it, once every part it relies on is there.
    The patch goes before the source-map comment, which stays valid for Material's lines."""
    check_worker(worker, where)
    source_map = SOURCE_MAP.search(worker)
    end = source_map.start() if source_map else len(worker)
    return f"{worker[:end]}\n{compact(patch)}{worker[end:]}"


def compact(script: str) -> str:
    """The patch without its comment lines and indentation: the worker is part of every
    page's first visit (tests/test_privacy_weight.py), and the comments are for editors."""
    lines = (line.strip() for line in script.splitlines())
    return "".join(f"{line}\n" for line in lines if line and not line.startswith("//"))


def check_worker(worker: str, where: str) -> None:
    moved = [what for what, pattern in RELIES_ON.items() if not re.search(pattern, worker)]
    if moved:
        raise PluginError(
            f"search ranking: Material's search worker {where} has changed: no longer found: "
            f"{'; '.join(moved)}. docs/{PATCH} relies on it; check it against the new worker "
            "and update RELIES_ON in overrides/hooks/search_ranking.py.")


def theme_file(path: str, config: MkDocsConfig) -> Path:
    """A theme file as MkDocs would copy it: overrides/ first, then Material."""
    for folder in config.theme.dirs:
        candidate = Path(folder) / path
        if candidate.is_file():
            return candidate
    raise PluginError(f"search ranking: the page config names {path}, which no theme folder has")
