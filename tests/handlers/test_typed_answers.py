"""Answers people type (or send) instead of tapping, found by the trial of issue 10: "ไม่ต้องบอกชื่อ" at
the contact step, a thumbs-up sticker where a yes is asked, and a question typed right after tapping
"สอบถาม"."""
from __future__ import annotations

import pytest

from handlers.types import State, SubmitComplaint, SubmitInquiry
from tests.handlers.conftest import Chat, all_text, data_of, effects_of

THUMBS_UP = ("OK", "Good", "thumbs up")  # keywords as LINE sends them with a sticker event


def _at_contact(chat: Chat) -> None:
    chat.text("ไฟถนนหน้าวัดดับ มืดมาก")
    chat.tap("cx:catok")
    chat.tap("cx:next")
    chat.tap("cx:next")
    assert chat.state.step == "contact"


@pytest.mark.parametrize("typed", ["ไม่ต้องบอกชื่อ", "ไม่ต้องบอกชื่อครับ", "ไม่ประสงค์ออกนาม", "ไม่บอกชื่อค่ะ",
                                   "ขอไม่ระบุตัวตน", "ไม่อยากบอกชื่อ", "ไม่ประสงค์จะออกนามค่ะ", "ไม่เปิดเผยชื่อ"])
def test_saying_no_name_at_the_contact_step_means_anonymous(chat: Chat, typed: str) -> None:
    _at_contact(chat)
    chat.tap("cx:give")  # even after choosing to give a contact, then changing one's mind
    chat.text(typed)
    assert chat.state.step == "confirm" and chat.state.data["draft"]["contact_mode"] == "anonymous"


def test_saying_no_name_in_a_corruption_report_means_anonymous(chat: Chat) -> None:
    chat.tap("menu:corruption")
    chat.text("นายช่างโยธา")
    chat.text("เรียกรับเงินค่าตรวจแบบบ้าน 5,000 บาท")
    chat.tap("cr:next")
    assert chat.state.step == "contact"
    chat.text("ไม่ต้องบอกชื่อ")
    assert chat.state.step == "confirm" and chat.state.data["draft"]["contact_mode"] == "anonymous"


def test_a_thumbs_up_sticker_confirms_the_suggested_category(chat: Chat) -> None:
    chat.text("ไฟถนนหน้าวัดดับ มืดมาก")
    assert chat.state.step == "category"
    chat.send("sticker", keywords=THUMBS_UP)
    assert chat.state.step == "photos" and chat.state.data["draft"]["category"] == "ไฟฟ้าสาธารณะ"


def test_a_thumbs_up_sticker_at_the_summary_sends_the_report(chat: Chat) -> None:
    _at_contact(chat)
    chat.tap("cx:anon")
    assert chat.state.step == "confirm"
    out = chat.send("sticker", keywords=("Like", "thumbs up"))
    assert len(effects_of(out, SubmitComplaint)) == 1 and chat.state == State.idle()


def test_any_other_sticker_is_not_a_yes(chat: Chat) -> None:
    chat.text("ไฟถนนหน้าวัดดับ มืดมาก")
    out = chat.send("sticker", keywords=("Sad", "cry"))
    assert chat.state.step == "category" and "สติกเกอร์" in all_text(out)
    out = chat.send("sticker")  # no keywords at all (LINE may leave them out)
    assert chat.state.step == "category"


def test_a_thumbs_up_where_no_yes_is_asked_changes_nothing(chat: Chat) -> None:
    out = chat.send("sticker", keywords=THUMBS_UP)
    assert chat.state == State.idle() and "สติกเกอร์" in all_text(out) and not out.effects
    _at_contact(chat)
    out = chat.send("sticker", keywords=THUMBS_UP)  # anonymous or a name? a thumbs up is neither
    assert chat.state.step == "contact" and not out.effects


@pytest.mark.parametrize("question", ["ไฟถนนหน้าบ้านดับต้องแจ้งที่ไหนคะ", "ถนนเป็นหลุม เทศบาลจะมาซ่อมเมื่อไหร่"])
def test_a_question_typed_after_tapping_ask_is_asked_not_offered_as_a_complaint(chat: Chat, question: str) -> None:
    """The trial: after tapping "สอบถาม" the citizen typed the question and was asked again whether it
    was a complaint or a question."""
    chat.tap("menu:inquiry")
    out = chat.text(question)
    [asked] = effects_of(out, SubmitInquiry)
    assert asked.question == question
    assert "fl:as:inquiry" not in data_of(out)


def test_the_same_words_typed_out_of_the_blue_still_offer_the_choice(chat: Chat) -> None:
    out = chat.text("อยากสอบถามว่าไฟทางหน้าบ้านดับ ต้องแจ้งที่ไหน")
    assert data_of(out)[:2] == ["fl:as:complaint", "fl:as:inquiry"] and not out.effects
