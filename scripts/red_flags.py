"""Read docs/_data/red-flags.yml and prove it is consistent: one tier per warning sign.

Used by overrides/hooks/care_cards.py (cards, short boxes and the flowchart in the build),
scripts/figures/make_figures.py and the tests. `load()` raises RedFlagError, naming the file
and the sign, card or box, when:
  - a sign has no tier, an unknown tier, no text or no `match` words;
  - a card or box shows a sign of another tier (the sign would then be in two tiers);
  - a sign is in no card, or in two cards (a reader would meet it twice, or never);
  - a short box leaves out a sign of its tier (the short box must be complete);
  - a heading, item or footer names a care number that `extra.care` does not have.
Outside the UK, the UK's words ("urgent GP appointment") become the edition's own
(scripts/health_words.py), and a card's `uk_only` sentence is left out of its footer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

import data_files
from health_words import is_uk, localise

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
STYLES = {"emergency", "urgent", "non-urgent"}


class RedFlagError(ValueError):
    """The red-flag data is malformed or inconsistent; the message names the place."""


@dataclass
class Card:
    """A card or short box, ready to render: the numbers already filled in."""
    name: str
    tier: str
    style: str
    urgency: str
    heading: str
    items: list[str]
    covers: list[list[str]]          # sign ids shown by each item
    footer: str = ""
    after: str = ""
    short: bool = False              # a short box rather than a full card


@dataclass
class RedFlags:
    tiers: dict[str, dict]
    signs: dict[str, dict]
    cards: dict[str, Card] = field(default_factory=dict)   # full cards and short boxes

    def tier_of(self, sign: str) -> str:
        return self.signs[sign]["tier"]


def load(path: Path, care: dict) -> RedFlags:
    """The checked data with the care numbers filled in."""
    if not path.is_file():
        raise RedFlagError(f"{path} is missing; it holds every red flag")
    # A translation (docs-ru/_data/red-flags.yml) gives only the words: the tiers and cards
    # are the English file's, so no language can move a sign to another tier.
    try:
        data = data_files.load(path)
    except data_files.DataError as err:
        raise RedFlagError(str(err)) from None
    for key in ("tiers", "signs", "cards", "boxes"):
        if not isinstance(data.get(key), dict) or not data[key]:
            raise RedFlagError(f"{path}: `{key}` must be a non-empty mapping")
    flags = RedFlags(tiers=_tiers(path, data["tiers"]), signs=data["signs"])
    _check_signs(path, flags)
    for name, raw in data["cards"].items():
        flags.cards[name] = _card(path, flags, name, raw, care)
    _check_each_sign_in_one_card(path, flags)
    for name, raw in data["boxes"].items():
        if name in flags.cards:
            raise RedFlagError(f"{path}: box '{name}' has the name of a card")
        flags.cards[name] = _box(path, flags, name, raw, care)
    return flags


# ---- Checks -------------------------------------------------------------------------------

def _tiers(path: Path, tiers: dict) -> dict[str, dict]:
    for name, tier in tiers.items():
        if not isinstance(tier, dict) or tier.get("style") not in STYLES or not tier.get("urgency"):
            raise RedFlagError(f"{path}: tier '{name}' needs `urgency` and a `style` of "
                               f"{', '.join(sorted(STYLES))}")
    return tiers


def _check_signs(path: Path, flags: RedFlags) -> None:
    for sign, entry in flags.signs.items():
        where = f"{path}: sign '{sign}'"
        if not isinstance(entry, dict):
            raise RedFlagError(f"{where} must have `tier`, `text` and `match`")
        if entry.get("tier") not in flags.tiers:
            raise RedFlagError(f"{where}: `tier` must be one of {', '.join(flags.tiers)}")
        if not isinstance(entry.get("text"), str) or not entry["text"].strip():
            raise RedFlagError(f"{where}: `text` must be non-empty text")
        match = entry.get("match")
        if not isinstance(match, list) or not all(isinstance(m, str) and m for m in match):
            raise RedFlagError(f"{where}: `match` must be a list of words that identify it")


def _card(path: Path, flags: RedFlags, name: str, raw: dict, care: dict) -> Card:
    where = f"{path}: card '{name}'"
    tier = _tier_of(where, flags, raw)
    signs = raw.get("signs")
    if not isinstance(signs, list) or not signs:
        raise RedFlagError(f"{where}: `signs` must be a non-empty list of sign ids")
    for sign in signs:
        _check_same_tier(where, flags, sign, tier)
    return _fill(where, flags, name, tier, raw, care,
                 items=[flags.signs[s]["text"] for s in signs], covers=[[s] for s in signs])


def _box(path: Path, flags: RedFlags, name: str, raw: dict, care: dict) -> Card:
    where = f"{path}: box '{name}'"
    tier = _tier_of(where, flags, raw)
    items = raw.get("items")
    if not isinstance(items, list) or not items:
        raise RedFlagError(f"{where}: `items` must be a non-empty list of text and covers")
    texts, covers = [], []
    for item in items:
        if not isinstance(item, dict) or not str(item.get("text", "")).strip() \
                or not isinstance(item.get("covers"), list) or not item["covers"]:
            raise RedFlagError(f"{where}: each item needs `text` and a list of `covers`")
        for sign in item["covers"]:
            _check_same_tier(where, flags, sign, tier)
        texts.append(item["text"])
        covers.append(item["covers"])
    shown = {s for group in covers for s in group}
    left_out = [s for s, e in flags.signs.items() if e["tier"] == tier and s not in shown]
    if left_out:
        raise RedFlagError(f"{where} leaves out signs of its tier '{tier}': "
                           f"{', '.join(left_out)} (add them to an item's `covers`)")
    card = _fill(where, flags, name, tier, raw, care, items=texts, covers=covers)
    card.short = True
    return card


def _tier_of(where: str, flags: RedFlags, raw) -> str:
    if not isinstance(raw, dict) or raw.get("tier") not in flags.tiers:
        raise RedFlagError(f"{where}: `tier` must be one of {', '.join(flags.tiers)}")
    return raw["tier"]


def _check_same_tier(where: str, flags: RedFlags, sign: str, tier: str) -> None:
    if sign not in flags.signs:
        raise RedFlagError(f"{where}: unknown sign '{sign}'")
    if flags.tier_of(sign) != tier:
        raise RedFlagError(f"{where} is tier '{tier}' but shows sign '{sign}', which is tier "
                           f"'{flags.tier_of(sign)}': a sign has exactly one tier")


def _check_each_sign_in_one_card(path: Path, flags: RedFlags) -> None:
    seen: dict[str, str] = {}
    for card in flags.cards.values():
        for (sign,) in card.covers:
            if sign in seen:
                raise RedFlagError(f"{path}: sign '{sign}' is in card '{seen[sign]}' and in "
                                   f"card '{card.name}'; show it in one")
            seen[sign] = card.name
    missing = [s for s in flags.signs if s not in seen]
    if missing:
        raise RedFlagError(f"{path}: signs in no card: {', '.join(missing)}")


def _fill(where, flags, name, tier, raw, care, *, items, covers) -> Card:
    if not str(raw.get("heading", "")).strip():
        raise RedFlagError(f"{where}: `heading` is missing")
    footer = raw.get("footer", "")
    if raw.get("uk_only") and is_uk(care):
        footer = f"{raw['uk_only']} {footer}".strip()

    def fill(text: str) -> str:
        return localise(text.format_map(care), care)

    try:
        return Card(
            name=name, tier=tier, style=flags.tiers[tier]["style"],
            urgency=flags.tiers[tier]["urgency"],
            heading=fill(raw["heading"]),
            items=[fill(i) for i in items], covers=covers,
            footer=fill(footer), after=fill(raw.get("after", "")),
        )
    except KeyError as err:
        raise RedFlagError(f"{where}: unknown care number {err} (check `extra.care`)") from None
