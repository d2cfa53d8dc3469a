"""Alembic environment: runs migrations on the connection the app hands over,
or on the configured database when called from the command line."""

from alembic import context
from sqlalchemy import create_engine

from queries.config import database_url
from queries.schema import Base

target_metadata = Base.metadata


def include_name(name, type_, _parents) -> bool:
    """Leave the comment search index (migration 0003, not a model) out of autogenerate."""
    return not (type_ == "table" and name.startswith("comments_fts")
                or type_ == "index" and name == "ix_responses_comment_fts")


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_name=include_name,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = create_engine(context.config.get_main_option("sqlalchemy.url") or database_url())
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()
