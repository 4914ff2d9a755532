"""A fake LINE Messaging API: records calls, answers like LINE, and enforces LINE's limits.

Serves both api.line.me and api-data.line.me paths, so one base URL stands in for both.
Mounted at /dev/line-api inside the app in development, or run alone by FakeLineServer in tests.
"""
from __future__ import annotations

import json
import secrets
import time
import uuid
from typing import Any

from flask import Blueprint, Flask, Response, g, jsonify, request

from .fake_parts import Call
from .fake_richmenus import add_richmenu_routes
from .fake_store import FakeLineStore
from .limits import check_messages, check_push, check_reply
from .serving import ServedApp

__all__ = ["Call", "FakeLineServer", "FakeLineStore", "create_fake_line_blueprint"]

_QUOTABLE = {"text", "sticker", "image", "video", "audio", "location"}


def _answer(payload, status: int = 200, headers: dict | None = None) -> Response:
    resp = jsonify(payload)
    resp.status_code = status
    for key, value in (headers or {}).items():
        resp.headers[key] = value
    return resp


def _api_path() -> str:
    """The path as LINE would see it, whatever prefix the blueprint is mounted under."""
    path = request.path
    for marker in ("/v2/", "/bot/"):
        at = path.find(marker)
        if at >= 0:
            return path[at:]
    return path


def _sent(messages: list[dict]) -> list[dict]:
    out = []
    for msg in messages:
        item = {"id": str(secrets.randbelow(9 * 10**17) + 10**17)}
        if isinstance(msg, dict) and msg.get("type") in _QUOTABLE:
            item["quoteToken"] = secrets.token_urlsafe(24)
        out.append(item)
    return out


def as_line_sees(body: Any, own_origin: str | None) -> Any:
    """The body as LINE would check it had the simulator's own address been the public https host."""
    if not own_origin:
        return body
    text = json.dumps(body, ensure_ascii=False)
    return json.loads(text.replace(f'"{own_origin.rstrip("/")}/', '"https://simulator.invalid/'))


def create_fake_line_blueprint(store: FakeLineStore) -> Blueprint:
    bp = Blueprint("fake_line", __name__)

    def invalid(where: str, problems: list[str], user_id: str | None = None,
                usable: bool = False) -> Response | None:
        """Record the violations and answer 400 as LINE does, unless the store only watches
        (reject_invalid=False) and the body is still usable enough to deliver."""
        store.add_violations(where, problems, user_id)
        if usable and not store.reject_invalid:
            return None
        details = [dict(zip(("property", "message"), p.split(": ", 1))) if ": " in p
                   else {"message": p} for p in problems]
        return _answer({"message": f"The request body has {len(problems)} error(s)",
                        "details": details}, 400)

    @bp.before_request
    def _receive():
        g.request_id = str(uuid.uuid4())
        g.fault = None
        g.call = store.record_call(Call(
            method=request.method, path=_api_path(), headers=dict(request.headers),
            json=request.get_json(silent=True), body=request.get_data(),
            query=request.args.to_dict(), time=time.time()))
        if store.latency:
            time.sleep(store.latency)
        auth = request.headers.get("Authorization", "")
        token = auth[7:].strip() if auth.startswith("Bearer ") else ""
        if not token or (store.access_token is not None and token != store.access_token):
            return _answer({"message": "Authentication failed. Confirm that the access token in "
                                       "the authorization header is valid."}, 401)
        fault = g.fault = store.take_fault(g.call.path)
        if fault and not (fault.hang and fault.deliver):
            time.sleep(fault.delay)
            body = fault.body if fault.body is not None else {"message": f"fault injected ({fault.status})"}
            return _answer(body, fault.status, fault.headers)
        return None

    @bp.after_request
    def _answered(resp: Response):
        fault = g.get("fault")
        if fault is not None and fault.hang and fault.deliver:
            time.sleep(fault.delay)  # it took effect; only the answer comes too late
        resp.headers["x-line-request-id"] = g.get("request_id", "")
        if g.get("call") is not None:
            store.finish_call(g.call, resp.status_code)
        return resp

    @bp.post("/v2/bot/message/reply")
    def reply():
        body: Any = request.get_json(silent=True)  # LINE's limits are checked (check_reply) before use
        token = body.get("replyToken") if isinstance(body, dict) else None
        user_id = store.token_user(token) if isinstance(token, str) else None
        problems = check_reply(as_line_sees(body, store.own_origin))
        usable = isinstance(token, str) and isinstance(body.get("messages"), list)
        if problems and (refused := invalid("POST /v2/bot/message/reply", problems, user_id, usable)):
            return refused
        if not store.use_reply_token(token):
            store.note(user_id, "Invalid reply token (used, expired or unknown)")
            return _answer({"message": "Invalid reply token"}, 400)
        sent = _sent(body["messages"])
        store.deliver("reply", user_id, body, sent, g.request_id, reply_token=token,
                      headers=g.call.headers)
        return _answer({"sentMessages": sent})

    @bp.post("/v2/bot/message/push")
    def push():
        body: Any = request.get_json(silent=True)  # LINE's limits are checked (check_push) before use
        key = request.headers.get("X-Line-Retry-Key")
        to = body.get("to") if isinstance(body, dict) else None
        problems = check_push(as_line_sees(body, store.own_origin), key)
        usable = isinstance(to, str) and isinstance(body.get("messages"), list)
        if problems and (refused := invalid("POST /v2/bot/message/push", problems, to, usable)):
            return refused
        with store.lock:  # check and deliver at once: two retries may race
            prior = store.accepted_retry(key)
            if prior:
                return _answer({"message": "The retry key is already accepted",
                                "sentMessages": prior["sent_messages"]}, 409,
                               {"x-line-accepted-request-id": prior["request_id"]})
            if store.quota_limit is not None and store.push_count >= store.quota_limit:
                store.note(to, "Push refused: monthly quota reached")
                return _answer({"message": "You have reached your monthly limit."}, 429)
            sent = _sent(body["messages"])
            store.deliver("push", to, body, sent, g.request_id, retry_key=key,
                          headers=g.call.headers)
        return _answer({"sentMessages": sent})

    @bp.post("/v2/bot/message/validate/<kind>")
    def validate(kind: str):
        body = request.get_json(silent=True)
        problems = check_messages(body.get("messages") if isinstance(body, dict) else None)
        refused = problems and invalid(f"POST /v2/bot/message/validate/{kind}", problems)
        return refused or _answer({})

    @bp.get("/v2/bot/message/<message_id>/content")
    def content(message_id: str):
        found = store.get_content(message_id)
        if found is None:
            return _answer({"message": "Not found"}, 404)
        return Response(found[0], 200, content_type=found[1])

    @bp.get("/v2/bot/profile/<user_id>")
    def profile(user_id: str):
        return _answer(store.profile(user_id))

    @bp.get("/v2/bot/message/quota")
    def quota():
        if store.quota_limit is None:
            return _answer({"type": "none"})
        return _answer({"type": "limited", "value": store.quota_limit})

    @bp.get("/v2/bot/message/quota/consumption")
    def consumption():
        return _answer({"totalUsage": store.push_count})

    @bp.get("/v2/bot/info")
    def bot_info():
        return _answer({"userId": store.bot_user_id, "basicId": "@000devoa",
                        "displayName": store.bot_display_name, "chatMode": "bot",
                        "markAsReadMode": "auto"})

    @bp.post("/v2/bot/chat/loading/start")
    def loading():
        return _answer({}, 202)

    add_richmenu_routes(bp, store, _answer, invalid)

    @bp.route("/<path:rest>", methods=["GET", "POST", "PUT", "DELETE"])
    def unknown(rest: str):
        return _answer({"message": "Not found"}, 404)

    return bp


class FakeLineServer(ServedApp):
    """The fake API on a free port of 127.0.0.1: `with FakeLineServer() as line: line.base_url`."""

    def __init__(self, store: FakeLineStore | None = None):
        self.store = store if store is not None else FakeLineStore()
        app = Flask(__name__)
        app.register_blueprint(create_fake_line_blueprint(self.store))
        super().__init__(app)
