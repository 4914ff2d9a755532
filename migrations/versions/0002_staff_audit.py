"""staff, roles, audit log, assignment and history kinds

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 23:36:06.178135
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = '0002'
down_revision: Union[str, None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('staff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('display_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('password_hash', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('roles', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('division_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('last_login_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['division_id'], ['division.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('username')
    )
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('target_kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('target_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('ip', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_at', ['at'], unique=False)
        batch_op.create_index('ix_audit_target', ['target_kind', 'target_id'], unique=False)

    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.add_column(sa.Column('assigned_staff_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_complaint_assigned_staff_id'), ['assigned_staff_id'], unique=False)
        batch_op.create_foreign_key('fk_complaint_staff', 'staff', ['assigned_staff_id'], ['id'])

    with op.batch_alter_table('complaint_history', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False,
                                      server_default='status'))
        batch_op.add_column(sa.Column('message', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('staff_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_complaint_history_staff', 'staff', ['staff_id'], ['id'])

    with op.batch_alter_table('corruption_history', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False,
                                      server_default='status'))
        batch_op.add_column(sa.Column('message', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('staff_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_corruption_history_staff', 'staff', ['staff_id'], ['id'])

    with op.batch_alter_table('corruption_report', schema=None) as batch_op:
        batch_op.add_column(sa.Column('assigned_staff_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_corruption_report_assigned_staff_id'), ['assigned_staff_id'], unique=False)
        batch_op.create_foreign_key('fk_corruption_report_staff', 'staff', ['assigned_staff_id'], ['id'])

    with op.batch_alter_table('outbound_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ticket', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))
        batch_op.create_index(batch_op.f('ix_outbound_message_ticket'), ['ticket'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('outbound_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbound_message_ticket'))
        batch_op.drop_column('ticket')

    with op.batch_alter_table('corruption_report', schema=None) as batch_op:
        batch_op.drop_constraint('fk_corruption_report_staff', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_corruption_report_assigned_staff_id'))
        batch_op.drop_column('assigned_staff_id')

    with op.batch_alter_table('corruption_history', schema=None) as batch_op:
        batch_op.drop_constraint('fk_corruption_history_staff', type_='foreignkey')
        batch_op.drop_column('staff_id')
        batch_op.drop_column('message')
        batch_op.drop_column('kind')

    with op.batch_alter_table('complaint_history', schema=None) as batch_op:
        batch_op.drop_constraint('fk_complaint_history_staff', type_='foreignkey')
        batch_op.drop_column('staff_id')
        batch_op.drop_column('message')
        batch_op.drop_column('kind')

    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_constraint('fk_complaint_staff', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_complaint_assigned_staff_id'))
        batch_op.drop_column('assigned_staff_id')

    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_target')
        batch_op.drop_index('ix_audit_at')

    op.drop_table('audit_log')
    op.drop_table('staff')
