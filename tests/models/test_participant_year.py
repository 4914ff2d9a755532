"""The yearly participants' rollup (models/participant_year.py) equals the full computation over the
complaints, survey responses, inquiries and suggestions after new rows, changed accounts and times
(the privacy purge blanks an account), deletions, rows around the fiscal year's and the months'
Bangkok boundaries; and the distinct accounts of a month, quarter, half or year read from it equal
the ones counted from the rows. (The chats' rows are checked by tests/models/test_chat_month.py.)"""
from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from models import participant_year
from models.complaint import Case
from models.db import read_scope, session_scope
from models.inquiry import Inquiry
from models.participant_year import ParticipantYear, fiscal_month
from models.periods import FISCAL_YEAR, HALF, MONTH, QUARTER, Period, parse
from models.stats_participation import people_from_rows
from models.suggestion import Suggestion
from models.survey import SurveyResponse

# 30 September 2025 17:00 UTC is 1 October 2568 00:00 in Bangkok: fiscal year 2569 begins.
BOUNDARY = datetime(2025, 9, 30, 17, 0, tzinfo=UTC)
PERIODS = [parse(FISCAL_YEAR, "2569"), parse(FISCAL_YEAR, "2568"), parse(MONTH, "2568-10"), parse(MONTH, "2568-09"),
           parse(QUARTER, "2569-Q1"), parse(HALF, "2569-H1"), parse(MONTH, "2568-11")]
USERS = [None, "Ua", "Ub", "Uc"]
KINDS = {"complaint": (Case, "reporter_line_id", "created_at"), "survey": (SurveyResponse, "line_user_id", "created_at"),
         "inquiry": (Inquiry, "line_user_id", "asked_at"), "suggestion": (Suggestion, "line_user_id", "created_at")}
_tickets = itertools.count(1)


def _make(kind: str, who: str | None, at: datetime):
    n = next(_tickets)
    if kind == "complaint":
        return Case(ticket=f"P{n:06d}", status="received", description="x", reporter_line_id=who, created_at=at)
    if kind == "survey":
        return SurveyResponse(line_user_id=who, created_at=at)
    if kind == "inquiry":
        return Inquiry(line_user_id=who, question="x", asked_at=at)
    return Suggestion(ticket=f"S{n:06d}", text="x", line_user_id=who, created_at=at)


def _rows(conn) -> list[tuple]:
    return sorted(tuple(r) for r in conn.execute(select(*ParticipantYear.__table__.c)).all())


def _assert_equal(engine) -> None:
    with engine.connect() as conn:  # the table as the triggers left it, then counted again from scratch
        kept = _rows(conn)
        participant_year.rebuild(conn)
        assert _rows(conn) == kept
        conn.rollback()
    with read_scope(engine) as s:
        for period in PERIODS:
            found = participant_year.people(period, list(KINDS), session=s)
            assert found == {k: v for k, v in people_from_rows(period, session=s).items() if k in KINDS}, period


def test_fiscal_months() -> None:
    assert fiscal_month(2568, 10) == (2569, 1) and fiscal_month(2569, 9) == (2569, 12)
    assert fiscal_month(2569, 1) == (2569, 4) and fiscal_month(2568, 12) == (2569, 3)


def test_a_period_across_two_fiscal_years_is_left_to_the_rows(engine) -> None:
    across = Period(QUARTER, 2569, 1, (2568, 8))  # August to October 2568: no real period, but a caller's
    with read_scope(engine) as s:
        assert participant_year.people(across, ["complaint"], session=s) is None


_moment = st.builds(lambda d, us: BOUNDARY + timedelta(days=d, microseconds=us),
                    st.integers(-70, 100), st.integers(0, 86_400_000_000 - 1))
_row = st.tuples(st.sampled_from(list(KINDS)), st.sampled_from(USERS), _moment)
_change = st.tuples(st.integers(0, 40), st.sampled_from(["who", "at", "delete"]), st.sampled_from(USERS),
                    st.integers(-40, 40))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(_row, min_size=1, max_size=30), changes=st.lists(_change, max_size=10))
def test_rollup_equals_the_rows(engine, rows, changes) -> None:
    with session_scope(engine) as s:
        for model, _, _ in KINDS.values():
            s.execute(delete(model))
        made = [_make(kind, who, at) for kind, who, at in rows]
        s.add_all(made)
        s.flush()
        keys = [(type(m), m.id, kind) for m, (kind, _, _) in zip(made, rows)]
    _assert_equal(engine)
    with session_scope(engine) as s:
        for pick, what, who, days in changes:
            model, key, kind = keys[pick % len(keys)]
            row = s.get(model, key)
            if row is None:
                continue
            _, who_column, at_column = KINDS[kind]
            if what == "delete":
                s.delete(row)
            elif what == "who":
                setattr(row, who_column, who)
            else:
                setattr(row, at_column, getattr(row, at_column) + timedelta(days=days))
            s.flush()
    _assert_equal(engine)
