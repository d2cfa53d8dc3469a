"""Thresholds and other settings kept in the ``settings`` table, with defaults."""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from numbers import Real

from sqlalchemy import Engine, select
from sqlalchemy.engine import Connection

from queries.common import insert_on_conflict
from queries.schema import Setting

DEFAULTS = {"min_responses": 5, "small_sample": 30}


@dataclass(frozen=True)
class Thresholds:
    """Below ``min_responses`` a group is hidden; below ``small_sample`` it is flagged."""

    min_responses: int = DEFAULTS["min_responses"]
    small_sample: int = DEFAULTS["small_sample"]


def read_settings(engine: Engine) -> dict[str, str]:
    with engine.connect() as connection:
        return dict(connection.execute(select(Setting.key, Setting.value)).all())


def thresholds(engine: Engine) -> Thresholds:
    """The configured thresholds; unreadable values fall back to the defaults."""
    values = read_settings(engine)
    chosen = {}
    for key, default in DEFAULTS.items():
        try:
            chosen[key] = max(1, int(values.get(key, default)))
        except ValueError:
            chosen[key] = default
    return Thresholds(**chosen)


def is_demo(engine: Engine) -> bool:
    """True in a database built by the demo generator."""
    return read_settings(engine).get("demo") == "1"


def data_version(engine: Engine) -> str:
    """Changes whenever responses are imported or written; part of every cache key."""
    return read_settings(engine).get("data_version", "0")


def put(connection, key: str, value: str) -> None:
    """Set ``key`` to ``value`` (inserted when new), inside the caller's transaction: one
    statement, so two sessions setting a new key at once do not collide."""
    insert = insert_on_conflict(connection, Setting.__table__)
    connection.execute(insert.values(key=key, value=value)
                       .on_conflict_do_update(index_elements=["key"], set_={"value": value}))


def put_once(engine: Engine, key: str, make: Callable[[], str]) -> str:
    """The value of ``key``; when there is none, ``make()`` stored first. Sessions that
    start at once on a new database all get the value the first of them stored (the
    insert, the transaction's first statement, waits for the other's commit)."""
    table = Setting.__table__
    with engine.connect() as connection:
        value = connection.execute(select(table.c.value).where(table.c.key == key)).scalar()
    if value is not None:
        return value
    with engine.begin() as connection:
        insert = insert_on_conflict(connection, table)
        connection.execute(insert.values(key=key, value=make()).on_conflict_do_nothing())
        return connection.execute(select(table.c.value).where(table.c.key == key)).scalar_one()


def bump_data_version(connection) -> None:
    """Mark the data as changed, inside the caller's transaction."""
    put(connection, "data_version", uuid.uuid4().hex)


def set_thresholds(engine: Engine, min_responses: int, small_sample: int,
                   in_transaction: Callable[[Connection], None] | None = None) -> Thresholds:
    """Store the thresholds: ``min_responses`` at least 1, ``small_sample`` more than
    it (whole numbers; ValueError says what is wrong otherwise). Changes the data
    version, since pages cache what they read by it. ``in_transaction(connection)``
    runs in the same transaction (an audit event)."""
    values = {}
    for key, value in (("min_responses", min_responses), ("small_sample", small_sample)):
        if (isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value)
                or float(value) != int(value)):
            raise ValueError(f"{key} must be a whole number, got {value!r}")
        values[key] = int(value)
    if values["min_responses"] < 1:
        raise ValueError(f"min_responses must be at least 1, got {values['min_responses']}")
    if values["small_sample"] <= values["min_responses"]:
        raise ValueError(f"small_sample ({values['small_sample']}) must be more than "
                         f"min_responses ({values['min_responses']})")
    with engine.begin() as connection:
        for key, value in values.items():
            put(connection, key, str(value))
        bump_data_version(connection)
        if in_transaction is not None:
            in_transaction(connection)
    return Thresholds(**values)
