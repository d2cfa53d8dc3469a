"""Login and logout: a password form with a signed, expiring cookie, or single
sign-on through ``st.login`` when ``[auth]`` is configured in secrets."""

from __future__ import annotations

import json

import streamlit as st
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import Engine

from components.i18n import t
from queries import users
from queries.config import secrets
from queries.settings import is_demo

COOKIE = "insikt_session"
COOKIE_MAX_AGE = 12 * 3600  # seconds: a working day
SESSION_KEY = "account"


def oidc_configured() -> bool:
    return bool(secrets().get("auth"))


def _serializer(engine: Engine) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(users.cookie_secret(engine), salt="insikt-login")


def make_cookie_value(engine: Engine, account: users.Account) -> str:
    return _serializer(engine).dumps({"u": account.id, "v": account.session_version})


def account_from_cookie(engine: Engine, value: str | None) -> users.Account | None:
    """The account a cookie names, if its signature holds, it has not expired and
    the user has not logged out since it was issued."""
    if not value:
        return None
    try:
        payload = _serializer(engine).loads(value, max_age=COOKIE_MAX_AGE)
        account = users.account_by_id(engine, int(payload["u"]))
    except (BadSignature, KeyError, TypeError, ValueError):
        return None
    if account is None or account.session_version != payload.get("v"):
        return None
    return account


def _write_cookie(value: str, max_age: int) -> None:
    """Set (or with ``max_age`` 0 delete) the login cookie in the browser."""
    script = (
        f"<script>document.cookie = {json.dumps(COOKIE)} + '=' + {json.dumps(value)}"
        f" + '; Max-Age={max_age}; Path=/; SameSite=Strict'"
        " + (location.protocol === 'https:' ? '; Secure' : '');</script>"
    )
    st.html(script, unsafe_allow_javascript=True, width=1)


def current_account(engine: Engine, write_cookie: bool = True) -> users.Account | None:
    """The logged-in account: from this session, from single sign-on, or from
    the login cookie of an earlier session (a page reload).

    A fresh login's cookie is written by the first page that stays on screen;
    ``write_cookie=False`` defers it (the home page, which switches away at once).
    """
    account = st.session_state.get(SESSION_KEY)
    if account is not None:
        # Checked on every run: a deactivation, password reset or change of role
        # (each bumps the session version) also ends a session already open.
        current = users.account_by_id(engine, account.id)
        if current is None or current.session_version != account.session_version:
            st.session_state.pop(SESSION_KEY, None)
            _write_cookie("", 0)
            return None
        account = st.session_state[SESSION_KEY] = current
        pending = st.session_state.pop("cookie_to_write", None) if write_cookie else None
        if pending:
            _write_cookie(pending, COOKIE_MAX_AGE)
        return account
    if st.session_state.pop("cookie_to_clear", False):
        _write_cookie("", 0)
        return None
    if oidc_configured():
        if _signed_in_email() and st.user.get("email_verified") is not False:
            account = users.account_by_email(engine, _signed_in_email())
    else:
        account = account_from_cookie(engine, st.context.cookies.get(COOKIE))
    if account is not None:
        st.session_state[SESSION_KEY] = account
    return account


def _signed_in_email() -> str | None:
    """The e-mail address the identity provider signed in, if any."""
    email = st.user.get("email") if getattr(st.user, "is_logged_in", False) else None
    return str(email) if email else None


def login_form(engine: Engine) -> None:
    """The login form; on success the page reruns as the new user."""
    st.title(t("app_title"))
    st.caption(t("tagline"))
    if oidc_configured():
        email = _signed_in_email()
        if email:  # signed in at the provider, but no user here (or an address it did not verify)
            unverified = st.user.get("email_verified") is False
            # In a code span: shown as written, never made a link.
            st.error(t("sso_unverified" if unverified else "sso_unknown", email=f"`{email.replace('`', '')}`"))
        st.button(t("login_sso"), on_click=st.login, type="primary")
        return
    with st.form("login", width=420):
        st.subheader(t("login_title"))
        username = st.text_input(t("username"), key="login_username")
        password = st.text_input(t("password"), type="password", key="login_password")
        submitted = st.form_submit_button(t("login_button"), type="primary")
    if is_demo(engine):
        st.info(t("demo_hint"))
    if not submitted:
        return
    if not username or not password:
        st.error(t("login_missing"))
        return
    result = users.authenticate(engine, username, password)
    if result.wait_seconds:
        st.error(t("login_throttled", seconds=result.wait_seconds))
    elif result.account is None:
        st.error(t("login_failed"))
    else:
        keep_signed_in(engine, result.account)
        st.rerun()


def keep_signed_in(engine: Engine, account: users.Account) -> None:
    """Make ``account`` this session's login, with a new cookie (after a login,
    or after a password change, which ends every other login)."""
    st.session_state[SESSION_KEY] = account
    st.session_state["cookie_to_write"] = make_cookie_value(engine, account)


def logout(engine: Engine) -> None:
    """End this login everywhere: forget the session, invalidate cookies."""
    account = st.session_state.pop(SESSION_KEY, None)
    st.session_state.pop("previous_visit", None)
    if account is not None:
        users.end_sessions(engine, account.id)
    st.session_state["cookie_to_clear"] = True
    if oidc_configured():
        st.logout()
