"""Takes stored events and handles them: one chat at a time, in LINE's timestamp order.

Each event is handled in ONE transaction (effects, next state, the event marked done, the replies
put in the outbox), then the replies are sent. A crash before the commit leaves the event pending:
the chat's lease runs out and the event is taken again. An event that keeps failing is retried
with backoff a bounded number of times and then parked, with an apology to the citizen.
"""
from __future__ import annotations

import json
import logging
import os
import socket
import threading
import traceback
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from bot.runtime.apply import EffectApplier
from bot.runtime.incoming import reply_token_of, to_incoming
from bot.runtime.lookup import DbLookup
from bot.runtime.media_fetch import MediaFetcher
from bot.runtime.outbox import OutboxSender, backoff, enqueue
from bot.runtime.staff_alerts import alerts_for
from bot.services import Services
from handlers.dispatch import dispatch
from handlers.types import Context, Incoming, LogSkip, Outcome, State
from handlers.understanding import warm_up
from messages_th import strings as th
from models.conversation import Follower, load_state, save_state, touch_follower
from models.db import as_aware, read_scope, session_scope, utcnow
from models.enums import EventStatus
from models.events import (
    InboundEvent,
    OutboundMessage,
    acquire_chat,
    count_attempt,
    mark_handled,
    next_pending_of_chat,
    pending_event,
    release_chat,
    renew_chat,
)

log = logging.getLogger(__name__)
PROFILE_RECHECK = timedelta(days=1)


class Decision(NamedTuple):
    """What the pure handler decided for one event, before anything is written."""

    event: dict
    incoming: Incoming
    outcome: Outcome
    needs_profile: bool


class Worker:
    def __init__(self, services: Services, name: str | None = None):
        self.sv = services
        self.settings = services.settings
        self.name = name or f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"
        self.lease = timedelta(seconds=self.settings.worker_lease_seconds)
        self.settle = timedelta(seconds=self.settings.event_settle_seconds)
        self.outbox = OutboxSender(services)
        self.media = MediaFetcher(services)
        self._unreleased: set[str] = set()  # chats whose lease we could not give back (database away)

    def drain(self, timeout: float = 10.0) -> None:
        """Work until nothing is due, through the loop a worker process runs (bot/runtime/worker_pool.py),
        in this thread: the tests and tests/crash_worker.py use this."""
        from bot.runtime.worker_pool import DRAIN_BATCH, WorkerPool

        WorkerPool(self.sv, DRAIN_BATCH).drain(self, timeout)

    # --- one chat --------------------------------------------------------------------------------
    def handle_chat(self, chat_key: str) -> int:
        with session_scope(self.sv.engine) as s:
            if not acquire_chat(chat_key, self.name, self.lease, session=s):
                return 0
        handled = 0
        try:
            while handled < 50:
                event_id = self._next(chat_key)
                if event_id is None:
                    break
                if not self._attempt(event_id):
                    break  # failed: later events of this chat wait for its retry, to keep order
                handled += 1
        finally:
            try:
                with session_scope(self.sv.engine) as s:
                    release_chat(chat_key, self.name, session=s)
            except Exception:
                # Our own lease would keep the chat waiting until it runs out (a minute) after the
                # database is back: give it back on the next pass instead.
                self._unreleased.add(chat_key)
                raise
        return handled

    def _release_leftovers(self) -> None:
        for chat_key in list(self._unreleased):
            with session_scope(self.sv.engine) as s:
                release_chat(chat_key, self.name, session=s)
            self._unreleased.discard(chat_key)

    def _next(self, chat_key: str) -> int | None:
        """Renew our lease and count the attempt before trying, so a crash loop still ends PARKED."""
        now = utcnow()
        with session_scope(self.sv.engine) as s:
            if not renew_chat(chat_key, self.name, self.lease, session=s):
                return None  # our lease was taken over: stop touching this chat
            ev = next_pending_of_chat(chat_key, session=s)
            if ev is None or as_aware(ev.not_before) > now or as_aware(ev.received_at) > now - self.settle:
                return None
            if ev.attempts + 1 > self.settings.event_max_attempts:
                row = s.get(InboundEvent, ev.id)
                row.attempts += 1
                self._park(s, row, "too many attempts")
                return None  # committed on return; the next pass takes the chat's next event
            count_attempt(ev.id, session=s)
            return ev.id

    def _attempt(self, event_id: int) -> bool:
        """Decide (read-only), apply (one short write transaction), then send. False on failure."""
        try:
            decision = self._decide(event_id)
            if decision is None:
                return True  # handled meanwhile by someone else
            sends = self._apply(event_id, decision)
        except Exception as exc:
            log.exception("event %s failed", event_id)
            self._failed(event_id, exc)
            return False
        for row in sends:
            self.outbox.deliver(row)
        if decision.needs_profile and decision.incoming.user_id:
            self._refresh_profile(decision.incoming.user_id)
        return True

    def _decide(self, event_id: int) -> Decision | None:
        """Run the pure handler outside any write lock: we hold the chat's lease, so its state
        cannot change under us, and webhook inserts never wait for Thai word segmentation."""
        with read_scope(self.sv.engine) as r:
            ev = pending_event(event_id, session=r)
            if ev is None:
                return None
            event = json.loads(ev.payload)
            user_id = _user_id(event)
            follower = r.get(Follower, user_id) if user_id else None
            incoming = to_incoming(event, ev.chat_key, ev.timestamp_ms,
                                   display_name=follower.display_name if follower else None)
            state = State.from_json(load_state(ev.chat_key, session=r))
            lookup = DbLookup(r, faq_min_score=self.settings.faq_min_score)
            ctx = Context(lookup=lookup, municipality_name=self.settings.municipality_name, now=utcnow(),
                          max_text_length=self.settings.max_text_length, max_photos=self.settings.max_photos,
                          retention_days=self.settings.retention_days, ticket_prefix=self.settings.ticket_prefix,
                          office_phone=self.settings.office_phone)
            outcome = dispatch(incoming, state, ctx)
        needs_profile = bool(user_id and ev.chat_key.startswith("user:") and _profile_stale(follower))
        return Decision(event, incoming, outcome, needs_profile)

    def _apply(self, event_id: int, decision: Decision) -> list[OutboundMessage]:
        event, incoming, outcome = decision.event, decision.incoming, decision.outcome
        alerts = alerts_for(self.sv, outcome.effects)  # before the transaction: it may ask LINE for the quota
        with session_scope(self.sv.engine) as s:
            ev = pending_event(event_id, session=s)
            if ev is None:
                return []
            applier = EffectApplier(s, incoming, ticket_prefix=self.settings.ticket_prefix,
                                    corruption_prefix=self.settings.corruption_prefix,
                                    media=self.sv.media, alerts=alerts)
            results = applier.apply_all(outcome.effects)
            replies = list(outcome.replies)
            if outcome.replies_after is not None:
                replies += outcome.replies_after(results)
            if incoming.user_id and incoming.chat_type == "user":
                touch_follower(incoming.user_id, session=s)
            save_state(ev.chat_key, incoming.user_id, outcome.state.to_json(), session=s)
            skipped = not replies and any(isinstance(e, LogSkip) for e in outcome.effects)
            mark_handled(event_id, EventStatus.SKIPPED if skipped else EventStatus.DONE, session=s)
            return self._enqueue_replies(s, event_id, ev.timestamp_ms, event, replies)

    def _enqueue_replies(self, s, event_id: int, timestamp_ms: int, event: dict,
                         replies: list[dict]) -> list[OutboundMessage]:
        target = _target(event)
        if not replies or not target:
            return []
        token = reply_token_of(event)
        issued = datetime.fromtimestamp(timestamp_ms / 1000, tz=UTC)  # a token lives from its event
        rows = []
        for start in range(0, len(replies), 5):  # LINE takes at most five messages per call
            rows.append(enqueue(s, to=target, messages=replies[start:start + 5],
                                reply_token=token if start == 0 else None, token_issued_at=issued,
                                event_id=event_id, claim_for=self.outbox.lease))
        return rows

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

    def _refresh_profile(self, user_id: str) -> None:
        """Learn the LINE display name (once a day at most), after the citizen has their answer."""
        name = self.sv.gateway.get_display_name(user_id)
        with session_scope(self.sv.engine) as s:
            fol = touch_follower(user_id, session=s)
            fol.profile_checked_at = utcnow()
            if name:
                fol.display_name = name.replace("\x00", "")[:200]  # PostgreSQL text holds no NUL
            s.add(fol)


_WARM = threading.Lock()


def warm_up_once() -> None:
    """Load the Thai dictionary and the text model before the first citizen waits for them. One thread
    loads while the others wait: built by 16 threads at once it cost 16 times the CPU and about 1 GB
    of memory, most of which the process kept."""
    with _WARM:
        warm_up()


def _profile_stale(follower: Follower | None) -> bool:
    if follower is None:
        return True
    if follower.display_name:
        return False
    checked = as_aware(follower.profile_checked_at)
    return checked is None or utcnow() - checked > PROFILE_RECHECK


def _user_id(event: dict) -> str | None:
    source = event.get("source") if isinstance(event.get("source"), dict) else {}
    uid = source.get("userId")
    return uid if isinstance(uid, str) and uid else None


def _target(event: dict) -> str | None:
    """Who a push goes to: the user in a 1:1 chat, otherwise the group or room."""
    source = event.get("source") if isinstance(event.get("source"), dict) else {}
    for key in ("groupId", "roomId", "userId"):
        if isinstance(source.get(key), str) and source.get(key):
            return source[key]
    return None

