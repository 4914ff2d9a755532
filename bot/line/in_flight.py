"""Requests to LINE whose answers one thread waits for, all together (bot/line/gateway.py `reply_soon`).

A worker process's handler threads used to send each reply and wait the ~100 ms LINE takes to
answer it, so a process of 32 of them had at most 32 replies out at once: with LINE answering in
0.5 s, 64 a second, and a burst's reply tokens ran out (798 paid pushes in the benchmark's burst of
4,000 greetings, README *Performance*). Now a
handler writes the request on a keep-alive connection and goes on to its next chat; one thread
waits on every connection with a request out (a selector), reads each answer as it arrives and
hands it to the request's callback. The callback runs in that thread and must be quick: anything
slow (a database write, another call to LINE) is for the caller to hand on.

Every request has its deadline (the gateway's timeout): past it, its connection is closed and the
callback told there was no answer, as a blocking call's timeout would. Reading an answer that has
begun to arrive waits at most READ_SECONDS: LINE's answers to a reply fit in one packet, and one slow
answer must not hold up the others for long.
"""
from __future__ import annotations

import http.client
import io
import logging
import queue
import selectors
import socket
import ssl
import threading
import time
from collections.abc import Callable
from typing import Any, NamedTuple

from bot.line.connections import Endpoint, closed_by_peer, set_timeout

log = logging.getLogger(__name__)
# (the response, or None when none came; its body; what went wrong, when no response came)
Done = Callable[[http.client.HTTPResponse | None, bytes, Exception | None], None]
TICK = 0.005  # seconds between looks for newly written requests while others are out
READ_SECONDS = 1.0
RECV_BYTES = 65536  # an answer to a reply is a few hundred bytes
MAX_IDLE = 64  # connections kept open between requests
# Requests out at once, at most; a handler wanting to send one more waits for an answer. Each holds a
# connection (a file descriptor): with LINE slow, their number is the send rate times LINE's delay,
# and unbounded it would run a process out of descriptors (1,024 by default) that its database
# connections need too. 256 out carry 2,500 replies a second at LINE's usual 0.1 s, 500 at 0.5 s.
MAX_OUT = 256


class _Call(NamedTuple):
    conn: http.client.HTTPConnection
    sock: socket.socket  # the connection's, as registered (closing the connection forgets it)
    deadline: float  # time.monotonic()
    done: Done


class InFlight:
    def __init__(self, endpoint: Endpoint):
        self.endpoint = endpoint
        self._idle: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()
        self._new: queue.SimpleQueue[_Call] = queue.SimpleQueue()
        self._out = 0  # requests written and not yet answered (or timed out)
        self._thread: threading.Thread | None = None
        self._room = threading.Semaphore(MAX_OUT)

    def post(self, path: str, body: bytes, headers: dict[str, str], timeout: float, done: Done) -> None:
        """Write the request now, in the caller's thread; `done` is called once, in this object's
        thread, with LINE's answer (or, in the caller's thread, when the request could not be written).
        With MAX_OUT requests out, it first waits for one of their answers."""
        self._room.acquire()
        conn = self._checkout()
        set_timeout(conn, timeout)
        try:
            conn.request("POST", self.endpoint.prefix + path, body=body, headers=headers)
        except Exception as exc:  # refused, reset, or the connect timed out: no answer at all
            conn.close()
            self._room.release()
            done(None, b"", exc)
            return
        with self._lock:
            self._out += 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="line-in-flight", daemon=True)
                self._thread.start()
        self._new.put(_Call(conn, conn.sock, time.monotonic() + timeout, done))

    def out(self) -> int:
        """How many requests are waiting for their answers."""
        with self._lock:
            return self._out

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no request is out (a pool shutting down); False if some still were at `timeout`."""
        ends = time.monotonic() + timeout
        while self.out():
            if time.monotonic() > ends:
                return False
            time.sleep(TICK)
        return True

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()

    # --- connections -----------------------------------------------------------------------------
    def _checkout(self) -> http.client.HTTPConnection:
        while True:
            with self._lock:
                conn = self._idle.pop() if self._idle else None
            if conn is None:
                return self.endpoint.connect()
            if conn.sock is not None and not closed_by_peer(conn.sock):
                return conn
            conn.close()  # LINE closed it while idle: never send on it

    def _checkin(self, conn: http.client.HTTPConnection) -> None:
        with self._lock:
            if len(self._idle) < MAX_IDLE:
                self._idle.append(conn)
                return
        conn.close()

    # --- the thread ------------------------------------------------------------------------------
    def _run(self) -> None:
        waiting: dict[http.client.HTTPConnection, _Call] = {}
        with selectors.DefaultSelector() as selector:
            while True:
                try:
                    self._step(selector, waiting)
                except Exception:  # a bug here must not leave every later reply unanswered
                    log.exception("LINE answers: the waiting thread failed a step")
                    time.sleep(TICK)

    def _step(self, selector: selectors.BaseSelector, waiting: dict[http.client.HTTPConnection, _Call]) -> None:
        first = None if waiting else self._new.get()  # nothing out: sleep until a request is written
        for call in _take_all(self._new, first):
            waiting[call.conn] = call
            try:
                selector.register(call.sock, selectors.EVENT_READ, call)
            except (ValueError, OSError) as exc:  # its socket gone meanwhile: no answer will come on it
                self._finish(selector, waiting, call, None, b"", exc)
        if not waiting:
            return
        now = time.monotonic()
        soonest = min(call.deadline for call in waiting.values())
        for key, _ in selector.select(max(0.0, min(TICK, soonest - now))):
            self._answer(selector, waiting, key.data)
        now = time.monotonic()
        for call in [c for c in waiting.values() if c.deadline <= now]:
            self._finish(selector, waiting, call, None, b"", TimeoutError("LINE did not answer in time"))

    def _answer(self, selector: selectors.BaseSelector, waiting: dict, call: _Call) -> None:
        # What has arrived, read without waiting: over TLS 1.3 a new connection reads as ready when
        # the server's session tickets arrive, with no answer yet; a blocking read there held every
        # other answer up until this one came (measured: 0.45 s for a 0.5 s answer).
        call.sock.setblocking(False)
        try:
            first = call.sock.recv(RECV_BYTES)
        except (ssl.SSLWantReadError, BlockingIOError):
            return  # only TLS's own records so far: go on waiting
        except Exception as exc:  # reset, or garbage
            self._finish(selector, waiting, call, None, b"", exc)
            return
        finally:
            call.sock.settimeout(READ_SECONDS)
        if not first:
            self._finish(selector, waiting, call, None, b"", ConnectionError("LINE closed the connection"))
            return
        try:
            resp = _response(call.conn, call.sock, first)
            body = resp.read()
        except Exception as exc:  # garbage, or cut short: the request had no answer
            self._finish(selector, waiting, call, None, b"", exc)
            return
        self._finish(selector, waiting, call, resp, body, None)

    def _finish(self, selector: selectors.BaseSelector, waiting: dict, call: _Call,
                resp: http.client.HTTPResponse | None, body: bytes, exc: Exception | None) -> None:
        try:
            selector.unregister(call.sock)
        except (KeyError, ValueError):  # never registered (see _step)
            pass
        del waiting[call.conn]
        if resp is None or resp.will_close:
            call.conn.close()
        else:
            self._checkin(call.conn)
        try:
            call.done(resp, body, exc)
        except Exception:  # the callback's own failure must not stop every other answer
            log.exception("LINE answer: its callback failed")
        finally:
            with self._lock:
                self._out -= 1
            self._room.release()


def _response(conn: http.client.HTTPConnection, sock: socket.socket, first: bytes) -> http.client.HTTPResponse:
    """conn.getresponse(), its first bytes already read from `sock` (the rest, if any, waited for)."""
    conn.sock = _Prefixed(sock, first)
    try:
        return conn.getresponse()
    finally:
        if isinstance(conn.sock, _Prefixed):  # not when the answer said close (conn.sock is None then)
            conn.sock = sock


class _Prefixed:
    """A socket whose files start with bytes already read from it: http.client reads an answer
    through `makefile`, and only once it has begun to arrive is it asked to."""

    def __init__(self, sock: socket.socket, first: bytes):
        self._sock, self._first = sock, first

    def makefile(self, mode: str) -> io.BufferedReader:
        # The socket's own file for the rest: it keeps the socket open until the answer is read,
        # even when http.client closes the connection first (an answer that says "close").
        return io.BufferedReader(_PrefixedReader(self._first, self._sock.makefile("rb", buffering=0)))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


class _PrefixedReader(io.RawIOBase):
    def __init__(self, first: bytes, rest: Any):
        self._first, self._rest = memoryview(first), rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._first:
            n = min(len(buffer), len(self._first))
            buffer[:n] = self._first[:n]
            self._first = self._first[n:]
            return n
        return self._rest.readinto(buffer)

    def close(self) -> None:
        self._rest.close()
        super().close()


def _take_all(new: queue.SimpleQueue[_Call], first: _Call | None) -> list[_Call]:
    calls = [first] if first is not None else []
    while True:
        try:
            calls.append(new.get_nowait())
        except queue.Empty:
            return calls
