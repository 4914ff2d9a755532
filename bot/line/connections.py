"""Keep-alive connections to LINE's API for the calls made once per event (bot/line/gateway.py).

A small HTTP/1.1 client of its own: the request written in one piece, the answer read through the
socket's buffered reader. http.client cost ~1 ms of CPU per reply here, half of it building the
request header by header and parsing the answer's headers with the email package; this costs a
fraction of that. What it does, as http.client did: Content-Length or chunked bodies or, without
either, a body that ends when the server closes; `Connection: close` (and HTTP/1.0) honoured; 1xx
interim answers skipped; a timeout on every wait on the socket; TLS with the system's certificate
checks for https (LINE's real host). No redirects, no compression (none is asked for)."""
from __future__ import annotations

import select
import socket
import ssl
import threading
from typing import BinaryIO, NamedTuple
from urllib.parse import urlsplit

MAX_LINE = 65536  # a status or header line, as http.client allows
MAX_HEADERS = 100
MAX_BODY = 8 * 1024 * 1024  # LINE answers these calls in a few hundred bytes


class BadAnswer(OSError):
    """The server's answer was not HTTP/1.x as we read it: the connection is dropped, never reused."""


class Response(NamedTuple):
    status: int
    reason: str
    headers: dict[str, str]  # names in lower case; repeated headers joined by ", "
    body: bytes

    def header(self, name: str, default: str = "") -> str:
        return self.headers.get(name, default)


class _Connection:
    __slots__ = ("reader", "sock")

    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.reader: BinaryIO = sock.makefile("rb")

    def close(self) -> None:
        self.reader.close()
        self.sock.close()


class ThreadConnections:
    """One keep-alive connection to LINE per thread. The timeout bounds each wait on the socket
    (connecting, sending, each read). A connection that LINE closed while idle is noticed before it
    is used (it reads as ready), so a request is never lost on a dead connection; one that fails
    midway is closed, never reused."""

    def __init__(self, base: str, timeout: float):
        parts = urlsplit(base)
        self.https = parts.scheme == "https"
        self.host = parts.hostname or ""
        self.port = parts.port or (443 if self.https else 80)
        default = 443 if self.https else 80
        self.prefix, self.timeout = parts.path.rstrip("/"), timeout
        host_header = self.host if self.port == default else f"{self.host}:{self.port}"
        self._host_line = f"Host: {host_header}\r\n"
        self._tls = ssl.create_default_context() if self.https else None
        self._local = threading.local()
        self._all: set[_Connection] = set()
        self._lock = threading.Lock()

    def send(self, method: str, path: str, body: bytes | None, headers: dict[str, str],
             timeout: float | None = None) -> Response:
        wait = self.timeout if timeout is None else timeout
        conn = self._connection(wait)
        lines = [f"{method} {self.prefix}{path} HTTP/1.1\r\n", self._host_line]
        lines += [f"{name}: {value}\r\n" for name, value in headers.items()]
        if body is not None or method in ("POST", "PUT", "PATCH"):
            lines.append(f"Content-Length: {len(body or b'')}\r\n")
        lines.append("\r\n")
        try:
            conn.sock.settimeout(wait)
            conn.sock.sendall("".join(lines).encode("latin-1") + (body or b""))
            response, keep = read_response(conn.reader, head=method == "HEAD")
        except BaseException:
            self._drop(conn)
            raise
        if not keep:
            self._drop(conn)
        return response

    def _connection(self, timeout: float) -> _Connection:
        conn: _Connection | None = getattr(self._local, "conn", None)
        if conn is not None and _closed_by_peer(conn.sock):
            self._drop(conn)
            conn = None
        if conn is None:
            sock = socket.create_connection((self.host, self.port), timeout=timeout)
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                if self._tls is not None:
                    sock = self._tls.wrap_socket(sock, server_hostname=self.host)
            except BaseException:
                sock.close()
                raise
            conn = self._local.conn = _Connection(sock)
            with self._lock:
                self._all.add(conn)
        return conn

    def _drop(self, conn: _Connection) -> None:
        if getattr(self._local, "conn", None) is conn:
            self._local.conn = None
        with self._lock:
            self._all.discard(conn)
        conn.close()

    def close(self) -> None:
        with self._lock:
            conns, self._all = self._all, set()
        for conn in conns:
            conn.close()


def read_response(reader: BinaryIO, *, head: bool = False) -> tuple[Response, bool]:
    """One HTTP/1.x answer from `reader`: (the response, whether the connection may be reused)."""
    while True:
        version, status, reason = _status_line(reader)
        headers = _headers(reader)
        if not 100 <= status < 200:
            break  # 1xx: an interim answer (100 Continue, 103 Early Hints); the real one follows
    connection = headers.get("connection", "").lower()
    keep = "close" not in connection if version == "HTTP/1.1" else "keep-alive" in connection
    if head or status in (204, 304):
        body = b""
    elif "chunked" in headers.get("transfer-encoding", "").lower():
        body = _chunked(reader)
    elif "content-length" in headers:
        length = headers["content-length"].strip()
        if not length.isdigit() or int(length) > MAX_BODY:
            raise BadAnswer(f"bad Content-Length {length!r}")
        body = _exactly(reader, int(length))
    else:  # the body ends when the server closes the connection
        body = reader.read(MAX_BODY + 1)
        if len(body) > MAX_BODY:
            raise BadAnswer("body too large")
        keep = False
    return Response(status, reason, headers, body), keep


def _line(reader: BinaryIO) -> bytes:
    line = reader.readline(MAX_LINE + 1)
    if len(line) > MAX_LINE:
        raise BadAnswer("line too long")
    return line


def _status_line(reader: BinaryIO) -> tuple[str, int, str]:
    line = _line(reader)
    if not line:
        raise BadAnswer("connection closed before an answer")  # http.client's RemoteDisconnected
    version, _, rest = line.decode("latin-1").rstrip("\r\n").partition(" ")
    code, _, reason = rest.partition(" ")
    if not version.startswith("HTTP/1.") or len(code) != 3 or not code.isdigit():
        raise BadAnswer(f"not an HTTP/1.x status line: {line[:80]!r}")
    return version, int(code), reason.strip()


def _headers(reader: BinaryIO) -> dict[str, str]:
    headers: dict[str, str] = {}
    last = ""
    for _ in range(MAX_HEADERS + 1):
        line = _line(reader).decode("latin-1")
        if line in ("\r\n", "\n"):
            return headers
        if not line:
            raise BadAnswer("connection closed in the headers")
        if line[0] in " \t" and last:  # an obsolete folded continuation of the previous header
            headers[last] += " " + line.strip()
            continue
        name, colon, value = line.partition(":")
        if not colon:
            raise BadAnswer(f"not a header line: {line[:80]!r}")
        last, value = name.strip().lower(), value.strip()
        headers[last] = f"{headers[last]}, {value}" if last in headers else value
    raise BadAnswer("too many headers")


def _exactly(reader: BinaryIO, size: int) -> bytes:
    data = reader.read(size)
    if len(data) != size:
        raise BadAnswer(f"body cut short: {len(data)} of {size} bytes")
    return data


def _chunked(reader: BinaryIO) -> bytes:
    parts: list[bytes] = []
    total = 0
    while True:
        size_text = _line(reader).split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            raise BadAnswer(f"bad chunk size {size_text[:20]!r}") from None
        if size < 0 or total + size > MAX_BODY:
            raise BadAnswer("bad chunk size")
        if size == 0:
            _headers(reader)  # trailers, up to the blank line that ends the body
            return b"".join(parts)
        parts.append(_exactly(reader, size))
        total += size
        if _exactly(reader, 2) != b"\r\n":
            raise BadAnswer("chunk not followed by CRLF")


def _closed_by_peer(sock: socket.socket) -> bool:
    """An idle keep-alive connection has nothing to read: readable means closed (or garbage)."""
    try:
        return bool(select.select([sock], [], [], 0)[0])
    except (OSError, ValueError):
        return True
