"""Reading level of the Russian pages: Flesch reading ease with Oborneva's Russian constants
(scripts/reading_level.py says how words, syllables and sentences are counted), printed as a
table at the end of the run and by `make bench`.

The gate is per page: each Russian page scores at least the figure recorded for it in
tests/data/reading-level-ru.yml, minus MARGIN. Why not one floor for all pages, as the English
grade 9: the Russian pages range from about 36 (physical treatments, medicines: many names of
treatments and drugs, long Russian medical words) to about 61 (handouts), so a floor low enough
for the densest page would let the plainest lose 20 points unnoticed. A record per page catches
any page getting harder than it was when it was reviewed. A page that needs harder words can
have its record lowered, with a reason in the commit; a page much easier than its record
(more than SLACK above it) must have its record raised, so that the gate keeps up with it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from site_tools import copy_site, report
from reading_level import (  # scripts/, on the path via site_tools
    RUSSIAN_MARGIN as MARGIN, RUSSIAN_RECORD as RECORD, readable_text, russian_counts,
    russian_ease, russian_figures, russian_record as load_record)

SLACK = 10.0   # a page this much easier than its record: raise the record


def source_of(page: str) -> str:
    """The Markdown file behind a Russian page address ("ru/symptoms/")."""
    name = page.removeprefix("ru/").rstrip("/") or "index"
    path = ROOT / "docs-ru" / f"{name}.md"
    return path.relative_to(ROOT).as_posix() if path.is_file() else \
        "generated from docs-ru/_data/glossary.yml" if name == "glossary" else "generated page"


def problems_with(measured: dict[str, tuple[float, int]], record: dict[str, float]) -> list[str]:
    problems = []
    for page, (ease, _) in sorted(measured.items()):
        floor = record.get(page)
        where = f"{page} ({source_of(page)})"
        if floor is None:
            problems.append(f"{where}: reading ease {ease:.1f} has no record: add "
                            f"`{page}: {ease:.1f}` to tests/data/{RECORD.name}")
        elif ease < floor - MARGIN:
            problems.append(
                f"{where}: reading ease {ease:.1f} is below its record {floor:.1f} minus "
                f"{MARGIN:g}: use shorter sentences and shorter, common words, or lower the "
                f"record in tests/data/{RECORD.name} and say why in the commit")
        elif ease > floor + SLACK:
            problems.append(f"{where}: reading ease {ease:.1f} is far above its record "
                            f"{floor:.1f}: raise the record to {ease:.1f} so the gate keeps up")
    problems += [f"tests/data/{RECORD.name}: {page} is not a published Russian page"
                 for page in sorted(record) if page not in measured]
    return problems


@pytest.fixture(scope="module")
def measured(built_site, pytestconfig) -> dict[str, tuple[float, int]]:
    result = russian_figures(built_site)
    record = load_record()
    rows = [f"{'page':<28} {'ease':>5} {'record':>6} {'words':>6}",
            f"{'-' * 28} {'-' * 5} {'-' * 6} {'-' * 6}"]
    for page, (ease, words) in sorted(result.items(), key=lambda item: item[1][0]):
        floor = record.get(page)
        rows.append(f"{page:<28} {ease:>5.1f} {floor if floor is not None else '-':>6} "
                    f"{words:>6}")
    report(pytestconfig, "Russian reading level: Flesch reading ease, Oborneva's constants "
           f"(each page at least its record - {MARGIN:g}; higher is easier)", rows)
    return result


def test_every_russian_page_is_measured(measured, ru_html_pages):
    russian = [p for p in ru_html_pages if p != "ru/404.html"]
    assert len(measured) == len(russian) >= 17, sorted(measured)
    empty = [page for page, (_, words) in measured.items() if words < 100]
    assert empty == [], f"almost no Russian text found on {empty}: has the page layout changed?"


def test_russian_pages_are_no_harder_than_recorded(measured):
    problems = problems_with(measured, load_record())
    assert problems == [], "\n".join(problems)


# ---- The gate can fail --------------------------------------------------------------------

HARD_TEXT = ("<p>Мультидисциплинарная реабилитационная программа, характеризующаяся "
             "интегрированным биопсихосоциальным подходом, демонстрирует статистически "
             "значимое улучшение функционального состояния пациентов с хронической "
             "радикулопатией, обусловленной дегенеративно-дистрофическими изменениями "
             "межпозвонковых дисков.</p>")


@pytest.fixture
def planted_site(built_site, tmp_path) -> Path:
    """A copy of the site whose Russian self-care page is rewritten in dense academic Russian."""
    site = copy_site(built_site, tmp_path / "site")
    path = site / "ru/self-care/index.html"
    html = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"<p>.*?</p>", lambda m: HARD_TEXT, html, flags=re.S),
                    encoding="utf-8")
    return site


def test_planted_hard_page_fails_naming_it(planted_site):
    problems = problems_with(russian_figures(planted_site), load_record())
    assert len(problems) == 1 and problems[0].startswith(
        "ru/self-care/ (docs-ru/self-care.md): reading ease "), problems
    assert "is below its record" in problems[0], problems


def test_record_must_cover_every_page_and_only_published_ones(measured):
    record = {**load_record(), "ru/no-such-page/": 50.0}
    del record["ru/symptoms/"]
    problems = problems_with(measured, record)
    assert len(problems) == 2, problems
    assert problems[0].startswith("ru/symptoms/ (docs-ru/symptoms.md): reading ease "
                                  ) and "has no record" in problems[0], problems
    assert problems[1] == f"tests/data/{RECORD.name}: ru/no-such-page/ is not a published " \
                          "Russian page"


def test_a_record_far_below_the_page_must_be_raised(measured):
    ease, _ = measured["ru/symptoms/"]
    problems = problems_with(measured, {**load_record(), "ru/symptoms/": ease - SLACK - 1})
    assert len(problems) == 1 and "raise the record" in problems[0], problems


# ---- Counting -----------------------------------------------------------------------------

def test_counts_vowels_russian_words_and_sentences():
    # "т. е." does not end a sentence; a lead-in ending ":" runs on into its list item.
    text = "Это, т. е. пример, прост. Кодеин (NHS) даёт 3 дня:\nзапор.\nДа!"
    sentences, words, syllables = russian_counts(text)
    assert sentences == 3
    # Это т е пример прост Кодеин даёт дня запор Да: NHS and 3 are not Russian words.
    assert words == 10
    assert syllables == 2 + 0 + 1 + 2 + 1 + 3 + 2 + 1 + 2 + 1  # "т" has no vowel


def test_plain_russian_scores_higher_than_academic_russian():
    plain, _ = russian_ease("Боль в ноге часто проходит сама. Ходите каждый день.")
    hard, _ = russian_ease(readable_text(
        f'<article class="md-content__inner md-typeset">{HARD_TEXT}</article>'))
    assert plain > 60 > 0 > hard, (plain, hard)
