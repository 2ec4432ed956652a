"""Edition settings: complete, known, and said out loud at the end of every build.

One job: make sure the edition's `extra` cannot quietly drop or garble what patients are
told. Before anything renders, it fails the build, naming the config file and each key,
when `extra` has a key it does not know (a typo, or `name:` that slipped out of `clinic:`),
`clinic:` is empty, the country is not a preset, or the care values are half set (an
edition that sets a clinic or any care value names its country, or sets every value). It
then fills `extra.care` from the country preset (docs/_data/countries.yml) and checks the
report-a-problem address. After the build it prints one line: the clinic, the emergency
number and place, the urgent service and number, so a wrong country is obvious.

Editions live side by side: an edition other than mkdocs.yml names its PDFs after itself
(scripts/build_pdfs.py), so its pages' links to pdf/ carry the same name.

The rules live in scripts/editions.py; YAML syntax errors are caught before MkDocs reads
the file, by scripts/check_config.py (the Makefile runs it): MkDocs stops on them before
any hook runs.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import editions  # noqa: E402  (scripts/ is not a package)

# A child of MkDocs's own logger: shown at INFO by a plain `mkdocs build`, like its
# "Documentation built" line, without -v.
log = logging.getLogger("mkdocs.hooks.edition")
PDF_LINK = re.compile(r'(href="(?:\.\./)*pdf/)([^"/]+\.pdf")')
EMAIL = re.compile(r"^(?:mailto:)?[^@\s:/]+@[^@\s/]+\.[a-z]{2,}$", re.IGNORECASE)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    path = Path(config.config_file_path or "mkdocs.yml")
    extra = dict(config.extra)
    problems = editions.check_extra_keys(extra)
    care, care_problems = editions.resolve_care(extra, editions.edition_layer(path))
    problems += care_problems
    report, report_problem = report_address(extra.get("report_problem"))
    problems += report_problem
    if problems:
        raise PluginError(f"clinic edition: {path.name}: " + "; ".join(problems))
    config.extra["care"] = care
    config.extra["report_problem"] = report
    return config


def on_page_content(html: str, page, config: MkDocsConfig, files) -> str:
    prefix = editions.file_prefix(config.config_file_path)
    return PDF_LINK.sub(rf"\g<1>{prefix}\g<2>", html) if prefix else html


def on_post_build(config: MkDocsConfig) -> None:
    name = Path(config.config_file_path or "mkdocs.yml").name
    log.info(editions.summary_line(editions.edition_name(name) + ".yml", dict(config.extra)))


def report_address(value) -> tuple[dict, list[str]]:
    """Where "Report a problem with this page" goes: an email address (the link opens the
    reader's mail app with the page's title and address filled in) or a web form the
    edition's owner runs. Never a site that needs an account: a patient has none."""
    fix = ("`extra.report_problem` must be an email address, such as feedback@clinic.example, "
           "or the https:// address of a form you own (it may contain {title} and {url})")
    if not isinstance(value, str) or not value.strip():
        return {}, [fix]
    value = value.strip()
    if EMAIL.match(value):
        return {"email": value.removeprefix("mailto:")}, []
    if value.startswith("https://") and " " not in value:
        if "github.com" in value:
            return {}, ["`extra.report_problem` must not need a sign-in: patients and clinic "
                        "staff have no GitHub account; use an email address or a form"]
        return {"form": value}, []
    return {}, [fix]
