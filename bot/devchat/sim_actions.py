"""Turn what the simulated citizen did in the page into LINE webhook events.

Each action gives a list of (event, chat entry) pairs: the event goes to /callback, the entry is
what the chat shows on the citizen's side (None: LINE shows nothing, e.g. a bare postback).
"""
from __future__ import annotations

import base64
import binascii
import secrets
from typing import Any

from . import events

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # LINE's own limit for an image sent by a user
_DATETIME_MODES = {"date", "time", "datetime"}


class BadAction(ValueError):
    """The page sent something the simulator cannot turn into an event."""


def _text(action: dict, key: str, limit: int = 5000) -> str:
    value = action.get(key)
    if not isinstance(value, str) or not value.strip():
        raise BadAction(f"{key} is required")
    return value[:limit]


def _decode(data: Any) -> bytes:
    if not isinstance(data, str):
        raise BadAction("file data is required")
    if data.startswith("data:"):
        data = data.split(",", 1)[-1]
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise BadAction("file data is not base64") from exc
    if len(raw) > MAX_UPLOAD_BYTES:
        raise BadAction("file larger than 10 MB")
    return raw


def events_for(store, user_id: str, action: dict, was_following: bool | None) -> list[tuple[dict, dict | None]]:
    """was_following: False after an unfollow (so a new follow is an unblock), None if unknown."""
    kind = action.get("type")

    def token() -> str:
        return store.issue_reply_token(user_id)

    if kind in ("text", "message"):
        text = _text(action, "text")
        return [(events.text_event(user_id, text, reply_token=token()), {"type": "text", "text": text})]
    if kind == "postback":
        data = found if isinstance(found := action.get("data"), str) else ""
        shown = action.get("displayText")
        entry = {"type": "text", "text": shown} if shown else {"type": "postback", "data": data}
        return [(events.postback_event(user_id, data, reply_token=token()), entry)]
    if kind == "datetimepicker":
        mode, value = action.get("mode"), _text(action, "value", 40)
        if mode not in _DATETIME_MODES:
            raise BadAction("mode must be date, time or datetime")
        data = found if isinstance(found := action.get("data"), str) else ""
        event = events.postback_event(user_id, data, {mode: value}, reply_token=token())
        return [(event, {"type": "postback", "data": data, "params": {mode: value}})]
    if kind == "image":
        images = action.get("images")
        if not isinstance(images, list) or not images:
            raise BadAction("images are required")
        # Photos picked together arrive as separate events sharing an imageSet, as in LINE.
        set_id = secrets.token_hex(32).upper() if len(images) > 1 else None
        out: list[tuple[dict, dict | None]] = []
        for i, image in enumerate(images):
            raw = _decode(image.get("data") if isinstance(image, dict) else None)
            message_id = events.new_message_id()
            store.put_content(message_id, raw, image.get("contentType") or "image/jpeg")
            image_set = {"id": set_id, "index": i + 1, "total": len(images)} if set_id else None
            event = events.image_event(user_id, message_id, image_set, reply_token=token())
            out.append((event, {"type": "image", "contentId": message_id}))
        return out
    if kind == "file":
        raw = _decode(action.get("data"))
        name = _text(action, "name", 200)
        message_id = events.new_message_id()
        store.put_content(message_id, raw, action.get("contentType") or "application/octet-stream")
        event = events.file_event(user_id, message_id, name, len(raw), reply_token=token())
        return [(event, {"type": "file", "fileName": name, "fileSize": len(raw)})]
    if kind == "location":
        try:
            lat, lng = float(action["latitude"]), float(action["longitude"])
        except (KeyError, TypeError, ValueError) as exc:
            raise BadAction("latitude and longitude must be numbers") from exc
        if abs(lat) > 90 or abs(lng) > 180:
            raise BadAction("latitude or longitude out of range")
        title, address = action.get("title") or None, action.get("address") or None
        event = events.location_event(user_id, lat, lng, title, address, reply_token=token())
        return [(event, {k: v for k, v in event["message"].items() if k != "id"})]
    if kind == "sticker":
        package_id, sticker_id = str(action.get("packageId") or ""), str(action.get("stickerId") or "")
        if not package_id or not sticker_id:
            raise BadAction("packageId and stickerId are required")
        event = events.sticker_event(user_id, package_id, sticker_id, action.get("keywords"),
                                     reply_token=token())
        return [(event, {"type": "sticker", "packageId": package_id, "stickerId": sticker_id,
                         "emoji": action.get("emoji"), "keywords": event["message"].get("keywords", [])})]
    if kind == "follow":
        event = events.follow_event(user_id, unblocked=was_following is False, reply_token=token())
        return [(event, {"type": "event", "event": "follow"})]
    if kind == "unfollow":
        return [(events.unfollow_event(user_id), {"type": "event", "event": "unfollow"})]
    raise BadAction(f"unknown action type {kind!r}")
