"""The corruption and misconduct report: its own entry, anonymous by default, details never echoed."""
from __future__ import annotations

from handlers.types import DiscardDraft, SavePhoto, State, SubmitCorruption
from tests.handlers.conftest import Chat, all_text, data_of, effects_of, labels, words_of

ACCUSED = "นายทดสอบ ตำแหน่งนายช่างโยธา กองช่าง"
WHAT = "เรียกรับเงินห้าพันบาทเพื่อออกใบอนุญาตก่อสร้าง เมื่อ 3 ต.ค. ที่สำนักงาน"
DRAFT_KEYS = {"accused", "description", "photos", "contact_mode", "name", "phone"}


def walk_to_summary(chat: Chat) -> list:
    outs = [chat.tap("menu:corruption"), chat.text(ACCUSED), chat.text(WHAT), chat.image("ev-1"),
            chat.tap("cr:next"), chat.tap("cr:anon")]
    assert chat.state.step == "confirm"
    return outs


def test_whole_report_is_anonymous_by_default(chat: Chat) -> None:
    out = chat.tap("menu:corruption")
    assert (chat.state.flow, chat.state.step) == ("corruption", "accused")
    assert "ความลับ" in all_text(out) and len(out.replies) == 2
    chat.text(ACCUSED)
    assert chat.state.step == "what"
    chat.text(WHAT)
    assert chat.state.step == "photos"
    out = chat.image("ev-1")
    assert effects_of(out, SavePhoto) == [SavePhoto("ev-1", "corruption")]
    out = chat.text("เสร็จแล้ว")
    assert chat.state.step == "contact"
    assert data_of(out)[0] == "cr:anon"  # anonymous is the first, default choice
    out = chat.tap("cr:anon")
    assert chat.state.step == "confirm" and labels(out) == ["ยืนยัน", "แก้ไข", "ยกเลิก"]
    summary = out.replies[-1]
    assert ACCUSED in words_of(summary["contents"]) and WHAT in words_of(summary["contents"])
    assert ACCUSED not in summary["altText"] and WHAT not in summary["altText"]

    out = chat.tap("cr:ok")
    (effect,) = effects_of(out, SubmitCorruption)
    draft = dict(effect.draft)
    assert set(draft) == DRAFT_KEYS
    assert draft == {"accused": ACCUSED, "description": WHAT, "photos": ["ev-1"], "contact_mode": "anonymous",
                     "name": "", "phone": ""}
    assert chat.state == State.idle()
    (message,) = chat.after(out, {0: {"ticket": "NMKC6810-0001"}})
    assert "NMKC6810-0001" in message["text"] and "ความลับ" in message["text"]
    assert ACCUSED not in message["text"]


def test_details_are_only_in_the_reporters_summary(chat: Chat) -> None:
    outs = walk_to_summary(chat)
    outs.append(chat.tap("cr:edit"))
    outs.append(chat.tap("cr:ed:contact"))
    outs.append(chat.text("0812345678"))
    outs.append(chat.tap("cr:ok"))
    for out in outs:
        for message in out.replies:
            if message["type"] == "flex":  # the summary: details inside the bubble only
                assert ACCUSED not in message["altText"] and WHAT not in message["altText"]
                continue
            shown = words_of(message)
            assert ACCUSED not in shown and "ห้าพันบาท" not in shown and "นายทดสอบ" not in shown
    after = chat.after(outs[-1], {0: {"ticket": "NMKC6810-0002"}})
    assert "นายทดสอบ" not in words_of(after)


def test_leave_a_name_and_phone(chat: Chat) -> None:
    walk_to_summary(chat)
    chat.tap("cr:edit")
    chat.tap("cr:ed:contact")
    chat.tap("cr:give")
    out = chat.text("ชื่อ สมหญิง เบอร์ 09-1234-5678")
    assert chat.state.step == "confirm" and "0912345678" in all_text(out)
    (effect,) = effects_of(chat.tap("cr:ok"), SubmitCorruption)
    assert (effect.draft["contact_mode"], effect.draft["name"], effect.draft["phone"]) == (
        "given", "สมหญิง", "0912345678")


def test_line_name_is_never_used(chat: Chat) -> None:
    walk_to_summary(chat)
    (effect,) = effects_of(chat.tap("cr:ok"), SubmitCorruption)
    assert "สมศรี" not in str(effect.draft)


def test_entry_text_becomes_the_description(chat: Chat) -> None:
    out = chat.text("เจ้าหน้าที่เรียกเงินค่าทำเรื่องขออนุญาต")
    assert (chat.state.flow, chat.state.step) == ("corruption", "accused")
    assert chat.state.data["draft"]["description"] == "เจ้าหน้าที่เรียกเงินค่าทำเรื่องขออนุญาต"
    assert "ความลับ" in all_text(out)
    chat.text("ไม่ทราบชื่อ ผู้ชายที่เคาน์เตอร์")
    assert chat.state.step == "more"
    chat.text("เมื่อวานบ่ายสองโมง")
    assert chat.state.step == "photos"
    assert chat.state.data["draft"]["description"].endswith("เมื่อวานบ่ายสองโมง")


def test_report_word_alone_has_no_description(chat: Chat) -> None:
    chat.text("แจ้งทุจริต")
    assert chat.state.step == "accused" and chat.state.data["draft"]["description"] == ""


def test_skip_more_and_evidence(chat: Chat) -> None:
    chat.text("มีการฮั้วประมูลโครงการถนน")
    chat.text("ผู้รับเหมากับกรรมการ")
    chat.text("ข้าม")
    assert chat.state.step == "photos"
    chat.text("ข้าม")
    assert chat.state.step == "contact"


def test_text_between_evidence_photos_adds_to_the_story(chat: Chat) -> None:
    chat.tap("menu:corruption")
    chat.text(ACCUSED)
    chat.text(WHAT)
    out = chat.text("มีพยานคือคนขายของหน้าสำนักงาน")
    assert chat.state.step == "photos" and "เพิ่มข้อความนี้" in all_text(out)
    assert chat.state.data["draft"]["description"].endswith("หน้าสำนักงาน")
    assert "มีพยาน" not in words_of(list(out.replies))


def test_cancel_discards_and_back_steps(chat: Chat) -> None:
    chat.tap("menu:corruption")
    chat.text(ACCUSED)
    chat.text("ย้อนกลับ")
    assert chat.state.step == "accused"
    chat.text(ACCUSED)
    out = chat.text("ยกเลิก")
    assert chat.state.flow == "corruption" and not out.effects  # asked first
    assert ACCUSED not in all_text(out)
    out = chat.tap("cr:drop")
    assert chat.state == State.idle()
    assert effects_of(out, DiscardDraft) == [DiscardDraft("corruption")]
    assert ACCUSED not in all_text(out)


def test_complaint_button_inside_a_report_is_refused(chat: Chat) -> None:
    chat.tap("menu:corruption")
    chat.text(ACCUSED)
    out = chat.tap("cx:ok")
    assert chat.state.flow == "corruption" and chat.state.step == "what" and not out.effects


def test_evidence_limit(chat: Chat, ctx) -> None:
    chat.tap("menu:corruption")
    chat.text(ACCUSED)
    chat.text(WHAT)
    for i in range(ctx.max_photos):
        chat.image(f"e{i}")
    assert chat.state.step == "contact"
    out = chat.image("too-many")
    assert not effects_of(out, SavePhoto) and len(chat.state.data["draft"]["photos"]) == ctx.max_photos


def test_photo_while_telling_is_kept_as_evidence(chat: Chat) -> None:
    chat.tap("menu:corruption")
    out = chat.image("early")
    assert effects_of(out, SavePhoto) == [SavePhoto("early", "corruption")]
    assert chat.state.step == "accused"


def test_menu_entry_mid_report_asks_first(chat: Chat) -> None:
    chat.tap("menu:corruption")
    chat.text(ACCUSED)
    out = chat.tap("menu:complaint")
    assert "fl:new:complaint" in data_of(out) and ACCUSED not in all_text(out)
    out = chat.tap("fl:new:complaint")
    assert effects_of(out, DiscardDraft) == [DiscardDraft("corruption")]
    assert chat.state.flow == "complaint"
