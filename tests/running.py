"""Things tests run in the background: a local HTTP server that misbehaves as asked, and a worker
pool with its threads, as a worker process runs it."""
from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bot.devchat.events import text_event, webhook_body
from tests.conftest import post_body


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64  # many connections opened at once: the default backlog of 5 drops SYNs


TLS_PEM = Path(__file__).resolve().parent / "fixtures" / "tls" / "localhost.pem"  # certificate and key


@contextmanager
def local_server(handler: type[BaseHTTPRequestHandler], *, tls: bool = False) -> Iterator[str]:
    """`handler` served on 127.0.0.1 in a thread (over TLS with the test certificate `TLS_PEM`,
    which `tls_client_context` trusts); its base URL."""
    server = _Server(("127.0.0.1", 0), handler)
    if tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(TLS_PEM)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"{'https' if tls else 'http'}://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def tls_client_context() -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(TLS_PEM))


def pool_greeted(client: Any, services: Any, fake_line: Any, users: list[str], until: Callable[[], bool],
                 *, threads: int = 2, seconds: float = 20.0) -> None:
    """A worker pool with `threads` handlers, started; each of `users` says hello through the
    webhook; returns once `until()` holds (or after `seconds`) and the pool has shut down."""
    from bot.runtime.worker_pool import WorkerPool

    pool = WorkerPool(services, threads)
    pool.start()
    try:
        for user in users:
            post_body(client, webhook_body([text_event(user, "สวัสดีครับ",
                                                       reply_token=fake_line.store.issue_reply_token(user))]))
        ends = time.monotonic() + seconds
        while not until() and time.monotonic() < ends:
            time.sleep(0.05)
    finally:
        pool.shutdown()
