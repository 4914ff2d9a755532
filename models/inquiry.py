"""Inquiries (ITA indicator 7): the FAQ the bot answers from, and every question a citizen asked.

An inquiry answered from the FAQ is recorded too (status "faq"), with whether the citizen said it
did not help; one the FAQ could not answer waits for staff ("pending") until answered in LINE.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

from models.db import utcnow


class InquiryStatus:
    FAQ = "faq"  # answered at once from the FAQ
    PENDING = "pending"  # waiting for staff (no good match, or the FAQ answer did not help)
    ANSWERED = "answered"  # staff answered; the answer went out in LINE
    CLOSED = "closed"  # closed by staff without an answer (spam, duplicate), with a note


class Faq(SQLModel, table=True):
    """A question and its answer. `sample` marks the starter entries the municipality must review."""

    __tablename__ = "faq"
    id: int | None = Field(default=None, primary_key=True)
    topic: str = Field(default="", max_length=100)
    question: str = Field(sa_column=Column(Text, nullable=False))
    answer: str = Field(sa_column=Column(Text, nullable=False))
    keywords: str = Field(default="", sa_column=Column(Text, nullable=False))  # extra words, one per line
    sample: bool = True
    active: bool = True
    sort_order: int = 0
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by: int | None = Field(default=None, foreign_key="staff.id")


class Inquiry(SQLModel, table=True):
    __tablename__ = "inquiry"
    # answered_at in the status index: the ITA answer times' median reads a year's answered inquiries
    # from the index alone (migration 0016).
    __table_args__ = (Index("ix_inquiry_status_asked_answered", "status", "asked_at", "answered_at"),
                      Index("ix_inquiry_asked", "asked_at"))
    id: int | None = Field(default=None, primary_key=True)
    line_user_id: str | None = Field(default=None, max_length=64, index=True)
    question: str = Field(sa_column=Column(Text, nullable=False))
    status: str = Field(default=InquiryStatus.PENDING, max_length=16)
    faq_id: int | None = Field(default=None, foreign_key="faq.id", index=True)  # the FAQ entry offered
    score: float | None = None  # the match's confidence, 0..1
    helpful: bool | None = None  # None: the citizen said nothing; False: "did not help"
    answer: str = Field(default="", sa_column=Column(Text, nullable=False))  # the staff answer
    asked_at: datetime = Field(default_factory=utcnow)
    answered_at: datetime | None = None  # FAQ: when matched; staff: when their answer was sent
    answered_by: int | None = Field(default=None, foreign_key="staff.id")
    channel: str = Field(default="line", max_length=16)
