"""Bar charts drawn on the server as inline SVG: no JavaScript, no CDN, print as they look on screen.

Each chart is an <svg role="img"> named by its <title>, every bar carries its own <title> and its
number is written on the chart, so it reads without colour or hovering; the page shows the same
numbers in a table too. Sizes are in a 360-unit-wide viewBox, about a phone's width, so text keeps
roughly its stated size on a phone and grows only modestly on a desk. The ITA report's PDF draws
the same charts (WeasyPrint renders inline SVG); the font named on the <svg> is for it, the page's
own CSS wins in a browser.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

WIDTH = 360
BAR = "#0a7d3b"  # darker than the LINE green: enough contrast on white, also in greyscale print
INK = "#1f2328"
MUTED = "#59636e"
AXIS = "#8c959f"
SECOND = "#8fbf9f"  # the second series of a grouped chart: lighter, still apart from BAR in greyscale
FONT = "Sarabun, sans-serif"
# The smallest text, in viewBox units. A 390 px phone draws the 360-unit chart about 325 px wide, so
# 13 units are about 11.7 px there (smaller was unreadable: 9 units came out near 7 px on some pages).
TEXT = 13
DIGIT = 0.6  # width of a digit, in font sizes: whether a number fits above its bar


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # a count, or days / points (drawn with one decimal)
    sublabel: str = ""  # a second line under a column (the year under a month)
    tooltip: str = ""  # the bar's own <title>; the label and value when empty
    text: str = ""  # the number as written on the chart; from `value` when empty


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float] = field(default_factory=list)
    colour: str = BAR


def _num(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _svg(chart_id: str, title: str, height: float, body: list[str]) -> Markup:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{escape(chart_id)}" role="img" '
            f'aria-labelledby="{escape(chart_id)}-title" viewBox="0 0 {WIDTH} {_num(height)}" '
            f'width="{WIDTH}" height="{_num(height)}" font-family="{FONT}">'
            f'<title id="{escape(chart_id)}-title">{escape(title)}</title>')
    return Markup(head + "".join(body) + "</svg>")


def _shown(bar: Bar) -> str:
    if bar.text:
        return bar.text
    return f"{bar.value:,}" if isinstance(bar.value, int) else f"{bar.value:,.1f}"


def _sublabel(middle: str, base: float, text: str) -> str:
    """The year under a month, where the year begins (every month's would overlap at a legible size)."""
    return (f'<text x="{middle}" y="{_num(base + 29)}" text-anchor="middle" font-size="{TEXT}" '
            f'fill="{MUTED}">{escape(text)}</text>')


def _tip(bar: Bar) -> Markup:
    return escape(bar.tooltip or f"{bar.label}: {_shown(bar)}")


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
            f'<text x="{middle}" y="{_num(base - h - 5)}" text-anchor="middle" font-size="{TEXT}" '
            f'fill="{INK}">{escape(_shown(bar))}</text>'
            f'<text x="{middle}" y="{_num(base + 15)}" text-anchor="middle" font-size="{TEXT}" '
            f'fill="{INK}">{escape(bar.label)}</text>')
        if bar.sublabel and (i == 0 or bars[i - 1].sublabel != bar.sublabel):
            body.append(_sublabel(middle, base, bar.sublabel))
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
            f'<text x="{_num(length + 6)}" y="{_num(y + 34)}" font-size="13" fill="{INK}">{escape(_shown(bar))}</text>'
            "</g>")
    return _svg(chart_id, title, max(len(bars), 1) * row + 4, body)


def grouped_column_chart(chart_id: str, title: str, labels: list[tuple[str, str]], series: list[Series]) -> Markup:
    """Two or three series side by side per month (received and done), a legend on top, one line
    per series. `labels`: (label, sublabel) per group. Zeros get no number: a row of "0 0 0" only
    hides the months that matter (each bar's <title> still says it)."""
    line, pad, plot, bottom = 15.0, 4.0, 130.0, 34.0
    top = line * len(series) + 18
    highest = max((v for s in series for v in s.values), default=0) or 1
    slot = (WIDTH - 2 * pad) / max(len(labels), 1)
    width = slot * 0.8 / max(len(series), 1)
    base = top + plot
    body = [f'<line x1="{pad}" y1="{_num(base)}" x2="{WIDTH - pad}" y2="{_num(base)}" stroke="{AXIS}"/>']
    for j, s in enumerate(series):
        y = line * (j + 1)
        body.append(f'<g class="legend"><rect x="{pad}" y="{_num(y - 10)}" width="11" height="11" fill="{s.colour}"/>'
                    f'<text x="{_num(pad + 16)}" y="{_num(y)}" font-size="{TEXT}" fill="{INK}">'
                    f'{escape(s.name)}</text></g>')
    for i, (label, sub) in enumerate(labels):
        left = pad + i * slot + slot * 0.1
        middle = _num(pad + i * slot + slot / 2)
        body.append('<g class="bar">')
        for j, s in enumerate(series):
            value = s.values[i] if i < len(s.values) else 0
            h = plot * value / highest
            bx = left + j * width
            body.append(f'<rect x="{_num(bx)}" y="{_num(base - h)}" width="{_num(width)}" height="{_num(h)}" '
                        f'fill="{s.colour}"><title>{escape(f"{label} {sub} {s.name}: {value:,}")}</title></rect>')
            if value and len(f"{value:,}") * TEXT * DIGIT <= slot / len(series):  # else the table says it
                body.append(f'<text x="{_num(bx + width / 2)}" y="{_num(base - h - 3)}" text-anchor="middle" '
                            f'font-size="{TEXT}" fill="{INK}">{value:,}</text>')
        body.append(f'<text x="{middle}" y="{_num(base + 15)}" text-anchor="middle" font-size="{TEXT}" '
                    f'fill="{INK}">{escape(label)}</text>')
        if sub and (i == 0 or labels[i - 1][1] != sub):
            body.append(_sublabel(middle, base, sub))
        body.append("</g>")
    return _svg(chart_id, title, top + plot + bottom, body)
