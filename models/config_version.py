"""A counter of the staff's edits to what the bot reads on every typed message: the categories, the
divisions and the FAQ.

Those change a few times a month (staff edits in the admin), yet every typed message needed them:
reading them, with the FAQ's version, was one statement more per message (and on PostgreSQL one
transaction more), ~0.3 ms of the worker's CPU. Triggers (migration 0017) add one to `counter` in the
same transaction as any INSERT, UPDATE or DELETE of those tables (and, on PostgreSQL, a TRUNCATE);
the worker reads the counter in the statement that takes the event (models/event_path.py), and the
categories and the FAQ index are read again only when it moved (bot/runtime/config_cache.py).

One row (id 1), inserted by the migration and never deleted: the counter only grows, so a number
once seen always means the same content (tests/conftest.py keeps the row when it empties tables).
"""
from __future__ import annotations

from sqlmodel import Field, SQLModel

# The counter as a scalar subquery: a column of a statement that runs anyway (NULL without the row).
COUNTER_SQL = "(SELECT counter FROM config_version WHERE id = 1)"


class ConfigVersion(SQLModel, table=True):
    __tablename__ = "config_version"

    id: int = Field(primary_key=True)  # always 1
    counter: int = 0
