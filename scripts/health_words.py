"""Health-system words: the UK's "GP", "A&E" and "NHS 111" in the edition's own words, and
passages that are true only in the UK left out of other countries' editions.

Used by overrides/hooks/health_system.py (pages), overrides/hooks/glossary.py (tooltips and
the glossary page) and the tests. The UK edition's text is never changed: `localise` returns
it as it is when the words are the UK's own.

Pages mark a passage that only the UK's health system makes true (fit notes, NHS
self-referral, self-certified sick leave, NHS Talking Therapies) with a pair of lines, and
may give the words other countries read instead:

    <!-- uk-only -->
    After 7 days you need a fit note...
    <!-- /uk-only -->
    <!-- elsewhere -->
    Ask your doctor or employer what you need for time off sick.
    <!-- /elsewhere -->

HTML comments rather than `<div class="uk-only">`: the markers are removed in every edition,
so the UK's HTML is exactly what it was, and no hidden text reaches search or print.
"""

from __future__ import annotations

import re

from markdown_text import outside_code, sub_outside_code

UK = {"doctor": "GP", "emergency_place": "A&E", "urgent_service": "NHS 111"}
BLOCK = re.compile(r"^<!-- (uk-only|elsewhere) -->[ \t]*\n(.*?)^<!-- /\1 -->[ \t]*\n?",
                   re.MULTILINE | re.DOTALL)
STRAY = re.compile(r"^<!-- /?(?:uk-only|elsewhere) -->", re.MULTILINE)
# "a GP", "GPs", "your GP's": whole words, the article is fixed for the new word.
DOCTOR = re.compile(r"\b(?:(?P<article>[Aa]n?) )?GP(?P<end>s|'s)?\b")
# Words a reader outside the UK must never meet (tests/test_clinic.py counts them).
UK_ONLY_TERMS = re.compile(r"\bGPs?\b|A&E|\bNHS 111\b|\bfit notes?\b|\bsick notes?\b"
                           r"|\bself-certif\w*|\bTalking Therapies\b|\bNHS physio\w*"
                           r"|\bNHS services\b|\bGP surgery\b")


class MarkerError(ValueError):
    """A uk-only or elsewhere marker without its pair."""


def is_uk(care: dict) -> bool:
    """The UK's own words: the text stays exactly as written. A translation's care words are
    in its own language, so overrides/hooks/language.py decides it once, on the edition's
    English words, and keeps the answer in `uk_words`."""
    if "uk_words" in care:
        return care["uk_words"]
    return all(care.get(k) == v for k, v in UK.items())


def strip_blocks(markdown: str, uk: bool) -> str:
    """Keep the passages for this edition's country, drop the others and every marker."""
    def choose(match: re.Match) -> str:
        keep = (match.group(1) == "uk-only") == uk
        return match.group(2) if keep else ""

    # Markers inside fenced code are examples (the contributor guide), kept as written.
    out = sub_outside_code(BLOCK, choose, markdown)
    stray = STRAY.search(outside_code(out))
    if stray:
        raise MarkerError(f"'{stray.group(0)}' has no matching pair (open and close each "
                          "passage on a line of its own)")
    return out


def localise(text: str, care: dict) -> str:
    """The UK's health-system words replaced by the edition's ("GP" -> "family doctor")."""
    if is_uk(care):
        return text
    if care.get("language", "en") != "en":
        return localise_translation(text, care)
    doctor = care["doctor"]

    def gp(match: re.Match) -> str:
        word = doctor + {"s": "s", "'s": "'s"}.get(match.group("end") or "", "")
        article = match.group("article")
        if article:
            an = "an" if doctor[:1].lower() in "aeiou" else "a"
            article = an.capitalize() if article[0].isupper() else an
            return f"{article} {word}"
        return word

    text = DOCTOR.sub(gp, text) if doctor != "GP" else text
    # The UK's statutory "fit note" (passages about getting one are marked uk-only); where a
    # sentence only names it, a doctor's note is the nearest thing everywhere else.
    text = re.sub(r"\bfit note(s?)\b", r"doctor's note\1", text)
    # "NHS 111 Wales" is a publisher in the sources lists: a name, never replaced.
    text = re.sub(r"\bNHS 111\b(?! Wales)", care["urgent_service"], text)
    return re.sub(r"(?<!\w)A&E(?!\w)", care["emergency_place"], text)


# A translation writes the UK's words as its own noun with the English term in brackets
# ("к врачу (GP)", "в отделение неотложной помощи (A&E)"), so its grammar never depends on
# the term: other countries' editions drop the bracket and the sentence still reads.
UK_BRACKET = re.compile(r"\s?\((?:GP|A&E|A&amp;E)\)")


def localise_translation(text: str, care: dict) -> str:
    text = UK_BRACKET.sub("", text)
    return re.sub(r"\bNHS 111\b(?! Wales)", care["urgent_service"], text)


def tel_href(number: str) -> str:
    """`tel:` address of a number as people write it: "(02) 5550 4321" -> tel:0255504321."""
    return "tel:" + re.sub(r"[^\d+]", "", number)


def tel_link(number: str, escape=str, label: str = "Call {number}") -> str:
    """A tap-to-call link with an accessible name (`label`: the language's "Call {number}"
    from _data/ui.yml); plain large text on paper (extra.css)."""
    n = escape(number)
    return f'<a class="tel" href="{tel_href(number)}" aria-label="{label.format(number=n)}">{n}</a>'
