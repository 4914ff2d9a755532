"""Once-a-day jobs run by whichever worker claims the day first (the morning digest).

The claim is a row: (job, day) is the primary key, and the INSERT that loses to another worker's does
nothing. The caller does the job's work in the same transaction as its claim, so a worker that dies
half-way leaves no claim behind and another worker does the day's job instead.
"""
from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Field, Session, SQLModel, col

from models.db import table_of, utcnow


class DailyRun(SQLModel, table=True):
    __tablename__ = "daily_run"
    job: str = Field(primary_key=True, max_length=32)
    day: date = Field(primary_key=True)  # the Bangkok calendar day the run is for
    claimed_at: datetime = Field(default_factory=utcnow)
    claimed_by: str = Field(default="", max_length=80)


@lru_cache(maxsize=4)
def _claim(dialect: str) -> Any:
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = table_of(DailyRun)
    return insert(table).on_conflict_do_nothing(index_elements=["job", "day"]).returning(table.c.job)


def already_ran(job: str, day: date, *, session: Session) -> bool:
    """A cheap look before the claim, so that a worker's every pass costs one read, not a write."""
    return session.execute(select(col(DailyRun.job)).where(col(DailyRun.job) == job, col(DailyRun.day) == day)).first() is not None


def claim_day(job: str, day: date, holder: str, *, session: Session) -> bool:
    """True when this transaction is the one that runs `job` for `day`. On PostgreSQL a concurrent
    claim waits for ours to commit or roll back, then does nothing (or takes it, after a rollback)."""
    conn = session.connection()
    row = conn.execute(_claim(conn.dialect.name), {"job": job, "day": day, "claimed_at": utcnow(),
                                                   "claimed_by": holder[:80]}).first()
    return row is not None
