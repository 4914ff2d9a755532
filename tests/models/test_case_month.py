"""The complaint rollup (models/case_month.py) equals the full computation over the cases after every
kind of change: citizens' new cases and cancellations, staff status changes through the lifecycle
(closing, reopening, the citizen's "not fixed yet"), recategorising, anonymising, deletions, cases around Bangkok month boundaries
and around the 15-day deadline; and the ITA figures read from it equal the figures computed from the
cases, medians included."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select, text, update

from models import case_month, lifecycle
from models.case_month import CaseHandlingRow, CaseHandlingTimeRow, CaseMonthRow
from models.complaint import Case, Category, Division
from models.db import read_scope, session_scope
from models.enums import DEADLINE_DAYS, CaseStatus
from models.periods import FISCAL_YEAR, MONTH, QUARTER, parse
from models.stats_monthly import case_figures, case_figures_from_cases, case_totals
from tests.models.stats_cases import add_case, change_cases

# 31 October 2025 17:00 UTC is 1 November 2568 00:00 in Bangkok.
BOUNDARY = datetime(2025, 10, 31, 17, 0, tzinfo=UTC)
PERIODS = [parse(FISCAL_YEAR, "2569"), parse(MONTH, "2568-10"), parse(MONTH, "2568-11"), parse(QUARTER, "2569-Q1"),
           parse(FISCAL_YEAR, "2568")]
STAFF = lifecycle.Actor("tester", None)


def _tables(conn) -> dict[str, list]:
    return {m.__tablename__: sorted(tuple(r) for r in conn.execute(select(*m.__table__.c)).all())
            for m in (CaseMonthRow, CaseHandlingRow, CaseHandlingTimeRow)}


def _assert_equal(engine) -> None:
    with engine.connect() as conn:  # the tables as the triggers left them, then counted again from scratch
        kept = _tables(conn)
        case_month.rebuild(conn)
        counted = _tables(conn)
        conn.rollback()
    assert kept == counted
    with read_scope(engine) as s:
        for period in PERIODS:
            assert case_figures(period, session=s) == case_figures_from_cases(period, session=s), period
            assert case_totals(period, session=s) == case_figures_from_cases(period, session=s).total


def test_deadline_is_the_enums_one() -> None:
    assert case_month.DEADLINE_SECONDS == DEADLINE_DAYS * 86400


def test_rollup_follows_every_change(engine) -> None:
    with read_scope(engine) as s:
        category, other = s.execute(select(Category.id).order_by(Category.id).limit(2)).scalars().all()
        division = s.execute(select(Division.id).limit(1)).scalar_one()
    with session_scope(engine) as s:
        cases = [add_case(s, BOUNDARY - timedelta(microseconds=1), category=category, division=division),
                 add_case(s, BOUNDARY, "resolved", handled_days=DEADLINE_DAYS, category=category),  # on the deadline
                 add_case(s, BOUNDARY + timedelta(days=2), "resolved", handled_days=DEADLINE_DAYS + 1e-6),
                 add_case(s, BOUNDARY - timedelta(days=3), "rejected", handled_days=2.25, division=division),
                 add_case(s, BOUNDARY - timedelta(days=3), "rejected", handled_days=2.25, division=division),
                 add_case(s, BOUNDARY + timedelta(hours=5), "cancelled", handled_days=1),
                 add_case(s, datetime(2026, 9, 30, 16, 59, 59, 999000, tzinfo=UTC), "forwarded", handled_days=0.5),
                 add_case(s, datetime(2026, 9, 30, 17, 0, tzinfo=UTC), "resolved", handled_days=3)]  # next year's
        s.flush()
        ids = [c.id for c in cases]
    _assert_equal(engine)

    with session_scope(engine) as s:  # staff close, reopen and recategorise through the one lifecycle
        first, second = s.get(Case, ids[0]), s.get(Case, ids[1])
        lifecycle.change_status(first, CaseStatus.RESOLVED, STAFF, session=s)
        lifecycle.change_status(second, CaseStatus.IN_PROGRESS, STAFF, session=s)  # reopened
        lifecycle.recategorize(s.get(Case, ids[3]), STAFF, session=s, category_id=other)
    _assert_equal(engine)
    with session_scope(engine) as s:
        lifecycle.reopen(s.get(Case, ids[0]), "still broken", session=s)  # the citizen: not fixed yet
        lifecycle.change_status(s.get(Case, ids[1]), CaseStatus.FORWARDED, STAFF, session=s)
        s.execute(update(Case).where(Case.id == ids[2]).values(description="***", reporter_line_id=None))
        s.execute(update(Case).where(Case.id == ids[4]).values(division_id=None, category_id=category))
    _assert_equal(engine)
    with session_scope(engine) as s:
        s.execute(delete(Case).where(Case.id.in_([ids[5], ids[7]])))  # type: ignore[attr-defined]
    _assert_equal(engine)
    with read_scope(engine) as s:
        assert s.execute(text("SELECT sum(cases) FROM case_month")).scalar_one() == 6


# Times as a citizen or staff could make them: whole seconds, milliseconds, microseconds.
_moment = st.builds(lambda d, us: BOUNDARY + timedelta(days=d, microseconds=us),
                    st.integers(-40, 40), st.integers(0, 86_400_000_000 - 1))
_handled = st.one_of(st.none(), st.floats(0, 40), st.sampled_from([DEADLINE_DAYS, 0.0, 1.0, 2.5]))
_case = st.tuples(_moment, st.sampled_from([s.value for s in CaseStatus]), _handled, st.sampled_from([None, 1, 2]))
_change = st.tuples(st.integers(0, 30), st.sampled_from(["status", "closed", "created", "category", "delete"]),
                    st.sampled_from([s.value for s in CaseStatus]), _handled)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cases=st.lists(_case, min_size=1, max_size=30), changes=st.lists(_change, max_size=10))
# Two middle times whose mean (lo + hi) / 2 and PostgreSQL's percentile_cont (lo + 0.5 * (hi - lo))
# differ in the last bit (models/stats_sql.midpoint).
@example(cases=[(BOUNDARY, "received", None, None)] * 8 + [(BOUNDARY, "resolved", 1.4753482153111988, None),
                                                           (BOUNDARY, "resolved", 4.771025628968824, None)],
         changes=[])
def test_rollup_equals_the_cases(engine, cases, changes) -> None:
    with session_scope(engine) as s:
        s.execute(delete(Case))
        made = [add_case(s, at, status, handled_days=days, category=cat) for at, status, days, cat in cases]
        s.flush()
        ids = [c.id for c in made]
    with session_scope(engine) as s:
        change_cases(s, ids, changes)
    _assert_equal(engine)
