"""Did it help: the counts behind an action's effect, for its unit and comparable units.

:func:`done_actions` lists the completed actions of a scope with what they are judged on
(measure, target, the start of the period that led to them, the day they were done);
:func:`effect_counts` reads, for one action or group of overlapping actions
(:func:`analysis.action_effect.overlap_groups`), the baseline and after-window counts of the
action's unit (and the units below it, within the scope) and of each comparable unit.

Counts come from ``daily_counts`` (the whole unit, a touchpoint or a channel); a theme target
is read from ``daily_theme_counts`` (commented responses that mention the theme, as the
strengths page counts them).

Comparable units: active units (kind "unit") outside the action's unit that had no action on
the same measure between the baseline's start and the after-window's end (cancelled ones
aside), with at least ``min_responses`` answers in both windows. The action's region is used
when it has at least :data:`REGION_MIN_UNITS` of them (units of a region share its trends),
else the whole organisation.

PRIVACY RULE (as :func:`queries.compare.comparator_counts`): comparable units may lie outside
the reader's scope. Their counts are only used here and in :mod:`analysis.action_effect`,
which shows them as one aggregate over at least :data:`analysis.action_effect.MIN_UNITS`
units; when 1 or 2 of them lie outside the scope those are left out (subtracting the units a
reader may see must not reveal one other unit), and with fewer than MIN_UNITS left there is no
comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

import pandas as pd
from sqlalchemy import Engine, case, func, literal, or_, select

from analysis import measures
from analysis.action_effect import MIN_UNITS, Windows, target_of, trigger_start
from queries.common import aware, region_column, rows_frame
from queries.schema import Action, DailyCount, DailyThemeCount, Insight, Theme, Touchpoint, Unit
from queries.scope import Scope, descendants, region_of

COUNTS = list(measures.COUNT_COLUMNS)
REGION_MIN_UNITS = 5
DONE_COLUMNS = ["action_id", "title", "unit_id", "unit", "region", "measure", "target_type", "target_key",
                "trigger_start", "done_on"]


@dataclass(frozen=True)
class EffectCounts:
    """The counts of one effect: the unit's per window (dicts of :data:`COUNTS`) and the
    comparable units' (frames of :data:`COUNTS`, one row per unit, the same units in the same
    order in both), whether they are the unit's ``region`` or the ``organisation`` (None
    without a comparison), and the region's name."""

    unit_before: dict
    unit_after: dict
    control_before: pd.DataFrame
    control_after: pd.DataFrame
    comparison: str | None
    region: str | None


def _day(value) -> date:
    return aware(value).date() if isinstance(value, datetime) else pd.Timestamp(value).date()


def done_actions(engine: Engine, scope: Scope, weeks: int = 8) -> pd.DataFrame:
    """The completed actions of units in ``scope`` with a measure to judge them on
    (:func:`analysis.action_effect.target_of`), oldest done first. Columns :data:`DONE_COLUMNS`:
    ``trigger_start`` is the linked insight's period start, else ``weeks`` weeks before the
    action was created (:func:`analysis.action_effect.trigger_start`); ``done_on`` the UTC day
    it was completed."""
    columns = DONE_COLUMNS
    if not scope.unit_ids:
        return pd.DataFrame(columns=columns)
    parent, region = region_column()
    query = (
        select(Action.id, Action.title, Action.unit_id, Unit.name, region.label("region"), Action.expected_effect,
               Insight.metric, Insight.scope_type, Insight.scope_key, Insight.period_start,
               Action.created_at, Action.completed_at)
        .join(Unit, Unit.id == Action.unit_id)
        .outerjoin(parent, parent.c.id == Unit.parent_id)
        .outerjoin(Insight, Insight.id == Action.insight_id)
        .where(Action.unit_id.in_(sorted(scope.unit_ids)), Action.status == "done",
               Action.completed_at.is_not(None))
        .order_by(Action.completed_at, Action.id)
    )
    rows = []
    with engine.connect() as connection:
        for row in connection.execute(query):
            measure, target_type, target_key = target_of(row.expected_effect, row.metric, row.scope_type,
                                                         row.scope_key)
            if measure is None:
                continue
            insight_start = None if row.period_start is None else pd.Timestamp(row.period_start).date()
            rows.append((row.id, row.title, row.unit_id, row.name, row.region, measure, target_type, target_key,
                         trigger_start(insight_start, _day(row.created_at), weeks), _day(row.completed_at)))
    return pd.DataFrame(rows, columns=columns)


def _units(connection) -> pd.DataFrame:
    rows = connection.execute(select(Unit.id, Unit.parent_id, Unit.kind, Unit.active, Unit.name)).all()
    return rows_frame(rows, ["id", "parent_id", "kind", "active", "name"]).set_index("id", drop=False)


def _tree(units: pd.DataFrame) -> dict[int, int | None]:
    return {int(row.id): None if pd.isna(row.parent_id) else int(row.parent_id) for row in units.itertuples()}


def _busy_units(connection, tree: dict[int, int | None], measure: str, found: Windows) -> frozenset[int]:
    """Units (and those below them) with an action on ``measure`` that was open or done
    between the baseline's start and the after-window's end (cancelled actions aside)."""
    start = datetime.combine(found.baseline_start, time.min, tzinfo=timezone.utc)
    end = datetime.combine(found.after_end + timedelta(days=1), time.min, tzinfo=timezone.utc)
    query = (select(Action.unit_id, Action.expected_effect, Insight.metric)
             .outerjoin(Insight, Insight.id == Action.insight_id)
             .where(Action.status != "cancelled", Action.created_at < end,
                    or_(Action.completed_at.is_(None), Action.completed_at >= start)))
    busy: set[int] = set()
    for row in connection.execute(query):
        if target_of(row.expected_effect, row.metric, None, None)[0] == measure:
            busy |= descendants(tree, row.unit_id)
    return frozenset(busy)


def _window_counts(connection, units: frozenset[int], found: Windows, target_type: str | None,
                   target_key: str | None) -> pd.DataFrame:
    """Per unit and window ("before", "after"): :data:`COUNTS` of the target, from
    ``daily_theme_counts`` for a theme and ``daily_counts`` otherwise."""
    counts = DailyThemeCount if target_type == "theme" else DailyCount
    before, after = (counts.day.between(found.baseline_start, found.baseline_end),
                     counts.day.between(found.after_start, found.after_end))
    window = case((before, literal("before")), (after, literal("after")))
    conditions = [counts.unit_id.in_(sorted(units)), or_(before, after)]
    if target_type == "theme":
        conditions.append(counts.theme_id == select(Theme.id).where(Theme.key == target_key).scalar_subquery())
    elif target_type == "touchpoint":
        conditions.append(counts.touchpoint_id == select(Touchpoint.id)
                          .where(Touchpoint.key == target_key).scalar_subquery())
    elif target_type == "channel":
        conditions.append(counts.channel == target_key)
    query = (select(counts.unit_id, window.label("window"), *[func.sum(getattr(counts, name)) for name in COUNTS])
             .where(*conditions).group_by(counts.unit_id, window))
    frame = rows_frame(connection.execute(query), ["unit_id", "window", *COUNTS])
    frame[COUNTS] = frame[COUNTS].fillna(0).astype("int64")
    return frame


def _per_unit(counts: pd.DataFrame, window: str, units: list[int]) -> pd.DataFrame:
    rows = counts[counts["window"] == window].set_index("unit_id")[COUNTS]
    return rows.reindex(units, fill_value=0).astype("int64")


def effect_counts(engine: Engine, scope: Scope, *, unit_id: int, measure: str, target_type: str | None,
                  target_key: str | None, found: Windows, min_responses: int = 5) -> EffectCounts:
    """The baseline and after-window counts of ``unit_id`` (with the units below it that lie
    in ``scope``) and of its comparable units (see the module docstring), on ``measure``'s
    target (a touchpoint, channel or theme key; None: the whole unit). Raises
    PermissionError when the unit lies outside ``scope``."""
    if not scope.allows(unit_id):
        raise PermissionError(f"unit {unit_id} is outside your scope")
    m = measures.get(measure)
    with engine.connect() as connection:
        units = _units(connection)
        tree = _tree(units)
        own = descendants(tree, unit_id) & scope.unit_ids
        busy = _busy_units(connection, tree, measure, found)
        candidates = frozenset(int(row.id) for row in units.itertuples()
                               if row.kind == "unit" and row.active) - descendants(tree, unit_id) - busy
        counts = _window_counts(connection, own | candidates, found, target_type, target_key)
    mine = counts[counts["unit_id"].isin(own)]
    unit_before = {name: int(mine.loc[mine["window"] == "before", name].sum()) for name in COUNTS}
    unit_after = {name: int(mine.loc[mine["window"] == "after", name].sum()) for name in COUNTS}
    ordered = sorted(candidates)
    before, after = _per_unit(counts, "before", ordered), _per_unit(counts, "after", ordered)
    usable = {int(u) for u in ordered if before.at[u, m.n] >= min_responses and after.at[u, m.n] >= min_responses}
    region = region_of(units, unit_id)
    in_region = usable & descendants(tree, region) if region is not None else set()
    comparison = "region" if len(in_region) >= REGION_MIN_UNITS else "organisation"
    chosen = in_region if comparison == "region" else usable
    outside = chosen - scope.unit_ids
    if 0 < len(outside) < MIN_UNITS:
        chosen = chosen - outside
    if len(chosen) < MIN_UNITS:
        chosen, comparison = set(), None
    chosen_list = sorted(chosen)
    return EffectCounts(unit_before, unit_after, before.loc[chosen_list].reset_index(drop=True),
                        after.loc[chosen_list].reset_index(drop=True), comparison,
                        None if region is None else str(units.at[region, "name"]))
