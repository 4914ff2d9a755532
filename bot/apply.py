"""Applies the effects a handler asked for, inside the caller's transaction."""
from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Mapping

from sqlalchemy import update
from sqlmodel import Session

from handlers import types as h
from messages_th.dates import BANGKOK
from models import chat_feedback as fb
from models import complaint as cm
from models import nlu_label
from models.conversation import record_follow
from models.corruption import CorruptionHistory, CorruptionReport
from models.db import utcnow
from models.enums import CaseStatus, MediaStatus, can_transition
from models.media import Media, draft_media
from models.privacy import request_deletion
from models.search import index_case
from models.suggestion import Suggestion

log = logging.getLogger(__name__)


def be_period(now_utc: datetime) -> str:
    """YYMM in the Buddhist era, Bangkok time: the middle of a ticket number."""
    local = (now_utc if now_utc.tzinfo else now_utc.replace(tzinfo=UTC)).astimezone(BANGKOK)
    return f"{(local.year + 543) % 100:02d}{local.month:02d}"


class EffectApplier:
    def __init__(self, session: Session, incoming: h.Incoming, *, ticket_prefix: str, corruption_prefix: str,
                 media_root: Path):
        self.s = session
        self.incoming = incoming
        self.ticket_prefix = ticket_prefix
        self.corruption_prefix = corruption_prefix
        self.media_root = media_root

    def apply_all(self, effects: tuple[h.Effect, ...]) -> dict[int, Any]:
        results: dict[int, Any] = {}
        for index, effect in enumerate(effects):
            results[index] = self.apply(effect)
        return results

    def apply(self, effect: h.Effect) -> Any:
        match effect:
            case h.SubmitComplaint(draft=draft):
                return {"ticket": self._complaint(draft)}
            case h.SubmitCorruption(draft=draft):
                return {"ticket": self._corruption(draft)}
            case h.SavePhoto(message_id=mid, purpose=purpose):
                return self._save_photo(mid, purpose)
            case h.DiscardDraft(purpose=purpose):
                return self._discard(purpose)
            case h.CancelCase(ticket=ticket):
                return self._cancel(ticket)
            case h.SubmitSurvey(service_id=service_id, ticket=ticket, answers=answers):
                return fb.save_response(service_id, ticket, answers, self.incoming.user_id, session=self.s)
            case h.CommentSurvey(comment=comment):
                return fb.add_comment(self.incoming.user_id, comment, session=self.s)
            case h.SubmitInquiry(question=question, faq_id=faq_id, score=score):
                # asked when the citizen sent it, not when a worker got to it
                inquiry_id = fb.add_inquiry(question, self.incoming.user_id, faq_id, score,
                                            self.incoming.timestamp, session=self.s)
                return {"inquiry_id": inquiry_id}
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
            case h.LogSkip(reason=reason):
                log.info("skipped %s event in %s: %s", self.incoming.kind, self.incoming.chat_key, reason)
                return None
        raise TypeError(f"unknown effect {effect!r}")

    # --- complaint -------------------------------------------------------------------------------
    def _complaint(self, d: Mapping[str, Any]) -> str:
        now = utcnow()
        category = self.s.get(cm.Category, d.get("category_id")) if d.get("category_id") else None
        loc = d.get("location") or {}
        mode = d.get("contact_mode") if d.get("contact_mode") in ("line", "given", "anonymous") else "anonymous"
        case = cm.Case(
            ticket=cm.next_ticket(self.ticket_prefix, be_period(now), session=self.s),
            category_id=category.id if category else None,
            division_id=category.division_id if category else None,
            description=str(d.get("description") or "").strip(),
            landmark=str(d.get("landmark") or "")[:500],
            latitude=loc.get("latitude"), longitude=loc.get("longitude"),
            location_title=str(loc.get("title") or "")[:200], location_address=str(loc.get("address") or "")[:500],
            contact_mode=mode,
            # Kept even for anonymous complaints so that status news reaches the citizen;
            # staff see the name and phone only when the citizen chose to give them.
            reporter_line_id=self.incoming.user_id,
            reporter_name=str(d.get("name") or "")[:200] if mode != "anonymous" else "",
            reporter_phone=str(d.get("phone") or "")[:32] if mode == "given" else "",
            created_at=now, updated_at=now, due_at=cm.due_date(now),
        )
        self.s.add(case)
        self.s.flush()
        index_case(case, session=self.s)  # staff find it by Thai words from the start
        nlu_label.record(case.id, case.category_id, "citizen", session=self.s)  # type: ignore[arg-type]
        cm.add_history(case.id, "citizen", None, CaseStatus.RECEIVED, kind="created", session=self.s)  # type: ignore[arg-type]
        self._link_photos("complaint", case_id=case.id)
        return case.ticket

    def _corruption(self, d: Mapping[str, Any]) -> str:
        now = utcnow()
        given = d.get("contact_mode") == "given"
        report = CorruptionReport(
            ticket=cm.next_ticket(self.corruption_prefix, be_period(now), session=self.s),
            accused=str(d.get("accused") or "").strip(), description=str(d.get("description") or "").strip(),
            contact_mode="given" if given else "anonymous", reporter_line_id=self.incoming.user_id,
            reporter_name=str(d.get("name") or "")[:200] if given else "",
            reporter_phone=str(d.get("phone") or "")[:32] if given else "",
            created_at=now, updated_at=now, due_at=cm.due_date(now),
        )
        self.s.add(report)
        self.s.flush()
        self.s.add(CorruptionHistory(report_id=report.id, actor="citizen", to_status=CaseStatus.RECEIVED,
                                     kind="created"))
        self._link_photos("corruption", report_id=report.id)
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
        self.s.exec(update(Media).where(  # type: ignore[call-overload]
            Media.chat_key == self.incoming.chat_key, Media.purpose == purpose,
            Media.case_id.is_(None), Media.report_id.is_(None), Media.suggestion_id.is_(None),  # type: ignore[union-attr]
            Media.status != MediaStatus.FAILED).values(**owner))

    def _save_photo(self, message_id: str, purpose: str) -> None:
        if not message_id or self.s.exec(  # type: ignore[call-overload]
                Media.__table__.select().where(Media.line_message_id == message_id)).first():
            return None  # a redelivered image is saved once
        self.s.add(Media(purpose=purpose, chat_key=self.incoming.chat_key, line_message_id=message_id))
        return None

    def _discard(self, purpose: str) -> None:
        """A cancelled draft keeps none of its photos: PDPA says collect only what a case needs."""
        for m in draft_media(self.incoming.chat_key, purpose, session=self.s):
            if m.path:
                (self.media_root / m.path).unlink(missing_ok=True)
            m.status, m.error, m.path = MediaStatus.FAILED, "draft cancelled", None
            self.s.add(m)

    def _cancel(self, ticket: str) -> bool:
        case = cm.case_by_ticket(ticket, session=self.s)
        if case is None or case.reporter_line_id != self.incoming.user_id:
            return False
        if not can_transition("citizen", CaseStatus(case.status), CaseStatus.CANCELLED):
            return False
        old, now = case.status, utcnow()
        case.status, case.updated_at, case.closed_at = CaseStatus.CANCELLED, now, now
        self.s.add(case)
        cm.add_history(case.id, "citizen", old, CaseStatus.CANCELLED, session=self.s)  # type: ignore[arg-type]
        return True
