"""The raw-row columns of a complaint, kept by the database itself (the ITA workbook's last sheet).

The workbook lists every complaint of the period with its Bangkok days received and closed, its
handling time and whether it was answered within the deadline. Computing those per row (date
arithmetic on a million timestamps) took SQLite 5 of the export's CPU seconds; four columns of
`complaint` hold them instead, and one index holds the sheet's columns in its order, so the sheet
is a plain index scan (models/stats_rows.py):

- received_day: the Bangkok day of created_at, as a day number (days since 1 January 1970);
- closed_day: the Bangkok day of closed_at while the case is closed (NULL while it is open: a
  reopened case keeps its old closed_at);
- handling_days: closed_at - created_at in days, rounded to 0.1, while closed;
- on_time: 1 answered within the deadline, 0 answered later, NULL when not answered.

Triggers (migration 0015) set them on every insert and on every change of created_at, closed_at or
status, whoever makes it. The expressions are exactly models/stats_rows.complaint_rows_computed's,
and tests/models/test_case_row.py checks that the two agree.
"""
from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

_OPEN = "('received', 'in_progress')"  # models/enums.OPEN_STATUSES (a test checks they agree)
_ANSWERED = "('forwarded', 'resolved', 'rejected')"  # models/stats.ANSWERED_STATUSES
DEADLINE_SECONDS = 15 * 86400
# Per dialect: models/stats_sql.bangkok_day and seconds_between, spelt out; `{row}` is NEW or complaint.
SQL = {
    "postgresql": {
        "day": "CAST(floor((EXTRACT(epoch FROM {at}) + 25200) / CAST(86400 AS NUMERIC)) AS INTEGER)",
        "seconds": "CAST(EXTRACT(epoch FROM {row}.closed_at - {row}.created_at) AS FLOAT)",
    },
    "sqlite": {
        "day": f"CAST((julianday({{at}}) - 2440587.5) + {25200 / 86400!r} AS INTEGER)",
        "seconds": "round((julianday({row}.closed_at) - julianday({row}.created_at)) * 86400.0, 3)",
    },
}


def values(dialect: str, row: str) -> dict[str, str]:
    """Column name -> its SQL expression for one complaint row `row` (NEW, or the table's name)."""
    sql = SQL[dialect]
    seconds = sql["seconds"].format(row=row)
    closed = f"({row}.closed_at IS NOT NULL AND {row}.status NOT IN {_OPEN})"
    answered = f"({closed} AND {row}.status IN {_ANSWERED})"
    return {
        "received_day": sql["day"].format(at=f"{row}.created_at"),
        "closed_day": f"CASE WHEN {closed} THEN {sql['day'].format(at=f'{row}.closed_at')} END",
        "handling_days": f"CASE WHEN {closed} THEN CAST(round(CAST({seconds} / 86400.0 AS NUMERIC), 1) AS FLOAT) END",
        "on_time": f"CASE WHEN {answered} AND {seconds} <= {DEADLINE_SECONDS} THEN 1 WHEN {answered} THEN 0 END",
    }


def fill(conn: Connection) -> None:
    """Sets the columns of every complaint: after a bulk load that ran without the triggers (`flask
    demo seed`, bot/demo/sink.py), one UPDATE instead of a trigger call per row."""
    sets = ", ".join(f"{name} = {sql}" for name, sql in values(conn.dialect.name, "complaint").items())
    conn.execute(text(f"UPDATE complaint SET {sets}"))
