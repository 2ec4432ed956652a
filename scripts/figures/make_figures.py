#!/usr/bin/env python3
"""Draw the handbook's figures as small, self-contained SVG files.

Run from anywhere:  python3 scripts/figures/make_figures.py
Writes every figure in every language: docs/assets/figures/*.svg (English) and
docs-ru/assets/figures/*.svg (Russian), from the same drawing code and the language's words
in LABELS. Not the care flowchart, which the build draws from _data/red-flags.yml in its own
language: see overrides/hooks/care_cards.py. Standard library only.

House style (see docs/contributing/conventions.md, "Figures"):
- own white background with a thin grey border, so it reads in light and dark palettes;
- dark strokes (#1a1a1a) and at most two accents (blue and orange) that differ in greyscale;
- meaning is carried by words, hatching, icons and border weight, never by colour alone;
- text is at least 14px when the figure is shown 640px wide, a few words a line;
- no external references: no links, no web fonts, no @import.
"""
from __future__ import annotations

import math
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[2]
# Each language's docs folder (as scripts/languages.py; tests/test_figures.py checks they agree).
DOCS = {"en": "docs", "ru": "docs-ru"}

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
INK = "#1a1a1a"
BLUE = "#0b5cad"
ORANGE = "#c75100"
BLUE_TINT = "#dbe8f6"
BLUE_MID = "#8fb6e3"
ORANGE_TINT = "#fde6d4"
GREY_FILL = "#ececec"
RULE = "#b8b8b8"
MIN_PX_AT_640 = 14


# ---- words: every word the figures show, one table per language ---------------------------
# A list is the lines of one label, broken where the drawing has room; "**word**" is bold.
# Russian runs about 20% longer than English: where its words need more room than the
# English drawing gives, LAYOUT (below) moves things for that language only. The care
# flowchart's words are here too: the build draws it in its own language (care_cards.py),
# with {placeholders} for the edition's care words and numbers.
LABELS = {
    "en": {
        "spine-disc": {
            "title": "Healthy disc and slipped disc in the lower spine",
            "desc": "Two side views of the lower spine. Left, a healthy disc: a soft centre "
                    "(nucleus pulposus) inside a tough outer ring (annulus fibrosus) sits "
                    "between two spine bones, and a nerve root leaves beside it. Right, a "
                    "slipped disc: the soft centre bulges through the ring and presses on the "
                    "nerve root.",
            "healthy": "Healthy disc",
            "slipped": "Slipped disc",
            "ring": ["tough outer ring", "(annulus fibrosus)"],
            "centre": ["soft centre", "(nucleus pulposus)"],
            "bone": ["spine bone", "(vertebra)"],
            "root": "nerve root",
            "presses": ["bulge presses", "on nerve root"],
        },
        "pain-map": {
            "title": "Where it hurts: lumbago, sciatica and lumboischialgia",
            "desc": "Three body outlines seen from behind, with the painful area hatched. "
                    "Lumbago: the low back only. Sciatica: one buttock, the back of the thigh, "
                    "the calf and the foot on one side. Lumboischialgia: the low back plus the "
                    "buttock and the back of the thigh.",
            "lumbago": ["Lumbago", ["low back only"]],
            "sciatica": ["Sciatica", ["buttock and leg,", "one side"]],
            "lumboischialgia": ["Lumboischialgia", ["low back, buttock", "and thigh"]],
            "key": ["hatched = where it hurts"],
        },
        "saddle-area": {
            "title": "The saddle area",
            "desc": "Two body outlines, from the front and from behind. The saddle area is "
                    "hatched: the genitals, the bottom and the inner thighs, the parts that "
                    "would touch a bicycle saddle. New numbness here is an emergency.",
            "front": "Front",
            "back": "Back",
            "name": "saddle area:",
            "warning": ["numbness here is", "an emergency"],
            "key": ["hatched = saddle area"],
        },
        "lifting": {
            "title": "Lifting: keep the load close to your body",
            "desc": "Two stick figures lifting a box. Left: the person reaches down to a box "
                    "that is far from their feet, so the load is held away from the body. "
                    "Right: the person bends and holds the box close to the body, which is "
                    "usually easier.",
            "harder": ["**Harder:** reaching for a load", "far from your body"],
            "easier": ["**Easier:** keep the load", "close to your body"],
        },
        "sleeping": {
            "title": "Two comfortable ways to lie down",
            "desc": "Left: a person lying on their side with the knees bent and a pillow "
                    "between the knees. Right: a person lying on their back with pillows under "
                    "the knees. Both have a pillow under the head.",
            "side": ["**On your side:** pillow", "between your knees"],
            "back": ["**On your back:** pillows", "under your knees"],
        },
        "care-flowchart": {
            "title": "Which care, when: a flowchart for back pain with leg pain",
            "caption": "Which care, when: work down from the top and stop at the first "
                       "answer that fits.",
            "start": "**Back pain with leg pain**",
            "question": "**Do you have any of these?**",
            "yes": "YES",
            "no": "NO",
            # (outcome heading, outcome words) for each short box in red-flags.yml
            "get-help-now": ["Emergency:",
                             "call {emergency_number} or go to {emergency_place} now"],
            "same-day-short": ["Same day:", "urgent GP appointment or {urgent_service}"],
            "see-gp-short": ["Not urgent:", "see a GP or physiotherapist"],
            "self-care": ["Self-care:", "keep moving, use heat, ask a pharmacist"],
            # the chart in words (its alt text and <desc>)
            "alt_start": "A flowchart. Start with back pain and leg pain, and stop at the "
                         "first answer that fits.",
            "alt_step": "{lead}: {items}. {head} {words}.",
            "alt_first": "If you have",
            "alt_next": "If not, and you have",
            "alt_none": "If none of these: {head} {words}.",
        },
    },
    "ru": {
        "spine-disc": {
            "title": "Здоровый диск и грыжа диска в нижней части позвоночника",
            "desc": "Два рисунка нижней части позвоночника, вид сбоку. Слева здоровый диск: "
                    "мягкая середина (пульпозное ядро) внутри прочного наружного кольца "
                    "(фиброзного кольца) лежит между двумя позвонками, а рядом выходит "
                    "нервный корешок. Справа грыжа диска: мягкая середина выпячивается через "
                    "кольцо и давит на нервный корешок.",
            "healthy": "Здоровый диск",
            "slipped": "Грыжа диска",
            "ring": ["прочное наружное", "кольцо", "(фиброзное кольцо)"],
            "centre": ["мягкая середина", "(пульпозное ядро)"],
            "bone": ["позвонок"],
            "root": "нервный корешок",
            "presses": ["грыжа давит", "на нервный", "корешок"],
        },
        "pain-map": {
            "title": "Где болит: люмбаго, ишиас и люмбоишиалгия",
            "desc": "Три контура тела со спины; там, где болит, штриховка. Люмбаго: только "
                    "поясница. Ишиас: ягодица, задняя сторона бедра, икра и стопа с одной "
                    "стороны. Люмбоишиалгия: поясница, ягодица и задняя сторона бедра.",
            "lumbago": ["Люмбаго", ["только поясница"]],
            "sciatica": ["Ишиас", ["ягодица и нога,", "с одной стороны"]],
            "lumboischialgia": ["Люмбоишиалгия", ["поясница, ягодица", "и бедро"]],
            "key": ["штриховка = где болит"],
        },
        "saddle-area": {
            "title": "Зона «седла»",
            "desc": "Два контура тела, спереди и сзади. Зона «седла» заштрихована: половые "
                    "органы, область вокруг заднего прохода и внутренняя сторона бёдер, то "
                    "есть те части тела, которыми сидят на велосипедном седле. Новое онемение "
                    "здесь — это экстренный случай.",
            "front": "Спереди",
            "back": "Сзади",
            "name": "зона «седла»:",
            "warning": ["онемение здесь —", "экстренный случай"],
            "key": ["штриховка =", "зона «седла»"],
        },
        "lifting": {
            "title": "Как поднимать тяжести: держите груз близко к телу",
            "desc": "Два человечка поднимают коробку. Слева человек тянется вниз к коробке, "
                    "которая стоит далеко от его ног, и груз оказывается далеко от тела. "
                    "Справа человек сгибает ноги и держит коробку близко к телу — обычно так "
                    "легче.",
            "harder": ["**Труднее:** тянуться к грузу,", "который далеко от тела"],
            "easier": ["**Легче:** держать груз", "близко к телу"],
        },
        "sleeping": {
            "title": "Два удобных положения лёжа",
            "desc": "Слева человек лежит на боку, колени согнуты, между коленями подушка. "
                    "Справа человек лежит на спине, под коленями подушки. У обоих подушка под "
                    "головой.",
            "side": ["**На боку:** подушка", "между коленями"],
            "back": ["**На спине:** подушки", "под коленями"],
        },
        "care-flowchart": {
            "title": "Какая помощь и когда: схема для боли в спине и в ноге",
            "caption": "Какая помощь и когда: идите по схеме сверху вниз и остановитесь на "
                       "первом ответе, который подходит.",
            "start": "**Боль в спине и в ноге**",
            "question": "**У вас есть что-то из этого?**",
            "yes": "ДА",
            "no": "НЕТ",
            # The care words read after «поезжайте в» and «обратитесь в» (accusative), as in
            # docs-ru/_data/countries.yml; "(GP)" is dropped outside the UK (health_words.py).
            "get-help-now": ["Экстренно:", "звоните {emergency_number} или поезжайте в "
                             "{emergency_place} прямо сейчас"],
            "same-day-short": ["Сегодня же:", "попросите срочный приём у врача (GP) или "
                               "обратитесь в {urgent_service}"],
            "see-gp-short": ["Не срочно:", "обратитесь к врачу (GP) или физиотерапевту"],
            "self-care": ["Дома:", "двигайтесь как обычно, грейте спину, спросите "
                          "фармацевта"],
            "alt_start": "Схема. Начните с боли в спине и в ноге и остановитесь на первом "
                         "ответе, который подходит.",
            "alt_step": "{lead}: {items}. {head} {words}.",
            "alt_first": "Если у вас",
            "alt_next": "Если нет, но у вас",
            "alt_none": "Если ничего из этого нет. {head} {words}.",
        },
    },
}

# Where a language's words need more room than the English drawing gives.
LAYOUT = {
    "en": {
        # spine-disc: the left spine's x offset (room for the label column on its left);
        # the nerve root label centred under the root's end, or ending at it
        "spine_shift": 0, "root_anchor": "middle",
        # care-flowchart: characters a line in the question boxes and in the outcomes
        "wrap_question": 42, "wrap_outcome": 18,
    },
    "ru": {
        "spine_shift": 16, "root_anchor": "end",
        "wrap_question": 38, "wrap_outcome": 15,
    },
}


class LabelError(ValueError):
    """A language's words do not match the English table; the message names the key."""


def words(lang: str, figure: str) -> dict:
    """The words of one figure in `lang`, checked against the English ones key by key, so a
    translation can neither leave a label out (it would not be drawn) nor add a stray one."""
    where = f"scripts/figures/make_figures.py LABELS[{lang!r}][{figure!r}]"
    if lang not in LABELS or lang not in LAYOUT:
        raise LabelError(f"LABELS/LAYOUT have no language {lang!r} (known: {', '.join(LABELS)})")
    english, own = LABELS["en"].get(figure), LABELS[lang].get(figure)
    if english is None or own is None:
        raise LabelError(f"{where}: no such figure")
    missing, extra = sorted(set(english) - set(own)), sorted(set(own) - set(english))
    if missing or extra:
        raise LabelError(f"{where}: missing {missing}, unknown {extra}")
    return own


def out_dir(lang: str) -> Path:
    return ROOT / DOCS[lang] / "assets" / "figures"


def n(v: float) -> str:
    """Short number: at most one decimal, no trailing zeros."""
    s = f"{v:.1f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


class Fig:
    def __init__(self, slug: str, width: int, height: int, title: str, desc: str,
                 lang: str = "en"):
        self.slug, self.w, self.h = slug, width, height
        self.title, self.desc, self.lang = title, desc, lang
        self.defs: list[str] = []
        self.body: list[str] = []
        self.min_font = 999.0

    # ---- primitives -------------------------------------------------------------------
    def add(self, s: str) -> None:
        self.body.append(s)

    def text(self, x, y, lines, size=16, weight=None, anchor=None, lh=1.25, fill=INK):
        if isinstance(lines, str):
            lines = [lines]
        self.min_font = min(self.min_font, size)
        attrs = f'x="{n(x)}" y="{n(y)}" font-size="{n(size)}"'
        if weight:
            attrs += f' font-weight="{weight}"'
        if anchor:
            attrs += f' text-anchor="{anchor}"'
        if fill != INK:
            attrs += f' fill="{fill}"'
        if len(lines) == 1:
            self.add(f"<text {attrs}>{rich(lines[0])}</text>")
            return
        spans = "".join(
            f'<tspan x="{n(x)}"{"" if i == 0 else " dy=" + chr(34) + n(size * lh) + chr(34)}>'
            f"{rich(t)}</tspan>"
            for i, t in enumerate(lines)
        )
        self.add(f"<text {attrs}>{spans}</text>")

    def svg(self) -> str:
        tid, did = f"{self.slug}-title", f"{self.slug}-desc"
        # A translation says its language (English is the default, and its files stay as
        # they were before there were translations).
        lang = "" if self.lang == "en" else f' lang="{self.lang}"'
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg"{lang} viewBox="0 0 {self.w} {self.h}" '
            f'width="{self.w}" height="{self.h}" role="img" aria-labelledby="{tid} {did}" '
            f'font-family="{FONT}" fill="{INK}">'
            f'<title id="{tid}">{escape(self.title)}</title>'
            f'<desc id="{did}">{escape(self.desc)}</desc>'
        )
        defs = f"<defs>{''.join(self.defs)}</defs>" if self.defs else ""
        bg = (
            f'<rect x="1" y="1" width="{self.w - 2}" height="{self.h - 2}" rx="12" '
            f'fill="#ffffff" stroke="{RULE}" stroke-width="1.5"/>'
        )
        return head + defs + bg + "".join(self.body) + "</svg>\n"

    def write(self) -> Path:
        assert self.min_font * 640 / self.w >= MIN_PX_AT_640, (self.slug, self.min_font)
        data = self.svg()
        assert "href" not in data and "@import" not in data
        for url in re.findall(r"url\(([^)]*)\)", data):
            assert url.startswith("#"), url
        path = out_dir(self.lang) / f"{self.slug}.svg"
        path.write_text(data, encoding="utf-8")
        return path


def rich(t: str) -> str:
    """Escape text; **word** becomes bold."""
    parts = escape(t).split("**")
    return "".join(
        f'<tspan font-weight="700">{p}</tspan>' if i % 2 else p for i, p in enumerate(parts)
    )


def hatch(fig: Fig, pid: str, color=ORANGE, bg=ORANGE_TINT, gap=8, width=2.8) -> str:
    fig.defs.append(
        f'<pattern id="{pid}" width="{gap}" height="{gap}" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="{gap}" height="{gap}" fill="{bg}"/>'
        f'<line x1="0" y1="0" x2="0" y2="{gap}" stroke="{color}" stroke-width="{width}"/></pattern>'
    )
    return f"url(#{pid})"


def smooth_closed(points: list[tuple[float, float]], tension: float = 1.0) -> str:
    """Closed Catmull-Rom spline through points, as cubic Bezier path data."""
    k = len(points)
    d = f"M{n(points[0][0])} {n(points[0][1])}"
    for i in range(k):
        p0, p1, p2, p3 = (points[(i + j - 1) % k] for j in range(4))
        c1 = (p1[0] + (p2[0] - p0[0]) / 6 * tension, p1[1] + (p2[1] - p0[1]) / 6 * tension)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6 * tension, p2[1] - (p3[1] - p1[1]) / 6 * tension)
        d += f"C{n(c1[0])} {n(c1[1])} {n(c2[0])} {n(c2[1])} {n(p2[0])} {n(p2[1])}"
    return d + "Z"


def panel_divider(fig: Fig, x: float, y1: float, y2: float) -> None:
    fig.add(f'<path d="M{n(x)} {n(y1)}V{n(y2)}" stroke="{RULE}" stroke-width="1.5"/>')


# ---- badges and icons (drawn centred on cx, cy) ------------------------------------------
def warning_icon(fig: Fig, cx, cy):
    fig.add(
        f'<g transform="translate({n(cx)} {n(cy)})">'
        f'<path d="M0-24L26 21H-26Z" fill="{ORANGE}" stroke="{INK}" stroke-width="3" '
        f'stroke-linejoin="round"/>'
        f'<path d="M0-10V7" stroke="#ffffff" stroke-width="6" stroke-linecap="round"/>'
        f'<circle cy="14.5" r="3.4" fill="#ffffff"/></g>'
    )


def clock_icon(fig: Fig, cx, cy):
    fig.add(
        f'<g transform="translate({n(cx)} {n(cy)})" fill="none" stroke="{INK}" '
        f'stroke-linecap="round"><circle r="21" fill="#ffffff" stroke-width="3.5"/>'
        f'<path d="M0-13V0L9 6" stroke-width="3.5"/></g>'
    )


def calendar_icon(fig: Fig, cx, cy):
    dots = "".join(
        f'<rect x="{-13 + 9 * i}" y="{-1 + 8 * j}" width="5" height="4" fill="{INK}"/>'
        for j in range(2)
        for i in range(4)
        if (i, j) != (3, 1)
    )
    fig.add(
        f'<g transform="translate({n(cx)} {n(cy)})">'
        f'<rect x="-20" y="-17" width="40" height="36" rx="4" fill="#ffffff" stroke="{INK}" '
        f'stroke-width="3"/><path d="M-20-7H20" stroke="{INK}" stroke-width="3"/>'
        f'<path d="M-10-22V-12M10-22V-12" stroke="{INK}" stroke-width="3.5" '
        f'stroke-linecap="round"/>{dots}</g>'
    )


def house_icon(fig: Fig, cx, cy):
    fig.add(
        f'<g transform="translate({n(cx)} {n(cy)})" stroke="{INK}" stroke-width="3" '
        f'stroke-linejoin="round"><path d="M-16-2V19H16V-2" fill="#ffffff"/>'
        f'<path d="M-22 1L0-19 22 1" fill="none" stroke-linecap="round"/>'
        f'<path d="M-5 19V7H5V19" fill="{BLUE_TINT}"/></g>'
    )


# ---- a simple body outline, seen from the front or from behind ---------------------------
# Right half, top of neck to crotch, in a box 300 tall centred on x = 0.
_BODY_RIGHT = [
    (9, 40), (11, 50), (30, 56), (46, 62), (54, 80), (58, 116), (61, 150), (63, 172),
    (59, 185), (50, 184), (48, 160), (44, 118), (40, 96), (36, 122), (36, 140), (41, 162),
    (40, 195), (33, 232), (32, 258), (24, 288), (30, 296), (27, 301), (10, 301), (9, 288),
    (10, 258), (8, 232), (5, 200), (0, 190),
]


def body_path() -> str:
    right = _BODY_RIGHT
    left = [(-x, y) for x, y in reversed(right[:-1])]
    pts = right + left
    return smooth_closed(pts, tension=0.9)


BODY_D = body_path()


def body(fig: Fig, cx, top, scale=1.0, back=True, shade=None, clip_id=None):
    """Draw a body outline; shade = list of (path d, fill) to clip inside the body."""
    g = f'<g transform="translate({n(cx)} {n(top)}){"" if scale == 1 else f" scale({n(scale)})"}">'
    parts = [g]  # the figure background is already white, so no fill is needed
    if shade:
        parts.append(f'<g clip-path="url(#{clip_id})">')
        parts += [f'<path d="{d}" fill="{f}"/>' for d, f in shade]
        parts.append("</g>")
    parts.append(
        f'<path d="{BODY_D}" fill="none" stroke="{INK}" stroke-width="2.5" stroke-linejoin="round"/>'
        f'<circle cy="21" r="19" fill="#ffffff" stroke="{INK}" stroke-width="2.5"/>'
    )
    if back:  # buttock cleft and creases, a hint of the spine
        parts.append(
            f'<path d="M0 160V186M3 188Q18 192 34 186M-3 188Q-18 192-34 186" fill="none" '
            f'stroke="{INK}" stroke-width="2" stroke-linecap="round"/>'
            f'<path d="M0 62V140" stroke="{INK}" stroke-width="1.5" stroke-dasharray="3 6" '
            f'stroke-linecap="round"/>'
        )
    else:  # front: a navel dot
        parts.append(f'<circle cy="128" r="2.5" fill="{INK}"/>')
    parts.append("</g>")
    fig.add("".join(parts))


def body_clip(fig: Fig, cid: str) -> None:
    fig.defs.append(f'<clipPath id="{cid}"><path d="{BODY_D}"/></clipPath>')


# ---- 1. spine-disc ----------------------------------------------------------------------
def spine(fig: Fig, sx: float, bulge: bool) -> dict:
    """Three vertebrae and two discs, side view; front of the body to the left.

    The lower disc is the one that is labelled, and the one that bulges."""
    bw, v_h, d_h = 90, 50, 36
    ys, y = [], 62
    for i in range(3):
        ys.append(("v", y, y + v_h))
        y += v_h
        if i < 2:
            ys.append(("d", y, y + d_h))
            y += d_h
    bottom = y
    _, d0, d1 = ys[3]
    dmid = (d0 + d1) / 2
    back = sx + bw                      # back edge of the bones
    cord_x = back + 26                  # nerve bundle behind the bones
    tip = back + 34                     # how far a bulge reaches
    push = 17 if bulge else 0           # how far the bulge pushes the nerve
    out = {"dmid": dmid}

    # nerves first, so the discs sit on top of their edges
    if bulge:
        c = cord_x + push
        cord = (
            f"M{n(cord_x)} 48V{n(dmid - 34)}C{n(cord_x)} {n(dmid - 16)} {n(c)} {n(dmid - 16)} "
            f"{n(c)} {n(dmid)}C{n(c)} {n(dmid + 16)} {n(cord_x)} {n(dmid + 16)} {n(cord_x)} "
            f"{n(dmid + 34)}V{n(bottom + 12)}"
        )
        root = (
            f"M{n(c)} {n(dmid - 4)}C{n(c + 8)} {n(dmid + 14)} {n(cord_x + 36)} {n(dmid + 30)} "
            f"{n(cord_x + 46)} {n(dmid + 60)}L{n(cord_x + 60)} {n(dmid + 100)}"
        )
    else:
        cord = f"M{n(cord_x)} 48V{n(bottom + 12)}"
        root = (
            f"M{n(cord_x)} {n(dmid - 14)}C{n(cord_x + 4)} {n(dmid + 10)} {n(cord_x + 30)} "
            f"{n(dmid + 26)} {n(cord_x + 46)} {n(dmid + 60)}L{n(cord_x + 60)} {n(dmid + 100)}"
        )
    out["root_end"] = (cord_x + 60, dmid + 100)
    for d, wdt in ((cord, 14), (root, 10)):
        fig.add(
            f'<path d="{d}" fill="none" stroke="{INK}" stroke-width="{wdt + 4}" '
            f'stroke-linecap="round"/><path d="{d}" fill="none" stroke="{ORANGE}" '
            f'stroke-width="{wdt}" stroke-linecap="round"/>'
        )

    # discs: a tough ring (with one inner layer line) round a soft centre
    for kind, y0, y1 in ys:
        if kind != "d":
            continue
        mid, ncx = (y0 + y1) / 2, sx + bw * 0.56
        fig.add(
            f'<rect x="{n(sx - 3)}" y="{n(y0 - 4)}" width="{bw + 6}" height="{n(y1 - y0 + 8)}" '
            f'rx="14" fill="{BLUE_TINT}" stroke="{BLUE}" stroke-width="2.5"/>'
            f'<rect x="{n(sx + 6)}" y="{n(y0 + 3)}" width="{bw - 12}" height="{n(y1 - y0 - 6)}" '
            f'rx="10" fill="none" stroke="{BLUE}" stroke-width="1.2"/>'
        )
        if bulge and y0 == d0:
            # the soft centre squeezes out through a split in the back of the ring
            r = back - 6
            fig.add(
                f'<path d="M{n(ncx - 22)} {n(mid)}C{n(ncx - 22)} {n(mid - 11)} {n(ncx + 6)} '
                f'{n(mid - 10)} {n(r)} {n(mid - 7)}C{n(tip - 10)} {n(mid - 20)} {n(tip)} '
                f'{n(mid - 12)} {n(tip)} {n(mid)}C{n(tip)} {n(mid + 12)} {n(tip - 10)} '
                f'{n(mid + 20)} {n(r)} {n(mid + 7)}C{n(ncx + 6)} {n(mid + 10)} {n(ncx - 22)} '
                f'{n(mid + 11)} {n(ncx - 22)} {n(mid)}Z" fill="{BLUE_MID}" stroke="{BLUE}" '
                f'stroke-width="2.5"/>'
            )
            out["contact"] = (cord_x + push + 8, mid - 8)
        else:
            fig.add(
                f'<ellipse cx="{n(ncx)}" cy="{n(mid)}" rx="22" ry="{n((y1 - y0) / 2 - 8)}" '
                f'fill="{BLUE_MID}" stroke="{BLUE}" stroke-width="2.5"/>'
            )
        if y0 == d0:
            out["nucleus"] = (ncx, mid)

    # spine bones: blocks with gently curved front edges
    for kind, y0, y1 in ys:
        if kind != "v":
            continue
        fig.add(
            f'<path d="M{n(sx)} {n(y0 + 6)}Q{n(sx)} {n(y0)} {n(sx + 6)} {n(y0)}H{n(back - 6)}'
            f'Q{n(back)} {n(y0)} {n(back)} {n(y0 + 6)}V{n(y1 - 6)}Q{n(back)} {n(y1)} '
            f'{n(back - 6)} {n(y1)}H{n(sx + 6)}Q{n(sx)} {n(y1)} {n(sx)} {n(y1 - 6)}'
            f'Q{n(sx + 5)} {n((y0 + y1) / 2)} {n(sx)} {n(y0 + 6)}Z" fill="{GREY_FILL}" '
            f'stroke="{INK}" stroke-width="2.5"/>'
        )
    out["v3"] = (sx + 8, ys[4][1] + 25)
    out["ring"] = (sx - 3, ys[1][1] + d_h / 2)
    return out


def spine_disc(lang: str = "en") -> Fig:
    w, shift = words(lang, "spine-disc"), LAYOUT[lang]["spine_shift"]
    f = Fig("spine-disc", 720, 390, w["title"], w["desc"], lang)
    split = 410
    panel_divider(f, split, 20, 370)
    f.text(split / 2, 38, w["healthy"], size=20, weight="700", anchor="middle")
    f.text((split + 720) / 2, 38, w["slipped"], size=20, weight="700", anchor="middle")

    a = spine(f, 192 + shift, bulge=False)
    b = spine(f, 440, bulge=True)

    lead = f'fill="none" stroke="{INK}" stroke-width="1.5"'

    def dot(x, y):
        return f'<circle cx="{n(x)}" cy="{n(y)}" r="3.5" fill="{INK}"/>'

    def label(lines, tx, ty, px, py):
        """Right-aligned label whose first line points across at (px, py)."""
        f.text(tx, ty, lines, anchor="end")
        f.add(f'<path d="M{n(tx + 5)} {n(ty - 5)}H{n(px - 14)}L{n(px)} {n(py)}" {lead}/>'
              + dot(px, py))

    # left panel: labels in a column left of the spine, top to bottom
    lx = 170 + shift
    rx_, ry_ = a["ring"]
    label(w["ring"], lx, ry_ + 5, rx_ + 6, ry_)
    nx, ny = a["nucleus"]
    label(w["centre"], lx, ny + 5, nx - 8, ny)
    vx, vy = a["v3"]
    label(w["bone"], lx, vy + 46, vx + 12, vy + 8)
    ex, ey = a["root_end"]
    # a long label ends at the root instead of crossing into the other panel
    rx = ex - 8 if LAYOUT[lang]["root_anchor"] == "middle" else ex + 4
    f.text(rx, ey + 30, w["root"], anchor=LAYOUT[lang]["root_anchor"])

    # right panel: one label, up and right of where the bulge meets the nerve; its last
    # line stays just above the leader, however many lines it has
    cx, cy = b["contact"]
    f.text(598, 170 - 20 * (len(w["presses"]) - 1), w["presses"])
    f.add(f'<path d="M610 176L{n(cx + 4)} {n(cy - 4)}" {lead}/>' + dot(cx + 4, cy - 4))
    return f


# ---- 2. pain-map ------------------------------------------------------------------------
def pain_map(lang: str = "en") -> Fig:
    w = words(lang, "pain-map")
    f = Fig("pain-map", 720, 470, w["title"], w["desc"], lang)
    fill = hatch(f, "pain-map-hatch")
    body_clip(f, "pain-map-body")
    low_back = "M-43 114Q0 108 43 114V160Q0 152-43 160Z"
    leg = "M0 154Q30 146 44 160V196H70V310H0Z"
    thigh = "M0 154Q30 146 44 160V196H70V226Q36 240 0 236Z"
    panels = [
        (*w["lumbago"], [low_back]),
        (*w["sciatica"], [leg]),
        (*w["lumboischialgia"], [low_back, thigh]),
    ]
    for i, (name, sub, regions) in enumerate(panels):
        cx = 120 + 240 * i
        f.text(cx, 38, name, size=20, weight="700", anchor="middle")
        f.text(cx, 62, sub, anchor="middle")
        body(f, cx, 104, shade=[(d, fill) for d in regions], clip_id="pain-map-body")
        if i:
            panel_divider(f, 240 * i, 24, 412)
    # legend
    f.add(
        f'<rect x="250" y="425" width="34" height="26" rx="4" fill="{fill}" stroke="{INK}" '
        f'stroke-width="2"/>'
    )
    key_text(f, 296, 444, w["key"])
    return f


def key_text(fig: Fig, x, y, lines) -> None:
    """The words beside a hatched key box, centred on it on one line or two."""
    fig.text(x, y - 10 * (len(lines) - 1), lines, lh=1.25)


# ---- 3. saddle-area ---------------------------------------------------------------------
def saddle_area(lang: str = "en") -> Fig:
    w = words(lang, "saddle-area")
    f = Fig("saddle-area", 640, 420, w["title"], w["desc"], lang)
    fill = hatch(f, "saddle-area-hatch")
    body_clip(f, "saddle-area-body")
    front = "M-24 168Q0 160 24 168L22 228Q0 220-22 228Z"
    back = "M-32 160Q0 150 32 160L24 230Q0 220-24 230Z"
    top = 40
    for cx, name, reg, is_back in ((100, w["front"], front, False), (250, w["back"], back, True)):
        body(f, cx, top, shade=[(reg, fill)], clip_id="saddle-area-body", back=is_back)
        f.text(cx, top + 336, name, size=18, weight="700", anchor="middle")
    # the message on the right, with a warning sign; one leader to the hatched area
    x = 372
    ly = top + 196
    warning_icon(f, x + 28, ly - 52)
    f.text(x, ly + 7, w["name"], size=22, weight="700")
    f.text(x, ly + 40, w["warning"], size=20)
    f.add(
        f'<path d="M{x - 8} {ly}H{250 + 22}" fill="none" stroke="{INK}" stroke-width="1.5"/>'
        f'<circle cx="{250 + 22}" cy="{ly}" r="3.5" fill="{INK}"/>'
        f'<rect x="{x}" y="{ly + 92}" width="34" height="26" rx="4" fill="{fill}" '
        f'stroke="{INK}" stroke-width="2"/>'
    )
    key_text(f, x + 44, ly + 111, w["key"])
    return f


# ---- 4. care-flowchart ------------------------------------------------------------------
# Drawn at build time by overrides/hooks/care_cards.py from the short boxes in
# _data/red-flags.yml of the build's language, with the edition's care numbers: the chart
# cannot say something the cards do not. Each step lists the items of one box, most urgent
# first; its outcome's words are LABELS[lang]["care-flowchart"][box].
FLOW_STEPS = (  # (box in red-flags.yml, icon, box style)
    ("get-help-now", "warning", dict(fill=ORANGE_TINT, stroke=INK, sw=5)),
    ("same-day-short", "clock", dict(fill="#ffffff", stroke=INK, sw=3)),
    ("see-gp-short", "calendar", dict(fill=BLUE_TINT, stroke=BLUE, sw=2)),
)


def outcome_words(text: str, care: dict) -> str:
    """An outcome in the edition's words: its numbers, and its own word for "GP" or "A&E"."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from health_words import localise  # scripts/health_words.py, standard library only

    return localise(text.format_map(care), care)


def wrap(text: str, width: int) -> list[str]:
    """Split text into lines of at most `width` characters, at spaces."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + [line] if line else lines


def flowchart_alt(flags, care: dict, lang: str = "en") -> str:
    """The chart in words, for its alt text and its <desc>."""
    w = words(lang, "care-flowchart")
    parts = [w["alt_start"]]
    for i, (box, _icon, _style) in enumerate(FLOW_STEPS):
        head, text = w[box]
        parts.append(w["alt_step"].format(
            lead=w["alt_first"] if i == 0 else w["alt_next"],
            items="; ".join(flags.cards[box].items),
            head=head, words=outcome_words(text, care)))
    head, text = w["self-care"]
    parts.append(w["alt_none"].format(head=head, words=outcome_words(text, care)))
    return " ".join(parts)


def flowchart_caption(lang: str = "en") -> str:
    return words(lang, "care-flowchart")["caption"]


def care_flowchart(flags, care: dict, lang: str = "en") -> Fig:
    w, layout = words(lang, "care-flowchart"), LAYOUT[lang]
    f = Fig("care-flowchart", 720, 900, w["title"], flowchart_alt(flags, care, lang), lang)
    fs, lh = 16, 21
    qx, qw = 20, 410       # question column
    ox, ow = 478, 228      # outcome column
    icons = {"warning": warning_icon, "clock": clock_icon, "calendar": calendar_icon,
             "house": house_icon}

    def box(x, y, w, h, fill="#ffffff", stroke=INK, sw=2.0, rx=10, dash=None):
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        f.add(f'<rect x="{n(x)}" y="{n(y)}" width="{n(w)}" height="{n(h)}" rx="{rx}" '
              f'fill="{fill}" stroke="{stroke}" stroke-width="{sw}"{extra}/>')

    def arrow(points, label=None, lpos=None):
        (x1, y1), (x2, y2) = points[-2], points[-1]
        ang = math.atan2(y2 - y1, x2 - x1)
        sx, sy = x2 - 8 * math.cos(ang), y2 - 8 * math.sin(ang)   # end inside the head
        d = "M" + "L".join(f"{n(x)} {n(y)}" for x, y in points[:-1]) + f"L{n(sx)} {n(sy)}"
        f.add(f'<path d="{d}" fill="none" stroke="{INK}" stroke-width="2.5"/>')
        pts = " ".join(
            f"{n(x2 + px * math.cos(ang) - py * math.sin(ang))},"
            f"{n(y2 + px * math.sin(ang) + py * math.cos(ang))}"
            for px, py in [(0, 0), (-13, -7), (-13, 7)])
        f.add(f'<polygon points="{pts}" fill="{INK}"/>')
        if label:
            f.text(lpos[0], lpos[1], label, size=16, weight="700")

    def question(y, items, tier):
        """A box listing one tier's signs, one bullet each, wrapped to the column. The
        group's data-tier lets tests/test_red_flags.py read which tier each sign is in."""
        lines = [w["question"]]
        for item in items:
            wrapped = wrap(item, layout["wrap_question"])
            lines += ["• " + wrapped[0]] + ["  " + rest for rest in wrapped[1:]]
        h = 28 + lh * len(lines) - (lh - fs)
        f.add(f'<g data-tier="{tier}">')
        box(qx, y, qw, h, sw=2)
        f.text(qx + 14, y + 14 + fs - 1, lines, size=fs, lh=lh / fs)
        f.add("</g>")
        return h

    def outcome(top, head, text, icon, style):
        rest = wrap(text, layout["wrap_outcome"])
        h = max(76, 28 + lh * (1 + len(rest)))
        box(ox, top, ow, h, **style)
        icons[icon](f, ox + 36, top + h / 2)
        ty = top + h / 2 - (lh * len(rest)) / 2 + 6
        f.text(ox + 70, ty, head, size=17, weight="700")
        f.text(ox + 70, ty + lh, rest, size=fs, lh=lh / fs)
        return h

    y = 18
    start_h = 50
    box(qx, y, qw, start_h, fill=BLUE_TINT, stroke=BLUE, sw=2.5, rx=24)
    f.text(qx + qw / 2, y + 31, w["start"], size=fs, anchor="middle")
    # `below`: the bottom of the last question box, where its NO arrow starts; `bottom`: the
    # lowest point of the step, below which the next box starts (a long outcome can reach
    # past its question).
    cx = qx + qw / 2
    below = bottom = y + start_h
    for i, (name, icon, style) in enumerate(FLOW_STEPS):
        top = bottom + 44
        arrow([(cx, below), (cx, top)], *([w["no"], (cx + 10, below + 28)] if i else []))
        h = question(top, flags.cards[name].items, flags.cards[name].tier)
        mid = top + h / 2
        head, text = w[name]
        oh = outcome(mid - 38, head, outcome_words(text, care), icon, style)
        arrow([(qx + qw, mid), (ox, mid)], w["yes"], (qx + qw + 8, mid - 10))
        below, bottom = top + h, max(top + max(h, oh), mid - 38 + oh)
    top = bottom + 40
    head, text = w["self-care"]
    oh = outcome(top, head, outcome_words(text, care), "house",
                 dict(fill="#ffffff", stroke=BLUE, sw=2, dash="8 5"))
    arrow([(cx, below), (cx, top + oh / 2), (ox, top + oh / 2)], w["no"], (cx + 10, below + 28))
    f.h = int(top + oh + 22)
    return f


# ---- 5. lifting -------------------------------------------------------------------------
def stick(fig: Fig, head, paths, width=7):
    """A stick figure: thick round-capped lines and an open circle for the head."""
    hx, hy = head
    fig.add(
        f'<g fill="none" stroke="{INK}" stroke-width="{width}" stroke-linecap="round" '
        f'stroke-linejoin="round">' + "".join(f'<path d="{d}"/>' for d in paths) +
        f'<circle cx="{n(hx)}" cy="{n(hy)}" r="15" fill="#ffffff" stroke-width="5"/></g>'
    )


def parcel(fig: Fig, x, y, w, h):
    fig.add(
        f'<rect x="{n(x)}" y="{n(y)}" width="{n(w)}" height="{n(h)}" rx="3" fill="{ORANGE_TINT}" '
        f'stroke="{INK}" stroke-width="3"/><path d="M{n(x + w / 2)} {n(y)}v{n(h * 0.35)}" '
        f'stroke="{ORANGE}" stroke-width="5"/>'
    )


def lifting(lang: str = "en") -> Fig:
    # No cross or tick: the evidence for strict lifting rules is weak (clinical review 2026-11,
    # finding 21), so the figure shows what is usually easier, not a "wrong" back.
    w = words(lang, "lifting")
    f = Fig("lifting", 720, 380, w["title"], w["desc"], lang)
    panel_divider(f, 360, 20, 360)
    floor = 330
    for x0 in (0, 360):
        f.add(f'<path d="M{x0 + 30} {floor + 4}H{x0 + 330}" stroke="{INK}" stroke-width="2"/>')
    f.text(180, 38, w["harder"], size=18, anchor="middle")
    f.text(540, 38, w["easier"], size=18, anchor="middle")

    # harder: reaching down to a box far from the feet
    parcel(f, 206, 286, 64, floor - 286)
    stick(f, (250, 218), [
        f"M130 {floor}L128 210",                        # straight legs
        "M128 210C146 160 208 158 230 196",             # rounded back
        "M230 196L238 204",                             # neck
        "M226 198L232 244L238 284",                     # arm hanging to the box
        f"M130 {floor}h22",                             # foot
    ])

    # easier: the box held against the body
    x = 360
    parcel(f, x + 164, 212, 56, 50)
    stick(f, (x + 170, 148), [
        f"M{x + 148} {floor}L{x + 206} 270L{x + 140} 268",  # shin, thigh
        f"M{x + 140} 268L{x + 160} 178",                   # upright back
        f"M{x + 162} 178L{x + 166} 166",                   # neck
        f"M{x + 158} 188L{x + 160} 232L{x + 190} 240",     # arm round the box
        f"M{x + 148} {floor}h24",                          # foot
    ])
    return f


# ---- 6. sleeping ------------------------------------------------------------------------
def pillow(fig: Fig, x, y, w, h, rx=None):
    fig.add(
        f'<rect x="{n(x)}" y="{n(y)}" width="{n(w)}" height="{n(h)}" rx="{n(rx or h / 2)}" '
        f'fill="{BLUE_TINT}" stroke="{BLUE}" stroke-width="2.5"/>'
    )


def sleeping(lang: str = "en") -> Fig:
    w = words(lang, "sleeping")
    f = Fig("sleeping", 720, 250, w["title"], w["desc"], lang)
    panel_divider(f, 360, 20, 230)
    f.text(180, 38, w["side"], size=18, anchor="middle")
    f.text(540, 38, w["back"], size=18, anchor="middle")
    top = 176  # top of the mattress
    for x0 in (0, 360):
        f.add(
            f'<rect x="{x0 + 24}" y="{top}" width="312" height="30" rx="8" fill="{GREY_FILL}" '
            f'stroke="{INK}" stroke-width="2.5"/>'
            f'<path d="M{x0 + 38} {top + 30}v20M{x0 + 322} {top + 30}v20" stroke="{INK}" '
            f'stroke-width="5" stroke-linecap="round"/>'
        )
    # on the side: head on a pillow, knees bent, a pillow held between the knees
    pillow(f, 34, top - 20, 76, 20)
    pillow(f, 218, top - 42, 58, 22, rx=9)
    stick(f, (74, top - 35), [
        f"M90 {top - 24}L198 {top - 22}",                          # back
        f"M198 {top - 22}L248 {top - 54}L306 {top - 46}",          # top leg
        f"M198 {top - 22}L250 {top - 9}L308 {top - 8}",            # bottom leg
        f"M112 {top - 23}L134 {top - 8}L170 {top - 8}",            # arm
    ])
    # on the back: head on a pillow, knees raised on pillows
    x = 360
    pillow(f, x + 34, top - 20, 76, 20)
    pillow(f, x + 190, top - 24, 92, 24, rx=9)
    pillow(f, x + 200, top - 46, 72, 22, rx=9)
    stick(f, (x + 74, top - 37), [
        f"M{x + 90} {top - 28}L{x + 184} {top - 16}",                       # back
        f"M{x + 184} {top - 16}L{x + 236} {top - 56}L{x + 298} {top - 12}",  # leg
        f"M{x + 298} {top - 12}l6-16",                                       # foot
        f"M{x + 110} {top - 25}L{x + 124} {top - 8}L{x + 166} {top - 8}",   # arm
    ])
    return f


# care-flowchart.svg is drawn by the build (overrides/hooks/care_cards.py), not here.
FIGURES = (spine_disc, pain_map, saddle_area, lifting, sleeping)


def main() -> None:
    for lang in DOCS:
        out_dir(lang).mkdir(parents=True, exist_ok=True)
        for make in FIGURES:
            path = make(lang).write()
            print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
