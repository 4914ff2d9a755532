"""Personal data (PDPA): pseudonyms for chat ids and citizens' deletion requests (masking it in free
text is models/masking.py).

The anonymisation of stored records is in models/privacy_anonymise.py; the retention purge
(models/privacy_purge.py) and a confirmed deletion request (models/privacy_erase.py) both use it.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, TypeGuard

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, Session, SQLModel, col, select

from models.db import as_aware, utcnow

# The PDPA expects a data subject's request to be acted on without delay and within 30 days
# (the period section 30 sets for access requests; the office applies it to erasure too).
ANSWER_DAYS = 30

ANON_PREFIX = "anon:"
Alias = Callable[[str], str]  # what a LINE user or chat id is replaced with


def pseudonym(value: str, key: bytes) -> str:
    """A stable stand-in for a chat or user id, for the retention purge: the same id gives the same
    stand-in in every run (so "how many different people took part" and "how many chats" still
    count right), and without the key nobody can tell whose it was. A stand-in stays as it is."""
    if value.startswith(ANON_PREFIX):
        return value
    digest = hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()
    return ANON_PREFIX + digest[:24]


def random_alias() -> Alias:
    """One fresh stand-in for every id of one person, for a deletion request: their records still
    count as one person, and no key can ever link them back to the LINE account."""
    token = ANON_PREFIX + secrets.token_hex(12)
    return lambda _value: token


def reachable(line_id: str | None) -> TypeGuard[str]:
    """Whether news can be pushed to this LINE id: there is one, and it is not a stand-in (so a str)."""
    return bool(line_id) and not str(line_id).startswith(ANON_PREFIX)


def is_anon(column: Any) -> Any:
    """SQL: the column holds a stand-in already."""
    return column.startswith(ANON_PREFIX)


# --- deletion requests ----------------------------------------------------------------------------

class DeletionStatus:
    PENDING = "pending"  # asked in LINE, waiting for staff
    DONE = "done"  # carried out: the citizen's records are anonymised
    REJECTED = "rejected"  # refused by staff, with the reason told to the citizen


class DeletionRequest(SQLModel, table=True):
    """A citizen's request, made in LINE, that their personal data be deleted.

    Once carried out, the request itself forgets who asked (`line_user_id` is cleared): what is
    left says that a request was made, when, who decided it, and how many records it touched."""

    __tablename__ = "deletion_request"
    __table_args__ = (Index("ix_deletion_request_status", "status", "requested_at"),)

    id: int | None = Field(default=None, primary_key=True)
    line_user_id: str | None = Field(default=None, max_length=64, index=True)
    status: str = Field(default=DeletionStatus.PENDING, max_length=16)
    requested_at: datetime = Field(default_factory=utcnow)
    decided_at: datetime | None = None
    decided_by: int | None = Field(default=None, foreign_key="staff.id")
    reason: str = Field(default="", sa_column=Column(Text, nullable=False))  # why it was refused
    summary: str = Field(default="", max_length=200)  # "complaints=2 inquiries=1 ...", no corruption count


def answer_by(requested_at: datetime) -> datetime:
    return as_aware(requested_at) + timedelta(days=ANSWER_DAYS)


def pending_request_of(line_user_id: str, *, session: Session) -> DeletionRequest | None:
    stmt = (select(DeletionRequest).where(DeletionRequest.line_user_id == line_user_id,
                                          DeletionRequest.status == DeletionStatus.PENDING)
            .order_by(col(DeletionRequest.id)).limit(1))
    return session.exec(stmt).first()


def request_deletion(line_user_id: str, *, session: Session) -> dict:
    """Record a request (one pending request per person: asking again changes nothing).
    Returns {"new": bool, "answer_by": aware datetime}."""
    existing = pending_request_of(line_user_id, session=session)
    if existing is not None:
        return {"new": False, "answer_by": answer_by(existing.requested_at)}
    row = DeletionRequest(line_user_id=line_user_id)
    session.add(row)
    session.flush()
    return {"new": True, "answer_by": answer_by(row.requested_at)}


def pending_requests(*, session: Session, limit: int = 100) -> list[DeletionRequest]:
    stmt = (select(DeletionRequest).where(DeletionRequest.status == DeletionStatus.PENDING)
            .order_by(col(DeletionRequest.requested_at), col(DeletionRequest.id)).limit(limit))
    return list(session.exec(stmt))


def decided_requests(*, session: Session, limit: int = 20) -> list[DeletionRequest]:
    stmt = (select(DeletionRequest).where(DeletionRequest.status != DeletionStatus.PENDING)
            .order_by(col(DeletionRequest.decided_at).desc(), col(DeletionRequest.id).desc()).limit(limit))
    return list(session.exec(stmt))


def lock_request(request_id: int, *, session: Session) -> DeletionRequest | None:
    """The request, locked against a second staff member deciding it at the same time (PostgreSQL;
    SQLite's single writer serialises anyway)."""
    stmt = select(DeletionRequest).where(DeletionRequest.id == request_id).with_for_update()
    return session.exec(stmt).first()
