"""Rows for the inquiry, FAQ, suggestion and survey admin tests, written straight to the tables (the
chat side that normally creates them is tested on its own)."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select

from models.audit import AuditLog
from models.db import session_scope, utcnow
from models.enums import MediaStatus
from models.events import OutboundMessage
from models.inquiry import Faq, Inquiry
from models.media import Media
from models.suggestion import Suggestion
from models.survey import SurveyAnswer, SurveyQuestion, SurveyResponse, SurveyService
from tests import media_files

XSS = "<script>alert('x')</script>"
LINE_USER = "U" + "a" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64 + b"\xff\xd9"


def make_faq(engine, question: str = "ชำระภาษีที่ดินได้ที่ไหน", answer: str = "ที่กองคลัง ชั้น 1", *,
             topic: str = "ภาษี", sample: bool = True, active: bool = True, ago: timedelta = timedelta(days=3)) -> int:
    with session_scope(engine) as s:
        row = Faq(topic=topic, question=question, answer=answer, sample=sample, active=active,
                  updated_at=utcnow() - ago)
        s.add(row)
        s.flush()
        return row.id


def make_inquiry(engine, question: str = "ขอทราบเวลาเปิดทำการวันเสาร์", *, status: str = "pending",
                 ago: timedelta = timedelta(hours=2), line_user_id: str | None = LINE_USER, **extra) -> int:
    with session_scope(engine) as s:
        row = Inquiry(question=question, status=status, asked_at=utcnow() - ago, line_user_id=line_user_id, **extra)
        s.add(row)
        s.flush()
        return row.id


def inquiry_of(engine, inquiry_id: int) -> Inquiry:
    with session_scope(engine) as s:
        return s.get(Inquiry, inquiry_id)


def faq_of(engine, faq_id: int) -> Faq:
    with session_scope(engine) as s:
        return s.get(Faq, faq_id)


_numbers = iter(range(1, 1_000_000))


def make_suggestion(engine, text: str = "อยากให้มีจุดทิ้งขยะอันตรายในหมู่บ้าน", *, status: str = "received",
                    ago: timedelta = timedelta(days=1), line_user_id: str | None = LINE_USER, **extra) -> tuple[int, str]:
    with session_scope(engine) as s:
        row = Suggestion(ticket=f"NMKS6901-{next(_numbers):04d}", text=text, status=status,
                         created_at=utcnow() - ago, line_user_id=line_user_id, **extra)
        s.add(row)
        s.flush()
        return row.id, row.ticket


def suggestion_of(engine, suggestion_id: int) -> Suggestion:
    with session_scope(engine) as s:
        return s.get(Suggestion, suggestion_id)


def suggestion_photo(engine, settings, suggestion_id: int, name: str = "s.jpg") -> int:
    media_files.put(settings, engine, f"suggestions/{name}", JPEG)
    with session_scope(engine) as s:
        row = Media(purpose="suggestion", chat_key=f"user:{LINE_USER}", line_message_id=f"m-{name}-{suggestion_id}",
                    suggestion_id=suggestion_id, status=MediaStatus.STORED, path=f"suggestions/{name}",
                    content_type="image/jpeg")
        s.add(row)
        s.flush()
        return row.id


def reset_surveys(engine) -> None:
    """Survey tables emptied, whatever the default seed put there, so counts are the test's own."""
    with session_scope(engine) as s:
        for table in (SurveyAnswer, SurveyResponse, SurveyQuestion, SurveyService):
            s.exec(delete(table))


def make_questions(engine, n: int = 3) -> list[int]:
    with session_scope(engine) as s:
        rows = [SurveyQuestion(key=f"k{i}", text=f"ความพึงพอใจข้อ {i}", short=f"ข้อ {i}", sort_order=i)
                for i in range(1, n + 1)]
        s.add_all(rows)
        s.flush()
        return [r.id for r in rows]


def answer_survey(engine, question_ids: list[int], value: int = 4, service_id: int | None = None) -> int:
    with session_scope(engine) as s:
        response = SurveyResponse(service_id=service_id, line_user_id=LINE_USER)
        s.add(response)
        s.flush()
        s.add_all([SurveyAnswer(response_id=response.id, question_id=q, value=value) for q in question_ids])
        return response.id


def pushes_of(engine, purpose: str) -> list[OutboundMessage]:
    with session_scope(engine) as s:
        return list(s.exec(select(OutboundMessage).where(OutboundMessage.purpose == purpose)
                           .order_by(OutboundMessage.id)).scalars())


def audit_rows(engine, kind: str) -> list[tuple[str, str, str]]:
    with session_scope(engine) as s:
        return [(a.action, a.username, a.target_id) for a in s.exec(
            select(AuditLog).where(AuditLog.target_kind == kind).order_by(AuditLog.id)).scalars()]


def token_of(client, url: str) -> str:
    from tests.admin.conftest import csrf_from

    return csrf_from(client.get(url).get_data(as_text=True))


def feedback_world(engine, settings) -> dict[str, int]:
    """One of each row the inquiry, FAQ, suggestion and survey pages open (for the role matrix),
    with a suggestion photo whose access is checked there too."""
    suggestion_id, _ = make_suggestion(engine)
    with session_scope(engine) as s:
        service = SurveyService(name="งานทดสอบสิทธิ์")
        question = SurveyQuestion(key="matrix", text="พอใจไหม")
        s.add_all([service, question])
        s.flush()
        survey = {"service_id": service.id, "question_id": question.id}
    return {"inquiry_id": make_inquiry(engine), "faq_id": make_faq(engine), "suggestion_id": suggestion_id,
            "suggestion_photo": suggestion_photo(engine, settings, suggestion_id), **survey}
