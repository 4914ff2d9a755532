"""Counts and handling times of public complaints, and corruption-report counts, computed by the database.

Shared by the admin dashboard and the ITA export. Every aggregation takes a period [start, end) as aware
UTC datetimes (build it with month_bounds / months_bounds / fiscal_year_bounds, which cut at Bangkok
midnight), counts the cases *received* in it (created_at), and an optional `division_id` (None: every
division). All grouping, counting and the median happen in SQL, so the cost does not grow with the
rows Python sees; only ids, names, statuses and dates are selected, never a citizen's words or contact.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, select
from sqlmodel import Session, col

from models.complaint import Case, Category, Division
from models.corruption import CorruptionReport
from models.enums import DEADLINE_DAYS, OPEN_STATUSES, CaseStatus
from models.periods import (  # noqa: F401  (the period helpers were born here; callers still import them from stats)
    BANGKOK,
    BE_OFFSET,
    bangkok_month_of,
    fiscal_year_bounds,
    fiscal_year_of,
    month_bounds,
    months_bounds,
    shift_month,
)
from models.stats_sql import dialect_of, key_of, median, month_key, seconds_between

# "Answered" (ITA indicator 6) means the municipality gave the citizen an outcome: solved it, sent it on
# to the agency in charge, or declined it with a reason. A citizen's own cancellation is not an answer,
# and open cases are not answered yet. Handling time = closed_at - created_at of an answered case.
ANSWERED_STATUSES = frozenset({CaseStatus.RESOLVED, CaseStatus.FORWARDED, CaseStatus.REJECTED})
DEADLINE_SECONDS = DEADLINE_DAYS * 86400
_OPEN = [s.value for s in OPEN_STATUSES]


@dataclass(frozen=True)
class Count:
    key: int | None  # category or division id; None when the case has none
    name: str  # its name ("" when key is None)
    count: int


@dataclass(frozen=True)
class Timeliness:
    answered: int  # answered cases received in the period
    within: int  # of those, answered within DEADLINE_DAYS

    @property
    def share(self) -> float | None:
        return self.within / self.answered if self.answered else None


@dataclass(frozen=True)
class OpenCase:  # what the dashboard lists: no description, name or contact
    ticket: str
    status: str
    created_at: datetime
    due_at: datetime | None
    category: str  # "" when none
    division: str


@dataclass(frozen=True)
class CorruptionCounts:
    received: int  # reports received in the period
    finished: int  # of those, in a closed status now
    in_progress: int  # of those, still open


def _received(stmt, start: datetime, end: datetime, division_id: int | None):
    stmt = stmt.where(Case.created_at >= start, Case.created_at < end)
    return stmt if division_id is None else stmt.where(Case.division_id == division_id)


def _answered():
    return and_(col(Case.status).in_([s.value for s in ANSWERED_STATUSES]), col(Case.closed_at).is_not(None))


def _handling_seconds(dialect: str):
    return seconds_between(Case.created_at, Case.closed_at, dialect)


def count_by_status(start: datetime, end: datetime, *, session: Session,
                    division_id: int | None = None) -> dict[str, int]:
    """Every status (in CaseStatus order, zeros included) -> cases received in the period."""
    stmt = _received(select(col(Case.status), func.count()).group_by(col(Case.status)), start, end, division_id)
    found = dict(session.execute(stmt).all())
    return {s.value: found.pop(s.value, 0) for s in CaseStatus} | found


def _count_by(key_col, table, name_col, start: datetime, end: datetime, session: Session,
              division_id: int | None) -> list[Count]:
    total = func.count(col(Case.id))
    stmt = (select(key_col, name_col, total).outerjoin(table, table.id == key_col)
            .group_by(key_col, name_col).order_by(total.desc(), name_col))
    rows = session.execute(_received(stmt, start, end, division_id)).all()
    return [Count(key=key, name=name or "", count=n) for key, name, n in rows]


def count_by_category(start: datetime, end: datetime, *, session: Session,
                      division_id: int | None = None) -> list[Count]:
    """Categories that received cases in the period, most first."""
    return _count_by(Case.category_id, Category, Category.name, start, end, session, division_id)


def count_by_division(start: datetime, end: datetime, *, session: Session,
                      division_id: int | None = None) -> list[Count]:
    """Divisions (where each case is now) of the cases received in the period, most first."""
    return _count_by(Case.division_id, Division, Division.name, start, end, session, division_id)


def received_per_month(start: datetime, end: datetime, *, session: Session,
                       division_id: int | None = None) -> list[tuple[int, int, int]]:
    """(Buddhist-era year, month, cases) for every Bangkok month from start's up to end, zeros included."""
    key = month_key(Case.created_at, dialect_of(session))
    found = dict(session.execute(_received(select(key, func.count()).group_by(key), start, end,
                                           division_id)).all())
    months, (be_year, month) = [], bangkok_month_of(start)
    while month_bounds(be_year, month)[0] < end:
        months.append((be_year, month, found.get(key_of(be_year, month), 0)))
        be_year, month = shift_month(be_year, month, 1)
    return months


def answered_on_time(start: datetime, end: datetime, *, session: Session,
                     division_id: int | None = None) -> Timeliness:
    """Of the cases received in the period and answered, how many within DEADLINE_DAYS."""
    on_time = _handling_seconds(session.get_bind().dialect.name) <= DEADLINE_SECONDS
    stmt = select(func.count(), func.count(case((on_time, 1)))).where(_answered())
    answered, within = session.execute(_received(stmt, start, end, division_id)).one()
    return Timeliness(answered=answered, within=within)


def median_handling_days(start: datetime, end: datetime, *, session: Session,
                         division_id: int | None = None) -> float | None:
    """The median handling time, in days, of the answered cases received in the period (None: none)."""
    where = [Case.created_at >= start, Case.created_at < end, _answered()]
    if division_id is not None:
        where.append(Case.division_id == division_id)
    value = median(session, _handling_seconds(dialect_of(session)), where).get(None)
    return None if value is None else value / 86400


def oldest_open(*, session: Session, division_id: int | None = None, limit: int = 5) -> list[OpenCase]:
    """The open cases waiting longest, whenever received."""
    stmt = (select(col(Case.ticket), col(Case.status), col(Case.created_at), col(Case.due_at), col(Category.name),
                   col(Division.name))
            .outerjoin(Category, col(Category.id) == Case.category_id)
            .outerjoin(Division, col(Division.id) == Case.division_id)
            .where(col(Case.status).in_(_OPEN)))
    if division_id is not None:
        stmt = stmt.where(col(Case.division_id) == division_id)
    stmt = stmt.order_by(col(Case.created_at), col(Case.id)).limit(limit)
    return [OpenCase(ticket=t, status=s, created_at=c, due_at=d, category=cat or "", division=div or "")
            for t, s, c, d, cat, div in session.execute(stmt)]


def corruption_counts(start: datetime, end: datetime, *, session: Session) -> CorruptionCounts:
    """Reports received in the period, and how many of them are finished / still in progress.
    Counts only: no column of a report's text or reporter is ever selected."""
    is_open = col(CorruptionReport.status).in_(_OPEN)
    stmt = (select(func.count(), func.count(case((is_open, 1))))
            .where(col(CorruptionReport.created_at) >= start, col(CorruptionReport.created_at) < end))
    received, in_progress = session.execute(stmt).one()
    return CorruptionCounts(received=received, finished=received - in_progress, in_progress=in_progress)
