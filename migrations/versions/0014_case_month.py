"""case_month and case_handling: complaint counts per (Bangkok month, category, division, status) and a
histogram of handling hours per month with each month's handling times, kept by triggers on complaint, so that the ITA export reads a
year's complaint figures and medians without reading every case (models/case_month.py)

Revision ID: 0014
Revises: 0011
Create Date: 2026-12-07 02:00:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0014'
down_revision: Union[str, None] = '0011'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# The expressions as this revision made them (models/case_month.py may change later; this may not).
PG = {
    "month": "to_char(timezone('Asia/Bangkok', {row}.created_at), 'YYYY-MM')",
    "seconds": "CAST(extract(epoch FROM {row}.closed_at - {row}.created_at) AS double precision)",
    "hours": "CAST(trunc(CAST(extract(epoch FROM {row}.closed_at - {row}.created_at) AS double precision) / 3600) "
             "AS integer)",
}
SQLITE = {
    "month": "strftime('%Y-%m', substr({row}.created_at, 1, 19), '+7 hours')",
    "seconds": "round((julianday({row}.closed_at) - julianday({row}.created_at)) * 86400.0, 3)",
    "hours": "CAST(round((julianday({row}.closed_at) - julianday({row}.created_at)) * 86400.0, 3) / 3600 AS INTEGER)",
}
ANSWERED = "({row}.status IN ('resolved', 'forwarded', 'rejected') AND {row}.closed_at IS NOT NULL)"
DEADLINE = 15 * 86400
KEY = "month = {month} AND category_id = coalesce({row}.category_id, 0) AND division_id = coalesce({row}.division_id, 0) " \
      "AND status = {row}.status"
WATCHED = ("created_at", "closed_at", "status", "category_id", "division_id")


def _sql(dialect: dict, row: str) -> dict:
    sql = {k: v.format(row=row) for k, v in dialect.items()}
    answered = ANSWERED.format(row=row)
    sql["is_answered"] = answered
    sql["answered"] = f"CASE WHEN {answered} THEN 1 ELSE 0 END"
    sql["within"] = f"CASE WHEN {answered} AND {sql['seconds']} <= {DEADLINE} THEN 1 ELSE 0 END"
    sql["key"] = KEY.format(month=sql["month"], row=row)
    return sql


def _remove(dialect: dict, row: str, guard: str = "") -> str:
    """Statements taking one complaint row out (`guard`: SQLite has no IF, so a WHERE condition)."""
    c = _sql(dialect, row)
    return (f"UPDATE case_month SET cases = cases - 1, answered = answered - {c['answered']}, "
            f"within = within - {c['within']} WHERE {c['key']}; "
            f"DELETE FROM case_month WHERE {c['key']} AND cases <= 0; "
            f"UPDATE case_handling SET cases = cases - 1 WHERE {c['is_answered']} AND month = {c['month']} "
            f"AND hours = {c['hours']}; "
            f"DELETE FROM case_handling WHERE month = {c['month']} AND hours = {c['hours']} AND cases <= 0; "
            f"UPDATE case_handling_time SET cases = cases - 1 WHERE {c['is_answered']} AND month = {c['month']} "
            f"AND hours = {c['hours']} AND seconds = {c['seconds']}; "
            f"DELETE FROM case_handling_time WHERE month = {c['month']} AND hours = {c['hours']} "
            f"AND seconds = {c['seconds']} AND cases <= 0;")


def _add(dialect: dict, row: str) -> str:
    c = _sql(dialect, row)
    return (f"INSERT INTO case_month (month, category_id, division_id, status, cases, answered, within) "
            f"SELECT {c['month']}, coalesce({row}.category_id, 0), coalesce({row}.division_id, 0), {row}.status, 1, "
            f"{c['answered']}, {c['within']} WHERE true "
            "ON CONFLICT (month, category_id, division_id, status) DO UPDATE SET cases = case_month.cases + 1, "
            "answered = case_month.answered + excluded.answered, within = case_month.within + excluded.within; "
            f"INSERT INTO case_handling (month, hours, cases) SELECT {c['month']}, {c['hours']}, 1 "
            f"WHERE {c['is_answered']} ON CONFLICT (month, hours) DO UPDATE SET cases = case_handling.cases + 1; "
            f"INSERT INTO case_handling_time (month, hours, seconds, cases) SELECT {c['month']}, {c['hours']}, "
            f"{c['seconds']}, 1 WHERE {c['is_answered']} "
            "ON CONFLICT (month, hours, seconds) DO UPDATE SET cases = case_handling_time.cases + 1;")


PG_FUNCTION = f"""
CREATE FUNCTION case_month_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        {_remove(PG, 'OLD')}
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        {_add(PG, 'NEW')}
    END IF;
    RETURN NULL;
END $$
"""
_CHANGED_PG = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in WATCHED)
_CHANGED_SQLITE = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in WATCHED)
PG_TRIGGERS = (
    "CREATE TRIGGER case_month_insert_delete AFTER INSERT OR DELETE ON complaint "
    "FOR EACH ROW EXECUTE FUNCTION case_month_track()",
    # Only a change of what the tables count by: editing a description or anonymising never fires it.
    f"CREATE TRIGGER case_month_update AFTER UPDATE OF {', '.join(WATCHED)} ON complaint "
    f"FOR EACH ROW WHEN ({_CHANGED_PG}) EXECUTE FUNCTION case_month_track()",
)
SQLITE_TRIGGERS = (
    f"CREATE TRIGGER case_month_insert AFTER INSERT ON complaint BEGIN {_add(SQLITE, 'NEW')} END",
    f"CREATE TRIGGER case_month_delete AFTER DELETE ON complaint BEGIN {_remove(SQLITE, 'OLD')} END",
    f"CREATE TRIGGER case_month_update AFTER UPDATE OF {', '.join(WATCHED)} ON complaint WHEN {_CHANGED_SQLITE} "
    f"BEGIN {_remove(SQLITE, 'OLD')} {_add(SQLITE, 'NEW')} END",
)


def upgrade() -> None:
    op.create_table(
        'case_month',
        sa.Column('month', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column('category_id', sa.Integer(), nullable=False),
        sa.Column('division_id', sa.Integer(), nullable=False),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('cases', sa.Integer(), nullable=False),
        sa.Column('answered', sa.Integer(), nullable=False),
        sa.Column('within', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('month', 'category_id', 'division_id', 'status'),
    )
    op.create_table(
        'case_handling',
        sa.Column('month', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column('hours', sa.Integer(), nullable=False),
        sa.Column('cases', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('month', 'hours'),
    )
    op.create_table(
        'case_handling_time',
        sa.Column('month', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column('hours', sa.Integer(), nullable=False),
        sa.Column('seconds', sa.Float(), nullable=False),
        sa.Column('cases', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('month', 'hours', 'seconds'),
    )
    postgres = op.get_bind().dialect.name == 'postgresql'
    c = _sql(PG if postgres else SQLITE, 'complaint')
    op.execute("INSERT INTO case_month (month, category_id, division_id, status, cases, answered, within) "
               f"SELECT {c['month']}, coalesce(category_id, 0), coalesce(division_id, 0), status, count(*), "
               f"sum({c['answered']}), sum({c['within']}) FROM complaint "
               f"GROUP BY {c['month']}, coalesce(category_id, 0), coalesce(division_id, 0), status")
    op.execute(f"INSERT INTO case_handling_time (month, hours, seconds, cases) SELECT {c['month']}, {c['hours']}, "
               f"{c['seconds']}, count(*) FROM complaint WHERE {c['is_answered']} "
               f"GROUP BY {c['month']}, {c['hours']}, {c['seconds']}")
    op.execute("INSERT INTO case_handling (month, hours, cases) SELECT month, hours, sum(cases) FROM case_handling_time "
               "GROUP BY month, hours")
    if postgres:
        op.execute(PG_FUNCTION)
    for statement in PG_TRIGGERS if postgres else SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER IF EXISTS case_month_update ON complaint")
        op.execute("DROP TRIGGER IF EXISTS case_month_insert_delete ON complaint")
        op.execute("DROP FUNCTION IF EXISTS case_month_track()")
    else:
        for name in ("case_month_insert", "case_month_delete", "case_month_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table('case_handling_time')
    op.drop_table('case_handling')
    op.drop_table('case_month')
