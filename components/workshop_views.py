"""The steps of a workshop after the agenda (components.agenda_views): present one
insight per screen (its chart with the interval drawn, prompts that fit its kind,
typical comments, the team's ideas; arrow keys or Page Down move on), decide
(ideas, votes, actions with an owner chosen on purpose) and keep and send the
record, decisions first."""

from __future__ import annotations

import html
from datetime import date, timedelta

import pandas as pd
import streamlit as st
import streamlit.components.v1 as components

from analysis import measures
from analysis.trend import partial
from components import (chart_alt, charts, comment_cards, data, drill, measure_text, participant_views, privacy,
                        table_cards, theme_views)
from components.action_views import error_text
from components.agenda_views import figures
from components.export import markdown_pdf
from components.filters import Selection
from components.i18n import day, markdown_safe, number, period_label, t
from components.shell import Page, fragment, rerun_fragment
from components.strength_views import Labels, show_representative
from notify import config as notify_config
from notify import record as record_mail
from queries import actions, workshops
from queries import workshop_participation as participation
from queries.responses import Filters

# Readable across a room at 1920×1080: body text about 26 px, comment details 20 px.
PRESENTATION_STYLE = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header,
[data-testid="stMain"] [data-testid="stSelectbox"], [data-testid="stMain"] [data-testid="stButtonGroup"],
.st-key-slide_next_page, .st-key-slide_previous_page
{ display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 100%; padding-top: 1.2rem; }
.insikt-slide h1 { font-size: 3rem !important; line-height: 1.15; padding: 0.2rem 0 0.4rem 0; }
.insikt-slide .figures { font-size: 1.7rem; margin: 0.2rem 0 0.6rem 0; }
.insikt-slide .kind { font-size: 1.4rem; font-weight: 700; letter-spacing: 0.04em; }
.insikt-slide .together { font-size: 1.4rem; color: #3e4c59; }
.insikt-slide li { font-size: 1.6rem; line-height: 1.4; }
.insikt-slide .keys { font-size: 1.15rem; color: #3e4c59; }
.insikt-comment .meta { font-size: 1.25rem !important; }
.insikt-comment .text { font-size: 1.6rem !important; line-height: 1.4 !important; }
.insikt-comment .themes { font-size: 1.15rem !important; }
[data-testid="stMain"] p, [data-testid="stMain"] label, [data-testid="stMain"] input { font-size: 1.3rem !important; }
</style>
"""
KIND_COLOURS = {"strength": "#0072B2", "weakness": "#B24E00", "trend": "#3e4c59",  # text contrast ≥ 4.5:1
                "emerging_issue": "#8F5E00", "question": "#3e4c59"}
PROMPTS = {"strength": "strength", "weakness": "weakness", "trend": "change", "emerging_issue": "change",
           "question": "question"}
SIDE = {"strength": "top", "weakness": "bottom"}
SLIDE_COMMENTS = 2  # typical comments on a slide: the slide fits one screen
# Back to the top of the slide after a move (Page Down also scrolls the page).
SCROLL_TOP = ("<script>/* slide {index} */ const main = window.parent.document.querySelector("
              "'[data-testid=\"stMain\"]'); if (main) main.scrollTo(0, 0); window.parent.scrollTo(0, 0);</script>")


def present(page: Page, selection: Selection, workshop_id: int) -> None:
    """One insight per screen in large type, sidebar and editing hidden; the arrow
    keys and Page Down / Page Up move between slides."""
    record = workshops.workshop_record(page.engine, page.scope, workshop_id)
    agenda = record["agenda"]
    if not agenda:
        st.info(t("agenda_empty"))
        return
    st.html(PRESENTATION_STYLE)
    comment_cards.use_style()
    index = min(st.session_state.get("slide", 0), len(agenda) - 1)
    item = agenda[index]
    participation.set_current(page.engine, page.scope, page.account, workshop_id, item["id"])
    components.html(SCROLL_TOP.format(index=index), height=0)
    colour = KIND_COLOURS.get(item["kind"], "#3e4c59")
    extra = item.get("filters") or {}
    together = "; ".join(member["title"].rstrip(".") for member in extra.get("together") or []
                         if member.get("title"))
    st.html(
        '<div class="insikt-slide">'
        f'<div class="kind" style="color:{colour}">{html.escape(t("kind_" + item["kind"]))} · '
        f'{html.escape(t("slide_of", i=index + 1, n=len(agenda)))}</div>'
        f'<h1>{html.escape(item["title"])}</h1>'
        f'<div class="figures">{html.escape(figures(item) or extra.get("note") or "")}</div>'
        + (f'<div class="together">{html.escape(t("agenda_together", items=together))}</div>' if together else "")
        + "</div>")
    if item.get("scope_type") == "theme":
        name = Labels(page).themes.get(item["scope_key"], item["scope_key"])
        tone = theme_views.tone_caption(page, selection.filters, item["scope_key"],
                                        _measure_of(item, selection), name)
        if tone:
            st.markdown(f"#### {tone}")
    words, talk = st.columns([3, 2], gap="large")
    with words:
        figure, table = slide_figure(page, selection, item)
        if figure is not None:
            st.plotly_chart(figure, key=f"slide_chart_{item['id']}", config={"displayModeBar": False})
        if table is not None:
            table()
        target = _target(item)
        if target is not None:
            show_representative(page, _filters(selection, item), target, _measure_of(item, selection),
                                Labels(page), k=SLIDE_COMMENTS)
    with talk:
        family = PROMPTS.get(item["kind"], "question")
        prompts = "".join(f"<li>{html.escape(t(f'prompt_{family}_{i}'))}</li>" for i in (1, 2, 3))
        st.html(f'<div class="insikt-slide"><div class="kind">{html.escape(t("prompts_title"))}</div>'
                f"<ul>{prompts}</ul></div>")
        participant_views.live_ideas(page, workshop_id, item["id"])
        _add_idea(page, workshop_id, item)
        participant_views.join_box(workshop_id)
    back, forward, leave = st.columns([1, 1, 4], vertical_alignment="center")
    total = len(agenda)
    back.button(t("previous_slide"), key="slide_previous", on_click=_move, args=(-1, total),
                disabled=index == 0, icon=":material/arrow_back:", width="stretch", shortcut="Left")
    forward.button(t("next_slide"), key="slide_next", on_click=_move, args=(1, total), type="primary",
                   disabled=index == total - 1, icon=":material/arrow_forward:", width="stretch", shortcut="Right")
    # A presenter's clicker sends Page Down and Page Up: the same moves, on buttons the style hides.
    st.button(t("next_slide"), key="slide_next_page", on_click=_move, args=(1, total), shortcut="PageDown")
    st.button(t("previous_slide"), key="slide_previous_page", on_click=_move, args=(-1, total), shortcut="PageUp")
    with leave:
        st.html(f'<div class="insikt-slide"><span class="keys">{html.escape(t("slide_keys"))}</span></div>')
        st.button(t("leave_presentation"), on_click=_leave, type="tertiary")


def _add_idea(page: Page, workshop_id: int, item: dict) -> None:
    """A field to add an idea said in the room (kept as a proposal)."""
    with st.form(f"idea_{workshop_id}_{item['id']}", clear_on_submit=True, border=False):
        text = st.text_input(t("slide_idea"), max_chars=300)
        if st.form_submit_button(t("slide_add_idea"), icon=":material/add:") and text.strip():
            workshops.add_proposal(page.engine, page.scope, page.account, workshop_id, item["id"], text)
            st.rerun()


def _move(step: int, total: int) -> None:
    st.session_state["slide"] = max(0, min(total - 1, st.session_state.get("slide", 0) + step))


def _leave() -> None:
    st.session_state["workshop_mode"] = "decide"


def _target(item: dict) -> drill.Drill | None:
    """The comments behind an item: its group on its side (an emerging theme: all tones)."""
    side = SIDE.get(item["kind"])
    scope_type, key = item.get("scope_type"), item.get("scope_key")
    if scope_type == "touchpoint":
        return drill.Drill(touchpoint_key=key, score_group=side)
    if scope_type == "channel":
        return drill.Drill(channel=key, score_group=side)
    if scope_type == "theme":
        return drill.Drill(theme_key=key, score_group=side)
    if scope_type in ("overall", "metric"):
        return drill.Drill(score_group=side)
    return None  # a segment or the team's question: no comment filter fits


def _filters(selection: Selection, item: dict) -> Filters:
    """The selection over the item's own period (as it was pinned)."""
    filters = selection.filters
    start, end = item.get("period_start") or filters.start, item.get("period_end") or filters.end
    return Filters(filters.unit_ids, start, end, filters.touchpoint_id, filters.channel)


def _measure_of(item: dict, selection: Selection) -> str:
    """The measure an insight is about, else the page's (a theme's share, a question)."""
    return item.get("metric") if item.get("metric") in measures.MEASURES else selection.measure or "nps"


def slide_figure(page: Page, selection: Selection, item: dict):
    """The big visual of a slide and what draws its table, if it has one beyond the
    slide's figures in words: a trend with its band and its periods' table, or the
    item against its comparator with both intervals drawn; (None, None) for a question."""
    if item.get("estimate") is None:
        return None, None
    if item["kind"] == "trend":
        return _trend(page, selection, item)
    metric = item.get("metric")
    m = measures.get(metric) if metric in measures.MEASURES else None
    scale = m.shown if m else (lambda share: 100 * share)
    bounds = tuple(m.shown(bound) for bound in m.bounds) if m else (0.0, 100.0)
    percent = m is None or m.percent
    here = tuple(scale(item[name]) for name in ("estimate", "low", "high"))
    other = None
    if item.get("comparator_estimate") is not None:
        low, high = (item.get("filters") or {}).get("comparator_interval") or (item["comparator_estimate"],) * 2
        other = (scale(item["comparator_estimate"]), scale(low), scale(high))
    labels = ((t("chart_recent"), t("chart_before")) if metric == "share"
              else (t("chart_here"), t(f"comparator_{item.get('comparator') or 'organisation'}").capitalize()))
    if metric == "share":
        bounds = (0.0, min(100.0, max(here[2], other[2] if other else 0) * 1.3 + 5))
    return (charts.comparison_figure(here, other, labels, bounds, " %" if percent else "", height=230, font_size=22),
            None)


def _trend(page: Page, selection: Selection, item: dict):
    """The unit's trend of the item's measure over its period, with the band, and what
    draws its periods as a table (:func:`components.chart_alt.trend`)."""
    measure = _measure_of(item, selection)
    m = measures.get(measure)
    filters = _filters(selection, item)
    grain = "week" if (filters.end - filters.start).days <= 120 else "month"
    trend = data.trend(page, filters, grain, measure)
    if trend.empty:
        return None, None
    trend["partial"] = partial(trend["period"], grain, filters.start, filters.end, date.today())
    low, high = (m.shown(bound) for bound in m.bounds)
    labels = [period_label(p.date(), grain) for p in trend["period"]]
    figure = charts.trend_figure(
        trend, labels,
        {"band": t("trend_band_joint", k=int((~trend["hidden"]).sum())), "measure": measure_text.title(measure),
         "interval": t("trend_own_interval"), "partial": t("trend_partial"), "small": t("trend_small")},
        charts.padded_range(trend, "band_low", "band_high", (low, high), 0.05 * (high - low)),
        lambda v: number(v) + (" %" if m.percent else ""))
    figure.update_layout(height=320, font={"size": 20}, xaxis={"tickfont": {"size": 18}}, yaxis={"tickfont": {"size": 18}},
                         legend={"font": {"size": 18}}, separators=t("plot_separators"))
    return figure, lambda: chart_alt.trend(
        f"slide_trend_{item['id']}", trend, labels, measure_text.title(measure),
        lambda v: measure_text.value(measure, v / 100 if m.percent else v))


@fragment
def decide(page: Page, selection: Selection, workshop_id: int) -> None:
    """Per insight: the team's ideas with votes; an idea becomes an action with an
    owner someone chose (the unit's team first). A fragment: a vote or a new idea
    reruns this section only, not the page."""
    record = workshops.workshop_record(page.engine, page.scope, workshop_id)
    if not record["agenda"]:
        st.info(t("agenda_empty"))
        return
    owners = owner_choices(actions.owners_for(page.engine, int(record["unit_id"])))
    proposals = record["proposals"]
    st.caption(t("voting_rule"))
    for item in record["agenda"]:
        with st.container(border=True):
            st.markdown(f"**{markdown_safe(item['title'])}**")
            st.caption(markdown_safe(figures(item)))
            for proposal in proposals.get(item["id"], []):
                _proposal(page, proposal, owners)
            with st.form(f"proposal_{workshop_id}_{item['id']}", clear_on_submit=True):
                text = st.text_input(t("proposal_text"), max_chars=300)
                if st.form_submit_button(t("add_proposal"), icon=":material/add:"):
                    try:
                        workshops.add_proposal(page.engine, page.scope, page.account, workshop_id,
                                               item["id"], text)
                    except ValueError as error:
                        st.error(str(error))
                    else:
                        rerun_fragment()


def owner_choices(owners: pd.DataFrame) -> dict[int, str]:
    """Who may own the action, as the list shows them: the unit's team first, each
    with their role ("Samir Haddad (staff)"), then the others (queries.actions.owners_for's order)."""
    return {int(row.id): t("owner_label", name=row.display_name, role=t(f"owner_role_{row.role}"))
            for row in owners.itertuples()}


def _proposal(page: Page, proposal: dict, owners: dict[int, str]) -> None:
    text, votes, plus, minus = st.columns([6, 1, 1, 1], vertical_alignment="center")
    text.write(privacy.shown(proposal["text"]))
    votes.caption(t("votes", n=proposal["votes"]))
    key = proposal["id"]
    if plus.button(t("vote_up"), key=f"up_{key}"):
        workshops.vote(page.engine, page.scope, page.account, key, 1)
        rerun_fragment()
    if minus.button(t("vote_down"), key=f"down_{key}", disabled=proposal["votes"] == 0):
        workshops.vote(page.engine, page.scope, page.account, key, -1)
        rerun_fragment()
    if proposal.get("action_id"):
        st.caption(":material/task_alt: " + t("became_action", title=markdown_safe(proposal["action_title"]),
                                                owner=markdown_safe(proposal["action_owner"]),
                                                due=day(proposal["action_due"])))
        return
    with st.popover(t("to_action"), icon=":material/task_alt:"):
        owner = st.selectbox(t("field_owner"), list(owners), format_func=owners.get, index=None,
                             placeholder=t("owner_placeholder"), help=t("owner_team_help"), key=f"owner_{key}")
        due = st.date_input(t("field_due"), date.today() + timedelta(days=14), key=f"due_{key}")
        past_ok = st.checkbox(t("confirm_past_due_box"), key=f"past_{key}") if due < date.today() else True
        if st.button(t("create"), key=f"make_{key}", type="primary"):
            if owner is None:
                st.warning(t("owner_choose_first"))
                return
            if not past_ok:
                st.warning(t("confirm_past_due"))
                return
            try:
                workshops.proposal_to_action(page.engine, page.scope, page.account, key,
                                             owner_id=owner, due_date=due)
            except actions.ActionError as error:
                st.error(error_text(error))
            except (ValueError, PermissionError) as error:
                st.error(str(error))
            else:
                st.rerun()


def record_texts() -> dict[str, str]:
    """Every label of the written record, in the reader's language and the app's
    own words (measures by their names, never a raw key)."""
    texts = {}
    for key in workshops.DEFAULT_TEXTS:
        if key.startswith(("kind_", "status_")):
            texts[key] = t(key) if key.startswith("kind_") else t(key).lower()
        elif key.startswith("measure_") and key[len("measure_"):] in measures.MEASURES:
            texts[key] = measure_text.title(key[len("measure_"):])
        else:
            texts[key] = t(f"md_{key}")
    return texts | {f"comparator_{name}": t(f"comparator_{name}") for name in ("organisation", "previous", "target")}


def keep_record(page: Page, workshop_id: int) -> None:
    """The summary (decisions first), its downloads, participants and notes, and
    sending it to the participants."""
    record = workshops.workshop_record(page.engine, page.scope, workshop_id)
    summary = workshops.record_markdown(privacy.shown_record(record), record_texts())
    with st.container(border=True):
        st.markdown(summary)
    title = f"{t('md_title')} {record['held_on']}"
    left, right = st.columns(2)
    left.download_button(t("download_markdown"), summary.encode("utf-8"),
                         file_name=f"workshop-{record['held_on']}.md", mime="text/markdown",
                         icon=":material/download:", on_click="ignore")
    right.download_button(t("download_printable"), lambda: markdown_pdf(summary, title),
                          file_name=f"workshop-{record['held_on']}.pdf", mime="application/pdf",
                          icon=":material/print:", on_click="ignore")
    with st.expander(t("record_edit"), icon=":material/edit:", expanded=not record.get("participants")):
        with st.form(f"record_{workshop_id}", border=False):
            participants = st.text_input(t("participants"), record.get("participants") or "",
                                         key=f"participants_{workshop_id}")
            notes = st.text_area(t("notes"), record.get("notes") or "", height=150, key=f"notes_{workshop_id}")
            if st.form_submit_button(t("save_record"), type="primary"):
                workshops.update_record(page.engine, page.scope, page.account, workshop_id,
                                        participants=participants, notes=notes)
                st.toast(t("record_saved"), icon=":material/check:")
                st.rerun()
    _send(page, record, summary)


def _send(page: Page, record: dict, summary: str) -> None:
    """Send the record to chosen people of the team by the notification mail, or
    say that mail is not set up."""
    st.subheader(t("send_title"))
    try:
        smtp = notify_config.settings().smtp
    except notify_config.ConfigError as error:
        st.error(t("send_failed", error=str(error)))
        return
    if smtp is None:
        st.info(t("send_not_configured"), icon=":material/mail:")
        return
    owners = actions.owners_for(page.engine, int(record["unit_id"]))
    owners = owners[owners["email"].notna() & (owners["email"] != "")]
    if owners.empty:
        st.caption(t("send_no_address"))
        return
    names = owner_choices(owners)
    addresses = dict(zip(owners["id"].astype(int), owners["email"]))
    chosen = st.multiselect(t("send_to"), list(names), default=[int(i) for i in owners.loc[owners["team"], "id"]],
                            format_func=names.get, key=f"send_to_{record['id']}")
    if not st.button(t("send_button"), icon=":material/send:", key=f"send_{record['id']}"):
        return
    if not chosen:
        st.warning(t("send_pick"))
        return
    subject = t("send_subject", date=day(record["held_on"]), unit=record["unit"])
    try:
        sent = record_mail.send_record(smtp, [addresses[user] for user in chosen], subject, summary,
                                       markdown_pdf(summary, subject), f"workshop-{record['held_on']}.pdf")
    except record_mail.MailError as error:
        st.error(t("send_failed", error=str(error)))
        return
    st.success(t("send_done", n=sent), icon=":material/mark_email_read:")


def history(page: Page, selection: Selection) -> None:
    earlier = workshops.workshops_for(page.engine, page.scope, unit_ids=[selection.unit_id])
    st.subheader(t("history_workshops"))
    table_cards.table(earlier.drop(columns=["id", "unit_id"], errors="ignore"), key="earlier_workshops", hide_index=True,
                      width="stretch")
