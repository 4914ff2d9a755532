"""Complaint figures per Bangkok month, kept up to date by the database itself (ITA indicator 6).

A fiscal year of a million complaints took 19 of the export's seconds on SQLite to group and to
find the medians of. Three tables hold what the export needs instead, whatever the number of cases:
`case_month` counts the complaints received per (month, category, division, status) with how many
were answered and how many within the deadline, and `case_handling` is a histogram of the answered
ones' handling time in whole hours per month, and `case_handling_time` holds the handling times
themselves by (month, hour), from which the medians are found exactly (models/stats_monthly.py).

Triggers on `complaint` (migration 0014) keep both equal to the cases in the same transaction as each
change, whoever makes it: a citizen's new case, a status change through models/lifecycle.py, the
privacy purge, a deletion. `tests/models/test_case_month.py` checks them against the full computation.
A missing category or division is stored as 0 (a key column cannot be NULL).
"""
from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.engine import Connection
from sqlmodel import Field, Session, SQLModel, col

from models.stats_sql import key_of, midpoint

# The SQL of the triggers and of rebuild(), per dialect; `{row}` is NEW, OLD or the table's name.
# Month: as models/chat_month.py (SQLite's whole seconds, see migration 0013). Seconds: exactly
# models/stats_sql.seconds_between, so that "within the deadline" and the medians agree with it.
SQL = {
    "postgresql": {
        "month": "to_char(timezone('Asia/Bangkok', {row}.created_at), 'YYYY-MM')",
        "seconds": "CAST(extract(epoch FROM {row}.closed_at - {row}.created_at) AS double precision)",
        "hours": "CAST(trunc(CAST(extract(epoch FROM {row}.closed_at - {row}.created_at) AS double precision) / 3600) "
                 "AS integer)",
    },
    "sqlite": {
        "month": "strftime('%Y-%m', substr({row}.created_at, 1, 19), '+7 hours')",
        "seconds": "round((julianday({row}.closed_at) - julianday({row}.created_at)) * 86400.0, 3)",
        "hours": "CAST(round((julianday({row}.closed_at) - julianday({row}.created_at)) * 86400.0, 3) / 3600 "
                 "AS INTEGER)",
    },
}
ANSWERED = "({row}.status IN ('resolved', 'forwarded', 'rejected') AND {row}.closed_at IS NOT NULL)"
DEADLINE_SECONDS = 15 * 86400  # models/enums.DEADLINE_DAYS (a test checks they agree)


class CaseMonthRow(SQLModel, table=True):
    __tablename__ = "case_month"

    month: str = Field(primary_key=True, max_length=7)  # 'YYYY-MM' (Gregorian) of created_at in Bangkok
    category_id: int = Field(primary_key=True)  # 0: none
    division_id: int = Field(primary_key=True)  # 0: none
    status: str = Field(primary_key=True, max_length=16)
    cases: int = 0
    answered: int = 0  # resolved, forwarded or declined, with a closed_at
    within: int = 0  # of those, closed_at - created_at <= 15 days


class CaseHandlingRow(SQLModel, table=True):
    __tablename__ = "case_handling"

    month: str = Field(primary_key=True, max_length=7)
    hours: int = Field(primary_key=True)  # handling seconds / 3600, truncated towards zero
    cases: int = 0  # answered cases of the month with handling time in that hour


class CaseHandlingTimeRow(SQLModel, table=True):
    """The handling times themselves, found by (month, hour): a median needs the few of one hour."""
    __tablename__ = "case_handling_time"

    month: str = Field(primary_key=True, max_length=7)
    hours: int = Field(primary_key=True)
    seconds: float = Field(primary_key=True)  # exactly models/stats_sql.seconds_between
    cases: int = 0


def columns(dialect: str, row: str) -> dict[str, str]:
    """The SQL expressions of one complaint row `row` (NEW, OLD, complaint)."""
    sql = {k: v.format(row=row) for k, v in SQL[dialect].items()}
    answered = ANSWERED.format(row=row)
    sql["answered"] = f"CASE WHEN {answered} THEN 1 ELSE 0 END"
    sql["within"] = f"CASE WHEN {answered} AND {sql['seconds']} <= {DEADLINE_SECONDS} THEN 1 ELSE 0 END"
    sql["is_answered"] = answered
    return sql


def rebuild(conn: Connection) -> None:
    """Counts every complaint again: after a bulk load that ran without the triggers (`flask demo
    seed`, bot/demo/sink.py) and in migration 0014: two GROUP BYs instead of a trigger call per row."""
    c = columns(conn.dialect.name, "complaint")
    conn.execute(text("DELETE FROM case_month"))
    conn.execute(text("DELETE FROM case_handling"))
    conn.execute(text("DELETE FROM case_handling_time"))
    conn.execute(text(
        "INSERT INTO case_month (month, category_id, division_id, status, cases, answered, within) "
        f"SELECT {c['month']}, coalesce(category_id, 0), coalesce(division_id, 0), status, count(*), "
        f"sum({c['answered']}), sum({c['within']}) FROM complaint "
        f"GROUP BY {c['month']}, coalesce(category_id, 0), coalesce(division_id, 0), status"))
    conn.execute(text(
        f"INSERT INTO case_handling_time (month, hours, seconds, cases) SELECT {c['month']}, {c['hours']}, "
        f"{c['seconds']}, count(*) FROM complaint WHERE {c['is_answered']} GROUP BY {c['month']}, {c['hours']}, "
        f"{c['seconds']}"))
    conn.execute(text("INSERT INTO case_handling (month, hours, cases) SELECT month, hours, sum(cases) "
                      "FROM case_handling_time GROUP BY month, hours"))


def medians(period, *, session: Session) -> dict[str | None, float]:
    """The median handling seconds of the answered cases received in each month of `period` (by month
    key) and in the whole period (None), exactly as models/stats_sql.median finds them from the cases:
    the hour histogram tells in which hour the middle case(s) lie and at which rank there, and only the
    handling times of that hour are read."""
    keys = [key_of(y, m) for y, m in period.months]
    h = CaseHandlingRow
    found: dict[str, dict[int, int]] = {}
    for month, hours, n in session.execute(select(col(h.month), col(h.hours), col(h.cases))
                                           .where(col(h.month).in_(keys))):
        found.setdefault(month, {})[hours] = n
    everything: dict[int, int] = {}
    for hist in found.values():
        for hours, n in hist.items():
            everything[hours] = everything.get(hours, 0) + n
    result: dict[str | None, float] = {}
    for key, hist in [*((k, found.get(k, {})) for k in keys), (None, everything)]:
        middle = [_nth(session, [key] if key else keys, hours, rank) for hours, rank in _middle_ranks(hist)]
        if middle:
            result[key] = midpoint(middle)
    return result


def _middle_ranks(hist: dict[int, int]) -> list[tuple[int, int]]:
    """(hour, 1-based rank within the hour) of the one or two middle values of an hour histogram."""
    total = sum(hist.values())
    wanted = sorted({(total + 1) // 2, total // 2 + 1}) if total else []
    found, seen = [], 0
    for hours in sorted(hist):
        n = hist[hours]
        while wanted and wanted[0] <= seen + n:
            found.append((hours, wanted.pop(0) - seen))
        seen += n
    return found


def _nth(session: Session, months: list[str], hours: int, rank: int) -> float:
    """The rank-th smallest handling time of the hour `hours` in `months`."""
    t = CaseHandlingTimeRow
    seen = 0
    for seconds, n in session.execute(select(col(t.seconds), col(t.cases))
                                      .where(col(t.month).in_(months), col(t.hours) == hours)
                                      .order_by(col(t.seconds))):
        seen += n
        if seen >= rank:
            return seconds
    raise LookupError(f"case_handling and case_handling_time disagree in {months} hour {hours}")
