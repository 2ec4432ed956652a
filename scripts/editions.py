"""Editions: which settings an edition has, where it builds, and what it tells patients.

Used by overrides/hooks/edition.py (in every build), scripts/check_config.py (before the
build, for YAML mistakes), scripts/build_pdfs.py and scripts/build_offline.py (file names)
and the tests. No MkDocs imports: it reads the config files itself, because the rules are
about what the edition's own file says, not only the merged result. Under `INHERIT` a
Berlin file that sets two numbers would otherwise quietly keep the UK's other three.

An edition is a config file; its name is the file's name without `.yml` (`clinic-berlin`
for clinic-berlin.yml). The main handbook (mkdocs.yml) builds into site/ with the usual
file names; any other edition builds into site-<name>/ and its PDFs and offline zip carry
the name, so two editions never overwrite each other.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PRESETS = ROOT / "docs/_data/countries.yml"
MAIN = "mkdocs"
# The care values every edition has, from its country preset or written out in full.
CARE_KEYS = ("emergency_number", "emergency_place", "urgent_number", "urgent_service",
             "international_number", "doctor")
# The numbers a phone can dial: tap-to-call links on screen (see health_words.tel_link).
NUMBER_KEYS = ("emergency_number", "urgent_number", "international_number")
# Every key an edition may have under `extra` (mkdocs.yml's own, and a clinic's). `ru`: the
# Russian edition's words for the edition's own care words and clinic details
# (overrides/hooks/language.py).
EXTRA_KEYS = ("generator", "report_problem", "country", "care", "edition", "clinic", "ru",
              "polyfills")
CLINIC_KEYS = ("name", "phone", "address", "website", "logo", "approval")


class _Loader(yaml.SafeLoader):
    """Reads a config as data: MkDocs's own tags (!ENV, !relative, !!python/name) as None."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}


def chain(config: Path) -> list[tuple[Path, dict]]:
    """The config and each file it INHERITs from, the edition first and the root last."""
    files, path = [], Path(config).resolve()
    while path and path not in [p for p, _ in files]:
        data = read_config(path)
        files.append((path, data))
        parent = data.get("INHERIT")
        path = (path.parent / parent).resolve() if isinstance(parent, str) else None
    return files


def edition_layer(config: Path) -> dict:
    """`extra` as the edition's own files set it: every file but the root, child first."""
    layer: dict = {}
    for _, data in reversed(chain(config)[:-1]):
        extra = data.get("extra")
        if isinstance(extra, dict):
            for key, value in extra.items():
                if isinstance(value, dict) and isinstance(layer.get(key), dict):
                    layer[key] = {**layer[key], **value}
                else:
                    layer[key] = value
    return layer


def presets() -> dict[str, dict]:
    return yaml.safe_load(PRESETS.read_text(encoding="utf-8"))


def resolve_care(extra: dict, layer: dict) -> tuple[dict, list[str]]:
    """`extra.care` filled in from the country preset, and the problems (empty when good).

    `extra` is the merged config, `layer` what the edition's own files set. Care values are
    all or nothing: an edition that sets a clinic or any care value names its country or
    writes out every value, so no number is ever inherited from another country."""
    known = presets()
    country, care = extra.get("country"), extra.get("care")
    if care is None:
        care = {}
    if not isinstance(care, dict):
        return {}, ["`extra.care` must be a mapping of " + ", ".join(CARE_KEYS)]
    problems = [f"unknown key `extra.care.{key}` (allowed: {', '.join(CARE_KEYS)})"
                for key in care if key not in CARE_KEYS]
    if country is not None and country not in known:
        return {}, problems + [f"`extra.country` '{country}' is not a preset (presets: "
                               f"{', '.join(known)}; see docs/_data/countries.yml)"]
    own = layer.get("care") if isinstance(layer.get("care"), dict) else {}
    if "country" not in layer and (own or layer.get("clinic")):
        unset = [k for k in CARE_KEYS if k not in own]
        if unset:
            said = f"sets {', '.join(f'`{k}`' for k in own)} but not" if own else "does not set"
            problems.append(
                f"`extra.care` {said} {', '.join(f'`extra.care.{k}`' for k in unset)}: "
                f"name the country with `extra.country: <preset>` ({', '.join(known)}) "
                "and change only what differs, or set every care value")
            return {}, problems
    preset = known.get(country, {})
    filled = {k: care.get(k, preset.get(k)) for k in CARE_KEYS}
    for key in CARE_KEYS:
        value = filled[key]
        if value is None:
            note = preset.get("note", {}).get(key) or f"set `extra.care.{key}`"
            problems.append(f"missing `extra.care.{key}`: {note}")
        elif not isinstance(value, str) or not value.strip():
            problems.append(f'`extra.care.{key}` must be non-empty text in quotes, such as "999"')
    return filled, problems


def check_extra_keys(extra: dict) -> list[str]:
    """Unknown keys under `extra`, with the likely fix when a key slipped out of its block."""
    problems = []
    for key in extra:
        if key in EXTRA_KEYS:
            continue
        if key in CLINIC_KEYS or key in CARE_KEYS:
            block = "clinic" if key in CLINIC_KEYS else "care"
            problems.append(f"`extra.{key}` is at the wrong level: it belongs under "
                            f"`{block}:`; indent it two more spaces than `{block}:`")
        else:
            problems.append(f"unknown key `extra.{key}` (allowed: {', '.join(EXTRA_KEYS)})")
    if "clinic" in extra and extra["clinic"] is None:
        problems.append("`extra.clinic` is empty: write the clinic's name, phone and other "
                        "details under it, each indented two more spaces than `clinic:`")
    return problems


def edition_name(config: Path | str | None) -> str:
    """"mkdocs" for the main handbook, else the config file's name without .yml.
    scripts/build_offline.py builds through a temporary config and passes the real name."""
    return os.environ.get("HANDBOOK_EDITION") or Path(config or "mkdocs.yml").stem


def file_prefix(config: Path | str | None) -> str:
    """What an edition's PDFs and zip start with: nothing for the main handbook."""
    name = edition_name(config)
    return "" if name == MAIN else f"{name}-"


def summary_line(config_name: str, extra: dict) -> str:
    """The one line every build ends with: what patients of this edition will be told."""
    care, clinic = extra["care"], extra.get("clinic") or {}
    who = clinic.get("name") or "the main handbook (no clinic)"
    phone = f", phone {clinic['phone']}" if clinic.get("phone") else ""
    country = presets().get(extra.get("country") or "", {}).get("name", "no preset")
    return (f"edition {config_name}: {who}{phone}; country {country}; emergency: call "
            f"{care['emergency_number']} or go to {care['emergency_place']}; urgent: "
            f"{care['urgent_service']}, {care['urgent_number']}; first doctor: "
            f"{care['doctor']}")
