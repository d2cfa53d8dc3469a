"""The steps of a workshop: prepare the agenda from the data, present one insight
per screen, decide (proposals, votes, actions) and keep the record."""

from __future__ import annotations

import html
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from analysis import measures
from analysis.compare import compare
from analysis.verdict import Rule
from analysis.emerging import emerging as find_emerging
from components import comment_cards, data, privacy
from components.action_views import error_text
from components.export import markdown_pdf
from components.filters import Selection
from components.i18n import day, markdown_safe, number, t
from components.shell import Page
from components.strength_views import Labels, ranked, sentence_of
from queries import actions, insights, workshops
from queries.comments import CommentQuery
from queries.responses import Filters

PRESENTATION_STYLE = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header,
[data-testid="stMain"] [data-testid="stSelectbox"], [data-testid="stMain"] [data-testid="stButtonGroup"]
{ display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 100%; padding-top: 1.5rem; }
.insikt-slide h1 { font-size: 3.2rem !important; line-height: 1.15; }
.insikt-slide .figures { font-size: 2rem; margin: 0.6rem 0 1rem 0; }
.insikt-slide .kind { font-size: 1.4rem; font-weight: 700; letter-spacing: 0.04em; }
.insikt-slide li { font-size: 1.5rem; }
.insikt-comment .text { font-size: 1.35rem !important; }
</style>
"""
KIND_COLOURS = {"strength": "#0072B2", "weakness": "#D55E00", "trend": "#6b6b6b",
                "emerging_issue": "#E69F00"}
PROMPTS = ("prompt_1", "prompt_2", "prompt_3", "prompt_4", "prompt_5")


def _figures(item: dict, small_sample: int) -> str:
    """The numbers of an insight in one line: value (interval), n, comparator, and
    the small-sample flag where n is below ``small_sample``."""
    metric = item.get("metric")
    percent = metric == "share" or (metric in measures.MEASURES and measures.get(metric).percent)
    scale, suffix = (100, " %") if percent else (1, "")  # shares 0..1 read as per cent
    if item.get("estimate") is None:
        return ""
    text = (f"{number(item['estimate'] * scale)}{suffix} "
            f"({number(item['low'] * scale)} – {number(item['high'] * scale)}{suffix}), n = {number(item['n'])}")
    if item.get("n") is not None and int(item["n"]) < small_sample:
        text += f" ⚠ {t('small_sample_short')}"
    if item.get("comparator_estimate") is not None and item.get("comparator"):
        text += (f" · {t('comparator_' + item['comparator'])}: "
                 f"{number(item['comparator_estimate'] * scale)}{suffix}")
    return text


def candidates(page: Page, selection: Selection) -> list[dict]:
    """The proposed agenda: strengths, then weaknesses and emerging issues from the
    data, then insights pinned earlier for the unit."""
    filters = selection.filters
    labels = Labels(page)
    items: list[dict] = []
    other = data.comparator_counts(page, filters, "organisation")
    if other is not None:
        result = compare(data.group_counts(page, filters), other,
                         rule=Rule(small_sample=page.thresholds.small_sample))
        for verdict in ("strength", "weakness"):
            found = ranked(result[result["verdict"] == verdict], "organisation", page.thresholds.small_sample)
            for row in found.head(3).itertuples():
                items.append({
                    "kind": verdict, "scope_type": row.dimension, "scope_key": row.key, "metric": row.measure,
                    "title": sentence_of(row, labels, "organisation"),
                    "estimate": row.value, "low": row.low, "high": row.high, "n": int(row.n),
                    "comparator": "organisation", "comparator_estimate": row.comp_value,
                })
    window = find_emerging(data.theme_window_counts(page, filters, filters.end))
    for row in window[window["emerging"]].head(2).itertuples():
        items.append({
            "kind": "emerging_issue", "scope_type": "theme", "scope_key": row.key, "metric": "share",
            "title": t("emerging_agenda_title", theme=labels.themes.get(row.key, row.key)),
            "estimate": row.recent_share, "low": row.recent_share, "high": row.recent_share,
            "n": int(row.recent_n), "comparator": "previous", "comparator_estimate": row.base_share,
        })
    pinned = insights.insights_for(page.engine, page.scope, unit_ids=[selection.unit_id])
    order = {"strength": 0, "trend": 1, "weakness": 2, "emerging_issue": 3}  # what goes well first
    pinned = pinned.sort_values("kind", key=lambda kinds: kinds.map(order), kind="stable")
    for row in pinned.itertuples():
        items.append({"insight_id": int(row.id), "kind": row.kind, "title": row.title,
                      "metric": row.metric, "estimate": row.estimate, "low": row.low, "high": row.high,
                      "n": row.n, "comparator": row.comparator,
                      "comparator_estimate": row.comparator_estimate})
    return items


def prepare(page: Page, selection: Selection, workshop_id: int) -> None:
    """Pick, order and save the agenda (data-based items are pinned as insights)."""
    st.subheader(t("agenda_title"))
    st.caption(t("agenda_caption"))
    items = candidates(page, selection)
    record = workshops.workshop_record(page.engine, page.scope, workshop_id)
    on_agenda = [item["id"] for item in record["agenda"]]
    table = pd.DataFrame({
        "include": [not on_agenda or item.get("insight_id") in on_agenda for item in items],
        "order": list(range(1, len(items) + 1)),
        "kind": [t(f"kind_{item['kind']}") for item in items],
        "title": [item["title"] for item in items],
        "numbers": [_figures(item, page.thresholds.small_sample) for item in items],
    }).astype({"include": bool, "order": int, "kind": object, "title": object, "numbers": object})
    # (typed, so that an empty agenda -- a small unit with nothing clear -- is still editable)
    edited = st.data_editor(
        table, hide_index=True, width="stretch", key=f"agenda_{workshop_id}",
        disabled=["kind", "title", "numbers"],
        column_config={"include": st.column_config.CheckboxColumn(t("agenda_include")),
                       "order": st.column_config.NumberColumn(t("agenda_order"), min_value=1, step=1),
                       "kind": t("agenda_kind"), "title": t("agenda_item"), "numbers": t("agenda_numbers")})
    if not st.button(t("save_agenda"), type="primary", icon=":material/save:"):
        return
    chosen = edited[edited["include"]].sort_values("order", kind="stable")
    ids = []
    for index in chosen.index:
        item = items[index]
        if "insight_id" in item:
            ids.append(item["insight_id"])
            continue
        insight_id, _ = insights.pin(
            page.engine, page.scope, page.account.id, unit_id=selection.unit_id, kind=item["kind"],
            scope_type=item["scope_type"], scope_key=item["scope_key"], metric=item["metric"],
            title=item["title"][:200], period_start=selection.filters.start,
            period_end=selection.filters.end, estimate=float(item["estimate"]), low=float(item["low"]),
            high=float(item["high"]), n=int(item["n"]), comparator=item["comparator"],
            comparator_estimate=float(item["comparator_estimate"]),
            filters={"touchpoint_id": selection.filters.touchpoint_id, "channel": selection.filters.channel})
        ids.append(insight_id)
    try:
        workshops.set_agenda(page.engine, page.scope, page.account, workshop_id, list(dict.fromkeys(ids)))
    except (ValueError, PermissionError) as error:
        st.error(str(error))
        return
    st.success(t("agenda_saved", n=len(ids)))


def present(page: Page, selection: Selection, workshop_id: int) -> None:
    """One insight per screen in large type, sidebar and editing hidden."""
    agenda = workshops.workshop_record(page.engine, page.scope, workshop_id)["agenda"]
    if not agenda:
        st.info(t("agenda_empty"))
        return
    st.html(PRESENTATION_STYLE)
    comment_cards.use_style()
    index = min(st.session_state.get("slide", 0), len(agenda) - 1)
    item = agenda[index]
    colour = KIND_COLOURS.get(item["kind"], "#6b6b6b")
    st.html(
        '<div class="insikt-slide">'
        f'<div class="kind" style="color:{colour}">{html.escape(t("kind_" + item["kind"]))} · '
        f'{html.escape(t("slide_of", i=index + 1, n=len(agenda)))}</div>'
        f'<h1>{html.escape(item["title"])}</h1>'
        f'<div class="figures">{html.escape(_figures(item, page.thresholds.small_sample))}</div></div>')
    words, talk = st.columns([3, 2], gap="large")
    with words:
        examples = _examples(page, selection, item)
        if not examples.empty:
            options = data.theme_options(page)
            names = dict(zip(options["key"], options[f"name_{page.language}"]))
            counts = data.theme_counts(page, selection.filters)
            comment_cards.show(examples, names | {"other": t("theme_other")},
                               dict(zip(counts["key"], counts["comments"])), page.language,
                               _measure_of(item, selection))
    with talk:
        prompts = "".join(f"<li>{html.escape(t(prompt))}</li>" for prompt in PROMPTS)
        st.html(f'<div class="insikt-slide"><div class="kind">{html.escape(t("prompts_title"))}</div>'
                f"<ul>{prompts}</ul></div>")
    back, forward, leave = st.columns([1, 1, 4])
    back.button(t("previous_slide"), on_click=_move, args=(-1, len(agenda)), disabled=index == 0,
                icon=":material/arrow_back:", width="stretch")
    forward.button(t("next_slide"), on_click=_move, args=(1, len(agenda)), disabled=index == len(agenda) - 1,
                   icon=":material/arrow_forward:", width="stretch")
    leave.button(t("leave_presentation"), on_click=_leave, type="tertiary")


def _move(step: int, total: int) -> None:
    st.session_state["slide"] = max(0, min(total - 1, st.session_state.get("slide", 0) + step))


def _leave() -> None:
    st.session_state["workshop_mode"] = "decide"


def _examples(page: Page, selection: Selection, item: dict) -> pd.DataFrame:
    """Three newest comments behind an insight, of its tone on its measure."""
    filters = selection.filters
    group = {"strength": "top", "weakness": "bottom"}.get(item["kind"])
    touchpoint_id, channel, theme = filters.touchpoint_id, filters.channel, None
    if item.get("scope_type") == "touchpoint":
        touchpoint_id = Labels(page).touchpoint_ids.get(item["scope_key"], touchpoint_id)
    elif item.get("scope_type") == "channel":
        channel = item["scope_key"]
    elif item.get("scope_type") == "theme":
        theme = item["scope_key"]
    narrowed = Filters(filters.unit_ids, filters.start, filters.end, touchpoint_id, channel)
    query = CommentQuery(score_group=group, theme_key=theme, measure=_measure_of(item, selection))
    return data.comment_page(page, narrowed, query, 3, 0)


def _measure_of(item: dict, selection: Selection) -> str:
    """The measure an insight is about, else the page's (a theme's share, a trend pinned before)."""
    return item.get("metric") if item.get("metric") in measures.MEASURES else selection.measure or "nps"


def decide(page: Page, selection: Selection, workshop_id: int) -> None:
    """Per insight: the team's proposals with votes; a proposal becomes an action."""
    record = workshops.workshop_record(page.engine, page.scope, workshop_id)
    if not record["agenda"]:
        st.info(t("agenda_empty"))
        return
    owners = actions.owners_for(page.engine, int(record["unit_id"]))
    owner_names = dict(zip(owners["id"], owners["display_name"]))
    proposals = record["proposals"]
    st.caption(t("voting_rule"))
    for item in record["agenda"]:
        with st.container(border=True):
            st.markdown(f"**{markdown_safe(item['title'])}**")
            st.caption(_figures(item, page.thresholds.small_sample))
            for proposal in proposals.get(item["id"], []):
                _proposal(page, proposal, owner_names)
            with st.form(f"proposal_{workshop_id}_{item['id']}", clear_on_submit=True):
                text = st.text_input(t("proposal_text"), max_chars=300)
                if st.form_submit_button(t("add_proposal"), icon=":material/add:"):
                    try:
                        workshops.add_proposal(page.engine, page.scope, page.account, workshop_id,
                                               item["id"], text)
                    except ValueError as error:
                        st.error(str(error))
                    else:
                        st.rerun()


def _proposal(page: Page, proposal: dict, owner_names: dict) -> None:
    text, votes, plus, minus = st.columns([6, 1, 1, 1], vertical_alignment="center")
    text.write(proposal["text"])
    votes.caption(t("votes", n=proposal["votes"]))
    key = proposal["id"]
    if plus.button(t("vote_up"), key=f"up_{key}"):
        workshops.vote(page.engine, page.scope, page.account, key, 1)
        st.rerun()
    if minus.button(t("vote_down"), key=f"down_{key}", disabled=proposal["votes"] == 0):
        workshops.vote(page.engine, page.scope, page.account, key, -1)
        st.rerun()
    if proposal.get("action_id"):
        st.caption(":material/task_alt: " + t("became_action", title=proposal["action_title"],
                                                owner=proposal["action_owner"],
                                                due=day(proposal["action_due"])))
        return
    with st.popover(t("to_action"), icon=":material/task_alt:"):
        owner = st.selectbox(t("field_owner"), list(owner_names), format_func=owner_names.get,
                             key=f"owner_{key}")
        due = st.date_input(t("field_due"), date.today() + timedelta(days=14), key=f"due_{key}")
        past_ok = st.checkbox(t("confirm_past_due_box"), key=f"past_{key}") if due < date.today() else True
        if st.button(t("create"), key=f"make_{key}", type="primary"):
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
    """Every label of the written record, in the reader's language."""
    return {key: t(key) if key.startswith(("kind_", "status_")) else t(f"md_{key}")
            for key in workshops.DEFAULT_TEXTS}


def keep_record(page: Page, workshop_id: int) -> None:
    """Participants and notes, the summary, and its downloads."""
    record = workshops.workshop_record(page.engine, page.scope, workshop_id)
    with st.form(f"record_{workshop_id}"):
        participants = st.text_input(t("participants"), record.get("participants") or "",
                                     key=f"participants_{workshop_id}")
        notes = st.text_area(t("notes"), record.get("notes") or "", height=150, key=f"notes_{workshop_id}")
        if st.form_submit_button(t("save_record"), type="primary"):
            workshops.update_record(page.engine, page.scope, page.account, workshop_id,
                                    participants=participants, notes=notes)
            st.toast(t("record_saved"), icon=":material/check:")
            st.rerun()
    summary = workshops.record_markdown(privacy.shown_record(record), record_texts())
    st.markdown(summary)
    left, right = st.columns(2)
    left.download_button(t("download_markdown"), summary.encode("utf-8"),
                         file_name=f"workshop-{record['held_on']}.md", mime="text/markdown",
                         icon=":material/download:", on_click="ignore")
    right.download_button(t("download_printable"),
                          lambda: markdown_pdf(summary, f"{t('md_title')} {record['held_on']}"),
                          file_name=f"workshop-{record['held_on']}.pdf", mime="application/pdf",
                          icon=":material/print:", on_click="ignore")


def history(page: Page, selection: Selection) -> None:
    earlier = workshops.workshops_for(page.engine, page.scope, unit_ids=[selection.unit_id])
    st.subheader(t("history_workshops"))
    st.dataframe(earlier.drop(columns=["id", "unit_id"], errors="ignore"), hide_index=True,
                 width="stretch")
