"""audit_events: who changed what, for the audit log (retention needs no column)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 10:00:00

An append-only table of administrative changes (users, roles, passwords,
imports, rollbacks, follow-up rules, themes, thresholds and targets, segments,
the retention period and its runs), written in the same transaction as each
change by ``queries.audit.record``. The retention period itself is a setting
(``retention_months`` in ``settings``), so no other table changes.
"""

from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'audit_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('action', sa.String(length=40), nullable=False),
        sa.Column('target_type', sa.String(length=40), nullable=True),
        sa.Column('target_id', sa.String(length=120), nullable=True),
        sa.Column('detail', sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_audit_events_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events')),
    )
    op.create_index('ix_audit_events_at', 'audit_events', ['at'])
    op.create_index('ix_audit_events_action_at', 'audit_events', ['action', 'at'])
    op.create_index('ix_audit_events_user_at', 'audit_events', ['user_id', 'at'])


def downgrade() -> None:
    op.drop_index('ix_audit_events_user_at', table_name='audit_events')
    op.drop_index('ix_audit_events_action_at', table_name='audit_events')
    op.drop_index('ix_audit_events_at', table_name='audit_events')
    op.drop_table('audit_events')
