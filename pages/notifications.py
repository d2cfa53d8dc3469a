"""Notifications: which e-mails I get and in which language; for admins also
the units' chat webhooks."""

from __future__ import annotations

import streamlit as st

from components import notification_views, shell
from components.i18n import t

page = shell.page(title="Insikt · Aviseringar / Notifications")
st.title(t("nt_title"))
st.caption(t("nt_caption"))
notification_views.preferences(page)
if page.account.role == "admin":
    st.divider()
    notification_views.webhooks(page)
