"""Care numbers in prose: `<!-- care: KEY -->` in a page becomes that care value.

One job: let a sentence name the emergency or urgent-advice number without writing it, so a
clinic edition in another country changes it in one place (`extra.care` in the config), as
the care cards do. Pages never write 999 or 111 themselves (a content rule checks that). An
unknown key fails the build, naming the file and the key.
"""

from __future__ import annotations

import re

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

MARKER = re.compile(r"<!-- care: ([a-z_]+) -->")
FENCE = re.compile(r"(^(?:```|~~~).*?^(?:```|~~~)[ \t]*$)", re.MULTILINE | re.DOTALL)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    care = config.extra["care"]

    def fill(match: re.Match) -> str:
        key = match.group(1)
        if key not in care:
            raise PluginError(f"docs/{page.file.src_uri}: unknown care number '{key}' in "
                              f"'{match.group(0)}' (known: {', '.join(sorted(care))})")
        return str(escape(care[key]))

    # Markers inside fenced code are examples (the contributor guide), not numbers.
    parts = FENCE.split(markdown)
    return "".join(part if FENCE.fullmatch(part) else MARKER.sub(fill, part) for part in parts)
