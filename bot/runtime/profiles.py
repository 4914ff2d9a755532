"""Learning citizens' LINE display names, after their answer and off the reply path.

A worker used to fetch the profile of every new citizen right after replying, before taking the
next chat: in a burst of new citizens that doubled the time each handler thread spent per event
(two calls to LINE instead of one) and put a transaction more on every event. Now the worker
only says whose profile is wanted; in a worker process `ProfileFetcher` threads fetch them in
the background and write the names found in one transaction per batch. The queue lives in
memory, and it waits while chats are waiting for their answers (a burst is answered first): a name
lost with its process is asked for again at the citizen's next message
(`profile_checked_at` is still empty). Tests and `Worker.drain` fetch at once (`fetch_profiles`).
Only the names of citizens in a flow that uses them are wanted (handlers/contract.py `Flow.line_name`).
"""
from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterable

from bot.services import Services
from models.conversation import record_profiles
from models.db import write_scope

log = logging.getLogger(__name__)
BATCH = 20  # names written per transaction
QUEUE_LIMIT = 20_000  # beyond it a name waits for the citizen's next message


def fetch_profiles(services: Services, user_ids: Iterable[str]) -> int:
    """Ask LINE for each display name and record them all in one transaction; how many were asked."""
    found = {uid: services.gateway.get_display_name(uid) for uid in dict.fromkeys(user_ids)}
    if found:
        with write_scope(services.engine) as conn:
            record_profiles(found, conn=conn)
    return len(found)


class ProfileFetcher:
    """Background threads of a worker process that fetch the display names its handlers asked for."""

    def __init__(self, services: Services, threads: int, stop: threading.Event,
                 busy: Callable[[], bool] = lambda: False):
        self.sv, self.count, self.stop, self.busy = services, threads, stop, busy
        self._queue: queue.Queue[str] = queue.Queue(QUEUE_LIMIT)
        self._wanted: set[str] = set()  # queued or being fetched: asked for once
        self._lock = threading.Lock()

    def start(self) -> None:
        for i in range(self.count):
            threading.Thread(target=self._run, name=f"line-profiles-{i}", daemon=True).start()

    def want(self, user_id: str) -> None:
        with self._lock:
            if user_id in self._wanted:
                return
            self._wanted.add(user_id)
        try:
            self._queue.put_nowait(user_id)
        except queue.Full:
            with self._lock:
                self._wanted.discard(user_id)

    def _run(self) -> None:
        while not self.stop.is_set():
            if self.busy():  # chats are waiting for an answer: names can wait for them
                self.stop.wait(0.2)
                continue
            try:
                batch = [self._queue.get(timeout=0.5)]
            except queue.Empty:
                continue
            while len(batch) < BATCH:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                fetch_profiles(self.sv, batch)
            except Exception:  # the database may be away: these names are asked for another time
                log.exception("display names: could not record %d", len(batch))
                self.stop.wait(1.0)
            finally:
                with self._lock:
                    self._wanted.difference_update(batch)
