"""Real sessions, expiring tokens, judged reviews; text columns as wide on PostgreSQL as on SQLite.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 01:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# Columns filled from documents: SQLite stores any length, so PostgreSQL must too.
WIDENED = {
    'documents': ('kinds', 'department', 'unit'),
    'projects': ('name', 'department', 'unit', 'printed_score', 'recomputed_score', 'execution_rate',
                 'grade'),
    'indicators': ('level1', 'level2', 'initial', 'weight', 'score', 'rate', 'recomputed_score'),
    'findings': ('table', 'department'),
}


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('disabled', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('label', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('expires_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('revoked_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('last_used_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('judged', sa.JSON(), nullable=True))
    for table, columns in WIDENED.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.alter_column(column, type_=sa.Text(), existing_nullable=column != 'kinds')


def downgrade() -> None:
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.drop_column('judged')
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        for column in ('last_used_at', 'revoked_at', 'expires_at', 'label'):
            batch_op.drop_column(column)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('disabled')
        batch_op.drop_column('session_version')
