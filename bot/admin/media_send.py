"""Sends a stored photo to a member of staff, from whichever media store the service uses
(models/media_store.py), with the same headers everywhere a citizen's photo is shown."""
from __future__ import annotations

import io

from flask import Response, abort, current_app, send_file

from models.media_store import MediaStore

IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})


def store() -> MediaStore:
    return current_app.extensions["services"].media


def send_media(rel: str | None, content_type: str | None, etag: str | None = None) -> Response:
    """404 when the content is missing. Only images are shown inline; anything else downloads, so a
    stored file can never run as a page."""
    data = store().get(rel) if rel else None
    if data is None:
        abort(404)
    ctype = content_type if content_type in IMAGE_TYPES else "application/octet-stream"
    resp = send_file(io.BytesIO(data), mimetype=ctype, conditional=True, max_age=0, etag=etag or False,
                     as_attachment=ctype == "application/octet-stream", download_name="photo")
    # A citizen's photo: not kept by shared caches, never sniffed into something runnable.
    resp.headers["Cache-Control"] = "private, no-store"
    resp.headers["X-Content-Type-Options"] = "nosniff"
    return resp
