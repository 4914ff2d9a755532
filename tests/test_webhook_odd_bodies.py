"""Signed bodies that no LINE client sends but a holder of the channel secret (or a LINE bug) can:
each is answered without a 500, the same on SQLite and PostgreSQL, and never costs the other
events of its body (LINE redelivers a body that failed, failing again, forever)."""
from __future__ import annotations

import json
import time

from bot.devchat.events import encode, new_event_id, text_event, webhook_body
from models.enums import EventStatus
from tests.conftest import post_body
from tests.webhook_bodies import USER, stored


def _raw(body: dict) -> bytes:
    """ensure_ascii: a lone surrogate goes on the wire as the six characters \\ud83d, as an
    attacker's JSON would carry it."""
    return json.dumps(body).encode()


def test_a_lone_surrogate_is_replaced_and_the_other_events_are_kept(client, engine, worker, fake_line):
    broken = text_event(USER, "ถนนพัง \ud83d", reply_token=fake_line.store.issue_reply_token(USER))
    other = text_event("U" + "c" * 32, "สวัสดีครับ", reply_token=fake_line.store.issue_reply_token("U" + "c" * 32))
    assert post_body(client, _raw(webhook_body([broken, other]))).status_code == 200
    rows = {r.webhook_event_id: r for r in stored(engine)}
    assert set(rows) == {broken["webhookEventId"], other["webhookEventId"]}
    assert json.loads(rows[broken["webhookEventId"]].payload)["message"]["text"] == "ถนนพัง \ufffd"
    worker.drain()
    assert {r.status for r in stored(engine)} == {EventStatus.DONE}


def test_a_lone_surrogate_in_ids_and_type_is_stored_too(client, engine):
    event = dict(text_event(USER, "x"), type="message\udc00", webhookEventId="\ud800" + new_event_id())
    assert post_body(client, _raw(webhook_body([event], destination="U\udfff"))).status_code == 200
    [row] = stored(engine)
    assert row.webhook_event_id.startswith("\ufffd") and row.event_type == "message\ufffd"
    assert row.destination == "U\ufffd"


def test_json_nested_thousands_deep_is_a_malformed_body(client, engine):
    deep = b'{"destination":"x","events":[{"type":"message","x":' + b"[" * 5000 + b"]" * 5000 + b"}]}"
    assert post_body(client, deep).status_code == 400
    assert post_body(client, b"[" * 100_000).status_code == 400
    assert stored(engine) == []


def test_a_timestamp_far_in_the_future_is_taken_as_now(client, engine):
    before = int(time.time() * 1000)
    events = [text_event(USER, "a", timestamp_ms=253_402_300_799_000),  # 9999-12-31T23:59:59Z
              text_event(USER, "b", timestamp_ms=before + 3 * 24 * 3600 * 1000)]
    assert post_body(client, webhook_body(events)).status_code == 200
    for row in stored(engine):
        assert before <= row.timestamp_ms <= int(time.time() * 1000)


def test_a_body_of_6000_events_is_stored_whole(client, engine):
    """PostgreSQL takes at most 65,535 parameters per statement: 6,000 rows of 12 are stored in
    several statements (of one transaction), not refused with 503 at every redelivery."""
    now = int(time.time() * 1000)
    events = [{"type": "unfollow", "timestamp": now, "webhookEventId": f"E{n:025d}",
               "source": {"type": "user", "userId": f"U{n:032x}"}} for n in range(6000)]
    raw = encode(webhook_body(events))  # compact, as LINE sends it: 0.97 MB, under the 1 MB limit
    assert post_body(client, raw).status_code == 200
    assert len(stored(engine)) == 6000


def test_ids_longer_than_lines_formats_are_stored_as_skipped_on_every_database(client, engine):
    """A 71-character userId or a 100-character message id fits no column LINE's ids are kept in:
    on PostgreSQL the case insert failed (parked), on SQLite it was accepted. Now both store the
    event as a logged skip, and the good event beside it is handled."""
    long_user = text_event("U" + "d" * 70, "x")
    long_message = text_event(USER, "y", message_id="9" * 100)
    long_token = text_event(USER, "z", reply_token="f" * 81)
    good = text_event(USER, "สวัสดีครับ")
    assert post_body(client, webhook_body([long_user, long_message, long_token, good])).status_code == 200
    rows = {r.webhook_event_id: r for r in stored(engine)}
    assert len(rows) == 4
    for event, name in ((long_user, "source.userId"), (long_message, "message.id"), (long_token, "replyToken")):
        row = rows[event["webhookEventId"]]
        assert (row.status, row.error) == (EventStatus.SKIPPED, f"malformed {name}")
    assert rows[good["webhookEventId"]].status == EventStatus.PENDING
