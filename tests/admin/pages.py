"""Reading admin pages and posting their forms: table rows, queue tickets, audit actions, case actions."""
from __future__ import annotations

import re

from sqlalchemy import select

from models.audit import AuditLog
from models.complaint import Case, CaseHistory
from models.db import session_scope
from models.events import OutboundMessage
from tests.admin.conftest import csrf_from
from tests.admin.feedback_rows import token_of


def rows_of(client, query: str = "") -> str:
    resp = client.get("/admin/audit" + query)
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    return html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""


TICKETS = re.compile(r"NMK6811-\d{4}")


def listed(client, url: str = "/admin/cases") -> list[str]:
    """The tickets of the queue's table, in order (not the ones in links of the tabs or pager)."""
    resp = client.get(url)
    assert resp.status_code == 200, resp.status_code
    html = resp.get_data(as_text=True)
    table = html.split("<tbody>")[1].split("</tbody>")[0] if "<tbody>" in html else ""
    return list(dict.fromkeys(TICKETS.findall(table)))


def audit_actions(engine) -> list[tuple[str, str, str]]:
    with session_scope(engine) as s:
        return [(a.action, a.username, a.target_id) for a in s.exec(select(AuditLog).order_by(AuditLog.id)).scalars()
                if a.action not in ("login", "login_failed")]


def post(client, ticket: str, action: str, data: dict, *, token: bool = True):
    if token:
        data = {**data, "csrf_token": csrf_from(client.get(f"/admin/cases/{ticket}").get_data(as_text=True))}
    return client.post(f"/admin/cases/{ticket}/{action}", data=data)


def case_of(engine, ticket: str) -> Case:
    with session_scope(engine) as s:
        return s.exec(select(Case).where(Case.ticket == ticket)).scalars().one()


def change(client, sid: int, status: str, action: str = "", message: str = ""):
    token = token_of(client, f"/admin/suggestions/{sid}")
    return client.post(f"/admin/suggestions/{sid}/status",
                       data={"status": status, "action": action, "message": message, "csrf_token": token})


def history(engine, ticket: str) -> list[CaseHistory]:
    with session_scope(engine) as s:
        cid = s.exec(select(Case.id).where(Case.ticket == ticket)).scalars().one()
        return list(s.exec(select(CaseHistory).where(CaseHistory.case_id == cid).order_by(CaseHistory.id)).scalars())


def outbox(engine) -> list[OutboundMessage]:
    with session_scope(engine) as s:
        return list(s.exec(select(OutboundMessage).where(OutboundMessage.purpose == "status")).scalars())
