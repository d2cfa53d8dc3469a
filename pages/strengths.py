"""Strengths and weaknesses: every touchpoint, channel, theme, segment and every
measure with answers compared with a comparator the user picks, judged only where
the difference holds after false-discovery control; strengths first, with the
customers' own words (the strongest as cards, the rest in a table); what matters
most on the chosen measure; and, for leaders and managers, the units × touchpoints
heatmap."""

from __future__ import annotations

import streamlit as st

from analysis.compare import closest, compare
from components import comment_cards, data, landing_views, shell, strength_views, url_state
from components.filters import sidebar_filters
from components.i18n import number, t

COMPARATORS = ("organisation", "previous", "region", "target")
HEADINGS = {"strength": "strengths_heading", "weakness": "weaknesses_heading"}

page = shell.page(title="Insikt · Styrkor / Strengths")
selection = sidebar_filters(page)
if selection is None:
    st.stop()
filters = selection.filters
limits = page.thresholds
labels = strength_views.Labels(page)
comment_cards.use_style()

st.title(t("strengths_title", unit=selection.unit_name))
st.caption(selection.caption())
if selection.measure is None:
    st.info(t("no_data_yet"), icon=":material/database:")
    st.stop()

targets = data.targets(page)
offered = [c for c in COMPARATORS if c != "target" or targets]
comparator = url_state.keyed(st.segmented_control, t("comparator"), "vs", offered,
                             {c: t(f"comparator_{c}") for c in offered}, "organisation", required=True)
own = data.group_counts(page, filters)
other = None if comparator == "target" else data.comparator_counts(page, filters, comparator)
standing, drivers = st.tabs([t("where_we_stand"), t("drivers_title")])
with standing:
    if comparator != "target" and other is None:
        if selection.unit_id is None and comparator != "previous":
            reason = "reason_everything_selected"
        elif comparator in ("organisation", "region"):
            reason = "reason_too_few_units"
        else:
            reason = "reason_no_data"
        st.warning(t("comparator_missing", comparator=t(f"comparator_{comparator}"), reason=t(reason)),
                   icon=":material/compare_arrows:")
    else:
        result = compare(own, other, targets if comparator == "target" else None,
                         min_responses=limits.min_responses)
        tested = result[result["verdict"].isin(["strength", "weakness", "no_clear_difference"])]
        st.caption(t("strengths_caption", n=number(len(tested))))
        columns = st.columns(2, gap="large")
        for column, verdict in zip(columns, ("strength", "weakness")):
            with column:
                st.subheader(t(HEADINGS[verdict]))
                found = result[result["verdict"] == verdict]
                if found.empty:
                    strength_views.close_calls(closest(result, verdict), verdict, labels, comparator,
                                               limits.small_sample)
                strength_views.findings(page, selection, found, labels, comparator, verdict)
        strength_views.too_few(result, labels, limits.min_responses)
with drivers:
    strength_views.drivers(page, filters, labels, selection.unit_name, selection.measure)

if page.account.role in ("leader", "manager", "admin"):
    st.divider()
    landing_views.heatmap(page, filters, labels.touchpoints, selection.measure)

with st.expander(t("about_stats_title")):
    st.markdown(t("about_stats_body"))
