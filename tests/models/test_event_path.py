"""The event worker's SQL text (models/event_path.py, run through models/db.py `Raw`) reads and writes
rows exactly as the ORM does: times stored past SQLAlchemy come back equal and compare in order with
times bound by SQLAlchemy (SQLite keeps them as text), a lease is taken only when free, an outcome is
written whole or not at all."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select
from sqlmodel import col

from models.conversation import Follower, load_state
from models.db import raw_write, session_scope
from models.enums import EventStatus, OutboxStatus
from models.event_path import Lease, Reply, acquire, finish, release
from models.events import ChatLease, InboundEvent, OutboundMessage, store_events

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


def test_an_outcome_is_written_once_with_all_its_replies_and_never_for_an_event_no_longer_pending(engine):
    now = datetime.now(UTC)
    row = {"webhook_event_id": "e1", "destination": "D", "chat_key": "user:z", "event_type": "message",
           "timestamp_ms": 1, "payload": "{}", "is_redelivery": False}
    with raw_write(engine) as raw:
        store_events([row, {**row, "webhook_event_id": "e2", "timestamp_ms": 2}], session=raw)
    with session_scope(engine) as s:
        first, second = s.execute(select(col(InboundEvent.id)).order_by(col(InboundEvent.id))).scalars()
    replies = [Reply("z", "reply", "tok", now, '[{"type":"text","text":"1"}]', "k1"),
               Reply("z", "push", None, None, '[{"type":"text","text":"2"}]', "k2")]

    def write() -> tuple[list[int], bool] | None:
        with raw_write(engine, one_statement=True) as raw:
            return finish(raw, event_id=first, status=EventStatus.DONE, chat_key="user:z", user_id="z",
                          follower=True, state={"flow": "f", "step": "s", "data": {"ก": 1}}, replies=replies,
                          at=now, lease_until=now + timedelta(seconds=5), sending=OutboxStatus.SENDING)

    written = write()
    assert written is not None and written[1] is True  # the second event still waits
    assert write() is None  # handled already: nothing more is written
    with session_scope(engine) as s:
        sent = s.execute(select(OutboundMessage).order_by(col(OutboundMessage.id))).scalars().all()
        assert [m.id for m in sent] == written[0]
        assert [(m.kind, m.reply_token, m.token_issued_at, m.retry_key, m.status, m.event_id) for m in sent] == [
            ("reply", "tok", now, "k1", OutboxStatus.SENDING, first), ("push", None, None, "k2", OutboxStatus.SENDING, first)]
        assert s.get(InboundEvent, first).status == EventStatus.DONE
        assert s.get(InboundEvent, second).status == EventStatus.PENDING
        assert load_state("user:z", session=s) == {"flow": "f", "step": "s", "data": {"ก": 1}}
        assert s.get(Follower, "z").following is True
