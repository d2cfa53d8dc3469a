"""Comments: what customers wrote, in context; the themes they write about, ranked
by how many raise them; and what is new or growing."""

from __future__ import annotations

import streamlit as st

from components import comment_list, data, shell, theme_views
from components.filters import sidebar_filters
from components.i18n import day, t

VIEWS = ("list", "themes", "emerging")

page = shell.page(title="Insikt · Kommentarer / Comments")
selection = sidebar_filters(page)
if selection is None:
    st.stop()
filters = selection.filters

st.title(t("comments_title", unit=selection.unit_name))
st.caption(t("comments_caption", period=selection.period_label(), start=day(filters.start),
             end=day(filters.end)))
comment_list.new_comments_notice(page, filters)

options = data.theme_options(page)
theme_names = dict(zip(options["key"], options[f"name_{page.language}"]))
view = st.segmented_control(t("view"), VIEWS, default="list", key="view", required=True,
                            format_func=lambda v: t(f"view_{v}"), bind="query-params",
                            persist_state="session")
if view == "themes":
    theme_views.overview(page, filters, theme_names)
elif view == "emerging":
    theme_views.emerging(page, filters, theme_names)
else:
    comment_list.show(page, filters, theme_names)
