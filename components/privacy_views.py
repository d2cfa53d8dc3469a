"""The admin tabs for customers' personal data (who sees what, the retention
period with a dry run and a run) and the audit log, and the import report's
count of personal details.

Every change goes through :mod:`queries.retention` (which checks the role again
and writes its audit event in the same transaction); the log is read through
:mod:`queries.audit`, for active administrators only.
"""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from analysis import pii
from components import export, table_cards
from components.i18n import TEXTS, day, number, t
from components.shell import Page, rerun_fragment
from queries import audit, retention

PLAN = "retention_plan"
FLASH = "retention_flash"
EXPORT_LIMIT = 100_000
ZONE = "Europe/Stockholm"


# --- the import report ------------------------------------------------------------------------

def found_text(counts: dict[str, int]) -> str | None:
    """What an import found, in words ("3 med telefonnummer, 1 med e-postadress"), or None."""
    if not counts.get("any"):
        return None
    kinds = ", ".join(t("privacy_kind_count", n=number(counts[kind]), kind=t(f"privacy_kind_{kind}"))
                      for kind in pii.KINDS if counts.get(kind))
    return t("privacy_import_found", n=number(counts["any"]), kinds=kinds)


def import_notice(counts: dict[str, int]) -> None:
    """The import report's line on personal details in the comments, when there are any."""
    text = found_text(counts)
    if text:
        st.info(text, icon=":material/shield_person:")


# --- personal data: the rule and the retention period -----------------------------------------

def privacy_tab(page: Page) -> None:
    """Who sees customers' details; the retention period, its dry run and its run."""
    st.subheader(t("privacy_policy_title"))
    st.markdown(t("privacy_policy_body"))
    st.subheader(t("retention_title"))
    st.caption(t("retention_caption"))
    flash = st.session_state.pop(FLASH, None)
    if flash:
        st.success(flash, icon=":material/check_circle:")
    current = retention.period(page.engine)
    with st.form("retention_period", width=520):
        keep = st.toggle(t("retention_on"), value=current is not None)
        months = st.number_input(t("retention_months"), min_value=retention.MIN_MONTHS,
                                 max_value=retention.MAX_MONTHS, value=current or 24, step=1)
        if st.form_submit_button(t("admin_save"), type="primary"):
            _set_period(page, int(months) if keep else None)
    if current is None:
        st.info(t("retention_none"), icon=":material/info:")
        return
    st.markdown(t("retention_current", cutoff=day(retention.cutoff(current).date())))
    if st.button(t("retention_preview"), icon=":material/preview:", key="retention_preview"):
        st.session_state[PLAN] = retention.plan(page.engine)
    plan = st.session_state.get(PLAN)
    if plan is not None and plan.months == current:
        _show_plan(page, plan)


def _set_period(page: Page, months: int | None) -> None:
    try:
        retention.set_period(page.engine, page.account, months)
    except retention.RetentionError:
        st.error(t("retention_bad_months", low=retention.MIN_MONTHS, high=retention.MAX_MONTHS),
                 icon=":material/error:")
        return
    except PermissionError:
        st.error(t("admin_permission_refused"), icon=":material/block:")
        return
    st.session_state.pop(PLAN, None)
    st.session_state[FLASH] = t("retention_saved", months=months) if months else t("retention_removed")
    rerun_fragment()  # the period is shown in this tab alone


def _show_plan(page: Page, plan: retention.Plan) -> None:
    figures = [("retention_plan_responses", plan.responses), ("retention_plan_comments", plan.comments),
               ("retention_plan_attributes", plan.attributes), ("retention_plan_cases", plan.cases),
               ("retention_plan_held_back", plan.held_back)]
    for column, (key, value) in zip(st.columns(len(figures)), figures):
        column.metric(t(key), number(value))
    st.caption(t("retention_plan_caption", cutoff=day(plan.cutoff.date())))
    if not plan.responses:
        st.info(t("retention_nothing"), icon=":material/check:")
        return
    confirmed = st.checkbox(t("retention_confirm", n=number(plan.responses)), key="retention_confirm")
    if st.button(t("retention_apply"), type="primary", disabled=not confirmed, icon=":material/delete_sweep:",
                 key="retention_apply"):
        try:
            done = retention.apply(page.engine, page.account.id, months=plan.months)
        except retention.RetentionError:
            st.error(t("retention_none"), icon=":material/error:")
            return
        st.cache_data.clear()  # every page shows the anonymised data at once (the data version changed too)
        st.session_state.pop(PLAN, None)
        st.session_state[FLASH] = t("retention_applied", n=number(done.responses), comments=number(done.comments),
                                    attributes=number(done.attributes), cases=number(done.cases))
        st.rerun()


# --- the audit log -----------------------------------------------------------------------------

def action_label(action: str) -> str:
    key = f"audit_action_{action}"
    return t(key) if key in TEXTS else action


def _value(value) -> str:
    if value is None:
        return "–"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def detail_text(detail) -> str:
    """An event's detail as one line: "role: staff → manager; username: anna"."""
    if not isinstance(detail, dict):
        return "" if detail is None else str(detail)
    parts = []
    for name, value in detail.items():
        if isinstance(value, list) and len(value) == 2:
            parts.append(f"{name}: {_value(value[0])} → {_value(value[1])}")
        else:
            parts.append(f"{name}: {_value(value)}")
    return "; ".join(parts)


def target_label(kind, target) -> str:
    """What an event is about, in words: "Användare 12", "Import 7", "Mål nps"."""
    if not isinstance(kind, str):
        return ""
    label = t(f"audit_target_{kind}") if f"audit_target_{kind}" in TEXTS else kind
    return label if kind in ("settings", "responses") or not isinstance(target, str) else f"{label} {target}"


def _table(frame: pd.DataFrame) -> pd.DataFrame:
    """The events as people read them: when, who, what happened, to what, and the detail."""
    return pd.DataFrame({
        "at": frame["at"],
        "user": [name if isinstance(name, str) else t("audit_user_cli") for name in frame["user"]],
        "action": frame["action"].map(action_label),
        "target": [target_label(kind, target) for kind, target in zip(frame["target_type"], frame["target_id"])],
        "detail": frame["detail"].map(detail_text),
    })


def export_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The events as the CSV holds them: the readable columns and the raw keys."""
    table = _table(frame)
    return table.assign(at=frame["at"].map(lambda moment: moment.isoformat()), action_key=frame["action"],
                        user_id=frame["user_id"], detail_json=frame["detail"].map(
                            lambda detail: None if detail is None else json.dumps(detail, ensure_ascii=False)))


def audit_tab(page: Page) -> None:
    """The newest events, filtered by action, person and days, and their download."""
    st.caption(t("audit_caption"))
    people = audit.actors(page.engine, page.account)
    who = {None: t("audit_user_all"), 0: t("audit_user_cli")} | dict(zip(people["id"].astype(int),
                                                                          people["display_name"]))
    first, second, third, fourth = st.columns([3, 2, 1.2, 1.2])
    actions = first.multiselect(t("audit_filter_action"), list(audit.ACTIONS), format_func=action_label,
                                key="audit_actions", placeholder=t("audit_all_actions"))
    user_id = second.selectbox(t("audit_filter_user"), list(who), format_func=lambda key: who.get(key, str(key)),
                               key="audit_user")
    start = third.date_input(t("audit_filter_from"), value=None, key="audit_from", format="YYYY-MM-DD")
    end = fourth.date_input(t("audit_filter_to"), value=None, key="audit_to", format="YYYY-MM-DD")
    filters = {"actions": actions, "user_id": user_id, "start": start, "end": end}
    frame, total = audit.events(page.engine, page.account, **filters)
    if not total:
        st.info(t("audit_none"))
        return
    st.caption(t("audit_showing", shown=number(len(frame)), total=number(total)))
    table_cards.table(_table(frame), key="audit_events", hide_index=True, width="stretch", column_config={
        "at": st.column_config.DatetimeColumn(t("audit_col_at"), format="YYYY-MM-DD HH:mm", timezone=ZONE,
                                                   width=140),
        "user": st.column_config.TextColumn(t("audit_col_user"), width=150),
        "action": st.column_config.TextColumn(t("audit_col_action"), width=200),
        "target": st.column_config.TextColumn(t("audit_col_target"), width=140),
        "detail": st.column_config.TextColumn(t("audit_col_detail"), width=600)})
    st.download_button(
        t("audit_download"), data=lambda: export.csv_bytes(export_frame(
            audit.events(page.engine, page.account, **filters, limit=EXPORT_LIMIT)[0])),
        file_name=f"insikt-audit-{pd.Timestamp.now(tz=ZONE):%Y-%m-%d}.csv", mime="text/csv",
        icon=":material/download:", help=t("audit_download_help", limit=number(EXPORT_LIMIT)), on_click="ignore")
