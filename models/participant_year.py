"""Who took part, per fiscal year, kept up to date by the database itself (ITA indicators 7 and 8).

The export counts distinct LINE accounts per activity (complaints, surveys, inquiries, suggestions)
and the distinct chats that wrote to the account over a period. Distinct over a period is not the sum
of its months, so a per-month rollup does not help: counting them meant grouping a year's million
complaints, half a million inquiries and a million chat-months again for every export (5 s of
SQLite's, 4 s of PostgreSQL's). This table holds one row per (activity, fiscal year, account) with
its uses in each of the year's twelve months (m1 = October ... m12 = September); the accounts of any
period within one fiscal year (a month, quarter, half or the year) are the rows with a use in one of
its months: at most the year's accounts, whatever the number of uses.

Triggers (migration 0016) keep it equal to the rows in the same transaction as each change, whoever
makes it: complaints, survey responses, inquiries and suggestions (their LINE account and time), and
the chats from `chat_month` (its message counts, so that it follows the events as chat_month does).
`tests/models/test_participant_year.py` checks it against the full computation.
"""
from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.engine import Connection
from sqlmodel import Field, Session, SQLModel, col

from models.periods import Period

MONTHS = tuple(f"m{i}" for i in range(1, 13))
# (activity, table, account column, time column or None for chat_month's month key, weight of a row).
SOURCES = (
    ("complaint", "complaint", "reporter_line_id", "created_at", "1"),
    ("survey", "survey_response", "line_user_id", "created_at", "1"),
    ("inquiry", "inquiry", "line_user_id", "asked_at", "1"),
    ("suggestion", "suggestion", "line_user_id", "created_at", "1"),
    ("chat", "chat_month", "chat_key", None, "{row}.messages"),
)
# The Bangkok month 'YYYY-MM' of a time, as models/case_month.py and models/chat_month.py bucket it.
MONTH_SQL = {"postgresql": "to_char(timezone('Asia/Bangkok', {row}.{at}), 'YYYY-MM')",
             "sqlite": "strftime('%Y-%m', substr({row}.{at}, 1, 19), '+7 hours')"}


class ParticipantYear(SQLModel, table=True):
    __tablename__ = "participant_year"

    kind: str = Field(primary_key=True, max_length=16)  # a SOURCES activity
    fiscal_year: int = Field(primary_key=True)  # Buddhist era: 2569 = October 2025 to September 2026
    who: str = Field(primary_key=True, max_length=80)  # LINE user id, or chat key for "chat"
    m1: int = 0
    m2: int = 0
    m3: int = 0
    m4: int = 0
    m5: int = 0
    m6: int = 0
    m7: int = 0
    m8: int = 0
    m9: int = 0
    m10: int = 0
    m11: int = 0
    m12: int = 0


def fiscal_month(be_year: int, month: int) -> tuple[int, int]:
    """(fiscal year, month of it 1..12) of a Buddhist-era calendar month: October is the first."""
    return be_year + (1 if month >= 10 else 0), (month + 2) % 12 + 1


def key_sql(month_key: str) -> tuple[str, str]:
    """SQL of (fiscal year, month of it) from the SQL of a 'YYYY-MM' (Gregorian) month key."""
    month = f"CAST(substr({month_key}, 6, 2) AS INTEGER)"
    return (f"(CAST(substr({month_key}, 1, 4) AS INTEGER) + 543 + CASE WHEN {month} >= 10 THEN 1 ELSE 0 END)",
            f"(({month} + 2) % 12 + 1)")


def rebuild(conn: Connection) -> None:
    """Counts every row again: after a bulk load that ran without the triggers (`flask demo seed`,
    bot/demo/sink.py) and in migration 0016: one GROUP BY per activity."""
    conn.execute(text("DELETE FROM participant_year"))
    for kind, table, who, at, weight in SOURCES:
        month = f"{table}.month" if at is None else MONTH_SQL[conn.dialect.name].format(row=table, at=at)
        fy, idx = key_sql("k")
        sums = ", ".join(f"sum(CASE WHEN idx = {i} THEN w ELSE 0 END)" for i in range(1, 13))
        conn.execute(text(
            f"INSERT INTO participant_year (kind, fiscal_year, who, {', '.join(MONTHS)}) "
            f"SELECT '{kind}', fy, who, {sums} FROM (SELECT {fy} AS fy, {idx} AS idx, who, w FROM "
            f"(SELECT {month} AS k, {who} AS who, {weight.format(row=table)} AS w FROM {table} "
            f"WHERE {who} IS NOT NULL) AS src) AS keyed GROUP BY fy, who"))


def people(period: Period, kinds: list[str], *, session: Session) -> dict[str, int] | None:
    """Distinct accounts per activity with a use in the period's months; None when the period is not
    within one fiscal year (the caller counts from the rows then)."""
    keys = {fiscal_month(y, m) for y, m in period.months}
    years = {fy for fy, _ in keys}
    if len(years) != 1:
        return None
    t = ParticipantYear
    where = [col(t.fiscal_year) == years.pop(), col(t.kind).in_(kinds)]
    if len(keys) < 12:  # a whole year needs no test: a row without any use is deleted (an index-only count)
        where.append(sum((getattr(t, f"m{i}") for _, i in sorted(keys)), start=0) > 0)
    found = dict(session.execute(select(col(t.kind), func.count()).where(*where).group_by(col(t.kind))).all())
    return {kind: found.get(kind, 0) for kind in kinds}
