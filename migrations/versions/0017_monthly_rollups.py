"""monthly rollups, and a driver rollup per day and month

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01 02:40:00

``monthly_counts``, ``monthly_segment_counts`` and ``monthly_theme_counts`` hold
the daily rollups summed per calendar month (``month``: its first day), so that a
read of a long period sums a row per month instead of one per day; they are
filled here from the daily tables. ``daily_driver_counts`` holds the cells of the
key-driver regression (per day, unit, touchpoint, channel, commented or not, and
set of tagged themes: sufficient statistics of every measure), filled here from
the responses and their tags, and ``monthly_driver_counts`` the same per month.
"""

from alembic import op
import sqlalchemy as sa


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None

COUNTS = ('responses', 'n', 'promoters', 'passives', 'detractors', 'csat_n', 'csat_top', 'csat_sum',
          'csat_sumsq', 'comments', 'csat_low', 's10_n', 's10_top', 's10_low', 's10_sum', 's10_sumsq',
          'sent_n', 'sent_pos', 'sent_neg')
# Per measure of analysis.measures: answers, sum, sum of squares, good side, bad side.
MEASURES = {'nps': ('nps', (9, 10), (0, 6)), 'csat': ('csat', (4, 5), (1, 2)),
            'scale10': ('scale10', (9, 10), (1, 6)), 'positive': ('sentiment', (1, 1), (-1, -1))}
DRIVER_COUNTS = tuple(f'{key}_{part}' for key in MEASURES for part in ('n', 'sum', 'sumsq', 'good', 'bad'))
DRIVER_FILL = """
INSERT INTO daily_driver_counts (day, unit_id, touchpoint_id, channel, commented, themes, {columns})
SELECT {day}, r.unit_id, r.touchpoint_id, r.channel,
    CASE WHEN r.comment IS NOT NULL AND trim(r.comment) != '' THEN 1 ELSE 0 END, coalesce(s.themes, ''), {sums}
FROM responses r LEFT JOIN (
    SELECT response_id, {concat} AS themes
    FROM (SELECT response_id, theme_id FROM response_themes ORDER BY response_id, theme_id) AS tags
    GROUP BY response_id) AS s ON s.response_id = r.id
GROUP BY 1, 2, 3, 4, 5, 6
"""


def _driver_sums() -> str:
    parts = []
    for column, good, bad in MEASURES.values():
        parts += [f'count(r.{column})', f'coalesce(sum(r.{column}), 0)', f'coalesce(sum(r.{column} * r.{column}), 0)',
                  *(f'sum(CASE WHEN r.{column} BETWEEN {low} AND {high} THEN 1 ELSE 0 END)'
                    for low, high in (good, bad))]
    return ', '.join(parts)


# name: (the columns of a cell besides month and unit, extra foreign keys)
TABLES = {
    'counts': ((), ()),
    'segment_counts': ((('key', sa.String(length=80)), ('value', sa.String(length=255))), ()),
    'theme_counts': ((('theme_id', sa.Integer()),), (('theme_id', 'themes.id', 'CASCADE'),)),
    'driver_counts': ((('commented', sa.Integer()), ('themes', sa.Text())), ()),
}
FILL = """
INSERT INTO monthly_{name} (month, {cell}, {counts})
SELECT {month}, {cell}, {sums} FROM daily_{name} GROUP BY {month}, {cell}
"""


def _create(table: str, first: str, extra, references, counts) -> None:
    """A rollup table: ``first`` (day or month), unit, touchpoint, channel, ``extra`` cell columns."""
    cell = ['unit_id', 'touchpoint_id', 'channel', *(column for column, _type in extra)]
    op.create_table(
        table,
        sa.Column(first, sa.Date(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('touchpoint_id', sa.Integer(), nullable=False),
        sa.Column('channel', sa.String(length=40), nullable=False),
        *[sa.Column(column, type_, nullable=False) for column, type_ in extra],
        *[sa.Column(column, sa.Integer(), nullable=False) for column in counts],
        *[sa.ForeignKeyConstraint([column], [target], name=op.f(f'fk_{table}_{column}_{target.split(".")[0]}'),
                                  ondelete=ondelete) for column, target, ondelete in references],
        sa.ForeignKeyConstraint(['touchpoint_id'], ['touchpoints.id'],
                                name=op.f(f'fk_{table}_touchpoint_id_touchpoints')),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f(f'fk_{table}_unit_id_units')),
        sa.PrimaryKeyConstraint(first, *cell, name=op.f(f'pk_{table}')),
    )
    op.create_index(f'ix_{table}_unit_{first}', table, ['unit_id', first], unique=False)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == 'sqlite'
    _create('daily_driver_counts', 'day', *TABLES['driver_counts'], DRIVER_COUNTS)
    op.execute(DRIVER_FILL.format(
        columns=', '.join(DRIVER_COUNTS), sums=_driver_sums(),
        day="substr(r.responded_at, 1, 10)" if sqlite else "CAST(timezone('UTC', r.responded_at) AS DATE)",
        concat="group_concat(theme_id, ',')" if sqlite else "string_agg(CAST(theme_id AS TEXT), ',')"))
    month = ("substr(day, 1, 7) || '-01'" if sqlite
             else "CAST(date_trunc('month', CAST(day AS TIMESTAMP WITHOUT TIME ZONE)) AS DATE)")
    for name, (extra, references) in TABLES.items():
        counts = DRIVER_COUNTS if name == 'driver_counts' else COUNTS
        _create(f'monthly_{name}', 'month', extra, references, counts)
        cell = ['unit_id', 'touchpoint_id', 'channel', *(column for column, _type in extra)]
        op.execute(FILL.format(name=name, month=month, cell=', '.join(cell), counts=', '.join(counts),
                               sums=', '.join(f'sum({column})' for column in counts)))


def downgrade() -> None:
    for name in TABLES:
        op.drop_index(f'ix_monthly_{name}_unit_month', table_name=f'monthly_{name}')
        op.drop_table(f'monthly_{name}')
    op.drop_index('ix_daily_driver_counts_unit_day', table_name='daily_driver_counts')
    op.drop_table('daily_driver_counts')
