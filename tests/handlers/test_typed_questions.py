"""Questions typed the way people write them, outside the menu's "type your question" step.

Found in the browser trial of issue 4: "รถขยะมาวันไหนครับ" (the bot's own example question) and
"ขอเลขบัญชีโอนค่าขยะครับ" name a complaint category, so they opened a complaint draft ("is this about
rubbish?") instead of getting the FAQ answer. A short message that asks, tells no problem in words of
its own and has a confident FAQ answer now gets the answer, with reporting one tap away; real
complaints stay complaints (checked on the Traffy sample too).
"""
from __future__ import annotations

import csv

import pytest

from handlers import inquiry
from handlers.types import Context, SubmitInquiry
from handlers.understanding import classify
from messages_th.faq_samples import FAQ_SAMPLES
from tests.conftest import TRAFFY_SAMPLE
from tests.handlers.conftest import Chat, data_of, effects_of


def faq_id(start: str) -> int:
    return 1 + next(i for i, f in enumerate(FAQ_SAMPLES) if f["question"].startswith(start))


TYPED = {
    "รถขยะมาวันไหนครับ": "รถเก็บขยะมาเก็บวันไหน",
    "รถขยะมาเก็บวันไหนคะ": "รถเก็บขยะมาเก็บวันไหน",
    "ค่าเก็บขยะเดือนละเท่าไหร่": "ค่าธรรมเนียมเก็บขยะ",
    "ขอเลขบัญชีโอนค่าขยะครับ": "ค่าธรรมเนียมเก็บขยะ",
    "ค่าขยะจ่ายที่ไหนคะ": "ค่าธรรมเนียมเก็บขยะ",
    "จ่ายค่าน้ำประปาที่ไหนได้บ้าง": "ชำระค่าน้ำประปา",
    "หมาที่บ้านจะฉีดวัคซีนพิษสุนัขบ้าได้ที่ไหน": "ฉีดวัคซีนพิษสุนัขบ้า",
    "ขอถังขยะใบใหม่ได้ไหม": "ขอถังขยะเพิ่ม",
    "อยากยืมเต็นท์ไปจัดงานบวช": "ขอใช้สถานที่ เต็นท์",  # no intent at all: was "report it or ask?"
}
PROBLEMS = ["รถขยะไม่มาเก็บ 3 วันแล้ว", "ขยะล้นถังหน้าบ้าน ส่งกลิ่นเหม็นมาก", "หลอดไฟดับ",
            "น้ำประปาไม่ไหลตั้งแต่เช้า", "ไฟถนนดับแจ้งที่ไหนคะ", "หมาจรจัดกัดเด็ก จะแจ้งใครได้บ้าง"]


@pytest.mark.parametrize("text", list(TYPED))
def test_a_question_typed_out_of_the_blue_gets_the_faq_answer(chat: Chat, text: str) -> None:
    out = chat.text(text)
    asked = effects_of(out, SubmitInquiry)
    assert asked and asked[0].faq_id == faq_id(TYPED[text]), (chat.state.flow, chat.state.step)
    assert chat.state.flow in (None, "offer")  # no complaint draft opened
    [answer] = chat.after(out, {0: {"inquiry_id": 7}})
    assert FAQ_SAMPLES[faq_id(TYPED[text]) - 1]["question"] in answer["text"]
    assert "iq:no:7" in data_of_message(answer)


def data_of_message(message: dict) -> list[str]:
    return [i["action"].get("data", "") for i in message.get("quickReply", {}).get("items", [])]


def test_reporting_it_stays_one_tap_away_with_the_words_kept(chat: Chat) -> None:
    out = chat.text("รถขยะมาเก็บวันไหนคะ")
    [answer] = chat.after(out, {0: {"inquiry_id": 3}})
    assert "fl:as:complaint" in data_of_message(answer)
    chat.tap("fl:as:complaint")
    assert chat.state.flow == "complaint"
    assert chat.state.data["draft"]["description"] == "รถขยะมาเก็บวันไหนคะ"


@pytest.mark.parametrize("text", PROBLEMS)
def test_a_problem_told_is_still_a_complaint(chat: Chat, text: str) -> None:
    out = chat.text(text)
    assert not effects_of(out, SubmitInquiry)
    assert chat.state.flow == "complaint" or data_of(out)[0] == "fl:as:complaint"  # or offered first


def test_a_stray_short_word_is_not_answered_from_the_faq(chat: Chat) -> None:
    for text in ("1", "โอเค"):
        out = chat.text(text)
        assert not effects_of(out, SubmitInquiry), text


def test_a_faq_question_typed_mid_survey_is_answered_beside_it(chat: Chat) -> None:
    chat.tap("menu:survey")
    chat.tap("sv:svc:1")
    chat.tap("sv:a:10:4")
    out = chat.text("รถขยะมาวันไหนครับ")
    assert effects_of(out, SubmitInquiry)[0].faq_id == faq_id("รถเก็บขยะมาเก็บวันไหน")
    assert chat.state.flow == "survey" and chat.state.data["draft"]["answers"] == [4]
    [answer] = chat.after(out, {0: {"inquiry_id": 2}})
    assert data_of_message(answer)[0] == "fl:resume"
    out = chat.tap("fl:resume")
    assert "ข้อ 2 จาก 5" in " ".join(m.get("text", "") for m in out.replies)


def test_no_real_complaint_is_answered_from_the_faq_instead(ctx: Context) -> None:
    """1,000 real complaints (Traffy Fondue): none is taken for an FAQ question."""
    with TRAFFY_SAMPLE.open(encoding="utf-8") as f:
        texts = [row["description"] for row in csv.DictReader(f)]
    assert len(texts) == 1000
    categories = ctx.lookup.categories()
    taken = [t[:80] for t in texts if inquiry.faq_first(t, classify(t, categories), ctx)]
    assert taken == []


# --- "ask a question" tapped beside an open draft ---------------------------------------------------

def test_typing_the_question_after_tapping_ask_beside_a_draft_answers_it(chat: Chat) -> None:
    """The trial: with a complaint draft open the citizen tapped "สอบถาม", was asked what to do with
    the draft, and typed the question; it got "please choose from the buttons" and the draft's step."""
    chat.text("ถนนหน้าบ้านเป็นหลุมใหญ่ รถล้มบ่อย")
    out = chat.tap("menu:inquiry")
    assert data_of(out) == ["fl:resume", "fl:new:inquiry", "fl:drop"]
    out = chat.text("ยายอยากได้ไม้เท้าให้ตาที่บ้านหน่อย เทศบาลมีให้ยืมไหมจ๊ะ")
    [asked] = effects_of(out, SubmitInquiry)
    assert asked.faq_id is None and asked.question.startswith("ยายอยากได้ไม้เท้า")  # to staff
    assert chat.state.flow == "complaint" and "pending" not in chat.state.data
    assert chat.state.data["draft"]["description"] == "ถนนหน้าบ้านเป็นหลุมใหญ่ รถล้มบ่อย"
    assert data_of(out)[0] == "fl:resume"
    chat.tap("menu:inquiry")
    out = chat.text("ภาษีที่ดินต้องจ่ายเมื่อไหร่คะ")
    assert effects_of(out, SubmitInquiry)[0].faq_id == faq_id("ชำระภาษีที่ดินและสิ่งปลูกสร้าง")
    [answer] = chat.after(out, {0: {"inquiry_id": 4}})
    assert data_of_message(answer)[0] == "fl:resume"


def test_a_text_that_answers_nothing_asks_the_open_question_again(chat: Chat) -> None:
    chat.text("ถนนหน้าบ้านเป็นหลุมใหญ่ รถล้มบ่อย")
    chat.tap("menu:suggest")
    out = chat.text("อืม")
    assert data_of(out) == ["fl:resume", "fl:new:suggestion", "fl:drop"] and chat.state.flow == "complaint"
    chat.tap("fl:resume")
    assert "pending" not in chat.state.data and chat.state.step == "category"


def test_a_survey_interrupted_is_said_to_be_unanswered_not_unreported(chat: Chat) -> None:
    chat.tap("menu:survey")
    chat.tap("sv:svc:1")
    chat.tap("sv:a:10:4")
    out = chat.text("ไฟทางหน้าบ้านดับมาสามวันแล้ว")
    text = " ".join(m.get("text", "") for m in out.replies)
    assert "ยังตอบแบบประเมินความพึงพอใจไม่ครบ" in text and "แจ้งไม่เสร็จ" not in text


# --- a place or a name typed at a step is the step's answer, not an FAQ question -----------------------

def _at_location(chat: Chat) -> None:
    chat.text("ไฟถนนหน้าวัดดับ มืดมาก")
    chat.tap("cx:catok")
    chat.tap("cx:next")
    assert chat.state.step == "location"


def test_a_bare_place_after_tapping_ask_at_the_location_step_is_the_place(chat: Chat) -> None:
    """The trial: "หน้าบ้าน" at the location step got the FAQ entry on digging up a road (its words
    are in that entry) instead of being taken as the place."""
    _at_location(chat)
    chat.tap("menu:inquiry")  # beside the draft: "what about your complaint?"
    out = chat.text("หน้าบ้าน")
    assert effects_of(out, SubmitInquiry) == []
    assert chat.state.flow == "complaint" and chat.state.step == "contact"
    assert chat.state.data["draft"]["landmark"] == "หน้าบ้าน" and "pending" not in chat.state.data


def test_a_clear_question_after_tapping_ask_at_the_location_step_is_still_answered(chat: Chat) -> None:
    _at_location(chat)
    chat.tap("menu:inquiry")
    out = chat.text("ภาษีที่ดินต้องจ่ายเมื่อไหร่คะ")
    assert effects_of(out, SubmitInquiry)[0].faq_id == faq_id("ชำระภาษีที่ดินและสิ่งปลูกสร้าง")
    assert chat.state.step == "location" and chat.state.data["draft"]["landmark"] == ""


@pytest.mark.parametrize("text", ["หน้าบ้าน", "ตรงหน้าบ้านผม"])
def test_a_place_typed_at_a_button_step_is_not_answered_from_the_faq(chat: Chat, text: str) -> None:
    """At the contact step (buttons) a place matches the road-digging FAQ entry well but asks nothing."""
    _at_location(chat)
    chat.location()
    assert chat.state.step == "contact"
    out = chat.text(text)
    assert effects_of(out, SubmitInquiry) == [] and chat.state.step == "contact"


def test_a_clear_question_at_a_button_step_is_answered_beside_the_draft(chat: Chat) -> None:
    _at_location(chat)
    chat.location()
    out = chat.text("ขุดถนนหน้าบ้านต้องขออนุญาตไหมคะ")
    assert effects_of(out, SubmitInquiry)[0].faq_id == faq_id("ขออนุญาตเชื่อมทาง")
    assert chat.state.step == "contact"
