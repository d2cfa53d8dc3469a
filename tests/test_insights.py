"""Pinning insights and the targets an admin sets, on SQLite and PostgreSQL: a
finding pinned twice is one row (also when pinned at the same moment), pins stay
in the scope, and targets exist only once set, within their ranges."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
from sqlalchemy import delete, func, select

from ingest.demo import MANAGER_UNIT
from queries import insights
from queries.schema import Insight, Unit, User
from queries.scope import scope_for
from queries.settings import data_version
from tests.conftest import TODAY

START = TODAY - timedelta(days=89)


def _user(engine, username: str):
    with engine.connect() as connection:
        return connection.execute(select(User).where(User.username == username)).one()


def _finding(unit_id: int, **changes) -> dict:
    finding = dict(
        unit_id=unit_id, kind="strength", scope_type="touchpoint", scope_key="checkout", metric="nps",
        title="Kassan får beröm", period_start=START, period_end=TODAY, estimate=42.0, low=30.5,
        high=52.1, n=180, comparator="organisation", comparator_estimate=25.0,
        filters={"unit": unit_id, "period": "3m", "touchpoint": "checkout", "channel": None,
                 "units": frozenset({unit_id}), "start": START, "end": TODAY},
    )
    finding.update(changes)
    return finding


@pytest.fixture
def pinned(demo_engine):
    """Ids of the insights a test pins; removed afterwards (the demo's stay)."""
    with demo_engine.connect() as connection:
        before = set(connection.execute(select(Insight.id)).scalars())
    yield
    with demo_engine.begin() as connection:
        ids = set(connection.execute(select(Insight.id)).scalars()) - before
        if ids:
            connection.execute(delete(Insight).where(Insight.id.in_(sorted(ids))))


@pytest.fixture
def manager(demo_engine):
    user = _user(demo_engine, "manager")
    return user, scope_for(demo_engine, user.role, user.unit_id)


def _count(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(Insight)).scalar()


def test_pinning_twice_keeps_one_row(demo_engine, pinned, manager):
    user, scope = manager
    before = _count(demo_engine)
    first_id, created = insights.pin(demo_engine, scope, user.id, **_finding(user.unit_id))
    assert created
    again_id, created_again = insights.pin(demo_engine, scope, user.id, **_finding(user.unit_id, title="Ny rubrik"))
    assert (again_id, created_again) == (first_id, False)
    # The filters identify the finding whatever order or container type they come in.
    same_filters = _finding(user.unit_id)["filters"] | {"units": [user.unit_id]}
    reordered = dict(reversed(list(same_filters.items())))
    assert insights.pin(demo_engine, scope, user.id, **_finding(user.unit_id, filters=reordered)) == (first_id, False)
    assert _count(demo_engine) == before + 1
    with demo_engine.connect() as connection:
        row = connection.execute(select(Insight).where(Insight.id == first_id)).one()
    assert row.title == "Kassan får beröm" and row.created_by == user.id and len(row.fingerprint) == 64
    assert row.filters == {"channel": None, "end": TODAY.isoformat(), "period": "3m", "start": START.isoformat(),
                           "touchpoint": "checkout", "unit": user.unit_id, "units": [user.unit_id]}


def test_a_different_finding_is_a_new_row(demo_engine, pinned, manager):
    user, scope = manager
    first_id, _ = insights.pin(demo_engine, scope, user.id, **_finding(user.unit_id))
    changes = [
        {"period_start": START - timedelta(days=1)},
        {"period_end": TODAY - timedelta(days=1)},
        {"kind": "weakness"},
        {"scope_key": "delivery"},
        {"comparator": "previous"},
        {"metric": "csat"},
        {"filters": _finding(user.unit_id)["filters"] | {"channel": "email"}},
    ]
    ids = {first_id}
    for change in changes:
        new_id, created = insights.pin(demo_engine, scope, user.id, **_finding(user.unit_id, **change))
        assert created, change
        ids.add(new_id)
    assert len(ids) == len(changes) + 1


def test_pins_at_the_same_moment_make_one_row(demo_engine, pinned, manager):
    user, scope = manager
    finding = _finding(user.unit_id, scope_key="customer_service")
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda _: insights.pin(demo_engine, scope, user.id, **finding), range(6)))
    assert len({insight_id for insight_id, _ in results}) == 1
    assert sum(created for _, created in results) == 1


def test_pinning_outside_the_scope_is_refused(demo_engine, pinned, manager):
    user, scope = manager
    with demo_engine.connect() as connection:
        other = connection.execute(select(Unit.id).where(Unit.kind == "unit", Unit.name != MANAGER_UNIT)
                                   .order_by(Unit.id)).scalars().first()
    before = _count(demo_engine)
    with pytest.raises(PermissionError):
        insights.pin(demo_engine, scope, user.id, **_finding(other))
    with pytest.raises(ValueError, match="kind"):
        insights.pin(demo_engine, scope, user.id, **_finding(user.unit_id, kind="anecdote"))
    with pytest.raises(ValueError, match="period"):
        insights.pin(demo_engine, scope, user.id, **_finding(user.unit_id, period_end=START - timedelta(days=1)))
    assert _count(demo_engine) == before


def test_insights_for_lists_the_scope_newest_first(demo_engine, pinned, manager):
    user, scope = manager
    new_id, _ = insights.pin(demo_engine, scope, user.id, **_finding(user.unit_id, scope_key="web_booking"))
    listed = insights.insights_for(demo_engine, scope)
    assert list(listed.columns) == insights.INSIGHT_COLUMNS
    assert set(listed["unit_id"]) == {user.unit_id}
    assert listed.iloc[0]["id"] == new_id
    assert listed.iloc[0]["unit"] == MANAGER_UNIT and listed.iloc[0]["created_by_name"] == user.display_name
    assert listed.iloc[0]["filters"]["touchpoint"] == "checkout"
    assert listed["created_at"].is_monotonic_decreasing
    assert len(listed) >= 3  # the demo's two, and ours
    leader = scope_for(demo_engine, "leader", None)
    everything = insights.insights_for(demo_engine, leader)
    assert len(everything) == _count(demo_engine) and everything["unit_id"].nunique() > 1
    others = leader.unit_ids - {user.unit_id}
    assert insights.insights_for(demo_engine, scope, unit_ids=others).empty
    assert set(insights.insights_for(demo_engine, leader, unit_ids={user.unit_id})["id"]) == set(listed["id"])


# --- targets --------------------------------------------------------------------------------------

@pytest.fixture
def no_targets(demo_engine):
    for measure in insights.TARGETS:
        insights.clear_target(demo_engine, measure)
    yield
    for measure in insights.TARGETS:
        insights.clear_target(demo_engine, measure)


def test_targets_exist_only_once_set(demo_engine, no_targets):
    assert insights.targets(demo_engine) == {}
    version = data_version(demo_engine)
    assert insights.set_target(demo_engine, "nps", 35) == 35.0
    assert insights.targets(demo_engine) == {"nps": 35.0}
    assert data_version(demo_engine) != version  # cached targets are read again
    insights.set_target(demo_engine, "csat", 0.85)
    insights.set_target(demo_engine, "nps", -12.5)
    assert insights.targets(demo_engine) == {"nps": -12.5, "csat": 0.85}
    insights.clear_target(demo_engine, "nps")
    assert insights.targets(demo_engine) == {"csat": 0.85}
    insights.clear_target(demo_engine, "nps")  # clearing twice is harmless
    insights.set_target(demo_engine, "nps", 100)
    insights.set_target(demo_engine, "csat", 0)
    assert insights.targets(demo_engine) == {"nps": 100.0, "csat": 0.0}


@pytest.mark.parametrize("measure, value, message", [
    ("nps", 101, "between -100 and 100"),
    ("nps", -100.5, "between -100 and 100"),
    ("csat", 85, "between 0 and 1"),
    ("csat", -0.1, "between 0 and 1"),
    ("nps", float("nan"), "between"),
    ("nps", "high", "must be a number"),
    ("nps", None, "must be a number"),
    ("csat", True, "must be a number"),
    ("ces", 3, "measure must be one of"),
])
def test_target_validation(demo_engine, no_targets, measure, value, message):
    with pytest.raises(ValueError, match=message):
        insights.set_target(demo_engine, measure, value)
    assert insights.targets(demo_engine) == {}


def test_fingerprint_is_a_stable_sha256():
    common = dict(unit_id=3, kind="weakness", scope_type="theme", scope_key="waiting", metric="nps",
                  period_start=date(2026, 1, 1), period_end=date(2026, 3, 31), comparator="organisation")
    one = insights.fingerprint(**common, filters={"a": 1, "b": [2, 3]})
    assert one == insights.fingerprint(**common, filters={"b": (2, 3), "a": 1})
    assert one != insights.fingerprint(**common, filters={"a": 1, "b": [3, 2]})
    assert one != insights.fingerprint(**(common | {"unit_id": 4}), filters={"a": 1, "b": [2, 3]})
    assert len(one) == 64 and int(one, 16) >= 0
