"""Workshops on SQLite and PostgreSQL: who may run one, the agenda (replace,
reorder, drop, add), proposals and their votes (also cast at the same moment),
proposals becoming actions through ``create_action``, the record and its
Markdown summary, in which nothing users wrote can become Markdown structure.

Every test leaves the shared demo as it was: workshops, proposals, actions and
events it adds are removed, the demo workshop is restored (``restore`` fixture)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
from sqlalchemy import delete, func, select, update

from analysis.formatting import markdown_safe
from ingest.demo import IMPROVED_UNIT, MANAGER_UNIT
from ingest.demo_texts import TEXT
from queries import workshops
from queries.actions import ActionError
from queries.schema import (
    Action, ActionEvent, Insight, Setting, Workshop, WorkshopInsight, WorkshopProposal,
)
from tests.conftest import TODAY
from tests.people import person, unit_id, user_id

DUE = TODAY + timedelta(days=30)
HELD = TODAY - timedelta(days=2)
PERIOD = dict(period_start=TODAY - timedelta(days=92), period_end=TODAY - timedelta(days=2))
SV = {
    "title": "Workshop", "facilitator": "Ledare", "participants": "Deltagare", "period": "Period",
    "notes": "Anteckningar", "actions": "Vad vi bestämde", "what": "Vad", "owner": "Ansvarig", "due": "Klart",
    "next_check": "Nästa uppföljning", "agenda": "Insikter vi pratade om",
    "likely": "troligen mellan {low} och {high}", "answers": "{n} svar", "comparator": "jämfört med",
    "comparator_organisation": "resten av organisationen", "proposals": "Idéer", "no_proposals": "Inga idéer.",
    "votes": "röster", "action": "Åtgärd", "no_action": "ingen åtgärd ännu", "kind_strength": "Styrka",
    "kind_weakness": "Svaghet", "status_planned": "planerad",
}


# --- fixtures and helpers -----------------------------------------------------------------------

@pytest.fixture
def restore(demo_engine):
    """Put workshops, agendas, proposals, actions, their events and the data version back."""
    tables = (Workshop, WorkshopInsight, WorkshopProposal)
    with demo_engine.connect() as connection:
        saved = {table: [dict(row) for row in connection.execute(select(table.__table__)).mappings()]
                 for table in tables}
        actions = connection.execute(select(Action.id)).scalars().all()
        last_event = connection.execute(select(func.coalesce(func.max(ActionEvent.id), 0))).scalar()
        version = connection.execute(select(Setting.value).where(Setting.key == "data_version")).scalar()
    yield
    with demo_engine.begin() as connection:
        connection.execute(delete(WorkshopProposal))
        connection.execute(delete(WorkshopInsight))
        connection.execute(delete(Workshop).where(Workshop.id.not_in([row["id"] for row in saved[Workshop]])))
        for row in saved[Workshop]:
            connection.execute(update(Workshop.__table__).where(Workshop.id == row["id"]).values(**row))
        for table in (WorkshopInsight, WorkshopProposal):
            if saved[table]:
                connection.execute(table.__table__.insert(), saved[table])
        connection.execute(delete(ActionEvent).where(ActionEvent.id > last_event))
        connection.execute(delete(Action).where(Action.id.not_in(actions)))
        connection.execute(update(Setting).where(Setting.key == "data_version").values(value=version))


def _insight(engine, unit: str, text_key: str) -> int:
    with engine.connect() as connection:
        return connection.execute(select(Insight.id).where(
            Insight.unit_id == unit_id(engine, unit), Insight.title == TEXT[text_key]["sv"])).scalar_one()


def _demo_workshop(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(Workshop.id).where(
            Workshop.unit_id == unit_id(engine, MANAGER_UNIT), Workshop.held_on == TODAY - timedelta(days=40),
            Workshop.notes.like("Vi började%"))).scalar_one()


def _new(engine, username="manager", unit=MANAGER_UNIT, **changes) -> int:
    actor, scope = person(engine, username)
    values = dict(unit_id=unit_id(engine, unit), held_on=HELD, participants="Maria, Samir", notes="", **PERIOD)
    values.update(changes)
    return workshops.create_workshop(engine, scope, actor, **values)


def _agenda(engine, workshop_id: int) -> list[tuple[int, int]]:
    with engine.connect() as connection:
        return connection.execute(select(WorkshopInsight.insight_id, WorkshopInsight.position)
                                  .where(WorkshopInsight.workshop_id == workshop_id)
                                  .order_by(WorkshopInsight.position)).all()


def _votes(engine, proposal_id: int) -> int:
    with engine.connect() as connection:
        return connection.execute(select(WorkshopProposal.votes).where(WorkshopProposal.id == proposal_id)).scalar_one()


def _proposal_action(engine, proposal_id: int):
    with engine.connect() as connection:
        return connection.execute(select(WorkshopProposal.action_id)
                                  .where(WorkshopProposal.id == proposal_id)).scalar_one()


def _action_count(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(Action)).scalar()


def _with_proposal(engine, text="Kö-värd på lördagar"):
    """A manager's workshop with the two Uppsala insights and one proposal on 'waiting'."""
    manager, scope = person(engine, "manager")
    workshop_id = _new(engine)
    staff, waiting = _insight(engine, MANAGER_UNIT, "insight_staff"), _insight(engine, MANAGER_UNIT, "insight_waiting")
    workshops.set_agenda(engine, scope, manager, workshop_id, [staff, waiting])
    proposal_id = workshops.add_proposal(engine, scope, manager, workshop_id, waiting, text)
    return workshop_id, proposal_id, waiting


# --- who may run a workshop -----------------------------------------------------------------------

def test_staff_may_not_create_or_change_a_workshop(demo_engine, restore):
    staff, scope = person(demo_engine, "staff")
    demo = _demo_workshop(demo_engine)
    with pytest.raises(PermissionError):
        workshops.create_workshop(demo_engine, scope, staff, unit_id=unit_id(demo_engine, MANAGER_UNIT),
                                  held_on=HELD, **PERIOD)
    with pytest.raises(PermissionError):
        workshops.set_agenda(demo_engine, scope, staff, demo, [])
    with pytest.raises(PermissionError):
        workshops.update_record(demo_engine, scope, staff, demo, notes="Skrivet av personal")
    assert len(_agenda(demo_engine, demo)) == 2
    assert workshops.workshop_record(demo_engine, scope, demo)["notes"].startswith("Vi började")


def test_managers_run_workshops_of_their_own_units_only(demo_engine, restore):
    manager, scope = person(demo_engine, "manager")
    workshop_id = _new(demo_engine)
    record = workshops.workshop_record(demo_engine, scope, workshop_id)
    assert record["unit"] == MANAGER_UNIT and record["facilitator_id"] == manager.id
    assert record["facilitator"] == "Maria Sjöberg" and record["held_on"] == HELD
    assert (record["period_start"], record["period_end"]) == (PERIOD["period_start"], PERIOD["period_end"])
    with pytest.raises(PermissionError):
        _new(demo_engine, unit=IMPROVED_UNIT)
    gavle = _new(demo_engine, username="leader", unit=IMPROVED_UNIT)
    for attempt in (lambda: workshops.workshop_record(demo_engine, scope, gavle),
                    lambda: workshops.set_agenda(demo_engine, scope, manager, gavle, []),
                    lambda: workshops.update_record(demo_engine, scope, manager, gavle, notes="x")):
        with pytest.raises(PermissionError):
            attempt()
    assert gavle not in set(workshops.workshops_for(demo_engine, scope)["id"])


@pytest.mark.parametrize("username", ["leader", "admin"])
def test_leaders_and_admins_run_workshops_of_any_unit(demo_engine, restore, username):
    actor, scope = person(demo_engine, username)
    for unit in (MANAGER_UNIT, IMPROVED_UNIT, "Malmö"):
        workshop_id = _new(demo_engine, username=username, unit=unit)
        record = workshops.workshop_record(demo_engine, scope, workshop_id)
        assert record["unit"] == unit and record["facilitator_id"] == actor.id


def test_a_workshop_needs_a_real_date_and_period(demo_engine, restore):
    with pytest.raises(ValueError):
        _new(demo_engine, held_on="2026-11-20")
    with pytest.raises(ValueError):
        _new(demo_engine, period_start=TODAY, period_end=TODAY - timedelta(days=1))


def test_the_record_can_be_updated(demo_engine, restore):
    manager, scope = person(demo_engine, "manager")
    workshop_id = _new(demo_engine, notes="Första")
    workshops.update_record(demo_engine, scope, manager, workshop_id, participants="Hela laget", notes="Andra")
    workshops.update_record(demo_engine, scope, manager, workshop_id, held_on=HELD - timedelta(days=1))
    record = workshops.workshop_record(demo_engine, scope, workshop_id)
    assert (record["participants"], record["notes"], record["held_on"]) == (
        "Hela laget", "Andra", HELD - timedelta(days=1))


# --- the agenda -----------------------------------------------------------------------------------

def test_the_agenda_is_replaced_reordered_dropped_and_extended(demo_engine, restore):
    manager, scope = person(demo_engine, "manager")
    workshop_id = _new(demo_engine)
    staff, waiting = _insight(demo_engine, MANAGER_UNIT, "insight_staff"), _insight(demo_engine, MANAGER_UNIT, "insight_waiting")
    workshops.set_agenda(demo_engine, scope, manager, workshop_id, [staff, waiting])
    assert _agenda(demo_engine, workshop_id) == [(staff, 0), (waiting, 1)]
    workshops.set_agenda(demo_engine, scope, manager, workshop_id, [waiting, staff])
    assert _agenda(demo_engine, workshop_id) == [(waiting, 0), (staff, 1)]
    workshops.set_agenda(demo_engine, scope, manager, workshop_id, [staff])
    assert _agenda(demo_engine, workshop_id) == [(staff, 0)]
    workshops.set_agenda(demo_engine, scope, manager, workshop_id, [waiting, staff])
    assert _agenda(demo_engine, workshop_id) == [(waiting, 0), (staff, 1)]
    workshops.set_agenda(demo_engine, scope, manager, workshop_id, [])
    assert _agenda(demo_engine, workshop_id) == []
    # the demo workshop is untouched
    assert [insight for insight, _position in _agenda(demo_engine, _demo_workshop(demo_engine))] == [staff, waiting]


def test_insights_outside_the_scope_are_refused_and_nothing_changes(demo_engine, restore):
    manager, scope = person(demo_engine, "manager")
    workshop_id = _new(demo_engine)
    staff = _insight(demo_engine, MANAGER_UNIT, "insight_staff")
    gavle = _insight(demo_engine, IMPROVED_UNIT, "insight_waiting")
    workshops.set_agenda(demo_engine, scope, manager, workshop_id, [staff])
    for insight_ids in ([gavle], [staff, gavle], [staff, 987_654]):
        with pytest.raises(PermissionError):
            workshops.set_agenda(demo_engine, scope, manager, workshop_id, insight_ids)
        assert _agenda(demo_engine, workshop_id) == [(staff, 0)]
    with pytest.raises(ValueError):
        workshops.set_agenda(demo_engine, scope, manager, workshop_id, [staff, staff])
    assert _agenda(demo_engine, workshop_id) == [(staff, 0)]
    leader, everything = person(demo_engine, "leader")
    workshops.set_agenda(demo_engine, everything, leader, workshop_id, [staff, gavle])
    assert _agenda(demo_engine, workshop_id) == [(staff, 0), (gavle, 1)]


def test_an_insight_with_proposals_cannot_be_dropped(demo_engine, restore):
    manager, scope = person(demo_engine, "manager")
    workshop_id, _proposal_id, waiting = _with_proposal(demo_engine)
    staff = _insight(demo_engine, MANAGER_UNIT, "insight_staff")
    with pytest.raises(ValueError, match="proposals"):
        workshops.set_agenda(demo_engine, scope, manager, workshop_id, [staff])
    workshops.set_agenda(demo_engine, scope, manager, workshop_id, [waiting])
    assert _agenda(demo_engine, workshop_id) == [(waiting, 0)]


# --- proposals and votes --------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "   ", "\n\t", None])
def test_a_proposal_needs_a_text(demo_engine, restore, text):
    manager, scope = person(demo_engine, "manager")
    workshop_id, _proposal_id, waiting = _with_proposal(demo_engine)
    with pytest.raises(ValueError, match="needs a text"):
        workshops.add_proposal(demo_engine, scope, manager, workshop_id, waiting, text)
    assert workshops.workshops_for(demo_engine, scope).set_index("id").loc[workshop_id, "proposals"] == 1


def test_a_proposal_must_answer_an_insight_on_the_agenda(demo_engine, restore):
    manager, scope = person(demo_engine, "manager")
    workshop_id = _new(demo_engine)
    staff, waiting = _insight(demo_engine, MANAGER_UNIT, "insight_staff"), _insight(demo_engine, MANAGER_UNIT, "insight_waiting")
    workshops.set_agenda(demo_engine, scope, manager, workshop_id, [staff])
    with pytest.raises(ValueError, match="not on the agenda"):
        workshops.add_proposal(demo_engine, scope, manager, workshop_id, waiting, "Fler kassor")
    proposal_id = workshops.add_proposal(demo_engine, scope, manager, workshop_id, staff, "  Beröm i veckobrevet ")
    proposals = workshops.workshop_record(demo_engine, scope, workshop_id)["proposals"]
    assert proposals[staff] == [{"id": proposal_id, "text": "Beröm i veckobrevet", "votes": 0, "action_id": None,
                                 "action_title": None, "action_owner": None, "action_due": None,
                                 "action_status": None}]


def test_staff_propose_and_vote_in_their_own_unit_only(demo_engine, restore):
    staff, scope = person(demo_engine, "staff")
    workshop_id, proposal_id, waiting = _with_proposal(demo_engine)
    own = workshops.add_proposal(demo_engine, scope, staff, workshop_id, waiting, "Skylt vid kön")
    assert workshops.vote(demo_engine, scope, staff, own) == 1
    assert workshops.vote(demo_engine, scope, staff, proposal_id) == 1
    gavle = _new(demo_engine, username="leader", unit=IMPROVED_UNIT)
    leader, everything = person(demo_engine, "leader")
    gavle_insight = _insight(demo_engine, IMPROVED_UNIT, "insight_waiting")
    workshops.set_agenda(demo_engine, everything, leader, gavle, [gavle_insight])
    elsewhere = workshops.add_proposal(demo_engine, everything, leader, gavle, gavle_insight, "Fler kassor")
    with pytest.raises(PermissionError):
        workshops.add_proposal(demo_engine, scope, staff, gavle, gavle_insight, "Något")
    with pytest.raises(PermissionError):
        workshops.vote(demo_engine, scope, staff, elsewhere)
    with pytest.raises(PermissionError):
        workshops.vote(demo_engine, scope, staff, 987_654)
    assert _votes(demo_engine, elsewhere) == 0


def test_votes_go_up_and_down_but_never_below_zero(demo_engine, restore):
    manager, scope = person(demo_engine, "manager")
    _workshop_id, proposal_id, _waiting = _with_proposal(demo_engine)
    assert workshops.vote(demo_engine, scope, manager, proposal_id) == 1
    assert workshops.vote(demo_engine, scope, manager, proposal_id, delta=-1) == 0
    assert workshops.vote(demo_engine, scope, manager, proposal_id, delta=-1) == 0
    for delta in (2, 0, -5, True):
        with pytest.raises(ValueError):
            workshops.vote(demo_engine, scope, manager, proposal_id, delta=delta)
    assert _votes(demo_engine, proposal_id) == 0


def test_votes_cast_at_the_same_moment_all_count(demo_engine, restore):
    _workshop_id, proposal_id, _waiting = _with_proposal(demo_engine)
    people = [person(demo_engine, "manager"), person(demo_engine, "staff")]
    rounds = 15
    barrier = threading.Barrier(len(people))

    def cast(index: int) -> None:
        actor, scope = people[index]
        for _round in range(rounds):
            barrier.wait(timeout=30)
            workshops.vote(demo_engine, scope, actor, proposal_id)

    with ThreadPoolExecutor(max_workers=len(people)) as pool:
        for future in [pool.submit(cast, index) for index in range(len(people))]:
            future.result(timeout=120)
    assert _votes(demo_engine, proposal_id) == rounds * len(people)


# --- proposals become actions ---------------------------------------------------------------------

def test_a_proposal_becomes_an_action_once(demo_engine, restore):
    manager, scope = person(demo_engine, "manager")
    workshop_id, proposal_id, waiting = _with_proposal(demo_engine)
    workshops.vote(demo_engine, scope, manager, proposal_id)
    action_id = workshops.proposal_to_action(demo_engine, scope, manager, proposal_id,
                                             owner_id=user_id(demo_engine, "staff"), due_date=DUE,
                                             expected_effect="nps", today=TODAY)
    with demo_engine.connect() as connection:
        action = connection.execute(select(Action.__table__).where(Action.id == action_id)).one()
        events = connection.execute(select(ActionEvent.field).where(ActionEvent.action_id == action_id)).scalars().all()
    assert action.unit_id == unit_id(demo_engine, MANAGER_UNIT) and action.insight_id == waiting
    assert action.title == "Kö-värd på lördagar" and HELD.isoformat() in action.description
    assert action.owner_id == user_id(demo_engine, "staff") and action.created_by == manager.id
    assert events == ["created"]
    assert _proposal_action(demo_engine, proposal_id) == action_id
    before = _action_count(demo_engine)
    with pytest.raises(ValueError, match="already"):
        workshops.proposal_to_action(demo_engine, scope, manager, proposal_id,
                                     owner_id=user_id(demo_engine, "staff"), due_date=DUE)
    assert _action_count(demo_engine) == before and _proposal_action(demo_engine, proposal_id) == action_id
    row = workshops.workshops_for(demo_engine, scope).set_index("id").loc[workshop_id]
    assert (row["insights"], row["proposals"], row["actions"]) == (2, 1, 1)


def test_a_title_can_be_given_and_the_description_template_too(demo_engine, restore):
    manager, scope = person(demo_engine, "manager")
    _workshop_id, proposal_id, _waiting = _with_proposal(demo_engine)
    action_id = workshops.proposal_to_action(
        demo_engine, scope, manager, proposal_id, owner_id=manager.id, due_date=DUE, title="Kö-värd",
        description_template="Från workshopen {date}: {text} ({votes} röster)")
    with demo_engine.connect() as connection:
        action = connection.execute(select(Action.__table__).where(Action.id == action_id)).one()
    assert action.title == "Kö-värd"
    assert action.description == f"Från workshopen {HELD.isoformat()}: Kö-värd på lördagar (0 röster)"


@pytest.mark.parametrize("username, changes, error, code", [
    ("manager", {"owner": "karin.gavle"}, ActionError, "owner_outside_unit"),
    ("manager", {"due_date": None}, ActionError, "due_date_required"),
    ("manager", {"expected_effect": "revenue"}, ActionError, "bad_expected_effect"),
    ("manager", {"title": "   "}, ActionError, "title_required"),
    ("manager", {"title": "x" * 201}, ActionError, "title_too_long"),
    ("staff", {}, PermissionError, None),
])
def test_the_rules_of_create_action_apply(demo_engine, restore, username, changes, error, code):
    actor, scope = person(demo_engine, username)
    _workshop_id, proposal_id, _waiting = _with_proposal(demo_engine)
    changes = dict(changes)
    values = dict(owner_id=user_id(demo_engine, changes.pop("owner", "staff")), due_date=DUE)
    values.update(changes)
    before = _action_count(demo_engine)
    with pytest.raises(error) as raised:
        workshops.proposal_to_action(demo_engine, scope, actor, proposal_id, **values)
    if code:
        assert raised.value.code == code
    assert _action_count(demo_engine) == before and _proposal_action(demo_engine, proposal_id) is None


def test_a_long_proposal_needs_a_shorter_title(demo_engine, restore):
    manager, scope = person(demo_engine, "manager")
    _workshop_id, proposal_id, _waiting = _with_proposal(demo_engine, text="Lång " * 60)
    with pytest.raises(ActionError) as raised:
        workshops.proposal_to_action(demo_engine, scope, manager, proposal_id, owner_id=manager.id, due_date=DUE)
    assert raised.value.code == "title_too_long"
    action_id = workshops.proposal_to_action(demo_engine, scope, manager, proposal_id, owner_id=manager.id,
                                             due_date=DUE, title="Kortare")
    assert _proposal_action(demo_engine, proposal_id) == action_id


def test_a_proposal_outside_the_scope_is_refused(demo_engine, restore):
    leader, everything = person(demo_engine, "leader")
    manager, scope = person(demo_engine, "manager")
    gavle = _new(demo_engine, username="leader", unit=IMPROVED_UNIT)
    insight = _insight(demo_engine, IMPROVED_UNIT, "insight_waiting")
    workshops.set_agenda(demo_engine, everything, leader, gavle, [insight])
    proposal_id = workshops.add_proposal(demo_engine, everything, leader, gavle, insight, "Fler kassor")
    with pytest.raises(PermissionError):
        workshops.proposal_to_action(demo_engine, scope, manager, proposal_id, owner_id=manager.id, due_date=DUE)
    assert _proposal_action(demo_engine, proposal_id) is None


# --- reads ----------------------------------------------------------------------------------------

def test_the_demo_workshop_record_starts_with_the_strength(demo_engine):
    manager, scope = person(demo_engine, "manager")
    record = workshops.workshop_record(demo_engine, scope, _demo_workshop(demo_engine))
    staff, waiting = _insight(demo_engine, MANAGER_UNIT, "insight_staff"), _insight(demo_engine, MANAGER_UNIT, "insight_waiting")
    assert record["unit"] == MANAGER_UNIT and record["facilitator"] == "Maria Sjöberg"
    assert record["held_on"] == TODAY - timedelta(days=40)
    assert record["participants"] == "Maria Sjöberg, Samir Haddad, +6"
    assert [item["id"] for item in record["agenda"]] == [staff, waiting]
    assert [item["kind"] for item in record["agenda"]] == ["strength", "weakness"]
    first = record["agenda"][0]
    assert set(first) == set(workshops.AGENDA_FIELDS)
    assert first["title"] == TEXT["insight_staff"]["sv"] and first["metric"] == "nps"
    assert first["low"] <= first["high"] and first["n"] > 0 and isinstance(first["period_start"], date)
    assert record["proposals"][staff] == []
    assert [(item["text"], item["votes"]) for item in record["proposals"][waiting]] == [
        ("Kö-värd vid kassorna på helger", 7), ("Självscanning vid rusning", 4)]
    assert all(set(item) == set(workshops.PROPOSAL_FIELDS) for item in record["proposals"][waiting])


def test_the_record_orders_proposals_by_votes_and_shows_their_actions(demo_engine, restore):
    manager, scope = person(demo_engine, "manager")
    workshop_id, first, waiting = _with_proposal(demo_engine, text="Första")
    second = workshops.add_proposal(demo_engine, scope, manager, workshop_id, waiting, "Andra")
    workshops.vote(demo_engine, scope, manager, second)
    action_id = workshops.proposal_to_action(demo_engine, scope, manager, second,
                                             owner_id=user_id(demo_engine, "staff"), due_date=DUE)
    proposals = workshops.workshop_record(demo_engine, scope, workshop_id)["proposals"][waiting]
    assert [item["id"] for item in proposals] == [second, first]
    assert proposals[0] == {"id": second, "text": "Andra", "votes": 1, "action_id": action_id,
                            "action_title": "Andra", "action_owner": "Samir Haddad", "action_due": DUE,
                            "action_status": "planned"}
    workshops.vote(demo_engine, scope, manager, first)
    workshops.vote(demo_engine, scope, manager, first)
    proposals = workshops.workshop_record(demo_engine, scope, workshop_id)["proposals"][waiting]
    assert [(item["id"], item["votes"]) for item in proposals] == [(first, 2), (second, 1)]


def test_workshops_are_listed_newest_first_within_the_scope(demo_engine, restore):
    manager, scope = person(demo_engine, "manager")
    demo = _demo_workshop(demo_engine)
    older = _new(demo_engine, held_on=TODAY - timedelta(days=60))
    newer = _new(demo_engine, held_on=TODAY - timedelta(days=1))
    gavle = _new(demo_engine, username="leader", unit=IMPROVED_UNIT)
    frame = workshops.workshops_for(demo_engine, scope)
    assert list(frame.columns) == workshops.WORKSHOP_COLUMNS
    assert list(frame["id"]) == [newer, demo, older]
    row = frame.set_index("id").loc[demo]
    assert (row["unit"], row["facilitator"], row["insights"], row["proposals"], row["actions"]) == (
        MANAGER_UNIT, "Maria Sjöberg", 2, 2, 0)
    assert row["held_on"] == TODAY - timedelta(days=40)
    leader, everything = person(demo_engine, "leader")
    assert gavle in set(workshops.workshops_for(demo_engine, everything)["id"])
    narrowed = workshops.workshops_for(demo_engine, everything, unit_ids={unit_id(demo_engine, IMPROVED_UNIT)})
    assert list(narrowed["id"]) == [gavle]
    assert workshops.workshops_for(demo_engine, scope, unit_ids={unit_id(demo_engine, IMPROVED_UNIT)}).empty


# --- the Markdown summary -------------------------------------------------------------------------

HOSTILE_NOTES = "# Rubrik\n> citat\n- punkt\n1. lista\n===\n    kod\n[länk](http://example.com) **fet** `kod` | a | b |"
HOSTILE_PROPOSAL = "![bild](http://x/y.png) _kursiv_ \\ + # !"


def _record(**changes) -> dict:
    record = {
        "id": 1, "unit_id": 7, "unit": "Uppsala Centrum", "held_on": date(2026, 10, 14),
        "period_start": date(2026, 7, 16), "period_end": date(2026, 10, 14), "facilitator_id": 2,
        "facilitator": "Maria Sjöberg", "participants": "Maria, Samir, +6", "notes": "Vi började med det som går bra.",
        "agenda": [
            {"id": 11, "kind": "strength", "title": "Personalen får beröm", "metric": "nps", "scope_type": "theme",
             "scope_key": "staff", "estimate": 42.4, "low": 35.0, "high": 49.6, "n": 310,
             "comparator": "organisation", "comparator_estimate": 30.2, "period_start": date(2026, 7, 16),
             "period_end": date(2026, 10, 14)},
            {"id": 12, "kind": "weakness", "title": "Köerna är långa", "metric": "nps", "scope_type": "theme",
             "scope_key": "waiting", "estimate": -12.0, "low": -20.0, "high": -4.0, "n": 150,
             "comparator": "organisation", "comparator_estimate": 5.0, "period_start": date(2026, 7, 16),
             "period_end": date(2026, 10, 14)},
        ],
        "proposals": {
            11: [],
            12: [{"id": 5, "text": "Kö-värd vid kassorna", "votes": 7, "action_id": 9, "action_title": "Kö-värd",
                  "action_owner": "Samir Haddad", "action_due": date(2026, 12, 1), "action_status": "planned"},
                 {"id": 6, "text": "Självscanning", "votes": 4, "action_id": None, "action_title": None,
                  "action_owner": None, "action_due": None, "action_status": None}],
        },
    }
    record.update(changes)
    return record


def _rendered_text(markdown: str) -> str:
    """What a reader sees of ``markdown`` (CommonMark with tables, as Streamlit's
    renderer), with the tags of the structure it found."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(markdown)
    return tokens


def _structure(markdown: str) -> list[str]:
    return [token.type for token in _rendered_text(markdown) if token.type.endswith("_open")]


def _inline_children(markdown: str) -> list[str]:
    return [child.type for token in _rendered_text(markdown) if token.type == "inline"
            for child in token.children or []]


def _as_read(markdown: str) -> str:
    return "".join(child.content for token in _rendered_text(markdown) if token.type == "inline"
                   for child in token.children or [] if child.type == "text")


def test_the_record_starts_with_the_actions_table_then_people_insights_ideas_and_notes():
    markdown = workshops.record_markdown(_record(), SV)
    lines = markdown.splitlines()
    assert lines[0] == "# Workshop: Uppsala Centrum, 2026-10-14"
    assert lines[2] == "## Vad vi bestämde"
    assert lines[4:7] == ["| Vad | Ansvarig | Klart | Nästa uppföljning |", "| --- | --- | --- | --- |",
                          "| Kö-värd | Samir Haddad | 2026-12-01 | 2027-01-26 |"]  # 8 weeks after the due date
    assert _structure(markdown)[:3] == ["heading_open", "heading_open", "table_open"]
    assert "**Deltagare:** Maria, Samir, +6  " in lines
    strength = lines.index("### 1. Personalen får beröm (Styrka)")
    weakness = lines.index("### 2. Köerna är långa (Svaghet)")
    assert lines.index("**Ledare:** Maria Sjöberg  ") < strength < weakness
    assert "NPS 42, troligen mellan 35 och 50, 310 svar; jämfört med resten av organisationen: 30" in lines
    assert "NPS −12, troligen mellan −20 och −4, 150 svar; jämfört med resten av organisationen: 5" in lines
    assert lines[strength:weakness].count("Inga idéer.") == 1
    queue_host = lines.index("- Kö-värd vid kassorna (7 röster)")
    assert lines[queue_host + 1] == "  - Åtgärd: Kö-värd (Samir Haddad, klart 2026-12-01, planerad)"
    assert lines[queue_host + 2] == "- Självscanning (4 röster)"
    assert lines[queue_host + 3] == "  - ingen åtgärd ännu"
    assert lines.index("## Anteckningar") > queue_host and lines[-1] == "Vi började med det som går bra."
    assert "\\" not in markdown  # no stray escapes: nothing in this record needs one
    assert "CSAT" not in workshops.record_markdown(_record(agenda=[dict(_record()["agenda"][0], metric="csat",
                                                                         estimate=0.81, low=0.78, high=0.84)]), SV)


def test_the_record_uses_the_apps_names_of_measures_and_says_when_nothing_was_decided():
    record = _record(proposals={11: [], 12: []})
    record["agenda"][0].update(metric="csat", estimate=0.812, low=0.78, high=0.84, comparator_estimate=0.7)
    markdown = workshops.record_markdown(record, {})
    assert "Share satisfied (4–5) 81\u00a0%, likely between 78\u00a0% and 84\u00a0%, 310 answers" in markdown
    assert "## What we decided\n\nNo actions decided yet.\n" in markdown
    assert "table_open" not in _structure(markdown)


def test_a_question_the_team_brought_shows_its_note_and_a_grouped_item_what_it_holds():
    record = _record()
    record["agenda"].append({"id": 13, "kind": "question", "title": "Ska vi ha öppet på söndagar?",
                             "metric": "nps", "estimate": None, "low": None, "high": None, "n": None,
                             "comparator": None, "filters": {"note": "Från Samir"}})
    record["agenda"][1]["filters"] = {"together": [{"title": "Nöjdheten vid butiksbesök är lägre"}]}
    record["proposals"][13] = []
    lines = workshops.record_markdown(record, {}).splitlines()
    question = lines.index("### 3. Ska vi ha öppet på söndagar? (Our question)")
    assert lines[question + 2] == "Note: Från Samir"
    assert "Goes with: Nöjdheten vid butiksbesök är lägre" in lines


def test_what_users_wrote_shows_as_written_and_cannot_become_markdown_structure():
    record = _record(unit="Uppsala #1 [test]", participants="- Maria\n> Samir", notes=HOSTILE_NOTES,
                     facilitator="*Maria*")
    record["agenda"][1]["title"] = "## Köer | lång"
    record["proposals"][12][0]["text"] = HOSTILE_PROPOSAL
    record["proposals"][12][0]["action_title"] = "[klicka](javascript:alert(1)) | x"
    markdown = workshops.record_markdown(record, SV)
    lines = markdown.splitlines()
    assert [line for line in lines if line.startswith("#")] == [
        "# Workshop: Uppsala #1 \\[test\\], 2026-10-14", "## Vad vi bestämde", "## Insikter vi pratade om",
        "### 1. Personalen får beröm (Styrka)", "### 2. \\## Köer \\| lång (Svaghet)", "## Anteckningar"]
    # the parser finds only the record's own structure: one table, its lists, no links, images, code,
    # emphasis beyond the labels' bold, quotes or HTML
    structure = _structure(markdown)
    assert structure.count("table_open") == 1 and "blockquote_open" not in structure
    assert structure.count("heading_open") == 6
    children = set(_inline_children(markdown))
    assert children <= {"text", "softbreak", "hardbreak", "strong_open", "strong_close"}
    # and what a reader sees is what users wrote
    shown = _as_read(markdown)
    for text in ("[klicka](javascript:alert(1)) | x", "![bild](http://x/y.png) _kursiv_ \\ + # !",
                 "## Köer | lång", "*Maria*", "# Rubrik", "> citat", "- punkt", "1. lista", "===",
                 "[länk](http://example.com) **fet** `kod` | a | b |"):
        assert text in shown, text
    for text in ("a*b", "`x` ~~y~~ $z$ <b>", "snake_case _stressed_", "&amp; 3 > 2", "2. andra", "+ plus"):
        assert _as_read(workshops.escape_markdown(text)) == text
    # only what must be escaped is: no escapes inside ordinary text
    assert workshops.escape_markdown("Kö-värd 1. steg (snart) order_value #2 a+b!") == \
        "Kö-värd 1. steg (snart) order_value #2 a+b!"


def test_the_summary_of_a_real_record(demo_engine, restore):
    manager, scope = person(demo_engine, "manager")
    workshop_id, proposal_id, waiting = _with_proposal(demo_engine, text="Kö-värd *nu*")
    workshops.update_record(demo_engine, scope, manager, workshop_id, notes="> Bra möte\n# Nej")
    workshops.vote(demo_engine, scope, manager, proposal_id)
    workshops.proposal_to_action(demo_engine, scope, manager, proposal_id, owner_id=manager.id, due_date=DUE,
                                 title="Kö-värd")
    markdown = workshops.record_markdown(workshops.workshop_record(demo_engine, scope, workshop_id), SV)
    assert markdown.startswith(f"# Workshop: {MANAGER_UNIT}, {HELD.isoformat()}\n\n## Vad vi bestämde\n\n")
    assert f"| Kö-värd | Maria Sjöberg | {DUE.isoformat()} | {(DUE + timedelta(weeks=8)).isoformat()} |" in markdown
    staff, waiting = (workshops.escape_markdown(TEXT[key]["sv"]) for key in ("insight_staff", "insight_waiting"))
    assert markdown.index(f"### 1. {staff} (Styrka)") < markdown.index(f"### 2. {waiting} (Svaghet)")
    assert "- Kö-värd \\*nu\\* (1 röster)\n  - Åtgärd: Kö-värd (Maria Sjöberg, " \
           f"klart {DUE.isoformat()}, planerad)" in markdown
    assert "\\> Bra möte  \n\\# Nej" in markdown
