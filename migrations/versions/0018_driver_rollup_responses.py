"""the driver rollup counts its responses

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01 17:00:00

``daily_driver_counts`` and ``monthly_driver_counts`` gain ``responses``: the
responses of each cell, whatever they answered. With it, the comments among a
period's responses and those without an active theme are read from the rollup
instead of every commented response. The daily table is filled again from the
responses and their tags (as revision 0017 filled it, plus the count), the
monthly one from the daily rows.
"""

from alembic import op
import sqlalchemy as sa


revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None

TABLES = ('daily_driver_counts', 'monthly_driver_counts')
# Per measure of analysis.measures, as at this revision: column, good side, bad side.
MEASURES = {'nps': ('nps', (9, 10), (0, 6)), 'csat': ('csat', (4, 5), (1, 2)),
            'scale10': ('scale10', (9, 10), (1, 6)), 'positive': ('sentiment', (1, 1), (-1, -1))}
COUNTS = ('responses', *(f'{key}_{part}' for key in MEASURES for part in ('n', 'sum', 'sumsq', 'good', 'bad')))
DAILY = """
INSERT INTO daily_driver_counts (day, unit_id, touchpoint_id, channel, commented, themes, {columns})
SELECT {day}, r.unit_id, r.touchpoint_id, r.channel,
    CASE WHEN r.comment IS NOT NULL AND trim(r.comment) != '' THEN 1 ELSE 0 END, coalesce(s.themes, ''), {sums}
FROM responses r LEFT JOIN (
    SELECT response_id, {concat} AS themes
    FROM (SELECT response_id, theme_id FROM response_themes ORDER BY response_id, theme_id) AS tags
    GROUP BY response_id) AS s ON s.response_id = r.id
GROUP BY 1, 2, 3, 4, 5, 6
"""
MONTHLY = """
INSERT INTO monthly_driver_counts (month, unit_id, touchpoint_id, channel, commented, themes, {columns})
SELECT {month}, unit_id, touchpoint_id, channel, commented, themes, {sums}
FROM daily_driver_counts GROUP BY 1, 2, 3, 4, 5, 6
"""


def _sums() -> str:
    parts = ['count(*)']
    for column, good, bad in MEASURES.values():
        parts += [f'count(r.{column})', f'coalesce(sum(r.{column}), 0)', f'coalesce(sum(r.{column} * r.{column}), 0)',
                  *(f'sum(CASE WHEN r.{column} BETWEEN {low} AND {high} THEN 1 ELSE 0 END)'
                    for low, high in (good, bad))]
    return ', '.join(parts)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == 'sqlite'
    for table in TABLES:
        op.add_column(table, sa.Column('responses', sa.Integer(), nullable=False, server_default='0'))
        op.execute(f'DELETE FROM {table}')
    op.execute(DAILY.format(
        columns=', '.join(COUNTS), sums=_sums(),
        day="substr(r.responded_at, 1, 10)" if sqlite else "CAST(timezone('UTC', r.responded_at) AS DATE)",
        concat="group_concat(theme_id, ',')" if sqlite else "string_agg(CAST(theme_id AS TEXT), ',')"))
    op.execute(MONTHLY.format(
        columns=', '.join(COUNTS), sums=', '.join(f'sum({column})' for column in COUNTS),
        month=("substr(day, 1, 7) || '-01'" if sqlite
               else "CAST(date_trunc('month', CAST(day AS TIMESTAMP WITHOUT TIME ZONE)) AS DATE)")))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column('responses')
