"""Telling a citizen what staff did, from every admin page that sends: a case's status news (complaint
or corruption report), an inquiry's answer, a suggestion's action, a privacy decision.

A case's news is composed in bot/runtime/case_news.py (the staff flow in LINE sends the same); this
module adds the app's waker. One path (bot.runtime.outbox.tell): a push queued in the page's
transaction (never about a change that was not saved), nothing when there is nobody to tell (no LINE
id, or an anonymised one), and this app's workers woken once the transaction commits.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask import current_app
from sqlmodel import Session

from bot.runtime import case_news, outbox
from bot.runtime.case_news import PhotoLink
from models.case_base import CaseColumns


def tell_citizen(session: Session, to: str | None, messages: list[dict[str, Any]], *, purpose: str,
                 ticket: str | None = None) -> bool:
    """Whether a push was queued (the page then says so)."""
    return outbox.tell(session, to, messages, purpose=purpose, ticket=ticket,
                       wake=current_app.extensions["waker"])


def tell_about_case(case: CaseColumns, session: Session, *, status: str | None, message: str,
                    photos: Sequence[PhotoLink] = ()) -> bool:
    """News of a case to its reporter (bot/runtime/case_news.py composes it), waking this app's workers."""
    return case_news.tell_about_case(case, session, status=status, message=message, photos=photos,
                                     wake=current_app.extensions["waker"])
