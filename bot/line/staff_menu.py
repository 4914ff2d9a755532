"""The staff's rich menu (issue 13): deployed beside the citizens' by `flask richmenu deploy`, and
linked to each linked staff member's own LINE user (LINE's per-user menu, over the default one).

Linking and unlinking a user's menu are LINE calls, made after the transaction that linked or
unlinked the account commits (never about a change that was not saved) and never failing it: a
missed call is repaired by the next deploy, which links every linked staff member again.
"""
from __future__ import annotations

import logging
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import event
from sqlmodel import Session, col, select

from bot.line import richmenu, richmenu_image
from bot.line.gateway import LineGateway, SendResult
from messages_th import staff_line as texts
from models.staff import Staff

log = logging.getLogger(__name__)
MENU_NAME = "staff-main-menu"  # ours are named so, then a space and when they were made


def menu_definition(name: str = MENU_NAME) -> dict[str, Any]:
    return richmenu.menu_definition(name, texts.ENTRIES, texts.CHAT_BAR_TEXT)


@lru_cache(maxsize=1)
def render_menu_png() -> bytes:
    return richmenu_image.to_png(richmenu_image.render(texts.ENTRIES))


def _ours(menu: dict[str, Any]) -> bool:
    name = str(menu.get("name") or "")
    return name == MENU_NAME or name.startswith(MENU_NAME + " ")


def current_menu_id(gateway: LineGateway) -> str | None:
    """The newest staff menu on LINE (names end with a sortable time stamp), or None."""
    result, menus = gateway.list_rich_menus()
    ours = sorted((m for m in menus if _ours(m)), key=lambda m: str(m.get("name")))
    return str(ours[-1].get("richMenuId")) if result.ok and ours else None


def linked_users(session: Session) -> list[str]:
    rows = session.exec(select(col(Staff.line_user_id)).where(col(Staff.line_user_id).is_not(None),
                                                         col(Staff.active).is_(True))).all()
    return [str(r) for r in rows if r]


def deploy(gateway: LineGateway, image: bytes, users: list[str], now: datetime | None = None
           ) -> tuple[str, int, list[str]]:
    """Create and upload the staff menu, link it to `users`, then delete our older staff menus.
    (new menu id, users linked, older menus deleted); raises richmenu.DeployFailed."""
    report = richmenu.Report()
    result, existing = gateway.list_rich_menus()
    if not result.ok:
        raise richmenu.DeployFailed("list", result, report)
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    result, menu_id = gateway.create_rich_menu(menu_definition(f"{MENU_NAME} {stamp}"))
    if not result.ok or not menu_id:
        raise richmenu.DeployFailed("create", result, report)
    report.menu_id = menu_id
    result = gateway.set_rich_menu_image(menu_id, image)
    if not result.ok:
        gateway.delete_rich_menu(menu_id)
        raise richmenu.DeployFailed("upload", result, report)
    linked = sum(gateway.link_rich_menu(user, menu_id).ok for user in users)
    removed = []
    for menu in existing:  # deleting a menu unlinks it from its users: only after they have the new one
        old = menu.get("richMenuId")
        if _ours(menu) and old and old != menu_id and gateway.delete_rich_menu(old).ok:
            removed.append(old)
    return menu_id, linked, removed


def link(gateway: LineGateway, user_id: str) -> SendResult | None:
    """Give a newly linked staff member the staff menu (None: no staff menu deployed yet)."""
    menu_id = current_menu_id(gateway)
    if menu_id is None:
        log.warning("no staff rich menu on LINE yet: run `flask richmenu deploy`")
        return None
    result = gateway.link_rich_menu(user_id, menu_id)
    if not result.ok:
        log.warning("linking the staff rich menu failed: %s %s", result.status, result.error)
    return result


def unlink(gateway: LineGateway, user_id: str) -> SendResult:
    result = gateway.unlink_rich_menu(user_id)
    if not result.ok:
        log.warning("unlinking the staff rich menu failed: %s %s", result.status, result.error)
    return result


def after_commit(session: Session, gateway: Any, user_id: str | None, linked: bool) -> None:
    """link() or unlink() once `session` commits; a failure is logged, never raised."""
    if not user_id or gateway is None:
        return

    def call(_s: Session) -> None:
        try:
            link(gateway, user_id) if linked else unlink(gateway, user_id)
        except Exception:
            log.exception("staff rich menu call failed")

    event.listen(session, "after_commit", call, once=True)
