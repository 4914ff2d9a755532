"""Staff accounts and their roles; passwords are stored only as strong hashes."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, Session, SQLModel, col, select
from werkzeug.security import check_password_hash, generate_password_hash

from models.db import id_of, utcnow
from models.staff_login import forget_failures, login_refusal, note_failure
from models.staff_session import end_all_sessions


class Role(StrEnum):
    """A staff member's roles (stored as their values). What each may open and do in the admin view
    is one table: bot/admin/permissions.py."""

    ADMIN = "admin"
    OFFICER = "officer"  # acts on the cases of the own division
    EXECUTIVE = "executive"  # reads everything public, acts on nothing
    INTEGRITY = "integrity"  # the only role that reads corruption reports: given and taken with care


ROLES = tuple(r.value for r in Role)  # plain strings, as stored
INTEGRITY = Role.INTEGRITY
# A hash to compare against when the username is unknown, so both paths take the same time.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


class Staff(SQLModel, table=True):
    """A person who works in the admin view. `roles` is space-separated: "admin integrity"."""

    __tablename__ = "staff"
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64, unique=True)
    display_name: str = Field(default="", max_length=200)
    password_hash: str = Field(max_length=255)
    roles: str = Field(default="officer", max_length=100)
    division_id: int | None = Field(default=None, foreign_key="division.id")
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)
    last_login_at: datetime | None = None
    # The staff member's own LINE account, once linked (issue 13: alerts and acting from LINE). Personal
    # data like a citizen's LINE id; unique, so one LINE account is one staff member.
    line_user_id: str | None = Field(default=None, max_length=64, unique=True)

    def role_set(self) -> frozenset[str]:
        return frozenset(self.roles.split())

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_set() & set(roles))


def create_staff(username: str, password: str, roles: list[str], *, session: Session,
                 division_id: int | None = None, display_name: str = "") -> Staff:
    _check_roles(roles)
    if len(password) < 10:
        raise ValueError("password must be at least 10 characters")
    staff = Staff(username=username.strip().lower(), display_name=display_name or username,
                  password_hash=generate_password_hash(password), roles=" ".join(sorted(set(roles))),
                  division_id=division_id)
    session.add(staff)
    session.flush()
    return staff


def _check_roles(roles: list[str]) -> None:
    unknown = set(roles) - set(ROLES)
    if unknown or not roles:
        raise ValueError(f"unknown role(s): {', '.join(sorted(unknown)) or '(none)'}")


def staff_by_username(username: str, *, session: Session) -> Staff | None:
    stmt = select(Staff).where(col(Staff.username) == username.strip().lower())
    return session.exec(stmt).first()


def authenticate(username: str, password: str, *, session: Session, client: str) -> tuple[Staff | None, str]:
    """(staff, "") on success, else (None, reason): "bad", "locked" (this username has failed too
    often from this client: even the right password is refused there, not from elsewhere) or
    "throttled" (this client has failed too often). An unknown username goes through the same
    steps and answers, so none of them tells whether an account exists. Two attempts at the same
    moment may both pass the count: a guess or two more, no more."""
    refusal = login_refusal(username, client, session=session)
    if refusal == "throttled":  # nothing written: a flood from one address cannot fill the tables
        return None, refusal
    if refusal:  # a refused attempt counts too: hammering a locked username keeps it locked, from there
        note_failure(username, client, session=session)
        return None, refusal
    staff = staff_by_username(username, session=session)
    if staff is None or not staff.active:
        check_password_hash(_DUMMY_HASH, password)  # the same work as a real check: the same time
        staff = None
    elif not check_password_hash(staff.password_hash, password):
        staff = None
    if staff is None:
        note_failure(username, client, session=session)
        return None, "bad"
    forget_failures(username, client=client, session=session)
    staff.last_login_at = utcnow()
    session.add(staff)
    return staff, ""


def set_password(staff: Staff, password: str, *, session: Session, keep_session: int | None = None) -> None:
    """A new password; every session of the account ends (a stolen cookie stops working), but
    `keep_session`, that of the person changing their own password."""
    if len(password) < 10:
        raise ValueError("password must be at least 10 characters")
    staff.password_hash = generate_password_hash(password)
    session.add(staff)
    end_all_sessions(id_of(staff), session=session, keep=keep_session)
    forget_failures(staff.username, session=session)  # a new password also lifts the lock


def set_roles(staff: Staff, roles: list[str], *, session: Session, keep_session: int | None = None) -> bool | None:
    """New roles; the account's sessions end when they change (a page open under the old roles
    must not go on). Returns what happened to the integrity role (integrity_change)."""
    _check_roles(roles)
    before, after = staff.role_set(), frozenset(roles)
    staff.roles = " ".join(sorted(after))
    session.add(staff)
    if before != after:
        end_all_sessions(id_of(staff), session=session, keep=keep_session)
    return integrity_change(before, after)


def integrity_change(before: frozenset[str], after: frozenset[str]) -> bool | None:
    """True when the integrity role (who reads corruption reports) is given, False when taken, None
    when neither: callers log "grant_integrity" or "revoke_integrity"."""
    if INTEGRITY in after - before:
        return True
    return False if INTEGRITY in before - after else None


def set_active(staff: Staff, active: bool, *, session: Session) -> None:
    staff.active = active
    session.add(staff)
    if not active:
        end_all_sessions(id_of(staff), session=session)
