"""The Alembic migrations build exactly the schema of queries/schema.py, on SQLite
and on PostgreSQL, and upgrading twice is harmless."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from queries.db import engine_for, upgrade
from queries.schema import Base


@pytest.fixture(params=["sqlite", "postgres"])
def migrated_engine(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'schema.db'}"
    else:
        url = request.getfixturevalue("postgres_server_url")
    engine = engine_for(url)
    upgrade(engine)
    upgrade(engine)
    return engine


def _not_search_index(name, type_, _parents) -> bool:
    """The comment search index (migration 0003) has no model, as in migrations/env.py."""
    return not (type_ == "table" and name.startswith("comments_fts")
                or type_ == "index" and name == "ix_responses_comment_fts")


def test_migrations_match_the_models(migrated_engine):
    with migrated_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": _not_search_index})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_filter_columns_are_indexed(migrated_engine):
    indexed = {tuple(index["column_names"])
               for index in inspect(migrated_engine).get_indexes("responses")}
    for column in ("unit_id", "touchpoint_id", "channel"):
        assert (column, "responded_at") in indexed
    assert ("responded_at",) in indexed
