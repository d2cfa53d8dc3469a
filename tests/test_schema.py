"""The Alembic migrations build exactly the schema of queries/schema.py, on SQLite
and on PostgreSQL, and upgrading twice is harmless."""

from __future__ import annotations

import subprocess
import sys
import time
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from queries.config import ROOT
from queries.db import engine_for, make_engine, prepare, upgrade
from queries.schema import Base
from tests.conftest import postgres_admin, postgres_admin_url


@pytest.fixture(params=["sqlite", "postgres"])
def migrated_engine(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'schema.db'}"
    else:
        url = request.getfixturevalue("postgres_server_url")
    engine = prepare(url)  # makes the SQLite file and upgrades it
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


@pytest.fixture(params=["sqlite", "postgres"])
def empty_url(request, tmp_path):
    """A database with no tables at all (PostgreSQL: one of its own, dropped after)."""
    if request.param == "sqlite":
        (tmp_path / "old.db").touch()  # an engine never makes a SQLite file by connecting
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    import uuid

    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from tests.conftest import postgres_admin, postgres_admin_url

    admin = postgres_admin()
    name = f"insikt_schema_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(postgres_admin_url()).set(database=name).render_as_string(hide_password=False)
    engine_for.cache_clear()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_0007_recounts_dissatisfied_answers_of_existing_days(empty_url):
    """Upgrading a database with responses to 0007 fills ``csat_low`` for the days
    already counted and keeps earlier attribute keys comparable as segments."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from queries.db import MIGRATIONS

    engine = engine_for(empty_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0006")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO units (id, name, kind, active) VALUES (1, 'A', 'unit', true)"))
        connection.execute(text("INSERT INTO touchpoints (id, key, name_sv, name_en, sort_order) "
                                "VALUES (1, 'shop', 'Butik', 'Shop', 0)"))
        for number, csat in enumerate([1, 2, 2, 4, 5], start=1):
            connection.execute(text(
                "INSERT INTO responses (id, source, external_id, unit_id, touchpoint_id, channel, "
                "responded_at, csat, imported_at) VALUES (:id, 'x', :id, 1, 1, 'web', "
                "'2026-03-04 10:00:00+00:00', :csat, '2026-03-05 10:00:00+00:00')"),
                {"id": number, "csat": csat})
        connection.execute(text("INSERT INTO response_attributes (response_id, key, value) "
                                "VALUES (1, 'product', 'A'), (2, 'product', 'B')"))
        connection.execute(text(
            "INSERT INTO daily_counts (day, unit_id, touchpoint_id, channel, responses, n, promoters, "
            "passives, detractors, csat_n, csat_top, csat_sum, csat_sumsq, comments) "
            "VALUES ('2026-03-04', 1, 1, 'web', 5, 0, 0, 0, 0, 5, 2, 14, 50, 0)"))
    upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT csat_low, s10_n, sent_n FROM daily_counts")).one() == (3, 0, 0)
        assert connection.execute(text("SELECT key, enabled, distinct_values FROM segments")).one() \
            == ("product", True, 2)


# What an app process does first, in a process of its own (Alembic's context is global),
# once the file named by its second argument appears.
START = ("import pathlib, sys, time\n"
         "from queries.db import make_engine, upgrade\n"
         "engine = make_engine(sys.argv[1])\n"
         "pathlib.Path(sys.argv[2] + '.' + sys.argv[3]).touch()\n"
         "while not pathlib.Path(sys.argv[2]).exists():\n"
         "    time.sleep(0.005)\n"
         "upgrade(engine)\n")


def test_app_processes_that_start_at_once_on_a_new_postgresql_database_migrate_it_once(tmp_path):
    """Several app processes behind a proxy start together on a new shared database:
    each ran the migrations, and all but the first failed on a table the first had just
    made (their first visitors saw "the database cannot be reached"). The migrations now
    take a lock: the first migrates, the others then find the schema up to date."""
    admin = postgres_admin()
    name = f"insikt_race_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(postgres_admin_url()).set(database=name).render_as_string(hide_password=False)
    go = tmp_path / "go"
    try:
        processes = [subprocess.Popen([sys.executable, "-c", START, url, str(go), str(number)], cwd=ROOT,
                                      stderr=subprocess.PIPE, text=True) for number in range(3)]
        deadline = time.monotonic() + 120
        while not all((tmp_path / f"go.{number}").exists() for number in range(3)):
            assert time.monotonic() < deadline, "the processes did not start"
            time.sleep(0.01)
        go.touch()  # all three migrate from here, together
        errors = [process.communicate(timeout=180)[1] for process in processes]
        assert [error[-300:] for process, error in zip(processes, errors) if process.returncode] == []
        engine = make_engine(url)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"include_name": _not_search_index})
            assert context.get_current_revision() is not None
            assert compare_metadata(context, Base.metadata) == []
        engine.dispose()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
