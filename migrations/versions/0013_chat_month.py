"""chat_month: message events per (Bangkok month, chat), kept by triggers on inbound_event, so that the
ITA export counts a year's people and messages without reading every event (models/chat_month.py)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 01:00:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0013'
down_revision: Union[str, None] = '0012'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# The Bangkok month of received_at, as models/stats_sql.month_of buckets it. SQLite's date functions
# keep milliseconds, rounding 23:59:59.9999 into the next month: the whole seconds are taken instead
# (a month starts on a whole second, so cutting the fraction never crosses one).
PG_MONTH = "to_char(timezone('Asia/Bangkok', {row}.received_at), 'YYYY-MM')"
SQLITE_MONTH = "strftime('%Y-%m', substr({row}.received_at, 1, 19), '+7 hours')"

PG_FUNCTION = f"""
CREATE FUNCTION chat_month_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.event_type = 'message' THEN
        UPDATE chat_month SET messages = messages - 1
         WHERE month = {PG_MONTH.format(row='OLD')} AND chat_key = OLD.chat_key;
        DELETE FROM chat_month
         WHERE month = {PG_MONTH.format(row='OLD')} AND chat_key = OLD.chat_key AND messages <= 0;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.event_type = 'message' THEN
        INSERT INTO chat_month (month, chat_key, messages) VALUES ({PG_MONTH.format(row='NEW')}, NEW.chat_key, 1)
        ON CONFLICT (month, chat_key) DO UPDATE SET messages = chat_month.messages + 1;
    END IF;
    RETURN NULL;
END $$
"""
PG_TRIGGERS = (
    "CREATE TRIGGER chat_month_insert_delete AFTER INSERT OR DELETE ON inbound_event "
    "FOR EACH ROW EXECUTE FUNCTION chat_month_track()",
    # Only a change of what the table counts by: the workers' status updates never fire it.
    "CREATE TRIGGER chat_month_update AFTER UPDATE OF chat_key, received_at, event_type ON inbound_event "
    "FOR EACH ROW WHEN (OLD.chat_key IS DISTINCT FROM NEW.chat_key OR OLD.received_at IS DISTINCT FROM "
    "NEW.received_at OR OLD.event_type IS DISTINCT FROM NEW.event_type) EXECUTE FUNCTION chat_month_track()",
)


def _sqlite_remove(row: str) -> str:
    month = SQLITE_MONTH.format(row=row)
    return (f"UPDATE chat_month SET messages = messages - 1 WHERE {row}.event_type = 'message' "
            f"AND month = {month} AND chat_key = {row}.chat_key; "
            f"DELETE FROM chat_month WHERE {row}.event_type = 'message' AND month = {month} "
            f"AND chat_key = {row}.chat_key AND messages <= 0;")


def _sqlite_add(row: str) -> str:
    return (f"INSERT INTO chat_month (month, chat_key, messages) SELECT {SQLITE_MONTH.format(row=row)}, "
            f"{row}.chat_key, 1 WHERE {row}.event_type = 'message' "
            f"ON CONFLICT (month, chat_key) DO UPDATE SET messages = messages + 1;")


SQLITE_TRIGGERS = (
    f"CREATE TRIGGER chat_month_insert AFTER INSERT ON inbound_event BEGIN {_sqlite_add('NEW')} END",
    f"CREATE TRIGGER chat_month_delete AFTER DELETE ON inbound_event BEGIN {_sqlite_remove('OLD')} END",
    "CREATE TRIGGER chat_month_update AFTER UPDATE OF chat_key, received_at, event_type ON inbound_event "
    "WHEN OLD.chat_key IS NOT NEW.chat_key OR OLD.received_at IS NOT NEW.received_at "
    f"OR OLD.event_type IS NOT NEW.event_type BEGIN {_sqlite_remove('OLD')} {_sqlite_add('NEW')} END",
)


def upgrade() -> None:
    op.create_table(
        'chat_month',
        sa.Column('month', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column('chat_key', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column('messages', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('month', 'chat_key'),
    )
    postgres = op.get_bind().dialect.name == 'postgresql'
    month = (PG_MONTH if postgres else SQLITE_MONTH).format(row='inbound_event')
    op.execute(f"INSERT INTO chat_month (month, chat_key, messages) SELECT {month}, chat_key, count(*) "
               f"FROM inbound_event WHERE event_type = 'message' GROUP BY {month}, chat_key")
    if postgres:
        op.execute(PG_FUNCTION)
    for statement in PG_TRIGGERS if postgres else SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER IF EXISTS chat_month_update ON inbound_event")
        op.execute("DROP TRIGGER IF EXISTS chat_month_insert_delete ON inbound_event")
        op.execute("DROP FUNCTION IF EXISTS chat_month_track()")
    else:
        for name in ("chat_month_insert", "chat_month_delete", "chat_month_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table('chat_month')
