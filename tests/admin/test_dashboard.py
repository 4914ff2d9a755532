"""The dashboard at /admin/: its numbers for each role, officer scoping, corruption counts shown only to
`integrity`, and well-formed inline SVG charts. "Now" is fixed at 15 March 2569 (FY 2569)."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
from flask import template_rendered

from bot.admin import dashboard as dashboard_module
from models.db import session_scope
from tests.admin.conftest import make_staff
from tests.admin.dashboard_data import NOW, at, cases  # noqa: F401
from tests.models.stats_cases import add_case

SVG = "{http://www.w3.org/2000/svg}"


def page(client, url: str = "/admin/") -> tuple[str, dict]:
    """The page's HTML and the figures the template was given."""
    seen: list[dict] = []

    def record(_app, template, context, **_):
        if template.name == "admin/dashboard.html":
            seen.append(context["f"])

    with template_rendered.connected_to(record):
        resp = client.get(url)
    assert resp.status_code == 200
    return resp.get_data(as_text=True), seen[0]


def svgs(html: str) -> dict[str, ET.Element]:
    """Every inline <svg> of the page, parsed as XML (so a malformed one fails here), by id."""
    found = {}
    for text in re.findall(r"<svg\b.*?</svg>", html, flags=re.S):
        root = ET.fromstring(text)
        found[root.get("id")] = root
    return found


@pytest.mark.parametrize("role", ["admin", "executive", "integrity"])
def test_all_public_complaints_for_the_other_roles(as_role, cases, role):
    html, f = page(as_role(role))
    assert (f["total"], f["open"]) == (6, 3)
    assert (f["on_time"].answered, f["on_time"].within) == (3, 2)  # 4 and 2 days on time, 20 late
    assert f["median"] == pytest.approx(4.0)
    assert dict(f["by_status"])["รับเรื่องแล้ว"] == 2 and dict(f["by_status"])["ส่งต่อหน่วยงานอื่น"] == 1
    assert {d.name: d.count for d in f["by_division"]} == {"กองช่าง": 4, "กองสาธารณสุขและสิ่งแวดล้อม": 2}
    assert [c.ticket for c in f["oldest"]] == ["WORKS-5", "HEALTH-2", "WORKS-4", "WORKS-1"]
    this, last = f["this_month"], f["last_month"]
    assert (this["label"], this["received"], this["on_time"].share, this["median"]) == ("1–15 มี.ค. 69", 3, 1.0, 3.0)
    assert (last["label"], last["received"], last["on_time"].share, last["median"]) == ("1–15 ก.พ. 69", 1, 0.0, 20.0)
    assert f["months"][0] == ("เม.ย. 68", 0) and f["months"][-1] == ("มี.ค. 69", 3)
    assert [n for _, n in f["months"]] == [0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 3]
    assert 'id="key-received">6<' in html and 'id="key-on-time">66.7%<' in html and "4 วัน" in html
    assert 'id="this-month-received">3' in html and "(+2)" in html
    assert "ปีงบประมาณ 2569 (1 ตุลาคม 2568 – 30 กันยายน 2569)" in html
    assert 'href="/admin/cases/HEALTH-2"' in html and "HEALTH-1" not in html  # closed: not listed
    assert html.count('class="overdue"') == 3  # WORKS-5, HEALTH-2, WORKS-4; not WORKS-1


def test_an_officer_sees_only_their_division(as_role, cases):
    html, f = page(as_role("officer"))  # officer1 belongs to กองช่าง
    assert (f["total"], f["open"]) == (4, 2)
    assert (f["on_time"].answered, f["on_time"].within) == (2, 1)
    assert f["median"] == pytest.approx(12.0)  # the mean of 4 and 20, the two middle values
    assert [(d.key, d.count) for d in f["by_division"]] == [(cases["works"], 4)]
    assert [c.ticket for c in f["oldest"]] == ["WORKS-5", "WORKS-4", "WORKS-1"]
    assert f["this_month"]["received"] == 2 and f["last_month"]["received"] == 1
    assert [n for _, n in f["months"]] == [0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 2]
    assert "เฉพาะเรื่องของกองช่าง" in html
    assert "HEALTH" not in html and "กองสาธารณสุขและสิ่งแวดล้อม" not in html
    assert 'id="key-received">4<' in html and 'id="key-on-time">50%<' in html and "12 วัน" in html


def test_an_officer_without_a_division_is_refused(app, engine, cases):
    from tests.admin.conftest import login

    make_staff(engine, "lost1", "officer")
    client = app.test_client()
    login(client, "lost1")
    assert client.get("/admin/").status_code == 403


def test_corruption_counts_only_for_integrity(as_role, cases):
    html, f = page(as_role("integrity"))
    assert f["corruption"].received == 3 and f["corruption"].finished == 1 and f["corruption"].in_progress == 2
    assert 'id="corruption-received">3<' in html and 'id="corruption-in-progress">2<' in html
    assert "เรื่องร้องเรียนการทุจริตและประพฤติมิชอบ" in html
    assert "secret words" not in html and "CORR-" not in html  # counts only
    for role in ("admin", "officer", "executive"):
        html, f = page(as_role(role))
        assert "corruption" not in f
        assert 'id="corruption"' not in html and "การทุจริต" not in html and "CORR-" not in html


def test_no_corruption_reports_says_so(as_role, engine, monkeypatch):
    monkeypatch.setattr(dashboard_module, "utcnow", lambda: NOW)
    html, f = page(as_role("integrity"))
    assert f["corruption"].received == 0 and "ไม่มีเรื่องร้องเรียน" in html
    assert f["total"] == 0 and f["median"] is None and 'id="key-on-time">–<' in html
    assert "ยังไม่มีเรื่องในช่วงเวลานี้" in html and "ไม่มีเรื่องค้างดำเนินการ" in html


def test_charts_are_well_formed_svg_with_their_numbers(as_role, cases):
    html, f = page(as_role("executive"))
    charts = svgs(html)
    assert set(charts) == {"chart-months", "chart-categories"}
    months = charts["chart-months"]
    assert months.get("role") == "img" and months.get("aria-labelledby") == "chart-months-title"
    assert months.find(f"{SVG}title").text == "จำนวนเรื่องที่รับในแต่ละเดือน 12 เดือนล่าสุด"
    bars = months.findall(f"{SVG}g")
    assert len(bars) == 12 and len(months.findall(f".//{SVG}rect")) == 12
    assert bars[-1].find(f"{SVG}title").text == "มี.ค. 69: 3 เรื่อง"
    heights = [float(g.find(f"{SVG}rect").get("height")) for g in bars]
    assert heights[-1] == 150 and heights[-2] == pytest.approx(50) and heights[0] == 0  # 3 : 1 : 0
    assert [g.findall(f"{SVG}text")[0].text for g in bars] == [str(n) for _, n in f["months"]]
    # The same numbers as a table, for screen readers and print.
    table = html[html.index('id="months-table"'):]
    table = table[:table.index("</table>")]
    assert re.findall(r"<td>(\d+)</td>", table) == [str(n) for _, n in f["months"]]
    categories = charts["chart-categories"]
    assert categories.find(f"{SVG}title").text == "จำนวนเรื่องแยกตามประเภท"
    bars = {g.find(f"{SVG}text").text: g.findall(f"{SVG}text")[1].text for g in categories.findall(f"{SVG}g")}
    assert bars == {"ยังไม่ระบุประเภท": "2", "ถนน/ทางเท้า": "2", "ไฟฟ้าสาธารณะ": "1", "ขยะ/ความสะอาด": "1"}
    assert "<script" not in html and "cdn" not in html.lower()


def test_a_past_fiscal_year(as_role, cases):
    html, f = page(as_role("admin"), "/admin/?fy=2568")
    assert f["total"] == 1 and "ปีงบประมาณ 2568 (1 ตุลาคม 2567 – 30 กันยายน 2568)" in html
    _, f = page(as_role("admin"), "/admin/?fy=1999")  # not offered: the current year instead
    assert f["total"] == 6


def test_this_month_is_compared_with_the_same_days_of_last_month(as_role, engine, cases):
    """15 March against 1-15 February: a case of 20 February is not in the comparison (it would make
    half a month look like a fall against a whole one), and the columns say which days they are."""
    with session_scope(engine) as s:
        add_case(s, at(2026, 2, 20), "received", division=cases["works"], ticket="WORKS-LATE-FEB")
        add_case(s, at(2026, 2, 28), "received", division=cases["works"], ticket="WORKS-END-FEB")
    html, f = page(as_role("admin"))
    assert f["last_month"]["received"] == 1 and f["this_month"]["received"] == 3
    assert "1–15 มี.ค. 69" in html and "1–15 ก.พ. 69" in html and "วันเดียวกันของเดือนก่อน" in html


def test_the_end_of_a_long_month_is_compared_with_all_of_a_short_one(as_role, engine, cases, monkeypatch):
    monkeypatch.setattr(dashboard_module, "utcnow", lambda: datetime(2026, 3, 31, 10, 0, tzinfo=UTC))
    with session_scope(engine) as s:
        add_case(s, at(2026, 2, 28), "received", division=cases["works"], ticket="WORKS-END-FEB")
    _, f = page(as_role("admin"))
    assert f["last_month"]["label"] == "1–28 ก.พ. 69" and f["last_month"]["received"] == 2
    assert f["this_month"]["label"] == "1–31 มี.ค. 69"
