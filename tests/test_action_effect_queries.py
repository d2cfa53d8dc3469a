"""queries.action_effects on SQLite and PostgreSQL: which actions are judged on what, the
unit's and comparable units' window counts (from daily_counts, or response_themes for a
theme), which units may be compared, and the privacy rule for units outside the scope."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from sqlalchemy import delete, func, insert, select

from analysis import measures
from analysis.action_effect import MIN_UNITS, Windows, action_effect
from ingest.demo import IMPROVED_DAYS_AGO, IMPROVED_UNIT, MANAGER_UNIT, UNCHANGED_UNIT
from queries import action_effects
from queries.schema import (
    Action, DailyCount, Insight, Response, ResponseTheme, Theme, Touchpoint, Unit,
)
from queries.scope import Scope, descendants, unit_tree
from tests.conftest import TODAY
from tests.people import person, unit_id, user_id

COUNTS = list(measures.COUNT_COLUMNS)


def _gavle(engine) -> dict:
    _leader, scope = person(engine, "leader")
    done = action_effects.done_actions(engine, scope)
    return done[done["unit"] == IMPROVED_UNIT].iloc[0].to_dict()


def _windows(action: dict) -> Windows:
    from analysis.action_effect import windows

    return windows(action["trigger_start"], action["done_on"])


def _daily_sum(engine, units, first: date, last: date, **where) -> dict:
    conditions = [DailyCount.unit_id.in_(sorted(units)), DailyCount.day.between(first, last)]
    if "touchpoint" in where:
        conditions.append(DailyCount.touchpoint_id == select(Touchpoint.id).where(
            Touchpoint.key == where["touchpoint"]).scalar_subquery())
    with engine.connect() as connection:
        row = connection.execute(select(*[func.coalesce(func.sum(getattr(DailyCount, c)), 0)
                                          for c in COUNTS]).where(*conditions)).one()
    return dict(zip(COUNTS, (int(value) for value in row)))


def test_done_actions_are_judged_on_their_measure_and_insight(demo_engine):
    _leader, scope = person(demo_engine, "leader")
    done = action_effects.done_actions(demo_engine, scope)
    assert list(done.columns) == action_effects.DONE_COLUMNS
    assert set(done["unit"]) == {IMPROVED_UNIT, UNCHANGED_UNIT, MANAGER_UNIT}
    gavle = _gavle(demo_engine)
    assert (gavle["measure"], gavle["target_type"], gavle["target_key"]) == ("nps", "theme", "waiting")
    assert gavle["done_on"] == TODAY - timedelta(days=IMPROVED_DAYS_AGO)
    with demo_engine.connect() as connection:
        period_start = connection.execute(select(Insight.period_start).join(Action, Action.insight_id == Insight.id)
                                          .where(Action.id == int(gavle["action_id"]))).scalar_one()
    assert gavle["trigger_start"] == period_start  # the insight's period, not the day it was created
    _staff, staff_scope = person(demo_engine, "staff")
    assert set(action_effects.done_actions(demo_engine, staff_scope)["unit"]) == {MANAGER_UNIT}
    assert action_effects.done_actions(demo_engine, Scope(frozenset())).empty


def test_whole_unit_counts_come_from_the_rollup(demo_engine):
    _leader, scope = person(demo_engine, "leader")
    gavle = _gavle(demo_engine)
    found = _windows(gavle)
    counts = action_effects.effect_counts(demo_engine, scope, unit_id=int(gavle["unit_id"]), measure="nps",
                                          target_type=None, target_key=None, found=found)
    own = {int(gavle["unit_id"])}
    assert counts.unit_before == _daily_sum(demo_engine, own, found.baseline_start, found.baseline_end)
    assert counts.unit_after == _daily_sum(demo_engine, own, found.after_start, found.after_end)
    assert counts.unit_before["n"] > 0 and counts.unit_after["n"] > 0
    # Comparison units: at least MIN_UNITS, never the unit itself, each with enough answers.
    assert counts.comparison in ("region", "organisation")
    assert len(counts.control_before) == len(counts.control_after) >= MIN_UNITS
    assert (counts.control_before["n"] >= 5).all() and (counts.control_after["n"] >= 5).all()
    result = action_effect("nps", counts.unit_before, counts.unit_after, counts.control_before,
                           counts.control_after, small_sample=30)
    assert result["units"] == len(counts.control_before)
    assert result["control_n_before"] == int(counts.control_before["n"].sum())


def test_touchpoint_and_theme_targets_count_only_their_answers(demo_engine):
    _leader, scope = person(demo_engine, "leader")
    gavle = _gavle(demo_engine)
    found, unit = _windows(gavle), int(gavle["unit_id"])
    checkout = action_effects.effect_counts(demo_engine, scope, unit_id=unit, measure="nps",
                                            target_type="touchpoint", target_key="checkout", found=found)
    assert checkout.unit_before == _daily_sum(demo_engine, {unit}, found.baseline_start, found.baseline_end,
                                              touchpoint="checkout")
    waiting = action_effects.effect_counts(demo_engine, scope, unit_id=unit, measure="nps",
                                           target_type="theme", target_key="waiting", found=found)
    start = datetime.combine(found.baseline_start, time.min, tzinfo=timezone.utc)
    end = datetime.combine(found.baseline_end + timedelta(days=1), time.min, tzinfo=timezone.utc)
    with demo_engine.connect() as connection:
        scores = connection.execute(
            select(Response.nps).join(ResponseTheme, ResponseTheme.response_id == Response.id)
            .join(Theme, Theme.id == ResponseTheme.theme_id)
            .where(Theme.key == "waiting", Response.unit_id == unit, Response.responded_at >= start,
                   Response.responded_at < end, Response.comment.is_not(None))).scalars().all()
    scored = [score for score in scores if score is not None]
    assert waiting.unit_before["n"] == len(scored) > 0
    assert waiting.unit_before["promoters"] == sum(score >= 9 for score in scored)
    assert waiting.unit_before["detractors"] == sum(score <= 6 for score in scored)


def test_units_with_an_action_on_the_measure_are_not_compared(demo_engine):
    _leader, scope = person(demo_engine, "leader")
    gavle = _gavle(demo_engine)
    found = _windows(gavle)

    def compared() -> set[int]:
        counts = action_effects.effect_counts(demo_engine, scope, unit_id=int(gavle["unit_id"]), measure="nps",
                                              target_type=None, target_key=None, found=found)
        return _control_units(demo_engine, counts, found)

    before = compared()
    other = sorted(before)[0]
    when = datetime.combine(found.baseline_end, time(12), tzinfo=timezone.utc)
    with demo_engine.begin() as connection:
        action = connection.execute(insert(Action).values(
            unit_id=other, title="Test: same measure", description="", owner_id=user_id(demo_engine, "leader"),
            due_date=found.after_end, status="in_progress", expected_effect="nps", created_at=when,
            updated_at=when, version=1)).inserted_primary_key[0]
    try:
        assert other not in compared()
        with demo_engine.begin() as connection:  # an action on another measure does not count
            connection.execute(Action.__table__.update().where(Action.id == action).values(expected_effect="csat"))
        assert other in compared()
    finally:
        with demo_engine.begin() as connection:
            connection.execute(delete(Action).where(Action.id == action))


def _control_units(engine, counts, found) -> set[int]:
    """Which units a comparison holds: match each row's baseline counts to a unit's."""
    tree = unit_tree(engine)
    with engine.connect() as connection:
        kinds = dict(connection.execute(select(Unit.id, Unit.kind)).all())
    rows = {tuple(row) for row in counts.control_before[COUNTS].itertuples(index=False)}
    return {unit for unit in tree if kinds[unit] == "unit" and tuple(
        _daily_sum(engine, {unit}, found.baseline_start, found.baseline_end).values()) in rows}


def test_one_or_two_compared_units_outside_the_scope_are_left_out(demo_engine):
    _leader, everything = person(demo_engine, "leader")
    gavle = _gavle(demo_engine)
    found, unit = _windows(gavle), int(gavle["unit_id"])
    full = action_effects.effect_counts(demo_engine, everything, unit_id=unit, measure="nps",
                                        target_type=None, target_key=None, found=found)
    compared = _control_units(demo_engine, full, found)
    assert len(compared) >= MIN_UNITS + 2
    hidden = set(sorted(compared)[:2])
    scope = Scope(everything.unit_ids - hidden)
    narrowed = action_effects.effect_counts(demo_engine, scope, unit_id=unit, measure="nps",
                                            target_type=None, target_key=None, found=found)
    assert _control_units(demo_engine, narrowed, found) == compared - hidden
    # Three or more outside the scope: one aggregate over them is allowed.
    staff_like = Scope(frozenset({unit}))
    outside = action_effects.effect_counts(demo_engine, staff_like, unit_id=unit, measure="nps",
                                           target_type=None, target_key=None, found=found)
    assert _control_units(demo_engine, outside, found) == compared
    with pytest.raises(PermissionError):
        action_effects.effect_counts(demo_engine, Scope(frozenset({unit_id(demo_engine, MANAGER_UNIT)})),
                                     unit_id=unit, measure="nps", target_type=None, target_key=None, found=found)


def test_the_region_is_used_when_it_has_enough_comparable_units(demo_engine):
    _leader, scope = person(demo_engine, "leader")
    gavle = _gavle(demo_engine)
    found, unit = _windows(gavle), int(gavle["unit_id"])
    counts = action_effects.effect_counts(demo_engine, scope, unit_id=unit, measure="nps",
                                          target_type=None, target_key=None, found=found)
    tree = unit_tree(demo_engine)
    region = tree[unit]
    in_region = {u for u in descendants(tree, region) - {region, unit}
                 if all(_daily_sum(demo_engine, {u}, a, b)["n"] >= 5
                        for a, b in ((found.baseline_start, found.baseline_end), (found.after_start, found.after_end)))}
    compared = _control_units(demo_engine, counts, found)
    if len(in_region) >= action_effects.REGION_MIN_UNITS:
        assert counts.comparison == "region" and compared == in_region
    else:
        assert counts.comparison == "organisation" and compared > in_region
