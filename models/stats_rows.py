"""The de-identified rows of the complaints received in a period, streamed in the order received.

Only the ticket, the Bangkok days received and closed (as day numbers: no datetime object or
formatted date is made per row), the category and division ids, the status and the handling time
are selected: never the description, location, name, phone or LINE id. They are read as the
database keeps them (models/case_row.py: columns set by triggers, and an index holding them in the
sheet's order); complaint_rows_computed computes them from the timestamps, what those must equal.
Rows arrive in batches from a server-side cursor on PostgreSQL (and SQLite's cursor is lazy
anyway), so memory stays flat whatever the number of cases.
"""
from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Float, Numeric, and_, case, cast, func, select
from sqlmodel import Session, col

from models.complaint import Case
from models.enums import OPEN_STATUSES
from models.periods import Period
from models.stats import ANSWERED_STATUSES, DEADLINE_SECONDS
from models.stats_sql import bangkok_day, dialect_of, driver_rows, seconds_between

BATCH = 5000
_OPEN = [s.value for s in OPEN_STATUSES]
_ANSWERED = [s.value for s in ANSWERED_STATUSES]


Row = tuple[str, int, int | None, int | None, int | None, str, float | None, int | None]


def complaint_rows(period: Period, *, session: Session) -> Iterator[Row]:
    """(ticket, day received, day closed, category id, division id, status, handling days, on time) of every
    complaint received in the period, from the columns the triggers keep (see complaint_rows_computed)."""
    stmt = (select(col(Case.ticket), col(Case.received_day), col(Case.closed_day), col(Case.category_id),
                   col(Case.division_id), col(Case.status), col(Case.handling_days), col(Case.on_time))
            .where(col(Case.created_at) >= period.start, col(Case.created_at) < period.end)
            .order_by(col(Case.created_at), col(Case.id)))
    return driver_rows(stmt, session, BATCH)


def complaint_rows_computed(period: Period, *, session: Session) -> Iterator[Row]:
    """(ticket, day received, day closed (Bangkok day numbers), category id, division id, status, handling
    days rounded to 0.1, answered within the deadline 1/0) of every complaint received in the period. The last
    three are NULL while a case is open (a reopened case keeps its old closed_at), and on-time is
    NULL for a closed case that was not answered (cancelled by the citizen)."""
    dialect = dialect_of(session)
    seconds = seconds_between(Case.created_at, Case.closed_at, dialect)
    closed = and_(col(Case.closed_at).is_not(None), col(Case.status).not_in(_OPEN))
    answered = and_(closed, col(Case.status).in_(_ANSWERED))
    days = cast(func.round(cast(seconds / 86400.0, Numeric), 1), Float)
    stmt = (select(col(Case.ticket), bangkok_day(Case.created_at, dialect),
                   case((closed, bangkok_day(Case.closed_at, dialect))), col(Case.category_id),
                   col(Case.division_id), col(Case.status), case((closed, days)),
                   case((and_(answered, seconds <= DEADLINE_SECONDS), 1), (answered, 0)))
            .where(col(Case.created_at) >= period.start, col(Case.created_at) < period.end)
            .order_by(col(Case.created_at), col(Case.id)))
    return driver_rows(stmt, session, BATCH)
