"""The chat simulator signs any event it is asked to with the channel secret, so: it hands the
event to this app only (never to the host a Host header names), its POSTs need the page's CSRF
token, and it is not served at all once real LINE credentials are set, whatever APP_ENV says."""
from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from bot import create_app
from bot.devchat.simulator import citizen_id
from bot.services import Services
from bot.settings import Settings
from models.db import read_scope
from models.events import InboundEvent


@pytest.fixture
def dev_app(database_url, engine, tmp_path):
    """`make run`'s app: development, no LINE credentials, the built-in fake LINE API."""
    settings = Settings(_env_file=None, app_env="development", database_url=database_url,  # type: ignore[call-arg]
                        instance_path=str(tmp_path / "instance"), worker_threads=0)
    services = Services.build(settings, engine=engine)
    yield create_app(settings, services=services)
    services.gateway.close()


def _page_token(client, **headers: str) -> str:
    html = client.get("/dev/chat/", headers=headers).get_data(as_text=True)
    config = re.search(r'<script type="application/json" id="devchat-config">(.*?)</script>', html, re.S)
    return json.loads(config.group(1))["csrf"]


def _stored(engine) -> list[str]:
    with read_scope(engine) as s:
        return [json.loads(p)["message"]["text"] for p in s.exec(select(InboundEvent.payload)).scalars()]


class Recorder(BaseHTTPRequestHandler):
    got: list[str] = []

    def do_POST(self) -> None:
        self.got.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_send_delivers_to_this_app_whatever_the_host_header_says(dev_app, engine):
    elsewhere = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=elsewhere.serve_forever, daemon=True).start()
    try:
        client, host = dev_app.test_client(), f"127.0.0.1:{elsewhere.server_address[1]}"
        token = _page_token(client, Host=host)  # the session cookie is the named host's
        resp = client.post("/dev/chat/send", json={"user": citizen_id(1), "action": {"type": "text", "text": "สวัสดี"}},
                           headers={"X-CSRFToken": token, "Host": host})
    finally:
        elsewhere.shutdown()
        elsewhere.server_close()
    assert resp.status_code == 200 and resp.json["ok"], resp.json
    assert Recorder.got == []  # nothing signed went to the host the header named
    assert _stored(engine) == ["สวัสดี"]  # it reached this app's /callback and was stored


@pytest.mark.parametrize("path,body", [("/dev/chat/send", {"user": citizen_id(1), "action": {"type": "text", "text": "x"}}),
                                       ("/dev/chat/profile", {"name": "x"})])
def test_simulator_posts_need_the_pages_csrf_token(dev_app, engine, path, body):
    client = dev_app.test_client()
    assert client.post(path, json=body).status_code == 400
    assert client.post(path, json=body, headers={"X-CSRFToken": "made-up"}).status_code == 400
    other = dev_app.test_client()
    assert client.post(path, json=body, headers={"X-CSRFToken": _page_token(other)}).status_code == 400
    assert _stored(engine) == []
    assert client.post(path, json=body, headers={"X-CSRFToken": _page_token(client)}).status_code == 200


@pytest.mark.parametrize("credentials", [
    {"line_channel_secret": "0123456789abcdef0123456789abcdef"},
    {"line_channel_access_token": "a-real-long-lived-token"},
])
@pytest.mark.parametrize("app_env", ["development", "test"])
def test_no_simulator_with_real_line_credentials(database_url, tmp_path, credentials, app_env):
    settings = Settings(_env_file=None, app_env=app_env, database_url=database_url,  # type: ignore[call-arg]
                        instance_path=str(tmp_path / "instance"), worker_threads=0, **credentials)
    client = create_app(settings).test_client()
    for path in ("/dev/chat/", "/dev/line-api/v2/bot/info", "/dev/"):
        assert client.get(path).status_code == 404, path
    assert client.post("/dev/chat/send", json={"user": citizen_id(1), "action": {"type": "follow"}}).status_code == 404
