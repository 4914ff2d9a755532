"""models/stats.py on the test database (SQLite, or PostgreSQL with TEST_DATABASE_URL): every number
below is worked out by hand from the cases each test creates."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from models import stats
from models.complaint import Category, Division
from models.corruption import CorruptionReport
from models.db import read_scope, session_scope
from tests.models.stats_cases import add_case, ids

FY69 = stats.fiscal_year_bounds(2569)
OCT = datetime(2025, 10, 10, 3, 0, tzinfo=UTC)  # well inside October 2568 (Bangkok)


def query(engine, fn, *args, **kwargs):
    with read_scope(engine) as s:
        return fn(*args, session=s, **kwargs)


# ---- periods ---------------------------------------------------------------------------------------

def test_period_bounds_cut_at_bangkok_midnight():
    assert (datetime(2025, 9, 30, 17, tzinfo=UTC), datetime(2026, 9, 30, 17, tzinfo=UTC)) == FY69
    assert stats.month_bounds(2568, 10) == (datetime(2025, 9, 30, 17, tzinfo=UTC),
                                            datetime(2025, 10, 31, 17, tzinfo=UTC))
    assert stats.month_bounds(2568, 12)[1] == datetime(2025, 12, 31, 17, tzinfo=UTC)  # into 2569
    assert stats.months_bounds(2568, 10, 6)[1] == stats.month_bounds(2569, 4)[0]  # Oct-Mar half
    assert stats.shift_month(2569, 1, -1) == (2568, 12) and stats.shift_month(2568, 12, 13) == (2570, 1)
    late = datetime(2025, 9, 30, 23, 30, tzinfo=UTC)  # 06:30 on 1 Oct in Bangkok
    assert stats.bangkok_month_of(late) == (2568, 10) and stats.fiscal_year_of(late) == 2569
    assert stats.fiscal_year_of(late - timedelta(hours=7)) == 2568
    with pytest.raises(ValueError):
        stats.month_bounds(2568, 13)


def test_a_case_late_on_30_september_utc_belongs_to_the_next_fiscal_year(engine):
    with session_scope(engine) as s:
        add_case(s, datetime(2025, 9, 30, 23, 30, tzinfo=UTC))  # 1 Oct 2568, Bangkok: FY 2569
        add_case(s, datetime(2025, 9, 30, 16, 59, 59, tzinfo=UTC))  # 23:59:59 on 30 Sep: FY 2568
        add_case(s, datetime(2026, 9, 30, 16, 59, 59, tzinfo=UTC))  # the last second of FY 2569
        add_case(s, datetime(2026, 9, 30, 17, 0, tzinfo=UTC))  # the first second of FY 2570
    assert sum(query(engine, stats.count_by_status, *FY69).values()) == 2
    assert sum(query(engine, stats.count_by_status, *stats.fiscal_year_bounds(2568)).values()) == 1
    assert sum(query(engine, stats.count_by_status, *stats.fiscal_year_bounds(2570)).values()) == 1
    months = query(engine, stats.received_per_month, *FY69)
    assert months[0] == (2568, 10, 1) and months[-1] == (2569, 9, 1) and len(months) == 12
    assert sum(n for _, _, n in months) == 2


def test_an_empty_period(engine):
    with session_scope(engine) as s:
        add_case(s, OCT, "resolved", handled_days=2)
        s.add(CorruptionReport(ticket="C1", description="x", created_at=OCT))
    empty = stats.month_bounds(2569, 3)
    assert set(query(engine, stats.count_by_status, *empty).values()) == {0}
    assert query(engine, stats.count_by_category, *empty) == []
    assert query(engine, stats.count_by_division, *empty) == []
    assert query(engine, stats.received_per_month, *empty) == [(2569, 3, 0)]
    timeliness = query(engine, stats.answered_on_time, *empty)
    assert (timeliness.answered, timeliness.within, timeliness.share) == (0, 0, None)
    assert query(engine, stats.median_handling_days, *empty) is None
    assert query(engine, stats.corruption_counts, *empty) == stats.CorruptionCounts(0, 0, 0)


def test_counts_by_status_category_and_division(engine):
    road, light, rubbish = ids(engine, Category, "ถนน/ทางเท้า", "ไฟฟ้าสาธารณะ", "ขยะ/ความสะอาด")
    works, health = ids(engine, Division, "กองช่าง", "กองสาธารณสุขและสิ่งแวดล้อม")
    with session_scope(engine) as s:
        for status in ("received", "received", "in_progress", "resolved", "cancelled"):
            add_case(s, OCT, status, category=road, division=works)
        add_case(s, OCT, "received", category=light, division=works)
        add_case(s, OCT, "forwarded", category=rubbish, division=health)
        add_case(s, OCT, "received")  # neither category nor division yet
        add_case(s, OCT - timedelta(days=30), "received", category=road, division=works)  # FY 2568
    by_status = query(engine, stats.count_by_status, *FY69)
    assert list(by_status) == ["received", "in_progress", "resolved", "forwarded", "rejected", "cancelled"]
    assert by_status == {"received": 4, "in_progress": 1, "resolved": 1, "forwarded": 1, "rejected": 0,
                         "cancelled": 1}
    by_category = query(engine, stats.count_by_category, *FY69)
    assert by_category[0] == stats.Count(road, "ถนน/ทางเท้า", 5)  # most first
    assert {c.key: c.count for c in by_category} == {road: 5, light: 1, rubbish: 1, None: 1}
    by_division = query(engine, stats.count_by_division, *FY69)
    assert by_division[0] == stats.Count(works, "กองช่าง", 6)
    assert {c.key: c.count for c in by_division} == {works: 6, health: 1, None: 1}
    # An officer's scope: one division only.
    scoped = query(engine, stats.count_by_status, *FY69, division_id=health)
    assert scoped["forwarded"] == 1 and sum(scoped.values()) == 1
    assert query(engine, stats.count_by_category, *FY69, division_id=health) == [
        stats.Count(rubbish, "ขยะ/ความสะอาด", 1)]


def test_received_per_month_in_bangkok_months(engine):
    works, = ids(engine, Division, "กองช่าง")
    with session_scope(engine) as s:
        add_case(s, datetime(2025, 10, 31, 16, 59, tzinfo=UTC), division=works)  # 23:59 31 Oct Bangkok
        add_case(s, datetime(2025, 10, 31, 17, 0, tzinfo=UTC), division=works)  # 00:00 1 Nov Bangkok
        add_case(s, datetime(2025, 11, 20, tzinfo=UTC))
        add_case(s, datetime(2026, 1, 5, tzinfo=UTC), division=works)
    start, end = stats.months_bounds(2568, 10, 4)
    assert query(engine, stats.received_per_month, start, end) == [
        (2568, 10, 1), (2568, 11, 2), (2568, 12, 0), (2569, 1, 1)]
    assert query(engine, stats.received_per_month, start, end, division_id=works) == [
        (2568, 10, 1), (2568, 11, 1), (2568, 12, 0), (2569, 1, 1)]


def test_answered_within_15_days(engine):
    with session_scope(engine) as s:
        add_case(s, OCT, "resolved", handled_days=15)  # exactly 15 days: on time
        add_case(s, OCT, "forwarded", closed=OCT + timedelta(days=15, seconds=1))  # one second late
        add_case(s, OCT, "rejected", handled_days=0.5)
        add_case(s, OCT, "resolved", handled_days=40)
        add_case(s, OCT, "cancelled", handled_days=1)  # the citizen cancelled: not an answer
        add_case(s, OCT, "in_progress")  # not answered yet
        add_case(s, OCT, "received", handled_days=3)  # reopened once: open now, so not answered
    timeliness = query(engine, stats.answered_on_time, *FY69)
    assert (timeliness.answered, timeliness.within) == (4, 2)
    assert timeliness.share == pytest.approx(0.5)


@pytest.mark.parametrize("days, median", [
    ([7.0], 7.0),
    ([1.0, 2.0, 10.0], 2.0),  # odd: the middle one
    ([10.0, 1.0, 3.0, 2.0], 2.5),  # even: the mean of the two middle ones, whatever the insert order
    ([0.25, 0.25, 30.0, 30.0, 4.5, 4.5], 4.5),
])
def test_median_handling_days(engine, days, median):
    works, clerk = ids(engine, Division, "กองช่าง", "สำนักปลัดเทศบาล")
    with session_scope(engine) as s:
        for d in days:
            add_case(s, OCT, "resolved", handled_days=d, division=works)
        add_case(s, OCT, "cancelled", handled_days=100, division=works)  # not answered: left out
        add_case(s, OCT, "resolved", handled_days=500, division=clerk)  # another division
        add_case(s, OCT - timedelta(days=60), "resolved", handled_days=900, division=works)  # FY 2568
    assert query(engine, stats.median_handling_days, *FY69, division_id=works) == pytest.approx(median)
    everyone = sorted(days + [500.0])
    mid = len(everyone) // 2
    expected = everyone[mid] if len(everyone) % 2 else (everyone[mid - 1] + everyone[mid]) / 2
    assert query(engine, stats.median_handling_days, *FY69) == pytest.approx(expected)


def test_oldest_open_cases(engine):
    works, health = ids(engine, Division, "กองช่าง", "กองสาธารณสุขและสิ่งแวดล้อม")
    road, = ids(engine, Category, "ถนน/ทางเท้า")
    with session_scope(engine) as s:
        add_case(s, OCT - timedelta(days=400), "resolved", handled_days=1, ticket="DONE")  # closed: left out
        add_case(s, OCT - timedelta(days=300), "received", division=health, ticket="H1")
        add_case(s, OCT - timedelta(days=200), "in_progress", division=works, category=road, ticket="W1")
        add_case(s, OCT - timedelta(days=100), "received", division=works, ticket="W2")
        add_case(s, OCT, "received", division=works, ticket="W3")
    oldest = query(engine, stats.oldest_open, limit=3)
    assert [c.ticket for c in oldest] == ["H1", "W1", "W2"]
    assert (oldest[1].status, oldest[1].category, oldest[1].division) == ("in_progress", "ถนน/ทางเท้า", "กองช่าง")
    assert oldest[1].created_at == OCT - timedelta(days=200)
    assert [c.ticket for c in query(engine, stats.oldest_open, division_id=works)] == ["W1", "W2", "W3"]


def test_corruption_counts(engine):
    with session_scope(engine) as s:
        for n, status in enumerate(("received", "in_progress", "resolved", "rejected", "forwarded")):
            s.add(CorruptionReport(ticket=f"C{n}", status=status, description="x", created_at=OCT))
        s.add(CorruptionReport(ticket="OLD", description="x", created_at=datetime(2025, 9, 30, 16, tzinfo=UTC)))
        add_case(s, OCT)  # a public complaint is not a corruption report
    assert query(engine, stats.corruption_counts, *FY69) == stats.CorruptionCounts(
        received=5, finished=3, in_progress=2)
    assert query(engine, stats.corruption_counts, *stats.fiscal_year_bounds(2568)) == stats.CorruptionCounts(1, 0, 1)
