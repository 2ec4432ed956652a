"""Editions in other countries, built for real: a German clinic (a preset) and a Russian one
(a preset with its missing urgent number set by the clinic), beside the UK web edition.
Each is read page by page and PDF by PDF for its own numbers, as tap-to-call links on
screen, for no UK-only health-system words, and for the one-line summary that ends every
build. Then each silent failure a practice manager met (issue 18) is planted and must stop
the build, naming the file and the key."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import ENV, ROOT, build_pdfs, copy_project, mkdocs_build

sys.path.insert(0, str(ROOT / "scripts"))
import editions  # noqa: E402
from health_words import UK_ONLY_TERMS  # noqa: E402

PRESETS = editions.presets()
GERMAN = """INHERIT: mkdocs.yml
extra:
  country: germany
  clinic:
    name: Praxis am See
    phone: "030 1234567"
    logo: assets/clinic/praxis.svg
  report_problem: https://forms.praxis-am-see.example/report?page={url}
  ru:
    clinic:
      name: Praxis am See
"""
RUSSIAN = """INHERIT: mkdocs.yml
extra:
  country: russia
  clinic:
    name: Klinika Neva
    phone: "+7 812 555-01-23"
  care:
    urgent_number: "122"
  ru:
    clinic:
      name: Клиника «Нева»
"""
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"><rect width="32" height="32"/></svg>'


def build_edition(tmp_path_factory, name: str, config: str) -> tuple[Path, str]:
    project = tmp_path_factory.mktemp(name)
    copy_project(project)
    (project / "docs/assets/clinic/praxis.svg").write_text(LOGO)
    (project / f"{name}.yml").write_text(config)
    site = project / f"site-{name}"
    result = mkdocs_build(project / f"{name}.yml", site)
    assert result.returncode == 0, result.stderr[-4000:]
    assert "WARNING" not in result.stderr, result.stderr
    pdfs = build_pdfs(project / f"{name}.yml", site)
    # Handout length limits belong to test_pdf.py (the web edition); anything else is ours.
    other = [line for line in pdfs.stderr.splitlines() if line.strip() and "; the limit is " not in line]
    assert pdfs.returncode == 0 or not other, pdfs.stderr[-4000:]
    return site, result.stderr


@pytest.fixture(scope="module")
def german(tmp_path_factory):
    return build_edition(tmp_path_factory, "clinic-de", GERMAN)


@pytest.fixture(scope="module")
def russian(tmp_path_factory):
    return build_edition(tmp_path_factory, "clinic-ru", RUSSIAN)


def care_of(country: str, **overrides) -> dict:
    return {**{k: PRESETS[country][k] for k in editions.CARE_KEYS}, **overrides}


EDITIONS = {"german": ("clinic-de", care_of("germany")),
            "russian": ("clinic-ru", care_of("russia", urgent_number="122"))}


@pytest.fixture(params=list(EDITIONS))
def edition(request):
    site, log = request.getfixturevalue(request.param)
    name, care = EDITIONS[request.param]
    return name, site, log, care


def pages(site: Path) -> dict[str, BeautifulSoup]:
    found = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        html = path.read_text(encoding="utf-8")
        if rel.startswith(("pdf/", "contributing/")) or 'http-equiv="refresh"' in html[:800]:
            continue
        found[rel] = BeautifulSoup(html, "html.parser")
    return found


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def source_names() -> list[str]:
    sources = yaml.safe_load((ROOT / "docs/_data/sources.yml").read_text(encoding="utf-8"))
    entries = sources.get("sources", sources) if isinstance(sources, dict) else sources
    items = entries.values() if isinstance(entries, dict) else entries
    return sorted({squash(str(s.get(k, ""))) for s in items for k in ("title", "publisher")
                   if s.get(k)}, key=len, reverse=True)


# ---- What patients are told -------------------------------------------------------------

def test_every_build_ends_with_the_summary(edition, built_site):
    name, _site, log, care = edition
    line = next(line for line in log.splitlines() if f"edition {name}.yml:" in line)
    for value in (care["emergency_number"], care["emergency_place"], care["urgent_service"],
                  care["urgent_number"]):
        assert value in line, line
    assert "Praxis am See" in line or "Klinika Neva" in line
    uk = (built_site / ".build-log").read_text()
    assert "edition mkdocs.yml: the main handbook (no clinic); country United Kingdom; " \
           "emergency: call 999 or go to A&E; urgent: NHS 111, 111" in uk


def test_numbers_are_the_editions_and_tap_to_call(edition):
    _name, site, _log, care = edition
    found = pages(site)
    urgent = {c["data-care-card"]: c for c in found["urgent-care/index.html"].select("[data-care-card]")}
    assert f"Call {care['emergency_number']} or go to {care['emergency_place']} now" in \
        squash(urgent["emergency"].get_text(" "))
    assert care["urgent_service"] in squash(urgent["same-day"].get_text(" "))
    calls = {a["href"]: a["aria-label"] for a in urgent["same-day"].select('a[href^="tel:"]')}
    assert calls[editions_tel(care["urgent_number"])] == f"Call {care['urgent_number']}"
    for rel, soup in found.items():
        # A screen reader hears "Call 112" on English pages, in Russian on Russian ones.
        call = "Позвонить по номеру" if rel.startswith("ru/") else "Call"
        banner = soup.select_one(".md-banner a.tel")
        assert banner is not None and banner["href"] == editions_tel(care["emergency_number"]), rel
        assert banner["aria-label"] == f"{call} {care['emergency_number']}", rel
        footer = soup.select_one(".clinic-footer a.tel")
        assert footer is not None and footer["aria-label"].startswith(f"{call} "), rel


def editions_tel(number: str) -> str:
    return "tel:" + re.sub(r"[^\d+]", "", number)


def test_no_uk_only_words_on_any_page(edition):
    _name, site, _log, care = edition
    found = {}
    for rel, soup in pages(site).items():
        for tag in soup.select(".page-meta__sources, script, style"):
            tag.decompose()
        text = squash(soup.get_text(" "))
        for source in source_names():  # "Source: NHS 111 Wales" in the glossary: a name
            text = text.replace(source, "")
        hits = [text[max(0, m.start() - 40):m.end() + 20] for m in UK_ONLY_TERMS.finditer(text)]
        if hits:
            found[rel] = hits
    assert found == {}
    doctor = care["doctor"]
    assert doctor in squash(pages(site)["self-care/index.html"].get_text(" "))
    svg = (site / "assets/figures/care-flowchart.svg").read_text(encoding="utf-8")
    assert care["emergency_number"] in svg and doctor.split()[0] in svg
    assert not UK_ONLY_TERMS.search(svg.replace("&amp;", "&")), "flowchart keeps UK words"


def test_no_uk_only_words_in_any_pdf(edition):
    name, site, _log, _care = edition
    pdfs = sorted((site / "pdf").glob("*.pdf"))
    assert pdfs and all(p.name.startswith(f"{name}-") for p in pdfs), [p.name for p in pdfs]
    names = source_names()
    found = {}
    for pdf in pdfs:
        text = squash(" ".join(page.extract_text() for page in PdfReader(pdf).pages))
        for source in names:  # the sources lists name NHS publishers and titles: allowed
            text = text.replace(source, "")
        hits = [text[max(0, m.start() - 40):m.end() + 20] for m in UK_ONLY_TERMS.finditer(text)]
        if hits:
            found[pdf.name] = hits[:5]
    assert found == {}


def test_pdf_names_and_links_carry_the_edition(german):
    site, _log = german
    links = [a["href"] for a in pages(site)["handouts/index.html"].select('a[href$=".pdf"]')]
    assert links and all("/pdf/clinic-de-" in link for link in links), links
    for link in links:
        assert (site / "handouts" / link).resolve().is_file(), link
    cover = squash(PdfReader(site / "pdf/clinic-de-handbook.pdf").pages[0].extract_text())
    assert "Praxis am See" in cover


def test_uk_edition_keeps_its_own_words(built_site):
    self_care = squash(BeautifulSoup((built_site / "self-care/index.html").read_text(),
                                     "html.parser").get_text(" "))
    assert "fit note" in self_care and "self-certify" in self_care and "<!--" not in self_care
    glossary = (built_site / "glossary/index.html").read_text()
    assert 'id="gp"' in glossary and 'id="fit-note"' in glossary


def test_only_the_editions_logo_is_published(german, built_site):
    site, _log = german
    assert sorted(p.name for p in (site / "assets/clinic").iterdir()) == ["praxis.svg"]
    assert not (built_site / "assets/clinic").exists()


def test_report_link_needs_no_account(german, built_site):
    site, _log = german
    link = pages(site)["medicines/index.html"].select_one(".page-meta__report a")["href"]
    assert link.startswith("https://forms.praxis-am-see.example/report?page=https%3A"), link
    uk = BeautifulSoup((built_site / "medicines/index.html").read_text(), "html.parser")
    link = uk.select_one(".page-meta__report a")["href"]
    assert link.startswith("mailto:feedback@pinched-nerve-handbook.org?subject=Problem%20with%20page%3A%20Medicines")
    assert "body=Page%3A%20https%3A//pinched-nerve-handbook.github.io/handbook/medicines/" in link


# ---- Planted faults: each fails the build, naming the file and the key ------------------

def planted(tmp_path: Path, config: str, logo_bytes: int = 0) -> subprocess.CompletedProcess:
    copy_project(tmp_path)
    if logo_bytes:
        (tmp_path / "docs/assets/clinic/big.png").write_bytes(b"\x89PNG" + b"0" * logo_bytes)
    (tmp_path / "clinic.yml").write_text("INHERIT: mkdocs.yml\n" + config)
    return mkdocs_build(tmp_path / "clinic.yml", tmp_path / "site")


@pytest.mark.parametrize("config, says", [
    # Berlin: two numbers, no country: the other care values would have stayed British.
    ('extra:\n  clinic:\n    name: Praxis\n  care:\n    emergency_number: "112"\n'
     '    urgent_number: "116117"\n',
     "`extra.care` sets `emergency_number`, `urgent_number` but not `extra.care.emergency_place`"),
    # Manchester: a clinic and no country at all.
    ("extra:\n  clinic:\n    name: Manchester Physio\n",
     "name the country with `extra.country: <preset>`"),
    # name and phone not indented under clinic:
    ('extra:\n  country: uk\n  clinic:\n  name: Praxis\n  phone: "030 1"\n',
     "`extra.name` is at the wrong level: it belongs under `clinic:`"),
    ("extra:\n  country: uk\n  clinic:\n", "`extra.clinic` is empty"),
    ("extra:\n  country: uk\n  colour: blue\n", "unknown key `extra.colour`"),
    ("extra:\n  country: france\n", "`extra.country` 'france' is not a preset"),
    ("extra:\n  country: ireland\n  clinic:\n    name: Cork Physio\n",
     "missing `extra.care.urgent_number`: Ireland has no national urgent-advice number"),
    ("extra:\n  country: uk\n  report_problem: https://github.com/x/y/issues/new\n",
     "`extra.report_problem` must not need a sign-in"),
], ids=["half-preset", "no-country", "wrong-indentation", "empty-clinic", "unknown-key",
        "unknown-country", "preset-needs-a-number", "report-needs-account"])
def test_config_mistake_fails_naming_file_and_key(tmp_path, config, says):
    result = planted(tmp_path, config)
    assert result.returncode != 0
    assert "clinic edition: clinic.yml:" in result.stderr and says in result.stderr, \
        result.stderr[-2000:]


def test_oversized_logo_fails_naming_it(tmp_path):
    result = planted(tmp_path, "extra:\n  country: uk\n  clinic:\n    name: Big Logo Clinic\n"
                               "    logo: assets/clinic/big.png\n", logo_bytes=11_500_000)
    assert result.returncode != 0
    assert "clinic.yml" in result.stderr and "`extra.clinic.logo` 'assets/clinic/big.png' is " \
        "11.5 MB; the limit is 200 KB" in result.stderr, result.stderr[-2000:]


@pytest.mark.parametrize("line, says", [
    ("    name: 'St John's Clinic'", 'put it in double quotes instead, such as name: "St John\'s Clinic"'),
    ("    address: Unit 4: Mill Lane", 'double quotes, such as address: "Unit 4: Mill Lane"'),
    ('   phone: "01632 960 123"', "this line is not indented like the lines around it"),
    # Valid YAML that would silently cut the address to "Unit": caught all the same.
    ("    address: Unit #4, Mill Lane", 'such as address: "Unit #4, Mill Lane"'),
])
def test_yaml_mistake_is_reported_in_plain_words_by_make_build(tmp_path, line, says):
    config = tmp_path / "clinic-broken.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\nextra:\n  country: uk\n  clinic:\n"
                      f"    name: A clinic\n{line}\n")
    # -o: the shared .venv counts as installed; `make build` is what a practice manager runs.
    result = subprocess.run(["make", "--no-print-directory", "-o", ".venv/.installed", "build",
                             f"CONFIG={config}", f"SITE={tmp_path / 'site'}"],
                            capture_output=True, text=True, cwd=ROOT, env=ENV)
    assert result.returncode != 0
    assert "clinic edition: clinic-broken.yml, line 6: " in result.stderr, result.stderr
    assert says in result.stderr, result.stderr
    assert not (tmp_path / "site").exists(), "mkdocs ran after the YAML mistake"


def test_each_edition_builds_into_its_own_folder():
    def target(*args):
        out = subprocess.run(["make", "-n", "-o", ".venv/.installed", "build", *args],
                             capture_output=True, text=True, cwd=ROOT, env=ENV).stdout
        return re.search(r"mkdocs build -f \S+ -d (\S+)", out).group(1)

    assert target() == str(ROOT / "site")
    assert target("CONFIG=clinic-berlin.yml") == str(ROOT / "site-clinic-berlin")
    assert target("CONFIG=clinic-berlin.yml", "SITE=/tmp/x") == "/tmp/x"


def test_every_preset_is_complete_or_says_what_to_set():
    assert {"uk", "ireland", "australia", "germany", "russia", "united-states"} <= set(PRESETS)
    for name, preset in PRESETS.items():
        care, problems = editions.resolve_care({"country": name}, {"country": name})
        for key in editions.CARE_KEYS:
            if preset.get(key) is None:
                assert any(f"missing `extra.care.{key}`: " in p and "set" in p for p in problems)
                assert preset.get("note", {}).get(key), f"{name}: {key} is null without a note"
            else:
                assert care[key] == preset[key]
