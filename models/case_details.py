"""What a complaint's page shows: its category, division, assignee, history and photos, and whom it can
be assigned to. What staff do there is models/lifecycle.py."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from models.complaint import Case, CaseHistory, Category, Division
from models.enums import MediaStatus
from models.lifecycle import can_be_assigned, staff_name
from models.media import Media
from models.staff import Staff


def assignees(division_id: int | None, *, session: Session) -> list[Staff]:
    """The people the case page offers: those who can be assigned, of the case's division only
    (to hand a case to someone elsewhere, assign it to that division first). By display name."""
    if division_id is None:
        return []
    rows = session.exec(select(Staff).where(col(Staff.active).is_(True), col(Staff.division_id) == division_id)
                        .order_by(col(Staff.display_name), col(Staff.username)))
    return [p for p in rows if can_be_assigned(p)]


@dataclass
class CaseDetails:
    category: str
    division: str
    assignee: str
    history: list[tuple[CaseHistory, str]]  # oldest first, with the staff member's display name
    photos: list[int]  # ids of the citizen's stored photos (also sent when reopening), for /admin/media/<id>
    photos_waiting: int  # still being fetched from LINE
    after_photos: list[int]  # staff's after-photos (what the citizen was shown of the work done)
    divisions: list[Division]  # for the assignment form
    people: list[Staff]


def case_details(case: Case, *, session: Session) -> CaseDetails:
    def name(model: Any, ident: int | None, attr: str = "name") -> str:
        row = session.get(model, ident) if ident else None
        return getattr(row, attr) if row is not None else ""

    history = session.exec(select(CaseHistory, Staff.display_name)
                           .outerjoin(Staff, col(Staff.id) == CaseHistory.staff_id)
                           .where(CaseHistory.case_id == case.id)
                           .order_by(col(CaseHistory.at), col(CaseHistory.id))).all()
    media = session.exec(select(col(Media.id), Media.status, Media.purpose)
                         .where(Media.case_id == case.id, col(Media.purpose).in_(("complaint", "reopen", "after")),
                                col(Media.report_id).is_(None)).order_by(col(Media.id))).all()
    people = assignees(case.division_id, session=session)
    return CaseDetails(
        category=name(Category, case.category_id), division=name(Division, case.division_id),
        assignee=staff_name(assigned) if (assigned := session.get(Staff, case.assigned_staff_id)
                                          if case.assigned_staff_id else None) else "",
        history=[(h, who or "") for h, who in history],
        photos=[i for i, st, p in media if st == MediaStatus.STORED and i is not None and p != "after"],
        photos_waiting=sum(1 for _, st, _p in media if st == MediaStatus.PENDING),
        after_photos=[i for i, st, p in media if st == MediaStatus.STORED and i is not None and p == "after"],
        divisions=list(session.exec(select(Division).where(col(Division.active).is_(True))
                                    .order_by(col(Division.id)))),
        people=people)
