"""Engines, schema upgrades and a friendly check that the database is reachable.

An engine never creates a SQLite file by connecting to it: every connection opens
the file read-write only if it exists (``mode=rw``), so a database file that
disappears is an error instead of a new, empty database. Creating one is always
asked for (``prepare(url, create=True)``).
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, exc, text
from sqlalchemy.engine import make_url

from queries.config import ROOT, configured_url, database_url, default_url, first_start_mark, read_url

MIGRATIONS = ROOT / "migrations"


class DatabaseUnavailable(RuntimeError):
    """The database cannot be reached or upgraded; the message says what to check.
    ``code`` (``unreachable``, ``file_missing``, ``file_gone``) and ``params`` are
    for the app's own words."""

    def __init__(self, message: str, code: str = "unreachable", **params):
        super().__init__(message)
        self.code, self.params = code, {"detail": message, **params}


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None: another database, or SQLite in memory)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:" \
            or parsed.database.startswith("file:"):
        return None
    return Path(parsed.database).resolve()


def make_engine(url: str | None = None, *, create: bool = False) -> Engine:
    """A new engine for ``url`` (default: the configured database); ``create``
    makes a missing SQLite file (and its folder) now."""
    url = url or database_url()
    if make_url(url).get_backend_name() == "sqlite":
        path = sqlite_path(url)
        if path is not None and create and not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            sqlite3.connect(path).close()
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "savepoint", _sqlite_savepoint)
        if path is not None:
            event.listen(engine, "do_connect", _existing_file(path))
        return engine
    # psycopg prepares a statement after five runs, and the server may then keep one
    # generic plan for it; an import's lookup of stored keys, planned while its table
    # was empty, kept a sequential scan while the table grew (200,000 rows: 322 s, not
    # 35). Every statement is planned for its own values instead (as pgbouncer needs too).
    engine = create_engine(url, pool_pre_ping=True, connect_args={"prepare_threshold": None})
    event.listen(engine, "connect", _postgresql_planner)
    return engine


# PostgreSQL's built-in cost of reading a page out of order (4) is priced for spinning
# disks: at 10M it walked the whole organisation's answers by time
# (ix_responses_responded_at) rather than a unit's own commented answers
# (ix_responses_commented), whose rows lie scattered: the comment pools of the largest
# unit's strengths page took 1.1 s, with this and migration 0020 0.16 s. PostgreSQL's
# documentation suggests 1.1 for solid-state storage or data mostly in memory. Set for
# Insikt's own connections only where the server has no value of its own
# (postgresql.conf, ALTER DATABASE, ALTER ROLE, the URL's options): an operator's stands.
RANDOM_PAGE_COST = "1.1"


def _postgresql_planner(dbapi_connection, _record) -> None:
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SELECT source FROM pg_settings WHERE name = 'random_page_cost'")
        if cursor.fetchone()[0] == "default":
            cursor.execute(f"SET random_page_cost = {RANDOM_PAGE_COST}")
    dbapi_connection.commit()  # a SET in a transaction rolled back later would be undone


def _existing_file(path: Path):
    """Open ``path`` read-write only if it exists: SQLite would otherwise make an empty one."""
    uri = f"file:{quote(str(path))}?mode=rw"

    def connect(_dialect, _record, arguments: list, parameters: dict) -> None:
        arguments[:] = [uri]
        parameters["uri"] = True

    return connect


def missing_file(engine: Engine) -> Path | None:
    """The engine's SQLite file when it does not exist (removed while running);
    its pooled connections, which would go on using the removed file, are closed."""
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    if path is None or path.exists():
        return None
    engine.dispose()
    return path


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


def read_engine(url: str) -> Engine:
    """The engine for reading the data of the database at ``url``: the read replica
    (:func:`queries.config.read_url`) when one is configured for the configured
    database, else ``url``'s own. Writes always use :func:`engine_for` ``(url)``."""
    replica = read_url()
    return engine_for(replica if replica and url == configured_url() else url)


MIGRATION_LOCK = 0x1A51C7  # PostgreSQL advisory lock key held while migrating


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision. On PostgreSQL the app processes
    that start together on a new database take turns (an advisory lock until commit):
    the first migrates, the next find the schema at the newest revision."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def analyze(engine: Engine) -> None:
    """Refresh the query planner's statistics after a bulk write, so that it picks
    the partial and covering indexes (SQLite has no statistics until asked). On
    PostgreSQL also vacuum, which marks the new rows' pages visible to all: until
    then an index-only scan reads every row from the table as well (at 10M, counting
    a unit's detractors' comments took 190 ms instead of 13–27 ms), and autovacuum
    may not have come yet, or be off."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM (ANALYZE)"))  # not inside a transaction
        return
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


def prepare(url: str | None = None, *, create: bool = True) -> Engine:
    """Engine for ``url`` (default: the configured database), reachable and with
    the newest schema. Without ``create`` a missing SQLite file is an error
    (``file_missing``) instead of a new database."""
    url = url or database_url()
    path = sqlite_path(url)
    if path is not None and not path.exists():
        if not create:
            raise _missing(url)
        make_engine(url, create=True).dispose()
    engine = engine_for(url)
    check(engine)
    try:
        upgrade(engine)
    except Exception as error:
        raise DatabaseUnavailable(describe_failure(engine, error)) from error
    return engine


def is_failure(error: BaseException) -> bool:
    """Whether ``error`` says the database failed (unreachable, gone, locked, refusing
    the login, lost the connection), as opposed to a mistake in the program that the
    database answered (a broken constraint, bad SQL, a value the column refuses)."""
    if isinstance(error, exc.DBAPIError):
        return error.connection_invalidated or isinstance(
            error, (exc.OperationalError, exc.InterfaceError, exc.InternalError))
    return isinstance(error, (DatabaseUnavailable, exc.TimeoutError, exc.DisconnectionError))


def first_start(url: str) -> bool:
    """Whether the app starts for the first time without configuration: ``url``
    is the default SQLite file and no earlier start has been marked done."""
    return url == default_url() and not first_start_mark().exists()


def mark_first_start() -> None:
    """Note that the default SQLite file has been made and filled (see :func:`first_start`)."""
    mark = first_start_mark()
    if not mark.exists():
        mark.write_text("Insikt made the database file beside this one on its first start. While this file\n"
                        "is here, a missing database file is an error, never a new (demo) database.\n",
                        encoding="utf-8")


def _missing(url: str) -> DatabaseUnavailable:
    path = sqlite_path(url)
    if url == default_url() and first_start_mark().exists():
        return DatabaseUnavailable(f"the database file {path} is gone", "file_gone", path=str(path),
                                   mark=str(first_start_mark()))
    return DatabaseUnavailable(f"the database file {path} does not exist", "file_missing", path=str(path))


def prepare_app(url: str) -> Engine:
    """:func:`prepare` as the app does it: only an unconfigured installation's
    first start creates its SQLite file; any other missing file is an error."""
    path = sqlite_path(url)
    if path is not None and not path.exists() and not first_start(url):
        raise _missing(url)
    return prepare(url, create=first_start(url))


def ensure_present(engine: Engine, url: str) -> None:
    """Raise :class:`DatabaseUnavailable` when the engine's SQLite file has been
    removed since it was opened (its pooled connections are closed)."""
    if missing_file(engine) is not None:
        raise _missing(url)
