"""What staff do to a complaint (change its status, assign it, add an internal note) and what its page shows.

Each action is one history row (who, when, what) in the caller's transaction. Telling the citizen
(the outbox) and the audit log are the caller's part, in the same transaction.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session

from models.complaint import Case, CaseHistory, Category, Division, add_history
from models.db import utcnow
from models.enums import CLOSED_STATUSES, CaseStatus, MediaStatus, can_transition
from models import nlu_label
from models.media import Media
from models.staff import Staff

MAX_TEXT = 1000  # characters of a note, reason or message: one LINE text bubble stays short


class ActionRefused(Exception):
    """The action does not apply: `reason` is a key of messages_th.admin_cases."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Actor:
    username: str
    staff_id: int | None


def allowed_targets(status: str) -> list[CaseStatus]:
    """The statuses staff may move a case to from `status`, in the enum's order."""
    return [s for s in CaseStatus if can_transition("staff", CaseStatus(status), s)]


def change_status(case: Case, target: str, actor: Actor, *, session: Session, reason: str = "",
                  message: str = "") -> CaseHistory:
    try:
        to = CaseStatus(target)
    except ValueError:
        raise ActionRefused("refused.transition") from None
    if not can_transition("staff", CaseStatus(case.status), to):
        raise ActionRefused("refused.transition")
    reason, message = reason.strip()[:MAX_TEXT], message.strip()[:MAX_TEXT]
    if to == CaseStatus.REJECTED and not reason:
        raise ActionRefused("refused.reason")
    now = utcnow()
    # The reason of a rejection is the citizen's answer too (ITA: closed "with a reason").
    told = message or (reason if to == CaseStatus.REJECTED else "")
    values = {"status": to.value, "updated_at": now, "closed_at": now if to in CLOSED_STATUSES else None}
    if told:
        values["last_message"] = told
    old = case.status
    # Conditional on the status we showed: two people acting at once cannot both win.
    res = session.exec(update(Case).where(Case.id == case.id, Case.status == old)  # type: ignore[call-overload]
                       .values(**values))
    if res.rowcount != 1:
        raise ActionRefused("refused.stale")
    for name, value in values.items():  # the object now says what the row says, without a second UPDATE
        set_committed_value(case, name, value)
    return add_history(case.id, actor.username, old, to.value, reason, session=session,  # type: ignore[arg-type]
                       kind="status", message=told, staff_id=actor.staff_id)


def assign(case: Case, actor: Actor, *, session: Session, division_id: int | None, staff_id: int | None,
           label: str, message: str = "") -> CaseHistory:
    """To a division, or to a person (whose division the case then follows, so that the person's
    division can see it). `label` is the readable "to whom" kept in the history."""
    person = session.get(Staff, staff_id) if staff_id else None
    if staff_id and not can_be_assigned(person):
        raise ActionRefused("refused.assignee")
    if person is not None and person.division_id:
        division_id = person.division_id
    if division_id and session.get(Division, division_id) is None:
        raise ActionRefused("refused.assignee")
    if not division_id and person is None:
        raise ActionRefused("refused.assignee")
    message = message.strip()[:MAX_TEXT]
    now = utcnow()
    case.division_id = division_id or case.division_id
    case.assigned_staff_id = person.id if person else None
    case.updated_at = now
    if message:
        case.last_message = message
    session.add(case)
    return add_history(case.id, actor.username, None, None, label, session=session,  # type: ignore[arg-type]
                       kind="assign", message=message, staff_id=actor.staff_id)


def recategorize(case: Case, actor: Actor, *, session: Session, category_id: int) -> CaseHistory:
    """Staff correct a case's category. The correction is also kept as a label for retraining the text
    model (models/nlu_label). The division stays: re-routing is the assignment's job."""
    category = session.get(Category, category_id)
    if category is None or not category.active or category.id == case.category_id:
        raise ActionRefused("refused.form")
    old = session.get(Category, case.category_id) if case.category_id else None
    case.category_id = category.id
    case.updated_at = utcnow()
    session.add(case)
    nlu_label.record(case.id, category.id, "staff", session=session)  # type: ignore[arg-type]
    return add_history(case.id, actor.username, None, None, f"{old.name if old else '-'} → {category.name}",  # type: ignore[arg-type]
                       session=session, kind="category", staff_id=actor.staff_id)


def add_note(case: Case, actor: Actor, text: str, *, session: Session) -> CaseHistory:
    """An internal note: never sent to the citizen, never shown in tracking."""
    text = text.strip()[:MAX_TEXT]
    if not text:
        raise ActionRefused("refused.empty")
    return add_history(case.id, actor.username, None, None, text, session=session,  # type: ignore[arg-type]
                       kind="note", staff_id=actor.staff_id)


def can_be_assigned(person: Staff | None) -> bool:
    """Who may be given a case: an active officer or admin *of a division*. The division is what
    lets a person see and act on the case (and the case follows it); an admin account without one
    (a system administrator) is not someone who goes out and fixes a street light."""
    return person is not None and person.active and person.division_id is not None \
        and person.has_role("officer", "admin")


def assignees(division_id: int | None, *, session: Session) -> list[Staff]:
    """The people the case page offers: those who can be assigned, of the case's division only
    (to hand a case to someone elsewhere, assign it to that division first). By display name."""
    if division_id is None:
        return []
    rows = session.exec(select(Staff).where(Staff.active.is_(True), Staff.division_id == division_id)  # type: ignore[call-overload, attr-defined]
                        .order_by(Staff.display_name, Staff.username)).scalars()
    return [p for p in rows if can_be_assigned(p)]


def staff_name(person: Staff) -> str:
    """How a person is shown: the display name, or the username when none was given."""
    return person.display_name or person.username


# --- one case ------------------------------------------------------------------------------------

@dataclass
class CaseDetails:
    category: str
    division: str
    assignee: str
    history: list[tuple[CaseHistory, str]]  # oldest first, with the staff member's display name
    photos: list[int]  # ids of stored photos, for /admin/media/<id>
    photos_waiting: int  # still being fetched from LINE
    divisions: list[Division]  # for the assignment form
    people: list[Staff]


def case_details(case: Case, *, session: Session) -> CaseDetails:
    def name(model: Any, ident: int | None, attr: str = "name") -> str:
        row = session.get(model, ident) if ident else None
        return getattr(row, attr) if row is not None else ""

    history = session.exec(select(CaseHistory, Staff.display_name)  # type: ignore[call-overload]
                           .outerjoin(Staff, Staff.id == CaseHistory.staff_id)
                           .where(CaseHistory.case_id == case.id).order_by(CaseHistory.at, CaseHistory.id)).all()
    media = session.exec(select(Media.id, Media.status)  # type: ignore[call-overload]
                         .where(Media.case_id == case.id, Media.purpose == "complaint",
                                Media.report_id.is_(None)).order_by(Media.id)).all()  # type: ignore[union-attr]
    people = assignees(case.division_id, session=session)
    return CaseDetails(
        category=name(Category, case.category_id), division=name(Division, case.division_id),
        assignee=staff_name(assigned) if (assigned := session.get(Staff, case.assigned_staff_id)
                                          if case.assigned_staff_id else None) else "",
        history=[(h, who or "") for h, who in history],
        photos=[i for i, st in media if st == MediaStatus.STORED],
        photos_waiting=sum(1 for _, st in media if st == MediaStatus.PENDING),
        divisions=list(session.exec(select(Division).where(Division.active.is_(True))  # type: ignore[call-overload, attr-defined]
                                    .order_by(Division.id)).scalars()),
        people=people)
