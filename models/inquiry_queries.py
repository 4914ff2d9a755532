"""Admin-side queries over inquiries and the FAQ: the waiting list, counts, answering and closing.

Answering and closing are conditional updates ("only if it is still waiting"), so two members of
staff answering the same question at once cannot both send the citizen an answer.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, func, select, update
from sqlmodel import Session, col

from models.db import utcnow
from models.events import OutboundMessage
from models.inquiry import Faq, Inquiry, InquiryStatus
from models.staff import Staff

PAGE_SIZE = 50
MAX_ANSWER = 2000  # characters: one LINE text message holds 5,000 UTF-16 units with room to spare
MAX_NOTE = 1000
FILTERS = ("pending", "answered", "faq", "unhelpful", "closed")
ANSWERABLE = (InquiryStatus.PENDING, InquiryStatus.FAQ)  # an FAQ answer may be followed up by staff
PUSH_PURPOSE = "inquiry"


def push_key(inquiry_id: int) -> str:
    """What the outbox row of an answer is about (its `ticket` column): an inquiry has no ticket."""
    return f"inquiry:{inquiry_id}"


def _where(kind: str):
    if kind == "unhelpful":
        return col(Inquiry.helpful).is_(False)
    if kind in FILTERS:
        return Inquiry.status == kind
    return None


def list_inquiries(kind: str, *, session: Session, page: int = 1, size: int = PAGE_SIZE) -> tuple[list[Inquiry], bool]:
    """One page, waiting ones first (the longest wait on top), then the rest newest first."""
    waiting = col(Inquiry.status) == InquiryStatus.PENDING
    stmt = select(Inquiry).order_by(case((waiting, 0), else_=1),
                                    case((waiting, col(Inquiry.asked_at)), else_=None).asc(),
                                    col(Inquiry.asked_at).desc(), col(Inquiry.id).desc())
    cond = _where(kind)
    if cond is not None:
        stmt = stmt.where(cond)
    rows = list(session.execute(stmt.offset((page - 1) * size).limit(size + 1)).scalars())
    return rows[:size], len(rows) > size


def counts(*, session: Session) -> dict[str, int]:
    """How many inquiries each filter shows, and "all"."""
    by_status = dict(session.execute(select(col(Inquiry.status), func.count()).group_by(Inquiry.status)).all())
    unhelpful = session.execute(select(func.count()).select_from(Inquiry)
                             .where(col(Inquiry.helpful).is_(False))).scalar_one()
    result = {k: by_status.get(k, 0) for k in FILTERS if k != "unhelpful"}
    result["unhelpful"] = unhelpful
    result["all"] = sum(by_status.values())
    return result


def pending_count(*, session: Session) -> int:
    return session.execute(select(func.count()).select_from(Inquiry)
                        .where(col(Inquiry.status) == InquiryStatus.PENDING)).scalar_one()


def answer(inquiry_id: int, text: str, staff_id: int, *, session: Session, now: datetime | None = None) -> bool:
    """Record a staff answer if the inquiry still waits for one; False if someone else got there first."""
    res = session.exec(update(Inquiry).where(col(Inquiry.id) == inquiry_id, col(Inquiry.status).in_(ANSWERABLE))
                       .values(status=InquiryStatus.ANSWERED, answer=text, answered_at=now or utcnow(),
                               answered_by=staff_id))
    return res.rowcount == 1


def close(inquiry_id: int, note: str, staff_id: int, *, session: Session) -> bool:
    """Close a waiting inquiry without an answer. The note is internal: it is kept in `answer`
    (the status says it is not an answer, and it is never sent) and who closed it in `answered_by`;
    `answered_at` stays empty so answer-time figures count real answers only."""
    res = session.exec(update(Inquiry).where(col(Inquiry.id) == inquiry_id,
                                             col(Inquiry.status) == InquiryStatus.PENDING)
                       .values(status=InquiryStatus.CLOSED, answer=note, answered_by=staff_id))
    return res.rowcount == 1


def answer_push(inquiry_id: int, *, session: Session) -> OutboundMessage | None:
    """The latest push that carried an answer to this inquiry, to show whether it reached LINE."""
    stmt = (select(OutboundMessage).where(col(OutboundMessage.purpose) == PUSH_PURPOSE,
                                          col(OutboundMessage.ticket) == push_key(inquiry_id))
            .order_by(col(OutboundMessage.id).desc()).limit(1))
    return session.execute(stmt).scalars().first()


def staff_names(ids: set[int | None], *, session: Session) -> dict[int, str]:
    ids.discard(None)
    if not ids:
        return {}
    rows = session.execute(select(col(Staff.id), col(Staff.display_name), col(Staff.username)).where(col(Staff.id).in_(ids))).all()
    return {i: name or username for i, name, username in rows}


# --- the FAQ ---------------------------------------------------------------------------------------

def faq_entries(*, session: Session) -> list[Faq]:
    """Every entry, grouped by topic (in Thai alphabetical order of the topic), then by its order."""
    stmt = select(Faq).order_by(Faq.topic, col(Faq.sort_order), col(Faq.id))
    return list(session.execute(stmt).scalars())


def faq_by_topic(entries: list[Faq]) -> list[tuple[str, list[Faq]]]:
    groups: dict[str, list[Faq]] = {}
    for entry in entries:
        groups.setdefault(entry.topic, []).append(entry)
    return list(groups.items())


def faq_topics(*, session: Session) -> list[str]:
    stmt = select(col(Faq.topic)).where(col(Faq.topic) != "").distinct().order_by(Faq.topic)
    return list(session.execute(stmt).scalars())


def save_faq(entry: Faq, fields: dict, staff_id: int | None, *, session: Session) -> Faq:
    """Staff saved it: it is theirs now, no longer a sample. `updated_at` always moves on, because the
    chat matcher rebuilds its index when max(updated_at) or the count of entries changes."""
    for key, value in fields.items():
        setattr(entry, key, value)
    entry.sample = False
    entry.updated_at = utcnow()
    entry.updated_by = staff_id
    session.add(entry)
    session.flush()
    return entry


def set_faq_active(entry: Faq, active: bool, staff_id: int | None, *, session: Session) -> None:
    """Switch an entry on or off. Its wording was not reviewed, so a sample stays a sample."""
    entry.active = active
    entry.updated_at = utcnow()
    entry.updated_by = staff_id
    session.add(entry)
