"""Other languages: every build of an English edition builds its Russian edition beside it.

One job: after the English build, run the Russian build of the same edition (mkdocs.ru.yml
on top of the edition's own config, scripts/languages.py) into <site>/ru/, and list each
page's other-language address in both sitemaps (hreflang). So `make build`, `make serve`,
`make offline`, a clinic's edition and the tests' builds all give both languages from one
config, and a Russian build error fails the English build with the Russian message.
HANDBOOK_LANGUAGES=en builds English only (for a quick look while writing English pages).
"""

from __future__ import annotations

import gzip
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import editions  # noqa: E402  (scripts/ is not a package)
import languages  # noqa: E402

log = logging.getLogger("mkdocs.hooks.languages")
URL = re.compile(r"<url>\s*<loc>([^<]+)</loc>")


def on_post_build(config: MkDocsConfig) -> None:
    if languages.language(config) != languages.ENGLISH:
        return
    if os.environ.get("HANDBOOK_LANGUAGES", "").strip() == languages.ENGLISH:
        log.warning("HANDBOOK_LANGUAGES=en: the Russian edition was not built")
        return
    site = Path(config.site_dir)
    for lang, info in languages.OTHER.items():
        build(config, lang, site / info["path"])
    add_hreflang(site, config.site_url or "")


def build(config: MkDocsConfig, lang: str, out: Path) -> None:
    english = Path(config.config_file_path or "mkdocs.yml")
    env = {**os.environ, "HANDBOOK_EDITION": editions.edition_name(english)}
    with languages.russian_config(english, config.site_url or "") as path:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-f", str(path), "-d", str(out)],
            capture_output=True, text=True, env=env, cwd=languages.ROOT)
    if result.returncode:
        raise PluginError(f"the {languages.NAMES[lang]} edition ({lang}) did not build:\n"
                          + result.stderr[-6000:])
    for line in result.stderr.splitlines():
        if "edition " in line or "WARNING" in line:
            log.info(f"[{lang}] {line.split(' - ', 1)[-1].strip()}")


def add_hreflang(site: Path, root: str) -> None:
    """Each page's address in every language, in both sitemaps (full addresses, as search
    engines want). Only pages that exist in every language (not the contributor guide)."""
    maps = {"en": site / "sitemap.xml"}
    maps.update({lang: site / info["path"] / "sitemap.xml"
                 for lang, info in languages.OTHER.items()})
    if not root or not all(p.is_file() for p in maps.values()):
        return
    pages = {lang: {url.removeprefix(root + languages.language_path(lang))
                    for url in URL.findall(p.read_text(encoding="utf-8"))}
             for lang, p in maps.items()}
    shared = set.intersection(*pages.values())
    for lang, path in maps.items():
        xml = path.read_text(encoding="utf-8")

        def links(match: re.Match) -> str:
            page = match.group(1).removeprefix(root + languages.language_path(lang))
            if page not in shared:
                return match.group(0)
            alts = "".join(f'<xhtml:link rel="alternate" hreflang="{code}" '
                           f'href="{root}{languages.language_path(code)}{page}"/>'
                           for code in maps)
            return f"{match.group(0)}{alts}"

        xml = URL.sub(links, xml).replace(
            'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"',
            'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:xhtml="http://www.w3.org/1999/xhtml"', 1)
        path.write_text(xml, encoding="utf-8")
        with gzip.GzipFile(path.with_suffix(".xml.gz"), "wb", mtime=0) as out:
            out.write(xml.encode("utf-8"))
