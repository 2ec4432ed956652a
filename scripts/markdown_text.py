"""Marker substitution in page Markdown that leaves fenced code alone.

The contributor guide shows markers (`<!-- care-card: ... -->`, `<!-- care: ... -->`,
`<!-- uk-only -->`) inside fenced code as examples; every hook that fills markers uses these
two helpers so none of them touches an example.
"""

from __future__ import annotations

import re
from typing import Callable

FENCE = re.compile(r"(^(?:```|~~~).*?^(?:```|~~~)[ \t]*$)", re.MULTILINE | re.DOTALL)


def sub_outside_code(pattern: re.Pattern, repl: Callable[[re.Match], str], markdown: str) -> str:
    """`pattern.sub(repl, ...)` on every part of the Markdown that is not fenced code."""
    parts = FENCE.split(markdown)
    return "".join(part if FENCE.fullmatch(part) else pattern.sub(repl, part) for part in parts)


def outside_code(markdown: str) -> str:
    """The Markdown with its fenced code blocks taken out."""
    return "".join(part for part in FENCE.split(markdown) if not FENCE.fullmatch(part))
