"""Engine and session helpers that behave the same on SQLite and PostgreSQL."""
from __future__ import annotations

import re
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, Protocol, overload

from sqlalchemy import Table, event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.engine import Connection, Dialect, Engine
from sqlalchemy.exc import DBAPIError, DisconnectionError, OperationalError, StatementError
from sqlmodel import Session, SQLModel, create_engine


def utcnow() -> datetime:
    """Aware UTC: SQLModel's datetime columns store and return aware values (TIMESTAMPTZ)."""
    return datetime.now(UTC)


@overload
def as_aware(dt: datetime) -> datetime: ...
@overload
def as_aware(dt: None) -> None: ...
def as_aware(dt: datetime | None) -> datetime | None:
    """A value as aware UTC (values built in code before a round trip may still be naive)."""
    return dt.replace(tzinfo=UTC) if dt is not None and dt.tzinfo is None else dt


# The default pool is a web process's (8 request threads, the admin pages' background steps): 10
# kept, at most 10 more. With 20 more, one machine of 2 web and 2 event-worker processes (which size
# their own, bot/runtime/event_workers.py) could ask for more than PostgreSQL's default 100.
def make_engine(url: str, *, pool_size: int = 10, max_overflow: int = 10) -> Engine:
    if url.startswith("sqlite"):
        in_memory = url.rstrip("/") in ("sqlite:", "sqlite:/") or ":memory:" in url  # one connection per thread
        pooling = {} if in_memory else {"pool_size": pool_size, "max_overflow": max_overflow}
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **pooling)
        _tune_sqlite(engine)
        return engine
    engine = create_engine(url, pool_size=pool_size, max_overflow=max_overflow, pool_timeout=5,
                           connect_args={"connect_timeout": 3})
    _ping_when_idle(engine)
    return engine


IDLE_PING_SECONDS = 5.0


def _ping_when_idle(engine: Engine) -> None:
    """pool_pre_ping, but only for a connection idle more than a few seconds: a ping on every
    checkout was one more round trip per webhook request (about a third of its time on
    PostgreSQL), while a connection used a moment ago is alive. A dead one is replaced."""

    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_conn, record):
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checkout(dbapi_conn, record, _proxy):
        since = record.info.get("idle_since")
        if since is not None and time.monotonic() - since < IDLE_PING_SECONDS:
            return
        try:
            cur = dbapi_conn.cursor()
            cur.execute("SELECT 1")
            cur.close()
            dbapi_conn.rollback()
        except Exception as exc:
            raise DisconnectionError(f"stale connection: {exc}") from exc


# How long a writer waits for SQLite's one write lock before giving up ("database is locked").
# The webhook passes a shorter wait (execution option "write_wait"): LINE wants its answer in 2 s.
WRITE_WAIT_SECONDS = 30.0
_LOCKS_GUARD = threading.Lock()
_WRITE_LOCKS: dict[str, threading.RLock] = {}


def _process_write_lock(engine: Engine) -> threading.RLock:
    """One lock per SQLite file in this process: its threads queue here, in Python, instead of
    all polling SQLite's lock."""
    key = str(engine.url.database)
    with _LOCKS_GUARD:
        return _WRITE_LOCKS.setdefault(key, threading.RLock())


def _tune_sqlite(engine: Engine) -> None:
    """WAL for concurrent readers, and BEGIN IMMEDIATE so that two writers queue for the write
    lock instead of one failing at once with "database is locked" on a lock upgrade.

    Waiting for the write lock is done here, not by SQLite's busy handler: that one sleeps in
    growing steps (up to 100 ms at a time), so a writer that lost a few races oversleeps while
    the lock is free (the webhook's p99 acknowledgement was ~0.5–1 s under a burst). Threads of
    one process queue on a Python lock (write_scope/session_scope); between processes, BEGIN
    IMMEDIATE is retried after sleeps of at most 2 ms."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # let SQLAlchemy's "begin" event issue BEGIN
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")  # readers, and writers that bypass _on_begin
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # Readers take no lock at all in WAL mode; only writers queue for the one write lock.
        options = conn.get_execution_options()
        if options.get("readonly"):
            conn.exec_driver_sql("BEGIN")
            return
        _begin_immediate(conn.connection.dbapi_connection, options.get("write_wait", WRITE_WAIT_SECONDS))


def _begin_immediate(dbapi_conn: sqlite3.Connection, wait: float) -> None:
    deadline = time.monotonic() + wait
    pause = 0.0002
    dbapi_conn.execute("PRAGMA busy_timeout=0")
    try:
        while True:
            try:
                dbapi_conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if time.monotonic() + pause > deadline:
                    # As SQLAlchemy reports database errors, so callers' handlers see it (503).
                    raise OperationalError("BEGIN IMMEDIATE", None, exc) from exc
            time.sleep(pause)
            pause = min(pause * 2, 0.002)
    finally:
        dbapi_conn.execute("PRAGMA busy_timeout=30000")


_OPTIONED: dict[tuple[int, str, object], tuple[Engine, Engine]] = {}


def _with_option(engine: Engine, name: str, value: object) -> Engine:
    """engine.execution_options(name=value), made once per engine: building one per transaction
    cost about a tenth of a millisecond of CPU, several times per handled event. (The engine is
    kept alive by the entry; engines are few and live as long as the process.)"""
    key = (id(engine), name, value)
    found = _OPTIONED.get(key)
    if found is None or found[0] is not engine:  # a new engine where a dropped one was
        found = _OPTIONED[key] = (engine, engine.execution_options(**{name: value}))
    return found[1]


@contextmanager
def read_scope(engine: Engine) -> Iterator[Session]:
    """A read-only session: on SQLite it does not take the write lock that writers queue for."""
    with Session(_with_option(engine, "readonly", True), expire_on_commit=False) as session:
        yield session
        # Ended by COMMIT, not ROLLBACK (the same for a transaction that only read): psycopg forgets
        # every prepared statement of the connection on a rollback, so one read scope per event
        # made the worker's statements be parsed and planned again on every event (~2.5 ms of the
        # PostgreSQL server's CPU per question). expire_on_commit=False keeps what was loaded.
        session.commit()


@contextmanager
def _writer_turn(engine: Engine, wait: float) -> Iterator[None]:
    """On SQLite, this process's turn to write (see _tune_sqlite); nothing on PostgreSQL."""
    if engine.dialect.name != "sqlite":
        yield
        return
    lock = _process_write_lock(engine)
    if not lock.acquire(timeout=wait):
        raise OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked"))
    try:
        yield
    finally:
        lock.release()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: commit on success, roll back on any error."""
    with _writer_turn(engine, WRITE_WAIT_SECONDS), Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def write_scope(engine: Engine, wait: float = WRITE_WAIT_SECONDS) -> Iterator[Connection]:
    """One Core transaction for a short write, no ORM session; on SQLite it gives up after `wait`
    seconds instead of 30."""
    with _writer_turn(engine, wait), _with_option(engine, "write_wait", wait).begin() as conn:
        yield conn


class Raw:
    """Statements on the DBAPI connection itself, for the event worker's few hot ones (written as SQL
    text once, models/event_path.py): through SQLAlchemy each cost ~80 µs of CPU in its execution
    machinery (compiled-cache lookup, parameter processing, events, result wrapping), more than
    sqlite3 takes to run it. Text is written with %(name)s parameters (psycopg's style); on SQLite
    it is run as :name, and datetimes are stored as SQLAlchemy stores them there (UTC text)."""

    def __init__(self, dbapi_conn: Any, dialect: Dialect):
        self.dbapi_conn, self.dialect = dbapi_conn, dialect
        self.sqlite = dialect.name == "sqlite"
        self.cursor = dbapi_conn.cursor()

    @classmethod
    def on(cls, conn: Connection) -> Raw:
        """Inside a transaction SQLAlchemy holds (an ORM session's): the same connection and transaction."""
        return cls(conn.connection.dbapi_connection, conn.dialect)

    def run(self, sql: Sql, params: Mapping[str, Any]) -> Any:
        """Execute; the DBAPI cursor, to fetch from. Errors are raised as SQLAlchemy raises them."""
        try:
            if self.sqlite:
                return self.cursor.execute(sql.sqlite, _sqlite_params(params))
            return self.cursor.execute(sql.text, params)
        except self.dialect.loaded_dbapi.Error as exc:
            raise self._error(sql, params, exc) from exc

    def run_many(self, sql: Sql, rows: Sequence[Mapping[str, Any]]) -> None:
        """The statement once per row of parameters (psycopg sends them all in one round trip)."""
        try:
            if self.sqlite:
                self.cursor.executemany(sql.sqlite, [_sqlite_params(params) for params in rows])
            else:
                self.cursor.executemany(sql.text, rows)
        except self.dialect.loaded_dbapi.Error as exc:
            raise self._error(sql, rows[0] if rows else {}, exc) from exc

    def _error(self, sql: Sql, params: Mapping[str, Any], exc: Any) -> Exception:
        """The driver's error as SQLAlchemy raises it (a lost connection marked so)."""
        gone = self.dialect.is_disconnect(exc, self.dbapi_conn, self.cursor)
        return DBAPIError.instance(sql.text, dict(params), exc, self.dialect.loaded_dbapi.Error,
                                   connection_invalidated=gone, dialect=self.dialect)

    def time(self, value: Any) -> datetime | None:
        """A datetime column's value as read (SQLite gives the stored text): aware UTC."""
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        return as_aware(value)


class Sql:
    """One statement's text, written once: as psycopg takes it, and with :name parameters for sqlite3."""

    __slots__ = ("sqlite", "text")

    def __init__(self, text: str):
        self.text = text
        self.sqlite = re.sub(r"%\((\w+)\)s", r":\1", text)


def _sqlite_params(params: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v if type(v) is not datetime else _sqlite_time(v) for k, v in params.items()}


@lru_cache(maxsize=256)
def _sqlite_time(value: datetime) -> str:
    """As SQLAlchemy's UTCDateTime stores a datetime on SQLite: UTC, without the offset, to the microsecond.
    Kept: an event's statements pass the same few times again and again (its handling time, the lease's end)."""
    return as_aware(value).astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


@contextmanager
def raw_write(engine: Engine, wait: float = WRITE_WAIT_SECONDS, *, one_statement: bool = False) -> Iterator[Raw]:
    """write_scope on the DBAPI connection (see Raw): one transaction, committed on success. On
    SQLite the same queue for the write lock and BEGIN IMMEDIATE, given up after `wait` seconds.
    `one_statement`: on PostgreSQL the caller runs one statement, atomic by itself, in autocommit
    (no BEGIN, no COMMIT: two round trips of three saved). The driver's errors are raised as
    SQLAlchemy's (the webhook answers 503 to those)."""
    sqlite = engine.dialect.name == "sqlite"
    autocommit = one_statement and not sqlite
    with _writer_turn(engine, wait):
        try:
            fairy = engine.raw_connection()  # the pool's checkout (and its ping when idle) as usual
        except engine.dialect.loaded_dbapi.Error as exc:
            raise _as_sqlalchemy(engine, exc, gone=True) from exc
        dbapi_conn: Any = fairy.dbapi_connection  # sqlite3's or psycopg's: typed as neither
        try:
            if sqlite:
                _begin_immediate(dbapi_conn, wait)
            elif autocommit:
                dbapi_conn.autocommit = True
            yield Raw(dbapi_conn, engine.dialect)
            if not autocommit:
                try:
                    dbapi_conn.commit()
                except engine.dialect.loaded_dbapi.Error as exc:
                    raise _as_sqlalchemy(engine, exc, gone=engine.dialect.is_disconnect(exc, dbapi_conn, None)) from exc
        except BaseException as exc:
            if getattr(exc, "connection_invalidated", False):
                # As SQLAlchemy does: the others of the pool are likely dead too (a server restart),
                # so each is replaced at its next checkout rather than failing once first.
                engine.pool._invalidate(fairy, exc)
            else:
                try:
                    dbapi_conn.rollback()
                except Exception:
                    fairy.invalidate()
            raise
        finally:
            if autocommit and fairy.is_valid:
                try:
                    dbapi_conn.autocommit = False  # as SQLAlchemy expects it of a pooled connection
                except Exception:
                    fairy.invalidate()
            fairy.close()


def _as_sqlalchemy(engine: Engine, exc: Exception, *, gone: bool) -> StatementError:
    return DBAPIError.instance(None, None, exc, engine.dialect.loaded_dbapi.Error,
                               connection_invalidated=gone, dialect=engine.dialect)


class _Row(Protocol):
    @property
    def id(self) -> int | None: ...


def id_of(row: _Row) -> int:
    """A saved (flushed) row's id: the models declare `id: int | None` because it is None before the
    first flush, so this says where a caller relies on the row being in the database."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id yet: flush it first")
    return row.id


def table_of(model: type[SQLModel]) -> Table:
    """A table model's Core table (its `__table__`, which sqlmodel leaves out of its types), for the
    statements written in Core: ON CONFLICT inserts, executemany, the worker's hot path."""
    table = sa_inspect(model).local_table
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to one table")
    return table
