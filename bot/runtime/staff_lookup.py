"""The staff flow's read port (handlers.staff_types.StaffLookup) over the database.

Who may see and act on what is the admin view's rule, read from bot/admin/permissions.py (can_view,
can_act, and "corruption": the integrity role only), never restated here.
"""
from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from bot.admin.permissions import can_act, can_view, may
from handlers.staff_types import StaffCase, StaffInfo, TemplateInfo
from models import complaint as cm
from models import corruption as cr
from models.complaint import Case, Category, Division
from models.corruption import CorruptionReport
from models.db import as_aware
from models.enums import OPEN_STATUSES, CaseKind
from models.reply_template import templates_for
from models.staff import Staff
from models.staff_link import staff_of_line

_OPEN = [s.value for s in OPEN_STATUSES]


class StaffDbLookup:
    """Mixed into DbLookup (bot/runtime/lookup.py): one object per event, over its read session."""

    _s: Session

    def _staff(self, user_id: str | None) -> Staff | None:
        cache: dict = self.__dict__.setdefault("_staff_cache", {})
        if user_id not in cache:
            cache[user_id] = staff_of_line(user_id, session=self._s)
        return cache[user_id]

    def staff_me(self, user_id: str | None) -> StaffInfo | None:
        staff = self._staff(user_id)
        if staff is None:
            return None
        division = self._s.get(Division, staff.division_id) if staff.division_id else None
        return StaffInfo(staff_id=staff.id or 0, name=staff.display_name or staff.username,
                         division=division.name if division else "")

    def staff_cases(self, user_id: str, which: str, limit: int = 10) -> list[StaffCase]:
        staff = self._staff(user_id)
        if staff is None:
            return []
        found: list[Any] = []
        if may(staff, "cases.act"):
            stmt = select(Case).where(col(Case.status).in_(_OPEN))
            if which == "mine":
                stmt = stmt.where(col(Case.assigned_staff_id) == staff.id)
            else:
                stmt = stmt.where(col(Case.assigned_staff_id).is_(None))
                if not may(staff, "cases.every_division.act"):
                    stmt = stmt.where(col(Case.division_id) == staff.division_id)
            found += self._s.exec(stmt.order_by(col(Case.created_at)).limit(limit)).all()
        if may(staff, "corruption"):
            mine = col(CorruptionReport.assigned_staff_id) == staff.id if which == "mine" else \
                col(CorruptionReport.assigned_staff_id).is_(None)
            found += self._s.exec(select(CorruptionReport).where(col(CorruptionReport.status).in_(_OPEN), mine)
                                  .order_by(col(CorruptionReport.created_at)).limit(limit)).all()
        found.sort(key=lambda c: c.created_at)  # the oldest first: it is the most overdue
        return [self._staff_case(c, staff) for c in found[:limit]]

    def staff_case(self, ticket: str, user_id: str) -> StaffCase | None:
        staff = self._staff(user_id)
        if staff is None:
            return None
        ticket = ticket.strip().upper()[:32]
        case = cm.case_by_ticket(ticket, session=self._s)
        if case is not None:
            return self._staff_case(case, staff) if can_view(staff, case) else None
        report = cr.report_by_ticket(ticket, session=self._s)
        if report is not None and may(staff, "corruption"):
            return self._staff_case(report, staff)
        return None  # another's case or a confidential report: as if there were none

    def staff_divisions(self, ticket: str) -> list[tuple[int, str]]:
        case = cm.case_by_ticket(ticket.strip().upper()[:32], session=self._s)
        here = case.division_id if case is not None else None
        rows = self._s.exec(select(Division).where(col(Division.active).is_(True)).order_by(col(Division.id))).all()
        return [(d.id or 0, d.name) for d in rows if d.id != here]

    def staff_templates(self, ticket: str) -> list[TemplateInfo]:
        case = cm.case_by_ticket(ticket.strip().upper()[:32], session=self._s)
        rows = templates_for(case.category_id if case else None, session=self._s)
        return [TemplateInfo(id=x.id or 0, title=x.title, body=x.body) for x in rows]

    def _staff_case(self, c: Case | CorruptionReport, staff: Staff) -> StaffCase:
        assignee = self._s.get(Staff, c.assigned_staff_id) if c.assigned_staff_id else None
        common: dict[str, Any] = dict(
            ticket=c.ticket, status=c.status, created_at=as_aware(c.created_at), due_at=as_aware(c.due_at),
            assigned=(assignee.display_name or assignee.username) if assignee else "",
            mine=c.assigned_staff_id == staff.id)
        if isinstance(c, CorruptionReport):
            return StaffCase(kind=CaseKind.CORRUPTION, category="", division="", summary="", place="",
                             may_act=may(staff, "corruption"), **common)
        category = self._s.get(Category, c.category_id) if c.category_id else None
        division = self._s.get(Division, c.division_id) if c.division_id else None
        summary = " ".join(c.description.split())
        return StaffCase(kind=CaseKind.COMPLAINT, category=category.name if category else "",
                         division=division.name if division else "",
                         summary=summary if len(summary) <= 200 else summary[:199] + "…",
                         place=c.landmark or c.location_address, may_act=can_act(staff, c), **common)
