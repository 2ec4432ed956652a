"""The light/dark switch in the header is run by the handbook's own small script.

One job: take Material's component name off the switch's markup, so that Material's
JavaScript leaves it alone and overrides/partials/colour-switch.html runs it instead.

Why: Material's switch starts with the rest of its JavaScript, after the first paint
(overrides/hooks/after_paint.py). As it starts, it restyles the whole page three times even
when the colours do not change (it marks the page as switching, adds a colour-scheme tag,
then reads the header's colours back). On a phone that was the longest pause of the page
load (Lighthouse, Total Blocking Time). The handbook's script sets the colours before the
first paint and restyles only when the reader asks for the other colours.
"""

from __future__ import annotations
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

MATERIAL_SWITCH = '<form class="md-header__option" data-md-component="palette">'
OWN_SWITCH = '<form class="md-header__option" data-handbook-palette>'


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    where = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    return take_over_switch(output, where, has_switch(config))


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output
    return take_over_switch(output, template_name, has_switch(config))


def has_switch(config: MkDocsConfig) -> bool:
    # Material draws the switch only when theme.palette is a list (one entry per palette).
    return isinstance(config.theme.get("palette"), list)


def take_over_switch(html: str, where: str, expected: bool) -> str:
    if not expected:
        return html
    # Material's markup may change in an update: fail loudly rather than ship a page where
    # both scripts, or neither, run the switch.
    if html.count(MATERIAL_SWITCH) != 1:
        raise PluginError(f"colour_switch: {where}: Material's colour switch markup changed; "
                          "update MATERIAL_SWITCH in overrides/hooks/colour_switch.py")
    return html.replace(MATERIAL_SWITCH, OWN_SWITCH)
