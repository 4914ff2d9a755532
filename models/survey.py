"""Satisfaction surveys (ITA indicators 6-8): services, versioned questions, responses and answers.

Questions are data. Editing a question's wording makes a new version (a new row) and retires the old
one, so every stored answer keeps pointing at the words the citizen actually saw.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.db import utcnow

SCALE_FOUR = "four"  # the ITA's มากที่สุด / มาก / น้อย / น้อยที่สุด, stored as 4..1
SCALE_STARS = "stars"  # 1..5 stars
SCALE_MAX = {SCALE_FOUR: 4, SCALE_STARS: 5}


class SurveyService(SQLModel, table=True):
    """A service a citizen may rate at any time (the list is configurable); `for_cases` marks the
    service that a resolved complaint's survey is about."""

    __tablename__ = "survey_service"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    sort_order: int = 0
    active: bool = True
    for_cases: bool = False


class SurveyQuestion(SQLModel, table=True):
    """One question, one version. `key` names the question across versions (its theme);
    `indicator` is the ITA indicator (6, 7 or 8) its answers count towards in the score estimate."""

    __tablename__ = "survey_question"
    __table_args__ = (UniqueConstraint("key", "version", name="uq_survey_question_version"),)
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=40, index=True)
    version: int = 1
    text: str = Field(sa_column=Column(Text, nullable=False))
    short: str = Field(default="", max_length=60)  # a few words for charts and tables
    scale: str = Field(default=SCALE_FOUR, max_length=8)
    indicator: int = 6
    sort_order: int = 0
    active: bool = True  # the current version of an active question
    created_at: datetime = Field(default_factory=utcnow)
    retired_at: datetime | None = None


class SurveyResponse(SQLModel, table=True):
    """One filled-in survey. `case_id` is set for a survey about a resolved complaint: one per case."""

    __tablename__ = "survey_response"
    __table_args__ = (Index("ix_survey_response_created", "created_at"),)
    id: int | None = Field(default=None, primary_key=True)
    service_id: int | None = Field(default=None, foreign_key="survey_service.id", index=True)
    case_id: int | None = Field(default=None, foreign_key="complaint.id", unique=True)
    line_user_id: str | None = Field(default=None, max_length=64, index=True)
    channel: str = Field(default="line", max_length=16)
    comment: str = Field(default="", sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    commented_at: datetime | None = None


class SurveyAnswer(SQLModel, table=True):
    """One tap: the value on the question's own scale (4..1 or 1..5 stars)."""

    __tablename__ = "survey_answer"
    __table_args__ = (UniqueConstraint("response_id", "question_id", name="uq_survey_answer_question"),
                      Index("ix_survey_answer_question", "question_id", "value"))
    id: int | None = Field(default=None, primary_key=True)
    response_id: int = Field(foreign_key="survey_response.id", index=True)
    question_id: int = Field(foreign_key="survey_question.id")
    value: int
