"""Replies sent without waiting (bot/line/in_flight.py, bot/runtime/outbox.py `reply_soon`): one
thread waits for every answer; a handler never does."""
from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest
from sqlalchemy import text

from bot.devchat.events import text_event, webhook_body
from bot.line.connections import Endpoint
from bot.line.in_flight import InFlight
from models.db import session_scope
from tests.conftest import post_body
from tests.running import local_server, pool_greeted, tls_client_context


class _Line(BaseHTTPRequestHandler):
    """Answers POST /wait/<seconds> with the request's body after that long, keeping the connection
    open (HTTP/1.1); /silent is read and never answered; /drop answers, then closes the connection
    without saying so (as a server closing an idle keep-alive connection does); /split-close says
    it closes, and sends its body after its head."""

    protocol_version = "HTTP/1.1"
    connections: list[int] = []

    def setup(self) -> None:
        super().setup()
        type(self).connections.append(1)

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.path == "/silent":
            time.sleep(3)
            self.close_connection = True
            return
        if self.path.startswith("/wait/"):
            time.sleep(float(self.path.rsplit("/", 1)[1]))
        if self.path == "/split-close":  # says close, and its body comes a moment after its head
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.flush()
            time.sleep(0.1)
            self.wfile.write(body)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        if self.path == "/drop":
            self.close_connection = True

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def line() -> Iterator[str]:
    _Line.connections = []
    with local_server(_Line) as url:
        yield url


class _Answers:
    def __init__(self) -> None:
        self.got: dict[bytes, tuple[int | None, bytes, str, str]] = {}
        self.at: dict[bytes, float] = {}  # time.monotonic() of each answer
        self.lock = threading.Lock()

    def done(self, key: bytes):
        def record(resp, body, exc):
            with self.lock:
                self.got[key] = (resp.status if resp else None, body, type(exc).__name__ if exc else "",
                                 threading.current_thread().name)
                self.at[key] = time.monotonic()
        return record

    def wait(self, count: int, seconds: float = 10.0) -> None:
        ends = time.monotonic() + seconds
        while len(self.got) < count and time.monotonic() < ends:
            time.sleep(0.01)
        assert len(self.got) == count


def test_many_requests_wait_together_and_each_gets_its_own_answer(line):
    flight, answers = InFlight(Endpoint(line, 10.0)), _Answers()
    started = time.monotonic()
    for i in range(20):  # the slow ones first: answers come back in another order than sent
        flight.post(f"/wait/{4.0 - i * 0.05:.2f}", f"body {i}".encode(), {}, 10.0,
                    answers.done(f"body {i}".encode()))
    assert not answers.got  # the caller never waited for an answer (the first takes 3 s)
    answers.wait(20)
    assert time.monotonic() - started < 15  # together, not one after another (70 s)
    assert all(got == (200, key, "", "line-in-flight") for key, got in answers.got.items())
    assert flight.out() == 0
    before = len(_Line.connections)
    assert before == 20
    for i in range(5):  # kept alive: sent on the same connections
        flight.post("/wait/0", b"again %d" % i, {}, 5.0, answers.done(b"again %d" % i))
        answers.wait(21 + i)
    assert len(_Line.connections) == before
    flight.close()


def test_with_as_many_requests_out_as_allowed_the_next_waits_for_an_answer(line, monkeypatch):
    import bot.line.in_flight as in_flight

    monkeypatch.setattr(in_flight, "MAX_OUT", 2)
    flight, answers = InFlight(Endpoint(line, 10.0)), _Answers()
    flight.post("/wait/1.0", b"a", {}, 10.0, answers.done(b"a"))
    flight.post("/wait/1.0", b"b", {}, 10.0, answers.done(b"b"))
    flight.post("/wait/0", b"c", {}, 10.0, answers.done(b"c"))  # waits for a or b
    returned = time.monotonic()
    assert answers.got  # a or b had answered before c could go
    assert returned >= min(answers.at.values())
    answers.wait(3)
    assert len(_Line.connections) == 2 and flight.out() == 0  # c went on a connection a or b freed
    flight.close()


def test_over_tls_one_slow_answer_holds_up_no_other(monkeypatch):
    """TLS 1.3 sends session tickets once the handshake is done: a new connection reads as ready
    before its answer is there. Waiting on it there held every other answer up until it came."""
    monkeypatch.setattr(Endpoint, "connect", lambda self: http.client.HTTPSConnection(
        self.host, self.port, timeout=self.timeout, context=tls_client_context()))
    _Line.connections = []
    with local_server(_Line, tls=True) as url:
        flight, answers = InFlight(Endpoint(url, 10.0)), _Answers()
        flight.post("/wait/3.0", b"slow", {}, 10.0, answers.done(b"slow"))
        time.sleep(0.1)  # its tickets have come
        flight.post("/wait/0", b"fast", {}, 10.0, answers.done(b"fast"))
        answers.wait(2)
        assert answers.got[b"fast"][:3] == (200, b"fast", "") and answers.got[b"slow"][:3] == (200, b"slow", "")
        assert answers.at[b"fast"] < answers.at[b"slow"] - 1.0  # not held up until the slow one came
        flight.post("/wait/0", b"again", {}, 5.0, answers.done(b"again"))  # kept alive over TLS too
        answers.wait(3)
        assert answers.got[b"again"][:2] == (200, b"again") and len(_Line.connections) == 2
        flight.close()


def test_no_answer_by_the_deadline_is_no_answer_and_the_connection_is_not_reused(line):
    flight, answers = InFlight(Endpoint(line, 5.0)), _Answers()
    started = time.monotonic()
    flight.post("/silent", b"lost", {}, 0.5, answers.done(b"lost"))
    flight.post("/wait/0", b"fine", {}, 5.0, answers.done(b"fine"))
    answers.wait(2)
    assert answers.got[b"lost"][:3] == (None, b"", "TimeoutError")
    assert 0.5 <= time.monotonic() - started < 4.5  # before the other request's own deadline
    assert answers.got[b"fine"][:2] == (200, b"fine")
    assert flight.wait_idle(1.0) and flight.out() == 0
    flight.close()


def test_a_connection_the_server_closed_while_idle_is_never_sent_on(line):
    flight, answers = InFlight(Endpoint(line, 5.0)), _Answers()
    flight.post("/drop", b"first", {}, 5.0, answers.done(b"first"))
    answers.wait(1)
    time.sleep(0.1)  # the server's close reaches us
    flight.post("/wait/0", b"second", {}, 5.0, answers.done(b"second"))
    answers.wait(2)
    assert answers.got[b"second"][:3] == (200, b"second", "")
    assert len(_Line.connections) == 2
    flight.close()


def test_an_answer_that_comes_in_parts_and_closes_is_read_whole(line):
    flight, answers = InFlight(Endpoint(line, 5.0)), _Answers()
    flight.post("/split-close", b"in two parts", {}, 5.0, answers.done(b"first"))
    answers.wait(1)
    flight.post("/wait/0", b"next", {}, 5.0, answers.done(b"next"))
    answers.wait(2)
    assert answers.got[b"first"][:3] == (200, b"in two parts", "")
    assert answers.got[b"next"][:2] == (200, b"next") and len(_Line.connections) == 2  # not sent on a closed one
    flight.close()


def test_a_request_that_cannot_be_written_is_answered_at_once_in_the_callers_thread():
    flight, answers = InFlight(Endpoint("http://127.0.0.1:9", 1.0)), _Answers()  # nothing listens there
    flight.post("/wait/0", b"x", {}, 1.0, answers.done(b"x"))
    assert answers.got[b"x"][0] is None and answers.got[b"x"][2] == "ConnectionRefusedError"
    assert answers.got[b"x"][3] == threading.current_thread().name
    assert flight.out() == 0


def test_a_failing_callback_stops_no_other_answer(line):
    flight, answers = InFlight(Endpoint(line, 5.0)), _Answers()

    def broken(resp, body, exc):
        raise RuntimeError("a bug in the caller")

    flight.post("/wait/0", b"a", {}, 5.0, broken)
    flight.post("/wait/0.1", b"b", {}, 5.0, answers.done(b"b"))
    answers.wait(1)
    assert answers.got[b"b"][:2] == (200, b"b")
    assert flight.wait_idle(1.0)
    flight.close()


def test_a_request_the_waiting_thread_cannot_watch_is_answered_and_the_thread_goes_on(line, monkeypatch):
    import bot.line.in_flight as in_flight

    refused: list[int] = []

    class Selector(in_flight.selectors.DefaultSelector):  # type: ignore[name-defined,misc]
        def register(self, fileobj, events, data=None):
            if not refused:
                refused.append(1)
                raise ValueError("Invalid file descriptor: -1")
            return super().register(fileobj, events, data)

    monkeypatch.setattr(in_flight.selectors, "DefaultSelector", Selector)
    flight, answers = InFlight(Endpoint(line, 5.0)), _Answers()
    flight.post("/wait/0", b"lost", {}, 5.0, answers.done(b"lost"))
    answers.wait(1)
    flight.post("/wait/0", b"fine", {}, 5.0, answers.done(b"fine"))
    answers.wait(2)
    assert answers.got[b"lost"][:3] == (None, b"", "ValueError")
    assert answers.got[b"fine"][:2] == (200, b"fine") and flight.out() == 0
    flight.close()


# --- through a worker pool and the fake LINE --------------------------------------------------------
USERS = ["U" + f"{i:032x}" for i in range(1, 5)]


def _rows(engine) -> tuple[list[tuple[str, str]], int]:
    """The outbox rows' (kind, status), and how many chat leases are held."""
    with session_scope(engine) as s:
        rows = sorted((kind, status) for kind, status in s.execute(text("SELECT kind, status FROM outbound_message")))
        held = s.execute(text("SELECT count(*) FROM chat_lease WHERE holder IS NOT NULL")).scalar_one()
    return rows, held


def _burst(client, services, fake_line, engine, until, seconds: float = 20.0):
    pool_greeted(client, services, fake_line, USERS, until, seconds=seconds)
    return _rows(engine)


def test_a_pool_answers_every_event_by_reply_without_a_handler_waiting(client, services, fake_line, engine,
                                                                        monkeypatch):
    from bot.runtime.outbox import OutboxSender

    waited: list[str] = []
    monkeypatch.setattr(OutboxSender, "_reply", lambda self, m, release=None: waited.append(m.to))
    rows = _burst(client, services, fake_line, engine, lambda: _rows(engine) == ([("reply", "sent")] * 4, 0))
    assert rows == ([("reply", "sent")] * len(USERS), 0)
    assert waited == [] and fake_line.store.pushes() == []
    assert len(fake_line.store.replies()) == len(USERS)


def test_a_reply_line_fails_is_retried_by_reply_and_its_chat_given_back_meanwhile(client, services, fake_line,
                                                                                   engine):
    fake_line.store.fail_next("/v2/bot/message/reply", status=500)
    freed: list[int] = []

    def done() -> bool:
        rows, held = _rows(engine)
        if ("reply", "pending") in rows and not held:
            freed.append(1)  # waiting for its retry, the chat not held meanwhile
        return rows == [("reply", "sent")] * len(USERS)

    rows = _burst(client, services, fake_line, engine, done)
    assert rows == ([("reply", "sent")] * len(USERS), 0)
    assert freed and fake_line.store.pushes() == []


def test_a_reply_whose_token_line_refuses_goes_out_as_a_push(client, services, fake_line, engine):
    fake_line.store.fail_next("/v2/bot/message/reply", status=400, body={"message": "Invalid reply token"})
    rows = _burst(client, services, fake_line, engine,
                  lambda: _rows(engine)[0] == sorted([("push", "sent")] + [("reply", "sent")] * 3))
    assert rows == (sorted([("push", "sent")] + [("reply", "sent")] * 3), 0)
    assert len(fake_line.store.pushes()) == 1


def test_a_reply_with_no_answer_in_time_is_not_sent_twice(client, services, fake_line, engine):
    """LINE took it but answered after the timeout: the retry finds the token used and counts the
    reply delivered, nothing pushed."""
    fake_line.store.hang_next("/v2/bot/message/reply", 3.0)  # the settings' timeout is 2 s
    rows = _burst(client, services, fake_line, engine, lambda: _rows(engine) == ([("reply", "sent")] * 4, 0),
                  seconds=30.0)
    assert rows == ([("reply", "sent")] * len(USERS), 0)
    assert fake_line.store.pushes() == [] and len(fake_line.store.replies()) == len(USERS)


def test_a_chats_replies_go_out_one_after_another_in_the_order_of_its_events(client, services, fake_line):
    """Three messages at once from one citizen: each reply is sent only once LINE has answered the
    one before, so none overtakes another; every one by its reply token."""
    from bot.runtime.worker_pool import WorkerPool

    user, store = USERS[0], fake_line.store
    store.latency = 0.15
    tokens = [store.issue_reply_token(user) for _ in range(3)]
    events = [text_event(user, text, reply_token=token, timestamp_ms=int(time.time() * 1000) + n)
              for n, (text, token) in enumerate(zip(["สวัสดีครับ", "ขอบคุณครับ", "สวัสดีค่ะ"], tokens, strict=True))]
    pool = WorkerPool(services, 4)
    pool.start()
    try:
        post_body(client, webhook_body(events))
        ends = time.monotonic() + 20
        while len(store.replies()) < 3 and time.monotonic() < ends:
            time.sleep(0.05)
    finally:
        pool.shutdown()
    replies = store.replies()
    assert [r["reply_token"] for r in replies] == tokens and store.pushes() == []
    asked = sorted(c.time for c in store.calls_to("/v2/bot/message/reply"))
    assert all(asked[n + 1] >= replies[n]["time"] for n in range(2))  # asked only after the one before was taken
