"""The comment list view: its own filters (bound to the URL), paging, the CSV
download, and the "new since your last visit" notice."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import streamlit as st

from analysis import pii
from components import comment_cards, data, drill, privacy
from components.export import csv_bytes
from components.i18n import day, number, t
from components.shell import Page
from queries.comments import SCORE_GROUPS, SORTS, CommentQuery
from queries.responses import Filters

PAGE_SIZE = 25
EXPORT_LIMIT = 50_000
ALL = drill.ALL


def _bound_select(column, label: str, options: list, labels: dict, key: str):
    return column.selectbox(label, options, key=key, bind="query-params", persist_state="session",
                            format_func=lambda option: labels.get(option, str(option)))


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


def comment_query(page: Page, theme_names: dict[str, str]) -> CommentQuery:
    """Draw the comment filters and return what they select."""
    first, second, third = st.columns(3)
    score = _bound_select(first, t("score_filter"), [ALL, *SCORE_GROUPS],
                          {ALL: t("score_all")} | {g: t(f"score_{g}") for g in SCORE_GROUPS}, "score")
    theme = _bound_select(second, t("theme_filter"), [ALL, *theme_names, "other"],
                          {ALL: t("theme_all"), "other": t("theme_other")} | theme_names, "theme")
    languages = data.comment_languages(page)
    language = _bound_select(third, t("language_filter"), [ALL, *languages],
                             {ALL: t("language_all")} | {code: code for code in languages}, "language")
    left, right = st.columns([3, 1])
    text = left.text_input(t("search"), key="q", help=t("search_help"), bind="query-params",
                           persist_state="session", max_chars=200)
    if text and pii.find(text):  # a search must not tell whether a hidden detail is there
        st.warning(t("privacy_search_refused"), icon=":material/visibility_off:")
        text = ""
    sort = _bound_select(right, t("sort"), list(SORTS), {s: t(f"sort_{s}") for s in SORTS}, "sort")
    return CommentQuery(
        score_group=None if score == ALL else score,
        theme_key=None if theme == ALL else theme,
        language=None if language == ALL else language,
        search=text or "",
        sort=sort,
        imported_after=since_from_url(),
    )


def new_comments_notice(page: Page, filters: Filters) -> None:
    """How many comments arrived in the selection since the user's last visit,
    with a button that opens exactly those."""
    since = page.previous_visit
    first_visit = since is None
    if first_visit:
        since = datetime.now(timezone.utc) - timedelta(days=7)
    count = data.comment_count(page, filters, CommentQuery(imported_after=since))
    if count == 0:
        return
    when = day(since.date())
    message = t("new_first_visit", n=number(count)) if first_visit else t("new_since", n=number(count), when=when)
    left, right = st.columns([4, 1], vertical_alignment="center")
    left.info(message, icon=":material/mark_chat_unread:")
    with right:
        drill.button(t("open_new"), drill.Drill(since=since), key="open_new_comments")


def show(page: Page, filters: Filters, theme_names: dict[str, str]) -> None:
    """The filtered, paged comment list with its download."""
    query = comment_query(page, theme_names)
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
    comment_cards.show(rows, theme_names | {"other": t("theme_other")}, counts, page.language)


def export_frame(page: Page, filters: Filters, query: CommentQuery):
    """The rows the CSV download holds: the whole filtered list, in the user's scope,
    customers' personal details masked (:mod:`components.privacy`)."""
    frame = privacy.shown_frame(data.comment_export(page, filters, query), ("comment",))
    frame["themes"] = frame["themes"].map(lambda keys: ", ".join(keys) if keys else "other")
    frame["responded_at"] = frame["responded_at"].map(lambda moment: moment.isoformat())
    return frame.drop(columns=["unit_id", f"touchpoint_{'en' if page.language == 'sv' else 'sv'}"])
