"""What the municipality's own cases teach the text model: the category a citizen confirmed for their
complaint, and the category staff corrected it to (`flask nlu train --with-cases` learns from them).

The text is the case's description, read at training time rather than copied here, so that the privacy
purge, which masks a finished case's personal data, masks it for training too.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, select
from sqlmodel import Field, Session, SQLModel, col

from models.complaint import Case, Category
from models.db import utcnow

SOURCES = ("citizen", "staff")


class CategoryLabel(SQLModel, table=True):
    __tablename__ = "category_label"
    __table_args__ = (Index("ix_category_label_case", "case_id", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="complaint.id")
    category_id: int = Field(foreign_key="category.id")
    source: str = Field(max_length=8)  # citizen: confirmed in the chat; staff: corrected in /admin/
    created_at: datetime = Field(default_factory=utcnow)


def record(case_id: int, category_id: int | None, source: str, *, session: Session) -> None:
    """Remember a category given to a case (nothing when the case has none)."""
    if category_id is not None and source in SOURCES:
        session.add(CategoryLabel(case_id=case_id, category_id=category_id, source=source))


def labelled_cases(*, session: Session) -> list[tuple[int, str, str]]:
    """(case id, description, category name) per labelled case, by its latest label (a staff correction
    made after the citizen's confirmation wins)."""
    rows = session.execute(
        select(col(CategoryLabel.case_id), col(Case.description), col(Category.name))
        .join(Case, col(Case.id) == CategoryLabel.case_id)
        .join(Category, col(Category.id) == CategoryLabel.category_id)
        .order_by(col(CategoryLabel.case_id), col(CategoryLabel.id))).all()
    latest = {case_id: (description, name) for case_id, description, name in rows}
    return [(case_id, d, n) for case_id, (d, n) in latest.items() if (d or "").strip()]
