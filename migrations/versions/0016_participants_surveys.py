"""participant_year: uses per (activity, fiscal year, LINE account or chat) and fiscal month, kept by
triggers on complaint, survey_response, inquiry, suggestion and chat_month, so that the ITA export counts
a period's distinct participants without grouping every row (models/participant_year.py); and
survey_month: answers per (month, service, question, value), kept by triggers on survey_answer and
survey_response (models/survey_month.py); and inquiry_month: inquiries per (month, status, helpful,
offered), kept by triggers on inquiry (models/inquiry_month.py); answered_at added to inquiry's status index

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


def _survey_add(dialect: str, answer: str) -> str:
    """Count in one answer row `answer` (NEW), under its response's month and service."""
    month = MONTH[dialect].format(row="r", at="created_at")
    return ("INSERT INTO survey_month (month, service_id, question_id, value, answers) "
            f"SELECT {month}, coalesce(r.service_id, 0), {answer}.question_id, {answer}.value, 1 FROM survey_response r "
            f"WHERE r.id = {answer}.response_id "
            "ON CONFLICT (month, service_id, question_id, value) DO UPDATE SET answers = survey_month.answers + 1;")


def _survey_remove(dialect: str, answer: str) -> str:
    month = MONTH[dialect].format(row="r", at="created_at")
    where = (f"(month, service_id) IN (SELECT {month}, coalesce(r.service_id, 0) FROM survey_response r "
             f"WHERE r.id = {answer}.response_id) AND question_id = {answer}.question_id AND value = {answer}.value")
    return (f"UPDATE survey_month SET answers = answers - 1 WHERE {where}; "
            f"DELETE FROM survey_month WHERE {where} AND answers <= 0;")


def _survey_move_out(dialect: str, response: str) -> str:
    """Take out every answer of a response `response` (OLD) from its month and service."""
    where = f"month = {MONTH[dialect].format(row=response, at='created_at')} AND service_id = coalesce({response}.service_id, 0)"
    return (f"UPDATE survey_month SET answers = answers - (SELECT count(*) FROM survey_answer a "
            f"WHERE a.response_id = {response}.id AND a.question_id = survey_month.question_id "
            f"AND a.value = survey_month.value) WHERE {where}; "
            f"DELETE FROM survey_month WHERE {where} AND answers <= 0;")


def _survey_move_in(dialect: str, response: str) -> str:
    return ("INSERT INTO survey_month (month, service_id, question_id, value, answers) "
            f"SELECT {MONTH[dialect].format(row=response, at='created_at')}, coalesce({response}.service_id, 0), "
            f"a.question_id, a.value, count(*) FROM survey_answer a WHERE a.response_id = {response}.id "
            "GROUP BY a.question_id, a.value "
            "ON CONFLICT (month, service_id, question_id, value) DO UPDATE SET answers = survey_month.answers + "
            "excluded.answers;")


INQUIRY_WATCHED = ("asked_at", "status", "helpful", "faq_id")


def _inquiry_keys(dialect: str, row: str) -> dict:
    return {"month": MONTH[dialect].format(row=row, at="asked_at"), "status": f"{row}.status",
            "helpful": f"CASE WHEN {row}.helpful IS NULL THEN 2 WHEN {row}.helpful THEN 1 ELSE 0 END",
            "offered": f"CASE WHEN {row}.faq_id IS NULL THEN 0 ELSE 1 END"}


def _inquiry_add(dialect: str, row: str) -> str:
    k = _inquiry_keys(dialect, row)
    return (f"INSERT INTO inquiry_month (month, status, helpful, offered, inquiries) SELECT {', '.join(k.values())}, 1 "
            "WHERE true ON CONFLICT (month, status, helpful, offered) DO UPDATE SET "
            "inquiries = inquiry_month.inquiries + 1;")


def _inquiry_remove(dialect: str, row: str) -> str:
    where = " AND ".join(f"{name} = {sql}" for name, sql in _inquiry_keys(dialect, row).items())
    return (f"UPDATE inquiry_month SET inquiries = inquiries - 1 WHERE {where}; "
            f"DELETE FROM inquiry_month WHERE {where} AND inquiries <= 0;")


def _inquiry_triggers(dialect: str) -> list:
    if dialect == "postgresql":
        changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in INQUIRY_WATCHED)
        return [
            "CREATE FUNCTION inquiry_month_track() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
            f"    IF TG_OP IN ('UPDATE', 'DELETE') THEN\n        {_inquiry_remove(dialect, 'OLD')}\n    END IF;\n"
            f"    IF TG_OP IN ('INSERT', 'UPDATE') THEN\n        {_inquiry_add(dialect, 'NEW')}\n    END IF;\n"
            "    RETURN NULL;\nEND $$",
            "CREATE TRIGGER inquiry_month_insert_delete AFTER INSERT OR DELETE ON inquiry FOR EACH ROW "
            "EXECUTE FUNCTION inquiry_month_track()",
            f"CREATE TRIGGER inquiry_month_update AFTER UPDATE OF {', '.join(INQUIRY_WATCHED)} ON inquiry "
            f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION inquiry_month_track()",
        ]
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in INQUIRY_WATCHED)
    return [
        f"CREATE TRIGGER inquiry_month_insert AFTER INSERT ON inquiry BEGIN {_inquiry_add(dialect, 'NEW')} END",
        f"CREATE TRIGGER inquiry_month_delete AFTER DELETE ON inquiry BEGIN {_inquiry_remove(dialect, 'OLD')} END",
        f"CREATE TRIGGER inquiry_month_update AFTER UPDATE OF {', '.join(INQUIRY_WATCHED)} ON inquiry "
        f"WHEN {changed} BEGIN {_inquiry_remove(dialect, 'OLD')} {_inquiry_add(dialect, 'NEW')} END",
    ]


ANSWER_WATCHED = ("response_id", "question_id", "value")
RESPONSE_WATCHED = ("created_at", "service_id")


def _survey_triggers(dialect: str) -> list:
    if dialect == "postgresql":
        answer_changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in ANSWER_WATCHED)
        response_changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in RESPONSE_WATCHED)
        return [
            "CREATE FUNCTION survey_month_answer() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
            f"    IF TG_OP IN ('UPDATE', 'DELETE') THEN\n        {_survey_remove(dialect, 'OLD')}\n    END IF;\n"
            f"    IF TG_OP IN ('INSERT', 'UPDATE') THEN\n        {_survey_add(dialect, 'NEW')}\n    END IF;\n"
            "    RETURN NULL;\nEND $$",
            "CREATE TRIGGER survey_month_answer_insert_delete AFTER INSERT OR DELETE ON survey_answer FOR EACH ROW "
            "EXECUTE FUNCTION survey_month_answer()",
            f"CREATE TRIGGER survey_month_answer_update AFTER UPDATE OF {', '.join(ANSWER_WATCHED)} ON survey_answer "
            f"FOR EACH ROW WHEN ({answer_changed}) EXECUTE FUNCTION survey_month_answer()",
            "CREATE FUNCTION survey_month_response() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
            f"    {_survey_move_out(dialect, 'OLD')}\n    {_survey_move_in(dialect, 'NEW')}\n    RETURN NULL;\nEND $$",
            f"CREATE TRIGGER survey_month_response_update AFTER UPDATE OF {', '.join(RESPONSE_WATCHED)} "
            f"ON survey_response FOR EACH ROW WHEN ({response_changed}) EXECUTE FUNCTION survey_month_response()",
        ]
    answer_changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in ANSWER_WATCHED)
    response_changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in RESPONSE_WATCHED)
    return [
        f"CREATE TRIGGER survey_month_answer_insert AFTER INSERT ON survey_answer BEGIN {_survey_add(dialect, 'NEW')} END",
        f"CREATE TRIGGER survey_month_answer_delete AFTER DELETE ON survey_answer BEGIN "
        f"{_survey_remove(dialect, 'OLD')} END",
        f"CREATE TRIGGER survey_month_answer_update AFTER UPDATE OF {', '.join(ANSWER_WATCHED)} ON survey_answer "
        f"WHEN {answer_changed} BEGIN {_survey_remove(dialect, 'OLD')} {_survey_add(dialect, 'NEW')} END",
        f"CREATE TRIGGER survey_month_response_update AFTER UPDATE OF {', '.join(RESPONSE_WATCHED)} ON survey_response "
        f"WHEN {response_changed} BEGIN {_survey_move_out(dialect, 'OLD')} {_survey_move_in(dialect, 'NEW')} END",
    ]


def upgrade() -> None:
    op.create_table(
        'participant_year',
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('fiscal_year', sa.Integer(), nullable=False),
        sa.Column('who', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        *[sa.Column(m, sa.Integer(), nullable=False) for m in MONTHS],
        sa.PrimaryKeyConstraint('kind', 'fiscal_year', 'who'),
    )
    op.create_table(
        'survey_month',
        sa.Column('month', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column('service_id', sa.Integer(), nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=False),
        sa.Column('value', sa.Integer(), nullable=False),
        sa.Column('answers', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('month', 'service_id', 'question_id', 'value'),
    )
    op.create_table(
        'inquiry_month',
        sa.Column('month', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('helpful', sa.Integer(), nullable=False),
        sa.Column('offered', sa.Integer(), nullable=False),
        sa.Column('inquiries', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('month', 'status', 'helpful', 'offered'),
    )
    dialect = op.get_bind().dialect.name
    _fill(dialect)
    keys = ", ".join(_inquiry_keys(dialect, "inquiry").values())
    op.execute(f"INSERT INTO inquiry_month (month, status, helpful, offered, inquiries) SELECT {keys}, count(*) "
               f"FROM inquiry GROUP BY {keys}")
    month = MONTH[dialect].format(row="r", at="created_at")
    op.execute("INSERT INTO survey_month (month, service_id, question_id, value, answers) "
               f"SELECT {month}, coalesce(r.service_id, 0), a.question_id, a.value, count(*) FROM survey_answer a "
               f"JOIN survey_response r ON r.id = a.response_id "
               f"GROUP BY {month}, coalesce(r.service_id, 0), a.question_id, a.value")
    for source in SOURCES:
        for statement in _pg(source) if dialect == 'postgresql' else _sqlite(source):
            op.execute(statement)
    for statement in _survey_triggers(dialect) + _inquiry_triggers(dialect):
        op.execute(statement)
    # The answer times' median reads answered inquiries from the index alone.
    op.create_index('ix_inquiry_status_asked_answered', 'inquiry', ['status', 'asked_at', 'answered_at'])
    op.drop_index('ix_inquiry_status_asked', table_name='inquiry')


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == 'postgresql'
    op.create_index('ix_inquiry_status_asked', 'inquiry', ['status', 'asked_at'])
    op.drop_index('ix_inquiry_status_asked_answered', table_name='inquiry')
    if postgres:
        op.execute("DROP TRIGGER IF EXISTS survey_month_answer_insert_delete ON survey_answer")
        op.execute("DROP TRIGGER IF EXISTS survey_month_answer_update ON survey_answer")
        op.execute("DROP TRIGGER IF EXISTS survey_month_response_update ON survey_response")
        op.execute("DROP FUNCTION IF EXISTS survey_month_answer()")
        op.execute("DROP FUNCTION IF EXISTS survey_month_response()")
    else:
        for name in ("answer_insert", "answer_delete", "answer_update", "response_update"):
            op.execute(f"DROP TRIGGER IF EXISTS survey_month_{name}")
    op.drop_table('survey_month')
    if postgres:
        op.execute("DROP TRIGGER IF EXISTS inquiry_month_insert_delete ON inquiry")
        op.execute("DROP TRIGGER IF EXISTS inquiry_month_update ON inquiry")
        op.execute("DROP FUNCTION IF EXISTS inquiry_month_track()")
    else:
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS inquiry_month_{name}")
    op.drop_table('inquiry_month')
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
