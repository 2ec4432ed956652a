"""Care cards: every red-flag list comes from docs/_data/red-flags.yml, written once.

One job: replace each `<!-- care-card: NAME -->` marker in a page with the card NAME, filled
with the care numbers from `extra.care` in mkdocs.yml. An unknown card, an unknown number or
a malformed data file fails the build, naming the file.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# libyaml is about 20 times faster than the pure-Python parser on the glossary.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DATA_FILE = "_data/red-flags.yml"
TEMPLATE = "partials/care-card.html"
MARKER = re.compile(r"^<!-- care-card: ([a-z-]+) -->[ \t]*$", re.MULTILINE)
FENCE = re.compile(r"(^(?:```|~~~).*?^(?:```|~~~)[ \t]*$)", re.MULTILINE | re.DOTALL)
STYLES = {"emergency", "urgent", "non-urgent"}

_cards: dict[str, dict] = {}
_template = None


# ---- Hooks --------------------------------------------------------------------------------

def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check the red-flag data and the care numbers once per build."""
    global _template
    _cards.clear()
    _cards.update(load_cards(Path(config.docs_dir) / DATA_FILE, config.extra.get("care", {})))
    env = Environment(
        loader=FileSystemLoader(Path(config.config_file_path).parent / "overrides"),
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    _template = env.get_template(TEMPLATE)
    # The templates print the short card on paper under pages that have none of their own.
    config.extra["care_card_html"] = {
        name: Markup(_template.render(card=card)) for name, card in _cards.items()
    }
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Swap each marker for its rendered card."""
    def render(match: re.Match) -> str:
        name = match.group(1)
        if name not in _cards:
            raise PluginError(
                f"docs/{page.file.src_uri}: unknown care card '{name}' "
                f"(known: {', '.join(sorted(_cards))})"
            )
        return render_card(name)

    # Markers inside fenced code are examples (the contributor guide), not cards.
    parts = FENCE.split(markdown)
    return "".join(part if FENCE.fullmatch(part) else MARKER.sub(render, part) for part in parts)


# ---- Helpers ------------------------------------------------------------------------------

def load_cards(path: Path, care: dict) -> dict[str, dict]:
    """Read the data file, fill in the numbers, and fail loudly on anything malformed."""
    if not path.is_file():
        raise PluginError(f"care cards: {path} is missing; it holds every red flag")
    cards = (yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER) or {}).get("cards") or {}
    if not cards:
        raise PluginError(f"care cards: {path} has no `cards`")
    return {name: _fill(path, name, card, care) for name, card in cards.items()}


def _fill(path: Path, name: str, card: dict, care: dict) -> dict:
    where = f"care cards: {path}: card '{name}'"
    if card.get("style") not in STYLES:
        raise PluginError(f"{where}: `style` must be one of {', '.join(sorted(STYLES))}")
    items = card.get("items") or []
    if not items or not all(isinstance(i, str) and i.strip() for i in items):
        raise PluginError(f"{where}: `items` must be a non-empty list of text")
    try:
        return {
            "name": name,
            "style": card["style"],
            "urgency": card["urgency"],
            "heading": card["heading"].format_map(care),
            "items": [i.format_map(care) for i in items],
            "footer": card.get("footer", "").format_map(care),
            "after": card.get("after", "").format_map(care),
        }
    except KeyError as err:
        raise PluginError(f"{where}: unknown key {err} (check `extra.care` in mkdocs.yml)")


def render_card(name: str) -> str:
    """The card as an HTML block, then any Markdown that follows it, with blank lines around."""
    card = _cards[name]
    html = _template.render(card=card).strip()
    after = f"\n\n{card['after']}" if card["after"] else ""
    return f"\n{html}{after}\n"


def cards() -> dict[str, dict]:
    """The loaded cards (for tests and scripts that compare copies against the source)."""
    return _cards
