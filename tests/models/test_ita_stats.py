"""The aggregates behind the ITA export, on the test database (SQLite, or PostgreSQL with
TEST_DATABASE_URL): the median helper, the score estimate with its configurable points,
and per-month buckets in Bangkok time."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import literal_column

from bot.settings import Settings
from models import periods, stats_monthly, stats_survey
from models.complaint import Case
from models.db import read_scope, session_scope
from models.score_points import parse_points
from models.stats_sql import median
from models.stats_survey import ScoreMap
from tests.ita import data as ita_data

FY = periods.fiscal_year(2569)


@pytest.mark.parametrize("days, expected", [([], None), ([3.0], 3.0), ([5.0, 1.0, 9.0], 5.0),
                                            ([8.0, 2.0, 4.0, 6.0], 5.0)])
def test_median_in_sql_per_group_and_overall(engine, days, expected):
    with session_scope(engine) as s:
        for n, d in enumerate(days):
            created = datetime(2025, 10 + n % 2, 5, tzinfo=UTC)
            s.add(Case(ticket=f"M{n}", description="x", status="resolved", created_at=created,
                       closed_at=created + timedelta(days=d)))
    with read_scope(engine) as s:
        dialect = s.get_bind().dialect.name
        from models.stats_sql import month_key, seconds_between

        seconds = seconds_between(Case.created_at, Case.closed_at, dialect)
        overall = median(s, seconds, [literal_column("1") == 1]).get(None)
        grouped = median(s, seconds, [literal_column("1") == 1], group=month_key(Case.created_at, dialect))
    assert (overall / 86400 if overall is not None else None) == (pytest.approx(expected) if expected else None)
    october = sorted(d for n, d in enumerate(days) if n % 2 == 0)
    if october:
        mid = len(october) // 2
        want = october[mid] if len(october) % 2 else (october[mid - 1] + october[mid]) / 2
        assert grouped["2025-10"] / 86400 == pytest.approx(want)


def test_score_estimate_uses_the_configured_points(engine):
    ita_data.create(engine)
    with read_scope(engine) as s:
        default = stats_survey.score_estimate(FY, ScoreMap(), session=s)
        custom = stats_survey.score_estimate(FY, ScoreMap(four=(0, 25, 75, 100), stars=(0, 0, 50, 100, 100)), session=s)
        empty = stats_survey.score_estimate(periods.month(2569, 3), ScoreMap(), session=s)
    assert {n: round(sc.score, 2) for n, sc in default.items()} == ita_data.SCORES
    assert {n: sc.answers for n, sc in default.items()} == {6: 2, 7: 2, 8: 2}
    assert custom[6].score == pytest.approx((100 + 25) / 2) and custom[7].score == pytest.approx((75 + 100) / 2)
    assert custom[8].score == pytest.approx((100 + 50) / 2)
    assert all(sc == stats_survey.Score(0, None) for sc in empty.values())


def test_score_points_are_validated_in_settings():
    assert parse_points("0, 33, 67, 100", 4) == (0.0, 33.0, 67.0, 100.0)
    for bad in ("0,33,67", "0,67,33,100", "0,33,67,101", "a,b,c,d"):
        with pytest.raises(ValueError):
            parse_points(bad, 4)
    settings = Settings(_env_file=None, ita_score_map="0,40,70,100")  # type: ignore[call-arg]
    assert settings.ita_four_points == (0, 40, 70, 100) and settings.ita_star_points == (0, 25, 50, 75, 100)
    with pytest.raises(ValueError):
        Settings(_env_file=None, ita_star_score_map="0,100")  # type: ignore[call-arg]


def test_survey_summary_per_question(engine):
    ita_data.create(engine)
    with read_scope(engine) as s:
        summary = stats_survey.survey_summary(FY, ScoreMap(), session=s)
    assert summary.responses == 2 and summary.per_month[:3] == [1, 1, 0]
    stars = next(q for q in summary.questions if q.scale == "stars")
    assert (stars.answers, stars.average, stars.score, stars.counts) == (2, 4.0, 75.0, (0, 0, 1, 0, 1))
    four = next(q for q in summary.questions if q.indicator == 6)
    assert four.counts == (0, 1, 0, 1) and four.service == "บริการรับเรื่องร้องเรียนทดสอบ"


def test_corruption_and_cases_by_bangkok_month(engine):
    ita_data.create(engine)
    with read_scope(engine) as s:
        figures = stats_monthly.case_figures(FY, session=s)
        totals = stats_monthly.case_totals(FY, session=s)
        corruption, c_total = stats_monthly.corruption_by_month(FY, session=s)
        median_days = stats_monthly.corruption_median_days(FY, session=s)
    months, total = figures.months, figures.total
    assert [m.received for m in months] == ita_data.FY_MONTHS_RECEIVED
    assert (total.received, total.answered, total.within, total.open) == (5, 3, 2, 2)
    assert total == totals and total.median_days == pytest.approx(2.0)  # the lighter query agrees
    assert months[1].median_days == pytest.approx(20.0) and months[0].median_days == pytest.approx(2.0)
    assert figures.by_status == {"received": 1, "in_progress": 1, "resolved": 2, "forwarded": 0, "rejected": 1,
                                 "cancelled": 0}
    assert [(c.name, c.count) for c in figures.by_division] == [("กองช่าง", 4), ("", 1)]
    assert [(r.name, r.total) for r in figures.categories] == [("ถนน/ทางเท้า", 2), ("ไฟฟ้าสาธารณะ", 2), ("", 1)]
    assert [m.received for m in corruption][:2] == [0, 2] and (c_total.finished, c_total.in_progress) == (1, 1)
    assert median_days == pytest.approx(10.0)
