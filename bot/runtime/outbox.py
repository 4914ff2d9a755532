"""Sends what the outbox holds: replies first (free), pushes with a retry key and backoff."""
from __future__ import annotations

import json
import logging
import random
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import event
from sqlmodel import Session

from bot.services import Services
from models.db import id_of, raw_write, read_scope, session_scope, utcnow
from models.enums import OutboxStatus
from models.event_path import Lease, Reply, Sent, settle
from models.event_path import release as give_back
from models.events import Claimed, OutboundMessage, claim_outbox, due_outbox_ids
from models.privacy import reachable

if TYPE_CHECKING:
    from bot.line.gateway import SendResult

log = logging.getLogger(__name__)


def backoff(attempts: int) -> timedelta:
    """1, 2, 4 … seconds, capped at five minutes, with jitter so retries don't march in step."""
    base = min(2 ** max(attempts - 1, 0), 300)
    return timedelta(seconds=base * random.uniform(0.8, 1.2))


def enqueue(session: Session, *, to: str, messages: list[dict[str, Any]], reply_token: str | None = None,
            token_issued_at: datetime | None = None, purpose: str = "reply", event_id: int | None = None,
            ticket: str | None = None) -> OutboundMessage:
    """Adds one message batch (1–5 messages) to the outbox.
    `ticket`: the case a status message is about, so staff can see what reached the citizen."""
    row = OutboundMessage(to=to, kind="reply" if reply_token else "push", reply_token=reply_token,
                          token_issued_at=token_issued_at, messages=json.dumps(messages, ensure_ascii=False),
                          retry_key=str(uuid.uuid4()), purpose=purpose, event_id=event_id, ticket=ticket)
    session.add(row)
    session.flush()
    return row


def born_claimed(*, to: str, messages: list[dict[str, Any]], reply_token: str | None,
                 token_issued_at: datetime | None) -> Reply:
    """The worker's answer to an event, as the outbox row it inserts already claimed (models/event_path.py
    `finish`) and sends right after the commit: one transaction less, and no ORM object (building
    and flushing one cost more than the rest of the transaction)."""
    return Reply(to=to, kind="reply" if reply_token else "push", reply_token=reply_token,
                 token_issued_at=token_issued_at, messages=json.dumps(messages, ensure_ascii=False),
                 retry_key=str(uuid.uuid4()))


class Wakeable(Protocol):
    """What wakes the workers: a threading.Event, or bot.runtime.wake.Waker (other processes too)."""

    def set(self) -> None: ...


def tell(session: Session, to: str | None, messages: list[dict[str, Any]], *, purpose: str,
         ticket: str | None = None, wake: Wakeable | None = None) -> bool:
    """News pushed to a citizen (the reply token of their last message is long gone), queued in the
    caller's transaction, so that nobody is told about a change that was not saved. False, and nothing
    queued, when there is nobody to tell: no LINE id, or a stand-in left by anonymisation (PDPA).
    `wake` is set once the transaction commits, so that a worker sends it now rather than at its next
    poll, and never looks for it before it is there."""
    if not reachable(to):
        return False
    enqueue(session, to=to, messages=messages, purpose=purpose, ticket=ticket)
    if wake is not None:
        event.listen(session, "after_commit", lambda _s: wake.set(), once=True)
    return True


class OutboxSender:
    def __init__(self, services: Services):
        self.sv = services
        self.lease = timedelta(seconds=services.settings.line_timeout_seconds * 2 + 1)
        # Where the record of a message sent goes, if not written at once: a worker process's
        # Settler (bot/runtime/settler.py), which writes many in one transaction.
        self.later: Callable[[Sent], None] | None = None
        # Where `reply_soon` hands what must not run in the gateway's waiting thread (database
        # writes, a push): a worker pool's handlers. Unset (tests, `drain`), replies are sent waiting.
        self.handoff: Callable[[Callable[[], object]], None] | None = None

    def send_due(self, limit: int = 20) -> int:
        with read_scope(self.sv.engine) as s:
            ids = due_outbox_ids(session=s, limit=limit)
        return sum(self.send(i) for i in ids)

    def send(self, msg_id: int, release: Lease | None = None) -> bool:
        """Claim one message and try it once; True when it reached a final state."""
        with session_scope(self.sv.engine) as s:
            m = claim_outbox(msg_id, self.lease, session=s)
        return False if m is None else self.deliver(m, release)

    def deliver(self, m: OutboundMessage | Claimed, release: Lease | None = None) -> bool:
        """Try a message this sender has claimed (its loaded values stay readable after commit); True
        when it reached a final state (sent, or dead). `release`: a chat lease the worker gives back
        with that final outcome, in the same statement: True says it was given back."""
        if m.attempts > self.sv.settings.outbox_max_attempts:
            return self._finish(id_of(m), OutboxStatus.DEAD, None, "too many attempts", release)
        if m.kind == "reply":
            return self._reply(m, release)
        return self._push(m, release)

    def reply_soon(self, m: Claimed, release: Lease) -> None:
        """`deliver` for an event's one reply whose outcome nobody waits for (a worker pool's
        handler): the request is written now and LINE's answer handled when it comes, by the
        gateway's thread that waits for every answer (bot/line/in_flight.py), so the handler takes
        its next chat at once. Accepted: recorded with the chat's lease given back (`later`, the
        pool's Settler). Anything else: `handoff` runs the rest in a handler thread, as `deliver`
        would have, the lease given back whatever the outcome."""
        if m.attempts > self.sv.settings.outbox_max_attempts or self._token_too_old(m):
            self._hand_on(lambda: self._settled(m, release, self.deliver(m, release)))
            return
        self.sv.gateway.reply_soon(m.reply_token or "", m.messages,
                                   lambda result: self._answered(m, release, result))

    def _answered(self, m: Claimed, release: Lease, result: SendResult) -> None:
        if result.ok and self.later is not None:  # the common case, quick enough for the waiting thread
            self._finish(id_of(m), OutboxStatus.SENT, result.status, "", release)
            return
        self._hand_on(lambda: self._settled(m, release, self._replied(m, result, release)))

    def _settled(self, m: Claimed, release: Lease, released: bool) -> bool:
        """After a reply's outcome: the chat's lease given back if that outcome did not."""
        if not released:
            with raw_write(self.sv.engine, one_statement=True) as raw:
                give_back(raw, release, utcnow())
        self.sv.work_signal.set()  # the chat may have its next event waiting
        return released

    def _hand_on(self, work: Callable[[], object]) -> None:
        if self.handoff is None:
            raise RuntimeError("reply_soon needs a pool's handlers to hand work to")
        self.handoff(work)

    def _token_too_old(self, m: OutboundMessage | Claimed) -> bool:
        max_age = timedelta(seconds=self.sv.settings.reply_token_max_age_seconds)
        return m.token_issued_at is None or utcnow() - m.token_issued_at > max_age

    def _reply(self, m: OutboundMessage | Claimed, release: Lease | None = None) -> bool:
        if self._token_too_old(m):
            return self._to_push(id_of(m), "reply token too old", release)
        return self._replied(m, self.sv.gateway.reply(m.reply_token or "", m.messages), release)

    def _replied(self, m: OutboundMessage | Claimed, result: SendResult, release: Lease | None = None) -> bool:
        """What LINE's answer to a reply means for the message: True when it reached a final state."""
        if result.ok:
            return self._finish(id_of(m), OutboxStatus.SENT, result.status, "", release)
        if result.invalid_reply_token:
            if m.attempts > 1 and m.last_status is None:
                # An earlier try got no answer (timeout, or the process died mid-call) and the
                # token is now used: that try most likely landed. A push would say it twice.
                log.warning("outbox %s: reply token used by an unanswered earlier try", m.id)
                return self._finish(id_of(m), OutboxStatus.SENT, result.status, "delivered by earlier try", release)
            return self._to_push(id_of(m), result.error, release)
        if result.retryable:
            return self._retry(m, result.status, result.error, result.retry_after)
        log.error("outbox %s: LINE refused the reply: %s %s", m.id, result.status, result.error)
        return self._finish(id_of(m), OutboxStatus.DEAD, result.status, result.error, release)

    def _push(self, m: OutboundMessage | Claimed, release: Lease | None = None) -> bool:
        result = self.sv.gateway.push(m.to, m.messages, m.retry_key)
        if result.ok:
            return self._finish(id_of(m), OutboxStatus.SENT, result.status, "", release)
        if result.retryable:
            return self._retry(m, result.status, result.error, result.retry_after)
        log.error("outbox %s: LINE refused the push: %s %s", m.id, result.status, result.error)
        return self._finish(id_of(m), OutboxStatus.DEAD, result.status, result.error, release)

    # --- state changes ----------------------------------------------------------------------------
    def _finish(self, msg_id: int, status: str, http_status: int | None, error: str,
                release: Lease | None = None) -> bool:
        now = utcnow()
        sent = Sent(msg_id, status, http_status, error, now if status == OutboxStatus.SENT else None, release)
        if self.later is not None and status == OutboxStatus.SENT:
            self.later(sent)
            return True
        with raw_write(self.sv.engine, one_statement=True) as raw:
            settle(raw, sent, now)
        return True

    def _retry(self, m: OutboundMessage | Claimed, http_status: int | None, error: str,
               retry_after: float | None = None) -> bool:
        with session_scope(self.sv.engine) as s:
            row = s.get(OutboundMessage, m.id)
            if row is None:
                return False
            give_up = row.attempts >= self.sv.settings.outbox_max_attempts
            row.status = OutboxStatus.DEAD if give_up else OutboxStatus.PENDING
            row.last_status, row.last_error, row.lease_until = http_status, error or "no answer", None
            wait = backoff(row.attempts)
            if retry_after:  # LINE said how long to wait (429): never sooner, at most an hour
                wait = max(wait, timedelta(seconds=min(retry_after, 3600)))
            row.not_before = utcnow() + wait
            s.add(row)
        if give_up:
            log.error("outbox %s: gave up after %s attempts: %s", m.id, m.attempts, error)
        return False

    def _to_push(self, msg_id: int, why: str, release: Lease | None = None) -> bool:
        """The reply token cannot be used: send the same messages as a push, now."""
        with session_scope(self.sv.engine) as s:
            m = s.get(OutboundMessage, msg_id)
            if m is None:
                return False
            m.kind, m.reply_token, m.status, m.lease_until = "push", None, OutboxStatus.PENDING, None
            m.attempts, m.last_status, m.last_error, m.not_before = 0, None, f"reply fell back to push: {why}", utcnow()
            s.add(m)
        log.info("outbox %s: reply fell back to push (%s)", msg_id, why)
        return self.send(msg_id, release)
