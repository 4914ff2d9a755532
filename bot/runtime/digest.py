"""The staff's morning digest: once a working day (ALERTS_DIGEST_AT, Bangkok), one push to each linked
officer or admin listing their division's overdue cases, the cases nobody has taken yet (among them
any that were not alerted because the quota ran low) and the inquiries waiting for an answer; integrity
staff who receive corruption alerts get the number of open and overdue reports, nothing more.

Run by the workers' periodic step (bot/runtime/periodic.py) in every worker process; the day is
claimed by one row (models/daily_run.py) in the transaction that queues the pushes, so it goes out
once whatever the number of workers, and again by another worker if this one dies before its commit.
Someone with nothing to read gets no push: each one counts against the quota.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from sqlmodel import Session

from bot.runtime.outbox import tell
from bot.services import Services
from bot.settings import Settings
from messages_th import staff_alerts as msg
from messages_th.dates import citizen_date, to_bangkok
from models.complaint import Division
from models.daily_run import already_ran, claim_day
from models.db import read_scope, session_scope, utcnow
from models.push_counts import STAFF_DIGEST
from models.staff import Role, Staff
from models.staff_alert_queries import (
    Digest,
    corruption_figures,
    division_digest,
    handles_cases,
    integrity_recipients,
    linked_staff,
)

JOB = "staff_digest"
SATURDAY = 5  # date.weekday(): Monday is 0


def due_day(settings: Settings, now: datetime) -> date | None:
    """The Bangkok day whose digest is due at `now`, or None before the hour, on a weekend unless
    ALERTS_DIGEST_WEEKENDS, or when it is off."""
    at = settings.digest_time
    local = to_bangkok(now)
    if at is None or (local.hour, local.minute) < at:
        return None
    if local.weekday() >= SATURDAY and not settings.alerts_digest_weekends:
        return None
    return local.date()


def send_digest(services: Services, holder: str, now: datetime | None = None) -> int:
    """Queue today's digests if they are due and nobody has; how many pushes were queued."""
    now = now or utcnow()
    day = due_day(services.settings, now)
    if day is None:
        return 0
    with read_scope(services.engine) as r:
        if already_ran(JOB, day, session=r):
            return 0
    with session_scope(services.engine) as s:
        if not claim_day(JOB, day, holder, session=s):
            return 0
        queued = queue_digests(services.settings, now, session=s)
    if queued:
        services.work_signal.set()
    return queued


def _scope(staff: Staff) -> tuple[bool, int | None]:
    """(gets the case lists, whose division: None = every division). An officer without a division
    gets none (the admin view shows them no cases either)."""
    if not handles_cases(staff):
        return False, None
    if staff.division_id is None:
        return staff.has_role(Role.ADMIN), None
    return True, staff.division_id


def queue_digests(settings: Settings, now: datetime, *, session: Session) -> int:
    integrity = {p.id for p in integrity_recipients(settings.integrity_alert_users, session=session)}
    by_division: dict[int | None, Digest] = {}
    corruption: tuple[int, int] | None = None
    queued = 0
    for staff in linked_staff(session=session):
        cases, division_id = _scope(staff)
        d = Digest()
        if cases:
            if division_id not in by_division:
                by_division[division_id] = division_digest(division_id, now, session=session)
            d = replace(by_division[division_id])
        if staff.id in integrity:
            corruption = corruption or corruption_figures(now, session=session)
            d.corruption_open, d.corruption_overdue = corruption
        if d.empty():
            continue
        division = session.get(Division, division_id) if cases and division_id is not None else None
        path = "/admin/cases" if cases else "/admin/corruption"
        scope = f"{citizen_date(now)} · {division.name if division else msg.tx('digest.all_divisions')}"
        message = msg.digest(d, scope=scope, now=now, open_url=settings.public_url + path)
        queued += tell(session, staff.line_user_id, [message], purpose=STAFF_DIGEST)
    return queued
