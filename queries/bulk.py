"""Bulk writes: many rows at once without the ORM's per-row cost.

:func:`insert_rows` writes plain tuples with the driver's ``executemany`` on
SQLite (no RETURNING, no per-row parameter dictionaries) and with ``COPY … FROM
STDIN`` on PostgreSQL; :func:`bulk_cache` raises SQLite's page cache for the
duration of a bulk write (the default 2 MiB makes index maintenance of a
million rows re-read the file hundreds of times). Values must already be in the
form the columns store; :func:`datetimes`, :func:`stored_datetime` and
:func:`integers` make them so.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone

from sqlalchemy import Table
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
    connection.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={int(before)}")


def insert_rows(connection: Connection, table: Table, columns: Sequence[str], rows: Iterable[tuple]) -> int:
    """Insert ``rows`` (tuples in the order of ``columns``) into ``table`` inside
    the caller's transaction; returns how many were written."""
    names = ", ".join(columns)
    driver = connection.connection.driver_connection
    if connection.dialect.name == "postgresql":
        count = 0
        with driver.cursor() as cursor, cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        return count
    if connection.dialect.name == "sqlite":
        cursor = driver.cursor()
        try:
            rows = rows if isinstance(rows, list) else list(rows)
            cursor.executemany(f"INSERT INTO {table.name} ({names}) VALUES ({', '.join('?' * len(columns))})",
                               rows)
        finally:
            cursor.close()
        return len(rows)
    rows = list(rows)
    if rows:
        connection.execute(table.insert(), [dict(zip(columns, row)) for row in rows])
    return len(rows)


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
