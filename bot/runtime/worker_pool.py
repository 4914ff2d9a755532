"""Worker threads in one process: one dispatcher that finds due work, many handlers that do it.

Started only by bot/runtime/event_workers.py's `start_pool`, in whichever process the deployment's topology
says (see there). Each handler holds one chat at a time. An event's reply is written to LINE and
the handler goes on: the gateway's one waiting thread reads LINE's answer (bot/line/in_flight.py),
the Settler records it, and what a failed reply needs next comes back to the handlers as a job
(`_hand`). So a few handlers keep a burst moving; the slow jobs (photos, pushes) still wait on
LINE in a handler. Tests and the benchmark run the same two steps in their own thread with `drain`,
where replies are sent waiting.

Why a dispatcher: when every thread looked for work itself, each pass over the due chats (one
query), the outbox and the media (two more) cost more than the chat it then handled, and the
threads woken together raced for the same first chats. Now one thread asks, for all of them,
and a chat is never queued twice in this process (other processes are kept out by the lease).
"""
from __future__ import annotations

import logging
import os
import queue
import socket
import threading
import time
from collections.abc import Callable
from datetime import timedelta

from bot.runtime.periodic import PERIODIC_SECONDS, run_periodic
from bot.runtime.profiles import ProfileFetcher
from bot.runtime.settler import Settler
from bot.runtime.worker import Worker, warm_up_once
from bot.services import Services
from models.db import read_scope
from models.events import chats_with_due_events

log = logging.getLogger(__name__)
OUTBOX, MEDIA = "__outbox__", "__media__"  # the jobs besides chats, one of each at a time
FOLLOWUP = "__followup__"  # "has it been fixed?" (bot/runtime/followup.py), every FOLLOWUP_EVERY seconds
FOLLOWUP_EVERY = 60.0
PERIODIC = "__periodic__"  # clock work (bot/runtime/periodic.py): the morning digest
MIN_GAP = 0.02
# `drain` asks for due chats as a pool of this many handlers would (an event-worker process's default).
DRAIN_BATCH = 16
# Threads fetching display names (bot/runtime/profiles.py): each waits ~100 ms on LINE per name, so
# eight learn a burst of 4,000 new citizens' names in under a minute.
PROFILE_THREADS = 8


class WorkerPool:
    def __init__(self, services: Services, count: int):
        self.sv, self.count = services, count
        self.stop = threading.Event()
        self.threads: list[threading.Thread] = []
        # Chats and jobs by key; and work handed back by replies sent without waiting (`_hand`).
        self._jobs: queue.Queue[str | Callable[[], object]] = queue.Queue()
        self._queued: set[str] = set()  # chats and jobs queued or being worked on here
        self._lock = threading.Lock()
        self.settle = timedelta(seconds=services.settings.event_settle_seconds)
        self._next_followup = 0.0  # monotonic time of the next follow-up pass: the first sweep does one
        self.settler = Settler(services)

    def start(self) -> None:
        from bot.runtime.wake import WakeListener

        with self._lock:
            if self.threads or self.count <= 0:
                return
            host, pid = socket.gethostname(), os.getpid()
            profiles = ProfileFetcher(self.sv, PROFILE_THREADS, self.stop, busy=lambda: not self._jobs.empty())
            for i in range(self.count):
                # A lease names its holder: every thread needs a name of its own.
                worker = Worker(self.sv, name=f"{host}:{pid}:{i}")
                worker.profiles = profiles.want  # display names in the background, not before the next chat
                worker.outbox.later = self.settler.add  # replies recorded sent many at a time
                worker.outbox.handoff = self._hand  # replies sent without waiting for LINE's answer
                self.threads.append(threading.Thread(target=self._handle, args=(worker,),
                                                     name=f"line-worker-{i}", daemon=True))
            self.threads.append(threading.Thread(target=self._dispatch, name="line-dispatcher", daemon=True))
            self.settler.start()
            for t in self.threads:
                t.start()
            profiles.start()
            # Events stored by other processes wake the dispatcher at once (not at the next poll).
            WakeListener(self.sv.engine, self.sv.work_signal, self.stop).start()

    def shutdown(self, timeout: float = 5.0) -> None:
        self.stop.set()
        self.sv.work_signal.set()
        for t in self.threads:
            t.join(timeout)
        # Replies still out: their answers, then what they handed back (failures), here.
        self.sv.gateway.wait_replies(timeout)
        while not self._jobs.empty():
            job = self._jobs.get_nowait()
            if callable(job):
                try:
                    job()
                except Exception:  # the database may be away: the outbox retries once its lease runs out
                    log.exception("worker pool: a reply's outcome could not be written at shutdown")
        self.settler.close(timeout)  # after the handlers and the replies: their last records too

    # --- the dispatcher ----------------------------------------------------------------------------
    def _dispatch(self) -> None:
        poll = self.sv.settings.worker_poll_seconds
        settle = self.sv.settings.event_settle_seconds
        next_sweep = 0.0  # outbox retries and photos: looked at every poll interval
        next_periodic = 0.0
        lately = False  # something happened: look again soon even if nothing says so
        while not self.stop.is_set():
            sweep = time.monotonic() >= next_sweep
            periodic = time.monotonic() >= next_periodic
            try:
                queued = self._look(sweep, periodic)
            except Exception:  # the database may be away for a while: keep trying, slowly
                log.exception("worker dispatcher: could not read due chats")
                self.stop.wait(min(5.0, poll * 4))
                continue
            if sweep:
                next_sweep = time.monotonic() + poll
            if periodic:
                next_periodic = time.monotonic() + PERIODIC_SECONDS
            # Woken by a stored event (webhook, another process) or a handler that finished. An
            # event just stored is due only once settled, hence a second look that much later.
            lately = self.sv.work_signal.wait(max(settle, MIN_GAP) if queued or lately else poll)
            self.sv.work_signal.clear()
            self.stop.wait(MIN_GAP)  # at most one query per MIN_GAP, however busy

    def _look(self, sweep: bool, periodic: bool = False) -> int:
        """The dispatcher's step: queue due chats, and the outbox and photo jobs when `sweep` (and the
        follow-up job when its minute is up), and the clock jobs when `periodic` (never in `drain`:
        tests run the digest with a time of their choosing)."""
        queued = self._queue_due_chats()
        if sweep:
            self._queue_job(OUTBOX)
            self._queue_job(MEDIA)
            if time.monotonic() >= self._next_followup:
                self._next_followup = time.monotonic() + FOLLOWUP_EVERY
                self._queue_job(FOLLOWUP)
        if periodic:
            self._queue_job(PERIODIC)
        return queued

    def _queue_due_chats(self) -> int:
        """Queue due chats for free handlers (and a few more, so none waits); how many were new."""
        with self._lock:
            want = self.count + self.count // 2 - len(self._queued)
            known = len(self._queued)
        # With work in hand, ask only once half the queue is free: the query groups every pending
        # event by chat, and with a backlog of thousands, asking after each finished chat cost the
        # database more than the handling did.
        if want <= 0 or (known and want < max(1, self.count // 2)):
            return 0
        with read_scope(self.sv.engine) as s:
            chats = chats_with_due_events(session=s, settle=self.settle, limit=want + known)
        return sum(self._queue_job(chat_key) for chat_key in chats[:want + known])

    def _hand(self, work: Callable[[], object]) -> None:
        """OutboxSender.handoff: what a reply's answer needs beyond its record (a failure's retry or
        push), for the next free handler."""
        self._jobs.put(work)

    def _queue_job(self, key: str) -> int:
        with self._lock:
            if key in self._queued:
                return 0
            self._queued.add(key)
        self._jobs.put(key)
        return 1

    # --- the handlers ------------------------------------------------------------------------------
    def _handle(self, worker: Worker) -> None:
        log.info("worker %s started", worker.name)
        warm_up_once()  # load the Thai dictionary before the first citizen waits for it
        while not self.stop.is_set():
            try:
                key = self._jobs.get(timeout=0.5)
            except queue.Empty:
                continue
            try:
                self._run_job(worker, key)
            except Exception:  # the database or LINE may be away: the chat is due again later
                log.exception("worker %s: %s failed", worker.name, key)
                self.stop.wait(1.0)
        log.info("worker %s stopped", worker.name)

    def _run_job(self, worker: Worker, key: str | Callable[[], object]) -> int:
        """A handler's step: one chat, one pass over the outbox or the photos, or work handed back
        by a reply's answer; how much was done."""
        if callable(key):
            key()
            return 1
        try:
            worker._release_leftovers()
            if key == OUTBOX:
                return worker.outbox.send_due()
            if key == MEDIA:
                return worker.media.fetch_due()
            if key == PERIODIC:
                return run_periodic(self.sv, worker.name)
            if key == FOLLOWUP:
                return worker.followup.send_due()
            return worker.handle_chat(key)
        finally:
            with self._lock:
                self._queued.discard(key)
            self.sv.work_signal.set()  # a handler is free: the dispatcher looks for more

    # --- the same steps, in the caller's thread ------------------------------------------------------
    def drain(self, worker: Worker, timeout: float = 10.0) -> None:
        """Run the dispatcher's and a handler's steps, in turn, until nothing is due (tests and the
        benchmark). Unlike the threads, a failure is raised: a test sees it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._look(sweep=True)
            done = 0
            while not self._jobs.empty():
                done += self._run_job(worker, self._jobs.get_nowait())
            if not done:
                return
