"""Corruption reports in the admin view: the list and one report's parts (the changes staff make are
models/lifecycle.py's, as for every kind of case).

Every function here is for integrity staff only; the role check is the caller's (bot/admin/corruption.py).
"""
from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session, col

from models.corruption import CorruptionHistory, CorruptionReport
from models.enums import OPEN_STATUSES, MediaStatus
from models.lifecycle import can_handle_corruption
from models.media import Media
from models.staff import Staff

PAGE_SIZE = 50
EVIDENCE = "corruption"  # Media.purpose of a report's evidence


def list_reports(*, session: Session, status: str = "", page: int = 1,
                 per_page: int = PAGE_SIZE) -> tuple[list[tuple[CorruptionReport, Staff | None]], bool]:
    """One page of reports, newest first, with the assignee; and whether a next page exists."""
    stmt = select(CorruptionReport, Staff).outerjoin(Staff, col(Staff.id) == col(CorruptionReport.assigned_staff_id))
    if status == "open":
        stmt = stmt.where(col(CorruptionReport.status).in_([s.value for s in OPEN_STATUSES]))
    elif status:
        stmt = stmt.where(col(CorruptionReport.status) == status)
    stmt = (stmt.order_by(col(CorruptionReport.created_at).desc(), col(CorruptionReport.id).desc())
            .offset((max(page, 1) - 1) * per_page).limit(per_page + 1))
    rows = [(r, s) for r, s in session.execute(stmt).all()]
    return rows[:per_page], len(rows) > per_page


def status_counts(*, session: Session) -> dict[str, int]:
    stmt = select(col(CorruptionReport.status), func.count()).group_by(CorruptionReport.status)
    return {status: n for status, n in session.execute(stmt).all()}


def history_of(report_id: int, *, session: Session) -> list[CorruptionHistory]:
    stmt = (select(CorruptionHistory).where(col(CorruptionHistory.report_id) == report_id)
            .order_by(col(CorruptionHistory.at), col(CorruptionHistory.id)))
    return list(session.execute(stmt).scalars())


def evidence_of(report_id: int, *, session: Session) -> list[Media]:
    stmt = select(Media).where(col(Media.report_id) == report_id, col(Media.purpose) == EVIDENCE).order_by(col(Media.id))
    return list(session.execute(stmt).scalars())


def evidence_file(media_id: int, *, session: Session) -> Media | None:
    """A stored photo that is evidence of a report; None for anything else (a complaint's photo too)."""
    m = session.get(Media, media_id)
    if m is None or m.purpose != EVIDENCE or m.report_id is None or m.status != MediaStatus.STORED or not m.path:
        return None
    return m


def integrity_staff(*, session: Session) -> list[Staff]:
    """Staff who may be given corruption reports (roles are few, so filtered here, not in SQL)."""
    stmt = select(Staff).where(col(Staff.active).is_(True)).order_by(Staff.display_name, col(Staff.id))
    return [s for s in session.execute(stmt).scalars() if can_handle_corruption(s)]
