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

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_DIALOG = SEARCH_DIALOG.replace('role="dialog"', 'role="dialog" aria-label="Search the handbook"')
SECTION_LINK = re.compile(r'<a class="headerlink" href="(#[^"]+)">')
NAMED_SECTION_LINK = r'<a class="headerlink" href="\1" aria-label="Link to this section">'


def on_page_content(html: str, page: Page, config: MkDocsConfig, files) -> str:
    return SECTION_LINK.sub(NAMED_SECTION_LINK, html)


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
