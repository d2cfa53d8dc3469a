"""A 1–10 rating is its own measure and never enters an NPS, on every read path (SQLite and
PostgreSQL): a file of hotel ratings on 1–10 (tests/shaped.py "scale10") has no NPS answer
anywhere, while its own measure counts every rating."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import case, func, select

from analysis import measures
from analysis.periods import roll_up
from analysis.trend import measure_trend
from queries import compare, responses, themes
from queries.db import engine_for
from queries.responses import STAT_COLUMNS, Filters
from queries.schema import Response
from queries.scope import scope_for
from tests.shaped import SHAPES, postgres_shape, shape_url, sqlite_shape  # noqa: F401

NPS_COUNTS = ["n", "promoters", "passives", "detractors"]


def test_a_one_to_ten_rating_never_counts_as_nps(shape_url):
    engine = engine_for(shape_url("scale10"))
    leader = scope_for(engine, "leader", None)
    shape = SHAPES["scale10"]
    filters = Filters(leader.unit_ids, shape.start, shape.end)
    with engine.connect() as connection:
        ratings, nines, sixes = connection.execute(select(
            func.count(Response.scale10), func.sum(case((Response.scale10 >= 9, 1), else_=0)),
            func.sum(case((Response.scale10 <= 6, 1), else_=0)))).one()
    assert ratings > 1000

    assert measures.available(responses.scope_totals(engine, leader)) == ["scale10"]
    daily = responses.daily_stats(engine, leader, filters)
    assert (daily[NPS_COUNTS] == 0).all().all()
    assert (daily["s10_n"].sum(), daily["s10_top"].sum(), daily["s10_low"].sum()) == (ratings, nines, sixes)
    trend = measure_trend(roll_up(daily, "month", shape.start, shape.end, STAT_COLUMNS), "nps", 5, 30)
    assert trend["hidden"].all()  # no NPS to draw, not the ratings drawn as one

    groups = compare.group_counts(engine, leader, filters)
    assert (groups[NPS_COUNTS] == 0).all().all() and groups["s10_n"].iloc[0] == ratings
    heat = compare.heatmap_counts(engine, leader, filters)
    assert (heat[NPS_COUNTS] == 0).all().all()

    theme_rows = themes.theme_counts(engine, leader, filters)
    comment_totals = themes.comment_totals(engine, leader, filters)
    assert (theme_rows[NPS_COUNTS[1:]] == 0).all().all()
    assert [comment_totals[f"all_{column}"] for column in NPS_COUNTS] == [0, 0, 0, 0]

    keys = list(themes.active_themes(engine)["key"])
    assert compare.driver_rows(engine, leader, filters, keys, measure="nps")["count"].sum() == 0
    own = compare.driver_rows(engine, leader, filters, keys, measure="scale10")
    assert own["count"].sum() == ratings and own["good"].sum() == nines and own["bad"].sum() == sixes
    assert pd.Series(measures.get("scale10").scale).tolist() == [1, 10]
