"""Care cards: every warning sign comes from docs/_data/red-flags.yml, written once.

One job: show the red flags. Each `<!-- care-card: NAME -->` marker in a page becomes the card
or short box NAME, and `<!-- care-flowchart -->` becomes the "which care, when" flowchart, an
SVG drawn at build time from the same short boxes, so its words and numbers can never drift
from the cards (a clinic edition's flowchart says its own emergency number). The data is
checked by scripts/red_flags.py: a sign in two tiers, a card showing a sign of another tier,
a short box leaving out a sign, an unknown card or care number fails the build, naming it.
The numbers in a card are tap-to-call `tel:` links, its only links (see render_card).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import editions  # noqa: E402  (scripts/ is not a package)
import red_flags  # noqa: E402
from health_words import tel_link  # noqa: E402
from figures import make_figures  # noqa: E402
from markdown_text import sub_outside_code  # noqa: E402

DATA_FILE = "_data/red-flags.yml"
TEMPLATE = "partials/care-card.html"
FLOWCHART = "assets/figures/care-flowchart.svg"
MARKER = re.compile(r"^<!-- care-(card: ([a-z-]+)|flowchart) -->[ \t]*$", re.MULTILINE)

_flags: red_flags.RedFlags | None = None
_linked: red_flags.RedFlags | None = None   # the same cards, numbers marked for tel: links
_template = None
_care: dict = {}
_call_label = "Call {number}"      # the language's words (config.extra.ui.call_number)
# A number in a card's text is first a token that HTML escaping leaves alone, then a link.
TOKEN = re.compile("\x02([a-z_]+)\x03")


# ---- Hooks --------------------------------------------------------------------------------

def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check the red-flag data and the care numbers once per build."""
    global _flags, _linked, _template, _care, _call_label
    care = _care = config.extra.get("care", {})
    _call_label = config.extra["ui"]["call_number"]
    tokens = {**care, **{k: f"\x02{k}\x03" for k in editions.NUMBER_KEYS if k in care}}
    try:
        _flags = red_flags.load(Path(config.docs_dir) / DATA_FILE, care)
        _linked = red_flags.load(Path(config.docs_dir) / DATA_FILE, tokens)
    except red_flags.RedFlagError as err:
        raise PluginError(f"care cards: {err}") from None
    env = Environment(
        loader=FileSystemLoader(Path(__file__).resolve().parents[1]),
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    _template = env.get_template(TEMPLATE)
    # The templates print the short boxes on paper under pages that have none of their own.
    config.extra["care_card_html"] = {name: Markup(card_html(name)) for name in _flags.cards}
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Draw the flowchart from the short boxes, with this edition's numbers, in this build's
    language (config.extra.language, from overrides/hooks/language.py)."""
    svg = make_figures.care_flowchart(_flags, config.extra["care"], config.extra["language"]).svg()
    files.append(File.generated(config, FLOWCHART, content=svg))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Swap each marker for its rendered card, box or flowchart."""
    def render(match: re.Match) -> str:
        name = match.group(2)
        if name is None:
            return render_flowchart(config.extra["care"], config.extra["language"])
        if name not in _flags.cards:
            raise PluginError(
                f"{Path(config.docs_dir).name}/{page.file.src_uri}: unknown care card '{name}' "
                f"(known: {', '.join(sorted(_flags.cards))})"
            )
        return render_card(name)

    # Markers inside fenced code are examples (the contributor guide), not cards.
    return sub_outside_code(MARKER, render, markdown)


# ---- Helpers ------------------------------------------------------------------------------

def card_html(name: str) -> str:
    """The card's HTML, each number a tap-to-call link (an emergency card's only links)."""
    html = _template.render(card=_linked.cards[name]).strip()
    return TOKEN.sub(lambda m: tel_link(_care[m.group(1)], lambda s: str(escape(s)), _call_label),
                     html)


def render_card(name: str) -> str:
    """The card as an HTML block, then any Markdown that follows it, with blank lines around."""
    after = _flags.cards[name].after
    return f"\n{card_html(name)}" + (f"\n\n{after}" if after else "") + "\n"


def render_flowchart(care: dict, lang: str) -> str:
    """The flowchart figure; its alt text is read from the same boxes as its words, and its
    caption is the language's (scripts/figures/make_figures.py LABELS)."""
    alt = make_figures.flowchart_alt(_flags, care, lang).replace("[", "(").replace("]", ")")
    return (
        '\n<figure class="web-only care-flowchart" markdown="span">\n'
        f'  ![{alt}]({FLOWCHART}){{ width="640" }}\n'
        f"  <figcaption>{escape(make_figures.flowchart_caption(lang))}</figcaption>\n</figure>\n"
    )


def flags() -> red_flags.RedFlags:
    """The loaded data (for tests and scripts that compare copies against the source)."""
    return _flags
