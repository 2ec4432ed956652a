"""Build the handbook for reading without a web server (a USB stick, a clinic's intranet
share, a kiosk), and zip it.

    python scripts/build_offline.py [--config mkdocs.yml] [--out dist] [--pdfs site/pdf]

Writes OUT/offline/ (the site) and OUT/pinched-nerve-handbook-offline.zip (the same files
inside one folder). Another edition's copy carries its name, so editions never overwrite
each other: clinic-berlin.yml makes OUT/offline-clinic-berlin/ and
OUT/pinched-nerve-handbook-clinic-berlin-offline.zip. Open index.html from the unzipped folder: pages and search work from
file://, and nothing is loaded from the internet.

The printable PDFs are made from the web build (`make pdf`), not here. With --pdfs (for
example site/pdf after `make pdf CONFIG=<the same config>`) they are copied into the bundle
and the handout links point to them; without it the links point to the PDFs online.

How: Material's offline plugin (in mkdocs.yml, switched on by OFFLINE=true) makes every link
end in index.html and puts the search index into a script file. Material's docs say to switch
off instant navigation for file://, so the build uses a temporary config that INHERITs the
chosen one and lists the theme features again without navigation.instant* (under INHERIT a
list replaces the parent's list; it is not merged). The web build's config is not touched.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import editions  # noqa: E402
import languages  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FOLDER = "pinched-nerve-handbook"  # the folder inside the zip; the zip is FOLDER-offline.zip
PDF_LINK = re.compile(r'href="(?:\.\./)*pdf/([^"/]+\.pdf)"')
ENV = {"OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", default="mkdocs.yml")
    parser.add_argument("--out", default="dist", help="output folder (default: dist)")
    parser.add_argument("--pdfs", help="a folder of PDFs made by `make pdf` to include")
    args = parser.parse_args()
    print(f"build_offline: building {args.config} for file:// into {args.out}/offline/ ...",
          flush=True)
    try:
        archive = build_offline(Path(args.config), Path(args.out),
                                Path(args.pdfs) if args.pdfs else None)
    except RuntimeError as err:
        print(f"build_offline: {err}", file=sys.stderr)
        return 1
    print(f"build_offline: wrote {archive} ({archive.stat().st_size / 1e6:.1f} MB); "
          f"unzip it and open {archive.name.removesuffix('-offline.zip')}/index.html")
    return 0


def build_offline(config: Path, out: Path, pdfs: Path | None = None) -> Path:
    """Build into OUT/offline/ and zip it; return the zip's path."""
    config = config.resolve()
    out = out.resolve()
    name = editions.edition_name(config)
    prefix = editions.file_prefix(config)
    site = out / ("offline" if not prefix else f"offline-{name}")
    features = offline_features(config)
    # The temporary config sits beside the chosen one: MkDocs resolves docs_dir, custom_dir
    # and hooks relative to the config file it was given.
    with tempfile.NamedTemporaryFile("w", suffix=".yml", prefix=f".offline-{config.stem}-",
                                     dir=config.parent, delete=False, encoding="utf-8") as temp:
        temp.write(f"# Temporary, written by scripts/build_offline.py\nINHERIT: {config.name}\n")
        yaml.safe_dump({"theme": {"features": features}}, temp, sort_keys=False)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-f", temp.name, "-d", str(site)],
            capture_output=True, text=True, cwd=config.parent,
            # The temporary config's own name is not the edition's (PDF links, summary).
            env={**os.environ, **ENV, "HANDBOOK_EDITION": name},
        )
    finally:
        os.unlink(temp.name)
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build failed:\n{result.stderr[-4000:]}")
    if not (site / "search" / "search_index.js").is_file():
        raise RuntimeError("the offline plugin did not run (no search/search_index.js)")
    if pdfs is not None:
        if not (pdfs / f"{prefix}handbook.pdf").is_file():
            raise RuntimeError(f"{pdfs} has no {prefix}handbook.pdf; run `make pdf` first "
                               "with the same CONFIG")
        shutil.copytree(pdfs, site / "pdf", ignore=shutil.ignore_patterns("*.html"))
        # The Russian PDFs, made from SITE/ru/ into SITE/ru/pdf/ by scripts/build_pdfs.py.
        for lang, info in languages.OTHER.items():
            theirs = pdfs.parent / info["path"] / "pdf"
            if theirs.is_dir():
                shutil.copytree(theirs, site / info["path"] / "pdf",
                                ignore=shutil.ignore_patterns("*.html"))
    link_pdfs(site, None if pdfs is not None else site_url(config))
    folder = FOLDER if not prefix else f"{FOLDER}-{name}"
    return zip_site(site, out / f"{folder}-offline.zip", folder)


def link_pdfs(site: Path, online: str | None) -> None:
    """Pages link to the PDFs as the web build lays them out (`../pdf/x.pdf` from
    handouts/index.html). Offline pages are files (handouts.html), so point the links at the
    bundle's own pdf/ folder, or at the PDFs online when the bundle has none."""
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        parts = page.relative_to(site).parts
        up = "../" * (len(parts) - 1)
        # A Russian page's PDFs are the Russian ones, in ru/pdf/.
        lang = next((info["path"] for code, info in languages.OTHER.items()
                     if len(parts) > 1 and parts[0] == code), "")
        folder = lang + "pdf/"

        def target(match: re.Match) -> str:
            return f'href="{online + folder if online else up + folder}{match.group(1)}"'

        new = PDF_LINK.sub(target, html)
        if new != html:
            page.write_text(new, encoding="utf-8")


def site_url(config: Path) -> str:
    from mkdocs.config import load_config

    url = load_config(str(config))["site_url"] or ""
    return url if url.endswith("/") else url + "/"


def offline_features(config: Path) -> list[str]:
    """theme.features as MkDocs resolves it (following INHERIT), without instant navigation,
    which does not work from file://. The handbook has it off; a clinic edition may not."""
    from mkdocs.config import load_config

    features = load_config(str(config)).theme["features"]
    return [f for f in features if not f.startswith("navigation.instant")]


def zip_site(site: Path, archive: Path, folder: str = FOLDER) -> Path:
    archive.unlink(missing_ok=True)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(site.rglob("*")):
            if path.is_file():
                zf.write(path, f"{folder}/{path.relative_to(site).as_posix()}")
    return archive


if __name__ == "__main__":
    sys.exit(main())
