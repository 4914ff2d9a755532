"""config_version: every edit moves the counter by a random step (1 to 2**31) instead of one, in a
BIGINT, so that a number a process has cached never comes back meaning other content: after the
database is restored from a backup, after an edit that rolled back, or after this table was made
again by a downgrade and upgrade (models/config_version.py)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 18:45:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0018'
down_revision: Union[str, None] = '0017'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# As revision 0017 left them (they may not follow later changes of models/config_version.py).
WATCHED = ("category", "division", "faq")
SQLITE_EVENTS = ("insert", "update", "delete")
# 1 + a random number below 2**31: SQLite's random() is a signed 64-bit integer, PostgreSQL's a double.
STEP = {"sqlite": "1 + (random() & 2147483647)", "postgresql": "1 + floor(random() * 2147483648)::bigint"}


def _bump(step: str) -> str:
    return f"UPDATE config_version SET counter = counter + {step} WHERE id = 1;"


def _use(step: str) -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("CREATE OR REPLACE FUNCTION config_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                   f"BEGIN\n    {_bump(step)}\n    RETURN NULL;\nEND $$")
        return
    for table in WATCHED:
        for event in SQLITE_EVENTS:
            name = f"{table}_config_version_{event}"
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
            op.execute(f"CREATE TRIGGER {name} AFTER {event.upper()} ON {table} BEGIN {_bump(step)} END")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == 'postgresql':
        op.alter_column('config_version', 'counter', type_=sa.BigInteger(), existing_nullable=False)
    _use(STEP[dialect])
    op.execute(_bump(STEP[dialect]))  # away from the numbers counted one by one until now


def downgrade() -> None:
    # 0017's INTEGER cannot hold the numbers used here: back to 1, as 0017 began (with 0017's one-by-one
    # counting a running process may then keep stale content: restart the service after a downgrade).
    op.execute("UPDATE config_version SET counter = 1")
    _use("1")
    if op.get_bind().dialect.name == 'postgresql':
        op.alter_column('config_version', 'counter', type_=sa.Integer(), existing_nullable=False)
