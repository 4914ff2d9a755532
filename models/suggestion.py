"""Suggestions (ITA indicator 8): ideas for better work or services and what was done with them.

The "you said, we did" list is the suggestions with an action recorded and `public` set.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

from models.db import utcnow


class SuggestionStatus:
    RECEIVED = "received"  # รับข้อเสนอแล้ว
    CONSIDERING = "considering"  # อยู่ระหว่างพิจารณา
    DONE = "done"  # นำไปปรับปรุงแล้ว (an action is recorded)
    NOT_ADOPTED = "not_adopted"  # ยังไม่สามารถดำเนินการได้ (with the reason in `action`)


class Suggestion(SQLModel, table=True):
    __tablename__ = "suggestion"
    __table_args__ = (Index("ix_suggestion_created", "created_at"), Index("ix_suggestion_status", "status", "created_at"))
    id: int | None = Field(default=None, primary_key=True)
    ticket: str = Field(max_length=32, unique=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    topic: str = Field(default="", max_length=100)  # staff's short heading for the "you said" list
    line_user_id: str | None = Field(default=None, max_length=64, index=True)
    status: str = Field(default=SuggestionStatus.RECEIVED, max_length=16)
    action: str = Field(default="", sa_column=Column(Text, nullable=False))  # "we did": told to the citizen
    action_at: datetime | None = None
    action_by: int | None = Field(default=None, foreign_key="staff.id")
    public: bool = True  # listed in "you said, we did" (staff may leave out a private matter)
    channel: str = Field(default="line", max_length=16)
    created_at: datetime = Field(default_factory=utcnow)
