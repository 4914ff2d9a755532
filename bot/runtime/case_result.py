"""What the worker does with the citizen's answer to a resolution (handlers/case_result.py): record
"fixed", or reopen the case with what is still wrong, link the photos sent with it, and alert the
officer it is assigned to. All in the event's transaction (bot/runtime/apply.py), so the alert is
queued only for a reopen that was saved.

The officer's alert is a Thai text naming the ticket with a button that opens the case in the staff's
chat (purpose "staff_alert"), pushed to the
assigned staff member's linked LINE account (Staff.line_user_id), when there is one.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col

from bot.runtime import outbox
from handlers import staff_prompts, ui
from messages_th.case_result import t
from messages_th.staff_line import t as staff_t
from models import lifecycle as life
from models.complaint import Case, Division, case_by_ticket
from models.enums import MediaStatus
from models.media import Media
from models.staff import Staff

PHOTO_PURPOSE = "reopen"  # = handlers.case_result.FLOW: the draft's photos are kept under it
NOTE_IN_ALERT = 300  # characters of the citizen's words in the officer's alert


def _own(ticket: str, line_id: str | None, session: Session) -> Case | None:
    case = case_by_ticket(ticket, session=session)
    return case if case is not None and line_id and case.reporter_line_id == line_id else None


def confirm(ticket: str, line_id: str | None, *, session: Session) -> dict[str, Any]:
    case = _own(ticket, line_id, session)
    return {"confirmed": case is not None and life.confirm(case, session=session)}


def reopen(ticket: str, note: str, line_id: str | None, chat_key: str, *, session: Session) -> dict[str, Any]:
    case = _own(ticket, line_id, session)
    if case is None:
        return {"refused": "not_found"}
    try:
        life.reopen(case, note, session=session)
    except life.Refused as exc:
        return {"refused": exc.reason}
    session.execute(update(Media).where(
        col(Media.chat_key) == chat_key, col(Media.purpose) == PHOTO_PURPOSE, col(Media.case_id).is_(None),
        col(Media.report_id).is_(None), col(Media.suggestion_id).is_(None),
        col(Media.status) != MediaStatus.FAILED).values(case_id=case.id))
    alert_officer(case, note, session=session)
    division = session.get(Division, case.division_id) if case.division_id else None
    return {"reopened": True, "division": division.name if division else ""}


def alert_officer(case: Case, note: str, *, session: Session) -> bool:
    """Whether an alert was queued: to the assigned officer's own LINE, if they linked one. The worker
    that handles the event sends it on its next outbox pass (no waking needed: it is the worker)."""
    person = session.get(Staff, case.assigned_staff_id) if case.assigned_staff_id else None
    if person is None or not person.active or not person.line_user_id:
        return False
    text = t("staff.reopened", ticket=case.ticket, note=" ".join(note.split())[:NOTE_IN_ALERT])
    # One tap to the case in the staff's own chat (handlers/staff.py), as the new-case card offers.
    message = ui.text(text, [ui.postback(staff_t("qr.open"), staff_prompts.st("open", case.ticket))])
    return outbox.tell(session, person.line_user_id, [message],
                       purpose="staff_alert", ticket=case.ticket)
