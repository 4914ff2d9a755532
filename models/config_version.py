"""A counter of the staff's edits to what the bot reads on every typed message: the categories, the
divisions and the FAQ.

Those change a few times a month (staff edits in the admin), yet every typed message needed them:
reading them, with the FAQ's version, was one statement more per message (and on PostgreSQL one
transaction more), ~0.3 ms of the worker's CPU. Triggers (migrations 0017, 0018) move `counter` in the
same transaction as any INSERT, UPDATE or DELETE of those tables (and, on PostgreSQL, a TRUNCATE);
the worker reads the counter in the statement that takes the event (models/event_path.py), and the
categories and the FAQ index are read again only when it moved (bot/runtime/config_cache.py).

One row (id 1), inserted by the migration and never deleted (tests/conftest.py keeps the row when it
empties tables). Each edit adds a random step of 1 to 2**31 (migration 0018), not one: a number once
seen means the same content (but for a chance of one in two billion per edit) even after the database
is restored from a backup (counting one by one, the edits after the restore came back to numbers a
running process had cached, with other content), after an edit that rolled back, or after the table
was made again by a migration.
"""
from __future__ import annotations

from sqlalchemy import BigInteger, Column, Integer
from sqlmodel import Field, SQLModel

# The counter as a scalar subquery: a column of a statement that runs anyway (NULL without the row).
COUNTER_SQL = "(SELECT counter FROM config_version WHERE id = 1)"


class ConfigVersion(SQLModel, table=True):
    __tablename__ = "config_version"

    id: int = Field(primary_key=True)  # always 1
    # 64 bits for the random steps (SQLite's INTEGER is 64 bits already: no table rebuild there)
    counter: int = Field(default=0, sa_column=Column(BigInteger().with_variant(Integer(), "sqlite"), nullable=False))
