"""Data the ITA export tests create, and every number worked out by hand from it.

Personal data is planted everywhere a citizen could leave it (names, phones, LINE ids, free text
of complaints, corruption reports, inquiries, suggestions, survey comments, webhook payloads), so
the tests can assert that none of it reaches either file.
"""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from models.complaint import Case, Category, Division
from models.conversation import Follower
from models.corruption import CorruptionReport
from models.db import session_scope
from models.events import InboundEvent
from models.inquiry import Inquiry
from models.suggestion import Suggestion
from models.survey import SurveyAnswer, SurveyQuestion, SurveyResponse, SurveyService

NAME = "สมปองพิเศษ ทดสอบนามสกุล"
PHONE = "0812345678"
LINE_ID = "U0123456789abcdef0123456789abcdef"
SECRET = "โกงงบถนนสายลับเฉพาะ"  # a corruption report's text
ACCUSED = "นายทุจริต ตัวอย่างพิเศษ"
CITIZEN_TEXT = "หลุมใหญ่หน้าบ้านเลขที่ 77/7"  # a complaint's description
COMMENT = "ความเห็นส่วนตัวของผู้ตอบแบบประเมิน"
PLANTED = (NAME, PHONE, LINE_ID, SECRET, ACCUSED, CITIZEN_TEXT, COMMENT, "สมปองพิเศษ")

TOPIC = "เพิ่มไฟส่องสว่างซอยสาม"
ACTION = "ติดตั้งโคมไฟเพิ่มสี่จุดแล้ว"
HIDDEN_ACTION = "เรื่องภายในไม่เผยแพร่"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def _case(s, ticket: str, created: datetime, status: str, days: float | None = None,
          category: int | None = None, division: int | None = None) -> None:
    s.add(Case(ticket=ticket, status=status, created_at=created, category_id=category, division_id=division,
               closed_at=created + timedelta(days=days) if days is not None else None,
               description=f"{CITIZEN_TEXT} {NAME} {PHONE}", reporter_name=NAME, reporter_phone=PHONE,
               reporter_line_id=LINE_ID, contact_mode="given", landmark=CITIZEN_TEXT, last_message=NAME))


def create(engine) -> None:
    with session_scope(engine) as s:
        cats = {c.name: c.id for c in s.exec(select(Category)).scalars()}
        divs = {d.name: d.id for d in s.exec(select(Division)).scalars()}
        road, light, works = cats["ถนน/ทางเท้า"], cats["ไฟฟ้าสาธารณะ"], divs["กองช่าง"]
        # FY 2569: A (1 Oct in Bangkok, 2 days), C (20 days: late), D (open), E (1 day, no category),
        # F (the last second of FY 2569, open). B is FY 2568, G is FY 2570.
        _case(s, "NMK6810-0001", utc(2025, 9, 30, 23, 30), "resolved", 2, road, works)  # A
        _case(s, "NMK6809-0009", utc(2025, 9, 30, 16, 59), "resolved", 4, road, works)  # B
        _case(s, "NMK6811-0001", utc(2025, 11, 10, 3), "resolved", 20, light, works)  # C
        _case(s, "NMK6811-0002", utc(2025, 11, 12, 3), "in_progress", None, road, works)  # D
        _case(s, "NMK6901-0001", utc(2026, 1, 5, 3), "rejected", 1)  # E
        _case(s, "NMK6909-0001", utc(2026, 9, 30, 16, 59, 59), "received", None, light, works)  # F
        _case(s, "NMK6910-0001", utc(2026, 9, 30, 17, 0), "received", None, light, works)  # G
        for n, (status, days) in enumerate((("resolved", 10.0), ("in_progress", None))):
            s.add(CorruptionReport(ticket=f"NMKC6811-000{n + 1}", status=status, accused=ACCUSED,
                                   description=SECRET, reporter_name=NAME, reporter_phone=PHONE,
                                   reporter_line_id=LINE_ID, contact_mode="given", created_at=utc(2025, 11, 1, 3),
                                   closed_at=utc(2025, 11, 1, 3) + timedelta(days=days) if days else None))
        _surveys(s)
        _inquiries(s)
        _suggestions(s)
        _channel(s)


def _surveys(s) -> None:
    service = SurveyService(name="บริการรับเรื่องร้องเรียนทดสอบ", sort_order=0)
    s.add(service)
    s.flush()
    qs = [SurveyQuestion(key="t6", text="พอใจการให้บริการเพียงใด", short="ความพึงพอใจโดยรวม", indicator=6),
          SurveyQuestion(key="t7", text="ได้รับข้อมูลชัดเจนเพียงใด", short="ความชัดเจนของข้อมูล", indicator=7),
          SurveyQuestion(key="t8", text="ให้ดาวการปรับปรุงบริการ", short="การปรับปรุงบริการ", indicator=8,
                         scale="stars")]
    for q in qs:
        s.add(q)
    s.flush()
    # FY 2569: Oct (4, 3, 5 stars) and Nov (2, 4, 3 stars). FY 2568: Sept 2025 (3).
    for created, values in ((utc(2025, 10, 2, 3), (4, 3, 5)), (utc(2025, 11, 2, 3), (2, 4, 3)),
                            (utc(2025, 9, 2, 3), (3, None, None))):
        r = SurveyResponse(service_id=service.id, line_user_id=LINE_ID, comment=COMMENT, created_at=created)
        s.add(r)
        s.flush()
        for q, v in zip(qs, values):
            if v is not None:
                s.add(SurveyAnswer(response_id=r.id, question_id=q.id, value=v))


def _inquiries(s) -> None:
    q = f"{NAME} ถามเรื่องภาษี โทร {PHONE}"
    s.add(Inquiry(line_user_id=LINE_ID, question=q, status="faq", asked_at=utc(2025, 10, 3, 3),
                  answered_at=utc(2025, 10, 3, 3)))
    s.add(Inquiry(line_user_id=LINE_ID, question=q, status="answered", helpful=False, asked_at=utc(2025, 10, 4, 3),
                  answered_at=utc(2025, 10, 4, 6), answer=f"ตอบ {NAME}"))  # 3 hours
    s.add(Inquiry(line_user_id="U2", question=q, status="pending", asked_at=utc(2025, 12, 1, 3)))
    s.add(Inquiry(line_user_id="U2", question=q, status="answered", asked_at=utc(2025, 12, 2, 3),
                  answered_at=utc(2025, 12, 2, 8)))  # 5 hours


def _suggestions(s) -> None:
    text = f"{CITIZEN_TEXT} ผมชื่อ {NAME} โทร {PHONE}"
    s.add(Suggestion(ticket="NMKS6810-0001", text=text, topic=TOPIC, status="done", action=ACTION,
                     action_at=utc(2025, 10, 20, 3), created_at=utc(2025, 10, 5, 3), line_user_id=LINE_ID))
    s.add(Suggestion(ticket="NMKS6901-0001", text=text, created_at=utc(2026, 1, 5, 3), line_user_id="U2"))
    s.add(Suggestion(ticket="NMKS6902-0001", text=text, topic="เรื่องภายใน", status="not_adopted",
                     action=HIDDEN_ACTION, public=False, created_at=utc(2026, 2, 5, 3), line_user_id=LINE_ID))


def _channel(s) -> None:
    s.add(Follower(user_id=LINE_ID, display_name=NAME, following=True, followed_at=utc(2025, 10, 1, 3)))
    s.add(Follower(user_id="U2", display_name=NAME, following=False, followed_at=utc(2025, 11, 1, 3),
                   unfollowed_at=utc(2025, 12, 1, 3)))
    for n, (chat, at) in enumerate(((LINE_ID, utc(2025, 10, 1, 3)), (LINE_ID, utc(2025, 10, 2, 3)),
                                    ("U2", utc(2025, 10, 3, 3)), ("U2", utc(2025, 11, 3, 3)))):
        payload = {"type": "message", "message": {"type": "text", "text": f"{NAME} {PHONE}"}}
        s.add(InboundEvent(webhook_event_id=f"ev{n}", chat_key=chat, event_type="message", timestamp_ms=n,
                           payload=json.dumps(payload, ensure_ascii=False), status="done", received_at=at))
    s.add(InboundEvent(webhook_event_id="evf", chat_key="U3", event_type="follow", timestamp_ms=9, payload="{}",
                       status="done", received_at=utc(2025, 10, 1, 3)))


# ---- the expected figures of FY 2569 -----------------------------------------------------------
FY_MONTHS_RECEIVED = [1, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]  # Oct .. Sep
SCORES = {6: (100 + 33) / 2, 7: (67 + 100) / 2, 8: (100 + 50) / 2}
SCORES_BEFORE = {6: 67.0, 7: None, 8: None}
