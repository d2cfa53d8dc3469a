"""Suggest themes through AppTest on the demo: who sees the action, the search in
the background worker, and a manager's proposal."""

from __future__ import annotations

import time

import pytest

from queries import discovery
from queries.db import engine_for
from tests.app_runs import open_tab
from tests.test_pages import texts

pytestmark = [pytest.mark.usefixtures("fresh_caches"), pytest.mark.timeout(600)]


def _labels(test) -> list[str]:
    return [button.label for button in test.button]


def test_staff_have_no_suggest_action(sqlite_demo_url, open_page):
    test = open_page(sqlite_demo_url, "staff", "pages/comments.py", view="themes")
    assert not test.exception
    assert "Föreslå teman" not in _labels(test)


def test_a_manager_searches_in_the_background_and_proposes(sqlite_scratch_url, open_page):
    test = open_page(sqlite_scratch_url, "manager", "pages/comments.py", view="themes")
    start = next(button for button in test.button if button.label == "Föreslå teman")
    test = start.click().run()
    assert not test.exception
    deadline = time.monotonic() + 300
    while "Föreslå som tema" not in _labels(test):  # the page polls; AppTest reruns by hand
        assert time.monotonic() < deadline, texts(test)
        time.sleep(2)
        test = test.run()
        assert not test.exception, test.exception
    shown = texts(test)
    assert "förslag ur" in shown and "av alla (95 % KI" in shown
    assert "Uppsala Centrum" in "".join(element.proto.body for element in test.get("html"))
    test = next(button for button in test.button if button.label == "Föreslå som tema").click().run()
    assert not test.exception
    proposals = discovery.proposals(engine_for(sqlite_scratch_url))
    assert len(proposals) == 1 and proposals["unit"].iloc[0] == "Uppsala Centrum"


def test_an_admin_accepts_a_proposal_in_the_filled_editor(sqlite_scratch_url, open_page):
    from sqlalchemy import func, select

    from queries.schema import ResponseTheme, Theme
    from tests.people import person

    engine = engine_for(sqlite_scratch_url)
    manager, _scope = person(engine, "manager")
    discovery.propose(engine, manager, ["parkering", "parkeringen"], ["parkering*", "p-plats*"], [])
    test = open_page(sqlite_scratch_url, "admin", "pages/admin.py")
    open_tab(test, "admin_tab", "Teman")
    assert "parkering, parkeringen" in texts(test)
    test = next(button for button in test.button if button.label == "Godta …").click().run()
    assert not test.exception, test.exception
    patterns = next(area for area in test.text_area if area.label.startswith("Mönster på svenska"))
    assert patterns.value.splitlines() == ["parkering*", "p-plats*"]
    assert next(box for box in test.text_input if (box.key or "").startswith("admin_theme_key_")).value == "parkering"
    test = next(button for button in test.button if button.label == "Skapa tema och tagga om").click().run()
    assert not test.exception, test.exception
    with engine.connect() as connection:
        theme = connection.execute(select(Theme).where(Theme.key == "parkering")).one()
        tagged = connection.execute(select(func.count()).select_from(ResponseTheme)
                                    .where(ResponseTheme.theme_id == theme.id)).scalar()
    assert theme.patterns_sv == "parkering*\np-plats*" and theme.active and tagged == 0  # the demo never parks
    assert discovery.proposals(engine).empty
    assert discovery.proposals(engine, status=None)["status"].tolist() == ["accepted"]


def test_a_leaders_proposal_beside_a_managers_says_it_has_no_unit(sqlite_scratch_url, open_page):
    """A leader has no unit: beside a manager's proposal, theirs reads "ingen enhet", never
    "nan" (pandas 3's missing text, which ``or`` took for a unit)."""
    from tests.people import person

    engine = engine_for(sqlite_scratch_url)
    discovery.propose(engine, person(engine, "manager")[0], ["parkering"], ["parkering*"], [])
    discovery.propose(engine, person(engine, "leader")[0], ["kassakö"], ["kassakö*"], [])
    assert discovery.proposals(engine).set_index("terms").loc["kassakö", "unit"] is None
    test = open_page(sqlite_scratch_url, "admin", "pages/admin.py")
    open_tab(test, "admin_tab", "Teman")
    assert not test.exception, test.exception
    lines = [element.value for element in test.markdown if "kassakö" in element.value]
    assert len(lines) == 1 and "ingen enhet" in lines[0] and "nan" not in lines[0]
