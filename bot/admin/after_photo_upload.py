"""After-photos uploaded with a status change or news on the case page (bot/admin/case_actions.py).

The files are read from the request (the form is multipart; the page's script shrinks them first, as
the whole request stays under the service's 1 MB body limit), cleaned and stored by
bot/runtime/after_photos.py in the page's transaction, and linked for LINE when the service has a
public https address.
"""
from __future__ import annotations

from flask import current_app, request
from sqlmodel import Session

from bot.runtime import after_photos
from bot.runtime.case_news import MAX_PHOTOS, PhotoLink
from models.complaint import Case
from models.db import id_of

FIELD = "photos"


def uploaded_files() -> list:
    """The photo files the form sent (an empty file input sends one nameless, empty part)."""
    return [f for f in request.files.getlist(FIELD) if f and f.filename]


def store(case: Case, files: list, uploader: str, *, session: Session) -> tuple[list[int], list[PhotoLink]]:
    """(ids, links for LINE) of the photos stored. Raises after_photos.BadPhoto ("count", "type", "size")."""
    if len(files) > MAX_PHOTOS:
        raise after_photos.BadPhoto("count")
    settings = current_app.extensions["settings"]
    ids: list[int] = []
    for f in files:
        data = f.stream.read(settings.max_image_bytes + 1)
        row = after_photos.store_upload(data, f.mimetype or "", case_id=id_of(case), uploader=uploader,
                                        media=current_app.extensions["services"].media,
                                        max_bytes=settings.max_image_bytes,
                                        session=session)
        ids.append(row.id or 0)  # flushed: it has one
    return ids, after_photos.photo_links(settings.photo_base_url, settings.secret_key, ids)


def public_https() -> bool:
    """Whether LINE can be sent the photos (an https public address, or the simulator's fake LINE):
    the page says so when it cannot."""
    return bool(current_app.extensions["settings"].photo_base_url)
