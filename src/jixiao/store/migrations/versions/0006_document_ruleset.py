"""The rule set a document was scored by when it was chosen at import (``NULL``: chosen by its
region and year), so that every rescoring after an edit uses the same rules.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 06:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ruleset', sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_column('ruleset')
