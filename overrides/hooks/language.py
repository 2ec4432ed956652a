"""Language: this build's interface words, its care words, and its pages matched with the
other language's.

One job: make the edition speak one language, whole, and fail rather than mix two.
- `config.extra.ui`: the handbook's interface words from `_data/ui.yml` of this language
  (scripts/data_files.py fails on a missing or unknown key, naming the file and key).
- In a translation: the care words (where to go in an emergency, the urgent service, the
  doctor) in this language, from `_data/countries.yml` of this language, or from the
  edition's `extra.ru.care` where the edition changes a word. The numbers are the edition's
  own: one config, the same numbers in both languages. A missing word fails the build.
- Every page has its counterpart in the other language, and the other way round: a missing
  page fails the build naming it (no silent fallback to English inside the Russian edition).
- The Russian build publishes the English `assets/` it does not replace (logos, scripts), so
  they are written once.
- Templates get `long_date` (Babel: "29 ноября 2026") and `ui` (a string with its {values}).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import data_files  # noqa: E402  (scripts/ is not a package)
import editions  # noqa: E402
import health_words  # noqa: E402
import languages  # noqa: E402

UI_FILE = "_data/ui.yml"
COUNTRIES_FILE = "_data/countries.yml"
WORD_KEYS = ("emergency_place", "urgent_service", "doctor")
# Clinic details printed in the translation's own words (a name may be the same; it must
# still be given, so nothing is assumed).
CLINIC_WORD_KEYS = ("name", "address")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    lang = languages.language(config)
    where = Path(config.config_file_path or "mkdocs.yml").name
    try:
        config.extra["ui"] = data_files.load(Path(config.docs_dir) / UI_FILE)["strings"]
    except data_files.DataError as err:
        raise PluginError(f"language: {err}") from None
    config.extra["language"] = lang
    config.extra["alternates"] = alternates(config)
    care = config.extra["care"]
    care["uk_words"] = health_words.is_uk(care)     # decided on the edition's English words
    care["language"] = lang
    if lang != languages.ENGLISH:
        problems = translate_edition(config, lang)
        if problems:
            raise PluginError(f"language: {where}: " + "; ".join(problems))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    here = {f.src_uri for f in files.documentation_pages()
            if not f.src_uri.startswith(languages.ENGLISH_ONLY)}
    for lang, docs in languages.other_docs(config).items():
        missing = sorted(here - languages.pages_of(docs) - {"glossary.md"})
        extra = sorted(languages.pages_of(docs) - here)
        if missing:
            raise PluginError(f"language: {', '.join(missing)} in {config.docs_dir} has no "
                              f"{languages.NAMES[lang]} page {docs}/{missing[0]}")
        if extra:
            raise PluginError(f"language: {docs}/{extra[0]} has no page in {config.docs_dir} "
                              f"({languages.NAMES[languages.language(config)]})")
    if languages.language(config) != languages.ENGLISH:
        share_english_assets(files, config)
    return files


def on_env(env, config: MkDocsConfig, files: Files):
    lang = languages.language(config)
    env.filters["long_date"] = lambda d, short=False: languages.long_date(d, lang, short)
    env.globals["ui"] = lambda key, **values: config.extra["ui"][key].format(**values)
    return env


# ---- Helpers ------------------------------------------------------------------------------

def alternates(config: MkDocsConfig) -> list[dict]:
    """Every language of the edition: its code, name, full address (for hreflang) and the
    way from this language's root to its root (for the switcher's relative link)."""
    root, lang = languages.site_root(config), languages.language(config)
    up = "../" * languages.language_path(lang).count("/")
    return [{"code": code, "name": languages.NAMES[code], "here": code == lang,
             "url": root + languages.language_path(code) if root else "",
             "from_root": up + languages.language_path(code)}
            for code in (languages.ENGLISH, *languages.OTHER)]


def translate_edition(config: MkDocsConfig, lang: str) -> list[str]:
    """The care words and clinic details in `lang`; the problems (empty when complete)."""
    path = Path(config.config_file_path or "mkdocs.yml")
    layer = editions.edition_layer(path)
    own = layer.get(lang) if isinstance(layer.get(lang), dict) else {}
    try:
        presets = data_files.load(Path(config.docs_dir) / COUNTRIES_FILE)
    except data_files.DataError as err:
        return [str(err)]
    preset = presets.get(config.extra.get("country") or "", {})
    english = editions.presets().get(config.extra.get("country") or "", {})
    care, problems = config.extra["care"], []
    own_care = own.get("care") or {}
    for key in WORD_KEYS:
        if key in own_care:
            care[key] = own_care[key]
        elif preset and care[key] == english.get(key) and preset.get(key):
            care[key] = preset[key]
        else:
            problems.append(f"missing `extra.{lang}.care.{key}`: the edition sets "
                            f"`extra.care.{key}` ({care[key]!r}); give its {languages.NAMES[lang]} "
                            "words too")
    clinic = config.extra.get("clinic") or {}
    own_clinic = own.get("clinic") or {}
    for key in CLINIC_WORD_KEYS:
        if clinic.get(key):
            if own_clinic.get(key):
                clinic[key] = own_clinic[key]
            else:
                problems.append(f"missing `extra.{lang}.clinic.{key}`: give the clinic's "
                                f"{key} as {languages.NAMES[lang]} readers should see it")
    approval = clinic.get("approval") or {}
    if approval.get("approved_by"):
        by = (own_clinic.get("approval") or {}).get("approved_by")
        if not by:
            problems.append(f"missing `extra.{lang}.clinic.approval.approved_by`")
        approval["approved_by"] = by
    return problems


def share_english_assets(files: Files, config: MkDocsConfig) -> None:
    """English `assets/` files this language does not have its own copy of."""
    english = languages.english_docs(config)
    for path in sorted((english / "assets").rglob("*")):
        uri = path.relative_to(english).as_posix()
        if path.is_file() and not files.get_file_from_path(uri):
            files.append(File(uri, str(english), config.site_dir, config.use_directory_urls))
