"""Reporting periods: parsing, Bangkok bounds, the previous period, labels and Thai errors."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from messages_th.ita import error_text, period_label
from models import periods
from models.periods import PeriodError, parse


def bkk(y: int, m: int, d: int = 1) -> datetime:
    """Bangkok midnight of that Gregorian day, in UTC."""
    return datetime(y, m, d, tzinfo=periods.BANGKOK).astimezone(UTC)


@pytest.mark.parametrize("kind, text, start, end, months", [
    ("month", "2569-01", bkk(2026, 1), bkk(2026, 2), 1),
    ("month", "2568-12", bkk(2025, 12), bkk(2026, 1), 1),
    ("quarter", "2569-Q1", bkk(2025, 10), bkk(2026, 1), 3),
    ("quarter", "2569-q2", bkk(2026, 1), bkk(2026, 4), 3),
    ("quarter", "2569-Q4", bkk(2026, 7), bkk(2026, 10), 3),
    ("half", "2569-H1", bkk(2025, 10), bkk(2026, 4), 6),
    ("half", "2569-H2", bkk(2026, 4), bkk(2026, 10), 6),
    ("fy", "2569", bkk(2025, 10), bkk(2026, 10), 12),
])
def test_parse_and_bounds(kind, text, start, end, months):
    p = parse(kind, text)
    assert (p.start, p.end, len(p.months)) == (start, end, months)
    assert parse(kind, p.code) == p  # the code round-trips


def test_the_fiscal_year_starts_at_bangkok_midnight():
    fy = parse("fy", "2569")
    assert fy.start == datetime(2025, 9, 30, 17, tzinfo=UTC)
    late = datetime(2025, 9, 30, 23, 30, tzinfo=UTC)  # 06:30 on 1 October in Bangkok
    assert fy.start <= late < fy.end and periods.containing("fy", late) == fy
    assert periods.containing("month", late) == periods.month(2568, 10)
    assert periods.containing("quarter", late) == periods.quarter(2569, 1)
    assert periods.containing("half", datetime(2026, 4, 1, tzinfo=UTC)) == periods.half(2569, 2)
    assert fy.months[0] == (2568, 10) and fy.months[-1] == (2569, 9)


def test_previous_periods():
    assert parse("month", "2569-01").previous() == parse("month", "2568-12")
    assert parse("quarter", "2569-Q1").previous() == parse("quarter", "2568-Q4")
    assert parse("quarter", "2569-Q3").previous() == parse("quarter", "2569-Q2")
    assert parse("half", "2569-H1").previous() == parse("half", "2568-H2")
    assert parse("half", "2569-H2").previous() == parse("half", "2569-H1")
    assert parse("fy", "2569").previous() == parse("fy", "2568")


def test_slugs_and_labels():
    assert [parse(k, t).slug for k, t in (("month", "2569-1"), ("quarter", "2569Q2"), ("half", "2569-h1"),
                                         ("fy", "FY2569"))] == ["2569-01", "2569-q2", "2569-h1", "2569-fy"]
    assert period_label(parse("month", "2569-01")) == "เดือนมกราคม 2569"
    assert period_label(parse("quarter", "2569-Q1")) == "ไตรมาสที่ 1 ปีงบประมาณ 2569 (ตุลาคม 2568 – ธันวาคม 2568)"
    assert period_label(parse("half", "2569-H1")) == "ครึ่งปีแรก ปีงบประมาณ 2569 (ตุลาคม 2568 – มีนาคม 2569)"
    assert period_label(parse("fy", "2569")) == "ปีงบประมาณ 2569"


@pytest.mark.parametrize("kind, text, key, fragment", [
    ("month", "2026-01", "error.year", "2569"),  # a Gregorian year: say what the BE year is
    ("month", "2569-13", "error.month", "13"),
    ("month", "มกราคม", "error.format.month", "2569-01"),
    ("quarter", "2569-Q5", "error.format.quarter", "Q1"),
    ("half", "2569-H3", "error.format.half", "H1"),
    ("fy", "69", "error.format.fy", "2569"),
    ("week", "1", "error.kind", "week"),
])
def test_bad_input_gives_a_thai_message(kind, text, key, fragment):
    with pytest.raises(PeriodError) as info:
        parse(kind, text)
    assert info.value.key == key
    message = error_text(info.value)
    assert fragment in message and any("\u0e00" <= ch <= "\u0e7f" for ch in message)
