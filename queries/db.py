"""Engines, schema upgrades and a friendly check that the database is reachable."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from queries.config import ROOT, database_url

MIGRATIONS = ROOT / "migrations"


class DatabaseUnavailable(RuntimeError):
    """The database cannot be reached or upgraded; the message says what to check."""


def make_engine(url: str | None = None) -> Engine:
    """A new engine for ``url`` (default: the configured database)."""
    url = url or database_url()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "savepoint", _sqlite_savepoint)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_savepoint(connection, _name) -> None:
    """Open the transaction before a SAVEPOINT. The driver begins one only before
    the first INSERT, UPDATE or DELETE, so a SAVEPOINT issued first became the
    outermost transaction and its RELEASE committed half a write (a user or theme
    without the rest of its transaction)."""
    driver = connection.connection.dbapi_connection
    if not driver.in_transaction:
        driver.execute("BEGIN")


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    """One shared engine per URL for the whole process."""
    return make_engine(url)


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def analyze(engine: Engine) -> None:
    """Refresh the query planner's statistics after a bulk write, so that it picks
    the partial and covering indexes (SQLite has no statistics until asked)."""
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))


def check(engine: Engine) -> None:
    """Connect once; raise :class:`DatabaseUnavailable` with advice when that fails."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # any driver error: say what to check
        raise DatabaseUnavailable(describe_failure(engine, error)) from error


def describe_failure(engine: Engine, error: Exception) -> str:
    """What went wrong and what to check, without credentials."""
    url = engine.url.render_as_string(hide_password=True)
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return f"{url}: {first_line}"


def prepare(url: str | None = None) -> Engine:
    """Engine for the configured database, reachable and with the newest schema."""
    engine = engine_for(url or database_url())
    check(engine)
    try:
        upgrade(engine)
    except Exception as error:
        raise DatabaseUnavailable(describe_failure(engine, error)) from error
    return engine
