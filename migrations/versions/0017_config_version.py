"""config_version: one counter that triggers on category, division and faq move with every change, so
that the event worker reads the categories and the FAQ again only when they changed
(models/config_version.py)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 12:30:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0017'
down_revision: Union[str, None] = '0016'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# The tables as this revision watches them (models/config_version.py may change later; this may not).
WATCHED = ("category", "division", "faq")
BUMP = "UPDATE config_version SET counter = counter + 1 WHERE id = 1;"
SQLITE_EVENTS = ("insert", "update", "delete")


def upgrade() -> None:
    op.create_table(
        'config_version',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('counter', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.execute("INSERT INTO config_version (id, counter) VALUES (1, 1)")
    if op.get_bind().dialect.name == 'postgresql':
        # Per statement: a seed or an import of many rows moves the counter once; TRUNCATE too.
        op.execute("CREATE FUNCTION config_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                   f"BEGIN\n    {BUMP}\n    RETURN NULL;\nEND $$")
        for table in WATCHED:
            op.execute(f"CREATE TRIGGER {table}_config_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                       f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION config_version_bump()")
        return
    for table in WATCHED:  # SQLite has row triggers only
        for event in SQLITE_EVENTS:
            op.execute(f"CREATE TRIGGER {table}_config_version_{event} AFTER {event.upper()} ON {table} "
                       f"BEGIN {BUMP} END")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for table in WATCHED:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_config_version ON {table}")
        op.execute("DROP FUNCTION IF EXISTS config_version_bump()")
    else:
        for table in WATCHED:
            for event in SQLITE_EVENTS:
                op.execute(f"DROP TRIGGER IF EXISTS {table}_config_version_{event}")
    op.drop_table('config_version')
