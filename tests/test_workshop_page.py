"""The workshop page through AppTest: a manager prepares the agenda, presents it,
collects proposals and votes, turns one into an action, and keeps the record;
staff are refused, also on a deep link."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select

from queries.db import engine_for
from queries.schema import Action, ActionEvent, Workshop, WorkshopInsight, WorkshopProposal
from tests.test_pages import texts


pytestmark = pytest.mark.usefixtures("fresh_caches")


@pytest.fixture
def app(sqlite_demo_url, open_page):
    return lambda role, **query: open_page(sqlite_demo_url, role, "pages/workshop.py", **query)


def test_staff_are_refused(app):
    test = app("staff")
    assert not test.exception
    assert "inte tillgänglig för din roll" in texts(test)


def test_a_manager_runs_a_workshop_end_to_end(app, sqlite_demo_url):
    engine = engine_for(sqlite_demo_url)
    with engine.connect() as connection:
        before = set(connection.execute(select(Workshop.id)).scalars())
    test = app("manager")
    assert not test.exception, test.exception
    chooser = test.selectbox(key=[k for k in test.session_state if str(k).startswith("workshop_of_")][0])
    test = chooser.select_index(0).run()  # a new workshop
    test = [b for b in test.button if b.label == "Skapa workshop"][0].click().run()
    assert not test.exception, test.exception
    with engine.connect() as connection:
        (workshop_id,) = set(connection.execute(select(Workshop.id)).scalars()) - before
    try:
        # 1. Prepare: the proposed agenda is saved (strengths first).
        test = [b for b in test.button if b.label == "Spara dagordningen"][0].click().run()
        assert not test.exception, test.exception
        assert "Dagordningen är sparad" in texts(test)
        # 2. Present: one insight per screen, next/previous.
        test.session_state["workshop_mode"] = "present"
        test = test.run()
        assert not test.exception, test.exception
        assert "1 av" in "\n".join(element.proto.body for element in test.get("html"))
        test = [b for b in test.button if b.label == "Nästa"][0].click().run()
        assert "2 av" in "\n".join(element.proto.body for element in test.get("html"))
        # 3. Decide: a proposal, a vote, and an action from it.
        test.session_state["workshop_mode"] = "decide"
        test = test.run()
        test.text_input[0].input("Kö-värd på lördagar")
        test = [b for b in test.button if b.label == "Lägg till förslag"][0].click().run()
        assert not test.exception, test.exception
        test = [b for b in test.button if b.label == "+1"][0].click().run()
        assert "1 röster" in texts(test)
        test = [b for b in test.button if b.label == "Skapa åtgärd"][0].click().run()
        assert not test.exception, test.exception
        with engine.connect() as connection:
            proposal = connection.execute(select(WorkshopProposal).where(
                WorkshopProposal.workshop_id == workshop_id)).one()
        assert proposal.votes == 1 and proposal.action_id is not None
        # 4. Record: the summary lists the insight, the proposal and the action.
        test.session_state["workshop_mode"] = "record"
        test = test.run()
        assert not test.exception, test.exception
        summary = "\n".join(element.value for element in test.markdown)
        assert "Kö\\-värd på lördagar" in summary or "Kö-värd på lördagar" in summary
        assert [b.label for b in test.get("download_button")] == [
            "Ladda ner som Markdown", "Ladda ner som PDF"]
    finally:
        with engine.begin() as connection:
            action_ids = list(connection.execute(select(WorkshopProposal.action_id).where(
                WorkshopProposal.workshop_id == workshop_id)).scalars())
            connection.execute(delete(WorkshopProposal).where(WorkshopProposal.workshop_id == workshop_id))
            connection.execute(delete(WorkshopInsight).where(WorkshopInsight.workshop_id == workshop_id))
            connection.execute(delete(Workshop).where(Workshop.id == workshop_id))
            ids = [i for i in action_ids if i]
            connection.execute(delete(ActionEvent).where(ActionEvent.action_id.in_(ids)))
            connection.execute(delete(Action).where(Action.id.in_(ids)))


def test_a_leader_prepares_a_workshop_for_any_unit(app, sqlite_demo_url):
    engine = engine_for(sqlite_demo_url)
    with engine.connect() as connection:
        before = set(connection.execute(select(Workshop.id)).scalars())
    assert "Välj en enhet i urvalet" in texts(app("leader"))
    from queries.schema import Unit

    with engine.connect() as connection:
        gavle = connection.execute(select(Unit.id).where(Unit.name == "Gävle")).scalar()
    test = app("leader")
    test.session_state["unit"] = gavle  # as picking it in the sidebar does
    test = test.run()
    assert test.title[0].value == "Workshop: Gävle"
    test = [b for b in test.button if b.label == "Skapa workshop"][0].click().run()
    try:
        assert not test.exception, test.exception
        test = [b for b in test.button if b.label == "Spara dagordningen"][0].click().run()
        assert not test.exception, test.exception
        assert "Dagordningen är sparad" in texts(test)
    finally:
        with engine.begin() as connection:
            new = set(connection.execute(select(Workshop.id)).scalars()) - before
            connection.execute(delete(WorkshopInsight).where(WorkshopInsight.workshop_id.in_(new)))
            connection.execute(delete(Workshop).where(Workshop.id.in_(new)))
