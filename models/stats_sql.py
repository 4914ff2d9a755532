"""SQL building blocks of the statistics that must read the same on SQLite and PostgreSQL:
the Bangkok month of a timestamp, the seconds between two timestamps, a median, and a
per-month table filled with zeros for the months without rows."""
from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Float, Integer, String, case, cast, extract, func, literal_column, select, tuple_
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Session

from models.periods import BANGKOK, BE_OFFSET, months_bounds

# The one Bangkok zone (messages_th/dates.py) spelt for SQL: a fixed UTC+7, no daylight saving.
_OFFSET_SECONDS = int(BANGKOK.utcoffset(None).total_seconds())
_OFFSET_HOURS = _OFFSET_SECONDS // 3600


def month_key(column: Any, dialect: str) -> Any:
    """'YYYY-MM' (Gregorian) of a timestamp column in Bangkok. Constants are inlined, not bound,
    so that PostgreSQL sees the GROUP BY expression as the very same one as in the SELECT list."""
    if dialect == "postgresql":
        local = func.timezone(literal_column(f"'{BANGKOK.tzname(None)}'"), column)
        return func.to_char(local, literal_column("'YYYY-MM'"))
    return func.strftime(literal_column("'%Y-%m'"), column, literal_column(f"'+{_OFFSET_HOURS} hours'"))


def month_of(column: Any, period: Any, dialect: str) -> Any:
    """month_key for a column already limited to `period` (a models.periods.Period), cheaper on
    PostgreSQL: width_bucket() finds the month by comparing the timestamp with the period's month
    bounds (Bangkok midnights), instead of converting every row's time zone and formatting it.
    All constants are inlined, as in month_key, and the keys are the same 'YYYY-MM'."""
    if dialect != "postgresql":
        return _sqlite_month_of(column, period)
    bounds = [months_bounds(y, m)[0] for y, m in period.months] + [period.end]
    instants = ", ".join(f"'{b.isoformat()}'" for b in bounds)  # made here from datetimes: no input
    keys = ", ".join(f"'{key_of(y, m)}'" for y, m in period.months)
    bucket = func.width_bucket(column, literal_column(f"ARRAY[{instants}]::timestamptz[]"))
    return literal_column(f"(ARRAY[{keys}])", type_=ARRAY(String))[bucket]


def _sqlite_month_of(column: Any, period: Any) -> Any:
    """SQLite: CASE WHEN column < <next month's start> THEN 'YYYY-MM' ... ELSE <last month> END, a text
    comparison with the month bounds written in the stored format (UTC 'YYYY-MM-DD HH:MM:SS.ffffff', as
    SQLAlchemy binds the period filter), instead of strftime() on every row. Constants are inlined,
    made here from datetimes (no input)."""
    starts = [months_bounds(y, m)[0] for y, m in period.months]
    keys = [literal_column(f"'{key_of(y, m)}'", type_=String) for y, m in period.months]
    if len(keys) == 1:
        return keys[0]
    whens = [(column < literal_column(f"'{_stored(b)}'"), k) for b, k in zip(starts[1:], keys)]
    return case(*whens, else_=keys[-1])


def _stored(moment: datetime) -> str:
    """An aware datetime as SQLite holds it: naive UTC text with microseconds."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def key_of(be_year: int, month: int) -> str:
    """The month_key value of a Buddhist-era (year, month)."""
    return f"{be_year - BE_OFFSET:04d}-{month:02d}"


def seconds_between(start: Any, end: Any, dialect: str) -> Any:
    """end - start in seconds, as a float expression."""
    if dialect == "postgresql":
        return cast(extract("epoch", end - start), Float)
    # SQLite keeps UTC text; julianday() is exact to tens of microseconds, so round to milliseconds
    # (otherwise exactly 15 days can come out a hair over the deadline).
    return func.round((func.julianday(end) - func.julianday(start)) * 86400.0, 3)


def bangkok_day(column: Any, dialect: str) -> Any:
    """The Bangkok calendar day of a timestamp as a day number (days since 1 January 1970), an
    integer: cheaper to make and to fetch than a formatted date or a datetime object per row.
    NULL stays NULL."""
    if dialect == "postgresql":
        return cast(func.floor((extract("epoch", column) + _OFFSET_SECONDS) / 86400), Integer)
    return cast(func.julianday(column) - 2440587.5 + _OFFSET_SECONDS / 86400, Integer)  # positive: the cast floors


def dialect_of(session: Session) -> str:
    return session.get_bind().dialect.name


def median(session: Session, value: Any, where: list[Any], group: Any | None = None, *,
           with_total: bool = False) -> dict[Any, float]:
    """The median of `value` over the rows matching `where`, per `group` (or under the key None);
    `with_total` adds the median over all the rows under the key None as well.

    PostgreSQL has percentile_cont, and GROUPING SETS gives the groups and the total in one pass.
    SQLite has neither: number the rows of each group in order with window functions and average
    the one or two middle rows, still in the database (a second query for the total)."""
    if dialect_of(session) == "postgresql":
        stmt = select(*([group] if group is not None else []), func.percentile_cont(0.5).within_group(value))
        if group is not None:
            stmt = stmt.group_by(func.grouping_sets(group, tuple_()) if with_total else group)
        rows = session.execute(stmt.where(*where)).all()
        # A group key is never NULL here (it is a month of a NOT NULL timestamp): NULL is the total.
        return {(r[0] if group is not None else None): float(r[-1]) for r in rows if r[-1] is not None}
    return _sqlite_median(session, value, where, group, with_total and group is not None)


def _sqlite_median(session: Session, value: Any, where: list[Any], group: Any | None,
                   with_total: bool) -> dict[Any, float]:
    """Stream the values (and group keys) and find each group's middle in Python: one scan of the table,
    against a window-function sort per median, 8 bytes a value held (a million: 8 MB). The answer is
    the one SQL's ordering gives: NULLs count and sort first, the middle one or two rows are averaged,
    skipping NULLs, and a group whose middle is all NULL has no median. The total (under None) comes
    from the same scan."""
    key = group if group is not None else literal_column("NULL")
    values: dict[Any, array] = defaultdict(lambda: array("d"))
    nulls: dict[Any, int] = defaultdict(int)
    for g, v in driver_rows(select(key, value).where(*where), session):
        if v is None:
            nulls[g] += 1
        else:
            values[g].append(v)
    found = {g: _middle(values.get(g, array("d")), nulls.get(g, 0)) for g in set(values) | set(nulls)}
    if with_total:
        everything = array("d")
        for part in values.values():
            everything.extend(part)
        found[None] = _middle(everything, sum(nulls.values()))
    return {g: v for g, v in found.items() if v is not None}


def driver_rows(stmt: Any, session: Session, batch: int = 5000) -> Iterator[tuple]:
    """The rows of `stmt` as the database driver's own tuples, in batches from its cursor (a server-side
    one on PostgreSQL, so memory stays flat): for big reads of plain ints, floats and strings that need
    no conversion, where SQLAlchemy's Row objects cost more than the rest (a million rows: a second).
    The statement's values are written into it, as SQLAlchemy binds them, rather than bound: only for
    statements whose values the code made (period bounds, statuses), never a user's input."""
    conn = session.connection()
    sql = str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    driver: Any = conn.connection.dbapi_connection  # inside the session's transaction
    cursor = driver.cursor(name="driver_rows") if conn.dialect.name == "postgresql" else driver.cursor()
    try:
        cursor.execute(sql)
        while rows := cursor.fetchmany(batch):
            yield from rows
    finally:
        cursor.close()


def _middle(values: array, skipped: int) -> float | None:
    """The median of `values` after `skipped` NULLs that sort first, as SQL's ordering numbers them."""
    ordered = sorted(values)
    total = skipped + len(ordered)
    if total == 0:
        return None
    # 1-based ranks of the middle: 5 rows -> [3, 3]; 4 rows -> [2, 3].
    middle = [ordered[n - 1 - skipped] for n in range((total + 1) // 2, total // 2 + 2) if n > skipped]
    return midpoint(middle) if middle else None


def midpoint(middle: list[float]) -> float:
    """The median from its one or two middle values, computed as PostgreSQL's percentile_cont(0.5) does
    (lo + 0.5 * (hi - lo)): (lo + hi) / 2 can differ in the last bit, and the rollup's medians
    (models/case_month.py) must equal the ones computed from the cases exactly."""
    lo, hi = float(middle[0]), float(middle[-1])
    return lo + 0.5 * (hi - lo)


def per_month(months: list[tuple[int, int]], found: dict[str, Any], empty: Callable[[], Any]) -> list[Any]:
    """The value of every month of `months` from `found` (by month_key), `empty()` where none."""
    return [found[key_of(y, m)] if key_of(y, m) in found else empty() for y, m in months]
