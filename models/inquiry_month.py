"""Inquiries per Bangkok month, status, the citizen's verdict on an FAQ answer and whether one was
offered, kept up to date by the database itself (ITA indicator 7's inquiry counts).

A fiscal year of a million complaints came with half a million inquiries; grouping them by month
for eight counts took 0.6 of the export's CPU seconds on SQLite. This table holds the count per
(month, status, helpful, offered): helpful is 1 (it helped), 0 (it did not) or 2 (nothing said),
offered 1 when an FAQ entry was offered. The staff answer times' medians still read the answered
inquiries (models/stats_channel.py).

Triggers (migration 0016) keep it equal to the inquiries in the same transaction as each change:
a new inquiry, the citizen's verdict, a staff answer or closing, a deletion.
`tests/models/test_inquiry_month.py` checks it against the full computation.
"""
from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlmodel import Field, SQLModel

from models.participant_year import MONTH_SQL


class InquiryMonthRow(SQLModel, table=True):
    __tablename__ = "inquiry_month"

    month: str = Field(primary_key=True, max_length=7)  # 'YYYY-MM' (Gregorian) of asked_at, in Bangkok
    status: str = Field(primary_key=True, max_length=16)
    helpful: int = Field(primary_key=True)  # 1 helped, 0 did not, 2 nothing said
    offered: int = Field(primary_key=True)  # 1: an FAQ entry was offered
    inquiries: int = 0


def keys(dialect: str, row: str) -> dict[str, str]:
    """The key columns' SQL for one inquiry row `row` (NEW, OLD, or the table's name)."""
    return {"month": MONTH_SQL[dialect].format(row=row, at="asked_at"), "status": f"{row}.status",
            "helpful": f"CASE WHEN {row}.helpful IS NULL THEN 2 WHEN {row}.helpful THEN 1 ELSE 0 END",
            "offered": f"CASE WHEN {row}.faq_id IS NULL THEN 0 ELSE 1 END"}


def rebuild(conn: Connection) -> None:
    """Counts every inquiry again: after a bulk load without the triggers (bot/demo/sink.py)."""
    k = ", ".join(keys(conn.dialect.name, "inquiry").values())
    conn.execute(text("DELETE FROM inquiry_month"))
    conn.execute(text(f"INSERT INTO inquiry_month (month, status, helpful, offered, inquiries) "
                      f"SELECT {k}, count(*) FROM inquiry GROUP BY {k}"))
