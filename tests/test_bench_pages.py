"""bench.pages, the benchmark of every page cold and warm: it times every page of the
menu for each role the menu gives it, and a page's query, written as in a link, opens
what the link would (a leader's strengths page for one unit, not the prompt to choose
one: that prompt renders ten times faster and would pass for a fast page)."""

from __future__ import annotations

import pytest

from bench.pages import PAGES, ROLES, VIEWS, app_test, may_open
from components.menu import pages_for
from queries.db import prepare
from queries.users import authenticate


def test_every_page_of_the_menu_is_timed_for_each_role_that_has_it():
    for role in ROLES:
        timed = {page for page in PAGES if may_open(page, role)}
        assert {f"pages/{page}.py" for page in timed} == {info.path for info in pages_for(role)}
    assert may_open("my_day", "staff") and not may_open("my_day", "leader")
    assert may_open("workshop", "staff")  # staff take part in a workshop
    assert may_open("strengths?unit=Uppsala+Centrum", "leader")
    assert not may_open("admin?tab=users", "staff")


@pytest.mark.usefixtures("fresh_caches")
def test_a_query_written_as_in_a_link_opens_that_unit(sqlite_demo_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", sqlite_demo_url)
    monkeypatch.setenv("INSIKT_DEMO_ON_EMPTY", "0")
    leader = authenticate(prepare(sqlite_demo_url), "leader", "demo").account
    chosen = app_test("strengths?unit=Uppsala+Centrum", leader).run()
    unchosen = app_test("strengths", leader).run()
    assert not chosen.exception and not unchosen.exception
    unit = chosen.selectbox(key="unit")
    assert unit.options[unit.index] == "Uppsala Centrum"
    compared = "resten av organisationen"  # the unit's cards weigh it against the rest
    assert compared in " ".join(block.value for block in chosen.markdown).lower()
    assert compared not in " ".join(block.value for block in unchosen.markdown).lower()


@pytest.mark.usefixtures("fresh_caches")
def test_the_comments_pages_other_views_are_timed_as_their_links_open_them(sqlite_demo_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", sqlite_demo_url)
    monkeypatch.setenv("INSIKT_DEMO_ON_EMPTY", "0")
    manager = authenticate(prepare(sqlite_demo_url), "manager", "demo").account
    for view in VIEWS:
        assert may_open(view, "staff")
        test = app_test(view, manager).run()
        assert not test.exception
        assert test.session_state["view"] == view.partition("=")[2]
