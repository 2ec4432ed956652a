"""Single-source data files, in every language: the English file holds the structure, a
translation holds only the words.

`docs/_data/red-flags.yml` says which warning signs exist, their one urgency tier and which
card shows each; `docs/_data/glossary.yml` which terms exist, their source, page and kind.
A translation (`docs-ru/_data/red-flags.yml`) starts with `translates: <path to the English
file>` and gives, for the same ids, only the fields that are words (`TEXT`). `load()` merges
the two, so a translated card can never move a sign to another tier or drop one.

`load()` raises DataError, naming the translation file and the key, when:
  - a word field of the English file has no translation (nothing silently stays English);
  - the translation has an id or key the English file does not have (a typo, or a sign
    that was removed in English and would silently linger);
  - the translation repeats a structural field (tier, signs, covers, source, page...);
  - a list of items (a short box's items) has another length than the English one.
Used by scripts/red_flags.py, overrides/hooks/glossary.py, overrides/hooks/language.py and
the tests. A file without `translates:` is read as it is.
"""

from __future__ import annotations

from pathlib import Path

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Fields that are words: a translation must give each one the English file has.
TEXT = {"urgency", "text", "match", "heading", "footer", "uk_only", "after", "term", "plain",
        "medical", "elsewhere", "reviewer", "name", "emergency_place", "urgent_service",
        "doctor"}
# Top-level blocks whose every value is words (docs/_data/ui.yml: the interface strings).
ALL_WORDS = {"strings"}
# Words a translation may add or leave out: Russian names and inflected forms, which have
# no English counterpart field by field (glossary `also`: English spellings are not
# Russian names).
OPTIONAL = {"also", "forms"}
# Lists of records matched by this key instead of by position (glossary terms).
KEYED_LISTS = {"terms": "term"}


class DataError(ValueError):
    """A translation does not match its English file; the message names the file and key."""


def read(path: Path) -> dict:
    if not path.is_file():
        raise DataError(f"{path} is missing")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER) or {}
    except yaml.YAMLError as err:
        raise DataError(f"{path}: not valid YAML: {err}") from None
    if not isinstance(data, dict):
        raise DataError(f"{path}: must be a mapping of keys to values")
    return data


def load(path: Path) -> dict:
    """The data of `path`; a translation merged onto its English file."""
    data = read(path)
    base_name = data.pop("translates", None)
    if base_name is None:
        return data
    base_path = (path.parent / base_name).resolve()
    base = read(base_path)
    if "translates" in base:
        raise DataError(f"{base_path}: an English file cannot itself be a translation")
    return _merge(base, data, path, "")


def english_path(path: Path) -> Path | None:
    """The English file a translation translates, or None for an English file."""
    name = read(path).get("translates")
    return (path.parent / name).resolve() if name else None


def _merge(base, words, path: Path, where: str):
    if isinstance(base, dict):
        return _merge_dict(base, words, path, where)
    if isinstance(base, list) and base and all(isinstance(b, dict) for b in base):
        return _merge_records(base, words, path, where)
    if words is not None:
        raise DataError(f"{path}: `{where}` is not words: leave it out of the translation "
                        "(it comes from the English file)")
    return base


def _merge_dict(base: dict, words, path: Path, where: str) -> dict:
    words = {} if words is None else words
    if not isinstance(words, dict):
        raise DataError(f"{path}: `{where}` must be a mapping, as in the English file")
    unknown = [k for k in words if k not in base and k not in OPTIONAL]
    if unknown:
        raise DataError(f"{path}: unknown key `{_join(where, unknown[0])}`: the English file "
                        "has no such id or field (check the spelling, or remove it)")
    out = {}
    for key, value in base.items():
        here = _join(where, key)
        words_here = key in TEXT or where.split(".")[0] in ALL_WORDS
        if words_here and isinstance(value, (str, list)):   # glossary `uk_only: true` is not
            if key not in words or words[key] in (None, "", []):
                raise DataError(f"{path}: missing translation of `{here}`")
            out[key] = words[key]
        elif key in OPTIONAL:
            out[key] = words.get(key, [])
        else:
            out[key] = _merge(value, words.get(key), path, here)
    for key in OPTIONAL & words.keys() - base.keys():
        out[key] = words[key]
    return out


def _merge_records(base: list[dict], words, path: Path, where: str) -> list[dict]:
    field = KEYED_LISTS.get(where.rsplit(".", 1)[-1])
    if field:
        words = {} if words is None else words
        if not isinstance(words, dict):
            raise DataError(f"{path}: `{where}` must map each English {field} to its words")
        known = {record[field] for record in base}
        unknown = [k for k in words if k not in known]
        if unknown:
            raise DataError(f"{path}: `{where}.{unknown[0]}` is not a {field} of the English "
                            "file (check the spelling, or remove it)")
        out = []
        for record in base:
            key = record[field]
            if key not in words:
                raise DataError(f"{path}: missing translation of `{where}.{key}`")
            merged = _merge_dict(record, words[key], path, f"{where}.{key}")
            merged["id"] = key          # the English name: anchors stay the same
            out.append(merged)
        return out
    if not isinstance(words, list) or len(words) != len(base):
        raise DataError(f"{path}: `{where}` must list {len(base)} items, in the English "
                        "file's order")
    return [_merge_dict(b, w, path, f"{where}[{i}]") for i, (b, w) in enumerate(zip(base, words))]


def _join(where: str, key) -> str:
    return f"{where}.{key}" if where else str(key)
