"""Reads on data shaped like real exports (tests/shaped.py), on SQLite and PostgreSQL:
each shape's measures are found and read from their own columns, every group's
counts equal a hand count, the key-driver rows carry the measure that exists,
only switched-on segments are compared, and arrivals are told from when feedback
was written (counted through the index on ``imported_at``)."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest
from sqlalchemy import func, select, text

from analysis import measures
from analysis.compare import compare
from analysis.drivers import key_drivers
from analysis.periods import window
from analysis.themes import theme_overview
from queries import comments, compare as compare_reads, responses, themes
from queries.db import engine_for
from queries.responses import Filters
from queries.schema import Response, Theme
from queries.scope import scope_for
from tests.people import person, unit_id
from tests.shaped import BEST, IMPORTED, LAST_SEEN, SHAPES, postgres_shape, shape_url, sqlite_shape  # noqa: F401

EXPECTED = {"reviews": ["csat"], "sentiment": ["positive"], "scale10": ["scale10"], "mixed": ["nps", "csat"]}


def _engine(shape_url, name: str):
    return engine_for(shape_url(name))


def _raw(engine, unit_ids, start: date, end: date) -> pd.DataFrame:
    lower = pd.Timestamp(start, tz="UTC").to_pydatetime()
    upper = pd.Timestamp(end + timedelta(days=1), tz="UTC").to_pydatetime()
    with engine.connect() as connection:
        rows = connection.execute(select(
            Response.id, Response.nps, Response.csat, Response.scale10, Response.sentiment, Response.comment,
        ).where(Response.unit_id.in_(sorted(unit_ids)), Response.responded_at >= lower,
                Response.responded_at < upper)).all()
    return pd.DataFrame(rows, columns=["id", "nps", "csat", "scale10", "sentiment", "comment"])


@pytest.mark.parametrize("name", list(SHAPES))
def test_each_shape_has_its_measures_and_the_period_ends_at_its_data(shape_url, name):
    engine = _engine(shape_url, name)
    leader = scope_for(engine, "leader", None)
    totals = responses.scope_totals(engine, leader)
    assert measures.available(totals) == EXPECTED[name]
    assert measures.default(totals) == EXPECTED[name][0]  # NPS when present, else the one there is
    with engine.connect() as connection:
        first = connection.execute(select(func.min(Response.responded_at))).scalar()
    assert (totals["first_day"], totals["last_day"]) == (pd.Timestamp(first).date(), SHAPES[name].end)
    start, end = window("12m", totals["last_day"])
    year = responses.daily_stats(engine, leader, Filters(leader.unit_ids, start, end))
    assert year["responses"].sum() > 300  # data that ended years ago still fills the default period
    for key in EXPECTED[name]:
        assert year[measures.get(key).n].sum() > 300


@pytest.mark.parametrize("name", list(SHAPES))
def test_groups_count_every_measure_from_its_own_column(shape_url, name):
    engine = _engine(shape_url, name)
    leader = scope_for(engine, "leader", None)
    shape = SHAPES[name]
    overall = compare_reads.group_counts(engine, leader, Filters(leader.unit_ids, shape.start, shape.end))
    row = overall[overall["dimension"] == "overall"].iloc[0]
    raw = _raw(engine, leader.unit_ids, shape.start, shape.end)
    assert row["n"] == raw["nps"].notna().sum() and row["promoters"] == (raw["nps"] >= 9).sum()
    assert row["csat_n"] == raw["csat"].notna().sum() and row["csat_low"] == (raw["csat"] <= 2).sum()
    assert row["s10_n"] == raw["scale10"].notna().sum() and row["s10_top"] == (raw["scale10"] >= 9).sum()
    assert row["sent_n"] == raw["sentiment"].notna().sum() and row["sent_neg"] == (raw["sentiment"] < 0).sum()
    if name != "mixed":  # a 1–10 rating, stars or labels are never read as NPS
        assert row["n"] == row["promoters"] == 0


@pytest.mark.parametrize("name", list(SHAPES))
def test_the_best_unit_is_a_clear_strength_on_the_measure_that_exists(shape_url, name):
    engine = _engine(shape_url, name)
    _account, scope = person(engine, "staff")
    shape = SHAPES[name]
    start, end = window("12m", shape.end)
    filters = Filters(frozenset({unit_id(engine, BEST)}), start, end)
    own = compare_reads.group_counts(engine, scope, filters)
    other = compare_reads.comparator_counts(engine, scope, filters, "organisation")
    result = compare(own, other)
    overall = result[result["dimension"] == "overall"]
    assert set(overall["measure"]) == set(EXPECTED[name])  # no rows for measures without answers
    assert set(overall["verdict"]) == {"strength"}
    assert (overall["n"] > 0).all() and (overall["comp_n"] > 0).all()


@pytest.mark.parametrize("name", list(SHAPES))
def test_drivers_and_theme_effects_read_the_measure_that_exists(shape_url, name):
    engine = _engine(shape_url, name)
    leader = scope_for(engine, "leader", None)
    shape = SHAPES[name]
    measure = EXPECTED[name][-1]
    filters = Filters(leader.unit_ids, shape.start, shape.end)
    with engine.connect() as connection:
        keys = connection.execute(select(Theme.key).where(Theme.active.is_(True))).scalars().all()
    rows = compare_reads.driver_rows(engine, leader, filters, keys, measure=measure)
    raw = _raw(engine, leader.unit_ids, shape.start, shape.end)
    column = measures.get(measure).column
    answered = raw[raw[column].notna()]
    assert rows["count"].sum() == len(answered) > 1000 and rows["total"].sum() == answered[column].sum()
    assert (rows["count"] * rows["commented"]).sum() == answered["comment"].notna().sum()
    drivers = key_drivers(rows, keys).set_index("key")
    assert drivers.loc["waiting", "high"] < 0 < drivers.loc["staff", "low"]  # the planted patterns
    overview = theme_overview(themes.theme_counts(engine, leader, filters),
                              themes.comment_totals(engine, leader, filters), measure).set_index("key")
    assert overview.loc["waiting", "direction"] == "drags" and overview.loc["staff", "direction"] == "lifts"
    assert overview.loc["waiting", "raise_n"] > 0 and overview.loc["staff", "praise_n"] > 0


def test_only_segments_switched_on_are_compared(shape_url):
    engine = _engine(shape_url, "reviews")
    leader = scope_for(engine, "leader", None)
    shape = SHAPES["reviews"]
    counts = compare_reads.group_counts(engine, leader, Filters(leader.unit_ids, shape.start, shape.end))
    keys = {key.partition("=")[0] for key in counts.loc[counts["dimension"] == "segment", "key"]}
    assert keys == {"reviewer", "city"}  # "published" (dates) is kept as an attribute, never compared


def test_arrivals_are_told_from_when_feedback_was_written(shape_url):
    engine = _engine(shape_url, "reviews")
    leader = scope_for(engine, "leader", None)
    found = comments.arrivals(engine, leader, Filters(leader.unit_ids, date(2024, 1, 1), date(2024, 1, 2)), LAST_SEEN)
    raw = _raw(engine, leader.unit_ids, SHAPES["reviews"].start, SHAPES["reviews"].end)
    commented = raw[raw["comment"].notna()]
    assert found["comments"] == len(commented)  # whatever the period: they all arrived in one import
    assert found["first_imported"] == found["last_imported"] == IMPORTED
    assert found["last_written"].date() == SHAPES["reviews"].end
    assert found["first_written"].date() < date(2016, 1, 1)
    staff_account, staff = person(engine, "staff")
    own = comments.arrivals(engine, staff, Filters(leader.unit_ids, date(2024, 1, 1), date(2024, 1, 2)), LAST_SEEN)
    assert 0 < own["comments"] < found["comments"]  # the staff member's unit only
    later = comments.arrivals(engine, leader, Filters(leader.unit_ids, date(2024, 1, 1), date(2024, 1, 2)),
                              IMPORTED)
    assert later == dict.fromkeys(comments.ARRIVAL_KEYS) | {"comments": 0}


def test_the_arrivals_count_starts_from_the_imported_at_index(sqlite_shape):
    engine = engine_for(sqlite_shape("reviews"))
    _account, staff = person(engine, "staff")
    captured = []

    def keep(conn, cursor, statement, parameters, context, executemany):
        if "imported_at" in statement:
            captured.append((statement, parameters))

    from sqlalchemy import event

    event.listen(engine, "before_cursor_execute", keep)
    try:
        comments.arrivals(engine, staff, Filters(staff.unit_ids, date(2024, 1, 1), date(2024, 1, 2)), LAST_SEEN)
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    statement, parameters = captured[-1]
    with engine.connect() as connection:
        plan = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
    assert "USING INDEX ix_responses_imported_at" in " ".join(str(step[-1]) for step in plan), plan


def test_a_historic_import_is_not_all_new_in_the_last_week(shape_url):
    """The notice counts by import time: reviews written years ago and imported two days
    ago are new arrivals, and the period filter does not hide them."""
    engine = _engine(shape_url, "reviews")
    leader = scope_for(engine, "leader", None)
    with engine.connect() as connection:
        recent = connection.execute(text("SELECT count(*) FROM responses WHERE responded_at >= :since"),
                                    {"since": IMPORTED - timedelta(days=7)}).scalar()
    assert recent == 0  # nothing was written in the last week …
    week = comments.arrivals(engine, leader, Filters(leader.unit_ids, date(2015, 1, 1), date(2024, 4, 14)),
                             IMPORTED - timedelta(days=7))
    assert week["comments"] > 6000  # … but thousands arrived
