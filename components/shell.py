"""The one call every page starts with: ``page = shell.page(roles=…)``.

It sets the page up, makes sure the database is reachable and migrated (and, on
first start with an empty database, builds the demo), checks the login and the
role (showing the login instead of the page when needed, also on a deep link;
in a deployment without users, how to create the first administrator; after a
login with a generated password, the change to the user's own), and draws the
sidebar: language, menu, the signed-in user and logout.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from datetime import datetime

import streamlit as st
from sqlalchemy import Engine

from components import account_views, auth, first_run, menu
from components.i18n import LANGUAGES, current_language, default_language, number, t
from ingest import themes
from queries import users
from queries.config import database_url
from queries.db import DatabaseUnavailable, prepare
from queries.scope import Scope, scope_for
from queries.settings import Thresholds, bump_data_version, data_version, thresholds


@dataclass(frozen=True)
class Page:
    """What a page needs to read data for the person looking at it."""

    engine: Engine
    url: str
    account: users.Account
    scope: Scope
    thresholds: Thresholds
    data_version: str
    language: str
    previous_visit: datetime | None  # when the user was last here before this visit


@st.cache_resource(show_spinner=False)
def _prepared_engine(url: str) -> Engine:
    return prepare(url)


@st.cache_resource(show_spinner=False)
def _demo_lock() -> threading.Lock:
    return threading.Lock()


def _language_switch() -> None:
    default = default_language()
    st.sidebar.radio(
        "Språk / Language",
        list(LANGUAGES),
        index=list(LANGUAGES).index(default),
        # The URL carries what the radio shows, so show the codes: ?lang=en.
        format_func=str,
        help=" / ".join(LANGUAGES.values()),
        horizontal=True,
        key="lang",
        bind="query-params",
    )


def _engine_or_stop(url: str) -> Engine:
    try:
        engine = _prepared_engine(url)
    except DatabaseUnavailable as error:
        st.error(t("db_unavailable_title"), icon=":material/database_off:")
        st.markdown(t("db_unavailable_body", detail=str(error)))
        st.stop()
    if not st.session_state.get("database_checked"):
        _build_demo_if_empty(engine)
        with engine.begin() as connection:  # a new, empty deployment gets the default themes
            if themes.ensure_default_themes_tagged(connection):  # and comments imported meanwhile their tags
                bump_data_version(connection)
        st.session_state["database_checked"] = True
    return engine


def _build_demo_if_empty(engine: Engine) -> None:
    """First start: fill an empty database with the demo, with a progress bar."""
    from ingest import demo

    if os.environ.get("INSIKT_DEMO_ON_EMPTY", "1") == "0":
        return
    with _demo_lock():
        if not demo.is_empty(engine):
            return
        size = int(os.environ.get("INSIKT_DEMO_RESPONSES", "100000"))
        label = t("building_demo", n=number(size))
        bar = st.progress(0.0, text=label)
        demo.build_demo(engine, responses=size, language=current_language(),
                        progress=lambda fraction, _message: bar.progress(
                            min(max(fraction, 0.0), 1.0), text=label))
        bar.empty()
    st.cache_data.clear()


def page(roles: tuple[str, ...] = menu.ALL_ROLES, title: str = "Insikt",
         redirect: bool = False) -> Page:
    """Set the page up for the logged-in user, or show the login and stop.

    ``redirect=True`` is for the home page, which only sends a logged-in user on
    to their landing page: it draws no sidebar and leaves the login cookie to it.
    """
    st.set_page_config(page_title=title, page_icon=":material/forum:", layout="wide")
    _language_switch()
    url = database_url()
    engine = _engine_or_stop(url)
    account = auth.current_account(engine, write_cookie=not redirect)
    if account is None:
        if users.active_users(engine):
            auth.login_form(engine)
        else:  # a new deployment: say how to create the first administrator
            first_run.no_users(engine, url)
        st.stop()
    if not redirect:
        _sidebar(engine, account)
    if account.must_change_password:  # an administrator generated it: the user chooses their own first
        account_views.must_change(engine, account)
        st.stop()
    if account.role not in roles:
        st.warning(t("not_for_role"), icon=":material/block:")
        st.stop()
    if "previous_visit" not in st.session_state:
        st.session_state["previous_visit"] = users.record_visit(engine, account.id)
    return Page(
        engine=engine,
        url=url,
        account=account,
        scope=scope_for(engine, account.role, account.unit_id),
        thresholds=thresholds(engine),
        data_version=data_version(engine),
        language=current_language(),
        previous_visit=st.session_state["previous_visit"],
    )


def _sidebar(engine: Engine, account: users.Account) -> None:
    menu.draw(account.role)
    st.sidebar.divider()
    st.sidebar.caption(t("signed_in_as", name=account.display_name, role=t(f"role_{account.role}")))
    if st.sidebar.button(t("logout"), icon=":material/logout:"):
        auth.logout(engine)
        st.rerun()
