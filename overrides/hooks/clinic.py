"""Clinic edition: the clinic's details are complete and well formed, and only its logo ships.

One job: check `extra.clinic` (name, phone, address, website, logo, approval) before anything
renders it. An unknown key (most often a typo such as `telephone`), a value of the wrong
type, or a logo that is not in docs/ or is too heavy for a phone fails the build, naming the
config file and the key. Other logos in docs/assets/clinic/ (other clinics' editions) are
not published. The care numbers are checked and filled in by overrides/hooks/edition.py.

The details are rendered by overrides/partials/clinic-footer.html (every page),
overrides/partials/print-footer.html (every printout), scripts/build_pdfs.py (PDF footer and
cover) and, for the numbers, overrides/hooks/care_cards.py. A clinic edition is a config file
that starts with `INHERIT: mkdocs.yml`; see clinic.example.yml and
docs/contributing/clinic-edition.md.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import languages  # noqa: E402  (scripts/ is not a package)

CLINIC_KEYS = ("name", "phone", "address", "website", "logo", "approval")
# Who approved the handbook for use at the clinic: printed in every printout's footer.
APPROVAL_KEYS = ("approved_by", "reference", "review_date")
LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp")
# Every page sends the logo: 200 KB is already twice the rest of a first visit (make bench).
# A 32-pixel logo needs a few KB; an export straight from a design tool can be megabytes.
LOGO_MAX_BYTES = 200_000
LOGO_FOLDER = "assets/clinic/"


# ---- Hooks --------------------------------------------------------------------------------

def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Fail the build on any problem, naming the config file and each key."""
    where = Path(config.config_file_path or "mkdocs.yml").name
    # Logos are shared by every language: they live in the English docs/assets/clinic/.
    problems = check_clinic(config.extra.get("clinic"), languages.english_docs(config))
    if problems:
        raise PluginError(f"clinic edition: {where}: " + "; ".join(problems))
    config.extra["approval_line"] = approval_line(config.extra.get("clinic") or {},
                                                  config.extra["ui"], languages.language(config))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Publish only this edition's logo: the folder may hold other clinics' logos."""
    logo = (config.extra.get("clinic") or {}).get("logo")
    for file in list(files):
        if file.src_uri.startswith(LOGO_FOLDER) and file.src_uri != logo:
            files.remove(file)
    return files


# ---- Helpers ------------------------------------------------------------------------------

def check_clinic(clinic, docs_dir: Path) -> list[str]:
    """Problems with `extra.clinic` (empty when it is valid, or empty for the web edition)."""
    if clinic is None or clinic == {}:
        return []
    if not isinstance(clinic, dict):
        return ["`extra.clinic` must be a mapping of name, phone, address, website, logo"]
    problems = [
        f"unknown key `extra.clinic.{key}` (allowed: {', '.join(CLINIC_KEYS)})"
        for key in clinic if key not in CLINIC_KEYS
    ]
    for key in ("name", "phone", "address"):
        if key in clinic and not _text(clinic[key]):
            hint = ' in quotes, such as "01632 960 123"' if key == "phone" else ""
            problems.append(f"`extra.clinic.{key}` must be non-empty text{hint}")
    if not clinic.get("name"):
        problems.append("`extra.clinic.name` is required when `extra.clinic` is set "
                        "(it is what every page and printout shows)")
    if "phone" in clinic and _text(clinic["phone"]) and not any(c.isdigit() for c in clinic["phone"]):
        problems.append("`extra.clinic.phone` must contain a phone number")
    if "website" in clinic:
        website = clinic["website"]
        if not _text(website) or not website.startswith(("https://", "http://")) or " " in website:
            problems.append("`extra.clinic.website` must be a full address starting with https://")
    if "logo" in clinic:
        problems += _check_logo(clinic["logo"], docs_dir)
    if "approval" in clinic:
        problems += check_approval(clinic["approval"])
    return problems


def check_approval(approval, today: dt.date | None = None) -> list[str]:
    """Problems with `extra.clinic.approval` (the clinic lead's sign-off for local use)."""
    key = "`extra.clinic.approval"
    if not isinstance(approval, dict) or not approval:
        return [f"{key}` must be a mapping of {', '.join(APPROVAL_KEYS)} (or leave it out: the "
                "printouts then say the handbook is not yet approved for use at the clinic)"]
    problems = [f"unknown key {key}.{k}` (allowed: {', '.join(APPROVAL_KEYS)})"
                for k in approval if k not in APPROVAL_KEYS]
    for k in ("approved_by", "reference"):
        if not _text(approval.get(k)):
            example = "Dr Ana Silva, clinical lead" if k == "approved_by" else "RB-LEAFLET-017"
            problems.append(f'{key}.{k}` must be non-empty text, such as "{example}"')
    review = approval.get("review_date")
    if not isinstance(review, dt.date) or isinstance(review, dt.datetime):
        problems.append(f"{key}.review_date` must be a date written YYYY-MM-DD (no quotes)")
    elif review < (today or dt.date.today()):
        problems.append(f"{key}.review_date` {review} has passed: the clinic's lead must "
                        "review the handbook again and set a new date")
    return problems


def approval_line(clinic: dict, ui: dict, lang: str = "en") -> str:
    """The footer line on every printout of a clinic edition ("" for the main handbook), in
    the words of `ui` (the language's `_data/ui.yml`)."""
    if not clinic.get("name"):
        return ""
    approval = clinic.get("approval")
    if not approval:
        return ui["not_approved"].format(clinic=clinic["name"])
    return ui["approved"].format(clinic=clinic["name"], approved_by=approval["approved_by"],
                                 reference=approval["reference"],
                                 review_date=languages.long_date(approval["review_date"], lang))


def _check_logo(logo, docs_dir: Path) -> list[str]:
    if not _text(logo):
        return ["`extra.clinic.logo` must be a file path inside docs/, such as "
                "assets/clinic/logo.svg"]
    path = PurePosixPath(logo)
    if "://" in logo or path.is_absolute() or ".." in path.parts:
        return [f"`extra.clinic.logo` must be a path inside docs/ (not '{logo}'): the "
                "handbook loads nothing from other websites"]
    if path.suffix.lower() not in LOGO_TYPES:
        return [f"`extra.clinic.logo` must be an image ({', '.join(LOGO_TYPES)}), not '{logo}'"]
    if path.parts[0].startswith("_"):
        return [f"`extra.clinic.logo` '{logo}' is in a folder that is not published"]
    if not (docs_dir / path).is_file():
        return [f"`extra.clinic.logo` file '{logo}' not found in {docs_dir}"]
    size = (docs_dir / path).stat().st_size
    if size > LOGO_MAX_BYTES:
        return [f"`extra.clinic.logo` '{logo}' is {size / 1e6:.1f} MB; the limit is "
                f"{LOGO_MAX_BYTES // 1000} KB, as every page sends it. Save a copy about 128 "
                "pixels wide (PNG or WebP) or an SVG, and point `logo` at that"]
    if not logo.startswith(LOGO_FOLDER):
        return [f"`extra.clinic.logo` '{logo}' must be in docs/{LOGO_FOLDER}"]
    return []


def _text(value) -> bool:
    # A bare 0123 456 is text in YAML, but 999 or 01632960123 is a number: require quotes so
    # a leading zero is never lost.
    return isinstance(value, str) and bool(value.strip())
