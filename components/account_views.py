"""The user's own account: who they are, and changing their password (also the
change a user must make after logging in with a password an administrator
generated)."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from components import auth
from components.i18n import markdown_safe, t
from queries import users
from queries.passwords import PASSWORD_MIN

FLASH = "account_flash"


def details(account: users.Account, unit: str | None, email: str | None) -> None:
    """Username, role, unit and e-mail address (values from the data, escaped)."""
    st.markdown(t("acc_details", username=markdown_safe(account.username), role=t(f"role_{account.role}"),
                  unit=t("acc_unit", unit=markdown_safe(unit)) if unit else "",
                  email=t("acc_email", email=markdown_safe(email)) if email else ""))


def password_form(engine: Engine, account: users.Account) -> None:
    """Current password, the new one twice; on success the session stays signed
    in (with a new cookie) and every other login ends."""
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(message, icon=":material/check_circle:")
    if auth.oidc_configured():
        st.info(t("acc_sso"), icon=":material/info:")
        return
    st.caption(t("acc_password_caption", min=PASSWORD_MIN))
    with st.form("acc_password", clear_on_submit=True, width=480):
        current = st.text_input(t("acc_current"), type="password", key="acc_current")
        new = st.text_input(t("acc_new"), type="password", key="acc_new")
        again = st.text_input(t("acc_again"), type="password", key="acc_again")
        submitted = st.form_submit_button(t("acc_change"), type="primary", icon=":material/key:")
    if not submitted:
        return
    if new != again:
        st.error(t("acc_mismatch"), icon=":material/error:")
        return
    try:
        changed = users.change_password(engine, account, current, new)
    except users.PasswordRefused as refused:
        st.error(t(f"acc_refused_{refused.code}", seconds=refused.wait_seconds, min=PASSWORD_MIN),
                 icon=":material/error:")
        return
    auth.keep_signed_in(engine, changed)
    st.session_state[FLASH] = t("acc_changed")
    st.rerun()


def must_change(engine: Engine, account: users.Account) -> None:
    """Shown instead of any page until the user replaces a generated password."""
    st.title(t("acc_must_change_title"))
    st.info(t("acc_must_change"), icon=":material/key:")
    password_form(engine, account)
