"""photo content in the database (models/media_store.py): media_blob, and evidence_blob for corruption
evidence kept apart, so that every machine running the service reaches every photo

Revision ID: 0012
Revises: 0008
Create Date: 2026-12-07 00:45:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0012'
down_revision: Union[str, None] = '0008'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

TABLES = ('media_blob', 'evidence_blob')


def upgrade() -> None:
    for name in TABLES:
        op.create_table(
            name,
            sa.Column('path', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
            sa.Column('content_type', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
            sa.Column('size', sa.Integer(), nullable=False),
            sa.Column('data', sa.LargeBinary(), nullable=False),
            sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
            sa.PrimaryKeyConstraint('path'),
        )
        if op.get_bind().dialect.name == 'postgresql':
            # JPEG/PNG/WebP are compressed already: TOAST stores them out of line without trying pglz
            # on every write (and a range read would not need to decompress).
            op.execute(f'ALTER TABLE {name} ALTER COLUMN data SET STORAGE EXTERNAL')


def downgrade() -> None:
    for name in reversed(TABLES):
        op.drop_table(name)
