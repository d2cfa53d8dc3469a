"""My account: who I am in Insikt, and changing my password."""

from __future__ import annotations

import streamlit as st

from components import account_views, shell
from components.i18n import t
from queries.users import profile

page = shell.page(title="Insikt · Mitt konto / My account")
st.title(t("acc_title"))
account_views.details(page.account, **profile(page.engine, page.account.id))
st.subheader(t("acc_password_title"))
account_views.password_form(page.engine, page.account)
