"""The one call every page starts with: ``page = shell.page(roles=…)``.

It sets the page up, makes sure the database is reachable and migrated (and, on
the first start of an installation without configuration, builds the demo),
checks the login and the role (showing the login instead of the page when
needed, also on a deep link; in a deployment without users, how to create the
first administrator; after a login with a generated password, the change to the
user's own), and draws the sidebar: language, menu, the signed-in user and
logout. A demo database says so at the top of every page.

A database failure anywhere in the page's run (the server stopped, the SQLite
file removed) shows the same message as at start — what failed, what to check,
a retry button — instead of a traceback with SQL; any other error a notice in the
user's language that the details are in the server's log: :func:`page` hands
Streamlit a handler for errors the script does not catch.
"""

from __future__ import annotations

import functools
import os
import threading
from dataclasses import dataclass
from datetime import datetime, timezone

import streamlit as st
from sqlalchemy import Engine
from streamlit.config import ShowErrorDetailsConfigOptions as ErrorDetails
from streamlit.errors import StreamlitInvalidLayoutContextError
from streamlit.runtime.scriptrunner import get_script_run_ctx
from threadpoolctl import threadpool_limits

from components import a11y, account_views, auth, first_run, menu
from components.i18n import LANGUAGES, current_language, default_language, markdown_safe, number, t
from ingest import scratch, themes
from queries import db, users
from queries.config import database_url
from queries.db import DatabaseUnavailable
from queries.scope import Scope, scope_for
from queries.settings import Thresholds, bump_data_version, data_version, is_demo, thresholds


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
    # Once per process: temporary files of imports that were killed, and one BLAS
    # thread. The page's model fits are small (key drivers: thousands of cells, tens
    # of columns); BLAS threads only wait for each other there, and on two cores a
    # fit cost 3-10 times the CPU of one thread.
    scratch.remove_leftovers()
    threadpool_limits(limits=1, user_api="blas")
    return db.prepare_app(url)


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


def _database_failure(error: DatabaseUnavailable) -> None:
    """What failed, what to check, and a button to try again (which starts over:
    the engine is prepared anew)."""
    _prepared_engine.clear()
    st.error(t("db_unavailable_title"), icon=":material/database_off:")
    body = {"file_missing": "db_file_missing_body", "file_gone": "db_file_gone_body"}.get(
        error.code, "db_unavailable_body")
    st.markdown(t(body, **{**error.params, "detail": markdown_safe(error.params["detail"])}))
    st.button(t("db_retry"), icon=":material/refresh:", key="db_retry")


def _program_error() -> None:
    """A mistake of the program, in the user's language: when, where the details are
    (Streamlit has logged the traceback), and a button to run the page again."""
    st.error(t("page_error_title"), icon=":material/error:")
    st.markdown(t("page_error_body", time=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")))
    st.button(t("db_retry"), icon=":material/refresh:", key="page_retry")


def _on_script_error(error: Exception) -> bool:
    """Streamlit's handler for what a page run does not catch, after Streamlit has
    logged it (True: Streamlit shows nothing more). A database failure gets the clear
    message; any other error, where error details are off (outside development), a
    notice in the user's language instead of Streamlit's English one; with details
    on, Streamlit shows the error."""
    if db.is_failure(error):
        if not isinstance(error, DatabaseUnavailable):
            url = database_url()
            error = DatabaseUnavailable(db.describe_failure(db.engine_for(url), error))
        _database_failure(error)
        return True
    details = st.get_option("client.showErrorDetails")
    if details == ErrorDetails.NONE or ErrorDetails.is_false_variation(details):
        _program_error()
        return True
    return False


def _catch_database_errors() -> None:
    context = get_script_run_ctx()
    if context is not None:
        context.on_script_error = _on_script_error


def _engine_or_stop(url: str) -> Engine:
    try:
        engine = _prepared_engine(url)
        db.ensure_present(engine, url)
    except DatabaseUnavailable as error:
        _database_failure(error)
        st.stop()
    if not st.session_state.get("database_checked"):
        if db.first_start(url):
            _build_demo_if_empty(engine)
            db.mark_first_start()
        with engine.begin() as connection:  # a new, empty deployment gets the default themes
            if themes.ensure_default_themes_tagged(connection):  # and comments imported meanwhile their tags
                bump_data_version(connection)
        st.session_state["database_checked"] = True
    return engine


def _build_demo_if_empty(engine: Engine) -> None:
    """First start without configuration: fill the new SQLite file with the demo,
    with a progress bar (unless ``INSIKT_DEMO_ON_EMPTY=0``)."""
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
    _catch_database_errors()
    _language_switch()
    a11y.apply(current_language())
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
        if is_demo(engine):
            st.warning(t("demo_banner"), icon=":material/science:")
    if account.must_change_password and not auth.oidc_configured():  # generated by an administrator: choose one
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
        data_version=data_version(db.read_engine(url)),  # what the cached reads will find
        language=current_language(),
        previous_visit=st.session_state["previous_visit"],
    )


def fragment(body=None, *, run_every=None):
    """``st.fragment`` for a part of a page that reruns alone, with the login
    checked on each of its runs. A fragment's rerun skips :func:`page`, so without
    this a session ended elsewhere (a logout in another process, a deactivation,
    a password reset, a change of role) could go on using that part; when the
    login no longer holds, the whole page reruns and shows the login instead."""
    def decorate(function):
        @functools.wraps(function)
        def guarded(*args, **kwargs):
            if not _still_signed_in():
                st.rerun(scope="app")
            return function(*args, **kwargs)
        return st.fragment(guarded, run_every=run_every)
    return decorate(body) if body is not None else decorate


_OPENED = "_tabs_opened"  # tabs key -> the label open in the last run


def tabs(key: str, bodies: dict, default: str | None = None, keep: dict[str, tuple[str, ...]] | None = None) -> None:
    """Tabs (label → function drawing the tab) of which only the open one runs.

    Plain ``st.tabs`` computes every tab on every run and hides all but one; a
    page's cold cost was the sum of its tabs. These tabs keep the open one in
    ``st.session_state[key]`` and switching reruns the page, which draws the
    newly opened tab from the same caches.

    Streamlit drops the state of a widget that a run does not draw, so a choice
    made in a tab would be gone after a look at another. ``keep`` names, per tab
    label, the keys of widgets whose values outlive that: while their tab is
    closed each run sets them again from code (Streamlit keeps what code set), and
    so does the run that opens it again, so that the browser shows them too."""
    last = st.session_state.setdefault(_OPENED, {})
    for label, tab in zip(bodies, st.tabs(list(bodies), key=key, default=default, on_change="rerun")):
        if not tab.open or last.get(key) != label:
            for widget in (keep or {}).get(label, ()):
                if widget in st.session_state:
                    st.session_state[widget] = st.session_state[widget]
        if tab.open:
            last[key] = label
            with tab:
                bodies[label]()


def expander(label: str, key: str, body, *, expanded: bool = False, icon: str | None = None) -> None:
    """An expander whose ``body`` (a function drawing its content) runs only while it is
    open. Plain ``st.expander`` computes and sends its content closed or open; opening
    this one reruns the page, or only the fragment it is in. Its state is kept in
    ``st.session_state[key]``; a new key starts it at ``expanded``."""
    box = st.expander(label, expanded=expanded, key=key, icon=icon, on_change="rerun")
    if box.open:
        with box:
            body()


def rerun_fragment() -> None:
    """Run the fragment that is running again, alone when it runs alone (a widget
    inside it was used); in a full run of the page (AppTest's, a first run) the
    page reruns, since Streamlit allows a fragment's own rerun only in its own run."""
    try:
        st.rerun(scope="fragment")
    except StreamlitInvalidLayoutContextError:
        st.rerun()


def _still_signed_in() -> bool:
    """The session's login is still valid: the same checks as
    :func:`auth.current_account` makes on every run of a whole page."""
    account = st.session_state.get(auth.SESSION_KEY)
    if account is None:
        return False
    current = users.account_by_id(_prepared_engine(database_url()), account.id)
    return current is not None and current.session_version == account.session_version


def _sidebar(engine: Engine, account: users.Account) -> None:
    menu.draw(account.role)
    st.sidebar.divider()
    st.sidebar.caption(t("signed_in_as", name=markdown_safe(account.display_name), role=t(f"role_{account.role}")))
    if st.sidebar.button(t("logout"), icon=":material/logout:"):
        auth.logout(engine)
        if auth.oidc_configured():  # st.logout() queued the browser's way to the provider; a rerun could drop it
            st.stop()
        st.rerun()
