"""Bad input fails the build with a message naming the file: front matter, links, anchors,
external assets, snippets, care cards. Each case is a real build of a copy of the project
with one page replaced by a fixture from tests/fixtures/pages/."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project, mkdocs_build

FIXTURES = Path(__file__).parent / "fixtures" / "pages"
VICTIM = "about.md"   # the page each fixture replaces, so nav stays valid

# fixture file -> text the error must contain (besides the file name)
CASES = {
    "missing-title.md": "missing key `title`",
    "missing-sources.md": "missing key `sources`",
    "bad-date.md": "`next_review` must be a date",
    "review-order.md": "`next_review` must come after `reviewed`",
    "unknown-key.md": "unknown key `next-review`",
    "unknown-source.md": "unknown source `nice-ng999`",
    "bad-tag.md": "tag `Miracles` is not allowed",
    "long-description.md": "`description` must be one sentence",
    "invalid-yaml.md": "is not valid YAML",
    "markdown-h1.md": "has a Markdown H1",
    "handout-not-bool.md": "`handout` must be true or false",
    "broken-link.md": "no-such-page.md",
    "broken-anchor.md": "does not contain an anchor '#no-such-heading'",
    "external-image.md": "would load https://tracker.example.com/pixel.png",
    "missing-snippet.md": "no-such-snippet.md",
    "unknown-care-card.md": "unknown care card 'not-a-card'",
    "missing-reviewer.md": "missing key `reviewer`",
    "bad-version.md": "`version` must be the handbook edition in quotes",
    "medicines-yearly.md": "`next_review` must be within 6 months of `reviewed` on a page tagged Medicines",
}


@pytest.mark.parametrize("fixture, expected", sorted(CASES.items()))
def test_bad_page_fails_the_build_naming_the_file(tmp_path, fixture, expected):
    config = copy_project(tmp_path)
    (tmp_path / "docs" / VICTIM).write_text((FIXTURES / fixture).read_text())
    result = mkdocs_build(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{fixture} was accepted:\n{output[-2000:]}"
    assert VICTIM in output, output[-2000:]
    assert expected in output, output[-2000:]


def test_every_fixture_has_a_case():
    assert sorted(p.name for p in FIXTURES.glob("*.md")) == sorted(CASES)


def test_the_unbroken_copy_builds(tmp_path):
    # Proves the failures above come from the fixtures, not from copying the project.
    result = mkdocs_build(copy_project(tmp_path), tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
