"""workshops.current_insight_id and workshop_votes: employees take part from their phones

Revision ID: 0015
Revises: 0012
Create Date: 2026-11-30 15:50:00

The facilitator's current slide is kept on the workshop (``current_insight_id``)
so participants see the insight being discussed. Each participant's vote is a row
of ``workshop_votes``; its primary key (proposal, user) makes "one vote per idea"
hold even when two taps arrive at once. ``workshop_proposals.votes`` stays the
count shown to everyone (votes from phones plus the facilitator's hand count).
"""

from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('workshops') as batch:
        batch.add_column(sa.Column('current_insight_id', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_workshops_current_insight', 'insights', ['current_insight_id'], ['id'],
                                 ondelete='SET NULL')
    op.create_table(
        'workshop_votes',
        sa.Column('proposal_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['proposal_id'], ['workshop_proposals.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('proposal_id', 'user_id'),
    )
    op.create_index('ix_workshop_votes_workshop_user', 'workshop_votes', ['workshop_id', 'user_id'])


def downgrade() -> None:
    op.drop_index('ix_workshop_votes_workshop_user', table_name='workshop_votes')
    op.drop_table('workshop_votes')
    with op.batch_alter_table('workshops') as batch:
        batch.drop_constraint('fk_workshops_current_insight', type_='foreignkey')
        batch.drop_column('current_insight_id')
