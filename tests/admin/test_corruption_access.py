"""Who may open the corruption section: integrity staff only, on every route; and CSRF on every POST.

Also holds the helpers the other corruption tests import (reports and evidence made in the database)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from models.corruption import CorruptionHistory, CorruptionReport
from models.db import session_scope
from tests.admin.access import ROLES, audit_rows, clients, expect, make_report, report_id, token  # noqa: F401
from tests.media_files import stored_photo

ALLOWED = {"integrity", "admin+integrity"}


@pytest.fixture
def targets(app, engine, staff):
    ticket = make_report(engine)
    photo = stored_photo(engine, app.extensions["settings"], purpose="corruption", report=report_id(engine, ticket))
    gets = ["/admin/corruption", "/admin/corruption?status=open", f"/admin/corruption/{ticket}",
            f"/admin/corruption/evidence/{photo}"]
    posts = [(f"/admin/corruption/{ticket}/reveal", {"reason": "ต้องติดต่อพยาน"}),
             (f"/admin/corruption/{ticket}/status", {"status": "", "message": "กำลังตรวจสอบค่ะ"}),
             (f"/admin/corruption/{ticket}/note", {"note": "นัดสอบปากคำ"}),
             (f"/admin/corruption/{ticket}/assign", {"staff_id": str(staff["integrity"])})]
    return ticket, gets, posts


def test_role_matrix(clients, targets):
    _, gets, posts = targets
    for role in ROLES:  # one set-up for all roles: logins are deliberately slow (password hashing)
        client = clients[role]
        for url in gets:
            expect(role, client.get(url), ALLOWED)
        for url, data in posts:
            resp = client.post(url, data=data | {"csrf_token": token(client)})
            expect(role, resp, ALLOWED, "/admin/corruption/")
            assert resp.status_code != 200  # a POST always answers with a redirect (POST, then GET)


def test_refused_roles_leave_no_trace(clients, targets, engine):
    """A 403 changes nothing and writes no corruption audit row (not even a view)."""
    ticket, gets, posts = targets
    for role in ("admin", "officer", "executive"):
        for url in gets:
            clients[role].get(url)
        for url, data in posts:
            clients[role].post(url, data=data | {"csrf_token": token(clients[role])})
    assert [a for a in audit_rows(engine) if a.target_kind == "corruption"] == []
    with session_scope(engine) as s:
        report = s.exec(select(CorruptionReport).where(CorruptionReport.ticket == ticket)).scalar_one()
        assert report.status == "received" and report.assigned_staff_id is None and report.last_message == ""


def test_menu_shows_the_section_to_integrity_only(clients, staff):
    for role in ("integrity", "admin+integrity"):
        assert 'href="/admin/corruption"' in clients[role].get("/admin/audit").get_data(as_text=True)
    assert 'href="/admin/corruption"' not in clients["admin"].get("/admin/audit").get_data(as_text=True)


def test_every_post_needs_the_csrf_token(as_role, targets, engine):
    ticket, _, posts = targets
    client = as_role("integrity")
    for url, data in posts:
        resp = client.post(url, data=data)
        assert resp.status_code == 400, url
        assert "แบบฟอร์มหมดอายุ" in resp.get_data(as_text=True)
        resp = client.post(url, data=data | {"csrf_token": "forged-token"})
        assert resp.status_code == 400, url
    assert audit_rows(engine, "reveal_reporter") == [] and audit_rows(engine, "add_note") == []
    with session_scope(engine) as s:
        report = s.exec(select(CorruptionReport).where(CorruptionReport.ticket == ticket)).scalar_one()
        history = s.exec(select(CorruptionHistory).where(CorruptionHistory.report_id == report.id)).scalars().all()
    assert report.assigned_staff_id is None and [h.kind for h in history] == ["created"]
