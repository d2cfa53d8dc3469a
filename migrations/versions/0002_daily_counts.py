"""daily counts: per-day sufficient statistics for fast pages

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 14:30:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

COUNTS = ('responses', 'n', 'promoters', 'passives', 'detractors', 'csat_n', 'csat_top',
          'csat_sum', 'csat_sumsq', 'comments')


def upgrade() -> None:
    op.create_table(
        'daily_counts',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('touchpoint_id', sa.Integer(), nullable=False),
        sa.Column('channel', sa.String(length=40), nullable=False),
        *[sa.Column(name, sa.Integer(), nullable=False) for name in COUNTS],
        sa.ForeignKeyConstraint(['touchpoint_id'], ['touchpoints.id'],
                                name=op.f('fk_daily_counts_touchpoint_id_touchpoints')),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_daily_counts_unit_id_units')),
        sa.PrimaryKeyConstraint('day', 'unit_id', 'touchpoint_id', 'channel',
                                name=op.f('pk_daily_counts')),
    )
    op.create_index('ix_daily_counts_unit_day', 'daily_counts', ['unit_id', 'day'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_daily_counts_unit_day', table_name='daily_counts')
    op.drop_table('daily_counts')
