"""Slow and incomplete clients against the web process started the Procfile's way.

Attackers hold many connections open: some send a request's headers and then only part of the
body it announced, some (slowloris) send headers a line at a time and never finish them, some
connect and send nothing. Meanwhile LINE's signed POST /callback and /healthz must each be
answered within 2 s (LINE gives up after 2 s), throughout; and the server must close the held
connections itself instead of keeping them for as long as the attacker likes.
"""
from __future__ import annotations

import re
import socket
import threading
import time

import pytest
import requests

from bot.devchat.events import signed, text_event, webhook_body
from tests.conftest import CHANNEL_SECRET
from tests.faults.web_process import WebProcess

pytestmark = pytest.mark.slow
ATTACKERS = 48  # 16 of each kind: more than every thread of both web processes (2 x 8)
ATTACK_SECONDS = 14.0
LINE_WAITS = 2.0


class Attacker(threading.Thread):
    """Holds one connection open for as long as the server allows, then opens another, until
    told to stop. Records when the server closed one of its connections."""

    def __init__(self, port: int, kind: str, stop: threading.Event):
        super().__init__(daemon=True)
        self.port, self.kind, self.stop = port, kind, stop
        self.connections = 0
        self.closed_by_server: list[float] = []  # seconds each one was held before the server closed it

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                self._hold_one()
            except OSError:
                time.sleep(0.05)

    def _hold_one(self) -> None:
        with socket.create_connection(("127.0.0.1", self.port), timeout=30) as sock:
            self.connections += 1
            opened = time.monotonic()
            sock.settimeout(0.5)
            if self.kind == "partial-body":
                sock.sendall(b"POST /callback HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                             b"X-Line-Signature: x\r\nContent-Length: 5000\r\n\r\n{\"events\": [")
            elif self.kind == "slowloris":
                sock.sendall(b"POST /callback HTTP/1.1\r\nHost: x\r\n")
            while not self.stop.is_set():
                try:
                    if self.kind == "slowloris":
                        sock.sendall(b"X-a: b\r\n")  # one more header line now and then, never the end
                    elif self.kind == "partial-body":
                        sock.sendall(b" ")  # one more byte of the body now and then, never all of it
                    if sock.recv(4096) == b"":
                        self.closed_by_server.append(time.monotonic() - opened)
                        return
                except TimeoutError:
                    continue
                except OSError:  # reset by the server: closed too
                    self.closed_by_server.append(time.monotonic() - opened)
                    return


@pytest.fixture
def web(engine, fake_line, database_url, tmp_path):
    """The web line of the Procfile with its defaults: 2 web processes x 8 threads, 1 event worker."""
    web = WebProcess(database_url=database_url, line_url=fake_line.base_url, instance=tmp_path / "instance",
                     log=tmp_path / "gunicorn.log", WEB_CONCURRENCY="2", GUNICORN_THREADS="8")
    web.start()
    yield web
    web.stop()


def test_slow_and_incomplete_clients_never_delay_line_past_two_seconds(web):
    stop = threading.Event()
    attackers = [Attacker(web.port, kind, stop) for kind in ("partial-body", "slowloris", "silent")
                 for _ in range(ATTACKERS // 3)]
    slowest: dict[str, float] = {"/callback": 0.0, "/healthz": 0.0}
    answered = 0
    try:
        for a in attackers:
            a.start()
        time.sleep(1.0)  # every attacker's connection is open before LINE comes
        started = time.monotonic()
        while time.monotonic() - started < ATTACK_SECONDS:
            raw, headers = signed(webhook_body([text_event("U" + "e" * 32, "สวัสดีครับ")]), CHANNEL_SECRET)
            for path, call in (("/callback", lambda: requests.post(web.url + "/callback", data=raw, headers=headers,
                                                                      timeout=LINE_WAITS)),
                               ("/healthz", lambda: requests.get(web.url + "/healthz", timeout=LINE_WAITS))):
                t0 = time.monotonic()
                try:
                    status = call().status_code
                except requests.RequestException as exc:
                    pytest.fail(f"{path} not answered within {LINE_WAITS} s under slow clients: {exc!r}; see {web.log}")
                slowest[path] = max(slowest[path], time.monotonic() - t0)
                assert status == 200, f"{path} answered {status}"
                answered += 1
            time.sleep(0.2)
    finally:
        stop.set()
        for a in attackers:
            a.join(5)
    held = [s for a in attackers for s in a.closed_by_server]
    print(f"\nslow clients: {answered} answers, slowest /callback {slowest['/callback']:.3f} s, "
          f"/healthz {slowest['/healthz']:.3f} s; {sum(a.connections for a in attackers)} attacking connections, "
          f"{len(held)} closed by the server after at most {max(held, default=0):.1f} s")
    assert max(slowest.values()) < LINE_WAITS
    for kind in ("partial-body", "slowloris", "silent"):  # none held for as long as the attacker wanted
        assert all(a.closed_by_server for a in attackers if a.kind == kind), f"{kind} connections never closed"


def _big_unsigned_post(port: int, size: int) -> bytes:
    """A POST announcing `size` bytes with a wrong signature, its body sent as long as the
    server reads it; returns the status line the server answered."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"POST /callback HTTP/1.1\r\nHost: x\r\nX-Line-Signature: bad\r\n"
                     b"Content-Length: %d\r\n\r\n" % size)
        block = b"{" * (256 * 1024)
        try:
            for _ in range(size // len(block)):
                sock.sendall(block)
        except OSError:
            pass  # the server answered and closed without reading it all: what we want
        return sock.recv(200).split(b"\r\n")[0]


def test_many_big_unsigned_posts_do_not_grow_a_web_process(web):
    """64 unauthenticated 12 MB posts grew a web process to 268 MB (the body was read whole
    before the signature was checked). Bodies over 1 MB are now refused when announced."""
    from concurrent.futures import ThreadPoolExecutor

    from bench.servers import MemoryWatch

    with MemoryWatch(web.proc.pid, every=0.1) as memory, ThreadPoolExecutor(64) as pool:
        answers = list(pool.map(lambda _: _big_unsigned_post(web.port, 12 * 1024 * 1024), range(64)))
        memory.sample()
    print(f"\n64 unsigned 12 MB posts: {set(answers)}, largest web process {memory.web_peak:.0f} MB")
    assert set(answers) == {b"HTTP/1.1 413 Content Too Large"}
    assert memory.web_peak < 150


def _exchange(port: int, data: bytes, answers: int) -> list[bytes]:
    """Send raw bytes on one connection; the status lines of the first `answers` responses."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(data)
        got = b""
        while got.count(b"HTTP/1.1 ") < answers:
            chunk = sock.recv(65536)
            if not chunk:
                break
            got += chunk
    return re.findall(rb"HTTP/1\.1 \d\d\d [^\r]*", got)  # a response may follow a body without a line break


def test_whole_requests_are_served_as_before_and_bad_ones_refused_unread(web):
    """What the worker reads before a thread gets the request: kept-alive and pipelined requests
    are all answered, in order; a body in pieces is waited for; what it will not serve is refused
    at once with the reason."""
    raw, headers = signed(webhook_body([text_event("U" + "f" * 32, "สวัสดีครับ")]), CHANNEL_SECRET)
    post = (b"POST /callback HTTP/1.1\r\nHost: x\r\nX-Line-Signature: " + headers["X-Line-Signature"].encode()
            + b"\r\nContent-Length: %d\r\n\r\n" % len(raw) + raw)
    http = requests.Session()  # kept alive, one request after the other
    for _ in range(3):
        assert http.post(web.url + "/callback", data=raw, headers=headers, timeout=2).status_code == 200
        assert http.get(web.url + "/healthz", timeout=2).status_code == 200
    get = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
    assert _exchange(web.port, get + post + get, 3) == [b"HTTP/1.1 200 OK"] * 3  # pipelined
    with socket.create_connection(("127.0.0.1", web.port), timeout=5) as sock:  # a body in pieces
        for i in range(0, len(post), 7):
            sock.sendall(post[i:i + 7])
            time.sleep(0.01)
        assert sock.recv(200).startswith(b"HTTP/1.1 200 OK")
    refused = {b"POST /callback HTTP/1.1\r\nHost: x\r\nContent-Length: 1048577\r\n\r\n": b"413 Content Too Large",
               b"POST /callback HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n": b"411 Length Required",
               b"GET / HTTP/1.1\r\nX-a: " + b"a" * 70_000: b"431 Request Header Fields Too Large"}
    for request, status in refused.items():
        assert _exchange(web.port, request, 1) == [b"HTTP/1.1 " + status]


def test_large_bodies_in_flight_share_a_bounded_buffer(web):
    """40 clients announce 1 MB each and send none of it: each web process buffers at most 16 MB
    of large bodies (two processes: 32 of them), the rest are answered 503 at once, and LINE's
    small requests are still answered meanwhile."""
    held = [socket.create_connection(("127.0.0.1", web.port), timeout=5) for _ in range(40)]
    try:
        for sock in held:
            sock.sendall(b"POST /callback HTTP/1.1\r\nHost: x\r\nContent-Length: 1048576\r\n\r\n")
        refused, until = 0, time.monotonic() + 3.0  # time for a loaded machine to read every head
        for sock in held:
            sock.settimeout(max(0.05, until - time.monotonic()))
            try:
                refused += sock.recv(100).startswith(b"HTTP/1.1 503")
            except TimeoutError:
                pass  # still being read: within the budget
        raw, headers = signed(webhook_body([text_event("U" + "f" * 32, "สวัสดีครับ")]), CHANNEL_SECRET)
        assert requests.post(web.url + "/callback", data=raw, headers=headers, timeout=LINE_WAITS).status_code == 200
    finally:
        for sock in held:
            sock.close()
    assert 8 <= refused <= 40 - 16  # at most 16 held per process; at least one process held 16
