"""The parts of "My day", the page staff land on (and managers may open): my open
cases with time left, the actions I own with "mark as done" and undo, the week's
praise for my unit with a customer's words, the unit's result with its interval
and n, and the new comments — each one tap from its own page.

The week's praise, the quote and the counts are the weekly digest's
(:func:`notify.digest.build`): the same reads, so the page and the e-mail agree.
"""

from __future__ import annotations

import html
from datetime import date, datetime

import pandas as pd
import streamlit as st

from analysis import measures
from analysis.periods import totals, window
from components import data, measure_text
from components.action_views import error_text
from components.follow_up_views import TONES, time_left
from components.i18n import day, number, t
from components.shell import Page
from notify import compose, digest
from notify.plan import last_week
from queries import actions
from queries.db import engine_for
from queries.notifications import Person
from queries.responses import STAT_COLUMNS, Filters
from queries.scope import Scope

CASES_SHOWN = 5
_DONE = "day_just_done"  # session state: {action id: (version after done, line)} for the undo


@st.cache_resource(show_spinner=False, max_entries=2)
def _unit_weeks(url: str, version: str) -> dict:
    """The parts of the digest that everyone with the same scope reads alike (the
    week's strengths, quote and counts: :func:`notify.digest.build`'s ``shared``), kept
    for every session until the data changes: twenty staff of one unit logging in at
    once read them once, not twenty times. Only :func:`_digest` reads them, and its
    cache hands each session a copy."""
    return {}


@st.cache_data(show_spinner=False, max_entries=256)
def _digest(url: str, unit_ids: frozenset[int], version: str, person: Person, week: tuple[date, date],
            language: str, now: datetime) -> digest.Digest:
    return digest.build(engine_for(url), person, Scope(unit_ids), week, language, now,
                        shared=_unit_weeks(url, version))


def week_of(page: Page, today: date) -> tuple[date, date]:
    """The last whole week that has data: the one before today's, or the data's last
    whole week when the feedback ended earlier (an import of older reviews)."""
    last_day = data.scope_totals(page)["last_day"]
    week = last_week(datetime.combine(today, datetime.min.time()))
    if last_day is not None and last_day < week[0]:
        return window("last_week", last_day)
    return week


def read_day(page: Page, now: datetime) -> digest.Digest:
    """This user's digest for the week: my cases, my actions, the unit's praise."""
    account = page.account
    person = Person(account.id, account.display_name, None, account.role, account.unit_id, page.language,
                    frozenset())
    # Minutes are enough for "time left"; the cache key changes once a minute at most.
    minute = now.replace(second=0, microsecond=0)
    return _digest(page.url, page.scope.unit_ids, page.data_version, person, week_of(page, now.date()),
                   page.language, minute)


def cases(page: Page, day_read: digest.Digest, now: datetime) -> None:
    """My open cases, the most urgent first, each one tap from its page."""
    st.subheader(t("day_cases"))
    mine = day_read.open_cases
    if mine.empty:
        st.caption(t("day_no_cases"))
        return
    for case in mine.head(CASES_SHOWN).itertuples():
        tone, words = time_left(case, now)
        colour, icon = TONES[tone]
        with st.container(border=True, key=f"day_case_{case.id}"):
            st.html(f'<div style="font-weight:700;color:{colour}">{icon} {html.escape(words)}</div>'
                    f'<div>{html.escape(str(case.unit))} · {html.escape(_score(case))}</div>')
            st.page_link("pages/follow_up.py", label=t("day_open_case"), icon=":material/arrow_forward:",
                         query_params={"case": str(int(case.id))})
    if len(mine) > CASES_SHOWN:
        st.page_link("pages/follow_up.py", label=t("day_more_cases", n=number(len(mine))),
                     icon=":material/support_agent:")


def _score(case) -> str:
    """The case's answer on the first measure it has ("NPS 3", "satisfaction 1/5")."""
    for key in measures.KEYS:
        value = getattr(case, measures.get(key).column)
        if value is not None and not pd.isna(value):
            return measure_text.title(key) + ": " + (
                t(f"badge_positive_{'top' if value > 0 else 'bottom' if value < 0 else 'middle'}")
                if key == "positive" else str(int(value)))
    return ""


def owned_actions(page: Page) -> None:
    """The actions I own (open, and those I just marked done, with an undo)."""
    st.subheader(t("day_actions"))
    today = date.today()
    owned = actions.actions_in_scope(page.engine, page.scope, owner_id=page.account.id, today=today)
    done_now = st.session_state.setdefault(_DONE, {})
    shown = owned[owned["status"].isin(actions.OPEN_STATUSES) | owned["id"].isin(list(done_now))]
    if shown.empty:
        st.caption(t("day_no_actions"))
        return
    for action in shown.itertuples():
        with st.container(border=True, key=f"day_action_{action.id}"):
            st.text(action.title)
            if action.status == "done" and action.id in done_now:
                _done(page, action, done_now)
            else:
                _open(page, action, today, done_now)


def _due(action, today: date) -> str:
    if action.due_date is None or pd.isna(action.due_date):
        return t("day_no_due")
    key = "day_overdue" if action.due_date < today else "day_due"
    return t(key, day=day(action.due_date))


def _open(page: Page, action, today: date, done_now: dict) -> None:
    st.caption(t(f"status_{action.status}") + " · " + _due(action, today))
    with st.form(key=f"day_form_{action.id}", border=False):
        line = st.text_input(t("day_done_line"), placeholder=t("day_done_placeholder"), max_chars=actions.NOTE_MAX,
                             key=f"day_line_{action.id}")
        if st.form_submit_button(t("day_mark_done"), icon=":material/check:"):
            if not line.strip():
                st.error(t("day_need_line"))
                return
            try:
                version = actions.mark_done(page.engine, page.scope, page.account, int(action.id),
                                            int(action.version), line)
            except actions.ActionError as error:
                st.error(error_text(error))
                return
            except actions.StaleAction:
                st.warning(t("day_stale"))
                return
            done_now[int(action.id)] = (version, " ".join(line.split()))
            st.rerun()


def _done(page: Page, action, done_now: dict) -> None:
    """A just-done action stays in view as done, with what was done and an undo."""
    _, line = done_now[int(action.id)]
    st.success(t("day_done", line=line), icon=":material/check_circle:")
    if st.button(t("day_undo"), key=f"day_undo_{action.id}", icon=":material/undo:"):
        try:
            actions.undo_done(page.engine, page.scope, page.account, int(action.id), int(action.version))
        except (PermissionError, actions.StaleAction):
            st.warning(t("day_stale"))
        done_now.pop(int(action.id), None)
        st.toast(t("day_undone"))
        st.rerun()


def praise(page: Page, day_read: digest.Digest) -> None:
    """The week's clear strengths of my unit, with one customer's words."""
    st.subheader(t("day_praise", start=day(day_read.start), end=day(day_read.end)))
    lines = compose.strength_lines(day_read, page.language)
    if not lines:
        st.caption(t("day_no_praise"))
        return
    for line in lines:
        st.text("✓ " + line)
    if day_read.quote:
        st.caption(t("day_quote"))
        st.html('<blockquote style="white-space:pre-wrap;overflow-wrap:anywhere;margin:0 0 0.5rem 0;'
                f'font-size:1.05rem">“{html.escape(day_read.quote)}”</blockquote>')


def result(page: Page, unit_ids: frozenset[int], today: date) -> None:
    """The unit's result over the last four whole weeks, in words, with n."""
    everything = data.scope_totals(page)
    if everything["last_day"] is None:
        return
    start, end = window("4w", min(today, everything["last_day"]))
    filters = Filters(unit_ids, start, end)
    now = totals(data.daily_stats(page, filters), start, end, STAT_COLUMNS)
    key = measures.default(data.scope_totals(page, filters)) or measures.default(everything)
    st.subheader(t("day_score", start=day(start), end=day(end)))
    if key is None:
        return
    estimate = measures.estimate(key, now)
    if estimate.n < page.thresholds.min_responses:
        st.caption(t("day_few", n=number(estimate.n)))
    else:
        st.metric(measure_text.title(key), measure_text.value(key, estimate.estimate))
        st.caption(t("day_score_words", low=measure_text.value(key, estimate.low),
                     high=measure_text.value(key, estimate.high), n=number(estimate.n)))
    st.page_link("pages/overview.py", label=t("day_see_overview"), icon=":material/monitoring:",
                 query_params={"from": start.isoformat(), "to": end.isoformat()})
