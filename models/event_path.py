"""The event worker's statements (bot/runtime/worker.py), as SQL text on the DBAPI connection.

Per event the worker takes the chat's lease and its earliest due event, writes the outcome, and
records the reply sent with the lease given back. On PostgreSQL each of the three is ONE statement
(data-modifying CTEs) run in autocommit: three round trips per greeting where there were sixteen
(ten statements and three BEGIN/COMMIT pairs), and psycopg's Python cost is per round trip. SQLite
has no data-modifying CTEs, but a statement there costs microseconds once SQLAlchemy's execution
machinery is out of the way (models/db.py `Raw`): the same steps are a few plain statements in
one BEGIN IMMEDIATE each.

Guarantees, as before: the lease is taken before the event (on PostgreSQL the event's UPDATE runs
only when the lease CTE returned a row); the outcome's writes happen only if the event was still
pending (every insert selects from the `done` CTE; on SQLite the UPDATE runs first and the caller
rolls back when it changed nothing); replies are born claimed by the caller.

The take also reads the staff's edit counter (models/config_version.py), as one more column of the
chat's row: the handler then reads the categories and the FAQ only when they changed, where every
typed message used to run one statement for them (and on PostgreSQL one transaction).
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple

from models.config_version import COUNTER_SQL
from models.conversation import ChatRow, chat_state
from models.db import Raw, Sql
from models.enums import EventStatus

PENDING = EventStatus.PENDING.value


# --- taking a chat's next event -------------------------------------------------------------------

_LEASE_TAKE = """INSERT INTO chat_lease (chat_key, holder, expires_at) VALUES (%(ckey)s, %(who)s, %(till)s)
    ON CONFLICT (chat_key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
    WHERE chat_lease.holder IS NULL OR chat_lease.expires_at < %(now)s
    RETURNING chat_key"""
_LEASE_RENEW = """UPDATE chat_lease SET expires_at = %(till)s WHERE chat_key = %(ckey)s AND holder = %(who)s
    RETURNING chat_key"""
# The chat's earliest pending event by LINE's timestamp, its attempt counted before it is tried (a
# crash loop still ends parked); nothing when that event is not due (settling, waiting for a retry:
# later ones wait behind it) or has had its attempts.
_TAKE_EVENT = f"""UPDATE inbound_event SET attempts = attempts + 1
    WHERE id = (SELECT id FROM inbound_event WHERE chat_key = %(ckey)s AND status = '{PENDING}'
                ORDER BY timestamp_ms, id LIMIT 1)
      AND not_before <= %(now)s AND received_at <= %(settled)s AND attempts < %(most)s{{guard}}
    RETURNING id, timestamp_ms, payload"""
_CHAT_COLUMNS = ("c.chat_key, c.flow, c.step, c.data, f.user_id, f.display_name, f.profile_checked_at, "
                 + COUNTER_SQL)  # the counter: no statement of its own
_CHAT_JOINS = """LEFT JOIN conversation AS c ON c.chat_key = %(ckey)s
    LEFT JOIN follower AS f ON f.user_id = %(uid)s"""
_READ_CHAT = Sql(f"SELECT {_CHAT_COLUMNS} FROM (SELECT 1 AS one) AS one {_CHAT_JOINS}")

_LEASE = {True: Sql(_LEASE_TAKE), False: Sql(_LEASE_RENEW)}
_TAKE = Sql(_TAKE_EVENT.format(guard=""))
_PG_TAKE = {first: Sql(f"""WITH lease AS ({lease}),
    ev AS ({_TAKE_EVENT.format(guard=" AND EXISTS (SELECT 1 FROM lease)")})
SELECT EXISTS (SELECT 1 FROM lease), ev.id, ev.timestamp_ms, ev.payload, {_CHAT_COLUMNS}
FROM (SELECT 1 AS one) AS one LEFT JOIN ev ON true {_CHAT_JOINS}""")
            for first, lease in ((True, _LEASE_TAKE), (False, _LEASE_RENEW))}


class Taken(NamedTuple):
    """A chat's event taken under its lease, with the chat as read for `user_id`."""

    id: int
    timestamp_ms: int
    payload: str
    chat: ChatRow
    user_id: str | None  # whose follower row `chat` holds
    config: int | None  # the staff's edit counter (models/config_version.py) as the take saw it


def take(raw: Raw, *, chat_key: str, holder: str, till: datetime, now: datetime, settled: datetime,
         max_attempts: int, first: bool, user_id: str | None) -> Taken | bool:
    """Take (`first`) or renew the chat's lease and its earliest due event, and read the chat's state
    and `user_id`'s follower row, and the staff's edit counter. False: the lease is someone else's;
    True: ours, but nothing is due.
    `user_id` is a guess made before the event is read (a 1:1 chat's key holds it): the caller
    reads the chat again, with read_chat, when the event says otherwise."""
    params = {"ckey": chat_key, "who": holder, "till": till, "now": now, "settled": settled,
              "most": max_attempts, "uid": user_id}
    if not raw.sqlite:
        row = raw.run(_PG_TAKE[first], params).fetchone()
        if not row[0]:
            return False
        if row[1] is None:
            return True
        chat, config = _chat_row(raw, row[4:])
        return Taken(row[1], row[2], row[3], chat, user_id, config)
    if raw.run(_LEASE[first], params).fetchone() is None:
        return False
    ev = raw.run(_TAKE, params).fetchone()
    if ev is None:
        return True
    chat, config = _read(raw, chat_key, user_id)
    return Taken(ev[0], ev[1], ev[2], chat, user_id, config)


def acquire(raw: Raw, *, chat_key: str, holder: str, till: datetime, now: datetime) -> bool:
    """The chat's lease alone, taken if free or expired: atomic on both databases (an upsert that loses
    quietly to a live holder or a concurrent taker)."""
    return raw.run(_LEASE[True], {"ckey": chat_key, "who": holder, "till": till, "now": now}).fetchone() is not None


def read_chat(raw: Raw, chat_key: str, user_id: str | None) -> ChatRow:
    return _read(raw, chat_key, user_id)[0]


def _read(raw: Raw, chat_key: str, user_id: str | None) -> tuple[ChatRow, int | None]:
    return _chat_row(raw, raw.run(_READ_CHAT, {"ckey": chat_key, "uid": user_id}).fetchone())


def _chat_row(raw: Raw, row: Any) -> tuple[ChatRow, int | None]:
    """The chat as _CHAT_COLUMNS read it, and the edit counter read with it."""
    ckey, flow, step, data, uid, name, checked, config = row
    state = chat_state(flow, step, data) if ckey is not None else {}
    return ChatRow(state, ckey is not None, uid is not None, name, raw.time(checked)), config


# --- the outcome ------------------------------------------------------------------------------------

_FOLLOWER_COLUMNS = "user_id, display_name, following, first_seen_at, followed_at, unfollowed_at, profile_checked_at"
_FOLLOWER_VALUES = "%(uid)s, NULL, %(yes)s, %(at)s, NULL, NULL, NULL"
_STATE_COLUMNS = "chat_key, user_id, flow, step, data, updated_at"
_STATE_VALUES = "%(ckey)s, %(uid)s, %(flow)s, %(step)s, %(data)s, %(at)s"
_STATE_CONFLICT = """ON CONFLICT (chat_key) DO UPDATE SET flow = excluded.flow, step = excluded.step,
    data = excluded.data, updated_at = excluded.updated_at"""
_OUTBOX_COLUMNS = ('"to", kind, reply_token, token_issued_at, messages, retry_key, purpose, status, attempts, '
                   "not_before, lease_until, last_status, last_error, event_id, ticket, created_at, sent_at")
# {n}: the row's number among the event's replies (LINE takes five messages per call).
_OUTBOX_VALUES = ("%(to{n})s, %(kind{n})s, %(token{n})s, {issued}, %(messages{n})s, %(retry{n})s, 'reply', "
                  "%(status)s, 1, %(at)s, %(lease)s, NULL, NULL, %(eid)s, NULL, %(at)s, NULL")
_DONE = f"""UPDATE inbound_event SET status = %(st)s, handled_at = %(at)s, error = NULL
    WHERE id = %(eid)s AND status = '{PENDING}'"""
_MORE = f"SELECT 1 FROM inbound_event WHERE chat_key = %(ckey)s AND status = '{PENDING}' AND id <> %(eid)s LIMIT 1"

_DONE_SQL = Sql(_DONE)
_FOLLOWER_SQL = Sql(f"INSERT INTO follower ({_FOLLOWER_COLUMNS}) VALUES ({_FOLLOWER_VALUES}) "
                    "ON CONFLICT (user_id) DO NOTHING")
_STATE_SQL = Sql(f"INSERT INTO conversation ({_STATE_COLUMNS}) VALUES ({_STATE_VALUES}) {_STATE_CONFLICT}")
_OUTBOX_SQL = Sql(f"INSERT INTO outbound_message ({_OUTBOX_COLUMNS}) VALUES "
                  f"({_OUTBOX_VALUES.format(n='', issued='%(issued)s')}) RETURNING id")
_MORE_SQL = Sql(_MORE)


@lru_cache(maxsize=16)
def _pg_finish(replies: int, follower: bool) -> Sql:
    """The outcome as one statement: every write selects from `done`, so none happens unless the
    event was still pending. `replies` outbox rows; the follower row when `follower`."""
    parts = [f"done AS ({_DONE} RETURNING id)",
             f"""st AS (INSERT INTO conversation ({_STATE_COLUMNS}) SELECT {_STATE_VALUES} FROM done
                 {_STATE_CONFLICT})"""]
    if follower:
        parts.append(f"""fol AS (INSERT INTO follower ({_FOLLOWER_COLUMNS}) SELECT {_FOLLOWER_VALUES} FROM done
                         ON CONFLICT (user_id) DO NOTHING)""")
    for n in range(replies):  # a NULL token time must still be typed: CAST
        values = _OUTBOX_VALUES.format(n=n, issued=f"CAST(%(issued{n})s AS timestamptz)")
        parts.append(f"o{n} AS (INSERT INTO outbound_message ({_OUTBOX_COLUMNS}) SELECT {values} FROM done RETURNING id)")
    ids = "".join(f", (SELECT id FROM o{n})" for n in range(replies))
    return Sql(f"WITH {', '.join(parts)} SELECT (SELECT id FROM done), EXISTS ({_MORE}){ids}")


class Reply(NamedTuple):
    """An outbox row to insert, born claimed (status `sending`, leased) by the worker that sends it."""

    to: str
    kind: str
    reply_token: str | None
    token_issued_at: datetime | None
    messages: str
    retry_key: str


def finish(raw: Raw, *, event_id: int, status: str, chat_key: str, user_id: str | None, follower: bool,
           state: dict[str, Any], replies: list[Reply], at: datetime, lease_until: datetime,
           sending: str) -> tuple[list[int], bool] | None:
    """The event marked `status` (if still pending), the chat's new state, the follower row
    (`follower`: insert it if missing), the replies queued. (their ids, another event of the chat is
    pending), or None when the event was no longer pending: on SQLite the caller rolls back what
    this wrote; on PostgreSQL nothing was written."""
    params: dict[str, Any] = {"eid": event_id, "st": status, "at": at, "ckey": chat_key, "uid": user_id,
                              "yes": True, "flow": state.get("flow"), "step": state.get("step"),
                              "data": json.dumps(state.get("data") or {}, ensure_ascii=False), "status": sending, "lease": lease_until}
    if not raw.sqlite:
        for n, r in enumerate(replies):
            params.update({f"to{n}": r.to, f"kind{n}": r.kind, f"token{n}": r.reply_token,
                           f"issued{n}": r.token_issued_at, f"messages{n}": r.messages, f"retry{n}": r.retry_key})
        row = raw.run(_pg_finish(len(replies), follower), params).fetchone()
        if row[0] is None:
            return None
        return list(row[2:]), bool(row[1])
    if raw.run(_DONE_SQL, params).rowcount != 1:
        return None
    if follower:
        raw.run(_FOLLOWER_SQL, params)
    raw.run(_STATE_SQL, params)
    ids = []
    for r in replies:
        params.update({"to": r.to, "kind": r.kind, "token": r.reply_token, "issued": r.token_issued_at,
                       "messages": r.messages, "retry": r.retry_key})
        ids.append(raw.run(_OUTBOX_SQL, params).fetchone()[0])
    return ids, raw.run(_MORE_SQL, params).fetchone() is not None


def ensure_follower(raw: Raw, user_id: str, at: datetime) -> None:
    """The follower row for a user not seen yet (before effects that may load it)."""
    raw.run(_FOLLOWER_SQL, {"uid": user_id, "yes": True, "at": at})


# --- the reply sent, the lease given back ---------------------------------------------------------

_SETTLE = """UPDATE outbound_message SET status = %(st)s, last_status = %(http)s, last_error = %(err)s,
    lease_until = NULL, sent_at = %(sent)s WHERE id = %(mid)s"""
_RELEASE = "UPDATE chat_lease SET holder = NULL, expires_at = %(till)s WHERE chat_key = %(ckey)s AND holder = %(who)s"
_SETTLE_SQL, _RELEASE_SQL = Sql(_SETTLE), Sql(_RELEASE)
_PG_SETTLE_RELEASE = Sql(f"WITH sent AS ({_SETTLE}) {_RELEASE}")


class Lease(NamedTuple):
    """A chat's lease, to give back."""

    chat_key: str
    holder: str


class Sent(NamedTuple):
    """A message that reached its final state, to record (settle, or settle_many for several)."""

    msg_id: int
    status: str
    http_status: int | None
    error: str | None
    sent_at: datetime | None
    release: Lease | None  # the chat's lease, given back with it


def _settle_params(sent: Sent) -> dict[str, Any]:
    return {"mid": sent.msg_id, "st": sent.status, "http": sent.http_status, "err": sent.error or None,
            "sent": sent.sent_at}


def settle(raw: Raw, sent: Sent, now: datetime) -> None:
    """A message reached a final state (sent, or dead); with its `release`, the chat's lease given back
    in the same statement (PostgreSQL) or transaction (SQLite)."""
    params = _settle_params(sent)
    if sent.release is None:
        raw.run(_SETTLE_SQL, params)
        return
    params.update({"till": now, "ckey": sent.release.chat_key, "who": sent.release.holder})
    if raw.sqlite:
        raw.run(_SETTLE_SQL, params)
        raw.run(_RELEASE_SQL, params)
    else:
        raw.run(_PG_SETTLE_RELEASE, params)


# settle() for many messages as one statement: their values as arrays, unnested into rows.
_PG_SETTLE_MANY = Sql("""WITH v AS (
        SELECT * FROM unnest(CAST(%(mid)s AS integer[]), CAST(%(st)s AS text[]), CAST(%(http)s AS integer[]),
                             CAST(%(err)s AS text[]), CAST(%(sent)s AS timestamptz[])) AS v(mid, st, http, err, sent)),
    sent AS (UPDATE outbound_message AS m SET status = v.st, last_status = v.http, last_error = v.err,
             lease_until = NULL, sent_at = v.sent FROM v WHERE m.id = v.mid)
    UPDATE chat_lease AS l SET holder = NULL, expires_at = %(till)s
    FROM unnest(CAST(%(ckey)s AS text[]), CAST(%(who)s AS text[])) AS r(ckey, who)
    WHERE l.chat_key = r.ckey AND l.holder = r.who""")


def settle_many(raw: Raw, rows: Sequence[Sent], now: datetime) -> None:
    """settle() for many messages at once (bot/runtime/settler.py): on PostgreSQL one statement (in
    autocommit: `raw_write(one_statement=True)`), on SQLite each statement sent once with every
    row's parameters, in the caller's transaction."""
    released = [r.release for r in rows if r.release]
    if not raw.sqlite:
        raw.run(_PG_SETTLE_MANY, {"mid": [r.msg_id for r in rows], "st": [r.status for r in rows],
                                  "http": [r.http_status for r in rows], "err": [r.error or None for r in rows],
                                  "sent": [r.sent_at for r in rows], "till": now,
                                  "ckey": [lease.chat_key for lease in released],
                                  "who": [lease.holder for lease in released]})
        return
    raw.run_many(_SETTLE_SQL, [_settle_params(r) for r in rows])
    if released:
        raw.run_many(_RELEASE_SQL, [{"till": now, "ckey": lease.chat_key, "who": lease.holder} for lease in released])


def release(raw: Raw, lease: Lease, now: datetime) -> None:
    raw.run(_RELEASE_SQL, {"till": now, "ckey": lease.chat_key, "who": lease.holder})
