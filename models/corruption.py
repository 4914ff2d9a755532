"""Corruption and misconduct reports: a table of their own, never joined into public queries."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text, select
from sqlmodel import Field, Session, SQLModel

from models.db import utcnow
from models.enums import CaseStatus


class CorruptionReport(SQLModel, table=True):
    __tablename__ = "corruption_report"
    id: int | None = Field(default=None, primary_key=True)
    ticket: str = Field(max_length=32, unique=True)
    status: str = Field(default=CaseStatus.RECEIVED, max_length=16)
    accused: str = Field(default="", sa_column=Column(Text, nullable=False))
    description: str = Field(sa_column=Column(Text, nullable=False))
    contact_mode: str = Field(default="anonymous", max_length=16)  # anonymous | given
    # Kept only so that status news reaches the reporter; shown to no one without a logged reveal.
    reporter_line_id: str | None = Field(default=None, max_length=64, index=True)
    reporter_name: str = Field(default="", max_length=200)
    reporter_phone: str = Field(default="", max_length=32)
    created_at: datetime = Field(default_factory=utcnow, index=True)
    updated_at: datetime = Field(default_factory=utcnow)
    due_at: datetime | None = None
    closed_at: datetime | None = None
    last_message: str = Field(default="", sa_column=Column(Text, nullable=False))
    assigned_staff_id: int | None = Field(default=None, foreign_key="staff.id", index=True)


class CorruptionHistory(SQLModel, table=True):
    __tablename__ = "corruption_history"
    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="corruption_report.id", index=True)
    at: datetime = Field(default_factory=utcnow)
    actor: str = Field(max_length=80)
    from_status: str | None = Field(default=None, max_length=16)
    to_status: str | None = Field(default=None, max_length=16)
    note: str = Field(default="", sa_column=Column(Text, nullable=False))
    kind: str = Field(default="status", max_length=16)  # as in complaint_history
    message: str = Field(default="", sa_column=Column(Text, nullable=False))
    staff_id: int | None = Field(default=None, foreign_key="staff.id")


def report_by_ticket(ticket: str, *, session: Session) -> CorruptionReport | None:
    stmt = select(CorruptionReport).where(CorruptionReport.ticket == ticket)
    return session.exec(stmt).scalars().first()  # type: ignore[call-overload]


def reports_of_reporter(line_id: str, limit: int, *, session: Session) -> list[CorruptionReport]:
    stmt = (select(CorruptionReport).where(CorruptionReport.reporter_line_id == line_id)
            .order_by(CorruptionReport.created_at.desc()).limit(limit))  # type: ignore[union-attr]
    return list(session.exec(stmt).scalars())  # type: ignore[call-overload]
