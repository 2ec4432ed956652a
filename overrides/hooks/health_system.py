"""Health-system words: each edition speaks of its own country's doctors and services.

One job: in every page's Markdown, keep the passages written for this edition's country and
drop the others (`<!-- uk-only -->` and `<!-- elsewhere -->` pairs), and outside the UK
replace the UK's words ("GP", "A&E", "NHS 111") with the edition's own from its care values
(docs/_data/countries.yml), in the text and in the page's description and reviewer (front matter).
The UK edition's text is exactly as written. Care cards and the flowchart do the same
through scripts/red_flags.py, and the glossary through overrides/hooks/glossary.py; the
rules are in scripts/health_words.py. Runs first among the page hooks, so the cards, numbers
and glossary words that later hooks add are already in the edition's words.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import health_words  # noqa: E402  (scripts/ is not a package)

META_KEYS = ("description", "reviewer")
# The contributor guide explains the UK's words and the markers themselves: left as written.
EDITORS = "contributing/"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    care = config.extra["care"]
    try:
        markdown = health_words.strip_blocks(markdown, health_words.is_uk(care))
    except health_words.MarkerError as err:
        raise PluginError(f"{Path(config.docs_dir).name}/{page.file.src_uri}: {err}") from None
    if health_words.is_uk(care) or page.file.src_uri.startswith(EDITORS):
        return markdown
    for key in META_KEYS:
        if isinstance(page.meta.get(key), str):
            page.meta[key] = health_words.localise(page.meta[key], care)
    return health_words.localise(markdown, care)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Again on the HTML: snippets (docs/_snippets/) are read in while Markdown converts,
    after on_page_markdown. Only "GP" can be in them: "A&E" would be escaped as &amp; here,
    and pages never write "NHS 111" (they use care markers)."""
    care = config.extra["care"]
    if health_words.is_uk(care) or page.file.src_uri.startswith(EDITORS):
        return html
    return health_words.localise(html, care)
