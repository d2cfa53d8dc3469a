"""Comments: what customers wrote, in context; the themes they write about, ranked
by how many raise them; and what is new or growing."""

from __future__ import annotations

import streamlit as st

from components import comment_list, data, discovery_views, shell, theme_views, url_state
from components.filters import sidebar_filters
from components.i18n import markdown_safe, t

VIEWS = ("list", "themes", "emerging")

page = shell.page(title="Insikt · Kommentarer / Comments")
selection = sidebar_filters(page)
if selection is None:
    st.stop()
filters = selection.filters

st.title(t("comments_title", unit=markdown_safe(selection.unit_name)))
st.caption(selection.caption())
comment_list.new_comments_notice(page, filters)

options = data.theme_options(page)
theme_names = dict(zip(options["key"], options[f"name_{page.language}"]))
view = url_state.keyed(st.segmented_control, t("view"), "view", VIEWS, {v: t(f"view_{v}") for v in VIEWS},
                       "list", required=True)
measure = selection.measure or "nps"  # no answers at all: nothing to read on any measure
if view == "themes":
    theme_views.overview(page, filters, theme_names, measure)
    if page.account.role in discovery_views.SEARCHERS:
        st.divider()
        discovery_views.suggest(page, filters, selection.measure, theme_names, "comments")
elif view == "emerging":
    theme_views.emerging(page, filters, theme_names, measure)
else:
    comment_list.show(page, filters, theme_names, measure)
