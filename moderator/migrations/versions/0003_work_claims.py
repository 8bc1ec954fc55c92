"""comment claims, per-endpoint blocks on accounts, stored explanations, detected language

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('account') as batch:
        batch.add_column(sa.Column('blocked', sa.JSON(), nullable=False, server_default='{}'))
    with op.batch_alter_table('comment') as batch:
        batch.add_column(sa.Column('claimed_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch.add_column(sa.Column('claimed_until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch.create_index('ix_comment_author_created', ['author_id', 'created_at'], unique=False)
    with op.batch_alter_table('decision') as batch:
        batch.add_column(sa.Column('explanation', sa.JSON(), nullable=False, server_default='[]'))
    with op.batch_alter_table('escalation') as batch:
        batch.add_column(sa.Column('shadow', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('analysis') as batch:
        batch.add_column(sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True))
        batch.add_column(sa.Column('language_confidence', sa.Float(), nullable=True))
    _backfill_explanations()


def _backfill_explanations() -> None:
    """Decisions made before explanations were stored: one line per rule, from the signal it recorded
    (the rule's own wording was not kept, and today's policy file may say something else)."""
    decision = sa.table('decision', sa.column('id', sa.Integer), sa.column('rules', sa.JSON),
                        sa.column('signals', sa.JSON), sa.column('clauses', sa.JSON),
                        sa.column('explanation', sa.JSON))
    conn = op.get_bind()
    rows = conn.execute(sa.select(decision.c.id, decision.c.rules, decision.c.signals, decision.c.clauses)).all()
    for row_id, rules, signals, clauses in rows:
        rules, signals = rules or [], signals or []
        clause_ids = [c.get('id') for c in (clauses or []) if isinstance(c, dict)]
        lines = [{'rule': rule, 'signal': signals[i] if i < len(signals) else rule,
                  'text': signals[i] if i < len(signals) else rule, 'clauses': clause_ids, 'backfilled': True}
                 for i, rule in enumerate(rules)]
        conn.execute(decision.update().where(decision.c.id == row_id).values(explanation=lines))


def downgrade() -> None:
    with op.batch_alter_table('escalation') as batch:
        batch.drop_column('shadow')
    with op.batch_alter_table('analysis') as batch:
        batch.drop_column('language_confidence')
        batch.drop_column('language')
    with op.batch_alter_table('decision') as batch:
        batch.drop_column('explanation')
    with op.batch_alter_table('comment') as batch:
        batch.drop_index('ix_comment_author_created')
        batch.drop_column('claimed_until')
        batch.drop_column('claimed_by')
    with op.batch_alter_table('account') as batch:
        batch.drop_column('blocked')
