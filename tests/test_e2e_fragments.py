"""In Chromium: a widget inside a fragment reruns only that fragment.

The browser asks the server for every rerun with a ``rerun_script`` message; a
fragment's widget sends the fragment's id with it, and Streamlit then runs only
that fragment, leaving the rest of the page as it was. The tests read those
messages off the websocket, and checks that a widget outside (the view switch)
still reruns the whole page. They also read how the server ran each run
(:func:`tests.browser.finished_runs`): a save inside a fragment that changes
what the rest of the page shows must run the whole page.
"""

from __future__ import annotations

import re

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg

from tests.browser import chromium, expand, finished_runs, log_in, open_tab, streamlit_server, wait_idle
from tests.conftest import copy_sqlite_database

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


@pytest.fixture(scope="module")
def server(sqlite_demo_url, tmp_path_factory):
    """A server on a copy of the demo: the tests save cases and settings."""
    url = copy_sqlite_database(sqlite_demo_url, tmp_path_factory.mktemp("fragments") / "demo.db")
    with streamlit_server(url) as base:
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
        open_tab(page, "Actions")
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


class Traffic:
    """What the browser asks (the fragment id of each rerun, "" for the page) and
    how the server ran each run ("page" or "fragment"), from the page's opening on."""

    def __init__(self, page):
        self.page = page
        self.asked = _reruns(page)
        self.ran = finished_runs(page)

    def clear(self) -> None:
        self.asked.clear()
        self.ran.clear()

    def after(self, step) -> tuple[list[str], list[str]]:
        """Do ``step``; once the server has finished what it started, what was asked and run."""
        self.clear()
        step()
        for _ in range(600):  # the run's end arrives on the websocket
            if self.ran:
                break
            self.page.wait_for_timeout(100)
        wait_idle(self.page)
        assert self.page.locator("[data-testid='stException']").count() == 0
        return list(self.asked), list(self.ran)


def _open(browser, server: str, path: str, role: str, ready: str):
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    traffic = Traffic(page)
    page.goto(f"{server}/{path}?lang=en")
    log_in(page, role)
    page.wait_for_selector(ready, timeout=90_000)
    wait_idle(page)
    return page, traffic


def _pick(page, label: str, option: int = 1, within=None):
    """Open the select box ``label`` (in ``within``, else anywhere on the page); its
    ``option`` (a locator) for a click."""
    box = (within or page).get_by_role("combobox", name=label, exact=True)
    box.scroll_into_view_if_needed()
    box.click()
    choice = page.get_by_role("option").nth(option)
    choice.wait_for()
    return choice


def _alone(asked: list[str], ran: list[str]) -> str:
    """The one fragment that asked and ran alone; its id."""
    assert len(asked) == 1 and asked[0], asked
    assert ran == ["fragment"], ran
    return asked[0]


def test_the_follow_up_queue_reruns_alone_and_a_save_the_measures_count_reruns_the_page(server):
    with chromium() as browser:
        page, traffic = _open(browser, server, "follow_up", "manager", "text=/Showing \\d/")
        queue = _alone(*traffic.after(page.get_by_text("Overdue only").click))
        _alone(*traffic.after(page.get_by_text("Overdue only").click))

        key = re.search(r"st-key-case_\d+", page.locator("[class*='st-key-case_']").first.get_attribute("class"))
        case = page.locator(f".{key.group()}")
        expand(case, "Work on the case")
        case.get_by_label("Notes", exact=True).fill("Left a message on the answering machine")
        asked, ran = traffic.after(case.get_by_role("button", name="Save", exact=True).click)
        assert _alone(asked, ran) == queue  # a note is not measured: the queue alone
        assert "Left a message on the answering machine" in case.inner_text()

        expand(case, "Work on the case")  # a save draws the editor anew, closed
        _pick(page, "Status", within=case).click()  # the first move from the case's status
        asked, ran = traffic.after(case.get_by_role("button", name="Save", exact=True).click)
        assert asked == [queue] and ran == ["page"]  # the measures count a status: the page

        open_tab(page, "Measures and root causes")
        asked, ran = traffic.after(_pick(page, "Cases received").click)
        assert _alone(asked, ran) != queue
        page.close()


def test_where_we_stand_and_the_heatmap_rerun_alone_and_opening_a_cell_reruns_the_page(server):
    with chromium() as browser:
        page, traffic = _open(browser, server, "strengths", "leader", "text=Where we stand")
        title = page.locator("h1").first.inner_text()
        standing = _alone(*traffic.after(page.get_by_role("radio", name="the previous period").click))
        assert "vs=previous" in page.url  # the comparator is still kept in the URL

        open_tab(page, "Units and touchpoints")  # only the open tab runs: a tab switch reruns the page

        heatmap = _alone(*traffic.after(_pick(page, "Order the units").click))
        assert heatmap != standing and "heat_rows=weakest" in page.url

        cell = _pick(page, "Open a clear difference")
        unit = cell.inner_text().split(" · ")[-2]  # "▲ region · unit · touchpoint"
        assert _alone(*traffic.after(cell.click)) == heatmap
        assert page.locator("h1").first.inner_text() == title

        asked, ran = traffic.after(page.locator(".st-key-heat_open button").click)
        assert asked == [heatmap] and ran == ["page"]  # the sidebar's unit changed: the page
        assert unit in page.locator("h1").first.inner_text()
        assert "unit=" in page.url and "vs=previous" in page.url
        page.close()


def _upload(page) -> None:
    page.locator(".st-key-imp_upload input[type='file']").set_input_files(files=[{
        "name": "few.csv", "mimeType": "text/csv",
        "buffer": "date;store;score;comment\n2026-11-01;Solna;9;Bra\n".encode()}])


def _tab(page, name: str, label: str, option: int):
    """Open the admin tab ``name``; the click that picks ``label``'s ``option``."""
    open_tab(page, name)
    return _pick(page, label, option).click


def _save(page, tab: str, button: str):
    """Open the admin tab ``tab``; the click on its first button ``button``."""
    open_tab(page, tab)
    return page.get_by_role("button", name=button, exact=True).filter(visible=True).first.click


def test_each_admin_tab_reruns_alone_and_a_save_other_parts_show_reruns_the_page(server):
    with chromium() as browser:
        page, traffic = _open(browser, server, "admin", "admin", "text=Import history")
        tabs = {}
        tabs["import"] = _alone(*traffic.after(lambda: _upload(page)))
        page.wait_for_selector("text=The first rows", timeout=30_000)
        for name, label, option in (("Units and regions", "Unit or region", 1), ("Touchpoints", "Touchpoint", 1),
                                    ("Users", "User", 1), ("Themes", "Theme to edit", 2)):  # the first theme is open
            tabs[name] = _alone(*traffic.after(_tab(page, name, label, option)))
        open_tab(page, "Users")  # what was picked in a tab is still picked, and shown, after a look at others
        wait_idle(page)
        assert page.get_by_role("combobox", name="User").input_value() not in ("", "Pick a user")
        open_tab(page, "Audit log")
        tabs["audit"] = _alone(*traffic.after(_pick(page, "Action", 0).click))
        page.keyboard.press("Escape")  # the multiselect's list stays open
        open_tab(page, "Personal data")
        page.get_by_text("Remove customer details after a period").click()
        asked, ran = traffic.after(_save(page, "Personal data", "Save"))
        tabs["privacy"] = _alone(asked, ran)  # the retention period shows in its tab alone
        page.get_by_text("The retention period is now").wait_for()

        asked, ran = traffic.after(_save(page, "Thresholds and targets", "Save"))
        assert len(asked) == 1 and asked[0] not in tabs.values() and ran == ["page"]
        tabs["thresholds"] = asked[0]
        page.get_by_text("The thresholds are saved").first.wait_for()
        asked, ran = traffic.after(_save(page, "Follow-up rules", "Save the rules"))
        assert len(asked) == 1 and asked[0] not in tabs.values() and ran == ["page"]  # the checklist counts rules
        page.get_by_text("The rules are saved").wait_for()
        assert len(set(tabs.values())) == len(tabs)  # a fragment of its own for each tab
        page.close()


def test_a_drill_from_where_we_stand_keeps_the_language(default_demo_url, tmp_path):
    """A card's "Read the comments" is clicked in a fragment's run, where the
    sidebar's language switch does not run; the comments page opens in English."""
    url = copy_sqlite_database(default_demo_url, tmp_path / "default.db")
    with streamlit_server(url) as base, chromium() as browser:
        page, traffic = _open(browser, base, "strengths", "manager", "text=Where we stand")
        drill = page.get_by_role("button", name="Read the comments").first
        drill.scroll_into_view_if_needed()
        traffic.after(drill.click)
        page.wait_for_selector("text=/Showing \\d/", timeout=60_000)
        assert "/comments" in page.url and "lang=en" in page.url
        assert page.locator("h1").first.inner_text().startswith("Comments")
        page.close()
