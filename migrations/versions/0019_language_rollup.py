"""comments per day, unit and language

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01 18:00:00

``daily_language_counts`` holds how many comments with a detected language each
unit has per UTC day, so that the comments page's language filter lists the
languages of the user's units from it instead of reading every response. It is
filled here from the responses.
"""

from alembic import op
import sqlalchemy as sa


revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None

FILL = """
INSERT INTO daily_language_counts (day, unit_id, language, comments)
SELECT {day}, unit_id, language, count(*) FROM responses
WHERE comment IS NOT NULL AND trim(comment) != '' AND language IS NOT NULL
GROUP BY 1, 2, 3
"""


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == 'sqlite'
    op.create_table(
        'daily_language_counts',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(length=8), nullable=False),
        sa.Column('comments', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_daily_language_counts_unit_id_units')),
        sa.PrimaryKeyConstraint('day', 'unit_id', 'language', name=op.f('pk_daily_language_counts')),
    )
    op.create_index('ix_daily_language_counts_unit_day', 'daily_language_counts', ['unit_id', 'day'], unique=False)
    op.execute(FILL.format(day="substr(responded_at, 1, 10)" if sqlite
                           else "CAST(timezone('UTC', responded_at) AS DATE)"))


def downgrade() -> None:
    op.drop_index('ix_daily_language_counts_unit_day', table_name='daily_language_counts')
    op.drop_table('daily_language_counts')
