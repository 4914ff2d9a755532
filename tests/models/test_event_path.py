"""The event worker's SQL text (models/event_path.py, run through models/db.py `Raw`) reads and writes
rows exactly as the ORM does: times stored past SQLAlchemy come back equal and compare in order with
times bound by SQLAlchemy (SQLite keeps them as text), and a lease is taken only when free."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select
from sqlmodel import col

from models.db import raw_write, session_scope
from models.event_path import Lease, acquire, release
from models.events import ChatLease

TIMES = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                     timezones=st.sampled_from([UTC, timezone(timedelta(hours=7)), timezone(timedelta(hours=-5))]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(till=TIMES, probe=TIMES)
def test_a_time_written_raw_reads_back_equal_and_compares_as_the_orm_binds_it(engine, till, probe):
    with session_scope(engine) as s:
        s.execute(delete(ChatLease))
    with raw_write(engine) as raw:
        assert acquire(raw, chat_key="user:x", holder="w", till=till, now=till)
    with session_scope(engine) as s:
        assert s.get(ChatLease, "user:x").expires_at == till
        before = s.execute(select(col(ChatLease.chat_key)).where(col(ChatLease.expires_at) < probe)).all()
    assert bool(before) == (till < probe)


def test_a_lease_is_taken_only_when_free_or_expired_and_given_back_by_its_holder(engine):
    now = datetime.now(UTC)
    with raw_write(engine) as raw:
        assert acquire(raw, chat_key="user:y", holder="a", till=now + timedelta(minutes=1), now=now)
        assert not acquire(raw, chat_key="user:y", holder="b", till=now + timedelta(minutes=1), now=now)
        release(raw, Lease("user:y", "b"), now)  # not b's to give back
        assert not acquire(raw, chat_key="user:y", holder="b", till=now + timedelta(minutes=1), now=now)
        release(raw, Lease("user:y", "a"), now)
        assert acquire(raw, chat_key="user:y", holder="b", till=now + timedelta(minutes=1), now=now)
    later = now + timedelta(minutes=2)
    with raw_write(engine, one_statement=True) as raw:  # b's lease has run out
        assert acquire(raw, chat_key="user:y", holder="c", till=later + timedelta(minutes=1), now=later)
    with session_scope(engine) as s:
        assert s.get(ChatLease, "user:y").holder == "c"
