"""Partial-match search over departments, units, projects and indicators.

One table of entries (``search_entries``), indexed by trigrams: SQLite an FTS5 table with the
trigram tokenizer, kept in step by triggers; PostgreSQL a GIN ``pg_trgm`` index where the
extension can be created (without it, search still works, by scanning this one table).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 03:00:00
"""

import logging

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

SQLITE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5(body, content='search_entries', content_rowid='id', "
    "tokenize='trigram')",
    "CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN "
    "INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER search_entries_au AFTER UPDATE ON search_entries BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body); "
    "INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END",
)
# What was stored before this revision, searchable at once.
BACKFILL = (
    "INSERT INTO search_entries (kind, document_id, project_id, indicator_id, label, body) "
    "SELECT 'department', document_id, id, NULL, department, department FROM projects WHERE department IS NOT NULL",
    "INSERT INTO search_entries (kind, document_id, project_id, indicator_id, label, body) "
    "SELECT 'unit', document_id, id, NULL, unit, unit FROM projects WHERE unit IS NOT NULL",
    "INSERT INTO search_entries (kind, document_id, project_id, indicator_id, label, body) "
    "SELECT 'project', document_id, id, NULL, name, name FROM projects WHERE name IS NOT NULL",
    "INSERT INTO search_entries (kind, document_id, project_id, indicator_id, label, body) "
    "SELECT 'indicator', p.document_id, p.id, i.id, i.name, i.name FROM indicators i "
    "JOIN projects p ON p.id = i.project_id WHERE i.name IS NOT NULL",
)


def upgrade() -> None:
    op.create_table(
        'search_entries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('document_id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=True),
        sa.Column('indicator_id', sa.Integer(), nullable=True),
        sa.Column('label', sa.Text(), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE',
                                name=op.f('fk_search_entries_document_id_documents')),
        sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ondelete='CASCADE',
                                name=op.f('fk_search_entries_project_id_projects')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_search_entries')),
    )
    op.create_index(op.f('ix_search_entries_document_id'), 'search_entries', ['document_id'])
    op.create_index(op.f('ix_search_entries_project_id'), 'search_entries', ['project_id'])
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        for statement in SQLITE:
            op.execute(statement)
    elif bind.dialect.name == 'postgresql':
        try:
            with bind.begin_nested():
                op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                op.execute("CREATE INDEX ix_search_entries_trgm ON search_entries USING gin (body gin_trgm_ops)")
        except sa.exc.DBAPIError:
            logging.getLogger(__name__).warning("无法创建 pg_trgm 扩展：搜索将逐行扫描 search_entries")
    for statement in BACKFILL:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        for name in ('search_entries_au', 'search_entries_ad', 'search_entries_ai'):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS search_fts")
    op.execute("DROP INDEX IF EXISTS ix_search_entries_trgm")
    op.drop_index(op.f('ix_search_entries_project_id'), table_name='search_entries')
    op.drop_index(op.f('ix_search_entries_document_id'), table_name='search_entries')
    op.drop_table('search_entries')
