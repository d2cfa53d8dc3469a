"""theme_proposals: candidate themes a manager proposes for an administrator to accept

Revision ID: 0011
Revises: 0014
Create Date: 2026-11-30 15:00:00

A proposal keeps the candidate's key terms and suggested patterns (by
language), who proposed it for which unit and when, and its status (pending,
accepted, declined) with who decided when.
"""

from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'theme_proposals',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('terms', sa.Text(), nullable=False),
        sa.Column('patterns', sa.JSON(), nullable=False),
        sa.Column('proposed_by', sa.Integer(), nullable=True),
        sa.Column('unit_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('decided_by', sa.Integer(), nullable=True),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['proposed_by'], ['users.id'], name=op.f('fk_theme_proposals_proposed_by_users')),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_theme_proposals_unit_id_units')),
        sa.ForeignKeyConstraint(['decided_by'], ['users.id'], name=op.f('fk_theme_proposals_decided_by_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_theme_proposals')),
    )
    op.create_index('ix_theme_proposals_status', 'theme_proposals', ['status', 'created_at'])


def downgrade() -> None:
    op.drop_index('ix_theme_proposals_status', table_name='theme_proposals')
    op.drop_table('theme_proposals')
