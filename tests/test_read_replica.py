"""A read replica: pages read their data from ``DATABASE_READ_URL`` and write to
``DATABASE_URL``. Simulated with two SQLite files that differ in one unit's name
(what a lagging replica looks like), so that each read and write shows where it went."""

from __future__ import annotations


import pytest
from sqlalchemy import select, update

from ingest.demo import MANAGER_UNIT
from queries.config import normalise_url
from queries.db import engine_for, make_engine, read_engine
from queries.schema import Unit, User
from tests.conftest import copy_sqlite_database
from tests.test_pages import texts

REPLICA_NAME = "Uppsala Centrum (replika)"


@pytest.fixture
def replica_url(sqlite_scratch_url, tmp_path) -> str:
    """A copy of the primary (``sqlite_scratch_url``) whose manager unit has another name."""
    url = copy_sqlite_database(sqlite_scratch_url, tmp_path / "replica.db")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(update(Unit).where(Unit.name == MANAGER_UNIT).values(name=REPLICA_NAME))
    engine.dispose()
    yield url
    engine_for(url).dispose()


def test_read_engine_is_the_replica_of_the_configured_database(monkeypatch):
    primary, replica = "postgresql://app@primary/insikt", "postgresql://app@replica/insikt"
    monkeypatch.setenv("DATABASE_URL", primary)
    monkeypatch.delenv("DATABASE_READ_URL", raising=False)
    assert read_engine(normalise_url(primary)) is engine_for(normalise_url(primary))
    monkeypatch.setenv("DATABASE_READ_URL", replica)
    assert read_engine(normalise_url(primary)) is engine_for(normalise_url(replica))
    # Any other database (a bench's or a test's own) is read where it is.
    assert read_engine("sqlite:///elsewhere.db") is engine_for("sqlite:///elsewhere.db")


def test_pages_read_the_replica_and_write_the_primary(open_page, sqlite_scratch_url, replica_url, monkeypatch):
    monkeypatch.setenv("DATABASE_READ_URL", replica_url)
    test = open_page(sqlite_scratch_url, "manager", "pages/overview.py")
    assert not test.exception
    assert REPLICA_NAME in texts(test).replace("\\", "") + " ".join(str(box.value) for box in test.selectbox)
    with engine_for(sqlite_scratch_url).connect() as connection:  # the login's visit went to the primary
        primary_seen = connection.execute(select(User.last_seen_at).where(User.username == "manager")).scalar()
        primary_name = connection.execute(select(Unit.name).where(Unit.name == MANAGER_UNIT)).scalar()
    with engine_for(replica_url).connect() as connection:
        replica_seen = connection.execute(select(User.last_seen_at).where(User.username == "manager")).scalar()
    assert primary_name == MANAGER_UNIT and primary_seen is not None
    assert replica_seen is None or replica_seen < primary_seen
