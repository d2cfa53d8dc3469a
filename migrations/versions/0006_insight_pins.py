"""insights.filters and insights.fingerprint: pin a finding with its filters, once

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 16:00:00

``filters`` keeps the page's filters at the time a finding was pinned (unit,
period, touchpoint, channel…); ``fingerprint`` is a hash of what identifies the
finding with a unique index, so pinning the same finding twice does not create a
second row. Rows pinned before this revision keep NULL in both (NULLs never collide).

Plain ADD COLUMN and CREATE UNIQUE INDEX, no batch table rebuild: on SQLite a
rebuild drops ``insights``, which fails its foreign keys once actions or
workshops point at insights (PRAGMA foreign_keys is on and cannot be switched
off inside the migration's transaction).
"""

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('insights', sa.Column('filters', sa.JSON(), nullable=True))
    op.add_column('insights', sa.Column('fingerprint', sa.String(length=64), nullable=True))
    op.create_index('ix_insights_fingerprint', 'insights', ['fingerprint'], unique=True)


def downgrade() -> None:
    op.drop_index('ix_insights_fingerprint', table_name='insights')
    # SQLite (3.35+) and PostgreSQL both drop a column without a rebuild.
    op.drop_column('insights', 'fingerprint')
    op.drop_column('insights', 'filters')
