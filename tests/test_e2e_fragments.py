"""In Chromium: a widget inside a fragment reruns only that fragment.

The browser asks the server for every rerun with a ``rerun_script`` message; a
fragment's widget sends the fragment's id with it, and Streamlit then runs only
that fragment, leaving the rest of the page as it was. The test reads those
messages off the websocket, and checks that a widget outside (the view switch)
still reruns the whole page.
"""

from __future__ import annotations

import re

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg

from tests.browser import chromium, log_in, streamlit_server, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


@pytest.fixture(scope="module")
def server(sqlite_demo_url):
    with streamlit_server(sqlite_demo_url) as base:
        yield base


def _reruns(page) -> list[str]:
    """The fragment id of every rerun the page asks for from now on ("" for the whole page)."""
    asked: list[str] = []

    def sent(payload) -> None:
        if isinstance(payload, bytes):
            message = BackMsg.FromString(payload)
            if message.WhichOneof("type") == "rerun_script":
                asked.append(message.rerun_script.fragment_id)

    page.on("websocket", lambda socket: socket.on("framesent", sent))
    return asked


def _showing(page) -> str:
    return page.get_by_text(re.compile(r"Showing \d")).first.inner_text()


def test_the_comment_lists_filters_and_paging_rerun_only_the_list(server):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        asked = _reruns(page)
        page.goto(f"{server}/comments?lang=en")
        log_in(page, "staff")
        page.wait_for_selector("text=/Showing \\d/", timeout=60_000)
        wait_idle(page)
        title, first = page.locator("h1").first.inner_text(), _showing(page)
        asked.clear()

        page.get_by_label("Page").fill("2")
        page.get_by_label("Page").press("Enter")
        page.wait_for_selector("text=/Showing 26/", timeout=30_000)
        wait_idle(page)
        search = page.get_by_role("textbox", name="Search the comments")
        search.fill("personal")
        search.press("Enter")
        page.wait_for_function(f"() => !document.body.innerText.includes({first!r})", timeout=30_000)
        wait_idle(page)
        assert asked and all(asked), asked  # each rerun named the list's fragment
        assert len(set(asked)) == 1
        assert "Showing 1–" in _showing(page)
        assert page.locator("h1").first.inner_text() == title
        assert page.locator("[data-testid='stException']").count() == 0

        asked.clear()
        page.get_by_text("Themes", exact=True).first.click()
        wait_idle(page)
        assert asked == [""]  # the view switch lies outside: the whole page reruns
        page.close()


def test_the_action_lists_filters_rerun_only_the_list(server):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        asked = _reruns(page)
        page.goto(f"{server}/actions?lang=en")
        log_in(page, "leader")
        page.get_by_role("tab", name="Actions").click()
        page.wait_for_selector("text=Pick an action in the table", timeout=60_000)
        wait_idle(page)
        asked.clear()

        owner = page.get_by_role("combobox", name="Owner")
        owner.click()
        page.get_by_role("option").nth(1).click()
        wait_idle(page)
        assert owner.input_value() not in ("", "All owners")  # the filter took
        assert asked and all(asked), asked
        assert page.locator("[data-testid='stException']").count() == 0
        page.close()
