"""Theme discovery in a scope, and proposals, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from queries import admin, audit, discovery
from queries.db import engine_for
from queries.responses import Filters
from queries.schema import ResponseTheme, Theme, ThemeProposal
from tests.discovery_corpus import PARKING, store
from tests.fresh_databases import fresh_url  # noqa: F401  (a pytest fixture)
from tests.people import person

PERIOD = (date(2026, 1, 1), date(2026, 11, 30))


@pytest.fixture
def engine(fresh_url):  # noqa: F811
    engine = engine_for(fresh_url)
    store(engine, 2_000, "en", password_hash="x")
    return engine


def _filters(scope) -> Filters:
    return Filters(scope.unit_ids, *PERIOD)


def _parking(found) -> bool:
    return any("park" in term.text for candidate in found.discovery.candidates for term in candidate.terms)


def test_a_manager_sees_only_own_units_comments_in_candidates(engine):
    account, scope = person(engine, "manager")
    found = discovery.discover_in_scope(engine, scope, _filters(scope), "nps")
    assert found.discovery.candidates and found.total == found.discovery.comments == 1_000
    assert not _parking(found)
    assert set(found.examples["unit"]) == {"North"}
    assert not found.examples["comment"].isin(PARKING).any()
    # a wider filter is narrowed to the scope, never widened
    everything = Filters(frozenset(range(1, 100)), *PERIOD)
    assert discovery.discover_in_scope(engine, scope, everything, "nps").total == 1_000

    _leader, whole = person(engine, "leader")
    found = discovery.discover_in_scope(engine, whole, _filters(whole), "nps")
    assert found.total == 2_000 and _parking(found)


def test_a_sample_above_the_cap(engine):
    _account, scope = person(engine, "leader")
    frame, total = discovery.read_comments(engine, scope, _filters(scope), "csat", cap=500)
    assert total == 2_000 and 350 <= len(frame) <= 650
    again, _total = discovery.read_comments(engine, scope, _filters(scope), "csat", cap=500)
    assert frame.equals(again) and list(frame.columns) == ["id", "comment", "language", "csat"]


def test_existing_themes_cover_their_words(engine):
    covered = discovery.covered_by_themes(engine)
    assert covered("queue") and covered("waiting") and not covered("premium")
    _account, scope = person(engine, "leader")
    found = discovery.discover_in_scope(engine, scope, _filters(scope), "nps")
    terms = {term.text for candidate in found.discovery.candidates for term in candidate.terms}
    assert "queue" not in terms and "premium" in terms


def test_a_manager_proposes_and_an_admin_accepts(engine):
    manager, scope = person(engine, "manager")
    administrator, _scope = person(engine, "admin")
    candidate = next(c for c in discovery.discover_in_scope(engine, scope, _filters(scope), "nps").discovery.candidates
                     if c.terms[0].text == "premium")
    proposal = discovery.propose(engine, manager, [t.text for t in candidate.terms], [], candidate.patterns["en"])
    pending = discovery.proposals(engine)
    assert pending["id"].tolist() == [proposal] and pending["unit"].tolist() == ["North"]
    assert pending["patterns_en"].iloc[0].splitlines() == list(candidate.patterns["en"])
    with pytest.raises(PermissionError):
        discovery.accept(engine, manager, proposal, "premium", "Premie", "Premium", "", "premium*")

    theme_id = discovery.accept(engine, administrator, proposal, "premium", "Premie", "Premium", "",
                                pending["patterns_en"].iloc[0])
    with engine.connect() as connection:
        theme = connection.execute(select(Theme).where(Theme.id == theme_id)).one()
        tagged = connection.execute(select(func.count()).select_from(ResponseTheme)
                                    .where(ResponseTheme.theme_id == theme_id)).scalar()
        status = connection.execute(select(ThemeProposal.status, ThemeProposal.decided_by)).one()
    assert theme.patterns_en.splitlines() == list(candidate.patterns["en"]) and theme.active
    assert tagged >= candidate.comments  # every comment tagged with it, in both units
    assert tuple(status) == ("accepted", administrator.id)
    assert discovery.proposals(engine).empty
    with pytest.raises(admin.AdminError) as refused:
        discovery.accept(engine, administrator, proposal, "premium2", "P", "P2", "", "premium*")
    assert refused.value.code == "proposal_decided"
    events, _total = audit.events(engine, administrator)
    assert {"theme_proposed", "theme_proposal_accepted", "theme_created"} <= set(events["action"])


def test_an_admin_declines_and_staff_cannot_propose(engine):
    manager, _scope = person(engine, "manager")
    staff, _scope = person(engine, "staff")
    administrator, _scope = person(engine, "admin")
    with pytest.raises(PermissionError):
        discovery.propose(engine, staff, ["parking"], [], ["park*"])
    proposal = discovery.propose(engine, manager, ["parking"], [], ["park*"])
    with pytest.raises(PermissionError):
        discovery.decline(engine, manager, proposal)
    discovery.decline(engine, administrator, proposal)
    assert discovery.proposals(engine).empty
    assert discovery.proposals(engine, status=None)["status"].tolist() == ["declined"]
    events, _total = audit.events(engine, administrator, actions=["theme_proposal_declined"])
    assert len(events) == 1
