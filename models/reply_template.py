"""Saved replies (issue 13): texts staff pick when telling a citizen about a case, per category.

Managed by admins (bot/admin/templates.py); picked on the case page and in the staff's LINE chat.
A template without a category fits every category.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text, or_
from sqlmodel import Field, Session, SQLModel, col, select

from models.db import utcnow

MAX_TITLE, MAX_BODY = 20, 1000  # a title is a LINE quick reply's label (20); a body one short message


class ReplyTemplate(SQLModel, table=True):
    __tablename__ = "reply_template"

    id: int | None = Field(default=None, primary_key=True)
    category_id: int | None = Field(default=None, foreign_key="category.id", index=True)
    title: str = Field(max_length=MAX_TITLE)
    body: str = Field(sa_column=Column(Text, nullable=False))
    active: bool = True
    sort_order: int = 0
    created_at: datetime = Field(default_factory=utcnow)


def templates_for(category_id: int | None, *, session: Session, limit: int = 50) -> list[ReplyTemplate]:
    """Active templates for a case of this category (its own, then those for every category)."""
    stmt = select(ReplyTemplate).where(col(ReplyTemplate.active).is_(True), or_(
        col(ReplyTemplate.category_id).is_(None), col(ReplyTemplate.category_id) == category_id))
    rows = session.exec(stmt.order_by(col(ReplyTemplate.category_id).is_(None), col(ReplyTemplate.sort_order),
                                      col(ReplyTemplate.id)).limit(limit)).all()
    return list(rows)
