"""Surveys, FAQ inquiries and suggestions through the real webhook, worker, database and fake LINE,
reached from the rich menu's postbacks like a citizen would."""
from __future__ import annotations

import re
from functools import partial

import pytest
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

import models.staff
from models.complaint import Case
from models.db import session_scope
from models.enums import MediaStatus
from models.inquiry import Faq, Inquiry, InquiryStatus
from models.media import Media
from models.suggestion import Suggestion
from models.survey import SurveyAnswer, SurveyQuestion, SurveyResponse, SurveyService
from tests.admin.conftest import csrf_from, login, make_staff
from tests.citizen import Citizen, file_street_light_complaint, text_of
from tests.media_files import JPEG

SUGGESTION_TICKET = re.compile(r"\bNMKS\d{4}-\d{4,}\b")


@pytest.fixture(autouse=True)
def _fast_password_hash(monkeypatch):
    monkeypatch.setattr(models.staff, "generate_password_hash",
                        partial(generate_password_hash, method="pbkdf2:sha256:1"))


def tap_exact(c: Citizen, label: str) -> list[dict]:
    """Tap the quick reply whose label is exactly `label` ("มาก" is also inside "มากที่สุด")."""
    action = next(a for a in c.last_actions() if a.get("label") == label)
    return c.postback(action["data"])


def rows(engine, stmt) -> list:
    with session_scope(engine) as s:
        return list(s.exec(stmt).scalars())


def test_faq_answer_then_did_not_help_then_an_unanswerable_question(client, worker, fake_line, engine):
    c = Citizen(client, worker, fake_line)
    c.follow()
    assert "พิมพ์คำถาม" in text_of(c.postback("menu:inquiry"))
    answer = text_of(c.say("อยากทราบว่าจ่ายภาษีที่ดินและสิ่งปลูกสร้างได้ที่ไหนคะ"))
    assert "ภาษีที่ดินและสิ่งปลูกสร้าง" in answer and "กองคลัง" in answer
    [faq] = rows(engine, select(Faq).where(Faq.question.startswith("ชำระภาษีที่ดิน")))  # type: ignore[union-attr]
    [asked] = rows(engine, select(Inquiry))
    assert (asked.status, asked.faq_id, asked.line_user_id) == (InquiryStatus.FAQ, faq.id, c.user_id)
    assert asked.score >= 0.45 and asked.answered_at is not None and asked.asked_at is not None
    assert asked.helpful is None
    told = text_of(c.tap("ยังไม่ได้คำตอบ"))
    assert "เจ้าหน้าที่" in told
    [asked] = rows(engine, select(Inquiry))
    assert (asked.status, asked.helpful, asked.answered_at) == (InquiryStatus.PENDING, False, None)
    assert asked.faq_id == faq.id  # staff see which answer did not help
    told = text_of(c.say("สอบถามว่าปีนี้เทศบาลจะจัดงานลอยกระทงที่สวนสาธารณะไหมคะ"))
    assert "เจ้าหน้าที่" in told and "08.30" in told
    pending = rows(engine, select(Inquiry).where(Inquiry.faq_id.is_(None)))  # type: ignore[union-attr]
    assert [(p.status, p.question) for p in pending] == [
        (InquiryStatus.PENDING, "สอบถามว่าปีนี้เทศบาลจะจัดงานลอยกระทงที่สวนสาธารณะไหมคะ")]
    assert fake_line.store.pushes() == []  # every answer used the reply token


def _resolve(app, engine, ticket: str, status: str = "resolved") -> None:
    staff = app.test_client()
    with session_scope(engine) as s:
        exists = s.exec(select(func.count()).select_from(models.staff.Staff)).scalar_one()
    if not exists:
        make_staff(engine, "admin9", "admin")
    assert login(staff, "admin9").status_code == 302
    token = csrf_from(staff.get(f"/admin/cases/{ticket}").get_data(as_text=True))
    resp = staff.post(f"/admin/cases/{ticket}/status", data={"status": status, "reason": "", "csrf_token": token,
                                                            "message": "ซ่อมไฟทางเรียบร้อยแล้วค่ะ"})
    assert resp.status_code == 302


def test_a_resolved_case_is_rated_once_with_answers_per_question(app, client, worker, fake_line, engine):
    c = Citizen(client, worker, fake_line)
    ticket = file_street_light_complaint(c)
    c.new_messages()
    _resolve(app, engine, ticket)
    worker.drain()
    [news] = c.new_messages()
    assert ticket in news["text"] and "ประเมินความพึงพอใจ" in news["text"]
    assert "ข้อ 1" in text_of(c.tap("ประเมินความพึงพอใจ"))
    tap_exact(c, "มากที่สุด")
    tap_exact(c, "มาก")
    # Interrupted: the rich menu's complaint entry, then back to the survey with its answers.
    assert "ประเมินความพึงพอใจ" in text_of(c.postback("menu:complaint"))
    assert c.labels()[:2] == ["ทำเรื่องเดิมต่อ", "เริ่มเรื่องใหม่"]
    assert "ข้อ 3" in text_of(c.tap("ทำเรื่องเดิมต่อ"))
    tap_exact(c, "น้อย")
    c.say("4")  # typed instead of tapped
    asked = text_of(tap_exact(c, "น้อยที่สุด"))
    assert "ความเห็น" in asked
    with session_scope(engine) as s:
        case = s.exec(select(Case).where(Case.ticket == ticket)).scalars().one()
        response = s.exec(select(SurveyResponse)).scalars().one()
        answers = s.exec(select(SurveyAnswer).order_by(SurveyAnswer.id)).scalars().all()
        questions = s.exec(select(SurveyQuestion).where(SurveyQuestion.active.is_(True))  # type: ignore[attr-defined]
                           .order_by(SurveyQuestion.sort_order)).scalars().all()
        service = s.get(SurveyService, response.service_id)
    assert response.case_id == case.id and response.line_user_id == c.user_id and service.for_cases
    assert [(a.question_id, a.value) for a in answers] == list(zip([q.id for q in questions], [4, 3, 2, 4, 1]))
    assert response.comment == "" and response.commented_at is None  # stored before any comment
    assert "ขอบคุณ" in text_of(c.say("เจ้าหน้าที่มาซ่อมเร็วมาก ขอบคุณค่ะ"))
    [response] = rows(engine, select(SurveyResponse))
    assert response.comment == "เจ้าหน้าที่มาซ่อมเร็วมาก ขอบคุณค่ะ" and response.commented_at is not None
    # One response per case: the button again is answered politely, nothing more is stored.
    assert "ประเมินแล้ว" in text_of(c.postback(f"sv:case:{ticket}"))
    # Reopened and resolved again: the news no longer asks for a survey.
    _resolve(app, engine, ticket, "in_progress")
    _resolve(app, engine, ticket)
    worker.drain()
    last = c.new_messages()[-1]
    assert "ประเมินความพึงพอใจ" not in last["text"]
    data = [i["action"]["data"] for i in last["quickReply"]["items"]]
    assert data[:3] == [f"ro:ok:{ticket}", f"ro:no:{ticket}", f"tr:case:{ticket}"]  # fixed or not; no rating
    assert len(rows(engine, select(SurveyResponse))) == 1 and len(rows(engine, select(SurveyAnswer))) == 5


def test_someone_else_cannot_rate_a_case(app, client, worker, fake_line, engine):
    owner = Citizen(client, worker, fake_line)
    ticket = file_street_light_complaint(owner)
    _resolve(app, engine, ticket)
    worker.drain()
    other = Citizen(client, worker, fake_line)
    assert "ไม่พบเรื่อง" in text_of(other.postback(f"sv:case:{ticket}"))
    assert rows(engine, select(SurveyResponse)) == []


def test_a_service_survey_from_the_menu(client, worker, fake_line, engine):
    c = Citizen(client, worker, fake_line)
    assert "บริการใด" in text_of(c.postback("menu:survey"))
    c.tap("เก็บขยะ")
    for label in ("มาก", "มาก", "มากที่สุด", "น้อย", "มาก"):
        tap_exact(c, label)
    c.tap("ข้าม")
    [response] = rows(engine, select(SurveyResponse))
    service = rows(engine, select(SurveyService).where(SurveyService.id == response.service_id))[0]
    assert service.name == "เก็บขยะ" and response.case_id is None and response.comment == ""
    values = [a.value for a in rows(engine, select(SurveyAnswer).order_by(SurveyAnswer.id))]
    assert values == [3, 3, 4, 2, 3]


def test_suggestion_with_a_photo_gets_a_ticket(client, worker, fake_line, engine):
    c = Citizen(client, worker, fake_line)
    assert "ข้อเสนอแนะ" in text_of(c.postback("menu:suggest"))
    c.say("อยากให้มีจุดทิ้งขยะอันตรายในทุกหมู่บ้าน")
    c.photo(JPEG)
    c.tap("เสร็จแล้ว")
    done = text_of(c.tap("ยืนยัน"))
    found = SUGGESTION_TICKET.search(done)
    assert found, done
    [suggestion] = rows(engine, select(Suggestion))
    assert suggestion.ticket == found.group(0) and suggestion.line_user_id == c.user_id
    assert suggestion.text == "อยากให้มีจุดทิ้งขยะอันตรายในทุกหมู่บ้าน" and suggestion.status == "received"
    [photo] = rows(engine, select(Media))
    assert photo.suggestion_id == suggestion.id and photo.purpose == "suggestion"
    assert photo.status == MediaStatus.STORED and photo.path.startswith("suggestions/")
    assert photo.case_id is None and photo.report_id is None
    # Its author finds it by its ticket; someone else learns nothing about it.
    status = text_of(c.tap("ดูสถานะเรื่องนี้"))
    assert suggestion.ticket in status and "รับเรื่องแล้ว" in status and "จุดทิ้งขยะอันตราย" in status
    assert "ไม่พบ" in text_of(Citizen(client, worker, fake_line).say(suggestion.ticket))
