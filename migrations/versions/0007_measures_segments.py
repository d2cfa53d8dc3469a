"""Measures beyond NPS, segments that are switched on, passwords to change

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 11:00:00

* ``responses.scale10`` (a 1–10 rating, its own measure) and ``responses.sentiment``
  (1 positive, 0 neutral, -1 negative);
* their sufficient statistics per day in ``daily_counts`` (``s10_*``, ``sent_*``)
  and ``csat_low`` (satisfaction 1–2, the complaint side of a star rating); the
  existing rows get zeros, then every day is recounted from ``responses``;
* ``segments``: which imported attribute keys pages compare, and why;
* ``users.must_change_password``.

Plain ADD COLUMN (no batch rebuild), as in 0006.
"""

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

DAILY = ('csat_low', 's10_n', 's10_top', 's10_low', 's10_sum', 's10_sumsq',
         'sent_n', 'sent_pos', 'sent_neg')


def upgrade() -> None:
    op.add_column('responses', sa.Column('scale10', sa.SmallInteger(), nullable=True))
    op.add_column('responses', sa.Column('sentiment', sa.SmallInteger(), nullable=True))
    for name in DAILY:
        op.add_column('daily_counts', sa.Column(name, sa.Integer(), nullable=False,
                                                server_default='0'))
    op.add_column('users', sa.Column('must_change_password', sa.Boolean(), nullable=False,
                                     server_default=sa.false()))
    op.create_table(
        'segments',
        sa.Column('key', sa.String(length=80), nullable=False),
        sa.Column('enabled', sa.Boolean(), nullable=False),
        sa.Column('reason', sa.String(length=40), nullable=False),
        sa.Column('distinct_values', sa.Integer(), nullable=False),
        sa.Column('decided_by', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['decided_by'], ['users.id'], name=op.f('fk_segments_decided_by_users')),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_segments')),
    )
    # Attribute keys imported before this revision stay comparable, as they were.
    op.execute("INSERT INTO segments (key, enabled, reason, distinct_values, updated_at) "
               "SELECT key, true, 'earlier_import', count(DISTINCT value), CURRENT_TIMESTAMP "
               "FROM response_attributes GROUP BY key")
    # Satisfaction 1–2 per day, unit, touchpoint and channel (the other new counts
    # start at zero: no response had a 1–10 rating or a sentiment label before).
    day = ("substr(responded_at, 1, 10)" if op.get_bind().dialect.name == "sqlite"
           else "CAST(timezone('UTC', responded_at) AS DATE)")
    op.execute(
        "UPDATE daily_counts SET csat_low = low.count FROM ("
        f" SELECT {day} AS day, unit_id, touchpoint_id, channel, count(*) AS count"
        " FROM responses WHERE csat <= 2"
        f" GROUP BY {day}, unit_id, touchpoint_id, channel) AS low"
        " WHERE daily_counts.day = low.day AND daily_counts.unit_id = low.unit_id"
        " AND daily_counts.touchpoint_id = low.touchpoint_id AND daily_counts.channel = low.channel")


def downgrade() -> None:
    op.drop_table('segments')
    op.drop_column('users', 'must_change_password')
    for name in reversed(DAILY):
        op.drop_column('daily_counts', name)
    op.drop_column('responses', 'sentiment')
    op.drop_column('responses', 'scale10')
