"""The durable inbox of webhook events, per-chat leases, and the outbox of messages to LINE."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Iterable

from sqlalchemy import BigInteger, Column, Index, Text, and_, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, SQLModel

from models.db import utcnow
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
    __table_args__ = (Index("ix_outbound_due", "status", "not_before"),)

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

def store_events(rows: Iterable[dict[str, Any]], *, session: Session) -> int:
    """Insert events, ignoring any whose webhookEventId is already stored; returns how many were new."""
    rows = list(rows)
    if not rows:
        return 0
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    now = utcnow()
    values = [{"status": EventStatus.PENDING, "attempts": 0, "not_before": now, "received_at": now, **r}
              for r in rows]
    stmt = insert(InboundEvent).values(values).on_conflict_do_nothing(index_elements=["webhook_event_id"])
    return session.exec(stmt).rowcount  # type: ignore[call-overload]


def chats_with_due_events(*, session: Session, settle: timedelta, limit: int) -> list[str]:
    """Chats whose oldest pending event is settled and not leased by a live worker."""
    now = utcnow()
    stmt = (
        select(InboundEvent.chat_key)
        .outerjoin(ChatLease, ChatLease.chat_key == InboundEvent.chat_key)
        .where(InboundEvent.status == EventStatus.PENDING,
               InboundEvent.received_at <= now - settle,
               InboundEvent.not_before <= now,
               or_(ChatLease.holder.is_(None), ChatLease.expires_at < now))
        .group_by(InboundEvent.chat_key)
        .order_by(func.min(InboundEvent.received_at))
        .limit(limit)
    )
    return list(session.exec(stmt).scalars())  # type: ignore[call-overload]


def acquire_chat(chat_key: str, holder: str, lease: timedelta, *, session: Session) -> bool:
    """Take the chat's lease if free or expired. Atomic on both databases (a conditional update)."""
    now = utcnow()
    res = session.exec(  # type: ignore[call-overload]
        update(ChatLease)
        .where(ChatLease.chat_key == chat_key, or_(ChatLease.holder.is_(None), ChatLease.expires_at < now))
        .values(holder=holder, expires_at=now + lease)
    )
    if res.rowcount == 1:
        return True
    if session.get(ChatLease, chat_key) is not None:
        return False
    try:
        with session.begin_nested():
            session.add(ChatLease(chat_key=chat_key, holder=holder, expires_at=now + lease))
        return True
    except IntegrityError:
        return False


def renew_chat(chat_key: str, holder: str, lease: timedelta, *, session: Session) -> bool:
    res = session.exec(update(ChatLease)  # type: ignore[call-overload]
                       .where(ChatLease.chat_key == chat_key, ChatLease.holder == holder)
                       .values(expires_at=utcnow() + lease))
    return res.rowcount == 1


def release_chat(chat_key: str, holder: str, *, session: Session) -> None:
    session.exec(update(ChatLease)  # type: ignore[call-overload]
                 .where(ChatLease.chat_key == chat_key, ChatLease.holder == holder)
                 .values(holder=None, expires_at=utcnow()))


def next_event_of_chat(chat_key: str, *, session: Session) -> InboundEvent | None:
    """The chat's earliest pending event by LINE's timestamp: order within a chat is kept even
    when a later event arrived first or an earlier one is waiting for a retry."""
    stmt = (select(InboundEvent)
            .where(InboundEvent.chat_key == chat_key, InboundEvent.status == EventStatus.PENDING)
            .order_by(InboundEvent.timestamp_ms, InboundEvent.id).limit(1))
    return session.exec(stmt).scalars().first()  # type: ignore[call-overload]


def count_events(*, session: Session, status: str | None = None) -> int:
    stmt = select(func.count()).select_from(InboundEvent)
    if status:
        stmt = stmt.where(InboundEvent.status == status)
    return session.exec(stmt).scalar_one()  # type: ignore[call-overload]


# --- outbox ----------------------------------------------------------------------------------------

def due_outbox_ids(*, session: Session, limit: int) -> list[int]:
    now = utcnow()
    stmt = (select(OutboundMessage.id)
            .where(OutboundMessage.not_before <= now,
                   or_(OutboundMessage.status == OutboxStatus.PENDING,
                       and_(OutboundMessage.status == OutboxStatus.SENDING,
                            OutboundMessage.lease_until < now)))
            .order_by(OutboundMessage.id).limit(limit))
    return list(session.exec(stmt).scalars())  # type: ignore[call-overload]


def claim_outbox(msg_id: int, lease: timedelta, *, session: Session) -> OutboundMessage | None:
    """Mark one message as being sent by us; None if another worker has it or it is done."""
    now = utcnow()
    res = session.exec(  # type: ignore[call-overload]
        update(OutboundMessage)
        .where(OutboundMessage.id == msg_id, OutboundMessage.not_before <= now,
               or_(OutboundMessage.status == OutboxStatus.PENDING,
                   and_(OutboundMessage.status == OutboxStatus.SENDING, OutboundMessage.lease_until < now)))
        .values(status=OutboxStatus.SENDING, lease_until=now + lease, attempts=OutboundMessage.attempts + 1)
    )
    if res.rowcount != 1:
        return None
    return session.get(OutboundMessage, msg_id, populate_existing=True)
