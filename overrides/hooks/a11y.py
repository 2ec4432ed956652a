"""Accessible names that the generated markup leaves out, added in the built HTML.

One job: name two kinds of control for screen readers.
- Material's search box is a role="dialog" without a name (axe: aria-dialog-name).
- The "¶" link after each heading (Markdown's toc extension) has no title, so that Material
  never sets up a tooltip for each one as a page opens (see mkdocs.yml). Its only text,
  "¶", would be read out as "pilcrow"; it is named "Link to this section" instead.
Done here rather than by a script so it is there before any JavaScript runs, costs the
reader nothing, and is checked by tests/test_a11y.py (axe in Chromium).
"""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SECTION_LINK = re.compile(r'<a class="headerlink" href="(#[^"]+)">')


# The names are in the edition's language (config.extra.ui, from _data/ui.yml).
def on_page_content(html: str, page: Page, config: MkDocsConfig, files) -> str:
    label = escape(config.extra["ui"]["section_link"])
    return SECTION_LINK.sub(rf'<a class="headerlink" href="\1" aria-label="{label}">', html)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return name_search_dialog(output, f"{Path(config.docs_dir).name}/{page.file.src_uri}", config)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output
    return name_search_dialog(output, template_name, config)


def name_search_dialog(html: str, where: str, config: MkDocsConfig) -> str:
    # Material's markup may change in an update: fail loudly rather than lose the name.
    if SEARCH_DIALOG not in html:
        raise PluginError(f"a11y: {where}: Material's search dialog markup changed; "
                          "update SEARCH_DIALOG in overrides/hooks/a11y.py")
    label = escape(config.extra["ui"]["search_dialog"])
    named = SEARCH_DIALOG.replace('role="dialog"', f'role="dialog" aria-label="{label}"')
    return html.replace(SEARCH_DIALOG, named, 1)
