"""monthly rollups: the daily counts, segment counts and theme counts per month

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01 02:40:00

``monthly_counts``, ``monthly_segment_counts`` and ``monthly_theme_counts`` hold
the daily rollups summed per calendar month (``month``: its first day), so that a
read of a long period sums a row per month instead of one per day; they are
filled here from the daily tables.
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
# name: (the columns of a cell besides month and unit, extra foreign keys)
TABLES = {
    'counts': ((), ()),
    'segment_counts': ((('key', sa.String(length=80)), ('value', sa.String(length=255))), ()),
    'theme_counts': ((('theme_id', sa.Integer()),), (('theme_id', 'themes.id', 'CASCADE'),)),
}
FILL = """
INSERT INTO monthly_{name} (month, {cell}, {counts})
SELECT {month}, {cell}, {sums} FROM daily_{name} GROUP BY {month}, {cell}
"""


def upgrade() -> None:
    month = ("substr(day, 1, 7) || '-01'" if op.get_bind().dialect.name == 'sqlite'
             else "CAST(date_trunc('month', CAST(day AS TIMESTAMP WITHOUT TIME ZONE)) AS DATE)")
    for name, (extra, references) in TABLES.items():
        table = f'monthly_{name}'
        cell = ['unit_id', 'touchpoint_id', 'channel', *(column for column, _type in extra)]
        op.create_table(
            table,
            sa.Column('month', sa.Date(), nullable=False),
            sa.Column('unit_id', sa.Integer(), nullable=False),
            sa.Column('touchpoint_id', sa.Integer(), nullable=False),
            sa.Column('channel', sa.String(length=40), nullable=False),
            *[sa.Column(column, type_, nullable=False) for column, type_ in extra],
            *[sa.Column(column, sa.Integer(), nullable=False) for column in COUNTS],
            *[sa.ForeignKeyConstraint([column], [target], name=op.f(f'fk_{table}_{column}_{target.split(".")[0]}'),
                                      ondelete=ondelete) for column, target, ondelete in references],
            sa.ForeignKeyConstraint(['touchpoint_id'], ['touchpoints.id'],
                                    name=op.f(f'fk_{table}_touchpoint_id_touchpoints')),
            sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f(f'fk_{table}_unit_id_units')),
            sa.PrimaryKeyConstraint('month', *cell, name=op.f(f'pk_{table}')),
        )
        op.create_index(f'ix_{table}_unit_month', table, ['unit_id', 'month'], unique=False)
        op.execute(FILL.format(name=name, month=month, cell=', '.join(cell), counts=', '.join(COUNTS),
                               sums=', '.join(f'sum({column})' for column in COUNTS)))


def downgrade() -> None:
    for name in TABLES:
        op.drop_index(f'ix_monthly_{name}_unit_month', table_name=f'monthly_{name}')
        op.drop_table(f'monthly_{name}')
