"""Closing the loop on a follow-up case: the customer's consented contact details
as mailto:/tel: links (to the case's owner, managers and admins only), the
attempts to reach them, a form to record one (with how the customer took it and
their rating of the follow-up), and that rating as a measure of the queue."""

from __future__ import annotations

import html
from datetime import date
from urllib.parse import quote

import pandas as pd
import streamlit as st

from analysis import intervals
from components.i18n import TEXTS, number, t
from components import shell
from components.shell import Page
from queries import case_contacts
from queries.case_contacts import CHANNELS, OUTCOMES, RATINGS, REACTIONS, Contact


def _links(contact: Contact) -> str:
    parts = []
    if contact.email:
        parts.append(f'✉ {html.escape(t("cc_email"))}: <a href="mailto:{quote(contact.email, safe="@.+-_")}">'
                     f"{html.escape(contact.email)}</a>")
    if contact.phone:
        parts.append(f'☎ {html.escape(t("cc_phone"))}: <a href="{html.escape(contact.tel)}">'
                     f"{html.escape(contact.phone)}</a>")
    return '<div class="insikt-contact" style="font-size:1.05rem;line-height:2">' + "<br>".join(parts) + "</div>"


def section(page: Page, case, time_zone: str, contact: Contact | None | bool, attempts: pd.DataFrame) -> None:
    """The contact part of a case card, for those who follow the case up: the customer's
    ``contact`` details and the ``attempts`` to reach them (``components.follow_up_views.case_reads``)."""
    if not case_contacts.may_reach(page.account, case.owner_id):
        return

    def body() -> None:
        if contact is False:
            st.caption(t("cc_no_consent"))
        elif contact is None:
            st.caption(t("cc_none"))
        else:
            st.html(_links(contact))
        _log(attempts, time_zone)
        _form(page, case)

    shell.expander(t("cc_title"), f"cc_open_{case.id}", body, icon=":material/call:",
                   expanded=contact not in (None, False) and case.status in ("new", "contacted"))


def _log(attempts: pd.DataFrame, time_zone: str) -> None:
    if attempts.empty:
        return
    from components.follow_up_views import local_time  # (that module draws this section)

    st.caption(t("cc_log"))
    for attempt in attempts.itertuples():
        line = t("cc_log_line", at=local_time(attempt.at, time_zone), by=attempt.by or "–",
                 channel=t(f"cc_channel_{attempt.channel}"), outcome=t(f"cc_outcome_{attempt.outcome}"))
        if attempt.reaction:
            line += " · " + t(f"cc_reaction_{attempt.reaction}")
        st.text(line + (f"\n{attempt.note}" if attempt.note else ""))


def _form(page: Page, case) -> None:
    with st.form(key=f"cc_form_{case.id}", clear_on_submit=True):
        st.caption(t("cc_record"))
        left, right = st.columns(2)
        channel = left.selectbox(t("cc_channel"), CHANNELS, format_func=lambda c: t(f"cc_channel_{c}"),
                                 key=f"cc_channel_{case.id}")
        outcome = right.selectbox(t("cc_outcome"), OUTCOMES, format_func=lambda o: t(f"cc_outcome_{o}"),
                                  key=f"cc_outcome_{case.id}")
        reaction = left.selectbox(t("cc_reaction"), (None, *REACTIONS),
                                  format_func=lambda r: t(f"cc_reaction_{r}") if r else t("cc_not_said"),
                                  key=f"cc_reaction_{case.id}")
        rating = right.selectbox(t("cc_rating"), (None, *RATINGS), format_func=lambda r: str(r) if r else
                                 t("cc_not_said"), key=f"cc_rating_{case.id}")
        note = st.text_area(t("cc_note"), max_chars=case_contacts.NOTE_MAX, key=f"cc_note_{case.id}", height=80)
        if not st.form_submit_button(t("cc_save"), icon=":material/save:"):
            return
    try:
        case_contacts.record_contact(page.engine, page.scope, page.account, int(case.id), channel=channel,
                                     outcome=outcome, reaction=reaction, note=note, rating=rating)
    except case_contacts.ContactError as error:
        key = f"cc_error_{error.code}"
        st.error(t(key) if key in TEXTS else str(error))
        return
    except PermissionError as error:
        st.error(str(error))
        return
    from components.follow_up_views import forget_edit, rerun_after_save  # (that module draws this section)

    forget_edit(case.id)  # the case moved on (contacted, rated): its editor starts from the new version
    st.toast(t("cc_saved"), icon=":material/check:")
    rerun_after_save(outcome == "reached")  # a customer reached counts in the contact times and ratings


def rating_measure(page: Page, start: date, end: date) -> None:
    """Customers' satisfaction with the follow-up of the cases opened from ``start``
    to ``end``: a share of 4–5 with its interval and n."""
    counts = case_contacts.rating_counts(page.engine, page.scope, start=start, end=end)
    st.subheader(t("cc_rating_title"))
    if counts["n"] < page.thresholds.min_responses:
        st.caption(t("cc_rating_few", n=number(counts["n"])))
        return
    share = intervals.proportion(counts["satisfied"], counts["n"])

    def percent(value: float) -> str:
        return number(100 * value) + " %"

    st.markdown(t("cc_rating_value", share=percent(share.estimate), low=percent(share.low),
                  high=percent(share.high), n=number(counts["n"])))
