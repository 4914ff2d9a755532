"""The columns every kind of case has, written once: a complaint (models/complaint.py) and a corruption
report (models/corruption.py) are two tables on purpose (a corruption report is never joined into a
public query), but they live the same life (models/lifecycle.py), so they share these fields in code.

These are SQLModel mixins (not tables): each table still has its own columns, so the schema is the one
the migrations made. Text columns use `sa_type`, not `sa_column`: one Column object cannot belong to
two tables."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Text
from sqlmodel import Field, SQLModel

from models.db import utcnow
from models.enums import CaseStatus


class CaseColumns(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    ticket: str = Field(max_length=32, unique=True)
    status: str = Field(default=CaseStatus.RECEIVED, max_length=16)
    description: str = Field(sa_type=Text, nullable=False)
    contact_mode: str = Field(default="anonymous", max_length=16)  # line | given | anonymous
    # Kept so that status news reaches the citizen; who sees it is each kind's rule.
    reporter_line_id: str | None = Field(default=None, max_length=64)
    reporter_name: str = Field(default="", max_length=200)
    reporter_phone: str = Field(default="", max_length=32)
    created_at: datetime = Field(default_factory=utcnow, index=True)
    updated_at: datetime = Field(default_factory=utcnow)
    due_at: datetime | None = None
    closed_at: datetime | None = None
    last_message: str = Field(default="", sa_type=Text, nullable=False)  # what tracking shows as staff's words
    assigned_staff_id: int | None = Field(default=None, foreign_key="staff.id", index=True)


class HistoryColumns(SQLModel):
    """One change to a case: who, when, from which status to which, and the note.

    kind: created, status, message (news only), assign, note (internal, never shown to the citizen).
    `message` is what the citizen was told in LINE with this change, if anything."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow)
    actor: str = Field(max_length=80)  # "citizen", "system" or a staff username
    from_status: str | None = Field(default=None, max_length=16)
    to_status: str | None = Field(default=None, max_length=16)
    note: str = Field(default="", sa_type=Text, nullable=False)
    kind: str = Field(default="status", max_length=16)
    message: str = Field(default="", sa_type=Text, nullable=False)
    staff_id: int | None = Field(default=None, foreign_key="staff.id")
