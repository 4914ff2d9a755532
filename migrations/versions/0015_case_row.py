"""complaint.received_day, closed_day, handling_days, on_time: the ITA workbook's raw-row values, kept by
triggers, and an index holding the raw sheet's columns in its order, so that a year's rows are a plain
index scan (models/case_row.py)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 04:00:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0015'
down_revision: Union[str, None] = '0014'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# The expressions as this revision made them (models/case_row.py may change later; this may not).
OPEN = "('received', 'in_progress')"
ANSWERED = "('forwarded', 'resolved', 'rejected')"
DEADLINE = 15 * 86400
PG = {
    "day": "CAST(floor((EXTRACT(epoch FROM {at}) + 25200) / CAST(86400 AS NUMERIC)) AS INTEGER)",
    "seconds": "CAST(EXTRACT(epoch FROM {row}.closed_at - {row}.created_at) AS FLOAT)",
}
SQLITE = {
    "day": "CAST((julianday({at}) - 2440587.5) + 0.2916666666666667 AS INTEGER)",
    "seconds": "round((julianday({row}.closed_at) - julianday({row}.created_at)) * 86400.0, 3)",
}
COLUMNS = ("received_day", "closed_day", "handling_days", "on_time")
WATCHED = ("created_at", "closed_at", "status")
# The raw sheet's columns in its order, and reopened_count: the reopened share's count reads the index alone too.
INDEX = ("created_at", "id", "ticket", "received_day", "closed_day", "category_id", "division_id", "status",
         "handling_days", "on_time", "reopened_count")


def _values(dialect: dict, row: str) -> dict:
    seconds = dialect["seconds"].format(row=row)
    closed = f"({row}.closed_at IS NOT NULL AND {row}.status NOT IN {OPEN})"
    answered = f"({closed} AND {row}.status IN {ANSWERED})"
    return {
        "received_day": dialect["day"].format(at=f"{row}.created_at"),
        "closed_day": f"CASE WHEN {closed} THEN {dialect['day'].format(at=f'{row}.closed_at')} END",
        "handling_days": f"CASE WHEN {closed} THEN CAST(round(CAST({seconds} / 86400.0 AS NUMERIC), 1) AS FLOAT) END",
        "on_time": f"CASE WHEN {answered} AND {seconds} <= {DEADLINE} THEN 1 WHEN {answered} THEN 0 END",
    }


def _pg_function() -> str:
    sets = "\n".join(f"    NEW.{name} := {sql};" for name, sql in _values(PG, "NEW").items())
    return ("CREATE FUNCTION complaint_row_values() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
            f"{sets}\n    RETURN NEW;\nEND $$")


def _sqlite_set() -> str:
    # SQLite cannot change NEW: the row just written is updated (its other triggers watch none of these).
    sets = ", ".join(f"{name} = {sql}" for name, sql in _values(SQLITE, "complaint").items())
    return f"UPDATE complaint SET {sets} WHERE id = NEW.id;"


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == 'postgresql'
    # Plain ALTER TABLE (no batch copy on SQLite: a copied table would lose migration 0014's triggers).
    op.add_column('complaint', sa.Column('received_day', sa.Integer(), nullable=True))
    op.add_column('complaint', sa.Column('closed_day', sa.Integer(), nullable=True))
    op.add_column('complaint', sa.Column('handling_days', sa.Float(), nullable=True))
    op.add_column('complaint', sa.Column('on_time', sa.Integer(), nullable=True))
    sets = ", ".join(f"{name} = {sql}" for name, sql in _values(PG if postgres else SQLITE, "complaint").items())
    op.execute(f"UPDATE complaint SET {sets}")
    op.create_index('ix_complaint_raw_row', 'complaint', list(INDEX))
    if postgres:
        op.execute(_pg_function())
        op.execute(f"CREATE TRIGGER complaint_row_values BEFORE INSERT OR UPDATE OF {', '.join(WATCHED)} "
                   "ON complaint FOR EACH ROW EXECUTE FUNCTION complaint_row_values()")
    else:
        changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in WATCHED)
        op.execute(f"CREATE TRIGGER complaint_row_insert AFTER INSERT ON complaint BEGIN {_sqlite_set()} END")
        op.execute(f"CREATE TRIGGER complaint_row_update AFTER UPDATE OF {', '.join(WATCHED)} ON complaint "
                   f"WHEN {changed} BEGIN {_sqlite_set()} END")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER IF EXISTS complaint_row_values ON complaint")
        op.execute("DROP FUNCTION IF EXISTS complaint_row_values()")
    else:
        op.execute("DROP TRIGGER IF EXISTS complaint_row_insert")
        op.execute("DROP TRIGGER IF EXISTS complaint_row_update")
    op.drop_index('ix_complaint_raw_row', table_name='complaint')
    for name in reversed(COLUMNS):
        op.drop_column('complaint', name)
