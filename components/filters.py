"""Sidebar filters (unit, period, touchpoint, channel), kept in the URL's query
parameters so that a view can be shared and reopened.

A value in the URL that does not exist, or a unit outside the user's scope, is
never used: the filter falls back to the user's default and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from analysis.periods import PRESETS, window
from components import data, first_run
from components.i18n import TEXTS, current_language, day, t
from components.shell import Page
from queries.responses import Filters
from queries.scope import descendants

ALL = "all"


@dataclass(frozen=True)
class Selection:
    """The filters in force, resolved against the user's scope."""

    unit_id: int | None  # None: every unit in scope
    unit_name: str
    filters: Filters
    preset: str
    custom: bool = False  # the period came from the URL's from/to, not the preset

    def period_label(self) -> str:
        return t("period_custom") if self.custom else t(f"period_{self.preset}")


def _check_url_value(key: str, labels: list[str], field: str, fallback: str, refused: bool = False) -> None:
    """Say so when the URL holds a value for ``key`` that is not among ``labels``."""
    value = st.query_params.get(key)
    if value is None or value in labels:
        return
    message = "unit_refused" if refused else "bad_param"
    st.warning(t(message, value=value[:80], field=field, fallback=fallback), icon=":material/link_off:")


def _select(label: str, key: str, options: list, labels: dict, default_index: int = 0, refused=False,
            on_change=None):
    formatted = [labels[option] for option in options]
    _check_url_value(key, formatted, label.lower(), formatted[default_index], refused)
    return st.sidebar.selectbox(
        label, options, index=default_index, key=key, bind="query-params", persist_state="session",
        format_func=lambda option: labels.get(option, str(option)), on_change=on_change,
    )


def clear_custom_period() -> None:
    """Forget a period opened from a chart (``from``/``to`` in the URL)."""
    for key in ("from", "to"):
        if key in st.query_params:
            del st.query_params[key]


def custom_period() -> tuple[date, date] | None:
    """The period in the URL's ``from`` and ``to`` (set by a drill-through from a
    chart), or None. Unreadable or reversed dates are ignored with a notice."""
    raw_from, raw_to = st.query_params.get("from"), st.query_params.get("to")
    if raw_from is None and raw_to is None:
        return None
    try:
        start, end = date.fromisoformat(raw_from or ""), date.fromisoformat(raw_to or "")
    except ValueError:
        start = end = None
    if start is None or end < start or (end - start).days > 3 * 366:
        value = f"{raw_from or ''}–{raw_to or ''}"
        st.warning(t("bad_param", value=value[:40], field=t("period").lower(),
                     fallback=t("period_filter")), icon=":material/link_off:")
        return None
    return start, end


def sidebar_filters(page: Page, today: date | None = None) -> Selection | None:
    """Draw the filters and return what they select, or None (with a message)
    when the user may see no unit at all."""
    units = data.units_in_scope(page)
    if units.empty:
        if page.account.role in ("admin", "leader"):  # they see every unit: there are none yet
            first_run.no_units(page.account.role)
        else:
            st.error(t("no_units"))
        return None
    language = current_language()
    st.sidebar.subheader(t("filters"))

    options, labels = _unit_options(page, units)
    default_unit = page.account.unit_id if page.account.unit_id in labels else options[0]
    unit = _select(t("unit"), "unit", options, labels, options.index(default_unit), refused=True)

    preset = _select(t("period"), "period", list(PRESETS), {p: t(f"period_{p}") for p in PRESETS},
                     PRESETS.index("12m"), on_change=clear_custom_period)
    custom = custom_period()
    if custom:
        st.sidebar.info(t("custom_period", start=day(custom[0]), end=day(custom[1])),
                        icon=":material/date_range:")
        st.sidebar.button(t("use_period_filter"), on_click=clear_custom_period, icon=":material/close:")

    touchpoints = data.touchpoints(page)
    tp_labels = {ALL: t("all_touchpoints")} | dict(zip(touchpoints["key"], touchpoints[f"name_{language}"]))
    touchpoint = _select(t("touchpoint"), "touchpoint", list(tp_labels), tp_labels)

    channels = data.channels(page)
    ch_labels = {ALL: t("all_channels")} | {c: _channel_label(c) for c in channels}
    channel = _select(t("channel"), "channel", list(ch_labels), ch_labels)

    tree = dict(zip(units["id"], units["parent_id"]))
    if unit == ALL:
        unit_ids = frozenset(page.scope.unit_ids)
    else:
        unit_ids = page.scope.narrow(descendants(_with_parents(tree), int(unit))).unit_ids
    start, end = custom or window(preset, today or date.today())
    touchpoint_id = None
    if touchpoint != ALL:
        touchpoint_id = int(touchpoints.loc[touchpoints["key"] == touchpoint, "id"].iloc[0])
    return Selection(
        unit_id=None if unit == ALL else int(unit),
        unit_name=labels[unit],
        filters=Filters(unit_ids, start, end, touchpoint_id, None if channel == ALL else channel),
        preset=preset,
        custom=custom is not None,
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
