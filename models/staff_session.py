"""Staff sign-in sessions, kept in the database so that they can be ended.

The browser's cookie carries only a random token; the table keeps its SHA-256, so a copy of the
table cannot be replayed as cookies. A session ends when its owner logs out, when it has been idle
or alive too long, and all of a person's sessions end when their password, roles or active state
change. The corruption page's "show the reporter once" is kept here too: a copied cookie cannot
show it again."""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import Index, delete, select, update
from sqlmodel import Field, Session, SQLModel, col

from models.db import as_aware, id_of, utcnow

# last_seen is written at most this often: not one write per page view, and the idle limit is hours.
TOUCH_EVERY = timedelta(minutes=1)


class StaffSession(SQLModel, table=True):
    __tablename__ = "staff_session"
    __table_args__ = (Index("ix_staff_session_staff", "staff_id", "revoked_at"),)

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    staff_id: int = Field(foreign_key="staff.id")
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)
    ip: str = Field(default="", max_length=64)
    user_agent: str = Field(default="", max_length=255)
    revoked_at: datetime | None = None
    reveal_ticket: str | None = Field(default=None, max_length=32)  # the one reporter shown on the next view


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(staff_id: int, *, session: Session, ip: str = "", user_agent: str = "") -> tuple[str, int]:
    """A new session for this person: (the token for the cookie, never stored as such; its row id)."""
    token = secrets.token_urlsafe(32)
    row = StaffSession(token_hash=_digest(token), staff_id=staff_id, ip=ip[:64], user_agent=user_agent[:255])
    session.add(row)
    session.flush()
    return token, id_of(row)


def live_session(token: str, *, session: Session, idle: timedelta, lifetime: timedelta) -> StaffSession | None:
    """The session of this token if it has not ended, been idle longer than `idle` or lived longer
    than `lifetime`. Reads only: see needs_touch."""
    if not token or len(token) > 100:
        return None
    row = session.execute(_by_token(token)).scalars().first()
    now = utcnow()
    if (row is None or row.revoked_at is not None or as_aware(row.created_at) + lifetime <= now
            or as_aware(row.last_seen_at) + idle <= now):
        return None
    return row


def needs_touch(row: StaffSession) -> bool:
    """Whether last_seen is old enough to write again (a page view is mostly a read)."""
    return as_aware(row.last_seen_at) + TOUCH_EVERY <= utcnow()


def touch(session_id: int, *, session: Session) -> None:
    session.exec(update(StaffSession).where(col(StaffSession.id) == session_id).values(last_seen_at=utcnow()))


def _by_token(token: str):
    return select(StaffSession).where(col(StaffSession.token_hash) == _digest(token))


def end_session(session_id: int, *, session: Session) -> None:
    session.exec(update(StaffSession).where(col(StaffSession.id) == session_id, col(StaffSession.revoked_at).is_(None))
                 .values(revoked_at=utcnow(), reveal_ticket=None))


def end_all_sessions(staff_id: int, *, session: Session, keep: int | None = None) -> None:
    """Every open session of this person ends (a password, role or active-state change), except
    `keep`: the session of the person making the change to their own account."""
    stmt = update(StaffSession).where(col(StaffSession.staff_id) == staff_id, col(StaffSession.revoked_at).is_(None))
    if keep is not None:
        stmt = stmt.where(col(StaffSession.id) != keep)
    session.exec(stmt.values(revoked_at=utcnow(), reveal_ticket=None))


def forget_old_sessions(*, session: Session, older_than: timedelta) -> None:
    """Sessions that started before now - older_than are over anyway; their rows go."""
    session.exec(delete(StaffSession).where(col(StaffSession.created_at) < utcnow() - older_than))


def allow_reveal(session_id: int, ticket: str, *, session: Session) -> None:
    """The next view of `ticket` in this session shows its reporter (after a logged reveal)."""
    session.exec(update(StaffSession).where(col(StaffSession.id) == session_id).values(reveal_ticket=ticket))


def take_reveal(session_id: int, ticket: str, *, session: Session) -> bool:
    """Whether this view may show the reporter of `ticket`: true once per logged reveal. One
    conditional UPDATE, so two requests at once cannot both take it."""
    result = session.exec(update(StaffSession)
                          .where(col(StaffSession.id) == session_id, col(StaffSession.reveal_ticket) == ticket,
                                 col(StaffSession.revoked_at).is_(None))
                          .values(reveal_ticket=None))
    return result.rowcount == 1
