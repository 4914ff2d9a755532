"""The citizens' rich menu: its LINE definition, its image, and deploying both.

The entries are data (messages_th/richmenu.py); the image is drawn by bot/line/richmenu_image.py.
A deploy never changes what citizens see until the new menu is complete: create, upload the
image, then make it the default (LINE keeps exactly one default, so switching is one call), and
only then delete this project's older menus, recognised by their name.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from bot.line import richmenu_image
from bot.line.gateway import LineGateway, SendResult
from messages_th import richmenu as texts

MENU_NAME = "citizen-main-menu"  # every menu this project makes is named so, or starts "<name> "
MAX_IMAGE_BYTES = 1024 * 1024
MIN_WIDTH, MAX_WIDTH, MIN_HEIGHT, MIN_RATIO = 800, 2500, 250, 1.45


def menu_definition(name: str = MENU_NAME, entries: tuple[dict, ...] = texts.ENTRIES,
                    chat_bar_text: str = texts.CHAT_BAR_TEXT) -> dict[str, Any]:
    """The rich menu object for POST /v2/bot/richmenu (the simulator may show it as it is); the
    staff's menu (bot/line/staff_menu.py) is the same layout with its own entries."""
    cells = richmenu_image.grid_cells()
    areas = [{"bounds": {"x": x, "y": y, "width": w, "height": h},
              "action": {"type": "postback", "label": e["label"], "data": e["data"],
                         "displayText": e["label"]}}  # the chat shows what was tapped
             for e, (x, y, w, h) in zip(entries, cells)]
    return {"size": {"width": richmenu_image.WIDTH, "height": richmenu_image.HEIGHT},
            "selected": True,  # open at first: many citizens would not find a closed menu
            "name": name, "chatBarText": chat_bar_text, "areas": areas}


@lru_cache(maxsize=1)  # the drawing is the same every time; bytes are immutable
def render_menu_png() -> bytes:
    """The menu's image as PNG bytes (about half a second; Sarabun from fontpkg-sarabun)."""
    return richmenu_image.to_png(richmenu_image.render(texts.ENTRIES))


def image_problems(data: bytes, menu: dict[str, Any] | None = None) -> list[str]:
    """LINE's rules for a rich menu image (in English, for the operator): empty when it is fine."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as img:
            kind, (width, height) = img.format, img.size
    except Exception:
        return ["not a readable JPEG or PNG"]
    out = [] if kind in ("JPEG", "PNG") else [f"format {kind}, not JPEG or PNG"]
    if len(data) > MAX_IMAGE_BYTES:
        out.append(f"{len(data)} bytes, more than 1 MB")
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        out.append(f"width {width}, not {MIN_WIDTH}-{MAX_WIDTH}")
    if height < MIN_HEIGHT:
        out.append(f"height {height}, less than {MIN_HEIGHT}")
    if width / height < MIN_RATIO:
        out.append(f"width/height {width / height:.2f}, less than {MIN_RATIO}")
    if menu and (width, height) != (menu["size"]["width"], menu["size"]["height"]):
        out.append(f"{width}x{height} is not the menu's size")
    return out


def is_ours(menu: dict[str, Any]) -> bool:
    name = str(menu.get("name") or "")
    return name == MENU_NAME or name.startswith(MENU_NAME + " ")


@dataclass
class Report:
    """What a deploy did, for the command to print."""
    menu_id: str | None = None
    uploaded: bool = False
    defaulted: bool = False
    previous_default: str | None = None
    previous_is_ours: bool = False
    removed: list[str] = field(default_factory=list)
    not_removed: list[tuple[str, SendResult]] = field(default_factory=list)
    cleaned_up: bool = False  # the unfinished new menu was deleted again after a failure
    default_unknown: bool = False  # setting the default got no answer and LINE could not be asked


class DeployFailed(Exception):
    """LINE refused or did not answer at `step`; `report` says what had been done."""

    def __init__(self, step: str, result: SendResult, report: Report):
        super().__init__(f"{step}: LINE {result.status}: {result.error}")
        self.step, self.result, self.report = step, result, report


def deploy(gateway: LineGateway, image: bytes, content_type: str = "image/png",
           now: datetime | None = None) -> Report:
    """Create the menu, upload its image, make it the default, then delete our older menus."""
    report = Report()
    result, existing = gateway.list_rich_menus()
    if not result.ok:
        raise DeployFailed("list", result, report)
    result, report.previous_default = gateway.get_default_rich_menu_id()
    if not result.ok and result.status != 404:  # 404: there is no default yet
        raise DeployFailed("list", result, report)
    report.previous_is_ours = any(m.get("richMenuId") == report.previous_default and is_ours(m)
                                  for m in existing)
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    result, menu_id = gateway.create_rich_menu(menu_definition(f"{MENU_NAME} {stamp}"))
    report.menu_id = menu_id
    # A create whose answer was lost leaves a menu of ours: the next deploy deletes it. (An ok answer
    # always carries the id.)
    if not result.ok or menu_id is None:
        raise DeployFailed("create", result, report)
    result = gateway.set_rich_menu_image(menu_id, image, content_type)
    if not result.ok:
        _discard(gateway, report)
        raise DeployFailed("upload", result, report)
    report.uploaded = True
    result = gateway.set_default_rich_menu(menu_id)
    if not result.ok:
        # A lost answer may still have switched the default: ask before deleting the new menu,
        # or citizens could be left with no menu at all.
        check, default_now = gateway.get_default_rich_menu_id()
        if not (check.ok and default_now == report.menu_id):
            if check.ok or check.status == 404:
                _discard(gateway, report)
            else:
                report.default_unknown = True
            raise DeployFailed("set_default", result, report)
    report.defaulted = True
    for menu in existing:
        menu_id = menu.get("richMenuId")
        if is_ours(menu) and menu_id and menu_id != report.menu_id:
            deleted = gateway.delete_rich_menu(menu_id)
            if deleted.ok or deleted.status == 404:  # 404: someone deleted it already
                report.removed.append(menu_id)
            else:
                report.not_removed.append((menu_id, deleted))
    return report


def _discard(gateway: LineGateway, report: Report) -> None:
    """Delete the unfinished new menu; if that fails too, the next deploy deletes it by name."""
    if report.menu_id and gateway.delete_rich_menu(report.menu_id).ok:
        report.cleaned_up = True
