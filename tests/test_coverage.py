"""Nothing lost: every topic and claim of the source article, and each problem the clinical
brief found in it, is still on the page that keeps, corrects or flags it
(tests/data/article-coverage.yml)."""

from __future__ import annotations

import re

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT

COVERAGE = yaml.safe_load((ROOT / "tests/data/article-coverage.yml").read_text())


def page_text(built_site, src: str) -> str:
    path = built_site / ("index.html" if src == "index.md" else src[:-3] + "/index.html")
    article = BeautifulSoup(path.read_text(), "html.parser").select_one("article")
    for meta in article.select(".page-meta"):
        meta.decompose()  # the sources list would match topic words for free
    return re.sub(r"\s+", " ", article.get_text()).lower()


@pytest.mark.parametrize("src", sorted(COVERAGE))
def test_article_topics_are_on_their_page(built_site, src):
    text = page_text(built_site, src)
    # Each entry is [what the article says..., phrase]; unquoted commas split the first part.
    missing = [f"{', '.join(entry[:-1])} (looked for '{entry[-1]}')" for entry in COVERAGE[src]
               if entry[-1].lower() not in text]
    assert missing == [], f"{src} lost: " + "; ".join(missing)


def test_coverage_map_names_every_problem_in_the_brief():
    # clinical-guidance.md section 3 numbers its problems 1 to 51; each is mapped here.
    text = (ROOT / "tests/data/article-coverage.yml").read_text()
    numbers = {int(n) for group in re.findall(r"problems? ([\d, ]+)", text)
               for n in re.findall(r"\d+", group)}
    missing = sorted(set(range(1, 52)) - numbers)
    assert missing == [], f"problems not mapped to a page: {missing}"
