"""A case's status news to the citizen who reported it, composed once for every place staff act from:
the case page (bot/admin/news.py wraps this with the app's waker) and the staff flow in LINE.

Flask-free: the caller passes how to wake the workers and, for a resolution, the after-photos as
`PhotoLink`s (bot/runtime/after_photos.photo_links builds them: public, signed URLs). The push is queued
in the caller's transaction through bot.runtime.outbox.tell (nothing for a missing or anonymised id).

A resolved complaint's news is: the text, then up to MAX_PHOTOS image messages (LINE takes at most five
messages per push: one text + four photos; more photos stay on the case page), the quick replies on the
last message (LINE shows only the last message's): "เรียบร้อยแล้ว", "ยังไม่เรียบร้อย", the survey offer
when the case is not yet rated, then the case's status and the menu (handlers/case_result.fixed_actions).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from sqlmodel import Session

from bot.runtime import outbox
from handlers import case_result, tracking, ui
from messages_th import strings as citizen
from messages_th.admin_cases import citizen_update
from messages_th.case_result import t as result_t
from messages_th.dates import status_label
from messages_th.survey import t as survey_t
from models.case_base import CaseColumns
from models.chat_feedback import has_response
from models.corruption import CorruptionReport
from models.db import id_of
from models.enums import CaseStatus
from models.media import AFTER_PHOTOS_PER_NEWS

MAX_MESSAGES = 5  # LINE's limit per push
MAX_PHOTOS = AFTER_PHOTOS_PER_NEWS  # MAX_MESSAGES less the text


class PhotoLink(NamedTuple):
    """An after-photo as LINE fetches it (public https, or the simulator's own address)."""

    original: str
    preview: str


def image_message(photo: PhotoLink) -> dict[str, Any]:
    return {"type": "image", "originalContentUrl": photo.original, "previewImageUrl": photo.preview}


def tell_about_case(case: CaseColumns, session: Session, *, status: str | None, message: str,
                    wake: outbox.Wakeable | None, photos: Sequence[PhotoLink] = ()) -> bool:
    """News of a case to the citizen who reported it: its `status` (None: unchanged, not repeated),
    the staff's `message` and, for a complaint, up to four after-`photos`; a button to see the case.
    Whether a push was queued (the page then says so)."""
    if isinstance(case, CorruptionReport):
        # Always says the status; the outbox row names no ticket, so nothing outside the integrity
        # pages links a LINE id to a report. Never photos: they could say who looked into it.
        body = citizen.t("cr.update", ticket=case.ticket, status=status_label(case.status))
        if message:
            body += "\n" + citizen.t("cr.update_message", message=message)
        return outbox.tell(session, case.reporter_line_id, [tracking.news(body, case.ticket)],
                           purpose="corruption_news", wake=wake)
    body = citizen_update(case.ticket, status, message)
    if status == CaseStatus.RESOLVED:
        # A complaint is done: is it fixed (handlers/case_result), and how did it go, one tap away
        # (one response per case; see handlers/survey). This is the survey's one hook into the news.
        rate = not has_response(id_of(case), session=session)
        text = "\n\n".join([body, result_t("rs.fixed_hint")] + ([survey_t("sv.invite")] if rate else []))
        push = ui.text(text, case_result.fixed_actions(case.ticket, rate))
    else:
        push = tracking.news(body, case.ticket)
    # The links come from after_photos.photo_links, which gives none where LINE could not fetch them.
    images = [image_message(p) for p in photos][:MAX_PHOTOS]
    messages = [push]
    if images:
        # The quick replies move to the last message, the only one whose LINE shows.
        quick = push.pop("quickReply", None)
        messages += images
        if quick:
            messages[-1]["quickReply"] = quick
    return outbox.tell(session, case.reporter_line_id, messages, purpose="status", ticket=case.ticket,
                       wake=wake)
