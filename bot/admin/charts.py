"""Bar charts drawn on the server as inline SVG: no JavaScript, no CDN, print as they look on screen.

Each chart is an <svg role="img"> named by its <title>, every bar carries its own <title> and its
number is written on the chart, so it reads without colour or hovering; the page shows the same
numbers in a table too. Sizes are in a 360-unit-wide viewBox, about a phone's width, so text keeps
roughly its stated size on a phone and grows only modestly on a desk.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 360
BAR = "#0a7d3b"  # darker than the LINE green: enough contrast on white, also in greyscale print
INK = "#1f2328"
MUTED = "#59636e"
AXIS = "#8c959f"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    sublabel: str = ""  # a second line under a column (the year under a month)
    tooltip: str = ""  # the bar's own <title>; the label and value when empty


def _num(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _svg(chart_id: str, title: str, height: float, body: list[str]) -> Markup:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{escape(chart_id)}" role="img" '
            f'aria-labelledby="{escape(chart_id)}-title" viewBox="0 0 {WIDTH} {_num(height)}" '
            f'width="{WIDTH}" height="{_num(height)}">'
            f'<title id="{escape(chart_id)}-title">{escape(title)}</title>')
    return Markup(head + "".join(body) + "</svg>")


def _tip(bar: Bar) -> Markup:
    return escape(bar.tooltip or f"{bar.label}: {bar.value:,}")


def column_chart(chart_id: str, title: str, bars: list[Bar]) -> Markup:
    """Upright bars side by side (cases per month), the number above each, the label below."""
    top, plot, bottom, pad = 22.0, 150.0, 34.0, 4.0
    highest = max((b.value for b in bars), default=0) or 1  # all zero: flat bars, not a division by zero
    slot = (WIDTH - 2 * pad) / max(len(bars), 1)
    width = slot * 0.62
    base = top + plot
    body = [f'<line x1="{pad}" y1="{_num(base)}" x2="{WIDTH - pad}" y2="{_num(base)}" stroke="{AXIS}"/>']
    for i, bar in enumerate(bars):
        x = pad + i * slot + (slot - width) / 2
        middle = _num(x + width / 2)
        h = plot * bar.value / highest
        body.append(
            f'<g class="bar"><title>{_tip(bar)}</title>'
            f'<rect x="{_num(x)}" y="{_num(base - h)}" width="{_num(width)}" height="{_num(h)}" fill="{BAR}"/>'
            f'<text x="{middle}" y="{_num(base - h - 5)}" text-anchor="middle" font-size="12" '
            f'fill="{INK}">{bar.value:,}</text>'
            f'<text x="{middle}" y="{_num(base + 15)}" text-anchor="middle" font-size="12" '
            f'fill="{INK}">{escape(bar.label)}</text>')
        if bar.sublabel:
            body.append(f'<text x="{middle}" y="{_num(base + 29)}" text-anchor="middle" font-size="10" '
                        f'fill="{MUTED}">{escape(bar.sublabel)}</text>')
        body.append("</g>")
    return _svg(chart_id, title, top + plot + bottom, body)


def bar_chart(chart_id: str, title: str, bars: list[Bar]) -> Markup:
    """Lying bars, one per row, the label above its bar: long Thai category names fit on a phone."""
    row, room = 42.0, 48.0  # room: space right of the longest bar for its number
    highest = max((b.value for b in bars), default=0) or 1
    body = []
    for i, bar in enumerate(bars):
        y = i * row
        length = (WIDTH - room) * bar.value / highest
        body.append(
            f'<g class="bar"><title>{_tip(bar)}</title>'
            f'<text x="0" y="{_num(y + 15)}" font-size="14" fill="{INK}">{escape(bar.label)}</text>'
            f'<rect x="0" y="{_num(y + 22)}" width="{_num(length)}" height="14" fill="{BAR}"/>'
            f'<text x="{_num(length + 6)}" y="{_num(y + 34)}" font-size="13" fill="{INK}">{bar.value:,}</text>'
            "</g>")
    return _svg(chart_id, title, max(len(bars), 1) * row + 4, body)
