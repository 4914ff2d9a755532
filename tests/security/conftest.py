"""A small municipality for the security tests: accounts of every role, a complaint of กองช่าง with
a photo, a corruption report with evidence, and one row of each feedback page."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from models.complaint import Case, Category, Division
from models.corruption import CorruptionReport
from models.db import session_scope, utcnow
from models.enums import MediaStatus
from models.media import Media
from models.reply_template import ReplyTemplate
from tests import media_files
from tests.admin.conftest import _fast_password_hash, csrf_from, login, make_staff  # noqa: F401  (autouse fixture)
from tests.admin.feedback_rows import feedback_world

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64 + b"\xff\xd9"
# Who the tests log in as: a username per role. "officer-other" is an officer of another division.
ACCOUNTS = {"admin": ("sec-admin", ["admin"], None), "officer": ("sec-officer", ["officer"], "กองช่าง"),
            "officer-other": ("sec-teacher", ["officer"], "กองการศึกษา"),
            "executive": ("sec-exec", ["executive"], None), "integrity": ("sec-integrity", ["integrity"], None),
            "admin+integrity": ("sec-both", ["admin", "integrity"], None)}
ROLES = tuple(ACCOUNTS)


@pytest.fixture
def world(engine, settings) -> dict:
    staff = {role: make_staff(engine, name, *roles, division=division)
             for role, (name, roles, division) in ACCOUNTS.items()}
    staff["bystander"] = make_staff(engine, "sec-bystander", "officer", division="กองช่าง")  # the account edited
    media_files.put(settings, engine, "cases/a.jpg", JPEG)
    media_files.put(settings, engine, "confidential/c.jpg", JPEG)
    with session_scope(engine) as s:
        works = s.exec(select(Division).where(Division.name == "กองช่าง")).scalars().one()
        category = s.exec(select(Category).where(Category.division_id == works.id)).scalars().first()
        now = utcnow()
        case = Case(ticket="NMK6001-0001", description="ไฟดับหน้าวัด", category_id=category.id, division_id=works.id,
                    created_at=now, updated_at=now, reporter_line_id="U" + "1" * 32)
        report = CorruptionReport(ticket="NMKC6001-0001", description="เรียกเงินใต้โต๊ะ", created_at=now, updated_at=now,
                                  reporter_line_id="U" + "2" * 32)
        s.add_all([case, report])
        s.flush()
        photo = Media(purpose="complaint", chat_key="user:U1", line_message_id="sec-m1", case_id=case.id,
                      status=MediaStatus.STORED, path="cases/a.jpg", content_type="image/jpeg")
        evidence = Media(purpose="corruption", chat_key="user:U2", line_message_id="sec-m2", report_id=report.id,
                         status=MediaStatus.STORED, path="confidential/c.jpg", content_type="image/jpeg")
        template = ReplyTemplate(title="ซ่อมแล้ว", body="ซ่อมเรียบร้อยแล้วค่ะ")
        s.add_all([photo, evidence, template])
        s.flush()
        ids = {"ticket": case.ticket, "ticket_c": report.ticket, "photo": photo.id, "evidence": evidence.id,
               "category": category.id, "division": works.id, "case_id": case.id, "report_id": report.id,
               "template_id": template.id}
    feedback = feedback_world(engine, settings)
    return {**ids, **feedback, "staff": staff}


@pytest.fixture
def as_role(app, world):
    """as_role("officer") -> (a client logged in with that role, a CSRF token of its session)."""

    def make(role: str):
        client = app.test_client()
        if role == "logged out":
            return client, csrf_from(client.get("/admin/login").get_data(as_text=True))
        resp = login(client, ACCOUNTS[role][0])
        assert resp.status_code == 302, resp.get_data(as_text=True)
        return client, csrf_from(client.get("/admin/").get_data(as_text=True))

    return make


_PARAM = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")


def url_for_rule(rule: str, w: dict) -> str:
    """A concrete URL for a rule, aimed at the world's rows. A new parameter name fails loudly."""
    values = {
        "ticket": w["ticket_c"] if rule.startswith("/admin/corruption/") else w["ticket"],
        "media_id": w["evidence"] if "evidence" in rule else w["photo"],
        "category_id": w["category"], "division_id": w["division"], "staff_id": w["staff"]["bystander"],
        "faq_id": w["faq_id"], "inquiry_id": w["inquiry_id"], "suggestion_id": w["suggestion_id"],
        "question_id": w["question_id"], "service_id": w["service_id"], "filename": "admin/admin.css",
        "template_id": w["template_id"], "weight": 400,  # a font's (bot/web/fonts.py)
        "sig": "0" * 32,  # an after-photo's signature, wrong here: the same 404 as any refusal
    }

    def one(match: re.Match) -> str:
        name = match.group(1)
        assert name in values, (f"no test value for the URL parameter <{name}> of {rule}: add one to "
                                "url_for_rule in tests/security/conftest.py")
        return str(values[name])

    return _PARAM.sub(one, rule)
