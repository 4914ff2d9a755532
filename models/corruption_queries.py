"""Corruption reports in the admin view: the list, one report's parts, and the changes staff make.

Every function here is for integrity staff only; the role check is the caller's (bot/admin/corruption.py).
"""
from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session

from models.corruption import CorruptionHistory, CorruptionReport
from models.db import utcnow
from models.enums import CLOSED_STATUSES, OPEN_STATUSES, CaseStatus, MediaStatus, can_transition
from models.media import Media
from models.staff import Staff

PAGE_SIZE = 50
EVIDENCE = "corruption"  # Media.purpose of a report's evidence


class ChangeRefused(ValueError):
    """A change the rules do not allow; `code` names which rule (a key of the Thai text)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def list_reports(*, session: Session, status: str = "", page: int = 1,
                 per_page: int = PAGE_SIZE) -> tuple[list[tuple[CorruptionReport, Staff | None]], bool]:
    """One page of reports, newest first, with the assignee; and whether a next page exists."""
    stmt = select(CorruptionReport, Staff).outerjoin(Staff, Staff.id == CorruptionReport.assigned_staff_id)
    if status == "open":
        stmt = stmt.where(CorruptionReport.status.in_([s.value for s in OPEN_STATUSES]))  # type: ignore[attr-defined]
    elif status:
        stmt = stmt.where(CorruptionReport.status == status)
    stmt = (stmt.order_by(CorruptionReport.created_at.desc(), CorruptionReport.id.desc())  # type: ignore[union-attr]
            .offset((max(page, 1) - 1) * per_page).limit(per_page + 1))
    rows = [(r, s) for r, s in session.exec(stmt).all()]  # type: ignore[call-overload]
    return rows[:per_page], len(rows) > per_page


def status_counts(*, session: Session) -> dict[str, int]:
    stmt = select(CorruptionReport.status, func.count()).group_by(CorruptionReport.status)
    return {status: n for status, n in session.exec(stmt).all()}  # type: ignore[call-overload]


def lock_report(ticket: str, *, session: Session) -> CorruptionReport | None:
    """The report, locked for the rest of the transaction so two handlers' changes queue."""
    stmt = select(CorruptionReport).where(CorruptionReport.ticket == ticket).with_for_update()
    return session.exec(stmt).scalars().first()  # type: ignore[call-overload]


def history_of(report_id: int, *, session: Session) -> list[CorruptionHistory]:
    stmt = (select(CorruptionHistory).where(CorruptionHistory.report_id == report_id)
            .order_by(CorruptionHistory.at, CorruptionHistory.id))
    return list(session.exec(stmt).scalars())  # type: ignore[call-overload]


def evidence_of(report_id: int, *, session: Session) -> list[Media]:
    stmt = select(Media).where(Media.report_id == report_id, Media.purpose == EVIDENCE).order_by(Media.id)
    return list(session.exec(stmt).scalars())  # type: ignore[call-overload]


def evidence_file(media_id: int, *, session: Session) -> Media | None:
    """A stored photo that is evidence of a report; None for anything else (a complaint's photo too)."""
    m = session.get(Media, media_id)
    if m is None or m.purpose != EVIDENCE or m.report_id is None or m.status != MediaStatus.STORED or not m.path:
        return None
    return m


def integrity_staff(*, session: Session) -> list[Staff]:
    """Active staff who may handle corruption reports (roles are few, so filtered here, not in SQL)."""
    stmt = select(Staff).where(Staff.active.is_(True)).order_by(Staff.display_name, Staff.id)  # type: ignore[attr-defined]
    return [s for s in session.exec(stmt).scalars() if s.has_role("integrity")]  # type: ignore[call-overload]


def change_status(report: CorruptionReport, target: str, *, session: Session, actor: str, staff_id: int | None,
                  note: str = "", message: str = "") -> CorruptionHistory:
    """A status change and/or a message to the reporter, as one history row.

    `target` empty keeps the status (a message only). Raises ChangeRefused."""
    current = CaseStatus(report.status)
    new = CaseStatus(target) if target else current
    if target and not can_transition("staff", current, new):
        raise ChangeRefused("error.transition")
    if new == CaseStatus.REJECTED and target and not note.strip():
        raise ChangeRefused("error.reason")  # closing without action must say why
    if not target and not message.strip():
        raise ChangeRefused("error.nothing")
    now = utcnow()
    if target:
        report.status = new
        report.closed_at = now if new in CLOSED_STATUSES else None  # reopened: no longer closed
    if message.strip():
        report.last_message = message.strip()  # what tracking in LINE shows as the staff's message
    report.updated_at = now
    session.add(report)
    row = CorruptionHistory(report_id=report.id, at=now, actor=actor, staff_id=staff_id,  # type: ignore[arg-type]
                            from_status=current if target else None, to_status=new if target else None,
                            note=note.strip(), message=message.strip(), kind="status" if target else "message")
    session.add(row)
    return row


def add_note(report: CorruptionReport, note: str, *, session: Session, actor: str,
             staff_id: int | None) -> CorruptionHistory:
    if not note.strip():
        raise ChangeRefused("error.note_empty")
    row = CorruptionHistory(report_id=report.id, actor=actor, staff_id=staff_id, kind="note",  # type: ignore[arg-type]
                            note=note.strip())
    session.add(row)
    return row


def assign(report: CorruptionReport, assignee: Staff | None, *, session: Session, actor: str,
           staff_id: int | None) -> CorruptionHistory:
    """Give the report to an integrity staff member (None: to nobody)."""
    if assignee is not None and (not assignee.active or not assignee.has_role("integrity")):
        raise ChangeRefused("error.assignee")
    report.assigned_staff_id = assignee.id if assignee else None
    report.updated_at = utcnow()
    session.add(report)
    row = CorruptionHistory(report_id=report.id, actor=actor, staff_id=staff_id, kind="assign",  # type: ignore[arg-type]
                            note=(assignee.display_name or assignee.username) if assignee else "")
    session.add(row)
    return row
