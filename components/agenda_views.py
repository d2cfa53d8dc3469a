"""Prepare a workshop's agenda: what the data says (clear strengths and weaknesses,
emerging issues) grouped so that one problem is one item (analysis.agenda), the
insights pinned by hand, and the team's own questions; strengths first, moved with
up and down buttons, saved as the workshop's agenda (data items are pinned)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import agenda, intervals, measures
from analysis.verdict import Rule
from components import data, measure_text
from components.filters import Selection
from components.i18n import markdown_safe, t
from components.shell import Page
from components.strength_views import Labels, ranked
from queries import insights, workshops
from queries.actions import AUTOMATIC_ORIGIN
from queries.responses import Filters

EMERGING = 2  # emerging themes offered at most


def clear_findings(page: Page, filters: Filters) -> pd.DataFrame:
    """The groups of the selection clearly better or worse than the rest of the
    organisation (``verdict`` strength or weakness), by the app's one rule for
    "clear"; empty without a comparator."""
    result = data.compared(page, filters, "organisation", Rule(small_sample=page.thresholds.small_sample))
    if result is None:
        return pd.DataFrame(columns=["dimension", "key", "measure", "verdict"])
    return result[result["verdict"].isin(["strength", "weakness"])]


def figures(item: dict) -> str:
    """An item's numbers in words: "NPS −51, likely between −59 and −43 (301
    answers) · the rest of the organisation: −38"; "" for a question."""
    if item.get("estimate") is None:
        return ""
    metric = item.get("metric")
    if metric == "share":  # an emerging theme's share of the comments
        return t("emerging_figures", share=_percent(item["estimate"]), low=_percent(item["low"]),
                 high=_percent(item["high"]), n=int(item["n"]), base=_percent(item["comparator_estimate"]))
    key = metric if metric in measures.MEASURES else "nps"
    text = t("figures_words", measure=measure_text.title(key), value=measure_text.value(key, item["estimate"]),
             low=measure_text.value(key, item["low"]), high=measure_text.value(key, item["high"]),
             n=int(item["n"]))
    if item.get("comparator") and item.get("comparator_estimate") is not None:
        text += " · " + t("figures_comparator", comparator=t(f"comparator_{item['comparator']}").capitalize(),
                          value=measure_text.value(key, item["comparator_estimate"]))
    return text


def _percent(share: float) -> str:
    return measure_text.value("csat", share)  # any share measure: per cent


def _found(page: Page, selection: Selection, labels: Labels) -> list[dict]:
    """The clear findings and emerging themes of the selection, strongest first."""
    filters = selection.filters
    found = clear_findings(page, filters)
    items = []
    for verdict in ("strength", "weakness"):
        for row in ranked(found[found["verdict"] == verdict], "organisation",
                          page.thresholds.small_sample).itertuples():
            items.append({
                "kind": verdict, "scope_type": row.dimension, "scope_key": row.key, "metric": row.measure,
                "title": t(f"sentence_{verdict}", group=labels.group(row.dimension, row.key),
                           measure=t(f"measure_{row.measure}"), comparator=t("comparator_organisation")),
                "estimate": float(row.value), "low": float(row.low), "high": float(row.high), "n": int(row.n),
                "comparator": "organisation", "comparator_estimate": float(row.comp_value),
                "filters": {"comparator_interval": [float(row.comp_low), float(row.comp_high)]},
            })
    window = data.growing(page, filters)  # themes and words judged together; themes go on the agenda
    window = window[window["emerging"] & ~window["key"].str.startswith(data.WORD_PREFIX)]
    for row in window.head(EMERGING).itertuples():
        recent = intervals.proportion(row.recent_k, row.recent_n)
        base = intervals.proportion(row.base_k, row.base_n)
        items.append({
            "kind": "emerging_issue", "scope_type": "theme", "scope_key": row.key, "metric": "share",
            "title": t("emerging_agenda_title", theme=labels.themes.get(row.key, row.key)),
            "estimate": recent.estimate, "low": recent.low, "high": recent.high, "n": int(row.recent_n),
            "comparator": "previous", "comparator_estimate": base.estimate,
            "filters": {"comparator_interval": [base.low, base.high]},
        })
    return items


def _overlap(page: Page, filters: Filters, items: list[dict]) -> dict[tuple[str, str], float]:
    """For each theme among ``items`` and every touchpoint: the share of the unit's
    comments on the theme that were written about the touchpoint."""
    themes = {item["scope_key"] for item in items if item.get("scope_type") == "theme"}
    if not themes or not any(item.get("scope_type") == "touchpoint" for item in items):
        return {}
    counts = data.theme_touchpoints(page, filters)
    there = dict(zip(zip(counts["key"], counts["touchpoint_id"]), counts["comments"]))
    shown = counts if filters.touchpoint_id is None else counts[counts["touchpoint_id"] == filters.touchpoint_id]
    everywhere = shown.groupby("key")["comments"].sum()
    shares = {}
    for key, touchpoint_id in Labels(page).touchpoint_ids.items():
        for theme in themes:
            total = int(everywhere.get(theme, 0))
            shares[(theme, key)] = int(there.get((theme, int(touchpoint_id)), 0)) / total if total else 0.0
    return shares


def _identity(item: dict) -> tuple:
    return item["kind"], item.get("scope_type"), item.get("scope_key"), item.get("metric")


def _value(value):
    return None if value is None or pd.isna(value) else float(value)


def _pinned_item(row) -> dict:
    return {"insight_id": int(row.id), "kind": row.kind, "title": row.title, "metric": row.metric,
            "scope_type": row.scope_type, "scope_key": row.scope_key, "estimate": _value(row.estimate),
            "low": _value(row.low), "high": _value(row.high), "n": _value(row.n), "comparator": row.comparator,
            "comparator_estimate": _value(row.comparator_estimate), "filters": row.filters or {}}


def proposal(page: Page, selection: Selection, workshop_id: int) -> tuple[list[dict], list[dict]]:
    """(the agenda as it stands, what else may be added): the saved agenda when
    there is one, else :func:`analysis.agenda.default_agenda` of the grouped
    findings and the insights pinned by hand."""
    labels = Labels(page)
    found = _found(page, selection, labels)
    pinned = insights.insights_for(page.engine, page.scope, unit_ids=[selection.unit_id])
    by_hand = [_pinned_item(row) for row in pinned.itertuples()
               if (row.filters or {}).get("origin") != AUTOMATIC_ORIGIN]
    known = {_identity(item) for item in by_hand}
    findings = [item for item in found if _identity(item) not in known] + by_hand
    grouped = agenda.group_findings(findings, _overlap(page, selection.filters, findings))
    saved = workshops.workshop_record(page.engine, page.scope, workshop_id)["agenda"]
    if not saved:
        return agenda.default_agenda(grouped)
    current = [dict(item, insight_id=item["id"]) for item in saved]
    taken = {_identity(item) for item in current} | {item["insight_id"] for item in current}
    rest = [item for item in grouped if _identity(item) not in taken and item.get("insight_id") not in taken]
    return current, rest


def _state(workshop_id: int) -> str:
    return f"agenda_items_{workshop_id}"


def _move(key: str, index: int, step: int) -> None:
    st.session_state[key] = agenda.move(st.session_state[key], index, step)
    st.session_state[key + "_changed"] = True


def _take(key: str, index: int) -> None:
    items, rest = st.session_state[key], st.session_state[key + "_rest"]
    rest.insert(0, items.pop(index))
    st.session_state[key + "_changed"] = True


def _add(key: str, index: int) -> None:
    st.session_state[key].append(st.session_state[key + "_rest"].pop(index))
    st.session_state[key + "_changed"] = True


def _together(item: dict) -> str:
    members = ((item.get("filters") or {}).get("together") or []) + (item.get("together") or [])
    return "; ".join(member["title"].rstrip(".") for member in members)


def _item_line(item: dict) -> None:
    kind = t(f"kind_{item['kind']}")
    st.markdown(f"**{markdown_safe(item['title'])}**")
    details = [kind, figures(item)]
    note = (item.get("filters") or {}).get("note") or item.get("note")
    if note:
        details.append(note)
    st.caption(" · ".join(markdown_safe(part) for part in details if part))
    together = _together(item)
    if together:
        st.caption(markdown_safe(t("agenda_together", items=together)))


def prepare(page: Page, selection: Selection, workshop_id: int) -> None:
    """The agenda with up, down and remove per item, more findings to add, the
    team's own question, and saving."""
    st.subheader(t("agenda_title"))
    st.caption(t("agenda_caption"))
    if "_agenda_saved" in st.session_state:
        st.success(t("agenda_saved", n=st.session_state.pop("_agenda_saved")), icon=":material/check:")
    key = _state(workshop_id)
    if key not in st.session_state:
        st.session_state[key], st.session_state[key + "_rest"] = proposal(page, selection, workshop_id)
        st.session_state[key + "_changed"] = False
    items, rest = st.session_state[key], st.session_state[key + "_rest"]
    if not items:
        st.info(t("agenda_none"))
    for index, item in enumerate(items):
        with st.container(border=True, key=f"agenda_item_{index}"):
            text, up, down, remove = st.columns([9, 2, 2, 2], vertical_alignment="center")
            with text:
                _item_line(dict(item, title=f"{index + 1}. {item['title']}"))
            up.button(t("agenda_up"), key=f"up_{key}_{index}", icon=":material/arrow_upward:", width="stretch",
                      on_click=_move, args=(key, index, -1), disabled=index == 0)
            down.button(t("agenda_down"), key=f"down_{key}_{index}", icon=":material/arrow_downward:",
                        width="stretch", on_click=_move, args=(key, index, 1), disabled=index == len(items) - 1)
            remove.button(t("agenda_remove"), key=f"remove_{key}_{index}", icon=":material/close:",
                          width="stretch", on_click=_take, args=(key, index))
    with st.expander(t("agenda_more", n=len(rest))):
        if not rest:
            st.caption(t("agenda_nothing_more"))
        for index, item in enumerate(rest):
            text, add = st.columns([12, 2], vertical_alignment="center")
            with text:
                _item_line(item)
            add.button(t("agenda_add"), key=f"add_{key}_{index}", icon=":material/add:", on_click=_add,
                       args=(key, index))
    with st.form(f"own_{workshop_id}", clear_on_submit=True):
        st.markdown(f"**{t('agenda_own_title')}**")
        question = st.text_input(t("agenda_own_question"), max_chars=200)
        note = st.text_area(t("agenda_own_note"), max_chars=1000, height=80)
        if st.form_submit_button(t("agenda_own_add"), icon=":material/add:"):
            if question.strip():
                items.append({"kind": "question", "title": question.strip(), "note": note.strip(),
                              "estimate": None})
                st.session_state[key + "_changed"] = True
                st.rerun()
            st.warning(t("agenda_own_empty"))
    if st.session_state[key + "_changed"]:
        st.caption(":material/edit: " + t("agenda_unsaved"))
    if st.button(t("save_agenda"), type="primary", icon=":material/save:"):
        _save(page, selection, workshop_id, items)


def _save(page: Page, selection: Selection, workshop_id: int, items: list[dict]) -> None:
    """Pin what is not pinned yet (marked as pinned by the agenda) and save the order."""
    filters = selection.filters
    ids = []
    for item in items:
        if "insight_id" in item:
            ids.append(int(item["insight_id"]))
            continue
        extra = {"touchpoint_id": filters.touchpoint_id, "channel": filters.channel, "origin": AUTOMATIC_ORIGIN}
        if item["kind"] == "question":
            extra |= {"question": item["title"], "note": item.get("note") or ""}
            values = dict(scope_type="question", scope_key=None, metric=selection.measure or "nps",
                          estimate=None, low=None, high=None, n=None, comparator=None, comparator_estimate=None)
        else:
            extra |= (item.get("filters") or {}) | {"together": [
                {name: member.get(name) for name in ("kind", "title", "scope_type", "scope_key", "metric",
                                                      "estimate", "low", "high", "n")}
                for member in item.get("together") or []]}
            values = {name: item[name] for name in ("scope_type", "scope_key", "metric", "estimate", "low",
                                                    "high", "n", "comparator", "comparator_estimate")}
        insight_id, _ = insights.pin(page.engine, page.scope, page.account.id, unit_id=selection.unit_id,
                                     kind=item["kind"], title=item["title"][:200], period_start=filters.start,
                                     period_end=filters.end, filters=extra, **values)
        ids.append(insight_id)
    try:
        workshops.set_agenda(page.engine, page.scope, page.account, workshop_id, list(dict.fromkeys(ids)))
    except (ValueError, PermissionError) as error:
        st.error(str(error))
        return
    st.session_state.pop(_state(workshop_id), None)
    st.session_state["_agenda_saved"] = len(ids)
    st.rerun()
