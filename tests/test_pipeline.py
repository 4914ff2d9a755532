"""The worker: order within a chat, exactly-once handling, retries, parking, reply → push fallback."""
from __future__ import annotations

import itertools
import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import select, update

import bot.runtime.worker as worker_module
from bot.devchat.events import follow_event, text_event, webhook_body
from bot.runtime.outbox import OutboxSender, enqueue
from bot.runtime.worker import Worker
from handlers.types import Outcome, RecordFollow, State, SubmitInquiry
from models.conversation import Follower
from models.db import session_scope, utcnow
from models.enums import EventStatus, OutboxStatus
from models.events import InboundEvent, OutboundMessage
from models.inquiry import Inquiry
from tests.conftest import post_body

USER = "U" + "1" * 32


def now_ms() -> int:
    return int(time.time() * 1000)


def events(engine) -> list[InboundEvent]:
    with session_scope(engine) as s:
        return list(s.exec(select(InboundEvent).order_by(InboundEvent.id)).scalars())


def outbox(engine) -> list[OutboundMessage]:
    with session_scope(engine) as s:
        return list(s.exec(select(OutboundMessage).order_by(OutboundMessage.id)).scalars())


def test_follow_is_greeted_with_the_reply_token(client, worker, fake_line, engine):
    token = fake_line.store.issue_reply_token(USER)
    assert post_body(client, webhook_body([follow_event(USER, reply_token=token)])).status_code == 200
    worker.drain()
    replies = fake_line.store.replies()
    assert len(replies) == 1 and replies[0]["body"]["replyToken"] == token
    assert fake_line.store.pushes() == []
    with session_scope(engine) as s:
        assert s.get(Follower, USER).following is True
    assert events(engine)[0].status == EventStatus.DONE


def test_redelivered_event_is_answered_once(client, worker, fake_line):
    event = text_event(USER, "สวัสดี", reply_token=fake_line.store.issue_reply_token(USER))
    post_body(client, webhook_body([event]))
    worker.drain()
    post_body(client, webhook_body([dict(event, deliveryContext={"isRedelivery": True})]))
    worker.drain()
    assert len(fake_line.store.replies()) == 1


def test_out_of_order_events_are_handled_in_timestamp_order(client, worker, fake_line, engine):
    t0 = now_ms()
    first = text_event(USER, "สวัสดี", reply_token=fake_line.store.issue_reply_token(USER), timestamp_ms=t0)
    second = text_event(USER, "ติดตามเรื่อง", reply_token=fake_line.store.issue_reply_token(USER),
                        timestamp_ms=t0 + 500)
    post_body(client, webhook_body([second]))  # the later event arrives first
    post_body(client, webhook_body([first]))
    worker.drain()
    tokens = [r["body"]["replyToken"] for r in fake_line.store.replies()]
    assert tokens == [first["replyToken"], second["replyToken"]]


def test_concurrent_workers_handle_each_chat_one_event_at_a_time(client, services, fake_line, engine,
                                                                 monkeypatch):
    spans: dict[str, list[tuple[int, float, float]]] = {}
    lock = threading.Lock()
    real_dispatch = worker_module.dispatch

    def slow_dispatch(incoming, state, ctx):
        start = time.monotonic()
        time.sleep(0.02)
        out = real_dispatch(incoming, state, ctx)
        with lock:
            spans.setdefault(incoming.chat_key, []).append(
                (int(incoming.timestamp.timestamp() * 1000), start, time.monotonic()))
        return out

    monkeypatch.setattr(worker_module, "dispatch", slow_dispatch)
    users = [f"U{i:032x}" for i in range(3)]
    t0 = now_ms()
    sent = []
    for n in range(6):
        for u in users:
            sent.append(text_event(u, f"ข้อความที่ {n}", reply_token=fake_line.store.issue_reply_token(u),
                                   timestamp_ms=t0 + n * 10))
    # Posted in reverse, in several requests, to several workers at once.
    for start in range(len(sent), 0, -3):
        post_body(client, webhook_body(list(reversed(sent[max(0, start - 3):start]))))
    workers = [Worker(services, name=f"w{i}") for i in range(4)]
    threads = [threading.Thread(target=w.drain, kwargs={"timeout": 30}) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(len(v) for v in spans.values()) == len(sent)  # each event handled exactly once
    for chat, rows in spans.items():
        rows.sort(key=lambda r: r[1])
        assert [r[0] for r in rows] == sorted(r[0] for r in rows), f"{chat} out of order"
        for (_, _, end), (_, start, _) in itertools.pairwise(rows):
            assert start >= end, f"{chat}: two events handled at once"
    assert len(fake_line.store.replies()) == len(sent)


def test_expired_reply_token_falls_back_to_push(client, worker, fake_line, engine):
    token = fake_line.store.issue_reply_token(USER)
    fake_line.store.expire_reply_token(token)
    post_body(client, webhook_body([text_event(USER, "สวัสดี", reply_token=token)]))
    worker.drain()
    pushes = fake_line.store.pushes()
    assert len(pushes) == 1 and pushes[0]["body"]["to"] == USER
    assert _retry_key(pushes[0])
    assert outbox(engine)[0].status == OutboxStatus.SENT


def test_event_older_than_a_reply_token_is_answered_by_push(client, worker, fake_line):
    event = text_event(USER, "สวัสดี", reply_token=fake_line.store.issue_reply_token(USER),
                       timestamp_ms=now_ms() - 120_000)
    post_body(client, webhook_body([event]))
    worker.drain()
    assert fake_line.store.replies() == []
    assert len(fake_line.store.pushes()) == 1


def _retry_key(call) -> str:
    return {k.lower(): v for k, v in call["headers"].items()}.get("x-line-retry-key", "")


def _make_due(engine) -> None:
    with session_scope(engine) as s:
        s.exec(update(OutboundMessage).values(not_before=utcnow() - timedelta(seconds=1)))
        s.exec(update(InboundEvent).values(not_before=utcnow() - timedelta(seconds=1)))


@pytest.mark.parametrize("status", [500, 503, 429])
def test_push_is_retried_with_the_same_retry_key(services, engine, fake_line, status):
    with session_scope(engine) as s:
        enqueue(s, to=USER, messages=[{"type": "text", "text": "แจ้งสถานะ"}], purpose="status")
    fake_line.store.fail_next("/v2/bot/message/push", status=status, times=2)
    sender = OutboxSender(services)
    for _ in range(3):
        sender.send_due()
        _make_due(engine)
    pushes = [c for c in fake_line.store.calls if c["path"].endswith("/push")]
    assert len(pushes) == 3
    assert len({_retry_key(c) for c in pushes}) == 1
    assert len(fake_line.store.messages_for(USER)) == 1  # delivered exactly once
    assert outbox(engine)[0].status == OutboxStatus.SENT


def test_push_timeout_is_retried_and_not_delivered_twice(services, engine, fake_line):
    services.gateway.timeout = 0.5
    with session_scope(engine) as s:
        enqueue(s, to=USER, messages=[{"type": "text", "text": "แจ้งสถานะ"}], purpose="status")
    fake_line.store.hang_next("/v2/bot/message/push", 1.5)  # LINE takes it but answers too late
    sender = OutboxSender(services)
    sender.send_due()
    assert outbox(engine)[0].status == OutboxStatus.PENDING
    time.sleep(1.2)
    _make_due(engine)
    sender.send_due()
    assert outbox(engine)[0].status == OutboxStatus.SENT
    assert len(fake_line.store.messages_for(USER)) == 1


def test_push_refused_for_bad_request_is_dead_not_retried(services, engine, fake_line):
    with session_scope(engine) as s:
        enqueue(s, to=USER, messages=[{"type": "text", "text": "x"}], purpose="status")
    fake_line.store.fail_next("/v2/bot/message/push", status=400, times=1)
    OutboxSender(services).send_due()
    row = outbox(engine)[0]
    assert row.status == OutboxStatus.DEAD and row.last_status == 400


def test_failing_event_is_retried_then_parked_with_an_apology(client, services, fake_line, engine,
                                                              monkeypatch):
    calls = []

    def broken(incoming, state, ctx):
        calls.append(incoming)
        raise RuntimeError("handler bug")

    monkeypatch.setattr(worker_module, "dispatch", broken)
    services.settings.event_max_attempts = 3
    w = Worker(services, name="w")
    post_body(client, webhook_body([text_event(USER, "สวัสดี", reply_token=fake_line.store.issue_reply_token(USER))]))
    for _ in range(5):
        w.drain()
        _make_due(engine)
    w.drain()
    ev = events(engine)[0]
    assert len(calls) == 3
    assert ev.status == EventStatus.PARKED and "handler bug" in (ev.error or "")
    assert len(fake_line.store.messages_for(USER)) == 1  # the apology


def test_a_parked_event_does_not_block_the_next_one(client, services, fake_line, engine, monkeypatch):
    real = worker_module.dispatch

    def picky(incoming, state, ctx):
        if incoming.text == "boom":
            raise RuntimeError("bad event")
        return real(incoming, state, ctx)

    monkeypatch.setattr(worker_module, "dispatch", picky)
    services.settings.event_max_attempts = 1
    t0 = now_ms()
    post_body(client, webhook_body([
        text_event(USER, "boom", reply_token=fake_line.store.issue_reply_token(USER), timestamp_ms=t0),
        text_event(USER, "สวัสดี", reply_token=fake_line.store.issue_reply_token(USER), timestamp_ms=t0 + 1),
    ]))
    w = Worker(services, name="w")
    for _ in range(3):
        w.drain()
        _make_due(engine)
    statuses = [e.status for e in events(engine)]
    assert statuses == [EventStatus.PARKED, EventStatus.DONE]


def test_unknown_and_group_events_are_logged_skips(client, worker, fake_line, engine):
    from tests.conftest import load_fixture

    post_body(client, load_fixture("sdk_v3_unknown_event_redelivery.json"))
    post_body(client, load_fixture("docs_ref_text_group_mention_emoji.json"))
    worker.drain()
    assert {e.status for e in events(engine)} == {EventStatus.SKIPPED}
    assert fake_line.store.calls == [] or all("/profile/" in c["path"] for c in fake_line.store.calls)


def test_state_survives_between_events(client, worker, fake_line, engine):
    from models.conversation import load_state

    post_body(client, webhook_body([text_event(USER, "ไฟถนนหน้าบ้านดับหลายวันแล้ว",
                                               reply_token=fake_line.store.issue_reply_token(USER))]))
    worker.drain()
    with session_scope(engine) as s:
        state = State.from_json(load_state(f"user:{USER}", session=s))
    assert state.flow == "complaint"
    assert "ไฟถนน" in state.data["draft"]["description"]


# An effect written without an ORM session (bot/runtime/apply.py RAW_EFFECTS), and one written through it.
EFFECTS = pytest.mark.parametrize("effect", [SubmitInquiry("ถังขยะเต็มแล้วจะมาเก็บวันไหนครับ"), RecordFollow(True)],
                                  ids=["raw", "orm"])


def _decide(effect, before=None):
    """A dispatch that asks for `effect` and a new state, after doing `before` (outside any transaction)."""
    def dispatch(incoming, state, ctx):
        if before is not None:
            before()
        return Outcome(state=State(flow="complaint", step="x"), replies=({"type": "text", "text": "x"},),
                       effects=(effect,))
    return dispatch


def _nothing_of_the_outcome(engine) -> None:
    from models.conversation import load_state

    with session_scope(engine) as s:
        assert load_state(f"user:{USER}", session=s) == {}
        assert s.exec(select(Inquiry)).all() == []
        assert s.get(Follower, USER) is None  # RecordFollow's row, or the new citizen's
    assert outbox(engine) == []


@EFFECTS
def test_every_outcome_is_committed_with_its_event(client, services, fake_line, engine, monkeypatch, effect):
    """A crash before the commit leaves neither the effect's rows, the state nor the event half-done."""
    real_finish = worker_module.finish

    def crashing(raw, **kw):
        assert real_finish(raw, **kw) is not None  # all written, then lost before the commit
        raise OSError("disk vanished mid-transaction")

    monkeypatch.setattr(worker_module, "finish", crashing)
    monkeypatch.setattr(worker_module, "dispatch", _decide(effect))
    post_body(client, webhook_body([text_event(USER, "x", reply_token=fake_line.store.issue_reply_token(USER))]))
    Worker(services, name="w").drain()
    _nothing_of_the_outcome(engine)
    ev = events(engine)[0]
    assert ev.status == EventStatus.PENDING and "disk vanished" in (ev.error or "")
    assert fake_line.store.replies() == []


@EFFECTS
def test_an_event_handled_meanwhile_by_another_worker_keeps_none_of_our_outcome(
        client, services, fake_line, engine, monkeypatch, effect):
    """Our lease ran out while deciding and another worker handled the event: our effects are undone too."""
    def handled_elsewhere():
        with session_scope(engine) as s:
            s.execute(update(InboundEvent).values(status=EventStatus.DONE))

    monkeypatch.setattr(worker_module, "dispatch", _decide(effect, handled_elsewhere))
    post_body(client, webhook_body([text_event(USER, "x", reply_token=fake_line.store.issue_reply_token(USER))]))
    Worker(services, name="w").drain()
    _nothing_of_the_outcome(engine)
    assert [e.status for e in events(engine)] == [EventStatus.DONE]
    assert fake_line.store.replies() == []


def test_every_fixture_event_is_handled_without_failure_or_silence(client, worker, fake_line, engine):
    import json as _json

    from tests.conftest import webhook_fixtures

    bodies = webhook_fixtures()
    for path in bodies:
        body = _json.loads(path.read_text())
        for n, event in enumerate(body["events"]):  # as if sent now: their reply tokens still live
            event["timestamp"] = now_ms() + n
            if "replyToken" in event:  # the fixtures share a few tokens; LINE never reuses one
                event["replyToken"] = f"{path.stem[:20]}-{n}-{event['replyToken']}"
        assert post_body(client, body).status_code == 200, path.name
    worker.drain(timeout=60)
    rows = events(engine)
    assert rows and all(e.status in (EventStatus.DONE, EventStatus.SKIPPED) for e in rows), \
        [(e.event_type, e.status, e.error) for e in rows if e.status not in (EventStatus.DONE, EventStatus.SKIPPED)]
    answered = {r["body"]["replyToken"] for r in fake_line.store.replies()}
    for e in rows:
        payload = _json.loads(e.payload)
        one_to_one = e.chat_key.startswith("user:") and payload.get("mode", "active") == "active"
        if one_to_one and payload.get("type") == "message" and payload.get("replyToken"):
            assert payload["replyToken"] in answered, f"no answer to a {payload['message']['type']} message"


def test_an_unblocking_friend_is_welcomed_back_in_one_message(client, worker, fake_line):
    from tests.conftest import load_fixture

    body = load_fixture("docs_ref_follow_unblocked.json")
    event = body["events"][0]
    assert event["follow"]["isUnblocked"] is True
    event.update(timestamp=now_ms(), replyToken=fake_line.store.issue_reply_token(USER),
                 source={"type": "user", "userId": USER})
    post_body(client, body)
    worker.drain()
    [reply] = fake_line.store.replies()
    assert len(reply["body"]["messages"]) == 1  # not the greeting and privacy notice again
    first = load_fixture("docs_ref_follow_new_friend.json")
    new_user = "U" + "9" * 32
    first["events"][0].update(timestamp=now_ms(), replyToken=fake_line.store.issue_reply_token(new_user),
                              source={"type": "user", "userId": new_user})
    post_body(client, first)
    worker.drain()
    assert len(fake_line.store.replies()[-1]["body"]["messages"]) >= 2  # a new friend gets the full welcome
