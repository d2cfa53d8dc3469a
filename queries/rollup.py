"""Keeping ``daily_counts`` in step with ``responses``.

Every write to ``responses`` (the demo, an import, a rollback) calls
:func:`refresh` for the days it touched, in its own transaction, so the per-day
sufficient statistics that pages read are never out of date.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import Date, case, cast, func, insert, select
from sqlalchemy.engine import Connection

from analysis import measures
from queries.schema import DailyCount, Response, has_comment

STAT_COLUMNS = [
    "responses", "n", "promoters", "passives", "detractors",
    "csat_n", "csat_top", "csat_sum", "csat_sumsq", "comments",
    "csat_low", "s10_n", "s10_top", "s10_low", "s10_sum", "s10_sumsq",
    "sent_n", "sent_pos", "sent_neg",
]


def response_day(dialect: str):
    """The UTC calendar day of ``responded_at`` as an SQL expression."""
    if dialect == "sqlite":
        return func.substr(Response.responded_at, 1, 10)
    if dialect == "postgresql":
        return cast(func.timezone("UTC", Response.responded_at), Date)
    return cast(Response.responded_at, Date)


def count_expressions() -> dict:
    """The SQL aggregate behind each of :data:`STAT_COLUMNS`, over ``responses`` rows
    (the one definition of promoters, passives, detractors, top box… in SQL)."""
    nps, csat, scale10, sentiment = Response.nps, Response.csat, Response.scale10, Response.sentiment
    return {
        "responses": func.count(),
        "n": func.count(nps),
        "promoters": func.sum(case((nps >= 9, 1), else_=0)),
        "passives": func.sum(case((nps.between(7, 8), 1), else_=0)),
        "detractors": func.sum(case((nps <= 6, 1), else_=0)),
        "csat_n": func.count(csat),
        "csat_top": func.sum(case((csat >= 4, 1), else_=0)),
        "csat_sum": func.coalesce(func.sum(csat), 0),
        "csat_sumsq": func.coalesce(func.sum(csat * csat), 0),
        "comments": func.sum(case((has_comment(), 1), else_=0)),
        "csat_low": func.sum(case((csat <= 2, 1), else_=0)),
        "s10_n": func.count(scale10),
        "s10_top": func.sum(case((scale10 >= 9, 1), else_=0)),
        "s10_low": func.sum(case((scale10 <= 6, 1), else_=0)),
        "s10_sum": func.coalesce(func.sum(scale10), 0),
        "s10_sumsq": func.coalesce(func.sum(scale10 * scale10), 0),
        "sent_n": func.count(sentiment),
        "sent_pos": func.sum(case((sentiment > 0, 1), else_=0)),
        "sent_neg": func.sum(case((sentiment < 0, 1), else_=0)),
    }


def score_column(measure: str):
    """The ``responses`` column a measure is read from (nps, csat, scale10, sentiment)."""
    return getattr(Response, measures.get(measure).column)


def in_group(measure: str, group: str):
    """SQL: the response's answer on ``measure`` lies in ``group`` (top, middle, bottom;
    :meth:`analysis.measures.Measure.group_range`)."""
    return score_column(measure).between(*measures.get(measure).group_range(group))


def refresh(connection: Connection, first: date | None = None, last: date | None = None) -> None:
    """Recompute the daily counts of the days ``first`` to ``last`` (inclusive;
    every day when both are None) from the responses, inside the caller's transaction."""
    delete = DailyCount.__table__.delete()
    conditions = []
    if first is not None and last is not None:
        delete = delete.where(DailyCount.day.between(first, last))
        lower = datetime.combine(first, time.min, tzinfo=timezone.utc)
        upper = datetime.combine(last + timedelta(days=1), time.min, tzinfo=timezone.utc)
        conditions = [Response.responded_at >= lower, Response.responded_at < upper]
    connection.execute(delete)
    day = response_day(connection.dialect.name)
    grouped = (
        select(day, Response.unit_id, Response.touchpoint_id, Response.channel, *count_expressions().values())
        .where(*conditions)
        .group_by(day, Response.unit_id, Response.touchpoint_id, Response.channel)
    )
    columns = ["day", "unit_id", "touchpoint_id", "channel", *STAT_COLUMNS]
    connection.execute(insert(DailyCount).from_select(columns, grouped))
