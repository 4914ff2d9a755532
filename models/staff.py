"""Staff accounts and their roles; passwords are stored only as strong hashes."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlmodel import Field, Session, SQLModel
from werkzeug.security import check_password_hash, generate_password_hash

from models.db import as_aware, utcnow

ROLES = ("admin", "officer", "executive", "integrity")
MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
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
    failed_logins: int = 0
    locked_until: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    last_login_at: datetime | None = None

    def role_set(self) -> frozenset[str]:
        return frozenset(self.roles.split())

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_set() & set(roles))


def create_staff(username: str, password: str, roles: list[str], *, session: Session,
                 division_id: int | None = None, display_name: str = "") -> Staff:
    unknown = set(roles) - set(ROLES)
    if unknown or not roles:
        raise ValueError(f"unknown role(s): {', '.join(sorted(unknown)) or '(none)'}")
    if len(password) < 10:
        raise ValueError("password must be at least 10 characters")
    staff = Staff(username=username.strip().lower(), display_name=display_name or username,
                  password_hash=generate_password_hash(password), roles=" ".join(sorted(set(roles))),
                  division_id=division_id)
    session.add(staff)
    session.flush()
    return staff


def staff_by_username(username: str, *, session: Session) -> Staff | None:
    stmt = select(Staff).where(Staff.username == username.strip().lower())
    return session.exec(stmt).scalars().first()  # type: ignore[call-overload]


def authenticate(username: str, password: str, *, session: Session) -> tuple[Staff | None, str]:
    """(staff, "") on success, else (None, reason) with reason "bad" or "locked".
    Repeated failures lock the account for a while, whoever tries."""
    staff = staff_by_username(username, session=session)
    if staff is None or not staff.active:
        check_password_hash(_DUMMY_HASH, password)
        return None, "bad"
    now = utcnow()
    locked = as_aware(staff.locked_until)
    if locked and locked > now:
        return None, "locked"
    if not check_password_hash(staff.password_hash, password):
        staff.failed_logins += 1
        if staff.failed_logins >= MAX_FAILED_LOGINS:
            staff.locked_until, staff.failed_logins = now + LOCKOUT, 0
        session.add(staff)
        return None, "bad"
    staff.failed_logins, staff.locked_until, staff.last_login_at = 0, None, now
    session.add(staff)
    return staff, ""


def set_password(staff: Staff, password: str, *, session: Session) -> None:
    if len(password) < 10:
        raise ValueError("password must be at least 10 characters")
    staff.password_hash = generate_password_hash(password)
    session.add(staff)
