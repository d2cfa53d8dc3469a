"""The comment list: what customers wrote, with its context, filtered, searched
and paged, always within a scope. The only read that returns raw rows.

Search uses the full-text index of migration 0003 (FTS5 on SQLite, a GIN
tsvector index on PostgreSQL) and ``LIKE`` on other databases; see
:mod:`queries.search` for how the typed text becomes a query. A small scope
never pays for the whole organisation's matches: on SQLite a selection with
fewer comments (counted in ``daily_counts``) than :data:`SCOPE_FIRST` times the
index's matches walks its own comments in the partial index and keeps those in
the match list, instead of reading every matching response; elsewhere a
selection of at most :data:`SMALL_SCOPE` comments is matched in Python. A
response's themes are its active themes; one without any counts as "other".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

import pandas as pd
from sqlalchemy import (
    Engine, and_, bindparam, column, false, func, literal_column, select, table,
)

from analysis import measures
from queries import search
from queries.common import aware, none_for_missing, rows_frame
from queries.responses import Filters
from queries.rollup import in_group, score_column
from queries.schema import (
    COMMENTED_INDEX, DailyCount, DailyLanguageCount, Response, ResponseTheme, Theme, Touchpoint, Unit, has_comment,
    has_theme,
)
from queries.scope import Scope

SORTS = ("newest", "oldest", "lowest", "highest", "relevance")
SCORE_GROUPS = measures.GROUPS  # the good side, the middle and the bad side of the measure
OTHER = "other"
SCORES = ["nps", "csat", "scale10", "sentiment"]
COLUMNS = ["id", "responded_at", "unit_id", "unit", "touchpoint_key", "touchpoint_sv",
           "touchpoint_en", "channel", *SCORES, "comment", "language", "themes"]
THEME_CHUNK = 5_000  # response ids per theme lookup, below every driver's parameter limit
# A search in a selection with at most this many comments reads them and matches in
# Python (not on SQLite, whose scope-first search is cheaper), a cost flat in the
# organisation's size. At 1,000,000 responses on PostgreSQL the index is already
# cheaper for a unit of 1,400 comments (0.023 against 0.041 CPU seconds, rare word).
SMALL_SCOPE = 1_000
# SQLite: walking a selection's entries in the covering partial index costs about a
# quarter of reading one matching response, so a selection with fewer comments than
# this many times the organisation's matches is walked first.
SCOPE_FIRST = 4


@dataclass(frozen=True)
class CommentQuery:
    """Which comments to show, beyond the sidebar filters, and in what order."""

    score_group: str | None = None     # one of SCORE_GROUPS on ``measure``, or None (all)
    theme_key: str | None = None       # a themes.key, "other" (no theme) or None
    language: str | None = None        # responses.language, or None
    search: str = ""                   # what the user typed
    sort: str = "newest"               # "relevance" without search terms: newest
    imported_after: datetime | None = None  # only responses imported after this moment
    measure: str = "nps"               # what the score group and the score sorts read

    def __post_init__(self) -> None:
        measures.get(self.measure)
        if self.score_group is not None and self.score_group not in SCORE_GROUPS:
            raise ValueError(f"unknown score group {self.score_group!r}")
        if self.sort not in SORTS:
            raise ValueError(f"unknown sort {self.sort!r}")


def _utc(moment: datetime) -> datetime:
    """An aware UTC datetime; a naive one is taken to be UTC already."""
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def _day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    lower = datetime.combine(start, time.min, tzinfo=timezone.utc)
    return lower, datetime.combine(end + timedelta(days=1), time.min, tzinfo=timezone.utc)


_FTS = table("comments_fts", column("rowid"))


def _fts_match(terms: list[tuple[str, ...]]):
    return literal_column("comments_fts").op("MATCH")(bindparam("fts", search.fts5_query(terms), unique=True))


def _tsvector():
    """Exactly the expression of the GIN index in migration 0003, so the index is used."""
    return func.to_tsvector(literal_column("'simple'"), func.coalesce(Response.comment, literal_column("''")))


def _tsquery(terms: list[tuple[str, ...]]):
    return func.to_tsquery(literal_column("'simple'"), bindparam("tsq", search.tsquery(terms), unique=True))


def _ts_search(terms: list[tuple[str, ...]]):
    """PostgreSQL: every word through the GIN index, and a phrase's word order on the
    rows left. The index has no word positions, so a phrase in the index condition
    recomputes the tsvector of every candidate in the organisation (0.5 s for one
    phrase at 1,000,000 responses); the separate check uses an expression the index
    does not hold (for a comment, the same tsvector), so the planner applies it
    after the cheap scope conditions."""
    words = func.to_tsquery(literal_column("'simple'"),
                            bindparam("tsw", search.tsquery_words(terms), unique=True))
    condition = _tsvector().op("@@")(words)
    if all(len(term) == 1 for term in terms):
        return condition
    unindexed = func.to_tsvector(literal_column("'simple'"), Response.comment)
    return and_(condition, unindexed.op("@@")(_tsquery(terms)))


def _search(dialect: str, terms: list[tuple[str, ...]], scope_first: bool = False):
    """The condition keeping the comments that match ``terms``. ``scope_first``
    (SQLite): the match list is only looked up (a unary ``+`` keeps the id out of
    the index choice), so the selection's own index drives the read."""
    if dialect == "sqlite":
        response_id = literal_column("+responses.id") if scope_first else Response.id
        return response_id.in_(select(_FTS.c.rowid).where(_fts_match(terms)))
    if dialect == "postgresql":
        return _ts_search(terms)
    lowered = func.lower(Response.comment)
    return and_(*(lowered.like(func.lower(pattern), escape="\\")
                  for pattern in search.like_patterns(terms)))


def _ranked(dialect: str, statement, terms: list[tuple[str, ...]]):
    """``statement`` with what ranking needs joined (the search condition stays),
    and each comment's relevance (higher is better; None where the database cannot rank)."""
    if dialect == "sqlite":
        # Materialised once: as a plain subquery SQLite would run the MATCH again
        # for every response of the scope (seconds for a single unit).
        hits = (select(_FTS.c.rowid, (-func.bm25(literal_column("comments_fts"))).label("relevance"))
                .where(_fts_match(terms)).cte("hits").prefix_with("MATERIALIZED"))
        return statement.join(hits, hits.c.rowid == Response.id), hits.c.relevance
    if dialect == "postgresql":
        return statement, func.ts_rank(_tsvector(), _tsquery(terms))
    return statement, None


def _conditions(connection, scope: Scope, filters: Filters, query: CommentQuery) -> tuple[list, list]:
    """The WHERE conditions of a comment read, and the search terms."""
    lower, upper = _day_bounds(filters.start, filters.end)
    units = sorted(scope.narrow(filters.unit_ids).unit_ids)
    conditions = [
        Response.unit_id.in_(units),
        Response.responded_at >= lower,
        Response.responded_at < upper,
        has_comment(),
    ]
    if filters.touchpoint_id is not None:
        conditions.append(Response.touchpoint_id == filters.touchpoint_id)
    if filters.channel is not None:
        conditions.append(Response.channel == filters.channel)
    if query.score_group is not None:
        conditions.append(in_group(query.measure, query.score_group))
    if query.theme_key == OTHER:
        conditions.append(~has_theme())
    elif query.theme_key is not None:
        conditions.append(has_theme(query.theme_key))
    if query.language is not None:
        conditions.append(Response.language == query.language)
    if query.imported_after is not None:
        conditions.append(Response.imported_at > _utc(query.imported_after))
    terms = search.parse(query.search)
    dialect = connection.dialect.name
    if not terms:
        return conditions, terms
    if dialect == "sqlite":
        scope_first = _commented(connection, units, filters) < SCOPE_FIRST * _matches(connection, terms)
        conditions.append(_search(dialect, terms, scope_first))
    elif _commented(connection, units, filters) <= SMALL_SCOPE:
        found = [row.id for row in connection.execute(select(Response.id, Response.comment).where(*conditions))
                 if search.matches(terms, row.comment)]
        conditions.append(Response.id.in_(found) if found else false())
    else:
        conditions.append(_search(dialect, terms))
    return conditions, terms


def _matches(connection, terms: list[tuple[str, ...]]) -> int:
    """The organisation's comments matching ``terms`` in the FTS5 index (its doclists only)."""
    return int(connection.execute(select(func.count()).select_from(_FTS).where(_fts_match(terms))).scalar())


def _commented(connection, units: list[int], filters: Filters) -> int:
    """The comments of the selection, from ``daily_counts``."""
    conditions = [DailyCount.unit_id.in_(units), DailyCount.day.between(filters.start, filters.end)]
    if filters.touchpoint_id is not None:
        conditions.append(DailyCount.touchpoint_id == filters.touchpoint_id)
    if filters.channel is not None:
        conditions.append(DailyCount.channel == filters.channel)
    return int(connection.execute(select(func.coalesce(func.sum(DailyCount.comments), 0)).where(*conditions))
               .scalar())


# Newest first, ties broken in the order of ix_responses_commented's own columns: SQLite
# then walks that partial index (commented answers only, with their scores, touchpoint and
# channel) backwards from the newest and stops at the limit (NULLS LAST is SQLite's own
# order for DESC; PostgreSQL gives the same order, but a backward walk of its index would
# give NULLS FIRST, so it sorts the ties of each moment). Broken by id alone, SQLite walked
# every answer of the unit on ix_responses_unit_responded instead (a strengths card's pool
# of 500 comments of one theme and tone at 3M: 92 ms → 12 ms).
NEWEST = (Response.responded_at.desc(), *(getattr(Response, name).desc().nulls_last()
                                          for name in COMMENTED_INDEX[2:]))


def _order(query: CommentQuery, relevance) -> list:
    """ORDER BY for a sort (scores: the query's measure); the newest id last breaks
    every tie, so pages never overlap."""
    score = score_column(query.measure)
    if query.sort == "relevance" and relevance is not None:
        first = [relevance.desc()]
    else:
        first = {"oldest": [Response.responded_at.asc()], "lowest": [score.asc().nulls_last()],
                 "highest": [score.desc().nulls_last()]}.get(query.sort, list(NEWEST))
    return [*first, Response.id.desc()]


def _themes(connection, ids: list[int]) -> dict[int, list[str]]:
    """The active theme keys of each response, in the themes' sort order."""
    found: dict[int, list[str]] = {}
    for first in range(0, len(ids), THEME_CHUNK):
        rows = connection.execute(
            select(ResponseTheme.response_id, Theme.key)
            .join(Theme, Theme.id == ResponseTheme.theme_id)
            .where(ResponseTheme.response_id.in_(ids[first:first + THEME_CHUNK]), Theme.active.is_(True))
            .order_by(Theme.sort_order, Theme.id)
        )
        for response_id, key in rows:
            found.setdefault(response_id, []).append(key)
    return found


def list_comments(engine: Engine, scope: Scope, filters: Filters, query: CommentQuery,
                  limit: int = 25, offset: int = 0) -> pd.DataFrame:
    """One page of comments with their context; columns :data:`COLUMNS`
    (``responded_at`` UTC-aware, the :data:`SCORES` nullable ints, ``language`` None
    where unknown, ``themes`` a list)."""
    if not scope.narrow(filters.unit_ids).unit_ids:
        return pd.DataFrame(columns=COLUMNS)
    dialect = engine.dialect.name
    with engine.connect() as connection:
        conditions, terms = _conditions(connection, scope, filters, query)
    statement = (
        select(Response.id, Response.responded_at, Response.unit_id, Unit.name,
               Touchpoint.key, Touchpoint.name_sv, Touchpoint.name_en, Response.channel,
               *(getattr(Response, name) for name in SCORES), Response.comment, Response.language)
        .join(Unit, Unit.id == Response.unit_id)
        .join(Touchpoint, Touchpoint.id == Response.touchpoint_id)
        .where(*conditions)
    )
    relevance = None
    if query.sort == "relevance" and terms:
        statement, relevance = _ranked(dialect, statement, terms)
    statement = statement.order_by(*_order(query, relevance)).limit(limit).offset(offset)
    with engine.connect() as connection:
        frame = rows_frame(connection.execute(statement), COLUMNS[:-1])
        themes = _themes(connection, [int(value) for value in frame["id"]])
    frame["responded_at"] = pd.to_datetime(frame["responded_at"], utc=True)
    frame[SCORES] = frame[SCORES].astype("Int64")
    frame["themes"] = [themes.get(int(value), []) for value in frame["id"]]
    return none_for_missing(frame, ["language"])


def comments_by_ids(engine: Engine, scope: Scope, ids: list[int]) -> pd.DataFrame:
    """The comments with ``ids`` that lie in ``scope`` (others are left out), in
    the order of ``ids``; columns :data:`COLUMNS` as :func:`list_comments`."""
    wanted = [int(value) for value in ids]
    if not wanted or not scope.unit_ids:
        return pd.DataFrame(columns=COLUMNS)
    statement = (
        select(Response.id, Response.responded_at, Response.unit_id, Unit.name,
               Touchpoint.key, Touchpoint.name_sv, Touchpoint.name_en, Response.channel,
               *(getattr(Response, name) for name in SCORES), Response.comment, Response.language)
        .join(Unit, Unit.id == Response.unit_id)
        .join(Touchpoint, Touchpoint.id == Response.touchpoint_id)
        .where(Response.id.in_(wanted), Response.unit_id.in_(sorted(scope.unit_ids)), has_comment())
    )
    with engine.connect() as connection:
        frame = rows_frame(connection.execute(statement), COLUMNS[:-1])
        themes = _themes(connection, [int(value) for value in frame["id"]])
    order = {value: position for position, value in enumerate(wanted)}
    frame = frame.sort_values("id", key=lambda column: column.map(order)).reset_index(drop=True)
    frame["responded_at"] = pd.to_datetime(frame["responded_at"], utc=True)
    frame[SCORES] = frame[SCORES].astype("Int64")
    frame["themes"] = [themes.get(int(value), []) for value in frame["id"]]
    return none_for_missing(frame, ["language"])


def count_comments(engine: Engine, scope: Scope, filters: Filters, query: CommentQuery) -> int:
    """How many comments :func:`list_comments` pages through: from ``daily_counts``
    when nothing beyond the sidebar's filters narrows the list, else counted."""
    units = sorted(scope.narrow(filters.unit_ids).unit_ids)
    if not units:
        return 0
    with engine.connect() as connection:
        if (query.score_group, query.theme_key, query.language, query.imported_after) == (None,) * 4 \
                and not search.parse(query.search):
            return _commented(connection, units, filters)
        conditions, _ = _conditions(connection, scope, filters, query)
        return int(connection.execute(select(func.count()).select_from(Response).where(*conditions)).scalar())


def export_comments(engine: Engine, scope: Scope, filters: Filters, query: CommentQuery,
                    limit: int = 50_000) -> pd.DataFrame:
    """Every comment of :func:`list_comments` (at most ``limit``) for a download."""
    return list_comments(engine, scope, filters, query, limit=limit)


def theme_options(engine: Engine) -> pd.DataFrame:
    """The active themes: id, key, name_sv, name_en, in their sort order."""
    statement = (select(Theme.id, Theme.key, Theme.name_sv, Theme.name_en)
                 .where(Theme.active.is_(True)).order_by(Theme.sort_order, Theme.id))
    with engine.connect() as connection:
        return rows_frame(connection.execute(statement), ["id", "key", "name_sv", "name_en"])


def languages(engine: Engine, scope: Scope) -> list[str]:
    """The languages of the comments in the scope (from ``daily_language_counts``)."""
    if not scope.unit_ids:
        return []
    statement = (select(DailyLanguageCount.language).distinct()
                 .where(DailyLanguageCount.unit_id.in_(sorted(scope.unit_ids)))
                 .order_by(DailyLanguageCount.language))
    with engine.connect() as connection:
        return [row[0] for row in connection.execute(statement)]


ARRIVAL_KEYS = ("comments", "first_imported", "last_imported", "first_written", "last_written")


def arrivals(engine: Engine, scope: Scope, filters: Filters, since: datetime) -> dict:
    """The comments that arrived in Insikt (``imported_at``) after ``since`` in the
    units, touchpoint and channel of ``filters``, whenever they were written (an
    import may bring feedback from years ago, so the filters' period is not used):
    ``comments`` (how many), ``first_imported``/``last_imported`` (aware UTC) and
    ``first_written``/``last_written`` (``responded_at``, aware UTC); the moments
    are None when nothing arrived. One aggregate query that starts from the index on
    ``imported_at`` (the unit condition is kept out of the index choice with a unary
    ``+`` on SQLite, which would otherwise walk every comment of the units)."""
    empty = dict.fromkeys(ARRIVAL_KEYS) | {"comments": 0}
    units = sorted(scope.narrow(filters.unit_ids).unit_ids)
    if not units:
        return empty
    unit = Response.unit_id if engine.dialect.name != "sqlite" else literal_column("+responses.unit_id")
    conditions = [Response.imported_at > _utc(since), unit.in_(units), has_comment()]
    if filters.touchpoint_id is not None:
        conditions.append(Response.touchpoint_id == filters.touchpoint_id)
    if filters.channel is not None:
        conditions.append(Response.channel == filters.channel)
    statement = select(func.count(), func.min(Response.imported_at), func.max(Response.imported_at),
                       func.min(Response.responded_at), func.max(Response.responded_at)).where(*conditions)
    with engine.connect() as connection:
        row = connection.execute(statement).one()
    if not row[0]:
        return empty
    return dict(zip(ARRIVAL_KEYS, [int(row[0]), *(aware(value) for value in row[1:])]))
