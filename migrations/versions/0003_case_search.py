"""staff queue: complaint word index for the Thai search (filled for existing complaints), queue indexes

Revision ID: 0003
Revises: 0002
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0003'
down_revision: Union[str, None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

BATCH = 1000
QUEUE_INDEXES = {
    'ix_complaint_division_created': ['division_id', 'created_at'],
    'ix_complaint_division_status': ['division_id', 'status', 'created_at'],
    'ix_complaint_category_created': ['category_id', 'created_at'],
    'ix_complaint_category_status': ['category_id', 'status', 'created_at'],
    'ix_complaint_status_due': ['status', 'due_at'],
}


def upgrade() -> None:
    op.create_table(
        'complaint_word',
        sa.Column('word', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['complaint.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('word', 'case_id'),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table('complaint_word', schema=None) as batch_op:
        batch_op.create_index('ix_complaint_word_case', ['case_id'], unique=False)
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        for name, columns in QUEUE_INDEXES.items():
            batch_op.create_index(name, columns, unique=False)
    _index_existing_complaints()


def _index_existing_complaints() -> None:
    """Words of the complaints made before this revision. Plain tables, not the models: the models
    may have columns a later revision adds. Only the tokenizer is shared with the application."""
    from models.search import MAX_WORDS_PER_CASE, words_of

    conn = op.get_bind()
    complaint = sa.table('complaint', sa.column('id', sa.Integer), sa.column('description', sa.Text),
                         sa.column('landmark', sa.String), sa.column('location_title', sa.String))
    word = sa.table('complaint_word', sa.column('word', sa.String), sa.column('case_id', sa.Integer))
    last = 0
    while True:
        rows = conn.execute(sa.select(complaint.c.id, complaint.c.description, complaint.c.landmark,
                                      complaint.c.location_title)
                            .where(complaint.c.id > last).order_by(complaint.c.id).limit(BATCH)).all()
        if not rows:
            return
        values = [{'word': w, 'case_id': r.id} for r in rows
                  for w in sorted(words_of(' '.join(x or '' for x in r[1:])))[:MAX_WORDS_PER_CASE]]
        if values:
            conn.execute(word.insert(), values)
        last = rows[-1].id


def downgrade() -> None:
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        for name in QUEUE_INDEXES:
            batch_op.drop_index(name)
    with op.batch_alter_table('complaint_word', schema=None) as batch_op:
        batch_op.drop_index('ix_complaint_word_case')
    op.drop_table('complaint_word')
