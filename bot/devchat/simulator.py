"""The local chat simulator: a LINE-like chat page that posts signed webhooks to the app's /callback.

Off in production and whenever real LINE credentials are set (the app registers it only when
settings.devchat_enabled): it signs whatever it is asked to with the channel secret. Users' actions
become real webhook bodies, handed to this same app's /callback in process (never over the network
to whatever host a request's Host header names); the bot's answers are read back from the fake LINE
API's store, so the whole path (signature, parsing, worker, gateway) is exercised. Its POSTs need
the page's CSRF token when the app has CSRFProtect (bot.create_app does).
"""
from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import requests
from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request, url_for

from . import events
from .fake_richmenus import menu_for
from .fake_store import FakeLineStore
from .sim_actions import BadAction, events_for

UI_STRINGS_FILE = Path(__file__).parent / "templates" / "devchat" / "ui_th.json"
WEBHOOK_TIMEOUT = 10.0  # seconds; LINE itself gives up after 2, the page warns about slow answers


def load_ui_strings() -> dict:
    return json.loads(UI_STRINGS_FILE.read_text(encoding="utf-8"))


def citizen_id(n: int) -> str:
    """Stable ids for the default simulated citizens, so their history survives a restart."""
    return "U" + hashlib.md5(f"devchat-citizen-{n}".encode()).hexdigest()


def _user_arg(value: Any) -> str:
    if not isinstance(value, str) or len(value) != 33 or value[0] != "U":
        abort(400, description="user must be a LINE user id: U + 32 hex digits")
    return value


def post_in_process(path: str, *, data: bytes, headers: dict[str, str], timeout: float) -> Any:
    """POST to this app itself, in this process, through its whole WSGI stack (the /callback
    shortcut included): requests.post(url, ...) without a network or a host to choose."""
    resp = current_app.test_client().post(path, data=data, headers=headers)
    return SimpleNamespace(status_code=resp.status_code, text=resp.get_data(as_text=True))


def create_simulator_blueprint(store: FakeLineStore, get_settings: Callable[[], Any],
                               post: Callable[..., Any] = post_in_process) -> Blueprint:
    """get_settings() gives .channel_secret and .municipality_name; `post` is called like
    requests.post with the path "/callback"."""
    bp = Blueprint("simulator", __name__, template_folder="templates", static_folder="static",
                   static_url_path="/static")
    strings = load_ui_strings()
    for n, name in enumerate(strings.get("citizens", []), start=1):
        if not any(p["userId"] == citizen_id(n) for p in store.profiles()):
            store.set_profile(citizen_id(n), name)

    @bp.get("/")
    def page():
        settings = get_settings()
        token = current_app.jinja_env.globals.get("csrf_token")  # Flask-WTF's, if the app has CSRFProtect
        return render_template("devchat/chat.html", t=strings, account_name=settings.municipality_name,
                               base=url_for("simulator.page"), csrf=token() if callable(token) else "")

    @bp.get("/users")
    def users():
        return jsonify({"users": store.profiles()})

    @bp.post("/profile")
    def profile():
        body = request.get_json(silent=True) or {}
        user_id = _user_arg(body["user"]) if body.get("user") else events.new_user_id()
        name = str(body.get("name") or "").strip()[:20] or store.profile(user_id)["displayName"]
        store.set_profile(user_id, name)
        return jsonify({"user": store.profile(user_id)})

    @bp.post("/send")
    def send():
        body = request.get_json(silent=True) or {}
        user_id = _user_arg(body.get("user"))
        action = found if isinstance(found := body.get("action"), dict) else {}
        friend = friendship(store, user_id)
        if friend == "blocked" and action.get("type") != "follow":
            # LINE's app offers no way to write to an account the user has blocked.
            return jsonify({"ok": False, "error": "the user has blocked the account: follow (unblock) first"}), 409
        try:
            pairs = events_for(store, user_id, action, False if friend == "blocked" else None)
        except BadAction as exc:
            return jsonify({"ok": False, "error": str(exc)}), 400
        secret = get_settings().channel_secret
        results = []
        for event, entry in pairs:
            if entry is not None:
                store.log_user_message(user_id, entry)
            results.append(_deliver(post, "/callback", event, secret, store.bot_user_id))
        return jsonify({"ok": all(r["ok"] for r in results), "results": results})

    @bp.get("/messages")
    def messages():
        user_id = _user_arg(request.args.get("user"))
        after = request.args.get("after", default=0, type=int)
        entries = store.chat_log(user_id, after)
        last = entries[-1]["seq"] if entries else after
        return jsonify({"entries": entries, "last": last, "friend": friendship(store, user_id)})

    @bp.get("/content/<message_id>")
    def content(message_id: str):
        found = store.get_content(message_id)
        if found is None:
            abort(404)
        return Response(found[0], content_type=found[1])

    @bp.get("/richmenu")
    def richmenu():
        found = menu_for(store, _user_arg(request.args.get("user")))
        if found is None:
            return jsonify({"menu": None})
        menu, menu_id = found
        return jsonify({"menu": menu, "image": url_for("simulator.richmenu_image", menu_id=menu_id)})

    @bp.get("/richmenu/<menu_id>/image")
    def richmenu_image(menu_id: str):
        image = store.rich_menus.images.get(menu_id)
        if image is None:
            abort(404)
        return Response(image[0], content_type=image[1])

    return bp


def friendship(store: FakeLineStore, user_id: str) -> str:
    """"friend", "blocked" or "none" (never followed), from the user's last follow/unfollow."""
    for entry in reversed(store.chat_log(user_id)):
        message = entry["message"]
        if entry["from"] == "user" and message.get("type") == "event":
            return "friend" if message.get("event") == "follow" else "blocked"
    return "none"


def _deliver(post: Callable[..., Any], url: str, event: dict, secret: str, destination: str) -> dict:
    """POST one signed webhook body, the way LINE's platform does."""
    raw, headers = events.signed(events.webhook_body([event], destination), secret)
    started = time.monotonic()
    try:
        resp = post(url, data=raw, headers=headers, timeout=WEBHOOK_TIMEOUT)
    except requests.RequestException as exc:
        return {"ok": False, "status": 0, "error": str(exc)[:300], "event": event["type"],
                "elapsed_ms": round((time.monotonic() - started) * 1000)}
    return {"ok": 200 <= resp.status_code < 300, "status": resp.status_code,
            "body": resp.text[:300], "event": event["type"],
            "elapsed_ms": round((time.monotonic() - started) * 1000)}
