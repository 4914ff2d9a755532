"""Fuzzing what citizens type: Thai with combining marks, emoji, invisible and right-to-left
characters, very long messages, markup and SQL, at any point of a conversation. The worker never
fails, the citizen always gets an answer, and every answer keeps LINE's limits."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.devchat.events import new_user_id, postback_event, text_event, webhook_body
from tests.conftest import post_body
from tests.fuzz.profile import fuzz_settings
from tests.fuzz.strategies import CITIZEN_TEXT
from tests.fuzz.webhook_checks import handled_cleanly, marker

# Where in a conversation the text arrives: nowhere, describing a problem, choosing a category,
# giving a name and phone, or at the complaint's summary.
STATES = [[], ["ถนนหน้าวัดเป็นหลุมลึก รถล้มบ่อย"], ["ถนนหน้าวัดเป็นหลุมลึก รถล้มบ่อย", "cx:cats"],
          ["ถนนหน้าวัดเป็นหลุมลึก รถล้มบ่อย", "cx:catok", "cx:next", "cx:next", "cx:give"],
          ["ถนนหน้าวัดเป็นหลุมลึก รถล้มบ่อย", "cx:catok", "cx:next", "cx:next", "cx:anon"],
          ["menu:corruption"], ["menu:track"]]


@fuzz_settings(60)
@given(before=st.sampled_from(STATES), text=CITIZEN_TEXT)
def test_thai_text_anywhere_in_a_conversation_is_answered(client, worker, engine, fake_line, before, text):
    store, user, destination = fake_line.store, new_user_id(), marker()
    t0 = 1_700_000_000_000
    events = [postback_event(user, step, timestamp_ms=t0 + i) if ":" in step and step.isascii()
              else text_event(user, step, timestamp_ms=t0 + i) for i, step in enumerate(before)]
    last = text_event(user, text, reply_token=store.issue_reply_token(user), timestamp_ms=t0 + len(before))
    for event in events + [last]:  # one request each, as LINE sends a person's messages
        assert post_body(client, webhook_body([event], destination=destination)).status_code == 200
    handled_cleanly(engine, worker, destination)
    answers = [d for d in store.replies() + store.pushes() if d["to"] == user]
    assert answers, f"no answer to {text!r} after {before}"
    assert not store.violations, store.violations


def test_nul_and_control_characters_still_make_a_case(client, worker, engine, fake_line):
    """Found on PostgreSQL, whose text cannot hold NUL: such a complaint failed to be filed (retried,
    then parked with an apology). The citizen now gets a ticket and the case keeps the rest."""
    from sqlalchemy import select

    from models.complaint import Case
    from models.db import read_scope
    from tests.citizen import Citizen

    user = new_user_id()
    fake_line.store.set_profile(user, display_name="สม\x00ชาย\x07")
    c = Citizen(client, worker, fake_line, user_id=user)
    c.follow()
    c.say("ถนนหน้าวัด\x00เป็นหลุมลึก\x1b รถล้มบ่อย\u200b")
    c.postback("cx:catok")
    c.postback("cx:next")
    c.location(13.75, 100.5, "ซอย\x00 5", "หมู่\x00 2")
    c.postback("cx:line")
    c.postback("cx:ok")
    with read_scope(engine) as s:
        case = s.exec(select(Case).where(Case.reporter_line_id == user)).scalars().one()
    assert "เป็นหลุมลึก" in case.description and "\x00" not in case.description + case.location_title
    assert case.ticket in "".join(str(m) for m in c.all_messages())
