"""Open a page in Playwright the way a reader gets it: text first, then Material's JavaScript.

overrides/hooks/after_paint.py starts Material's bundle once the page's text is on screen,
so it can still be on its way when the browser's load event fires. Anything that uses search
or other parts of Material waits for docs/assets/javascripts/after-paint.js to mark the page
ready. Used by the browser tests, the PDF build and the search checks.
"""

from __future__ import annotations

READY = "html[data-handbook-js=ready]"
TIMEOUT_MS = 15_000


class NotReady(RuntimeError):
    """Material's JavaScript did not start on a page."""


def wait_until_ready(page, timeout_ms: int = TIMEOUT_MS) -> None:
    """Wait until Material's JavaScript has started on the page."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_selector(READY, state="attached", timeout=timeout_ms)
    except PlaywrightTimeout:
        raise NotReady(f"{page.url}: Material's JavaScript did not start within "
                       f"{timeout_ms / 1000:g} s (after-paint.js never marked the page "
                       f"{READY!r}; is overrides/hooks/after_paint.py in mkdocs.yml?)") from None


def open_page(page, url: str, timeout_ms: int = TIMEOUT_MS) -> None:
    """Go to `url`, wait for the load event, then for Material's JavaScript."""
    page.goto(url, wait_until="load", timeout=timeout_ms)
    wait_until_ready(page, timeout_ms)
