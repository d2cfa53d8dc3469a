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

from analysis import measures
from queries import months
from queries.common import rows_frame
from queries.rollup import STAT_COLUMNS
from queries.schema import DailyCount
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
        frame = rows_frame(connection.execute(query), ["day", *STAT_COLUMNS])
    frame["day"] = pd.to_datetime(frame["day"])
    frame[STAT_COLUMNS] = frame[STAT_COLUMNS].fillna(0).astype("int64")
    return frame


def scope_totals(engine: Engine, scope: Scope, filters: Filters | None = None) -> dict:
    """The answers on each measure (its ``n`` column: ``n``, ``csat_n``, ``s10_n``,
    ``sent_n``), which tell the measures there are, and the first and last day
    with responses (``first_day``, ``last_day``; None without any), from
    ``daily_counts`` (whole months from ``monthly_counts``): in the whole ``scope``,
    or in the selection of ``filters``."""
    columns = [measure.n for measure in measures.MEASURES.values()]
    totals: dict = dict.fromkeys(columns, 0) | {"first_day": None, "last_day": None}
    units = scope.unit_ids if filters is None else scope.narrow(filters.unit_ids).unit_ids
    if not units:
        return totals
    def where(table) -> list:
        conditions = [table.c.unit_id.in_(sorted(units))]
        if filters is not None and filters.touchpoint_id is not None:
            conditions.append(table.c.touchpoint_id == filters.touchpoint_id)
        if filters is not None and filters.channel is not None:
            conditions.append(table.c.channel == filters.channel)
        return conditions
    start, end = (None, None) if filters is None else (filters.start, filters.end)
    counts = months.rows(DailyCount, start, end, where).c
    with engine.connect() as connection:
        first, last = months.bounds(connection, DailyCount, start, end, where)
        if first is None:
            return totals
        sums = connection.execute(select(*[func.sum(counts[name]) for name in columns])).one()
    totals.update(zip(columns, (int(value or 0) for value in sums)))
    totals["first_day"], totals["last_day"] = first, last
    return totals
