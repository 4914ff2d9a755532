"""categories confirmed by citizens and corrected by staff, for retraining the text model

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 22:00:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0007'
down_revision: Union[str, None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('category_label',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['complaint.id'], ),
    sa.ForeignKeyConstraint(['category_id'], ['category.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('category_label', schema=None) as batch_op:
        batch_op.create_index('ix_category_label_case', ['case_id', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('category_label', schema=None) as batch_op:
        batch_op.drop_index('ix_category_label_case')
    op.drop_table('category_label')
