"""Handout QR codes: pages marked `handout: true` carry a printed QR code of their address.

One job: add a print-only box with a QR code (segno, inline SVG) and the page's web address
to the end of each handout page, so a browser's Ctrl+P and the PDF handouts both carry it.
It is kept out of the search index (data-search-exclude).
"""

from __future__ import annotations

import re
from pathlib import Path

import segno
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not page.meta.get("handout"):
        return html
    if not page.canonical_url:
        raise PluginError(f"{Path(config.docs_dir).name}/{page.file.src_uri}: a handout needs "
                          "`site_url` for its QR code")
    return html + qr_box(page.canonical_url, config.extra["ui"])


def qr_box(url: str, ui: dict) -> str:
    """The QR code (dark modules on white, with a quiet zone) and the address in text."""
    svg = segno.make(url, error="m").svg_inline(border=4, dark="#000", light="#fff", omitsize=True)
    return (
        '<aside class="handout-qr print-only" data-search-exclude>'
        f'<div class="handout-qr__code" role="img" aria-label="{ui["qr_label"].format(url=url)}">'
        f"{svg}</div><p>{ui['qr_text']}"
        f'<br><strong class="handout-qr__address">{breakable(url)}</strong></p></aside>'
    )


def breakable(url: str) -> str:
    """The address as parts that extra.css keeps whole, with a line-break chance (<wbr>) only
    after a "/" or before a ".": a reader copying it never sees a word broken in two."""
    parts = [part for part in re.split(r"(?<=/)(?!/)|(?=\.)", url) if part]
    return "<wbr>".join(f"<span>{part}</span>" for part in parts)
