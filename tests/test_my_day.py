""""My day", the page staff land on: their own open cases first with time left and
one tap to each, the actions they own with "mark as done" (one line on what was
done, kept in view as done, with an undo), the unit's praise and result, and a
menu one tap away on a 390×844 phone (Chromium)."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import select

from queries import actions, follow_ups
from queries.db import engine_for
from queries.schema import ActionEvent
from tests.browser import chromium, log_in, screenshot, streamlit_server, wait_idle
from tests.people import person
from tests.test_pages import texts

pytestmark = pytest.mark.usefixtures("fresh_caches")
PAGE = "pages/my_day.py"


def _own_open_action(engine, staff, scope):
    owned = actions.actions_in_scope(engine, scope, owner_id=staff.id, statuses=actions.OPEN_STATUSES)
    assert len(owned), "the demo gives staff an open action of their own"
    return owned.iloc[0]


def test_staff_see_their_own_cases_first_each_one_tap_away(sqlite_demo_url, open_page):
    engine = engine_for(sqlite_demo_url)
    staff, scope = person(engine, "staff")
    test = open_page(sqlite_demo_url, "staff", PAGE)
    assert not test.exception, test.exception
    headers = [header.value for header in test.subheader]
    assert headers[:2] == ["Mina öppna ärenden", "Åtgärder jag äger"]
    assert headers[2].startswith("Beröm för enheten") and headers[3].startswith("Enhetens resultat")
    mine = follow_ups.cases(engine, scope, statuses=follow_ups.OPEN_STATUSES, owner_id=staff.id)
    links = [link.proto for link in test.main.get("page_link") if link.proto.label == "Öppna ärendet"]
    assert len(links) == min(len(mine), 5) > 0
    assert all(link.page.endswith("follow_up") for link in links)
    assert "troligen mellan" in texts(test) and "svar" in texts(test)


def test_marking_an_action_done_keeps_it_in_view_with_an_undo(sqlite_scratch_url, open_page):
    engine = engine_for(sqlite_scratch_url)
    staff, scope = person(engine, "staff")
    action = _own_open_action(engine, staff, scope)
    test = open_page(sqlite_scratch_url, "staff", PAGE)
    done = next(button for button in test.button if button.label == "Markera som klar"
                and button.proto.form_id == f"day_form_{action.id}")
    done.click().run()  # no line yet: refused, nothing written
    assert "Skriv en rad om vad som gjordes först." in [error.value for error in test.error]
    assert actions.actions_in_scope(engine, scope, owner_id=staff.id).set_index("id").loc[action.id, "status"] \
        == action.status
    test.text_input(key=f"day_line_{action.id}").input("Nya  skyltar uppe vid kassan")
    next(button for button in test.button if button.proto.form_id == f"day_form_{action.id}").click().run()
    assert not test.exception, test.exception
    now = actions.actions_in_scope(engine, scope, owner_id=staff.id).set_index("id").loc[action.id]
    assert now["status"] == "done"
    with engine.connect() as connection:
        notes = connection.execute(select(ActionEvent.new_value).where(
            ActionEvent.action_id == int(action.id), ActionEvent.field == "note")).scalars().all()
    assert notes == ["Nya skyltar uppe vid kassan"]
    assert "Klar: Nya skyltar uppe vid kassan" in [success.value for success in test.success]
    undo = next(button for button in test.button if button.label == "Ångra")
    undo.click().run()
    assert not test.exception, test.exception
    after = actions.actions_in_scope(engine, scope, owner_id=staff.id).set_index("id").loc[action.id]
    assert after["status"] == action.status and pd.isna(after["completed_at"])


def test_only_the_person_who_marked_it_done_may_undo_and_notes_are_one_short_line(sqlite_scratch_url):
    engine = engine_for(sqlite_scratch_url)
    staff, scope = person(engine, "staff")
    manager, manager_scope = person(engine, "manager")
    action = _own_open_action(engine, staff, scope)
    with pytest.raises(actions.ActionError) as empty:
        actions.mark_done(engine, scope, staff, int(action.id), int(action.version), "   ")
    assert empty.value.code == "note_empty"
    with pytest.raises(actions.ActionError) as long:
        actions.mark_done(engine, scope, staff, int(action.id), int(action.version), "x" * (actions.NOTE_MAX + 1))
    assert long.value.code == "note_long"
    version = actions.mark_done(engine, scope, staff, int(action.id), int(action.version), "done it")
    with pytest.raises(PermissionError):  # the manager did not mark it done
        actions.undo_done(engine, manager_scope, manager, int(action.id), version)
    back = actions.undo_done(engine, scope, staff, int(action.id), version)
    with pytest.raises(PermissionError):  # the latest status change is no longer a "done"
        actions.undo_done(engine, scope, staff, int(action.id), back)


def test_a_case_link_opens_that_case_alone_and_only_in_scope(sqlite_demo_url, open_page):
    engine = engine_for(sqlite_demo_url)
    staff, scope = person(engine, "staff")
    mine = follow_ups.cases(engine, scope, statuses=follow_ups.OPEN_STATUSES, owner_id=staff.id)
    case_id = int(mine.iloc[0]["id"])
    test = open_page(sqlite_demo_url, "staff", "pages/follow_up.py", case=str(case_id))
    assert not test.exception, test.exception
    assert "Visar ett ärende." in texts(test)
    cards = [element for element in test.get("html") if "class=\"insikt-case-head\"" in getattr(element.proto, "body", "")]
    assert len(cards) == 1
    leader, everyone = person(engine, "leader")
    elsewhere = follow_ups.cases(engine, everyone, statuses=follow_ups.OPEN_STATUSES)
    outside = int(elsewhere[~elsewhere["unit_id"].isin(scope.unit_ids)].iloc[0]["id"])
    test = open_page(sqlite_demo_url, "staff", "pages/follow_up.py", case=str(outside))
    assert not [element for element in test.get("html") if "class=\"insikt-case-head\"" in getattr(element.proto, "body", "")]


@pytest.mark.parametrize("role", ["manager", "leader"])
def test_managers_and_leaders_may_open_it_too(sqlite_demo_url, open_page, role):
    test = open_page(sqlite_demo_url, role, PAGE)
    assert not test.exception, test.exception
    assert test.title[0].value.startswith("Min dag · ")


@pytest.mark.browser
@pytest.mark.xdist_group("my-day-phone")  # apart from the short tests of this file
def test_on_a_phone_staff_land_on_my_day_and_reach_every_page_in_one_tap(sqlite_scratch_url):
    with streamlit_server(sqlite_scratch_url) as server, chromium() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        page.goto(server)
        log_in(page, "staff")
        page.get_by_role("heading", name="Mina öppna ärenden").wait_for(timeout=60_000)
        wait_idle(page)
        top = page.locator(".st-key-insikt_top_menu")
        assert top.is_visible()
        box = top.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing cut off sideways
        screenshot(page, "my-day-phone")
        top.get_by_role("link", name="Återkoppling").click()
        page.get_by_role("heading", name="Återkoppling till missnöjda kunder").wait_for(timeout=60_000)
        wait_idle(page)
        assert page.locator("[data-testid='stException']").count() == 0
        screenshot(page, "my-day-phone-follow-up")
        page.set_viewport_size({"width": 1440, "height": 900})  # the layout follows the width alone
        page.locator("[data-testid='stSidebar'] a[href='overview']").first.wait_for()  # it opens
        assert not top.is_visible()  # the sidebar serves a wide screen
        page.close()


def test_staff_of_one_unit_read_its_week_once_until_the_data_changes(sqlite_scratch_url, monkeypatch):
    """The week's praise, quote and counts are the same for everyone with the same scope:
    twenty staff of a unit logging in at once computed them twenty times (bench.sessions).
    The second person reads them from the first one's visit; a change of data reads anew."""
    from streamlit.testing.v1 import AppTest

    from notify import digest
    from queries import admin, settings
    from queries.schema import Unit
    from tests.test_pages import log_in

    engine = engine_for(sqlite_scratch_url)
    staff, scope = person(engine, "staff")
    with engine.connect() as connection:
        unit = connection.execute(select(Unit.name).where(Unit.id == staff.unit_id)).scalar_one()
    admin.add_user(engine, username="colleague", display_name=None, role="staff", unit_name=unit,
                   password="quiet harbour 42")
    read, real = [], digest._unit_week
    monkeypatch.setattr(digest, "_unit_week", lambda *args: read.append(args[1].unit_ids) or real(*args))
    monkeypatch.setenv("DATABASE_URL", sqlite_scratch_url)
    monkeypatch.setenv("INSIKT_DEMO_ON_EMPTY", "0")

    def my_day(username: str, password: str) -> str:
        test = log_in(AppTest.from_file("../app.py", default_timeout=90).run(), username, password)
        assert not test.exception, test.exception
        return texts(test)

    first = my_day("staff", "demo")
    assert read == [scope.unit_ids] and "Beröm för enheten" in first
    assert my_day("colleague", "quiet harbour 42").split("Beröm för enheten")[1] == \
        first.split("Beröm för enheten")[1]
    assert len(read) == 1
    with engine.begin() as connection:
        settings.bump_data_version(connection)
    my_day("staff", "demo")
    assert len(read) == 2
