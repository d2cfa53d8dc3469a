"""Comparison reads for the strengths page, on SQLite and PostgreSQL: every group
equals a hand count from raw rows, comparators are what they say (and nothing
more), the privacy rule for reads outside the scope holds, and the key-driver rows
expand back to the responses they summarise."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pandas as pd
import pytest
from sqlalchemy import delete, insert, select

from analysis.periods import previous
from ingest.demo import MANAGER_UNIT, SMALL_UNIT
from queries import compare, rollup
from queries.responses import Filters
from queries.rollup import refresh
from queries.schema import (
    DailyCount, DailySegmentCount, DailyThemeCount, Response, ResponseAttribute, ResponseTheme, Segment, Theme,
    Touchpoint, Unit, User,
)
from queries.scope import Scope, descendants, scope_for, unit_tree
from queries.themes import active_themes
from tests.conftest import TODAY

START = TODAY - timedelta(days=364)
TEST_KEY = "test_tier"  # an attribute key of our own, next to whatever the demo imports
KEYS = ["dimension", "key"]


def _moment(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=timezone.utc)


def _unit_id(engine, name: str) -> int:
    with engine.connect() as connection:
        return connection.execute(select(Unit.id).where(Unit.name == name)).scalar_one()


def _user(engine, username: str):
    with engine.connect() as connection:
        return connection.execute(select(User).where(User.username == username)).one()


def _region_units(engine, unit_id: int) -> frozenset[int]:
    """The units of ``unit_id``'s region, the region itself left out."""
    tree = unit_tree(engine)
    return descendants(tree, tree[unit_id]) - {tree[unit_id]}


def _raw(engine, unit_ids, start: date, end: date, touchpoint_id=None, channel=None) -> pd.DataFrame:
    """The raw responses (one row each) of the units and days, with touchpoint key,
    whether they carry a comment, their active themes and their attributes."""
    conditions = [Response.unit_id.in_(sorted(unit_ids)), Response.responded_at >= _moment(start),
                  Response.responded_at < _moment(end + timedelta(days=1))]
    if touchpoint_id is not None:
        conditions.append(Response.touchpoint_id == touchpoint_id)
    if channel is not None:
        conditions.append(Response.channel == channel)
    with engine.connect() as connection:
        rows = connection.execute(
            select(Response.id, Response.unit_id, Touchpoint.key.label("touchpoint"), Response.channel,
                   Response.nps, Response.csat, Response.scale10, Response.sentiment, Response.comment)
            .join(Touchpoint, Touchpoint.id == Response.touchpoint_id).where(*conditions)).all()
        themes = connection.execute(
            select(ResponseTheme.response_id, Theme.key)
            .join(Theme, Theme.id == ResponseTheme.theme_id).where(Theme.active.is_(True))).all()
        attributes = connection.execute(
            select(ResponseAttribute.response_id, ResponseAttribute.key, ResponseAttribute.value)
            .join(Segment, Segment.key == ResponseAttribute.key).where(Segment.enabled.is_(True))).all()
    frame = pd.DataFrame(rows, columns=["id", "unit_id", "touchpoint", "channel", "nps", "csat", "scale10",
                                        "sentiment", "comment"])
    frame["commented"] = [isinstance(text, str) and text.strip(" ") != "" for text in frame["comment"]]
    by_response: dict[int, list[str]] = {}
    for response_id, key in themes:
        by_response.setdefault(response_id, []).append(key)
    frame["themes"] = [by_response.get(response_id, []) for response_id in frame["id"]]
    segments: dict[int, list[str]] = {}
    for response_id, key, value in attributes:
        segments.setdefault(response_id, []).append(f"{key}={value}")
    frame["segments"] = [segments.get(response_id, []) for response_id in frame["id"]]
    return frame


def _stats(rows: pd.DataFrame) -> dict:
    """Every measure's counts (compare.COUNTS, in its order), counted in Python."""
    scores, ratings = rows["nps"].dropna(), rows["csat"].dropna()
    tens, labels = rows["scale10"].dropna(), rows["sentiment"].dropna()
    return {"n": len(scores), "promoters": int((scores >= 9).sum()),
            "passives": int(((scores >= 7) & (scores <= 8)).sum()), "detractors": int((scores <= 6).sum()),
            "csat_n": len(ratings), "csat_top": int((ratings >= 4).sum()), "csat_low": int((ratings <= 2).sum()),
            "s10_n": len(tens), "s10_top": int((tens >= 9).sum()), "s10_low": int((tens <= 6).sum()),
            "sent_n": len(labels), "sent_pos": int((labels > 0).sum()), "sent_neg": int((labels < 0).sum()),
            "units": rows["unit_id"].nunique()}


def _hand(raw: pd.DataFrame) -> pd.DataFrame:
    """Every group of the raw rows, counted in Python: the reference."""
    groups = [("overall", "all", raw)]
    groups += [("touchpoint", key, rows) for key, rows in raw.groupby("touchpoint")]
    groups += [("channel", key, rows) for key, rows in raw.groupby("channel")]
    themed = raw[raw["commented"]].explode("themes").dropna(subset=["themes"])
    groups += [("theme", key, rows) for key, rows in themed.groupby("themes")]
    segmented = raw.explode("segments").dropna(subset=["segments"])
    groups += [("segment", key, rows) for key, rows in segmented.groupby("segments")]
    return pd.DataFrame([{"dimension": dimension, "key": key, **_stats(rows)} for dimension, key, rows in groups])


def _as_dict(frame: pd.DataFrame) -> dict:
    return {(row["dimension"], row["key"]): tuple(int(row[column]) for column in compare.COUNTS)
            for _, row in frame.iterrows()}


@pytest.fixture
def segments(demo_engine):
    """Our own ``test_tier`` attribute on the manager unit's responses of the last
    year (gold, silver or none) and on a few of another unit's; removed afterwards."""
    unit = _unit_id(demo_engine, MANAGER_UNIT)
    other = _unit_id(demo_engine, SMALL_UNIT)
    with demo_engine.begin() as connection:
        connection.execute(insert(Segment).values(key=TEST_KEY, enabled=True, reason="mapping",
                                                  distinct_values=2, updated_at=datetime.now(timezone.utc)))
        ids = connection.execute(select(Response.id).where(
            Response.unit_id == unit, Response.responded_at >= _moment(START))).scalars().all()
        ids += connection.execute(select(Response.id).where(Response.unit_id == other)
                                  .order_by(Response.id).limit(20)).scalars().all()
        rows = [{"response_id": response_id, "key": TEST_KEY, "value": "gold" if response_id % 3 else "silver"}
                for response_id in ids if response_id % 5]
        connection.execute(insert(ResponseAttribute), rows)
        rollup.refresh_segments(connection, keys=[TEST_KEY])
    try:
        yield len(rows)
    finally:
        with demo_engine.begin() as connection:
            connection.execute(delete(ResponseAttribute).where(ResponseAttribute.key == TEST_KEY))
            connection.execute(delete(Segment).where(Segment.key == TEST_KEY))
            rollup.refresh_segments(connection, keys=[TEST_KEY])


# --- group counts ---------------------------------------------------------------------------------

@pytest.mark.parametrize("selection", ["unit", "region", "everything"])
def test_group_counts_equal_a_hand_count_for_every_dimension(demo_engine, segments, selection):
    leader = scope_for(demo_engine, "leader", None)
    unit = _unit_id(demo_engine, MANAGER_UNIT)
    units = {"unit": frozenset({unit}), "region": _region_units(demo_engine, unit),
             "everything": leader.unit_ids}[selection]
    counts = compare.group_counts(demo_engine, leader, Filters(units, START, TODAY))
    assert list(counts.columns) == compare.COLUMNS
    expected = _hand(_raw(demo_engine, units, START, TODAY))
    assert _as_dict(counts) == _as_dict(expected)
    assert set(counts["dimension"]) == set(compare.DIMENSIONS)
    assert counts.loc[counts["key"] == f"{TEST_KEY}=gold", "n"].sum() > 0
    assert counts["dimension"].tolist()[0] == "overall"
    assert counts.loc[0, "n"] > 100


def test_only_segments_switched_on_are_compared(demo_engine, segments):
    from sqlalchemy import update

    leader = scope_for(demo_engine, "leader", None)
    filters = Filters(frozenset({_unit_id(demo_engine, MANAGER_UNIT)}), START, TODAY)
    keys = lambda: {key.partition("=")[0] for key in compare.group_counts(  # noqa: E731
        demo_engine, leader, filters).query("dimension == 'segment'")["key"]}
    assert keys() == {"customer_type", "order_value", TEST_KEY}  # the demo registers its own
    with demo_engine.begin() as connection:
        connection.execute(update(Segment).where(Segment.key == TEST_KEY).values(enabled=False))
    assert keys() == {"customer_type", "order_value"}  # kept as an attribute, never compared
    organisation = compare.comparator_counts(demo_engine, leader, filters, "organisation")
    assert not organisation["key"].str.startswith(f"{TEST_KEY}=").any()


def test_touchpoint_and_channel_filters_narrow_every_dimension(demo_engine, segments):
    leader = scope_for(demo_engine, "leader", None)
    unit = _unit_id(demo_engine, MANAGER_UNIT)
    with demo_engine.connect() as connection:
        touchpoint = connection.execute(select(Touchpoint.id).where(Touchpoint.key == "checkout")).scalar_one()
    filters = Filters(frozenset({unit}), START, TODAY, touchpoint_id=touchpoint, channel="email")
    counts = compare.group_counts(demo_engine, leader, filters)
    assert _as_dict(counts) == _as_dict(_hand(_raw(demo_engine, {unit}, START, TODAY, touchpoint, "email")))
    assert counts.loc[counts["dimension"] == "touchpoint", "key"].tolist() == ["checkout"]
    assert counts.loc[counts["dimension"] == "channel", "key"].tolist() == ["email"]


def test_staff_group_counts_never_include_another_unit(demo_engine, segments):
    staff = _user(demo_engine, "staff")
    scope = scope_for(demo_engine, staff.role, staff.unit_id)
    leader = scope_for(demo_engine, "leader", None)
    asked_for_all = compare.group_counts(demo_engine, scope, Filters(leader.unit_ids, START, TODAY))
    own = compare.group_counts(demo_engine, leader, Filters(frozenset({staff.unit_id}), START, TODAY))
    assert _as_dict(asked_for_all) == _as_dict(own)
    # The other unit's test_tier rows (Storuman's) are not in the staff member's segments.
    assert _as_dict(asked_for_all) == _as_dict(_hand(_raw(demo_engine, {staff.unit_id}, START, TODAY)))
    others = compare.group_counts(demo_engine, scope, Filters(leader.unit_ids - {staff.unit_id}, START, TODAY))
    assert others.empty and list(others.columns) == compare.COLUMNS


def test_empty_scope_reads_nothing(demo_engine):
    everything = scope_for(demo_engine, "leader", None).unit_ids
    nothing = Scope(frozenset())
    filters = Filters(everything, START, TODAY)
    assert compare.group_counts(demo_engine, nothing, filters).empty
    assert compare.heatmap_counts(demo_engine, nothing, filters).empty
    assert compare.driver_rows(demo_engine, nothing, filters, ["staff"]).empty
    for comparator in compare.COMPARATORS:
        assert compare.comparator_counts(demo_engine, nothing, filters, comparator) is None
    with pytest.raises(ValueError, match="comparator"):
        compare.comparator_counts(demo_engine, nothing, filters, "everyone")


# --- comparators ----------------------------------------------------------------------------------

def _numbers(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index(KEYS)[compare.COUNTS]


def test_organisation_is_everyone_but_the_selected_unit(demo_engine, segments):
    staff = _user(demo_engine, "staff")
    scope = scope_for(demo_engine, staff.role, staff.unit_id)
    leader = scope_for(demo_engine, "leader", None)
    filters = Filters(frozenset({staff.unit_id}), START, TODAY)
    organisation = compare.comparator_counts(demo_engine, scope, filters, "organisation")
    assert list(organisation.columns) == compare.COLUMNS
    # organisation − unit, from the leader's own reads …
    everything = _numbers(compare.group_counts(demo_engine, leader, Filters(leader.unit_ids, START, TODAY)))
    unit = _numbers(compare.group_counts(demo_engine, leader, filters))
    rest = everything.sub(unit, fill_value=0).astype("int64")
    assert _numbers(organisation).equals(rest.loc[_numbers(organisation).index])
    # … and from raw rows: every group over at least three units, none of them the selected one.
    hand = _hand(_raw(demo_engine, leader.unit_ids - {staff.unit_id}, START, TODAY))
    assert _as_dict(organisation) == _as_dict(hand[hand["units"] >= compare.MIN_UNITS])
    # Storuman's 20-odd test_tier rows are one unit: no row may show them.
    assert not organisation["key"].str.startswith(f"{TEST_KEY}=").any()
    assert {"overall", "touchpoint", "channel", "theme"} <= set(organisation["dimension"])


def test_region_is_the_other_units_of_the_region(demo_engine):
    manager = _user(demo_engine, "manager")
    scope = scope_for(demo_engine, manager.role, manager.unit_id)
    unit = _unit_id(demo_engine, MANAGER_UNIT)
    filters = Filters(frozenset({unit}), START, TODAY)
    region = compare.comparator_counts(demo_engine, scope, filters, "region")
    siblings = _region_units(demo_engine, unit) - {unit}
    assert len(siblings) >= compare.MIN_UNITS
    hand = _hand(_raw(demo_engine, siblings, START, TODAY))
    assert _as_dict(region) == _as_dict(hand[hand["units"] >= compare.MIN_UNITS])
    whole_region = _hand(_raw(demo_engine, siblings | {unit}, START, TODAY))
    assert region.loc[0, "n"] < whole_region.loc[0, "n"]  # the selected unit is left out


def test_region_of_a_whole_region_and_of_a_unit_without_region(demo_engine):
    leader = scope_for(demo_engine, "leader", None)
    unit = _unit_id(demo_engine, MANAGER_UNIT)
    tree = unit_tree(demo_engine)
    whole = descendants(tree, tree[unit])  # the region and all its units: nothing else in it
    assert compare.comparator_counts(demo_engine, leader, Filters(whole, START, TODAY), "region") is None
    with demo_engine.begin() as connection:
        orphan = connection.execute(insert(Unit).values(
            name="Test utan region", parent_id=None, kind="unit", active=True)).inserted_primary_key[0]
    try:
        scope = Scope(leader.unit_ids | {orphan})
        filters = Filters(frozenset({orphan}), START, TODAY)
        assert compare.comparator_counts(demo_engine, scope, filters, "region") is None
        assert compare.comparator_counts(demo_engine, scope, filters, "previous") is None
        organisation = compare.comparator_counts(demo_engine, scope, filters, "organisation")
        assert organisation.loc[0, "n"] == compare.group_counts(
            demo_engine, leader, Filters(leader.unit_ids, START, TODAY)).loc[0, "n"]
    finally:
        with demo_engine.begin() as connection:
            connection.execute(delete(Unit).where(Unit.id == orphan))


def test_previous_is_the_window_before(demo_engine, segments):
    manager = _user(demo_engine, "manager")
    scope = scope_for(demo_engine, manager.role, manager.unit_id)
    unit = _unit_id(demo_engine, MANAGER_UNIT)
    start, end = TODAY - timedelta(days=89), TODAY
    before = compare.comparator_counts(demo_engine, scope, Filters(frozenset({unit}), start, end), "previous")
    first, last = previous(start, end)
    assert (first, last) == (TODAY - timedelta(days=179), TODAY - timedelta(days=90))
    same = compare.group_counts(demo_engine, scope, Filters(frozenset({unit}), first, last))
    assert _as_dict(before) == _as_dict(same) == _as_dict(_hand(_raw(demo_engine, {unit}, first, last)))
    assert before.loc[0, "n"] > 0


def test_previous_without_earlier_data_is_none(demo_engine):
    leader = scope_for(demo_engine, "leader", None)
    with demo_engine.connect() as connection:
        oldest = connection.execute(select(Response.responded_at).order_by(Response.responded_at).limit(1)).scalar()
    first_day = pd.Timestamp(oldest).date()
    filters = Filters(leader.unit_ids, first_day, TODAY)
    assert compare.group_counts(demo_engine, leader, filters).loc[0, "n"] > 0
    assert compare.comparator_counts(demo_engine, leader, filters, "previous") is None


def test_too_few_units_give_no_comparator(demo_engine):
    staff = _user(demo_engine, "staff")
    scope = scope_for(demo_engine, staff.role, staff.unit_id)
    filters = Filters(frozenset({staff.unit_id}), START, TODAY)
    for comparator in ("organisation", "region"):
        assert compare.comparator_counts(demo_engine, scope, filters, comparator) is not None
        assert compare.comparator_counts(demo_engine, scope, filters, comparator, min_units=50) is None
        with pytest.raises(ValueError, match="min_units"):
            compare.comparator_counts(demo_engine, scope, filters, comparator, min_units=1)
    with pytest.raises(ValueError, match="min_units"):
        compare.heatmap_counts(demo_engine, scope, filters, min_units=1)


def test_scope_covering_all_but_one_other_unit_cannot_isolate_it(demo_engine):
    """Organisation − (what the caller may read) must not leave one unit standing."""
    leader = scope_for(demo_engine, "leader", None)
    unit = _unit_id(demo_engine, MANAGER_UNIT)
    filters = Filters(frozenset({unit}), START, TODAY)
    tree = unit_tree(demo_engine)
    others = sorted(u for u in leader.unit_ids if u != unit and tree[u] is not None)
    all_but_one = Scope(leader.unit_ids - {others[0]})
    assert compare.comparator_counts(demo_engine, all_but_one, filters, "organisation") is None
    all_but_three = Scope(leader.unit_ids - set(others[:3]))
    assert compare.comparator_counts(demo_engine, all_but_three, filters, "organisation") is not None
    assert compare.comparator_counts(demo_engine, leader, filters, "organisation") is not None


@pytest.fixture
def kiosk(demo_engine):
    """Four responses on a channel of their own ("kiosk") in two units other than
    the staff member's; removed (and the daily counts restored) afterwards."""
    staff = _user(demo_engine, "staff")
    day = START + timedelta(days=30)
    with demo_engine.begin() as connection:
        units = connection.execute(select(Unit.id).where(Unit.kind == "unit", Unit.id != staff.unit_id)
                                   .order_by(Unit.id).limit(2)).scalars().all()
        touchpoint = connection.execute(select(Touchpoint.id).order_by(Touchpoint.id)).scalars().first()
        ids = [connection.execute(insert(Response).values(
            source="test", external_id=f"kiosk-{index}", unit_id=units[index % 2], touchpoint_id=touchpoint,
            channel="kiosk", responded_at=_moment(day) + timedelta(hours=index + 1), nps=10, csat=5,
            comment=None, language="sv", imported_at=_moment(day))).inserted_primary_key[0] for index in range(4)]
        refresh(connection, day, day)
    try:
        yield staff
    finally:
        with demo_engine.begin() as connection:
            connection.execute(delete(Response).where(Response.id.in_(ids)))
            refresh(connection, day, day)


def test_each_comparator_row_is_an_aggregate_over_enough_units(demo_engine, kiosk):
    scope = scope_for(demo_engine, kiosk.role, kiosk.unit_id)
    filters = Filters(frozenset({kiosk.unit_id}), START, TODAY)
    three = compare.comparator_counts(demo_engine, scope, filters, "organisation")
    assert "kiosk" not in three.loc[three["dimension"] == "channel", "key"].tolist()  # two units only
    two = compare.comparator_counts(demo_engine, scope, filters, "organisation", min_units=2)
    assert two.set_index(KEYS).loc[("channel", "kiosk"), "promoters"] == 4
    only_kiosk = Filters(frozenset({kiosk.unit_id}), START, TODAY, channel="kiosk")
    assert compare.comparator_counts(demo_engine, scope, only_kiosk, "organisation") is None


# --- heatmap --------------------------------------------------------------------------------------

def _heat_hand(raw: pd.DataFrame) -> dict:
    return {(unit_id, touchpoint): tuple(int(v) for v in list(_stats(rows).values())[:-1])
            for (unit_id, touchpoint), rows in raw.groupby(["unit_id", "touchpoint"])}


def test_heatmap_has_the_selected_units_and_the_organisation(demo_engine):
    leader = scope_for(demo_engine, "leader", None)
    unit = _unit_id(demo_engine, MANAGER_UNIT)
    region = _region_units(demo_engine, unit)
    heat = compare.heatmap_counts(demo_engine, leader, Filters(region, START, TODAY))
    assert list(heat.columns) == compare.HEATMAP_COLUMNS
    own = heat[heat["kind"] == "unit"]
    assert set(own["unit_id"]) == region
    assert set(own["region"]) == {"Region Mitt"}
    assert {(row.unit_id, row.touchpoint): tuple(int(getattr(row, c)) for c in compare.COUNTS)
            for row in own.itertuples()} == _heat_hand(_raw(demo_engine, region, START, TODAY))
    organisation = heat[heat["kind"] == "organisation"]
    assert organisation["unit_id"].isna().all() and organisation["unit"].isna().all()
    everyone = _raw(demo_engine, leader.unit_ids, START, TODAY)
    expected = {key: tuple(int(v) for v in list(_stats(rows).values())[:-1]) for key, rows in everyone.groupby("touchpoint")}
    assert {row.touchpoint: tuple(int(getattr(row, c)) for c in compare.COUNTS)
            for row in organisation.itertuples()} == expected
    assert len(organisation) == 6


def test_staff_heatmap_is_their_unit_and_the_organisation_aggregate(demo_engine):
    staff = _user(demo_engine, "staff")
    scope = scope_for(demo_engine, staff.role, staff.unit_id)
    leader = scope_for(demo_engine, "leader", None)
    heat = compare.heatmap_counts(demo_engine, scope, Filters(leader.unit_ids, START, TODAY))
    assert set(heat.loc[heat["kind"] == "unit", "unit_id"]) == {staff.unit_id}
    assert set(heat["kind"]) == {"unit", "organisation"}
    assert heat.loc[heat["kind"] == "organisation", "unit_id"].isna().all()
    leader_heat = compare.heatmap_counts(demo_engine, leader, Filters(leader.unit_ids, START, TODAY))
    pd.testing.assert_frame_equal(
        heat[heat["kind"] == "organisation"].reset_index(drop=True),
        leader_heat[leader_heat["kind"] == "organisation"].reset_index(drop=True))
    few = compare.heatmap_counts(demo_engine, scope, Filters(leader.unit_ids, START, TODAY), min_units=50)
    assert set(few["kind"]) == {"unit"}


# --- key-driver rows ------------------------------------------------------------------------------

@pytest.mark.parametrize("role", ["leader", "staff"])
def test_driver_rows_expand_back_to_the_responses(demo_engine, role):
    user = _user(demo_engine, role)
    scope = scope_for(demo_engine, user.role, user.unit_id)
    everything = scope_for(demo_engine, "leader", None).unit_ids
    with demo_engine.connect() as connection:
        keys = connection.execute(select(Theme.key).where(Theme.active.is_(True))
                                  .order_by(Theme.sort_order, Theme.id)).scalars().all()
    rows = compare.driver_rows(demo_engine, scope, Filters(everything, START, TODAY), [*keys, "no_such_theme"])
    cell = ["unit", "week", "touchpoint", "commented", *keys]
    assert list(rows.columns) == ["unit", "week", "touchpoint", "commented", "count", "total", "total_sq",
                                  "good", "bad", *keys]
    assert not rows.duplicated(subset=cell).any()
    raw = _raw(demo_engine, scope.unit_ids, START, TODAY)
    raw = raw[raw["nps"].notna()]
    assert len(rows) < len(raw) / (3 if role == "leader" else 1)  # aggregated, not one row per response
    assert rows["count"].sum() == len(raw)
    assert rows["total"].sum() == raw["nps"].sum() and rows["total_sq"].sum() == (raw["nps"] ** 2).sum()
    assert rows["good"].sum() == (raw["nps"] >= 9).sum() and rows["bad"].sum() == (raw["nps"] <= 6).sum()
    assert (rows["count"] * rows["commented"]).sum() == raw["commented"].sum()
    for key in keys:
        assert (rows["count"] * rows[key]).sum() == sum(key in themes for themes in raw["themes"]), key
        assert (rows["bad"] * rows[key]).sum() == sum(
            key in themes for themes, nps in zip(raw["themes"], raw["nps"]) if nps <= 6), key
    assert (rows.loc[rows["commented"] == 0, keys] == 0).all().all()
    per_unit = rows.groupby(["unit", "touchpoint"])["count"].sum().to_dict()
    assert per_unit == raw.groupby(["unit_id", "touchpoint"]).size().to_dict()
    if role == "staff":  # one unit: split by calendar week, so the errors can be clustered by week
        assert 52 <= rows["week"].nunique() <= 54
    else:
        assert set(rows["week"]) == {"0"}
    plain = compare.driver_rows(demo_engine, scope, Filters(everything, START, TODAY), [])
    assert list(plain.columns) == ["unit", "week", "touchpoint", "commented", "count", "total", "total_sq",
                                   "good", "bad"]
    assert plain["count"].sum() == len(raw)


def test_driver_rows_read_the_chosen_measure(demo_engine):
    leader = scope_for(demo_engine, "leader", None)
    rows = compare.driver_rows(demo_engine, leader, Filters(leader.unit_ids, START, TODAY), [], measure="csat")
    raw = _raw(demo_engine, leader.unit_ids, START, TODAY)
    raw = raw[raw["csat"].notna()]
    assert rows["count"].sum() == len(raw) and rows["total"].sum() == raw["csat"].sum()
    assert rows["good"].sum() == (raw["csat"] >= 4).sum() and rows["bad"].sum() == (raw["csat"] <= 2).sum()


# --- complementary suppression ----------------------------------------------------------------------

def _members(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=compare.MEMBER_COLUMNS)


def _frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=KEYS)


def test_responses_without_a_segment_value_count_in_what_subtraction_leaves():
    """Units 1–4 tell their plan (a or b, over four units each); unit 5 never does. The
    overall row minus a and b is unit 5 alone: one value must go (the smaller, b)."""
    members = _members([("overall", "all", unit, 10) for unit in range(1, 6)]
                       + [("segment", "plan=a", unit, 6) for unit in range(1, 5)]
                       + [("segment", "plan=b", unit, 4) for unit in range(1, 5)])
    frame = _frame([("overall", "all"), ("segment", "plan=a"), ("segment", "plan=b"), ("theme", "price")])
    kept = compare._suppress_complementary(frame, [members], 3)
    assert list(zip(kept["dimension"], kept["key"])) == [("overall", "all"), ("segment", "plan=a"), ("theme", "price")]
    # With unit 5 telling its plan too (a third value of one unit, hidden by the read), same answer.
    members = pd.concat([members, _members([("segment", "plan=c", 5, 10)])])
    assert compare._suppress_complementary(frame, [members], 3).equals(kept)
    # Three silent units: the remainder is an aggregate over enough units, nothing more is hidden.
    members = _members([("overall", "all", unit, 10) for unit in range(1, 8)]
                       + [("segment", "plan=a", unit, 6) for unit in range(1, 5)]
                       + [("segment", "plan=b", unit, 4) for unit in range(1, 5)])
    assert compare._suppress_complementary(frame, [members], 3).equals(frame)


def test_a_shown_row_over_too_few_of_the_other_units_is_hidden_and_families_stay_apart():
    """Against a second set of units (organisation − region): a row shown on its own
    must be over none or enough of them; hiding touchpoints leaves the channels alone."""
    beyond = _members([("overall", "all", unit, 5) for unit in (7, 8, 9)]
                      + [("touchpoint", "checkout", 7, 5), ("touchpoint", "complaint", 8, 2),
                         ("touchpoint", "complaint", 9, 3)] + [("channel", "sms", unit, 5) for unit in (7, 8, 9)])
    frame = _frame([("overall", "all"), ("touchpoint", "checkout"), ("touchpoint", "complaint"), ("channel", "sms")])
    kept = compare._suppress_complementary(frame, [_members([]), beyond], 3)
    assert list(zip(kept["dimension"], kept["key"])) == [("overall", "all"), ("channel", "sms")]


def test_a_period_without_responses_beyond_the_region_still_compares_with_the_region(demo_engine):
    """Organisation − region holds no response of another region: nothing to hide
    for that difference (and no error from an empty read)."""
    staff = _user(demo_engine, "staff")
    scope = scope_for(demo_engine, staff.role, staff.unit_id)
    future = Filters(frozenset({staff.unit_id}), TODAY + timedelta(days=100), TODAY + timedelta(days=130))
    assert compare.comparator_counts(demo_engine, scope, future, "region") is None  # no responses at all
    assert compare._outside_members(demo_engine, compare._read_of(
        scope_for(demo_engine, "leader", None).unit_ids, future, min_units=3,
        outside=frozenset({staff.unit_id + 1}))).empty


def _units_in_sql(engine, read) -> pd.DataFrame:
    """(dimension, key, units, outside) of a guarded read counted with SQL's distinct count
    on the rollups, as the reads did before they summed rows per unit."""
    def counted(model, dimension: str, keys: list, enabled: bool = False) -> list:
        counts = compare._rollup(read, model, enabled_keys=enabled).c
        columns = [counts[key] for key in keys]
        with engine.connect() as connection:
            rows = connection.execute(select(*columns, *compare._unit_counts(read, counts.unit_id))
                                      .group_by(*columns)).all()
        return [(dimension, "=".join(str(part) for part in row[:len(keys)]) or "all", *row[len(keys):])
                for row in rows]
    with engine.connect() as connection:
        touchpoints = dict(connection.execute(select(Touchpoint.id, Touchpoint.key)).all())
    themes = dict(zip(active_themes(engine)["id"].astype(str), active_themes(engine)["key"]))
    rows = (counted(DailyCount, "overall", []) + counted(DailyCount, "channel", ["channel"])
            + [("touchpoint", touchpoints[int(key)], *rest)
               for _, key, *rest in counted(DailyCount, "touchpoint", ["touchpoint_id"])]
            + [("theme", themes[key], *rest) for _, key, *rest in counted(DailyThemeCount, "theme", ["theme_id"])
               if key in themes]
            + counted(DailySegmentCount, "segment", ["key", "value"], enabled=True))
    return pd.DataFrame(rows, columns=["dimension", "key", "units", "outside"]).astype(
        {"units": "int64", "outside": "int64"}).sort_values(["dimension", "key"]).reset_index(drop=True)


def test_units_behind_each_row_equal_a_distinct_count_in_sql(demo_engine):
    """A guarded read sums its rows from one read per unit; the units with responses in
    each row, and those outside the scope, equal SQL's distinct count."""
    tree = unit_tree(demo_engine)
    everyone = frozenset(tree)
    home, small = _unit_id(demo_engine, MANAGER_UNIT), _unit_id(demo_engine, SMALL_UNIT)
    region = descendants(tree, tree[home])
    year = Filters(everyone, TODAY - timedelta(days=364), TODAY)
    with demo_engine.connect() as connection:
        checkout = connection.execute(select(Touchpoint.id).where(Touchpoint.key == "checkout")).scalar()
    for read in (compare._read_of(everyone - {home}, year, min_units=3, outside=everyone - region),
                 compare._read_of(everyone, Filters(everyone, TODAY - timedelta(days=40), TODAY, checkout),
                                  min_units=3, outside=everyone - {small}),
                 compare._read_of(everyone, Filters(everyone, year.start, year.end, channel="email"),
                                  min_units=3, outside=region)):
        found = compare._counts(demo_engine, read)
        found = found[found["responses"] > 0][["dimension", "key", "units", "outside"]]
        expected = _units_in_sql(demo_engine, read)
        assert (expected["dimension"] == "segment").any() and (expected["outside"] > 0).any()
        pd.testing.assert_frame_equal(found.sort_values(["dimension", "key"]).reset_index(drop=True), expected,
                                      check_dtype=False)
