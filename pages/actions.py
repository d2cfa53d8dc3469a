"""Actions: leadership tracking (completion by region and unit, overdue actions,
insights without action, per month, and whether completed actions helped), the
action list with its editor and history, and new actions."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from components import action_views, data, effect_views, shell
from components.i18n import t

page = shell.page(title="Insikt · Åtgärder / Actions")
st.title(t("actions_title"))
st.caption(t("actions_caption"))

units = data.units_in_scope(page)
unit_rows = units[units["kind"] == "unit"]
choices = {None: t("all_units")} | dict(zip(units["id"], units["name"]))
chosen = st.sidebar.selectbox(t("unit"), list(choices), format_func=choices.get, key="action_unit")
if chosen is not None:  # a region or unit: every read below narrows to it and what lies under it
    below = {int(chosen)} | set(units.loc[units["parent_id"] == chosen, "id"].astype(int))
    page = replace(page, scope=page.scope.narrow(below))


def _tracker() -> None:
    weeks = st.columns(4)[0].number_input(t("ae_window_weeks"), min_value=2, max_value=26, value=8, step=1,
                                          key="ae_weeks")
    action_views.tracker(page, int(weeks))


def _actions() -> None:
    action_views.action_list(page)
    if not leads:  # staff: did their unit's actions help?
        effect_views.section(page, 8)


leads = page.account.role in ("leader", "manager", "admin")
views = {t("tab_actions"): _actions}
if leads:
    views = {t("tab_tracker"): _tracker} | views | {
        t("tab_new_action"): lambda: action_views.new_action(page, unit_rows if not unit_rows.empty else units)}
shell.tabs("actions_view", views, keep={t("tab_tracker"): ("ae_weeks",)})  # the window, after a look at the list
