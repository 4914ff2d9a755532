"""The citizen's answer to a resolution, as the pure handlers decide it (handlers/case_result.py):
what is asked, which effects are asked for, and the answers after them."""
from __future__ import annotations

from datetime import timedelta

from handlers.types import ConfirmResult, DiscardDraft, ReopenCase, SavePhoto
from tests.handlers.conftest import NOW, all_text, quick

TICKET = "NMK6810-0007"


def resolved(lookup, days: float = 3, owner: str = "U-citizen"):
    return lookup.add(owner, TICKET, status="resolved", closed_at=NOW - timedelta(days=days))


def test_not_fixed_asks_then_reopens_with_the_photos_and_the_words(chat, lookup):
    resolved(lookup)
    asked = chat.tap(f"ro:no:{TICKET}")
    assert "ยังมีอะไรไม่เรียบร้อย" in all_text(asked) and chat.state.flow == "reopen"
    assert asked.effects == ()
    photo = chat.image("m1")
    assert photo.effects == (SavePhoto("m1", "reopen"),) and "(1 รูป)" in all_text(photo)
    short = chat.text("ยัง")
    assert short.effects == () and chat.state.flow == "reopen"
    done = chat.text("ไฟยังไม่ติดค่ะ")
    assert done.effects == (ReopenCase(TICKET, "ไฟยังไม่ติดค่ะ"),) and chat.state.flow is None
    assert "กองช่าง" in " ".join(m["text"] for m in chat.after(done, {0: {"reopened": True, "division": "กองช่าง"}}))
    late = chat.after(done, {0: {"refused": "window"}})
    assert "เกิน 14 วัน" in late[0]["text"]


def test_cancel_keeps_the_case_resolved_and_drops_the_photos(chat, lookup):
    resolved(lookup)
    chat.tap(f"ro:no:{TICKET}")
    chat.image("m1")
    out = chat.tap("ro:cancel")
    assert out.effects == (DiscardDraft("reopen"),) and "ยังคงเป็นเสร็จสิ้น" in all_text(out)
    assert chat.state.flow is None


def test_after_14_days_a_new_complaint_is_offered(chat, lookup):
    resolved(lookup, days=14.5)
    out = chat.tap(f"ro:no:{TICKET}")
    assert out.effects == () and chat.state.flow is None
    assert "เปิดเรื่องเดิมอีกครั้งไม่ได้" in all_text(out)
    assert quick(out)[0]["data"] == "menu:complaint"


def test_fixed_is_an_effect_and_offers_the_survey_when_not_rated(chat, lookup):
    resolved(lookup)
    out = chat.tap(f"ro:ok:{TICKET}")
    assert out.effects == (ConfirmResult(TICKET),)
    [answer] = chat.after(out, {0: {"confirmed": True}})
    assert "บันทึกแล้ว" in answer["text"] and answer["quickReply"]["items"][0]["action"]["data"] == f"sv:case:{TICKET}"


def test_only_the_reporter_of_a_resolved_complaint(chat, lookup):
    resolved(lookup, owner="U-someone-else")
    assert "ไม่พบเรื่องเลขที่" in all_text(chat.tap(f"ro:no:{TICKET}"))
    assert chat.tap(f"ro:ok:{TICKET}").effects == ()
    lookup.cases.clear()
    lookup.add("U-citizen", TICKET, status="in_progress")
    out = chat.tap(f"ro:no:{TICKET}")
    assert "ไม่ได้อยู่ในสถานะเสร็จสิ้น" in all_text(out) and chat.state.flow is None
    assert "ro:" not in str(chat.tap("ro:no:not-a-ticket").effects)


def test_a_draft_open_elsewhere_is_asked_about_first(chat, lookup):
    resolved(lookup)
    chat.text("ถนนหน้าบ้านเป็นหลุมใหญ่มากค่ะ รถล้มบ่อย")  # a complaint draft with a description
    flow = chat.state.flow
    out = chat.tap(f"ro:no:{TICKET}")
    assert chat.state.flow == flow and "ยังแจ้งไม่เสร็จ" in all_text(out)
    started = chat.tap(next(a["data"] for a in quick(out) if a["data"].startswith("fl:new")))
    assert chat.state.flow == "reopen" and TICKET in all_text(started)
