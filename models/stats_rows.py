"""The de-identified rows of the complaints received in a period, streamed in the order received.

Only the ticket, the Bangkok dates (as 'YYYY-MM-DD' text made by the database, so no datetime
object is built per row), the category and division ids, the status and the handling time are
selected: never the description, location, name, phone or LINE id. Rows arrive in batches from a
server-side cursor on PostgreSQL (and SQLite's cursor is lazy anyway), so memory stays flat
whatever the number of cases.
"""
from __future__ import annotations

from typing import Any, Iterator

from sqlalchemy import func, literal_column, select
from sqlmodel import Session

from models.complaint import Case
from models.periods import Period
from models.stats_sql import dialect_of, seconds_between

BATCH = 5000


def bangkok_date(column: Any, dialect: str) -> Any:
    """'YYYY-MM-DD' (Gregorian) of a timestamp in Bangkok, as text; NULL stays NULL."""
    if dialect == "postgresql":
        return func.to_char(func.timezone(literal_column("'Asia/Bangkok'"), column), literal_column("'YYYY-MM-DD'"))
    return func.strftime(literal_column("'%Y-%m-%d'"), column, literal_column("'+7 hours'"))


def complaint_rows(period: Period, *, session: Session) -> Iterator[tuple[str, str, str | None, int | None,
                                                                         int | None, str, float | None]]:
    """(ticket, received date, closed date or None, category id, division id, status, seconds from
    receipt to closing or None) of every complaint received in the period."""
    dialect = dialect_of(session)
    stmt = (select(Case.ticket, bangkok_date(Case.created_at, dialect), bangkok_date(Case.closed_at, dialect),
                   Case.category_id, Case.division_id, Case.status,
                   seconds_between(Case.created_at, Case.closed_at, dialect))
            .where(Case.created_at >= period.start, Case.created_at < period.end)
            .order_by(Case.created_at, Case.id))
    result = session.execute(stmt, execution_options={"yield_per": BATCH})
    for batch in result.partitions():
        yield from batch
