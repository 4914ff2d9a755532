"""participant_year: uses per (activity, fiscal year, LINE account or chat) and fiscal month, kept by
triggers on complaint, survey_response, inquiry, suggestion and chat_month, so that the ITA export counts
a period's distinct participants without grouping every row (models/participant_year.py)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 04:30:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0016'
down_revision: Union[str, None] = '0015'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# The SQL as this revision made it (models/participant_year.py may change later; this may not).
MONTHS = [f"m{i}" for i in range(1, 13)]
SOURCES = (  # (activity, table, account column, time column (None: chat_month's month key), row weight)
    ("complaint", "complaint", "reporter_line_id", "created_at", "1"),
    ("survey", "survey_response", "line_user_id", "created_at", "1"),
    ("inquiry", "inquiry", "line_user_id", "asked_at", "1"),
    ("suggestion", "suggestion", "line_user_id", "created_at", "1"),
    ("chat", "chat_month", "chat_key", None, "{row}.messages"),
)
MONTH = {"postgresql": "to_char(timezone('Asia/Bangkok', {row}.{at}), 'YYYY-MM')",
         "sqlite": "strftime('%Y-%m', substr({row}.{at}, 1, 19), '+7 hours')"}


def _keys(month_key: str) -> tuple[str, str]:
    """(fiscal year, its month 1..12: October first) from a 'YYYY-MM' key."""
    month = f"CAST(substr({month_key}, 6, 2) AS INTEGER)"
    return (f"(CAST(substr({month_key}, 1, 4) AS INTEGER) + 543 + CASE WHEN {month} >= 10 THEN 1 ELSE 0 END)",
            f"(({month} + 2) % 12 + 1)")


def _parts(dialect: str, source: tuple, row: str) -> dict:
    kind, _table, who, at, weight = source
    key = f"{row}.month" if at is None else MONTH[dialect].format(row=row, at=at)
    fy, idx = _keys(key)
    return {"kind": kind, "who": f"{row}.{who}", "fy": fy, "idx": idx, "w": weight.format(row=row)}


def _add(dialect: str, source: tuple, row: str) -> str:
    p = _parts(dialect, source, row)
    cells = ", ".join(f"CASE WHEN idx = {i} THEN w ELSE 0 END" for i in range(1, 13))
    sums = ", ".join(f"{m} = participant_year.{m} + excluded.{m}" for m in MONTHS)
    return (f"INSERT INTO participant_year (kind, fiscal_year, who, {', '.join(MONTHS)}) "
            f"SELECT '{p['kind']}', fy, who, {cells} FROM (SELECT {p['fy']} AS fy, {p['idx']} AS idx, "
            f"{p['who']} AS who, {p['w']} AS w) AS one WHERE who IS NOT NULL "
            f"ON CONFLICT (kind, fiscal_year, who) DO UPDATE SET {sums};")


def _remove(dialect: str, source: tuple, row: str) -> str:
    p = _parts(dialect, source, row)
    where = f"kind = '{p['kind']}' AND fiscal_year = {p['fy']} AND who = {p['who']}"
    less = ", ".join(f"m{i} = m{i} - CASE WHEN {p['idx']} = {i} THEN {p['w']} ELSE 0 END" for i in range(1, 13))
    return (f"UPDATE participant_year SET {less} WHERE {where}; "
            f"DELETE FROM participant_year WHERE {where} AND {' + '.join(MONTHS)} <= 0;")


def _watched(source: tuple) -> list:
    _kind, _table, who, at, _weight = source
    return [who, "month", "messages"] if at is None else [who, at]


def _pg(source: tuple) -> list:
    table = source[1]
    name = f"{table}_participants"
    changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in _watched(source))
    return [
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
        f"    IF TG_OP IN ('UPDATE', 'DELETE') THEN\n        {_remove('postgresql', source, 'OLD')}\n    END IF;\n"
        f"    IF TG_OP IN ('INSERT', 'UPDATE') THEN\n        {_add('postgresql', source, 'NEW')}\n    END IF;\n"
        "    RETURN NULL;\nEND $$",
        f"CREATE TRIGGER {name}_insert_delete AFTER INSERT OR DELETE ON {table} FOR EACH ROW "
        f"EXECUTE FUNCTION {name}()",
        f"CREATE TRIGGER {name}_update AFTER UPDATE OF {', '.join(_watched(source))} ON {table} FOR EACH ROW "
        f"WHEN ({changed}) EXECUTE FUNCTION {name}()",
    ]


def _sqlite(source: tuple) -> list:
    table = source[1]
    name = f"{table}_participants"
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in _watched(source))
    return [
        f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} BEGIN {_add('sqlite', source, 'NEW')} END",
        f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} BEGIN {_remove('sqlite', source, 'OLD')} END",
        f"CREATE TRIGGER {name}_update AFTER UPDATE OF {', '.join(_watched(source))} ON {table} WHEN {changed} "
        f"BEGIN {_remove('sqlite', source, 'OLD')} {_add('sqlite', source, 'NEW')} END",
    ]


def _fill(dialect: str) -> None:
    for kind, table, who, at, weight in SOURCES:
        month = f"{table}.month" if at is None else MONTH[dialect].format(row=table, at=at)
        fy, idx = _keys("k")
        sums = ", ".join(f"sum(CASE WHEN idx = {i} THEN w ELSE 0 END)" for i in range(1, 13))
        op.execute(f"INSERT INTO participant_year (kind, fiscal_year, who, {', '.join(MONTHS)}) "
                   f"SELECT '{kind}', fy, who, {sums} FROM (SELECT {fy} AS fy, {idx} AS idx, who, w FROM "
                   f"(SELECT {month} AS k, {who} AS who, {weight.format(row=table)} AS w FROM {table} "
                   f"WHERE {who} IS NOT NULL) AS src) AS keyed GROUP BY fy, who")


def upgrade() -> None:
    op.create_table(
        'participant_year',
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('fiscal_year', sa.Integer(), nullable=False),
        sa.Column('who', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        *[sa.Column(m, sa.Integer(), nullable=False) for m in MONTHS],
        sa.PrimaryKeyConstraint('kind', 'fiscal_year', 'who'),
    )
    dialect = op.get_bind().dialect.name
    _fill(dialect)
    for source in SOURCES:
        for statement in _pg(source) if dialect == 'postgresql' else _sqlite(source):
            op.execute(statement)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == 'postgresql'
    for _kind, table, *_ in SOURCES:
        name = f"{table}_participants"
        if postgres:
            op.execute(f"DROP TRIGGER IF EXISTS {name}_insert_delete ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {name}_update ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
        else:
            for suffix in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS {name}_{suffix}")
    op.drop_table('participant_year')
