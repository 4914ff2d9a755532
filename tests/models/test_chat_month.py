"""The monthly chat rollup (models/chat_month.py) equals the full computation over the stored events
after every kind of change the service makes: signed webhook bodies, redeliveries, events around a
Bangkok month boundary, the privacy purge's stand-ins, a deletion request's random alias, deletions."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select, update

from bot.devchat.events import follow_event, new_event_id, text_event, webhook_body
from models.chat_month import ChatMonth
from models.db import session_scope
from models.events import InboundEvent, store_events
from models.periods import FISCAL_YEAR, MONTH, parse
from models.privacy import pseudonym
from models.privacy_anonymise import erase_events
from models.stats_channel import chat_activity, chat_activity_from_events
from tests.conftest import post_body

USERS = ["U" + c * 32 for c in "abcdef"]
# Around the boundary of ต.ค./พ.ย. 2568 in Bangkok: 31 October 2025 17:00 UTC is 1 November 00:00.
BOUNDARY = datetime(2025, 10, 31, 17, 0, tzinfo=UTC)
PERIODS = [parse(FISCAL_YEAR, "2569"), parse(MONTH, "2568-10"), parse(MONTH, "2568-11"), parse(MONTH, "2569-09")]


def _row(user: str, at: datetime, kind: str = "message") -> dict:
    return {"webhook_event_id": new_event_id(), "destination": "D", "chat_key": f"user:{user}",
            "event_type": kind, "timestamp_ms": int(at.timestamp() * 1000), "payload": "{}",
            "is_redelivery": False, "received_at": at}


def _assert_equal(engine) -> None:
    with session_scope(engine) as s:
        for period in PERIODS:
            assert chat_activity(period, session=s) == chat_activity_from_events(period, session=s), period
        # The table itself, row by row, against a GROUP BY over the events.
        stored = {(r.month, r.chat_key): r.messages for r in s.execute(select(ChatMonth)).scalars()}
        events = s.execute(select(InboundEvent.received_at, InboundEvent.chat_key)
                           .where(InboundEvent.event_type == "message")).all()
    expected: dict[tuple[str, str], int] = {}
    for at, chat in events:
        local = at.astimezone(UTC) + timedelta(hours=7)
        expected[(f"{local:%Y-%m}", chat)] = expected.get((f"{local:%Y-%m}", chat), 0) + 1
    assert stored == expected


def test_rollup_follows_every_change(engine, client) -> None:
    rows = [_row(USERS[0], BOUNDARY - timedelta(microseconds=1)), _row(USERS[0], BOUNDARY),
            _row(USERS[1], BOUNDARY + timedelta(days=3)), _row(USERS[1], BOUNDARY + timedelta(days=4)),
            _row(USERS[2], BOUNDARY - timedelta(days=20)), _row(USERS[2], BOUNDARY, kind="follow"),
            _row(USERS[3], datetime(2026, 9, 30, 16, 59, tzinfo=UTC)),  # the fiscal year's last minute
            _row(USERS[3], datetime(2026, 9, 30, 17, 0, tzinfo=UTC))]  # the next year's first
    with session_scope(engine) as s:
        assert store_events(rows, session=s) == len(rows)
        assert store_events(rows[:3], session=s) == 0  # redelivered: stored once, counted once
    _assert_equal(engine)

    # The real path: signed webhook bodies with several chats (and a follow, which is no message).
    body = webhook_body([text_event(USERS[4], "ถนนพัง"), text_event(USERS[5], "ไฟดับ"), follow_event(USERS[4]),
                         text_event(USERS[4], "ตรงหน้าวัด")])
    assert post_body(client, body).status_code == 200
    _assert_equal(engine)
    with session_scope(engine) as s:
        assert s.execute(select(func.sum(ChatMonth.messages))).scalar_one() == 10

    with session_scope(engine) as s:
        ids = s.execute(select(InboundEvent.id).where(InboundEvent.chat_key == f"user:{USERS[0]}")).scalars().all()
        erase_events(list(ids), session=s, alias=lambda v: pseudonym(v, b"k"))  # the purge's stand-in
        ids = s.execute(select(InboundEvent.id).where(InboundEvent.chat_key == f"user:{USERS[1]}")).scalars().all()
        erase_events(list(ids), session=s, alias=lambda v: "anon:" + "9" * 20)  # a deletion request
        s.execute(update(InboundEvent).where(InboundEvent.chat_key == f"user:{USERS[5]}")
                  .values(status="done", attempts=1))  # a worker's update changes nothing here
    _assert_equal(engine)
    with session_scope(engine) as s:
        keys = set(s.execute(select(ChatMonth.chat_key)).scalars())
    assert f"user:{USERS[0]}" not in keys and f"user:{USERS[1]}" not in keys  # no LINE id left behind
    assert pseudonym(f"user:{USERS[0]}", b"k") in keys and "anon:" + "9" * 20 in keys

    with session_scope(engine) as s:
        s.execute(delete(InboundEvent).where(InboundEvent.chat_key == f"user:{USERS[3]}"))
        first = s.execute(select(InboundEvent).where(InboundEvent.chat_key == f"user:{USERS[2]}")
                          .order_by(InboundEvent.id)).scalars().first()
        first.received_at = BOUNDARY + timedelta(days=40)  # moved to another month
        first.event_type = "message"
        s.add(first)
    _assert_equal(engine)


def test_rollup_is_empty_without_events(engine) -> None:
    with session_scope(engine) as s:
        assert chat_activity(PERIODS[0], session=s) == ({}, 0) == chat_activity_from_events(PERIODS[0], session=s)
