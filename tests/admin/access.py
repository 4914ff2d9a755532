"""Signed-in clients for every staff role, the expected status per role, CSRF tokens, audit rows and
corruption reports."""
from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select

from models.audit import AuditLog
from models.complaint import due_date
from models.corruption import CorruptionHistory, CorruptionReport
from models.db import session_scope, utcnow
from tests.admin.conftest import csrf_from, login, make_staff

REPORTER_LINE_ID = "U" + "0123456789abcdef" * 2


_numbers = itertools.count(1)


def make_report(engine, *, contact: str = "given", accused: str = "นายสมมติ ตำแหน่งนายช่าง",
                description: str = "เรียกเงิน 5,000 บาทเพื่อให้ใบอนุญาตผ่านเร็ว", status: str = "received",
                line_id: str | None = REPORTER_LINE_ID) -> str:
    ticket = f"NMKC6901-{next(_numbers):04d}"
    now = utcnow()
    with session_scope(engine) as s:
        report = CorruptionReport(ticket=ticket, status=status, accused=accused, description=description,
                                  contact_mode=contact, reporter_line_id=line_id,
                                  reporter_name="สมศรี ใจดี" if contact == "given" else "",
                                  reporter_phone="0812345678" if contact == "given" else "",
                                  created_at=now, updated_at=now, due_at=due_date(now))
        s.add(report)
        s.flush()
        s.add(CorruptionHistory(report_id=report.id, actor="citizen", to_status="received", kind="created"))
    return ticket


def report_id(engine, ticket: str) -> int:
    with session_scope(engine) as s:
        return s.exec(select(CorruptionReport.id).where(CorruptionReport.ticket == ticket)).scalar_one()


def audit_rows(engine, action: str | None = None) -> list[AuditLog]:
    with session_scope(engine) as s:
        stmt = select(AuditLog).order_by(AuditLog.id)
        if action:
            stmt = stmt.where(AuditLog.action == action)
        return list(s.exec(stmt).scalars())


def token(client) -> str:
    """A CSRF token of this client's session (the login page carries one for anybody)."""
    return csrf_from(client.get("/admin/login").get_data(as_text=True))


@pytest.fixture
def clients(app, engine, as_role):
    """A logged-in client per role, an admin who is also integrity, and a logged-out one."""
    make_staff(engine, "both1", "admin", "integrity")
    both = app.test_client()
    assert login(both, "both1").status_code == 302
    out = {role: as_role(role) for role in ("admin", "officer", "executive", "integrity")}
    return out | {"admin+integrity": both, "logged out": app.test_client()}


ROLES = ("admin", "officer", "executive", "integrity", "admin+integrity", "logged out")


def expect(role: str, resp, allowed: set[str], where: str = "/admin/") -> None:
    """Logged out: to the login page; a role without the right: 403; with it: 200 or a redirect back."""
    if role == "logged out":
        assert resp.status_code == 302 and "/admin/login" in resp.headers["Location"], (role, resp.status_code)
    elif role in allowed:
        ok = resp.status_code == 200 or (resp.status_code == 302 and where in resp.headers["Location"])
        assert ok, (role, resp.status_code, resp.headers.get("Location"))
    else:
        assert resp.status_code == 403, (role, resp.status_code)
