"""The retention purge: personal data of whatever has been finished for longer than the retention period.

Each kind of record is one step: which rows are due (a condition on the cutoff that a row no longer
meets once anonymised, so a second run finds nothing), and how to anonymise a batch of them. Rows
are taken in key order, a batch per transaction, so a million old cases never hold the database's
write lock for long and an interrupted run simply continues where the next run starts.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.engine import Engine
from sqlmodel import Session

from models import privacy_anonymise as anon
from models.complaint import Case
from models.conversation import Conversation, Follower
from models.corruption import CorruptionReport
from models.db import read_scope, session_scope
from models.enums import CLOSED_STATUSES, EventStatus, MediaStatus, OutboxStatus
from models.events import InboundEvent, OutboundMessage
from models.inquiry import Inquiry
from models.media import Media
from models.privacy import is_anon, pseudonym
from models.suggestion import Suggestion
from models.survey import SurveyResponse

_CLOSED = [s.value for s in CLOSED_STATUSES]


@dataclass(frozen=True)
class Step:
    name: str  # the count's name in the report
    key: Any  # the column batches are taken in order of
    due: Callable[[datetime], list[Any]]  # conditions of a row still to anonymise
    apply: Callable[[list, Session, "Run"], dict[str, int]]
    photos: Any = None  # Media column pointing at this step's rows, for the dry-run photo count


@dataclass(frozen=True)
class Run:
    media_root: Path
    key: bytes  # pseudonym key (the app's secret)

    def alias(self, value: str) -> str:
        return pseudonym(value, self.key)


def _identified(column: Any) -> Any:
    """SQL: a LINE user id still there (not empty, not a stand-in yet)."""
    return and_(column.is_not(None), ~is_anon(column))


def _has_identity(model: Any) -> Any:
    return or_(_identified(model.reporter_line_id), model.reporter_name != "", model.reporter_phone != "")


def _photos_left(model: Any, media_column: Any) -> Any:
    """SQL: the record still has photos (a case anonymised on request while open keeps its photos
    until it is finished, and is then due here)."""
    return select(Media.id).where(media_column == model.id, Media.status != MediaStatus.ERASED).exists()


def _closed_before(model: Any, media_column: Any, cutoff: datetime) -> list[Any]:
    # closed_at is set whenever a case reaches a closed status; updated_at covers rows from before that.
    return [model.status.in_(_CLOSED), func.coalesce(model.closed_at, model.updated_at) < cutoff,
            or_(_has_identity(model), _photos_left(model, media_column))]


def _follower_names(keys: list, s: Session, run: Run) -> dict[str, int]:
    s.execute(update(Follower).where(Follower.user_id.in_(keys)).values(display_name=None))  # type: ignore[attr-defined]
    return {"followers": len(keys)}


STEPS: tuple[Step, ...] = (
    Step("complaints", Case.id, lambda c: _closed_before(Case, Media.case_id, c),
         lambda ids, s, r: anon.anonymise_cases(ids, session=s, media_root=r.media_root, alias=r.alias), Media.case_id),
    Step("corruption_reports", CorruptionReport.id, lambda c: _closed_before(CorruptionReport, Media.report_id, c),
         lambda ids, s, r: anon.anonymise_reports(ids, session=s, media_root=r.media_root, alias=r.alias),
         Media.report_id),
    Step("inquiries", Inquiry.id,
         lambda c: [_identified(Inquiry.line_user_id), func.coalesce(Inquiry.answered_at, Inquiry.asked_at) < c],
         lambda ids, s, r: anon.anonymise_inquiries(ids, session=s, alias=r.alias)),
    Step("suggestions", Suggestion.id,
         lambda c: [_identified(Suggestion.line_user_id), func.coalesce(Suggestion.action_at, Suggestion.created_at) < c],
         lambda ids, s, r: anon.anonymise_suggestions(ids, session=s, media_root=r.media_root, alias=r.alias),
         Media.suggestion_id),
    Step("survey_responses", SurveyResponse.id,
         lambda c: [_identified(SurveyResponse.line_user_id),
                    func.coalesce(SurveyResponse.commented_at, SurveyResponse.created_at) < c],
         lambda ids, s, r: anon.anonymise_surveys(ids, session=s, alias=r.alias)),
    Step("conversations", Conversation.chat_key, lambda c: [Conversation.updated_at < c],
         lambda keys, s, r: {"conversations": anon.delete_conversations(keys, session=s)}),
    Step("followers", Follower.user_id,
         lambda c: [Follower.following.is_(False), Follower.unfollowed_at < c,  # type: ignore[attr-defined, operator]
                    Follower.display_name.is_not(None)],  # type: ignore[union-attr]
         _follower_names),
    Step("events", InboundEvent.id,
         lambda c: [InboundEvent.received_at < c, InboundEvent.status != EventStatus.PENDING,
                    ~is_anon(InboundEvent.chat_key)],
         lambda ids, s, r: {"events": anon.erase_events(ids, session=s, alias=r.alias)}),
    Step("messages", OutboundMessage.id,
         lambda c: [OutboundMessage.created_at < c,
                    OutboundMessage.status.in_([OutboxStatus.SENT, OutboxStatus.DEAD]),  # type: ignore[attr-defined]
                    ~is_anon(OutboundMessage.to)],
         lambda ids, s, r: {"messages": anon.erase_outbound(ids, session=s, alias=r.alias)}),
)
COUNTS = tuple(step.name for step in STEPS) + ("photos",)


def purge(engine: Engine, cutoff: datetime, *, media_root: Path, key: bytes, batch: int = 1000,
          dry_run: bool = False) -> dict[str, int]:
    """Anonymise everything finished before `cutoff`; returns the counts (what would change, with
    `dry_run`) and "batches", the number of transactions it took."""
    if batch < 1:
        raise ValueError("batch must be at least 1")
    if dry_run:
        with read_scope(engine) as s:
            return _count(cutoff, s)
    totals: Counter[str] = Counter({name: 0 for name in COUNTS})
    run = Run(media_root=media_root, key=key)
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
                and_(step.photos.in_(due_ids), Media.status != MediaStatus.ERASED))).scalar_one()
    return counts
