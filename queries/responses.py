"""Aggregated reads of responses: sufficient statistics per day, never raw rows.

They read ``daily_counts`` (see :mod:`queries.rollup`), which holds the counts per
day, unit, touchpoint and channel.

Every interval in Insikt can be computed from these counts, so the same code serves
a thousand or ten million responses and any SQLAlchemy dialect.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Engine, func, select

from queries.rollup import STAT_COLUMNS
from queries.schema import DailyCount, Response
from queries.scope import Scope

@dataclass(frozen=True)
class Filters:
    """What to read: units (narrowed to the scope by every read), dates
    (inclusive, UTC days), and optionally one touchpoint and one channel."""

    unit_ids: frozenset[int]
    start: date
    end: date
    touchpoint_id: int | None = None
    channel: str | None = None


def _conditions(scope: Scope, filters: Filters, start: date, end: date) -> list:
    units = sorted(scope.narrow(filters.unit_ids).unit_ids)
    conditions = [DailyCount.unit_id.in_(units), DailyCount.day.between(start, end)]
    if filters.touchpoint_id is not None:
        conditions.append(DailyCount.touchpoint_id == filters.touchpoint_id)
    if filters.channel is not None:
        conditions.append(DailyCount.channel == filters.channel)
    return conditions


def daily_stats(engine: Engine, scope: Scope, filters: Filters, start: date | None = None) -> pd.DataFrame:
    """Sufficient statistics per UTC day from ``start`` (default: the filters'
    start) to the filters' end, for the units of ``filters`` that lie in ``scope``.

    Columns: ``day`` (Timestamp) and :data:`STAT_COLUMNS`. Days without
    responses are absent.
    """
    start = start or filters.start
    if not scope.narrow(filters.unit_ids).unit_ids:
        return pd.DataFrame(columns=["day", *STAT_COLUMNS])
    query = (
        select(DailyCount.day, *[func.sum(getattr(DailyCount, name)).label(name) for name in STAT_COLUMNS])
        .where(*_conditions(scope, filters, start, filters.end))
        .group_by(DailyCount.day)
        .order_by(DailyCount.day)
    )
    with engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(query).all(), columns=["day", *STAT_COLUMNS])
    frame["day"] = pd.to_datetime(frame["day"])
    frame[STAT_COLUMNS] = frame[STAT_COLUMNS].fillna(0).astype("int64")
    return frame


def latest_response_day(engine: Engine, scope: Scope) -> date | None:
    """The day of the newest response in the scope (how fresh the data is)."""
    if not scope.unit_ids:
        return None
    query = select(func.max(Response.responded_at)).where(Response.unit_id.in_(sorted(scope.unit_ids)))
    with engine.connect() as connection:
        value = connection.execute(query).scalar()
    if value is None:
        return None
    return pd.Timestamp(value).date()


def scope_totals(engine: Engine, scope: Scope) -> dict:
    """Everything in ``scope`` at once, from ``daily_counts``: the sums of
    :data:`STAT_COLUMNS` (which measures the scope has answers on) and the first
    and last day with responses (``first_day``, ``last_day``; None without any)."""
    totals: dict = dict.fromkeys(STAT_COLUMNS, 0) | {"first_day": None, "last_day": None}
    if not scope.unit_ids:
        return totals
    query = select(func.min(DailyCount.day), func.max(DailyCount.day),
                   *[func.sum(getattr(DailyCount, name)) for name in STAT_COLUMNS]
                   ).where(DailyCount.unit_id.in_(sorted(scope.unit_ids)))
    with engine.connect() as connection:
        first, last, *sums = connection.execute(query).one()
    if first is None:
        return totals
    totals.update(zip(STAT_COLUMNS, (int(value or 0) for value in sums)))
    totals["first_day"], totals["last_day"] = pd.Timestamp(first).date(), pd.Timestamp(last).date()
    return totals
