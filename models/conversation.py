"""Conversation state per chat, and the account's followers."""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Column, Text, bindparam
from sqlalchemy.engine import Connection
from sqlmodel import Field, Session, SQLModel

from models.db import table_of, utcnow


class Conversation(SQLModel, table=True):
    """Where a chat stands in a flow; `data` holds the draft as JSON."""

    __tablename__ = "conversation"
    chat_key: str = Field(primary_key=True, max_length=80)
    user_id: str | None = Field(default=None, max_length=64, index=True)
    flow: str | None = Field(default=None, max_length=32)
    step: str | None = Field(default=None, max_length=32)
    data: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow)


class Follower(SQLModel, table=True):
    """A LINE user who has met the account; the display name is cached from the profile."""

    __tablename__ = "follower"
    user_id: str = Field(primary_key=True, max_length=64)
    display_name: str | None = Field(default=None, max_length=200)
    following: bool = True
    first_seen_at: datetime = Field(default_factory=utcnow)
    followed_at: datetime | None = None
    unfollowed_at: datetime | None = None
    profile_checked_at: datetime | None = None


def load_state(chat_key: str, *, session: Session) -> dict[str, Any]:
    conv = session.get(Conversation, chat_key)
    if conv is None:
        return {}
    return chat_state(conv.flow, conv.step, conv.data)


def save_state(chat_key: str, user_id: str | None, state: dict[str, Any], *, session: Session) -> None:
    conv = session.get(Conversation, chat_key)
    if conv is None:
        conv = Conversation(chat_key=chat_key, user_id=user_id)
    conv.flow, conv.step = state.get("flow"), state.get("step")
    conv.data = json.dumps(state.get("data") or {}, ensure_ascii=False)
    conv.updated_at = utcnow()
    session.add(conv)


def record_follow(user_id: str, following: bool, *, session: Session) -> Follower:
    fol = session.get(Follower, user_id) or Follower(user_id=user_id)
    now = utcnow()
    fol.following = following
    if following:
        fol.followed_at = now
    else:
        fol.unfollowed_at = now
    session.add(fol)
    return fol


def touch_follower(user_id: str, *, session: Session) -> Follower:
    """The follower row for a user we hear from (they may have followed before we existed)."""
    fol = session.get(Follower, user_id)
    if fol is None:
        fol = Follower(user_id=user_id)
        session.add(fol)
    return fol


# --- the event worker's path: rows read and written past the ORM (models/event_path.py) ------------

class ChatRow(NamedTuple):
    """What the worker reads about a chat before handling its event."""

    state: dict[str, Any]  # as load_state returns it
    has_conversation: bool
    has_follower: bool
    display_name: str | None
    profile_checked_at: datetime | None


def chat_state(flow: str | None, step: str | None, data: str | None) -> dict[str, Any]:
    """A conversation row's state as load_state returns it (the worker reads rows past the ORM)."""
    return {"flow": flow, "step": step, "data": json.loads(data or "{}")}


_FOL = table_of(Follower)
_SET_NAME = (table_of(Follower).update()
             .where(_FOL.c.user_id == bindparam("uid"))
             .values(display_name=bindparam("name"), profile_checked_at=bindparam("at")))
_SET_CHECKED = (table_of(Follower).update()
                .where(_FOL.c.user_id == bindparam("uid"))
                .values(profile_checked_at=bindparam("at")))


def record_profiles(found: dict[str, str | None], *, conn: Connection) -> None:
    """Display names learnt from LINE (None: LINE gave none), in one executemany per kind."""
    now = utcnow()
    named = [{"uid": uid, "name": name.replace("\x00", "")[:200], "at": now}  # PostgreSQL text holds no NUL
             for uid, name in found.items() if name]
    unnamed = [{"uid": uid, "at": now} for uid, name in found.items() if not name]
    if named:
        conn.execute(_SET_NAME, named)
    if unnamed:
        conn.execute(_SET_CHECKED, unnamed)
