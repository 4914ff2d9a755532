"""A citizen asks in chat that their personal data be deleted: typed or tapped, a confirm step that says
what it means, then one RequestDeletion effect; an open draft is kept and offered back."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from handlers import postback as pb
from handlers.types import RequestDeletion, State
from messages_th import privacy as p
from messages_th.strings import TEXT
from tests.handlers.conftest import Chat, all_text, data_of, effects_of, labels

WHEN = datetime(2025, 10, 31, 3, 0, tzinfo=UTC)


@pytest.mark.parametrize("typed", ["ลบข้อมูลของฉัน", "ขอลบข้อมูลส่วนตัวค่ะ", "ขอลบข้อมูล ครับ", "ลบข้อมูลส่วนบุคคล"])
def test_typed_request_asks_to_confirm_and_changes_nothing_yet(chat: Chat, typed: str) -> None:
    out = chat.text(typed)
    assert out.effects == () and out.replies_after is None
    text = all_text(out)
    assert "ลบ" in text and "สถิติ" in text and "ติดตามเรื่องเดิมทางไลน์ไม่ได้" in text
    assert data_of(out)[:2] == [pb.pv("yes"), pb.pv("no")]
    assert labels(out)[:2] == [p.t("qr.confirm"), p.t("qr.keep")]
    assert chat.state == State.idle()


def test_confirm_records_one_request_and_promises_a_date(chat: Chat) -> None:
    chat.text("ลบข้อมูลของฉัน")
    out = chat.tap(pb.pv("yes"))
    assert effects_of(out, RequestDeletion) == [RequestDeletion()]
    (message,) = chat.after(out, {0: {"new": True, "answer_by": WHEN}})
    assert "รับคำขอลบข้อมูลส่วนบุคคลแล้ว" in message["text"] and "31 ต.ค. 2568" in message["text"]
    (again,) = chat.after(out, {0: {"new": False, "answer_by": WHEN}})
    assert "รอเจ้าหน้าที่ตรวจสอบอยู่แล้ว" in again["text"]


def test_keep_records_nothing(chat: Chat) -> None:
    chat.text("ขอลบข้อมูล")
    out = chat.tap(pb.pv("no"))
    assert out.effects == () and out.replies_after is None
    assert p.t("kept") in all_text(out)


def test_open_complaints_are_named_and_corruption_reports_are_not(chat: Chat, lookup) -> None:
    lookup.add(chat.user_id, "NMK6810-0001", status="in_progress")
    lookup.add(chat.user_id, "NMK6809-0001", status="resolved")
    lookup.add(chat.user_id, "NMKC6810-0001", status="received", kind="corruption")
    lookup.add("U-someone-else", "NMK6810-0002", status="received")
    text = all_text(chat.text("ลบข้อมูลของฉัน"))
    assert "NMK6810-0001" in text and "แจ้งความคืบหน้าให้ท่านทางไลน์ไม่ได้" in text
    assert "NMK6809-0001" not in text and "NMKC" not in text and "NMK6810-0002" not in text


def test_open_draft_is_kept_and_offered_back(chat: Chat) -> None:
    chat.text("ไฟทางหน้าบ้านดับหลายวันแล้ว")
    draft = chat.state
    assert draft.flow == "complaint"
    out = chat.text("ลบข้อมูลของฉัน")
    assert chat.state == draft and pb.fl("resume") in data_of(out)
    out = chat.tap(pb.pv("yes"))
    assert chat.state == draft and effects_of(out, RequestDeletion)
    (message,) = chat.after(out, {0: {"new": True, "answer_by": WHEN}})
    assert pb.fl("resume") in [i["action"].get("data") for i in message["quickReply"]["items"]]


def test_a_chat_without_a_user_id_is_told_to_contact_the_office(ctx) -> None:
    chat = Chat(ctx, user_id="")
    out = chat.tap(pb.pv("yes"))
    assert out.effects == () and p.t("no_user") in all_text(out)


def test_unknown_privacy_button_is_expired(chat: Chat) -> None:
    out = chat.tap(pb.pv("nonsense"))
    assert out.effects == () and TEXT["button.expired"] in all_text(out)


def test_help_and_follow_tell_how_to_ask(chat: Chat, ctx) -> None:
    assert "ลบข้อมูลของฉัน" in all_text(chat.text("วิธีใช้งาน"))
    follow = all_text(Chat(ctx, user_id="U-new").send("follow"))
    assert "ลบข้อมูลของฉัน" in follow and "2 ปี หลังเรื่องเสร็จสิ้น" in follow  # RETENTION_DAYS 730


def test_privacy_notice_follows_the_setting(ctx) -> None:
    from dataclasses import replace

    text = all_text(Chat(replace(ctx, retention_days=180), user_id="U-new").send("follow"))
    assert "6 เดือน หลังเรื่องเสร็จสิ้น" in text and "2 ปี" not in text
    assert p.period(365) == "1 ปี" and p.period(45) == "45 วัน"


def test_labels_fit_line() -> None:
    for key, value in p.TEXT.items():
        if key.startswith("qr."):
            assert 0 < len(value) <= 20, key
