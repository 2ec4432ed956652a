"""The handbook's languages: English (docs/, the root of the site) and Russian (docs-ru/,
under ru/). Used by overrides/hooks/language.py and languages.py, scripts/build_pdfs.py,
scripts/build_offline.py, scripts/bench.py and the tests.

Each language is its own MkDocs build from the same tree: the English config (mkdocs.yml, or a
clinic's file that INHERITs it) and, for Russian, mkdocs.ru.yml on top of that same config.
`russian_config()` writes that combination for any edition, so one clinic file gives both.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from pathlib import Path

from babel.dates import format_date

ROOT = Path(__file__).resolve().parent.parent
ENGLISH = "en"
# Every other language: its docs folder (beside docs/), its config and its folder in the site.
OTHER = {"ru": {"docs": "docs-ru", "config": ROOT / "mkdocs.ru.yml", "path": "ru/"}}
NAMES = {"en": "English", "ru": "Русский"}
# Pages only the English edition has: the contributor guide (for editors, in English).
ENGLISH_ONLY = ("contributing/",)


def language(config) -> str:
    return config["theme"]["language"] or ENGLISH


def english_docs(config) -> Path:
    """The English docs folder: shared assets (logos, scripts) live there."""
    docs = Path(config["docs_dir"])
    return docs if language(config) == ENGLISH else docs.parent / "docs"


def other_docs(config) -> dict[str, Path]:
    """The docs folder of every other language of this build's edition."""
    english = english_docs(config)
    found = {ENGLISH: english} if language(config) != ENGLISH else {}
    for lang, info in OTHER.items():
        if lang != language(config):
            found[lang] = english.parent / info["docs"]
    return found


def site_root(config) -> str:
    """The English edition's address (the root of every language)."""
    url = config["site_url"] or ""
    lang = language(config)
    return url.removesuffix(OTHER[lang]["path"]) if lang in OTHER else url


def language_path(lang: str) -> str:
    return "" if lang == ENGLISH else OTHER[lang]["path"]


def long_date(value: dt.date, lang: str, short: bool = False) -> str:
    """"29 November 2026" / "29 ноября 2026" (Babel: no system locale needed)."""
    return format_date(value, "d MMM y" if short else "d MMMM y", locale=lang)


def pages_of(docs: Path) -> set[str]:
    """The Markdown pages of a docs folder, as paths ("symptoms.md"), patient pages only."""
    return {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")
            if not p.relative_to(docs).as_posix().startswith(("_", *ENGLISH_ONLY))}


@contextlib.contextmanager
def russian_config(english_config: Path, site_url: str):
    """A config file for the Russian build of any edition: mkdocs.ru.yml's settings on top
    of the edition's own file, written beside it (so its INHERIT and relative paths work)
    and removed afterwards. The Russian site_url is the edition's plus "ru/"."""
    english_config = Path(english_config).resolve()
    body = OTHER["ru"]["config"].read_text(encoding="utf-8")
    body = re.sub(r"^(INHERIT|site_url|docs_dir):.*\n", "", body, flags=re.MULTILINE)
    docs = english_config.parent / "docs-ru"
    if not docs.is_dir():
        docs = ROOT / "docs-ru"
    head = (f"INHERIT: {english_config.name}\n"
            f"site_url: {site_url + OTHER['ru']['path'] if site_url else 'null'}\n"
            f"docs_dir: {docs}\n")
    path = english_config.parent / f".{english_config.stem}.ru.yml"
    path.write_text(head + body, encoding="utf-8")
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)
