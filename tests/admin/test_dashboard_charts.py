"""bot/admin/charts.py: the SVG parses as XML whatever the data, bars scale to the largest value."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from bot.admin.charts import WIDTH, Bar, Series, bar_chart, column_chart, grouped_column_chart

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup) -> ET.Element:
    root = ET.fromstring(str(markup))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    return root


def test_columns_scale_to_the_largest_value():
    root = parse(column_chart("c", "ต่อเดือน", [Bar("ต.ค.", 2, "2568"), Bar("พ.ย.", 8, "2568"), Bar("ธ.ค.", 0)]))
    assert root.find(f"{SVG}title").text == "ต่อเดือน" and root.get("aria-labelledby") == "c-title"
    rects = root.findall(f".//{SVG}rect")
    assert [float(r.get("height")) for r in rects] == [37.5, 150, 0]
    xs = [float(r.get("x")) for r in rects]
    assert xs == sorted(xs) and xs[-1] + float(rects[-1].get("width")) <= WIDTH
    # every bar: its own title, its number and its label; the year where it begins (once per year:
    # one under every month would overlap at a size a phone can show)
    texts = [[t.text for t in g.findall(f"{SVG}text")] for g in root.findall(f"{SVG}g")]
    assert texts == [["2", "ต.ค.", "2568"], ["8", "พ.ย."], ["0", "ธ.ค."]]
    assert root.findall(f"{SVG}g")[1].find(f"{SVG}title").text == "พ.ย.: 8"


def test_all_zero_or_no_bars_draws_without_dividing_by_zero():
    assert [r.get("height") for r in parse(column_chart("z", "t", [Bar("a", 0), Bar("b", 0)])).iter(f"{SVG}rect")] \
        == ["0", "0"]
    assert parse(column_chart("e", "t", [])).findall(f".//{SVG}rect") == []
    assert parse(bar_chart("e", "t", [])).findall(f".//{SVG}rect") == []


def test_lying_bars_and_escaped_labels():
    root = parse(bar_chart("b", 'ประเภท <"&">', [Bar("ถนน <ทางเท้า> & ไฟ", 4, tooltip="ถนน: 4 เรื่อง"),
                                                Bar("ขยะ", 1)]))
    assert root.find(f"{SVG}title").text == 'ประเภท <"&">'
    first, second = root.findall(f"{SVG}g")
    assert first.find(f"{SVG}text").text == "ถนน <ทางเท้า> & ไฟ"
    assert first.find(f"{SVG}title").text == "ถนน: 4 เรื่อง"
    widths = [float(g.find(f"{SVG}rect").get("width")) for g in (first, second)]
    assert widths[0] == WIDTH - 48 and widths[1] == (WIDTH - 48) / 4
    assert float(root.get("height")) == 2 * 42 + 4


def test_no_text_is_smaller_than_a_phone_can_show():
    """The 360-unit charts are drawn about 325 px wide on a 390 px phone: 13 units is about 11.7 px
    (test_dashboard_browser measures it in a real browser)."""
    months = [(m, "2569" if i < 3 else "2570") for i, m in enumerate(["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค."] * 3)]
    charts = [column_chart("c", "t", [Bar(m, 120 + i, y) for i, (m, y) in enumerate(months)]),
              bar_chart("b", "t", [Bar("ถนน", 4)]),
              grouped_column_chart("g", "t", months, [Series("รับ", [1200] * 12), Series("เสร็จ", [7] * 12)])]
    for chart in charts:
        sizes = [float(t.get("font-size")) for t in parse(chart).iter(f"{SVG}text")]
        assert sizes and min(sizes) >= 13, sizes
    grouped = parse(charts[2])
    numbers = [t.text for t in grouped.iter(f"{SVG}text") if t.text and t.text[0].isdigit() and t.text != "2569"]
    assert "1,200" not in numbers and "7" in numbers  # a number wider than its bar is left to the table
