"""Fetches the content of photos citizens sent from LINE's data API and puts it in the media store
(models/media_store.py: the database, or MEDIA_DIR on a one-machine SQLite setup)."""
from __future__ import annotations

import errno
import hashlib
import logging
import uuid
from datetime import timedelta

from bot.line.gateway import GatewayError
from bot.runtime.outbox import backoff
from bot.services import Services
from models.db import read_scope, session_scope, utcnow
from models.enums import MediaStatus
from models.media import Media, claim_media, due_media_ids

log = logging.getLogger(__name__)

ALLOWED = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp"}
MAX_ATTEMPTS = 6
# By Media.purpose; else "cases". Staff's after-photos sent from LINE join the uploaded ones.
FOLDERS = {"corruption": "confidential", "suggestion": "suggestions", "after": "after"}


class MediaFetcher:
    def __init__(self, services: Services):
        self.sv = services
        self.lease = timedelta(seconds=services.settings.line_timeout_seconds * 2 + 5)

    def fetch_due(self, limit: int = 5) -> int:
        with read_scope(self.sv.engine) as s:
            ids = due_media_ids(session=s, limit=limit)
        return sum(self.fetch(i) for i in ids)

    def fetch(self, media_id: int) -> bool:
        with session_scope(self.sv.engine) as s:
            m = claim_media(media_id, self.lease, session=s)
            if m is None:
                return False
        try:
            data, content_type = self.sv.gateway.get_content(m.line_message_id, self.sv.settings.max_image_bytes)
            ctype = content_type.split(";")[0].strip().lower()
            if ctype not in ALLOWED:
                return self._fail(m, f"not an image: {ctype}", final=True)
            rel = self._key(m, ALLOWED[ctype])
        except GatewayError as exc:
            final = not exc.result.retryable  # 404: LINE no longer has it
            return self._fail(m, str(exc), final=final)
        try:
            with session_scope(self.sv.engine) as s:
                row = s.get(Media, m.id)
                if row is None:
                    return False
                # The content and the row saying it is stored are one transaction (database store).
                self.sv.media.put(rel, data, ctype, session=s)
                row.status, row.path, row.content_type = MediaStatus.STORED, rel, ctype
                row.size, row.sha256, row.error, row.lease_until = len(data), hashlib.sha256(data).hexdigest(), None, None
                s.add(row)
        except OSError as exc:
            # A full disk must not lose the photo: LINE keeps it for a while, so try again later.
            level = log.error if exc.errno == errno.ENOSPC else log.exception
            level("media %s: could not write: %s", m.id, exc)
            return self._fail(m, f"disk: {exc}", final=False, counted=False)
        return True

    @staticmethod
    def _key(m: Media, ext: str) -> str:
        # Corruption evidence lives apart (its own folder, or its own table) so it can be permissioned
        # and backed up apart; a suggestion's photos are not a case's, so they are kept apart too.
        folder = FOLDERS.get(m.purpose, "cases")
        now = utcnow()
        return f"{folder}/{now:%Y}/{now:%m}/{uuid.uuid4().hex}{ext}"

    def _fail(self, m: Media, error: str, *, final: bool, counted: bool = True) -> bool:
        """counted=False: our own disk failed, not LINE; a full disk can take hours to clear, so we keep
        trying (every five minutes at most) until LINE no longer has the content (a final 404)."""
        with session_scope(self.sv.engine) as s:
            row = s.get(Media, m.id)
            if row is None:
                return False
            give_up = final or (counted and row.attempts >= MAX_ATTEMPTS)
            row.status = MediaStatus.FAILED if give_up else MediaStatus.PENDING
            row.error, row.lease_until, row.not_before = error[:2000], None, utcnow() + backoff(row.attempts)
            s.add(row)
        log.warning("media %s (%s): %s", m.id, "gave up" if give_up else "will retry", error)
        return give_up
