"""Waking idle workers in other processes as soon as something is stored for them.

PostgreSQL: a web process says NOTIFY after the webhook stored events (Notifier), and each worker
process LISTENs on one connection of its own (workers on other machines hear it too). SQLite: all processes share one
file on one machine, and SQLite counts commits: a worker process reads `PRAGMA data_version`
every few milliseconds (microseconds of work) and wakes its threads when another connection has
committed. Either way a stored event is picked up without waiting for the next poll.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
import time

from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)
CHANNEL = "inbound_event"
SQLITE_WATCH_SECONDS = 0.01


class Waker:
    """Wakes every worker that may have work once something was committed for it: this process's
    threads (`signal`) and, on PostgreSQL, other processes' (`notifier`). The webhook and every admin
    page that queues a message use this one object, so an answer typed by staff is sent at once in
    the default topology, where the event workers are processes of their own."""

    def __init__(self, signal: threading.Event, notifier: Notifier | None):
        self.signal, self.notifier = signal, notifier

    def set(self) -> None:
        self.signal.set()
        if self.notifier is not None:
            self.notifier.poke()

    def close(self) -> None:
        """Ends the notifier's thread and its connection (an app that is done: tests make hundreds)."""
        if self.notifier is not None:
            self.notifier.stop()


class Notifier(threading.Thread):
    """In a web process on PostgreSQL: after the webhook committed, `poke()`; this thread sends
    one NOTIFY on its own connection for all pokes of the last few milliseconds. A NOTIFY inside
    each webhook transaction was one more round trip per request, and NOTIFY serialises commits."""

    def __init__(self, engine: Engine, every: float = 0.005):
        super().__init__(name="wake-notifier", daemon=True)
        self.engine, self.every = engine, every
        self._poked = threading.Event()
        self._launched = False
        self._launch_lock = threading.Lock()
        self._stopped = False

    def poke(self) -> None:
        if not self._launched:  # started by the first request, never at import or app creation
            with self._launch_lock:
                if not self._launched:
                    self._launched = True
                    self.start()
        self._poked.set()

    def stop(self) -> None:
        self._stopped = True
        self._poked.set()

    def run(self) -> None:
        import psycopg

        conn = None
        while True:
            self._poked.wait()
            self._poked.clear()
            if self._stopped:
                if conn is not None:
                    conn.close()
                return
            try:
                if conn is None or conn.closed:
                    url = self.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
                    conn = psycopg.connect(url, autocommit=True, connect_timeout=3)
                conn.execute(f"NOTIFY {CHANNEL}")
            except Exception as exc:  # workers still poll: a lost notice costs a fraction of a second
                log.warning("wake notifier: %s: %s", type(exc).__name__, exc)
                conn = None
                time.sleep(1.0)
            time.sleep(self.every)



class WakeListener(threading.Thread):
    """Sets `signal` whenever another connection stored something; stops when `stop` is set."""

    def __init__(self, engine: Engine, signal: threading.Event, stop: threading.Event):
        super().__init__(name="wake-listener", daemon=True)
        self.engine, self.signal, self.stop = engine, signal, stop

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                if self.engine.dialect.name == "postgresql":
                    self._listen()
                elif self.engine.dialect.name == "sqlite":
                    self._watch()
                else:
                    return
            except Exception as exc:  # the database may be away: the workers' poll still runs
                log.warning("wake listener: %s: %s", type(exc).__name__, exc)
                self.stop.wait(2.0)

    def _listen(self) -> None:
        import psycopg

        url = self.engine.url.set(drivername="postgresql")
        with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True,
                             connect_timeout=3) as conn:
            conn.execute(f"LISTEN {CHANNEL}")
            self.signal.set()  # anything stored while we were not listening
            while not self.stop.is_set():
                for _ in conn.notifies(timeout=1.0, stop_after=1):
                    self.signal.set()

    def _watch(self) -> None:
        conn = sqlite3.connect(self.engine.url.database or "", timeout=5, check_same_thread=False)
        try:
            last = None
            while not self.stop.wait(SQLITE_WATCH_SECONDS):
                version = conn.execute("PRAGMA data_version").fetchone()[0]
                if last is not None and version != last:
                    self.signal.set()
                last = version
        finally:
            conn.close()
