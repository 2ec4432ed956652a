"""own-words: no page copies a run of 10 or more words from the source article.

The tool and the article live beside the repository, in ../shared (tools/own-words,
source/article.txt); `make test` also runs it before pytest. In CI (CI=true) a missing
../shared fails, because the check would otherwise silently not happen; on a contributor's
machine without it the tests are skipped with a message saying so."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DOCS, ROOT

OWN_WORDS = ROOT.parent / "shared" / "tools" / "own-words"
ARTICLE = ROOT.parent / "shared" / "source" / "article.txt"


@pytest.fixture(scope="module")
def own_words() -> Path:
    if not (OWN_WORDS.is_file() and ARTICLE.is_file()):
        message = (f"own-words: {OWN_WORDS} or {ARTICLE} not found. It lives in ../shared "
                   "beside the repository; without it copied wording is not checked.")
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message + " CI must run it: check out ../shared.")
        pytest.skip(message + " (CI fails on this.)")
    return OWN_WORDS


def run(tool: Path, docs: Path) -> subprocess.CompletedProcess:
    # Run with this Python, so the check does not depend on the script's executable bit.
    return subprocess.run([sys.executable, str(tool), str(docs)], capture_output=True, text=True)


def test_pages_are_in_our_own_words(own_words):
    result = run(own_words, DOCS)
    assert result.returncode == 0, \
        f"wording copied from the article:\n{result.stdout}{result.stderr}"


def test_planted_copied_passage_fails_naming_the_file(own_words, tmp_path):
    words = ARTICLE.read_text(encoding="utf-8").split()
    start = len(words) // 2
    copied = " ".join(words[start:start + 25])
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "planted.md").write_text(f"---\ntitle: Planted\n---\n\nOur words. {copied}\n")
    (docs / "clean.md").write_text("---\ntitle: Clean\n---\n\nOnly our own words here.\n")
    result = run(own_words, docs)
    assert result.returncode == 1, result.stdout
    assert f"{docs / 'planted.md'}:" in result.stdout
    assert "clean.md" not in result.stdout
