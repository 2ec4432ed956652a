"""The clinical review log (docs/contributing/review-log.md) answers every finding of the
November 2026 review (../shared/reference/clinical-review-2026-11.md), once each, and every
file it names exists, so an editor can check it line by line."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

LOG = ROOT / "docs/contributing/review-log.md"
REVIEW = ROOT.parent / "shared/reference/clinical-review-2026-11.md"
ROW = re.compile(r"^\|\s*(M?\d+)\s*\|(.+)\|\s*$", re.MULTILINE)
FILE = re.compile(r"`((?:docs|overrides|scripts|tests)/[\w./-]+)`")


def rows() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for number, rest in ROW.findall(LOG.read_text(encoding="utf-8")):
        found.setdefault(number, []).append(rest)
    return found


def review_numbers() -> set[str]:
    text = REVIEW.read_text(encoding="utf-8")
    findings = {n for n in re.findall(r"^\| (\d+) \| S\d \|", text, re.MULTILINE)}
    missing = re.split(r"^## Missing topics", text, flags=re.MULTILINE)[1]
    topics = {f"M{n}" for n in re.findall(r"^(\d+)\. ", missing, re.MULTILINE)}
    return findings | topics


def test_the_review_is_where_the_log_expects_it():
    # CI runs with ../shared beside the checkout; without it this test cannot check anything.
    assert REVIEW.is_file(), f"{REVIEW} not found: the review ships in ../shared/reference"
    assert len(review_numbers()) == 37 + 14


def test_every_finding_has_exactly_one_row():
    logged = rows()
    assert sorted(review_numbers() - set(logged), key=lambda n: (n[0] == "M", int(n.lstrip("M")))) == []
    assert {n: len(r) for n, r in logged.items() if len(r) > 1} == {}
    assert set(logged) - review_numbers() == set()


@pytest.mark.parametrize("number", sorted(review_numbers()))
def test_each_row_says_what_changed_and_where_or_why_not(number):
    cells = [c.strip() for c in rows()[number][0].split("|")]
    status, where, what = cells[0], cells[1], cells[2]
    assert status in {"Fixed", "Answered"}, f"{number}: status '{status}'"
    assert what and len(what.split()) >= 4, f"{number}: say what changed, or why not"
    if status == "Fixed":
        named = FILE.findall(where)
        assert named, f"{number}: name the files that changed, in backticks"
        missing = [f for f in named if not (ROOT / f.split("#")[0]).exists()]
        assert missing == [], f"{number}: no such file {missing}"
