"""comment search: a full-text index on responses.comment

SQLite: an FTS5 external-content table ``comments_fts`` kept in step with
``responses`` by triggers (a batch migration that recreates ``responses`` drops
these triggers and must create them again). PostgreSQL: a GIN index on the
'simple' tsvector of the comment; queries must use exactly that expression.
Both fold case but keep å, ä and ö distinct letters, and neither stems.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 09:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

PG_INDEX = 'ix_responses_comment_fts'
PG_DOCUMENT = "to_tsvector('simple', coalesce(comment, ''))"

SQLITE_UPGRADE = [
    """CREATE VIRTUAL TABLE comments_fts USING fts5(
        comment, content='responses', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER responses_fts_insert AFTER INSERT ON responses BEGIN
        INSERT INTO comments_fts(rowid, comment) VALUES (new.id, new.comment);
    END""",
    """CREATE TRIGGER responses_fts_delete AFTER DELETE ON responses BEGIN
        INSERT INTO comments_fts(comments_fts, rowid, comment) VALUES ('delete', old.id, old.comment);
    END""",
    """CREATE TRIGGER responses_fts_update AFTER UPDATE OF comment ON responses BEGIN
        INSERT INTO comments_fts(comments_fts, rowid, comment) VALUES ('delete', old.id, old.comment);
        INSERT INTO comments_fts(rowid, comment) VALUES (new.id, new.comment);
    END""",
    "INSERT INTO comments_fts(comments_fts) VALUES ('rebuild')",
]
SQLITE_DOWNGRADE = [
    "DROP TRIGGER IF EXISTS responses_fts_update",
    "DROP TRIGGER IF EXISTS responses_fts_delete",
    "DROP TRIGGER IF EXISTS responses_fts_insert",
    "DROP TABLE IF EXISTS comments_fts",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        for statement in SQLITE_UPGRADE:
            op.execute(statement)
    elif dialect == 'postgresql':
        op.create_index(PG_INDEX, 'responses', [sa.text(PG_DOCUMENT)], postgresql_using='gin')


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        for statement in SQLITE_DOWNGRADE:
            op.execute(statement)
    elif dialect == 'postgresql':
        op.drop_index(PG_INDEX, table_name='responses')
