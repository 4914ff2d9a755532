"""POST /callback: verify, store every event under its webhookEventId, answer 200. Nothing slow here."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
from typing import Any

from flask import Blueprint, Flask, current_app, request
from sqlalchemy.exc import SQLAlchemyError

from bot.web.webhook_rows import rows_of
from models.db import raw_write
from models.events import STORE_CHUNK, store_events

log = logging.getLogger(__name__)
bp = Blueprint("webhook", __name__)
# The largest body taken, anywhere (MAX_CONTENT_LENGTH; bot/web/http_worker.py reads no more).
# LINE documents no maximum body nor events per body; a text message is at most 5,000 UTF-16
# units (about 15 KB of Thai in UTF-8, 30 KB \u-escaped), so 1 MB holds dozens of the longest
# messages or thousands of ordinary events, while LINE sends events as they happen, a few per
# body. No form of the admin pages comes near it. It was 12 MB: 64 unsigned 12 MB posts grew a
# web process to 268 MB.
MAX_BODY_BYTES = 1024 * 1024
# LINE waits 2 s for the answer; a store that cannot start by then is answered 503 (LINE redelivers).
STORE_WAIT_SECONDS = 1.5


def valid_signature(channel_secret: bytes, body: bytes, signature: str) -> bool:
    """X-Line-Signature: base64(HMAC-SHA256(channel secret, the exact body bytes)), compared in
    constant time. The same check as line-bot-sdk's SignatureValidator, without loading the SDK
    (about 45 MB) into every web process."""
    expected = base64.b64encode(hmac.new(channel_secret, body, hashlib.sha256).digest())
    return hmac.compare_digest(expected, signature.encode("utf-8", "replace"))


def _parse(text: str) -> dict[str, Any] | None:
    try:
        body = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: arrays or objects nested thousands deep
        return None
    if not isinstance(body, dict) or not isinstance(body.get("events"), list):
        return None
    if not all(isinstance(e, dict) for e in body["events"]):
        return None
    return body


def receive(app: Flask, raw: bytes, signature: str) -> tuple[int, str]:
    """Verify, parse, store: (HTTP status, text) for LINE. Needs no request context."""
    if not signature or not valid_signature(app.extensions["channel_secret"], raw, signature):
        log.warning("webhook: missing or wrong signature")
        return 400, "bad signature"
    try:
        body = _parse(raw.decode("utf-8"))
    except UnicodeDecodeError:
        body = None
    if body is None:
        log.warning("webhook: malformed body")
        return 400, "malformed body"
    rows = rows_of(body)
    if rows:
        try:
            with raw_write(app.extensions["db_engine"], wait=STORE_WAIT_SECONDS,
                           one_statement=len(rows) <= STORE_CHUNK) as db:
                new = store_events(rows, session=db)
        except SQLAlchemyError:
            # Not stored, so not acknowledged: LINE redelivers when the database is back.
            log.exception("webhook: could not store %d events", len(rows))
            return 503, "temporarily unavailable"
        if new:
            app.extensions["waker"].set()  # workers in this process and in others
    return 200, "OK"


@bp.post("/callback")
def callback() -> tuple[str, int, dict[str, str]]:
    """Reached only when the shortcut below is not in front (e.g. a body without Content-Length)."""
    status, text = receive(current_app, request.get_data(cache=False),  # used within this request only
                           request.headers.get("X-Line-Signature", ""))
    return text, status, {"Content-Type": "text/plain; charset=utf-8"}


class CallbackShortcut:
    """WSGI middleware: POST /callback is answered here, before Flask's request machinery (URL
    routing, the session cookie that Flask-Login's after-request hook opens, CSRF, response
    hooks), none of which a signed LINE request needs. That machinery was about half of the
    web process's CPU per acknowledgement, and the acknowledgement rate is a target."""

    _REASONS = {200: "OK", 400: "BAD REQUEST", 413: "REQUEST ENTITY TOO LARGE", 500: "INTERNAL SERVER ERROR",
                503: "SERVICE UNAVAILABLE"}

    def __init__(self, app: Flask, inner: Any):
        self.app, self.inner = app, inner

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        length = environ.get("CONTENT_LENGTH") or ""
        if environ.get("PATH_INFO") != "/callback" or environ.get("REQUEST_METHOD") != "POST" or not length.isdigit():
            return self.inner(environ, start_response)
        if int(length) > (self.app.config.get("MAX_CONTENT_LENGTH") or MAX_BODY_BYTES):
            status, text = 413, "too large"
        else:
            try:
                status, text = receive(self.app, environ["wsgi.input"].read(int(length)),
                                       environ.get("HTTP_X_LINE_SIGNATURE", ""))
            except Exception:  # as Flask would: a 500, logged, and the process goes on
                log.exception("webhook: unexpected error")
                status, text = 500, "internal error"
        body = text.encode()
        start_response(f"{status} {self._REASONS[status]}", [("Content-Type", "text/plain; charset=utf-8"),
                                                            ("Content-Length", str(len(body)))])
        return [body]
