"""Conversation state per chat, and the account's followers."""
from __future__ import annotations

import json
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import Column, Text, bindparam, literal, select
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
    return {"flow": conv.flow, "step": conv.step, "data": json.loads(conv.data or "{}")}


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


# --- the event worker's path: plain Core statements built once (the ORM's get/flush cost ~1 ms of
# CPU each, three of them per event) ---------------------------------------------------------------

class ChatRow(NamedTuple):
    """What the worker reads about a chat before handling its event."""

    state: dict[str, Any]  # as load_state returns it
    has_conversation: bool
    has_follower: bool
    display_name: str | None
    profile_checked_at: datetime | None


_CONV = table_of(Conversation)
_FOL = table_of(Follower)
_ONE = select(literal(1).label("one")).subquery()
# Both rows in one statement (a row of NULLs for what does not exist): one round trip, not two.
_READ_CHAT = (select(_CONV.c.chat_key, _CONV.c.flow, _CONV.c.step, _CONV.c.data, _FOL.c.user_id,
                     _FOL.c.display_name, _FOL.c.profile_checked_at)
              .select_from(_ONE.outerjoin(_CONV, _CONV.c.chat_key == bindparam("ckey"))
                           .outerjoin(_FOL, _FOL.c.user_id == bindparam("uid"))))


def read_chat(chat_key: str, user_id: str | None, *, conn: Connection) -> ChatRow:
    row = conn.execute(_READ_CHAT, {"ckey": chat_key, "uid": user_id}).one()
    state = {"flow": row.flow, "step": row.step, "data": json.loads(row.data or "{}")} if row.chat_key else {}
    return ChatRow(state, row.chat_key is not None, row.user_id is not None, row.display_name,
                   row.profile_checked_at)


@lru_cache(maxsize=4)
def _upsert_state(dialect: str) -> Any:
    from models.events import _dialect_insert

    stmt = _dialect_insert(dialect)(_CONV).values(
        chat_key=bindparam("ckey"), user_id=bindparam("uid"), flow=bindparam("flow"), step=bindparam("step"),
        data=bindparam("data"), updated_at=bindparam("at"))
    return stmt.on_conflict_do_update(index_elements=["chat_key"], set_={
        "flow": stmt.excluded.flow, "step": stmt.excluded.step, "data": stmt.excluded.data,
        "updated_at": stmt.excluded.updated_at})


def write_state(chat_key: str, user_id: str | None, state: dict[str, Any], *, conn: Connection) -> None:
    """save_state in one statement (the row's user_id is the one it was created with, as there)."""
    conn.execute(_upsert_state(conn.dialect.name), {
        "ckey": chat_key, "uid": user_id, "flow": state.get("flow"), "step": state.get("step"),
        "data": json.dumps(state.get("data") or {}, ensure_ascii=False), "at": utcnow()})


@lru_cache(maxsize=4)
def _insert_follower(dialect: str) -> Any:
    from models.events import _dialect_insert

    return (_dialect_insert(dialect)(_FOL).values(user_id=bindparam("uid"), following=True, first_seen_at=bindparam("at"))
            .on_conflict_do_nothing(index_elements=["user_id"]))


def ensure_follower(user_id: str, *, conn: Connection) -> None:
    """touch_follower for a user not seen yet, in one statement."""
    conn.execute(_insert_follower(conn.dialect.name), {"uid": user_id, "at": utcnow()})


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
