"""POST /callback: verify, store every event under its webhookEventId, answer 200. Nothing slow here."""
from __future__ import annotations

import hashlib
import json
import logging
import time
from typing import Any

from flask import Blueprint, Response, current_app, request
from linebot.v3.webhook import SignatureValidator
from sqlalchemy.exc import SQLAlchemyError

from models.db import session_scope
from models.events import store_events

log = logging.getLogger(__name__)
bp = Blueprint("webhook", __name__)
# A timestamp past the year 9999 fits no datetime (and past 2^63 no BIGINT): such an event is taken
# as received now, instead of failing its whole body forever.
MAX_TIMESTAMP_MS = 253_402_300_800_000


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


@bp.post("/callback")
def callback() -> Response | tuple[str, int]:
    signature = request.headers.get("X-Line-Signature", "")
    raw = request.get_data(cache=False)
    validator: SignatureValidator = current_app.extensions["line_signature"]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "malformed body", 400
    if not signature or not validator.validate(text, signature):
        log.warning("webhook: missing or wrong signature")
        return "bad signature", 400
    body = _parse(text)
    if body is None:
        log.warning("webhook: malformed body")
        return "malformed body", 400
    rows = _rows(body)
    if rows:
        try:
            with session_scope(current_app.extensions["db_engine"]) as session:
                new = store_events(rows, session=session)
        except SQLAlchemyError:
            # Not stored, so not acknowledged: LINE redelivers when the database is back.
            log.exception("webhook: could not store %d events", len(rows))
            return "temporarily unavailable", 503
        if new:
            current_app.extensions["work_signal"].set()
    return Response("OK", mimetype="text/plain")
