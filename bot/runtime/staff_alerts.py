"""New cases pushed to the staff who handle them, in the transaction that creates the case.

A complaint alerts the linked officers and admins of its division (models/staff_alert_queries.py), with
a card to take it in LINE (postback st:take:TICKET, the staff flow's) or open it in the admin view. A
corruption report alerts only integrity staff (ALERTS_INTEGRITY_USERS, or all of them), saying no more
than that a confidential report came in. Each alert is one push per person through outbox.tell, queued
beside the case: a case that was not saved alerts nobody; a worker's outbox sweep sends it within a
poll interval (WORKER_POLL_SECONDS).

When LINE's quota runs low (bot/runtime/quota.py) nothing is pushed here: the case waits in the
morning digest's "not yet taken" list. Photos the citizen sends after the case is saved alert nobody
again (the card counts the photos the case had when it was saved). The card shows no thumbnail: LINE
fetches images itself, and the service has no public photo address (case photos are staff-only).
Who reported a case is never in an alert, and a staff member is not alerted to their own complaint.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlmodel import Session, col

from bot.runtime.outbox import Wakeable, tell
from bot.runtime.quota import quota_low
from bot.services import Services
from bot.settings import Settings
from handlers import types as h
from messages_th import staff_alerts as msg
from models.complaint import Case, Category
from models.corruption import CorruptionReport
from models.db import read_scope, utcnow
from models.enums import MediaStatus
from models.media import Media
from models.push_counts import STAFF_ALERT
from models.staff_alert_queries import case_recipients, integrity_recipients, linked_staff

TAKE_PREFIX, OPEN_PREFIX = "st:take:", "st:open:"  # the staff flow's postbacks (its namespace "st")


class StaffAlerts:
    """What a worker's EffectApplier calls when a case is opened. `immediate` is False when the quota
    runs low: then nothing is pushed (the digest lists the case)."""

    def __init__(self, settings: Settings, *, immediate: bool = True, wake: Wakeable | None = None):
        self.settings, self.immediate, self.wake = settings, immediate, wake

    def new_case(self, case: Case, *, session: Session) -> int:
        """Queue the alert for each of the case's handlers; how many were queued."""
        if not self.immediate:
            return 0
        people = [p for p in case_recipients(case.division_id, session=session)
                  if p.line_user_id != case.reporter_line_id]
        if not people:
            return 0
        card = self.case_card(case, session=session)
        return self._tell(session, (p.line_user_id for p in people), card, ticket=case.ticket)

    def new_corruption(self, report: CorruptionReport, *, session: Session) -> int:
        if not self.immediate:
            return 0
        people = [p for p in integrity_recipients(self.settings.integrity_alert_users, session=session)
                  if p.line_user_id != report.reporter_line_id]
        # No ticket on the outbox row either: the row says who was told, not about which report.
        return self._tell(session, (p.line_user_id for p in people),
                          msg.corruption_alert(open_url=f"{self.settings.public_url}/admin/corruption"), ticket=None)

    def case_card(self, case: Case, *, session: Session) -> dict:
        category = session.get(Category, case.category_id) if case.category_id else None
        photos = session.execute(select(func.count()).select_from(Media).where(
            col(Media.case_id) == case.id, col(Media.status) != MediaStatus.FAILED)).scalar_one()
        place = case.landmark or case.location_title or case.location_address
        return msg.case_alert(ticket=case.ticket, category=category.name if category else "", place=place,
                              created_at=case.created_at, now=utcnow(), photos=photos,
                              take_data=TAKE_PREFIX + case.ticket,
                              open_url=f"{self.settings.public_url}/admin/cases/{case.ticket}")

    def _tell(self, session: Session, to: Iterable[str | None], message: dict, *, ticket: str | None) -> int:
        return sum(tell(session, line_id, [message], purpose=STAFF_ALERT, ticket=ticket, wake=self.wake)
                   for line_id in to)


def alerts_for(services: Services, effects: tuple[h.Effect, ...]) -> StaffAlerts | None:
    """The alerts for an event that opens a case, with the quota looked at now, before the event's
    transaction (the look may ask LINE); None for the many events that open none."""
    if not any(isinstance(e, h.SubmitComplaint | h.SubmitCorruption) for e in effects):
        return None
    with read_scope(services.engine) as r:  # nobody linked (an office not using alerts): LINE is not asked
        if not linked_staff(session=r):
            return None
    return StaffAlerts(services.settings, immediate=not quota_low(services))
