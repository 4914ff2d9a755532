"""Applies the effects a handler asked for, inside the caller's transaction: an ORM session's
(EffectApplier), or, for the few effects that need none (RAW_EFFECTS), the event worker's plain one
(apply_raw)."""
from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.runtime import case_result, staff_actions
from handlers import types as h
from handlers.staff_types import LinkStaff, StaffAct
from models import chat_feedback as fb
from models import complaint as cm
from models.citizen_cases import be_period, cancel_complaint, open_complaint, open_corruption
from models.conversation import record_follow
from models.db import Raw, utcnow
from models.enums import MediaStatus
from models.media import Media, draft_media
from models.media_store import MediaStore
from models.privacy import request_deletion
from models.suggestion import Suggestion

if TYPE_CHECKING:
    from bot.runtime.staff_alerts import StaffAlerts

log = logging.getLogger(__name__)

# What a typed question asks for (the commonest effectful event): written with plain statements, so the
# worker applies these without an ORM session, whose machinery cost 0.2-0.4 ms of CPU per question.
RAW_EFFECTS = (h.SubmitInquiry, h.LogSkip)


def apply_raw(db: Raw | Session, effect: h.Effect, incoming: h.Incoming) -> Any:
    """One of RAW_EFFECTS, in the transaction of `db` (the worker's Raw, or an EffectApplier's session)."""
    match effect:
        case h.SubmitInquiry(question=question, faq_id=faq_id, score=score):
            # asked when the citizen sent it, not when a worker got to it
            return {"inquiry_id": fb.add_inquiry(question, incoming.user_id, faq_id, score, incoming.timestamp,
                                                 session=db)}
        case h.LogSkip(reason=reason):
            log.info("skipped %s event in %s: %s", incoming.kind, incoming.chat_key, reason)
            return None
    raise TypeError(f"not an effect applied without a session: {effect!r}")


class EffectApplier:
    def __init__(self, session: Session, incoming: h.Incoming, *, ticket_prefix: str, corruption_prefix: str,
                 media: MediaStore, services: Any = None, alerts: StaffAlerts | None = None):
        self.s = session
        self.services = services  # bot.services.Services: the staff's actions tell citizens and call LINE
        self.incoming = incoming
        self.ticket_prefix = ticket_prefix
        self.corruption_prefix = corruption_prefix
        self.media = media
        self.alerts = alerts  # staff told of a new case in this same transaction (bot/runtime/staff_alerts.py)

    def apply_all(self, effects: tuple[h.Effect, ...]) -> dict[int, Any]:
        results: dict[int, Any] = {}
        for index, effect in enumerate(effects):
            results[index] = self.apply(effect)
        return results

    def apply(self, effect: h.Effect) -> Any:
        if isinstance(effect, RAW_EFFECTS):  # alongside effects that need the session (or outside the worker)
            return apply_raw(self.s, effect, self.incoming)
        match effect:
            case h.SubmitComplaint(draft=draft):
                return {"ticket": self._complaint(draft)}
            case h.SubmitCorruption(draft=draft):
                return {"ticket": self._corruption(draft)}
            case h.SavePhoto(message_id=mid, purpose=purpose):
                return self._save_photo(mid, purpose)
            case h.DiscardDraft(purpose=purpose):
                return self._discard(purpose)
            case h.ReopenCase(ticket=ticket, note=note):
                return case_result.reopen(ticket, note, self.incoming.user_id, self.incoming.chat_key,
                                          session=self.s)
            case h.ConfirmResult(ticket=ticket):
                return case_result.confirm(ticket, self.incoming.user_id, session=self.s)
            case h.CancelCase(ticket=ticket):
                return cancel_complaint(ticket, self.incoming.user_id, session=self.s)
            case h.SubmitSurvey(service_id=service_id, ticket=ticket, answers=answers):
                return fb.save_response(service_id, ticket, answers, self.incoming.user_id, session=self.s)
            case h.CommentSurvey(comment=comment):
                return fb.add_comment(self.incoming.user_id, comment, session=self.s)
            case h.InquiryFeedback(inquiry_id=inquiry_id, helpful=helpful):
                return fb.inquiry_feedback(inquiry_id, self.incoming.user_id, helpful, session=self.s)
            case h.SubmitSuggestion(draft=draft):
                return {"ticket": self._suggestion(draft)}
            case h.RecordFollow(following=following):
                if self.incoming.user_id:
                    record_follow(self.incoming.user_id, following, session=self.s)
                return None
            case h.RequestDeletion():
                return request_deletion(self.incoming.user_id, session=self.s) if self.incoming.user_id else None
            case StaffAct():
                return staff_actions.act(effect, self.incoming, session=self.s, services=self.services)
            case LinkStaff():
                return staff_actions.link_staff(effect, self.incoming, session=self.s, services=self.services)
        raise TypeError(f"unknown effect {effect!r}")

    # --- cases: opened in models/citizen_cases.py; their photos are linked here -------------------------
    def _complaint(self, d: Mapping[str, Any]) -> str:
        case = open_complaint(d, self.incoming.user_id, prefix=self.ticket_prefix, session=self.s)
        self._link_photos("complaint", case_id=case.id)
        if self.alerts is not None:
            self.alerts.new_case(case, session=self.s)
        return case.ticket

    def _corruption(self, d: Mapping[str, Any]) -> str:
        report = open_corruption(d, self.incoming.user_id, prefix=self.corruption_prefix, session=self.s)
        self._link_photos("corruption", report_id=report.id)
        if self.alerts is not None:
            self.alerts.new_corruption(report, session=self.s)
        return report.ticket

    def _suggestion(self, d: Mapping[str, Any]) -> str:
        now = utcnow()
        suggestion = Suggestion(ticket=cm.next_ticket(self.ticket_prefix + "S", be_period(now), session=self.s),
                                text=str(d.get("text") or "").strip(), line_user_id=self.incoming.user_id,
                                created_at=now)
        self.s.add(suggestion)
        self.s.flush()
        self._link_photos("suggestion", suggestion_id=suggestion.id)
        return suggestion.ticket

    def _link_photos(self, purpose: str, **owner: Any) -> None:
        self.s.exec(update(Media).where(
            col(Media.chat_key) == self.incoming.chat_key, col(Media.purpose) == purpose,
            col(Media.case_id).is_(None), col(Media.report_id).is_(None), col(Media.suggestion_id).is_(None),
            col(Media.status) != MediaStatus.FAILED).values(**owner))

    def _save_photo(self, message_id: str, purpose: str) -> None:
        if not message_id or self.s.exec(
                select(Media.id).where(col(Media.line_message_id) == message_id)).first() is not None:
            return None  # a redelivered image is saved once
        self.s.add(Media(purpose=purpose, chat_key=self.incoming.chat_key, line_message_id=message_id))
        return None

    def _discard(self, purpose: str) -> None:
        """A cancelled draft keeps none of its photos: PDPA says collect only what a case needs."""
        for m in draft_media(self.incoming.chat_key, purpose, session=self.s):
            if m.path:
                self.media.delete(m.path, session=self.s)
            m.status, m.error, m.path = MediaStatus.FAILED, "draft cancelled", None
            self.s.add(m)
