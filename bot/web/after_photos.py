"""After-photos at public, unguessable addresses: LINE fetches a pushed image itself, with no login,
and Open311 may show them (OPEN311_AFTER_PHOTOS). bot/runtime/after_photos.py signs the addresses.

Every refusal is the same 404 (a wrong signature, not an after-photo, not stored, erased), so trying
addresses learns nothing. A photo an officer sent from LINE and not fetched yet is fetched on the spot. The preview (what the chat shows before a tap) is made from the photo on
first request when staff sent it from LINE rather than uploading it.
"""
from __future__ import annotations

import logging
import time

from flask import Blueprint, abort, current_app, send_file
from PIL import Image

from bot.admin.media_views import stored_file
from bot.runtime import after_photos
from bot.runtime.media_fetch import MediaFetcher
from models.case_queries import MAX_ID
from models.db import read_scope
from models.enums import MediaStatus
from models.media import Media

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


def _photo(media_id: int, sig: str):
    settings = current_app.extensions["settings"]
    if media_id > MAX_ID or not after_photos.valid_signature(settings.secret_key, media_id, sig):
        abort(404)
    m = _load(media_id)
    if m is not None and m.status == MediaStatus.PENDING:
        m = _fetch_now(media_id)
    if m is None or m.status != MediaStatus.STORED:
        abort(404)
    path = stored_file(m)
    if path is None:
        abort(404)
    return path


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


def _send(path, mimetype: str):
    resp = send_file(path, mimetype=mimetype, conditional=True, max_age=MAX_AGE)
    resp.headers["Cache-Control"] = f"private, max-age={MAX_AGE}"
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["X-Robots-Tag"] = "noindex"
    return resp


@bp.get("/photos/after/<int:media_id>/<sig>.jpg")
def original(media_id: int, sig: str):
    path = _photo(media_id, sig)
    # An upload is a clean JPEG (after_photos.clean_image); a photo sent from LINE is LINE's own JPEG.
    return _send(path, "image/png" if path.suffix == ".png" else "image/jpeg")


@bp.get("/photos/after/<int:media_id>/<sig>/preview.jpg")
def preview(media_id: int, sig: str):
    path = _photo(media_id, sig)
    small = after_photos.preview_path(path)
    if not small.is_file():
        try:
            with Image.open(path) as img:
                data = after_photos.jpeg(img.convert("RGB"), after_photos.PREVIEW_SIDE)
            tmp = small.with_suffix(".part")
            tmp.write_bytes(data)
            tmp.replace(small)
        except OSError:
            log.exception("after-photo %s: no preview", media_id)
            abort(404)
    return _send(small, "image/jpeg")
