"""Waking idle workers in other processes as soon as something is stored for them.

PostgreSQL: the webhook's transaction says NOTIFY, and each worker process LISTENs on one
connection of its own (workers on other machines hear it too). SQLite: all processes share one
file on one machine, and SQLite counts commits: a worker process reads `PRAGMA data_version`
every few milliseconds (microseconds of work) and wakes its threads when another connection has
committed. Either way a stored event is picked up without waiting for the next poll.
"""
from __future__ import annotations

import logging
import sqlite3
import threading

from sqlalchemy.engine import Connection, Engine

log = logging.getLogger(__name__)
CHANNEL = "inbound_event"
SQLITE_WATCH_SECONDS = 0.01


def notify(conn: Connection) -> None:
    """Inside the storing transaction: PostgreSQL delivers the notice when it commits."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"NOTIFY {CHANNEL}")


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
