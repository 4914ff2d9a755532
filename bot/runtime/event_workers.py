"""Where stored events are handled: the one module that starts a worker pool (bot/runtime/worker_pool.py).

One setting, WORKER_PROCESSES, chooses the topology of a gunicorn deployment (the Procfile's `web:`):
- N > 0 (default 1): gunicorn runs N event-worker processes beside its WEB_CONCURRENCY web
  processes. They are gunicorn workers of their own class (`EventWorkerProcess`, chosen by
  gunicorn.conf.py's pre_fork hook), so gunicorn's ordinary worker supervision restarts one that
  dies, kills one that stops sending its heartbeat, and stops them with the rest. The web
  processes only verify, store and acknowledge: handling events (Thai word segmentation, ~20 ms of
  CPU each) in the same process competed with acknowledging LINE for one GIL (0.17-0.25 of the
  benchmark's floor).
- 0: each web process runs WORKER_THREADS worker threads itself, started at once by gunicorn.conf.py.
  Also the topology of `make run` (`flask run`: one process, whose first request starts them, and
  where the built-in fake LINE lives). WORKER_THREADS=0 runs none in web processes at all.
More event-worker processes, on other machines too (PostgreSQL), or a Procfile `worker:` line:
`flask worker`, the same process as gunicorn's without gunicorn around it.
"""
from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gunicorn.workers.base import Worker as GunicornWorker

if TYPE_CHECKING:
    from flask import Flask

    from bot.runtime.worker_pool import WorkerPool
    from bot.services import Services

log = logging.getLogger(__name__)
HEARTBEAT_SECONDS = 1.0


def start_pool(services: Services, threads: int) -> WorkerPool:
    """The one place a worker pool is made and started, whatever process it runs in."""
    from bot.runtime.worker_pool import WorkerPool

    pool = WorkerPool(services, threads)
    pool.start()
    log.info("event workers: %d threads in process %d", threads, os.getpid())
    return pool


# --- threads inside a web process ------------------------------------------------------------------
class StartWorkersFirst:
    """WSGI middleware of a web process that may run its workers itself. The first request of any
    kind (the webhook's shortcut included) starts them, unless gunicorn.conf.py has already decided
    (`web_process_ready`); building the app for a CLI command starts nothing."""

    def __init__(self, app: Flask, inner: Any, threads: int):
        self.app, self.inner, self.threads = app, inner, threads
        self.pending = True
        self._lock = threading.Lock()

    def start(self) -> None:
        with self._lock:
            if self.pending:
                self.pending = False
                self.app.extensions["worker_pool"] = start_pool(self.app.extensions["services"], self.threads)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if self.pending:
            self.start()
        return self.inner(environ, start_response)


def web_process_ready(app: Any, *, run_workers: bool) -> None:
    """gunicorn.conf.py, in each web process once its app is loaded: with WORKER_PROCESSES=0 its
    threads start now, not at its first request (events left over from before a restart are
    handled at once); otherwise never, as the event-worker processes handle everything."""
    starter = getattr(app, "extensions", {}).get("worker_starter")  # the bench's floor app has none
    if starter is None:
        return
    if run_workers:
        starter.start()
    else:
        starter.pending = False
        if app.wsgi_app is starter:  # not even a check per request
            app.wsgi_app = starter.inner


# --- an event-worker process --------------------------------------------------------------------------
def serve(threads: int | None, alive: Callable[[], bool], heartbeat: Callable[[], None] = lambda: None) -> None:
    """An event-worker process's whole life: gunicorn's `EventWorkerProcess` and `flask worker`."""
    from bot.services import Services
    from bot.settings import Settings
    from models import import_all_tables
    from models.db import make_engine

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = Settings()
    if settings.worker_nice:  # a burst is acknowledged first and handled right after
        os.nice(settings.worker_nice)
    import_all_tables()
    count = threads or settings.worker_process_threads
    # Connections for its handler threads: each holds one only inside a short transaction, never
    # while waiting for LINE, so half as many as threads (plus a few) are kept and the rest wait
    # their turn: more overflow meant connections opened and closed under load, and with 32 threads
    # and two processes PostgreSQL's 100 clients ran out.
    services = Services.build(settings, make_engine(settings.db_url, pool_size=max(10, count // 2),
                                                    max_overflow=max(4, count // 8)))
    # The Thai dictionary before taking events, not while the first citizens wait: about 3 s of CPU,
    # more at a low priority on a busy machine, during which this thread goes on telling gunicorn
    # that the process is alive. (line-bot-sdk is not loaded at all: nothing on an event worker's
    # path uses it any more, see bot/line/gateway.py; that is ~45 MB less per process.)
    warm = threading.Thread(target=_warm_up, args=(services,), name="warm-up", daemon=True)
    warm.start()
    while warm.is_alive() and alive():
        heartbeat()
        warm.join(HEARTBEAT_SECONDS)
    pool = start_pool(services, count)
    try:
        while alive():
            heartbeat()
            pool.stop.wait(HEARTBEAT_SECONDS)
    finally:
        pool.shutdown()


def _warm_up(services: Services) -> None:
    from bot.runtime.worker import warm_up_once

    warm_up_once()
    services.gateway  # noqa: B018 - built now; it needs no line-bot-sdk (see bot/line/gateway.py)


class EventWorkerProcess(GunicornWorker):
    """A gunicorn worker that serves no requests: it handles stored events. gunicorn keeps it
    alive like its web workers (the master restarts it when it dies and, when it stops calling
    `notify`, kills it after `timeout`); SIGTERM stops it gracefully."""

    def load_wsgi(self) -> None:  # no Flask app: everything it needs is in the database
        self.wsgi = None

    def run(self) -> None:
        for s in self.sockets:  # never accepts: the web processes take every connection
            s.close()
        try:  # `ps` and the benchmark tell it from the web processes by this name
            Path("/proc/self/comm").write_text("event-worker")
        except OSError:
            pass
        serve(None, alive=lambda: self.alive and self.ppid == os.getppid(), heartbeat=self.notify)


def choose_role(server: Any, worker: GunicornWorker, event_processes: int) -> None:
    """gunicorn.conf.py's pre_fork: make the worker about to be forked an event worker if fewer
    than `event_processes` of the workers that will stay are. Those are the newest
    `num_workers - 1` besides it: gunicorn keeps the newest workers when it has too many (a
    reload forks a whole new set, then stops the old one)."""
    ordered = sorted(server.WORKERS.values(), key=lambda w: w.age)
    stay = ordered[max(0, len(ordered) - (server.num_workers - 1)):] if server.num_workers > 1 else []
    if sum(isinstance(w, EventWorkerProcess) for w in stay) < event_processes:
        worker.__class__ = EventWorkerProcess
