"""Strengths and weaknesses: every touchpoint, channel, theme, segment and every
measure with answers compared with a comparator the user picks, judged only where
the difference holds after false-discovery control; strengths first, with the
customers' own words (the strongest as cards, the rest in a table); what matters
most on the chosen measure; and, for leaders, managers and admins, the units ×
touchpoints heatmap. Each of the three is a tab, and only the open one is computed."""

from __future__ import annotations

import streamlit as st

from components import comment_cards, data, drill, landing_views, shell, strength_views
from components.filters import sidebar_filters
from components.i18n import markdown_safe, t

page = shell.page(title="Insikt · Styrkor / Strengths")
selection = sidebar_filters(page)
if selection is None:
    st.stop()
drill.follow()  # a card's drill-through, clicked in the "where we stand" fragment
filters = selection.filters
labels = strength_views.Labels(page)
comment_cards.use_style()

st.title(t("strengths_title", unit=markdown_safe(selection.unit_name)))
st.caption(selection.caption())
if selection.measure is None:
    st.info(t("no_data_yet"), icon=":material/database:")
    st.stop()

views = {
    t("where_we_stand"): lambda: strength_views.standing(page, selection, labels, data.targets(page)),
    t("drivers_assoc_title"): lambda: strength_views.drivers(page, filters, labels, selection.unit_name,
                                                             selection.measure),
}
if page.account.role in ("leader", "manager", "admin"):
    views[t("heatmap_title")] = lambda: landing_views.heatmap(page, filters, labels.touchpoints,
                                                              selection.measure)
# A link to an ordered heatmap opens on the heatmap.
linked = st.query_params.keys() & {"heat_rows", "heat_cols"}
opening = t("heatmap_title") if linked and t("heatmap_title") in views else None
shell.tabs("strengths_view", views, default=opening)

with st.expander(t("about_stats_title")):
    st.markdown(t("about_stats_body"))
