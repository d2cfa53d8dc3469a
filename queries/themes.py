"""Aggregated reads of comment themes: counts per theme, never raw rows (except the
few newest comments of :func:`example_comments` and the untagged comments that
:func:`untagged_comments` hands to frequent-word detection).

Every read takes ``(engine, scope, filters)``: units narrowed to the scope, an
inclusive range of UTC days on ``responded_at``, optionally one touchpoint and one
channel. A comment is a response whose ``comment`` is not NULL (as in
``daily_counts``); only active themes count, and "other" is a comment with no
active theme. Counts per group are those of every measure
(:data:`analysis.measures.COUNT_COLUMNS`: NPS promoters 9–10, passives 7–8,
detractors 0–6; satisfaction, 1–10 ratings and sentiment labels by their sides).
Counts per theme and day come from the rollups (``daily_theme_counts``,
``daily_counts``); what needs a comment's text or the absence of a theme
("other", examples, untagged comments) reads ``responses``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone

import pandas as pd
from sqlalchemy import Engine, func, or_, select

from analysis import emerging, measures
from ingest.language import PATTERN_LANGUAGES, UNKNOWN
from queries import months
from queries.comments import NEWEST
from queries.common import rows_frame
from queries.responses import Filters, daily_stats
from queries.rollup import in_group
from queries.schema import (
    DailyCount, DailyDriverCount, DailyLanguageCount, DailyThemeCount, Response, Theme, Touchpoint, Unit,
    has_comment, has_theme,
)
from queries.scope import Scope

OTHER = "other"
GROUPS = measures.COUNT_COLUMNS
COUNT_COLUMNS = ["key", "comments", *GROUPS]
EXAMPLE_COLUMNS = ["id", "responded_at", "unit", "touchpoint_key", "channel", "nps", "comment"]
COMMENTED = has_comment()


def _moment(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.utc)


def _conditions(scope: Scope, filters: Filters, dated: bool = True) -> list | None:
    """WHERE conditions on ``responses``; None when no unit is left in the scope."""
    units = sorted(scope.narrow(filters.unit_ids).unit_ids)
    if not units:
        return None
    conditions = [Response.unit_id.in_(units)]
    if dated:
        conditions += [Response.responded_at >= _moment(filters.start),
                       Response.responded_at < _moment(filters.end + timedelta(days=1))]
    if filters.touchpoint_id is not None:
        conditions.append(Response.touchpoint_id == filters.touchpoint_id)
    if filters.channel is not None:
        conditions.append(Response.channel == filters.channel)
    return conditions


def _daily_conditions(scope: Scope, filters: Filters, counts, dated: bool = True) -> list | None:
    """:func:`_conditions` on a per-day rollup (``daily_theme_counts`` or ``daily_counts``;
    its model or its table's columns)."""
    units = sorted(scope.narrow(filters.unit_ids).unit_ids)
    if not units:
        return None
    conditions = [counts.unit_id.in_(units)]
    if dated:
        conditions.append(counts.day.between(filters.start, filters.end))
    if filters.touchpoint_id is not None:
        conditions.append(counts.touchpoint_id == filters.touchpoint_id)
    if filters.channel is not None:
        conditions.append(counts.channel == filters.channel)
    return conditions


def active_themes(engine: Engine) -> pd.DataFrame:
    """The active themes in display order: id, key, name_sv, name_en (not unit data: no scope)."""
    query = (select(Theme.id, Theme.key, Theme.name_sv, Theme.name_en).where(Theme.active.is_(True))
             .order_by(Theme.sort_order, Theme.id))
    with engine.connect() as connection:
        return rows_frame(connection.execute(query), ["id", "key", "name_sv", "name_en"])


def _per_theme(engine: Engine, rows: list, columns: list[str]) -> pd.DataFrame:
    """One row per active theme in display order (``rows`` hold theme ids first),
    zeros where ``rows`` has none; inactive themes are left out."""
    themes = active_themes(engine)
    found = rows_frame(rows, ["id", *columns[1:]]).set_index("id")
    frame = found.reindex(themes["id"]).fillna(0).astype("int64").reset_index(drop=True)
    frame.insert(0, "key", themes["key"].to_list())
    return frame[columns]


def commented_sets(engine: Engine, scope: Scope, filters: Filters) -> pd.DataFrame:
    """Among the commented responses, per set of tagged themes (``themes``: theme ids
    joined by commas, "" for none, every theme active or not): ``comments`` and the
    counts of every measure (:data:`GROUPS`). Read from the driver rollup, whose cells
    keep each measure's answers and its good and bad side (the middle is the rest).
    :func:`theme_counts` and :func:`comment_totals` both start from it (a caller that
    wants both can read it once and pass it to each)."""
    counts = months.rows(DailyDriverCount, filters.start, filters.end, lambda table: [
        *_daily_conditions(scope, filters, table.c, dated=False), table.c.commented == 1]).c
    parts = [f"{key}_{part}" for key in measures.MEASURES for part in ("n", "good", "bad")]
    query = (select(counts.themes, func.sum(counts.responses), *(func.sum(counts[name]) for name in parts))
             .group_by(counts.themes))
    with engine.connect() as connection:
        sums = rows_frame(connection.execute(query), ["themes", "comments", *parts])
    frame = sums[["themes", "comments"]].copy()
    for key, measure in measures.MEASURES.items():
        n, good, bad = (sums[f"{key}_{part}"] for part in ("n", "good", "bad"))
        frame[measure.n], frame[measure.top], frame[measure.bottom] = n, good, bad
        if measure.middle:
            frame[measure.middle] = n - good - bad
    return frame[["themes", "comments", *GROUPS]]


def theme_counts(engine: Engine, scope: Scope, filters: Filters, sets: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per active theme, then "other": key, comments (commented responses that
    mention it) and the counts of every measure among them (:data:`GROUPS`). The
    themes from the theme rollup; "other" (commented, no active theme) from the
    driver rollup's theme sets."""
    if _conditions(scope, filters) is None:
        return pd.DataFrame(columns=COUNT_COLUMNS)
    counts = months.rows(DailyThemeCount, filters.start, filters.end,
                         lambda table: _daily_conditions(scope, filters, table.c, dated=False)).c
    per_theme = (select(counts.theme_id, func.sum(counts.responses), *(func.sum(counts[group]) for group in GROUPS))
                 .group_by(counts.theme_id))
    with engine.connect() as connection:
        rows = connection.execute(per_theme).all()
    frame = _per_theme(engine, rows, COUNT_COLUMNS)
    active = {str(theme) for theme in active_themes(engine)["id"]}
    sets = commented_sets(engine, scope, filters) if sets is None else sets
    untagged = sets[sets["themes"].map(lambda text: not active & set(text.split(","))).astype(bool)]
    frame.loc[len(frame)] = [OTHER, *(int(untagged[column].sum()) for column in COUNT_COLUMNS[1:])]
    return frame


def theme_touchpoints(engine: Engine, scope: Scope, filters: Filters) -> pd.DataFrame:
    """Per active theme and touchpoint, the commented responses about that touchpoint
    that mention the theme (``key``, ``touchpoint_id``, ``comments``; only pairs with
    comments), in the filters' units, period and channel; the filters' touchpoint, if
    any, is left out (every touchpoint is counted). One read of the theme rollup, equal
    to :func:`theme_counts` of each touchpoint."""
    columns = ["key", "touchpoint_id", "comments"]
    if _conditions(scope, filters) is None:
        return pd.DataFrame(columns=columns)
    every = replace(filters, touchpoint_id=None)
    counts = months.rows(DailyThemeCount, filters.start, filters.end,
                         lambda table: _daily_conditions(scope, every, table.c, dated=False)).c
    query = (select(counts.theme_id, counts.touchpoint_id, func.sum(counts.responses))
             .group_by(counts.theme_id, counts.touchpoint_id))
    with engine.connect() as connection:
        found = rows_frame(connection.execute(query), ["id", "touchpoint_id", "comments"])
    keys = dict(active_themes(engine)[["id", "key"]].itertuples(index=False))
    found = found[found["id"].isin(keys) & (found["comments"] > 0)]
    found = found.assign(key=found["id"].map(keys)).astype({"touchpoint_id": "int64", "comments": "int64"})
    return found[columns].sort_values(["key", "touchpoint_id"]).reset_index(drop=True)


def comment_totals(engine: Engine, scope: Scope, filters: Filters,
                   sets: pd.DataFrame | None = None) -> dict[str, int]:
    """``comments`` and the counts of every measure (:data:`GROUPS`) among commented
    responses (``promoters``, ``csat_n``…, from the driver rollup) and among all
    responses (``all_promoters``, ``all_csat_n``…, from the daily counts)."""
    keys = ["comments", *GROUPS, *(f"all_{group}" for group in GROUPS)]
    if _conditions(scope, filters) is None:
        return dict.fromkeys(keys, 0)
    commented = commented_sets(engine, scope, filters) if sets is None else sets
    everyone = daily_stats(engine, scope, filters)
    values = [commented[column].sum() for column in COUNT_COLUMNS[1:]]
    values += [everyone[group].sum() for group in GROUPS]
    return {key: int(value or 0) for key, value in zip(keys, values)}


def other_language_comments(engine: Engine, scope: Scope, filters: Filters) -> int:
    """Comments in a language that no theme has patterns for (never tagged): from the
    language rollup, which has no touchpoint or channel; with either of those filters
    from the responses themselves."""
    rollup = filters.touchpoint_id is None and filters.channel is None
    conditions = _daily_conditions(scope, filters, DailyLanguageCount) if rollup else _conditions(scope, filters)
    if conditions is None:
        return 0
    known = [*PATTERN_LANGUAGES, UNKNOWN]
    if rollup:
        query = select(func.sum(DailyLanguageCount.comments)).where(
            *conditions, DailyLanguageCount.language.not_in(known))
    else:
        query = select(func.count()).where(*conditions, COMMENTED, Response.language.is_not(None),
                                           Response.language.not_in(known))
    with engine.connect() as connection:
        return int(connection.execute(query).scalar() or 0)


def theme_days(engine: Engine, scope: Scope, filters: Filters, end: date) -> pd.DataFrame:
    """Per UTC day of the windows of :func:`analysis.emerging.windows` (the 16 weeks ending
    ``end`` and the same weeks a year earlier): ``day``, ``comments`` and, per active theme
    (in display order), the comments that mention it. Days without comments have no row;
    the filters' dates are ignored."""
    themes = active_themes(engine)
    columns = ["day", "comments", *themes["key"]]
    conditions = _daily_conditions(scope, filters, DailyThemeCount, dated=False)
    if conditions is None:
        return pd.DataFrame(columns=columns)
    windows = emerging.windows(end)
    totals = (select(DailyCount.day, func.sum(DailyCount.comments))
              .where(*_daily_conditions(scope, filters, DailyCount, dated=False),
                     or_(*(DailyCount.day.between(first, last) for first, last in windows)))
              .group_by(DailyCount.day).having(func.sum(DailyCount.comments) > 0))
    mentions = (select(DailyThemeCount.theme_id, DailyThemeCount.day, func.sum(DailyThemeCount.responses))
                .where(*conditions, or_(*(DailyThemeCount.day.between(first, last) for first, last in windows)))
                .group_by(DailyThemeCount.theme_id, DailyThemeCount.day))
    with engine.connect() as connection:
        totals = connection.execute(totals).all()
        mentions = connection.execute(mentions).all()
    frame = rows_frame(totals, ["day", "comments"])
    frame["day"] = pd.to_datetime(frame["day"].astype(str))
    found = rows_frame(mentions, ["id", "day", "k"])
    found["day"] = pd.to_datetime(found["day"].astype(str))
    wide = found.pivot_table(index="day", columns="id", values="k", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=themes["id"], fill_value=0)
    wide.columns = themes["key"].to_list()
    frame = frame.merge(wide.reset_index(), on="day", how="left").fillna(0)
    frame[columns[1:]] = frame[columns[1:]].astype("int64")
    return frame[columns].sort_values("day").reset_index(drop=True)


def untagged_comments(engine: Engine, scope: Scope, filters: Filters, first: date, last: date,
                      limit: int = 20_000) -> pd.DataFrame:
    """The newest ``limit`` comments without an active theme from ``first`` to ``last``
    (inclusive UTC days; the filters' dates are ignored): responded_at (UTC), comment."""
    conditions = _conditions(scope, filters, dated=False)
    if conditions is None:
        return pd.DataFrame({"responded_at": pd.Series(dtype="datetime64[ns, UTC]"),
                             "comment": pd.Series(dtype=object)})
    query = (select(Response.responded_at, Response.comment)
             .where(*conditions, COMMENTED, Response.responded_at >= _moment(first),
                    Response.responded_at < _moment(last + timedelta(days=1)), ~has_theme())
             .order_by(*NEWEST, Response.id.desc()).limit(limit))  # walks the index of commented answers
    with engine.connect() as connection:
        frame = rows_frame(connection.execute(query), ["responded_at", "comment"])
    frame["responded_at"] = pd.to_datetime(frame["responded_at"], utc=True)
    return frame


def example_comments(engine: Engine, scope: Scope, filters: Filters, theme_key: str,
                     score_group: str | None = None, limit: int = 3,
                     measure: str = "nps") -> pd.DataFrame:
    """The newest comments of a theme (``"other"``: without a theme), optionally
    of one side of ``measure`` (:data:`analysis.measures.GROUPS`: top, middle,
    bottom), with their context: id, responded_at (UTC), unit, touchpoint_key,
    channel, nps, comment."""
    conditions = _conditions(scope, filters)
    if conditions is None:
        return pd.DataFrame(columns=EXAMPLE_COLUMNS)
    conditions += [COMMENTED, ~has_theme() if theme_key == OTHER else has_theme(theme_key)]
    if score_group is not None:
        conditions.append(in_group(measure, score_group))
    query = (select(Response.id, Response.responded_at, Unit.name, Touchpoint.key, Response.channel,
                    Response.nps, Response.comment)
             .join(Unit, Unit.id == Response.unit_id)
             .join(Touchpoint, Touchpoint.id == Response.touchpoint_id)
             .where(*conditions)
             .order_by(Response.responded_at.desc(), Response.id.desc()).limit(limit))
    with engine.connect() as connection:
        frame = rows_frame(connection.execute(query), EXAMPLE_COLUMNS)
    frame["responded_at"] = pd.to_datetime(frame["responded_at"], utc=True)
    return frame
