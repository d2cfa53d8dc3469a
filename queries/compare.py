"""Counts for the strengths page: a selection's groups, the same groups of a
comparator, a unit × touchpoint heatmap, and the rows of a key-driver regression.

Every read takes ``(engine, scope, filters)`` and aggregates in SQL. A group's
counts are :data:`COUNTS`, those of every measure of :mod:`analysis.measures`
(``n`` responses with a 0–10 score, promoters 9–10, passives 7–8, detractors 0–6;
``csat_n`` responses with a 1–5 rating, ``csat_top`` rated 4–5, ``csat_low`` 1–2;
``s10_n``, ``s10_top``, ``s10_low`` for a 1–10 rating; ``sent_n``, ``sent_pos``,
``sent_neg`` for sentiment labels), and ``comments`` (commented responses; for a
theme, those that mention it), per ``dimension`` and ``key``:

* ``overall`` — key ``"all"``;
* ``touchpoint`` — the touchpoint key;
* ``channel`` — the channel;
* ``theme`` — the key of an active theme, among commented responses that mention it;
* ``segment`` — ``"<attribute key>=<value>"`` from ``response_attributes``, for the
  attribute keys switched on in ``segments`` (the others are kept but never compared).

Overall, touchpoint and channel come from ``daily_counts``, themes from
``daily_theme_counts`` and segments from ``daily_segment_counts`` (fast at
millions of responses). Only groups with at least one response have a row (the overall row is
always there for a non-empty selection). Rows come in display order: overall,
touchpoints, channels, themes, segments.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone

import pandas as pd
from sqlalchemy import Engine, case, func, literal, select

from analysis import measures
from analysis.drivers import CELL_COLUMNS, MIN_CLUSTERS
from analysis.periods import previous
from queries import months
from queries.common import none_for_missing, rows_frame
from queries.responses import Filters
from queries.schema import (
    DailyCount, DailyDriverCount, DailySegmentCount, DailyThemeCount, Response, Segment, Touchpoint, Unit,
)
from queries.scope import Scope, descendants, region_of
from queries.themes import active_themes

COUNTS = list(measures.COUNT_COLUMNS)
# "comments": commented responses in the group (for a theme: those that mention it), the
# denominator and numerator of a theme's prevalence (analysis.compare).
SUMS = [*COUNTS, "comments"]
COLUMNS = ["dimension", "key", *SUMS]
DIMENSIONS = ("overall", "touchpoint", "channel", "theme", "segment")
COMPARATORS = ("organisation", "region", "previous")
HEATMAP_COLUMNS = ["kind", "unit_id", "unit", "region", "touchpoint", *COUNTS]
DRIVER_COLUMNS = CELL_COLUMNS  # unit, week, touchpoint, commented, count, total, total_sq, good, bad
MIN_UNITS = 3
MIN_DAYS = 7  # the shortest period of a comparator read that reaches outside the caller's scope

# Internal columns: responses behind a row, distinct units with responses in it,
# and how many of those lie outside the caller's scope (comparators only).
_INTERNAL = ["responses", "units", "outside"]


@dataclass(frozen=True)
class _Read:
    """What one read covers: explicit unit ids (already decided to be readable),
    inclusive UTC days, and the filters' touchpoint and channel."""

    units: tuple[int, ...]
    start: date
    end: date
    touchpoint_id: int | None
    channel: str | None
    # Set for comparators that may read outside the scope: every row must then be
    # an aggregate over enough units (see :func:`comparator_counts`).
    min_units: int | None = None
    outside: frozenset[int] = frozenset()

    @property
    def guarded(self) -> bool:
        return self.min_units is not None


def _read_of(units, filters: Filters, start: date | None = None, end: date | None = None, *,
             min_units: int | None = None, outside: frozenset[int] = frozenset()) -> _Read:
    return _Read(tuple(sorted(units)), start or filters.start, end or filters.end,
                 filters.touchpoint_id, filters.channel, min_units, frozenset(outside))


def _moment(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.utc)


def _rollup(read: _Read, counts=DailyCount, enabled_keys: bool = False):
    """The rows of a rollup (``daily_counts``, ``daily_segment_counts`` or
    ``daily_theme_counts``, whole months from their monthly tables) in the read's units,
    period, touchpoint and channel; for segments only the keys switched on if asked."""
    def where(table) -> list:
        conditions = [table.c.unit_id.in_(read.units)]
        if read.touchpoint_id is not None:
            conditions.append(table.c.touchpoint_id == read.touchpoint_id)
        if read.channel is not None:
            conditions.append(table.c.channel == read.channel)
        if enabled_keys:
            conditions.append(table.c.key.in_(select(Segment.key).where(Segment.enabled.is_(True))))
        return conditions
    return months.rows(counts, read.start, read.end, where)


def _response_conditions(read: _Read) -> list:
    conditions = [Response.unit_id.in_(read.units), Response.responded_at >= _moment(read.start),
                  Response.responded_at < _moment(read.end + timedelta(days=1))]
    if read.touchpoint_id is not None:
        conditions.append(Response.touchpoint_id == read.touchpoint_id)
    if read.channel is not None:
        conditions.append(Response.channel == read.channel)
    return conditions


def _unit_counts(read: _Read, unit_column) -> list:
    """Distinct units with responses in a group, and those outside the scope
    (only for guarded reads; zeros otherwise, which costs nothing)."""
    if not read.guarded:
        return [literal(0), literal(0)]
    outside = (func.count(func.distinct(case((unit_column.in_(sorted(read.outside)), unit_column))))
               if read.outside else literal(0))
    return [func.count(func.distinct(unit_column)), outside]


def _empty() -> pd.DataFrame:
    frame = pd.DataFrame({column: pd.Series(dtype="int64") for column in COLUMNS})
    return frame.astype({"dimension": object, "key": object})


# Rows per unit ("parts", :data:`PART_COLUMNS`): what a read's rows and, for a guarded read,
# the units outside the scope behind each row (:func:`_members`) are both summed from, so
# that one read of each rollup serves both.
PART_COLUMNS = ["dimension", "key", "unit_id", "responses", *SUMS]


def _daily_parts(connection, read: _Read) -> pd.DataFrame:
    """Overall, touchpoint and channel rows per unit from ``daily_counts`` (one query
    grouped by touchpoint, channel and unit), touchpoints in their order, channels sorted."""
    counts = _rollup(read).c
    sums = [func.sum(counts[name]) for name in ["responses", *SUMS]]
    query = (select(counts.touchpoint_id, counts.channel, counts.unit_id, *sums)
             .group_by(counts.touchpoint_id, counts.channel, counts.unit_id))
    raw = rows_frame(connection.execute(query), ["touchpoint_id", "channel", "unit_id", "responses", *SUMS])
    raw[["responses", *SUMS]] = raw[["responses", *SUMS]].fillna(0).astype("int64")
    touchpoints = connection.execute(
        select(Touchpoint.id, Touchpoint.key).order_by(Touchpoint.sort_order, Touchpoint.id)).all()
    position = {row.id: index for index, row in enumerate(touchpoints)}
    keys = {row.id: row.key for row in touchpoints}
    numbers = ["responses", *SUMS]
    overall = raw.groupby("unit_id", as_index=False)[numbers].sum().assign(dimension="overall", key="all")
    per_touchpoint = raw.groupby(["touchpoint_id", "unit_id"], as_index=False)[numbers].sum()
    per_touchpoint = per_touchpoint.assign(order=per_touchpoint["touchpoint_id"].map(position)).sort_values(
        ["order", "unit_id"], kind="stable")
    per_touchpoint = per_touchpoint.assign(dimension="touchpoint", key=per_touchpoint["touchpoint_id"].map(keys))
    per_channel = (raw.groupby(["channel", "unit_id"], as_index=False)[numbers].sum()
                   .rename(columns={"channel": "key"}).assign(dimension="channel"))
    return pd.concat([part[PART_COLUMNS] for part in (overall, per_touchpoint, per_channel)], ignore_index=True)


def _by_unit(read: _Read, unit_column) -> list:
    """The unit column to group a theme or segment read by: for a guarded read only
    (whose rows must know their units); others are summed over units."""
    return [unit_column] if read.guarded else []


def _theme_parts(connection, engine: Engine, read: _Read) -> pd.DataFrame:
    """Per active theme (in the themes' order), among commented responses that mention
    it, from ``daily_theme_counts``; per unit for a guarded read."""
    counts = _rollup(read, DailyThemeCount).c
    sums = [func.sum(counts[name]) for name in ["responses", *SUMS]]
    by = [counts.theme_id, *_by_unit(read, counts.unit_id)]
    found = rows_frame(connection.execute(select(*by, *sums).group_by(*by)),
                       ["id", *(["unit_id"] if read.guarded else []), "responses", *SUMS])
    themes = active_themes(engine)
    position = {theme: index for index, theme in enumerate(themes["id"])}
    found = found[found["id"].isin(position)]
    found = found.assign(order=found["id"].map(position), dimension="theme",
                         key=found["id"].map(dict(zip(themes["id"], themes["key"]))))
    found = found.sort_values(["order", *(["unit_id"] if read.guarded else [])], kind="stable")
    return found.reindex(columns=PART_COLUMNS)


def _segment_parts(connection, read: _Read) -> pd.DataFrame:
    """Per attribute key and value of the selection's responses, for the keys that
    ``segments`` switches on, from ``daily_segment_counts``; per unit for a guarded read."""
    counts = _rollup(read, DailySegmentCount, enabled_keys=True).c
    sums = [func.sum(counts[name]) for name in ["responses", *SUMS]]
    by = [counts.key, counts.value, *_by_unit(read, counts.unit_id)]
    rows = connection.execute(select(*by, *sums).group_by(*by).order_by(*by)).all()
    found = pd.DataFrame([(f"{row[0]}={row[1]}", *row[2:]) for row in rows],
                         columns=["key", *(["unit_id"] if read.guarded else []), "responses", *SUMS])
    return found.assign(dimension="segment").reindex(columns=PART_COLUMNS)


def _summed(parts: pd.DataFrame, read: _Read) -> pd.DataFrame:
    """One row per (dimension, key) of ``parts``, in their order: the sums, the units
    with responses in it and those of them outside the scope (0 where the parts are
    not per unit)."""
    numbers = ["responses", *SUMS]
    grouped = parts.groupby(KEY, sort=False)
    frame = grouped[numbers].sum()
    frame["units"] = grouped["unit_id"].nunique()
    frame["outside"] = parts[parts["unit_id"].isin(read.outside)].groupby(KEY)["unit_id"].nunique()
    frame = frame.reset_index()
    frame[[*numbers, "units", "outside"]] = frame[[*numbers, "units", "outside"]].fillna(0).astype("int64")
    return frame[["dimension", "key", *numbers, "units", "outside"]]


def _theme_rows(connection, engine: Engine, read: _Read) -> pd.DataFrame:
    """Per active theme, among commented responses that mention it, from
    ``daily_theme_counts`` (with the internal columns)."""
    return _summed(_theme_parts(connection, engine, read), read)


def _parts(engine: Engine, read: _Read, daily_only: bool = False) -> pd.DataFrame:
    """Every dimension's parts of ``read`` (:data:`PART_COLUMNS`; without themes and
    segments if ``daily_only``), in display order."""
    with engine.connect() as connection:
        parts = [_daily_parts(connection, read)]
        if not daily_only:
            parts += [_theme_parts(connection, engine, read), _segment_parts(connection, read)]
    parts = [part for part in parts if len(part)]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=PART_COLUMNS)


def _counts(engine: Engine, read: _Read, parts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every dimension's rows for ``read`` (from its ``parts`` when given), with the
    internal columns; the overall row is always there."""
    frame = _summed(_parts(engine, read) if parts is None else parts, read)
    if not (frame["dimension"] == "overall").any():
        zero = pd.DataFrame([["all"] + [0] * (len(SUMS) + 3)], columns=frame.columns[1:]).astype({"key": object})
        zero.insert(0, "dimension", "overall")
        frame = pd.concat([zero, frame], ignore_index=True) if len(frame) else zero
    return frame


def _enough_units(frame: pd.DataFrame, min_units: int) -> pd.Series:
    """Rows that are an aggregate over at least ``min_units`` units, of which none
    or at least ``min_units`` lie outside the caller's scope."""
    return (frame["units"] >= min_units) & ((frame["outside"] == 0) | (frame["outside"] >= min_units))


def _check_min_units(min_units: int) -> None:
    if min_units < 2:
        raise ValueError(f"min_units must be at least 2 (one unit's figures would be readable), got {min_units}")


def _public(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[COLUMNS].reset_index(drop=True)


def group_counts(engine: Engine, scope: Scope, filters: Filters) -> pd.DataFrame:
    """The groups (:data:`COLUMNS`) of the units ``scope.narrow(filters.unit_ids)``
    in the filters' period, touchpoint and channel. An empty selection gives an
    empty frame; otherwise the overall row is always there (zeros without responses)."""
    units = scope.narrow(filters.unit_ids).unit_ids
    if not units:
        return _empty()
    return _public(_counts(engine, _read_of(units, filters)))


def _unit_table(engine: Engine) -> pd.DataFrame:
    with engine.connect() as connection:
        rows = connection.execute(select(Unit.id, Unit.name, Unit.parent_id, Unit.kind)).all()
    return rows_frame(rows, ["id", "name", "parent_id", "kind"]).set_index("id", drop=False)


def comparator_counts(engine: Engine, scope: Scope, filters: Filters, comparator: str,
                      min_units: int = MIN_UNITS) -> pd.DataFrame | None:
    """The groups (:data:`COLUMNS`) of what the selection ``scope.narrow(filters.unit_ids)``
    is compared with, in the same touchpoint and channel filters:

    * ``"organisation"`` — every unit of the organisation except the selected ones,
      in the same period;
    * ``"region"`` — the other units of the selected units' region(s) (the selected
      ones excluded), in the same period;
    * ``"previous"`` — the selected units in the period of equal length just before
      (:func:`analysis.periods.previous`).

    Returns None when the comparator does not exist or has no responses: nothing
    selected, no previous data, a unit without a region, a region with no other
    unit, or (see below) too few units.

    PRIVACY RULE — a deliberate, narrow exception to "every read stays in the scope".
    ``"organisation"`` and ``"region"`` may read units outside the caller's scope (a
    staff member compares their unit with the rest of the organisation), but only
    as ONE aggregate over the comparator's units, never per unit, so that no single
    other unit can be read off:

    * the comparator is None unless at least ``min_units`` units have responses in
      it (in the period and filters);
    * each row (a touchpoint, channel, theme or segment) must itself be an
      aggregate over at least ``min_units`` units with responses in that group;
      rows that are not are left out;
    * and, so that subtracting the caller's own units (which they may read) cannot
      isolate the rest, the units outside the caller's scope in a row must be none
      or at least ``min_units``; otherwise the row (for the overall row: the whole
      comparator) is left out;
    * complementary suppression: so that subtracting shown rows cannot give away a
      hidden one, more rows are hidden (the next-smallest of a family) until the
      overall row minus a family's shown rows (touchpoints, channels, one segment's
      values) is none or at least ``min_units`` of the units outside the scope; and
      ``"region"`` shows only rows ``"organisation"`` shows, and only while
      organisation − region (the units beyond the region) obeys the same rules
      (see :func:`_suppress_complementary`);
    * when units outside the scope are read, the period must be at least
      :data:`MIN_DAYS` days long (:func:`too_short`): one day of a channel is often
      a single response.

    ``"previous"`` reads only the selected units, inside the scope, like every other read.
    """
    if comparator not in COMPARATORS:
        raise ValueError(f"comparator must be one of {COMPARATORS}, got {comparator!r}")
    _check_min_units(min_units)
    selected = scope.narrow(filters.unit_ids).unit_ids
    if not selected:
        return None
    if comparator == "previous":
        start, end = previous(filters.start, filters.end)
        frame = _counts(engine, _read_of(selected, filters, start, end))
        if frame.loc[frame["dimension"] == "overall", "responses"].sum() == 0:
            return None
        return _public(frame)
    units = _unit_table(engine)
    if comparator == "organisation":
        others = frozenset(units.index) - selected
    else:
        regions = {region_of(units, unit_id) for unit_id in selected} - {None}
        tree = {int(row.id): None if pd.isna(row.parent_id) else int(row.parent_id)
                for row in units.itertuples()}
        others = frozenset().union(*(descendants(tree, region) for region in regions)) - selected
    if not others:
        return None
    read = _read_of(others, filters, min_units=min_units, outside=others - scope.unit_ids)
    if read.outside and too_short(filters):
        return None
    parts = _parts(engine, read)
    frame = _counts(engine, read, parts)
    frame = frame[frame["responses"] > 0]
    frame = frame[_enough_units(frame, min_units)]
    if not (frame["dimension"] == "overall").any():
        return None
    if not read.outside:
        return _public(frame)
    members = [_members(parts, read)]
    if comparator == "region":
        # "Rest of organisation" − "rest of region" is the units outside the region:
        # the region shows only rows the organisation shows, and only as far as that
        # difference stays an aggregate over enough units too.
        organisation = comparator_counts(engine, scope, filters, "organisation", min_units)
        away = frozenset(units.index) - selected - others
        beyond = _outside_members(engine, _read_of(away, filters, min_units=min_units,
                                                   outside=away - scope.unit_ids))
        if organisation is None or not _enough_members(beyond, ("overall", "all"), min_units):
            return None
        frame = frame[frame.set_index(KEY).index.isin(organisation.set_index(KEY).index)]
        members.append(beyond)
    return _public(_suppress_complementary(frame, members, min_units))


# --- complementary suppression --------------------------------------------------------------------
# A comparator row that is left out must stay hidden when the shown rows are
# subtracted from each other: overall − the shown touchpoints is the hidden
# touchpoints, "rest of organisation" − "rest of region" is the units beyond the
# region. Only the units outside the caller's scope matter (the caller reads the
# others anyway), so each check looks at which of those units have responses in a row.

KEY = ["dimension", "key"]
MEMBER_COLUMNS = ["dimension", "key", "unit_id", "responses"]


def too_short(filters: Filters) -> bool:
    """Whether the filters' period is shorter than :data:`MIN_DAYS` (too short to
    compare with units outside the caller's scope)."""
    return (filters.end - filters.start).days + 1 < MIN_DAYS


def _members(parts: pd.DataFrame, read: _Read) -> pd.DataFrame:
    """The units outside the caller's scope behind each row of ``parts``
    (:data:`MEMBER_COLUMNS`; only units with responses)."""
    outside = parts[parts["unit_id"].isin(read.outside & frozenset(read.units))]
    return outside[MEMBER_COLUMNS].astype({"unit_id": "int64", "responses": "int64"}).reset_index(drop=True)


def _outside_members(engine: Engine, read: _Read, daily_only: bool = False) -> pd.DataFrame:
    """Per row (:data:`KEY`) of ``read`` and unit outside the caller's scope, that
    unit's responses in the row (:data:`MEMBER_COLUMNS`; only units with responses)."""
    outside = read.outside & frozenset(read.units)
    if not outside:
        return pd.DataFrame(columns=MEMBER_COLUMNS)
    return _members(_parts(engine, replace(read, units=tuple(sorted(outside))), daily_only), read)


def _enough_members(members: pd.DataFrame, row: tuple[str, str], min_units: int) -> bool:
    """Whether ``row`` has none or at least ``min_units`` of the units in ``members``."""
    units = members.loc[(members["dimension"] == row[0]) & (members["key"] == row[1]), "unit_id"].nunique()
    return units == 0 or units >= min_units


def _family(dimension: str, key: str) -> str | None:
    """The rows that split the overall row between them: the touchpoints, the
    channels, the values of one segment. Themes overlap (a comment can mention
    several, and only comments are tagged): no sum of them is the overall row."""
    if dimension in ("touchpoint", "channel"):
        return dimension
    return "segment:" + key.split("=", 1)[0] if dimension == "segment" else None


def _to_hide(shown: set, members: pd.DataFrame, min_units: int) -> tuple | None:
    """A shown row that must be hidden so that neither a shown row nor the overall
    row minus a family's shown rows is an aggregate over 1 to ``min_units`` − 1 of
    the units in ``members``; None when ``shown`` is safe."""
    rows = members.groupby(KEY).agg(units=("unit_id", "nunique"), responses=("responses", "sum"))
    for row in sorted(shown):
        if row in rows.index and rows.at[row, "units"] < min_units:
            return row
    overall = members[members["dimension"] == "overall"].groupby("unit_id")["responses"].sum()
    families: dict[str, list] = {}
    for row in sorted(shown):
        if _family(*row):
            families.setdefault(_family(*row), []).append(row)
    for rows_of_family in families.values():
        inside = members.set_index(KEY).index.isin(rows_of_family)
        rest = overall.sub(members[inside].groupby("unit_id")["responses"].sum(), fill_value=0)
        if 0 < int((rest > 0).sum()) < min_units:
            candidates = rows.reindex(rows_of_family).dropna()
            candidates = candidates[candidates["units"] > 0].reset_index()
            if candidates.empty:
                return rows_of_family[0]
            return tuple(candidates.sort_values(["units", "responses", *KEY]).iloc[0][KEY])
    return None


def _suppress_complementary(frame: pd.DataFrame, members: list[pd.DataFrame], min_units: int) -> pd.DataFrame:
    """``frame`` without the rows that subtraction would give away: for each of
    ``members`` (the units outside the scope behind what the caller can compute),
    the next-smallest row of a family is hidden until the overall row minus the
    family's shown rows is none or at least ``min_units`` of those units. The overall
    row itself always passed the read's own rule."""
    shown = {row for row in zip(frame["dimension"], frame["key"]) if row[0] != "overall"}
    while True:
        hide = next((row for group in members if (row := _to_hide(shown, group, min_units))), None)
        if hide is None:
            break
        shown.discard(hide)
    keep = [dimension == "overall" or (dimension, key) in shown
            for dimension, key in zip(frame["dimension"], frame["key"])]
    return frame[keep]


def heatmap_counts(engine: Engine, scope: Scope, filters: Filters,
                   min_units: int = MIN_UNITS) -> pd.DataFrame:
    """Per unit of ``scope.narrow(filters.unit_ids)`` × touchpoint, from
    ``daily_counts`` (:data:`HEATMAP_COLUMNS`): rows of kind ``"unit"`` with
    ``unit_id``, ``unit`` (name) and ``region`` (its region's name, None without one), for the
    pairs with responses; then rows of kind ``"organisation"`` (unit_id, unit and
    region None) with each touchpoint's counts over the whole organisation, the
    selected units included, so that the page can compute "the rest of the
    organisation" as organisation − unit.

    The organisation rows follow the privacy rule of :func:`comparator_counts`:
    each is a single aggregate over at least ``min_units`` units with responses
    on that touchpoint (and none or at least ``min_units`` of them outside the
    scope); a touchpoint that is not gets no organisation row, and those that the
    comparator "organisation" hides by complementary suppression get none either.
    Never per other unit; none at all for a period shorter than :data:`MIN_DAYS`
    when units outside the scope would be read. Empty selection → empty frame.
    """
    _check_min_units(min_units)
    selected = scope.narrow(filters.unit_ids).unit_ids
    if not selected:
        return pd.DataFrame({column: pd.Series(dtype="int64" if column in COUNTS else object)
                             for column in HEATMAP_COLUMNS})
    units = _unit_table(engine)
    everyone = frozenset(units.index)
    own = _read_of(selected, filters)
    organisation = _read_of(everyone, filters, min_units=min_units, outside=everyone - scope.unit_ids)
    with engine.connect() as connection:
        keys = dict(connection.execute(select(Touchpoint.id, Touchpoint.key)).all())
        order = [row[0] for row in connection.execute(
            select(Touchpoint.id).order_by(Touchpoint.sort_order, Touchpoint.id))]
        counts = _rollup(own).c
        per_unit = connection.execute(
            select(counts.unit_id, counts.touchpoint_id, *(func.sum(counts[name]) for name in COUNTS))
            .group_by(counts.unit_id, counts.touchpoint_id)).all()
        counts = _rollup(organisation).c
        whole = connection.execute(
            select(counts.touchpoint_id, *(func.sum(counts[name]) for name in COUNTS),
                   *_unit_counts(organisation, counts.unit_id))
            .group_by(counts.touchpoint_id)).all()
    position = {touchpoint_id: index for index, touchpoint_id in enumerate(order)}
    unit_rows = rows_frame(per_unit, ["unit_id", "touchpoint_id", *COUNTS])
    unit_rows["kind"] = "unit"
    unit_rows["unit"] = unit_rows["unit_id"].map(units["name"])
    regions = {unit_id: region_of(units, int(parent)) if pd.notna(parent) else None
               for unit_id, parent in units["parent_id"].items()}
    unit_rows["region"] = unit_rows["unit_id"].map(
        lambda unit_id: None if regions.get(unit_id) is None else units.at[regions[unit_id], "name"])
    unit_rows = unit_rows.assign(order=unit_rows["touchpoint_id"].map(position)).sort_values(
        ["unit", "order"]).drop(columns="order")
    org_rows = rows_frame(whole, ["touchpoint_id", *COUNTS, "units", "outside"])
    org_rows = org_rows[_enough_units(org_rows, min_units)]
    if organisation.outside and too_short(filters):
        org_rows = org_rows.iloc[0:0]
    elif organisation.outside:  # the same rows as the comparator "organisation" shows
        shown = pd.DataFrame({"dimension": ["overall", *["touchpoint"] * len(org_rows)],
                              "key": ["all", *org_rows["touchpoint_id"].map(keys)]})
        kept = _suppress_complementary(shown, [_outside_members(engine, organisation, daily_only=True)], min_units)
        org_rows = org_rows[org_rows["touchpoint_id"].map(keys).isin(kept["key"])]
    org_rows = org_rows.assign(kind="organisation", unit_id=None, unit=None, region=None,
                               order=org_rows["touchpoint_id"].map(position)).sort_values("order")
    frame = pd.concat([unit_rows, org_rows.drop(columns=["units", "outside", "order"])], ignore_index=True)
    frame["touchpoint"] = frame["touchpoint_id"].map(keys)
    frame[COUNTS] = frame[COUNTS].fillna(0).astype("int64")
    frame["unit_id"] = pd.Series([None if pd.isna(value) else int(value) for value in frame["unit_id"]],
                                 index=frame.index, dtype=object)
    return none_for_missing(frame, ["unit", "region"])[HEATMAP_COLUMNS]


def _week(engine: Engine, day):
    """A label of the UTC calendar week of the rollup's ``day`` (only compared for equality)."""
    if engine.dialect.name == "postgresql":
        return func.to_char(day, "IYYY-IW")
    return func.strftime("%Y-%W", day)


def _driver_cells(engine: Engine, read: _Read, measure: str, weekly: bool) -> list:
    """Per unit, week label ("0" unless ``weekly``), touchpoint id, commented and theme set:
    the sums of ``measure``'s columns of ``daily_driver_counts`` (whole months from
    ``monthly_driver_counts`` when not ``weekly``), for cells with answers on it."""
    names = [f"{measure}_{part}" for part in ("n", "sum", "sumsq", "good", "bad")]

    def where(table) -> list:  # cells only: whether a cell has answers is known once it is summed
        conditions = [table.c.unit_id.in_(read.units)]
        if read.touchpoint_id is not None:
            conditions.append(table.c.touchpoint_id == read.touchpoint_id)
        if read.channel is not None:
            conditions.append(table.c.channel == read.channel)
        return conditions
    if weekly:  # weeks cross months: every day from the daily table
        table = DailyDriverCount.__table__
        counts = select(table, _week(engine, table.c.day).label("week")).where(
            table.c.day.between(read.start, read.end), *where(table)).subquery().c
        group = [counts.unit_id, counts.week]
    else:
        counts = months.rows(DailyDriverCount, read.start, read.end, where).c
        group = [counts.unit_id]
    group += [counts.touchpoint_id, counts.commented, counts.themes]
    with engine.connect() as connection:
        rows = connection.execute(select(*group, *(func.sum(counts[name]) for name in names))
                                  .group_by(*group).having(func.sum(counts[names[0]]) > 0)).all()
    return rows if weekly else [(unit, "0", *rest) for unit, *rest in rows]


def driver_rows(engine: Engine, scope: Scope, filters: Filters, theme_keys,
                measure: str = "nps") -> pd.DataFrame:
    """Cells for a key-driver regression (:func:`analysis.drivers.key_drivers`) of the
    responses of ``scope.narrow(filters.unit_ids)`` (period, touchpoint, channel as
    filtered) with an answer on ``measure``: one row per ``unit`` (id), ``week``,
    ``touchpoint`` (key), ``commented`` (0/1) and pattern of themes (one 0/1 column per key
    of ``theme_keys`` that is an active theme), with the answers' sufficient statistics
    ``count``, ``total``, ``total_sq``, ``good`` and ``bad`` (see the analysis). ``week`` is a
    calendar-week label when fewer than :data:`analysis.drivers.MIN_CLUSTERS` units are
    selected (the analysis then clusters by unit × week), else "0". Never one row per response.

    Read from the driver rollup (``daily_driver_counts``, per day and theme set; whole
    months from ``monthly_driver_counts`` unless split by week): each stored theme set
    is decoded into the indicator columns here (themes not asked for or inactive are
    ignored), and cells that then coincide are added up."""
    measures.get(measure)
    themes = active_themes(engine)
    active = dict(zip(themes["key"], themes["id"]))
    keys = [key for key in dict.fromkeys(theme_keys) if key in active]
    clash = set(keys) & set(DRIVER_COLUMNS)
    if clash:
        raise ValueError(f"theme keys {sorted(clash)} clash with the columns {DRIVER_COLUMNS}")
    columns = [*DRIVER_COLUMNS, *keys]
    units = scope.narrow(filters.unit_ids).unit_ids
    if not units:
        return pd.DataFrame({column: pd.Series(dtype=object if column in ("touchpoint", "week") else "int64")
                             for column in columns})
    cells = pd.DataFrame(_driver_cells(engine, _read_of(units, filters), measure, len(units) < MIN_CLUSTERS),
                         columns=["unit", "week", "touchpoint", "commented", "themes", *DRIVER_COLUMNS[4:]])
    with engine.connect() as connection:
        key_of = dict(connection.execute(select(Touchpoint.id, Touchpoint.key)).all())
    sets = {text: {int(part) for part in text.split(",") if part} for text in cells["themes"].unique()}
    for key in keys:
        cells[key] = cells["themes"].map({text: int(active[key] in ids) for text, ids in sets.items()})
    cells["touchpoint"] = cells["touchpoint"].map(key_of)
    cells["week"] = cells["week"].astype(str)
    by = [column for column in columns if column not in DRIVER_COLUMNS[4:]]
    frame = (cells.drop(columns="themes").groupby(by, as_index=False, sort=False)[DRIVER_COLUMNS[4:]].sum()
             if len(cells) else cells.drop(columns="themes"))
    frame = frame[columns].sort_values(by, kind="stable").reset_index(drop=True)
    return frame.astype({column: "int64" for column in columns if column not in ("touchpoint", "week")})
