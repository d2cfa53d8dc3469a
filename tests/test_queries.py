"""Read functions on SQLite and PostgreSQL: correct sums, and scope enforced inside
``queries/`` (a staff user's reads never return another unit's data)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest
from sqlalchemy import select

from queries import responses, units
from queries.responses import Filters
from queries.schema import Response, Unit, User
from queries.scope import Scope, scope_for
from tests.conftest import TODAY

START = TODAY - timedelta(days=364)


def _user(engine, username):
    with engine.connect() as connection:
        return connection.execute(select(User).where(User.username == username)).one()


def _raw_counts(engine, unit_ids, start, end):
    """The same figures computed in Python from raw rows, as the reference."""
    lower = datetime.combine(start, datetime.min.time(), tzinfo=timezone.utc)
    upper = datetime.combine(end + timedelta(days=1), datetime.min.time(), tzinfo=timezone.utc)
    with engine.connect() as connection:
        rows = connection.execute(
            select(Response.nps, Response.csat, Response.scale10, Response.sentiment,
                   Response.comment).where(
                Response.unit_id.in_(unit_ids), Response.responded_at >= lower,
                Response.responded_at < upper)
        ).all()
    scores = [r.nps for r in rows if r.nps is not None]
    ratings = [r.csat for r in rows if r.csat is not None]
    tens = [r.scale10 for r in rows if r.scale10 is not None]
    labels = [r.sentiment for r in rows if r.sentiment is not None]
    return {
        "responses": len(rows),
        "n": len(scores),
        "promoters": sum(s >= 9 for s in scores),
        "passives": sum(7 <= s <= 8 for s in scores),
        "detractors": sum(s <= 6 for s in scores),
        "csat_n": len(ratings),
        "csat_top": sum(r >= 4 for r in ratings),
        "csat_sum": sum(ratings),
        "csat_sumsq": sum(r * r for r in ratings),
        "comments": sum(r.comment is not None for r in rows),
        "csat_low": sum(r <= 2 for r in ratings),
        "s10_n": len(tens),
        "s10_top": sum(r >= 9 for r in tens),
        "s10_low": sum(r <= 6 for r in tens),
        "s10_sum": sum(tens),
        "s10_sumsq": sum(r * r for r in tens),
        "sent_n": len(labels),
        "sent_pos": sum(r > 0 for r in labels),
        "sent_neg": sum(r < 0 for r in labels),
    }


def test_daily_stats_sum_to_the_raw_counts(demo_engine):
    scope = scope_for(demo_engine, "leader", None)
    daily = responses.daily_stats(demo_engine, scope, Filters(scope.unit_ids, START, TODAY))
    summed = {column: int(daily[column].sum()) for column in responses.STAT_COLUMNS}
    assert summed == _raw_counts(demo_engine, sorted(scope.unit_ids), START, TODAY)
    assert summed["n"] > 1000
    assert daily["day"].min() >= pd.Timestamp(START) and daily["day"].max() <= pd.Timestamp(TODAY)


def test_touchpoint_and_channel_filters_narrow_the_counts(demo_engine):
    scope = scope_for(demo_engine, "leader", None)
    everything = responses.daily_stats(demo_engine, scope, Filters(scope.unit_ids, START, TODAY))
    tps = units.touchpoints(demo_engine)
    per_touchpoint = sum(
        int(responses.daily_stats(demo_engine, scope, Filters(scope.unit_ids, START, TODAY,
                                                              touchpoint_id=int(tp)))["n"].sum())
        for tp in tps["id"]
    )
    assert per_touchpoint == int(everything["n"].sum())
    per_channel = sum(
        int(responses.daily_stats(demo_engine, scope, Filters(scope.unit_ids, START, TODAY,
                                                              channel=channel))["n"].sum())
        for channel in units.channels(demo_engine, scope)
    )
    assert per_channel == int(everything["n"].sum())


def test_staff_scope_is_their_own_unit_only(demo_engine):
    staff = _user(demo_engine, "staff")
    scope = scope_for(demo_engine, staff.role, staff.unit_id)
    assert scope.unit_ids == frozenset({staff.unit_id})
    listed = units.units_in_scope(demo_engine, scope)
    assert listed["id"].tolist() == [staff.unit_id]


def test_staff_reads_never_return_another_units_data(demo_engine):
    staff = _user(demo_engine, "staff")
    scope = scope_for(demo_engine, staff.role, staff.unit_id)
    leader_scope = scope_for(demo_engine, "leader", None)
    others = leader_scope.unit_ids - {staff.unit_id}
    # Asking for every other unit through the filters yields nothing at all …
    asked_for_others = responses.daily_stats(demo_engine, scope, Filters(frozenset(others), START, TODAY))
    assert asked_for_others.empty
    # … and asking for everything yields exactly the staff member's own unit.
    asked_for_all = responses.daily_stats(demo_engine, scope, Filters(leader_scope.unit_ids, START, TODAY))
    own = _raw_counts(demo_engine, [staff.unit_id], START, TODAY)
    assert int(asked_for_all["n"].sum()) == own["n"] > 0
    assert units.units_in_scope(demo_engine, scope)["id"].tolist() == [staff.unit_id]


def test_manager_scope_covers_their_unit_and_descendants(demo_engine):
    with demo_engine.connect() as connection:
        region = connection.execute(select(Unit).where(Unit.kind == "region").order_by(Unit.id)).first()
        children = {row.id for row in connection.execute(select(Unit.id).where(Unit.parent_id == region.id))}
    scope = scope_for(demo_engine, "manager", region.id)
    assert scope.unit_ids == frozenset({region.id} | children)
    assert scope_for(demo_engine, "manager", None).unit_ids == frozenset()
    assert scope_for(demo_engine, "staff", None).unit_ids == frozenset()


def test_leader_and_admin_see_every_unit(demo_engine):
    with demo_engine.connect() as connection:
        every = {row[0] for row in connection.execute(select(Unit.id))}
    assert scope_for(demo_engine, "leader", None).unit_ids == frozenset(every)
    assert scope_for(demo_engine, "admin", None).unit_ids == frozenset(every)


def test_empty_scope_reads_nothing(demo_engine):
    nothing = Scope(frozenset())
    everything = scope_for(demo_engine, "leader", None).unit_ids
    assert responses.daily_stats(demo_engine, nothing, Filters(everything, START, TODAY)).empty
    assert units.units_in_scope(demo_engine, nothing).empty
    assert responses.scope_totals(demo_engine, nothing) == {
        "n": 0, "csat_n": 0, "s10_n": 0, "sent_n": 0, "first_day": None, "last_day": None}


def test_the_scope_spans_the_demo_and_has_nps_and_satisfaction(demo_engine):
    scope = scope_for(demo_engine, "leader", None)
    totals = responses.scope_totals(demo_engine, scope)
    assert TODAY - timedelta(days=3) <= totals["last_day"] <= TODAY
    assert totals["first_day"] <= TODAY - timedelta(days=700)
    daily = responses.daily_stats(demo_engine, scope, Filters(scope.unit_ids, totals["first_day"], TODAY))
    assert (totals["n"], totals["csat_n"]) == (daily["n"].sum(), daily["csat_n"].sum())
    assert totals["s10_n"] == totals["sent_n"] == 0
    checkout = Filters(scope.unit_ids, TODAY - timedelta(days=90), TODAY, touchpoint_id=1, channel="web")
    selection = responses.scope_totals(demo_engine, scope, checkout)
    narrowed = responses.daily_stats(demo_engine, scope, checkout)
    assert (selection["n"], selection["csat_n"]) == (narrowed["n"].sum(), narrowed["csat_n"].sum()) != (0, 0)
    assert selection["first_day"] >= checkout.start


@pytest.mark.parametrize("role", ["leader", "manager", "staff", "admin"])
def test_demo_accounts_have_a_scope(demo_engine, role):
    user = _user(demo_engine, role)
    assert scope_for(demo_engine, user.role, user.unit_id).unit_ids


def test_refresh_keeps_daily_counts_in_step_with_a_changed_day(demo_engine):
    from sqlalchemy import update

    from queries.rollup import refresh

    scope = scope_for(demo_engine, "leader", None)
    with demo_engine.connect() as connection:
        target = connection.execute(
            select(Response.id, Response.nps, Response.responded_at)
            .where(Response.nps == 10).order_by(Response.id.desc()).limit(1)).one()
    day = pd.Timestamp(target.responded_at).date()

    def change_to(score):
        with demo_engine.begin() as connection:
            connection.execute(update(Response).where(Response.id == target.id).values(nps=score))
            refresh(connection, day, day)

    try:
        change_to(0)
        counts = responses.daily_stats(demo_engine, scope, Filters(scope.unit_ids, day, day))
        raw = _raw_counts(demo_engine, sorted(scope.unit_ids), day, day)
        assert {column: int(counts[column].sum()) for column in responses.STAT_COLUMNS} == raw
        assert raw["detractors"] >= 1
    finally:
        change_to(10)
