"""Bulk writes of plain tuples, one transaction per batch: executemany on SQLite, COPY on PostgreSQL.

Rows are tuples in the order of the columns given, built without ORM objects or per-row dicts (a
million complaints bring tens of millions of rows with their histories and search words). Instants
go through `Sink.ts`: PostgreSQL gets aware datetimes; SQLite gets whole epoch seconds that the
INSERT itself turns into the text SQLAlchemy writes for the models' UTCDateTime columns
('2026-01-31 09:15:00.000000'), because formatting tens of millions of them in Python costs more
than the inserts, and SQLite's strftime is cheap. Which columns are instants comes from the models.
Ids are given explicitly, so that the rows of a batch can refer to each other; `fix_sequences`
moves PostgreSQL's id sequences past them afterwards.
"""
from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any

from sqlalchemy import DateTime, text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

from bot.demo.clock import to_datetime

# SQLite: whole epoch seconds -> SQLAlchemy's DATETIME storage text, in UTC.
_SQLITE_TIME = "strftime('%Y-%m-%d %H:%M:%S', ?, 'unixepoch') || '.000000'"


@cache
def _sqlite_insert(table: str, columns: tuple[str, ...]) -> str:
    def mark(column: str) -> str:
        kind = SQLModel.metadata.tables[table].c[column].type
        is_time = isinstance(kind, DateTime) or isinstance(getattr(kind, "impl_instance", None), DateTime)
        return _SQLITE_TIME if is_time else "?"

    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(mark(c) for c in columns)})"


class Batch:
    def __init__(self, conn: Connection, seconds: dict[str, float]):
        self.conn = conn
        self.raw: Any = conn.connection.driver_connection  # sqlite3 or psycopg, each used by its own API below
        self.postgres = conn.dialect.name == "postgresql"
        self.seconds = seconds

    def write(self, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
        if not rows:
            return
        started = time.perf_counter()
        if not self.postgres:
            self.raw.executemany(_sqlite_insert(table, tuple(columns)), rows)
        else:
            names = ", ".join(columns)
            with self.raw.cursor() as cur, cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        self.seconds[table] += time.perf_counter() - started


class Sink:
    def __init__(self, engine: Engine):
        self.engine = engine
        self.postgres = engine.dialect.name == "postgresql"
        self.ts = to_datetime if self.postgres else int
        self.seconds: dict[str, float] = defaultdict(float)  # time spent writing, per table

    @contextmanager
    def batch(self) -> Iterator[Batch]:
        """One transaction: committed when the block ends, rolled back on an error. The rows are
        consistent by construction, so SQLite skips its per-row foreign key lookups (the tests run
        PRAGMA foreign_key_check on the result), and PostgreSQL does not wait for each commit's
        flush to disk (a crash could lose the last batches, never corrupt anything)."""
        with self.engine.connect() as conn:
            raw: Any = conn.connection.driver_connection
            if not self.postgres:  # these PRAGMAs only work outside a transaction
                raw.execute("PRAGMA foreign_keys = OFF")
                raw.execute("PRAGMA cache_size = -65536")  # hot index pages stay in memory
            try:
                with conn.begin():
                    if self.postgres:
                        conn.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
                    yield Batch(conn, self.seconds)
            finally:
                if not self.postgres:
                    raw.execute("PRAGMA foreign_keys = ON")

    @contextmanager
    def bare(self, tables: Sequence[str], *, when: bool = True) -> Iterator[None]:
        """The tables without their secondary indexes (and on PostgreSQL without their keys, except
        a primary key that another table still refers to) while a large load into them runs; built
        again afterwards, also when the load fails. One sort per index at the end costs far less than keeping them up to date row
        by row (a million complaints bring some 26 million search words)."""
        if not when:
            yield
            return
        with self.engine.begin() as conn:  # a table referring to another comes first in `tables`
            saved = [_drop_extras(conn, t) for t in tables]
            # Triggers too: the rollups they keep (models/chat_month.py) are counted once at the end.
            saved.append(_drop_triggers(conn, tables))
        try:
            yield
        finally:
            with self.engine.begin() as conn:
                if "complaint" in tables:  # before its indexes are back: one of them holds these columns
                    from models import case_row

                    case_row.fill(conn)
                for statements in reversed(saved):  # what is referred to exists before what refers to it
                    for sql in statements:
                        conn.exec_driver_sql(sql)
                # chat_month's own triggers (the participants' rollup) would fire per row of its rebuild:
                # they wait, and that rollup is counted once after it.
                rollup_triggers = _drop_triggers(conn, ["chat_month"])
                if "inbound_event" in tables:
                    from models.chat_month import rebuild

                    rebuild(conn)
                if "complaint" in tables:
                    from models import case_month

                    case_month.rebuild(conn)
                if "inquiry" in tables:
                    from models import inquiry_month

                    inquiry_month.rebuild(conn)
                if "survey_answer" in tables:
                    from models import survey_month

                    survey_month.rebuild(conn)
                from models import participant_year

                participant_year.rebuild(conn)
                for sql in rollup_triggers:
                    conn.exec_driver_sql(sql)

    def fix_sequences(self, tables: Sequence[str]) -> None:
        """PostgreSQL: the next id of each table after the highest one written (SQLite needs nothing)."""
        if not self.postgres:
            return
        with self.engine.begin() as conn:
            for table in tables:
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"COALESCE((SELECT max(id) FROM {table}), 0) + 1, false)"))

    def analyze(self) -> None:
        """PostgreSQL: fresh planner statistics, as autovacuum would make soon after a bulk load.
        SQLite is left as the application leaves it (it never runs ANALYZE)."""
        if self.postgres:
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("ANALYZE"))


def _drop_extras(conn: Connection, table: str) -> list[str]:
    """Drops what `Sink.bare` leaves out and returns the statements that make it again, in order."""
    if conn.dialect.name == "postgresql":
        # A primary key another table's foreign key still needs stays (PostgreSQL would refuse).
        needed = conn.execute(text("SELECT count(*) FROM pg_constraint WHERE confrelid = CAST(:t AS regclass) "
                                   "AND contype = 'f'"), {"t": table}).scalar_one()
        kinds = "('f', 'u')" if needed else "('p', 'f', 'u')"
        found = conn.execute(text("SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
                                  f"WHERE conrelid = CAST(:t AS regclass) AND contype IN {kinds}"),
                             {"t": table}).all()
        kept = conn.execute(text("SELECT conname FROM pg_constraint WHERE conrelid = CAST(:t AS regclass)"),
                            {"t": table}).scalars().all()
        owned = set(kept)  # indexes behind constraints go and come with their constraint
        indexes = conn.execute(text("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = :t"),
                               {"t": table}).all()
        order = {"p": 0, "u": 1, "f": 2}
        remake = [f'ALTER TABLE {table} ADD CONSTRAINT "{n}" {d}' for n, _, d in sorted(found, key=lambda x: order[x[1]])]
        remake += [d for n, d in indexes if n not in owned]
        for name, _kind, _ in sorted(found, key=lambda x: -order[x[1]]):
            conn.exec_driver_sql(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            if name not in owned:
                conn.exec_driver_sql(f'DROP INDEX "{name}"')
        return remake
    indexes = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t "
                                "AND sql IS NOT NULL"), {"t": table}).all()
    for name, _ in indexes:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    return [sql for _, sql in indexes]


def _drop_triggers(conn: Connection, tables: Sequence[str]) -> list[str]:
    """Drops the triggers on `tables` and returns the statements that make them again."""
    if conn.dialect.name == "postgresql":
        found = conn.execute(text("SELECT tgname, tgrelid::regclass::text, pg_get_triggerdef(oid) FROM pg_trigger "
                                  "WHERE NOT tgisinternal AND tgrelid::regclass::text = ANY(:t)"),
                             {"t": list(tables)}).all()
        for name, table, _ in found:
            conn.exec_driver_sql(f'DROP TRIGGER "{name}" ON {table}')
        return [sql for _, _, sql in found]
    found = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
                              f"({', '.join(repr(t) for t in tables)})")).all()  # table names from the code
    for name, _ in found:
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    return [sql for _, sql in found]


def next_ids(conn: Connection, tables: Sequence[str]) -> dict[str, int]:
    """The first free id of each table."""
    return {t: (conn.execute(text(f"SELECT max(id) FROM {t}")).scalar() or 0) + 1 for t in tables}
