"""LINE message and action dicts, cut to fit the platform's limits instead of being refused by it."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

Message = dict[str, Any]

MAX_MESSAGES = 5  # per reply
MAX_QUICK = 13  # quick reply items per message
MAX_LABEL = 20  # quick reply and button labels
MAX_FLEX_LABEL = 40  # button labels inside Flex
MAX_DATA = 300  # postback data
MAX_DISPLAY = 300  # postback displayText
MAX_TEXT = 5000  # text message, in UTF-16 code units
MAX_ALT = 1500  # Flex altText
MAX_BUBBLES = 12  # carousel
ELLIPSIS = "\u2026"
_PAREN = re.compile(r"\s*[(\[].*$")


def utf16_len(text: str) -> int:
    """Length as LINE counts text messages: UTF-16 code units (an emoji outside the BMP counts 2)."""
    return len(text.encode("utf-16-le")) // 2


def _joins_previous(ch: str) -> bool:
    """True for a character drawn onto the one before it (Thai vowels above/below, tone marks, ZWJ...)."""
    return unicodedata.category(ch) in ("Mn", "Mc", "Me") or ch in "\u200d\ufe0f\ufe0e" or (
        "\U0001f3fb" <= ch <= "\U0001f3ff")


def _cut(text: str, fits, limit: int) -> str:
    """The longest prefix that `fits`, ending on a whole character cluster, with an ellipsis if cut."""
    if fits(text):
        return text
    end = min(len(text), limit)  # every unit counted is at least one character, so start there
    while end > 0 and not fits(text[:end] + ELLIPSIS):
        end -= 1
    # Step back to a cluster boundary: never leave a tone mark without its consonant, nor split a ZWJ emoji.
    while 0 < end < len(text) and (_joins_previous(text[end]) or text[end - 1] == "\u200d"):
        end -= 1
    return (text[:end].rstrip() + ELLIPSIS) if end else ""


def clip(text: str, limit: int) -> str:
    """At most `limit` characters (code points, never more than LINE's grapheme count)."""
    return _cut(str(text or ""), lambda s: len(s) <= limit, limit)


def clip_utf16(text: str, limit: int = MAX_TEXT) -> str:
    """At most `limit` UTF-16 code units."""
    return _cut(str(text or ""), lambda s: utf16_len(s) <= limit, limit)


def label(text: str, limit: int = MAX_LABEL) -> str:
    """A button label: a long name loses its bracketed part first, then is clipped."""
    text = " ".join(str(text or "").split())
    if len(text) > limit:
        text = _PAREN.sub("", text) or text
    return clip(text, limit) or "?"


def postback(text: str, data: str, display: str | None = None, limit: int = MAX_LABEL) -> dict:
    """A postback action; `display` is what appears in the chat as the citizen's own message."""
    action = {"type": "postback", "label": label(text, limit), "data": clip_data(data)}
    shown = text if display is None else display
    if shown:
        action["displayText"] = clip(shown, MAX_DISPLAY)
    return action


def clip_data(data: str) -> str:
    """Postback data never over 300 characters (ours are short; this only guards odd input)."""
    return str(data)[:MAX_DATA]


def camera(text: str) -> dict:
    return {"type": "camera", "label": label(text)}


def camera_roll(text: str) -> dict:
    return {"type": "cameraRoll", "label": label(text)}


def uri(text: str, target: str) -> dict:
    """A link action (http, https, line or tel)."""
    return {"type": "uri", "label": label(text), "uri": target}


def location(text: str) -> dict:
    return {"type": "location", "label": label(text)}


def quick_reply(actions: Iterable[dict]) -> dict:
    """At most 13 items; when there are more, the last one (by convention cancel or menu) is kept."""
    actions = [a for a in actions if a]
    if len(actions) > MAX_QUICK:
        actions = actions[: MAX_QUICK - 1] + actions[-1:]
    return {"items": [{"type": "action", "action": a} for a in actions]}


def text(body: str, actions: Iterable[dict] | None = None) -> Message:
    """A text message, clipped to 5000 UTF-16 units, with quick replies when given."""
    message: Message = {"type": "text", "text": clip_utf16(body) or ELLIPSIS}
    return with_quick(message, actions)


def flex(alt: str, contents: dict, actions: Iterable[dict] | None = None) -> Message:
    """A Flex message; a carousel keeps its first 12 bubbles."""
    if contents.get("type") == "carousel":
        contents = dict(contents, contents=list(contents.get("contents", []))[:MAX_BUBBLES])
    message: Message = {"type": "flex", "altText": clip(alt, MAX_ALT) or ELLIPSIS, "contents": contents}
    return with_quick(message, actions)


def with_quick(message: Message, actions: Iterable[dict] | None) -> Message:
    """The same message with these quick replies (none given: unchanged)."""
    actions = list(actions or [])
    if not actions:
        return message
    return dict(message, quickReply=quick_reply(actions))


def limit_replies(messages: Iterable[Message]) -> tuple[Message, ...]:
    """At most 5 messages; when cut, the last one (which carries the next step) is kept."""
    messages = [m for m in messages if m]
    if len(messages) > MAX_MESSAGES:
        messages = messages[: MAX_MESSAGES - 1] + messages[-1:]
    return tuple(messages)


def problems(message: Message) -> list[str]:
    """What in a message breaks a LINE limit (empty when it fits); used by tests and as a last guard."""
    found = []
    if message.get("type") == "text" and not 0 < utf16_len(message.get("text", "")) <= MAX_TEXT:
        found.append("text length")
    if message.get("type") == "flex":
        if not 0 < len(message.get("altText", "")) <= MAX_ALT:
            found.append("altText length")
        contents = message.get("contents", {})
        if contents.get("type") == "carousel" and len(contents.get("contents", [])) > MAX_BUBBLES:
            found.append("too many bubbles")
        found += [f"flex {p}" for p in _action_problems(_flex_actions(contents), MAX_FLEX_LABEL)]
        if any(not str(node.get("text", "")).strip() for node in _flex_texts(contents)):
            found.append("empty flex text")
    items = message.get("quickReply", {}).get("items", [])
    if len(items) > MAX_QUICK:
        found.append("too many quick replies")
    found += _action_problems([i.get("action", {}) for i in items], MAX_LABEL)
    return found


def _flex_actions(node: Any) -> list[dict]:
    if isinstance(node, dict):
        found = [node["action"]] if isinstance(node.get("action"), dict) else []
        return found + [a for v in node.values() if isinstance(v, (dict, list)) for a in _flex_actions(v)]
    if isinstance(node, list):
        return [a for v in node for a in _flex_actions(v)]
    return []


def _flex_texts(node: Any) -> list[dict]:
    if isinstance(node, dict):
        own = [node] if node.get("type") == "text" else []
        return own + [n for v in node.values() if isinstance(v, (dict, list)) for n in _flex_texts(v)]
    if isinstance(node, list):
        return [n for v in node for n in _flex_texts(v)]
    return []


def _action_problems(actions: list[dict], label_limit: int) -> list[str]:
    found = []
    for action in actions:
        if "label" in action and not 0 < len(action["label"]) <= label_limit:
            found.append(f"label {action['label']!r}")
        if len(action.get("data", "")) > MAX_DATA:
            found.append("postback data length")
        if len(action.get("displayText", "")) > MAX_DISPLAY:
            found.append("displayText length")
    return found
