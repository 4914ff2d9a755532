"""The database unreachable: the webhook answers 503 (so LINE redelivers), nothing is half-stored,
/healthz says so, the worker threads survive, and everything works again once the database is back,
without a restart.

PostgreSQL: the app reaches the database through a TCP forwarder that the test cuts (every open
connection dropped, new ones refused) and restores. SQLite has no server to lose; its way of being
unavailable is a database locked by another process, held here until released.
"""
from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, select
from sqlalchemy.engine import make_url

from bot import create_app
from bot.devchat.events import text_event, webhook_body
from bot.services import Services
from models.db import make_engine, read_scope
from models.enums import EventStatus, OutboxStatus
from models.events import InboundEvent, OutboundMessage
from tests.conftest import post_body
from tests.faults.tcp_proxy import TcpProxy

USER = "U" + "d" * 32
REPLY = "/v2/bot/message/reply"


@contextmanager
def postgres_outage(database_url: str) -> Iterator[tuple[str, object]]:
    url = make_url(database_url)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    proxy.up()
    try:
        yield url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False), proxy
    finally:
        proxy.down()


class SqliteLock:
    """Another process's write lock on the SQLite file (down) and its release (up)."""

    def __init__(self, path: str):
        self.conn = sqlite3.connect(path, isolation_level=None)

    def down(self) -> None:
        self.conn.execute("BEGIN EXCLUSIVE")

    def up(self) -> None:
        self.conn.execute("ROLLBACK")


@pytest.fixture
def outage(database_url: str, engine):
    """(the URL the app uses, a switch with down() and up())."""
    if database_url.startswith("postgresql"):
        with postgres_outage(database_url) as pair:
            yield pair
        return
    lock = SqliteLock(make_url(database_url).database)
    yield database_url, lock
    lock.conn.close()


def _engine_for(url: str):
    engine = make_engine(url)
    if url.startswith("sqlite"):
        @event.listens_for(engine, "connect")
        def _short_wait(dbapi_conn, _record):
            # Production waits up to 30 s for a lock; a test need not wait that long to see a 503.
            dbapi_conn.execute("PRAGMA busy_timeout=300")
    return engine


def _say(client, fake_line, text: str) -> tuple[dict, int]:
    event = text_event(USER, text, reply_token=fake_line.store.issue_reply_token(USER))
    return event, post_body(client, webhook_body([event])).status_code


def _stored(engine) -> dict[str, str]:
    with read_scope(engine) as s:
        return {e.webhook_event_id: e.status for e in s.exec(select(InboundEvent)).scalars()}


@contextmanager
def running_app(settings, services, url: str):
    """The app on `url` with one real worker thread, as in production (started by the first request)."""
    from handlers.understanding import warm_up

    warm_up()  # the Thai dictionary, loaded before any timing starts (slow on a busy machine)
    app_engine = _engine_for(url)
    live = settings.model_copy(update={"database_url": url, "worker_threads": 1, "worker_poll_seconds": 0.1})
    app = create_app(live, services=Services(settings=live, engine=app_engine, gateway=services.gateway))
    app.config.update(TESTING=True)  # an unexpected exception fails the test with its traceback
    try:
        yield app
    finally:
        if "worker_pool" in app.extensions:  # started by the first request
            app.extensions["worker_pool"].shutdown()
        app_engine.dispose()


def _outbox_done(engine) -> bool:
    with read_scope(engine) as s:
        return all(m.status == OutboxStatus.SENT for m in s.exec(select(OutboundMessage)).scalars())


def _redeliver_until_acknowledged(client, event: dict, within: float = 15) -> None:
    redelivered = dict(event, deliveryContext={"isRedelivery": True})
    deadline = time.monotonic() + within
    while post_body(client, webhook_body([redelivered])).status_code != 200:
        assert time.monotonic() < deadline, "the webhook did not recover by itself"
        time.sleep(0.2)


def test_database_outage_is_503_then_recovers_without_restart(settings, services, fake_line, engine, outage):
    url, switch = outage
    with running_app(settings, services, url) as app:
        client = app.test_client()
        before, status = _say(client, fake_line, "สวัสดีครับ")  # starts the worker thread too
        pool = app.extensions["worker_pool"]
        assert status == 200
        fake_line.store.wait_for(lambda: _outbox_done(engine) and fake_line.store.replies(), timeout=30)

        switch.down()
        started = time.monotonic()
        during, status = _say(client, fake_line, "ไฟถนนดับครับ")
        assert status == 503, "not stored must not be acknowledged: LINE redelivers only without a 200"
        assert time.monotonic() - started < 10  # an answer, not a hang past LINE's timeout
        if isinstance(switch, TcpProxy):  # a locked SQLite file can still be read: only writes wait
            health = client.get("/healthz")
            assert health.status_code == 503 and health.get_json()["problems"][0].startswith("database")
        time.sleep(0.5)  # the worker thread meets the outage too
        assert all(t.is_alive() for t in pool.threads)

        switch.up()  # no restart of anything from here on
        _redeliver_until_acknowledged(client, during)
        fake_line.store.wait_for(lambda s: len(s.replies()) == 2, timeout=20)
        assert client.get("/healthz").status_code == 200
        assert all(t.is_alive() for t in pool.threads)
    assert _stored(engine) == {before["webhookEventId"]: EventStatus.DONE, during["webhookEventId"]: EventStatus.DONE}
    assert [r["reply_token"] for r in fake_line.store.replies()] == [before["replyToken"], during["replyToken"]]


def test_outage_in_the_middle_of_a_chat_does_not_hold_it_for_the_whole_lease(settings, services, fake_line,
                                                                            engine, outage):
    """Found by this test: the database went away while a worker held a chat, so it could not give
    the chat back, and its own lease then kept the chat's next events waiting for a full minute."""
    url, switch = outage
    fake_line.store.hang_next(REPLY, 1.0, deliver=True)  # the reply is on its way when the database goes
    with running_app(settings, services, url) as app:
        client = app.test_client()
        first, status = _say(client, fake_line, "สวัสดีครับ")
        assert status == 200
        fake_line.store.wait_for(lambda s: s.calls_to(REPLY), timeout=30)
        switch.down()
        time.sleep(1.5)  # LINE answers; marking it sent and giving the chat back both fail
        switch.up()
        started = time.monotonic()
        second, status = _say(client, fake_line, "ขอบคุณครับ")
        if status != 200:
            _redeliver_until_acknowledged(client, second)
        fake_line.store.wait_for(lambda s: len(s.replies()) == 2, timeout=15)
        assert time.monotonic() - started < 15 < settings.worker_lease_seconds
        fake_line.store.wait_for(lambda: _outbox_done(engine), timeout=15)  # the first, once its lease ends
    assert [r["reply_token"] for r in fake_line.store.replies()] == [first["replyToken"], second["replyToken"]]
    assert fake_line.store.pushes() == []  # the first reply was not sent a second time
