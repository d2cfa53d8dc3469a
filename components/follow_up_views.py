"""The pieces of the follow-up page: the case queue with its filters, one case
with its editor and history, and the measures with the root causes that can be
pinned for the workshop.

Case reads are not cached (a save must show at once); the measures are read
through :mod:`components.data`, keyed by the data version.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.follow_up_measures import case_measures
from analysis.intervals import proportion
from components import case_contact_views, charts, comment_cards, data, export, privacy, shell, table_cards, url_state
from components.i18n import LANGUAGES, TEXTS, day, html_safe, markdown_safe, number, t, translate
from components.shell import Page, fragment, rerun_fragment
from queries import audit, case_contacts, follow_ups, insights
from queries.case_contacts import Contact
from queries.common import utc_now

PAGE_SIZE = 10
OPEN = follow_ups.OPEN_STATUSES
STATUSES = ("new", "contacted", "resolved", "not_reachable")
# Tone of the time left: colour, icon and words together, never colour alone.
TONES = {"late": ("#B24E00", "⚠"), "soon": ("#B26B00", "⏳"), "ok": ("#0072B2", "◷"),
         "closed_in_time": ("#3B7D23", "✓"), "closed_late": ("#6b6b6b", "✗")}
SOON = timedelta(hours=12)
RECURS = 3  # a root cause seen this many times in a unit is worth a workshop
MEASURED = {"status", "root_cause"}  # fields of a case that the measures tab counts
STYLE = """
<style>
.insikt-case-head { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; align-items: baseline;
  font-size: 0.95rem; margin-bottom: 0.3rem; }
.insikt-case-head .tone { font-weight: 700; border: 2px solid currentColor; border-radius: 0.3rem;
  padding: 0 0.4rem; }
.insikt-case-head .status { font-weight: 600; }
.insikt-case-notes { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.9rem; color: #334e68;
  border-left: 3px solid #dde3ea; padding-left: 0.6rem; margin: 0.2rem 0 0.4rem 0; }
</style>
"""


# --- wording ----------------------------------------------------------------------------------------

def duration(delta: timedelta) -> str:
    """A span of time as people say it: "1 d 4 h", "3 h 20 min", "35 min"."""
    minutes = int(abs(delta).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return t("fu_days_hours", d=days, h=hours)
    if hours:
        return t("fu_hours_minutes", h=hours, m=minutes)
    return t("fu_minutes", m=minutes)


def time_left(case, now: datetime) -> tuple[str, str]:
    """(tone, words) for a case: time left, overdue, or closed before or after its target."""
    due = case.due_at.to_pydatetime()
    if case.status not in OPEN:
        closed = case.resolved_at.to_pydatetime() if pd.notna(case.resolved_at) else now
        if closed <= due:
            return "closed_in_time", t("fu_closed_in_time", time=duration(due - closed))
        return "closed_late", t("fu_closed_late", time=duration(closed - due))
    if due < now:
        return "late", t("fu_late", time=duration(now - due))
    return ("soon" if due - now <= SOON else "ok"), t("fu_left", time=duration(due - now))


def cause_keys(text: str, known) -> tuple[str, ...]:
    """The root causes typed one per line as their keys: a line that reads as a known
    cause's label (in either language) is that cause; a new one is kept as written."""
    by_label = {translate(f"cause_{key}", language).casefold(): key
                for key in (*follow_ups.DEFAULT_ROOT_CAUSES, *known) if f"cause_{key}" in TEXTS
                for language in LANGUAGES}
    return tuple(by_label.get(line.strip().casefold(), line.strip()) for line in text.splitlines())


def cause_label(cause: str | None) -> str:
    """A root cause in the reader's language (causes an admin added show as written)."""
    if not cause:
        return t("fu_no_cause")
    return t(f"cause_{cause}") if f"cause_{cause}" in TEXTS else cause


def local_time(moment, zone: str) -> str:
    if moment is None or pd.isna(moment):
        return "–"
    local = pd.Timestamp(moment).tz_convert(ZoneInfo(zone))
    return f"{day(local.date())} {local:%H:%M}"


# The label of each field a case's audit trail stores (the editor's own where it has one).
HISTORY_LABELS = {"owner_id": "fu_owner", "status": "fu_field_status", "root_cause": "fu_root_cause",
                  "resolution": "fu_resolution", "notes": "fu_notes", "reopen_reason": "fu_hist_reopen_reason",
                  "contacted_at": "fu_hist_contacted_at", "customer_rating": "fu_hist_customer_rating"}


def history_shown(history: pd.DataFrame, zone: str) -> pd.DataFrame:
    """A case's audit trail (:data:`queries.follow_ups.HISTORY_COLUMNS`) as its reader
    reads it: fields by their labels, statuses and root causes in the reader's
    language, times in words in the rules' time zone (as on the card) and a dash for
    "no value"."""
    def value(field: str, text) -> str:
        if text is None or pd.isna(text) or text == "":
            return "–"
        if field == "status":
            return t(f"fu_status_{text}") if f"fu_status_{text}" in TEXTS else text
        if field == "root_cause":
            return cause_label(text)
        if field == "contacted_at":
            return local_time(text, zone)
        return text

    return history.assign(
        at=[local_time(moment, zone) for moment in history["at"]], user=history["user"].fillna("–"),
        field=[t(HISTORY_LABELS[f]) if f in HISTORY_LABELS else f for f in history["field"]],
        old_value=[value(f, v) for f, v in zip(history["field"], history["old_value"])],
        new_value=[value(f, v) for f, v in zip(history["field"], history["new_value"])])


def rule_caption(rules: follow_ups.Rules, theme_names: dict[str, str]) -> str:
    """The rules in force in one sentence."""
    parts = ([t("fu_rule_nps", limit=rules.nps_max)] if rules.nps_max is not None else []) + (
        [t("fu_rule_csat", limit=rules.csat_max)] if rules.csat_max is not None else []) + (
        [t("fu_rule_scale10", limit=rules.scale10_max)] if rules.scale10_max is not None else []) + (
        [t("fu_rule_sentiment")] if rules.negative_sentiment else [])
    score = t("fu_rule_or").join(parts) or "–"
    theme = t("fu_rule_theme", theme=markdown_safe(theme_names.get(rules.theme_key, rules.theme_key))) if rules.theme_key else ""
    clock = (t("fu_clock_business", opens=f"{rules.opens:%H:%M}", closes=f"{rules.closes:%H:%M}")
             if rules.business_hours else t("fu_clock_wall"))
    return t("fu_rule_caption", rule=score, theme=theme, days=rules.window_days,
             hours=number(rules.target_hours), clock=clock, zone=rules.time_zone)


def error_text(error: follow_ups.FollowUpError) -> str:
    key = f"fu_error_{error.code}"
    params = {name: markdown_safe(value) for name, value in error.params.items()}
    if error.code == "bad_transition":
        params = {name: t(f"fu_status_{value}") for name, value in error.params.items()}
    message = markdown_safe(error.message)
    return t(key, **params, message=message) if key in TEXTS else message


# --- the queue --------------------------------------------------------------------------------------

def _theme_names(page: Page) -> dict[str, str]:
    themes = data.theme_options(page)
    return dict(zip(themes["key"], themes[f"name_{page.language}"]))


@fragment
def queue(page: Page, rules: follow_ups.Rules, units: pd.DataFrame) -> None:
    """Filters, the counts that matter, the export and the cases, a page at a time.
    A fragment: its filters, paging and most saves rerun only the queue; a save
    that changes the measures (status, root cause, a customer reached) reruns the page."""
    account = page.account
    now = utc_now()
    theme_names = _theme_names(page)
    if _one_case(page, rules, theme_names, now):
        return
    st.caption(rule_caption(rules, theme_names))
    unit_names = {None: t("all_units")} | dict(zip(units["id"].astype(int), units["name"]))
    left, middle, right, last = st.columns([2, 3, 2, 1.3], vertical_alignment="bottom")
    unit = left.selectbox(t("fu_filter_unit"), list(unit_names), format_func=lambda u: unit_names.get(u, str(u)),
                          key="fu_unit")
    statuses = middle.multiselect(t("fu_filter_status"), STATUSES, default=list(OPEN),
                                  format_func=lambda s: t(f"fu_status_{s}"), key="fu_statuses")
    people = follow_ups.case_owners(page.engine, page.scope)
    owner_choices = {"all": t("fu_owner_all"), "me": t("fu_owner_me"), "none": t("fu_owner_none")} | {
        int(person.id): person.display_name for person in people.itertuples() if person.id != account.id}
    owner = right.selectbox(t("fu_filter_owner"), list(owner_choices),
                            format_func=lambda o: owner_choices.get(o, str(o)), key="fu_owner")
    overdue = last.toggle(t("fu_filter_overdue"), key="fu_overdue")
    unit_ids = None
    if unit is not None:
        unit_ids = {int(unit)} | set(units.loc[units["parent_id"] == unit, "id"].astype(int))
    owner_id = {"all": None, "me": account.id, "none": -1}.get(owner, owner)
    chosen = {"statuses": statuses or None, "owner_id": owner_id, "unit_ids": unit_ids,
              "overdue": True if overdue else None, "now": now}
    total = follow_ups.count_cases(page.engine, page.scope, **chosen)
    _summary(page, unit_ids, now)
    first_for = account.id if account.role == "staff" else None
    if account.role in follow_ups.EXPORT_ROLES and total:
        st.download_button(t("fu_export"), lambda: export_csv(page, follow_ups.cases(
                               page.engine, page.scope, first_for=first_for, **chosen)),
                           file_name=f"cases-{now:%Y-%m-%d}.csv", mime="text/csv", help=t("fu_export_help"),
                           icon=":material/download:", on_click="ignore")
    if not total:
        st.info(t("fu_none"), icon=":material/inbox:")
        newest = follow_ups.newest_critical(page.engine, page.scope, rules, unit_ids)
        st.caption(t("fu_empty_window", days=rules.window_days) + " " + (
            t("fu_empty_newest", newest=day(newest.date())) if newest else t("fu_empty_never")))
        return
    pages = (total - 1) // PAGE_SIZE + 1
    number_of_page = 1
    if pages > 1:
        number_of_page = st.number_input(t("fu_page"), 1, pages, 1, key="fu_page_number", width=140)
    first = (number_of_page - 1) * PAGE_SIZE
    # One page of cases read, not every case of the filter (2,500 open ones for a leader at 1M).
    shown = follow_ups.cases(page.engine, page.scope, first_for=first_for, limit=PAGE_SIZE, offset=first, **chosen)
    st.caption(t("fu_showing", first=first + 1, last=first + len(shown), total=number(total)))
    comment_cards.use_style()
    st.html(STYLE)
    people = {} if account.role == "staff" else {  # who may own a case, once per unit on the page
        int(unit): follow_ups.owners_for(page.engine, int(unit)) for unit in shown["unit_id"].unique()}
    reads = case_reads(page, shown)
    for case in shown.itertuples():
        case_card(page, case, rules, theme_names, now, people.get(int(case.unit_id)), reads[int(case.id)])


def _one_case(page: Page, rules: follow_ups.Rules, theme_names: dict[str, str], now: datetime) -> bool:
    """A link with ``?case=ID`` (from "My day"): that case alone, if the user may
    see it, and a button back to the whole queue. False without such a link."""
    raw = st.query_params.get("case")
    if raw is None:
        return False
    if st.button(t("fu_show_all"), icon=":material/list:", key="fu_show_all"):
        del st.query_params["case"]
        st.rerun()
    found = follow_ups.cases(page.engine, page.scope, case_ids=[int(raw)], now=now) if raw.isdigit() \
        else pd.DataFrame()
    if found.empty:
        st.info(t("fu_none"), icon=":material/inbox:")
        return True
    st.caption(t("fu_only_case"))
    comment_cards.use_style()
    st.html(STYLE)
    reads = case_reads(page, found)
    for case in found.itertuples():
        people = None if page.account.role == "staff" else follow_ups.owners_for(page.engine, int(case.unit_id))
        case_card(page, case, rules, theme_names, now, people, reads[int(case.id)])
    return True


def export_csv(page: Page, found: pd.DataFrame) -> bytes:
    """The cases as CSV, customers' details as :mod:`components.privacy` allows;
    a download that holds any is logged in the audit log."""
    reveal = pd.Series([privacy.may_see_personal_data(page.account, case) for case in found.itertuples()],
                       index=found.index, dtype=bool)
    frame = privacy.shown_frame(follow_ups.export_cases(page.account, found), privacy.CASE_TEXT, reveal)
    if reveal.any():
        audit.record_export(page.engine, page.account.id, "cases", int(reveal.sum()))
    return export.csv_bytes(frame)


def _summary(page: Page, unit_ids, now: datetime) -> None:
    counts = follow_ups.queue_counts(page.engine, page.scope, unit_ids, now)
    for column, (key, label) in zip(st.columns(4), [("open", "fu_open"), ("overdue", "fu_overdue"),
                                                     ("due_soon", "fu_due_today"), ("unassigned", "fu_unassigned")]):
        column.metric(t(label), number(counts[key]))


# --- one case ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CaseReads:
    """What a case's card shows beyond its row: its history and, for those who follow
    the case up, the attempts to reach the customer and the customer's details (see
    :func:`queries.case_contacts.contact_details`; None for anyone else)."""

    history: pd.DataFrame
    attempts: pd.DataFrame | None
    contact: Contact | None | bool


def case_reads(page: Page, cases: pd.DataFrame) -> dict[int, CaseReads]:
    """The reads of :func:`case_card` for the rows of ``cases``: a few queries for a page
    of cases (a card read three of its own before)."""
    ids = [int(case_id) for case_id in cases["id"]]
    reachable = [int(case.id) for case in cases.itertuples() if case_contacts.may_reach(page.account, case.owner_id)]
    histories = follow_ups.histories(page.engine, page.scope, ids)
    attempts = case_contacts.contacts_of_cases(page.engine, page.scope, reachable)
    contacts = case_contacts.contact_details_of_cases(page.engine, page.scope, page.account, reachable)
    return {case_id: CaseReads(histories[case_id], attempts.get(case_id), contacts.get(case_id)) for case_id in ids}


def case_card(page: Page, case, rules: follow_ups.Rules, theme_names: dict[str, str], now: datetime,
              people: pd.DataFrame | None, reads: CaseReads) -> None:
    """The case with its whole response, time left, owner and notes, and its editor
    (``people``: who may own it, None for staff, who can only take it; ``reads``: from
    :func:`case_reads`)."""
    tone, words = time_left(case, now)
    colour, icon = TONES[tone]
    esc = html.escape
    owner = case.owner or t("fu_nobody")
    reveal = privacy.may_see_personal_data(page.account, case)
    with st.container(border=True, key=f"case_{case.id}"):
        st.html(
            '<div class="insikt-case-head">'
            f'<span class="tone" style="color:{colour}">{icon} {esc(words)}</span>'
            f'<span class="status">{esc(t("fu_status_" + case.status))}</span>'
            f'<span>{esc(t("fu_due"))}: {esc(local_time(case.due_at, rules.time_zone))}</span>'
            f'<span>{esc(t("fu_owner"))}: {esc(owner)}</span>'
            + (f'<span>{esc(t("fu_root_cause"))}: {esc(cause_label(case.root_cause))}</span>'
               if case.root_cause else "")
            + "</div>")
        st.html(comment_cards.card_html(case, theme_names, None, page.language, reveal=reveal))
        if case.notes:
            st.html(f'<div class="insikt-case-notes">{esc(privacy.shown(case.notes, reveal))}</div>')
        if case.resolution:
            st.html(f'<div class="insikt-case-notes"><b>{esc(t("fu_resolution"))}:</b> '
                    f'{esc(privacy.shown(case.resolution, reveal))}</div>')
        case_contact_views.section(page, case, rules.time_zone, reads.contact, reads.attempts)
        problem = st.session_state.get(f"fu_problem_{case.id}")
        if problem:
            st.error(problem, icon=":material/error:")
        stale = f"fu_stale_{case.id}" in st.session_state
        # Drawn only while open: ten closed editors were over a third of the queue's warm
        # render. A save starts a new generation: the case is shown again, its editor closed.
        shell.expander(t("fu_work"), f"fu_work_{edit_key(case.id)}",
                       lambda: editor(page, case, rules, people, reads.history, reveal),
                       expanded=bool(problem) or stale, icon=":material/edit_note:")


def editor(page: Page, case, rules: follow_ups.Rules, people: pd.DataFrame | None, history: pd.DataFrame,
           reveal: bool = False) -> None:
    """Assign, move on, resolve or reopen a case, with its ``history``; a stale save overwrites nothing.

    The version saved against is the one the user opened, kept in the session
    (as on the actions page), so a change someone made meanwhile is caught.
    Without ``reveal``, notes and resolution holding customers' details are shown
    masked and cannot be edited (so a save never overwrites them masked)."""
    account = page.account
    opened = st.session_state.setdefault(f"fu_opened_{case.id}", int(case.version))
    key = edit_key(case.id)
    owner_id = None if pd.isna(case.owner_id) else int(case.owner_id)
    if account.role == "staff" and owner_id is None:
        if st.button(t("fu_take"), key=f"fu_take_{key}", icon=":material/front_hand:"):
            _save(page, case, opened, {"owner_id": account.id}, None)
    with st.form(f"fu_form_{key}"):
        changes: dict = {}
        if people is not None:
            names = {None: t("fu_nobody")} | dict(zip(people["id"].astype(int), people["display_name"]))
            if owner_id is not None and owner_id not in names:
                names[owner_id] = case.owner
            changes["owner_id"] = st.selectbox(t("fu_field_owner"), list(names), index=list(names).index(owner_id),
                                               format_func=lambda o: names.get(o, str(o)), key=f"fu_owner_{key}")
        moves = [case.status, *sorted(follow_ups.TRANSITIONS[case.status], key=STATUSES.index)]
        left, right = st.columns(2)
        changes["status"] = left.selectbox(t("fu_field_status"), moves, format_func=lambda s: t(f"fu_status_{s}"),
                                           key=f"fu_status_{key}")
        causes = [None, *rules.root_causes]
        if case.root_cause and case.root_cause not in causes:
            causes.append(case.root_cause)
        changes["root_cause"] = right.selectbox(t("fu_field_root_cause"), causes, index=causes.index(
            case.root_cause if case.root_cause else None), format_func=cause_label, key=f"fu_cause_{key}")
        shown = {name: privacy.shown(getattr(case, name) or "", reveal) for name in ("resolution", "notes")}
        hidden = {name: shown[name] != (getattr(case, name) or "") for name in shown}
        changes["resolution"] = st.text_area(t("fu_field_resolution"), shown["resolution"], height=80,
                                             key=f"fu_resolution_{key}", disabled=hidden["resolution"],
                                             help=t("privacy_hidden_field") if hidden["resolution"] else None)
        changes["notes"] = st.text_area(t("fu_field_notes"), shown["notes"], height=80,
                                        max_chars=follow_ups.NOTES_MAX, key=f"fu_notes_{key}",
                                        disabled=hidden["notes"],
                                        help=t("privacy_hidden_field") if hidden["notes"] else None)
        reason = None
        if case.status not in OPEN:
            reason = st.text_input(t("fu_field_reason"), key=f"fu_reason_{key}")
        if st.form_submit_button(t("fu_save"), type="primary"):
            current = {"owner_id": owner_id, "status": case.status, "root_cause": case.root_cause or None,
                       "resolution": shown["resolution"], "notes": shown["notes"]}
            _save(page, case, opened, {name: value for name, value in changes.items()
                                       if value != current[name]}, reason)
    _conflict(case, reveal)
    history = privacy.shown_frame(history, ("old_value", "new_value"), reveal)
    if not history.empty:
        st.markdown(f"**{t('fu_history')}**")
        table_cards.table(history_shown(history, rules.time_zone), key=f"case_history_{case.id}",
                          hide_index=True, width="stretch",
                          column_config={"at": t("col_when"),
                                         "user": t("col_who"), "field": t("col_field"),
                                         "old_value": t("col_old"), "new_value": t("col_new")})


def _save(page: Page, case, opened: int, changes: dict, reason: str | None) -> None:
    if not changes:
        return
    try:
        follow_ups.update_case(page.engine, page.scope, page.account, int(case.id), opened, reason=reason, **changes)
    except follow_ups.StaleCase as stale:
        st.session_state[f"fu_stale_{case.id}"] = (changes, stale.current)
        st.session_state.pop(f"fu_problem_{case.id}", None)
        rerun_fragment()
    except follow_ups.FollowUpError as error:  # shown above the editor, which stays open
        st.session_state[f"fu_problem_{case.id}"] = error_text(error)
        rerun_fragment()
    except (PermissionError, follow_ups.CaseNotFound):
        st.session_state[f"fu_problem_{case.id}"] = t("fu_error_permission")
        rerun_fragment()
    forget_edit(case.id)
    st.toast(t("fu_saved"), icon=":material/check:")
    rerun_after_save(bool(changes.keys() & MEASURED))


def rerun_after_save(measured: bool) -> None:
    """After a saved change to a case: the page when it changes what the measures
    show (``measured``), else the queue alone."""
    if measured:
        st.rerun(scope="app")
    rerun_fragment()


def edit_key(case_id) -> str:
    """The suffix of the keys of a case's editor: the case and its generation, which
    :func:`forget_edit` moves on, so that after a save the editor starts afresh."""
    return f"{case_id}_{st.session_state.get(f'fu_generation_{case_id}', 0)}"


def forget_edit(case_id) -> None:
    st.session_state.pop(f"fu_stale_{case_id}", None)
    st.session_state.pop(f"fu_problem_{case_id}", None)
    st.session_state.pop(f"fu_opened_{case_id}", None)
    key = f"fu_generation_{case_id}"
    st.session_state[key] = st.session_state.get(key, 0) + 1


def _conflict(case, reveal: bool) -> None:
    stale = st.session_state.get(f"fu_stale_{case.id}")
    if stale is None:
        return
    mine, current = stale
    st.error(t("fu_stale"), icon=":material/sync_problem:")
    left, right = st.columns(2)
    left.markdown(f"**{t('your_version')}**")
    left.json({name: privacy.shown(str(value), reveal) for name, value in mine.items()})
    right.markdown(f"**{t('current_version')}**")
    right.json({name: privacy.shown(str((current or {}).get(name)), reveal) for name in mine})
    if st.button(t("reload_current"), key=f"fu_reload_{case.id}"):
        forget_edit(case.id)
        rerun_fragment()


# --- measures ------------------------------------------------------------------------------------------

@fragment
def measures(page: Page, rules: follow_ups.Rules, units: pd.DataFrame) -> None:
    """Share closed within target, times, open and overdue counts by region and
    unit; root causes of a unit with a pin for the recurring ones. A fragment: the
    period and the unit of the root causes rerun only the measures."""
    now = utc_now()
    today = now.date()
    periods = {30: t("fu_period_30"), 90: t("fu_period_90"), 365: t("fu_period_365")}
    days = url_state.keyed(st.selectbox, t("fu_period"), "fu_days", list(periods), periods, 30, width=260)
    start = today - timedelta(days=days - 1)
    calendar = rules.calendar()
    timings = data.follow_up_timings(page, start, today, calendar)
    if timings.empty:
        st.info(t("fu_no_measures"))
        return
    st.subheader(t("fu_in_target_title"))
    st.caption(t("fu_in_target_caption"))
    tables = {by: case_measures(timings, now, by=by, total=t("fu_total"))
              for by in ("region", "unit")}
    by_unit = tables["unit"].iloc[:-1]  # without the total, the last row
    total = tables["unit"].iloc[-1]
    if not pd.isna(total["share"]):
        st.markdown(t("fu_share_total", share=_percent(total["share"]), low=_percent(total["low"]),
                      high=_percent(total["high"]), n=number(total["decided"]), not_due=number(total["not_due"])))
    st.plotly_chart(share_figure(by_unit), key="fu_share_chart", config={"displayModeBar": False})
    for by, title in (("region", "fu_by_region"), ("unit", "fu_by_unit")):
        table = tables[by]
        st.markdown(f"**{t(title)}**")
        table_cards.table(_readable(table), key=f"case_share_{by}", hide_index=True, width="stretch",
                          column_config={"group": t("fu_col_group"), "cases": t("fu_col_cases"),
                                         "open": t("fu_col_open"), "overdue": t("fu_col_overdue"),
                                         "not_due": t("fu_col_not_due"),
                                         "closed": t("fu_col_closed"), "in_target": t("fu_col_in_target"),
                                         "share": t("fu_col_share"), "contact": t("fu_col_contact"),
                                         "close": t("fu_col_close")})
    case_contact_views.rating_measure(page, start, today)
    root_causes(page, units, start, today)


def _percent(value) -> str:
    return "–" if value is None or pd.isna(value) else f"{number(100 * value)} %"


def _hours(value) -> str:
    return "–" if value is None or pd.isna(value) else t("fu_hours_value", h=number(value, 1))


def _readable(table: pd.DataFrame) -> pd.DataFrame:
    """The measures as a reader wants them: share with its interval and n, hours."""
    shares = [("–" if pd.isna(row.share) else
               f"{_percent(row.share)} ({_percent(row.low)} – {_percent(row.high)}), n = {number(row.decided)}")
              for row in table.itertuples()]
    return pd.DataFrame({"group": table["group"], "cases": table["cases"], "open": table["open"],
                         "overdue": table["overdue"], "closed": table["closed"], "in_target": table["in_target"],
                         "share": shares, "not_due": table["not_due"], "contact": table["median_contact_hours"].map(_hours),
                         "close": table["median_close_hours"].map(_hours)})


def share_figure(table: pd.DataFrame) -> go.Figure:
    """Share closed within target per unit, a dot with its interval, n in the hover."""
    rows = table.dropna(subset=["share"]).sort_values("share")
    figure = go.Figure(go.Scatter(
        x=rows["share"] * 100, y=rows["group"].map(html_safe), mode="markers", marker={"size": 10, "color": charts.BLUE},
        error_x={"type": "data", "symmetric": False, "array": (rows["high"] - rows["share"]) * 100,
                 "arrayminus": (rows["share"] - rows["low"]) * 100, "color": charts.BLUE, "thickness": 1.5},
        customdata=rows[["decided", "in_target", "not_due"]].to_numpy(),
        hovertemplate="%{y}: %{x:.0f} %<br>%{customdata[1]} / %{customdata[0]}<br>"
                      + t("fu_not_due_hover") + ": %{customdata[2]}<extra></extra>"))
    figure.update_layout(height=max(220, 26 * len(rows) + 80), margin={"l": 10, "r": 10, "t": 10, "b": 40},
                         xaxis={"range": [0, 100], "ticksuffix": " %", "title": t("fu_in_target_title")},
                         yaxis={"automargin": True}, plot_bgcolor="#fff", showlegend=False)
    figure.update_xaxes(gridcolor="#e5e9ef")
    return figure


def root_causes(page: Page, units: pd.DataFrame, start: date, end: date) -> None:
    """Resolved cases by root cause for one unit; a recurring cause can be pinned."""
    st.subheader(t("fu_root_causes_title"))
    st.caption(t("fu_root_causes_caption"))
    unit_rows = units[units["kind"] == "unit"]
    names = dict(zip(unit_rows["id"].astype(int), unit_rows["name"]))
    if not names:
        return
    preferred = page.account.unit_id if page.account.unit_id in names else next(iter(names))
    unit_id = url_state.keyed(st.selectbox, t("fu_root_cause_unit"), "fu_unit", list(names), names, preferred,
                              aliases={name: unit for unit, name in names.items()}, width=320)
    counts = data.root_cause_counts(page, start, end)
    counts = counts[counts["unit_id"] == unit_id]
    if counts.empty:
        st.caption(t("fu_no_root_causes"))
        return
    total = int(counts["cases"].sum())
    may_pin = page.account.role in ("manager", "leader", "admin")
    for row in counts.itertuples():
        share = proportion(int(row.cases), total)
        left, right = st.columns([4, 1.4], vertical_alignment="center")
        left.markdown(t("fu_cause_line", cause=markdown_safe(cause_label(row.root_cause)), n=number(row.cases),
                        total=number(total), share=t("fu_share_ci", share=_percent(share.estimate),
                                                     low=_percent(share.low), high=_percent(share.high))))
        if may_pin and row.cases >= RECURS and right.button(t("fu_pin_cause"), key=f"fu_pin_{unit_id}_{row.root_cause}",
                                                             icon=":material/push_pin:"):
            _pin(page, unit_id, row.root_cause, int(row.cases), total, share, start, end)


def _pin(page: Page, unit_id: int, cause: str, count: int, total: int, share, start: date, end: date) -> None:
    title = t("fu_insight_title", cause=cause_label(cause), n=count, total=total)
    try:
        _, created = insights.pin(
            page.engine, page.scope, page.account.id, unit_id=unit_id, kind="weakness", scope_type="root_cause",
            scope_key=cause, metric="share", title=title[:200], period_start=start, period_end=end,
            estimate=share.estimate, low=share.low, high=share.high, n=total, comparator=None,
            comparator_estimate=None, filters={"source": "follow_up", "cases": count})
    except PermissionError:
        st.error(t("not_for_role"))
        return
    st.toast(t("pinned") if created else t("already_pinned"), icon=":material/push_pin:")


# --- rules (on the admin page) ----------------------------------------------------------------------------

RULES_SAVED = "fu_rules_saved"  # the confirmation, shown after the page's rerun
ZONES = ("Europe/Stockholm", "Europe/Helsinki", "Europe/Oslo", "Europe/Copenhagen", "Europe/London", "UTC")


def rules_editor(page: Page) -> None:
    """Edit the follow-up rules (admins); saving applies them to untouched cases."""
    rules = follow_ups.read_rules(page.engine)
    st.subheader(t("fu_rules_title"))
    st.caption(t("fu_rules_caption"))
    saved = st.session_state.pop(RULES_SAVED, None)
    if saved:
        st.success(saved)
    themes = data.theme_options(page)
    theme_names = {None: t("fu_rule_theme_off")} | dict(zip(themes["key"], themes[f"name_{page.language}"]))
    scores = [None, *range(11)]
    zones = list(dict.fromkeys([rules.time_zone, *ZONES]))
    with st.form("fu_rules"):
        left, middle, right = st.columns(3)
        nps_max = left.selectbox(t("fu_rule_score"), scores, index=scores.index(rules.nps_max),
                                 format_func=lambda s: t("fu_rule_score_off") if s is None else str(s))
        stars = [None, *range(1, 6)]
        csat_max = left.selectbox(t("fu_rule_csat_label"), stars, index=stars.index(rules.csat_max),
                                  format_func=lambda s: t("fu_rule_score_off") if s is None else str(s))
        ratings = [None, *range(1, 11)]
        scale10_max = left.selectbox(t("fu_rule_scale10_label"), ratings, index=ratings.index(rules.scale10_max),
                                     format_func=lambda s: t("fu_rule_score_off") if s is None else str(s))
        negative = middle.checkbox(t("fu_rule_sentiment_label"), rules.negative_sentiment)
        theme_key = middle.selectbox(t("fu_rule_theme_label"), list(theme_names),
                                     index=list(theme_names).index(rules.theme_key)
                                     if rules.theme_key in theme_names else 0,
                                     format_func=lambda k: theme_names.get(k, str(k)))
        window = right.number_input(t("fu_rule_window"), 1, 365, rules.window_days)
        left, middle, right = st.columns(3)
        hours = left.number_input(t("fu_rule_hours"), 1.0, 720.0, float(rules.target_hours), step=1.0)
        opens = middle.time_input(t("fu_rule_opens"), rules.opens, step=900)
        closes = right.time_input(t("fu_rule_closes"), rules.closes, step=900)
        business = st.toggle(t("fu_rule_business"), rules.business_hours)
        workdays = st.multiselect(t("fu_rule_workdays"), list(range(7)), default=list(rules.workdays),
                                  format_func=lambda d: t(f"weekday_{d}"))
        holidays = st.checkbox(t("fu_rule_holidays"), rules.public_holidays)
        zone = st.selectbox(t("fu_rule_zone"), zones, index=0, width=320)
        causes = st.text_area(t("fu_rule_causes"), "\n".join(map(cause_label, rules.root_causes)), height=180)
        if st.form_submit_button(t("fu_rule_save"), type="primary"):
            chosen = follow_ups.Rules(
                nps_max=nps_max, csat_max=csat_max, scale10_max=scale10_max, negative_sentiment=negative,
                theme_key=theme_key, target_hours=hours, business_hours=business,
                opens=opens, closes=closes, workdays=tuple(workdays), public_holidays=holidays,
                window_days=int(window), root_causes=cause_keys(causes, rules.root_causes), time_zone=zone)
            try:
                counts = follow_ups.save_rules(page.engine, page.account, chosen)
            except follow_ups.FollowUpError as error:
                st.error(error_text(error), icon=":material/error:")
                return
            except PermissionError:
                st.error(t("not_for_role"), icon=":material/block:")
                return
            st.cache_data.clear()
            st.session_state[RULES_SAVED] = t("fu_rule_saved", **{name: number(value) for name, value in counts.items()})
            st.rerun(scope="app")  # the setup checklist above the admin tabs counts saved rules
