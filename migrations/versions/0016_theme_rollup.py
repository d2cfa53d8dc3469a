"""theme rollup: per-day counts per theme

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 23:50:00

``daily_theme_counts`` holds the counts of ``daily_counts`` per theme, among the
commented responses tagged with it, so that theme rows and theme trends no
longer join every commented response with its themes; it is filled here from
the tags already stored.
"""

from alembic import op
import sqlalchemy as sa


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

COUNTS = ('responses', 'n', 'promoters', 'passives', 'detractors', 'csat_n', 'csat_top', 'csat_sum',
          'csat_sumsq', 'comments', 'csat_low', 's10_n', 's10_top', 's10_low', 's10_sum', 's10_sumsq',
          'sent_n', 'sent_pos', 'sent_neg')
# The counts of queries.rollup.count_expressions, as they were at this revision.
FILL = """
INSERT INTO daily_theme_counts (day, unit_id, touchpoint_id, channel, theme_id, {columns})
SELECT {day}, r.unit_id, r.touchpoint_id, r.channel, t.theme_id,
    count(*), count(r.nps),
    sum(CASE WHEN r.nps >= 9 THEN 1 ELSE 0 END), sum(CASE WHEN r.nps BETWEEN 7 AND 8 THEN 1 ELSE 0 END),
    sum(CASE WHEN r.nps <= 6 THEN 1 ELSE 0 END),
    count(r.csat), sum(CASE WHEN r.csat >= 4 THEN 1 ELSE 0 END), coalesce(sum(r.csat), 0),
    coalesce(sum(r.csat * r.csat), 0),
    sum(CASE WHEN r.comment IS NOT NULL AND trim(r.comment) != '' THEN 1 ELSE 0 END),
    sum(CASE WHEN r.csat <= 2 THEN 1 ELSE 0 END),
    count(r.scale10), sum(CASE WHEN r.scale10 >= 9 THEN 1 ELSE 0 END),
    sum(CASE WHEN r.scale10 <= 6 THEN 1 ELSE 0 END), coalesce(sum(r.scale10), 0),
    coalesce(sum(r.scale10 * r.scale10), 0),
    count(r.sentiment), sum(CASE WHEN r.sentiment > 0 THEN 1 ELSE 0 END),
    sum(CASE WHEN r.sentiment < 0 THEN 1 ELSE 0 END)
FROM responses r JOIN response_themes t ON t.response_id = r.id
WHERE r.comment IS NOT NULL AND trim(r.comment) != ''
GROUP BY {day}, r.unit_id, r.touchpoint_id, r.channel, t.theme_id
"""


def upgrade() -> None:
    op.create_table(
        'daily_theme_counts',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('touchpoint_id', sa.Integer(), nullable=False),
        sa.Column('channel', sa.String(length=40), nullable=False),
        sa.Column('theme_id', sa.Integer(), nullable=False),
        *[sa.Column(name, sa.Integer(), nullable=False) for name in COUNTS],
        sa.ForeignKeyConstraint(['theme_id'], ['themes.id'], name=op.f('fk_daily_theme_counts_theme_id_themes'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['touchpoint_id'], ['touchpoints.id'],
                                name=op.f('fk_daily_theme_counts_touchpoint_id_touchpoints')),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_daily_theme_counts_unit_id_units')),
        sa.PrimaryKeyConstraint('day', 'unit_id', 'touchpoint_id', 'channel', 'theme_id',
                                name=op.f('pk_daily_theme_counts')),
    )
    op.create_index('ix_daily_theme_counts_unit_day', 'daily_theme_counts', ['unit_id', 'day'], unique=False)
    day = ("substr(r.responded_at, 1, 10)" if op.get_bind().dialect.name == 'sqlite'
           else "CAST(timezone('UTC', r.responded_at) AS DATE)")
    op.execute(FILL.format(day=day, columns=', '.join(COUNTS)))


def downgrade() -> None:
    op.drop_index('ix_daily_theme_counts_unit_day', table_name='daily_theme_counts')
    op.drop_table('daily_theme_counts')
