"""Bulk writes: many rows at once without the ORM's per-row cost.

:func:`insert_rows` writes plain tuples with the driver's ``executemany`` on
SQLite (no RETURNING, no per-row parameter dictionaries) and with ``COPY … FROM
STDIN`` on PostgreSQL; :func:`bulk_cache` raises SQLite's page cache for the
duration of a bulk write (the default 2 MiB makes index maintenance of a
million rows re-read the file hundreds of times) and keeps its temporary
journals in memory; :func:`responses_load` fills SQLite's full-text index of the
new comments in one statement instead of a trigger per row, and can build the
secondary indexes once at the end. Values must already be in the
form the columns store; :func:`datetimes`, :func:`stored_datetime` and
:func:`integers` make them so.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone

from sqlalchemy import Table, exc
from sqlalchemy.engine import Connection

BULK_CACHE_KIB = 1_000_000  # SQLite page cache during bulk writes (≈ 1 GB, only used as filled)
SQLITE_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores DateTime on SQLite


@contextmanager
def bulk_cache(connection: Connection) -> Iterator[None]:
    """A large SQLite page cache while the block runs (nothing elsewhere)."""
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    store = connection.exec_driver_sql("PRAGMA temp_store").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
    connection.exec_driver_sql("PRAGMA temp_store=MEMORY")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={int(before)}")
        connection.exec_driver_sql(f"PRAGMA temp_store={int(store)}")


FTS_TRIGGER = "responses_fts_insert"  # migration 0003: one full-text row per new response
INDEXED_TABLES = ("responses", "response_attributes")


@contextmanager
def responses_load(connection: Connection, *, rebuild_indexes: bool = False) -> Iterator[None]:
    """SQLite: insert responses inside the block without the full-text trigger, then
    index the new rows' comments in one statement. With ``rebuild_indexes`` (for a
    load into an empty table) the secondary indexes of ``responses`` and
    ``response_attributes`` are dropped first and built once afterwards. Inside
    the caller's transaction: a failure rolls the schema back with the rows.
    Elsewhere (PostgreSQL) nothing changes."""
    if connection.dialect.name != "sqlite":
        yield
        return
    driver = connection.connection.dbapi_connection
    if not driver.in_transaction:
        driver.execute("BEGIN")  # SQLite's DDL is transactional: undone with the rows on failure
    last = connection.exec_driver_sql("SELECT coalesce(max(id), 0) FROM responses").scalar()
    trigger = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (FTS_TRIGGER,)).scalar()
    indexes = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN "
        f"({', '.join('?' * len(INDEXED_TABLES))})", INDEXED_TABLES).all() if rebuild_indexes else []
    if trigger:
        connection.exec_driver_sql(f"DROP TRIGGER {FTS_TRIGGER}")
    for name, _sql in indexes:
        connection.exec_driver_sql(f"DROP INDEX {name}")
    yield
    for _name, sql in indexes:
        connection.exec_driver_sql(sql)
    if trigger:
        connection.exec_driver_sql(
            "INSERT INTO comments_fts(rowid, comment) SELECT id, comment FROM responses WHERE id > ?", (last,))
        connection.exec_driver_sql(trigger)


def insert_rows(connection: Connection, table: Table, columns: Sequence[str], rows: Iterable[tuple]) -> int:
    """Insert ``rows`` (tuples in the order of ``columns``) into ``table`` inside
    the caller's transaction; returns how many were written. A driver error is
    raised as SQLAlchemy's (an :class:`~sqlalchemy.exc.IntegrityError` for a
    duplicate key), as ``connection.execute`` would."""
    names = ", ".join(columns)
    dialect = connection.dialect
    if dialect.name == "postgresql":
        statement = f"COPY {table.name} ({names}) FROM STDIN"
    elif dialect.name == "sqlite":
        statement = f"INSERT INTO {table.name} ({names}) VALUES ({', '.join('?' * len(columns))})"
    else:
        rows = list(rows)
        if rows:
            connection.execute(table.insert(), [dict(zip(columns, row)) for row in rows])
        return len(rows)
    driver = connection.connection.driver_connection
    count = 0
    try:
        if dialect.name == "postgresql":
            with driver.cursor() as cursor, cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        else:
            rows = rows if isinstance(rows, list) else list(rows)
            cursor = driver.cursor()
            try:
                cursor.executemany(statement, rows)
            finally:
                cursor.close()
            count = len(rows)
    except dialect.loaded_dbapi.Error as error:
        raise exc.DBAPIError.instance(statement, None, error, dialect.loaded_dbapi.Error,
                                      dialect=dialect) from error
    return count


def next_ids(connection: Connection, table: Table, count: int) -> list[int]:
    """``count`` new primary keys for ``table``: from its sequence on PostgreSQL
    (safe beside other writers), after the largest id on SQLite (whose writers
    take turns: call it after the transaction's first write)."""
    if not count:
        return []
    if connection.dialect.name == "postgresql":
        return list(connection.exec_driver_sql(
            f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) FROM generate_series(1, {int(count)})"
        ).scalars())
    last = connection.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table.name}").scalar()
    return list(range(last + 1, last + 1 + count))


def stored_datetime(connection: Connection, moment: datetime | None):
    """``moment`` (UTC) as the dialect stores a DateTime(timezone=True) column."""
    if moment is None or connection.dialect.name != "sqlite":
        return moment
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment.strftime(SQLITE_FORMAT)


def datetimes(connection: Connection, values) -> list:
    """A pandas datetime Series or DatetimeIndex (UTC or naive UTC) as stored values:
    SQLite's text, aware datetimes elsewhere."""
    import pandas as pd

    index = pd.DatetimeIndex(values)
    if index.tz is not None:
        index = index.tz_convert("UTC").tz_localize(None)
    if connection.dialect.name == "sqlite":
        return list(index.strftime(SQLITE_FORMAT))
    return list(index.tz_localize("UTC").to_pydatetime())


def integers(values) -> list:
    """Whole numbers (a numpy/pandas column, NaN or NA for missing) as Python ints and None."""
    import pandas as pd

    series = pd.Series(values).astype("Int64").astype(object)
    return [None if value is pd.NA else value for value in series.tolist()]
