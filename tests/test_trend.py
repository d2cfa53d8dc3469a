"""analysis.trend: the simultaneous band (Šidák over the periods shown), partial periods,
the chart that draws them, and the overview that says which band it is."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from analysis import intervals
from analysis.trend import measure_trend, partial, sidak
from components.charts import trend_figure
from components.i18n import markdown_safe
from tests.app_runs import open_expanders

COUNTS = ["n", "promoters", "passives", "detractors"]


def _periods(rows):
    frame = pd.DataFrame(rows, columns=["period", *COUNTS[1:]])
    frame["period"] = pd.to_datetime(frame["period"])
    frame["n"] = frame[["promoters", "passives", "detractors"]].sum(axis=1)
    return frame


def test_sidak_level():
    # Šidák (1967), JASA 62:626: k intervals at (1 - α)^(1/k) hold together with 1 - α;
    # for k = 12 and α = 0.05 that is 0.995735 (z = 2.858 instead of 1.960).
    assert sidak(0.95, 12) == pytest.approx(0.9957347, abs=1e-7)
    assert sidak(0.95, 1) == 0.95 and sidak(0.95, 0) == 0.95


def test_band_is_each_periods_interval_at_the_sidak_level():
    trend = measure_trend(_periods([("2026-01-01", 50, 30, 20), ("2026-02-01", 2, 1, 1),
                                    ("2026-03-01", 40, 40, 20)]), "nps", min_responses=5, small_sample=30)
    assert trend["hidden"].tolist() == [False, True, False]
    level = sidak(0.975, 2)  # two periods shown, at half the error rate (see measure_trend)
    assert trend.attrs["band_confidence"] == pytest.approx(level)
    own, band = intervals.nps(50, 30, 20, 0.95), intervals.nps(50, 30, 20, level)
    first = trend.iloc[0]
    assert (first["value"], first["low"], first["high"]) == pytest.approx((own.estimate, own.low, own.high))
    assert (first["band_low"], first["band_high"]) == pytest.approx((band.low, band.high))
    assert first["band_low"] < first["low"] and first["band_high"] > first["high"]
    assert trend.iloc[1][["value", "low", "high", "band_low", "band_high"]].isna().all()
    share = measure_trend(_periods([("2026-01-01", 50, 30, 20)]).assign(csat_n=100, csat_top=80),
                          "csat", min_responses=5, small_sample=30)
    assert share.iloc[0]["band_low"] == pytest.approx(100 * intervals.proportion(80, 100, 0.975).low)


def test_partial_periods_at_both_ends_and_the_running_one():
    periods = pd.Series(pd.to_datetime(["2026-01-01", "2026-02-01", "2026-03-01"]))
    assert partial(periods, "month", date(2026, 1, 15), date(2026, 3, 31), date(2026, 12, 1)).tolist() == [
        True, False, False]
    assert partial(periods, "month", date(2026, 1, 1), date(2026, 3, 20), date(2026, 12, 1)).tolist() == [
        False, False, True]
    # The selection runs to the end of March, but today is 10 March: March is still running.
    assert partial(periods, "month", date(2026, 1, 1), date(2026, 3, 31), date(2026, 3, 10)).tolist() == [
        False, False, True]
    weeks = pd.Series(pd.to_datetime(["2026-11-16", "2026-11-23"]))  # Mondays
    assert partial(weeks, "week", date(2026, 11, 16), date(2026, 11, 29), date(2026, 11, 29)).tolist() == [
        False, False]


def test_chart_draws_the_band_and_marks_partial_and_small_periods():
    trend = measure_trend(_periods([("2026-01-01", 50, 30, 20), ("2026-02-01", 10, 5, 5),
                                    ("2026-03-01", 40, 40, 20)]), "nps", min_responses=5, small_sample=30)
    trend["partial"] = [False, False, True]
    texts = {"band": "band for all 3", "measure": "NPS", "interval": "own", "partial": "partial", "small": "small"}
    figure = trend_figure(trend, ["Jan", "Feb", "Mar"], texts, (-100, 100), lambda v: f"{v:.0f}")
    upper, lower, line = figure.data[:3]
    assert list(upper.y) == pytest.approx(trend["band_high"].tolist())
    assert list(lower.y) == pytest.approx(trend["band_low"].tolist()) and lower.fill == "tonexty"
    assert lower.name == "band for all 3"
    assert list(line.marker.symbol) == ["circle", "circle-open", "square-open"]
    assert "own: " in line.hovertext[0] and "partial" in line.hovertext[2]
    assert [trace.name for trace in figure.data[3:]] == ["NPS", "partial", "small"]  # legend entries
    assert [trace.name for trace in figure.data if trace.showlegend is not False] == [
        "band for all 3", "NPS", "partial", "small"]
    assert not any(isinstance(trace.y, tuple) and any(np.isnan(v) for v in trace.y if v is not None)
                   for trace in figure.data[:2])


def test_overview_says_which_band_and_flags_partial_periods(sqlite_demo_url, open_page, fresh_caches):
    test = open_page(sqlite_demo_url, "manager", "pages/overview.py")
    assert not test.exception, test.exception
    captions = " ".join(element.value for element in test.caption)
    assert "Bandet håller för alla" in captions and "perioder på en gång med minst 95 % säkerhet" in captions
    assert "Ofullständiga perioder" in captions  # the default 12 months start and end inside a month
    table = open_expanders(test, "alt_trend_chart").table[0].value  # the chart's table, drawn when opened
    assert table["Not"].str.contains("ofullständig period").sum() == 2 and markdown_safe("Band (alla perioder)") in table.columns
    assert {"Troligen från", "Troligen till", "n"} <= set(table.columns)
