"""The leader's landing and the units × touchpoints heatmap, both on the same cells
(:func:`analysis.landing.heatmap_cells`), so that they count the same clear
strengths and weaknesses.

* :func:`unit_list` — the ranked list of units (units needing help first); a row,
  or the button of a unit needing help, opens the unit.
* :func:`unit_findings` — a unit's touchpoints that are clearly better or worse
  than the rest of the organisation, each with a button to its comments.
* :func:`heatmap` — value and n in every cell, ▲/▼ for a clear difference, sortable
  by either axis, with a table alternative.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from analysis.intervals import Interval
from analysis.landing import axis_order
from analysis.verdict import Rule
from components import chart_alt, charts, data, drill, measure_text, table_cards, url_state
from components.filters import Selection
from components.i18n import html_safe, markdown_safe, number, t, tn
from components.shell import Page, fragment
from queries.responses import Filters

HELP_BUTTONS = 6  # units needing help that get a button of their own
_IDS = "_landing_unit_ids"


def rule_of(page: Page) -> Rule:
    """The app's one rule for "clear" with this deployment's small-sample flag."""
    return Rule(small_sample=page.thresholds.small_sample)


def cells(page: Page, filters: Filters, measure: str) -> pd.DataFrame:
    """The judged unit × touchpoint cells of ``filters`` on ``measure``."""
    return data.judged_cells(page, filters, measure, rule_of(page))


def _open_unit(unit_id: int) -> None:
    url_state.choose("unit", unit_id)


def _open_row() -> None:
    rows = st.session_state["landing_units"]["selection"]["rows"]
    if rows:
        _open_position(rows[0])


def _open_position(position: int) -> None:
    """Open the unit of the list's row at ``position`` (a row of the grid, or a card on a phone)."""
    ids = st.session_state.get(_IDS, [])
    if position < len(ids):
        _open_unit(ids[position])


def _change(row, measure: str) -> str:
    if row.change_kind == "not_enough_data":
        return "–"
    diff = measure_text.gap(measure, row.value, row.previous)
    kind = {"clear_increase": "up", "clear_decrease": "down"}.get(row.change_kind, "same")
    return t(f"landing_change_{kind}", diff=diff)


def _follow_up(row) -> str:
    if not row.cases_decided:
        return t("landing_no_cases")
    return t("landing_follow_up_share", share=number(100 * row.in_target) + " %", n=number(row.cases_decided))


def _shown(table: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The list as the reader sees it: every figure as text in their language."""
    value = measure_text.value
    return pd.DataFrame({
        "unit": [t("landing_needs_help", unit=row.unit) if row.needs_help else row.unit
                 for row in table.itertuples()],
        "region": table["region"].fillna("–"),
        "value": [t("landing_too_few") if pd.isna(row.value) else
                  f"{value(measure, row.value)} ({value(measure, row.low)} – {value(measure, row.high)})"
                  for row in table.itertuples()],
        "n": [number(n) for n in table["n"]],
        "change": [_change(row, measure) for row in table.itertuples()],
        "strengths": table["strengths"].astype(int), "weaknesses": table["weaknesses"].astype(int),
        "open": table["open_actions"].astype(int), "overdue": table["overdue_actions"].astype(int),
        "follow_up": [_follow_up(row) for row in table.itertuples()],
    })


def unit_list(page: Page, selection: Selection, prev_start: date) -> None:
    """The ranked list of the selection's units on the chosen measure."""
    filters, measure = selection.filters, selection.measure
    table = data.unit_table(page, filters, prev_start, measure, rule_of(page))
    if table.empty:
        return
    st.subheader(t("landing_title"))
    st.caption(t("landing_caption", measure=measure_text.title(measure)))
    needing = table[table["needs_help"]]
    if needing.empty:
        st.info(t("landing_nobody"))
    else:
        st.warning(tn("landing_need_help", len(needing)))
        buttons = st.columns(min(len(needing), HELP_BUTTONS))
        for column, row in zip(buttons, needing.head(HELP_BUTTONS).itertuples()):
            column.button(t("landing_open_unit", unit=markdown_safe(row.unit)), key=f"help_{row.unit_id}",
                          on_click=_open_unit, args=(int(row.unit_id),))
    st.session_state[_IDS] = table["unit_id"].astype(int).tolist()
    shown = _shown(table, measure)
    table_cards.table(shown, hide_index=True, width="stretch", key="landing_units", on_select=_open_row,
                      selection_mode="single-row", open_card=_open_position,
                      column_config={name: t(f"landing_col_{name}") for name in shown}
                      | {"unit": st.column_config.TextColumn(t("landing_col_unit"), width="large")})


def unit_findings(page: Page, selection: Selection, touchpoints: dict[str, str]) -> None:
    """The chosen unit's touchpoints that are clearly better or worse than the rest of
    the organisation (the cells of the leader's list, judged over every unit the user
    sees), strengths first, each with a button to the comments behind it."""
    whole = Filters(page.scope.unit_ids, selection.filters.start, selection.filters.end,
                    selection.filters.touchpoint_id, selection.filters.channel)
    measure = selection.measure
    found = cells(page, whole, measure)
    found = found[(found["unit_id"] == selection.unit_id) & found["verdict"].isin(["strength", "weakness"])]
    st.subheader(t("landing_unit_title"))
    if found.empty:
        st.caption(t("landing_unit_none"))
        return
    order = found.assign(first=found["verdict"] != "strength").sort_values(["first", "diff"], ascending=[True, False])
    for row in order.itertuples():
        name = touchpoints.get(row.key, row.key)
        with st.container(border=True):
            st.markdown(t("landing_unit_line", symbol=t(f"landing_{row.verdict}_word"), touchpoint=markdown_safe(name),
                          measure=measure_text.title(measure), value=measure_text.value(measure, row.value),
                          words=measure_text.in_words(measure, Interval(row.value, row.low, row.high, row.n)),
                          other=measure_text.value(measure, row.comp_value)))
            side = "top" if row.verdict == "strength" else "bottom"
            drill.button(t("landing_read_comments", touchpoint=markdown_safe(name)),
                         drill.Drill(unit_id=int(row.unit_id), touchpoint_key=row.key, score_group=side,
                                     measure=measure), key=f"finding_{row.key}")


def _cell_text(row, measure: str) -> str:
    if row.verdict == "too_few":
        return f"–<br>n={int(row.n)}"
    symbol = {"strength": "▲ ", "weakness": "▼ "}.get(row.verdict, "")
    return f"{symbol}{measure_text.value(measure, row.value)}<br>n={number(row.n)}"


def _hover(row, measure: str, touchpoint: str) -> str:
    head = f"<b>{html_safe(row.unit)}</b> · {html_safe(touchpoint)}<br>"
    if row.verdict == "too_few":
        return head + t("not_enough", n=int(row.n))
    return (head + f"{measure_text.title(measure)} {measure_text.value(measure, row.value)}, "
            + measure_text.in_words(measure, Interval(row.value, row.low, row.high, row.n))
            + f"<br>{t(f'cell_{row.verdict}')}")


@fragment
def heatmap(page: Page, filters: Filters, touchpoints: dict[str, str], measure: str) -> None:
    """Units (by region) × touchpoints on ``measure``: value and n in each cell, ▲/▼
    where the unit clearly differs from the rest of the organisation; either axis can
    be ordered; a click opens the unit with the touchpoint chosen. A fragment: the
    order of the axes and the cell picked for the keyboard rerun only the heatmap;
    opening a cell reruns the page (it changes the sidebar's filters)."""
    found = cells(page, filters, measure)
    st.subheader(t("heatmap_title"))
    if found.empty:
        st.info(t("heatmap_empty"))
        return
    found = found.sort_values(["region", "unit"], key=lambda column: column.fillna("").str.casefold())
    label = {int(r.unit_id): f"{r.region} · {r.unit}" if r.region else r.unit for r in found.itertuples()}
    natural_rows = list(dict.fromkeys(found["unit_id"].astype(int)))
    natural_columns = [key for key in touchpoints if key in set(found["key"])]
    orders = ("natural", "weakest", "strongest")
    left, right = st.columns(2)
    by_row = url_state.keyed(left.selectbox, t("heat_rows"), "heat_rows", orders,
                             {"natural": t("heat_order_natural_rows"), "weakest": t("heat_order_weakest"),
                              "strongest": t("heat_order_strongest")}, "natural")
    by_column = url_state.keyed(right.selectbox, t("heat_columns"), "heat_cols", orders,
                                {"natural": t("heat_order_natural_columns"), "weakest": t("heat_order_weakest"),
                                 "strongest": t("heat_order_strongest")}, "natural")
    rows = [label[unit_id] for unit_id in axis_order(found, "unit_id", by_row, natural_rows)]
    columns = [touchpoints[key] for key in axis_order(found, "key", by_column, natural_columns)]
    st.caption(t("heatmap_on_caption", measure=measure_text.in_sentence(measure)))
    figure_cells = pd.DataFrame({
        "row": [label[int(r.unit_id)] for r in found.itertuples()],
        "column": [touchpoints.get(r.key, r.key) for r in found.itertuples()],
        "verdict": found["verdict"].to_list(),
        "text": [_cell_text(r, measure) for r in found.itertuples()],
        "hover": [_hover(r, measure, touchpoints.get(r.key, r.key)) for r in found.itertuples()],
        "customdata": [f"{int(r.unit_id)}|{r.key}" for r in found.itertuples()],
    })
    st.plotly_chart(charts.heatmap_figure(figure_cells, rows, columns), key="heatmap", on_select=_open_cell,
                    selection_mode="points", config={"displayModeBar": False})
    _keyboard_open(found, label, touchpoints)
    counted = found["verdict"].value_counts()
    chart_alt.alternative("heatmap", t("heat_summary", cells=number(len(found)),
                                       strengths=number(counted.get("strength", 0)),
                                       weaknesses=number(counted.get("weakness", 0))),
                          lambda: _heat_table(found, label, touchpoints, measure, rows, columns))


def _keyboard_open(found: pd.DataFrame, label: dict, touchpoints: dict) -> None:
    """The heatmap's drill-through by keyboard: pick one of the clear cells and open it."""
    clear = found[found["verdict"].isin(["strength", "weakness"])]
    if clear.empty:
        return
    names = {f"{int(r.unit_id)}|{r.key}": f"{'▲' if r.verdict == 'strength' else '▼'} {label[int(r.unit_id)]} · "
             f"{touchpoints.get(r.key, r.key)}" for r in clear.itertuples()}
    pick, go = st.columns([3, 1], vertical_alignment="bottom")
    chosen = pick.selectbox(t("heat_open_cell"), list(names), format_func=names.get, key="heat_cell")
    go.button(t("trend_keyboard_button"), key="heat_open", on_click=_open_chosen, args=(chosen,))


def _open_chosen(cell: str) -> None:
    """Open a cell (a callback): its unit and touchpoint in the sidebar, so the whole page reruns."""
    unit_id, touchpoint = cell.split("|")
    url_state.choose("unit", int(unit_id))
    url_state.choose("touchpoint", touchpoint)
    st.rerun(scope="app")


def _heat_table(found: pd.DataFrame, label: dict, touchpoints: dict, measure: str, rows: list,
                columns: list) -> pd.DataFrame:
    """The heatmap's cells as rows, in the order the chart shows them."""
    value = measure_text.value
    table = pd.DataFrame({
        t("unit"): [label[int(r.unit_id)] for r in found.itertuples()],
        t("touchpoint"): [touchpoints.get(r.key, r.key) for r in found.itertuples()],
        t("col_value"): ["–" if r.verdict == "too_few" else value(measure, r.value) for r in found.itertuples()],
        t("col_low"): ["–" if r.verdict == "too_few" else value(measure, r.low) for r in found.itertuples()],
        t("col_high"): ["–" if r.verdict == "too_few" else value(measure, r.high) for r in found.itertuples()],
        "n": [number(r.n) for r in found.itertuples()],
        t("col_rest"): ["–" if r.verdict in ("too_few", "no_comparator") else value(measure, r.comp_value)
                        for r in found.itertuples()],
        t("col_verdict"): [t(f"cell_{r.verdict}") for r in found.itertuples()],
    })
    position = {name: index for index, name in enumerate(rows)}
    across = {name: index for index, name in enumerate(columns)}
    order = sorted(range(len(table)), key=lambda i: (position.get(table.iat[i, 0], 0), across.get(table.iat[i, 1], 0)))
    return table.iloc[order]


def _open_cell() -> None:
    """A click on a heatmap cell: that unit, with the touchpoint selected."""
    points = st.session_state["heatmap"]["selection"]["points"]
    chosen = [point["customdata"] for point in points if point.get("customdata")]
    if chosen:
        _open_chosen(chosen[0])

