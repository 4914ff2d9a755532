"""The record of replies sent, written for many at once by one thread of a worker process.

Once LINE has accepted an event's answer, the handler thread wrote so (and gave the chat's lease back)
in a write of its own: one of an event's three. Nobody waits for that record, so in a worker process
the handlers hand it to one `Settler` thread, which writes what came in over a few milliseconds in
one transaction (on PostgreSQL one statement), and the handler takes its next
chat at once. Should the process die before the record is written, the outbox takes the reply up again
when its lease runs out, and LINE, refusing the used token, makes it count as delivered
(bot/runtime/outbox.py `_reply`): nothing is sent twice; the chat waits for its lease to run out.
Tests and `Worker.drain` write each record at once (`OutboxSender.later` unset).
"""
from __future__ import annotations

import logging
import queue
import threading

from bot.services import Services
from models.db import raw_write, utcnow
from models.event_path import Sent, settle_many

log = logging.getLogger(__name__)
LINGER = 0.02  # seconds a first record waits for others: the lease it gives back is held that much longer
BATCH = 500  # records per transaction at most


class Settler:
    def __init__(self, services: Services):
        self.sv = services
        self._queue: queue.SimpleQueue[Sent] = queue.SimpleQueue()
        self._closing = threading.Event()
        self._thread = threading.Thread(target=self._run, name="line-settler", daemon=True)

    def add(self, sent: Sent) -> None:
        """OutboxSender.later: record this once the batch it joins is written."""
        self._queue.put(sent)

    def start(self) -> None:
        self._thread.start()

    def close(self, timeout: float = 5.0) -> None:
        """Write what is left and stop: called once the handlers have stopped handing records over."""
        self._closing.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        batch: list[Sent] = []
        while not (self._closing.is_set() and not batch and self._queue.empty()):
            if not batch:
                try:
                    batch.append(self._queue.get(timeout=0.5))
                except queue.Empty:
                    continue
                self._closing.wait(LINGER)
            while len(batch) < BATCH and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            try:
                self.write(batch)
            except Exception:  # the database may be away: keep them, try again (leases run out meanwhile)
                log.exception("outbox: could not record %d messages sent", len(batch))
                if self._closing.wait(1.0):
                    return
                continue
            batch = []

    def write(self, batch: list[Sent]) -> None:
        with raw_write(self.sv.engine, one_statement=True) as raw:  # one on PostgreSQL; two on SQLite, one transaction
            settle_many(raw, batch, utcnow())
        if any(sent.release for sent in batch):
            self.sv.work_signal.set()  # chats given back: the dispatcher may offer their next events
