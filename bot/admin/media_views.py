"""Photos of public complaints and of suggestions, served only to staff who may see the case or
the suggestion.

Every refusal is the same 404 (no such id, not a complaint photo, another division's case, not
stored yet), so guessing ids learns nothing. Corruption evidence is never served here: its purpose,
its owner column and its folder are each checked.
"""
from __future__ import annotations

from pathlib import Path

from flask import abort, current_app, send_file
from flask_login import current_user

from bot.admin import auth, bp
from bot.admin.cases import QUEUE_ROLES, can_view
from bot.admin.permissions import roles
from models.case_queries import MAX_ID
from models.complaint import Case
from models.db import read_scope
from models.enums import MediaStatus
from models.media import Media
from models.suggestion import Suggestion

IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})
CONFIDENTIAL_DIR = "confidential"
SUGGESTION_ROLES = roles("suggestions.read")
# A complaint's photos: the citizen's, the citizen's when reopening it, and staff's after-photos.
CASE_PURPOSES = frozenset({"complaint", "reopen", "after"})


def stored_file(media: Media) -> Path | None:
    """The photo's file under MEDIA_DIR, or None (outside it, confidential, or gone)."""
    root = current_app.extensions["settings"].media_path.resolve()
    path = (root / (media.path or "")).resolve()
    if not media.path or not path.is_relative_to(root) or path == root:
        return None
    if path.relative_to(root).parts[0] == CONFIDENTIAL_DIR:
        return None
    return path if path.is_file() else None


@bp.get("/media/<int:media_id>")
@auth.roles_required(*QUEUE_ROLES)
def media(media_id: int):
    if media_id > MAX_ID:
        abort(404)
    with read_scope(current_app.extensions["db_engine"]) as s:
        m = s.get(Media, media_id)
        if m is None or m.report_id is not None or m.status != MediaStatus.STORED:
            abort(404)
        if m.purpose == "suggestion":
            # Suggestions belong to no division: every role that reads suggestions sees their photos.
            if (m.suggestion_id is None or m.case_id is not None or s.get(Suggestion, m.suggestion_id) is None
                    or not current_user.has_role(*SUGGESTION_ROLES)):
                abort(404)
        else:
            if m.purpose not in CASE_PURPOSES or m.case_id is None:
                abort(404)
            case = s.get(Case, m.case_id)
            if case is None or not can_view(current_user, case):
                abort(404)
    path = stored_file(m)
    if path is None:
        abort(404)
    ctype = m.content_type if m.content_type in IMAGE_TYPES else "application/octet-stream"
    resp = send_file(path, mimetype=ctype, conditional=True, max_age=0,
                     as_attachment=ctype == "application/octet-stream")
    # A citizen's photo: not kept by shared caches, never sniffed into something runnable.
    resp.headers["Cache-Control"] = "private, no-store"
    resp.headers["X-Content-Type-Options"] = "nosniff"
    return resp
