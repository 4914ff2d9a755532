"""Rich menu endpoints of the fake LINE API, with LINE's checks on the menu and its image."""
from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, Response, request

from .limits import check_rich_menu, check_rich_menu_image


@dataclass
class RichMenuState:
    menus: dict[str, dict] = field(default_factory=dict)
    images: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    default_id: str | None = None
    per_user: dict[str, str] = field(default_factory=dict)


def add_richmenu_routes(bp: Blueprint, store, answer: Callable[..., Response],
                        invalid: Callable[[str, list[str]], Response | None]) -> None:
    """answer(payload, status=200) builds a LINE-like response; invalid(where, problems) records
    the violations and builds the 400 (a rich menu that breaks a rule is always refused)."""

    def state() -> RichMenuState:
        return store.rich_menus

    def not_found() -> Response:
        return answer({"message": "Not found"}, 404)

    @bp.post("/v2/bot/richmenu")
    def create_rich_menu():
        menu: Any = request.get_json(silent=True)  # checked by check_richmenu before use
        problems = check_rich_menu(menu)
        if problems:
            return invalid("POST /v2/bot/richmenu", problems)
        menu_id = "richmenu-" + secrets.token_hex(16)
        with store.lock:
            state().menus[menu_id] = {"richMenuId": menu_id, **menu}
        return answer({"richMenuId": menu_id})

    @bp.post("/v2/bot/richmenu/validate")
    def validate_rich_menu():
        problems = check_rich_menu(request.get_json(silent=True))
        return invalid("POST /v2/bot/richmenu/validate", problems) if problems else answer({})

    @bp.get("/v2/bot/richmenu/list")
    def list_rich_menus():
        with store.lock:
            return answer({"richmenus": list(state().menus.values())})

    @bp.get("/v2/bot/richmenu/<menu_id>")
    def get_rich_menu(menu_id: str):
        menu = state().menus.get(menu_id)
        return answer(menu) if menu else not_found()

    @bp.delete("/v2/bot/richmenu/<menu_id>")
    def delete_rich_menu(menu_id: str):
        with store.lock:
            s = state()
            if s.menus.pop(menu_id, None) is None:
                return not_found()
            s.images.pop(menu_id, None)
            if s.default_id == menu_id:
                s.default_id = None
            s.per_user = {u: m for u, m in s.per_user.items() if m != menu_id}
        return answer({})

    @bp.post("/v2/bot/richmenu/<menu_id>/content")
    def upload_rich_menu_image(menu_id: str):
        with store.lock:
            s = state()
            menu = s.menus.get(menu_id)
            if menu is None:
                return not_found()
            if menu_id in s.images:
                return answer({"message": "An image has already been uploaded to the richmenu"}, 400)
            size = (menu["size"]["width"], menu["size"]["height"])
            data, ctype = request.get_data(), request.content_type or ""
            problems = check_rich_menu_image(data, ctype, size)
            if problems:
                return invalid(f"POST /v2/bot/richmenu/{menu_id}/content", problems)
            s.images[menu_id] = (data, ctype)
        return answer({})

    @bp.get("/v2/bot/richmenu/<menu_id>/content")
    def download_rich_menu_image(menu_id: str):
        image = state().images.get(menu_id)
        if image is None:
            return not_found()
        return Response(image[0], 200, content_type=image[1])

    def _apply(menu_id: str) -> Response | None:
        s = state()
        if menu_id not in s.menus:
            return not_found()
        if menu_id not in s.images:
            return answer({"message": "must upload richmenu image before applying it to user"}, 400)
        return None

    @bp.post("/v2/bot/user/all/richmenu/<menu_id>")
    def set_default_rich_menu(menu_id: str):
        with store.lock:
            refused = _apply(menu_id)
            if refused is None:
                state().default_id = menu_id
        return refused or answer({})

    @bp.get("/v2/bot/user/all/richmenu")
    def get_default_rich_menu():
        menu_id = state().default_id
        return answer({"richMenuId": menu_id}) if menu_id else answer({"message": "no default richmenu"}, 404)

    @bp.delete("/v2/bot/user/all/richmenu")
    def cancel_default_rich_menu():
        with store.lock:
            state().default_id = None
        return answer({})

    @bp.post("/v2/bot/user/<user_id>/richmenu/<menu_id>")
    def link_rich_menu(user_id: str, menu_id: str):
        with store.lock:
            refused = _apply(menu_id)
            if refused is None:
                state().per_user[user_id] = menu_id
        return refused or answer({})

    @bp.get("/v2/bot/user/<user_id>/richmenu")
    def get_user_rich_menu(user_id: str):
        menu_id = state().per_user.get(user_id)
        return answer({"richMenuId": menu_id}) if menu_id else answer({"message": "the user has no richmenu"}, 404)

    @bp.delete("/v2/bot/user/<user_id>/richmenu")
    def unlink_rich_menu(user_id: str):
        with store.lock:
            state().per_user.pop(user_id, None)
        return answer({})


def menu_for(store, user_id: str) -> tuple[dict, str] | None:
    """The rich menu a user sees (their own, else the default) and its id, for the simulator."""
    with store.lock:
        s = store.rich_menus
        menu_id = s.per_user.get(user_id) or s.default_id
        if menu_id and menu_id in s.menus and menu_id in s.images:
            return s.menus[menu_id], menu_id
    return None
