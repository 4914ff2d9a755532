"""Suggestions as a pure conversation: the idea, photos, the summary, the ticket, cancel and interruptions."""
from __future__ import annotations

from handlers.types import DiscardDraft, SavePhoto, State, SubmitSuggestion
from tests.handlers.conftest import Chat, all_text, data_of, effects_of, labels, words_of

IDEA = "อยากให้มีรถรับส่งผู้สูงอายุไปโรงพยาบาลสัปดาห์ละครั้ง"


def test_idea_photo_confirm_ticket(chat: Chat) -> None:
    out = chat.tap("menu:suggest")
    assert (chat.state.flow, chat.state.step) == ("suggestion", "text") and "เสนอแนะ" in all_text(out)
    out = chat.text(IDEA)
    assert chat.state.step == "photos" and "ถ่ายรูป" in labels(out) and "ข้าม" in labels(out)
    out = chat.image("m-1")
    assert effects_of(out, SavePhoto) == [SavePhoto("m-1", "suggestion")]
    out = chat.tap("sg:next")
    assert chat.state.step == "confirm" and IDEA in all_text(out) and "1 รูป" in all_text(out)
    out = chat.tap("sg:ok")
    assert effects_of(out, SubmitSuggestion) == [SubmitSuggestion({"text": IDEA, "photos": ["m-1"]})]
    assert chat.state == State.idle()
    told = chat.after(out, {0: {"ticket": "NMKS6811-0001"}})
    assert "NMKS6811-0001" in words_of(told)
    actions = [i["action"]["data"] for i in told[-1]["quickReply"]["items"]]
    assert actions[0] == "tr:case:NMKS6811-0001" and "menu:complaint" in actions


def test_a_typed_suggestion_starts_with_its_idea(chat: Chat) -> None:
    chat.text("ขอเสนอแนะให้มีรถรับส่งผู้สูงอายุไปโรงพยาบาล")
    assert (chat.state.flow, chat.state.step) == ("suggestion", "photos")
    assert chat.state.data["draft"]["text"].startswith("ขอเสนอแนะให้มีรถรับส่ง")
    chat = Chat(chat.ctx)
    chat.text("อยากเสนอแนะค่ะ")  # says nothing yet: the idea is asked for
    assert (chat.state.flow, chat.state.step) == ("suggestion", "text") and not chat.state.data["draft"]["text"]


def test_edit_back_and_cancel(chat: Chat) -> None:
    chat.tap("menu:suggest")
    chat.text(IDEA)
    chat.tap("sg:next")
    chat.tap("sg:edit")
    out = chat.tap("sg:ed:desc")
    assert chat.state.step == "text" and "ใช้ข้อความเดิม" in labels(out)
    out = chat.text("อยากให้มีไฟทางเพิ่มในซอย 3 หมู่ 5")
    assert chat.state.step == "confirm" and "ซอย 3" in all_text(out)
    chat.tap("sg:back")
    assert chat.state.step == "photos"
    out = chat.tap("sg:cancel")  # something told: asked first
    assert "sg:drop" in data_of(out) and chat.state.flow == "suggestion"
    out = chat.tap("sg:drop")
    assert chat.state == State.idle() and effects_of(out, DiscardDraft) == [DiscardDraft("suggestion")]


def test_too_short_and_location(chat: Chat) -> None:
    chat.tap("menu:suggest")
    out = chat.text("ดี")
    assert "เพิ่มอีกนิด" in all_text(out) and chat.state.step == "text"
    chat.location()
    assert chat.state.step == "text" and chat.state.flow == "suggestion"


def test_a_complaint_mid_suggestion_asks_before_dropping_it(chat: Chat) -> None:
    chat.tap("menu:suggest")
    chat.text(IDEA)
    out = chat.tap("menu:complaint")
    assert data_of(out) == ["fl:resume", "fl:new:complaint", "fl:drop"] and "เสนอแนะ" in all_text(out)
    chat.tap("fl:resume")
    assert chat.state.step == "photos" and chat.state.data["draft"]["text"] == IDEA


def test_photo_first_then_the_idea(chat: Chat) -> None:
    chat.tap("menu:suggest")
    out = chat.image("m-9")
    assert effects_of(out, SavePhoto) == [SavePhoto("m-9", "suggestion")] and chat.state.step == "text"
    assert "ได้รับรูปแล้ว" in all_text(out)
    chat.text(IDEA)
    assert chat.state.step == "photos" and chat.state.data["draft"]["photos"] == ["m-9"]


def test_asking_to_suggest_politely_is_not_taken_for_the_idea(chat: Chat) -> None:
    """The trial typed "ขอเสนอแนะหน่อยค่ะ" and was asked for photos of it: "suggest" lost its last
    syllable as a polite ending when compared, so the rest looked like an idea."""
    for text in ("ขอเสนอแนะหน่อยค่ะ", "มีข้อเสนอค่ะ", "เสนอแนะครับ"):
        chat = Chat(chat.ctx)
        chat.text(text)
        assert (chat.state.flow, chat.state.step) == ("suggestion", "text"), text
        assert chat.state.data["draft"]["text"] == ""
    chat = Chat(chat.ctx)
    chat.text("อยากเสนอให้มีรถรับส่งผู้สูงอายุไปโรงพยาบาล")
    assert chat.state.step == "photos" and chat.state.data["draft"]["text"].startswith("อยากเสนอให้มีรถ")
