"""Limit checks for Flex and template messages (documented limits the SDK does not enforce)."""
from __future__ import annotations

import json
from typing import Any

from .limits_common import FLEX, IMAGE_CAROUSEL, TEMPLATE, check_action, check_https_url, optional_text, required_text

MAX_FLEX_ALT_TEXT = 1500
MAX_TEMPLATE_ALT_TEXT = 400
MAX_CAROUSEL_BUBBLES = 12
MAX_BUBBLE_BYTES = 30 * 1024
MAX_CAROUSEL_BYTES = 50 * 1024
MAX_TEMPLATE_COLUMNS = 10

_COMPONENTS = {"box", "button", "image", "video", "icon", "text", "span", "separator", "filler", "spacer"}
_LAYOUTS = {"horizontal", "vertical", "baseline"}


def json_size(obj: Any) -> int:
    """Bytes of the compact UTF-8 JSON, the way a container's size is judged."""
    return len(json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def check_flex_message(msg: dict, where: str) -> list[str]:
    out = required_text(msg, "altText", where, MAX_FLEX_ALT_TEXT)
    contents = msg.get("contents")
    where = f"{where}.contents"
    if not isinstance(contents, dict):
        return out + [f"{where}: a bubble or carousel container is required"]
    if contents.get("type") == "bubble":
        return out + check_bubble(contents, where)
    if contents.get("type") != "carousel":
        return out + [f"{where}.type: must be bubble or carousel, not {contents.get('type')!r}"]
    bubbles = contents.get("contents")
    if not isinstance(bubbles, list) or not bubbles:
        return out + [f"{where}.contents: a carousel needs at least one bubble"]
    if len(bubbles) > MAX_CAROUSEL_BUBBLES:
        out.append(f"{where}.contents: more than {MAX_CAROUSEL_BUBBLES} bubbles ({len(bubbles)})")
    if json_size(contents) > MAX_CAROUSEL_BYTES:
        out.append(f"{where}: carousel JSON larger than 50 KB ({json_size(contents)} bytes)")
    for i, bubble in enumerate(bubbles):
        if not isinstance(bubble, dict) or bubble.get("type") != "bubble":
            out.append(f"{where}.contents[{i}]: a carousel holds only bubbles")
        else:
            out += check_bubble(bubble, f"{where}.contents[{i}]")
    return out


def check_bubble(bubble: dict, where: str) -> list[str]:
    out = []
    size = json_size(bubble)
    if size > MAX_BUBBLE_BYTES:
        out.append(f"{where}: bubble JSON larger than 30 KB ({size} bytes)")
    for block in ("header", "body", "footer"):
        if bubble.get(block) is not None:
            box = bubble[block]
            if not isinstance(box, dict) or box.get("type") != "box":
                out.append(f"{where}.{block}: must be a box")
            else:
                out += check_component(box, f"{where}.{block}")
    hero = bubble.get("hero")
    if hero is not None:
        if not isinstance(hero, dict) or hero.get("type") not in ("box", "image", "video"):
            out.append(f"{where}.hero: must be a box, image or video")
        else:
            out += check_component(hero, f"{where}.hero")
    if bubble.get("action") is not None:
        out += check_action(bubble["action"], f"{where}.action", FLEX)
    return out


def check_component(comp: Any, where: str) -> list[str]:
    if not isinstance(comp, dict):
        return [f"{where}: component must be an object"]
    kind = comp.get("type")
    if kind not in _COMPONENTS:
        return [f"{where}.type: unknown Flex component {kind!r}"]
    out = []
    if kind == "box":
        if comp.get("layout") not in _LAYOUTS:
            out.append(f"{where}.layout: must be horizontal, vertical or baseline")
        contents = comp.get("contents")
        if not isinstance(contents, list):
            out.append(f"{where}.contents: a box needs a contents array")
        else:
            for i, child in enumerate(contents):
                out += check_component(child, f"{where}.contents[{i}]")
    elif kind == "text":
        if comp.get("contents"):
            for i, span in enumerate(comp["contents"]):
                out += required_text(span, "text", f"{where}.contents[{i}]", allow_empty=True)
        else:
            out += required_text(comp, "text", where)
    elif kind == "button":
        return out + check_action(comp.get("action"), f"{where}.action", FLEX, label_required=True)
    elif kind in ("image", "icon"):
        out += check_https_url(comp.get("url"), f"{where}.url")
    elif kind == "video":
        out += check_https_url(comp.get("url"), f"{where}.url")
        out += check_https_url(comp.get("previewUrl"), f"{where}.previewUrl")
    if comp.get("action") is not None:
        out += check_action(comp["action"], f"{where}.action", FLEX)
    return out


def check_template_message(msg: dict, where: str) -> list[str]:
    out = required_text(msg, "altText", where, MAX_TEMPLATE_ALT_TEXT)
    tpl = msg.get("template")
    where = f"{where}.template"
    if not isinstance(tpl, dict):
        return out + [f"{where}: template object is required"]
    kind = tpl.get("type")
    if kind == "buttons":
        out += _check_column(tpl, where, max_actions=4, long_text=160)
    elif kind == "confirm":
        out += required_text(tpl, "text", where, 240)
        out += _check_actions(tpl, where, 2, 2)
    elif kind == "carousel":
        columns = _columns(tpl, where, out)
        for i, col in enumerate(columns):
            out += _check_column(col, f"{where}.columns[{i}]", max_actions=3, long_text=120)
        counts = {len(c.get("actions") or []) for c in columns if isinstance(c, dict)}
        if len(counts) > 1:
            out.append(f"{where}.columns: every column must have the same number of actions")
    elif kind == "image_carousel":
        for i, col in enumerate(_columns(tpl, where, out)):
            out += check_https_url(col.get("imageUrl"), f"{where}.columns[{i}].imageUrl")
            out += check_action(col.get("action"), f"{where}.columns[{i}].action", IMAGE_CAROUSEL)
    else:
        out.append(f"{where}.type: unknown template type {kind!r}")
    return out


def _columns(tpl: dict, where: str, out: list[str]) -> list[dict]:
    columns = tpl.get("columns")
    if not isinstance(columns, list) or not columns:
        out.append(f"{where}.columns: at least one column is required")
        return []
    if len(columns) > MAX_TEMPLATE_COLUMNS:
        out.append(f"{where}.columns: more than {MAX_TEMPLATE_COLUMNS} columns ({len(columns)})")
    return [c if isinstance(c, dict) else {} for c in columns]


def _check_column(col: dict, where: str, max_actions: int, long_text: int) -> list[str]:
    # With an image or a title the text area is smaller: 60 characters.
    short = col.get("thumbnailImageUrl") or col.get("title")
    out = required_text(col, "text", where, 60 if short else long_text)
    out += optional_text(col, "title", where, 40)
    if col.get("thumbnailImageUrl"):
        out += check_https_url(col["thumbnailImageUrl"], f"{where}.thumbnailImageUrl")
    if col.get("defaultAction") is not None:
        out += check_action(col["defaultAction"], f"{where}.defaultAction", TEMPLATE)
    return out + _check_actions(col, where, 1, max_actions)


def _check_actions(obj: dict, where: str, least: int, most: int) -> list[str]:
    actions = obj.get("actions")
    if not isinstance(actions, list) or not least <= len(actions) <= most:
        n = len(actions) if isinstance(actions, list) else 0
        return [f"{where}.actions: needs {least}-{most} actions ({n})"]
    out = []
    for i, action in enumerate(actions):
        out += check_action(action, f"{where}.actions[{i}]", TEMPLATE, label_required=True)
    return out
