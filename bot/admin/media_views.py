"""Photos of public complaints and of suggestions, served only to staff who may see the case or
the suggestion.

Every refusal is the same 404 (no such id, not a complaint photo, another division's case, not
stored yet), so guessing ids learns nothing. Corruption evidence is never served here: its purpose,
its owner column and its area of the media store are each checked.
"""
from __future__ import annotations

from flask import abort, current_app
from flask_login import current_user

from bot.admin import auth, bp
from bot.admin.cases import QUEUE_ROLES
from bot.admin.media_send import send_media
from bot.admin.permissions import can_view, roles
from models.case_queries import MAX_ID
from models.complaint import Case
from models.db import read_scope
from models.enums import MediaStatus
from models.media import Media
from models.media_store import CONFIDENTIAL, safe_key
from models.suggestion import Suggestion

SUGGESTION_ROLES = roles("suggestions.read")
# A complaint's photos: the citizen's, the citizen's when reopening it, and staff's after-photos.
CASE_PURPOSES = frozenset({"complaint", "reopen", "after"})


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
    key = safe_key(m.path)
    if key is None or key.split("/", 1)[0] == CONFIDENTIAL:
        abort(404)
    return send_media(key, m.content_type, etag=m.sha256)
