"""What handling one event costs the worker (issue 14): the transactions and statements per greeting,
display names learnt after the answer and in the background, and the dispatcher's look at a backlog."""
from __future__ import annotations

import json
import sqlite3
import threading
import time

import psycopg
import pytest
from sqlalchemy import event, select

from bot.devchat.events import postback_event, text_event, webhook_body
from bot.runtime.profiles import ProfileFetcher
from bot.runtime.worker import Worker
from handlers.postback import menu
from models.conversation import Conversation, Follower
from models.db import session_scope
from models.events import chats_with_due_events
from models.inquiry import Inquiry, InquiryStatus
from tests.conftest import post_body

USER = "U" + "4" * 32


class Counter:
    """What an engine's connections send to the database while counting, seen by the driver itself,
    so that statements run past SQLAlchemy (models/db.py `Raw`) are counted as well: every statement
    (SQLite's BEGIN IMMEDIATE and COMMIT among them), and on PostgreSQL the transactions psycopg opens
    with an implicit BEGIN (each one two round trips more: BEGIN and COMMIT)."""

    def __init__(self, engine):
        self.engine, self.sql, self.transactions = engine, [], 0
        self._hooked = []

    def __enter__(self) -> Counter:
        self.engine.dispose()  # every connection from here on is new, and hooked on its checkout
        event.listen(self.engine, "checkout", self._hook)
        return self

    def __exit__(self, *exc: object) -> None:
        event.remove(self.engine, "checkout", self._hook)
        self.engine.dispose()

    @property
    def statements(self) -> list[str]:
        """What is not BEGIN, COMMIT or a PRAGMA (SQLite's write-lock wait sets one around BEGIN)."""
        return [s for s in self.sql if not s.lstrip().upper().startswith(("BEGIN", "COMMIT", "PRAGMA"))]

    def _hook(self, dbapi_conn, _record, _proxy) -> None:
        if isinstance(dbapi_conn, sqlite3.Connection):
            dbapi_conn.set_trace_callback(self._sqlite_traced)
            return
        counter = self

        class CountingCursor(psycopg.Cursor):
            def execute(self, query, params=None, **kw):
                conn = self.connection
                if not conn.autocommit and conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
                    counter.transactions += 1
                counter.sql.append(str(query))
                return super().execute(query, params, **kw)

        dbapi_conn.cursor_factory = CountingCursor

    def _sqlite_traced(self, sql: str) -> None:
        # SQLite reports a statement again as each trigger it fires starts (the statistics kept by
        # triggers: migrations 0013, 0016), with the same text and values: one statement.
        if not self.sql or self.sql[-1] != sql or sql.upper() in ("BEGIN", "COMMIT"):
            self.sql.append(sql)

    def write_transactions(self) -> int:
        if self.engine.dialect.name == "sqlite":
            return sum(s.upper().startswith("BEGIN IMMEDIATE") for s in self.sql)
        return self.transactions


def test_a_greeting_from_a_new_citizen_costs_the_fewest_statements(client, services, fake_line, engine):
    """Lease and event, outcome and reply queued, reply recorded sent with the lease given back;
    nobody asks LINE for a greeter's display name (no flow of theirs uses it).
    PostgreSQL: one statement each, in autocommit (no BEGIN, no COMMIT): three round trips.
    SQLite: three short write transactions of plain statements."""
    token = fake_line.store.issue_reply_token(USER)
    post_body(client, webhook_body([text_event(USER, "สวัสดีครับ", reply_token=token)]))
    worker = Worker(services, name="w")
    asked: list[str] = []
    worker.profiles = asked.append  # as in a worker process: only queued
    with Counter(engine) as counted:
        assert worker.handle_chat(f"user:{USER}") == 1
    assert [r["body"]["replyToken"] for r in fake_line.store.replies()] == [token]
    assert asked == []
    if engine.dialect.name == "postgresql":
        assert counted.write_transactions() == 0, counted.sql
        assert len(counted.statements) == 3, counted.statements
    else:
        assert counted.write_transactions() == 3, counted.sql
        # The lease, the event with its attempt, the chat; the event done, the follower, the state,
        # the reply, whether more waits; the reply sent, the lease back.
        assert len(counted.statements) == 10, counted.statements
        assert sum(s.upper() == "COMMIT" for s in counted.sql) == 3, counted.sql


def test_a_typed_question_is_recorded_with_its_outcome_in_one_transaction_without_a_session(
        client, services, fake_line, engine, monkeypatch):
    """The commonest event with effects: its inquiry row (bot/runtime/apply.py RAW_EFFECTS) is written
    by plain statements in the outcome's own transaction, no ORM session opened (0.2-0.4 ms of CPU less)."""
    import bot.runtime.worker as worker_module

    def no_session(_engine):
        raise AssertionError("an ORM session opened for a typed question")

    monkeypatch.setattr(worker_module, "session_scope", no_session)
    counters: list[Counter] = []
    real_apply = Worker._apply

    def counted_apply(self, job, decision):  # the outcome's write alone (the take and the send: the greeting above)
        with Counter(engine) as counted:
            counters.append(counted)
            return real_apply(self, job, decision)

    monkeypatch.setattr(Worker, "_apply", counted_apply)
    token = fake_line.store.issue_reply_token(USER)
    post_body(client, webhook_body([text_event(USER, "รถขยะมาวันไหนครับ", reply_token=token)]))
    worker = Worker(services, name="w")
    worker.profiles = lambda user_id: None
    assert worker.handle_chat(f"user:{USER}") == 1
    with session_scope(engine) as s:
        [asked] = s.exec(select(Inquiry)).scalars().all()
        assert s.get(Follower, USER) is not None
    assert asked.status == InquiryStatus.FAQ and asked.faq_id is not None and asked.line_user_id == USER
    [reply] = fake_line.store.replies()
    assert reply["body"]["replyToken"] == token
    assert f"iq:no:{asked.id}" in json.dumps(reply["body"]["messages"])  # replies_after saw the inquiry's id
    [counted] = counters
    assert counted.write_transactions() == 1, counted.sql
    if engine.dialect.name == "postgresql":
        # The inquiry, then the event done with the state, the follower and the reply (one statement).
        assert [q.split()[0] for q in counted.statements] == ["INSERT", "WITH"], counted.statements
    else:
        # The inquiry; the event done, the follower, the state, the reply, whether more waits.
        assert [q.split()[0] for q in counted.statements] == ["INSERT", "UPDATE", "INSERT", "INSERT", "INSERT",
                                                              "SELECT"], counted.statements
        assert sum(q.upper() == "COMMIT" for q in counted.sql) == 1, counted.sql
    assert "INTO inquiry" in counted.statements[0]


def _shape(statements: list[str]) -> list[str]:
    """Each statement by its first three words, once where it repeats in a row: SQLite's trace shows a
    statement again for each trigger it fires (the inquiry's rollups)."""
    shape: list[str] = []
    for i, sql in enumerate(statements):
        if i == 0 or sql != statements[i - 1]:
            shape.append(" ".join(sql.split()[:3]))
    return shape


def test_a_typed_question_reads_neither_the_categories_nor_the_faq(client, services, fake_line, engine):
    """The categories and the FAQ index come from the process's cache while the staff's edit counter,
    read by the take, has not moved (bot/runtime/config_cache.py): the question is answered from the
    FAQ and recorded as an inquiry with the statements of the take, the outcome and the send alone,
    and no read transaction at all."""
    worker = Worker(services, name="w")
    worker.profiles = lambda user_id: None
    asker = "U" + "5" * 32
    for user, text in ((asker, "เทศบาลเปิดกี่โมงคะ"), (USER, "เบี้ยผู้สูงอายุได้วันไหน")):
        post_body(client, webhook_body([text_event(user, text, reply_token=fake_line.store.issue_reply_token(user))]))
    assert worker.handle_chat(f"user:{asker}") == 1  # reads them, at this counter
    with Counter(engine) as counted:
        assert worker.handle_chat(f"user:{USER}") == 1
    assert "เบี้ยยังชีพเข้าบัญชีวันไหน" in fake_line.store.messages_for(USER)[0]["text"]  # the FAQ's answer
    assert "config_version" in counted.statements[0 if engine.dialect.name == "postgresql" else 2]
    if engine.dialect.name == "postgresql":
        # Take; the inquiry and the outcome (with the follower) in one plain transaction; sent with the
        # lease given back.
        assert _shape(counted.statements) == ["WITH lease AS", "INSERT INTO inquiry", "WITH done AS",
                                              "WITH sent AS"], counted.statements
        assert counted.transactions == 1, counted.sql
    else:
        assert _shape(counted.statements) == [
            "INSERT INTO chat_lease", "UPDATE inbound_event SET", "SELECT c.chat_key, c.flow,",
            "INSERT INTO inquiry", "UPDATE inbound_event SET", "INSERT INTO follower", "INSERT INTO conversation",
            "INSERT INTO outbound_message", "SELECT 1 FROM", "UPDATE outbound_message SET", "UPDATE chat_lease SET",
        ], counted.statements
        assert "BEGIN" not in counted.sql, counted.sql  # a read scope's: none was opened
        assert counted.write_transactions() == 3, counted.sql


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
    post_body(client, webhook_body([postback_event(USER, menu("complaint"),
                                                   reply_token=fake_line.store.issue_reply_token(USER))]))
    worker.drain()
    paths = [c.path for c in fake_line.store.calls]
    assert paths.index("/v2/bot/message/reply") < paths.index(f"/v2/bot/profile/{USER}")
    with session_scope(engine) as s:
        assert s.get(Follower, USER).display_name == "Somchai"
    # The draft keeps it from the next event on, for the contact step to offer.
    post_body(client, webhook_body([text_event(USER, "ไฟถนนหน้าบ้านดับมาสามคืนแล้วครับ")]))
    worker.drain()
    with session_scope(engine) as s:
        assert json.loads(s.get(Conversation, f"user:{USER}").data)["line_name"] == "Somchai"


@pytest.mark.parametrize("said", ["สวัสดีครับ", "เทศบาลเปิดกี่โมงครับ", "ขอบคุณค่ะ"])
def test_no_name_is_asked_for_a_greeting_or_a_question(client, worker, fake_line, engine, said):
    """Data minimisation and cost: only a flow that uses the name (a complaint's contact, a
    corruption report's handlers) has LINE asked for it, not every citizen who says something."""
    fake_line.store.set_profile(USER, "Somchai")
    post_body(client, webhook_body([text_event(USER, said, reply_token=fake_line.store.issue_reply_token(USER))]))
    worker.drain()
    assert len(fake_line.store.replies()) == 1
    assert not [c for c in fake_line.store.calls if "/profile/" in c.path]
    with session_scope(engine) as s:
        fol = s.get(Follower, USER)
        assert fol.display_name is None and fol.profile_checked_at is None


@pytest.mark.parametrize("entry", ["complaint", "corruption"])
def test_a_report_flow_asks_for_the_name_once(client, worker, fake_line, engine, entry):
    fake_line.store.set_profile(USER, "สมชาย ใจดี")
    for _ in range(2):
        post_body(client, webhook_body([postback_event(USER, menu(entry))]))
        worker.drain()
    assert len([c for c in fake_line.store.calls if "/profile/" in c.path]) == 1
    with session_scope(engine) as s:
        assert s.get(Follower, USER).display_name == "สมชาย ใจดี"


def test_a_profile_lookup_that_fails_is_retried_another_day_not_now(client, worker, fake_line, engine):
    fake_line.store.fail_next(f"/v2/bot/profile/{USER}", status=500)
    post_body(client, webhook_body([postback_event(USER, menu("complaint"),
                                                   reply_token=fake_line.store.issue_reply_token(USER))]))
    worker.drain()
    with session_scope(engine) as s:
        fol = s.get(Follower, USER)
        assert fol.display_name is None and fol.profile_checked_at is not None
    assert len(fake_line.store.replies()) == 1


@pytest.mark.parametrize("leased", [False, True])
def test_due_chats_come_oldest_first_once_each_and_skip_leased_ones(client, services, engine, leased):
    from datetime import timedelta

    from models.db import raw_write, utcnow
    from models.event_path import acquire

    users = ["U" + f"{i:032x}" for i in range(5)]
    for u in users:  # two events each, so a chat must still be listed once
        post_body(client, webhook_body([text_event(u, "a"), text_event(u, "b")]))
        time.sleep(0.01)
    if leased:
        with raw_write(engine) as raw:
            now = utcnow()
            assert acquire(raw, chat_key=f"user:{users[0]}", holder="someone", till=now + timedelta(minutes=1), now=now)
    with session_scope(engine) as s:
        chats = chats_with_due_events(session=s, settle=timedelta(0), limit=3)
    expected = [f"user:{u}" for u in (users[1:] if leased else users)]
    assert chats == expected[:3]
