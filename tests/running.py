"""Things tests run in the background: a local HTTP server that misbehaves as asked, and a worker
pool with its threads, as a worker process runs it."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from bot.devchat.events import text_event, webhook_body
from tests.conftest import post_body


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64  # many connections opened at once: the default backlog of 5 drops SYNs


@contextmanager
def local_server(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """`handler` served on 127.0.0.1 in a thread; its base URL."""
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


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
