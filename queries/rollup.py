"""Keeping ``daily_counts``, ``daily_segment_counts`` and ``daily_theme_counts`` in
step with ``responses``.

Every write to ``responses`` (the demo, a rollback, a retention run) calls
:func:`refresh` for the days it touched, in its own transaction, so the per-day
sufficient statistics that pages read are never out of date. Switching a segment
on or off calls :func:`refresh_segments` for its key; every retag
(``ingest.themes.retag``) calls :func:`refresh_themes`. Each of them also derives
the monthly tables of the months it touched (:mod:`queries.months`). An import,
which only adds responses, adds their counts instead (:func:`add`,
:func:`add_themes`): its cost follows the file, not what the database holds on
the days the file touches.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import Column, Date, MetaData, String, Table, case, cast, func, insert, select, true
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ColumnElement, Select

from analysis import measures
from queries import months
from queries.common import insert_on_conflict
from queries.schema import (
    DailyCount, DailyDriverCount, DailyLanguageCount, DailySegmentCount, DailyThemeCount, Response,
    ResponseAttribute, ResponseTheme, Segment, has_comment,
)

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


def _period(first: date | None, last: date | None) -> list:
    """Conditions on ``responses`` for the UTC days ``first`` to ``last`` (none: every day)."""
    if first is None or last is None:
        return []
    lower = datetime.combine(first, time.min, tzinfo=timezone.utc)
    upper = datetime.combine(last + timedelta(days=1), time.min, tzinfo=timezone.utc)
    return [Response.responded_at >= lower, Response.responded_at < upper]


# Untouched days between touched ones that a refresh recomputes rather than start
# a new stretch: each stretch costs a dozen statements (0.04-0.06 s on PostgreSQL;
# the monthly tables recompute whole months anyway), and a review-site export of
# 1,200 reviews over ten years touched 561 days in 430 stretches (3 with a month).
BRIDGED_DAYS = 31


# Every rollup table, daily and monthly: what a unit merge folds cell by cell.
TABLES = (*months.MONTHLY, *months.MONTHLY.values(), DailyLanguageCount.__table__)


def runs(days: Iterable[date], bridge: int = BRIDGED_DAYS) -> Iterator[tuple[date, date]]:
    """Stretches (first, last) covering the sorted ``days``: touched days at most
    ``bridge`` untouched days apart share one stretch (recomputing an untouched
    day leaves it as it was)."""
    start = previous = None
    for day in days:
        if previous is not None and (day - previous).days > bridge + 1:
            yield start, previous
            start = None
        start = start or day
        previous = day
    if start is not None:
        yield start, previous


def refresh(connection: Connection, first: date | None = None, last: date | None = None, *,
            themes: bool = True) -> None:
    """Recompute the daily counts, daily segment counts and daily theme counts of
    the days ``first`` to ``last`` (inclusive; every day when both are None) from
    the responses, inside the caller's transaction; without ``themes`` for a
    caller that retags those days next (:func:`refresh_themes` follows then)."""
    delete = DailyCount.__table__.delete()
    if first is not None and last is not None:
        delete = delete.where(DailyCount.day.between(first, last))
    connection.execute(delete)
    _insert(connection, DailyCount.__table__, _count_cells(connection, _period(first, last)))
    months.refresh(connection, DailyCount.__table__, first, last)
    refresh_segments(connection, first, last)
    if themes:
        refresh_themes(connection, first, last)


def add(connection: Connection, new: ColumnElement) -> None:
    """Add the responses that satisfy ``new`` to ``daily_counts`` and
    ``daily_segment_counts`` (the keys switched on) and to their months, inside the
    caller's transaction: for responses written in it and not counted yet (an
    import's). Equal to :func:`refresh` of their days, at the cost of the new rows
    (or of the touched months' daily rows, when fewer)."""
    _add(connection, new, {DailyCount.__table__: _count_cells, DailySegmentCount.__table__: _segment_cells})


def add_themes(connection: Connection, new: ColumnElement) -> None:
    """Add the responses that satisfy ``new`` (tagged in the caller's transaction,
    counted by no theme, driver or language rollup yet) to those rollups and their
    months: :func:`refresh_themes` at the cost of the new rows."""
    _add(connection, new, {DailyThemeCount.__table__: _theme_cells, DailyDriverCount.__table__: _driver_cells,
                           DailyLanguageCount.__table__: _language_cells})


def _add(connection: Connection, new: ColumnElement, builders: dict) -> None:
    """Add ``builders[table](connection, [new])`` to each daily ``table`` and to its
    monthly one: summed per month when the new responses are fewer than the daily
    counts' rows of the months they touch (the new cells grouped once, kept in a
    table of their own for both), else by recomputing those months from the daily rows
    (the cheaper, same result)."""
    day = response_day(connection.dialect.name)
    first, last, responses = connection.execute(select(func.min(day), func.max(day), func.count())
                                                .where(new)).one()
    if not responses:
        return
    first, last = _as_date(first), _as_date(last)
    touched = DailyCount.day.between(months.first_of(first), months.last_of(last))
    by_month = responses < connection.execute(select(func.count()).select_from(DailyCount).where(touched)).scalar()
    for table, cells in builders.items():
        if by_month and table in months.MONTHLY:
            with _staged(connection, table, cells(connection, [new])) as staged:
                _add_to(connection, table, staged)
                _add_to(connection, months.MONTHLY[table], _per_month(connection, table, staged))
        else:
            _add_to(connection, table, cells(connection, [new]))
    if not by_month:
        for table in builders:
            if table in months.MONTHLY:
                months.refresh(connection, table, first, last)


@contextmanager
def _staged(connection: Connection, table: Table, cells: Select) -> Iterator[Select]:
    """``cells`` (rows of the daily ``table``) written once to a table of their own for the
    caller's transaction; yields a select of them and drops the table afterwards."""
    names = list(cells.selected_columns.keys())
    # SQLite: in the main file, since a temporary table in the transaction would keep
    # queries.bulk.bulk_cache from setting temp_store back (one writer at a time anyway).
    temporary = ["TEMPORARY"] if connection.dialect.name != "sqlite" else []
    staged = Table(f"staged_{table.name}", MetaData(), *(Column(name, table.c[name].type) for name in names),
                   prefixes=temporary)
    staged.create(connection)
    connection.execute(insert(staged).from_select(names, cells))
    yield select(*staged.c).where(true())  # SQLite: an upsert's SELECT needs a WHERE
    staged.drop(connection)  # on an error the caller's transaction takes it back with the rest


def _per_month(connection: Connection, daily: Table, cells: Select) -> Select:
    """The rows of ``daily``'s monthly table that the daily ``cells`` sum to."""
    new = cells.subquery()
    month = months.month_of(connection, new.c.day).label("month")
    group = [month, *(new.c[name] for name in months.cells(daily))]
    return select(*group, *(func.sum(new.c[name]).label(name) for name in months.stats(daily))).group_by(*group)


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _insert(connection: Connection, table: Table, cells: Select) -> None:
    connection.execute(insert(table).from_select(list(cells.selected_columns.keys()), cells))


def _add_to(connection: Connection, table: Table, cells: Select) -> None:
    """INSERT ``cells`` into ``table``; a cell it holds already gets the counts added."""
    statement = insert_on_conflict(connection, table).from_select(list(cells.selected_columns.keys()), cells)
    connection.execute(statement.on_conflict_do_update(
        index_elements=[column.name for column in table.primary_key.columns],
        set_={name: table.c[name] + statement.excluded[name] for name in months.stats(table)}))


def _count_cells(connection: Connection, conditions: list) -> Select:
    """``daily_counts``' rows of the responses that satisfy ``conditions``."""
    group = [response_day(connection.dialect.name).label("day"), Response.unit_id, Response.touchpoint_id,
             Response.channel]
    return (select(*group, *(value.label(name) for name, value in count_expressions().items()))
            .where(*conditions).group_by(*group))


def refresh_segments(connection: Connection, first: date | None = None, last: date | None = None,
                     keys: Iterable[str] | None = None) -> None:
    """Recompute ``daily_segment_counts`` of the days ``first`` to ``last`` (every
    day when both are None) for the attribute ``keys`` (default: every key), from
    the responses and their attributes: rows only for the keys that ``segments``
    switches on, inside the caller's transaction."""
    table = DailySegmentCount.__table__
    delete = table.delete()
    if first is not None and last is not None:
        delete = delete.where(table.c.day.between(first, last))
    conditions = []
    if keys is not None:
        keys = sorted(set(keys))
        delete = delete.where(table.c.key.in_(keys))
        conditions.append(ResponseAttribute.key.in_(keys))
    connection.execute(delete)
    _insert(connection, table, _segment_cells(connection, [*_period(first, last), *conditions]))
    months.refresh(connection, table, first, last, keys)


def _segment_cells(connection: Connection, conditions: list) -> Select:
    """``daily_segment_counts``' rows of the responses that satisfy ``conditions``, for
    the keys switched on."""
    group = [response_day(connection.dialect.name).label("day"), Response.unit_id, Response.touchpoint_id,
             Response.channel, ResponseAttribute.key, ResponseAttribute.value]
    enabled = select(Segment.key).where(Segment.enabled.is_(True))
    return (select(*group, *(value.label(name) for name, value in count_expressions().items()))
            .select_from(Response).join(ResponseAttribute, ResponseAttribute.response_id == Response.id)
            .where(ResponseAttribute.key.in_(enabled), *conditions)
            .group_by(*group))


def refresh_themes(connection: Connection, first: date | None = None, last: date | None = None) -> None:
    """Recompute ``daily_theme_counts`` of the days ``first`` to ``last`` (every day
    when both are None) from the commented responses and their ``response_themes``,
    inside the caller's transaction, with the driver and language rows of those
    days (a retag may have tagged or detected anew)."""
    table = DailyThemeCount.__table__
    delete = table.delete()
    if first is not None and last is not None:
        delete = delete.where(table.c.day.between(first, last))
    connection.execute(delete)
    _insert(connection, table, _theme_cells(connection, _period(first, last)))
    months.refresh(connection, table, first, last)
    refresh_drivers(connection, first, last)
    refresh_languages(connection, first, last)


def _theme_cells(connection: Connection, conditions: list) -> Select:
    """``daily_theme_counts``' rows of the commented responses that satisfy ``conditions``."""
    group = [response_day(connection.dialect.name).label("day"), Response.unit_id, Response.touchpoint_id,
             Response.channel, ResponseTheme.theme_id]
    return (select(*group, *(value.label(name) for name, value in count_expressions().items()))
            .select_from(Response).join(ResponseTheme, ResponseTheme.response_id == Response.id)
            .where(*conditions, has_comment())
            .group_by(*group))


def refresh_languages(connection: Connection, first: date | None = None, last: date | None = None) -> None:
    """Recompute ``daily_language_counts`` of the days ``first`` to ``last`` (every day
    when both are None) from the commented responses with a language, inside the
    caller's transaction."""
    table = DailyLanguageCount.__table__
    delete = table.delete()
    if first is not None and last is not None:
        delete = delete.where(table.c.day.between(first, last))
    connection.execute(delete)
    _insert(connection, table, _language_cells(connection, _period(first, last)))


def _language_cells(connection: Connection, conditions: list) -> Select:
    """``daily_language_counts``' rows of the commented responses that satisfy ``conditions``."""
    group = [response_day(connection.dialect.name).label("day"), Response.unit_id, Response.language]
    return (select(*group, func.count().label("comments"))
            .where(*conditions, has_comment(), Response.language.is_not(None)).group_by(*group))


def driver_expressions(value) -> dict:
    """The SQL aggregates behind ``daily_driver_counts``' columns of each measure, over the
    measure's answers ``value(measure)``: count, sum, sum of squares, good and bad side."""
    found = {}
    for key, measure in measures.MEASURES.items():
        score = value(key)
        found.update({
            f"{key}_n": func.count(score),
            f"{key}_sum": func.coalesce(func.sum(score), 0),
            f"{key}_sumsq": func.coalesce(func.sum(score * score), 0),
            f"{key}_good": func.sum(case((score.between(*measure.group_range("top")), 1), else_=0)),
            f"{key}_bad": func.sum(case((score.between(*measure.group_range("bottom")), 1), else_=0)),
        })
    return found


def refresh_drivers(connection: Connection, first: date | None = None, last: date | None = None) -> None:
    """Recompute ``daily_driver_counts`` of the days ``first`` to ``last`` (every day when
    both are None) from the responses and their ``response_themes``, inside the caller's
    transaction. A response's theme set is its theme ids joined by commas (in id order as
    the database delivers them; a set spelled in another order only makes another row,
    which the reader decodes to the same indicators)."""
    table = DailyDriverCount.__table__
    delete = table.delete()
    if first is not None and last is not None:
        delete = delete.where(table.c.day.between(first, last))
    connection.execute(delete)
    _insert(connection, table, _driver_cells(connection, _period(first, last)))
    months.refresh(connection, table, first, last)


def _driver_cells(connection: Connection, conditions: list) -> Select:
    """``daily_driver_counts``' rows of the responses that satisfy ``conditions``."""
    tags = (select(ResponseTheme.response_id, ResponseTheme.theme_id)
            .join(Response, Response.id == ResponseTheme.response_id).where(*conditions)
            .order_by(ResponseTheme.response_id, ResponseTheme.theme_id).subquery())
    sets = (select(tags.c.response_id, func.aggregate_strings(cast(tags.c.theme_id, String), ",").label("themes"))
            .group_by(tags.c.response_id).subquery())
    answers = select(response_day(connection.dialect.name).label("day"), Response.unit_id,
                     Response.touchpoint_id, Response.channel,
                     case((has_comment(), 1), else_=0).label("commented"),
                     func.coalesce(sets.c.themes, "").label("themes"),
                     *(score_column(key).label(key) for key in measures.MEASURES),
                     ).outerjoin(sets, sets.c.response_id == Response.id).where(*conditions).subquery()
    group = [answers.c[name] for name in ("day", "unit_id", "touchpoint_id", "channel", "commented", "themes")]
    expressions = {"responses": func.count(), **driver_expressions(lambda key: answers.c[key])}
    return select(*group, *(value.label(name) for name, value in expressions.items())).group_by(*group)
