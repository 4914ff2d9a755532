"""Anonymising stored records, a batch of ids at a time, in the caller's transaction.

What stays: every count, date, category, division, status and handling time (the ITA evidence and
the dashboard read only those), and the substance of a case with personal patterns masked.
What goes: the reporter's name and phone, phone/ID/e-mail patterns in free text, the photos of
closed cases, and the exact spot of a closed case (rounded to about 100 m, and its address without house
number, หมู่ or ซอย, as Open311 publishes them).
A LINE user or chat id is not blanked but replaced by a stand-in (`alias`, see models/privacy.py):
the ITA counts how many different people took part and how many chats there were, and those
counts must not change when the people behind them are forgotten. An open case keeps its photos and exact location: staff still need them to fix the
problem; only who reported it is dropped.

Photo files are deleted before the transaction commits: if the commit then fails, the row still
points at a missing file and the next run marks it again; the other order could leave a file on
disk that no row knows about, which nothing would ever clean up.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlmodel import Session, col

from models.complaint import Case, CaseHistory
from models.corruption import CorruptionHistory, CorruptionReport
from models.db import table_of
from models.enums import OPEN_STATUSES, MediaStatus
from models.events import InboundEvent, OutboundMessage
from models.inquiry import Inquiry
from models.masking import general_area, mask_text, personal_spans
from models.media import AFTER_AREA, Media, preview_key
from models.media_store import MediaStore
from models.privacy import Alias
from models.suggestion import Suggestion
from models.survey import SurveyResponse

log = logging.getLogger(__name__)
ERASED_CHAT = "erased"  # the chat key left on a photo row whose file is gone
ERASED_PAYLOAD = '{"erased": true}'
BLUR_DIGITS = 3  # decimal places of latitude/longitude kept for a closed case: about 110 m
_OPEN = {s.value for s in OPEN_STATUSES}


def _masked_updates(rows: Iterable[Any], fields: tuple[str, ...]) -> list[dict[str, Any]]:
    """Bulk-update parameters for the rows whose text changes when masked (id first in each row)."""
    out = []
    for row in rows:
        values = {f: mask_text(v) for f, v in zip(fields, row[1:]) if v and mask_text(v) != v}
        if values:
            out.append({"id": row[0], **values})
    return out


def _bulk(session: Session, model: type, params: list[dict[str, Any]]) -> None:
    if params:
        # ORM bulk UPDATE by primary key: rows with the same columns go out as one executemany, as
        # long as they are next to each other (masked and unmasked rows would otherwise alternate).
        params.sort(key=lambda p: tuple(sorted(p)))
        session.execute(update(model), params)


def _alias(value: str | None, alias: Alias) -> str | None:
    return alias(value) if value else value


def anonymise_cases(ids: list[int], *, session: Session, media: MediaStore, alias: Alias) -> dict[str, int]:
    """Complaints: identity dropped, text masked; closed ones also lose photos and the exact spot."""
    if not ids:
        return {}
    rows = session.execute(select(col(Case.id), col(Case.status), col(Case.latitude), col(Case.longitude), col(Case.reporter_line_id),
                                  col(Case.description), col(Case.landmark), col(Case.location_title), col(Case.location_address),
                                  col(Case.last_message)).where(col(Case.id).in_(ids))).all()
    text_fields = ("description", "landmark", "location_title", "location_address", "last_message")
    masked = {p["id"]: p for p in _masked_updates([(r[0], *r[5:]) for r in rows], text_fields)}
    spans = {r.id: [sp for text in r[5:] for sp in personal_spans(text)] for r in rows if r.id in masked}
    params, closed = [], []
    for r in rows:
        values = {"id": r.id, "reporter_name": "", "reporter_phone": "",
                  "reporter_line_id": _alias(r.reporter_line_id, alias), **masked.get(r.id, {})}
        if r.status not in _OPEN:
            closed.append(r.id)
            values |= {"latitude": _blur(r.latitude), "longitude": _blur(r.longitude),
                       "location_address": mask_text(general_area(r.location_address))}  # as Open311 shows it
        params.append(values)
    _bulk(session, Case, params)
    notes = session.execute(select(col(CaseHistory.id), col(CaseHistory.note), col(CaseHistory.message))
                            .where(col(CaseHistory.case_id).in_(ids))).all()
    _bulk(session, CaseHistory, _masked_updates(notes, ("note", "message")))
    _unindex(spans, session)
    photos = erase_media(col(Media.case_id).in_(closed), session=session, media=media)
    return {"complaints": len(rows), "photos": photos}


def anonymise_reports(ids: list[int], *, session: Session, media: MediaStore, alias: Alias) -> dict[str, int]:
    """Corruption reports: the reporter's identity goes; the accused and what happened stay (masked),
    because they are the substance of the report. Evidence of a closed report is deleted."""
    if not ids:
        return {}
    rows = session.execute(select(col(CorruptionReport.id), col(CorruptionReport.status), col(CorruptionReport.reporter_line_id),
                                  col(CorruptionReport.accused), col(CorruptionReport.description),
                                  col(CorruptionReport.last_message))
                           .where(col(CorruptionReport.id).in_(ids))).all()
    masked = {p["id"]: p for p in _masked_updates([(r[0], *r[3:]) for r in rows],
                                                  ("accused", "description", "last_message"))}
    _bulk(session, CorruptionReport, [{"id": r.id, "reporter_name": "", "reporter_phone": "",
                                       "reporter_line_id": _alias(r.reporter_line_id, alias),
                                       **masked.get(r.id, {})} for r in rows])
    notes = session.execute(select(col(CorruptionHistory.id), col(CorruptionHistory.note), col(CorruptionHistory.message))
                            .where(col(CorruptionHistory.report_id).in_(ids))).all()
    _bulk(session, CorruptionHistory, _masked_updates(notes, ("note", "message")))
    closed = [r.id for r in rows if r.status not in _OPEN]
    photos = erase_media(col(Media.report_id).in_(closed), session=session, media=media)
    return {"corruption_reports": len(rows), "photos": photos}


def anonymise_inquiries(ids: list[int], *, session: Session, alias: Alias) -> dict[str, int]:
    rows = session.execute(select(col(Inquiry.id), col(Inquiry.question), col(Inquiry.answer), col(Inquiry.line_user_id))
                           .where(col(Inquiry.id).in_(ids))).all()
    masked = {p["id"]: p for p in _masked_updates([r[:3] for r in rows], ("question", "answer"))}
    _bulk(session, Inquiry, [{"id": r.id, "line_user_id": _alias(r.line_user_id, alias), **masked.get(r.id, {})}
                             for r in rows])
    return {"inquiries": len(rows)}


def anonymise_suggestions(ids: list[int], *, session: Session, media: MediaStore, alias: Alias) -> dict[str, int]:
    rows = session.execute(select(col(Suggestion.id), col(Suggestion.text), col(Suggestion.action), col(Suggestion.line_user_id))
                           .where(col(Suggestion.id).in_(ids))).all()
    masked = {p["id"]: p for p in _masked_updates([r[:3] for r in rows], ("text", "action"))}
    _bulk(session, Suggestion, [{"id": r.id, "line_user_id": _alias(r.line_user_id, alias),
                                 **masked.get(r.id, {})} for r in rows])
    photos = erase_media(col(Media.suggestion_id).in_(ids), session=session, media=media)
    return {"suggestions": len(rows), "photos": photos}


def anonymise_surveys(ids: list[int], *, session: Session, alias: Alias) -> dict[str, int]:
    """Survey responses keep every answer (the scores); only who answered and contact in the comment go."""
    rows = session.execute(select(col(SurveyResponse.id), col(SurveyResponse.comment), col(SurveyResponse.line_user_id))
                           .where(col(SurveyResponse.id).in_(ids))).all()
    masked = {p["id"]: p for p in _masked_updates([r[:2] for r in rows], ("comment",))}
    _bulk(session, SurveyResponse, [{"id": r.id, "line_user_id": _alias(r.line_user_id, alias),
                                     **masked.get(r.id, {})} for r in rows])
    return {"survey_responses": len(rows)}


def erase_media(condition: Any, *, session: Session, media: MediaStore) -> int:
    """Deletes the files of the photos matching `condition` and marks their rows erased;
    photos not fetched yet are marked too, so that the fetcher never stores them."""
    rows = session.execute(select(col(Media.id), col(Media.path)).where(condition, col(Media.status) != MediaStatus.ERASED)).all()
    if not rows:
        return 0
    for _, path in rows:
        if path:  # in the caller's transaction with the database store: rows and content go together
            media.delete(path, session=session)
            if path.startswith(AFTER_AREA + "/"):  # an after-photo's preview goes with it
                media.delete(preview_key(path), session=session)
    session.execute(update(Media).where(col(Media.id).in_([r.id for r in rows]))
                    .values(status=MediaStatus.ERASED, path=None, sha256=None, chat_key=ERASED_CHAT,
                            lease_until=None, error=None))
    return len(rows)


def erase_events(ids: list[int], *, session: Session, alias: Alias) -> int:
    """Webhook events keep their type and times (conversation counts); the message and who sent it go."""
    rows = session.execute(select(col(InboundEvent.id), col(InboundEvent.chat_key)).where(col(InboundEvent.id).in_(ids))).all()
    _bulk(session, InboundEvent, [{"id": r.id, "chat_key": alias(r.chat_key), "payload": ERASED_PAYLOAD,
                                   "error": None} for r in rows])
    return len(rows)


def erase_outbound(ids: list[int], *, session: Session, alias: Alias) -> int:
    """Sent (or abandoned) messages keep their purpose and times; what was said and to whom go."""
    rows = session.execute(select(col(OutboundMessage.id), col(OutboundMessage.to)).where(col(OutboundMessage.id).in_(ids))).all()
    _bulk(session, OutboundMessage, [{"id": r.id, "to": alias(r.to), "messages": "[]",
                                      "reply_token": None, "last_error": None} for r in rows])
    return len(rows)


def delete_conversations(chat_keys: list[str], *, session: Session) -> int:
    from models.conversation import Conversation
    from models.events import ChatLease

    if not chat_keys:
        return 0
    n = session.exec(delete(Conversation).where(col(Conversation.chat_key).in_(chat_keys))).rowcount
    session.execute(delete(ChatLease).where(col(ChatLease.chat_key).in_(chat_keys), col(ChatLease.holder).is_(None)))
    return n


def _blur(value: float | None) -> float | None:
    return None if value is None else round(value, BLUR_DIGITS)


def _unindex(spans: dict[int, list[str]], session: Session) -> None:
    """The search index holds the words of a case's text, so also the pieces of a phone number or
    an e-mail address typed into it: those words go (a word found inside a masked stretch and made of
    Latin letters or digits). Cheaper than segmenting the Thai text again, and nothing Thai is lost."""
    if not spans:
        return
    from models.search import CaseWord

    words = session.execute(select(col(CaseWord.word), col(CaseWord.case_id))
                            .where(col(CaseWord.case_id).in_(list(spans)))).all()
    gone = [{"w": w, "c": c} for w, c in words
            if any(ch.isascii() and ch.isalnum() for ch in w) and any(w in sp for sp in spans[c])]
    if gone:
        table = table_of(CaseWord)  # executemany needs Core: the ORM has no bulk DELETE by key
        session.connection().execute(delete(table).where(table.c.word == bindparam("w"),
                                                         table.c.case_id == bindparam("c")), gone)
