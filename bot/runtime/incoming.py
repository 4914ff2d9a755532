"""A stored webhook event (LINE's JSON) flattened into the handlers' `Incoming`."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from handlers.types import Incoming, Location

_MESSAGE_KINDS = {"text", "image", "video", "audio", "file", "location", "sticker"}
_EVENT_KINDS = {"follow", "unfollow", "join", "leave", "postback", "unsend"}


def _kind(event: dict[str, Any]) -> str:
    etype = found if isinstance(found := event.get("type"), str) else ""
    if etype == "message":
        message = found if isinstance(found := event.get("message"), dict) else {}
        mtype = found if isinstance(found := message.get("type"), str) else ""
        return mtype if mtype in _MESSAGE_KINDS else "other"
    if etype in ("memberJoined", "memberLeft"):
        return "member_joined" if etype == "memberJoined" else "member_left"
    return etype if etype in _EVENT_KINDS else "other"


def _clean(value: Any) -> str:
    """Text as a person typed it, less NUL characters: PostgreSQL text cannot hold them, so one in a
    message made the case's insert fail (retried, then parked with an apology)."""
    return str(value or "").replace("\x00", "")


def _float(value: Any) -> float | None:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return f if -180.0 <= f <= 180.0 else None


def to_incoming(event: dict[str, Any], chat_key: str, timestamp_ms: int,
                display_name: str | None = None) -> Incoming:
    source = found if isinstance(found := event.get("source"), dict) else {}
    message = found if isinstance(found := event.get("message"), dict) else {}
    kind = _kind(event)
    postback = found if isinstance(found := event.get("postback"), dict) else {}
    location = None
    if kind == "location":
        lat, lng = _float(message.get("latitude")), _float(message.get("longitude"))
        if lat is not None and lng is not None:
            location = Location(lat, lng, _clean(message.get("title"))[:200], _clean(message.get("address"))[:500])
        else:
            kind = "other"
    delivery = found if isinstance(found := event.get("deliveryContext"), dict) else {}
    follow = found if isinstance(found := event.get("follow"), dict) else {}
    return Incoming(
        kind=kind,
        chat_type=str(source.get("type")) if source.get("type") in ("user", "group", "room") else "none",
        chat_key=chat_key,
        timestamp=datetime.fromtimestamp(timestamp_ms / 1000, tz=UTC),
        user_id=source.get("userId") if isinstance(source.get("userId"), str) else None,
        text=_clean(message.get("text")) if kind == "text" else "",
        postback=_clean(postback.get("data")) if kind == "postback" else "",
        postback_params=found if isinstance(found := postback.get("params"), dict) else {},
        location=location,
        message_id=str(message.get("id") or ""),
        mode=str(event.get("mode") or "active"),
        display_name=display_name,
        redelivery=bool(delivery.get("isRedelivery")),
        unblocked=kind == "follow" and follow.get("isUnblocked") is True,
        keywords=_keywords(message) if kind == "sticker" else (),
    )


def _keywords(message: dict[str, Any]) -> tuple[str, ...]:
    """A sticker's keywords (LINE sends up to 15); anything not a short string is left out."""
    words = message.get("keywords")
    if not isinstance(words, list):
        return ()
    return tuple(_clean(w)[:100] for w in words[:15] if isinstance(w, str) and w.strip())


def reply_token_of(event: dict[str, Any]) -> str | None:
    token = event.get("replyToken")
    # LINE sends dummy all-zero/all-f tokens on the console's "Verify"; they can't be used.
    if not isinstance(token, str) or not token or set(token) <= {"0"} or set(token) <= {"f"}:
        return None
    return token
