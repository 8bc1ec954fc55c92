"""retention: legal holds on a case or an author; indexes on the foreign keys a purge checks

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

# Deleting a decision or an analysis makes the database check every row that points at it.
INDEXED = [('action', 'decision_id'), ('escalation', 'decision_id'), ('referral', 'decision_id'),
           ('decision', 'analysis_id')]


def upgrade() -> None:
    op.create_table('legalhold',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=True),
    sa.Column('comment_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('placed_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('placed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('removed_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('removed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('removed_reason', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('legalhold', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_legalhold_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_legalhold_comment_id'), ['comment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_legalhold_school_id'), ['school_id'], unique=False)
    for table, column in INDEXED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(f'ix_{table}_{column}', [column], unique=False)


def downgrade() -> None:
    for table, column in INDEXED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f'ix_{table}_{column}')
    with op.batch_alter_table('legalhold', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_legalhold_school_id'))
        batch_op.drop_index(batch_op.f('ix_legalhold_comment_id'))
        batch_op.drop_index(batch_op.f('ix_legalhold_author_id'))
    op.drop_table('legalhold')
