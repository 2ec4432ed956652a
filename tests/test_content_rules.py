"""Content rules for every Markdown page, from ONE table (RULES below).

Each rule says what it catches and why, carries a small bad example that must make it fire and
a good example that must not, and runs over every docs/**/*.md file. Fenced code blocks and
inline code are blanked out first, so the contributor guide can show examples, and front matter
is skipped apart from `title` and `description` (which readers see); `next_review` is read from
it. A failure names the file, the line and the rule:

    docs/medicines.md:42: [medicine-dose] no medicine doses ... : "400 mg"
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
import yaml

from conftest import DOCS

TODAY = dt.date.today()
ADMONITION_TYPES = {"note", "tip", "warning", "evidence"}
ADMONITION_EXTRA_CLASSES = {"web-only"}
# Evidence label text -> its anchor on the about page.
EVIDENCE_LABELS = {
    "Recommended": "recommended",
    "May help": "may-help",
    "No good evidence": "no-good-evidence",
    "Not recommended": "not-recommended",
}
NUMBER_WORD = r"(?:\d+|one|two|three|four|five|six|seven|eight|ten|twelve)"


@dataclass
class Page:
    """One Markdown file, ready for the rules."""
    name: str                                   # "docs/medicines.md"
    meta: dict
    meta_lines: dict[str, int]                  # front-matter key -> line number
    lines: list[tuple[int, str]]                # (line number, text with code blanked out)
    patient: bool                               # not a contributor page

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.lines)


@dataclass
class Rule:
    id: str
    why: str
    check: Callable[[Page], list[tuple[int, str]]]   # -> (line, what matched)
    bad: str                                          # Markdown that must make it fire
    good: str                                         # Markdown that must not
    patient_only: bool = False
    fires: int = 1                                    # how many times `bad` makes it fire


# ---- Reading a page -----------------------------------------------------------------------

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")


def blank_code(lines: list[str]) -> list[str]:
    """Blank fenced code blocks (fence lines too) and inline code, keeping line numbers."""
    out, fence = [], None
    for line in lines:
        opening = FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
            out.append("")
        elif fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence) \
                    and not line.strip()[len(opening.group(1)):].strip():
                fence = None
            out.append("")
        else:
            out.append(INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line))
    return out


def read_page(path: Path, docs: Path = DOCS) -> Page:
    raw = path.read_text(encoding="utf-8").splitlines()
    meta, meta_lines, body_start = {}, {}, 0
    if raw and raw[0].strip() == "---":
        end = next((i for i in range(1, len(raw)) if raw[i].strip() == "---"), None)
        if end is not None:
            meta = yaml.safe_load("\n".join(raw[1:end])) or {}
            for i in range(1, end):
                key = re.match(r"^([\w-]+):", raw[i])
                if key:
                    meta_lines[key.group(1)] = i + 1
            body_start = end + 1
    # Title and description are shown to readers: the rules read them too.
    shown = [(meta_lines[k], raw[meta_lines[k] - 1]) for k in ("title", "description")
             if k in meta_lines]
    body = blank_code(raw[body_start:])
    lines = shown + [(body_start + i + 1, text) for i, text in enumerate(body)]
    rel = path.relative_to(docs).as_posix()
    return Page(name=f"{docs.name}/{rel}", meta=meta, meta_lines=meta_lines, lines=lines,
                patient=not rel.startswith("contributing/"))


# ---- Rule helpers -------------------------------------------------------------------------

def pattern(*regexes: str, flags: int = 0) -> Callable[[Page], list[tuple[int, str]]]:
    """A check that fires on every match of any of the regular expressions, line by line."""
    compiled = [re.compile(r, flags) for r in regexes]

    def check(page: Page):
        return [(number, m.group(0)) for number, text in page.lines
                for regex in compiled for m in regex.finditer(text)]
    return check


def in_text(page: Page, regex: re.Pattern) -> list[tuple[int, re.Match]]:
    """Matches over the whole text (so a phrase may wrap onto the next line), with the line
    number where each match starts."""
    starts, offset = [], 0
    for number, text in page.lines:
        starts.append((offset, number))
        offset += len(text) + 1
    found = []
    for m in regex.finditer(page.text):
        number = next(n for start, n in reversed(starts) if start <= m.start())
        found.append((number, m))
    return found


AMOUNT = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:mg|mcg|µg|μg|g|ml|mL|IU|units?)\b", re.IGNORECASE)
PER_DAY = re.compile(rf"\b{NUMBER_WORD}\s+(?:tablets?|capsules?|pills?|sachets?|doses?|puffs?)\s+"
                     r"(?:a|per|each)\s+day\b", re.IGNORECASE)
TIMES_A_DAY = re.compile(rf"\b{NUMBER_WORD}\s+times\s+(?:a|per|each)\s+day\b", re.IGNORECASE)
# "2 or 3 times a day" is a dose only in a sentence about a medicine (exercises use it too).
MEDICINE_WORD = re.compile(
    r"\b(?:medicines?|medication|tablets?|capsules?|pills?|doses?|painkillers?|sprays?|creams?|"
    r"gels?|patch(?:es)?|drops|sachets?|injections?|ibuprofen|paracetamol|naproxen|diclofenac|"
    r"codeine|aspirin|gabapentin|pregabalin|amitriptyline|duloxetine|NSAIDs?|opioids?|"
    r"steroids?)\b", re.IGNORECASE)


def check_doses(page: Page):
    found = [(n, m.group(0)) for n, m in in_text(page, AMOUNT)]
    found += [(n, m.group(0)) for n, m in in_text(page, PER_DAY)]
    for n, m in in_text(page, TIMES_A_DAY):
        text = page.text
        start = max(text.rfind(".", 0, m.start()), text.rfind("\n\n", 0, m.start())) + 1
        end = min((i for i in (text.find(".", m.end()), text.find("\n\n", m.end())) if i >= 0),
                  default=len(text))
        if MEDICINE_WORD.search(text[start:end]):
            found.append((n, " ".join(m.group(0).split())))
    return found


# `???` (collapsible boxes) is matched so that it is reported: pymdownx.details is not
# enabled, so such a box would show as plain text.
ADMONITION = re.compile(r"^\s*(!!!|\?\?\?\+?)(.*)$")
ADMONITION_HEAD = re.compile(r'^\s+([\w-]+(?:\s+[\w-]+)*)\s*(?:"[^"]*")?\s*$')


def check_admonitions(page: Page):
    found = []
    for number, text in page.lines:
        opening = ADMONITION.match(text)
        if not opening:
            continue
        head = ADMONITION_HEAD.match(opening.group(2))
        if opening.group(1) != "!!!" or not head:
            found.append((number, text.strip()))
            continue
        kind, *extra = head.group(1).split()
        if kind not in ADMONITION_TYPES or set(extra) - ADMONITION_EXTRA_CLASSES:
            found.append((number, text.strip()))
    return found


LABEL_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)\s*(\{[^}]*\})")
EVIDENCE_ATTR = re.compile(r"\{[^}]*\.evidence\b[^}]*\}")


def check_evidence_labels(page: Page):
    found = []
    for number, text in page.lines:
        labelled = set()
        for m in LABEL_LINK.finditer(text):
            if not EVIDENCE_ATTR.fullmatch(m.group(3)):
                continue
            labelled.add(m.start(3))
            label, target = m.group(1), m.group(2)
            anchor = EVIDENCE_LABELS.get(label)
            if anchor is None or not re.fullmatch(rf"(?:\.\./)*about\.md#{anchor}", target):
                found.append((number, m.group(0)))
        # `{ .evidence }` on anything but a label link
        found += [(number, m.group(0)) for m in EVIDENCE_ATTR.finditer(text)
                  if m.start() not in labelled]
    return found


URGENT_LINK = re.compile(r"\]\((?:\.\./)*urgent-care\.md(?:#[\w-]+)?\)|<!-- care-card: [a-z-]+ -->")


def check_urgent_care_link(page: Page):
    if URGENT_LINK.search(page.text):
        return []
    first = next((n for n, text in page.lines if text.strip()), 1)
    return [(first, "no link to urgent-care.md and no care card on this page")]


ANTI_INFLAMMATORY = re.compile(
    r"\b(?:anti-?inflammator(?:y|ies)|NSAIDs?|ibuprofen|naproxen|diclofenac|ketorolac|"
    r"nimesulide|meloxicam|etoricoxib|celecoxib)\b", re.IGNORECASE)
CAUTIONS = re.compile(r'anti-inflammatory-cautions(?:\.md"|\))|\(#anti-inflammatory-cautions\)|'
                      r'medicines\.md#anti-inflammatory-cautions\)')
HEADING = re.compile(r"^#{1,6}\s")


def sections(page: Page) -> list[list[tuple[int, str]]]:
    """The page's body cut at each heading (front-matter lines are their own section)."""
    body = [(n, t) for n, t in page.lines if n > max(page.meta_lines.values(), default=0)]
    parts: list[list[tuple[int, str]]] = [[]]
    for number, text in body:
        if HEADING.match(text):
            parts.append([])
        parts[-1].append((number, text))
    return [part for part in parts if part]


def check_anti_inflammatory_cautions(page: Page, names: re.Pattern = ANTI_INFLAMMATORY):
    """A section that names an anti-inflammatory shows or links the 'do not take without
    advice' box (docs/_snippets/anti-inflammatory-cautions.md). `names`: another language's
    words for them (tests/test_content_rules_ru.py)."""
    if "/_snippets/" in page.name:
        return []  # the snippet is the box itself
    found = []
    for part in sections(page):
        text = "\n".join(t for _, t in part)
        first = next(((n, m.group(0)) for n, t in part for m in [names.search(t)] if m), None)
        if first and not CAUTIONS.search(text):
            found.append(first)
    return found


def brand_names() -> list[str]:
    """Foreign brand names from the glossary (kind: brand): they belong there, not on paper."""
    terms = yaml.safe_load((DOCS / "_data/glossary.yml").read_text(encoding="utf-8"))["terms"]
    return sorted({name for t in terms if t.get("kind") == "brand"
                   for name in [t["term"], *(t.get("also") or [])] if re.match(r"^[A-Z]", name)})


BRAND = re.compile(r"\b(?:" + "|".join(map(re.escape, brand_names())) + r")\b")


WEB_ONLY_DIV = re.compile(r'^<div class="web-only"')
WEB_ONLY_BOX = re.compile(r"^!!! [\w-]+ web-only\b")


def printed_lines(page: Page) -> list[tuple[int, str]]:
    """The lines that reach paper: not inside a web-only <div> or a web-only box."""
    printed, in_div, in_box = [], False, False
    for number, text in page.lines:
        if WEB_ONLY_DIV.match(text):
            in_div = True
        elif in_div and text.startswith("</div>"):
            in_div = False
        elif WEB_ONLY_BOX.match(text):
            in_box = True
        elif in_box and text.strip() and not text.startswith((" ", "\t")):
            in_box = False
        if not in_div and not in_box:
            printed.append((number, text))
    return printed


def check_brands_on_handouts(page: Page):
    if page.meta.get("handout") is not True:
        return []
    return [(n, m.group(0)) for n, t in printed_lines(page) for m in BRAND.finditer(t)]


def check_next_review(page: Page):
    due = page.meta.get("next_review")
    if isinstance(due, dt.date) and due < TODAY:
        return [(page.meta_lines.get("next_review", 1), f"next_review: {due}")]
    return []


def front_matter(next_review: str = "2099-01-01", extra: str = "") -> str:
    return (f"---\ntitle: A planted page\ndescription: A page written by a test.\n"
            f"reviewed: 2026-01-01\nnext_review: {next_review}\nsources: [nhs-sciatica]\n"
            f"{extra}---\n\n")


# ---- THE rule table -----------------------------------------------------------------------

RULES = [
    Rule(
        "medicine-dose",
        "no medicine doses: say 'the dose on the packet or the one your pharmacist gives you'",
        check_doses,
        bad="Take ibuprofen 400 mg.\nTake 2 tablets a day.\nUse the gel\nthree times a day.\n",
        good="Take ibuprofen as the packet says. Do each stretch 2 or 3 times a day.\n"
             "Walk 3 times a day. It takes 6 weeks.\n",
        fires=3),
    Rule(
        "overclaiming",
        "no promises: nothing cures, is guaranteed or is completely safe; say what evidence shows",
        pattern(r"\bno contraindications\b", r"\b(?:absolutely|completely|totally|100%) safe\b",
                r"\bcure[sd]?\b", r"\bguaranteed\b", r"\bmiracle\w*\b", flags=re.IGNORECASE),
        bad="This cream is completely safe and cures sciatica.\n",
        fires=2,
        good="Most people get better. Secure the strap; a curer of ham is not a treatment.\n"),
    Rule(
        "placeholder",
        "no unfinished text (TODO, TBC, TBD, FIXME, lorem ipsum, placeholder)",
        pattern(r"\b(?:TODO|TBC|TBD|FIXME)\b", r"(?i:\b(?:lorem|ipsum|placeholder)\b)"),
        bad="Lorem ipsum. TODO: add the evidence.\n",
        fires=3,
        good="Today we add what the evidence says (to be reviewed in a year).\n"),
    Rule(
        "emergency-number",
        "no emergency phone numbers in pages: care cards and the banner take them from "
        "`extra.care` in mkdocs.yml, so a clinic abroad can change them in one place",
        pattern(r"(?<![\w.,/-])(?:999|111|112|911)(?![\w,/-]|\.\d)"),
        bad="If it gets worse, call 999 or NHS 111.\n",
        fires=2,
        good="About 1,111 people took part in 2019. See page 9110.\n"),
    Rule(
        "admonition-type",
        f"only these boxes: {', '.join(sorted(ADMONITION_TYPES))} (extra class: web-only), "
        "opened with !!! (collapsible ??? boxes are not enabled); red flags go in care cards",
        check_admonitions,
        bad='!!! danger "Be careful"\n    Text.\n\n!!! tip print-only\n    Text.\n\n'
            '???+ note "More detail"\n    Text.\n',
        fires=3,
        good='!!! evidence web-only "You may read that rest is best"\n    Text.\n\n'
             '!!! note "More detail"\n    Text.\n\n!!! warning\n    Text.\n'),
    Rule(
        "evidence-label",
        "evidence labels are only the four defined on the about page, and the link text must "
        "match its anchor: [Recommended](about.md#recommended){ .evidence }",
        check_evidence_labels,
        bad="[Recommended](about.md#may-help){ .evidence } Heat.\n\n"
            "[Proven](about.md#recommended){ .evidence } Ice.\n\n**Works**{ .evidence }\n",
        fires=3,
        good="[Recommended](about.md#recommended){ .evidence } Keep active.\n\n"
             "[Not recommended](../about.md#not-recommended){ .evidence } Traction.\n"),
    Rule(
        "source-wording",
        "the handbook speaks for itself: no 'the article', 'the original article' or "
        "'the source text'",
        pattern(r"\bthe (?:original |source )?article\b", r"\bthe source text\b",
                flags=re.IGNORECASE),
        bad="As the article says, rest is not needed.\n",
        good="Each page lists its sources at the bottom.\n"),
    Rule(
        "urgent-care-link",
        "every patient page links to urgent-care.md in its text or shows a care card",
        check_urgent_care_link,
        bad="Heat may ease the pain.\n\n## Related pages\n\n- [Symptoms](symptoms.md)\n",
        good="Heat may ease the pain.\n\nIf you are worried, read "
             "[when to seek urgent care](urgent-care.md#emergency).\n",
        patient_only=True),
    Rule(
        "anti-inflammatory-cautions",
        "a section that names an anti-inflammatory (ibuprofen, naproxen, diclofenac, NSAIDs) "
        "includes the snippet anti-inflammatory-cautions.md or links "
        "medicines.md#anti-inflammatory-cautions: who must not take them without advice",
        check_anti_inflammatory_cautions,
        bad="## Painkillers\n\nIbuprofen may ease the pain.\n\n## Gels\n\n"
            "An anti-inflammatory gel may help.\n",
        fires=2,
        good="## Painkillers\n\nIbuprofen may ease the pain. Check [who should not take it]"
             "(medicines.md#anti-inflammatory-cautions) first.\n\n## Heat\n\nHeat helps.\n",
        patient_only=True),
    Rule(
        "brand-on-handout",
        "no foreign brand names on a printed handout (`handout: true`): give the generic "
        "name; brands are explained in the glossary (docs/_data/glossary.yml, kind: brand)",
        check_brands_on_handouts,
        bad="HANDOUT\nDiclofenac (Voltaren) is an anti-inflammatory.\n",
        good="HANDOUT\nDiclofenac is an anti-inflammatory.\n\n"
             '!!! note web-only "Names abroad"\n    Abroad it is sold as Voltaren.\n\n'
             '<div class="web-only" markdown>\nAlso Voltaren.\n</div>\n'),
    Rule(
        "next-review",
        "the review date has passed: review the page, then move `reviewed` and `next_review` on",
        check_next_review,
        bad="",      # front matter with a past date, see planted_page()
        good=""),
    Rule(
        "latin-abbreviation",
        "no Latin abbreviations: write 'for example', 'that is', 'and so on'",
        pattern(r"(?<!\w)(?:e\.\s?g\.?|i\.\s?e\.?|n\.\s?b\.|etc\.?|viz\.|cf\.|et al\.?)(?!\w)",
                flags=re.IGNORECASE),
        bad="Use heat, e.g. a hot water bottle, a warm bath etc.\n",
        fires=2,
        good="Use heat, for example a hot water bottle. Fetch a towel; use a gel pack.\n"),
]
RULES_BY_ID = {rule.id: rule for rule in RULES}


def violations(page: Page, rules: list[Rule] | None = None) -> list[str]:
    """Every rule's findings on the page, in line order (`rules`: another language's table)."""
    found = []
    for rule in RULES if rules is None else rules:
        if rule.patient_only and not page.patient:
            continue
        for number, matched in rule.check(page):
            found.append((number, f"{page.name}:{number}: [{rule.id}] {rule.why}: \"{matched}\""))
    return [message for _, message in sorted(found)]


# ---- Tests --------------------------------------------------------------------------------

PAGES = sorted(DOCS.rglob("*.md"))


def test_rules_see_every_page():
    assert len(PAGES) >= 15 and any("contributing" in p.parts for p in PAGES)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_page_follows_the_content_rules(path):
    problems = violations(read_page(path))
    assert problems == [], "\n".join(problems)


def planted_page(tmp_path: Path, rule: Rule, good: bool) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    path = docs / "planted.md"
    if rule.id == "next-review":
        past = TODAY - dt.timedelta(days=1)
        future = TODAY + dt.timedelta(days=1)
        body = front_matter(str(future if good else past)) + "Read [urgent care](urgent-care.md).\n"
    else:
        text = rule.good if good else rule.bad
        # A leading HANDOUT line marks the planted page as a printed handout.
        extra = "handout: true\n" if text.startswith("HANDOUT\n") else ""
        body = front_matter(extra=extra) + text.removeprefix("HANDOUT\n")
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize("rule_id", sorted(RULES_BY_ID))
def test_rule_fires_on_its_planted_fault(tmp_path, rule_id):
    rule = RULES_BY_ID[rule_id]
    page = read_page(planted_page(tmp_path, rule, good=False), tmp_path / "docs")
    problems = [p for p in violations(page) if f"[{rule_id}]" in p]
    assert len(problems) == rule.fires, f"{rule_id} fired {len(problems)} times, not " \
        f"{rule.fires}, on:\n{rule.bad}\n" + "\n".join(problems)
    # The message names the file and a real line of it.
    number = int(problems[0].split(":")[1])
    assert problems[0].startswith("docs/planted.md:") and 1 <= number <= len(
        (tmp_path / "docs/planted.md").read_text().splitlines()), problems


@pytest.mark.parametrize("rule_id", sorted(RULES_BY_ID))
def test_rule_does_not_fire_on_good_text(tmp_path, rule_id):
    rule = RULES_BY_ID[rule_id]
    page = read_page(planted_page(tmp_path, rule, good=True), tmp_path / "docs")
    assert [p for p in violations(page) if f"[{rule_id}]" in p] == []


def test_bad_examples_fire_where_expected(tmp_path):
    # Line numbers point at the offending line, after the front matter.
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "planted.md").write_text(front_matter() + "Fine.\n\nTake 2 tablets a day.\n")
    problems = violations(read_page(docs / "planted.md", docs))
    assert any(p.startswith("docs/planted.md:11: [medicine-dose]") for p in problems), problems


def test_code_is_not_checked_but_text_around_it_is(tmp_path):
    docs = tmp_path / "docs" / "contributing"
    docs.mkdir(parents=True)
    (docs / "example.md").write_text(
        front_matter() + "Never write `call 999` or this:\n\n```markdown\n!!! danger\n"
        "    Take 400 mg. TODO\n```\n\n~~~\n[Proven](about.md){ .evidence }\n~~~\n\n"
        "But this is checked: e.g. here.\n")
    problems = violations(read_page(docs / "example.md", tmp_path / "docs"))
    assert [p.split(": [")[1].split("]")[0] for p in problems] == ["latin-abbreviation"], problems


def test_contributor_pages_need_no_urgent_care_link(tmp_path):
    docs = tmp_path / "docs" / "contributing"
    docs.mkdir(parents=True)
    (docs / "howto.md").write_text(front_matter() + "How to add a page.\n")
    assert violations(read_page(docs / "howto.md", tmp_path / "docs")) == []
