"""Limit checks for rich menu objects and their images."""
from __future__ import annotations

import io
from typing import Any

from .limits_common import RICH_MENU, check_action, required_text

MAX_AREAS = 20
MAX_CHAT_BAR_TEXT = 14
MAX_NAME = 300
MAX_IMAGE_BYTES = 1024 * 1024
MIN_WIDTH, MAX_WIDTH, MIN_HEIGHT, MIN_RATIO = 800, 2500, 250, 1.45
IMAGE_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG"}


def check_size(width: Any, height: Any, where: str) -> list[str]:
    """The rich menu (and so its image) size rules."""
    if not isinstance(width, int) or not isinstance(height, int) or width < 1 or height < 1:
        return [f"{where}: width and height must be positive integers"]
    out = []
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        out.append(f"{where}.width: must be {MIN_WIDTH}-{MAX_WIDTH} px ({width})")
    if height < MIN_HEIGHT:
        out.append(f"{where}.height: must be at least {MIN_HEIGHT} px ({height})")
    if width / height < MIN_RATIO:
        out.append(f"{where}: width/height must be at least {MIN_RATIO} ({width}x{height})")
    return out


def check_rich_menu(menu: Any) -> list[str]:
    """A rich menu object as sent to POST /v2/bot/richmenu."""
    if not isinstance(menu, dict):
        return ["richMenu: must be a JSON object"]
    size = found if isinstance(found := menu.get("size"), dict) else {}
    width, height = size.get("width"), size.get("height")
    out = check_size(width, height, "size")
    if not isinstance(menu.get("selected"), bool):
        out.append("selected: required boolean is missing")
    out += required_text(menu, "name", "richMenu", MAX_NAME)
    out += required_text(menu, "chatBarText", "richMenu", MAX_CHAT_BAR_TEXT)
    areas = menu.get("areas")
    if not isinstance(areas, list) or not areas:
        return out + ["areas: at least one area is required"]
    if len(areas) > MAX_AREAS:
        out.append(f"areas: more than {MAX_AREAS} areas ({len(areas)})")
    for i, area in enumerate(areas):
        where = f"areas[{i}]"
        if not isinstance(area, dict):
            out.append(f"{where}: must be an object")
            continue
        out += _check_bounds(area.get("bounds"), f"{where}.bounds", width, height)
        out += check_action(area.get("action"), f"{where}.action", RICH_MENU)
    return out


def _check_bounds(bounds: Any, where: str, width: Any, height: Any) -> list[str]:
    if not isinstance(bounds, dict):
        return [f"{where}: required"]
    vals: list[Any] = [bounds.get(k) for k in ("x", "y", "width", "height")]
    if not all(isinstance(v, int) for v in vals) or vals[0] < 0 or vals[1] < 0 \
            or vals[2] < 1 or vals[3] < 1:
        return [f"{where}: x, y >= 0 and width, height >= 1 are required integers"]
    x, y, w, h = vals
    if isinstance(width, int) and isinstance(height, int) and (x + w > width or y + h > height):
        return [f"{where}: area reaches outside the {width}x{height} menu"]
    return []


def check_rich_menu_image(data: bytes, content_type: str,
                          menu_size: tuple[int, int] | None = None) -> list[str]:
    """An image uploaded to POST /v2/bot/richmenu/{id}/content; it must match the menu's size."""
    out = []
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype not in IMAGE_TYPES:
        out.append(f"Content-Type: must be image/jpeg or image/png ({content_type!r})")
    if len(data) > MAX_IMAGE_BYTES:
        out.append(f"image: larger than 1 MB ({len(data)} bytes)")
    try:
        from PIL import Image  # imported here: only uploads need it
        with Image.open(io.BytesIO(data)) as img:
            fmt, (width, height) = img.format, img.size
    except Exception:
        return out + ["image: not a readable JPEG or PNG file"]
    if fmt not in ("JPEG", "PNG"):
        out.append(f"image: format must be JPEG or PNG ({fmt})")
    elif ctype in IMAGE_TYPES and IMAGE_TYPES[ctype] != fmt:
        out.append(f"image: Content-Type {ctype} does not match the {fmt} data")
    out += check_size(width, height, "image")
    if menu_size and (width, height) != tuple(menu_size):
        out.append(f"image: {width}x{height} does not match the rich menu size "
                   f"{menu_size[0]}x{menu_size[1]}")
    return out
