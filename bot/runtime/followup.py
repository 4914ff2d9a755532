""""Has it been fixed?": one push, FOLLOWUP_DAYS after a resolution the citizen neither confirmed
("เรียบร้อยแล้ว") nor rated, with the same two answers as the resolution news (handlers/case_result).

Run by the worker's periodic loop (bot/runtime/worker_pool.py, at most once a minute per process).
Exactly once, whatever the number of worker processes: the case row is claimed by a conditional UPDATE
(followup_sent_at still NULL) in the transaction that queues the push, so of two processes one
updates the row and the other updates nothing (PostgreSQL re-reads the row after the first commits;
SQLite writes one transaction at a time). Only resolutions younger than REOPEN_DAYS are asked about,
so "ยังไม่เรียบร้อย" can still reopen them, and a release that turns this on does not ask about every
old case at once. Off when FOLLOWUP_DAYS is 0 or the month's push quota runs low (`quota_low`).
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import exists, update
from sqlmodel import Session, col, select

from bot.runtime import outbox
from bot.services import Services
from handlers import case_result, ui
from messages_th.case_result import t
from messages_th.dates import citizen_date
from models.chat_feedback import has_response
from models.complaint import Case
from models.db import read_scope, session_scope, utcnow
from models.enums import REOPEN_DAYS, CaseStatus
from models.survey import SurveyResponse

log = logging.getLogger(__name__)
BATCH = 20  # cases asked about per pass: pushes are money, and the next pass comes a minute later


def never_low() -> bool:
    return False


def _due(days: int, now: datetime):
    return (col(Case.status) == CaseStatus.RESOLVED, col(Case.closed_at) <= now - timedelta(days=days),
            col(Case.closed_at) > now - timedelta(days=REOPEN_DAYS), col(Case.citizen_confirmed_at).is_(None),
            col(Case.followup_sent_at).is_(None), col(Case.reporter_line_id).is_not(None))


def due_case_ids(days: int, now: datetime, *, session: Session, limit: int = BATCH) -> list[int]:
    rated = exists().where(col(SurveyResponse.case_id) == Case.id)
    stmt = select(Case.id).where(*_due(days, now), ~rated).order_by(col(Case.closed_at)).limit(limit)
    return [i for i in session.exec(stmt).all() if i is not None]


def ask(case_id: int, days: int, now: datetime, *, session: Session, wake: outbox.Wakeable | None = None) -> bool:
    """Claim the case's one follow-up and queue it; False when another process claimed it first, or it
    no longer qualifies (confirmed, rated, reopened meanwhile)."""
    claim = update(Case).where(col(Case.id) == case_id, *_due(days, now)).values(followup_sent_at=now)
    # On the session's connection, in its transaction; a Core result, which says how many rows changed.
    claimed = session.connection().execute(claim)
    if claimed.rowcount != 1 or has_response(case_id, session=session):
        return False  # a rating that landed meanwhile: the claim stays, nothing is sent
    case = session.get(Case, case_id)
    if case is None or case.closed_at is None:
        return False
    text = t("fu.ask", ticket=case.ticket, date=citizen_date(case.closed_at))
    message = ui.text(text, case_result.fixed_actions(case.ticket, rate=True))
    return outbox.tell(session, case.reporter_line_id, [message], purpose="followup", ticket=case.ticket, wake=wake)


class FollowupSender:
    """`quota_low`: whether the month's pushes are running out (then nothing is asked); the worker
    passes bot/runtime/quota.quota_low."""

    def __init__(self, services: Services, quota_low: Callable[[], bool] = never_low):
        self.sv = services
        self.quota_low = quota_low

    def send_due(self) -> int:
        """One pass: how many follow-ups were queued."""
        days = self.sv.settings.followup_days
        if days <= 0:
            return 0
        now = utcnow()
        with read_scope(self.sv.engine) as r:
            ids = due_case_ids(days, now, session=r)
        # LINE is asked about the quota only when there is something to ask the citizens.
        if not ids or self.quota_low():
            return 0
        queued = 0
        for case_id in ids:
            with session_scope(self.sv.engine) as s:
                queued += ask(case_id, days, now, session=s)
        if queued:
            log.info("follow-up: asked about %s resolved cases", queued)
        return queued
