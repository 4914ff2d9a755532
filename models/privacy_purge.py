"""The retention purge: personal data of whatever has been finished for longer than the retention period.

Each kind of record is one step: which rows are due (a condition on the cutoff that a row no longer
meets once anonymised, so a second run finds nothing), and how to anonymise a batch of them. Rows
are taken in key order, a batch per transaction, so a million old cases never hold the database's
write lock for long and an interrupted run simply continues where the next run starts.

Name, phone, photos and what the citizen typed go record by record. The LINE id of a record goes
(replaced by a keyed stand-in) once the same person has nothing live left in that table: the ITA
counts how many different people took part in a period, and a person whose old case carried a
stand-in while a newer case of the same period still carried the real id would count twice. While
someone still has a case open we hold their LINE id anyway, so keeping it on their old ones too
costs nothing more.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, func, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from models import privacy_anonymise as anon
from models.complaint import Case
from models.conversation import Conversation, Follower
from models.corruption import CorruptionReport
from models.db import read_scope, session_scope
from models.enums import CLOSED_STATUSES, EventStatus, MediaStatus, OutboxStatus
from models.events import InboundEvent, OutboundMessage
from models.inquiry import Inquiry
from models.media import Media
from models.media_store import MediaStore
from models.privacy import is_anon, pseudonym
from models.suggestion import Suggestion
from models.survey import SurveyResponse

_CLOSED = [s.value for s in CLOSED_STATUSES]


@dataclass(frozen=True)
class Run:
    media: MediaStore
    key: bytes  # pseudonym key (the app's secret)
    cutoff: datetime


@dataclass(frozen=True)
class Step:
    name: str  # the count's name in the report
    key: Any  # the column batches are taken in order of
    due: Callable[[datetime], list[Any]]  # conditions of a row still to anonymise
    apply: Callable[[list, Session, Run], dict[str, int]]
    photos: Any = None  # Media column pointing at this step's rows, for the dry-run photo count


# --- when a row is finished, per table; who it belongs to ------------------------------------------
def _case_done(m: Any, cutoff: datetime) -> Any:
    # closed_at is set whenever a case reaches a closed status; updated_at covers rows from before that.
    return and_(m.status.in_(_CLOSED), func.coalesce(m.closed_at, m.updated_at) < cutoff)


FINISHED: dict[Any, tuple[str, Callable[[Any, datetime], Any]]] = {  # model -> (LINE id column, finished)
    Case: ("reporter_line_id", _case_done),
    CorruptionReport: ("reporter_line_id", _case_done),
    Inquiry: ("line_user_id", lambda m, c: func.coalesce(m.answered_at, m.asked_at) < c),
    Suggestion: ("line_user_id", lambda m, c: func.coalesce(m.action_at, m.created_at) < c),
    SurveyResponse: ("line_user_id", lambda m, c: func.coalesce(m.commented_at, m.created_at) < c),
    InboundEvent: ("chat_key", lambda m, c: and_(m.received_at < c, m.status != EventStatus.PENDING)),
}


def _finished(model: Any, cutoff: datetime) -> Any:
    return FINISHED[model][1](model, cutoff)


def _identified(column: Any) -> Any:
    """SQL: a LINE user or chat id still there (not empty, not a stand-in yet)."""
    return and_(column.is_not(None), ~is_anon(column))


def _quiet(model: Any, cutoff: datetime) -> Any:
    """SQL: the row's person has no row in the same table that is still live (open, or finished
    within the period)."""
    name, finished = FINISHED[model]
    other = aliased(model)
    return ~exists().where(getattr(other, name) == getattr(model, name), ~finished(other, cutoff))


def _stand_in(model: Any, ids: list, s: Session, run: Run) -> Callable[[str], str]:
    """The alias for a batch: the keyed stand-in for people with nothing live left, else the id kept."""
    name, finished = FINISHED[model]
    col = getattr(model, name)
    people = {v for v in s.execute(select(col).where(model.id.in_(ids))).scalars() if v}
    live = set(s.execute(select(col).where(col.in_(people), ~finished(model, run.cutoff)).distinct()).scalars())
    return lambda value: value if value in live else pseudonym(value, run.key)


def _photos_left(model: Any, media_column: Any) -> Any:
    """SQL: the record still has photos (also a case anonymised on request while it was open)."""
    return select(col(Media.id)).where(media_column == model.id, col(Media.status) != MediaStatus.ERASED).exists()


def _line_id_due(model: Any, cutoff: datetime) -> Any:
    name = FINISHED[model][0]
    return and_(_identified(getattr(model, name)), _quiet(model, cutoff))


# --- the steps -------------------------------------------------------------------------------------
def _cases(ids: list, s: Session, r: Run) -> dict[str, int]:
    return anon.anonymise_cases(ids, session=s, media=r.media, alias=_stand_in(Case, ids, s, r))


def _reports(ids: list, s: Session, r: Run) -> dict[str, int]:
    # A whistleblower's id goes with the report at once: nothing counts distinct corruption reporters.
    return anon.anonymise_reports(ids, session=s, media=r.media, alias=lambda v: pseudonym(v, r.key))


def _follower_names(keys: list, s: Session, run: Run) -> dict[str, int]:
    s.execute(update(Follower).where(col(Follower.user_id).in_(keys)).values(display_name=None))
    return {"followers": len(keys)}


STEPS: tuple[Step, ...] = (
    Step("complaints", Case.id,
         lambda c: [_case_done(Case, c), or_(col(Case.reporter_name) != "", col(Case.reporter_phone) != "",
                                             _photos_left(Case, Media.case_id), _line_id_due(Case, c))],
         _cases, Media.case_id),
    Step("corruption_reports", CorruptionReport.id,
         lambda c: [_case_done(CorruptionReport, c),
                    or_(_identified(CorruptionReport.reporter_line_id), col(CorruptionReport.reporter_name) != "",
                        col(CorruptionReport.reporter_phone) != "", _photos_left(CorruptionReport, Media.report_id))],
         _reports, Media.report_id),
    Step("inquiries", Inquiry.id, lambda c: [_finished(Inquiry, c), _line_id_due(Inquiry, c)],
         lambda ids, s, r: anon.anonymise_inquiries(ids, session=s, alias=_stand_in(Inquiry, ids, s, r))),
    Step("suggestions", Suggestion.id,
         lambda c: [_finished(Suggestion, c),
                    or_(_photos_left(Suggestion, Media.suggestion_id), _line_id_due(Suggestion, c))],
         lambda ids, s, r: anon.anonymise_suggestions(ids, session=s, media=r.media,
                                                      alias=_stand_in(Suggestion, ids, s, r)),
         Media.suggestion_id),
    Step("survey_responses", SurveyResponse.id, lambda c: [_finished(SurveyResponse, c), _line_id_due(SurveyResponse, c)],
         lambda ids, s, r: anon.anonymise_surveys(ids, session=s, alias=_stand_in(SurveyResponse, ids, s, r))),
    Step("conversations", Conversation.chat_key, lambda c: [Conversation.updated_at < c],
         lambda keys, s, r: {"conversations": anon.delete_conversations(keys, session=s)}),
    Step("followers", Follower.user_id,
         lambda c: [col(Follower.following).is_(False), col(Follower.unfollowed_at) < c,
                    col(Follower.display_name).is_not(None)],
         _follower_names),
    Step("events", InboundEvent.id,
         lambda c: [_finished(InboundEvent, c),
                    or_(col(InboundEvent.payload) != anon.ERASED_PAYLOAD, _line_id_due(InboundEvent, c))],
         lambda ids, s, r: {"events": anon.erase_events(ids, session=s, alias=_stand_in(InboundEvent, ids, s, r))}),
    Step("messages", OutboundMessage.id,
         lambda c: [OutboundMessage.created_at < c,
                    col(OutboundMessage.status).in_([OutboxStatus.SENT, OutboxStatus.DEAD]),
                    ~is_anon(OutboundMessage.to)],
         lambda ids, s, r: {"messages": anon.erase_outbound(ids, session=s, alias=lambda v: pseudonym(v, r.key))}),
)
COUNTS = tuple(step.name for step in STEPS) + ("photos",)


def purge(engine: Engine, cutoff: datetime, *, media: MediaStore, key: bytes, batch: int = 1000,
          dry_run: bool = False) -> dict[str, int]:
    """Anonymise everything finished before `cutoff`; returns the counts (what would change, with
    `dry_run`) and "batches", the number of transactions it took."""
    if batch < 1:
        raise ValueError("batch must be at least 1")
    if dry_run:
        with read_scope(engine) as s:
            return _count(cutoff, s)
    totals: Counter[str] = Counter({name: 0 for name in COUNTS})
    run = Run(media=media, key=key, cutoff=cutoff)
    for step in STEPS:
        last = None
        while True:
            with session_scope(engine) as s:
                stmt = select(step.key).where(*step.due(cutoff))
                if last is not None:
                    stmt = stmt.where(step.key > last)
                keys = list(s.execute(stmt.order_by(step.key).limit(batch)).scalars())
                if not keys:
                    break
                totals.update(step.apply(keys, s, run))
                totals["batches"] += 1
            last = keys[-1]
    return dict(totals)


def _count(cutoff: datetime, s: Session) -> dict[str, int]:
    counts = {"batches": 0, "photos": 0}
    for step in STEPS:
        counts[step.name] = s.execute(select(func.count()).select_from(step.key.class_)
                                      .where(*step.due(cutoff))).scalar_one()
        if step.photos is not None:
            due_ids = select(step.key).where(*step.due(cutoff))
            counts["photos"] += s.execute(select(func.count()).select_from(Media).where(
                and_(step.photos.in_(due_ids), col(Media.status) != MediaStatus.ERASED))).scalar_one()
    return counts
