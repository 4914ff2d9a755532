"""The raw-row columns of complaints (models/case_row.py) equal the computation from their timestamps
after every kind of change: new cases, status changes through the lifecycle (closing, reopening, the
citizen's "not fixed yet"), edited times, deletions, cases around Bangkok midnight and around the
15-day deadline; and filling them in one UPDATE (after a bulk load) gives the same values."""
from __future__ import annotations

from ast import literal_eval
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select, text, update

from models import case_row, lifecycle
from models.complaint import Case
from models.db import read_scope, session_scope
from models.enums import DEADLINE_DAYS, OPEN_STATUSES, CaseStatus
from models.periods import FISCAL_YEAR, MONTH, parse
from models.stats import ANSWERED_STATUSES
from models.stats_rows import complaint_rows, complaint_rows_computed
from tests.models.stats_cases import add_case, change_cases

BOUNDARY = datetime(2025, 10, 31, 17, 0, tzinfo=UTC)  # 1 November 2568 00:00 in Bangkok
PERIODS = [parse(FISCAL_YEAR, "2569"), parse(FISCAL_YEAR, "2568"), parse(MONTH, "2568-11")]
STAFF = lifecycle.Actor("tester", None)
COLUMNS = ("received_day", "closed_day", "handling_days", "on_time")


def _stored(conn) -> list[tuple]:
    return [tuple(r) for r in conn.execute(select(Case.id, *(getattr(Case, c) for c in COLUMNS)).order_by(Case.id))]


def _assert_equal(engine) -> None:
    with read_scope(engine) as s:
        for period in PERIODS:
            assert list(complaint_rows(period, session=s)) == list(complaint_rows_computed(period, session=s)), period
    with engine.connect() as conn:  # the columns as the triggers left them, then filled again in one UPDATE
        kept = _stored(conn)
        case_row.fill(conn)
        assert _stored(conn) == kept
        conn.rollback()
    assert all(r[1] is not None for r in kept)


def test_statuses_are_the_enums_ones() -> None:
    assert set(literal_eval(case_row._OPEN)) == {s.value for s in OPEN_STATUSES}
    assert set(literal_eval(case_row._ANSWERED)) == {s.value for s in ANSWERED_STATUSES}
    assert case_row.DEADLINE_SECONDS == DEADLINE_DAYS * 86400


def test_columns_follow_every_change(engine) -> None:
    with session_scope(engine) as s:
        cases = [add_case(s, BOUNDARY - timedelta(microseconds=1)),  # the last moment of 31 October in Bangkok
                 add_case(s, BOUNDARY, "resolved", handled_days=DEADLINE_DAYS),  # on the deadline
                 add_case(s, BOUNDARY + timedelta(days=2), "resolved", handled_days=DEADLINE_DAYS + 1e-6),
                 add_case(s, BOUNDARY - timedelta(days=3), "rejected", handled_days=2.25),
                 add_case(s, BOUNDARY + timedelta(hours=5), "cancelled", handled_days=1),
                 add_case(s, datetime(2026, 9, 30, 16, 59, 59, 999000, tzinfo=UTC), "forwarded", handled_days=0.05)]
        s.flush()
        ids = [c.id for c in cases]
    _assert_equal(engine)
    with read_scope(engine) as s:
        on_time = dict(s.execute(select(Case.id, Case.on_time)).all())
    assert [on_time[i] for i in ids] == [None, 1, 0, 1, None, 1]

    with session_scope(engine) as s:
        lifecycle.change_status(s.get(Case, ids[0]), CaseStatus.RESOLVED, STAFF, session=s)
        lifecycle.change_status(s.get(Case, ids[1]), CaseStatus.IN_PROGRESS, STAFF, session=s)  # reopened by staff
    _assert_equal(engine)
    with session_scope(engine) as s:
        lifecycle.reopen(s.get(Case, ids[0]), "still broken", session=s)  # the citizen: not fixed yet
        s.execute(update(Case).where(Case.id == ids[3]).values(created_at=BOUNDARY - timedelta(days=40)))
        s.execute(update(Case).where(Case.id == ids[2]).values(description="***", reporter_line_id=None))
        s.execute(delete(Case).where(Case.id == ids[4]))
    _assert_equal(engine)
    with read_scope(engine) as s:
        assert s.execute(text("SELECT count(*) FROM complaint WHERE closed_day IS NOT NULL")).scalar_one() == 3


_moment = st.builds(lambda d, us: BOUNDARY + timedelta(days=d, microseconds=us),
                    st.integers(-40, 40), st.integers(0, 86_400_000_000 - 1))
_handled = st.one_of(st.none(), st.floats(0, 40), st.sampled_from([DEADLINE_DAYS, 0.0, 0.05, 0.95, 2.5]))
_case = st.tuples(_moment, st.sampled_from([s.value for s in CaseStatus]), _handled)
_change = st.tuples(st.integers(0, 30), st.sampled_from(["status", "closed", "created", "delete"]),
                    st.sampled_from([s.value for s in CaseStatus]), _handled)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cases=st.lists(_case, min_size=1, max_size=30), changes=st.lists(_change, max_size=10))
def test_columns_equal_the_computation(engine, cases, changes) -> None:
    with session_scope(engine) as s:
        s.execute(delete(Case))
        made = [add_case(s, at, status, handled_days=days) for at, status, days in cases]
        s.flush()
        ids = [c.id for c in made]
    with session_scope(engine) as s:
        change_cases(s, ids, changes)
    _assert_equal(engine)
