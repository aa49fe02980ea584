"""A finding keeps the cell of its line it points at, so its page can outline that cell.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 02:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('column_index', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.drop_column('column_index')
