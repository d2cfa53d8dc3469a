"""Actions on SQLite and PostgreSQL: validation codes, who may do what, optimistic
locking (also with two writers really at the same moment), the audit trail, the
derived states of the demo's actions and completion figures (effects: test_action_effect_queries.py).

Every test leaves the shared demo as it was: actions and events it adds are
removed, demo actions it edits are restored (see the ``restore`` fixture)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pandas as pd
import pytest
from sqlalchemy import delete, func, select, update

from ingest.demo import IMPROVED_DAYS_AGO, IMPROVED_UNIT, MANAGER_UNIT, PLAN
from ingest.demo_texts import TEXT
from queries import actions
from queries.actions import ActionError, StaleAction
from queries.schema import Action, ActionEvent, Insight, Setting, User
from tests.conftest import TODAY
from tests.people import person, unit_id, user_id

DUE = TODAY + timedelta(days=30)


# --- fixtures and helpers -----------------------------------------------------------------------

@pytest.fixture
def restore(demo_engine):
    """Put actions, their events and the data version back as they were."""
    with demo_engine.connect() as connection:
        rows = [dict(row) for row in connection.execute(select(Action.__table__)).mappings()]
        last_event = connection.execute(select(func.coalesce(func.max(ActionEvent.id), 0))).scalar()
        version = connection.execute(select(Setting.value).where(Setting.key == "data_version")).scalar()
    yield
    with demo_engine.begin() as connection:
        connection.execute(delete(ActionEvent).where(ActionEvent.id > last_event))
        connection.execute(delete(Action).where(Action.id.not_in([row["id"] for row in rows])))
        for row in rows:
            connection.execute(update(Action.__table__).where(Action.id == row["id"]).values(**row))
        connection.execute(update(Setting).where(Setting.key == "data_version").values(value=version))


def _demo_action(engine, text_key: str):
    with engine.connect() as connection:
        return connection.execute(select(Action.__table__).where(Action.title == TEXT[text_key]["sv"])).one()


def _counts(engine) -> tuple[int, int]:
    with engine.connect() as connection:
        return (connection.execute(select(func.count()).select_from(Action)).scalar(),
                connection.execute(select(func.count()).select_from(ActionEvent)).scalar())


def _events(engine, action_id: int) -> list[tuple]:
    with engine.connect() as connection:
        return connection.execute(
            select(ActionEvent.user_id, ActionEvent.field, ActionEvent.old_value, ActionEvent.new_value)
            .where(ActionEvent.action_id == action_id).order_by(ActionEvent.id)).all()


def _new(engine, username="leader", unit=MANAGER_UNIT, owner="manager", **changes) -> int:
    actor, scope = person(engine, username)
    values = dict(insight_id=None, unit_id=unit_id(engine, unit), title="Testa kö-lapp",
                  description="Prova i två veckor", owner_id=user_id(engine, owner), due_date=DUE,
                  expected_effect="nps", today=TODAY)
    values.update(changes)
    return actions.create_action(engine, scope, actor, **values)


def _version(engine, action_id: int) -> int:
    with engine.connect() as connection:
        return connection.execute(select(Action.version).where(Action.id == action_id)).scalar_one()


# --- validation -----------------------------------------------------------------------------------

@pytest.mark.parametrize("changes, code", [
    ({"title": "   "}, "title_required"),
    ({"title": ""}, "title_required"),
    ({"title": "x" * 201}, "title_too_long"),
    ({"status": "finished"}, "bad_status"),
    ({"expected_effect": "revenue"}, "bad_expected_effect"),
    ({"owner": "karin.gavle"}, "owner_outside_unit"),
    ({"owner_id": None}, "owner_required"),
    ({"owner_id": 987_654}, "owner_outside_unit"),
    ({"owner_id": "Maria Sjöberg"}, "owner_outside_unit"),
    ({"due_date": None}, "due_date_required"),
    ({"insight_id": 987_654}, "unknown_insight"),
])
def test_invalid_values_are_refused_with_a_code(demo_engine, restore, changes, code):
    before = _counts(demo_engine)
    with pytest.raises(ActionError) as raised:
        _new(demo_engine, **changes)
    assert raised.value.code == code and code in actions.ERROR_CODES and str(raised.value)
    assert isinstance(raised.value, ValueError)
    assert _counts(demo_engine) == before


def test_the_owner_message_names_the_owner_and_the_unit(demo_engine, restore):
    with pytest.raises(ActionError) as raised:
        _new(demo_engine, owner="karin.gavle")
    assert "Karin Nyström" in str(raised.value) and MANAGER_UNIT in str(raised.value)
    assert raised.value.params == {"owner": "Karin Nyström", "unit": MANAGER_UNIT}


def test_a_unit_outside_the_scope_is_refused(demo_engine, restore):
    before = _counts(demo_engine)
    with pytest.raises(ActionError) as raised:
        _new(demo_engine, username="manager", unit=IMPROVED_UNIT, owner="karin.gavle")
    assert raised.value.code == "unit_out_of_scope"
    # An insight of another unit cannot be answered by a manager either.
    with demo_engine.connect() as connection:
        gavle_insight = connection.execute(select(Insight.id).where(
            Insight.unit_id == unit_id(demo_engine, IMPROVED_UNIT))).scalars().first()
    with pytest.raises(ActionError) as raised:
        _new(demo_engine, username="manager", insight_id=gavle_insight)
    assert raised.value.code == "unknown_insight"
    assert _counts(demo_engine) == before


def test_owners_are_people_of_the_unit_its_units_and_its_region_or_leaders(demo_engine, restore):
    def usernames(unit: str) -> set[str]:
        frame = actions.owners_for(demo_engine, unit_id(demo_engine, unit))
        assert list(frame.columns) == ["id", "display_name", "role", "team", "email"]
        with demo_engine.connect() as connection:
            return set(connection.execute(select(User.username).where(User.id.in_(frame["id"].tolist()))).scalars())

    assert usernames(MANAGER_UNIT) == {"leader", "admin", "manager", "staff"}
    assert usernames("Malmö") == {"leader", "admin", "sara.malmo", "region.syd"}
    assert usernames("Region Mitt") >= {"leader", "admin", "manager", "staff", "johan.vasteras", "eva.orebro",
                                        "ida.stockholm"}
    assert "karin.gavle" not in usernames("Region Mitt")
    # The same rule holds when saving: the region's manager may own a unit's action,
    # a unit's manager a region's action, a leader any.
    assert _new(demo_engine, unit="Malmö", owner="region.syd")
    assert _new(demo_engine, unit="Region Mitt", owner="manager")
    assert _new(demo_engine, unit=IMPROVED_UNIT, owner="leader")
    with pytest.raises(ActionError, match="Per Nilsson"):
        _new(demo_engine, unit=MANAGER_UNIT, owner="region.syd")


def test_the_units_team_comes_first_then_the_others_by_name(demo_engine, restore):
    frame = actions.owners_for(demo_engine, unit_id(demo_engine, MANAGER_UNIT))
    with demo_engine.connect() as connection:
        names = dict(connection.execute(select(User.id, User.username)).all())
    usernames = [names[int(user)] for user in frame["id"]]
    team = frame["team"].tolist()
    assert team == sorted(team, reverse=True) and set(frame.loc[frame["team"], "role"]) <= {"manager", "staff"}
    assert set(usernames[:team.count(True)]) == {"manager", "staff"}
    assert {"leader", "admin"} <= set(usernames[team.count(True):])
    assert list(frame.loc[~frame["team"], "display_name"]) == sorted(frame.loc[~frame["team"], "display_name"])


def test_an_inactive_owner_is_refused(demo_engine, restore):
    staff = user_id(demo_engine, "staff")
    with demo_engine.begin() as connection:
        connection.execute(update(User).where(User.id == staff).values(active=False))
    try:
        assert "staff" not in set(actions.owners_for(demo_engine, unit_id(demo_engine, MANAGER_UNIT))["role"])
        with pytest.raises(ActionError) as raised:
            _new(demo_engine, owner="staff")
        assert raised.value.code == "owner_outside_unit"
    finally:
        with demo_engine.begin() as connection:
            connection.execute(update(User).where(User.id == staff).values(active=True))


def test_ids_from_a_data_frame_are_accepted(demo_engine, restore):
    leader, scope = person(demo_engine, "leader")
    owners = actions.owners_for(demo_engine, unit_id(demo_engine, MANAGER_UNIT))
    staff = owners.loc[owners["role"] == "staff", "id"].iloc[0]  # a numpy integer
    action_id = _new(demo_engine, unit_id=pd.Series([unit_id(demo_engine, MANAGER_UNIT)]).iloc[0], owner_id=staff)
    frame = actions.actions_in_scope(demo_engine, scope)
    row = frame.set_index("id").loc[action_id]
    assert row["owner"] == "Samir Haddad"
    assert actions.update_action(demo_engine, scope, leader, frame["id"][frame["id"] == action_id].iloc[0],
                                 row["version"], owner_id=owners["id"].iloc[0]) == 2


def test_a_due_date_in_the_past_is_allowed_and_flagged(demo_engine, restore):
    assert actions.due_in_past(TODAY - timedelta(days=1), TODAY)
    assert not actions.due_in_past(TODAY, TODAY) and not actions.due_in_past(None, TODAY)
    action_id = _new(demo_engine, due_date=TODAY - timedelta(days=3))
    frame = actions.actions_in_scope(demo_engine, person(demo_engine, "leader")[1], today=TODAY)
    assert frame.set_index("id").loc[action_id, "state"] == "overdue"


def test_edits_are_validated_like_creation(demo_engine, restore):
    action_id = _new(demo_engine)
    leader, scope = person(demo_engine, "leader")
    cases = [({"title": " "}, "title_required"), ({"status": "paused"}, "bad_status"),
             ({"expected_effect": "sales"}, "bad_expected_effect"),
             ({"owner_id": user_id(demo_engine, "karin.gavle")}, "owner_outside_unit"),
             # Moving the action to another unit: its owner must fit there too.
             ({"unit_id": unit_id(demo_engine, IMPROVED_UNIT)}, "owner_outside_unit")]
    for changes, code in cases:
        with pytest.raises(ActionError) as raised:
            actions.update_action(demo_engine, scope, leader, action_id, 1, **changes)
        assert raised.value.code == code, changes
    manager, manager_scope = person(demo_engine, "manager")
    with pytest.raises(ActionError) as raised:
        actions.update_action(demo_engine, manager_scope, manager, action_id, 1,
                              unit_id=unit_id(demo_engine, IMPROVED_UNIT))
    assert raised.value.code == "unit_out_of_scope"
    with pytest.raises(TypeError):
        actions.update_action(demo_engine, scope, leader, action_id, 1, version=7)
    assert _version(demo_engine, action_id) == 1 and len(_events(demo_engine, action_id)) == 1


# --- who may do what ------------------------------------------------------------------------------

def test_leaders_and_admins_may_act_on_any_unit(demo_engine, restore):
    for username in ("leader", "admin"):
        actor, scope = person(demo_engine, username)
        action_id = _new(demo_engine, username=username, unit=IMPROVED_UNIT, owner="karin.gavle")
        assert actions.update_action(demo_engine, scope, actor, action_id, 1, status="in_progress") == 2


def test_managers_act_within_their_scope(demo_engine, restore):
    manager, scope = person(demo_engine, "manager")
    action_id = _new(demo_engine, username="manager", owner="staff")
    assert actions.update_action(demo_engine, scope, manager, action_id, 1, title="Kö-lapp vid entrén") == 2
    gavle = _demo_action(demo_engine, "action_tills")
    with pytest.raises(PermissionError):
        actions.update_action(demo_engine, scope, manager, gavle.id, gavle.version, title="Annat")
    assert _demo_action(demo_engine, "action_tills").title == TEXT["action_tills"]["sv"]


def test_staff_may_only_move_their_own_action_between_in_progress_and_done(demo_engine, restore):
    staff, scope = person(demo_engine, "staff")
    before = _counts(demo_engine)
    with pytest.raises(PermissionError):
        _new(demo_engine, username="staff", owner="staff")
    assert _counts(demo_engine) == before
    # Someone else's action in the same unit: no change at all.
    praise = _demo_action(demo_engine, "action_praise")
    with pytest.raises(PermissionError):
        actions.update_action(demo_engine, scope, staff, praise.id, praise.version, status="in_progress")
    # Their own action: not the title, not cancelled …
    queue = _demo_action(demo_engine, "action_queue")
    assert queue.owner_id == staff.id and queue.status == "in_progress"
    with pytest.raises(PermissionError):
        actions.update_action(demo_engine, scope, staff, queue.id, queue.version, title="Ny rubrik")
    with pytest.raises(PermissionError):
        actions.update_action(demo_engine, scope, staff, queue.id, queue.version, status="cancelled")
    with pytest.raises(PermissionError):
        actions.update_action(demo_engine, scope, staff, queue.id, queue.version, due_date=DUE)
    assert _counts(demo_engine) == before
    # … but done, and back to in progress.
    done_version = actions.update_action(demo_engine, scope, staff, queue.id, queue.version, status="done")
    done = actions.actions_in_scope(demo_engine, scope, today=TODAY).set_index("id").loc[queue.id]
    assert done_version == queue.version + 1 and done["status"] == "done" and pd.notna(done["completed_at"])
    assert done["state"] == "done_late"  # it was due ten days ago
    back = actions.update_action(demo_engine, scope, staff, queue.id, done_version, status="in_progress")
    again = actions.actions_in_scope(demo_engine, scope, today=TODAY).set_index("id").loc[queue.id]
    assert back == done_version + 1 and pd.isna(again["completed_at"]) and again["state"] == "overdue"
    assert _events(demo_engine, queue.id)[-2:] == [(staff.id, "status", "in_progress", "done"),
                                                   (staff.id, "status", "done", "in_progress")]


# --- optimistic locking ---------------------------------------------------------------------------

def test_a_stale_version_is_refused_and_says_who_changed_it(demo_engine, restore):
    leader, scope = person(demo_engine, "leader")
    manager, manager_scope = person(demo_engine, "manager")
    action_id = _new(demo_engine)
    assert actions.update_action(demo_engine, manager_scope, manager, action_id, 1, title="Chefens rubrik") == 2
    events = _events(demo_engine, action_id)
    with pytest.raises(StaleAction) as raised:
        actions.update_action(demo_engine, scope, leader, action_id, 1, title="Ledarens rubrik")
    current = raised.value.current
    assert current["title"] == "Chefens rubrik" and current["version"] == 2
    assert current["changed_by"] == "Maria Sjöberg" and current["updated_at"].tzinfo is not None
    assert current["changed_at"] == current["updated_at"]
    assert "Maria Sjöberg" in str(raised.value)
    assert _events(demo_engine, action_id) == events and _version(demo_engine, action_id) == 2


def _race(engine, action_id: int, edits: list[tuple[str, dict]], monkeypatch=None):
    """Run ``update_action`` for each (username, changes) on its own thread, all with
    the version read before; return each outcome (new version or the exception).

    With ``monkeypatch``, every writer waits after its own checks until all have
    made them, so they all issue the locked UPDATE for the same version at once."""
    version = _version(engine, action_id)
    people = [person(engine, username) for username, _changes in edits]
    start = threading.Barrier(len(edits))
    if monkeypatch is not None:
        checks = threading.Barrier(len(edits))
        validated = actions._validated

        def wait_for_the_others(*args, **kwargs):
            changed = validated(*args, **kwargs)
            checks.wait(timeout=30)
            return changed

        monkeypatch.setattr(actions, "_validated", wait_for_the_others)

    def save(index: int):
        (actor, scope), changes = people[index], edits[index][1]
        start.wait(timeout=30)
        try:
            return actions.update_action(engine, scope, actor, action_id, version, **changes)
        except Exception as error:  # noqa: BLE001 - the outcome is what the test looks at
            return error

    with ThreadPoolExecutor(max_workers=len(edits)) as pool:
        return list(pool.map(save, range(len(edits))))


@pytest.mark.parametrize("same_moment", [True, False], ids=["at-the-update", "at-the-call"])
def test_two_writers_at_once_one_wins_and_only_its_events_are_kept(demo_engine, restore, monkeypatch,
                                                                   same_moment):
    action_id = _new(demo_engine)
    created = _events(demo_engine, action_id)
    edits = [("leader", {"title": "Ledarens version", "status": "in_progress"}),
             ("manager", {"title": "Chefens version", "due_date": DUE + timedelta(days=7)})]
    outcomes = _race(demo_engine, action_id, edits, monkeypatch if same_moment else None)
    winners = [index for index, outcome in enumerate(outcomes) if outcome == 2]
    losers = [index for index, outcome in enumerate(outcomes) if isinstance(outcome, StaleAction)]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    winner, loser = winners[0], losers[0]
    winner_actor = person(demo_engine, edits[winner][0])[0]
    stale = outcomes[loser]
    assert stale.current["version"] == 2 and stale.current["changed_by"] == winner_actor.display_name
    assert stale.current["title"] == edits[winner][1]["title"]
    with demo_engine.connect() as connection:
        row = connection.execute(select(Action.__table__).where(Action.id == action_id)).one()
    assert row.version == 2 and row.title == edits[winner][1]["title"]
    expected = {"title": ("Testa kö-lapp", edits[winner][1]["title"])}
    if winner == 0:
        expected["status"] = ("planned", "in_progress")
        assert row.due_date == DUE
    else:
        expected["due_date"] = (DUE.isoformat(), (DUE + timedelta(days=7)).isoformat())
        assert row.status == "planned"
    trail = _events(demo_engine, action_id)
    assert trail[:1] == created
    assert sorted(trail[1:]) == sorted((winner_actor.id, field, old, new) for field, (old, new) in expected.items())


def test_many_writers_at_once_exactly_one_wins(demo_engine, restore):
    action_id = _new(demo_engine)
    edits = [("leader" if index % 2 else "manager", {"description": f"Förslag {index}"}) for index in range(6)]
    outcomes = _race(demo_engine, action_id, edits)
    assert sum(outcome == 2 for outcome in outcomes) == 1
    assert sum(isinstance(outcome, StaleAction) for outcome in outcomes) == 5, outcomes
    assert len(_events(demo_engine, action_id)) == 2 and _version(demo_engine, action_id) == 2


# --- the audit trail ------------------------------------------------------------------------------

def test_every_change_is_one_event_and_the_history_reads_oldest_first(demo_engine, restore):
    leader, scope = person(demo_engine, "leader")
    manager, manager_scope = person(demo_engine, "manager")
    action_id = _new(demo_engine)
    assert _events(demo_engine, action_id) == [(leader.id, "created", None, "planned")]
    version = actions.update_action(demo_engine, manager_scope, manager, action_id, 1, title="Testa kö-lapp",
                                    description="Prova i fyra veckor", owner_id=user_id(demo_engine, "staff"),
                                    due_date=DUE + timedelta(days=14), expected_effect=None)
    # An unchanged title makes no event; nothing changed at all makes no new version.
    assert version == 2
    assert actions.update_action(demo_engine, manager_scope, manager, action_id, 2, title="Testa kö-lapp") == 2
    version = actions.update_action(demo_engine, scope, leader, action_id, 2, status="done")
    with demo_engine.connect() as connection:
        completed = connection.execute(select(Action.completed_at).where(Action.id == action_id)).scalar()
    assert version == 3 and completed is not None
    manager_id, staff_id = manager.id, user_id(demo_engine, "staff")
    assert _events(demo_engine, action_id)[1:] == [
        (manager.id, "description", "Prova i två veckor", "Prova i fyra veckor"),
        (manager.id, "owner_id", str(manager_id), str(staff_id)),
        (manager.id, "due_date", DUE.isoformat(), (DUE + timedelta(days=14)).isoformat()),
        (manager.id, "expected_effect", "nps", None),
        (leader.id, "status", "planned", "done"),
    ]
    history = actions.action_history(demo_engine, scope, action_id)
    assert list(history.columns) == ["at", "user", "field", "old_value", "new_value"]
    assert history["at"].is_monotonic_increasing and str(history["at"].dt.tz) == "UTC"
    assert history["user"].tolist() == ["Lena Lindqvist"] + ["Maria Sjöberg"] * 4 + ["Lena Lindqvist"]
    owner = history[history["field"] == "owner_id"].iloc[0]
    assert (owner["old_value"], owner["new_value"]) == ("Maria Sjöberg", "Samir Haddad")
    # The history of an action outside the reader's scope is not shown.
    gavle = _demo_action(demo_engine, "action_tills")
    with pytest.raises(actions.ActionNotFound):
        actions.action_history(demo_engine, manager_scope, gavle.id)
    demo_history = actions.action_history(demo_engine, scope, gavle.id)
    assert demo_history["field"].tolist() == ["created", "status"]


# --- reads ----------------------------------------------------------------------------------------

EXPECTED_STATES = {
    "action_praise": "done_on_time", "action_queue": "overdue", "action_tills": "done_on_time",
    "action_training": "done_on_time", "action_carrier": "open", "action_web": "overdue",
    "action_cleaning": "open", "action_signage": "cancelled",
}


def test_the_demo_actions_have_their_states(demo_engine):
    leader, scope = person(demo_engine, "leader")
    frame = actions.actions_in_scope(demo_engine, scope, today=TODAY)
    assert list(frame.columns) == actions.ACTION_COLUMNS
    by_title = frame.set_index("title")
    for key, state in EXPECTED_STATES.items():
        assert by_title.loc[TEXT[key]["sv"], "state"] == state, key
    gavle = by_title.loc[TEXT["action_tills"]["sv"]]
    assert (gavle["unit"], gavle["region"], gavle["owner"]) == (IMPROVED_UNIT, "Region Nord", "Karin Nyström")
    assert gavle["insight_title"] == TEXT["insight_waiting"]["sv"] and isinstance(gavle["due_date"], date)
    assert str(frame["created_at"].dt.tz) == "UTC"
    # Filters narrow, never widen.
    open_ones = actions.actions_in_scope(demo_engine, scope, statuses={"planned", "in_progress"}, today=TODAY)
    assert set(open_ones["state"]) == {"open", "overdue"} and len(open_ones) == 4
    mine = actions.actions_in_scope(demo_engine, scope, owner_id=user_id(demo_engine, "staff"), today=TODAY)
    assert mine["title"].tolist() == [TEXT["action_queue"]["sv"]]


def test_an_action_without_an_effect_or_insight_beside_others_reads_none(demo_engine, restore):
    """Beside the demo's actions (each with an expected effect and an insight), one without
    reads None, not NaN (pandas 3's missing text): the editor offers None for "no measure"
    and sends every field that differs from what it read, so with NaN a save without
    changes was sent, and refused as stale when someone had saved meanwhile."""
    new = _new(demo_engine, expected_effect=None)
    row = actions.actions_in_scope(demo_engine, person(demo_engine, "leader")[1]).set_index("id").loc[new]
    assert row["expected_effect"] is None and row["insight_title"] is None and row["insight_metric"] is None


def test_a_late_completion_is_done_late(demo_engine, restore):
    leader, scope = person(demo_engine, "leader")
    action_id = _new(demo_engine, due_date=TODAY - timedelta(days=2))
    actions.update_action(demo_engine, scope, leader, action_id, 1, status="done")
    on_time = _new(demo_engine, due_date=date.today())  # completed now, by the real clock
    actions.update_action(demo_engine, scope, leader, on_time, 1, status="done")
    cancelled = _new(demo_engine, status="cancelled")
    states = actions.actions_in_scope(demo_engine, scope, today=TODAY).set_index("id")["state"]
    assert (states[action_id], states[on_time], states[cancelled]) == ("done_late", "done_on_time", "cancelled")


def test_each_role_reads_only_its_units(demo_engine):
    _leader, everything = person(demo_engine, "leader")
    _manager, manager_scope = person(demo_engine, "manager")
    _staff, staff_scope = person(demo_engine, "staff")
    assert len(actions.actions_in_scope(demo_engine, everything, today=TODAY)) == len(
        [plan for plan in PLAN if plan[-1] is not None])
    for scope in (manager_scope, staff_scope):
        frame = actions.actions_in_scope(demo_engine, scope, today=TODAY)
        assert set(frame["unit"]) == {MANAGER_UNIT} and len(frame) == 2
    assert actions.actions_in_scope(demo_engine, staff_scope, unit_ids={unit_id(demo_engine, IMPROVED_UNIT)}).empty


def test_completion_per_unit_matches_the_states(demo_engine):
    _leader, scope = person(demo_engine, "leader")
    frame = actions.completion(demo_engine, scope, today=TODAY)
    assert list(frame.columns) == actions.COMPLETION_COLUMNS
    states = actions.actions_in_scope(demo_engine, scope, today=TODAY)
    expected = states.groupby("unit")["state"].value_counts().unstack(fill_value=0)
    by_unit = frame.set_index("unit")
    for unit, counts in expected.iterrows():
        for state in actions.STATES:
            assert by_unit.loc[unit, state] == counts.get(state, 0), (unit, state)
    assert (frame[list(actions.STATES)].sum(axis=1) == frame["total"]).all()
    assert frame["total"].sum() == len(states)
    assert by_unit.loc[MANAGER_UNIT, ["done_on_time", "overdue", "total"]].tolist() == [1, 1, 2]
    assert by_unit.loc["Storuman", "total"] == 0 and by_unit.loc["Storuman", "region"] == "Region Nord"
    assert len(frame) == 20  # every unit, none of the regions (they have no actions)
    _manager, manager_scope = person(demo_engine, "manager")
    assert actions.completion(demo_engine, manager_scope, today=TODAY)["unit"].tolist() == [MANAGER_UNIT]


def test_actions_per_month(demo_engine):
    _leader, scope = person(demo_engine, "leader")
    frame = actions.per_month(demo_engine, scope)
    assert list(frame.columns) == ["month", "created", "completed"]
    assert frame["created"].sum() == 8 and frame["completed"].sum() == 3
    assert frame["month"].is_monotonic_increasing and frame["month"].diff().dropna().dt.days.between(28, 31).all()
    gavle_done = pd.Timestamp(TODAY - timedelta(days=IMPROVED_DAYS_AGO)).to_period("M").to_timestamp()
    assert frame.set_index("month").loc[gavle_done, "completed"] >= 1


def test_insights_without_an_action(demo_engine, restore):
    leader, scope = person(demo_engine, "leader")
    frame = actions.insights_without_action(demo_engine, scope)
    # Stockholm City has none; Umeå's only action was cancelled.
    assert set(frame["unit"]) == {"Stockholm City", "Umeå"}
    assert set(frame["title"]) == {TEXT["insight_price"]["sv"], TEXT["insight_waiting"]["sv"]}
    stockholm = frame[frame["unit"] == "Stockholm City"].iloc[0]
    _new(demo_engine, unit="Stockholm City", owner="ida.stockholm", insight_id=int(stockholm["id"]))
    assert set(actions.insights_without_action(demo_engine, scope)["unit"]) == {"Umeå"}
    _manager, manager_scope = person(demo_engine, "manager")
    assert actions.insights_without_action(demo_engine, manager_scope).empty


def test_insights_without_an_action_leave_out_strengths_an_agenda_pinned_by_itself(demo_engine, restore):
    from queries import insights

    leader, scope = person(demo_engine, "leader")
    stockholm = unit_id(demo_engine, "Stockholm City")
    period = dict(period_start=TODAY - timedelta(days=30), period_end=TODAY, estimate=40.0, low=30.0,
                  high=50.0, n=200, comparator="organisation", comparator_estimate=20.0)
    made = []
    for kind, origin in (("strength", "agenda"), ("strength", None), ("weakness", "agenda"),
                         ("emerging_issue", "agenda"), ("question", "agenda")):
        insight_id, _ = insights.pin(demo_engine, scope, leader.id, unit_id=stockholm, kind=kind,
                                     scope_type="touchpoint", scope_key=f"{kind}-{origin}", metric="nps",
                                     title=f"{kind} {origin}", filters={"origin": origin}, **period)
        made.append(insight_id)
    try:
        titles = set(actions.insights_without_action(demo_engine, scope)["title"])
        assert {"strength None", "weakness agenda", "emerging_issue agenda", "question agenda"} <= titles
        assert "strength agenda" not in titles
    finally:
        with demo_engine.begin() as connection:
            connection.execute(delete(Insight).where(Insight.id.in_(made)))
