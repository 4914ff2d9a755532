"""bot/line/connections.py, the small HTTP/1.1 client of reply, push and profile, against a server
that answers with exact bytes: body framings, keep-alive and close, interim answers, timeouts."""
from __future__ import annotations

import io
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.line.connections import BadAnswer, ThreadConnections, read_response


class Server:
    """Accepts connections on 127.0.0.1; each request (read up to its blank line and body) is
    answered by the next of `answers`: bytes, None to hang up without answering, or (bytes,) to
    answer and then close the connection while the client thinks it idle."""

    def __init__(self, answers: list[bytes | tuple[bytes] | None]):
        self.answers = list(answers)
        self.requests: list[bytes] = []
        self.connections = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        reader = conn.makefile("rb")
        with conn:
            while self.answers:
                head = b""
                while not head.endswith(b"\r\n\r\n"):
                    line = reader.readline()
                    if not line:
                        return
                    head += line
                length = [int(v) for k, _, v in (h.partition(b":") for h in head.split(b"\r\n"))
                          if k.lower() == b"content-length"]
                self.requests.append(head + reader.read(length[0] if length else 0))
                answer = self.answers.pop(0)
                if answer is None:
                    return
                if isinstance(answer, tuple):
                    conn.sendall(answer[0])
                    return
                conn.sendall(answer)

    def close(self) -> None:
        self.listener.close()


@pytest.fixture
def serve() -> Iterator:
    servers: list[Server] = []

    def make(*answers: bytes | tuple[bytes] | None) -> tuple[Server, ThreadConnections]:
        server = Server(list(answers))
        servers.append(server)
        return server, ThreadConnections(f"http://127.0.0.1:{server.port}/base", timeout=2.0)

    yield make
    for s in servers:
        s.close()


OK = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"


def test_a_request_is_sent_whole_and_the_connection_kept(serve):
    server, calls = serve(OK, OK)
    first = calls.send("POST", "/v2/bot/message/reply", b'{"a":1}', {"Authorization": "Bearer t"})
    second = calls.send("GET", "/v2/bot/profile/U1", None, {"Authorization": "Bearer t"})
    assert (first.status, first.reason, first.body, second.body) == (200, "OK", b"{}", b"{}")
    assert first.header("content-type") == "application/json"
    assert server.connections == 1
    assert server.requests[0] == (b"POST /base/v2/bot/message/reply HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
                                  b"Authorization: Bearer t\r\nContent-Length: 7\r\n\r\n{\"a\":1}" % server.port)
    assert b"Content-Length" not in server.requests[1]
    calls.close()


def test_chunked_body_with_trailers_and_interim_answer(serve):
    answer = (b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n"
              b"X-Line-Request-Id: abc\r\n\r\n4;ext=1\r\n{\"me\r\n11\r\nssage\":\"Invalid\"}\r\n0\r\nX-T: 1\r\n\r\n")
    server, calls = serve(answer, OK)
    resp = calls.send("POST", "/p", b"{}", {})
    assert (resp.status, resp.body, resp.header("x-line-request-id")) == (400, b'{"message":"Invalid"}', "abc")
    assert calls.send("POST", "/p", b"{}", {}).status == 200
    assert server.connections == 1


def test_connection_close_and_http_10_are_not_reused(serve):
    server, calls = serve(b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
    assert calls.send("POST", "/p", b"", {}).status == 200
    server.answers.append(b"HTTP/1.0 200 OK\r\n\r\nuntil close")
    assert calls.send("POST", "/p", b"", {}).body == b"until close"
    server.answers.append(OK)
    assert calls.send("POST", "/p", b"", {}).status == 200
    assert server.connections == 3


def test_a_connection_the_server_closed_while_idle_is_replaced_before_use(serve):
    server, calls = serve((OK,), OK)
    assert calls.send("GET", "/p", None, {}).status == 200
    time.sleep(0.1)  # the server has closed it by now
    assert calls.send("GET", "/p", None, {}).status == 200
    assert server.connections == 2


def test_a_hang_up_before_answering_and_a_cut_body_are_errors_not_answers(serve):
    _, calls = serve(None)
    with pytest.raises(BadAnswer):
        calls.send("POST", "/p", b"{}", {})
    _, calls = serve((b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc",))
    with pytest.raises(BadAnswer):
        calls.send("POST", "/p", b"{}", {})


def test_a_silent_server_times_out(serve):
    listener = socket.create_server(("127.0.0.1", 0))  # accepts (backlog) but never answers
    calls = ThreadConnections(f"http://127.0.0.1:{listener.getsockname()[1]}", timeout=0.3)
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        calls.send("POST", "/p", b"{}", {})
    assert time.monotonic() - started < 2
    listener.close()


@given(st.binary(max_size=3000), st.lists(st.integers(1, 700), min_size=1, max_size=8))
def test_any_body_in_any_chunking_reads_back_whole(body, cuts):
    chunks, rest = [], body
    for cut in cuts:
        if rest:
            chunks.append(rest[:cut])
            rest = rest[cut:]
    if rest:
        chunks.append(rest)
    wire = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    wire += b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"
    resp, keep = read_response(io.BufferedReader(io.BytesIO(wire)))
    assert (resp.body, keep) == (body, True)


@pytest.mark.parametrize("wire", [b"SSH-2.0-x\r\n\r\n", b"HTTP/1.1 20 OK\r\n\r\n",
                                  b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
                                  b"HTTP/1.1 200 OK\r\nno colon\r\n\r\n",
                                  b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"])
def test_what_is_not_http_is_refused(wire):
    with pytest.raises(BadAnswer):
        read_response(io.BufferedReader(io.BytesIO(wire)))
