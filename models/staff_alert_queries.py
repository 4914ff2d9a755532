"""Who is alerted to a new case, and what the morning digest lists (bot/runtime/staff_alerts.py, digest.py).

Only staff who linked their LINE account and are active are ever pushed to. A complaint goes to the
officers and admins of its division (those who may act on it, bot/admin/permissions.py); one without a
division, to the linked admins (only they see it). A corruption report goes to integrity staff only.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlmodel import Session, col
from sqlmodel import select as select_rows

from models.complaint import Case, Category
from models.corruption import CorruptionReport
from models.enums import OPEN_STATUSES, CaseStatus
from models.inquiry import Inquiry, InquiryStatus
from models.staff import Role, Staff

TOP = 5  # tickets named per list in the digest; the rest are counted
_OPEN = [s.value for s in OPEN_STATUSES]


def linked_staff(*, session: Session) -> list[Staff]:
    """Every active staff member with a linked LINE account (a handful in a small office)."""
    stmt = select_rows(Staff).where(col(Staff.line_user_id).is_not(None), col(Staff.active).is_(True)).order_by(col(Staff.id))
    return list(session.exec(stmt))


def handles_cases(staff: Staff) -> bool:
    return staff.has_role(Role.OFFICER, Role.ADMIN)


def case_recipients(division_id: int | None, *, session: Session) -> list[Staff]:
    """Officers and admins of the division; for a case without one, every linked admin."""
    if division_id is None:
        return [s for s in linked_staff(session=session) if s.has_role(Role.ADMIN)]
    return [s for s in linked_staff(session=session) if handles_cases(s) and s.division_id == division_id]


def integrity_recipients(usernames: tuple[str, ...], *, session: Session) -> list[Staff]:
    """Linked integrity staff, only those named when `usernames` names any. Holding the role is
    required either way: a setting cannot make someone a reader of corruption reports."""
    found = [s for s in linked_staff(session=session) if s.has_role(Role.INTEGRITY)]
    return [s for s in found if s.username in usernames] if usernames else found


@dataclass
class CaseLine:
    ticket: str
    category: str
    since: datetime  # received (waiting) or due (overdue)


@dataclass
class Digest:
    """What one staff member's morning push lists. Empty (nothing to say): no push at all."""

    overdue: int = 0
    overdue_top: list[CaseLine] = field(default_factory=list)
    waiting: int = 0  # received, not yet late, nobody has taken it (also the cases not alerted: quota)
    waiting_top: list[CaseLine] = field(default_factory=list)
    inquiries: int = 0
    oldest_inquiry: datetime | None = None
    corruption_open: int | None = None  # integrity staff only; counts, never a report's content
    corruption_overdue: int = 0

    def empty(self) -> bool:
        return not (self.overdue or self.waiting or self.inquiries or self.corruption_open)


def _cases(where: list, order, *, session: Session) -> tuple[int, list[CaseLine]]:
    count = session.execute(select(func.count()).select_from(Case).where(*where)).scalar_one()
    since = col(Case.due_at) if order == "due" else col(Case.created_at)
    stmt = (select(col(Case.ticket), col(Category.name), since).outerjoin(Category, col(Category.id) == Case.category_id)
            .where(*where).order_by(since, col(Case.id)).limit(TOP))
    return count, [CaseLine(t, c or "", s) for t, c, s in session.execute(stmt) if s is not None]


def division_digest(division_id: int | None, now: datetime, *, session: Session) -> Digest:
    """A division's overdue and not-yet-taken cases (None: every division), and the inquiries
    waiting for staff (the municipality's, not a division's: any officer may answer them)."""
    scope = [col(Case.division_id) == division_id] if division_id is not None else []
    d = Digest()
    d.overdue, d.overdue_top = _cases([*scope, col(Case.status).in_(_OPEN), col(Case.due_at) < now], "due",
                                      session=session)
    not_late = or_(col(Case.due_at).is_(None), col(Case.due_at) >= now)  # each case in one list only
    d.waiting, d.waiting_top = _cases([*scope, col(Case.status) == CaseStatus.RECEIVED, not_late], "created",
                                      session=session)
    d.inquiries, d.oldest_inquiry = session.execute(
        select(func.count(), func.min(col(Inquiry.asked_at))).where(col(Inquiry.status) == InquiryStatus.PENDING)).one()
    return d


def corruption_figures(now: datetime, *, session: Session) -> tuple[int, int]:
    """(open, overdue) corruption reports: numbers only."""
    is_open = col(CorruptionReport.status).in_(_OPEN)
    opened = session.execute(select(func.count()).select_from(CorruptionReport).where(is_open)).scalar_one()
    late = session.execute(select(func.count()).select_from(CorruptionReport)
                           .where(is_open, col(CorruptionReport.due_at) < now)).scalar_one()
    return opened, late
