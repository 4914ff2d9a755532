"""staff LINE link codes (hashed) and their failure counts; saved reply templates per category

Revision ID: 0009
Revises: 0010
Create Date: 2026-12-07 01:00:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0009'
down_revision: Union[str, None] = '0010'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'staff_link_code',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=False),
        sa.Column('code_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('expires_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['staff_id'], ['staff.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('staff_id'),
    )
    op.create_index('ix_staff_link_code_code_hash', 'staff_link_code', ['code_hash'])
    op.create_table(
        'staff_link_failure',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('who', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_staff_link_failure_who', 'staff_link_failure', ['who', 'at'])
    op.create_index('ix_staff_link_failure_at', 'staff_link_failure', ['at'])
    op.create_table(
        'reply_template',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('category_id', sa.Integer(), nullable=True),
        sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('sort_order', sa.Integer(), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['category_id'], ['category.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_reply_template_category_id', 'reply_template', ['category_id'])


def downgrade() -> None:
    op.drop_index('ix_reply_template_category_id', table_name='reply_template')
    op.drop_table('reply_template')
    op.drop_index('ix_staff_link_failure_at', table_name='staff_link_failure')
    op.drop_index('ix_staff_link_failure_who', table_name='staff_link_failure')
    op.drop_table('staff_link_failure')
    op.drop_index('ix_staff_link_code_code_hash', table_name='staff_link_code')
    op.drop_table('staff_link_code')
