"""Shared fixtures: demo databases on SQLite and on a real PostgreSQL server.

PostgreSQL: ``TEST_DATABASE_URL`` names a server database the tests may use to
create (and drop) a database of their own; default: the local server. When CI
asks for PostgreSQL (``CI`` or ``INSIKT_REQUIRE_POSTGRES`` set) an unreachable
server fails the tests instead of skipping them.
"""

from __future__ import annotations

import os
import time
import uuid
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, delete, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from queries.config import normalise_url
from tests.app_runs import scan_components_once

scan_components_once()  # as a server does: once per process (see tests/app_runs.py)


def _cheap_password_hashes() -> None:
    """Hashes made by the tests (the demo's accounts, users added) take one pass over 8 KiB
    instead of the product's three over 64 MiB (queries.passwords.PARAMETERS, checked in
    test_users): a login verifies with the parameters its hash carries, and hundreds of
    test logins at 0.28 s of CPU each made the suite wait. Still Argon2id, salted, with
    the product's salt and hash lengths; the app's servers under test keep the product's
    parameters for hashes they make."""
    from dataclasses import replace

    from argon2 import PasswordHasher

    from queries import passwords

    passwords._HASHER = PasswordHasher.from_parameters(
        replace(passwords.PARAMETERS, time_cost=1, memory_cost=8, parallelism=1))
    passwords._DUMMY_HASH = passwords._HASHER.hash("not-a-real-password")


_cheap_password_hashes()

TODAY = date(2026, 11, 23)
DEMO_RESPONSES = 12_000
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"


def postgres_required() -> bool:
    return bool(os.environ.get("CI") or os.environ.get("INSIKT_REQUIRE_POSTGRES"))


def postgres_admin_url() -> str:
    return normalise_url(os.environ.get("TEST_DATABASE_URL", DEFAULT_PG))


def postgres_admin():
    """An AUTOCOMMIT engine on the server of ``TEST_DATABASE_URL`` (to create and drop
    databases); skips the test when the server is unreachable, fails it when CI asks
    for PostgreSQL."""
    admin = create_engine(postgres_admin_url(), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001 - any failure to connect
        admin.dispose()
        message = f"PostgreSQL at {make_url(postgres_admin_url()).render_as_string(hide_password=True)} unreachable: {error}"
        if postgres_required():
            pytest.fail(message)
        pytest.skip(message)
    return admin


def copy_postgres_database(admin, template: str, name: str) -> None:
    """``CREATE DATABASE name TEMPLATE template``. PostgreSQL refuses while anyone
    is connected to the template; within one test process nothing else uses it at
    that moment, so sessions left behind (an engine dropped from a cache with its
    pool, a server subprocess still closing) are ended first. The app's engines
    ping before use, so a pooled connection ended here is replaced, not reused."""
    for attempt in range(5):
        with admin.connect() as connection:
            connection.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                     " WHERE datname = :template AND pid <> pg_backend_pid()"),
                {"template": template},
            )
            try:
                connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
                return
            except OperationalError as error:
                if "is being accessed by other users" not in str(error) or attempt == 4:
                    raise
        time.sleep(0.5)


@pytest.fixture(scope="session")
def postgres_server_url():
    """A fresh, empty PostgreSQL database for this test run, dropped afterwards."""
    admin = postgres_admin()
    name = f"insikt_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(postgres_admin_url()).set(database=name).render_as_string(hide_password=False)
    yield url
    from queries.db import engine_for

    engine_for.cache_clear()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def build_demo_database(url: str) -> str:
    from ingest.demo import build_demo
    from queries.db import prepare

    build_demo(prepare(url), responses=DEMO_RESPONSES, seed=7, language="sv", today=TODAY)
    return url


@pytest.fixture(scope="session")
def sqlite_demo_url(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("sqlite") / "demo.db"
    return build_demo_database(f"sqlite:///{path}")


def copy_sqlite_database(url: str, path) -> str:
    """A copy of the SQLite database at ``url`` in the file ``path``, made with
    SQLite's backup API (consistent with the write-ahead log); its URL."""
    import sqlite3

    source = sqlite3.connect(url.removeprefix("sqlite:///"))
    target = sqlite3.connect(path)
    source.backup(target)
    source.close()
    target.close()
    return f"sqlite:///{path}"


def migrate_again_from(engine, revision: str) -> None:
    """Downgrade ``engine``'s database to ``revision``, then upgrade it to the newest
    (what a deployment upgrading from that revision runs)."""
    from alembic import command
    from alembic.config import Config

    from queries.db import MIGRATIONS, upgrade

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    upgrade(engine)


@pytest.fixture
def sqlite_scratch_url(sqlite_demo_url, tmp_path) -> str:
    """A private copy of the small SQLite demo for a test that writes."""
    return copy_sqlite_database(sqlite_demo_url, tmp_path / "scratch.db")


@pytest.fixture(scope="session")
def postgres_demo_url(postgres_server_url) -> str:
    return build_demo_database(postgres_server_url)


@pytest.fixture(scope="session")
def default_demo_url(tmp_path_factory) -> str:
    """The demo the app builds on first start (100,000 responses, seed 42), at TODAY,
    on SQLite: for the planted patterns that need its volume to show clearly."""
    from ingest.demo import build_demo
    from queries.db import prepare

    url = f"sqlite:///{tmp_path_factory.mktemp('default_demo') / 'demo.db'}"
    build_demo(prepare(url), today=TODAY)
    return url


@pytest.fixture
def default_demo_engine(default_demo_url):
    from queries.db import engine_for

    return engine_for(default_demo_url)


@pytest.fixture(params=["sqlite", "postgres"])
def demo_url(request) -> str:
    """The same small demo organisation, on each database the app supports."""
    return request.getfixturevalue(f"{request.param}_demo_url")


@pytest.fixture
def demo_engine(demo_url):
    from queries.db import engine_for

    return engine_for(demo_url)


# Comments that must be shown literally wherever they appear.
HOSTILE = [
    "<script>alert(1)</script>",
    "**bold** and [link](http://example.com) <img src=x onerror=\"window.pwned=1\">",
    "Åsa: köerna var långa 😀 " + "x" * 20_000,
]


@pytest.fixture
def hostile_comments(sqlite_demo_url):
    """Three hostile comments, today, in the manager's unit; removed afterwards. Both
    writes change the data version, as every write does, so that a running server's
    caches (the latest day with data, the comment pages) see them."""
    from queries.db import engine_for
    from queries.rollup import refresh
    from queries.schema import Response, Touchpoint, Unit
    from queries.settings import bump_data_version

    engine = engine_for(sqlite_demo_url)
    now = datetime.now(timezone.utc).replace(microsecond=0)
    with engine.begin() as connection:
        unit_id = connection.execute(select(Unit.id).where(Unit.name == "Uppsala Centrum")).scalar()
        touchpoint_id = connection.execute(select(Touchpoint.id).order_by(Touchpoint.id)).scalar()
        ids = [connection.execute(insert(Response).values(
            source="test", external_id=f"hostile-{index}", unit_id=unit_id,
            touchpoint_id=touchpoint_id, channel="web", responded_at=now - timedelta(minutes=index),
            nps=2, csat=1, comment=text, language="sv", imported_at=now,
        )).inserted_primary_key[0] for index, text in enumerate(HOSTILE)]
        refresh(connection, now.date(), now.date())
        bump_data_version(connection)
    yield
    with engine.begin() as connection:
        connection.execute(delete(Response).where(Response.id.in_(ids)))
        refresh(connection, now.date(), now.date())
        bump_data_version(connection)


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items):
    """Spread the suite over xdist's workers (pytest.ini: ``--dist loadgroup
    --no-loadscope-reorder``) so that long browser work does not form the tail. A file's
    tests share one worker and its module fixtures, as with ``loadfile``, unless a test
    names a group of its own (``xdist_group``: a long browser test split per role). Groups
    holding a ``browser`` test are handed out first, the others by size, largest first,
    so that the many short files fill in behind the long ones."""
    groups: dict[str, list] = {}
    for item in items:
        if not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group(item.path.name))
        groups.setdefault(item.get_closest_marker("xdist_group").args[0], []).append(item)
    order = sorted(groups.values(), key=lambda group: (
        not any(item.get_closest_marker("browser") for item in group), -len(group)))
    items[:] = [item for group in order for item in group]


@pytest.fixture
def fresh_caches():
    """Caches are shared by every AppTest in a process: start and end each test empty."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def demo_clock(monkeypatch) -> datetime:
    """Noon on the demo's last day (TODAY) as the clock of the pages' measures of
    follow-up and of action effects, which count back from now: by the real clock
    their windows leave the demo's data behind as the calendar moves on."""
    from components import effect_views, follow_up_views

    now = datetime(TODAY.year, TODAY.month, TODAY.day, 12, tzinfo=timezone.utc)
    for module in (effect_views, follow_up_views):
        monkeypatch.setattr(module, "utc_now", lambda: now)
    return now


@pytest.fixture
def open_page(fresh_caches, monkeypatch):
    """``open_page(url, role, page, **query)``: log in through app.py on the database
    at ``url`` as ``role`` and open ``page`` (AppTest), with query parameters."""
    from streamlit.testing.v1 import AppTest

    from tests.test_pages import log_in

    def start(url: str, role: str, page: str, **query):
        monkeypatch.setenv("DATABASE_URL", url)
        monkeypatch.setenv("INSIKT_DEMO_ON_EMPTY", "0")
        test = log_in(AppTest.from_file("../app.py", default_timeout=90).run(), role)
        test.switch_page(page)
        for key, value in query.items():  # a deep link straight to the page
            test.query_params[key] = value
        return test.run()

    return start
