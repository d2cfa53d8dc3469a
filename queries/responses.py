"""Aggregated reads of responses: sufficient statistics per day, never raw rows.

Every interval in Insikt can be computed from these counts, so the same code serves
a thousand or ten million responses and any SQLAlchemy dialect.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

import pandas as pd
from sqlalchemy import Date, Engine, case, cast, func, select

from queries.schema import Response
from queries.scope import Scope

STAT_COLUMNS = [
    "responses", "n", "promoters", "passives", "detractors",
    "csat_n", "csat_top", "csat_sum", "csat_sumsq", "comments",
]


@dataclass(frozen=True)
class Filters:
    """What to read: units (narrowed to the scope by every read), dates
    (inclusive, UTC days), and optionally one touchpoint and one channel."""

    unit_ids: frozenset[int]
    start: date
    end: date
    touchpoint_id: int | None = None
    channel: str | None = None


def _day(engine: Engine):
    """The UTC calendar day of ``responded_at`` as an SQL expression."""
    if engine.dialect.name == "sqlite":
        return func.substr(Response.responded_at, 1, 10)
    if engine.dialect.name == "postgresql":
        return cast(func.timezone("UTC", Response.responded_at), Date)
    return cast(Response.responded_at, Date)


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    lower = datetime.combine(start, time.min, tzinfo=timezone.utc)
    upper = datetime.combine(end + timedelta(days=1), time.min, tzinfo=timezone.utc)
    return lower, upper


def _conditions(scope: Scope, filters: Filters, start: date, end: date) -> list:
    lower, upper = _bounds(start, end)
    units = sorted(scope.narrow(filters.unit_ids).unit_ids)
    conditions = [
        Response.unit_id.in_(units),
        Response.responded_at >= lower,
        Response.responded_at < upper,
    ]
    if filters.touchpoint_id is not None:
        conditions.append(Response.touchpoint_id == filters.touchpoint_id)
    if filters.channel is not None:
        conditions.append(Response.channel == filters.channel)
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
    nps, csat = Response.nps, Response.csat
    day = _day(engine).label("day")
    query = (
        select(
            day,
            func.count().label("responses"),
            func.count(nps).label("n"),
            func.sum(case((nps >= 9, 1), else_=0)).label("promoters"),
            func.sum(case((nps.between(7, 8), 1), else_=0)).label("passives"),
            func.sum(case((nps <= 6, 1), else_=0)).label("detractors"),
            func.count(csat).label("csat_n"),
            func.sum(case((csat >= 4, 1), else_=0)).label("csat_top"),
            func.coalesce(func.sum(csat), 0).label("csat_sum"),
            func.coalesce(func.sum(csat * csat), 0).label("csat_sumsq"),
            func.count(Response.comment).label("comments"),
        )
        .where(*_conditions(scope, filters, start, filters.end))
        .group_by(day)
        .order_by(day)
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
