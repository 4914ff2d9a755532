"""Who viewed personal data and who changed what: an append-only log."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, Session, SQLModel, col, select

from models.db import utcnow


class AuditLog(SQLModel, table=True):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_target", "target_kind", "target_id"), Index("ix_audit_at", "at"))

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow)
    staff_id: int | None = Field(default=None, foreign_key="staff.id")
    username: str = Field(default="", max_length=64)  # kept even if the account is removed
    action: str = Field(max_length=40)  # login, login_failed, view_case, reveal_reporter, change_status ...
    target_kind: str = Field(default="", max_length=20)  # complaint, corruption, staff, category ...
    target_id: str = Field(default="", max_length=40)  # a ticket or an id
    detail: str = Field(default="", sa_column=Column(Text, nullable=False))
    ip: str = Field(default="", max_length=64)


def record(action: str, *, session: Session, staff_id: int | None = None, username: str = "",
           target_kind: str = "", target_id: str = "", detail: str = "", ip: str = "") -> AuditLog:
    row = AuditLog(action=action, staff_id=staff_id, username=username, target_kind=target_kind,
                   target_id=str(target_id), detail=detail, ip=ip)
    session.add(row)
    return row


def seen_lately(action: str, *, session: Session, staff_id: int | None, target_kind: str, target_id: str,
                within: timedelta) -> bool:
    """Whether this person already has this row for this target within the window."""
    stmt = (select(col(AuditLog.id)).where(col(AuditLog.action) == action, col(AuditLog.staff_id) == staff_id,
                                           col(AuditLog.target_kind) == target_kind,
                                           col(AuditLog.target_id) == str(target_id),
                                           col(AuditLog.at) >= utcnow() - within).limit(1))
    return session.exec(stmt).first() is not None
