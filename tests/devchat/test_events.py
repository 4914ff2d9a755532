"""Webhook bodies built by bot.devchat.events: LINE's shape, the SDK parses them, signatures match."""
from __future__ import annotations

import re

import pytest
from linebot.v3 import WebhookParser
from linebot.v3.webhooks import (
    FileMessageContent,
    FollowEvent,
    GroupSource,
    ImageMessageContent,
    JoinEvent,
    LocationMessageContent,
    MessageEvent,
    PostbackEvent,
    RoomSource,
    StickerMessageContent,
    TextMessageContent,
    UnfollowEvent,
    UserSource,
)

from bot.devchat import events

from .conftest import reference_file, reference_json

SECRET = "test-channel-secret"
USER = events.new_user_id()
GROUP = events.new_group_id()
ULID = re.compile(r"^[0-7][0-9A-HJKMNP-TV-Z]{25}$")


def parse(*evs):
    raw, headers = events.signed(events.webhook_body(list(evs)), SECRET)
    return WebhookParser(SECRET).parse(raw.decode("utf-8"), headers["X-Line-Signature"])


# --- signatures ---------------------------------------------------------------------------------
def test_sign_matches_lines_official_vectors():
    vectors = reference_json("SIGNATURE_VECTORS.json")["vectors"]
    for v in vectors:
        body = (reference_file(v["body_file"]).read_bytes() if "body_file" in v
                else v["body_literal"].encode("utf-8"))
        assert events.sign(body, v["channel_secret"]) == v["x_line_signature"]


def test_signed_body_is_compact_utf8_and_verifies():
    body = events.webhook_body([events.text_event(USER, "ถนนหน้าบ้านเป็นหลุม")])
    raw, headers = events.signed(body, SECRET)
    assert "ถนนหน้าบ้านเป็นหลุม".encode() in raw  # not \u-escaped, as LINE sends it
    assert b": " not in raw and headers["Content-Type"].startswith("application/json")
    assert WebhookParser(SECRET).signature_validator.validate(raw.decode(), headers["X-Line-Signature"])
    assert not WebhookParser("other").signature_validator.validate(raw.decode(), headers["X-Line-Signature"])


# --- every builder parses into the right SDK classes -------------------------------------------
@pytest.mark.parametrize("event, event_cls, content_cls", [
    (events.text_event(USER, "สวัสดี"), MessageEvent, TextMessageContent),
    (events.image_event(USER, "100000000000000001"), MessageEvent, ImageMessageContent),
    (events.image_event(USER, "100000000000000002", {"id": "ABC", "index": 1, "total": 2}),
     MessageEvent, ImageMessageContent),
    (events.file_event(USER, "100000000000000003", "report.pdf", 2138), MessageEvent, FileMessageContent),
    (events.location_event(USER, 16.5757, 103.4955, "บ้าน", "นามะเขือ"), MessageEvent,
     LocationMessageContent),
    (events.location_event(USER, 16.5757, 103.4955), MessageEvent, LocationMessageContent),
    (events.sticker_event(USER, keywords=["Happy"]), MessageEvent, StickerMessageContent),
    (events.postback_event(USER, "action=menu"), PostbackEvent, None),
    (events.postback_event(USER, "pick=date", {"date": "2026-11-23"}), PostbackEvent, None),
    (events.follow_event(USER), FollowEvent, None),
    (events.unfollow_event(USER), UnfollowEvent, None),
    (events.join_event(GROUP), JoinEvent, None),
    (events.group_text_event(GROUP, USER, "hi"), MessageEvent, TextMessageContent),
])
def test_builder_output_parses_into_sdk_classes(event, event_cls, content_cls):
    (parsed,) = parse(event)
    assert type(parsed) is event_cls  # a missing required field would give UnknownEvent
    if content_cls:
        assert type(parsed.message) is content_cls
    assert parsed.webhook_event_id == event["webhookEventId"]
    assert parsed.mode.value == "active"
    assert parsed.delivery_context.is_redelivery is False


def test_parsed_values_survive():
    text, image, loc, pb, follow = parse(
        events.text_event(USER, "ไฟดับ\nหน้าวัด", reply_token="tok1"),
        events.image_event(USER, "123456789012345678", {"id": "SET", "index": 2, "total": 3}),
        events.location_event(USER, 16.5757, 103.4955, "หน้าวัด", "ต.นามะเขือ"),
        events.postback_event(USER, "survey=5", {"datetime": "2026-11-23T10:00"}),
        events.follow_event(USER, unblocked=True))
    assert text.message.text == "ไฟดับ\nหน้าวัด" and text.reply_token == "tok1"
    assert isinstance(text.source, UserSource) and text.source.user_id == USER
    assert image.message.id == "123456789012345678"
    assert (image.message.image_set.id, image.message.image_set.index, image.message.image_set.total) == ("SET", 2, 3)
    assert image.message.content_provider.type == "line"
    assert (loc.message.latitude, loc.message.longitude, loc.message.title) == (16.5757, 103.4955, "หน้าวัด")
    assert pb.postback.data == "survey=5" and pb.postback.params == {"datetime": "2026-11-23T10:00"}
    assert follow.follow.is_unblocked is True


def test_group_and_room_sources():
    (in_group,) = parse(events.group_text_event(GROUP, USER, "hi"))
    assert isinstance(in_group.source, GroupSource)
    assert (in_group.source.group_id, in_group.source.user_id) == (GROUP, USER)
    room = "R" + "ab" * 16
    (in_room,) = parse(events.text_event(USER, "hi", chat=room))
    assert isinstance(in_room.source, RoomSource) and in_room.source.room_id == room
    (joined,) = parse(events.join_event(GROUP))
    assert joined.source.group_id == GROUP and joined.reply_token


# --- shape against LINE's own bodies -------------------------------------------------------------
def keys_within(ours, theirs, path="event"):
    """Every key we produce also appears in LINE's example, recursively: we invent no fields."""
    if isinstance(ours, dict):
        extra = set(ours) - set(theirs)
        assert not extra, f"{path}: fields not in LINE's body: {extra}"
        for key, value in ours.items():
            keys_within(value, theirs[key], f"{path}.{key}")


@pytest.mark.parametrize("fixture, event", [
    ("sdk_v3_text_message.json", events.text_event(USER, "x")),
    ("sdk_v3_image_message_line_imageset.json", events.image_event(USER, "1", {"id": "S", "index": 1, "total": 2})),
    ("sdk_v3_location_message.json", events.location_event(USER, 1.0, 2.0, "t", "a")),
    ("sdk_v3_sticker_message.json", events.sticker_event(USER, keywords=["k"])),
    ("sdk_v3_postback_datetime.json", events.postback_event(USER, "d", {"datetime": "2017-12-25T01:00"})),
    ("sdk_v3_follow.json", events.follow_event(USER)),
    ("sdk_v3_unfollow.json", events.unfollow_event(USER)),
    ("sdk_v3_file_message.json", events.file_event(USER, "1", "f.txt", 1)),
    ("sdk_v3_join_group.json", events.join_event(GROUP)),
])
def test_same_shape_as_lines_bodies(fixture, event):
    theirs = reference_json(fixture)["events"][0]
    keys_within(event, theirs)
    # And the reverse for the envelope: every top-level field LINE sends, we send too.
    assert set(theirs) <= set(event)


def test_webhook_body_envelope():
    body = events.webhook_body([events.text_event(USER, "a")], destination="U" + "f" * 32)
    assert set(body) == {"destination", "events"} and body["destination"] == "U" + "f" * 32
    assert events.webhook_body([])["destination"] == events.DEFAULT_DESTINATION


# --- ids, timestamps, redelivery -----------------------------------------------------------------
def test_event_ids_are_unique_ulids():
    ids = {events.text_event(USER, "a")["webhookEventId"] for _ in range(500)}
    assert len(ids) == 500
    assert all(ULID.match(i) for i in ids)
    # The time part sorts: an id made later is greater.
    assert events.new_event_id(1_000) < events.new_event_id(2_000)


def test_given_values_are_used():
    e = events.text_event(USER, "a", reply_token="r", timestamp_ms=1462629479859,
                          event_id="01FZ74A0TDDPYRVKNK77XKC3ZR", redelivery=True)
    assert e["replyToken"] == "r" and e["timestamp"] == 1462629479859
    assert e["webhookEventId"] == "01FZ74A0TDDPYRVKNK77XKC3ZR"
    assert e["deliveryContext"] == {"isRedelivery": True}
    (parsed,) = parse(e)
    assert parsed.delivery_context.is_redelivery is True


def test_fresh_values_by_default():
    a, b = events.text_event(USER, "a"), events.text_event(USER, "a")
    assert a["replyToken"] != b["replyToken"] and a["message"]["id"] != b["message"]["id"]
    assert re.fullmatch(r"[0-9a-f]{32}", a["replyToken"])
    assert re.fullmatch(r"\d{18}", a["message"]["id"])
    assert abs(a["timestamp"] - b["timestamp"]) < 5_000


def test_unfollow_has_no_reply_token():
    assert "replyToken" not in events.unfollow_event(USER, reply_token="ignored")


def test_ids_look_like_lines():
    assert re.fullmatch(r"U[0-9a-f]{32}", events.new_user_id())
    assert re.fullmatch(r"C[0-9a-f]{32}", events.new_group_id())
