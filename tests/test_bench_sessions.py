"""bench.sessions, the benchmark that speaks Streamlit's websocket protocol instead of
drawing pages in Chromium: its sessions really log in and render the pages they time
(a chart on the overview), and a refused login or a page that fails is an error in its
report, never a fast render."""

from __future__ import annotations

from bench.sessions import Run, _problems, visits
from bench.concurrency import run_alone, visitors
from queries.db import prepare
from tests.browser import streamlit_server


def _under_a_running_loop(call):
    """``call()`` where an event loop is running, as in a test worker whose browser
    tests started Playwright's sync API (made with :func:`run_alone`, since this
    worker's own thread may hold such a loop already)."""
    async def inside():
        return call()

    return run_alone(inside())


def test_sessions_log_in_and_render_each_page(sqlite_scratch_url):
    usernames = visitors(prepare(sqlite_scratch_url), 3)
    with streamlit_server(sqlite_scratch_url) as base:
        results = visits(base, usernames, pages=("overview", "comments"), timeout=120)
        refused = _under_a_running_loop(  # the demo's password is not PASSWORD
            lambda: visits(base, ["leader"], pages=("overview",), timeout=120))
    assert [result["errors"] for result in results] == [[]] * 3
    assert [sorted(result["seconds"]) for result in results] == [["comments", "login", "overview"]] * 3
    assert "the login was refused" in refused[0]["errors"][0]
    assert "overview" not in refused[0]["seconds"]


def test_an_exception_or_a_missing_chart_is_an_error():
    assert _problems("comments", Run()) == []
    assert _problems("overview", Run()) == ["overview: no chart"]
    assert _problems("overview", Run(charts=1)) == []
    assert _problems("strengths", Run(errors=["KeyError: 'x'"])) == ["strengths: KeyError: 'x'"]
