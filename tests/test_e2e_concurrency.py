"""End to end: twenty people at once on one app process. Twenty Chromium
contexts, each its own account, log in at the same moment on a 100,000-response
demo and open the overview and the comments: every page renders (the overview
with its chart), none shows an error. Timings are the benchmark's business
(``python -m bench.concurrency``), not this test's."""

from __future__ import annotations

import pytest

from bench.concurrency import visitors, visits
from queries.db import prepare
from tests.browser import require_chromium, streamlit_server
from tests.conftest import copy_sqlite_database

pytestmark = [pytest.mark.browser, pytest.mark.timeout(1800)]
SESSIONS = 20


@pytest.fixture
def demo_copy(default_demo_url, tmp_path) -> str:
    """A private copy of the 100,000-response demo (the test adds accounts)."""
    return copy_sqlite_database(default_demo_url, tmp_path / "demo.db")


def test_twenty_sessions_at_once(demo_copy):
    require_chromium()
    usernames = visitors(prepare(demo_copy), SESSIONS)
    assert len(set(usernames)) == SESSIONS
    with streamlit_server(demo_copy) as base:
        results = visits(base, usernames, pages=("overview", "comments"), timeout_ms=900_000)
    assert [result["errors"] for result in results] == [[]] * SESSIONS
    assert [sorted(result["seconds"]) for result in results] == [["comments", "overview"]] * SESSIONS
