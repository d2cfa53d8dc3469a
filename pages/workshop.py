"""Workshop: a team meeting on one unit's results, in four steps — prepare the
agenda from the data (strengths first), present one insight per screen, decide
on proposals and actions, and keep the record. Staff (and anyone opening the
join link, ``?join=<workshop id>``) get the participant view instead: the current
insight, ideas and three votes each."""

from __future__ import annotations

from datetime import date

import streamlit as st

from components import agenda_views, participant_views, shell, workshop_views
from components.filters import sidebar_filters
from components.i18n import day, markdown_safe, t
from queries import workshops

MODES = ("prepare", "present", "decide", "record")

page = shell.page(title="Insikt · Workshop")
joining = st.query_params.get("join")
if joining is not None or page.account.role == "staff":
    workshop_id = int(joining) if joining is not None and joining.isdigit() else None
    if workshop_id is None:  # staff without a link: their unit's workshops, newest first
        listed = workshops.workshops_for(page.engine, page.scope)
        if listed.empty:
            st.info(t("join_none"))
            st.stop()
        workshop_id = st.selectbox(t("join_pick"), [int(w) for w in listed["id"]], format_func=lambda w: day(
            listed.loc[listed["id"] == w, "held_on"].iloc[0]))
    try:
        participant_views.participate(page, workshop_id)
    except PermissionError:
        st.warning(t("not_for_role"), icon=":material/block:")
    st.stop()
selection = sidebar_filters(page)
if selection is None:
    st.stop()
if st.session_state.get("workshop_mode") != "present":  # a slide uses the whole screen
    st.title(t("workshop_title", unit=markdown_safe(selection.unit_name)))
if selection.unit_id is None:
    st.info(t("workshop_pick_unit"))
    st.stop()

earlier = workshops.workshops_for(page.engine, page.scope, unit_ids=[selection.unit_id])
labels = {None: t("workshop_new")} | {
    int(row.id): t("workshop_label", date=day(row.held_on), facilitator=row.facilitator)
    for row in earlier.itertuples()}
if "_opened_workshop" in st.session_state:  # just created: open it
    st.session_state[f"workshop_of_{selection.unit_id}"] = st.session_state.pop("_opened_workshop")
chosen = st.selectbox(t("workshop_choose"), list(labels), format_func=lambda w: labels.get(w, str(w)),
                      index=1 if len(labels) > 1 else 0, key=f"workshop_of_{selection.unit_id}")
if chosen is None:
    with st.form("new_workshop"):
        held_on = st.date_input(t("held_on"), date.today())
        participants = st.text_input(t("participants"))
        if st.form_submit_button(t("start_workshop"), type="primary"):
            created = workshops.create_workshop(
                page.engine, page.scope, page.account, unit_id=selection.unit_id, held_on=held_on,
                period_start=selection.filters.start, period_end=selection.filters.end,
                participants=participants)
            st.session_state["_opened_workshop"] = created
            st.rerun()
    workshop_views.history(page, selection)
    st.stop()

mode = st.segmented_control(t("mode"), MODES, default="prepare", required=True, key="workshop_mode",
                            format_func=lambda m: t(f"mode_{m}"))
if mode == "prepare":
    agenda_views.prepare(page, selection, chosen)
elif mode == "present":
    workshop_views.present(page, selection, chosen)
elif mode == "decide":
    workshop_views.decide(page, selection, chosen)
else:
    workshop_views.keep_record(page, chosen)
