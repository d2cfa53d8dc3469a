"""A fresh, empty (migrated) database per test, on SQLite and on PostgreSQL: what
a new deployment starts from. Import the fixture into a test module:

    from tests.fresh_databases import fresh_url  # noqa: F401  (a pytest fixture)

Each test gets a copy of a migrated template (a file copy on SQLite, CREATE
DATABASE … TEMPLATE on PostgreSQL), so migrations run once per test process.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from tests.conftest import copy_postgres_database, postgres_admin, postgres_admin_url


def forget(url: str) -> None:
    """Close the pooled connections of ``url`` (so its database can be dropped or copied)."""
    from queries.db import engine_for

    engine_for(url).dispose()
    engine_for.cache_clear()


@functools.cache
def _sqlite_template() -> Path:
    from queries.db import prepare

    path = Path(tempfile.mkdtemp(prefix="insikt-empty-")) / "empty.db"
    url = f"sqlite:///{path}"
    prepare(url)
    forget(url)
    atexit.register(shutil.rmtree, path.parent, True)
    return path


@functools.cache
def _postgres_template() -> str:
    """A migrated PostgreSQL database to copy, dropped when the test process ends."""
    from queries.db import prepare

    admin = postgres_admin()
    name = f"insikt_empty_tpl_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(postgres_admin_url()).set(database=name).render_as_string(hide_password=False)
    prepare(url)
    forget(url)

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    atexit.register(drop)
    return name


@pytest.fixture(params=["sqlite", "postgres"])
def fresh_url(request, tmp_path) -> str:
    """The URL of an empty, migrated database of its own, on each database the app supports."""
    if request.param == "sqlite":
        path = tmp_path / "fresh.db"
        shutil.copy(_sqlite_template(), path)
        url = f"sqlite:///{path}"
        yield url
        forget(url)
        return
    template = _postgres_template()
    admin = postgres_admin()
    name = f"insikt_fresh_{uuid.uuid4().hex[:10]}"
    copy_postgres_database(admin, template, name)
    url = make_url(postgres_admin_url()).set(database=name).render_as_string(hide_password=False)
    yield url
    forget(url)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
