"""The LINE API answering 500, 429 (with Retry-After), or not at all: every message arrives once.

Retries keep one X-Line-Retry-Key per message across every attempt, wait longer each time (and at
least as long as a Retry-After says), never deliver a push twice, and stop after a bounded number of
attempts with the message marked DEAD where a monitor sees it (/healthz). A reply whose token cannot
be used any more is sent as a push instead.
"""
from __future__ import annotations

import time
from datetime import timedelta

from sqlalchemy import select, update

from bot.devchat.events import text_event, webhook_body
from bot.runtime.outbox import OutboxSender, enqueue
from models.db import as_aware, session_scope, utcnow
from models.enums import EventStatus, OutboxStatus
from models.events import InboundEvent, OutboundMessage
from tests.conftest import post_body

USERS = [f"U{n:032x}" for n in range(1, 6)]
PUSH, REPLY = "/v2/bot/message/push", "/v2/bot/message/reply"


def rows(engine) -> list[OutboundMessage]:
    with session_scope(engine) as s:
        return list(s.exec(select(OutboundMessage).order_by(OutboundMessage.id)).scalars())


def make_due(engine) -> None:
    """Skip the wait a backoff asked for (the wait itself is checked from not_before)."""
    with session_scope(engine) as s:
        s.exec(update(OutboundMessage).values(not_before=utcnow() - timedelta(seconds=1)))
        s.exec(update(InboundEvent).values(not_before=utcnow() - timedelta(seconds=1)))


def retry_key(call) -> str:
    return {k.lower(): v for k, v in call.headers.items()}.get("x-line-retry-key", "")


def queue_pushes(engine, users=USERS) -> None:
    with session_scope(engine) as s:
        for u in users:
            enqueue(s, to=u, messages=[{"type": "text", "text": f"เรื่องของท่านได้รับการแก้ไขแล้ว {u[-4:]}"}],
                    purpose="status")


def waits_after_each_failure(engine, sender: OutboxSender, rounds: int) -> list[float]:
    """Send what is due `rounds` times; the backoff (seconds) each failed attempt asked for."""
    waits = []
    for _ in range(rounds):
        sender.send_due()
        row = rows(engine)[0]
        if row.status != OutboxStatus.PENDING:
            break
        waits.append((as_aware(row.not_before) - utcnow()).total_seconds())
        make_due(engine)
    return waits


def test_500s_are_retried_with_backoff_and_one_retry_key_and_arrive_once(services, engine, fake_line):
    queue_pushes(engine)
    fake_line.store.fail_next(PUSH, status=500, times=12)  # about two failures per message, then LINE is back
    sender = OutboxSender(services)
    for _ in range(6):
        sender.send_due()
        make_due(engine)
    assert {r.status for r in rows(engine)} == {OutboxStatus.SENT}
    calls = fake_line.store.calls_to(PUSH)
    assert len(calls) == 12 + len(USERS)
    for u in USERS:
        keys = {retry_key(c) for c in calls if c.json["to"] == u}
        assert len(keys) == 1 and keys != {""}, f"{u}: retry keys {keys}"
        assert len(fake_line.store.messages_for(u)) == 1  # delivered exactly once


def test_backoff_grows_between_attempts(services, engine, fake_line):
    queue_pushes(engine, USERS[:1])
    fake_line.store.fail_next(PUSH, status=503, times=4)
    waits = waits_after_each_failure(engine, OutboxSender(services), 5)
    assert len(waits) == 4
    for n, wait in enumerate(waits):  # 1, 2, 4, 8 s, each with up to 20 % jitter
        assert 0.75 * 2 ** n <= wait <= 1.25 * 2 ** n, waits
    assert rows(engine)[0].status == OutboxStatus.SENT


def test_429_waits_at_least_as_long_as_retry_after_says(services, engine, fake_line):
    queue_pushes(engine, USERS[:1])
    fake_line.store.fail_next(PUSH, status=429, times=1, body={"message": "Too many requests"},
                              headers={"Retry-After": "30"})
    sender = OutboxSender(services)
    sender.send_due()
    row = rows(engine)[0]
    assert row.status == OutboxStatus.PENDING and row.last_status == 429
    assert (as_aware(row.not_before) - utcnow()).total_seconds() >= 29  # not the 1 s backoff
    assert sender.send_due() == 0  # not before its time
    make_due(engine)
    sender.send_due()
    calls = fake_line.store.calls_to(PUSH)
    assert len(calls) == 2 and retry_key(calls[0]) == retry_key(calls[1])
    assert rows(engine)[0].status == OutboxStatus.SENT and len(fake_line.store.pushes()) == 1


def test_no_answer_at_all_is_retried_without_a_second_copy(services, engine, fake_line):
    services.gateway.timeout = 0.5
    queue_pushes(engine, USERS[:2])
    fake_line.store.hang_next(PUSH, 1.5, deliver=True)  # LINE takes the first one, the answer is lost
    fake_line.store.hang_next(PUSH, 1.5, deliver=False)  # the second one LINE never takes
    sender = OutboxSender(services)
    sender.send_due()
    assert {r.status for r in rows(engine)} == {OutboxStatus.PENDING}
    assert {r.last_status for r in rows(engine)} == {None}  # no answer came
    time.sleep(1.2)  # the fake finishes its slow answers
    make_due(engine)
    sender.send_due()
    assert {r.status for r in rows(engine)} == {OutboxStatus.SENT}
    for u in USERS[:2]:
        assert len(fake_line.store.messages_for(u)) == 1
    first, second = ([c for c in fake_line.store.calls_to(PUSH) if c.json["to"] == u] for u in USERS[:2])
    assert [c.status for c in first][-1] == 409  # "already accepted under this key": not sent twice
    assert [c.status for c in second][-1] == 200


def test_unreachable_line_api_is_retried_until_it_is_back(services, engine, fake_line):
    from bot.line.gateway import LineGateway
    from tests.faults.web_process import free_port

    real = services.gateway
    services.gateway = LineGateway(access_token="t", api_base=f"http://127.0.0.1:{free_port()}", timeout=0.5)
    queue_pushes(engine, USERS[:1])
    sender = OutboxSender(services)
    sender.send_due()
    row = rows(engine)[0]
    assert row.status == OutboxStatus.PENDING and row.last_status is None and "Connection" in row.last_error
    services.gateway = real
    make_due(engine)
    sender.send_due()
    assert rows(engine)[0].status == OutboxStatus.SENT and len(fake_line.store.pushes()) == 1


def test_gives_up_after_bounded_attempts_and_shows_dead_in_healthz(client, services, engine, fake_line):
    services.settings.outbox_max_attempts = 4
    queue_pushes(engine, USERS[:1])
    fake_line.store.fail_next(PUSH, status=500, times=100)
    sender = OutboxSender(services)
    for _ in range(8):
        sender.send_due()
        make_due(engine)
    row = rows(engine)[0]
    assert row.status == OutboxStatus.DEAD and row.last_status == 500 and row.attempts == 4
    assert len(fake_line.store.calls_to(PUSH)) == 4 and fake_line.store.pushes() == []
    assert client.get("/healthz").get_json()["outbox_dead"] == 1


def _citizen_says(client, fake_line, user: str, text: str) -> dict:
    event = text_event(user, text, reply_token=fake_line.store.issue_reply_token(user))
    assert post_body(client, webhook_body([event])).status_code == 200
    return event


def test_reply_500_is_retried_with_the_same_token_and_answers_once(client, worker, engine, fake_line):
    event = _citizen_says(client, fake_line, USERS[0], "สวัสดีครับ")
    fake_line.store.fail_next(REPLY, status=500, times=2)
    for _ in range(3):
        worker.drain()
        make_due(engine)
    calls = fake_line.store.calls_to(REPLY)
    assert len(calls) == 3 and {c.json["replyToken"] for c in calls} == {event["replyToken"]}
    assert len(fake_line.store.replies()) == 1 and fake_line.store.pushes() == []


def test_reply_that_keeps_failing_until_its_token_is_too_old_falls_back_to_push(client, worker, services,
                                                                                engine, fake_line):
    services.settings.reply_token_max_age_seconds = 1.0
    _citizen_says(client, fake_line, USERS[0], "สวัสดีครับ")
    fake_line.store.fail_next(REPLY, status=500, times=100)
    worker.drain()
    assert rows(engine)[0].kind == "reply" and rows(engine)[0].status == OutboxStatus.PENDING
    time.sleep(1.1)  # the token is now too old to trust
    make_due(engine)
    worker.drain()
    [row] = rows(engine)
    assert row.kind == "push" and row.reply_token is None and row.status == OutboxStatus.SENT
    assert fake_line.store.replies() == [] and len(fake_line.store.pushes()) == 1
    assert retry_key(fake_line.store.calls_to(PUSH)[0])


def test_reply_whose_answer_was_lost_is_not_sent_again_by_push(client, worker, services, engine, fake_line):
    services.gateway.timeout = 0.5
    _citizen_says(client, fake_line, USERS[0], "สวัสดีครับ")
    fake_line.store.hang_next(REPLY, 1.5, deliver=True)  # LINE shows the reply; the answer never comes
    worker.drain()
    time.sleep(1.2)
    make_due(engine)
    worker.drain()
    assert len(fake_line.store.replies()) == 1 and fake_line.store.pushes() == []
    assert rows(engine)[0].status == OutboxStatus.SENT
    with session_scope(engine) as s:
        assert s.exec(select(InboundEvent)).scalars().one().status == EventStatus.DONE
