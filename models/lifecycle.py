"""What staff do to a case, whatever its kind (a complaint, a corruption report): change its status
and/or send news, assign it, add an internal note. One set of functions, one exception, one locking rule.

Each action is one history row (who, when, what) in the caller's transaction. Telling the citizen
(bot.runtime.outbox.tell) and the audit log are the caller's part, in the same transaction; who may act on
which kind (the integrity role for corruption) is the page's check.

The locking rule: every action locks the case's row before it writes (SELECT … FOR UPDATE; on SQLite every write
transaction is BEGIN IMMEDIATE already), and a status change is refused ("stale") when the stored status
is no longer the one the caller read: two people acting at once cannot both win.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from models import nlu_label
from models.case_base import CaseColumns, HistoryColumns
from models.complaint import Case, CaseHistory, Category, Division
from models.corruption import CorruptionHistory, CorruptionReport
from models.db import id_of, utcnow
from models.enums import CLOSED_STATUSES, REOPEN_DAYS, CaseStatus, can_transition
from models.staff import Role, Staff

MAX_TEXT = 1000  # characters of a message to the citizen: one LINE text bubble stays short
MAX_NOTE = 2000  # characters of an internal note or a reason


class Refused(Exception):
    """The action does not apply: `reason` names the rule; its text is messages_th.admin_cases
    "refused.<reason>" (transition, reason, nothing, stale, assignee, empty, window)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Actor:
    username: str  # "citizen", "system" or a staff username
    staff_id: int | None


CITIZEN = Actor("citizen", None)


def can_be_assigned(person: Staff | None) -> bool:
    """Who may be given a complaint: an active officer or admin *of a division*. The division is what
    lets a person see and act on the case (and the case follows it); an admin account without one
    (a system administrator) is not someone who goes out and fixes a street light."""
    return person is not None and person.active and person.division_id is not None \
        and person.has_role(Role.OFFICER, Role.ADMIN)


def can_handle_corruption(person: Staff | None) -> bool:
    """Who may be given a corruption report: active integrity staff, and no one else."""
    return person is not None and person.active and person.has_role(Role.INTEGRITY)


@dataclass(frozen=True)
class Kind:
    """What differs between kinds of case; everything else is the same life."""

    history: type[HistoryColumns]
    owner: str  # the history's column naming the case
    can_handle: Callable[[Staff | None], bool]  # who may be assigned
    has_divisions: bool  # a complaint is routed to a division and follows its assignee's
    # Whether the reason of a rejection is the citizen's answer too: for a complaint yes (ITA: closed
    # "with a reason"); for a corruption report it is internal (the reporter must not learn the inquiry).
    tells_reason: bool


KINDS: dict[type[CaseColumns], Kind] = {
    Case: Kind(CaseHistory, "case_id", can_be_assigned, has_divisions=True, tells_reason=True),
    CorruptionReport: Kind(CorruptionHistory, "report_id", can_handle_corruption, has_divisions=False,
                           tells_reason=False),
}


def allowed_targets(status: str) -> list[CaseStatus]:
    """The statuses staff may move a case to from `status`, in the enum's order."""
    return [s for s in CaseStatus if can_transition("staff", CaseStatus(status), s)]


def staff_name(person: Staff) -> str:
    """How a person is shown: the display name, or the username when none was given."""
    return person.display_name or person.username


def record(case: CaseColumns, actor: Actor, *, session: Session, kind: str = "status",
           from_status: str | None = None, to_status: str | None = None, note: str = "",
           message: str = "") -> HistoryColumns:
    """One history row of the case, whatever its kind."""
    k = KINDS[type(case)]
    owner: dict[str, Any] = {k.owner: case.id}  # case_id or report_id, by the kind of case
    row = k.history(**owner, actor=actor.username, staff_id=actor.staff_id, kind=kind,
                    from_status=from_status, to_status=to_status, note=note, message=message)
    session.add(row)
    return row


def _lock(case: CaseColumns, session: Session) -> str | None:
    """Locks the case's row for the rest of the transaction; its status as stored now."""
    model = type(case)
    return session.exec(select(col(model.status)).where(model.id == case.id)
                        .with_for_update()).one_or_none()


def change_status(case: CaseColumns, target: str, actor: Actor, *, session: Session, reason: str = "",
                  message: str = "") -> HistoryColumns:
    """A new status and/or news to the citizen, as one history row. `target` empty keeps the status
    (news only: `message` is then required); a rejection needs a `reason`. Raises Refused."""
    k = KINDS[type(case)]
    reason, message = reason.strip()[:MAX_NOTE], message.strip()[:MAX_TEXT]
    current = CaseStatus(case.status)
    to = current
    if target:
        try:
            to = CaseStatus(target)
        except ValueError:
            raise Refused("transition") from None
        if not can_transition("staff", current, to):
            raise Refused("transition")
        if to == CaseStatus.REJECTED and not reason:
            raise Refused("reason")  # closing without action must say why
    elif not message:
        raise Refused("nothing")
    if _lock(case, session) != current:
        raise Refused("stale")
    now = utcnow()
    told = message or (reason[:MAX_TEXT] if target and to == CaseStatus.REJECTED and k.tells_reason else "")
    if target:
        case.status = to.value
        case.closed_at = now if to in CLOSED_STATUSES else None  # reopened: no longer closed
    if told:
        case.last_message = told  # what tracking in LINE shows as the staff's message
    case.updated_at = now
    session.add(case)
    return record(case, actor, session=session, kind="status" if target else "message",
                  from_status=current.value if target else None, to_status=to.value if target else None,
                  note=reason, message=told)


def assign(case: CaseColumns, actor: Actor, *, session: Session, staff_id: int | None,
           division_id: int | None = None, message: str = "") -> HistoryColumns:
    """To a person (`staff_id`; None: to nobody) and, for a kind with divisions, to a division: the case
    then follows the person's division, so that the person's division can see it, and "to nobody" needs
    a division. The history keeps the readable "to whom"."""
    k = KINDS[type(case)]
    _lock(case, session)
    person = session.get(Staff, staff_id) if staff_id else None
    if staff_id and not k.can_handle(person):
        raise Refused("assignee")
    label = staff_name(person) if person is not None else ""
    if k.has_divisions:
        chosen = session.get(Division, division_id) if division_id else None
        if person is not None and person.division_id:
            division_id = person.division_id
        if division_id and session.get(Division, division_id) is None:
            raise Refused("assignee")
        if not division_id and person is None:
            raise Refused("assignee")
        label = " · ".join(x for x in (chosen.name if chosen else "", label) if x)
        case.division_id = division_id or case.division_id  # type: ignore[attr-defined]
    message = message.strip()[:MAX_TEXT]
    case.assigned_staff_id = person.id if person is not None else None
    case.updated_at = utcnow()
    if message:
        case.last_message = message
    session.add(case)
    return record(case, actor, session=session, kind="assign", note=label, message=message)


def add_note(case: CaseColumns, actor: Actor, text: str, *, session: Session) -> HistoryColumns:
    """An internal note: never sent to the citizen, never shown in tracking."""
    text = text.strip()[:MAX_NOTE]
    if not text:
        raise Refused("empty")
    _lock(case, session)
    return record(case, actor, session=session, kind="note", note=text)


def recategorize(case: Case, actor: Actor, *, session: Session, category_id: int) -> HistoryColumns:
    """Staff correct a complaint's category. The correction is also kept as a label for retraining the
    text model (models/nlu_label). The division stays: re-routing is the assignment's job."""
    category = session.get(Category, category_id)
    if category is None or not category.active or category.id == case.category_id:
        raise Refused("form")
    old = session.get(Category, case.category_id) if case.category_id else None
    case.category_id = category.id
    case.updated_at = utcnow()
    session.add(case)
    nlu_label.record(id_of(case), id_of(category), "staff", session=session)
    return record(case, actor, session=session, kind="category", note=f"{old.name if old else '-'} → {category.name}")


def reopenable(case: Case, now: datetime) -> bool:
    """Whether the citizen may still say "not fixed yet": resolved, at most REOPEN_DAYS ago."""
    closed = case.closed_at
    if case.status != CaseStatus.RESOLVED or closed is None:
        return False
    if closed.tzinfo is None:  # SQLite gives naive UTC back
        closed = closed.replace(tzinfo=now.tzinfo)
    return now - closed <= timedelta(days=REOPEN_DAYS)


def reopen(case: Case, note: str, *, session: Session) -> HistoryColumns:
    """The citizen says the resolved complaint is not fixed: back to its division, in progress, with
    what is still wrong as the history's note (staff read it; it is not told back). Counted
    (`reopened_count`, models/stats_reopen.py); answered again only when resolved again (closed_at is
    cleared, so "answered within 15 days" counts the final resolution). Raises Refused("transition")
    when it is no longer resolved, Refused("window") after REOPEN_DAYS."""
    if _lock(case, session) != CaseStatus.RESOLVED or not can_transition(
            "citizen", CaseStatus.RESOLVED, CaseStatus.IN_PROGRESS):
        raise Refused("transition")
    now = utcnow()
    if not reopenable(case, now):
        raise Refused("window")
    case.status, case.closed_at, case.updated_at = CaseStatus.IN_PROGRESS.value, None, now
    case.reopened_count = (case.reopened_count or 0) + 1
    # The confirmation and the follow-up belong to one resolution: the next one asks again.
    case.citizen_confirmed_at = case.followup_sent_at = None
    session.add(case)
    return record(case, CITIZEN, session=session, kind="reopen", from_status=CaseStatus.RESOLVED.value,
                  to_status=CaseStatus.IN_PROGRESS.value, note=note.strip()[:MAX_NOTE])


def confirm(case: Case, *, session: Session) -> bool:
    """The citizen says the resolved complaint is fixed: recorded once per resolution (no follow-up
    asks again). False when it is not resolved, or confirmed already."""
    if _lock(case, session) != CaseStatus.RESOLVED or case.citizen_confirmed_at is not None:
        return False
    case.citizen_confirmed_at = utcnow()
    session.add(case)
    record(case, CITIZEN, session=session, kind="confirmed")
    return True
