"""Edits per row: the printed values kept beside the edited ones, and the project version
of a row's last edit, so that two people editing different rows of a project do not conflict.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 02:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('printed', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('changed_in', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.drop_column('changed_in')
        batch_op.drop_column('printed')
