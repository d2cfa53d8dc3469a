"""The comment list view: its own filters (kept in the URL as keys), paging, the
CSV download, and the notice of comments that arrived since the last visit (told
apart from when they were written)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import streamlit as st

from analysis import pii
from analysis.formatting import month
from components import comment_cards, data, drill, measure_text, privacy, url_state
from components.export import csv_bytes
from components.i18n import current_language, day, number, t, tn
from components.shell import Page, fragment
from queries.comments import SCORE_GROUPS, SORTS, CommentQuery
from queries.responses import Filters

PAGE_SIZE = 25
EXPORT_LIMIT = 50_000
ALL = drill.ALL


def _keyed_select(column, label: str, options: list, labels: dict, key: str):
    return url_state.keyed(column.selectbox, label, key, options, labels, options[0])


def since_from_url() -> datetime | None:
    """``since`` in the URL (set by "show the new ones"), or None."""
    raw = st.query_params.get("since")
    if not raw:
        return None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _clear_since() -> None:
    if "since" in st.query_params:
        del st.query_params["since"]


def comment_query(page: Page, theme_names: dict[str, str], measure: str) -> CommentQuery:
    """Draw the comment filters and return what they select; the score groups are
    the sides of ``measure``'s scale."""
    first, second, third = st.columns(3)
    score = _keyed_select(first, t("score_filter"), [ALL, *SCORE_GROUPS],
                          {ALL: t("score_all")} | {g: measure_text.group(measure, g) for g in SCORE_GROUPS},
                          "score")
    theme = _keyed_select(second, t("theme_filter"), [ALL, *theme_names, "other"],
                          {ALL: t("theme_all"), "other": t("theme_other")} | theme_names, "theme")
    languages = data.comment_languages(page)
    language = _keyed_select(third, t("language_filter"), [ALL, *languages],
                             {ALL: t("language_all")} | {code: code for code in languages}, "language")
    left, right = st.columns([3, 1])
    text = left.text_input(t("search"), key="q", help=t("search_help"), bind="query-params",
                           persist_state="session", max_chars=200)
    if text and pii.find(text):  # a search must not tell whether a hidden detail is there
        st.warning(t("privacy_search_refused"), icon=":material/visibility_off:")
        text = ""
    sort = _keyed_select(right, t("sort"), list(SORTS), {s: t(f"sort_{s}") for s in SORTS}, "sort")
    return CommentQuery(
        score_group=None if score == ALL else score,
        theme_key=None if theme == ALL else theme,
        language=None if language == ALL else language,
        search=text or "",
        sort=sort,
        imported_after=since_from_url(),
        measure=measure,
    )


def _days(first: datetime, last: datetime, by_month: bool = False) -> str:
    """A stretch of days in words: "on 30 Nov 2026", "23 – 30 Nov 2026" style, or by
    month ("Apr 2023 – Apr 2024") when ``by_month``."""
    if by_month:
        first_text, last_text = (month(m.date(), current_language()) for m in (first, last))
    else:
        first_text, last_text = day(first.date()), day(last.date())
    if first_text == last_text:
        return t("on_day", day=first_text) if not by_month else first_text
    return t("day_range", first=first_text, last=last_text)


def new_comments_notice(page: Page, filters: Filters) -> None:
    """How many comments arrived (were imported) in the selection's units,
    touchpoint and channel since the user's last visit, whenever they were
    written, and when they were written; a button opens exactly those."""
    since = page.previous_visit
    first_visit = since is None
    if first_visit:  # the last 7 days, to the minute (so that the count is cached)
        since = (datetime.now(timezone.utc) - timedelta(days=7)).replace(second=0, microsecond=0)
    found = data.arrivals(page, filters, since)
    if found["comments"] == 0:
        return
    written_from, written_to = found["first_written"], found["last_written"]
    words = {"imported": _days(found["first_imported"], found["last_imported"]),
             "written": _days(written_from, written_to, by_month=(written_to - written_from).days > 62)}
    message = (tn("arrivals_first_visit", found["comments"], **words) if first_visit
               else tn("arrivals_since", found["comments"], when=day(since.date()), **words))
    left, right = st.columns([4, 1], vertical_alignment="center")
    left.info(message, icon=":material/mark_chat_unread:")
    with right:
        drill.button(t("open_new"), drill.Drill(since=since, start=written_from.date(), end=written_to.date()),
                     key="open_new_comments")


@fragment
def show(page: Page, filters: Filters, theme_names: dict[str, str], measure: str) -> None:
    """The filtered, paged comment list with its download; scores read on ``measure``.
    A fragment: its filters, search, sort and paging change nothing else on the page,
    so a change reruns only this list (the sidebar and the view switch rerun all)."""
    query = comment_query(page, theme_names, measure)
    if query.imported_after is not None:
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.info(t("since_active", when=day(query.imported_after.date())), icon=":material/schedule:")
        right.button(t("clear_since"), on_click=_clear_since, key="clear_since")
    total = data.comment_count(page, filters, query)
    if total == 0:
        st.info(t("no_comments"))
        return
    pages = (total + PAGE_SIZE - 1) // PAGE_SIZE
    signature = (filters, query)
    if st.session_state.get("comments_signature") != signature:
        st.session_state["comments_signature"] = signature
        st.session_state["comments_page"] = 1
    st.session_state["comments_page"] = min(st.session_state.get("comments_page", 1), pages)
    number_column, label_column, download_column = st.columns([1, 3, 2], vertical_alignment="bottom")
    current = number_column.number_input(t("page_number"), min_value=1, max_value=pages, step=1,
                                         key="comments_page")
    offset = (current - 1) * PAGE_SIZE
    rows = data.comment_page(page, filters, query, PAGE_SIZE, offset)
    label_column.caption(t("page_of", pages=number(pages)) + " · " + t(
        "showing", first=number(offset + 1), last=number(offset + len(rows)), total=number(total)))
    download_column.download_button(
        t("download"), data=lambda: csv_bytes(export_frame(page, filters, query)),
        file_name="insikt-comments.csv", mime="text/csv", icon=":material/download:",
        help=t("download_help", limit=number(EXPORT_LIMIT)), on_click="ignore",
    )
    theme_counts = data.theme_counts(page, filters)
    counts = dict(zip(theme_counts["key"], theme_counts["comments"]))
    comment_cards.use_style()
    comment_cards.show(rows, theme_names | {"other": t("theme_other")}, counts, page.language, measure)


def export_frame(page: Page, filters: Filters, query: CommentQuery):
    """The rows the CSV download holds: the whole filtered list, in the user's scope,
    customers' personal details masked (:mod:`components.privacy`)."""
    frame = privacy.shown_frame(data.comment_export(page, filters, query), ("comment",))
    options = data.theme_options(page)  # theme names in the reader's language, never keys
    names = dict(zip(options["key"], options[f"name_{page.language}"])) | {"other": t("theme_other")}
    frame["themes"] = frame["themes"].map(lambda keys: ", ".join(names.get(key, key) for key in keys or ["other"]))
    frame["responded_at"] = frame["responded_at"].map(lambda moment: moment.isoformat())
    return frame.drop(columns=["unit_id", f"touchpoint_{'en' if page.language == 'sv' else 'sv'}"])
