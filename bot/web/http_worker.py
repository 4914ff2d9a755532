"""gunicorn's gthread worker, except that a connection gets a thread only once its whole request
is in memory (gunicorn.conf.py's worker_class).

gthread hands every connection to a thread that then blocks reading it: about 20 clients that
sent headers and part of a body held all 16 threads of the web processes, and /callback and
/healthz waited for as long as they liked (LINE gives up after 2 s). gunicorn has no setting for
this (27.0 only defers connections that send nothing for 5 s) and its advice is a buffering proxy
in front; a Procfile's one `web:` line has none. So this worker is that proxy: the worker's event
loop, which never blocks, reads each request (headers and the body its Content-Length announces)
within a deadline, and only a complete request goes to a thread, which then never waits for the
client. A request not complete by the deadline gets 408 and is closed; headers over a limit get
431, bodies over MAX_BODY_BYTES 413, chunked bodies (no client of this service sends them) 411.
"""
from __future__ import annotations

import errno
import selectors
import socket
import time
from functools import partial

from gunicorn.workers.gthread import TConn, ThreadWorker

from bot.web.webhook import MAX_BODY_BYTES

REQUEST_SECONDS = 10.0  # the whole request, from the connection being ready; LINE's take milliseconds
MAX_HEAD_BYTES = 64 * 1024  # request line and headers (a browser's, with cookies, are a few KB)
# Bodies up to SMALL_BODY (LINE's are a few KB) are always read; larger ones share this budget per
# process, so that slow clients announcing 1 MB each cannot make the buffers grow without bound.
SMALL_BODY = 64 * 1024
LARGE_BODY_BUDGET = 16 * 1024 * 1024


class BoundedSocket(socket.socket):
    """A client socket whose blocking mode has a timeout: a thread writing an answer to a client
    that stopped reading (or reading what a pipelined client left unsent) gives up after
    `io_timeout` seconds instead of never."""

    io_timeout = 30.0

    def setblocking(self, flag: bool) -> None:
        self.settimeout(self.io_timeout if flag else 0.0)

    @classmethod
    def adopt(cls, sock: socket.socket, io_timeout: float) -> BoundedSocket:
        bounded = cls(sock.family, sock.type, sock.proto, fileno=sock.detach())
        bounded.io_timeout = io_timeout
        return bounded


class Pending:
    """A request being read by the event loop."""

    def __init__(self, data: bytes):
        self.data = bytearray(data)
        self.deadline = time.monotonic() + REQUEST_SECONDS
        self.needed: int | None = None  # total bytes of head + body, once the head is in
        self.reserved = 0  # bytes of LARGE_BODY_BUDGET held by this request


def request_size(head: bytes) -> int | str:
    """Bytes of the body that a complete head announces, or the status to answer instead.
    A head gunicorn will refuse (two Content-Lengths, not a number) counts as body-less: it is
    handed over as it is, and gunicorn answers 400 without reading anything more."""
    lengths = set()
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"transfer-encoding":
            return "411 Length Required"
        if name == b"content-length":
            lengths.add(value.strip())
    if len(lengths) != 1 or not next(iter(lengths)).isdigit():
        return 0
    size = int(next(iter(lengths)))
    return "413 Content Too Large" if size > MAX_BODY_BYTES else size


class BufferedThreadWorker(ThreadWorker):
    def init_process(self) -> None:
        self.reading: dict[TConn, Pending] = {}
        self.large_in_flight = 0
        super().init_process()

    def accept(self, listener: socket.socket) -> None:
        try:
            client, addr = listener.accept()
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        sock = client if self.cfg.is_ssl else BoundedSocket.adopt(client, float(self.cfg.timeout))
        self.enqueue_req(TConn(self.cfg, sock, addr, listener.getsockname()))

    def enqueue_req(self, conn: TConn) -> None:
        """Called in the event loop for a new connection, a kept-alive one that became readable,
        or one whose read-ahead holds the start of its next request: read that request first."""
        if self.cfg.is_ssl:  # a TLS handshake would block the loop; gunicorn here sits behind the router's TLS
            super().enqueue_req(conn)
            return
        leftover = conn.parser.unreader.take_buffered() if conn.parser is not None else b""
        pending = self.reading[conn] = Pending(leftover)
        conn.sock.setblocking(False)
        # Most requests have arrived already (the poller saw a kept-alive connection readable; a
        # new one's first packet comes with it): read now, and wait in the poller only if not.
        if not self._read(conn, pending):
            self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_readable, conn))

    def _on_readable(self, conn: TConn, _sock: socket.socket) -> None:
        pending = self.reading.get(conn)
        if pending is not None:
            self._read(conn, pending)

    def _read(self, conn: TConn, pending: Pending) -> bool:
        """Read what has arrived; True once the request is handed over or refused."""
        try:
            data = conn.sock.recv(256 * 1024)
        except (BlockingIOError, InterruptedError):
            return self._complete(conn, pending)  # read-ahead may hold a whole request
        except OSError:
            data = b""
        pending.data += data
        if self._complete(conn, pending):
            return True
        if not data:  # the client went away before finishing its request
            self._drop(conn, None)
            return True
        return False

    def _complete(self, conn: TConn, pending: Pending) -> bool:
        """Hand the request to a thread, or refuse it, once it is complete; False while it is not."""
        if pending.needed is None:
            end = pending.data.find(b"\r\n\r\n")
            if end < 0:
                if len(pending.data) > MAX_HEAD_BYTES:
                    self._drop(conn, "431 Request Header Fields Too Large")
                    return True
                return False
            size = request_size(bytes(pending.data[:end]))
            if isinstance(size, str):
                self._drop(conn, size)
                return True
            if size > SMALL_BODY:
                if self.large_in_flight + size > LARGE_BODY_BUDGET:
                    self._drop(conn, "503 Service Unavailable")
                    return True
                pending.reserved = size
                self.large_in_flight += size
            pending.needed = end + 4 + size
        if len(pending.data) < pending.needed:
            return False
        self._forget(conn)
        conn.data_ready = True  # gthread's own wait for the first byte is over
        conn.init()
        conn.parser.unreader.unread(bytes(pending.data))
        super().enqueue_req(conn)
        return True

    def _forget(self, conn: TConn) -> None:
        pending = self.reading.pop(conn)
        self.large_in_flight -= pending.reserved
        try:
            self.poller.unregister(conn.sock)
        except (KeyError, ValueError, OSError):
            pass  # never registered: complete at once

    def _drop(self, conn: TConn, status: str | None) -> None:
        """Close a connection whose request will not be served, telling the client why."""
        self._forget(conn)
        if status:
            try:
                conn.sock.send(f"HTTP/1.1 {status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n".encode())
            except OSError:
                pass
        self.nr_conns -= 1
        conn.close()

    def murder_pending(self) -> None:
        """The event loop's periodic sweep (about once a second): also close the requests that
        were not complete in time."""
        super().murder_pending()
        now = time.monotonic()
        for conn in [c for c, p in self.reading.items() if p.deadline <= now]:
            self._drop(conn, "408 Request Timeout")
