"""Content rules for every Russian page (docs-ru/**/*.md), from ONE table (RULES below), in
the form of the English ones (tests/test_content_rules.py, whose page reader and helpers are
used here: code blanked out, front matter skipped but for title and description).

Each rule says what it catches and why, and carries a bad example that must make it fire and a
good one that must not. A failure names the file, the line and the rule:

    docs-ru/medicines.md:42: [ru-medicine-dose] ... : "400 мг"
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
import test_content_rules as english_rules
from test_content_rules import (Page, Rule, check_urgent_care_link, front_matter, in_text,
                                pattern, read_page)

DOCS_RU = ROOT / "docs-ru"
NUMBER_WORD = r"(?:\d+|одн[аиу]|один|два|две|три|четыре|пять|полторы)"
NBSP = "\u00a0\u202f"


# ---- Doses --------------------------------------------------------------------------------

# A number with a dose unit ("400 мг", "5 мл", "2 г", "1000 МЕ"), or мг / мкг / мл anywhere
# ("мг на кг"). A bare "г" after a number is a dose only without a full stop: "2019 г." is a
# year. One match per dose: the first alternative takes "400 мг" whole.
AMOUNT = re.compile(
    rf"\d+(?:[.,]\d+)?[\s{NBSP}]?(?:мг|мкг|мл|МЕ|ЕД|ед\.|единиц\w*|г(?![.\w]))(?!\w)"
    r"|(?<![\w-])(?:мг|мкг|мл)(?![\w-])")
TABLETS = re.compile(
    r"\bтаблетк\w*\s+по\b"                                           # «таблетки по 400»
    rf"|\bпо\s+{NUMBER_WORD}\s+(?:таблетк|капсул|пакетик|доз|укол)\w*"  # «по 2 таблетки»
    rf"|\b{NUMBER_WORD}\s+(?:таблетк|капсул|пакетик|доз|укол)\w*\s+"     # «3 таблетки в день»
    r"(?:в|за)\s+(?:день|сутки)\b", re.IGNORECASE)
TIMES_A_DAY = re.compile(rf"\b{NUMBER_WORD}\s+раза?\s+в\s+(?:день|сутки)\b", re.IGNORECASE)
# "2-3 раза в день" is a dose only in a sentence about a medicine (exercises use it too).
MEDICINE_WORD = re.compile(
    r"(?<!\w)(?:лекарств|таблет|капсул|доз|обезболивающ|маз|гел[ьея]|укол|инъекц|пластыр|"
    r"ибупрофен|парацетамол|напроксен|диклофенак|кодеин|аспирин|габапентин|прегабалин|"
    r"амитриптилин|дулоксетин|нимесулид|кеторолак|НПВС|НПВП|опиоид|стероид|миорелаксант)\w*",
    re.IGNORECASE)


def check_doses(page: Page):
    found = [(n, m.group(0)) for n, m in in_text(page, AMOUNT)]
    found += [(n, " ".join(m.group(0).split())) for n, m in in_text(page, TABLETS)]
    text = page.text
    for n, m in in_text(page, TIMES_A_DAY):
        start = max(text.rfind(".", 0, m.start()), text.rfind("\n\n", 0, m.start())) + 1
        end = min((i for i in (text.find(".", m.end()), text.find("\n\n", m.end())) if i >= 0),
                  default=len(text))
        if MEDICINE_WORD.search(text[start:end]):
            found.append((n, " ".join(m.group(0).split())))
    return found


# ---- Anti-inflammatories ------------------------------------------------------------------

ANTI_INFLAMMATORY = re.compile(
    r"(?<!\w)(?:противовоспалительн|НПВС|НПВП|ибупрофен|напроксен|диклофенак|кеторолак|"
    r"нимесулид|мелоксикам|эторикоксиб|целекоксиб|кетопрофен|пироксикам|ацеклофенак|"
    r"декскетопрофен|Вольтарен|Мовалис|Кеторол|Кетанов|Найз|Нимесил|Нурофен|Диклоберл|"
    r"Кетонал|Фастум|Финалгель|Аркоксиа|Целебрекс)\w*", re.IGNORECASE)


def check_anti_inflammatory_cautions(page: Page):
    """The English rule, with the Russian names (the snippet is
    docs-ru/_snippets/anti-inflammatory-cautions.md; the link target is the same)."""
    return english_rules.check_anti_inflammatory_cautions(page, ANTI_INFLAMMATORY)


# ---- Quotation marks ----------------------------------------------------------------------

# Markdown and HTML syntax that uses straight quotes: attribute lists, tags, snippet lines,
# the quotes around an admonition's title, a link's title.
SYNTAX = [re.compile(r"\{[^{}]*\}"), re.compile(r"<[^<>]*>"), re.compile(r'^\s*--8<--\s+".*"'),
          re.compile(r'\]\([^()\s]*\s+"[^"]*"\)')]
ADMONITION_TITLE = re.compile(r'^(\s*!!!\s+[\w-]+(?:\s+[\w-]+)*\s+)"(.*)"\s*$')
STRAIGHT = re.compile(r'["\u201d]')  # " and ” (never right in Russian: «…» and, inside, „…“)


def check_quotes(page: Page):
    shown = {page.meta_lines.get(key): key for key in ("title", "description")}
    found = []
    for number, text in page.lines:
        if number in shown:
            text = str(page.meta.get(shown[number]) or "")  # the value, not YAML's quotes
        else:
            text = ADMONITION_TITLE.sub(r"\1\2", text)
            for syntax in SYNTAX:
                text = syntax.sub(" ", text)
        found += [(number, text.strip()[:60]) for _ in STRAIGHT.finditer(text)][:1]
    return found


# ---- THE rule table -----------------------------------------------------------------------

RULES = [
    Rule(
        "ru-medicine-dose",
        "no medicine doses (мг, мл, «таблетки по…», «2 раза в день» for a medicine): write "
        "«принимайте так, как написано на упаковке или как сказал фармацевт»",
        check_doses,
        bad="Примите ибупрофен 400 мг.\nСироп дозируют в мл.\nПейте таблетки по одной.\n"
            "Принимайте по 2 таблетки.\nНаносите гель\n3 раза в день.\n",
        fires=5,
        good="Принимайте ибупрофен так, как написано на упаковке. Делайте упражнение 2 или "
             "3 раза в день.\nГуляйте 3 раза в день. Это займёт 6 недель. В 2019 г. вышел "
             "обзор. Млечный путь, мгла.\n"),
    Rule(
        "ru-emergency-number",
        "no emergency or urgent-care numbers in Russian pages (103, 112, 999, 111, 911, 000, "
        "122): write <!-- care: emergency_number --> or <!-- care: urgent_number --> so a "
        "clinic sets them in one place",
        # Not part of a longer number: "1030", "100 000" (Russian thousands), "1,112" (a
        # decimal); "911, в Москве" is a number (a comma before a space ends it).
        pattern(rf"(?<![\w.,/-])(?<!\d[\s{NBSP}])(?:103|112|999|111|911|000|122)"
                r"(?![\w/-]|[.,]\d)"),
        bad="Звоните 103 или 112.\nВ Великобритании звоните 999 или в NHS 111.\n"
            "В Австралии — 000, в США — 911, в Москве — 122.\n",
        fires=7,
        good="Из 100 000 человек. Страница 1030, 1,112 и 9110. Звоните <!-- care: "
             "emergency_number -->.\n"),
    Rule(
        "ru-overclaiming",
        "no promises of cure: nothing cures for ever, is guaranteed or 100 % safe; say what "
        "the evidence shows",
        # "вылечить навсегда", "избавиться от боли навсегда", "навсегда избавит"
        pattern(r"(?:вылеч|излеч|избав)\w*(?:\s+\w+){0,3}?\s+навсегда",
                r"навсегда\s+(?:\w+\s+){0,2}?(?:вылеч|излеч|избав)\w*", r"гарантир\w*",
                rf"100[\s{NBSP}]?%", r"(?:абсолютно|полностью|совершенно)\s+безопасн\w*",
                r"без\s+противопоказаний", r"чудодействен\w*|чудо-\w+",
                flags=re.IGNORECASE),
        bad="Этот метод гарантированно поможет вылечить навсегда.\nИзбавиться от боли "
            "навсегда: 100 % результат, полностью безопасно.\n",
        fires=5,
        good="Большинству людей становится лучше. Боль обычно проходит за несколько недель. "
             "Половина людей (50 %) чувствует себя лучше.\n"),
    Rule(
        "ru-quotes",
        "Russian quotation marks are «ёлочки» (and „лапки“ inside them), never straight \" "
        "or English ” quotes in the text",
        check_quotes,
        bad='Раздел "Лекарства и вождение".\nСлово “люмбаго” значит прострел.\n',
        fires=2,
        good='Раздел «Лекарства и вождение», слово «„люмбаго“ и прострел».\n\n'
             '!!! warning "Не принимайте"\n    Текст.\n\n<div class="web-only" markdown>\n'
             'Ссылка [на раздел](medicines.md "Лекарства"){ width="640" }.\n</div>\n'),
    Rule(
        "ru-urgent-care-link",
        "every Russian patient page links to urgent-care.md in its text or shows a care card",
        check_urgent_care_link,
        bad="Тепло может облегчить боль.\n\n## Другие страницы\n\n- [Симптомы](symptoms.md)\n",
        good="Тепло может облегчить боль.\n\nЕсли вы волнуетесь, прочитайте, [когда нужна "
             "срочная помощь](urgent-care.md#emergency).\n",
        patient_only=True),
    Rule(
        "ru-anti-inflammatory-cautions",
        "a section that names an anti-inflammatory (ибупрофен, диклофенак, НПВС, Вольтарен...) "
        "includes the snippet anti-inflammatory-cautions.md or links "
        "medicines.md#anti-inflammatory-cautions: who must not take them without advice",
        check_anti_inflammatory_cautions,
        bad="## Обезболивающие\n\nИбупрофен может облегчить боль.\n\n## Гели\n\n"
            "Может помочь противовоспалительный гель, например Вольтарен.\n",
        fires=2,
        good="## Обезболивающие\n\nИбупрофен может облегчить боль. Сначала проверьте, [кому "
             "его нельзя принимать](medicines.md#anti-inflammatory-cautions).\n\n## Тепло\n\n"
             "Тепло помогает.\n",
        patient_only=True),
]
RULES_BY_ID = {rule.id: rule for rule in RULES}


def violations(page: Page) -> list[str]:
    return english_rules.violations(page, RULES)


# ---- Tests --------------------------------------------------------------------------------

PAGES = sorted(DOCS_RU.rglob("*.md"))


def test_rules_see_every_russian_page():
    names = {p.relative_to(DOCS_RU).as_posix() for p in PAGES}
    assert len(PAGES) >= 18 and {"medicines.md", "urgent-care.md",
                                 "_snippets/anti-inflammatory-cautions.md"} <= names


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(DOCS_RU).as_posix())
def test_russian_page_follows_the_content_rules(path):
    problems = violations(read_page(path, DOCS_RU))
    assert problems == [], "\n".join(problems)


def planted_page(tmp_path: Path, text: str) -> Page:
    docs = tmp_path / "docs-ru"
    docs.mkdir(exist_ok=True)
    path = docs / "planted.md"
    path.write_text(front_matter() + text, encoding="utf-8")
    return read_page(path, docs)


@pytest.mark.parametrize("rule_id", sorted(RULES_BY_ID))
def test_rule_fires_on_its_planted_fault(tmp_path, rule_id):
    rule = RULES_BY_ID[rule_id]
    page = planted_page(tmp_path, rule.bad)
    problems = [p for p in violations(page) if f"[{rule_id}]" in p]
    assert len(problems) == rule.fires, f"{rule_id} fired {len(problems)} times, not " \
        f"{rule.fires}, on:\n{rule.bad}\n" + "\n".join(problems)
    # The message names the file and a real line of it.
    number = int(problems[0].split(":")[1])
    assert problems[0].startswith("docs-ru/planted.md:") and 1 <= number <= len(
        (tmp_path / "docs-ru/planted.md").read_text().splitlines()), problems


@pytest.mark.parametrize("rule_id", sorted(RULES_BY_ID))
def test_rule_does_not_fire_on_good_text(tmp_path, rule_id):
    page = planted_page(tmp_path, RULES_BY_ID[rule_id].good)
    assert [p for p in violations(page) if f"[{rule_id}]" in p] == []


def test_dose_is_reported_on_its_line_with_what_matched(tmp_path):
    page = planted_page(tmp_path, "Всё хорошо.\n\nПримите 2 таблетки в день.\n")
    assert [p for p in violations(page) if "[ru-medicine-dose]" in p] == [
        "docs-ru/planted.md:11: [ru-medicine-dose] " + RULES_BY_ID["ru-medicine-dose"].why
        + ': "2 таблетки в день"']


def test_straight_quotes_in_the_title_are_caught_but_yaml_quoting_is_not(tmp_path):
    docs = tmp_path / "docs-ru"
    docs.mkdir()
    path = docs / "planted.md"
    path.write_text(front_matter().replace("title: A planted page",
                                           'title: "Страница «Лекарства»"')
                    + "Прочитайте, [когда нужна срочная помощь](urgent-care.md).\n")
    assert violations(read_page(path, docs)) == []
    path.write_text(path.read_text().replace('"Страница «Лекарства»"', 'Страница "Лекарства"'))
    assert [p.split(": [")[1].split("]")[0] for p in violations(read_page(path, docs))] == [
        "ru-quotes"]
