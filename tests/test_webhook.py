"""POST /callback: signatures, malformed bodies, storage before the 200, and no LINE call inside it."""
from __future__ import annotations

import io
import json
import time

import pytest
from sqlalchemy import func, select

from bot import create_app
from bot.devchat.events import sign, text_event, webhook_body
from models.db import session_scope
from models.events import InboundEvent
from tests.conftest import CHANNEL_SECRET, FIXTURES, load_fixture, post_body, webhook_fixtures
from tests.webhook_bodies import USER, stored


def test_missing_signature_is_400(client, engine):
    body = json.dumps(webhook_body([text_event(USER, "hello")])).encode()
    assert client.post("/callback", data=body).status_code == 400
    assert stored(engine) == []


def test_wrong_signature_is_400(client, engine):
    resp = post_body(client, webhook_body([text_event(USER, "hello")]), secret="not-the-channel-secret")
    assert resp.status_code == 400
    assert stored(engine) == []


@pytest.mark.parametrize("raw", [b"not json", b"[]", b'{"events": {}}', b'{"destination": "x"}',
                                 b'{"events": [1, 2]}', b"\xff\xfe{}"])
def test_malformed_body_is_400(client, engine, raw):
    assert post_body(client, raw).status_code == 400
    assert stored(engine) == []


def test_console_verify_body_is_200(client, engine):
    raw = (FIXTURES / "docs_verify_empty_events_signed.json").read_bytes()
    assert post_body(client, raw).status_code == 200
    assert stored(engine) == []


def test_official_signature_vector_is_accepted(settings, services, engine):
    vectors = json.loads((FIXTURES / "SIGNATURE_VECTORS.json").read_text())["vectors"]
    vec = next(v for v in vectors if v.get("body_file"))
    app = create_app(settings.model_copy(update={"line_channel_secret": vec["channel_secret"]}), services=services)
    raw = (FIXTURES / vec["body_file"]).read_bytes()
    resp = app.test_client().post("/callback", data=raw, headers={"X-Line-Signature": vec["x_line_signature"]})
    assert resp.status_code == 200


def test_each_event_is_stored_before_the_200(client, engine, fake_line):
    body = webhook_body([text_event(USER, "one"), text_event(USER, "two")])
    assert post_body(client, body).status_code == 200
    rows = stored(engine)
    assert [r.webhook_event_id for r in rows] == [e["webhookEventId"] for e in body["events"]]
    assert {r.chat_key for r in rows} == {f"user:{USER}"}
    assert fake_line.store.calls == []  # nothing reached LINE from inside the request


def test_redelivery_is_stored_once(client, engine):
    event = text_event(USER, "hello")
    assert post_body(client, webhook_body([event])).status_code == 200
    again = dict(event, deliveryContext={"isRedelivery": True})
    assert post_body(client, webhook_body([again, event])).status_code == 200
    assert len(stored(engine)) == 1


def test_every_fixture_body_is_accepted(client, engine):
    expected = set()
    for path in webhook_fixtures():
        body = json.loads(path.read_text())
        assert post_body(client, body).status_code == 200, path.name
        expected |= {e["webhookEventId"] for e in body["events"]}
    assert {r.webhook_event_id for r in stored(engine)} == expected


def test_ack_does_not_wait_for_a_slow_line_api(client, engine, fake_line):
    fake_line.store.latency = 3.0  # LINE answering slowly must not slow the webhook
    started = time.monotonic()
    assert post_body(client, webhook_body([text_event(USER, "hello")])).status_code == 200
    assert time.monotonic() - started < 1.0
    assert fake_line.store.calls == []


def test_database_down_answers_503_so_line_redelivers(settings, services, tmp_path):
    from bot.services import Services
    from models.db import make_engine

    broken = make_engine(f"sqlite:///{tmp_path}/missing-dir/never/app.db")
    app = create_app(settings, services=Services(settings=settings, engine=broken, gateway=services.gateway))
    resp = post_body(app.test_client(), webhook_body([text_event(USER, "hello")]))
    assert resp.status_code == 503


def test_events_without_webhook_event_id_are_deduplicated(client, engine):
    event = load_fixture("sdk_v3_text_message.json")["events"][0]
    event.pop("webhookEventId", None)
    for _ in range(2):
        assert post_body(client, {"destination": "U0", "events": [event]}).status_code == 200
    with session_scope(engine) as s:
        assert s.exec(select(func.count()).select_from(InboundEvent)).scalar_one() == 1


def _without_length(client, raw: bytes, signature: str):
    """A body sent chunked, without Content-Length (as a proxy may forward it): the WSGI shortcut
    steps aside and Flask's `callback` view answers, the second of the two paths into `receive`."""
    return client.post("/callback", input_stream=io.BytesIO(raw),
                       headers={"X-Line-Signature": signature, "Transfer-Encoding": "chunked"},
                       environ_overrides={"wsgi.input_terminated": True, "CONTENT_LENGTH": ""})


def test_the_flask_view_stores_a_body_sent_without_length(client, engine, monkeypatch):
    app = client.application
    seen: list[str] = []
    view = app.view_functions["webhook.callback"]
    monkeypatch.setitem(app.view_functions, "webhook.callback", lambda: seen.append("view") or view())
    raw = json.dumps(webhook_body([text_event(USER, "hello", event_id="E-CHUNKED")])).encode()
    resp = _without_length(client, raw, sign(raw, CHANNEL_SECRET))
    assert (resp.status_code, resp.get_data(as_text=True), seen) == (200, "OK", ["view"])
    assert [e.webhook_event_id for e in stored(engine)] == ["E-CHUNKED"]
    assert resp.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_the_flask_view_refuses_a_wrong_signature(client, engine):
    raw = json.dumps(webhook_body([text_event(USER, "hello")])).encode()
    resp = _without_length(client, raw, sign(raw, "not-the-channel-secret"))
    assert resp.status_code == 400 and stored(engine) == []
