"""The workshop page through AppTest: a manager prepares the agenda, presents it,
collects proposals and votes, turns one into an action, and keeps the record;
staff see only the participant view (current insight, ideas, votes)."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, update

from components.i18n import markdown_safe
from queries.db import engine_for
from queries.schema import Action, ActionEvent, Workshop, WorkshopInsight, WorkshopProposal, WorkshopVote
from tests.app_runs import open_expanders
from tests.people import user_id
from tests.test_pages import texts


pytestmark = pytest.mark.usefixtures("fresh_caches")


@pytest.fixture
def app(sqlite_demo_url, open_page):
    return lambda role, **query: open_page(sqlite_demo_url, role, "pages/workshop.py", **query)


def test_staff_see_the_participant_view_only(app, sqlite_demo_url):
    engine = engine_for(sqlite_demo_url)
    test = app("staff")
    assert not test.exception, test.exception
    assert "Workshopen har inte börjat än" in texts(test)
    assert not [b for b in test.button if b.label == "Skapa workshop"] and "workshop_mode" not in test.session_state
    workshop_id = test.selectbox[0].value
    with engine.connect() as connection:
        insight_id = connection.execute(select(WorkshopInsight.insight_id).where(
            WorkshopInsight.workshop_id == workshop_id).order_by(WorkshopInsight.position)).scalars().first()
    with engine.begin() as connection:
        connection.execute(update(Workshop).where(Workshop.id == workshop_id).values(current_insight_id=insight_id))
    try:
        test = app("staff", join=str(workshop_id))
        assert not test.exception, test.exception
        [w for w in test.text_area if w.label == "Din idé"][0].input("Skylt vid kassan")
        test = [b for b in test.button if b.label == "Lägg till idén"][0].click().run()
        test = [b for b in test.button if b.label == "Rösta"
                and b.key.startswith("vote_")][0].click().run()
        assert not test.exception, test.exception
        assert "Du har 2 av 3 röster kvar." in texts(test) and "1 röst" in texts(test)
        assert "Skylt vid kassan" in [text.value for text in test.text]
        assert [b for b in test.button if b.label == "Ta tillbaka"]
    finally:
        with engine.begin() as connection:
            connection.execute(delete(WorkshopVote))
            connection.execute(delete(WorkshopProposal).where(WorkshopProposal.text == "Skylt vid kassan"))
            connection.execute(update(Workshop).values(current_insight_id=None))


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
        # 1. Prepare: strengths first, one to three focus areas, one cause on one item.
        key = f"agenda_items_{workshop_id}"
        items = test.session_state[key]
        kinds = [item["kind"] for item in items]
        assert kinds[0] == "strength" and kinds == sorted(kinds, key=lambda kind: kind != "strength")
        assert 1 <= sum(kind != "strength" for kind in kinds) <= 3
        first, second = items[0]["title"], items[1]["title"]
        test = [b for b in test.button if b.key == f"down_{key}_0"][0].click().run()  # reorder by a button
        assert [item["title"] for item in test.session_state[key]][:2] == [second, first]
        test = [b for b in test.button if b.key == f"up_{key}_1"][0].click().run()
        assert [item["title"] for item in test.session_state[key]][:2] == [first, second]
        question = [w for w in test.text_input if w.label == "Frågan teamet tar med sig"][0]
        question.input("Ska vi öppna tidigare på lördagar?")
        [w for w in test.text_area if w.label == "Anteckning (frivillig)"][0].input("Från Samir")
        test = [b for b in test.button if b.label == "Lägg till frågan"][0].click().run()
        assert test.session_state[key][-1]["kind"] == "question"
        test = [b for b in test.button if b.label == "Spara dagordningen"][0].click().run()
        assert not test.exception, test.exception
        assert "Dagordningen är sparad" in texts(test)
        # 2. Present: one insight per screen, its chart, prompts of its kind, ideas on the slide.
        test.session_state["workshop_mode"] = "present"
        test = test.run()
        assert not test.exception, test.exception
        slide = "\n".join(element.proto.body for element in test.get("html"))
        assert "1 av" in slide and "Vad gör vi bra här?" in slide and "Vad kan orsaken vara?" not in slide
        assert test.get("plotly_chart")
        test = [b for b in test.button if b.label == "Nästa" and b.key == "slide_next"][0].click().run()
        slide = "\n".join(element.proto.body for element in test.get("html"))
        assert "2 av" in slide
        test.session_state["slide"] = 99  # the last slide: the team's own question
        test = test.run()
        slide = "\n".join(element.proto.body for element in test.get("html"))
        assert "Ska vi öppna tidigare på lördagar?" in slide and "Vad vet vi redan?" in slide
        [w for w in test.text_input if w.label == "Ny idé"][0].input("Kö-värd på lördagar")
        test = [b for b in test.button if b.label == "Spara idén"][0].click().run()
        assert not test.exception, test.exception
        assert "Kö-värd på lördagar" in "\n".join(element.proto.body for element in test.get("html"))
        # 3. Decide: a vote, and an action whose owner someone chose (no default; the team first).
        test.session_state["workshop_mode"] = "decide"
        test = test.run()
        test = [b for b in test.button if b.label == "+1"][0].click().run()
        assert "1 röster" in texts(test)
        owner = [w for w in test.selectbox if str(w.key).startswith("owner_")][0]
        assert owner.value is None and owner.placeholder == "Välj en ansvarig"
        assert owner.options[:2] == ["Maria Sjöberg (chef)", "Samir Haddad (medarbetare)"]
        assert all("(" in option for option in owner.options)
        test = [b for b in test.button if b.label == "Skapa åtgärd"][0].click().run()
        assert "Välj vem som är ansvarig först." in texts(test)
        test.session_state[owner.key] = user_id(engine, "staff")  # AppTest cannot pick from an empty choice
        test = test.run()
        test = [b for b in test.button if b.label == "Skapa åtgärd"][0].click().run()
        assert not test.exception, test.exception
        with engine.connect() as connection:
            proposal = connection.execute(select(WorkshopProposal).where(
                WorkshopProposal.workshop_id == workshop_id)).one()
            owner_id = connection.execute(select(Action.owner_id).where(Action.id == proposal.action_id)).scalar()
        assert proposal.votes == 1 and proposal.action_id is not None
        assert owner_id == user_id(engine, "staff")
        # 4. Record: the actions table comes first; mail is not set up here, and it says so.
        test.session_state["workshop_mode"] = "record"
        test = test.run()
        assert not test.exception, test.exception
        summary = "\n".join(element.value for element in test.markdown)
        assert "| Kö-värd på lördagar | Samir Haddad |" in summary
        assert summary.index("## Det här bestämde vi") < summary.index("## Insikter som diskuterades")
        assert [b.label for b in test.get("download_button")] == [
            "Ladda ner som Markdown", "Ladda ner som PDF"]
        assert "E-post är inte inställt för Insikt" in texts(test)
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


def test_every_kind_of_slide_has_its_visual_and_prompts(app, sqlite_demo_url):
    """A pinned trend (its band), a growing theme (last weeks against the weeks
    before), a weakness and the team's question (no chart) each present without error;
    the trend's periods can be read as a table."""
    from datetime import timedelta

    from ingest.demo import MANAGER_UNIT
    from queries import insights, workshops
    from queries.schema import Insight
    from tests.conftest import TODAY
    from tests.people import person, unit_id

    engine = engine_for(sqlite_demo_url)
    manager, scope = person(engine, "manager")
    unit = unit_id(engine, MANAGER_UNIT)
    period = dict(period_start=TODAY - timedelta(days=180), period_end=TODAY)
    pins = [
        dict(kind="trend", scope_type="metric", scope_key="nps", metric="nps", title="NPS steg",
             estimate=30.0, low=25.0, high=35.0, n=400, comparator="previous", comparator_estimate=20.0),
        dict(kind="emerging_issue", scope_type="theme", scope_key="waiting", metric="share", title="Väntan växer",
             estimate=0.2, low=0.15, high=0.26, n=180, comparator="previous", comparator_estimate=0.1,
             filters={"comparator_interval": [0.08, 0.12], "origin": "agenda"}),
        dict(kind="weakness", scope_type="touchpoint", scope_key="store_visit", metric="csat", title="Nöjdhet lägre",
             estimate=0.7, low=0.65, high=0.75, n=300, comparator="organisation", comparator_estimate=0.8,
             filters={"comparator_interval": [0.79, 0.81], "origin": "agenda"}),
        dict(kind="question", scope_type="question", scope_key=None, metric="nps", title="Öppettider?",
             estimate=None, low=None, high=None, n=None, comparator=None, comparator_estimate=None,
             filters={"origin": "agenda", "question": "Öppettider?", "note": "Från Samir"}),
    ]
    ids = [insights.pin(engine, scope, manager.id, unit_id=unit, **{"filters": {}, **period, **pin})[0]
           for pin in pins]
    workshop_id = workshops.create_workshop(engine, scope, manager, unit_id=unit, held_on=TODAY, **period)
    workshops.set_agenda(engine, scope, manager, workshop_id, ids)
    try:
        test = app("manager")
        test.selectbox(key=[k for k in test.session_state if str(k).startswith("workshop_of_")][0]) \
            .set_value(workshop_id).run()
        test.session_state["workshop_mode"] = "present"
        expected = [("Vad har förändrats, och sedan när?", 1), ("Vad har förändrats, och sedan när?", 1),
                    ("Vad kan orsaken vara?", 1), ("Vad vet vi redan?", 0)]
        for index, (prompt, charts) in enumerate(expected):
            test.session_state["slide"] = index
            test = test.run()
            assert not test.exception, (index, test.exception)
            slide = "\n".join(element.proto.body for element in test.get("html"))
            assert prompt in slide and f"{index + 1} av 4" in slide
            assert len(test.get("plotly_chart")) == charts, index
            if index == 0:  # the trend's periods as a table, as on the overview
                test = open_expanders(test, "alt_slide_trend_")
                table = test.table[0].value
                assert table.index.name == "Period" and markdown_safe("Band (alla perioder)") in table.columns
                assert len(table) >= 6 and table["n"].str.replace(r"\D", "", regex=True).astype(int).sum() > 0
        assert "Från Samir" in slide
    finally:
        with engine.begin() as connection:
            connection.execute(delete(WorkshopInsight).where(WorkshopInsight.workshop_id == workshop_id))
            connection.execute(delete(Workshop).where(Workshop.id == workshop_id))
            connection.execute(delete(Insight).where(Insight.id.in_(ids)))
