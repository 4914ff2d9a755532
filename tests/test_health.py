"""/healthz tells a monitor whether the service can actually answer citizens."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text, update

from bot.devchat.events import text_event, webhook_body
from models.db import session_scope, utcnow
from models.events import InboundEvent
from tests.conftest import post_body


def test_healthy(client):
    resp = client.get("/healthz")
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["status"] == "ok" and body["problems"] == [] and body["events_pending"] == 0


def test_events_waiting_too_long_are_a_problem(client, engine):
    post_body(client, webhook_body([text_event("U" + "2" * 32, "hello")]))  # no worker runs in tests
    assert client.get("/healthz").status_code == 200  # just arrived: fine
    with session_scope(engine) as s:
        s.exec(update(InboundEvent).values(received_at=utcnow() - timedelta(minutes=5)))
    resp = client.get("/healthz")
    assert resp.status_code == 503 and "workers" in resp.get_json()["problems"][0]


def test_schema_behind_the_code_is_a_problem(client, engine):
    with session_scope(engine) as s:
        real = s.exec(text("SELECT version_num FROM alembic_version")).scalar()
        s.exec(text("UPDATE alembic_version SET version_num = '0001'"))
    try:
        resp = client.get("/healthz")
        assert resp.status_code == 503 and "flask db upgrade" in resp.get_json()["problems"][0]
    finally:
        with session_scope(engine) as s:
            s.exec(text("UPDATE alembic_version SET version_num = :v"), params={"v": real})
