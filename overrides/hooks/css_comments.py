"""Our style sheet without its comments, as readers download it.

One job: after the build, remove the /* ... */ comments from the handbook's own style sheets
(`extra_css`) in the built site. The comments explain each rule to the people who edit
docs/assets/stylesheets/extra.css, and are half its gzipped size: every first visit paid for
them (tests/test_privacy_weight.py, the 100 KB budget). The rules are left exactly as written.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

# A comment, but not inside a quoted string such as url("data:...") or content: "/*".
COMMENT = re.compile(r'("(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\')|/\*.*?\*/', re.DOTALL)
BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


def on_post_build(config: MkDocsConfig) -> None:
    for sheet in config.extra_css:
        path = Path(config.site_dir) / str(sheet)
        if path.suffix == ".css" and path.is_file():
            path.write_text(strip_comments(path.read_text(encoding="utf-8")), encoding="utf-8")


def strip_comments(css: str) -> str:
    return BLANK_LINES.sub("\n", COMMENT.sub(lambda m: m.group(1) or "", css)).strip() + "\n"
