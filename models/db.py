"""Engine and session helpers that behave the same on SQLite and PostgreSQL."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Iterator

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine


def utcnow() -> datetime:
    """Aware UTC: SQLModel's datetime columns store and return aware values (TIMESTAMPTZ)."""
    return datetime.now(UTC)


def as_aware(dt: datetime | None) -> datetime | None:
    """A value as aware UTC (values built in code before a round trip may still be naive)."""
    return dt.replace(tzinfo=UTC) if dt is not None and dt.tzinfo is None else dt


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        _tune_sqlite(engine)
        return engine
    return create_engine(url, pool_size=pool_size, max_overflow=20, pool_pre_ping=True,
                         pool_timeout=5, connect_args={"connect_timeout": 3})


def _tune_sqlite(engine: Engine) -> None:
    """WAL for concurrent readers, and BEGIN IMMEDIATE so that two writers queue on the busy
    timeout instead of one failing at once with "database is locked" on a lock upgrade."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001
        dbapi_conn.isolation_level = None  # let SQLAlchemy's "begin" event issue BEGIN
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        # Readers take no lock at all in WAL mode; only writers queue for the one write lock.
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get("readonly") else "BEGIN IMMEDIATE")


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


@contextmanager
def read_scope(engine: Engine) -> Iterator[Session]:
    """A read-only session: on SQLite it does not take the write lock that writers queue for."""
    # Closing ends the transaction without expiring what was loaded, unlike rollback().
    with Session(engine.execution_options(readonly=True), expire_on_commit=False) as session:
        yield session


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: commit on success, roll back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
