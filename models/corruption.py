"""Corruption and misconduct reports: a table of their own, never joined into public queries."""
from __future__ import annotations

from sqlalchemy import Index, Text
from sqlmodel import Field, Session, col, select

from models.case_base import CaseColumns, HistoryColumns


class CorruptionReport(CaseColumns, table=True):
    """A corruption report: the shared columns (models/case_base.py) and whom it is about. Its reporter
    (LINE id, name, phone) is shown to no one without a logged reveal (bot/admin/corruption.py)."""

    __tablename__ = "corruption_report"
    __table_args__ = (Index("ix_corruption_report_reporter_line_id", "reporter_line_id"),)
    accused: str = Field(default="", sa_type=Text, nullable=False)


class CorruptionHistory(HistoryColumns, table=True):
    __tablename__ = "corruption_history"
    report_id: int = Field(foreign_key="corruption_report.id", index=True)


def report_by_ticket(ticket: str, *, session: Session) -> CorruptionReport | None:
    stmt = select(CorruptionReport).where(CorruptionReport.ticket == ticket)
    return session.exec(stmt).first()


def reports_of_reporter(line_id: str, limit: int, *, session: Session) -> list[CorruptionReport]:
    stmt = (select(CorruptionReport).where(CorruptionReport.reporter_line_id == line_id)
            .order_by(col(CorruptionReport.created_at).desc()).limit(limit))
    return list(session.exec(stmt))
