"""Webhook bodies in LINE's exact shape, and their X-Line-Signature, for tests and the simulator.

Every builder returns one event dict; `webhook_body` wraps events the way LINE posts them.
Shapes follow line-openapi's webhook.yml (fields the v3 SDK requires, e.g. `quoteToken` on
text/image/sticker messages; without them the SDK silently parses an `UnknownEvent`).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from typing import Any

# LINE sends the bot's own user id as `destination`; a fixed one keeps test bodies stable.
DEFAULT_DESTINATION = "U" + "b07c4a1e" * 4
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def sign(body: bytes, channel_secret: str) -> str:
    """X-Line-Signature: base64 of HMAC-SHA256 over the exact body bytes, keyed by the channel secret."""
    digest = hmac.new(channel_secret.encode("utf-8"), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def encode(body: dict) -> bytes:
    """The body as LINE sends it: compact UTF-8 JSON (Thai is not \\u-escaped)."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def signed(body: dict, channel_secret: str) -> tuple[bytes, dict[str, str]]:
    """Bytes and headers ready to POST to /callback."""
    raw = encode(body)
    return raw, {"Content-Type": "application/json; charset=utf-8",
                 "X-Line-Signature": sign(raw, channel_secret),
                 "User-Agent": "LineBotWebhook/2.0"}


def new_event_id(timestamp_ms: int | None = None) -> str:
    """A ULID (26 Crockford base32 characters: 48-bit time + 80 random bits), like LINE's ids."""
    ms = int(time.time() * 1000) if timestamp_ms is None else timestamp_ms
    value = (ms << 80) | secrets.randbits(80)
    return "".join(_CROCKFORD[(value >> shift) & 31] for shift in range(125, -1, -5))


def new_reply_token() -> str:
    return secrets.token_hex(16)


def new_message_id() -> str:
    """Message ids are 18-digit decimal strings."""
    return str(secrets.randbelow(9 * 10**17) + 10**17)


def new_user_id() -> str:
    return "U" + secrets.token_hex(16)


def new_group_id() -> str:
    return "C" + secrets.token_hex(16)


def webhook_body(events: list[dict], destination: str = DEFAULT_DESTINATION) -> dict:
    return {"destination": destination, "events": list(events)}


def source(user_id: str | None, chat: str | None = None) -> dict:
    """`chat` is a group ("C...") or room ("R...") id; None means a one-to-one chat."""
    if chat is None:
        return {"type": "user", "userId": user_id}
    kind, key = ("room", "roomId") if chat.startswith("R") else ("group", "groupId")
    out = {"type": kind, key: chat}
    if user_id:
        out["userId"] = user_id
    return out


def base_event(kind: str, user_id: str | None, *, reply_token: str | None = None,
               timestamp_ms: int | None = None, event_id: str | None = None,
               redelivery: bool = False, chat: str | None = None, with_reply: bool = True) -> dict:
    ts = int(time.time() * 1000) if timestamp_ms is None else timestamp_ms
    event: dict[str, Any] = {"type": kind, "mode": "active", "timestamp": ts,
                             "source": source(user_id, chat),
                             "webhookEventId": event_id or new_event_id(ts),
                             "deliveryContext": {"isRedelivery": bool(redelivery)}}
    if with_reply:
        event["replyToken"] = reply_token or new_reply_token()
    return event


def _message_event(user_id: str | None, message: dict, **common: Any) -> dict:
    event = base_event("message", user_id, **common)
    message.setdefault("id", new_message_id())
    event["message"] = message
    return event


def _quote_token() -> str:
    return secrets.token_urlsafe(24)


def text_event(user_id: str, text: str, message_id: str | None = None, **common: Any) -> dict:
    """common: reply_token, timestamp_ms, event_id, redelivery, chat."""
    msg = {"id": message_id or new_message_id(), "type": "text", "text": text,
           "quoteToken": _quote_token()}
    return _message_event(user_id, msg, **common)


def group_text_event(group_id: str, user_id: str, text: str, **common: Any) -> dict:
    return text_event(user_id, text, chat=group_id, **common)


def image_event(user_id: str, message_id: str, image_set: dict | None = None,
                **common: Any) -> dict:
    """image_set: {"id": ..., "index": 1-based, "total": n} when several photos were sent at once."""
    msg: dict[str, Any] = {"id": message_id, "type": "image", "quoteToken": _quote_token(),
                           "contentProvider": {"type": "line"}}
    if image_set:
        msg["imageSet"] = dict(image_set)
    return _message_event(user_id, msg, **common)


def file_event(user_id: str, message_id: str, file_name: str, file_size: int,
               **common: Any) -> dict:
    msg = {"id": message_id, "type": "file", "fileName": file_name, "fileSize": int(file_size)}
    return _message_event(user_id, msg, **common)


def location_event(user_id: str, lat: float, lng: float, title: str | None = None,
                   address: str | None = None, **common: Any) -> dict:
    msg: dict[str, Any] = {"id": new_message_id(), "type": "location",
                           "latitude": float(lat), "longitude": float(lng)}
    if title:
        msg["title"] = title
    if address:
        msg["address"] = address
    return _message_event(user_id, msg, **common)


def sticker_event(user_id: str, package_id: str = "11537", sticker_id: str = "52002734",
                  keywords: list[str] | None = None, resource_type: str = "STATIC",
                  **common: Any) -> dict:
    msg: dict[str, Any] = {"id": new_message_id(), "type": "sticker", "packageId": str(package_id),
                           "stickerId": str(sticker_id), "stickerResourceType": resource_type,
                           "quoteToken": _quote_token()}
    if keywords:
        msg["keywords"] = list(keywords)
    return _message_event(user_id, msg, **common)


def postback_event(user_id: str, data: str, params: dict | None = None, **common: Any) -> dict:
    """params: {"date": ...} / {"time": ...} / {"datetime": ...} from a datetime picker."""
    event = base_event("postback", user_id, **common)
    event["postback"] = {"data": data}
    if params:
        event["postback"]["params"] = dict(params)
    return event


def follow_event(user_id: str, unblocked: bool = False, **common: Any) -> dict:
    event = base_event("follow", user_id, **common)
    event["follow"] = {"isUnblocked": bool(unblocked)}
    return event


def unfollow_event(user_id: str, **common: Any) -> dict:
    """Unfollow events carry no reply token: the user can no longer receive messages."""
    common.pop("reply_token", None)
    return base_event("unfollow", user_id, with_reply=False, **common)


def join_event(group_id: str, **common: Any) -> dict:
    return base_event("join", None, chat=group_id, **common)
