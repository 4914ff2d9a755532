"""Divisions, categories (each routed to a division), complaint cases and their history."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Column, Index, Text, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, SQLModel, col, select

from models.case_base import CaseColumns, HistoryColumns
from models.enums import DEADLINE_DAYS


class Division(SQLModel, table=True):
    __tablename__ = "division"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    active: bool = True


class Category(SQLModel, table=True):
    """A complaint category; `division_id` is where its cases go first (routing is data)."""

    __tablename__ = "category"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    division_id: int | None = Field(default=None, foreign_key="division.id")
    keywords: str = Field(default="", sa_column=Column(Text, nullable=False))  # one per line
    sort_order: int = 0
    active: bool = True


class Case(CaseColumns, table=True):
    """A public complaint (ร้องเรียน-ร้องทุกข์)."""

    __tablename__ = "complaint"
    __table_args__ = (
        Index("ix_complaint_status_created", "status", "created_at"),
        Index("ix_complaint_reporter", "reporter_line_id", "created_at"),
        # The staff queue (models/case_queries.py, migration 0003) with a million cases: per filter,
        # (filter, created_at) reads a page in order and (filter, status, …) counts the status tabs.
        Index("ix_complaint_division_created", "division_id", "created_at"),
        Index("ix_complaint_division_status", "division_id", "status", "created_at"),
        Index("ix_complaint_category_created", "category_id", "created_at"),
        Index("ix_complaint_category_status", "category_id", "status", "created_at"),
        Index("ix_complaint_status_due", "status", "due_at"),
        # The follow-up question (bot/runtime/followup.py): resolved cases by when they were resolved.
        Index("ix_complaint_status_closed", "status", "closed_at"),
        # The ITA workbook's raw rows (models/stats_rows.py): every column it reads, in its order, so a
        # year's million rows are one index scan without reading the wide rows (migration 0015); and
        # reopened_count, for the same of the reopened share (models/stats_reopen.py).
        Index("ix_complaint_raw_row", "created_at", "id", "ticket", "received_day", "closed_day", "category_id",
              "division_id", "status", "handling_days", "on_time", "reopened_count"),
    )

    # The shared columns (id, ticket, status, description, reporter, dates, assignee) are CaseColumns'.
    category_id: int | None = Field(default=None, foreign_key="category.id", index=True)
    division_id: int | None = Field(default=None, foreign_key="division.id", index=True)
    landmark: str = Field(default="", max_length=500)
    latitude: float | None = None
    longitude: float | None = None
    location_title: str = Field(default="", max_length=200)
    location_address: str = Field(default="", max_length=500)
    channel: str = Field(default="line", max_length=16)
    # The result told back (migration 0010): how often the citizen said "not fixed yet" and it was
    # reopened; when they said it is fixed; when the one "has it been fixed?" push was queued. The
    # last two are per resolution: a reopen clears them.
    reopened_count: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    citizen_confirmed_at: datetime | None = None
    followup_sent_at: datetime | None = None
    # Set by the database's triggers, never by the application (models/case_row.py, migration 0015).
    received_day: int | None = None
    closed_day: int | None = None
    handling_days: float | None = None
    on_time: int | None = None


class CaseHistory(HistoryColumns, table=True):
    """Every change to a complaint (the columns: models/case_base.py)."""

    __tablename__ = "complaint_history"
    case_id: int = Field(foreign_key="complaint.id", index=True)


class TicketCounter(SQLModel, table=True):
    """The last sequence number used per prefix and month: ticket numbers are never reused."""

    __tablename__ = "ticket_counter"
    key: str = Field(primary_key=True, max_length=32)
    last: int = 0


def next_ticket(prefix: str, period: str, *, session: Session) -> str:
    """`prefix` + `period` (YYMM, Buddhist era) + "-" + a sequence of at least four digits."""
    key = f"{prefix}{period}"
    for _ in range(3):
        res = session.exec(update(TicketCounter).where(col(TicketCounter.key) == key)
                           .values(last=col(TicketCounter.last) + 1).returning(col(TicketCounter.last)))
        value = res.scalar_one_or_none()
        if value is not None:
            return f"{key}-{value:04d}"
        try:
            with session.begin_nested():
                session.add(TicketCounter(key=key, last=1))
            return f"{key}-0001"
        except IntegrityError:
            continue  # another transaction created it first: take the next number from it
    raise RuntimeError("could not allocate a ticket number")


def due_date(created: datetime) -> datetime:
    return created + timedelta(days=DEADLINE_DAYS)


def case_by_ticket(ticket: str, *, session: Session) -> Case | None:
    return session.exec(select(Case).where(Case.ticket == ticket)).first()


def cases_of_reporter(line_id: str, limit: int, *, session: Session) -> list[Case]:
    stmt = (select(Case).where(Case.reporter_line_id == line_id)
            .order_by(col(Case.created_at).desc()).limit(limit))
    return list(session.exec(stmt))


def active_categories(*, session: Session) -> list[tuple[Category, Division | None]]:
    stmt = (select(Category, Division).outerjoin(Division, col(Division.id) == Category.division_id)
            .where(col(Category.active).is_(True)).order_by(col(Category.sort_order), col(Category.id)))
    return [(c, d) for c, d in session.exec(stmt).all()]
