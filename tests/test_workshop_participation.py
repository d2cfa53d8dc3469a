"""Employees in a running workshop, on SQLite and PostgreSQL: the facilitator's
current slide, ideas from phones, and each person's votes (three per workshop,
one per idea, also when taps arrive at the same moment; only counts are shown)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import delete

from ingest.demo import IMPROVED_UNIT
from queries import workshop_participation as participation
from queries import workshops
from queries.schema import WorkshopVote
from tests.people import person
from tests.test_workshops import _insight, _new, _votes, _with_proposal, restore  # noqa: F401 (fixture)


@pytest.fixture
def clean_votes(demo_engine, restore):  # noqa: F811
    yield
    with demo_engine.begin() as connection:
        connection.execute(delete(WorkshopVote))


def _ideas(engine, workshop_id, waiting, count):
    manager, scope = person(engine, "manager")
    return [workshops.add_proposal(engine, scope, manager, workshop_id, waiting, f"Idé {n}") for n in range(count)]


def test_participants_see_the_facilitators_current_slide(demo_engine, clean_votes):
    manager, scope = person(demo_engine, "manager")
    staff, staff_scope = person(demo_engine, "staff")
    workshop_id, proposal_id, waiting = _with_proposal(demo_engine)
    assert participation.participant_view(demo_engine, staff_scope, staff, workshop_id)["current"] is None
    participation.set_current(demo_engine, scope, manager, workshop_id, waiting)
    view = participation.participant_view(demo_engine, staff_scope, staff, workshop_id)
    assert view["current"]["id"] == waiting and view["votes_left"] == 3
    assert [idea["id"] for idea in view["ideas"]] == [proposal_id]
    with pytest.raises(PermissionError):
        participation.set_current(demo_engine, staff_scope, staff, workshop_id, waiting)
    with pytest.raises(ValueError):
        participation.set_current(demo_engine, scope, manager, workshop_id, _insight(demo_engine, IMPROVED_UNIT, "insight_waiting"))


def test_three_votes_each_one_per_idea_counts_only(demo_engine, clean_votes):
    manager, scope = person(demo_engine, "manager")
    staff, staff_scope = person(demo_engine, "staff")
    workshop_id, first, waiting = _with_proposal(demo_engine)
    participation.set_current(demo_engine, scope, manager, workshop_id, waiting)
    others = _ideas(demo_engine, workshop_id, waiting, 3)
    assert participation.cast_vote(demo_engine, staff_scope, staff, first) == 1
    with pytest.raises(participation.VoteRefused) as twice:
        participation.cast_vote(demo_engine, staff_scope, staff, first)
    assert twice.value.code == "twice"
    participation.cast_vote(demo_engine, staff_scope, staff, others[0])
    participation.cast_vote(demo_engine, staff_scope, staff, others[1])
    with pytest.raises(participation.VoteRefused) as limit:
        participation.cast_vote(demo_engine, staff_scope, staff, others[2])
    assert limit.value.code == "limit" and _votes(demo_engine, others[2]) == 0
    assert participation.cast_vote(demo_engine, scope, manager, first) == 2  # the manager has votes of their own
    mine = participation.participant_view(demo_engine, staff_scope, staff, workshop_id)
    theirs = participation.participant_view(demo_engine, scope, manager, workshop_id)
    assert mine["votes_left"] == 0 and theirs["votes_left"] == 2
    assert {idea["id"] for idea in mine["ideas"] if idea["mine"]} == {first, others[0], others[1]}
    assert {idea["id"] for idea in theirs["ideas"] if idea["mine"]} == {first}
    assert set(mine["ideas"][0]) == {"id", "text", "votes", "mine"}  # no voters' names
    assert participation.withdraw_vote(demo_engine, staff_scope, staff, first) == 1
    with pytest.raises(participation.VoteRefused):
        participation.withdraw_vote(demo_engine, staff_scope, staff, first)
    assert participation.cast_vote(demo_engine, staff_scope, staff, others[2]) == 1


def test_votes_and_views_stay_within_the_scope(demo_engine, clean_votes):
    staff, staff_scope = person(demo_engine, "staff")
    leader, everything = person(demo_engine, "leader")
    gavle = _new(demo_engine, username="leader", unit=IMPROVED_UNIT)
    gavle_insight = _insight(demo_engine, IMPROVED_UNIT, "insight_waiting")
    workshops.set_agenda(demo_engine, everything, leader, gavle, [gavle_insight])
    elsewhere = workshops.add_proposal(demo_engine, everything, leader, gavle, gavle_insight, "Fler kassor")
    with pytest.raises(PermissionError):
        participation.cast_vote(demo_engine, staff_scope, staff, elsewhere)
    with pytest.raises(PermissionError):
        participation.participant_view(demo_engine, staff_scope, staff, gavle)
    assert _votes(demo_engine, elsewhere) == 0


def test_taps_at_the_same_moment_never_exceed_the_limits(demo_engine, clean_votes):
    staff, staff_scope = person(demo_engine, "staff")
    workshop_id, first, waiting = _with_proposal(demo_engine)
    ideas = [first, *_ideas(demo_engine, workshop_id, waiting, 5)]
    taps = [first, first, *ideas]  # two taps on one idea, then one on each of six
    barrier = threading.Barrier(len(taps))

    def tap(proposal_id):
        barrier.wait(timeout=30)
        try:
            participation.cast_vote(demo_engine, staff_scope, staff, proposal_id)
            return True
        except participation.VoteRefused:
            return False

    with ThreadPoolExecutor(max_workers=len(taps)) as pool:
        results = list(pool.map(tap, taps))
    assert sum(results) == 3
    assert sum(_votes(demo_engine, idea) for idea in ideas) == 3
    assert max(_votes(demo_engine, idea) for idea in ideas) == 1
