"""Care numbers in prose and templates: `<!-- care: KEY -->` in a page becomes that care value.

One job: let a sentence name the emergency or urgent-advice number without writing it, so a
clinic edition in another country changes it in one place (its country preset or
`extra.care`), as the care cards do. Pages never write 999 or 111 themselves (a content rule
checks that). A number (emergency, urgent, international) becomes a tap-to-call `tel:` link
named "Call 999" for screen readers; on paper it prints as plain large text (extra.css).
Templates get the same link from the `tel` filter (the banner). An unknown key fails the
build, naming the file and the key.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import editions  # noqa: E402  (scripts/ is not a package)
from health_words import tel_link  # noqa: E402
from markdown_text import sub_outside_code  # noqa: E402

MARKER = re.compile(r"<!-- care: ([a-z_]+) -->")


def on_env(env, config: MkDocsConfig, files: Files):
    label = config.extra["ui"]["call_number"]
    env.filters["tel"] = lambda number: Markup(tel_link(str(number), lambda s: str(escape(s)),
                                                        label))
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    care = config.extra["care"]

    def fill(match: re.Match) -> str:
        key = match.group(1)
        if key not in care:
            where = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
            raise PluginError(f"{where}: unknown care number '{key}' in "
                              f"'{match.group(0)}' (known: {', '.join(sorted(care))})")
        if key in editions.NUMBER_KEYS:
            return tel_link(care[key], lambda s: str(escape(s)), config.extra["ui"]["call_number"])
        return str(escape(care[key]))

    # Markers inside fenced code are examples (the contributor guide), not numbers.
    return sub_outside_code(MARKER, fill, markdown)
