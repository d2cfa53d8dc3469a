"""Suggested themes: the "suggest themes" action of the comments page (*Themes*)
and the admin page, its progress while the worker searches, and the candidates —
key terms, how many comments raise them (share with its interval), the measure
among them against the rest, the suggested patterns and five typical comments,
shown as plain text through the comment cards.

An administrator makes a theme of a candidate in one step: the theme editor of
the admin page opens with the key, names and patterns filled in (a *draft* in the
session) and its live preview. A manager or leader proposes the candidate
instead; the admin page lists proposals to accept (the same editor, filled from
the proposal) or decline.
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from analysis import measures
from analysis.discovery import Candidate, suggested_key
from components import comment_cards, data, discovery_jobs, measure_text
from components.i18n import day, markdown_safe, number, t
from components.shell import Page, fragment
from queries import discovery
from queries.responses import Filters

DRAFT = "theme_draft"
PROPOSED = "themes_proposed"  # the candidates this session proposed already (by their terms)
PROPOSERS = discovery.PROPOSERS
SEARCHERS = ("admin", *PROPOSERS)
POLL_SECONDS = 1.0


def _percent(share: float) -> str:
    return number(100 * share, 1) + " %"


def _key(page: Page, filters: Filters, measure: str | None) -> tuple:
    return (page.url, page.scope.unit_ids, filters.unit_ids, filters.start, filters.end, filters.touchpoint_id,
            filters.channel, measure, page.data_version)


def suggest(page: Page, filters: Filters, measure: str | None, theme_names: dict[str, str], place: str) -> None:
    """The action and, once a search has run for these filters and this data
    version, its candidates (for :data:`SEARCHERS` only). ``place``: "comments"
    or "admin" (inside an expander that carries the title)."""
    if page.account.role not in SEARCHERS:
        return
    if place != "admin":
        st.subheader(t("discovery_title"))
    st.caption(t("discovery_caption"))
    registry = discovery_jobs.jobs()
    key = _key(page, filters, measure)
    job = registry.get(key)
    if job is None or (job.future.done() and job.future.exception() is not None):
        if job is not None:
            st.error(t("discovery_failed"), icon=":material/error:")
        if not st.button(t("discovery_start"), icon=":material/auto_awesome:", key=f"discovery_start_{place}"):
            return
        registry.start(key, page.url, page.scope.unit_ids,
                       (filters.unit_ids, filters.start, filters.end, filters.touchpoint_id, filters.channel),
                       measure, page.thresholds.min_responses)
        st.rerun()  # the progress bar replaces the button
    if not job.future.done():
        _wait(job)
        return
    _show(page, job.future.result(), measure, theme_names, place)


@fragment(run_every=POLL_SECONDS)
def _wait(job: discovery_jobs.Job) -> None:
    """The progress bar; only this reruns while the worker searches, and the whole
    page once the result is there."""
    if job.future.done():
        st.rerun(scope="app")
    progress = job.progress
    if progress is None:
        st.progress(0.0, text=t("discovery_queued"))
    else:
        st.progress(max(0.0, min(1.0, progress)), text=t("discovery_running"))


def _show(page: Page, found: discovery.Found, measure: str | None, theme_names: dict[str, str],
          place: str) -> None:
    result = found.discovery
    if found.sampled:
        st.caption(t("discovery_sampled", total=number(found.total), n=number(result.comments)))
    if result.other_language:
        st.caption(t("discovery_other_language", n=number(result.other_language)))
    if not result.candidates:
        st.info(t("discovery_none", n=number(result.comments)), icon=":material/info:")
        return
    st.caption(t("discovery_summary", found=number(len(result.candidates)), n=number(result.comments),
                 covered=number(result.covered), empty=number(result.empty)))
    comment_cards.use_style()
    names = theme_names | {"other": t("theme_other")}
    taken = set(theme_names)
    for index, candidate in enumerate(result.candidates):
        with st.container(border=True):
            _candidate(page, candidate, found.examples, measure, names, taken, place, index)


def _terms(candidate: Candidate) -> str:
    return ", ".join(term.text for term in candidate.terms)


def _candidate(page: Page, candidate: Candidate, examples: pd.DataFrame, measure: str | None,
               names: dict[str, str], taken: set[str], place: str, index: int) -> None:
    widget = f"{place}_{index}"
    st.markdown(f"**{markdown_safe(_terms(candidate))}**")
    share = candidate.share
    st.caption(t("discovery_share", k=number(candidate.comments), share=_percent(share.estimate),
                 low=_percent(share.low), high=_percent(share.high), n=number(share.n)))
    if measure is not None:
        st.caption(_measure_line(candidate, measure))
    patterns = [*candidate.patterns.get("sv", ()), *candidate.patterns.get("en", ())]
    st.caption(markdown_safe(t("discovery_patterns", patterns="; ".join(patterns))))
    rows = examples[examples["id"].isin(candidate.examples)] if not examples.empty else examples
    if not rows.empty:
        order = {value: position for position, value in enumerate(candidate.examples)}
        rows = rows.sort_values("id", key=lambda column: column.map(order))
        with st.expander(t("discovery_examples"), expanded=False):
            comment_cards.show(rows, names, None, page.language, measure)
    if page.account.role == "admin":
        if st.button(t("discovery_make_theme"), key=f"discovery_make_{widget}", icon=":material/add_circle:"):
            start_draft(_terms(candidate), candidate.terms[0].text, candidate.patterns.get("sv", ()),
                        candidate.patterns.get("en", ()), taken)
            if place != "admin":
                st.switch_page("pages/admin.py", query_params={})
            st.rerun()
    elif page.account.role in PROPOSERS:
        sent = st.session_state.setdefault(PROPOSED, set())
        if _terms(candidate) in sent:
            st.caption(t("discovery_proposed"))
        elif st.button(t("discovery_propose"), key=f"discovery_propose_{widget}", icon=":material/send:"):
            discovery.propose(page.engine, page.account, [term.text for term in candidate.terms],
                              candidate.patterns.get("sv", ()), candidate.patterns.get("en", ()))
            sent.add(_terms(candidate))
            st.toast(t("discovery_proposed"), icon=":material/check:")
            st.rerun()


def _measure_line(candidate: Candidate, measure: str) -> str:
    if candidate.difference is None:
        return t("discovery_measure_none", measure=measure_text.in_sentence(measure))
    diff = candidate.difference
    return t("discovery_measure", measure=measure_text.title(measure),
             among=measure_text.value(measure, candidate.among.estimate), n_among=number(candidate.among.n),
             rest=measure_text.value(measure, candidate.rest.estimate), n_rest=number(candidate.rest.n),
             diff=measure_text.difference(measure, diff.estimate), low=measure_text.difference(measure, diff.low),
             high=measure_text.difference(measure, diff.high))


# --- drafts and proposals (the admin page) ------------------------------------------------------

def start_draft(terms: str, first: str, patterns_sv, patterns_en, taken, proposal_id: int | None = None) -> None:
    """Fill the admin page's theme editor with a new theme from a candidate or a proposal."""
    name = first.rstrip("*").strip().capitalize() or terms
    st.session_state[DRAFT] = {
        "terms": terms, "key": suggested_key(first.rstrip("*"), taken), "name_sv": name, "name_en": name,
        "patterns_sv": "\n".join(patterns_sv), "patterns_en": "\n".join(patterns_en), "proposal_id": proposal_id,
    }
    st.session_state["admin_gen_theme"] = st.session_state.get("admin_gen_theme", 0) + 1


def draft() -> dict | None:
    return st.session_state.get(DRAFT)


def drop_draft() -> None:
    st.session_state.pop(DRAFT, None)


def admin_section(page: Page, table: pd.DataFrame) -> None:
    """Pending proposals (accept opens the editor filled from one; decline) and the
    suggestions over every unit's last twelve months with data."""
    taken = set(table["key"])
    st.markdown(f"#### {t('theme_proposals_title')}")
    pending = discovery.proposals(page.engine)
    if pending.empty:
        st.caption(t("theme_proposals_none"))
    for row in pending.itertuples():
        line, accept, decline = st.columns([6, 1, 1], vertical_alignment="center")
        line.markdown(markdown_safe(t("proposal_line", terms=row.terms, who=row.proposer or "–",
                                      unit=row.unit or t("proposal_no_unit"), when=day(row.created_at.date()))))
        if accept.button(t("proposal_accept"), key=f"proposal_accept_{row.id}", width="stretch"):
            first = row.terms.split(",")[0]
            start_draft(row.terms, first, row.patterns_sv.splitlines(), row.patterns_en.splitlines(), taken, row.id)
            st.rerun()
        if decline.button(t("proposal_decline"), key=f"proposal_decline_{row.id}", width="stretch"):
            discovery.decline(page.engine, page.account, row.id)
            st.toast(t("proposal_declined"), icon=":material/check:")
            st.rerun()
    totals = data.scope_totals(page)
    if totals["last_day"] is None:
        st.caption(t("discovery_no_data"))
        return
    end = totals["last_day"]
    start = max(totals["first_day"], end - timedelta(days=364))
    measure = measures.default(totals)
    with st.expander(t("discovery_title"), expanded=draft() is None):
        st.caption(t("discovery_period_admin", start=day(start), end=day(end)))
        names = dict(zip(table["key"], table[f"name_{page.language}"]))
        suggest(page, Filters(page.scope.unit_ids, start, end), measure, names, "admin")
