"""LINE Messaging API limits as pure functions: each returns a list of human-readable violations.

The schemas in line-openapi carry some limits; many more are only in LINE's documentation and
neither the SDK nor a unit test of our own code would notice them. An empty list means "LINE
would accept this" as far as these checks know.
"""
from __future__ import annotations

import re
from typing import Any

from .limits_common import QUICK_REPLY, check_action, check_https_url, optional_text, required_text
from .limits_flex import check_flex_message, check_template_message
from .limits_richmenu import check_rich_menu, check_rich_menu_image, check_size
from .text_units import grapheme_count, utf16_len

__all__ = [
    "MAX_MESSAGES",
    "MAX_QUICK_REPLY_ITEMS",
    "MAX_TEXT",
    "check_action",
    "check_message",
    "check_messages",
    "check_push",
    "check_quick_reply",
    "check_reply",
    "check_rich_menu",
    "check_rich_menu_image",
    "check_size",
    "grapheme_count",
    "utf16_len",
]

MAX_MESSAGES = 5
MAX_TEXT = 5000
MAX_QUICK_REPLY_ITEMS = 13
MAX_EMOJIS = 20
MESSAGE_TYPES = {"text", "textV2", "sticker", "image", "video", "audio", "location", "imagemap",
                 "template", "flex", "coupon"}
# Push targets: a user (U), group (C) or room (R) id, 32 lowercase hex digits after the letter.
_TARGET_ID = re.compile(r"^[UCR][0-9a-f]{32}$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def check_reply(body: Any) -> list[str]:
    """The JSON body of POST /v2/bot/message/reply."""
    if not isinstance(body, dict):
        return ["body: must be a JSON object"]
    out = required_text(body, "replyToken", "body")
    return out + check_messages(body.get("messages"))


def check_push(body: Any, retry_key: str | None = None) -> list[str]:
    """The JSON body (and retry key header) of POST /v2/bot/message/push."""
    if not isinstance(body, dict):
        return ["body: must be a JSON object"]
    out = []
    to = body.get("to")
    if not isinstance(to, str) or not _TARGET_ID.match(to):
        out.append(f"body.to: not a user, group or room id ({to!r})")
    if retry_key is not None and not _UUID.match(retry_key):
        out.append(f"X-Line-Retry-Key: must be a UUID ({retry_key!r})")
    return out + check_messages(body.get("messages"))


def check_messages(messages: Any) -> list[str]:
    """A reply or push carries 1 to 5 message objects."""
    if not isinstance(messages, list):
        return ["messages: required array is missing"]
    out = []
    if not MAX_MESSAGES >= len(messages) >= 1:
        out.append(f"messages: must hold 1-{MAX_MESSAGES} messages ({len(messages)})")
    for i, msg in enumerate(messages):
        out += check_message(msg, f"messages[{i}]")
    return out


def check_message(msg: Any, where: str = "message") -> list[str]:
    if not isinstance(msg, dict):
        return [f"{where}: must be a message object"]
    kind = msg.get("type")
    if kind not in MESSAGE_TYPES:
        return [f"{where}.type: unknown message type {kind!r}"]
    out = _CHECKS.get(kind, lambda m, w: [])(msg, where)
    if msg.get("quickReply") is not None:
        out += check_quick_reply(msg["quickReply"], f"{where}.quickReply")
    sender = msg.get("sender")
    if isinstance(sender, dict):
        out += optional_text(sender, "name", f"{where}.sender", 20)
        if sender.get("iconUrl") is not None:
            out += check_https_url(sender["iconUrl"], f"{where}.sender.iconUrl")
    return out


def check_quick_reply(quick: Any, where: str) -> list[str]:
    items = quick.get("items") if isinstance(quick, dict) else None
    if not isinstance(items, list) or not items:
        return [f"{where}.items: at least one item is required"]
    out = []
    if len(items) > MAX_QUICK_REPLY_ITEMS:
        out.append(f"{where}.items: more than {MAX_QUICK_REPLY_ITEMS} items ({len(items)})")
    for i, item in enumerate(items):
        at = f"{where}.items[{i}]"
        if not isinstance(item, dict) or item.get("type") != "action":
            out.append(f"{at}.type: must be \"action\"")
            continue
        if item.get("imageUrl") is not None:
            out += check_https_url(item["imageUrl"], f"{at}.imageUrl")
        out += check_action(item.get("action"), f"{at}.action", QUICK_REPLY, label_required=True)
    return out


def _check_text(msg: dict, where: str) -> list[str]:
    text = msg.get("text")
    if not isinstance(text, str) or not text:
        return [f"{where}.text: must be a non-empty string"]
    out = []
    if utf16_len(text) > MAX_TEXT:
        out.append(f"{where}.text: longer than {MAX_TEXT} UTF-16 code units ({utf16_len(text)})")
    if len(msg.get("emojis") or []) > MAX_EMOJIS:
        out.append(f"{where}.emojis: more than {MAX_EMOJIS} emojis")
    return out


def _check_sticker(msg: dict, where: str) -> list[str]:
    return required_text(msg, "packageId", where) + required_text(msg, "stickerId", where)


def _check_media(msg: dict, where: str) -> list[str]:
    out = check_https_url(msg.get("originalContentUrl"), f"{where}.originalContentUrl")
    if msg["type"] == "audio":
        if not isinstance(msg.get("duration"), int):
            out.append(f"{where}.duration: required integer (milliseconds) is missing")
    else:
        out += check_https_url(msg.get("previewImageUrl"), f"{where}.previewImageUrl")
    return out


def _check_location(msg: dict, where: str) -> list[str]:
    out = required_text(msg, "title", where, 100) + required_text(msg, "address", where, 100)
    for key, bound in (("latitude", 90), ("longitude", 180)):
        value = msg.get(key)
        if not isinstance(value, (int, float)) or isinstance(value, bool) or abs(value) > bound:
            out.append(f"{where}.{key}: required number within +-{bound}")
    return out


_CHECKS = {
    "text": _check_text,
    "sticker": _check_sticker,
    "image": _check_media,
    "video": _check_media,
    "audio": _check_media,
    "location": _check_location,
    "template": check_template_message,
    "flex": check_flex_message,
}
