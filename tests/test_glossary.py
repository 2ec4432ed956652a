"""The glossary: one data file makes the glossary page and the tooltips, bad data fails the
build, and every medical word a patient page uses is explained."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, mkdocs_build
from site_tools import load_hook

DATA = ROOT / "docs/_data/glossary.yml"
MEDICAL_ENDING = re.compile(
    r"\b[a-z]+(?:itis|algia|osis|opathy|ectomy|otomy|plasty|phoresis|aesthesia|esthesia|"
    r"paresis|ography|ogram|ologist|ologists)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def terms() -> list[dict]:
    return yaml.safe_load(DATA.read_text())["terms"]


@pytest.fixture(scope="module")
def names(terms) -> set[str]:
    return {n.lower() for t in terms for n in [t["term"], *t.get("also", [])]}


def article_text(path: Path) -> str:
    article = BeautifulSoup(path.read_text(), "html.parser").select_one("article")
    for hidden in article.select(".page-meta, .handout-qr, .print-only"):
        hidden.decompose()
    return re.sub(r"\s+", " ", article.get_text(" "))


def patient_pages(html_pages) -> dict[str, Path]:
    return {n: p for n, p in html_pages.items()
            if not n.startswith(("contributing/", "glossary/"))}


def test_glossary_has_at_least_40_terms_with_brand_names(terms):
    assert len(terms) >= 40
    assert sum(t["kind"] == "brand" for t in terms) >= 20


def test_glossary_page_has_an_anchor_and_definition_per_term(built_site, terms):
    soup = BeautifulSoup((built_site / "glossary/index.html").read_text(), "html.parser")
    for term in terms:
        anchor = re.sub(r"[^a-z0-9]+", "-", term["term"].lower()).strip("-")
        heading = soup.find(id=anchor)
        assert heading is not None, f"no #{anchor} for {term['term']}"
        definition = re.sub(r"\s+", " ", heading.find_next("p").get_text()).strip()
        assert definition.startswith(term["plain"].strip()[:30]), term["term"]


def test_glossary_page_has_a_to_z_sections(built_site, terms):
    soup = BeautifulSoup((built_site / "glossary/index.html").read_text(), "html.parser")
    letters = {t["term"][0].upper() for t in terms}
    for letter in letters:
        assert soup.find(id=f"letter-{letter.lower()}"), letter
        assert soup.select_one(f'.glossary-az a[href="#letter-{letter.lower()}"]'), letter


def test_tooltips_appear_on_pages_that_use_terms(html_pages, terms):
    # Every page that mentions "sciatica" shows it as a tooltip with the glossary definition.
    definition = next(t["plain"].strip() for t in terms if t["term"].lower() == "sciatica")
    checked = 0
    for name, path in patient_pages(html_pages).items():
        if "sciatica" not in article_text(path).lower():
            continue
        soup = BeautifulSoup(path.read_text(), "html.parser")
        checked += 1
        titles = {a.get("title") for a in soup.select("article abbr")}
        assert definition in titles, f"{name}: no sciatica tooltip"
    assert checked >= 5


def test_each_term_has_a_tooltip_on_its_first_use_only(html_pages):
    # Repeats are plain text, so each definition appears once per page, on the first use.
    repeated = []
    for name, path in patient_pages(html_pages).items():
        soup = BeautifulSoup(path.read_text(), "html.parser")
        titles = [a.get("title") for a in soup.select("article abbr")]
        repeated += [f"{name}: {t[:40]}" for t in set(titles) if titles.count(t) > 1]
    assert repeated == []
    glossary = load_hook("glossary")
    html = ('<p><abbr title="Leg pain">Sciatica</abbr> and <abbr title="Leg pain">sciatica'
            '</abbr>; <abbr title="A scan">MRI</abbr>, <abbr title="Leg pain">sciatica</abbr></p>')
    assert glossary.first_use_only(html) == (
        '<p><abbr tabindex="0" title="Leg pain">Sciatica</abbr> and sciatica; '
        '<abbr tabindex="0" title="A scan">MRI</abbr>, sciatica</p>')


def test_medical_words_on_patient_pages_are_in_the_glossary(html_pages, names):
    listed = [w.strip().lower() for w in (ROOT / "tests/data/medical-words.txt").read_text()
              .splitlines() if w.strip() and not w.startswith("#")]
    allowed = set(yaml.safe_load((ROOT / "tests/data/glossary-allowed-words.yml").read_text()))
    missing = []
    for name, path in patient_pages(html_pages).items():
        text = article_text(path)
        lower = text.lower()
        for word in listed:
            if re.search(rf"\b{re.escape(word)}\b", lower) and word not in names:
                missing.append(f"{name}: {word}")
        for word in {w.lower() for w in MEDICAL_ENDING.findall(text)} - allowed:
            # A word inside a longer glossary name used on the page ("orthopedic
            # traumatologist") is explained by that name's entry.
            if word not in names and not any(word in n.split() and n in lower for n in names):
                missing.append(f"{name}: {word}")
    assert missing == [], "Add these to docs/_data/glossary.yml:\n" + "\n".join(sorted(missing))


def test_every_listed_medical_word_is_in_the_glossary(names):
    listed = [w.strip().lower() for w in (ROOT / "tests/data/medical-words.txt").read_text()
              .splitlines() if w.strip() and not w.startswith("#")]
    assert [w for w in listed if w not in names] == []


# ---- Bad glossary data fails the build, naming the file and the term ---------------------

def break_glossary(tmp_path, change):
    config = copy_project(tmp_path)
    path = tmp_path / "docs/_data/glossary.yml"
    data = yaml.safe_load(path.read_text())
    change(data, path)
    return mkdocs_build(config, tmp_path / "site")


def test_a_term_defined_twice_fails_the_build(tmp_path):
    def duplicate(data, path):
        data["terms"].append({**data["terms"][0]})
        path.write_text(yaml.safe_dump(data, sort_keys=False))
    result = break_glossary(tmp_path, duplicate)
    assert result.returncode != 0
    assert "glossary.yml" in result.stderr and "is already defined" in result.stderr


def test_an_empty_definition_fails_the_build(tmp_path):
    def empty(data, path):
        data["terms"][3]["plain"] = " "
        path.write_text(yaml.safe_dump(data, sort_keys=False))
    result = break_glossary(tmp_path, empty)
    assert result.returncode != 0
    assert "glossary.yml" in result.stderr and "empty definition" in result.stderr


def test_a_missing_glossary_file_fails_the_build(tmp_path):
    result = break_glossary(tmp_path, lambda data, path: path.unlink())
    assert result.returncode != 0
    assert "glossary.yml is missing" in result.stderr


# ---- The faster tooltip matcher gives exactly abbr's output --------------------------------

def test_trie_tooltips_match_plain_abbr_on_every_page():
    glossary = load_hook("glossary")
    sources = yaml.safe_load((ROOT / "docs/_data/sources.yml").read_text())
    names = glossary.tooltips(glossary.load_glossary(ROOT / "docs/_data/glossary.yml",
                                                     sources)["terms"])
    extensions = ["abbr", "admonition", "attr_list", "md_in_html", "tables"]
    settings = {"abbr": {"glossary": names}}
    # Plus sentences that test the edges: longest name first, word boundaries, capitals,
    # and an abbreviation defined on the page itself.
    texts = [p.read_text() for p in sorted((ROOT / "docs").glob("*.md"))] + [
        "Cauda equina syndrome and cauda equina. Sciatica, sciaticas, MRI-scan, CT.\n\n"
        "*[XYZ]: A page's own abbreviation\n\nXYZ and Sciatica.",
    ]
    for text in texts:
        plain = markdown.markdown(text, extensions=extensions, extension_configs=settings)
        fast = markdown.markdown(text, extensions=[*extensions, glossary.FastTooltips()],
                                 extension_configs=settings)
        assert fast == plain, text[:200]
        assert "<abbr" in fast, text[:200]
