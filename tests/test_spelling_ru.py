"""Russian spelling: every Russian word a reader sees in docs-ru/ is in Debian's hunspell-ru
dictionary (/usr/share/hunspell/ru_RU.dic, through the `hunspell` command) or in the reviewed
list tests/data/medical-words.ru.txt (medical words, drug and brand names the dictionary
lacks). Both come from scripts/setup_system.sh (`make test`).

What is read:
- docs-ru/**/*.md: the page text (code blanked out, as in the content rules; HTML comments
  and link addresses dropped) and the front matter readers see: title, description and
  reviewer. Not `aliases`: they hold patients' own misspellings and е spellings on purpose,
  so that search finds them (as the English codespell check skips them);
- docs-ru/_data/*.yml: every string value (the overlays hold only words), but not
  `translates:` (a path) and not a key ending in `aliases` (search words, as above).
Words with a Latin letter (NHS, NICE, B12) and digits are skipped. A hyphenated word
(ко-кодамол, по-большому) passes whole if the list has it, or else part by part.

The ё policy: ALWAYS ё. Russian print often writes е for ё; a patient reading aloud, a screen
reader and search all do better with ё, and one rule is easier to keep than "ё where it
matters". hunspell accepts both (прием and приём), so YO_WORDS lists common words that are
never right with е (еще, ее, прием, объем, ...) and the test fails on any of them, outside
aliases. Words that are right either way (все/всё, небо/нёбо) cannot be checked and are left
to review.

A failure names the file, the line and the word:
    docs-ru/medicines.md:25: "ибупрафен" is not in the dictionary or the word list
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from test_content_rules import read_page

DOCS_RU = ROOT / "docs-ru"
WORD_LIST = ROOT / "tests" / "data" / "medical-words.ru.txt"
DICTIONARY = Path("/usr/share/hunspell/ru_RU.dic")
HTML_COMMENT = re.compile(r"<!--.*?-->")
LINK_ADDRESS = re.compile(r"\]\([^)]*\)")
# A word: letters, maybe joined by hyphens; not the tail of "5-й" or of a Latin word.
WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)*(?![\w-])")
RUSSIAN = re.compile(r"^[А-Яа-яЁё-]+$")
# Wrong names the pages quote on purpose, as readers meet them online or on a box («Меркаин»
# beside the real Маркаин): accepted only alone inside «ёлочки», never in running text.
# (Миокаин is not here: the glossary has it as a name readers meet, so the word list has it.)
QUOTED_AS_MET = {"Меркаин", "Нейробин", "Триграм", "люмбагия"}

# е written where ё belongs: each pattern matches whole words (any case) that are never right
# with е. Endings are listed where a bare stem would catch a word without ё (тяжело, легко,
# теплом "with heat", счета "bills", вышел, узнает, ограничен, защемление).
YO_WORDS = {
    r"еще": "ещё",
    r"н?ее": "её, неё",
    r"(?:мо|тво|сво)е": "моё, своё",
    r"прием(?:а|у|ом|е|ы|ов|ам|ами|ах|н\w+)?": "приём, приёмный",
    r"(?:объ|подъ)ем(?:а|у|ом|е|ы|ов|ам|ами|ах|н\w+)?": "объём, подъём",
    r"отек(?:а|у|ом|е|и|ов|ам|ами|ах)?": "отёк",
    r"(?:тяжел|черн|желт|зелен|темн|жестк|легк|четк)"
    r"(?:ый|ий|ая|ое|ые|ие|ого|ому|ой|ую|ым|им|ом|ых|их|ыми|ими)": "тяжёлый, лёгкий, чёткий",
    r"тепл(?:ый|ая|ое|ые|ого|ому|ой|ую|ым|ых|ыми)": "тёплый",
    r"(?:серьезн|надежн)\w*": "серьёзный, надёжный",
    r"(?:защемл|ущемл|воспал|поврежд|напряж|раздраж|смещ|утомл|облегч|упрощ)ен(?:н\w*)?":
        "защемлённый, воспалённый, повреждён",
    r"ребен(?:ок|ка|ку|ком|ке)": "ребёнок",
    r"вперед": "вперёд",
    r"(?:тр|четыр)ех": "трёх, четырёх",
    r"(?:и|при|прой|пой|най|уй|дой|подой|перей|зай|обой|отой)де(?:т|те|шь|м|тся)":
        "идёт, пройдёт, подойдёт",
    r"(?:да|вста|уста|переста|отда|прода|созда|переда|сда)(?:ет|ете|ешь|ем)": "даёт, встаёт",
    r"(?:вед|жив|жд|пойм|начн|нес|раст|пь|зов)(?:ет|ете|ешь|ем)": "ведёт, живёт, начнёт",
    r"(?:о|в|при|ни о|ни в|на) чем(?:-то|-нибудь)?": "о чём, в чём",
    r"причем": "причём",
    r"(?:с|у|рас|от)чет(?:ом|е|у)?": "счёт, учёт",
    r"лед": "лёд",
    r"(?:при|про|за|на|у|до|подо|пере|во|ото|обо|по)?шел": "пришёл, нашёл",
}
YO = re.compile(r"(?<![\w-])(?:" + "|".join(f"(?P<yo{i}>{regex})" for i, regex in
                enumerate(YO_WORDS)) + r")(?![\w-])", re.IGNORECASE)
YO_FIXES = list(YO_WORDS.values())


# ---- Reading the Russian sources ----------------------------------------------------------

def markdown_lines(path: Path, docs: Path) -> list[tuple[int, str]]:
    """(line number, text) a reader sees: the page, its title, description and reviewer."""
    page = read_page(path, docs)
    raw = path.read_text(encoding="utf-8").splitlines()
    reviewer = page.meta_lines.get("reviewer")
    lines = page.lines + ([(reviewer, raw[reviewer - 1])] if reviewer else [])
    return [(n, LINK_ADDRESS.sub("]", HTML_COMMENT.sub(" ", text))) for n, text in lines]


def yaml_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, text) of every string value in a data file, but not `translates` and
    not a key ending in `aliases`."""
    raw = path.read_text(encoding="utf-8").splitlines()
    root = yaml.compose("\n".join(raw))
    found: list[tuple[int, str]] = []

    def walk(node, key: str = ""):
        if key == "translates" or key.endswith("aliases"):
            return
        if isinstance(node, yaml.MappingNode):
            for key_node, value in node.value:
                walk(value, str(key_node.value))
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item, key)
        elif isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str"):
            if node.style in (">", "|"):  # a block scalar: its own lines, as written
                end = node.end_mark  # at column 0 of the next key's line, or on the last line
                stop = min(end.line + (end.column > 0), len(raw))
                found.extend((n + 1, raw[n]) for n in range(node.start_mark.line + 1, stop))
            else:
                found.extend((node.start_mark.line + 1 + i, text)
                             for i, text in enumerate(node.value.splitlines()))

    if root is not None:
        walk(root)
    return found


def sources(docs: Path) -> dict[str, list[tuple[int, str]]]:
    """Every Russian source file (named from the project root) -> its lines to check."""
    found = {}
    for path in sorted(docs.rglob("*.md")):
        found[path.relative_to(docs.parent).as_posix()] = markdown_lines(path, docs)
    for path in sorted((docs / "_data").glob("*.yml")):
        found[path.relative_to(docs.parent).as_posix()] = yaml_lines(path)
    return found


def russian_words(text: str) -> list[str]:
    """The Russian words of a line: no word with a Latin letter or a digit, and not a name in
    QUOTED_AS_MET standing alone in «ёлочки»."""
    return [m.group(0) for m in WORD.finditer(text) if RUSSIAN.match(m.group(0)) and not (
        m.group(0) in QUOTED_AS_MET and text[m.start() - 1:m.start()] == "«"
        and text[m.end():m.end() + 1] == "»")]


# ---- Checking -----------------------------------------------------------------------------

def word_list(path: Path = WORD_LIST) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def listed(word: str, words: set[str]) -> bool:
    """In the word list as written, capitalised from a lower-case entry (ибупрофен accepts
    Ибупрофен) or in capitals (ВОЛЬТАРЕН); МРТ accepts neither мрт nor Мрт."""
    return (word in words or (word == word.lower().capitalize() and word.lower() in words)
            or (word.isupper() and word in {w.upper() for w in words}))


def hunspell_unknown(words: set[str]) -> set[str]:
    """The words Debian's Russian dictionary does not know (one hunspell run for all)."""
    if not shutil.which("hunspell") or not DICTIONARY.is_file():
        pytest.fail(f"hunspell or {DICTIONARY} not found: run `make test`, which installs "
                    "Debian's hunspell and hunspell-ru (scripts/setup_system.sh)")
    result = subprocess.run(["hunspell", "-d", "ru_RU", "-i", "utf-8", "-l"],
                            input="\n".join(sorted(words)), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def misspellings(found: dict[str, list[tuple[int, str]]], words: set[str]) -> list[str]:
    """'file:line: "word" ...' for every Russian word neither hunspell nor the list knows."""
    to_check: list[tuple[str, int, str, list[str]]] = []   # file, line, word, its parts
    for name, lines in found.items():
        for number, text in lines:
            for word in russian_words(text):
                if not listed(word, words):
                    parts = [part for part in word.split("-") if not listed(part, words)]
                    to_check.append((name, number, word, parts))
    unknown = hunspell_unknown({part for *_, parts in to_check for part in parts})
    problems = []
    for name, number, word, parts in to_check:
        bad = [part for part in parts if part in unknown]
        if bad:
            part = f' (the part "{bad[0]}")' if bad != [word] else ""
            problems.append(f'{name}:{number}: "{word}"{part} is not in the Russian dictionary '
                            f"or tests/data/{WORD_LIST.name}")
    return problems


def yo_problems(found: dict[str, list[tuple[int, str]]]) -> list[str]:
    problems = []
    for name, lines in found.items():
        for number, text in lines:
            for m in YO.finditer(text):
                fix = YO_FIXES[int(m.lastgroup.removeprefix("yo"))]
                problems.append(f'{name}:{number}: "{m.group(0)}" is written with е: the '
                                f"handbook always writes ё ({fix})")
    return problems


# ---- Tests --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def russian_sources() -> dict[str, list[tuple[int, str]]]:
    found = sources(DOCS_RU)
    assert len([name for name in found if name.endswith(".md")]) >= 17, sorted(found)
    assert {"docs-ru/_data/red-flags.yml", "docs-ru/_data/ui.yml"} <= set(found), sorted(found)
    return found


def test_russian_spelling(russian_sources):
    problems = misspellings(russian_sources, set(word_list()))
    assert problems == [], (
        "Russian words that are not in Debian's dictionary: fix a misspelling in docs-ru, or "
        f"add a real medical word, drug or brand name to tests/data/{WORD_LIST.name}:\n"
        + "\n".join(problems))


def test_yo_is_always_written(russian_sources):
    problems = yo_problems(russian_sources)
    assert problems == [], "\n".join(problems)


def test_word_list_is_sorted_reviewed_and_needed():
    words = word_list()
    assert words == sorted(set(words), key=lambda w: (w.lower().replace("ё", "е"), w)), \
        f"tests/data/{WORD_LIST.name}: keep it sorted (ё as е), one word a line, no repeats"
    not_russian = [w for w in words if not RUSSIAN.match(w)]
    assert not_russian == [], f"only Russian words (Latin ones are never checked): {not_russian}"
    unknown = hunspell_unknown({part for word in words for part in word.split("-")})
    known = [w for w in words if not any(part in unknown for part in w.split("-"))]
    assert known == [], f"tests/data/{WORD_LIST.name}: the dictionary knows {known}: remove them"
    assert QUOTED_AS_MET.isdisjoint(words), "a name quoted as met is a misspelling: not listed"


# ---- The checks can fail ------------------------------------------------------------------

GOOD_PAGE = """---
title: Ибупрофен и МРТ
description: Страница, написанная тестом, о приёме лекарств.
reviewer: Редактор
aliases: [ибупрафен, прием, еще, за рулем]
---

Ибупрофен, ибупрофеном, ВОЛЬТАРЕН и ко-кодамол есть в списке; NHS и GP пропущены, как и B12.
Приём лекарства ещё не начат. Вам может встретиться название «Меркаин».
См. [её раздел](medicines.md#anti-inflammatory-cautions). <!-- care: urgent_service -->
Верно и так: тяжело, легко, теплом, счета, вышел, узнает, ограничен, защемление, надежда.

```text
опечатка в коде не проверяеться
```
"""


def planted(tmp_path: Path, text: str, name: str = "planted.md") -> dict:
    docs = tmp_path / "docs-ru"
    (docs / "_data").mkdir(parents=True, exist_ok=True)
    path = docs / name
    path.write_text(text, encoding="utf-8")
    return sources(docs)


def test_good_page_passes_with_aliases_code_and_latin_words(tmp_path):
    found = planted(tmp_path, GOOD_PAGE)
    assert misspellings(found, set(word_list())) == []
    assert yo_problems(found) == []


def test_planted_misspelling_fails_naming_file_line_and_word(tmp_path):
    found = planted(tmp_path, GOOD_PAGE + "\nБоль в ноге обычно праходит сама. Мрт, вольтарен.\n")
    assert misspellings(found, set(word_list())) == [
        f'docs-ru/planted.md:17: "{word}" is not in the Russian dictionary or '
        f"tests/data/{WORD_LIST.name}" for word in ("праходит", "Мрт", "вольтарен")]


def test_planted_misspellings_in_front_matter_and_hyphenated_words_fail(tmp_path):
    page = GOOD_PAGE.replace("title: Ибупрофен и МРТ", "title: Ибупрафен и МРТ")
    found = planted(tmp_path, page + "\nКо-кадамол и «Меркаин» и Меркаин.\n")
    problems = misspellings(found, set(word_list()))
    assert [p.split(" is not")[0] for p in problems] == [
        'docs-ru/planted.md:2: "Ибупрафен"',
        'docs-ru/planted.md:17: "Ко-кадамол" (the part "кадамол")',
        'docs-ru/planted.md:17: "Меркаин"'], problems  # only the quoted one passes


def test_planted_misspelling_in_data_file_fails_naming_the_line(tmp_path):
    planted(tmp_path, GOOD_PAGE)
    data = tmp_path / "docs-ru" / "_data" / "red-flags.yml"
    data.write_text("translates: ../../docs/_data/red-flags.yml\nsigns:\n  fever:\n"
                    '    text: "высокая тимпература"\n    match: ["высокая"]\n'
                    "intro: >-\n  Первая строка.\n  Вторая строка с ашибкой.\n"
                    "search_aliases: [тимпература]\n", encoding="utf-8")
    problems = misspellings(sources(tmp_path / "docs-ru"), set(word_list()))
    assert [p.split(" is not")[0] for p in problems] == [
        'docs-ru/_data/red-flags.yml:4: "тимпература"',
        'docs-ru/_data/red-flags.yml:8: "ашибкой"'], problems


def test_planted_e_for_yo_fails_outside_aliases(tmp_path):
    found = planted(tmp_path, GOOD_PAGE + "\nПрием лекарств еще не начат, отек не прошел.\n"
                    "Защемленный нерв; о чем спросить; пройдет; теплом и легко — верно.\n")
    problems = yo_problems(found)
    assert [p.split(" is written")[0] for p in problems] == [
        'docs-ru/planted.md:17: "Прием"', 'docs-ru/planted.md:17: "еще"',
        'docs-ru/planted.md:17: "отек"', 'docs-ru/planted.md:17: "прошел"',
        'docs-ru/planted.md:18: "Защемленный"', 'docs-ru/planted.md:18: "о чем"',
        'docs-ru/planted.md:18: "пройдет"'], problems
    assert "the handbook always writes ё (ещё)" in problems[1]
