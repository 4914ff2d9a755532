"""A verified webhook body turned into inbox rows: every event is stored, and one that no LINE
event could be (an id longer than LINE's formats, a text LINE could not have encoded) is stored
already skipped or repaired, so that SQLite and PostgreSQL treat it the same and it never fails
the other events of its body (LINE would redeliver that body, failing again, forever)."""
from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from typing import Any

from models.enums import EventStatus

log = logging.getLogger(__name__)

# A lone UTF-16 surrogate ("\ud83d" in the JSON) decodes to a str no database encoding accepts;
# json.loads has already joined every valid pair, so any surrogate left is a lone one.
_SURROGATE = re.compile("[\ud800-\udfff]")
# LINE's ids have fixed formats: user/group/room ids are "U"/"C"/"R" + 32 hex digits (33), message
# ids are decimal strings of about 18 digits, reply tokens 32 hex digits. Longer ones come from
# no LINE client; the limits are those formats (or the column holding the value, if wider).
_ID_LIMITS = (("source", "userId", 33), ("source", "groupId", 33), ("source", "roomId", 33),
              ("message", "id", 64), (None, "replyToken", 80))
# Events dated more than a day ahead are not LINE's clock: a year-9999 timestamp was stored and
# then every page showing its date in the Buddhist era (year + 543) failed.
FUTURE_SLACK_MS = 24 * 3600 * 1000


def clean_text(value: Any, limit: int) -> str:
    return _SURROGATE.sub("\ufffd", str(value or ""))[:limit]


def chat_key_of(event: dict[str, Any]) -> str:
    """The chat an event belongs to: its events are handled one at a time, in order."""
    source = found if isinstance(found := event.get("source"), dict) else {}
    kind = found if isinstance(found := source.get("type"), str) else None  # anything else: no chat
    ident = {"user": source.get("userId"), "group": source.get("groupId"), "room": source.get("roomId")}.get(kind or "")
    if kind and isinstance(ident, str) and ident:
        return clean_text(f"{kind}:{ident}", 80)
    return f"none:{event_id_of(event)}"[:80]


def event_id_of(event: dict[str, Any]) -> str:
    """LINE's webhookEventId; old-style bodies without one get a stable digest of the event."""
    ident = event.get("webhookEventId")
    if isinstance(ident, str) and ident:
        return clean_text(ident, 64)
    canonical = json.dumps(event, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return "sha256:" + hashlib.sha256(canonical).hexdigest()[:57]


def malformed_id(event: dict[str, Any]) -> str | None:
    """The name of an id longer than LINE's format, or None."""
    for part, key, limit in _ID_LIMITS:
        holder = event.get(part) if part else event
        value = holder.get(key) if isinstance(holder, dict) else None
        # Other types are no id at all, and the handling code already ignores them.
        if isinstance(value, (str, int)) and len(str(value)) > limit:
            return f"{part}.{key}" if part else key
    return None


def _timestamp(event: dict[str, Any], now_ms: int) -> int:
    ts = event.get("timestamp")
    if isinstance(ts, int) and not isinstance(ts, bool) and 0 < ts <= now_ms + FUTURE_SLACK_MS:
        return ts
    log.warning("webhook: event %s has timestamp %r, taken as received now", event_id_of(event), ts)
    return now_ms


def rows_of(body: dict[str, Any]) -> list[dict[str, Any]]:
    destination = clean_text(body.get("destination"), 64)
    now_ms = int(time.time() * 1000)
    rows, seen = [], set()
    for event in body["events"]:
        ident = event_id_of(event)
        if ident in seen:  # the same event twice in one body is still one event
            continue
        seen.add(ident)
        delivery = found if isinstance(found := event.get("deliveryContext"), dict) else {}
        payload = json.dumps(event, ensure_ascii=False)
        if _SURROGATE.search(payload):
            log.warning("webhook: event %s had lone surrogates, replaced by U+FFFD", ident)
            payload = _SURROGATE.sub("\ufffd", payload)
        row = {
            "webhook_event_id": ident,
            "destination": destination,
            "chat_key": chat_key_of(event),
            "event_type": clean_text(event.get("type") or "unknown", 40),
            "timestamp_ms": _timestamp(event, now_ms),
            "payload": payload,
            "is_redelivery": bool(delivery.get("isRedelivery")),
        }
        bad = malformed_id(event)
        if bad:  # kept for a person to see, never handled: no LINE event carries such an id
            log.warning("webhook: event %s skipped: %s longer than LINE's format", ident, bad)
            row.update(status=EventStatus.SKIPPED, error=f"malformed {bad}")
        rows.append(row)
    return rows
