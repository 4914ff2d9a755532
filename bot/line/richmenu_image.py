"""Draws the rich menu image with Pillow: a 3x2 grid of coloured tiles, each with a simple icon
in a white circle, a large title and a smaller line under it, in Sarabun.

Made for elderly eyes: white bold text on dark tiles (high contrast), titles of at most two
short lines, the same places on every tile. The font comes from the fontpkg-sarabun package,
never from the network. Shapes are drawn at twice the size and scaled down for smooth edges;
text is drawn at full size afterwards (FreeType already smooths it, and raqm places Thai marks).
"""
from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterable
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont, features

WIDTH, HEIGHT = 2500, 1686  # LINE's full-size layout
COLUMNS, ROWS = 3, 2
GAP = 9  # white space around every tile so each reads as its own button
RADIUS = 40
BADGE = 250  # diameter of the white circle holding the icon
TITLE_SIZE, TITLE_MIN, SUB_SIZE = 120, 84, 64
SCALE = 2  # shapes are drawn this many times larger, then scaled down (anti-aliasing)
TEXT = "#FFFFFF"


class FontMissing(RuntimeError):
    """fontpkg-sarabun is not installed (or lacks the weight asked for)."""


def grid_cells(width: int = WIDTH, height: int = HEIGHT) -> list[tuple[int, int, int, int]]:
    """(x, y, w, h) of each cell, left to right, top row first; they tile the image exactly."""
    xs = [round(i * width / COLUMNS) for i in range(COLUMNS + 1)]
    ys = [round(j * height / ROWS) for j in range(ROWS + 1)]
    return [(xs[i], ys[j], xs[i + 1] - xs[i], ys[j + 1] - ys[j]) for j in range(ROWS) for i in range(COLUMNS)]


@lru_cache(maxsize=16)
def font(size: int, weight: int = 700) -> ImageFont.FreeTypeFont:
    try:
        import fontpkg

        path = fontpkg.path("Sarabun", weight=weight)
    except Exception as exc:
        raise FontMissing(str(exc)) from exc
    engine = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(path), size, layout_engine=engine)


def render(entries: Iterable[dict]) -> Image.Image:
    entries = list(entries)
    cells = grid_cells()
    shapes = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), "#FFFFFF")
    draw = ImageDraw.Draw(shapes)
    for entry, cell in zip(entries, cells):
        _draw_tile(draw, entry, [v * SCALE for v in cell])
    image = shapes.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    draw = ImageDraw.Draw(image)
    for entry, cell in zip(entries, cells):
        _draw_text(draw, entry, cell)
    return image


def to_png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")  # optimize=True saves ~1% and triples the time
    return out.getvalue()


def _badge_center(x: int, y: int, w: int, s: int = 1) -> tuple[int, int]:
    return x + w // 2, y + (GAP + 40) * s + BADGE * s // 2


def _draw_tile(draw: ImageDraw.ImageDraw, entry: dict, cell: list[int]) -> None:
    x, y, w, h = cell
    gap = GAP * SCALE
    draw.rounded_rectangle((x + gap, y + gap, x + w - gap, y + h - gap), RADIUS * SCALE, fill=entry["color"])
    cx, cy = _badge_center(x, y, w, SCALE)
    r = BADGE * SCALE // 2
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill="#FFFFFF")
    side = int(r * 1.2)  # the icon's square inside the circle
    ICONS[entry["icon"]](draw, (cx - side // 2, cy - side // 2, side), entry["color"])


def _draw_text(draw: ImageDraw.ImageDraw, entry: dict, cell: tuple[int, int, int, int]) -> None:
    x, y, w, h = cell
    room = w - 2 * GAP - 70
    size = _fitting_size(entry["lines"], room)
    title = font(size)
    step = int(size * 1.22)
    top = _badge_center(x, y, w)[1] + BADGE // 2  # below the circle
    sub_y = y + h - GAP - 66  # the small line sits near the bottom edge
    middle = (top + sub_y - SUB_SIZE // 2) // 2
    first = middle - step * (len(entry["lines"]) - 1) // 2
    for i, line in enumerate(entry["lines"]):
        draw.text((x + w // 2, first + i * step), line, font=title, fill=TEXT, anchor="mm")
    sub = font(SUB_SIZE, 500)
    draw.text((x + w // 2, sub_y), entry["sub"], font=sub, fill=TEXT, anchor="mm")


def _fitting_size(lines: Iterable[str], room: int) -> int:
    """The title size: as large as allowed, smaller only when a line would not fit the tile."""
    size = TITLE_SIZE
    while size > TITLE_MIN and max(font(size).getlength(line) for line in lines) > room:
        size -= 4
    return size


# --- icons: each draws in a square (left, top, side) in the tile's colour --------------------

def _megaphone(d: ImageDraw.ImageDraw, box: tuple[int, int, int], c: str) -> None:
    x, y, s = box
    p = lambda fx, fy: (x + fx * s, y + fy * s)  # noqa: E731 - fractions of the square
    d.rectangle((*p(0.04, 0.38), *p(0.24, 0.62)), fill=c)
    d.polygon([p(0.22, 0.36), p(0.66, 0.12), p(0.66, 0.88), p(0.22, 0.64)], fill=c)
    d.polygon([p(0.20, 0.60), p(0.36, 0.60), p(0.42, 0.92), p(0.28, 0.92)], fill=c)
    for radius in (0.16, 0.30):
        cx, cy = p(0.70, 0.50)
        r = radius * s
        d.arc((cx - r, cy - r, cx + r, cy + r), -45, 45, fill=c, width=int(0.07 * s))


def _shield(d: ImageDraw.ImageDraw, box: tuple[int, int, int], c: str) -> None:
    x, y, s = box
    p = lambda fx, fy: (x + fx * s, y + fy * s)  # noqa: E731
    d.polygon([p(0.5, 0.0), p(0.92, 0.16), p(0.88, 0.56), p(0.5, 1.0), p(0.12, 0.56), p(0.08, 0.16)], fill=c)
    d.rounded_rectangle((*p(0.43, 0.18), *p(0.57, 0.60)), int(0.06 * s), fill="#FFFFFF")
    d.ellipse((*p(0.42, 0.67), *p(0.58, 0.83)), fill="#FFFFFF")


def _magnifier(d: ImageDraw.ImageDraw, box: tuple[int, int, int], c: str) -> None:
    x, y, s = box
    p = lambda fx, fy: (x + fx * s, y + fy * s)  # noqa: E731
    d.line([p(0.60, 0.60), p(0.90, 0.90)], fill=c, width=int(0.16 * s))
    d.ellipse((*p(0.82, 0.82), *p(0.98, 0.98)), fill=c)  # a rounded end of the handle
    d.ellipse((*p(0.04, 0.04), *p(0.72, 0.72)), outline=c, width=int(0.12 * s))


def _question(d: ImageDraw.ImageDraw, box: tuple[int, int, int], c: str) -> None:
    x, y, s = box
    p = lambda fx, fy: (x + fx * s, y + fy * s)  # noqa: E731
    d.rounded_rectangle((*p(0.0, 0.06), *p(1.0, 0.76)), int(0.2 * s), fill=c)
    d.polygon([p(0.20, 0.70), p(0.46, 0.70), p(0.14, 0.98)], fill=c)
    d.text(p(0.5, 0.41), "?", font=font(int(0.62 * s)), fill="#FFFFFF", anchor="mm")


def _star(d: ImageDraw.ImageDraw, box: tuple[int, int, int], c: str) -> None:
    x, y, s = box
    cx, cy, outer, inner = x + s / 2, y + s * 0.54, s * 0.52, s * 0.22
    points = []
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        angle = math.radians(-90 + 36 * i)
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    d.polygon(points, fill=c)


def _bulb(d: ImageDraw.ImageDraw, box: tuple[int, int, int], c: str) -> None:
    x, y, s = box
    p = lambda fx, fy: (x + fx * s, y + fy * s)  # noqa: E731
    d.ellipse((*p(0.17, 0.0), *p(0.83, 0.66)), fill=c)
    d.polygon([p(0.28, 0.52), p(0.72, 0.52), p(0.64, 0.74), p(0.36, 0.74)], fill=c)
    d.rounded_rectangle((*p(0.35, 0.77), *p(0.65, 0.85)), int(0.03 * s), fill=c)
    d.rounded_rectangle((*p(0.39, 0.88), *p(0.61, 0.96)), int(0.03 * s), fill=c)
    d.arc((*p(0.30, 0.13), *p(0.70, 0.53)), 190, 260, fill="#FFFFFF", width=int(0.05 * s))  # the shine


ICONS: dict[str, Callable[[ImageDraw.ImageDraw, tuple[int, int, int], str], None]] = {
    "megaphone": _megaphone, "shield": _shield, "magnifier": _magnifier,
    "question": _question, "star": _star, "bulb": _bulb,
}
