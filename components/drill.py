"""Drill-through to the comments behind a number, from any page.

:class:`Drill` says which comments to open. :func:`link` builds a shareable URL
for it; :func:`button` opens it in one click inside the app, and :func:`go` +
:func:`follow` do the same from a chart's selection. The sidebar filters and the
comment filters keep their keys in the URL and their picks for the whole session
(:mod:`components.url_state`), so a drill picks their values and passes only the
period (``from``/``to``) and ``since`` as query parameters of the page it opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlencode

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components import url_state

COMMENTS_PAGE = "pages/comments.py"
ALL = "all"
_PENDING = "_drill_params"


@dataclass(frozen=True)
class Drill:
    """Which comments to open. A sidebar filter left at None keeps its value;
    the comment filters (theme, score group) are always set (None: all)."""

    unit_id: int | None = None
    touchpoint_key: str | None = None
    channel: str | None = None
    theme_key: str | None = None
    score_group: str | None = None  # top, middle or bottom of ``measure``
    search: str = ""
    start: date | None = None
    end: date | None = None
    since: datetime | None = None  # only comments that arrived after this moment
    measure: str | None = None  # the measure the score group is read on (None: keep the page's)


def widget_values(drill: Drill) -> dict[str, object]:
    """The values of the bound widgets (by key) that this drill sets."""
    values: dict[str, object] = {
        "theme": drill.theme_key or ALL, "score": drill.score_group or ALL,
        "language": ALL, "q": drill.search, "sort": "relevance" if drill.search else "newest",
        "view": "list",
    }
    if drill.unit_id is not None:
        values["unit"] = drill.unit_id
    if drill.touchpoint_key is not None:
        values["touchpoint"] = drill.touchpoint_key
    if drill.channel is not None:
        values["channel"] = drill.channel
    if drill.measure is not None:
        values["measure"] = drill.measure
    return values


def plain_params(drill: Drill) -> dict[str, str]:
    """The query parameters that are not widgets: the period and ``since``."""
    params = {}
    if drill.start is not None and drill.end is not None:
        params |= {"from": drill.start.isoformat(), "to": drill.end.isoformat()}
    if drill.since is not None:
        params["since"] = drill.since.isoformat(timespec="seconds")
    return params


def link(drill: Drill) -> str:
    """A URL of the comments page for ``drill``, to share or bookmark: every filter
    as its key (the same link opens in either language); defaults are left out."""
    defaults = {"sort": "newest", "view": "list", "q": ""}
    params = {key: str(value) for key, value in widget_values(drill).items()
              if value != ALL and value != defaults.get(key)}
    params |= plain_params(drill)
    return "/comments" + ("?" + urlencode(params) if params else "")


def go(drill: Drill) -> None:
    """Set the comment page's filters for ``drill``; :func:`follow` then opens it.
    Safe in a widget callback, where bound widgets may still be changed."""
    for key, value in widget_values(drill).items():
        if key == "q":  # the search box is bound to the URL by Streamlit itself
            st.session_state[key] = value
        else:
            url_state.choose(key, value)
    st.session_state[_PENDING] = plain_params(drill)


def follow() -> None:
    """Open the comments page if a drill is pending (call it in the script body).
    In a fragment's run the whole page reruns first, and the page's own call opens
    it: a switch from a fragment's run loses the sidebar's language, whose switch
    does not run there."""
    if _PENDING not in st.session_state:
        return
    context = get_script_run_ctx()
    if context is not None and context.fragment_ids_this_run:
        st.rerun(scope="app")
    st.switch_page(COMMENTS_PAGE, query_params=st.session_state.pop(_PENDING))


def button(label: str, drill: Drill, key: str, **options) -> None:
    """A button that opens the comments of ``drill`` in one click."""
    if st.button(label, key=key, on_click=go, args=(drill,), **options):
        follow()
