"""The Nu HTML Checker (vnu.jar, with the system Java) finds no errors in the built HTML,
apart from the few Material quirks listed, each with its reason, in tests/data/vnu-allowed.txt."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ALLOWED = Path(__file__).parent / "data" / "vnu-allowed.txt"


def allowed_filters(path: Path = ALLOWED) -> list[tuple[re.Pattern, str]]:
    filters = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        pattern, _, reason = line.partition(" # ")
        if not reason.strip():
            pytest.fail(f"{path.name}:{number}: a filter needs a reason after ' # '")
        filters.append((re.compile(pattern.strip()), reason.strip()))
    return filters


def vnu_errors(folder: Path, filters=None) -> list[str]:
    """Every error vnu reports in the HTML under `folder`, minus the allowed ones, as
    "page:line: message"."""
    java = shutil.which("java")
    if not java or not VNU.is_file():
        pytest.fail(f"need java and {VNU} (`make test` installs both)")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json",
         "--stdout", "--exit-zero-always", str(folder)], capture_output=True, text=True)
    try:
        messages = json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"vnu did not run:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    filters = allowed_filters() if filters is None else filters
    problems = []
    for message in messages:
        page = message.get("url", "").removeprefix("file:")
        page = Path(page).relative_to(folder).as_posix() if page.startswith(str(folder)) else page
        if page.startswith("pdf/"):
            continue
        text = f"{page}: {message.get('message', '')}"
        if message.get("type") == "error" and not any(f.search(text) for f, _ in filters):
            problems.append(f"{page}:{message.get('lastLine', '?')}: {message.get('message')}")
    return problems


def test_built_html_is_valid(built_site):
    problems = vnu_errors(built_site)
    assert problems == [], "\n".join(problems)


def test_every_allowed_error_has_a_reason():
    filters = allowed_filters()
    assert filters and all(len(reason) > 30 for _, reason in filters)


def test_planted_broken_html_fails_naming_the_file(built_site, tmp_path):
    # A real page, broken two ways, next to an unbroken one.
    shutil.copy(built_site / "index.html", tmp_path / "index.html")
    (tmp_path / "broken").mkdir()
    html = (built_site / "about/index.html").read_text(encoding="utf-8")
    html = html.replace("<article", '<p id="x"><div id="x">stray</span></p><article', 1)
    (tmp_path / "broken/index.html").write_text(html, encoding="utf-8")
    problems = vnu_errors(tmp_path)
    assert problems, "vnu accepted broken HTML"
    assert all(p.startswith("broken/index.html:") for p in problems), problems
    assert any("Duplicate ID “x”" in p for p in problems), problems
