"""Small checks shared by the message, Flex and rich menu limit checks; each returns violation strings."""
from __future__ import annotations

from typing import Any, TypeGuard

from .text_units import grapheme_count, utf16_len

MAX_URL = 2000
MAX_POSTBACK_DATA = 300
MAX_DISPLAY_TEXT = 300
MAX_ACTION_TEXT = 300
MAX_URI = 1000

# Where an action appears decides its label limit and which action types LINE allows there.
QUICK_REPLY = "quickReply"
TEMPLATE = "template"
FLEX = "flex"
RICH_MENU = "richMenu"
IMAGE_CAROUSEL = "imageCarousel"

LABEL_LIMIT = {QUICK_REPLY: 20, TEMPLATE: 20, FLEX: 40, RICH_MENU: 20, IMAGE_CAROUSEL: 12}
_ONLY_IN = {
    "camera": {QUICK_REPLY},
    "cameraRoll": {QUICK_REPLY},
    "location": {QUICK_REPLY},
    "richmenuswitch": {RICH_MENU},
}
ACTION_TYPES = {"postback", "message", "uri", "datetimepicker", "camera", "cameraRoll", "location",
                "richmenuswitch", "clipboard"}


def is_str(value: Any) -> TypeGuard[str]:
    return isinstance(value, str)


def required_text(obj: dict, key: str, where: str, max_len: int | None = None,
                  allow_empty: bool = False) -> list[str]:
    """A required string field, optionally bounded (in characters)."""
    value = obj.get(key)
    if not is_str(value):
        return [f"{where}.{key}: required string is missing"]
    if not value and not allow_empty:
        return [f"{where}.{key}: must not be empty"]
    if max_len is not None and utf16_len(value) > max_len:
        return [f"{where}.{key}: longer than {max_len} characters ({utf16_len(value)})"]
    return []


def optional_text(obj: dict, key: str, where: str, max_len: int) -> list[str]:
    if key not in obj or obj[key] is None:
        return []
    return required_text(obj, key, where, max_len, allow_empty=True)


def check_https_url(url: Any, where: str, max_len: int = MAX_URL) -> list[str]:
    """Image and icon URLs: LINE fetches them itself, only over HTTPS."""
    if not is_str(url) or not url:
        return [f"{where}: required URL is missing"]
    out = []
    if not url.startswith("https://"):
        out.append(f"{where}: must be an https:// URL ({url[:60]})")
    if len(url) > max_len:
        out.append(f"{where}: URL longer than {max_len} characters ({len(url)})")
    return out


def check_label(action: dict, where: str, context: str, required: bool) -> list[str]:
    label = action.get("label")
    if label is None:
        return [f"{where}.label: required in a {context} action"] if required else []
    if not is_str(label) or not label:
        return [f"{where}.label: must be a non-empty string"]
    limit = LABEL_LIMIT.get(context, 20)
    n = grapheme_count(label)
    if n > limit:
        return [f"{where}.label: longer than {limit} characters in a {context} action ({n}: {label!r})"]
    return []


def check_action(action: Any, where: str, context: str, label_required: bool = False) -> list[str]:
    """One action object (postback, message, uri, ...), judged for the place it appears in."""
    if not isinstance(action, dict):
        return [f"{where}: action object is missing"]
    kind = action.get("type")
    if kind not in ACTION_TYPES:
        return [f"{where}.type: unknown action type {kind!r}"]
    out = check_label(action, where, context, label_required)
    allowed = _ONLY_IN.get(kind)
    if allowed and context not in allowed:
        out.append(f"{where}.type: a {kind} action is only allowed in {' / '.join(sorted(allowed))}")
    if kind == "postback":
        out += required_text(action, "data", where, MAX_POSTBACK_DATA, allow_empty=True)
        out += optional_text(action, "displayText", where, MAX_DISPLAY_TEXT)
        if action.get("displayText") is not None and action.get("text") is not None:
            out.append(f"{where}: displayText and text cannot both be set")
    elif kind == "message":
        out += required_text(action, "text", where, MAX_ACTION_TEXT)
    elif kind == "uri":
        out += _check_uri(action.get("uri"), f"{where}.uri")
    elif kind == "datetimepicker":
        out += required_text(action, "data", where, MAX_POSTBACK_DATA, allow_empty=True)
        if action.get("mode") not in ("date", "time", "datetime"):
            out.append(f"{where}.mode: must be date, time or datetime")
    elif kind == "richmenuswitch":
        out += required_text(action, "richMenuAliasId", where, 32)
        out += required_text(action, "data", where, MAX_POSTBACK_DATA, allow_empty=True)
    elif kind == "clipboard":
        out += required_text(action, "clipboardText", where, 1000)
    return out


def _check_uri(uri: Any, where: str) -> list[str]:
    if not is_str(uri) or not uri:
        return [f"{where}: required URI is missing"]
    out = []
    if not uri.startswith(("http://", "https://", "line://", "tel:", "mailto:")):
        out.append(f"{where}: scheme must be http, https, line, tel or mailto ({uri[:60]})")
    if len(uri) > MAX_URI:
        out.append(f"{where}: longer than {MAX_URI} characters ({len(uri)})")
    return out
