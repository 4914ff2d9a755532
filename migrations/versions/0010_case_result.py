"""the result back to the citizen: reopened count, the citizen's confirmation, the follow-up sent

Revision ID: 0010
Revises: 0013
Create Date: 2026-12-07 00:40:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0010'
down_revision: Union[str, None] = '0013'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reopened_count', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('citizen_confirmed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('followup_sent_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.create_index('ix_complaint_status_closed', ['status', 'closed_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_index('ix_complaint_status_closed')
        batch_op.drop_column('followup_sent_at')
        batch_op.drop_column('citizen_confirmed_at')
        batch_op.drop_column('reopened_count')
