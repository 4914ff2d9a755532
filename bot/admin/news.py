"""Telling a citizen what staff did, from every admin page that sends: a case's status news (complaint
or corruption report), an inquiry's answer, a suggestion's action, a privacy decision.

One path (bot.runtime.outbox.tell): a push queued in the page's transaction (never about a change that was not
saved), nothing when there is nobody to tell (no LINE id, or an anonymised one), and this app's
workers woken once the transaction commits.
"""
from __future__ import annotations

from typing import Any

from flask import current_app
from sqlmodel import Session

from bot.runtime import outbox
from handlers import tracking
from messages_th import strings as citizen
from messages_th.admin_cases import citizen_update
from messages_th.dates import status_label
from models.case_base import CaseColumns
from models.chat_feedback import has_response
from models.corruption import CorruptionReport
from models.enums import CaseStatus


def tell_citizen(session: Session, to: str | None, messages: list[dict[str, Any]], *, purpose: str,
                 ticket: str | None = None) -> bool:
    """Whether a push was queued (the page then says so)."""
    return outbox.tell(session, to, messages, purpose=purpose, ticket=ticket,
                       wake=current_app.extensions["waker"])


def tell_about_case(case: CaseColumns, session: Session, *, status: str | None, message: str) -> bool:
    """News of a case to the citizen who reported it: its `status` (None: unchanged, not repeated)
    and the staff's `message`, with a button to see the case."""
    if isinstance(case, CorruptionReport):
        # Always says the status; the outbox row names no ticket, so nothing outside the integrity
        # pages links a LINE id to a report.
        body = citizen.t("cr.update", ticket=case.ticket, status=status_label(case.status))
        if message:
            body += "\n" + citizen.t("cr.update_message", message=message)
        return tell_citizen(session, case.reporter_line_id, [tracking.news(body, case.ticket)],
                            purpose="corruption_news")
    # A complaint is done: ask how it went, one tap away (one response per case; see handlers/survey).
    # This is the survey's one hook into the case page.
    rate = status == CaseStatus.RESOLVED and not has_response(case.id, session=session)  # type: ignore[arg-type]
    push = tracking.news(citizen_update(case.ticket, status, message), case.ticket, rate=rate)
    return tell_citizen(session, case.reporter_line_id, [push], purpose="status", ticket=case.ticket)
