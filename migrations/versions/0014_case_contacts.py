"""follow_up_contacts and follow_ups.customer_rating: closing the loop with the customer

Revision ID: 0014
Revises: 0009
Create Date: 2026-11-30 15:00:00

Each attempt to reach the customer of a follow-up case (how, whether it reached
them, how they took it, a note) is a row of ``follow_up_contacts``; the
customer's own satisfaction with the follow-up (1–5) is kept on the case. The
customer's contact details themselves stay where the import put them (attributes
named by the mapping's ``contacts``), so retention removes them like any other.
"""

from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'follow_up_contacts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('follow_up_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('channel', sa.String(length=20), nullable=False),
        sa.Column('outcome', sa.String(length=20), nullable=False),
        sa.Column('reaction', sa.String(length=20), nullable=True),
        sa.Column('note', sa.Text(), nullable=False, server_default=''),
        sa.ForeignKeyConstraint(['follow_up_id'], ['follow_ups.id'], ondelete='CASCADE',
                                name=op.f('fk_follow_up_contacts_follow_up_id_follow_ups')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_follow_up_contacts_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up_contacts')),
    )
    op.create_index('ix_follow_up_contacts_follow_up_id', 'follow_up_contacts', ['follow_up_id'])
    with op.batch_alter_table('follow_ups') as batch:
        batch.add_column(sa.Column('customer_rating', sa.SmallInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('follow_ups') as batch:
        batch.drop_column('customer_rating')
    op.drop_index('ix_follow_up_contacts_follow_up_id', table_name='follow_up_contacts')
    op.drop_table('follow_up_contacts')
