"""Admin-side queries over suggestions: the list, status changes with the action taken, photos, and
the public "you said, we did" list (ITA indicator 8)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from models.db import utcnow
from models.enums import MediaStatus
from models.media import Media
from models.suggestion import Suggestion, SuggestionStatus

PAGE_SIZE = 50
MAX_ACTION = 1000  # characters: told to the citizen in LINE and printed in the public list
MAX_TOPIC = 100  # the column's length
STATUSES = (SuggestionStatus.RECEIVED, SuggestionStatus.CONSIDERING, SuggestionStatus.DONE,
            SuggestionStatus.NOT_ADOPTED)
# Which status may follow which. A decision may be reconsidered; "received" is never gone back to.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    SuggestionStatus.RECEIVED: (SuggestionStatus.CONSIDERING, SuggestionStatus.DONE, SuggestionStatus.NOT_ADOPTED),
    SuggestionStatus.CONSIDERING: (SuggestionStatus.DONE, SuggestionStatus.NOT_ADOPTED),
    SuggestionStatus.DONE: (SuggestionStatus.CONSIDERING,),  # reopened, e.g. to correct what was recorded
    SuggestionStatus.NOT_ADOPTED: (SuggestionStatus.CONSIDERING, SuggestionStatus.DONE),
}
NEEDS_ACTION = (SuggestionStatus.DONE, SuggestionStatus.NOT_ADOPTED)  # the "we did" (or why not) is required


class Refused(Exception):
    """A status change that cannot be made; `reason` is the key of the Thai message."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def list_suggestions(status: str, *, session: Session, page: int = 1,
                     size: int = PAGE_SIZE) -> tuple[list[Suggestion], bool]:
    """One page, newest first, of one status ("" for all)."""
    stmt = select(Suggestion).order_by(col(Suggestion.created_at).desc(), col(Suggestion.id).desc())
    if status:
        stmt = stmt.where(Suggestion.status == status)
    rows = list(session.exec(stmt.offset((page - 1) * size).limit(size + 1)))
    return rows[:size], len(rows) > size


def counts(*, session: Session) -> dict[str, int]:
    found: dict[str, int] = dict(session.exec(select(Suggestion.status, func.count())
                                              .group_by(col(Suggestion.status))).all())
    return {**{s: found.get(s, 0) for s in STATUSES}, "all": sum(found.values())}


def change_status(sug: Suggestion, target: str, staff_id: int | None, *, session: Session,
                  action: str = "") -> None:
    """Move a suggestion on, recording what was done for "done" and the reason for "not adopted".
    The update only lands if the status is still what the page showed (two staff, one suggestion)."""
    if target not in TRANSITIONS.get(sug.status, ()):
        raise Refused("sug.refused.transition")
    action = action.strip()
    if target in NEEDS_ACTION and not action:
        raise Refused("sug.refused.action")
    if len(action) > MAX_ACTION:
        raise Refused("sug.refused.action")
    values: dict = {"status": target}
    if target in NEEDS_ACTION:
        values.update(action=action, action_at=utcnow(), action_by=staff_id)
    res = session.exec(update(Suggestion).where(col(Suggestion.id) == sug.id, col(Suggestion.status) == sug.status)
                       .values(**values))
    if res.rowcount != 1:
        raise Refused("sug.refused.stale")
    for key, value in values.items():
        setattr(sug, key, value)


def photos_of(suggestion_id: int, *, session: Session) -> tuple[list[int], int]:
    """(ids of the stored photos, how many are still being fetched from LINE)."""
    rows = session.exec(select(col(Media.id), Media.status).where(Media.suggestion_id == suggestion_id,
                                                                  Media.purpose == "suggestion")
                        .order_by(col(Media.id))).all()
    stored = [i for i, status in rows if status == MediaStatus.STORED and i is not None]
    waiting = sum(1 for _, status in rows if status == MediaStatus.PENDING)
    return stored, waiting


def you_said_we_did(start: datetime, end: datetime, *, session: Session) -> list[Suggestion]:
    """Public suggestions whose action was recorded in [start, end), oldest action first."""
    stmt = (select(Suggestion).where(col(Suggestion.public).is_(True), col(Suggestion.status).in_(NEEDS_ACTION),
                                     Suggestion.action != "", col(Suggestion.action_at) >= start,
                                     col(Suggestion.action_at) < end)
            .order_by(col(Suggestion.action_at), col(Suggestion.id)))
    return list(session.exec(stmt))
