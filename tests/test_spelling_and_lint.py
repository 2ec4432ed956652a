"""Spelling (codespell) over docs/ and overrides/, and Markdown lint (pymarkdownlnt) over docs/,
with the project's word list and lint settings. Each has a planted-fault test: a misspelled
word or a lint fault in a file under tmp_path, which must fail naming the file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

BIN = Path(sys.executable).parent
WORDS = ROOT / "tests" / "data" / "codespell-ignore.txt"
LINT_CONFIG = ROOT / ".pymarkdown.json"
# Patients' own misspellings ("siatica", "excercise") are kept on purpose in `aliases:` so that
# search finds them; codespell skips that front-matter line.
ALIASES = r"^aliases:.*$"


def tool(name: str) -> str:
    path = BIN / name
    if not path.is_file():
        pytest.fail(f"{path} not found: install requirements.txt")
    return str(path)


def codespell(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [tool("codespell"), "--ignore-words", str(WORDS), "--ignore-regex", ALIASES,
         *map(str, paths)], capture_output=True, text=True, cwd=ROOT)


def pymarkdown(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [tool("pymarkdown"), "--strict-config", "--config", str(LINT_CONFIG), "scan", "-r",
         *map(str, paths)], capture_output=True, text=True, cwd=ROOT)


GOOD_PAGE = """---
title: A planted page
description: A page written by a test.
aliases: [siatica, excercise, cant sleep]
---

Heat stings a little. Say pee, not wee.

## Steps { #steps }

1. First step.
2. Second step:
    - a detail, nested the way MkDocs needs it

!!! warning "Careful"

    An admonition body, indented 4 spaces after a blank line.

<figure markdown="span">
  ![A picture.](figure.svg)
  <figcaption>A caption.</figcaption>
</figure>

See [the steps](#steps).
"""


# ---- Spelling -----------------------------------------------------------------------------

def test_spelling(tmp_path):
    result = codespell(ROOT / "docs", ROOT / "overrides")
    assert result.returncode == 0, (
        "codespell found misspellings (fix them, or add a real word to "
        f"tests/data/codespell-ignore.txt with a reason):\n{result.stdout}{result.stderr}")


def test_planted_misspelling_fails_naming_the_file(tmp_path):
    page = tmp_path / "docs" / "planted.md"
    page.parent.mkdir()
    page.write_text(GOOD_PAGE + "\nThe nerve is seperated from the disc.\n")
    result = codespell(page.parent)
    assert result.returncode != 0
    assert f"{page}:26: seperated ==> separated" in result.stdout, result.stdout


def test_word_list_and_aliases_are_accepted(tmp_path):
    page = tmp_path / "good.md"
    page.write_text(GOOD_PAGE)
    result = codespell(page)
    assert result.returncode == 0, result.stdout
    # ...but only on the aliases line: the same typo in text is caught.
    page.write_text(GOOD_PAGE + "\nDo each excercise slowly.\n")
    assert "excercise ==> exercise" in codespell(page).stdout


# ---- Markdown lint ------------------------------------------------------------------------

def test_markdown_lint():
    result = pymarkdown(ROOT / "docs")
    assert result.returncode == 0, f"pymarkdown:\n{result.stdout}{result.stderr}"


def test_planted_lint_fault_fails_naming_the_file(tmp_path):
    page = tmp_path / "docs" / "planted.md"
    page.parent.mkdir()
    page.write_text(GOOD_PAGE + "\n##No space after the hashes\n\n<span>raw HTML</span>\n")
    result = pymarkdown(page.parent)
    assert result.returncode != 0
    assert f"{page}:26:1: MD018" in result.stdout, result.stdout
    assert f"{page}:28:1: MD033: Inline HTML [Element: span]" in result.stdout, result.stdout


def test_lint_settings_accept_the_handbook_conventions(tmp_path):
    # Front matter, attr_list anchors, 4-space nested lists, admonitions, figures.
    page = tmp_path / "good.md"
    page.write_text(GOOD_PAGE)
    result = pymarkdown(page)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_lint_setting_has_a_reason():
    config = json.loads(LINT_CONFIG.read_text())
    changed = [f"plugins.{rule}" for rule in config.get("plugins", {})]
    changed += [f"extensions.{name}" for name in config.get("extensions", {})]
    missing = [key for key in changed if not config.get("_reasons", {}).get(key)]
    assert missing == [], f"{LINT_CONFIG.name}: give a reason in `_reasons` for {missing}"
