"""Month-by-month figures of complaints (ITA indicator 6) and corruption reports (indicator 5).

Each function is one or two GROUP BY queries over the period, bucketed by the Bangkok month of
`created_at` (the month a case was received), so the cost does not grow with the rows Python sees.
Months without cases come back as zeros. Corruption reports give counts and times only: no
column of their text or reporter is ever selected.
"""
from __future__ import annotations

from dataclasses import dataclass
from sqlalchemy import and_, case, func, select
from sqlmodel import Session

from models.complaint import Case, Category
from models.corruption import CorruptionReport
from models.enums import OPEN_STATUSES
from models.periods import Period
from models.stats import ANSWERED_STATUSES, DEADLINE_SECONDS
from models.stats_sql import dialect_of, key_of, median, month_key, per_month, seconds_between

_OPEN = [s.value for s in OPEN_STATUSES]
_ANSWERED = [s.value for s in ANSWERED_STATUSES]


@dataclass(frozen=True)
class CaseMonth:
    received: int = 0
    answered: int = 0  # of those received, answered (resolved, forwarded or declined)
    within: int = 0  # of those answered, within the 15-day deadline
    open: int = 0  # of those received, still open now
    median_days: float | None = None  # median handling time of the answered ones

    @property
    def share(self) -> float | None:
        return self.within / self.answered if self.answered else None


@dataclass(frozen=True)
class NamedRow:
    name: str  # "" when the case has no category
    months: list[int]
    total: int


@dataclass(frozen=True)
class CorruptionMonth:
    received: int = 0
    finished: int = 0  # of those received, in a closed status now
    in_progress: int = 0


def _window(column, period: Period) -> list:  # noqa: ANN001
    return [column >= period.start, column < period.end]


def cases_by_month(period: Period, *, session: Session) -> tuple[list[CaseMonth], CaseMonth]:
    """Every month of the period, and the whole period, of the public complaints received."""
    dialect = dialect_of(session)
    key = month_key(Case.created_at, dialect)
    seconds = seconds_between(Case.created_at, Case.closed_at, dialect)
    answered = and_(Case.status.in_(_ANSWERED), Case.closed_at.is_not(None))  # type: ignore[attr-defined,union-attr]
    stmt = (select(key, func.count(), func.count(case((answered, 1))),
                   func.count(case((and_(answered, seconds <= DEADLINE_SECONDS), 1))),
                   func.count(case((Case.status.in_(_OPEN), 1))))  # type: ignore[attr-defined]
            .where(*_window(Case.created_at, period)).group_by(key))
    counts = {k: rest for k, *rest in session.execute(stmt).all()}
    where = [*_window(Case.created_at, period), answered]
    medians = median(session, seconds, where, group=key)
    whole = median(session, seconds, where).get(None)
    months = [CaseMonth(*counts[key_of(y, m)], median_days=_days(medians.get(key_of(y, m))))
              if key_of(y, m) in counts else CaseMonth() for y, m in period.months]
    total = CaseMonth(*(sum(getattr(m, f) for m in months) for f in ("received", "answered", "within", "open")),
                      median_days=_days(whole))
    return months, total


def _days(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / 86400


def categories_by_month(period: Period, *, session: Session) -> list[NamedRow]:
    """Complaints received per category and month, most first (no category: name "")."""
    key = month_key(Case.created_at, dialect_of(session))
    stmt = (select(Category.name, key, func.count()).select_from(Case)
            .outerjoin(Category, Category.id == Case.category_id)
            .where(*_window(Case.created_at, period)).group_by(Category.name, key))
    found: dict[str, dict[str, int]] = {}
    for name, month, n in session.execute(stmt).all():
        found.setdefault(name or "", {})[month] = n
    rows = []
    for name, counts in found.items():
        months = per_month(period.months, counts, int)
        rows.append(NamedRow(name, months, sum(months)))
    return sorted(rows, key=lambda r: (-r.total, r.name == "", r.name))


def corruption_by_month(period: Period, *, session: Session) -> tuple[list[CorruptionMonth], CorruptionMonth]:
    """Corruption reports received per month, and how many of them are finished / still open now."""
    key = month_key(CorruptionReport.created_at, dialect_of(session))
    is_open = CorruptionReport.status.in_(_OPEN)  # type: ignore[attr-defined]
    stmt = (select(key, func.count(), func.count(case((is_open, 1))))
            .where(*_window(CorruptionReport.created_at, period)).group_by(key))
    found = {k: CorruptionMonth(n, n - still, still) for k, n, still in session.execute(stmt).all()}
    months = per_month(period.months, found, CorruptionMonth)
    total = CorruptionMonth(*(sum(getattr(m, f) for m in months) for f in ("received", "finished", "in_progress")))
    return months, total


def corruption_median_days(period: Period, *, session: Session) -> float | None:
    """The median time from receipt to a closed status of the reports received in the period."""
    seconds = seconds_between(CorruptionReport.created_at, CorruptionReport.closed_at, dialect_of(session))
    where = [*_window(CorruptionReport.created_at, period), CorruptionReport.closed_at.is_not(None),  # type: ignore[union-attr]
             CorruptionReport.status.not_in(_OPEN)]  # type: ignore[attr-defined]
    return _days(median(session, seconds, where).get(None))
