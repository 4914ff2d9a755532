"""Applies what a staff member did from LINE (handlers/staff.py): the same actions, rules, history and
audit rows as the case page (bot/admin/case_actions.py), in the worker's transaction; and a typed
link code (models/staff_link.py).

The rules are checked here again, whatever the buttons offered: the LINE user must be an active linked
staff member; a complaint needs can_act (bot/admin/permissions.py: an officer of its division, or an admin;
never an executive), a corruption report the integrity role. Audit rows name the staff member and
say "line" where the web writes the client's address.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.admin.permissions import can_act, can_view, may
from bot.line import staff_menu
from bot.runtime.after_photos import photo_links
from bot.runtime.case_news import tell_about_case
from bot.services import Services
from handlers.staff_types import LinkStaff, StaffAct
from handlers.types import Incoming
from models import audit
from models import lifecycle as life
from models.complaint import Case, Division, case_by_ticket
from models.corruption import CorruptionReport, report_by_ticket
from models.enums import CaseStatus, MediaStatus
from models.media import Media
from models.staff import Staff
from models.staff_link import masked_line_id, redeem, staff_of_line

VIA = "line"  # the audit row's "ip": the action came from the staff member's LINE chat
PHOTOS = "after"


def link_staff(effect: LinkStaff, incoming: Incoming, *, session: Session, services: Services | None) -> dict:
    if not incoming.user_id:
        return {"result": "wrong"}
    result, staff, before = redeem(effect.code, incoming.user_id, session=session)
    if staff is None:
        return {"result": result}
    audit.record("link_line", session=session, staff_id=staff.id, username=staff.username, target_kind="staff",
                 target_id=str(staff.id), detail=masked_line_id(incoming.user_id), ip=VIA)
    gateway = services.gateway if services else None
    staff_menu.after_commit(session, gateway, before, linked=False)  # a LINE account it replaced
    staff_menu.after_commit(session, gateway, incoming.user_id, linked=True)
    return {"result": "linked", "name": staff.display_name or staff.username}


def act(effect: StaffAct, incoming: Incoming, *, session: Session, services: Services | None) -> dict[str, Any]:
    staff = staff_of_line(incoming.user_id, session=session)
    if staff is None:
        return {"refused": "not_staff"}
    case = _case(effect.ticket, staff, session)
    if case is None:
        return {"refused": "gone"}
    allowed = may(staff, "corruption") if isinstance(case, CorruptionReport) else can_act(staff, case)
    if not allowed:
        return {"refused": "rule", "status": case.status}
    actor = life.Actor(username=staff.username, staff_id=staff.id)
    kind = "corruption" if isinstance(case, CorruptionReport) else "complaint"
    wake = services.work_signal if services else None

    def log_action(action: str, detail: str = "") -> None:  # its callers' codes are checked by name
        audit.record(action=action, session=session, staff_id=staff.id, username=staff.username, target_kind=kind,
                     target_id=case.ticket, detail=detail, ip=VIA)

    try:
        if effect.action == "take":
            return _take(case, staff, actor, session, log_action, wake)
        if effect.action == "message":
            old = case.status
            # News on a case still "received" says that work has started, as taking it would.
            target = CaseStatus.IN_PROGRESS.value if old == CaseStatus.RECEIVED else ""
            row = life.change_status(case, target, actor, session=session, message=effect.text)
            log_action("change_status" if target else "send_message", f"{old} -> {case.status}" if target else "")
            pushed = tell_about_case(case, session, status=case.status if target else None, message=row.message,
                                     wake=wake)
            return {"ok": True, "status": case.status, "pushed": pushed}
        if effect.action == "note":
            life.add_note(case, actor, effect.text, session=session)
            log_action("add_note")
            return {"ok": True, "status": case.status}
        if effect.action == "forward":
            if not isinstance(case, Case) or session.get(Division, effect.division_id) is None:
                raise life.Refused("assignee")
            row = life.assign(case, actor, session=session, staff_id=None, division_id=effect.division_id)
            log_action("assign_case", f"division={case.division_id} staff=")
            return {"ok": True, "status": case.status, "division": row.note}
        if effect.action == "resolve":
            return _resolve(case, actor, effect.text, incoming, session, log_action, services)
    except life.Refused as exc:
        return {"refused": exc.reason, "status": case.status}
    return {"refused": "gone"}


def _case(ticket: str, staff: Staff, session: Session) -> Case | CorruptionReport | None:
    ticket = ticket.strip().upper()[:32]
    case = case_by_ticket(ticket, session=session)
    if case is not None:
        return case if can_view(staff, case) else None
    report = report_by_ticket(ticket, session=session)
    return report if report is not None and may(staff, "corruption") else None


def _take(case, staff: Staff, actor: life.Actor, session: Session, log_action, wake) -> dict[str, Any]:
    if case.assigned_staff_id and case.assigned_staff_id != staff.id:
        other = session.get(Staff, case.assigned_staff_id)
        return {"refused": "taken", "status": case.status, "name": life.staff_name(other) if other else ""}
    if case.assigned_staff_id != staff.id:
        life.assign(case, actor, session=session, staff_id=staff.id)
        log_action("assign_case", f"division={getattr(case, 'division_id', '')} staff={staff.id}")
    pushed = False
    if case.status == CaseStatus.RECEIVED:
        old = case.status
        row = life.change_status(case, CaseStatus.IN_PROGRESS.value, actor, session=session)
        log_action("change_status", f"{old} -> {case.status}")
        pushed = tell_about_case(case, session, status=case.status, message=row.message, wake=wake)
    return {"ok": True, "status": case.status, "pushed": pushed}


def _resolve(case, actor: life.Actor, text: str, incoming: Incoming, session: Session, log_action,
             services: Services | None) -> dict[str, Any]:
    if not text.strip():
        raise life.Refused("empty")  # the citizen is told what was done, always in words
    old = case.status
    row = life.change_status(case, CaseStatus.RESOLVED.value, actor, session=session, message=text)
    log_action("change_status", f"{old} -> {case.status}")
    photo_ids: list[int] = []
    if isinstance(case, Case):
        # The after-photos sent in this chat since the resolution began (the flow discards older ones).
        where = (col(Media.chat_key) == incoming.chat_key, col(Media.purpose) == PHOTOS, col(Media.case_id).is_(None),
                 col(Media.status) != MediaStatus.FAILED)
        photo_ids = [i for i in session.exec(select(col(Media.id)).where(*where).order_by(col(Media.id))).all() if i]
        if photo_ids:
            # Kept under the staff member's name, as uploads on the case page are: not their LINE chat.
            session.execute(update(Media).where(col(Media.id).in_(photo_ids))
                         .values(case_id=case.id, chat_key=f"staff:{actor.username}"[:80]))
            log_action("after_photos", f"{len(photo_ids)}")
    links = photo_links(services.settings.photo_base_url, services.settings.secret_key, photo_ids) if services else []
    pushed = tell_about_case(case, session, status=case.status, message=row.message,
                             wake=services.work_signal if services else None, photos=links)
    return {"ok": True, "status": case.status, "pushed": pushed, "photos": len(photo_ids)}
