"""The durable inbox of webhook events, per-chat leases, and the outbox of messages to LINE: the
tables, the webhook's insert, the dispatcher's look for due chats and the outbox's claim. The event
worker's own statements (take, outcome, sent) are SQL text in models/event_path.py."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import BigInteger, Column, Index, Text, and_, bindparam, or_, select, update
from sqlalchemy.engine import Connection
from sqlmodel import Field, Session, SQLModel, col

from models.db import Raw, Sql, table_of, utcnow
from models.enums import EventStatus, OutboxStatus


class InboundEvent(SQLModel, table=True):
    """One webhook event, stored before LINE gets its 200."""

    __tablename__ = "inbound_event"
    __table_args__ = (
        Index("ix_inbound_chat_pending", "chat_key", "status", "timestamp_ms", "id"),
        Index("ix_inbound_status_received", "status", "received_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    webhook_event_id: str = Field(max_length=64, unique=True)
    destination: str = Field(default="", max_length=64)
    chat_key: str = Field(max_length=80)
    event_type: str = Field(max_length=40)
    timestamp_ms: int = Field(sa_column=Column(BigInteger, nullable=False))
    payload: str = Field(sa_column=Column(Text, nullable=False))
    is_redelivery: bool = False
    status: str = Field(default=EventStatus.PENDING, max_length=16)
    attempts: int = 0
    not_before: datetime = Field(default_factory=utcnow)
    error: str | None = Field(default=None, sa_column=Column(Text))
    received_at: datetime = Field(default_factory=utcnow)
    handled_at: datetime | None = None


class ChatLease(SQLModel, table=True):
    """Who is handling a chat right now: events of one chat are handled one at a time."""

    __tablename__ = "chat_lease"
    chat_key: str = Field(primary_key=True, max_length=80)
    holder: str | None = Field(default=None, max_length=80)
    expires_at: datetime = Field(default_factory=utcnow)


class OutboundMessage(SQLModel, table=True):
    """Messages on their way to LINE: a reply (free) or a push (counted, with a retry key)."""

    __tablename__ = "outbound_message"
    # ix_outbound_push_sent: this month's pushes by kind for the admin view (models/push_counts.py)
    # without reading two years of replies.
    __table_args__ = (Index("ix_outbound_due", "status", "not_before"),
                      Index("ix_outbound_push_sent", "kind", "sent_at"))

    id: int | None = Field(default=None, primary_key=True)
    to: str = Field(max_length=80)  # user, group or room id
    kind: str = Field(max_length=8)  # "reply" or "push"
    reply_token: str | None = Field(default=None, max_length=80)
    token_issued_at: datetime | None = None  # the event time: a token lives about a minute
    messages: str = Field(sa_column=Column(Text, nullable=False))  # JSON list of LINE messages
    retry_key: str = Field(max_length=36, unique=True)
    purpose: str = Field(default="reply", max_length=32)
    status: str = Field(default=OutboxStatus.PENDING, max_length=16)
    attempts: int = 0
    not_before: datetime = Field(default_factory=utcnow)
    lease_until: datetime | None = None
    last_status: int | None = None
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    event_id: int | None = Field(default=None, foreign_key="inbound_event.id")
    ticket: str | None = Field(default=None, max_length=32, index=True)  # the case a status message is about
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None


# --- inbox -----------------------------------------------------------------------------------------

# Rows per INSERT: each row is 12 bind parameters, and PostgreSQL takes at most 65,535 in one
# statement (a body of 6,000 events was refused every time it was redelivered).
STORE_CHUNK = 1000


def store_events(rows: Iterable[dict[str, Any]], *, session: Session | Connection | Raw) -> int:
    """Insert events, ignoring any whose webhookEventId is already stored; returns how many were
    new. Takes an ORM session, a Core connection or, as the webhook does to keep its request short,
    a DBAPI connection (models/db.py `Raw`): the statement is SQL text either way."""
    now = utcnow()
    values = [{"status": EventStatus.PENDING, "attempts": 0, "not_before": now, "received_at": now,
               "error": None, "handled_at": None, **r} for r in rows]
    if not values:
        return 0
    # Each message event adds to its chat's row of chat_month (a trigger, models/chat_month.py): rows
    # go in chat order so that two bodies stored at once lock those rows in the same order (never a
    # deadlock on PostgreSQL). The sort is stable: one chat's events keep their order.
    values.sort(key=lambda v: v["chat_key"])
    raw = session if isinstance(session, Raw) else Raw.on(_conn(session))
    # ONE statement (multi-row VALUES), atomic on its own, up to STORE_CHUNK rows; a larger body
    # takes several, which the caller runs in one transaction.
    new = 0
    for start in range(0, len(values), STORE_CHUNK):
        chunk = values[start:start + STORE_CHUNK]
        params = {f"{name}{i}": row[name] for i, row in enumerate(chunk) for name in _STORED}
        new += len(raw.run(_insert_ignoring_duplicates(len(chunk)), params).fetchall())
    return new


_STORED = ("webhook_event_id", "destination", "chat_key", "event_type", "timestamp_ms", "payload", "is_redelivery",
           "status", "attempts", "not_before", "error", "received_at", "handled_at")


@lru_cache(maxsize=64)
def _insert_ignoring_duplicates(rows: int) -> Sql:
    values = ", ".join("(" + ", ".join(f"%({name}{i})s" for name in _STORED) + ")" for i in range(rows))
    return Sql(f"INSERT INTO inbound_event ({', '.join(_STORED)}) VALUES {values} "
               "ON CONFLICT (webhook_event_id) DO NOTHING RETURNING id")


def chats_with_due_events(*, session: Session, settle: timedelta, limit: int) -> list[str]:
    """Chats with a pending event that is settled and due, not leased by a live worker, the chat
    whose such event came first first. Read along the (status, received_at) index, a few rows per
    chat wanted: grouping every pending event by chat cost 13 ms of CPU per call on SQLite with a
    backlog of 4,000, and the dispatcher calls it every few events."""
    now = utcnow()
    rows = session.connection().execute(_DUE_EVENTS, {"settled": now - settle, "now": now, "rows": limit * 4})
    return list(dict.fromkeys(chat for (chat,) in rows))[:limit]


_DUE_EVENTS = (
    select(col(InboundEvent.chat_key))
    .outerjoin(ChatLease, col(ChatLease.chat_key) == col(InboundEvent.chat_key))
    .where(col(InboundEvent.status) == EventStatus.PENDING,
           col(InboundEvent.received_at) <= bindparam("settled"),
           col(InboundEvent.not_before) <= bindparam("now"),
           or_(col(ChatLease.holder).is_(None), col(ChatLease.expires_at) < bindparam("now")))
    .order_by(col(InboundEvent.received_at))
    .limit(bindparam("rows"))
)


def _conn(session: Session | Connection) -> Connection:
    return session.connection() if isinstance(session, Session) else session


_EVENT = table_of(InboundEvent)
_NEXT = (select(_EVENT.c.id, _EVENT.c.attempts, _EVENT.c.not_before, _EVENT.c.received_at,
                _EVENT.c.timestamp_ms, _EVENT.c.payload)
         .where(_EVENT.c.chat_key == bindparam("ckey"), _EVENT.c.status == EventStatus.PENDING)
         .order_by(_EVENT.c.timestamp_ms, _EVENT.c.id).limit(1))


def next_pending_of_chat(chat_key: str, *, session: Session | Connection) -> Any:
    """The chat's earliest pending event by LINE's timestamp, as (id, attempts, not_before,
    received_at, timestamp_ms, payload): order within a chat is kept even when a later event
    arrived first or an earlier one is waiting for a retry; nothing is loaded into the ORM."""
    return _conn(session).execute(_NEXT, {"ckey": chat_key}).first()


# --- outbox ----------------------------------------------------------------------------------------

class Claimed(NamedTuple):
    """An outbox row as the worker that claimed it at birth sends it (bot/runtime/outbox.py)."""

    id: int
    to: str
    kind: str
    reply_token: str | None
    token_issued_at: datetime | None
    messages: str
    retry_key: str
    attempts: int
    last_status: int | None = None


def due_outbox_ids(*, session: Session, limit: int) -> list[int]:
    now = utcnow()
    stmt = (select(col(OutboundMessage.id))
            .where(col(OutboundMessage.not_before) <= now,
                   or_(col(OutboundMessage.status) == OutboxStatus.PENDING,
                       and_(col(OutboundMessage.status) == OutboxStatus.SENDING,
                            col(OutboundMessage.lease_until) < now)))
            .order_by(col(OutboundMessage.id)).limit(limit))
    return list(session.execute(stmt).scalars())


def claim_outbox(msg_id: int, lease: timedelta, *, session: Session) -> OutboundMessage | None:
    """Mark one message as being sent by us; None if another worker has it or it is done."""
    now = utcnow()
    res = session.exec(
        update(OutboundMessage)
        .where(col(OutboundMessage.id) == msg_id, col(OutboundMessage.not_before) <= now,
               or_(col(OutboundMessage.status) == OutboxStatus.PENDING,
                   and_(col(OutboundMessage.status) == OutboxStatus.SENDING, col(OutboundMessage.lease_until) < now)))
        .values(status=OutboxStatus.SENDING, lease_until=now + lease, attempts=OutboundMessage.attempts + 1)
    )
    if res.rowcount != 1:
        return None
    return session.get(OutboundMessage, msg_id, populate_existing=True)
