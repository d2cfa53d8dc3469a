"""bench.interactions prepares what its workshop vote needs on the database it is given."""

from __future__ import annotations

from datetime import date

from bench.interactions import PAGES, _workshop_to_vote_in
from queries import workshops
from queries.db import engine_for
from tests.people import person


def test_the_vote_has_a_workshop_of_the_managers_unit_with_an_idea(sqlite_scratch_url):
    _workshop_to_vote_in(sqlite_scratch_url)
    engine = engine_for(sqlite_scratch_url)
    manager, scope = person(engine, "manager")
    newest = workshops.workshops_for(engine, scope, unit_ids=[manager.unit_id]).iloc[0]
    assert newest["held_on"] == date.today()  # the one the page opens first
    record = workshops.workshop_record(engine, scope, int(newest["id"]))
    assert len(record["agenda"]) == 1
    [idea] = record["proposals"][record["agenda"][0]["id"]]
    assert idea["votes"] == 0 and idea["text"].startswith("Benchmark")
    assert [name for name, _action, _roles in PAGES["workshop"].interactions] == ["vote"]
