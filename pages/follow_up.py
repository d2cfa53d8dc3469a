"""Follow-up: the queue of critical feedback to answer within a target (the
user's own cases first for staff), working a case, and how well the loop is
closed: share within target, times, and root causes for the workshop."""

from __future__ import annotations

import streamlit as st

from components import data, follow_up_views, shell
from components.i18n import t
from queries.follow_ups import read_rules

page = shell.page(title="Insikt · Återkoppling / Follow-up")
st.title(t("fu_title"))
st.caption(t("fu_caption"))

rules = read_rules(page.engine)
units = data.units_in_scope(page)
shell.tabs("follow_up_view", {
    t("fu_tab_queue"): lambda: follow_up_views.queue(page, rules, units),
    t("fu_tab_measures"): lambda: follow_up_views.measures(page, rules, units),
})
