"""What a new-user trial in the chat simulator found, each walked as the citizen did it."""
from __future__ import annotations

import re

import pytest

from handlers import contact
from handlers.types import DiscardDraft, RecordFollow, State, SubmitComplaint, SubmitCorruption
from messages_th.dates import citizen_date, citizen_datetime
from messages_th.richmenu import ENTRIES
from messages_th.strings import STATUS, t
from tests.handlers.conftest import NOW, Chat, all_text, data_of, effects_of, labels, quick, words_of

ACCUSED = "นายทดสอบ ตำแหน่งนายช่างโยธา กองช่าง"
WHAT = "เรียกรับเงินห้าพันบาทเพื่อออกใบอนุญาตก่อสร้าง เมื่อ 3 ต.ค. ที่สำนักงาน"


def complaint_to_summary(chat: Chat, text: str = "ไฟทางหน้าวัดดับมา 3 คืนแล้ว") -> None:
    chat.text(text)
    chat.tap("cx:catok")
    chat.tap("cx:next")
    chat.tap("cx:next")
    chat.tap("cx:anon")
    assert chat.state.step == "confirm"


def corruption_to_evidence(chat: Chat) -> None:
    chat.tap("menu:corruption")
    chat.text(ACCUSED)
    chat.text(WHAT)
    assert chat.state.step == "photos"


def description(chat: Chat) -> str:
    return chat.state.data["draft"]["description"]


# --- 1. "cancel" never throws a report away without asking ------------------------------------------

def test_cancel_in_the_edit_chooser_goes_back_to_the_summary(chat: Chat) -> None:
    complaint_to_summary(chat)
    out = chat.tap("cx:edit")
    assert "ต้องการแก้ไขส่วนไหนคะ" in all_text(out)
    assert "กลับไปหน้าสรุป" in labels(out) and "ยกเลิก" not in labels(out)
    out = chat.text("ยกเลิก")  # typed, as the citizen did
    assert chat.state.step == "confirm" and not out.effects and out.replies[-1]["type"] == "flex"
    assert description(chat).startswith("ไฟทางหน้าวัด")
    chat.tap("cx:edit")
    out = chat.tap("cx:cancel")  # the chooser's old cancel button, from before this fix
    assert chat.state.step == "confirm" and not effects_of(out, DiscardDraft)
    chat.tap("cx:edit")
    chat.tap("cx:back")
    assert chat.state.step == "confirm"


def test_changing_one_part_offers_the_way_back_to_the_summary(chat: Chat) -> None:
    complaint_to_summary(chat)
    chat.tap("cx:edit")
    out = chat.tap("cx:ed:desc")
    assert chat.state.step == "describe" and "กลับไปหน้าสรุป" in labels(out)
    chat.tap("cx:back")
    assert chat.state.step == "confirm" and description(chat).startswith("ไฟทางหน้าวัด")


def test_cancel_on_the_summary_asks_first(chat: Chat) -> None:
    complaint_to_summary(chat)
    out = chat.tap("cx:cancel")
    assert "ยกเลิกเรื่องนี้ใช่ไหมคะ ข้อมูลที่พิมพ์ไว้จะถูกลบ" in all_text(out)
    assert labels(out) == ["ยืนยันยกเลิก", "ทำต่อ"]
    assert chat.state.step == "confirm" and not out.effects
    out = chat.tap("cx:stay")
    assert chat.state.step == "confirm" and out.replies[-1]["type"] == "flex"
    chat.text("ยกเลิกค่ะ")
    out = chat.text("ทำต่อ")  # typed: the summary again, never taken as an answer
    assert chat.state.step == "confirm" and out.replies[-1]["type"] == "flex"
    chat.text("ยกเลิก")
    out = chat.tap("cx:drop")
    assert chat.state == State.idle() and effects_of(out, DiscardDraft) == [DiscardDraft("complaint")]


def test_typed_cancel_mid_report_asks_first(chat: Chat) -> None:
    corruption_to_evidence(chat)
    out = chat.text("ยกเลิก")
    assert chat.state.flow == "corruption" and not out.effects and "ยืนยันยกเลิก" in labels(out)
    out = chat.text("ยืนยันยกเลิกค่ะ")
    assert chat.state == State.idle() and effects_of(out, DiscardDraft) == [DiscardDraft("corruption")]


@pytest.mark.parametrize("typed", ["ใช่", "ใช่ค่ะ", "ยืนยัน", "ตกลง"])
def test_yes_typed_to_cancel_this_cancels_even_at_the_category_question(chat: Chat, typed: str) -> None:
    """Found in a trial: at "is it this category?", "cancel" then a typed "yes" to "cancel this?" was
    taken as yes to the category, and the report went on to the photos."""
    chat.text("ไฟถนนดับหน้าวัดสามวันแล้วค่ะ")
    assert chat.state.step == "category"
    chat.text("ยกเลิก")
    out = chat.text(typed)
    assert chat.state == State.idle() and effects_of(out, DiscardDraft) == [DiscardDraft("complaint")]


def test_no_typed_to_cancel_this_goes_on_and_yes_then_answers_the_step(chat: Chat) -> None:
    chat.text("ไฟถนนดับหน้าวัดสามวันแล้วค่ะ")
    chat.text("ยกเลิก")
    out = chat.text("ไม่ใช่")
    assert chat.state.flow == "complaint" and chat.state.step == "category" and not out.effects
    chat.text("ใช่")  # now to the category again
    assert chat.state.step == "photos" and chat.state.data["draft"]["category"] == "ไฟฟ้าสาธารณะ"


def test_after_a_side_question_and_going_on_yes_answers_the_step_not_cancel_this(chat: Chat) -> None:
    """"cancel this?" is answered by the next message only: asked, then a question typed instead,
    then "go on": a "yes" is to the category again, and the draft is kept."""
    chat.text("ไฟถนนดับหน้าวัดสามวันแล้วค่ะ")
    chat.text("ยกเลิก")
    chat.text("เทศบาลเปิดกี่โมงครับ")
    chat.tap("fl:resume")  # the answer's "ทำเรื่องเดิมต่อ" button
    assert chat.state.flow == "complaint" and chat.state.step == "category"
    out = chat.text("ใช่")
    assert chat.state.step == "photos" and not effects_of(out, DiscardDraft)


@pytest.mark.parametrize("entry, ns", [("menu:complaint", "cx"), ("menu:corruption", "cr")])
def test_an_empty_draft_is_dropped_at_once(chat: Chat, entry: str, ns: str) -> None:
    chat.tap(entry)
    out = chat.tap(f"{ns}:cancel")
    assert chat.state == State.idle() and effects_of(out, DiscardDraft)


# --- 2. text at the photo step is not silently filed into the report ---------------------------------

def test_a_question_at_the_photo_step_is_not_added(chat: Chat) -> None:
    chat.text("ถนนหน้าบ้านเป็นหลุมใหญ่ รถล้มบ่อย")
    chat.tap("cx:catok")
    out = chat.text("วันนี้ฝนตกไหมคะ")
    assert description(chat) == "ถนนหน้าบ้านเป็นหลุมใหญ่ รถล้มบ่อย"
    assert "เพิ่มข้อความนี้" not in all_text(out) and "เพิ่มรายละเอียดแล้ว" not in all_text(out)
    assert chat.state.step == "photos" and data_of(out)[0] == "fl:resume"  # answered beside the draft
    out = chat.tap("fl:resume")
    assert chat.state.step == "photos" and "cx:next" in data_of(out)


def test_thanks_at_the_evidence_step_stays_out_of_the_summary(chat: Chat) -> None:
    corruption_to_evidence(chat)
    out = chat.text("ขอบคุณค่ะ")
    assert chat.state.step == "photos" and "ยินดี" in all_text(out) and "cr:next" in data_of(out)
    assert description(chat) == WHAT
    chat.tap("cr:next")
    out = chat.tap("cr:anon")
    assert "ขอบคุณ" not in words_of(out.replies[-1]["contents"])
    (effect,) = effects_of(chat.tap("cr:ok"), SubmitCorruption)
    assert effect.draft["description"] == WHAT


@pytest.mark.parametrize("typed", ["โอเคค่ะ", "ค่ะ", "เดี๋ยวถ่ายรูปให้นะคะ", "สวัสดีค่ะ", "ขอบคุณมากค่ะ"])
def test_chit_chat_at_the_photo_step_gets_the_step_again(chat: Chat, typed: str) -> None:
    chat.text("ถนนหน้าบ้านเป็นหลุมใหญ่ รถล้มบ่อย")
    chat.tap("cx:catok")
    out = chat.text(typed)
    assert description(chat) == "ถนนหน้าบ้านเป็นหลุมใหญ่ รถล้มบ่อย"
    assert chat.state.step == "photos" and "cx:undo" not in data_of(out)
    assert {"cx:next", "fl:resume"} & set(data_of(out))  # the step again, or (a greeting) the way back to it


def test_thanks_never_answers_a_step(chat: Chat) -> None:
    chat.tap("menu:complaint")
    out = chat.text("ขอบคุณค่ะ")
    assert chat.state.step == "describe" and description(chat) == "" and "ยินดี" in all_text(out)


def test_clear_detail_is_added_said_so_and_can_be_taken_out(chat: Chat) -> None:
    chat.text("ถนนทรุดหน้าบ้าน")
    chat.tap("cx:catok")
    out = chat.text("หลุมลึกประมาณครึ่งเมตร อันตรายมาก")
    assert "เพิ่มข้อความนี้ต่อท้ายรายละเอียดแล้ว" in all_text(out)
    assert data_of(out)[data_of(out).index("cx:next") + 1] == "cx:undo"  # right after skip/done
    assert "ไม่ต้องเพิ่มข้อความ" in labels(out)
    out = chat.tap("cx:undo")
    assert description(chat) == "ถนนทรุดหน้าบ้าน" and "เอาข้อความ" in all_text(out)
    assert chat.state.step == "photos" and "cx:undo" not in data_of(out)
    out = chat.tap("cx:undo")  # only once
    assert description(chat) == "ถนนทรุดหน้าบ้าน" and "ใช้ไม่ได้" in all_text(out)
    chat.text("หลุมลึกประมาณครึ่งเมตร อันตรายมาก")
    chat.tap("cx:next")
    chat.tap("cx:next")
    out = chat.tap("cx:anon")  # the summary shows what was added, and can edit it
    assert "ครึ่งเมตร" in words_of(out.replies[-1]["contents"]) and "cx:edit" in data_of(out)


def test_a_new_topic_at_the_photo_step_asks_what_to_do(chat: Chat) -> None:
    chat.text("ถนนหน้าบ้านเป็นหลุมใหญ่ รถล้มบ่อย")
    chat.tap("cx:catok")
    out = chat.text("เจ้าหน้าที่เรียกเงินค่าซ่อมถนน")
    assert "fl:new:corruption" in data_of(out) and "เรียกเงิน" not in description(chat)


# --- 3. back from the category list, and back to the describe step ------------------------------------

def test_back_from_the_category_list_returns_to_the_suggestion(chat: Chat) -> None:
    chat.text("ขยะไม่มีคนมาเก็บหลายวันแล้ว")
    chat.tap("cx:cats")
    out = chat.text("ย้อนกลับ")
    assert chat.state.step == "category" and data_of(out)[:2] == ["cx:catok", "cx:cats"]


def test_back_to_describe_shows_the_description_and_keeps_it(chat: Chat) -> None:
    chat.text("ขยะไม่มีคนมาเก็บหลายวันแล้ว")
    chat.tap("cx:cats")
    chat.text("ย้อนกลับ")
    out = chat.text("ย้อนกลับ")
    assert chat.state.step == "describe"
    assert "ขยะไม่มีคนมาเก็บหลายวันแล้ว" in all_text(out) and "ได้รับแล้วค่ะ" not in all_text(out)
    assert labels(out)[0] == "ใช้ข้อความเดิม"
    out = chat.tap("cx:keep")
    assert chat.state.step == "category" and description(chat) == "ขยะไม่มีคนมาเก็บหลายวันแล้ว"
    chat.text("ย้อนกลับ")
    chat.text("ใช้ข้อความเดิมค่ะ")  # typed works too
    assert chat.state.step == "category" and description(chat) == "ขยะไม่มีคนมาเก็บหลายวันแล้ว"


def test_corruption_back_offers_to_keep_without_echoing(chat: Chat) -> None:
    chat.tap("menu:corruption")
    chat.text(ACCUSED)
    out = chat.text("ย้อนกลับ")
    assert chat.state.step == "accused" and "cr:keep" in data_of(out) and ACCUSED not in all_text(out)
    chat.tap("cr:keep")
    assert chat.state.step == "what" and chat.state.data["draft"]["accused"] == ACCUSED


# --- 4 and 8. the status card -------------------------------------------------------------------------

def test_withdrawing_is_never_the_prominent_action(chat: Chat, lookup) -> None:
    lookup.add(chat.user_id, "NMK6810-0005")
    out = chat.text("NMK6810-0005")
    card = out.replies[-1]
    buttons = card["contents"]["footer"]["contents"]
    assert [b["action"]["data"] for b in buttons] == ["tr:cancel:NMK6810-0005"]
    assert all(b["style"] != "primary" for b in buttons)
    assert data_of(out)[-1] == "tr:cancel:NMK6810-0005" and data_of(out)[0] != "tr:cancel:NMK6810-0005"
    carousel = chat.tap("menu:track").replies[-1]
    for bubble in carousel["contents"]["contents"]:
        assert all(b["style"] != "primary" for b in bubble.get("footer", {}).get("contents", []))


def test_status_card_says_the_status_once_and_dates_in_one_style(chat: Chat, lookup) -> None:
    lookup.add(chat.user_id, "NMK6810-0006", status="in_progress", days_ago=3)
    card = chat.text("NMK6810-0006").replies[-1]["contents"]
    shown = words_of(card)
    assert shown.count(STATUS["in_progress"]) == 1
    assert "28 ก.ย. 2568" in shown and "28 ก.ย. 2568 เวลา 15.00 น." in shown and "13 ต.ค. 2568" in shown
    assert not re.search(r"(กันยายน|ตุลาคม)", shown)  # no full month names beside short ones
    assert not re.search(r"\. \d{2} ", shown)  # no two-digit years


def test_citizen_dates() -> None:
    assert citizen_date(NOW) == "1 ต.ค. 2568"
    assert citizen_datetime(NOW) == "1 ต.ค. 2568 เวลา 10.00 น."


# --- 5. the corruption entry is named as on the rich menu ---------------------------------------------

def test_corruption_quick_reply_matches_the_rich_menu(chat: Chat) -> None:
    rich = next(e["label"] for e in ENTRIES if e["data"] == "menu:corruption")
    assert t("qr.corruption") == rich == "แจ้งเบาะแสทุจริต"
    out = chat.text("เมนู")
    assert rich in labels(out)


# --- 6. contact lines ---------------------------------------------------------------------------------

def test_corruption_contact_with_a_phone_only(chat: Chat) -> None:
    corruption_to_evidence(chat)
    chat.tap("cr:next")
    chat.tap("cr:give")
    out = chat.text("0812345678")
    rows = out.replies[-1]["contents"]["body"]["contents"]
    values = {r["contents"][0]["text"]: r["contents"][1]["text"] for r in rows}
    assert values["ติดต่อกลับ"] == "โทร 0812345678"


@pytest.mark.parametrize("draft, shown", [
    ({"contact_mode": "given", "name": "สมหญิง", "phone": "0812345678"}, "สมหญิง โทร 0812345678"),
    ({"contact_mode": "given", "name": "", "phone": "0812345678"}, "โทร 0812345678"),
    ({"contact_mode": "given", "name": " สมหญิง ", "phone": ""}, "สมหญิง"),
    ({"contact_mode": "line", "name": "สมศรี", "phone": ""}, "ชื่อไลน์ สมศรี"),
    ({"contact_mode": "line", "name": "", "phone": ""}, "ไม่ระบุตัวตน"),
    ({"contact_mode": "anonymous"}, "ไม่ระบุตัวตน"),
])
def test_contact_lines(draft: dict, shown: str) -> None:
    assert contact.summary(draft) == shown


# --- 7. after a ticket: its status in one tap ----------------------------------------------------------

def test_after_a_complaint_the_status_is_one_tap_away(chat: Chat, lookup) -> None:
    complaint_to_summary(chat)
    out = chat.tap("cx:ok")
    assert effects_of(out, SubmitComplaint)
    (message,) = chat.after(out, {0: {"ticket": "NMK6810-0007"}})
    actions = [i["action"] for i in message["quickReply"]["items"]]
    assert [a["label"] for a in actions[:2]] == ["ดูสถานะเรื่องนี้", "เรื่องของฉัน"]
    assert actions[0]["data"] == "tr:case:NMK6810-0007"
    lookup.add(chat.user_id, "NMK6810-0007")
    out = chat.tap(actions[0]["data"])
    assert "NMK6810-0007" in all_text(out) and "รับเรื่องแล้ว" in all_text(out)


def test_after_a_corruption_report_the_status_is_one_tap_away(chat: Chat, lookup) -> None:
    corruption_to_evidence(chat)
    chat.tap("cr:next")
    chat.tap("cr:anon")
    out = chat.tap("cr:ok")
    (message,) = chat.after(out, {0: {"ticket": "NMKC6810-0001"}})
    assert [i["action"]["data"] for i in message["quickReply"]["items"]][:2] == ["tr:case:NMKC6810-0001",
                                                                               "menu:track"]
    lookup.add(chat.user_id, "NMKC6810-0001", kind="corruption")
    assert "NMKC6810-0001" in all_text(chat.tap("tr:case:NMKC6810-0001"))


def test_without_a_ticket_my_cases_is_offered(chat: Chat) -> None:
    complaint_to_summary(chat)
    (message,) = chat.after(chat.tap("cx:ok"), {0: None})
    data = [i["action"]["data"] for i in message["quickReply"]["items"]]
    assert data[0] == "menu:track" and not any(d.startswith("tr:case:") for d in data)


# --- 9. a friend back after blocking ---------------------------------------------------------------------

def test_a_returning_friend_is_welcomed_back_briefly(chat: Chat, lookup) -> None:
    first = chat.send("follow")
    assert len(first.replies) == 3
    lookup.add(chat.user_id, "NMK6810-0008")
    chat.send("unfollow")
    out = chat.send("follow")
    assert len(out.replies) == 1 and "ยินดีต้อนรับกลับ" in all_text(out)
    assert "ข้อมูลที่เก็บ" not in all_text(out) and "menu:complaint" in data_of(out)
    assert effects_of(out, RecordFollow) == [RecordFollow(True)]


def test_a_returning_friend_with_a_draft_can_resume_it(chat: Chat) -> None:
    chat.text("ไฟทางดับหน้าบ้าน")
    chat.send("unfollow")
    out = chat.send("follow")
    assert len(out.replies) == 1 and data_of(out)[0] == "fl:resume" and chat.state.flow == "complaint"
    chat.tap("fl:resume")
    assert chat.state.step == "category"


# --- 10. a place sent during a corruption report --------------------------------------------------------

def test_a_location_in_a_corruption_report_is_acknowledged(chat: Chat) -> None:
    corruption_to_evidence(chat)
    before = chat.state
    out = chat.location(16.7, 103.5, "สำนักงานเทศบาล")
    text = all_text(out)
    assert "ตำแหน่ง" in text and "รูป" in text and "cr:next" in data_of(out)
    assert chat.state == before and "สำนักงานเทศบาล" not in text
    assert quick(out)  # the step's buttons are still there
