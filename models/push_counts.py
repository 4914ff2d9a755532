"""This Bangkok month's pushes (the ones LINE counts against the monthly quota), by kind, from the outbox.

Replies are free and never counted. A reply that had to fall back to a push (its token expired) is a
push: counted, as "late replies". The kinds are what the admin view shows against LINE's quota.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import Session, col

from models.enums import OutboxStatus
from models.events import OutboundMessage
from models.periods import bangkok_month_of, month_bounds

STAFF_ALERT, STAFF_DIGEST, FOLLOWUP = "staff_alert", "staff_digest", "followup"
KINDS = ("news", "staff", "followup", "late_replies")  # in the order shown
_KIND_OF = {STAFF_ALERT: "staff", STAFF_DIGEST: "staff", FOLLOWUP: "followup", "reply": "late_replies",
            "apology": "late_replies"}  # every other purpose is news to a citizen (status, answers...)


def kind_of(purpose: str) -> str:
    return _KIND_OF.get(purpose, "news")


def month_pushes(now: datetime, *, session: Session) -> dict[str, int]:
    """{kind: pushes sent since the start of now's Bangkok month}, every kind present."""
    start, _ = month_bounds(*bangkok_month_of(now))
    stmt = (select(col(OutboundMessage.purpose), func.count())
            .where(col(OutboundMessage.kind) == "push", col(OutboundMessage.status) == OutboxStatus.SENT,
                   col(OutboundMessage.sent_at) >= start)
            .group_by(col(OutboundMessage.purpose)))
    counts = dict.fromkeys(KINDS, 0)
    for purpose, n in session.execute(stmt):
        counts[kind_of(purpose)] += n
    return counts
