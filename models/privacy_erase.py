"""Carrying out a citizen's deletion request: the same anonymisation as the retention purge, for
every record of one LINE user whatever its age, in the caller's transaction.

Open cases are kept, without who reported them (staff still fix the road); a note in their history
tells staff that the reporter can no longer be told of progress. Events still waiting to be handled
and messages not yet sent are left alone: the confirmation pushed to the citizen is one of them.
"""
from __future__ import annotations

from sqlalchemy import and_, or_, select, update
from sqlmodel import Session, col

from models import privacy_anonymise as anon
from models.complaint import Case
from models.conversation import Conversation, Follower
from models.corruption import CorruptionReport
from models.enums import OPEN_STATUSES, EventStatus, OutboxStatus
from models.events import InboundEvent, OutboundMessage
from models.inquiry import Inquiry
from models.lifecycle import Actor, record
from models.media import Media
from models.media_store import MediaStore
from models.privacy import pseudonym, random_alias
from models.staff import Staff
from models.suggestion import Suggestion
from models.survey import SurveyResponse

_OPEN = [s.value for s in OPEN_STATUSES]


def _ids(stmt, session: Session) -> list:
    return list(session.execute(stmt).scalars())


def erase_person(line_user_id: str, *, session: Session, media: MediaStore, key: bytes, actor: str,
                 staff_id: int | None, open_note: str) -> dict[str, int]:
    """Anonymise everything of `line_user_id`; returns counts per kind (corruption_reports among them:
    callers decide who may see that number). `open_note` goes into the history of open cases.

    Their LINE and chat ids become one random stand-in, the same on all their records (they still
    count as one person), including records an earlier purge gave the keyed stand-in (`key`): after
    this, nothing links any record to the LINE account, whoever holds the key."""
    chat_key = f"user:{line_user_id}"
    users, chats = [line_user_id, pseudonym(line_user_id, key)], [chat_key, pseudonym(chat_key, key)]
    alias = random_alias()
    by = Actor(actor, staff_id)
    counts: dict[str, int] = {}

    def add(found: dict[str, int]) -> None:
        for name, n in found.items():
            counts[name] = counts.get(name, 0) + n

    case_ids = _ids(select(col(Case.id)).where(col(Case.reporter_line_id).in_(users)), session)
    open_cases = _ids(select(col(Case.id)).where(col(Case.id).in_(case_ids), col(Case.status).in_(_OPEN)), session)
    add(anon.anonymise_cases(case_ids, session=session, media=media, alias=alias))
    for case_id in open_cases:
        record(session.get_one(Case, case_id), by, session=session, kind="note", note=open_note)
    report_ids = _ids(select(col(CorruptionReport.id)).where(col(CorruptionReport.reporter_line_id).in_(users)), session)
    open_reports = _ids(select(col(CorruptionReport.id)).where(col(CorruptionReport.id).in_(report_ids),
                                                          col(CorruptionReport.status).in_(_OPEN)), session)
    add(anon.anonymise_reports(report_ids, session=session, media=media, alias=alias))
    for report_id in open_reports:
        record(session.get_one(CorruptionReport, report_id), by, session=session, kind="note", note=open_note)
    add(anon.anonymise_inquiries(_ids(select(col(Inquiry.id)).where(col(Inquiry.line_user_id).in_(users)), session),
                                 session=session, alias=alias))
    add(anon.anonymise_suggestions(_ids(select(col(Suggestion.id)).where(col(Suggestion.line_user_id).in_(users)), session),
                                   session=session, media=media, alias=alias))
    add(anon.anonymise_surveys(_ids(select(col(SurveyResponse.id)).where(col(SurveyResponse.line_user_id).in_(users)),
                                    session), session=session, alias=alias))
    drafts = and_(col(Media.chat_key) == chat_key, col(Media.case_id).is_(None), col(Media.report_id).is_(None),
                  col(Media.suggestion_id).is_(None))
    add({"photos": anon.erase_media(drafts, session=session, media=media)})
    # Photos kept with an open case still name the chat they came from: that goes too.
    session.execute(update(Media).where(col(Media.chat_key) == chat_key).values(chat_key=alias(chat_key)))
    conversations = _ids(select(col(Conversation.chat_key)).where(or_(col(Conversation.chat_key) == chat_key,
                                                                 col(Conversation.user_id) == line_user_id)), session)
    add({"conversations": anon.delete_conversations(conversations or [chat_key], session=session)})
    session.execute(update(Follower).where(col(Follower.user_id) == line_user_id).values(display_name=None))
    # A staff member who asked, as a citizen, to be forgotten: their LINE is no longer linked either
    # (the account stays; they may link again). The staff rich menu goes at LINE's next deploy.
    unlinked = session.exec(update(Staff).where(col(Staff.line_user_id) == line_user_id).values(line_user_id=None))
    add({"staff_links": unlinked.rowcount or 0})
    events = _ids(select(col(InboundEvent.id)).where(col(InboundEvent.chat_key).in_(chats),
                                                col(InboundEvent.status) != EventStatus.PENDING), session)
    add({"events": anon.erase_events(events, session=session, alias=alias)})
    sent = _ids(select(col(OutboundMessage.id)).where(col(OutboundMessage.to).in_(users), col(OutboundMessage.status).in_(
        [OutboxStatus.SENT, OutboxStatus.DEAD])), session)
    add({"messages": anon.erase_outbound(sent, session=session, alias=alias)})
    return counts


def holdings(line_user_id: str, *, session: Session) -> dict[str, object]:
    """What the admin page shows about a pending request: counts, and the open complaints by ticket.
    Corruption reports are left out: an admin must not learn who reported corruption."""
    def count(stmt) -> int:
        return len(_ids(stmt, session))

    open_tickets = _ids(select(col(Case.ticket)).where(col(Case.reporter_line_id) == line_user_id, col(Case.status).in_(_OPEN))
                        .order_by(col(Case.created_at)), session)
    follower = session.get(Follower, line_user_id)
    return {
        "display_name": follower.display_name if follower else None,
        "complaints": count(select(col(Case.id)).where(col(Case.reporter_line_id) == line_user_id)),
        "open_tickets": open_tickets,
        "inquiries": count(select(col(Inquiry.id)).where(col(Inquiry.line_user_id) == line_user_id)),
        "suggestions": count(select(col(Suggestion.id)).where(col(Suggestion.line_user_id) == line_user_id)),
        "survey_responses": count(select(col(SurveyResponse.id)).where(col(SurveyResponse.line_user_id) == line_user_id)),
    }


def has_open_records(line_user_id: str, *, session: Session) -> bool:
    """Whether any complaint or corruption report of this person is still being handled."""
    for model in (Case, CorruptionReport):
        stmt = select(col(model.id)).where(col(model.reporter_line_id) == line_user_id, col(model.status).in_(_OPEN)).limit(1)
        if session.execute(stmt).first():
            return True
    return False
