"""Month-by-month figures of complaints (ITA indicator 6) and corruption reports (indicator 5).

Each function is one or two GROUP BY queries over the period, bucketed by the Bangkok month of
`created_at` (the month a case was received), so the cost does not grow with the rows Python sees.
Months without cases come back as zeros. Corruption reports give counts and times only: no
column of their text or reporter is ever selected.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, case, func, select
from sqlmodel import Session, col

from models import case_month
from models.case_month import CaseMonthRow
from models.complaint import Case, Category, Division
from models.corruption import CorruptionReport
from models.enums import OPEN_STATUSES, CaseStatus
from models.periods import Period
from models.stats import ANSWERED_STATUSES, DEADLINE_SECONDS, Count
from models.stats_sql import dialect_of, key_of, median, month_of, per_month, seconds_between

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


def _window(column, period: Period) -> list:
    return [column >= period.start, column < period.end]


@dataclass
class CaseFigures:
    months: list[CaseMonth]
    total: CaseMonth
    categories: list[NamedRow]  # per month, most first
    by_status: dict[str, int]  # every status in CaseStatus order, zeros included
    by_division: list[Count]  # most first


def case_figures(period: Period, *, session: Session) -> CaseFigures:
    """Every figure of the public complaints received in the period, from the monthly rollup
    (models/case_month.py): at most months x categories x divisions x statuses rows, and the
    handling-time histogram for the medians, whatever the number of cases."""
    keys = [key_of(y, m) for y, m in period.months]
    r = CaseMonthRow
    cube = [(month, category or None, division or None, status, n, done, within)
            for month, category, division, status, n, done, within in session.execute(
                select(col(r.month), col(r.category_id), col(r.division_id), col(r.status), col(r.cases),
                       col(r.answered), col(r.within)).where(col(r.month).in_(keys)))]
    return _figures(period, cube, case_month.medians(period, session=session), session)


def case_figures_from_cases(period: Period, *, session: Session) -> CaseFigures:
    """case_figures computed from the cases themselves: one GROUP BY month, category, division and
    status, and one pass for the medians (the rollup's test compares the two)."""
    dialect = dialect_of(session)
    key = month_of(Case.created_at, period, dialect)
    seconds = seconds_between(Case.created_at, Case.closed_at, dialect)
    answered = and_(col(Case.status).in_(_ANSWERED), col(Case.closed_at).is_not(None))
    stmt = (select(key, col(Case.category_id), col(Case.division_id), col(Case.status), func.count(),
                   func.count(case((answered, 1))), func.count(case((and_(answered, seconds <= DEADLINE_SECONDS), 1))))
            .where(*_window(Case.created_at, period))
            .group_by(key, col(Case.category_id), col(Case.division_id), col(Case.status)))
    cube = session.execute(stmt).all()
    medians = median(session, seconds, [*_window(Case.created_at, period), answered], group=key, with_total=True)
    return _figures(period, cube, medians, session)


def _figures(period: Period, cube, medians: dict[str | None, float], session: Session) -> CaseFigures:
    """The figures from (month key, category, division, status, cases, answered, within) rows and the
    medians in seconds by month key (None: the whole period)."""
    index = {key_of(y, m): i for i, (y, m) in enumerate(period.months)}
    counts = [[0, 0, 0, 0] for _ in period.months]
    by_category: dict[int | None, list[int]] = {}
    by_division: dict[int | None, int] = {}
    by_status = {s.value: 0 for s in CaseStatus}
    for month, category, division, status, n, done, within in cube:
        i = index[month]
        counts[i][0] += n
        counts[i][1] += done
        counts[i][2] += within
        counts[i][3] += n if status in _OPEN else 0
        by_category.setdefault(category, [0] * len(period.months))[i] += n
        by_division[division] = by_division.get(division, 0) + n
        by_status[status] = by_status.get(status, 0) + n

    def month_of_counts(c: list[int], median: float | None) -> CaseMonth:
        return CaseMonth(received=c[0], answered=c[1], within=c[2], open=c[3], median_days=_days(median))

    months = [month_of_counts(c, medians.get(key_of(y, m))) for c, (y, m) in zip(counts, period.months)]
    total = month_of_counts([sum(c[f] for c in counts) for f in range(4)], medians.get(None))
    names: dict[type, dict[int | None, str]] = {
        Category: dict(session.execute(select(col(Category.id), col(Category.name))).all()),
        Division: dict(session.execute(select(col(Division.id), col(Division.name))).all())}
    categories = sorted((NamedRow(names[Category].get(c, "") if c is not None else "", ms, sum(ms))
                         for c, ms in by_category.items()), key=lambda r: (-r.total, r.name == "", r.name))
    divisions = sorted((Count(d, names[Division].get(d, "") if d is not None else "", n)
                        for d, n in by_division.items()), key=lambda c: (-c.count, c.name))
    return CaseFigures(months, total, categories, by_status, divisions)


def _days(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / 86400


def case_totals(period: Period, *, session: Session) -> CaseMonth:
    """The period's totals alone (for the previous period of a report), from the rollup."""
    return case_figures(period, session=session).total


def corruption_by_month(period: Period, *, session: Session) -> tuple[list[CorruptionMonth], CorruptionMonth]:
    """Corruption reports received per month, and how many of them are finished / still open now."""
    key = month_of(CorruptionReport.created_at, period, dialect_of(session))
    is_open = col(CorruptionReport.status).in_(_OPEN)
    stmt = (select(key, func.count(), func.count(case((is_open, 1))))
            .where(*_window(CorruptionReport.created_at, period)).group_by(key))
    found = {k: CorruptionMonth(n, n - still, still) for k, n, still in session.execute(stmt).all()}
    months = per_month(period.months, found, CorruptionMonth)
    total = CorruptionMonth(*(sum(getattr(m, f) for m in months) for f in ("received", "finished", "in_progress")))
    return months, total


def corruption_median_days(period: Period, *, session: Session) -> float | None:
    """The median time from receipt to a closed status of the reports received in the period."""
    seconds = seconds_between(CorruptionReport.created_at, CorruptionReport.closed_at, dialect_of(session))
    where = [*_window(CorruptionReport.created_at, period), col(CorruptionReport.closed_at).is_not(None),
             col(CorruptionReport.status).not_in(_OPEN)]
    return _days(median(session, seconds, where).get(None))
