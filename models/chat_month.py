"""Who wrote to the account each month, kept up to date by the database itself (ITA indicator 7).

A fiscal year of a busy account stores millions of webhook events (a million complaints came with
5.8 million); counting the people who sent a message in each month meant reading all of them again
for every export (80 of the export's 119 seconds at that size on SQLite). This table holds one row
per (Bangkok month, chat) with its message count, so a year's figures read at most people x 12 rows.

Triggers on `inbound_event` (migration 0013) keep it equal to the events in the same transaction as
each change, whoever makes it: the webhook's insert, the demo seed, the privacy purge replacing a
chat key by its stand-in, a deletion. `tests/models/test_chat_month.py` checks it against the full
computation over the events (`models/stats_channel.py` keeps that query for the check).
"""
from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlmodel import Field, SQLModel

# The Bangkok month of received_at as the triggers compute it (migration 0013 holds their own copy).
_MONTH = {"postgresql": "to_char(timezone('Asia/Bangkok', received_at), 'YYYY-MM')",
          "sqlite": "strftime('%Y-%m', substr(received_at, 1, 19), '+7 hours')"}


class ChatMonth(SQLModel, table=True):
    __tablename__ = "chat_month"

    month: str = Field(primary_key=True, max_length=7)  # 'YYYY-MM' (Gregorian) of received_at in Bangkok
    chat_key: str = Field(primary_key=True, max_length=80)
    messages: int = 0  # message events of the chat received in the month


def rebuild(conn: Connection) -> None:
    """Counts every stored message event again: after a bulk load that ran without the triggers
    (`flask demo seed`, bot/demo/sink.py), one GROUP BY instead of millions of trigger calls."""
    month = _MONTH[conn.dialect.name]
    conn.execute(text("DELETE FROM chat_month"))
    conn.execute(text(f"INSERT INTO chat_month (month, chat_key, messages) SELECT {month}, chat_key, count(*) "
                      f"FROM inbound_event WHERE event_type = 'message' GROUP BY {month}, chat_key"))
