"""Fuzzing POST /callback and the worker behind it: never a 500 for a well-signed body, and the worker
never fails on an event, whatever shape LINE's JSON takes."""
from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from bot.devchat.events import new_event_id, new_user_id, text_event, webhook_body
from models.db import read_scope
from models.events import InboundEvent
from tests.conftest import post_body
from tests.fuzz.profile import fuzz_settings
from tests.fuzz.strategies import JSON_VALUE, mutated_event, real_events
from tests.fuzz.webhook_checks import handled_cleanly, marker

REAL = real_events()


@fuzz_settings(50)
@given(raw=st.one_of(
    st.binary(max_size=300),
    JSON_VALUE.map(lambda v: json.dumps(v).encode()),
    st.builds(lambda evs, cut: json.dumps(webhook_body(evs)).encode()[:cut],
              st.lists(st.sampled_from(REAL), max_size=3), st.integers(min_value=0, max_value=400)),
    st.builds(lambda v: json.dumps({"destination": "U0", "events": v}).encode(), JSON_VALUE),
    st.sampled_from([b"\xff\xfe\x00{", "{\"events\": []}".encode("utf-16"), b"{\"events\": [\"\xed\xa0\x80\"]}"]),
))
def test_any_signed_bytes_are_answered_200_or_400(client, raw):
    assert post_body(client, raw).status_code in (200, 400)


@fuzz_settings(40)
@given(events=st.lists(mutated_event(REAL), min_size=1, max_size=3))
def test_real_event_shapes_with_wrong_parts_never_break_the_webhook_or_worker(client, worker, engine, fake_line,
                                                                           events):
    for event in events:  # fresh ids where the mutation left them, so earlier examples do not shadow these
        if isinstance(event.get("webhookEventId"), str):
            event["webhookEventId"] = new_event_id()
        if isinstance(event.get("source"), dict) and isinstance(event["source"].get("userId"), str):
            event["source"]["userId"] = new_user_id()
    destination = marker()
    resp = post_body(client, webhook_body(events, destination=destination))
    assert resp.status_code == 200, resp.data
    handled_cleanly(engine, worker, destination)
    assert not fake_line.store.violations, fake_line.store.violations


def test_huge_bodies_are_refused_or_taken_never_500(client, engine):
    too_big = b'{"destination": "U0", "events": [' + b" " * (13 * 1024 * 1024) + b"]}"
    assert post_body(client, too_big).status_code == 413  # over MAX_CONTENT_LENGTH, before any parsing
    destination = marker()
    many = [text_event(new_user_id(), "ก่" * 2500) for _ in range(60)]  # 60 of the longest Thai texts: 0.9 MB
    assert post_body(client, webhook_body(many, destination=destination)).status_code == 200
    with read_scope(engine) as s:
        stored = s.exec(select(InboundEvent).where(InboundEvent.destination == destination)).scalars().all()
    assert len(stored) == 60
