"""Page metadata: every page's front matter is complete and well formed, or the build fails.

One job: validate front matter against the schema below, make `title` the page's H1, and
load the shared list of sources (docs/_data/sources.yml) so the page template can render each
page's "Sources" list.
The review dates and sources are rendered by overrides/partials/page-meta.html.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import languages  # noqa: E402  (scripts/ is not a package)

# libyaml is about 20 times faster than the pure-Python parser on the glossary.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

SOURCES_FILE = "_data/sources.yml"

# Tags readers can browse by; anything else is a typo.
ALLOWED_TAGS = {
    "Basics", "Symptoms", "Diagnosis", "Self-care", "Treatment", "Medicines",
    "Prevention", "Living with it", "Urgent", "Contributing",
}
REQUIRED = ("title", "description", "reviewed", "reviewer", "version", "next_review", "sources")
# Optional keys and the Material keys we allow; an unknown key is most often a typo
# (`next-review`, `source`), so it fails rather than being silently ignored.
OPTIONAL = ("tags", "handout", "aliases", "hide", "search", "web_only")
# Pages on red flags and medicines go out of date fastest: they are reviewed every 6 months.
SIX_MONTH_TAGS = {"Urgent", "Medicines"}
SIX_MONTHS = dt.timedelta(days=184)
VERSION = re.compile(r"^\d{4}\.\d{2}(\.\d+)?$")   # the handbook edition, e.g. 2026.11.1
MAX_REVIEWER = 90
MAX_TITLE = 65
MAX_DESCRIPTION = 160


# ---- Hooks --------------------------------------------------------------------------------

def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load the sources registry so templates and checks share one list."""
    # One list for every language: the sources are English documents (a translation's
    # pages cite the same ids, and its sources list marks them lang="en").
    path = languages.english_docs(config) / SOURCES_FILE
    if not path.is_file():
        raise PluginError(f"metadata: {path} is missing; pages cite sources by id from it")
    sources = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER) or {}
    for key, entry in sources.items():
        # `checked` says when and how someone read the page and what it says (finding 9 of
        # the 2026-11 clinical review: a cited page had never been checked).
        missing = [f for f in ("title", "publisher", "url", "checked") if not (entry or {}).get(f)]
        if missing:
            raise PluginError(f"metadata: {path}: source '{key}' lacks {', '.join(missing)}")
        if not str(entry["url"]).startswith("https://"):
            raise PluginError(f"metadata: {path}: source '{key}' must use an https:// address")
    config.extra["sources"] = sources
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fail the build, naming the file and the key, on any front-matter problem."""
    if markdown.startswith("---"):
        # MkDocs leaves the block in the text when its YAML does not parse.
        raise PluginError(
            f"Front matter of {Path(config.docs_dir).name}/{page.file.src_uri}: is not valid YAML "
            "(check quotes, colons and indentation)"
        )
    problems = check_front_matter(page.meta, config.extra["sources"], config.extra.get("edition"))
    if markdown.lstrip().startswith("# "):
        problems.append("has a Markdown H1; the title comes from the `title` key")
    if problems:
        raise PluginError(
            f"Front matter of {Path(config.docs_dir).name}/{page.file.src_uri}: "
            + "; ".join(problems)
        )
    # The H1 comes from `title`; the (shorter) nav label stays in the menu.
    return f"# {page.meta['title']}\n\n{markdown}"


# ---- Helpers ------------------------------------------------------------------------------

def check_front_matter(meta: dict, sources: dict, edition: str | None = None) -> list[str]:
    """Return a list of problems with one page's front matter (empty when it is valid)."""
    problems = [f"missing key `{key}`" for key in REQUIRED if key not in meta]
    unknown = sorted(set(meta) - set(REQUIRED) - set(OPTIONAL))
    problems += [f"unknown key `{key}`" for key in unknown]
    problems += _check_text(meta)
    problems += _check_dates(meta)
    problems += _check_review_record(meta, edition)
    problems += _check_lists(meta, sources)
    for key in ("handout", "web_only"):
        if key in meta and not isinstance(meta[key], bool):
            problems.append(f"`{key}` must be true or false")
    if meta.get("handout") and meta.get("web_only"):
        problems.append("`handout: true` and `web_only: true` contradict each other")
    return problems


def _check_text(meta: dict) -> list[str]:
    problems = []
    title, description = meta.get("title"), meta.get("description")
    if "title" in meta and (not isinstance(title, str) or not title.strip()):
        problems.append("`title` must be non-empty text")
    elif isinstance(title, str) and len(title) > MAX_TITLE:
        problems.append(f"`title` is longer than {MAX_TITLE} characters")
    if "description" in meta:
        if not isinstance(description, str) or not description.strip():
            problems.append("`description` must be non-empty text")
        elif len(description) > MAX_DESCRIPTION or not description.rstrip().endswith("."):
            problems.append(
                f"`description` must be one sentence of at most {MAX_DESCRIPTION} "
                "characters ending with a full stop"
            )
        elif description.rstrip()[:-1].count(". ") > 0:
            problems.append("`description` must be one sentence")
    return problems


def _check_dates(meta: dict) -> list[str]:
    problems = []
    for key in ("reviewed", "next_review"):
        if key in meta and not _is_date(meta[key]):
            problems.append(f"`{key}` must be a date written YYYY-MM-DD")
    reviewed, next_review = meta.get("reviewed"), meta.get("next_review")
    if _is_date(reviewed) and _is_date(next_review) and next_review <= reviewed:
        problems.append("`next_review` must come after `reviewed`")
    if _is_date(reviewed) and reviewed > dt.date.today():
        problems.append("`reviewed` is in the future")
    return problems


def _check_review_record(meta: dict, edition: str | None) -> list[str]:
    """Who reviewed the page (a role, not a name), for which version, and how often."""
    problems = []
    reviewer, version = meta.get("reviewer"), meta.get("version")
    if "reviewer" in meta and (not isinstance(reviewer, str) or not reviewer.strip()
                               or len(reviewer) > MAX_REVIEWER):
        problems.append(f"`reviewer` must be the reviewer's role as text of at most "
                        f"{MAX_REVIEWER} characters, such as \"GP with a musculoskeletal interest\"")
    if "version" in meta:
        if not isinstance(version, str) or not VERSION.match(version):
            problems.append('`version` must be the handbook edition in quotes, such as "2026.11.1"')
        elif edition and _version_key(version) > _version_key(str(edition)):
            problems.append(f"`version` {version} is newer than the edition {edition} "
                            "(extra.edition in mkdocs.yml)")
    reviewed, next_review = meta.get("reviewed"), meta.get("next_review")
    six_monthly = SIX_MONTH_TAGS & set(meta.get("tags") or [])
    if six_monthly and _is_date(reviewed) and _is_date(next_review) \
            and next_review - reviewed > SIX_MONTHS:
        problems.append(f"`next_review` must be within 6 months of `reviewed` on a page tagged "
                        f"{', '.join(sorted(six_monthly))}")
    return problems


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def _check_lists(meta: dict, sources: dict) -> list[str]:
    problems = []
    if "sources" in meta:
        cited = meta["sources"]
        if not isinstance(cited, list) or not cited:
            problems.append("`sources` must be a non-empty list of source ids")
        else:
            problems += [
                f"unknown source `{s}` (add it to docs/{SOURCES_FILE})"
                for s in cited if s not in sources
            ]
    for key in ("tags", "aliases"):
        value = meta.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            problems.append(f"`{key}` must be a list of words or phrases")
    problems += [
        f"tag `{t}` is not allowed (allowed: {', '.join(sorted(ALLOWED_TAGS))})"
        for t in meta.get("tags", []) if isinstance(t, str) and t not in ALLOWED_TAGS
    ]
    return problems


def _is_date(value) -> bool:
    # YAML turns 2026-11-23 into a date; a datetime or a string means a typo.
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
