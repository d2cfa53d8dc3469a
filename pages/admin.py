"""Admin: what keeps the data flowing. Each tab is one row of :data:`TABS`, shown
to the roles in that row; a role that sees no tab is told so. Only the open tab
runs, as a fragment: picking, previewing and filtering in it rerun only that tab, while a
save that changes what other tabs or the checklist show reruns the page."""

from __future__ import annotations

import functools

import streamlit as st

from components import (admin_views, discovery_views, first_run, follow_up_views, import_views,
                        privacy_views, segment_views, shell)
from components.i18n import t
from queries.settings import is_demo

ADMINS = ("admin",)

# (text key of the tab's label, render function taking the Page, roles that see the tab).
# A new tab is one more line here, in the place it should appear.
TABS = (
    ("imports_tab_import", import_views.import_tab, ("admin", "manager")),
    ("imports_tab_history", import_views.history_tab, ("admin", "manager")),
    ("admin_tab_units", admin_views.units_tab, ADMINS),
    ("admin_tab_touchpoints", admin_views.touchpoints_tab, ADMINS),
    ("admin_tab_users", admin_views.users_tab, ADMINS),
    ("admin_tab_themes", admin_views.themes_tab, ADMINS),
    ("admin_tab_segments", segment_views.segments_tab, ADMINS),
    ("admin_tab_thresholds", admin_views.thresholds_tab, ADMINS),
    ("fu_rules_title", follow_up_views.rules_editor, ADMINS),
    ("privacy_tab", privacy_views.privacy_tab, ADMINS),
    ("audit_tab", privacy_views.audit_tab, ADMINS),
)

# The item picked for editing in a tab, kept after a look at another tab.
KEPT = {"admin_tab_units": ("admin_unit_pick",), "admin_tab_touchpoints": ("admin_touchpoint_pick",),
        "admin_tab_users": ("admin_user_pick",), "admin_tab_themes": ("admin_theme_pick",)}

page = shell.page(roles=("admin", "manager"), title="Insikt · Admin")
st.title(t("admin_title"))
if page.account.role == "admin" and not is_demo(page.engine):
    first_run.checklist(page.engine, packs=lambda: admin_views.pack_loader(page, "first_run"))
shown = [(key, render) for key, render, roles in TABS if page.account.role in roles]
if not shown:
    st.info(t("admin_nothing_for_role"), icon=":material/info:")
    st.stop()
bodies = {t(key): functools.partial(shell.fragment(render), page) for key, render in shown}
# A theme suggested on the comments page opens here, in the theme editor.
opening = t("admin_tab_themes") if discovery_views.draft() and t("admin_tab_themes") in bodies else None
shell.tabs("admin_tab", bodies, default=opening, keep={t(key): widgets for key, widgets in KEPT.items()})
