"""Employees in a running workshop: the join link and QR code on the presentation
screen, the facilitator's live ideas and votes, and the participant's phone view
(current insight, add an idea, three votes)."""

from __future__ import annotations

import html
import io
from urllib.parse import urlsplit

import segno
import streamlit as st

from components import privacy
from components.agenda_views import figures
from components.i18n import day, t, tn
from components.shell import Page, fragment
from notify import config as notify_config
from queries import workshop_participation as participation
from queries import workshops

REFRESH_SECONDS = 3  # how soon the facilitator's screen shows new ideas and votes
PHONE_STYLE = """
<style>
.st-key-participant button { min-height: 3rem; font-size: 1.1rem; }
.st-key-participant .insikt-idea { font-size: 1.15rem; overflow-wrap: anywhere; }
</style>
"""


def base_url() -> str:
    """The app's public address: ``[insikt] base_url`` in the secrets when set,
    otherwise the address this browser used."""
    try:
        configured = notify_config.settings()
        if configured.base_url_configured:
            return configured.base_url
    except notify_config.ConfigError:
        pass
    parts = urlsplit(st.context.url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else notify_config.DEFAULT_BASE_URL


def join_link(workshop_id: int) -> str:
    return f"{base_url()}/workshop?join={int(workshop_id)}"


def join_box(workshop_id: int) -> None:
    """The short link and its QR code (a PNG made here, no network), for the presentation screen."""
    link = join_link(workshop_id)
    png = io.BytesIO()
    segno.make(link, error="m").save(png, kind="png", scale=6, border=2, dark="#1f2933")
    with st.container(key="insikt_join"):
        st.html(f'<p style="font-size:1.4rem;overflow-wrap:anywhere">'
                f'{html.escape(t("join_on_phone", link=link))}</p>')
        st.image(png.getvalue(), width=180, caption=t("join_qr"))


@fragment(run_every=REFRESH_SECONDS)
def live_ideas(page: Page, workshop_id: int, insight_id: int) -> None:
    """The ideas of the current slide with their votes, re-read every few seconds
    (only this part of the page reruns)."""
    record = workshops.workshop_record(page.engine, page.scope, workshop_id)
    proposals = record["proposals"].get(insight_id, [])
    items = "".join(f"<li>{html.escape(privacy.shown(p['text']))} · "
                    f"<b>{html.escape(tn('join_votes', p['votes']))}</b></li>" for p in proposals)
    st.html(f'<div class="insikt-slide"><div class="kind">{html.escape(t("slide_ideas"))}</div>'
            + (f"<ul>{items}</ul>" if proposals else
               f'<p class="together">{html.escape(t("slide_no_ideas"))}</p>') + "</div>")


def participate(page: Page, workshop_id: int) -> None:
    """The phone view of a workshop: the current insight, its ideas, three votes."""
    st.html(PHONE_STYLE)
    with st.container(key="participant"):
        _participant(page, workshop_id)


@fragment(run_every=REFRESH_SECONDS * 2)
def _participant(page: Page, workshop_id: int) -> None:
    view = participation.participant_view(page.engine, page.scope, page.account, workshop_id)
    st.subheader(t("join_title", date=day(view["held_on"])))
    current = view["current"]
    if current is None:
        st.info(t("join_waiting"))
        return
    st.html(f'<h3 style="overflow-wrap:anywhere">{html.escape(current["title"])}</h3>')
    words = figures(current) or (current.get("filters") or {}).get("note") or ""
    if words:
        st.text(words)
    st.caption(t("join_votes_left", n=view["votes_left"]))
    st.markdown(f"**{t('join_ideas')}**")
    if not view["ideas"]:
        st.caption(t("join_no_ideas"))
    for idea in view["ideas"]:
        with st.container(border=True, key=f"idea_{idea['id']}"):
            st.text(privacy.shown(idea["text"]))
            if idea["mine"]:
                st.button(t("join_unvote"), key=f"unvote_{idea['id']}", on_click=_vote,
                          args=(page, idea["id"], False), width="stretch", icon=":material/undo:")
            else:
                st.button(t("join_vote"), key=f"vote_{idea['id']}", on_click=_vote, type="primary",
                          args=(page, idea["id"], True), width="stretch", icon=":material/thumb_up:",
                          disabled=view["votes_left"] == 0)
            st.caption(tn("join_votes", idea["votes"]))
    with st.form(f"join_idea_{workshop_id}", clear_on_submit=True):
        text = st.text_area(t("join_idea"), max_chars=300)
        if st.form_submit_button(t("join_add"), icon=":material/add:", width="stretch") and text.strip():
            workshops.add_proposal(page.engine, page.scope, page.account, workshop_id, current["id"], text)
            st.rerun()


def _vote(page: Page, proposal_id: int, up: bool) -> None:
    try:
        if up:
            participation.cast_vote(page.engine, page.scope, page.account, proposal_id)
        else:
            participation.withdraw_vote(page.engine, page.scope, page.account, proposal_id)
    except participation.VoteRefused as refused:
        st.toast(t(f"join_refused_{refused.code}"))
