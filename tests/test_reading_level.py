"""Reading level: the Flesch-Kincaid grade (textstat 0.7.8) of every built page, printed as a
table at the end of the run. A patient page above grade 9 fails unless it is listed, with a
reason, in tests/data/reading-level-exceptions.yml.

What is measured: the text a reader sees in the page's article, from the BUILT HTML, without
headings, tables, code and the review box (scripts/reading_level.py readable_text() says
why). Russian pages (ru/) have their own formula and gate: tests/test_reading_level_ru.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import textstat
import yaml

from conftest import DOCS
from site_tools import copy_site, page_paths, report, url_of
from reading_level import RUSSIAN_PAGES, readable_text  # scripts/, on the path via site_tools

MAX_GRADE = 9
EXCEPTIONS = Path(__file__).parent / "data" / "reading-level-exceptions.yml"


def grades(site: Path) -> dict[str, tuple[float, int]]:
    """Page address -> (Flesch-Kincaid grade, words), for every English page but 404 (the
    Russian pages have their own measure: tests/test_reading_level_ru.py)."""
    found = {}
    for rel in page_paths(site):
        if rel == "404.html" or rel.startswith(RUSSIAN_PAGES):
            continue
        text = readable_text((site / rel).read_text(encoding="utf-8"))
        found[url_of(rel) or "./"] = (textstat.flesch_kincaid_grade(text),
                                      textstat.lexicon_count(text))
    return found


def load_exceptions(path: Path = EXCEPTIONS) -> dict[str, str]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def source_of(page: str) -> str:
    """The Markdown file behind a page address, or "generated" (the glossary)."""
    name = "index.md" if page == "./" else page.rstrip("/") + ".md"
    for candidate in (DOCS / name, DOCS / page / "index.md"):
        if candidate.is_file():
            return candidate.relative_to(DOCS.parent).as_posix()
    return "generated page"


def too_hard(measured: dict, exceptions: dict) -> list[str]:
    problems = []
    for page, (grade, _) in sorted(measured.items()):
        if page.startswith("contributing/") or grade <= MAX_GRADE:
            continue
        if not str(exceptions.get(page) or "").strip():
            problems.append(
                f"{page} ({source_of(page)}): Flesch-Kincaid grade {grade:.1f} is above "
                f"{MAX_GRADE}: use shorter sentences and common words, or list the page with "
                f"a reason in tests/data/{EXCEPTIONS.name}")
    problems += [f"tests/data/{EXCEPTIONS.name}: {page} is not a published page"
                 for page in sorted(exceptions) if page not in measured]
    return problems


@pytest.fixture(scope="module")
def measured(built_site, pytestconfig) -> dict[str, tuple[float, int]]:
    result = grades(built_site)
    exceptions = load_exceptions()
    rows = [f"{'page':<36} {'grade':>5} {'words':>6}  note",
            f"{'-' * 36} {'-' * 5} {'-' * 6}  ----"]
    for page, (grade, words) in sorted(result.items(), key=lambda item: -item[1][0]):
        note = ("contributor page: reported only" if page.startswith("contributing/") else
                "exception: " + str(exceptions[page])[:40] if page in exceptions else
                f"ABOVE {MAX_GRADE}" if grade > MAX_GRADE else "")
        rows.append(f"{page:<36} {grade:>5.1f} {words:>6}  {note}")
    report(pytestconfig, f"Reading level: Flesch-Kincaid grade (patient pages at most {MAX_GRADE})",
           rows)
    return result


def test_every_page_is_measured(measured, html_pages):
    assert len(measured) == len([p for p in html_pages if not p.startswith(RUSSIAN_PAGES)])
    empty = [page for page, (_, words) in measured.items() if words == 0]
    assert empty == [], f"no text found to measure on {empty}: has the page layout changed?"


def test_patient_pages_are_easy_to_read(measured):
    problems = too_hard(measured, load_exceptions())
    assert problems == [], "\n".join(problems)


HARD_TEXT = ("<p>Notwithstanding the considerable heterogeneity characterising contemporary "
             "randomised investigations, multidisciplinary rehabilitation demonstrates "
             "statistically significant, clinically meaningful improvements regarding "
             "functional disability, particularly amongst individuals experiencing persistent "
             "radicular symptomatology.</p>")


@pytest.fixture
def planted_site(built_site, tmp_path) -> Path:
    """A copy of the site whose self-care page is rewritten in dense academic English."""
    site = copy_site(built_site, tmp_path / "site")
    path = site / "self-care/index.html"
    html = path.read_text(encoding="utf-8")
    html = re.sub(r"<p>.*?</p>", lambda m: HARD_TEXT, html, flags=re.S)
    path.write_text(html, encoding="utf-8")
    return site


def test_planted_hard_page_fails_naming_it(planted_site):
    problems = too_hard(grades(planted_site), {})
    assert len(problems) == 1 and problems[0].startswith(
        "self-care/ (docs/self-care.md): Flesch-Kincaid grade "), problems


def test_an_exception_needs_a_reason(planted_site, tmp_path):
    measured = grades(planted_site)
    assert too_hard(measured, {"self-care/": "Dense on purpose: a test."}) == []
    assert too_hard(measured, {"self-care/": ""})[0].startswith("self-care/ (docs/self-care.md)")
    assert too_hard(measured, {"self-care/": "ok", "no-such-page/": "x"}) == [
        f"tests/data/{EXCEPTIONS.name}: no-such-page/ is not a published page"]


def test_headings_and_tables_are_left_out_and_lists_count_as_sentences():
    html = ('<article class="md-content__inner md-typeset"><h1>A very long heading with many '
            'syllables indeed</h1><p>Short words here.</p><ul><li>one item</li><li>two item'
            '</li></ul><table><tr><td>cell</td></tr></table><aside class="page-meta">'
            '<p>Page last reviewed</p></aside></article>')
    assert readable_text(html) == "Short words here.\none item.\ntwo item."
