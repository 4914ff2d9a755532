"""Replies recorded sent many at a time by a worker process's Settler (bot/runtime/settler.py)."""
from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

import bot.runtime.settler as settler_module
from bot.devchat.events import text_event, webhook_body
from bot.runtime.settler import Settler
from bot.runtime.worker import Worker
from models.db import session_scope
from models.event_path import Sent
from tests.conftest import post_body
from tests.running import pool_greeted

USERS = ["U" + f"{i:032x}" for i in range(1, 7)]


def _states(engine) -> tuple[list[str], int]:
    """The outbox rows' statuses, and how many chat leases are held."""
    with session_scope(engine) as s:
        statuses = sorted(s.execute(text("SELECT status FROM outbound_message")).scalars())
        held = s.execute(text("SELECT count(*) FROM chat_lease WHERE holder IS NOT NULL")).scalar_one()
    return statuses, held


def _answered(client, services, fake_line, later) -> Worker:
    for user in USERS:
        post_body(client, webhook_body([text_event(user, "สวัสดีครับ", reply_token=fake_line.store.issue_reply_token(user))]))
    worker = Worker(services, name="w")
    worker.outbox.later = later
    for user in USERS:
        assert worker.handle_chat(f"user:{user}") == 1
    assert len(fake_line.store.replies()) == len(USERS)
    return worker


def test_replies_are_recorded_sent_in_one_transaction_with_their_leases_given_back(
        client, services, fake_line, engine, monkeypatch):
    written: list[int] = []
    real_write = Settler.write

    def counted(self, batch):
        written.append(len(batch))
        return real_write(self, batch)

    monkeypatch.setattr(Settler, "write", counted)
    settler = Settler(services)
    held: list[Sent] = []
    _answered(client, services, fake_line, held.append)  # handled, answered, the records held back
    assert _states(engine) == (["sending"] * len(USERS), len(USERS))  # nothing written by the handlers
    services.work_signal.clear()
    for sent in held:
        settler.add(sent)
    settler.start()
    deadline = time.monotonic() + 10
    while _states(engine) != (["sent"] * len(USERS), 0) and time.monotonic() < deadline:
        time.sleep(0.02)
    settler.close()
    assert _states(engine) == (["sent"] * len(USERS), 0)
    assert written == [len(USERS)]  # one transaction for all of them
    assert services.work_signal.is_set()  # the dispatcher looks again: the chats are free


def test_records_that_cannot_be_written_are_kept_and_written_once_the_database_answers(
        client, services, fake_line, engine, monkeypatch):
    held: list[Sent] = []
    _answered(client, services, fake_line, held.append)
    real_write = Settler.write
    failures = [OperationalError("UPDATE outbound_message", {}, Exception("database is locked"))]

    def flaky(self, batch):
        if failures:
            raise failures.pop()
        return real_write(self, batch)

    monkeypatch.setattr(Settler, "write", flaky)
    settler = Settler(services)
    for sent in held:
        settler.add(sent)
    settler.start()
    deadline = time.monotonic() + 10
    while _states(engine)[1] and time.monotonic() < deadline:
        time.sleep(0.05)
    settler.close()
    assert not failures and _states(engine) == (["sent"] * len(USERS), 0)


def test_closing_writes_what_the_handlers_handed_over_last(client, services, fake_line, engine, monkeypatch):
    monkeypatch.setattr(settler_module, "LINGER", 5.0)  # closing does not wait for it
    settler = Settler(services)
    settler.start()
    _answered(client, services, fake_line, settler.add)
    started = time.monotonic()
    settler.close()
    assert time.monotonic() - started < 4
    assert _states(engine) == (["sent"] * len(USERS), 0)


def test_a_pool_shut_down_leaves_no_reply_unrecorded(client, services, fake_line, engine):
    pool_greeted(client, services, fake_line, USERS, lambda: len(fake_line.store.replies()) == len(USERS),
                 threads=4)
    assert len(fake_line.store.replies()) == len(USERS)
    assert _states(engine) == (["sent"] * len(USERS), 0)


def test_a_record_lost_with_its_process_sends_nothing_twice(client, services, fake_line, engine):
    """The process died between LINE's acceptance and the record: the outbox takes the reply up once
    its lease runs out, LINE refuses the used token, and the reply counts as delivered; no push."""
    worker = _answered(client, services, fake_line, lambda sent: None)  # the records never written
    with session_scope(engine) as s:  # the outbox's lease and the chats' leases run out
        s.execute(text("UPDATE outbound_message SET lease_until = :past"), {"past": "2000-01-01 00:00:00"})
    worker.outbox.later = None
    assert worker.outbox.send_due() == len(USERS)
    assert _states(engine)[0] == ["sent"] * len(USERS)
    assert fake_line.store.pushes() == [] and len(fake_line.store.replies()) == len(USERS)


@pytest.mark.parametrize("released", [False, True])
def test_settle_many_records_each_row_and_gives_back_only_the_leases_it_names(
        client, services, fake_line, engine, released):
    from models.db import raw_write, utcnow
    from models.event_path import Lease, settle_many

    held: list[Sent] = []
    _answered(client, services, fake_line, held.append)
    rows = [sent._replace(release=sent.release if released else None) for sent in held]
    with raw_write(engine) as raw:
        settle_many(raw, rows, utcnow() + timedelta(seconds=1))
    assert _states(engine) == (["sent"] * len(USERS), 0 if released else len(USERS))
    assert all(isinstance(sent.release, Lease) for sent in held)
