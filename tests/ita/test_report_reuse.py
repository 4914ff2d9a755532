"""The report takes a period's key figures and every service's monthly uses from the summaries it
has computed already: they must equal the figures counted on their own (key_figures and
participation_summary without anything known), for every kind of period."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.ita.report import build_report, key_figures
from models import periods
from models.db import read_scope
from models.stats_participation import participation_summary
from models.stats_survey import ScoreMap
from tests.ita import data as ita_data


@pytest.mark.parametrize("period", [periods.fiscal_year(2569), periods.fiscal_year(2568), periods.quarter(2569, 1),
                                    periods.half(2569, 2), periods.month(2568, 11)], ids=lambda p: p.slug)
def test_reused_figures_equal_the_ones_counted_alone(engine, period) -> None:
    ita_data.create(engine)
    with read_scope(engine) as s:
        report = build_report(period, session=s, municipality="x", scores=ScoreMap(), now=datetime.now(UTC))
        assert report.key == key_figures(period, ScoreMap(), session=s)
        assert report.participation == participation_summary(period, session=s)
    if period == periods.fiscal_year(2569):  # the data's year has some of each: the checks above compared something
        assert report.key.inquiries and report.key.suggestions and report.key.responses
        assert all(p.people for p in report.participation.participation)
