"""What handling one event costs the worker (issue 14): the transactions and statements per greeting,
display names learnt after the answer and in the background, and the dispatcher's look at a backlog."""
from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import event

from bot.devchat.events import text_event, webhook_body
from bot.runtime.profiles import ProfileFetcher
from bot.runtime.worker import Worker
from models.conversation import Follower
from models.db import session_scope
from models.events import chats_with_due_events
from tests.conftest import post_body

USER = "U" + "4" * 32


class Counter:
    """Statements and commits on an engine while it is counting."""

    def __init__(self, engine):
        self.engine, self.statements, self.commits = engine, [], 0

    def __enter__(self) -> Counter:
        event.listen(self.engine, "before_cursor_execute", self._statement)
        event.listen(self.engine, "commit", self._commit)
        return self

    def __exit__(self, *exc: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._statement)
        event.remove(self.engine, "commit", self._commit)

    def _statement(self, conn, cursor, statement, *args) -> None:
        self.statements.append(statement)

    def _commit(self, conn) -> None:
        self.commits += 1


def test_a_greeting_from_a_new_citizen_takes_three_write_transactions(client, services, fake_line, engine):
    """Lease and event, outcome and reply queued, reply recorded sent with the lease given back;
    the display name is asked for after the answer (a fourth, which a worker process batches)."""
    token = fake_line.store.issue_reply_token(USER)
    post_body(client, webhook_body([text_event(USER, "สวัสดีครับ", reply_token=token)]))
    worker = Worker(services, name="w")
    asked: list[str] = []
    worker.profiles = asked.append  # as in a worker process: only queued
    with Counter(engine) as counted:
        assert worker.handle_chat(f"user:{USER}") == 1
    assert [r["body"]["replyToken"] for r in fake_line.store.replies()] == [token]
    assert asked == [USER]
    assert counted.commits == 3, counted.statements
    # The lease upsert, the event, its attempt, the chat; the follower, the state, the event done, the
    # reply, whether more waits; the reply sent, the lease back. No ORM load, no re-read of the event.
    writes = [s for s in counted.statements if not s.lstrip().upper().startswith(("BEGIN", "PRAGMA"))]
    assert len(writes) <= 12, writes


def test_display_names_are_learnt_in_the_background(services, fake_line, engine):
    fake_line.store.set_profile(USER, "สมหญิง ใจดี")
    with session_scope(engine) as s:
        s.add(Follower(user_id=USER))
    stop = threading.Event()
    fetcher = ProfileFetcher(services, 2, stop)
    fetcher.start()
    try:
        fetcher.want(USER)
        fetcher.want(USER)  # asked for twice while queued: fetched once
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with session_scope(engine) as s:
                fol = s.get(Follower, USER)
                if fol.display_name:
                    break
            time.sleep(0.05)
    finally:
        stop.set()
    assert fol.display_name == "สมหญิง ใจดี" and fol.profile_checked_at is not None
    assert len([c for c in fake_line.store.calls if "/profile/" in c.path]) == 1


def test_drain_learns_the_name_after_the_answer(client, worker, fake_line, engine):
    fake_line.store.set_profile(USER, "Somchai")
    post_body(client, webhook_body([text_event(USER, "สวัสดีครับ", reply_token=fake_line.store.issue_reply_token(USER))]))
    worker.drain()
    paths = [c.path for c in fake_line.store.calls]
    assert paths.index("/v2/bot/message/reply") < paths.index(f"/v2/bot/profile/{USER}")
    with session_scope(engine) as s:
        assert s.get(Follower, USER).display_name == "Somchai"


def test_a_profile_lookup_that_fails_is_retried_another_day_not_now(client, worker, fake_line, engine):
    fake_line.store.fail_next(f"/v2/bot/profile/{USER}", status=500)
    post_body(client, webhook_body([text_event(USER, "สวัสดีครับ", reply_token=fake_line.store.issue_reply_token(USER))]))
    worker.drain()
    with session_scope(engine) as s:
        fol = s.get(Follower, USER)
        assert fol.display_name is None and fol.profile_checked_at is not None
    assert len(fake_line.store.replies()) == 1


@pytest.mark.parametrize("leased", [False, True])
def test_due_chats_come_oldest_first_once_each_and_skip_leased_ones(client, services, engine, leased):
    from datetime import timedelta

    from models.events import acquire_chat

    users = ["U" + f"{i:032x}" for i in range(5)]
    for u in users:  # two events each, so a chat must still be listed once
        post_body(client, webhook_body([text_event(u, "a"), text_event(u, "b")]))
        time.sleep(0.01)
    if leased:
        with session_scope(engine) as s:
            assert acquire_chat(f"user:{users[0]}", "someone", timedelta(minutes=1), session=s)
    with session_scope(engine) as s:
        chats = chats_with_due_events(session=s, settle=timedelta(0), limit=3)
    expected = [f"user:{u}" for u in (users[1:] if leased else users)]
    assert chats == expected[:3]
