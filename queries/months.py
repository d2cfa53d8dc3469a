"""The monthly layer of the rollups: ``monthly_counts``, ``monthly_segment_counts``,
``monthly_theme_counts`` and ``monthly_driver_counts`` hold their ``daily_*`` tables
summed per calendar month (``month``: its first day).

:func:`refresh` derives a monthly table from its daily one for the months a
daily refresh touched (``queries.rollup`` calls it in the same transaction), so
both stay equal. :func:`rows` is the one way to read a period from a rollup: the
whole months inside it from the monthly table, the partial first and last months
from the daily one, so that any period gives exactly what the daily rows give. A
partial month that holds most of its days is read as the month less the days it
lacks (:func:`plan`): a year from the 5th reads 4 days of its first month, not 27.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Date, DateTime, Table, cast, func, insert, literal, select, union_all
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Subquery

from queries.schema import (
    DailyCount, DailyDriverCount, DailySegmentCount, DailyThemeCount, MonthlyCount, MonthlyDriverCount,
    MonthlySegmentCount, MonthlyThemeCount,
)

MONTHLY: dict[Table, Table] = {
    DailyCount.__table__: MonthlyCount.__table__,
    DailySegmentCount.__table__: MonthlySegmentCount.__table__,
    DailyThemeCount.__table__: MonthlyThemeCount.__table__,
    DailyDriverCount.__table__: MonthlyDriverCount.__table__,
}
Where = Callable[[Table], list]


def first_of(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return (first_of(day) + timedelta(days=32)).replace(day=1)


def last_of(day: date) -> date:
    """The last day of ``day``'s month."""
    return _next_month(day) - timedelta(days=1)


def cells(table: Table) -> list[str]:
    """A rollup's cell columns without its day or month (unit_id, touchpoint_id, channel…)."""
    return [column.name for column in table.primary_key.columns if column.name not in ("day", "month")]


def stats(table: Table) -> list[str]:
    """A rollup's count columns."""
    return [column.name for column in table.columns if not column.primary_key]


def month_of(connection: Connection, day):
    """SQL: the first day of the month of a daily rollup's ``day`` column."""
    if connection.dialect.name == "sqlite":
        return func.substr(day, 1, 7).concat(literal("-01"))
    return cast(func.date_trunc("month", cast(day, DateTime())), Date)


def refresh(connection: Connection, daily: Table, first: date | None = None, last: date | None = None,
            keys: Iterable[str] | None = None) -> None:
    """Recompute the monthly table of ``daily`` for the months that the days ``first``
    to ``last`` touch (every month when both are None), for the segment ``keys`` only
    when given, from the daily rows, inside the caller's transaction."""
    monthly = MONTHLY[daily]
    deleted, taken = [], []
    if first is not None and last is not None:
        deleted.append(monthly.c.month.between(first_of(first), first_of(last)))
        taken.append(daily.c.day.between(first_of(first), last_of(last)))
    if keys is not None:
        keys = sorted(set(keys))
        deleted.append(monthly.c.key.in_(keys))
        taken.append(daily.c.key.in_(keys))
    connection.execute(monthly.delete().where(*deleted))
    month = month_of(connection, daily.c.day)
    group = [month, *(daily.c[name] for name in cells(daily))]
    grouped = (select(*group, *(func.sum(daily.c[name]) for name in stats(daily)))
               .where(*taken).group_by(*group))
    connection.execute(insert(monthly).from_select(["month", *cells(daily), *stats(daily)], grouped))


def split(start: date, end: date) -> tuple[list[tuple[date, date]], tuple[date, date] | None]:
    """The days ``start`` to ``end`` as stretches of days read from a daily rollup and
    the (first, last) month read whole from its monthly table (None: no whole month)."""
    whole_from = start if start.day == 1 else _next_month(start)
    whole_until = end + timedelta(days=1) if (end + timedelta(days=1)).day == 1 else first_of(end)
    if whole_from >= whole_until:
        return [(start, end)], None
    days = [(start, whole_from - timedelta(days=1))] if start < whole_from else []
    if whole_until <= end:
        days.append((whole_until, end))
    return days, (whole_from, first_of(whole_until - timedelta(days=1)))


def _split(start: date | None, end: date | None) -> tuple[list[tuple[date, date]], tuple[date, date] | None]:
    """:func:`split`; every month when ``start`` and ``end`` are None."""
    return split(start, end) if start is not None and end is not None else ([], (date.min, date.max))


@dataclass
class Plan:
    """How :func:`rows` reads a period: ``days`` (first, last) from the daily table,
    ``months`` (first, last month) whole from the monthly table, and ``lessened`` months
    read whole less their ``missing`` days (from the daily table)."""

    days: list[tuple[date, date]] = field(default_factory=list)
    months: tuple[date, date] | None = None
    lessened: list[date] = field(default_factory=list)
    missing: list[tuple[date, date]] = field(default_factory=list)


def plan(start: date | None, end: date | None) -> Plan:
    """:func:`split`, with each partial month that holds more of its days than it
    lacks read as its whole month less the days it lacks (fewer daily rows to read)."""
    days, months = _split(start, end)
    found = Plan(months=months)
    for first, last in days:
        while first <= last:  # a stretch may cross a month's edge: one month at a time
            month, month_end = first_of(first), last_of(first)
            piece_end = min(last, month_end)
            lacking = [(month, first - timedelta(days=1))] if first > month else []
            lacking += [(piece_end + timedelta(days=1), month_end)] if piece_end < month_end else []
            held, lacked = (piece_end - first).days + 1, sum((b - a).days + 1 for a, b in lacking)
            if lacked < held:
                found.lessened.append(month)
                found.missing += lacking
            else:
                found.days.append((first, piece_end))
            first = piece_end + timedelta(days=1)
    return found


def rows(daily, start: date | None, end: date | None, where: Where) -> Subquery:
    """The rows of the rollup ``daily`` (model or table) for the days ``start`` to ``end``
    (every day when both are None) that satisfy ``where(table)`` (conditions on cell
    columns only, never on counts; asked for the daily and the monthly table): cell and
    count columns, whole months from the monthly table, the rest from the daily one
    (:func:`plan`). Summing them per cell gives what the daily rows give. A lessened
    month's part is summed per cell, its missing days subtracted, and keeps the cells
    left with responses: every rollup row counts at least one response, so those are
    the cells of its days."""
    daily = getattr(daily, "__table__", daily)
    monthly = MONTHLY[daily]
    names = [*cells(daily), *stats(daily)]
    read = plan(start, end)
    parts = [select(*(daily.c[name] for name in names)).where(daily.c.day.between(first, last), *where(daily))
             for first, last in read.days]
    if read.months is not None:
        parts.append(select(*(monthly.c[name] for name in names))
                     .where(monthly.c.month.between(*read.months), *where(monthly)))
    if read.lessened:
        whole = select(*(monthly.c[name] for name in names)).where(monthly.c.month.in_(read.lessened),
                                                                   *where(monthly))
        less = [select(*(daily.c[name] for name in cells(daily)), *(-daily.c[name] for name in stats(daily)))
                .where(daily.c.day.between(first, last), *where(daily)) for first, last in read.missing]
        net = (union_all(whole, *less) if less else whole).subquery("lessened")
        parts.append(select(*(net.c[name] for name in cells(daily)),
                            *(func.sum(net.c[name]).label(name) for name in stats(daily)))
                     .group_by(*(net.c[name] for name in cells(daily))).having(func.sum(net.c.responses) > 0))
    return (parts[0] if len(parts) == 1 else union_all(*parts)).subquery("counts")


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def bounds(connection: Connection, daily, start: date | None, end: date | None,
           where: Where) -> tuple[date | None, date | None]:
    """The first and last day with rows of the rollup ``daily`` that satisfy ``where``
    between ``start`` and ``end`` (any day when both are None; (None, None) without
    any): the first and last month with rows, then the days of just those two months."""
    daily = getattr(daily, "__table__", daily)
    monthly = MONTHLY[daily]
    days, months = _split(start, end)
    found = []
    for first, last in days:
        found += connection.execute(select(func.min(daily.c.day), func.max(daily.c.day))
                                    .where(daily.c.day.between(first, last), *where(daily))).one()
    if months is not None:
        edges = connection.execute(select(func.min(monthly.c.month), func.max(monthly.c.month))
                                   .where(monthly.c.month.between(*months), *where(monthly))).one()
        for month, edge in zip(edges, (func.min, func.max)):
            if month is not None:
                month = _day(month)
                found.append(connection.execute(select(edge(daily.c.day)).where(
                    daily.c.day.between(month, last_of(month)), *where(daily))).scalar())
    found = [_day(value) for value in found if value is not None]
    return (min(found), max(found)) if found else (None, None)
