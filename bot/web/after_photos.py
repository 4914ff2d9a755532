"""After-photos at public, unguessable addresses: LINE fetches a pushed image itself, with no login,
and Open311 may show them (OPEN311_AFTER_PHOTOS). bot/runtime/after_photos.py signs the addresses.

Every refusal is the same 404 (a wrong signature, not an after-photo, not stored, erased), so trying
addresses learns nothing. A photo an officer sent from LINE and not fetched yet is fetched on the spot;
its preview (what the chat shows before a tap) is made on first request and kept in the media store.
"""
from __future__ import annotations

import io
import logging
import time

from flask import Blueprint, abort, current_app, send_file
from PIL import Image

from bot.admin.media_send import IMAGE_TYPES
from bot.runtime import after_photos
from bot.runtime.media_fetch import MediaFetcher
from models.case_queries import MAX_ID
from models.db import read_scope
from models.enums import MediaStatus
from models.media import Media, preview_key
from models.media_store import CONFIDENTIAL, safe_key

bp = Blueprint("after_photos", __name__)
log = logging.getLogger(__name__)
FETCH_WAIT = 5.0  # seconds to wait for a worker already fetching a photo from LINE
MAX_AGE = 3600  # seconds a browser or LINE may keep it; short, since a privacy erasure must take effect


def _load(media_id: int) -> Media | None:
    with read_scope(current_app.extensions["db_engine"]) as s:
        m = s.get(Media, media_id)
    if m is None or m.purpose != after_photos.PURPOSE or m.case_id is None or m.report_id is not None:
        return None
    return m


def _fetch_now(media_id: int) -> Media | None:
    """An after-photo an officer sent from LINE that the workers have not fetched yet (the news is
    pushed as the case is resolved, and LINE may ask for the image at once): fetch it now, or wait a
    moment for the worker that is fetching it."""
    if not MediaFetcher(current_app.extensions["services"]).fetch(media_id):
        deadline = time.monotonic() + FETCH_WAIT
        while time.monotonic() < deadline:
            m = _load(media_id)
            if m is None or m.status != MediaStatus.PENDING:
                return m
            time.sleep(0.2)
    return _load(media_id)


def _photo(media_id: int, sig: str) -> tuple[str, str]:
    """(media-store key, content type) of a servable after-photo, or 404."""
    settings = current_app.extensions["settings"]
    if media_id > MAX_ID or not after_photos.valid_signature(settings.secret_key, media_id, sig):
        abort(404)
    m = _load(media_id)
    if m is not None and m.status == MediaStatus.PENDING:
        m = _fetch_now(media_id)
    if m is None or m.status != MediaStatus.STORED:
        abort(404)
    key = safe_key(m.path)
    if key is None or key.split("/", 1)[0] == CONFIDENTIAL:
        abort(404)
    return key, m.content_type or "image/jpeg"


def _send(data: bytes | None, mimetype: str):
    if data is None:
        abort(404)
    ctype = mimetype if mimetype in IMAGE_TYPES else "application/octet-stream"
    resp = send_file(io.BytesIO(data), mimetype=ctype, conditional=True, max_age=MAX_AGE, etag=False,
                     download_name="photo")
    resp.headers["Cache-Control"] = f"private, max-age={MAX_AGE}"
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["X-Robots-Tag"] = "noindex"
    return resp


def _store():
    return current_app.extensions["services"].media


@bp.get("/photos/after/<int:media_id>/<sig>.jpg")
def original(media_id: int, sig: str):
    key, ctype = _photo(media_id, sig)
    return _send(_store().get(key), ctype)


@bp.get("/photos/after/<int:media_id>/<sig>/preview.jpg")
def preview(media_id: int, sig: str):
    key, _ = _photo(media_id, sig)
    store, small = _store(), preview_key(key)
    data = store.get(small)
    if data is None:  # a photo sent from LINE: its preview is made once, here
        full = store.get(key)
        if full is None:
            abort(404)
        try:
            with Image.open(io.BytesIO(full)) as img:
                data = after_photos.jpeg(img.convert("RGB"), after_photos.PREVIEW_SIDE)
        except OSError:
            log.exception("after-photo %s: no preview", media_id)
            abort(404)
        store.put(small, data, "image/jpeg")
    return _send(data, "image/jpeg")
