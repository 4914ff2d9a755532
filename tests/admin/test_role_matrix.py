"""Roles in the admin view, case by case: an officer of another division, an admin without integrity.

Every route × every role × logged out is checked against one table in tests/security/test_route_matrix.py.
"""
from __future__ import annotations

import pytest
from sqlalchemy import select

from models.complaint import Case, Category, Division
from models.corruption import CorruptionReport
from models.db import session_scope, utcnow
from models.enums import MediaStatus
from models.media import Media
from tests import media_files
from tests.admin.conftest import csrf_from, login, make_staff

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64 + b"\xff\xd9"


@pytest.fixture
def world(app, engine, staff, settings):
    """A complaint of กองช่าง with a photo, a corruption report with evidence, accounts."""
    make_staff(engine, "both1", "admin", "integrity")
    media_files.put(settings, engine, "cases/a.jpg", JPEG)
    media_files.put(settings, engine, "confidential/c.jpg", JPEG)
    with session_scope(engine) as s:
        works = s.exec(select(Division).where(Division.name == "กองช่าง")).scalars().one()
        category = s.exec(select(Category).where(Category.division_id == works.id)).scalars().first()
        now = utcnow()
        case = Case(ticket="NMK6911-0001", description="ไฟดับ", category_id=category.id, division_id=works.id,
                    created_at=now, updated_at=now, reporter_line_id="U" + "1" * 32)
        report = CorruptionReport(ticket="NMKC6911-0001", description="เรียกเงิน", created_at=now, updated_at=now,
                                  reporter_line_id="U" + "2" * 32)
        s.add(case)
        s.add(report)
        s.flush()
        photo = Media(purpose="complaint", chat_key="user:U1", line_message_id="m1", case_id=case.id,
                      status=MediaStatus.STORED, path="cases/a.jpg", content_type="image/jpeg")
        evidence = Media(purpose="corruption", chat_key="user:U2", line_message_id="m2", report_id=report.id,
                         status=MediaStatus.STORED, path="confidential/c.jpg", content_type="image/jpeg")
        s.add(photo)
        s.add(evidence)
        s.flush()
        ids = {"ticket": case.ticket, "ticket_c": report.ticket, "photo": photo.id, "evidence": evidence.id,
               "category": category.id, "division": works.id, "staff": staff["executive"]}
    return ids


def test_an_officer_of_another_division_cannot_even_see_that_a_case_exists(app, world, engine):
    make_staff(engine, "teacher1", "officer", division="กองการศึกษา")
    client = app.test_client()
    login(client, "teacher1")
    token = csrf_from(client.get("/admin/").get_data(as_text=True))
    assert client.get(f"/admin/cases/{world['ticket']}").status_code == 404
    assert client.get(f"/admin/media/{world['photo']}").status_code == 404
    assert client.post(f"/admin/cases/{world['ticket']}/note", data={"csrf_token": token}).status_code == 404
    assert world["ticket"] not in client.get("/admin/cases").get_data(as_text=True)


def test_an_admin_without_integrity_is_refused_corruption_reports(app, world):
    client = app.test_client()
    login(client, "admin1")
    page = client.get(f"/admin/corruption/{world['ticket_c']}")
    assert page.status_code == 403 and "เรียกเงิน" not in page.get_data(as_text=True)
    assert client.get(f"/admin/corruption/evidence/{world['evidence']}").status_code in (403, 404)
    assert "NMKC" not in client.get("/admin/").get_data(as_text=True)
