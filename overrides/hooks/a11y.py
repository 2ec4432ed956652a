"""Accessibility fixes to Material's own markup, made in the built HTML (no JavaScript).

One job: give Material's search box, a role="dialog" without a name (axe: aria-dialog-name),
an accessible name. Done here rather than by a script so it is there before any JavaScript
runs, costs the reader nothing, and is checked by tests/test_a11y.py (axe in Chromium).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_DIALOG = SEARCH_DIALOG.replace('role="dialog"', 'role="dialog" aria-label="Search the handbook"')


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return name_search_dialog(output, f"docs/{page.file.src_uri}")


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    return name_search_dialog(output, template_name) if template_name == "404.html" else output


def name_search_dialog(html: str, where: str) -> str:
    # Material's markup may change in an update: fail loudly rather than lose the name.
    if SEARCH_DIALOG not in html:
        raise PluginError(f"a11y: {where}: Material's search dialog markup changed; "
                          "update SEARCH_DIALOG in overrides/hooks/a11y.py")
    return html.replace(SEARCH_DIALOG, NAMED_DIALOG, 1)
