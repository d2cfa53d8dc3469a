"""Did it help? Completed actions judged against comparable units, on the actions page.

:func:`results` judges every group of overlapping actions (:mod:`analysis.action_effect`);
:func:`section` shows them with a summary for leaders, managers and staff; :func:`for_action`
gives one action's result in its editor. A target (touchpoint, channel, theme) with fewer
answers than the small-sample flag in a window, or without enough comparable units answering
on it, is measured on the whole unit instead, and the table says so.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from analysis import measures
from analysis.action_effect import roll_up
from components import data, measure_text, table_cards
from components.i18n import current_language, day, markdown_safe, number, t
from components.shell import Page
from queries.common import utc_now


def results(page: Page, weeks: int, today: date | None = None) -> pd.DataFrame:
    """One row per group of overlapping done actions in scope: the group (``action_ids``,
    ``titles``, ``unit``, ``region``, ``measure``, ``target_type``, ``target_key``), its
    windows, and its result (the keys of :func:`analysis.action_effect.action_effect`, or
    "pending" with ``expected_on``)."""
    return data.effect_results(page, weeks, today or utc_now().date())


def _target_name(page: Page, kind: str, key: str) -> str:
    if kind == "channel":
        return key
    table = data.touchpoints(page) if kind == "touchpoint" else data.theme_options(page)
    found = table[table["key"] == key]
    return str(found.iloc[0][f"name_{current_language()}"]) if len(found) else key


def measured_on(page: Page, row) -> str:
    """What the result is measured on: the measure and its target, in words."""
    measure = measure_text.in_sentence(row["measure"])
    if not row.get("target_type"):
        return t("ae_target_unit", measure=measure)
    name = _target_name(page, row["target_type"], row["target_key"])
    if row.get("fallback") is True:
        return t("ae_target_fallback", measure=measure, name=name)
    return t(f"ae_target_{row['target_type']}", measure=measure, name=name)


def verdict_text(row) -> str:
    """The verdict in words: association ("improved after the action, more than comparable
    units"), the expected day of a pending result, the n of a unit with too few answers."""
    verdict = row["verdict"]
    if verdict == "pending":
        return t("ae_verdict_pending", date=day(row["expected_on"]))
    if verdict == "too_few":
        return t("ae_verdict_too_few", n=f"{number(row['unit_n_before'])} / {number(row['unit_n_after'])}")
    return t(f"ae_verdict_{verdict}")


def _figures(row, min_responses: int) -> tuple[str, str, str]:
    """The unit's and the comparison's before → after with n, and the difference with its
    interval; below ``min_responses`` answers in a window the unit's figures are hidden and
    only the counts shown."""
    if row["verdict"] == "pending":
        return "–", "–", "–"
    key = row["measure"]
    counts = f"{number(row['unit_n_before'])} / {number(row['unit_n_after'])}"
    if min(row["unit_n_before"], row["unit_n_after"]) < min_responses:
        return t("not_enough", n=counts), "–", "–"
    unit = t("ae_figures", before=measure_text.value(key, row["unit_before"]),
             after=measure_text.value(key, row["unit_after"]), n_before=number(row["unit_n_before"]),
             n_after=number(row["unit_n_after"]))
    if row["control_before"] is None or pd.isna(row["control_before"]):
        return unit, "–", "–"
    where = (t("ae_in_region", region=row["comparison_region"]) if row["comparison"] == "region"
             else t("ae_in_organisation"))
    comparison = t("ae_comparison_figures", before=measure_text.value(key, row["control_before"]),
                   after=measure_text.value(key, row["control_after"]), n_before=number(row["control_n_before"]),
                   n_after=number(row["control_n_after"]), units=number(row["units"]), where=where)
    decimals = 1 if measures.get(key).kind == "nps" else None
    difference = t("ae_interval", estimate=measure_text.difference(key, row["difference"], decimals),
                   low=measure_text.difference(key, row["low"], decimals),
                   high=measure_text.difference(key, row["high"], decimals))
    return unit, comparison, difference


def table(page: Page, found: pd.DataFrame) -> pd.DataFrame:
    """The results as the page shows them (plain text cells)."""
    rows = []
    for _, row in found.iterrows():
        unit, comparison, difference = _figures(row, page.thresholds.min_responses)
        rows.append({"titles": row["titles"], "unit": row["unit"], "verdict_text": verdict_text(row),
                     "difference": difference, "unit_figures": unit, "comparison": comparison,
                     "measured_on": measured_on(page, row)})
    return pd.DataFrame(rows)


def summary(found: pd.DataFrame) -> str:
    """One sentence: how many results improved, showed no clear difference, got worse, wait
    or cannot be judged (a group of overlapping actions is one result)."""
    total = roll_up(found[["unit", "region", "verdict"]] if len(found) else None).iloc[-1]
    return t("ae_summary", results=number(int(total["results"])), improved=number(int(total["improved"])),
             no_clear=number(int(total["no_clear_difference"])), worse=number(int(total["worse"])),
             pending=number(int(total["pending"])),
             unjudged=number(int(total["too_few"] + total["no_comparison"])))


def section(page: Page, weeks: int) -> None:
    """Did it help: the summary, one row per result, and how it is computed."""
    st.subheader(t("ae_title"))
    st.caption(t("ae_caption", weeks=weeks))
    found = results(page, weeks)
    if found.empty:
        st.caption(t("ae_none"))
        return
    st.markdown(summary(found))
    table_cards.table(table(page, found), key="action_effects", hide_index=True, width="stretch",
                      column_config={"titles": t("ae_col_actions"), "unit": t("col_unit"),
                                     "verdict_text": t("ae_col_verdict"),
                                     "difference": t("ae_col_difference"), "unit_figures": t("ae_col_unit"),
                                     "comparison": t("ae_col_comparison"), "measured_on": t("ae_col_measure")})
    st.caption(t("ae_overlap_note"))
    with st.expander(t("ae_about_title")):
        st.caption(t("ae_about", weeks=weeks, min_responses=number(page.thresholds.min_responses),
                     small_sample=number(page.thresholds.small_sample)))


def for_action(page: Page, action_id: int, weeks: int = 8) -> None:
    """The result of one done action (with the actions it overlaps), as a sentence."""
    found = results(page, weeks)
    if found.empty:
        return
    mine = found[[int(action_id) in ids for ids in found["action_ids"]]]
    if mine.empty:
        return
    row = mine.iloc[0]
    unit, comparison, difference = _figures(row, page.thresholds.min_responses)
    text = (verdict_text(row) if row["verdict"] == "pending" else
            t("ae_sentence", verdict=verdict_text(row), unit=unit, comparison=comparison, difference=difference))
    # Names from data (units, regions, themes) are in the text: escaped, shown as plain text.
    st.info(markdown_safe(t("ae_action_result", text=text) + " · " + measured_on(page, row)),
            icon=":material/monitoring:")

