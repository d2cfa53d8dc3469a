"""My day: what a member of staff needs first, on a phone as on a desk — my open
cases with time left, the actions I own, this week's praise for my unit with a
customer's words, the unit's result with its interval and n, and new comments."""

from __future__ import annotations

import streamlit as st

from components import comment_list, data, my_day_views, shell
from components.i18n import markdown_safe, t
from queries.common import utc_now
from queries.responses import Filters
from queries.scope import descendants, unit_tree

page = shell.page(title="Insikt · Min dag / My day")
now = utc_now()
units = data.units_in_scope(page)
own = page.account.unit_id
if own is not None and page.scope.allows(own):
    unit_ids = frozenset(page.scope.narrow(descendants(unit_tree(page.engine), own)).unit_ids)
    unit_name = str(units.loc[units["id"] == own, "name"].iloc[0]) if (units["id"] == own).any() else ""
else:
    unit_ids, unit_name = frozenset(page.scope.unit_ids), t("all_units")
st.title(t("day_title", unit=markdown_safe(unit_name)))

day_read = my_day_views.read_day(page, now)
my_day_views.cases(page, day_read, now)
my_day_views.owned_actions(page)
my_day_views.praise(page, day_read)
my_day_views.result(page, unit_ids, now.date())

st.subheader(t("day_comments"))
everything = data.scope_totals(page)
if everything["last_day"] is not None:
    comment_list.new_comments_notice(page, Filters(unit_ids, everything["first_day"], everything["last_day"]))
st.page_link("pages/comments.py", label=t("day_all_comments"), icon=":material/forum:")
