"""analysis.emerging: the vectorised quasi-Poisson growth test equals statsmodels' GLM,
weekly buckets and word counts are right, one Benjamini-Hochberg family covers themes and
words, a season seen a year earlier is not news, and edge cases give defined numbers."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.multitest import multipletests

from analysis.emerging import (
    COLUMNS, RECENT_WEEKS, WEEKLY, WEEKS, YEAR_DAYS, emerging, rise_tests, weekly, windows, word_weeks,
)

END = date(2026, 11, 23)
WEEK = np.arange(WEEKS)
TIME = (WEEKS - 1 - WEEK) / (WEEKS - 1)


def _statsmodels(k, n, year, time, seasonal):
    """Reference: statsmodels GLM (Poisson, offset log n, scale = Pearson X²/df) and the
    quasi-likelihood F test of the last coefficient (Venables & Ripley 2002, §7.5)."""
    this_year = (year == 0).astype(float)
    columns = [np.ones_like(time), this_year, time, time * this_year] if seasonal else [np.ones_like(time), time]
    full = sm.GLM(k, np.column_stack(columns), family=sm.families.Poisson(), offset=np.log(n)).fit(scale="X2")
    null = sm.GLM(k, np.column_stack(columns[:-1]), family=sm.families.Poisson(), offset=np.log(n)).fit(scale="X2")
    f = (null.deviance - full.deviance) / full.scale
    half = stats.t.ppf(0.975, full.df_resid) * full.bse[-1]
    return (np.exp(full.params[-1]), np.exp(full.params[-1] - half), np.exp(full.params[-1] + half),
            stats.f.sf(f, 1, full.df_resid), full.scale, full.df_resid)


@pytest.mark.parametrize("seasonal", [False, True])
def test_growth_test_equals_statsmodels_glm(seasonal):
    rng = np.random.default_rng(7)
    years = 2 if seasonal else 1
    year, time = np.repeat(np.arange(years), WEEKS), np.tile(TIME, years)
    n = rng.poisson(300, (3, years * WEEKS)).astype(float)
    share = np.array([[0.05], [0.10], [0.02]]) * np.exp(0.2 * rng.normal(size=n.shape) + 0.8 * time * (year == 0))
    k = rng.binomial(n.astype(int), share).astype(float)
    result = rise_tests(k, n, year, time, seasonal)
    for row in range(3):
        expected = _statsmodels(k[row], n[row], year, time, seasonal)
        found = result.iloc[row]
        assert tuple(found[["ratio", "ratio_low", "ratio_high", "p_value", "dispersion", "df"]]) == pytest.approx(
            expected, rel=1e-6)


def test_a_trend_is_found_and_a_flat_share_is_not():
    n = np.full(WEEKS, 400.0)
    flat = np.array([40, 44, 37, 41, 39, 43, 38, 42, 40, 41, 39, 40, 42, 38, 41, 40], float)
    ramp = np.round(400 * 0.05 * np.exp(1.2 * TIME))
    result = rise_tests(np.vstack([flat, ramp]), n, np.zeros(WEEKS), TIME, seasonal=False)
    assert result.loc[0, "p_value"] > 0.5 and result.loc[1, "p_value"] < 1e-6
    assert result.loc[1, "ratio"] == pytest.approx(np.exp(1.2), rel=0.05)
    assert result.loc[1, "ratio_low"] < np.exp(1.2) < result.loc[1, "ratio_high"]


def test_degenerate_counts_give_p_one():
    n = np.full(WEEKS, 100.0)
    result = rise_tests(np.vstack([np.zeros(WEEKS), np.r_[np.zeros(WEEKS - 1), 50.0]]), n,
                        np.zeros(WEEKS), TIME, seasonal=False)
    assert result.loc[0, "p_value"] == 1.0
    assert np.isfinite(result["p_value"]).all() and np.isfinite(result["ratio"]).all()
    few = rise_tests(np.ones((1, 3)), np.full(3, 10.0), np.zeros(3), np.array([0.0, 0.5, 1.0]), seasonal=False)
    assert few.loc[0, "p_value"] == 1.0  # one residual degree of freedom: nothing to test


def _days(rows):
    """Per-day rows: (days before END, comments, mentions of "late")."""
    return pd.DataFrame([(pd.Timestamp(END - timedelta(days=back)), comments, late)
                         for back, comments, late in rows], columns=["day", "comments", "late"])


def test_weekly_buckets_days_into_weeks_of_this_year_and_a_year_earlier():
    days = _days([(0, 10, 2), (6, 5, 1), (7, 4, 0), (7 * WEEKS - 1, 3, 3), (7 * WEEKS, 99, 99),
                  (YEAR_DAYS, 8, 1), (YEAR_DAYS + 7 * WEEKS - 1, 2, 2), (YEAR_DAYS + 7 * WEEKS, 99, 99)])
    rows = weekly(days, END)
    assert list(rows.columns) == WEEKLY and len(rows) == 2 * WEEKS
    cell = rows.set_index(["year", "week"])
    assert tuple(cell.loc[(0, 0), ["k", "n"]]) == (3, 15)  # days 0 and 6: the week ending END
    assert tuple(cell.loc[(0, 1), ["k", "n"]]) == (0, 4)
    assert tuple(cell.loc[(0, WEEKS - 1), ["k", "n"]]) == (3, 3)
    assert tuple(cell.loc[(1, 0), ["k", "n"]]) == (1, 8) and tuple(cell.loc[(1, WEEKS - 1), ["k", "n"]]) == (2, 2)
    assert rows["n"].sum() == 15 + 4 + 3 + 8 + 2  # days outside both windows are left out
    first, last = windows(END)
    assert first == (END - timedelta(days=7 * WEEKS - 1), END)
    assert last == (first[0] - timedelta(days=YEAR_DAYS), END - timedelta(days=YEAR_DAYS))


def test_word_weeks_count_each_word_once_per_comment():
    stamp = pd.Timestamp(END, tz="UTC")
    comments = pd.DataFrame({
        "responded_at": [stamp, stamp, stamp - pd.Timedelta(days=8), stamp - pd.Timedelta(days=YEAR_DAYS), stamp],
        "comment": ["Kassan var stängd, stängd!", "Kassan STÄNGD igen", "kassan var öppen", "Stängd kassa", None],
    })
    rows = word_weeks(comments, END, min_count=2).set_index(["key", "year", "week"])
    # Words of at least four letters, once per comment, no stopword; min_count over this year only.
    assert sorted(rows.index.get_level_values("key").unique()) == ["kassan", "stängd"]
    assert tuple(rows.loc[("stängd", 0, 0), ["k", "n"]]) == (2, 2)
    assert tuple(rows.loc[("kassan", 0, 1), ["k", "n"]]) == (1, 1)
    assert tuple(rows.loc[("stängd", 1, 0), ["k", "n"]]) == (1, 1)


def _family(keys, shares, rng, weeks_n=500, sigma=0.1, growth=None, season=None):
    """Weekly rows for ``keys`` over both years; ``growth``/``season``: per key log growth
    over the 16 weeks this year only / in both years."""
    rows = []
    for year in (0, 1):
        n = rng.poisson(weeks_n, WEEKS)
        for index, key in enumerate(keys):
            log = np.log(shares[index]) + sigma * rng.normal(size=WEEKS)
            log += TIME * ((growth or {}).get(key, 0.0) * (year == 0) + (season or {}).get(key, 0.0))
            k = rng.binomial(n, np.minimum(np.exp(log), 1))
            rows += [(key, year, week, k[week], n[week]) for week in range(WEEKS)]
    return pd.DataFrame(rows, columns=WEEKLY)


def test_one_family_over_themes_and_words_and_a_season_is_not_news():
    rng = np.random.default_rng(11)
    themes = _family(["late", "spring", "calm"], [0.05, 0.08, 0.10], rng, growth={"late": 1.5},
                     season={"spring": 1.0})
    words = _family(["word:kassan", "word:stängd"], [0.02, 0.03], rng, weeks_n=200)
    result = emerging(themes, words)
    assert list(result.columns) == COLUMNS and len(result) == 5
    assert result["p_adjusted"].to_numpy() == pytest.approx(multipletests(result["p_value"], method="fdr_bh")[1])
    flagged = set(result.loc[result["emerging"], "key"])
    assert flagged == {"late"}, result
    assert result["seasonal"].all()
    # Without the year earlier, the same spring looks like growth.
    this_year = themes[themes["year"] == 0]
    alone = emerging(pd.concat([this_year, this_year.assign(year=1, k=0, n=0)]))
    assert {"late", "spring"} <= set(alone.loc[alone["emerging"], "key"]) and not alone["seasonal"].any()
    late = result.set_index("key").loc["late"]
    recent = themes[(themes["key"] == "late") & (themes["year"] == 0) & (themes["week"] < RECENT_WEEKS)]
    assert (late["recent_k"], late["recent_n"]) == (recent["k"].sum(), recent["n"].sum())


def test_emerging_edge_cases():
    empty = emerging()
    assert empty.empty and list(empty.columns) == COLUMNS
    rows = pd.DataFrame([("never", year, week, 0, 100) for year in (0, 1) for week in range(WEEKS)]
                        + [("few", 0, 0, 3, 100)], columns=WEEKLY)
    rows = rows.groupby(["key", "year", "week"], as_index=False).agg({"k": "sum", "n": "max"})
    result = emerging(rows).set_index("key")
    assert result.loc["never", "p_value"] == 1.0 and not result["emerging"].any()  # "few": 3 < min_recent
    assert not result[["recent_share", "base_share", "ratio", "p_value", "p_adjusted"]].isna().any().any()
