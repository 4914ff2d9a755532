"""Inquiries as a pure conversation: FAQ answers with "did it help", questions passed to staff, and
questions asked beside an open draft. The FakeLookup matches with the real matcher over the
starter FAQ (entry i+1 is FAQ_SAMPLES[i])."""
from __future__ import annotations

from handlers.types import InquiryFeedback, State, SubmitInquiry
from messages_th.faq_samples import FAQ_SAMPLES
from tests.handlers.conftest import Chat, all_text, data_of, effects_of, labels, words_of

LAND_TAX = 1 + next(i for i, f in enumerate(FAQ_SAMPLES) if f["question"].startswith("ชำระภาษีที่ดิน"))
WASTE_DAYS = 1 + next(i for i, f in enumerate(FAQ_SAMPLES) if f["question"] == "รถเก็บขยะมาเก็บวันไหน")


def test_menu_inquiry_asks_then_answers_from_the_faq(chat: Chat) -> None:
    out = chat.tap("menu:inquiry")
    assert (chat.state.flow, chat.state.step) == ("inquiry", "ask") and "พิมพ์คำถาม" in all_text(out)
    out = chat.text("จ่ายภาษีที่ดินได้ที่ไหนคะ")
    [asked] = effects_of(out, SubmitInquiry)
    assert asked.faq_id == LAND_TAX and asked.score >= 0.5 and asked.question == "จ่ายภาษีที่ดินได้ที่ไหนคะ"
    assert chat.state == State.idle() and not out.replies  # the answer waits for the inquiry's id
    [answer] = chat.after(out, {0: {"inquiry_id": 41}})
    assert FAQ_SAMPLES[LAND_TAX - 1]["question"] in answer["text"] and "กองคลัง" in answer["text"]
    actions = [i["action"] for i in answer["quickReply"]["items"]]
    assert [a["data"] for a in actions[:2]] == ["iq:ok:41", "iq:no:41"]
    assert [a["label"] for a in actions[:2]] == ["ได้คำตอบแล้ว ขอบคุณ", "ยังไม่ได้คำตอบ"]
    assert "menu:main" in [a["data"] for a in actions]


def test_a_question_typed_out_of_the_blue_is_answered(chat: Chat) -> None:
    out = chat.text("อยากทราบว่ารถขยะมาเก็บวันไหนคะ")
    assert effects_of(out, SubmitInquiry)[0].faq_id == WASTE_DAYS
    assert chat.state.flow in (None, "offer")  # it names a complaint category: reporting stays offered
    assert "รถเก็บขยะ" in words_of(chat.after(out, {0: {"inquiry_id": 1}}))


def test_no_good_match_goes_to_staff_at_once(chat: Chat) -> None:
    out = chat.text("สอบถามว่าปีนี้เทศบาลจะจัดงานลอยกระทงที่สวนสาธารณะไหมคะ")
    [asked] = effects_of(out, SubmitInquiry)
    assert asked.faq_id is None and asked.score is None
    assert "เจ้าหน้าที่" in all_text(out) and "08.30" in all_text(out) and chat.state == State.idle()


def test_did_not_help_passes_it_to_staff(chat: Chat) -> None:
    out = chat.tap("iq:no:41")
    assert effects_of(out, InquiryFeedback) == [InquiryFeedback(41, False)]
    told = words_of(chat.after(out, {0: {"status": "pending", "changed": True}}))
    assert "ส่งคำถามของท่านถึงเจ้าหน้าที่แล้ว" in told and "08.30" in told
    told = words_of(chat.after(chat.tap("iq:no:41"), {0: {"status": "pending", "changed": False}}))
    assert "อยู่กับเจ้าหน้าที่แล้ว" in told
    out = chat.tap("iq:ok:41")
    assert effects_of(out, InquiryFeedback) == [InquiryFeedback(41, True)]
    assert "ยินดี" in words_of(chat.after(out, {0: {"status": "faq", "changed": True}}))
    # Someone else's inquiry id (the effect finds none): the button is refused kindly.
    assert "ใช้ไม่ได้แล้ว" in words_of(chat.after(chat.tap("iq:no:99"), {0: None}))
    assert "ใช้ไม่ได้แล้ว" in all_text(chat.tap("iq:no:abc"))


def test_feedback_buttons_work_beside_an_open_draft(chat: Chat) -> None:
    chat.text("ไฟทางหน้าบ้านดับ")
    out = chat.tap("iq:ok:3")
    assert chat.state.flow == "complaint"
    messages = chat.after(out, {0: {"status": "faq", "changed": True}})
    assert messages[-1]["quickReply"]["items"][0]["action"]["data"] == "fl:resume"


def test_a_question_at_a_photo_step_is_answered_beside_the_draft(chat: Chat) -> None:
    chat.text("ถนนหน้าบ้านเป็นหลุมใหญ่ รถล้มบ่อย")
    chat.tap("cx:catok")
    out = chat.text("ภาษีป้ายร้านค้ายื่นแบบเดือนไหนคะ")
    assert chat.state.step == "photos" and effects_of(out, SubmitInquiry)[0].faq_id is not None
    [answer] = chat.after(out, {0: {"inquiry_id": 5}})
    items = [i["action"]["data"] for i in answer["quickReply"]["items"]]
    assert items[0] == "fl:resume" and "iq:no:5" in items
    assert chat.state.data["draft"]["description"] == "ถนนหน้าบ้านเป็นหลุมใหญ่ รถล้มบ่อย"


def test_a_question_naming_a_problem_can_still_be_reported(chat: Chat) -> None:
    out = chat.text("อยากสอบถามว่าไฟทางหน้าบ้านดับ ต้องแจ้งที่ไหน")
    assert data_of(out)[:2] == ["fl:as:complaint", "fl:as:inquiry"] and not out.effects
    out = chat.tap("fl:as:inquiry")
    assert effects_of(out, SubmitInquiry)[0].question.startswith("อยากสอบถามว่าไฟทาง")
    chat.text("อยากสอบถามว่าไฟทางหน้าบ้านดับ ต้องแจ้งที่ไหน")
    chat.tap("fl:as:complaint")
    assert chat.state.flow == "complaint"


def test_a_faq_answer_to_a_problem_question_offers_to_report_it(chat: Chat) -> None:
    out = chat.text("อยากสอบถามว่าน้ำประปาไม่ไหลต้องแจ้งที่ไหนคะ")
    assert effects_of(out, SubmitInquiry)[0].faq_id is not None
    answer = chat.after(out, {0: {"inquiry_id": 8}})[0]
    assert "fl:as:complaint" in [i["action"]["data"] for i in answer["quickReply"]["items"]]
    assert chat.state.flow == "offer"  # the words are kept should the citizen report them


def test_asking_without_a_topic_asks_what_about(chat: Chat) -> None:
    out = chat.text("อยากสอบถามค่ะ")
    assert (chat.state.flow, chat.state.step) == ("inquiry", "ask") and not out.effects
    out = chat.image("m1")
    assert "ข้อความ" in all_text(out) and chat.state.step == "ask"
    out = chat.text("ก")
    assert "เพิ่มอีกนิด" in all_text(out) and not out.effects
    out = chat.text("ยกเลิก")
    assert chat.state == State.idle() and "ยกเลิกการสอบถาม" in all_text(out)


def test_the_answer_fits_line(chat: Chat) -> None:
    for question in ("ขออนุญาตสร้างบ้านใช้เอกสารอะไรบ้าง", "เบอร์โทรเทศบาล", "ภาษีป้ายคิดยังไง"):
        out = chat.text(question)
        for message in chat.after(out, {0: {"inquiry_id": 123456789}}):
            assert len(message["text"]) < 1500
        assert all(len(label) <= 20 for label in labels(chat.tap("menu:inquiry")))


def test_feedback_flows_offer_the_flow_interface() -> None:
    from handlers import flows

    namespaces = [flow.NS for flow in flows.FLOWS.values()]
    assert len(namespaces) == len(set(namespaces))
    for name in ("survey", "inquiry", "suggestion"):
        flow = flows.FLOWS[name]
        assert name == flow.FLOW and set(flow.STEPS) >= flow.FREE_TEXT
        for attr in ("has_content", "prompt", "handle", "start"):
            assert callable(getattr(flow, attr)), (name, attr)
    assert flows.ENTRIES["suggest"] == "suggestion"


def test_citizen_text_of_the_feedback_flows_fits_line_and_invents_no_fees() -> None:
    import re

    from messages_th import inquiry, suggestion, survey, survey_defaults

    for module in (inquiry, survey, suggestion):
        for key, value in module.TEXT.items():
            if key.startswith("qr."):
                assert 0 < len(module.t(key, stars="\u2b50" * 5, n=5)) <= 20, key
            assert len(value) < 1000, key
    assert all(len(s["label"]) <= 20 for s in survey_defaults.SERVICES)
    assert len(FAQ_SAMPLES) >= 35 and len({f["question"] for f in FAQ_SAMPLES}) == len(FAQ_SAMPLES)
    for entry in FAQ_SAMPLES:
        # A sample never states an amount of money: it says what is typical and where to confirm.
        assert not re.search(r"\d[\d,.]*\s*บาท", entry["answer"]), entry["question"]
        assert "โปรดตรวจสอบ" in entry["answer"] and "สำนักงานเทศบาล" in entry["answer"]
        assert entry["keywords"] and len(entry["answer"]) < 1000
