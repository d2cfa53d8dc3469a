"""The pieces of the actions page: leadership tracking (completion, overdue,
insights without action, per month, did it help: components.effect_views), the action list with its
editor (optimistic locking, audit trail), and the form for a new action.

Action reads are not cached: they are small, and a page must show a save at once.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import measures
from analysis.formatting import month
from analysis.verdict import Rule
from components import chart_alt, charts, data, effect_views, table_cards
from components.i18n import TEXTS, current_language, day, html_safe, markdown_safe, number, t, tn
from components.shell import Page, fragment
from queries import actions, insights

STATES = ("done_on_time", "done_late", "overdue", "open", "cancelled")
STATE_COLOURS = {"done_on_time": charts.BLUE, "done_late": "#56B4E9", "overdue": charts.ORANGE,
                 "open": "#E69F00", "cancelled": "#9aa5b1"}
# A pattern per state as well as a colour, so that no state is told apart by colour alone.
STATE_PATTERNS = {"done_on_time": "", "done_late": "/", "overdue": "x", "open": ".", "cancelled": "-"}
STATUSES = ("planned", "in_progress", "done", "cancelled")


def effect_options(page: Page, current: str | None = None) -> list[str | None]:
    """The measures an action may name as the one it should move: none, the
    measures with answers in the scope, and the one it names already."""
    offered = measures.available(data.scope_totals(page))
    return [None, *offered] + ([current] if current in measures.MEASURES and current not in offered else [])


def tracker(page: Page, weeks: int) -> None:
    """Completion by unit, the overdue list, insights without action, per month, effects."""
    completion = actions.completion(page.engine, page.scope)
    totals = completion[list(STATES)].sum()
    done = int(totals["done_on_time"] + totals["done_late"])
    total = int(totals.sum())
    if total == 0:  # no action in the scope yet: nothing to count, never "0 of 0"
        st.info(t("no_actions"))
        return
    st.subheader(t("completion_title"))
    st.caption(t("completion_caption", done=number(done), total=number(total),
                 share=number(100 * done / total if total else 0) + " %",
                 on_time=number(int(totals["done_on_time"])))
               + " " + tn("overdue_count", int(totals["overdue"])))
    st.plotly_chart(_completion_figure(completion), key="completion", config={"displayModeBar": False})
    table_cards.table(completion_shares(completion), key="actions_completion", hide_index=True, width="stretch",
                      column_config={"region": t("col_region"), "total": t("col_total")}
                      | {state: st.column_config.TextColumn(t(f"state_{state}")) for state in STATES})

    overdue, missing = st.columns(2, gap="large")
    with overdue:
        st.subheader(t("overdue_title"))
        rows = actions.actions_in_scope(page.engine, page.scope)
        late = rows[rows["state"] == "overdue"].copy()
        if late.empty:
            st.caption(t("overdue_none"))
        else:
            late["days"] = [(date.today() - due).days for due in late["due_date"]]
            table_cards.table(
                late.sort_values("days", ascending=False)[["title", "unit", "owner", "due_date", "days"]],
                key="actions_overdue", hide_index=True, width="stretch",
                column_config={"title": t("col_title"), "unit": t("col_unit"), "owner": t("col_owner"),
                                    "due_date": st.column_config.DateColumn(t("col_due")),
                                    "days": st.column_config.NumberColumn(t("days_overdue"))})
    with missing:
        st.subheader(t("no_action_title"))
        without = actions.insights_without_action(page.engine, page.scope)
        if without.empty:
            st.caption(t("no_action_none"))
        else:
            rule = Rule(small_sample=page.thresholds.small_sample)
            without = without.assign(kind=[insight_kind(row.kind, row.n, rule) for row in without.itertuples()])
            table_cards.table(without[["title", "unit", "kind", "created_at"]], key="actions_without_action", hide_index=True,
                              width="stretch",
                              column_config={"title": t("col_insight"), "unit": t("col_unit"),
                                             "kind": t("col_kind"),
                                             "created_at": st.column_config.DatetimeColumn(t("col_pinned"),
                                                                                           format="YYYY-MM-DD")})

    st.subheader(t("per_month_title"))
    monthly = actions.per_month(page.engine, page.scope)
    st.plotly_chart(_monthly_figure(monthly), key="per_month", config={"displayModeBar": False})
    months = [month(stamp.date(), page.language) for stamp in monthly["month"]]
    chart_alt.alternative("per_month", t("per_month_summary", created=number(int(monthly["created"].sum())),
                                         completed=number(int(monthly["completed"].sum())),
                                         months=number(len(monthly))),
                          lambda: pd.DataFrame({t("col_period"): months, t("created_label"): monthly["created"],
                                                t("completed_label"): monthly["completed"]}))

    effect_views.section(page, weeks)


def insight_kind(kind: str, n, rule: Rule) -> str:
    """A pinned insight's kind; a strength or weakness pinned on fewer answers than the
    small-sample flag (before the one rule, or with the flag raised since) says it is too few
    to judge, as every page does."""
    if kind in ("strength", "weakness") and n is not None and not pd.isna(n) and not rule.judgeable(int(n)):
        return t("kind_too_few_to_judge", kind=t(f"kind_{kind}"), n=number(int(n)))
    return t(f"kind_{kind}")


def completion_shares(completion: pd.DataFrame) -> pd.DataFrame:
    """Per region and in total: each state as "count (share)"."""
    per_region = completion.groupby("region", dropna=False)[list(STATES)].sum()
    per_region.loc[t("col_total")] = per_region.sum()
    per_region = per_region[per_region.sum(axis=1) > 0]
    totals = per_region.sum(axis=1)
    shown = pd.DataFrame({"region": per_region.index.fillna("–"), "total": totals.astype(int).to_list()})
    for state in STATES:
        shown[state] = [f"{int(count)} ({number(100 * count / total)} %)"
                        for count, total in zip(per_region[state], totals)]
    return shown


def _completion_figure(completion: pd.DataFrame) -> go.Figure:
    ordered = completion[completion[list(STATES)].sum(axis=1) > 0].sort_values(["region", "unit"])
    labels = [html_safe(f"{region} · {unit}" if region else unit)
              for region, unit in zip(ordered["region"], ordered["unit"])]
    figure = go.Figure()
    for state in STATES:
        figure.add_trace(go.Bar(y=labels, x=ordered[state], name=t(f"state_{state}"), orientation="h",
                                marker_color=STATE_COLOURS[state], marker_pattern_shape=STATE_PATTERNS[state],
                                hovertemplate="%{y}: %{x}<extra>" + t(f"state_{state}") + "</extra>"))
    figure.update_layout(barmode="stack", height=max(200, 28 * len(labels) + 80),
                         margin={"l": 10, "r": 10, "t": 10, "b": 10}, plot_bgcolor="white",
                         legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
                         yaxis={"autorange": "reversed"}, xaxis={"gridcolor": "#e6e6e6", "dtick": 1})
    return figure


def _monthly_figure(monthly: pd.DataFrame) -> go.Figure:
    figure = go.Figure()
    for column, name, colour in (("created", "created_label", "#9aa5b1"),
                                 ("completed", "completed_label", charts.BLUE)):
        figure.add_trace(go.Bar(x=[month(stamp.date(), current_language()) for stamp in monthly["month"]],
                                y=monthly[column], name=t(name), marker_color=colour))
    figure.update_layout(barmode="group", height=260, margin={"l": 10, "r": 10, "t": 10, "b": 10},
                         plot_bgcolor="white", legend={"orientation": "h", "y": 1.02, "yanchor": "bottom"},
                         yaxis={"gridcolor": "#e6e6e6", "dtick": 1})
    return figure


@fragment
def action_list(page: Page) -> None:
    """The filtered action list; a picked row opens its editor and history. A
    fragment: the filters and the pick rerun only the list; a save reruns the whole
    page (the tracker counts the action too)."""
    left, right = st.columns(2)
    statuses = left.multiselect(t("filter_status"), STATUSES, default=["planned", "in_progress"],
                                format_func=lambda s: t(f"status_{s}"), key="action_statuses")
    rows = actions.actions_in_scope(page.engine, page.scope, statuses=statuses or None)
    owners = dict(zip(rows["owner_id"], rows["owner"]))
    owner = right.selectbox(t("filter_owner"), [None, *sorted(owners, key=lambda o: owners[o])],
                            format_func=lambda o: t("all_owners") if o is None else owners[o],
                            key="action_owner")
    if owner is not None:
        rows = rows[rows["owner_id"] == owner]
    if rows.empty:
        st.info(t("no_actions"))
        return
    shown = rows.assign(status_text=[t(f"status_{s}") for s in rows["status"]],
                        state_text=[t(f"state_{s}") for s in rows["state"]])
    chosen = table_cards.table(
        shown[["title", "unit", "owner", "due_date", "status_text", "state_text"]], hide_index=True,
        width="stretch", on_select="rerun", selection_mode="single-row", key="action_table", ids=rows["id"],
        column_config={"title": t("col_title"), "unit": t("col_unit"), "owner": t("col_owner"),
                       "due_date": st.column_config.DateColumn(t("col_due")),
                       "status_text": t("col_status"), "state_text": t("col_state")})
    if not chosen:
        st.caption(t("pick_action"))
        return
    editor(page, rows.iloc[chosen[0]])


def editor(page: Page, action: pd.Series) -> None:
    """Edit one action; a stale save shows both versions and overwrites nothing.

    The version saved against is the one the user opened (kept in the session),
    not the one the rerun after "save" reads, so a change made meanwhile is caught."""
    account = page.account
    own = action["owner_id"] == account.id
    opened = st.session_state.setdefault(f"opened_version_{action['id']}", int(action["version"]))
    generation = st.session_state.get(f"form_generation_{action['id']}", 0)
    st.divider()
    st.subheader(markdown_safe(action["title"]))
    if action["status"] == "done":
        effect_views.for_action(page, int(action["id"]))
    if account.role == "staff":
        st.caption(t("read_only_staff"))
        if own and action["status"] != "done" and st.button(t("mark_done"), key=f"done_{action['id']}"):
            _save(page, action, opened, {"status": "done"})
    else:
        owners = actions.owners_for(page.engine, int(action["unit_id"]))
        owner_names = dict(zip(owners["id"], owners["display_name"]))
        # Explicit keys: a widget keyed only by its label and default would be replaced
        # (and the user's edit dropped) when someone else's save changes the default.
        key = f"{action['id']}_{generation}"
        with st.form(f"edit_{key}"):
            title = st.text_input(t("field_title"), action["title"], max_chars=200, key=f"title_{key}")
            description = st.text_area(t("field_description"), action["description"] or "",
                                       key=f"description_{key}")
            left, middle, right = st.columns(3)
            owner = left.selectbox(t("field_owner"), list(owner_names), format_func=owner_names.get,
                                   index=list(owner_names).index(action["owner_id"])
                                   if action["owner_id"] in owner_names else 0, key=f"owner_{key}")
            due = middle.date_input(t("field_due"), action["due_date"], key=f"due_{key}")
            status = right.selectbox(t("field_status"), STATUSES, index=STATUSES.index(action["status"]),
                                     format_func=lambda s: t(f"status_{s}"), key=f"status_{key}")
            effects = effect_options(page, action["expected_effect"])
            effect = st.selectbox(t("field_effect"), effects, index=effects.index(action["expected_effect"])
                                  if action["expected_effect"] in effects else 0,
                                  format_func=lambda e: t("no_measure") if e is None else t(f"measure_{e}"),
                                  key=f"effect_{key}")
            if st.form_submit_button(t("save"), type="primary"):
                changes = {"title": title, "description": description, "owner_id": owner,
                           "due_date": due, "status": status, "expected_effect": effect}
                _save(page, action, opened, {key: value for key, value in changes.items()
                                             if value != action[key]})
    _conflict(action)
    st.markdown(f"**{t('history_title')}**")
    history = actions.action_history(page.engine, page.scope, int(action["id"]))
    table_cards.table(history, key=f"action_history_{action['id']}", hide_index=True, width="stretch",
                      column_config={"at": st.column_config.DatetimeColumn(t("col_when"), format="YYYY-MM-DD HH:mm"),
                                     "user": t("col_who"), "field": t("col_field"),
                                     "old_value": t("col_old"), "new_value": t("col_new")})


def _save(page: Page, action: pd.Series, opened: int, changes: dict) -> None:
    if not changes:
        return
    try:
        actions.update_action(page.engine, page.scope, page.account, int(action["id"]), opened,
                              **changes)
    except actions.StaleAction as stale:
        st.session_state[f"stale_{action['id']}"] = (changes, stale.current)
        return
    except actions.ActionError as error:
        st.error(error_text(error))
        return
    except PermissionError as error:
        st.error(str(error))
        return
    _forget_edit(action["id"])
    st.toast(t("saved"), icon=":material/check:")
    st.rerun(scope="app")


def _forget_edit(action_id) -> None:
    """Start the next edit from the saved version, with fresh form fields."""
    st.session_state.pop(f"stale_{action_id}", None)
    st.session_state.pop(f"opened_version_{action_id}", None)
    key = f"form_generation_{action_id}"
    st.session_state[key] = st.session_state.get(key, 0) + 1


def _conflict(action: pd.Series) -> None:
    """After a stale save: who changed it when, your version beside the saved one."""
    stale = st.session_state.get(f"stale_{action['id']}")
    if stale is None:
        return
    mine, current = stale
    when = current.get("updated_at")
    st.error(t("stale_title", who=markdown_safe(current.get("changed_by") or "?"),
               when=day(when.date()) + when.strftime(" %H:%M") if when is not None else "?"),
             icon=":material/sync_problem:")
    left, right = st.columns(2)
    left.markdown(f"**{t('your_version')}**")
    left.json({key: str(value) for key, value in mine.items()})
    right.markdown(f"**{t('current_version')}**")
    right.json({key: str(current.get(key)) for key in mine})
    if st.button(t("reload_current"), key=f"reload_{action['id']}"):
        _forget_edit(action["id"])
        st.rerun()


def error_text(error: actions.ActionError) -> str:
    """The validation error in the reader's language, naming what it is about."""
    key = f"error_{error.code}"
    values = {name: markdown_safe(value) for name, value in error.params.items()}
    return t(key, **values) if key in TEXTS else markdown_safe(error)


def new_action(page: Page, units: pd.DataFrame) -> None:
    """Create an action for an insight (or none) of a unit in the scope."""
    if units.empty:
        st.info(t("first_run_no_units"), icon=":material/info:")
        return
    unit_names = dict(zip(units["id"], units["name"]))
    unit_id = st.selectbox(t("field_unit"), list(unit_names), format_func=unit_names.get, key="new_unit")
    pinned = insights.insights_for(page.engine, page.scope, unit_ids=[unit_id])
    insight_titles = {None: t("no_insight")} | dict(zip(pinned["id"], pinned["title"]))
    owners = actions.owners_for(page.engine, int(unit_id))
    owner_names = dict(zip(owners["id"], owners["display_name"]))
    with st.form("new_action", clear_on_submit=False):
        insight_id = st.selectbox(t("field_insight"), list(insight_titles), format_func=insight_titles.get)
        title = st.text_input(t("field_title"), max_chars=200)
        description = st.text_area(t("field_description"))
        left, middle, right = st.columns(3)
        owner = left.selectbox(t("field_owner"), list(owner_names), format_func=owner_names.get)
        due = middle.date_input(t("field_due"))
        effect = right.selectbox(t("field_effect"), effect_options(page),
                                 format_func=lambda e: t("no_measure") if e is None else t(f"measure_{e}"))
        past_ok = st.checkbox(t("confirm_past_due_box"))
        submitted = st.form_submit_button(t("create"), type="primary")
    if not submitted:
        return
    if actions.due_in_past(due, date.today()) and not past_ok:
        st.warning(t("confirm_past_due"))
        return
    try:
        actions.create_action(page.engine, page.scope, page.account, insight_id=insight_id,
                              unit_id=int(unit_id), title=title, description=description,
                              owner_id=owner, due_date=due, expected_effect=effect)
    except actions.ActionError as error:
        st.error(error_text(error))
        return
    except PermissionError as error:
        st.error(str(error))
        return
    st.success(t("created_action"))
