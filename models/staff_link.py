"""Linking a staff member's own LINE account (issue 13): a one-time code, its redemption, unlinking.

The code is 6 digits, valid CODE_TTL, one per account (a new one replaces the old), stored only as a
hash (a database dump does not let anyone link). Six digits, not more, so that an elderly officer can
type it; guessing is bounded by counting wrong codes per LINE user (USER_MAX per WINDOW) and over
everyone (ALL_MAX per WINDOW, which stops a crowd of fresh LINE accounts). The counts key on a hash
of the LINE id, never the id itself: they are not personal data to erase.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import Index, delete, func
from sqlmodel import Field, Session, SQLModel, col, select

from models.db import as_aware, utcnow
from models.link_code import CODE_DIGITS
from models.staff import Staff

CODE_TTL = timedelta(minutes=15)
USER_MAX, ALL_MAX = 5, 30  # wrong codes within WINDOW: from one LINE user, from everyone
WINDOW = timedelta(minutes=30)


class StaffLinkCode(SQLModel, table=True):
    __tablename__ = "staff_link_code"

    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff.id", unique=True)  # one live code per account
    code_hash: str = Field(max_length=64, index=True)
    expires_at: datetime
    created_at: datetime = Field(default_factory=utcnow)


class StaffLinkFailure(SQLModel, table=True):
    __tablename__ = "staff_link_failure"
    __table_args__ = (Index("ix_staff_link_failure_who", "who", "at"), Index("ix_staff_link_failure_at", "at"))

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow)
    who: str = Field(max_length=64)  # sha256 of the LINE user id


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def new_code(staff: Staff, *, session: Session, now: datetime | None = None) -> tuple[str, datetime]:
    """A fresh code for this account (the old one stops working) and when it expires."""
    now = now or utcnow()
    code = f"{secrets.randbelow(10 ** CODE_DIGITS):0{CODE_DIGITS}d}"
    session.execute(delete(StaffLinkCode).where(col(StaffLinkCode.staff_id) == staff.id))
    session.flush()
    expires = now + CODE_TTL
    session.add(StaffLinkCode(staff_id=staff.id or 0, code_hash=_hash(code), expires_at=expires, created_at=now))
    return code, expires


def live_code_expiry(staff_id: int, *, session: Session) -> datetime | None:
    row = session.exec(select(StaffLinkCode).where(col(StaffLinkCode.staff_id) == staff_id)).first()
    expires = as_aware(row.expires_at) if row else None
    return expires if expires and expires > utcnow() else None


def redeem(code: str, line_user_id: str, *, session: Session) -> tuple[str, Staff | None, str | None]:
    """Link `line_user_id` to the account whose code this is. ("linked", staff, the LINE id it had
    before, if another) or (why, None, None):
    "throttled", "wrong", "expired" (the code was right but too old: it is deleted, a new one is
    needed), "inactive", "taken" (this LINE account is another staff member's). A used code is
    deleted, so using it again is "wrong"."""
    who, now = _hash(line_user_id), utcnow()
    since = now - WINDOW
    mine = session.exec(select(func.count()).select_from(StaffLinkFailure)
                        .where(col(StaffLinkFailure.who) == who, col(StaffLinkFailure.at) >= since)).one()
    everyone = session.exec(select(func.count()).select_from(StaffLinkFailure)
                            .where(col(StaffLinkFailure.at) >= since)).one()
    if mine >= USER_MAX or everyone >= ALL_MAX:
        return "throttled", None, None
    row = session.exec(select(StaffLinkCode).where(col(StaffLinkCode.code_hash) == _hash(code))).first()
    if row is None:
        session.execute(delete(StaffLinkFailure).where(col(StaffLinkFailure.at) < since))
        session.add(StaffLinkFailure(who=who, at=now))
        return "wrong", None, None
    session.delete(row)
    if as_aware(row.expires_at) <= now:
        return "expired", None, None
    staff = session.get(Staff, row.staff_id)
    if staff is None or not staff.active:
        return "inactive", None, None
    other = session.exec(select(Staff).where(col(Staff.line_user_id) == line_user_id)).first()
    if other is not None and other.id != staff.id:
        return "taken", None, None
    before = staff.line_user_id if staff.line_user_id != line_user_id else None
    staff.line_user_id = line_user_id
    session.add(staff)
    return "linked", staff, before


def unlink(staff: Staff, *, session: Session) -> str | None:
    """Forget the account's LINE id (and any code waiting); the id it had, for the rich menu call."""
    before = staff.line_user_id
    staff.line_user_id = None
    session.add(staff)
    session.execute(delete(StaffLinkCode).where(col(StaffLinkCode.staff_id) == staff.id))
    return before


def staff_of_line(line_user_id: str | None, *, session: Session) -> Staff | None:
    """The active staff member this LINE account is linked to."""
    if not line_user_id:
        return None
    return session.exec(select(Staff).where(col(Staff.line_user_id) == line_user_id,
                                            col(Staff.active).is_(True))).first()


def masked_line_id(line_user_id: str | None) -> str:
    """How a linked LINE id is shown or logged: personal data, so never in full."""
    return f"U…{line_user_id[-4:]}" if line_user_id else ""
