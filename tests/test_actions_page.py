"""The actions page through AppTest: tracking for leaders and managers, the
editor with optimistic locking, new actions, and staff's read-only view."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select

from queries import actions
from queries.db import engine_for
from queries.schema import Action, ActionEvent
from queries.scope import scope_for
from queries.users import authenticate
from tests.app_runs import open_tab
from tests.test_pages import ROLES, texts


pytestmark = pytest.mark.usefixtures("fresh_caches")
VIEW = "actions_view"  # the key of the page's tabs


@pytest.fixture
def app(sqlite_demo_url, open_page):
    return lambda role, **query: open_page(sqlite_demo_url, role, "pages/actions.py", **query)


@pytest.fixture
def engine(sqlite_demo_url):
    return engine_for(sqlite_demo_url)


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_the_actions_page(app, role):
    test = app(role)
    assert not test.exception, test.exception
    assert test.title[0].value == "Åtgärder"
    tabs = [tab.label for tab in test.tabs]
    if role == "staff":
        assert tabs == ["Åtgärder"]
    else:
        assert tabs == ["Uppföljning", "Åtgärder", "Ny åtgärd"]
        assert "åtgärder klara" in texts(test)


def test_the_tracker_judges_the_planted_actions(default_demo_url, open_page, demo_clock):
    # The planted effects need the volume of the demo the app ships with (100,000 responses).
    test = open_page(default_demo_url, "leader", "pages/actions.py")
    assert not test.exception, test.exception
    frames = [frame.value for frame in test.dataframe]
    effects = next(frame for frame in frames if "verdict_text" in frame.columns)
    verdicts = dict(zip(effects["unit"], effects["verdict_text"]))
    # Gävle's queues really shortened; Västerås's training changed nothing; Uppsala's praise
    # was done 24 days before the demo's day, so its after-window has not passed.
    assert verdicts["Gävle"] == "Bättre efter åtgärden, mer än jämförbara enheter"
    assert verdicts["Västerås"] == "Ingen tydlig skillnad mot jämförbara enheter"
    assert verdicts["Uppsala Centrum"].startswith("Resultat väntas ")
    gavle = effects[effects["unit"] == "Gävle"].iloc[0]
    # Too few comments on waiting after the action: measured on the whole unit, and said so.
    assert gavle["measured_on"] == "NPS, hela enheten (för få svar om Väntetid och köer för att bedöma)"
    assert "enheter, i Region Nord)" in gavle["comparison"] and "n = " in gavle["unit_figures"]
    assert ("Resultat av klara åtgärder (3): 1 bättre efter åtgärden, mer än jämförbara enheter · "
            "1 utan tydlig skillnad · 0 sämre · 1 väntar på eftermätningen · 0 kan inte bedömas") in "\n".join(element.value for element in test.markdown)


def test_the_trackers_weeks_survive_a_look_at_the_action_list(app):
    """Only the open tab runs and Streamlit forgets a widget a run leaves out; the
    window the leader set is kept when they look at the list and come back."""
    test = app("leader")
    weeks = next(box for box in test.number_input if box.label == "Veckor före och efter")
    assert weeks.value == 8
    weeks.set_value(12).run()
    open_tab(test, VIEW, "Åtgärder")
    open_tab(test, VIEW, "Uppföljning")
    assert not test.exception, test.exception
    assert next(box for box in test.number_input if box.label == "Veckor före och efter").value == 12


def test_an_action_done_today_shows_when_its_result_is_expected(sqlite_scratch_url, open_page):
    from analysis.action_effect import windows
    from components.i18n import day, translate
    from queries.common import utc_now

    engine = engine_for(sqlite_scratch_url)
    manager = authenticate(engine, "manager", "demo").account
    scope = scope_for(engine, "manager", manager.unit_id)
    action = actions.actions_in_scope(engine, scope, statuses=["in_progress"]).iloc[0]
    actions.update_action(engine, scope, manager, int(action["id"]), int(action["version"]), status="done")
    today = utc_now().date()
    expected = windows(today, today).expected_on
    text = translate("ae_verdict_pending", "sv", date=day(expected, language="sv"))
    for role in ("manager", "staff"):
        test = open_page(sqlite_scratch_url, role, "pages/actions.py")
        assert not test.exception, test.exception
        effects = next(frame.value for frame in test.dataframe if "verdict_text" in frame.value.columns)
        assert text in effects["verdict_text"].tolist(), (role, effects["verdict_text"].tolist())
        row = effects[effects["verdict_text"] == text].iloc[0]
        assert row["difference"] == "–"  # no figures before the after-window has passed
    # The action's own editor says the same.
    test = open_page(sqlite_scratch_url, "manager", "pages/actions.py")
    open_tab(test, VIEW, "Åtgärder")
    test = test.multiselect(key="action_statuses").set_value(["done"]).run()
    titles = [frame.value for frame in test.dataframe if "status_text" in frame.value.columns][0]["title"].tolist()
    test.session_state["action_table"] = {"selection": {"rows": [titles.index(action["title"])], "columns": [],
                                                         "cells": []}}
    test = test.run()
    assert not test.exception, test.exception
    assert f"Hjälpte det? {text}" in [element.value.replace("\\", "") for element in test.info][0]


def test_a_unit_below_the_minimum_shows_only_its_counts(sqlite_scratch_url, open_page, demo_clock):
    from sqlalchemy import update

    from queries.schema import Action

    engine = engine_for(sqlite_scratch_url)
    with engine.begin() as connection:  # a measure the demo has no answers on
        connection.execute(update(Action).where(Action.status == "done").values(expected_effect="scale10"))
    test = open_page(sqlite_scratch_url, "leader", "pages/actions.py")
    assert not test.exception, test.exception
    effects = next(frame.value for frame in test.dataframe if "verdict_text" in frame.value.columns)
    judged = effects[~effects["verdict_text"].str.startswith("Resultat väntas")]
    assert len(judged) == 2
    assert set(judged["verdict_text"]) == {"För få svar för att bedöma (n = 0 / 0)"}
    assert set(judged["unit_figures"]) == {"För få svar (n = 0 / 0)"}
    assert set(judged["difference"]) == {"–"}


def test_a_done_action_for_the_whole_unit_beside_ones_with_a_target(sqlite_scratch_url, open_page):
    """An action without an insight (here grouped with the unit's earlier one) is judged on the
    whole unit; beside the demo's done actions, which each target a theme, its missing target
    is None, not NaN (pandas 3's missing text, read as a target "nan": KeyError, no page)."""
    from datetime import date, timedelta

    engine = engine_for(sqlite_scratch_url)
    manager = authenticate(engine, "manager", "demo").account
    scope = scope_for(engine, "manager", manager.unit_id)
    action_id = actions.create_action(engine, scope, manager, insight_id=None, unit_id=manager.unit_id,
                                      title="Hälsa alla kunder i dörren", description=None, owner_id=manager.id,
                                      due_date=date.today() + timedelta(days=7), expected_effect="nps")
    actions.update_action(engine, scope, manager, action_id, 1, status="done")
    test = open_page(sqlite_scratch_url, "leader", "pages/actions.py")
    assert not test.exception, test.exception
    effects = next(frame.value for frame in test.dataframe if "verdict_text" in frame.value.columns)
    mine = effects[effects["titles"].str.contains("Hälsa alla kunder i dörren")]
    assert mine["measured_on"].tolist() == ["NPS, hela enheten"]
    assert (effects["measured_on"] != "NPS, hela enheten").any()  # the others' theme, beside it


def test_a_manager_creates_an_action_and_an_empty_title_is_refused(app, engine):
    test = app("manager")
    open_tab(test, VIEW, "Ny åtgärd")
    form_buttons = [button for button in test.button if button.label == "Skapa åtgärd"]
    assert form_buttons
    test = form_buttons[0].click().run()
    assert "Skriv en rubrik." in texts(test)
    title = [box for box in test.text_input if box.label == "Rubrik"][-1]
    title.input("Testa kö-värd på lördagar")
    test = [b for b in test.button if b.label == "Skapa åtgärd"][0].click().run()
    assert not test.exception, test.exception
    assert "Åtgärden är skapad." in texts(test)
    with engine.begin() as connection:
        created = connection.execute(select(Action.id).where(Action.title == "Testa kö-värd på lördagar")).scalars().all()
        assert len(created) == 1
        connection.execute(delete(ActionEvent).where(ActionEvent.action_id.in_(created)))
        connection.execute(delete(Action).where(Action.id.in_(created)))


def test_a_stale_save_is_refused_with_both_versions(engine):
    """The page's save path: a second editor saving an old version gets StaleAction."""
    manager = authenticate(engine, "manager", "demo").account
    scope = scope_for(engine, "manager", manager.unit_id)
    rows = actions.actions_in_scope(engine, scope)
    action = rows.iloc[0]
    version = int(action["version"])
    new_version = actions.update_action(engine, scope, manager, int(action["id"]), version,
                                        description="first editor")
    try:
        with pytest.raises(actions.StaleAction) as stale:
            actions.update_action(engine, scope, manager, int(action["id"]), version,
                                  description="second editor")
        assert stale.value.current["description"] == "first editor"
        assert stale.value.current["changed_by"] == manager.display_name
    finally:
        actions.update_action(engine, scope, manager, int(action["id"]), new_version,
                              description=action["description"] or "")


def test_staff_reads_and_can_only_mark_their_own_action_done(app):
    test = app("staff")
    assert not test.exception
    assert not [b for b in test.button if b.label == "Skapa åtgärd"]
    assert "Uppföljning" not in [tab.label for tab in test.tabs]


def _select_first_action(test):
    """Pick the first row of the action table (as a click on it would)."""
    open_tab(test, VIEW, "Åtgärder")
    test.session_state["action_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    return test.run()


def test_a_manager_edits_an_action_and_a_stale_save_shows_both_versions(app, engine):
    manager = authenticate(engine, "manager", "demo").account
    scope = scope_for(engine, "manager", manager.unit_id)
    test = app("manager")
    test = _select_first_action(test)
    assert not test.exception, test.exception
    first = actions.actions_in_scope(engine, scope, statuses=["planned", "in_progress"]).iloc[0]
    original = first["description"] or ""
    # Someone else saves while this page still shows the old version …
    actions.update_action(engine, scope, manager, int(first["id"]), int(first["version"]),
                          description="changed elsewhere")
    try:
        description = [box for box in test.text_area if box.label == "Beskrivning"][0]
        description.input("my edit")
        test = [b for b in test.button if b.label == "Spara"][0].click().run()
        assert not test.exception, test.exception
        # … so the save is refused with who and when, and both versions are shown.
        assert "medan du redigerade. Inget har skrivits över." in texts(test)
        assert [m.value for m in test.markdown if m.value in ("**Din version**", "**Sparad version nu**")]
        current = actions.actions_in_scope(engine, scope).set_index("id").loc[int(first["id"])]
        assert current["description"] == "changed elsewhere"
    finally:
        now = actions.actions_in_scope(engine, scope).set_index("id").loc[int(first["id"])]
        actions.update_action(engine, scope, manager, int(first["id"]), int(now["version"]),
                              description=original)


def test_staff_marks_their_own_action_done_in_the_page(app, engine):
    staff = authenticate(engine, "staff", "demo").account
    scope = scope_for(engine, "staff", staff.unit_id)
    own = actions.actions_in_scope(engine, scope, owner_id=staff.id, statuses=["planned", "in_progress"])
    assert not own.empty, "the demo's staff member owns an open action"
    test = app("staff")
    owner = test.selectbox(key="action_owner")
    test = owner.select_index(owner.options.index(staff.display_name)).run()
    test = _select_first_action(test)
    assert not [b for b in test.button if b.label == "Spara"], "staff get no edit form"
    action = own.iloc[0]
    try:
        test = [b for b in test.button if b.label == "Markera som klar"][0].click().run()
        assert not test.exception, test.exception
        done = actions.actions_in_scope(engine, scope).set_index("id").loc[int(action["id"])]
        assert done["status"] == "done"
    finally:
        now = actions.actions_in_scope(engine, scope).set_index("id").loc[int(action["id"])]
        actions.update_action(engine, scope, staff, int(action["id"]), int(now["version"]),
                              status=action["status"] if action["status"] != "planned" else "in_progress")


def test_an_owner_outside_the_unit_is_refused_with_the_reason_in_swedish(engine):
    from datetime import date

    from components.i18n import translate
    from queries.schema import User

    manager = authenticate(engine, "manager", "demo").account
    scope = scope_for(engine, "manager", manager.unit_id)
    with engine.connect() as connection:
        gavle_manager = connection.execute(select(User.id).where(User.username == "karin.gavle")).scalar()
    with pytest.raises(actions.ActionError) as refused:
        actions.create_action(engine, scope, manager, insight_id=None, unit_id=manager.unit_id,
                              title="Testa", description="", owner_id=gavle_manager,
                              due_date=date(2030, 1, 1), expected_effect=None)
    assert refused.value.code == "owner_outside_unit"
    message = translate("error_owner_outside_unit", "sv",
                        **{key: str(value) for key, value in refused.value.params.items()})
    assert message.startswith("Karin Nyström kan inte äga en åtgärd för Uppsala Centrum")


def test_a_unit_without_a_region_is_named_alone_in_the_completion_chart(sqlite_scratch_url, open_page):
    """An import may create a unit without a region: the chart of completion by unit names
    it alone, never "nan · Unit" (pandas 3's missing text) or "None · Unit"."""
    import json

    from sqlalchemy import update

    from ingest.demo import MANAGER_UNIT
    from queries.schema import Unit

    engine = engine_for(sqlite_scratch_url)
    with engine.begin() as connection:
        connection.execute(update(Unit).where(Unit.name == MANAGER_UNIT).values(parent_id=None))
    test = open_page(sqlite_scratch_url, "leader", "pages/actions.py")
    assert not test.exception, test.exception
    chart = next(element for element in test.get("plotly_chart") if "completion" in element.proto.id)
    labels = set(json.loads(chart.proto.spec)["data"][0]["y"])
    assert MANAGER_UNIT in labels and any(" · " in label for label in labels)
    assert not any(label.startswith(("nan", "None")) for label in labels)


def test_the_kept_results_follow_the_thresholds(default_demo_url, tmp_path, open_page, demo_clock):
    """The actions' results are kept between renders (``components.data.effect_results``):
    new thresholds judge them again, never show the ones kept."""
    from queries import admin
    from tests.conftest import copy_sqlite_database
    from tests.people import person

    url = copy_sqlite_database(default_demo_url, tmp_path / "demo.db")
    test = open_page(url, "leader", "pages/actions.py")
    summary = "\n".join(element.value for element in test.markdown)
    assert "Resultat av klara åtgärder (3): 1 bättre" in summary and "0 kan inte bedömas" in summary
    engine = engine_for(url)
    boss, _ = person(engine, "admin")
    admin.set_thresholds(engine, boss, 10_000, 10_001)  # no comparable unit is left
    test = test.run()
    assert not test.exception, test.exception
    summary = "\n".join(element.value for element in test.markdown)
    assert ("Resultat av klara åtgärder (3): 0 bättre efter åtgärden, mer än jämförbara enheter · "
            "0 utan tydlig skillnad · 0 sämre · 1 väntar på eftermätningen · 2 kan inte bedömas") in summary
