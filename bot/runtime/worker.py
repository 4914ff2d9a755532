"""Takes stored events and handles them: one chat at a time, in LINE's timestamp order.

Each event's outcome is written in ONE transaction (effects, next state, the event marked done, the
replies put in the outbox), then the replies are sent; taking the event and recording the send are one
short transaction each (in a worker process the send is recorded with others': bot/runtime/settler.py;
on PostgreSQL each of the three is one statement: models/event_path.py; an outcome with effects adds
theirs to its transaction, through an ORM session only when they need one). A crash before the
outcome's commit leaves the event pending: the chat's lease runs out and the event is taken again. An
event that keeps failing is retried with backoff a bounded number of times and then parked, with an
apology.

Over 250 lines because the take, decide, apply and send steps and their failure paths (retry, park,
apology) are one piece of reasoning about when an event is done; split, the ordering guarantee would
be spread over modules."""
from __future__ import annotations

import json
import logging
import os
import socket
import threading
import traceback
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Literal, NamedTuple

from sqlmodel import Session

from bot.runtime.apply import RAW_EFFECTS, EffectApplier, apply_raw
from bot.runtime.followup import FollowupSender
from bot.runtime.incoming import reply_token_of, to_incoming
from bot.runtime.lookup import DbLookup
from bot.runtime.media_fetch import MediaFetcher
from bot.runtime.outbox import OutboxSender, backoff, born_claimed, enqueue
from bot.runtime.profiles import fetch_profiles
from bot.runtime.quota import quota_low
from bot.runtime.staff_alerts import StaffAlerts, alerts_for
from bot.services import Services
from handlers.dispatch import dispatch
from handlers.flows import wants_line_name
from handlers.types import Context, Incoming, LogSkip, Outcome, State
from handlers.understanding import warm_up
from messages_th import strings as th
from models.conversation import ChatRow
from models.db import Raw, as_aware, raw_write, read_scope, session_scope, utcnow
from models.enums import EventStatus, OutboxStatus
from models.event_path import Lease, Reply, ensure_follower, finish, read_chat, release, take
from models.events import Claimed, InboundEvent, next_pending_of_chat

log = logging.getLogger(__name__)
PROFILE_RECHECK = timedelta(days=1)


class _AlreadyHandled(Exception):
    """The event was no longer pending when we came to mark it handled: roll back."""


class Job(NamedTuple):
    """A chat's next event, taken under the chat's lease, with what the handler needs to read."""

    id: int
    chat_key: str
    timestamp_ms: int
    event: dict
    chat: ChatRow
    config: int | None  # the staff's edit counter, read with the event: DbLookup's cache key


class Decision(NamedTuple):
    """What the pure handler decided for one event, before anything is written."""

    event: dict
    incoming: Incoming
    outcome: Outcome
    needs_profile: bool


class Worker:
    """Per event, in the common case of a chat with one event waiting: one write takes the chat's
    lease and its event (with the chat's state and follower row), the handler decides outside any
    transaction, a second write applies the outcome and queues the replies, the reply is sent, and a
    third records it sent and gives the lease back. On PostgreSQL each write is one statement in
    autocommit, on SQLite a short transaction of plain statements (models/event_path.py). (It was
    eight transactions, and the display name fetched through line-bot-sdk before the next chat: ~9 ms
    of CPU and 200 ms of waiting per greeting; then three transactions of ten statements through
    SQLAlchemy, 3-4 ms on SQLite and 5-6 ms on PostgreSQL under the burst.)"""

    def __init__(self, services: Services, name: str | None = None):
        self.sv = services
        self.settings = services.settings
        self.name = name or f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"
        self.lease = timedelta(seconds=self.settings.worker_lease_seconds)
        self.settle = timedelta(seconds=self.settings.event_settle_seconds)
        self.outbox = OutboxSender(services)
        self.media = MediaFetcher(services)
        # The quota switch: bot/runtime/quota.quota_low (another work stream) is wired here at merge.
        self.followup = FollowupSender(services, quota_low=lambda: quota_low(services))  # bot/runtime/quota.py
        # Who learns display names: at once, here (tests, `drain`), or a pool's background fetcher.
        self.profiles: Callable[[str], object] = lambda user_id: fetch_profiles(self.sv, [user_id])
        self._unreleased: set[str] = set()  # chats whose lease we could not give back (database away)

    def drain(self, timeout: float = 10.0) -> None:
        """Work until nothing is due, through the loop a worker process runs (bot/runtime/worker_pool.py),
        in this thread: the tests and tests/crash_worker.py use this."""
        from bot.runtime.worker_pool import DRAIN_BATCH, WorkerPool

        WorkerPool(self.sv, DRAIN_BATCH).drain(self, timeout)

    # --- one chat --------------------------------------------------------------------------------
    def handle_chat(self, chat_key: str) -> int:
        taken = self._take(chat_key, first=True)
        if taken is False:
            return 0  # another worker holds the chat
        handled, released = 0, [False]
        try:
            # False only from the first take: later ones renew the lease we hold (a Job or None)
            job: Job | Literal[False] | None = taken
            while job and handled < 50:
                done, more = self._attempt(job, released)
                if not done:
                    break  # failed: later events of this chat wait for its retry, to keep order
                handled += 1
                job = self._take(chat_key, first=False) if more and not released[0] else None
        finally:
            if not released[0]:
                try:
                    with raw_write(self.sv.engine, one_statement=True) as raw:
                        release(raw, Lease(chat_key, self.name), utcnow())
                except Exception:
                    # Our own lease would keep the chat waiting until it runs out (a minute) after the
                    # database is back: give it back on the next pass instead.
                    self._unreleased.add(chat_key)
                    raise
        return handled

    def _release_leftovers(self) -> None:
        for chat_key in list(self._unreleased):
            with raw_write(self.sv.engine, one_statement=True) as raw:
                release(raw, Lease(chat_key, self.name), utcnow())
            self._unreleased.discard(chat_key)

    def _take(self, chat_key: str, *, first: bool) -> Job | Literal[False] | None:
        """Take (or renew) the chat's lease and its earliest due event, counting the attempt before
        trying so that a crash loop still ends PARKED; False when the lease is someone else's.
        One statement on PostgreSQL, three in one transaction on SQLite (models/event_path.py)."""
        now = utcnow()
        guess = chat_key[5:] if chat_key.startswith("user:") else None  # whose follower row to read
        with raw_write(self.sv.engine, one_statement=True) as raw:
            taken = take(raw, chat_key=chat_key, holder=self.name, till=now + self.lease, now=now,
                         settled=now - self.settle, max_attempts=self.settings.event_max_attempts,
                         first=first, user_id=guess)
            if taken is False:
                return False if first else None  # renewing: our lease was taken over, stop touching the chat
            if taken is not True:
                event = json.loads(taken.payload)
                chat = taken.chat
                if _user_id(event) != guess:  # a group's or room's member, or an odd key: read theirs
                    chat = read_chat(raw, chat_key, _user_id(event))
                return Job(taken.id, chat_key, taken.timestamp_ms, event, chat, taken.config)
        # Nothing due: perhaps an event that has had all its attempts (rare: the dispatcher offers
        # chats with a due event).
        with session_scope(self.sv.engine) as s:
            self._park_exhausted(s, chat_key, now)
        return None

    def _park_exhausted(self, s: Session, chat_key: str, now: datetime) -> None:
        ev = next_pending_of_chat(chat_key, session=s)
        if ev is None or as_aware(ev.not_before) > now or as_aware(ev.received_at) > now - self.settle \
                or ev.attempts < self.settings.event_max_attempts:
            return
        row = s.get(InboundEvent, ev.id)
        if row is None:  # read just now in this transaction: only a bug could lose it
            return
        row.attempts += 1
        self._park(s, row, "too many attempts")  # committed by the caller; the next pass takes the chat's next event

    def _attempt(self, job: Job, released: list[bool]) -> tuple[bool, bool]:
        """Decide (no transaction), apply (one short write transaction), then send; the last send
        also gives the chat's lease back (`released`) when no other event of the chat waits, and
        a reply sent without waiting (a pool's) always does, once LINE has answered it.
        Returns (handled, another event of the chat is to be taken now, by this handler)."""
        try:
            decision = self._decide(job)
            sends, more = self._apply(job, decision)
        except Exception as exc:
            log.exception("event %s failed", job.id)
            self._failed(job.id, exc)
            return False, False
        if len(sends) == 1 and sends[0].kind == "reply" and self.outbox.handoff is not None:
            # A pool's handler: LINE's answer is waited for by the gateway's thread, and the lease
            # given back with its record (bot/line/in_flight.py). A chat with more events waiting
            # is offered again only then, so their replies never overtake this one.
            self.outbox.reply_soon(sends[0], Lease(job.chat_key, self.name))
            released[0], more = True, False
        else:
            lease = None if more else Lease(job.chat_key, self.name)
            for i, row in enumerate(sends):
                last = i == len(sends) - 1
                # deliver gives the lease back with the last send's final outcome (True), one transaction less
                if self.outbox.deliver(row, release=lease if last else None) and last and lease:
                    released[0] = True
        if decision.needs_profile and decision.incoming.user_id:
            self.profiles(decision.incoming.user_id)
        return True, more

    def _decide(self, job: Job) -> Decision:
        """Run the pure handler outside any write lock: we hold the chat's lease, so its state
        cannot change under us, and webhook inserts never wait for Thai word segmentation. The
        read session opens a connection only if the handler looks something up: the categories and
        the FAQ come from the process's cache while the edit counter read with the event is the
        one they were read at (bot/runtime/lookup.py)."""
        event, chat = job.event, job.chat
        user_id = _user_id(event)
        with read_scope(self.sv.engine) as r:
            incoming = to_incoming(event, job.chat_key, job.timestamp_ms, display_name=chat.display_name)
            state = State.from_json(chat.state)
            lookup = DbLookup(r, faq_min_score=self.settings.faq_min_score, config=job.config)
            ctx = Context(lookup=lookup, municipality_name=self.settings.municipality_name, now=utcnow(),
                          max_text_length=self.settings.max_text_length, max_photos=self.settings.max_photos,
                          retention_days=self.settings.retention_days, ticket_prefix=self.settings.ticket_prefix,
                          office_phone=self.settings.office_phone, staff=lookup)
            outcome = dispatch(incoming, state, ctx)
        # The display name only for a flow that uses it (a complaint's contact, a report's handlers):
        # a burst of greetings and questions asked LINE for 4,000 names nobody would read.
        needs_profile = bool(user_id and job.chat_key.startswith("user:") and wants_line_name(outcome.state)
                             and _profile_stale(chat))
        return Decision(event, incoming, outcome, needs_profile)

    def _apply(self, job: Job, decision: Decision) -> tuple[list[Claimed], bool]:
        """The outcome in one transaction; (the replies to send now, another event is pending).
        An ORM session only for effects that need one: without effects (a greeting, a menu tap) the
        outcome is one statement on PostgreSQL in autocommit (models/event_path.py); with only
        RAW_EFFECTS (a typed question) plain statements in one transaction."""
        effects = decision.outcome.effects
        try:
            if not all(isinstance(e, RAW_EFFECTS) for e in effects):
                alerts = alerts_for(self.sv, effects)  # before the transaction: it may ask LINE
                with session_scope(self.sv.engine) as s:
                    return self._write(job, decision, Raw.on(s.connection()), s, alerts)
            # With effects, two statements or more even on PostgreSQL: they need BEGIN and COMMIT.
            with raw_write(self.sv.engine, one_statement=not effects) as raw:
                return self._write(job, decision, raw, None)
        except _AlreadyHandled:  # by someone else, our lease having run out: undone, nothing sent
            return [], False

    def _write(self, job: Job, decision: Decision, raw: Raw,
               s: Session | None, alerts: StaffAlerts | None = None) -> tuple[list[Claimed], bool]:
        """The effects (through the ORM session `s`, or on `raw` when there is none), then the rest
        of the outcome past the ORM, on the same connection and in the same transaction."""
        event, incoming, outcome = decision.event, decision.incoming, decision.outcome
        now = utcnow()
        follower = bool(incoming.user_id and incoming.chat_type == "user" and not job.chat.has_follower)
        replies = list(outcome.replies)
        if s is not None:
            if follower and incoming.user_id:
                ensure_follower(raw, incoming.user_id, now)  # before the effects, which may load it
                follower = False
            applier = EffectApplier(s, incoming, ticket_prefix=self.settings.ticket_prefix,
                                    corruption_prefix=self.settings.corruption_prefix,
                                    media=self.sv.media, services=self.sv, alerts=alerts)
            results = applier.apply_all(outcome.effects)
        else:  # none of these loads the follower row: finish inserts it
            results = {n: apply_raw(raw, effect, incoming) for n, effect in enumerate(outcome.effects)}
        if outcome.replies_after is not None:
            replies += outcome.replies_after(results)
        if s is not None:
            s.flush()  # the effects' rows first: the rest is written past the ORM
        skipped = not replies and any(isinstance(e, LogSkip) for e in outcome.effects)
        rows = self._replies(event, job.timestamp_ms, replies)
        written = finish(raw, event_id=job.id, status=EventStatus.SKIPPED if skipped else EventStatus.DONE,
                         chat_key=job.chat_key, user_id=incoming.user_id, follower=follower,
                         state=outcome.state.to_json(), replies=rows, at=now,
                         lease_until=now + self.outbox.lease, sending=OutboxStatus.SENDING)
        if written is None:
            raise _AlreadyHandled
        ids, more = written
        return [Claimed(msg_id, *row, attempts=1) for msg_id, row in zip(ids, rows, strict=True)], more

    def _replies(self, event: dict, timestamp_ms: int, replies: list[dict]) -> list[Reply]:
        """The outbox rows of an event's answer, born claimed by this worker, which sends them right
        after the commit; the first carries the event's reply token."""
        target = _target(event)
        if not replies or not target:
            return []
        token = reply_token_of(event)
        issued = datetime.fromtimestamp(timestamp_ms / 1000, tz=UTC)  # a token lives from its event
        return [born_claimed(to=target, messages=replies[start:start + 5],  # LINE takes five per call
                             reply_token=token if start == 0 else None, token_issued_at=issued)
                for start in range(0, len(replies), 5)]

    # --- failures ---------------------------------------------------------------------------------
    def _failed(self, event_id: int, exc: Exception) -> None:
        with session_scope(self.sv.engine) as s:
            ev = s.get(InboundEvent, event_id)
            if ev is None:
                return
            ev.error = "".join(traceback.format_exception_only(type(exc), exc))[-2000:]
            if ev.attempts >= self.settings.event_max_attempts:
                self._park(s, ev, ev.error)
            else:
                ev.not_before = utcnow() + backoff(ev.attempts)
                s.add(ev)

    def _park(self, s, ev: InboundEvent, why: str) -> None:
        """Give up on an event but keep it, visible, and tell the citizen we could not handle it."""
        ev.status, ev.error, ev.handled_at = EventStatus.PARKED, why, utcnow()
        s.add(ev)
        target = _target(json.loads(ev.payload))
        if target and ev.chat_key.startswith("user:"):
            enqueue(s, to=target, messages=[{"type": "text", "text": th.SYSTEM_ERROR}], purpose="apology",
                    event_id=ev.id)
        log.error("event %s parked: %s", ev.id, why)

_WARM = threading.Lock()


def warm_up_once() -> None:
    """Load the Thai dictionary and the text model before the first citizen waits for them. One thread
    loads while the others wait: built by 16 threads at once it cost 16 times the CPU and about 1 GB
    of memory, most of which the process kept."""
    with _WARM:
        warm_up()


def _profile_stale(chat: ChatRow) -> bool:
    if not chat.has_follower:
        return True
    if chat.display_name:
        return False
    checked = as_aware(chat.profile_checked_at)
    return checked is None or utcnow() - checked > PROFILE_RECHECK


def _user_id(event: dict) -> str | None:
    source = event.get("source")
    if not isinstance(source, dict):
        source = {}
    uid = source.get("userId")
    return uid if isinstance(uid, str) and uid else None


def _target(event: dict) -> str | None:
    """Who a push goes to: the user in a 1:1 chat, otherwise the group or room."""
    source = event.get("source")
    if not isinstance(source, dict):
        source = {}
    for key in ("groupId", "roomId", "userId"):
        if isinstance(source.get(key), str) and source.get(key):
            return source[key]
    return None

