"""Sidebar filters (unit, period, touchpoint, channel, measure), kept in the URL
as keys (``?unit=12&period=3m&touchpoint=checkout&measure=csat``), so that a view
can be shared and reopened in either language.

The period follows the data: a preset counts back from the latest response in the
user's scope, not from today, so data that ended years ago still fills every
page; a chosen period (``from``/``to`` in the URL, two dates in the sidebar) lies
within the data's range. The measures offered are those with answers in the
user's scope; the one shown by default is the one with answers in the selection
(:func:`analysis.measures.default`).

A value in the URL that does not exist, or a unit outside the user's scope, is
never used: the filter falls back to the user's default and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from analysis import measures
from analysis.periods import PRESETS, window
from components import data, first_run, url_state
from components.i18n import TEXTS, day, markdown_safe, t
from components.shell import Page
from queries.compare import MIN_DAYS, too_short
from queries.responses import Filters
from queries.scope import descendants

ALL = "all"
CUSTOM = "custom"
PERIODS = (*PRESETS, CUSTOM)
DEFAULT_PERIOD = "12m"
_SHOWN = "_period_shown"  # the period shown last, where a chosen period starts from


@dataclass(frozen=True)
class Selection:
    """The filters in force, resolved against the user's scope."""

    unit_id: int | None  # None: every unit in scope
    unit_name: str
    filters: Filters
    preset: str
    custom: bool = False  # a chosen period (``from``/``to``), not a preset
    measure: str | None = None  # the measure shown; None when the scope has no answers at all
    measures: tuple[str, ...] = ()  # the measures with answers in the user's scope
    latest: date | None = None  # the latest day with responses in the user's scope
    first: date | None = None  # the first day with responses in the user's scope

    def period_label(self) -> str:
        return t("period_custom") if self.custom else t(f"period_{self.preset}")

    def caption(self) -> str:
        """The period in words, and where it ends when the data ended before today."""
        text = t("comments_caption", period=self.period_label(), start=day(self.filters.start),
                 end=day(self.filters.end))
        if self.custom or self.latest is None or self.latest >= date.today():
            return text
        ends = "period_ends_at_latest" if self.filters.end == self.latest else "period_weeks_to_latest"
        return f"{text} {t(ends, latest=day(self.latest))}"


def _dates_from_url(first: date | None, last: date | None) -> tuple[date, date] | None:
    """A period brought by the URL's ``from`` and ``to`` (a link, a drill from a chart),
    cut to the data's range; None when there is none. Unreadable or reversed dates,
    or a period without any data, fall back to the period filter with a notice."""
    raw_from, raw_to = url_state.incoming("from"), url_state.incoming("to")
    if raw_from is None and raw_to is None:
        return None
    raw_from, raw_to = st.query_params.get("from"), st.query_params.get("to")
    try:
        start, end = date.fromisoformat(raw_from or ""), date.fromisoformat(raw_to or "")
    except ValueError:
        start = end = None
    outside = start is not None and first is not None and (end < first or start > last)
    if start is None or end < start or outside:
        st.warning(t("bad_param", value=markdown_safe(f"{raw_from or ''}–{raw_to or ''}"[:40]), field=t("period").lower(),
                     fallback=t("period_filter")), icon=":material/link_off:")
        return None
    if first is not None:
        start, end = max(start, first), min(end, last)
    return start, end


def _period(first: date | None, last: date | None, today: date | None,
            others_hidden: bool = False) -> tuple[str, date, date]:
    """Draw the period filter (a preset, or two dates) and return (period, start, end);
    ``others_hidden``: say so when a chosen period is too short to compare with other
    units (their figures are then not read, see :func:`queries.compare.too_short`)."""
    ends = last or today or date.today()
    brought = _dates_from_url(first, last)
    if brought is not None:
        url_state.choose("period", CUSTOM)
        url_state.choose("date_from", brought[0])
        url_state.choose("date_to", brought[1])
    labels = {p: t(f"period_{p}") for p in PERIODS}
    period = url_state.keyed(st.sidebar.selectbox, t("period"), "period", PERIODS, labels, DEFAULT_PERIOD)
    if period != CUSTOM:
        start, end = window(period, ends)
        url_state.write("from", None)
        url_state.write("to", None)
        st.session_state[_SHOWN] = (start, end)
        return period, start, end
    shown = st.session_state.get(_SHOWN) or window(DEFAULT_PERIOD, ends)
    bounds = {"min_value": first, "max_value": last} if first is not None else {}
    chosen = []
    for key, fallback in (("date_from", shown[0]), ("date_to", shown[1])):
        value = url_state.picked(key) or fallback
        if first is not None:
            value = min(max(value, bounds["min_value"]), bounds["max_value"])
        url_state.show(key, value)
        chosen.append(st.sidebar.date_input(t(key), key=key, format="YYYY-MM-DD", on_change=url_state.remember,
                                            args=(key,), **bounds))
    start, end = sorted(chosen)
    url_state.write("from", start.isoformat())
    url_state.write("to", end.isoformat())
    if first is not None:
        st.sidebar.caption(t("data_range", first=day(first), last=day(last)))
    if others_hidden and too_short(Filters(frozenset(), start, end)):
        st.sidebar.caption(":material/lock: " + t("short_period_note", days=MIN_DAYS))
    return period, start, end


def _measure(page: Page, scope_totals: dict, filters: Filters) -> tuple[str | None, tuple[str, ...]]:
    """Draw the measure chooser (the measures with answers in the scope) and return
    (the measure shown, the measures offered)."""
    offered = tuple(measures.available(scope_totals))
    if not offered:
        return None, ()
    default = measures.default(data.scope_totals(page, filters)) or measures.default(scope_totals)
    labels = {key: t(f"measure_choice_{key}") for key in offered}
    chosen = url_state.keyed(st.sidebar.selectbox, t("measure"), "measure", offered, labels, default,
                             help=t("measure_choice_help"))
    return chosen, offered


def sidebar_filters(page: Page, today: date | None = None) -> Selection | None:
    """Draw the filters and return what they select, or None (with a message)
    when the user may see no unit at all. ``today`` stands in for the latest
    response where the scope has none yet."""
    units = data.units_in_scope(page)
    if units.empty:
        if page.account.role in ("admin", "leader"):  # they see every unit: there are none yet
            first_run.no_units(page.account.role)
        else:
            st.error(t("no_units"))
        return None
    language = page.language
    summary = data.scope_totals(page)
    st.sidebar.subheader(t("filters"))

    options, labels = _unit_options(page, units)
    default_unit = page.account.unit_id if page.account.unit_id in labels else options[0]
    names = {name: option for option, name in labels.items() if option != ALL}
    unit = url_state.keyed(st.sidebar.selectbox, t("unit"), "unit", options, labels, default_unit,
                           notice="unit_refused", aliases=names)

    period, start, end = _period(summary["first_day"], summary["last_day"], today,
                                 others_hidden=page.account.role in ("staff", "manager"))

    touchpoints = data.touchpoints(page)
    tp_labels = {ALL: t("all_touchpoints")} | dict(zip(touchpoints["key"], touchpoints[f"name_{language}"]))
    touchpoint = url_state.keyed(st.sidebar.selectbox, t("touchpoint"), "touchpoint", list(tp_labels),
                                 tp_labels, ALL)

    channels = data.channels(page)
    ch_labels = {ALL: t("all_channels")} | {c: _channel_label(c) for c in channels}
    channel = url_state.keyed(st.sidebar.selectbox, t("channel"), "channel", list(ch_labels), ch_labels, ALL)

    tree = dict(zip(units["id"], units["parent_id"]))
    if unit == ALL:
        unit_ids = frozenset(page.scope.unit_ids)
    else:
        unit_ids = page.scope.narrow(descendants(_with_parents(tree), int(unit))).unit_ids
    touchpoint_id = None
    if touchpoint != ALL:
        touchpoint_id = int(touchpoints.loc[touchpoints["key"] == touchpoint, "id"].iloc[0])
    filters = Filters(unit_ids, start, end, touchpoint_id, None if channel == ALL else channel)
    measure, offered = _measure(page, summary, filters)
    return Selection(
        unit_id=None if unit == ALL else int(unit),
        unit_name=labels[unit],
        filters=filters,
        preset=DEFAULT_PERIOD if period == CUSTOM else period,
        custom=period == CUSTOM,
        measure=measure,
        measures=offered,
        latest=summary["last_day"],
        first=summary["first_day"],
    )


def _with_parents(tree: dict) -> dict[int, int | None]:
    return {int(k): (None if pd.isna(v) else int(v)) for k, v in tree.items()}


def _unit_options(page: Page, units: pd.DataFrame) -> tuple[list, dict]:
    """Options for the unit filter: every unit in scope, regions followed by their
    units; leaders and admins also get "all units"."""
    options: list = []
    labels: dict = {}
    if page.account.role in ("leader", "admin"):
        options.append(ALL)
        labels[ALL] = t("all_units")
    regions = units[units["kind"] == "region"].sort_values("name")
    in_region = set()
    for region in regions.itertuples():
        options.append(int(region.id))
        labels[int(region.id)] = region.name
        for unit in units[units["parent_id"] == region.id].sort_values("name").itertuples():
            options.append(int(unit.id))
            labels[int(unit.id)] = unit.name
            in_region.add(int(unit.id))
    for unit in units[(units["kind"] != "region")].sort_values("name").itertuples():
        if int(unit.id) not in in_region:
            options.append(int(unit.id))
            labels[int(unit.id)] = unit.name
    return options, labels


def _channel_label(channel: str) -> str:
    key = f"channel_{channel}"
    return t(key) if key in TEXTS else channel
