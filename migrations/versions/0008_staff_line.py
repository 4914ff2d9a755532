"""a staff member's own LINE account, linked once, for alerts and acting from LINE

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 00:30:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0008'
down_revision: Union[str, None] = '0007'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.add_column(sa.Column('line_user_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.create_unique_constraint('uq_staff_line_user_id', ['line_user_id'])


def downgrade() -> None:
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_constraint('uq_staff_line_user_id', type_='unique')
        batch_op.drop_column('line_user_id')
