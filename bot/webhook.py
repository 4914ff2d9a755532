"""POST /callback: verify, store every event under its webhookEventId, answer 200. Nothing slow here."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import time
from typing import Any

from flask import Blueprint, Flask, current_app, request
from sqlalchemy.exc import SQLAlchemyError

from models.db import write_scope
from models.events import store_events

log = logging.getLogger(__name__)
bp = Blueprint("webhook", __name__)
# A timestamp past the year 9999 fits no datetime (and past 2^63 no BIGINT): such an event is taken
# as received now, instead of failing its whole body forever.
MAX_TIMESTAMP_MS = 253_402_300_800_000
# LINE waits 2 s for the answer; a store that cannot start by then is answered 503 (LINE redelivers).
STORE_WAIT_SECONDS = 1.5


def valid_signature(channel_secret: bytes, body: bytes, signature: str) -> bool:
    """X-Line-Signature: base64(HMAC-SHA256(channel secret, the exact body bytes)), compared in
    constant time. The same check as line-bot-sdk's SignatureValidator, without loading the SDK
    (about 45 MB) into every web process."""
    expected = base64.b64encode(hmac.new(channel_secret, body, hashlib.sha256).digest())
    return hmac.compare_digest(expected, signature.encode("utf-8", "replace"))


def chat_key_of(event: dict[str, Any]) -> str:
    """The chat an event belongs to: its events are handled one at a time, in order."""
    source = event.get("source") if isinstance(event.get("source"), dict) else {}
    kind = source.get("type") if isinstance(source.get("type"), str) else None  # anything else: no chat
    ident = {"user": source.get("userId"), "group": source.get("groupId"), "room": source.get("roomId")}.get(kind)
    if kind and isinstance(ident, str) and ident:
        return f"{kind}:{ident}"[:80]
    return f"none:{event_id_of(event)}"[:80]


def event_id_of(event: dict[str, Any]) -> str:
    """LINE's webhookEventId; old-style bodies without one get a stable digest of the event."""
    ident = event.get("webhookEventId")
    if isinstance(ident, str) and ident:
        return ident[:64]
    canonical = json.dumps(event, sort_keys=True, ensure_ascii=False).encode()
    return "sha256:" + hashlib.sha256(canonical).hexdigest()[:57]


def _rows(body: dict[str, Any]) -> list[dict[str, Any]]:
    destination = str(body.get("destination") or "")[:64]
    now_ms = int(time.time() * 1000)
    rows, seen = [], set()
    for event in body["events"]:
        ident = event_id_of(event)
        if ident in seen:  # the same event twice in one body is still one event
            continue
        seen.add(ident)
        ts = event.get("timestamp")
        delivery = event.get("deliveryContext") if isinstance(event.get("deliveryContext"), dict) else {}
        rows.append({
            "webhook_event_id": ident,
            "destination": destination,
            "chat_key": chat_key_of(event),
            "event_type": str(event.get("type") or "unknown")[:40],
            "timestamp_ms": ts if isinstance(ts, int) and not isinstance(ts, bool) and 0 < ts < MAX_TIMESTAMP_MS
            else now_ms,
            "payload": json.dumps(event, ensure_ascii=False),
            "is_redelivery": bool(delivery.get("isRedelivery")),
        })
    return rows


def _parse(text: str) -> dict[str, Any] | None:
    try:
        body = json.loads(text)
    except ValueError:
        return None
    if not isinstance(body, dict) or not isinstance(body.get("events"), list):
        return None
    if not all(isinstance(e, dict) for e in body["events"]):
        return None
    return body


def receive(app: Flask, raw: bytes, signature: str) -> tuple[int, str]:
    """Verify, parse, store: (HTTP status, text) for LINE. Needs no request context."""
    pool = app.extensions.get("worker_pool")  # in-process workers start with the first request
    if pool is not None and not pool.threads:
        pool.start()
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
    rows = _rows(body)
    if rows:
        try:
            with write_scope(app.extensions["db_engine"], wait=STORE_WAIT_SECONDS, one_statement=True) as conn:
                new = store_events(rows, session=conn)
        except SQLAlchemyError:
            # Not stored, so not acknowledged: LINE redelivers when the database is back.
            log.exception("webhook: could not store %d events", len(rows))
            return 503, "temporarily unavailable"
        if new:
            app.extensions["work_signal"].set()  # workers in this process, if any
            notifier = app.extensions.get("wake_notifier")
            if notifier is not None:  # workers in other processes (PostgreSQL; SQLite's watch the file)
                notifier.poke()
    return 200, "OK"


@bp.post("/callback")
def callback() -> tuple[str, int, dict[str, str]]:
    """Reached only when the shortcut below is not in front (e.g. a body without Content-Length)."""
    status, text = receive(current_app._get_current_object(), request.get_data(cache=False),  # type: ignore[attr-defined]
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
        if int(length) > (self.app.config.get("MAX_CONTENT_LENGTH") or 0):
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
