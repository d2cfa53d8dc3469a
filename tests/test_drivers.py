"""analysis.drivers: the cell fit equals OLS on raw responses with unit-clustered errors,
known effects are recovered, praise is never a drag, and degenerate inputs give an empty
frame."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from analysis.drivers import COLUMNS, MIN_CLUSTERS, key_drivers, verdict

THEMES = ["waiting", "staff", "price", "rare"]
TOUCHPOINTS = ["store", "web", "phone"]  # store is the largest: the reference
TRUE = {"web": -1.0, "phone": 0.0, "waiting": -2.5, "staff": 1.0, "price": 0.0}


def _responses(seed=11, size=6000, units=24):
    """One row per simulated response with known effects on the score and a level per unit.

    score = round(6 + unit level + touchpoint effect + theme effects (commented only) + U),
    U uniform on (-2, 2), unit levels uniform on (-0.5, 0.5): scores stay within 0..10 and the
    rounding error averages zero, so OLS is unbiased for the effects. Waiting is mentioned twice
    as often on the web, so the model has to separate it from the touchpoint; units differ in
    how often their customers mention waiting, so answers are clustered.
    """
    rng = np.random.default_rng(seed)
    unit = rng.integers(0, units, size)
    level = rng.uniform(-0.5, 0.5, units)[unit]
    touchpoint = rng.choice(TOUCHPOINTS, size=size, p=[0.5, 0.3, 0.2])
    commented = rng.random(size) < 0.6
    waiting = commented & (rng.random(size) < np.where(touchpoint == "web", 0.30, 0.15) * (1 + level))
    staff = commented & (rng.random(size) < 0.20)
    price = commented & (rng.random(size) < 0.10)
    rare = np.zeros(size, dtype=bool)
    rare[rng.choice(np.flatnonzero(commented), 12, replace=False)] = True  # 12 < min_responses
    mean = (6.0 + level + np.select([touchpoint == "web", touchpoint == "phone"], [TRUE["web"], TRUE["phone"]])
            + TRUE["waiting"] * waiting + TRUE["staff"] * staff + TRUE["price"] * price)
    score = np.round(mean + rng.uniform(-2.0, 2.0, size))
    assert score.min() >= 0 and score.max() <= 10
    return pd.DataFrame({"unit": unit, "week": "0", "touchpoint": touchpoint, "commented": commented.astype(int),
                         "score": score.astype(int), "waiting": waiting.astype(int), "staff": staff.astype(int),
                         "price": price.astype(int), "rare": rare.astype(int)})


def _cells(responses, themes=THEMES):
    """The cells driver_rows returns, from one row per response (NPS sides)."""
    keys = ["unit", "week", "touchpoint", "commented", *themes]
    score = responses["score"]
    frame = responses.assign(total=score, total_sq=score ** 2, good=(score >= 9).astype(int),
                             bad=(score <= 6).astype(int), count=1)
    return frame.groupby(keys, as_index=False)[["count", "total", "total_sq", "good", "bad"]].sum()


def test_cell_fit_equals_ols_on_responses_with_unit_clustered_errors():
    """Reference: statsmodels OLS on one row per response with cov_type="cluster" (CR1 with
    G/(G-1)·(N-1)/(N-K), t with G-1 df; Cameron & Miller 2015, J. Human Resources 50:317)."""
    responses = _responses()
    cells = _cells(responses)
    assert len(cells) < len(responses) / 2
    result = key_drivers(cells, THEMES, alpha=0.10)
    assert result.attrs == {"clusters": 24, "by": "unit"}
    design = pd.DataFrame({"const": 1.0,
                           "web": (responses["touchpoint"] == "web").astype(float),
                           "phone": (responses["touchpoint"] == "phone").astype(float),
                           "commented": responses["commented"].astype(float),
                           **{key: responses[key].astype(float) for key in ("waiting", "staff", "price")}})
    ols = sm.OLS(responses["score"].astype(float), design).fit(
        cov_type="cluster", cov_kwds={"groups": responses["unit"]}, use_t=True)
    bounds = ols.conf_int(alpha=0.10)
    for key in ("web", "phone", "waiting", "staff", "price"):
        found = result[result["key"] == key].iloc[0]
        assert found["coef"] == pytest.approx(ols.params[key], abs=1e-8)
        assert found["low"] == pytest.approx(bounds.loc[key, 0], abs=1e-8)
        assert found["high"] == pytest.approx(bounds.loc[key, 1], abs=1e-8)
        assert found["p_value"] == pytest.approx(ols.pvalues[key], rel=1e-6, abs=1e-12)
    assert len(result) == 6  # two touchpoints, the reference, three themes ("rare" too few)
    # Classical errors would be narrower: the clustered interval of waiting is wider.
    classical = sm.OLS(responses["score"].astype(float), design).fit().conf_int(alpha=0.10)
    waiting = result[result["key"] == "waiting"].iloc[0]
    assert waiting["high"] - waiting["low"] > classical.loc["waiting", 1] - classical.loc["waiting", 0]


def test_known_effects_are_recovered_and_ranked_by_clear_association():
    responses = _responses(size=12000)
    result = key_drivers(_cells(responses), THEMES)
    assert list(result.columns) == COLUMNS
    assert "rare" not in set(result["key"])  # fewer than 30 mentions
    reference = result.iloc[-1]  # the reference touchpoint comes last
    assert (reference["key"], reference["note"], reference["coef"], reference["p_value"]) == ("store", "reference", 0, 1)
    for key, effect in TRUE.items():
        found = result[result["key"] == key].iloc[0]
        assert found["low"] <= effect <= found["high"], found
        assert found["verdict"] == ("higher" if effect > 0 else "lower" if effect < 0 else "unclear"), found
    # Clear ones first, by the end of their interval nearest zero; then the rest.
    assert list(result["key"][:3]) == ["waiting", "staff", "web"]
    n = dict(zip(result["key"], result["n"]))
    assert n["web"] == (responses["touchpoint"] == "web").sum()
    assert n["waiting"] == responses["waiting"].sum()


def test_praise_and_criticism_are_counted_and_praise_is_never_a_drag():
    """A theme most customers praise (mostly promoters) goes with higher scores; its
    praise and criticism are counted from the measure's sides."""
    rng = np.random.default_rng(3)
    responses = _responses(size=8000)
    praised = (responses["commented"] == 1) & (rng.random(len(responses)) < 0.25)
    responses["staff"] = praised.astype(int)
    responses.loc[praised, "score"] = rng.choice([9, 10, 10, 4], praised.sum())  # 3 of 4 promoters
    result = key_drivers(_cells(responses), THEMES).set_index("key")
    staff = result.loc["staff"]
    mentions = responses[responses["staff"] == 1]
    assert staff["praised"] == (mentions["score"] >= 9).sum() > staff["criticised"] == (mentions["score"] <= 6).sum()
    assert staff["verdict"] == "higher" and staff["low"] > 0
    assert staff["praise_verdict"] == "more" and staff["praise_low"] > 0 and staff["complaint_verdict"] != "more"
    assert (result.loc[result["factor"] == "touchpoint", ["praised", "criticised"]] == 0).all().all()
    assert set(result.loc[result["factor"] == "touchpoint", "praise_verdict"]) == {""}


def test_a_polarising_theme_is_praised_and_criticised_more_often():
    """Mentions split between 10s and 0s: more praise and more criticism than other
    comments at once; the side shares are linear-probability fits of the same model
    (checked against statsmodels OLS on one row per response, clustered by unit)."""
    rng = np.random.default_rng(4)
    responses = _responses(size=8000)
    mixed = (responses["commented"] == 1) & (rng.random(len(responses)) < 0.25)
    responses["staff"] = mixed.astype(int)
    responses.loc[mixed, "score"] = rng.choice([10, 10, 0, 0, 8], mixed.sum())
    responses.loc[~mixed, "score"] = rng.choice([7, 8, 8, 9, 5], (~mixed).sum())  # mostly passives
    result = key_drivers(_cells(responses), THEMES).set_index("key")
    staff = result.loc["staff"]
    assert staff["praise_verdict"] == "more" and staff["complaint_verdict"] == "more"
    design = pd.DataFrame({"const": 1.0, "web": (responses["touchpoint"] == "web").astype(float),
                           "phone": (responses["touchpoint"] == "phone").astype(float),
                           "commented": responses["commented"].astype(float),
                           **{key: responses[key].astype(float) for key in ("staff", "waiting", "price")}})
    bad = sm.OLS((responses["score"] <= 6).astype(float), design).fit(
        cov_type="cluster", cov_kwds={"groups": responses["unit"]}, use_t=True)
    assert staff["complaint_diff"] == pytest.approx(bad.params["staff"], abs=1e-9)
    assert (staff["complaint_low"], staff["complaint_high"]) == pytest.approx(tuple(bad.conf_int().loc["staff"]), abs=1e-9)


def test_few_units_are_clustered_by_unit_and_week_and_too_few_clusters_give_nothing():
    responses = _responses(size=6000, units=2)
    responses["week"] = np.random.default_rng(5).integers(0, 13, len(responses)).astype(str)
    result = key_drivers(_cells(responses), THEMES)
    assert result.attrs == {"clusters": 26, "by": "week"} and len(result) == 6
    one_week = responses.assign(week="0")
    empty = key_drivers(_cells(one_week), THEMES)
    assert empty.empty and list(empty.columns) == COLUMNS and empty.attrs == {"clusters": 2, "by": "week"}


def _rows(*rows):
    """Cells of single-score answers: (unit, touchpoint, score, count, waiting)."""
    frame = pd.DataFrame(rows, columns=["unit", "touchpoint", "score", "count", "waiting"])
    return frame.assign(week="0", commented=1, total=frame["score"] * frame["count"],
                        total_sq=frame["score"] ** 2 * frame["count"], good=0, bad=0)


def _spread(*cells):
    """The same cells in each of MIN_CLUSTERS units."""
    return _rows(*[(unit, *cell) for unit in range(MIN_CLUSTERS) for cell in cells])


def _assert_empty(result):
    assert result.empty and list(result.columns) == COLUMNS


def test_degenerate_inputs_give_an_empty_frame():
    _assert_empty(key_drivers(_rows(), ["waiting"]))
    _assert_empty(key_drivers(_spread(("web", 3, 40, 1), ("web", 9, 60, 0)).iloc[:0], ["waiting"]))
    # One touchpoint and a theme in every comment: nothing to estimate.
    _assert_empty(key_drivers(_spread(("web", 3, 4, 1), ("web", 9, 6, 1)), ["waiting"]))
    # No variance in the score.
    _assert_empty(key_drivers(_spread(("web", 7, 4, 1), ("store", 7, 6, 0)), ["waiting"]))
    # No responses at all (counts 0).
    _assert_empty(key_drivers(_spread(("web", 3, 0, 1), ("store", 9, 0, 0)), ["waiting"]))
    # A perfect fit: the score is fixed by the touchpoint.
    _assert_empty(key_drivers(_spread(("web", 3, 4, 0), ("store", 9, 6, 0)), ["waiting"]))
    with pytest.raises(ValueError, match="alpha"):
        key_drivers(_spread(("web", 3, 4, 0)), ["waiting"], alpha=1.5)


def test_themes_that_cannot_be_estimated_are_left_out():
    # Every web response mentions waiting and no other does: waiting and web are the same
    # column, so the theme is left out and the touchpoint kept.
    rows = _spread(("web", 3, 4, 1), ("web", 5, 4, 1), ("store", 8, 6, 0), ("store", 6, 6, 0))
    result = key_drivers(rows, ["waiting"])
    assert list(result["key"]) == ["web", "store"]
    assert result.iloc[0]["coef"] == pytest.approx(4.0 - 7.0)
    assert np.isfinite(result[["coef", "low", "high", "p_value"]].to_numpy(dtype=float)).all()
    # Below min_responses: left out; at it: kept.
    few = _spread(("web", 3, 4, 0), ("web", 5, 4, 1), ("store", 8, 6, 0), ("store", 6, 6, 1))
    assert "waiting" not in set(key_drivers(few, ["waiting"], min_responses=101)["key"])
    assert "waiting" in set(key_drivers(few, ["waiting"], min_responses=100)["key"])


def test_one_touchpoint_still_gives_the_themes():
    # A review-site export: one touchpoint, stars 1-5. Waiting in 10 of 30 comments per unit;
    # its coefficient is the difference of the two means, 2.0 - 4.0.
    rows = _spread(("site", 1, 5, 1), ("site", 3, 5, 1), ("site", 3, 10, 0), ("site", 5, 10, 0))
    result = key_drivers(rows, ["waiting"])
    assert list(result["factor"]) == ["theme"] and list(result["key"]) == ["waiting"]
    assert result.iloc[0]["coef"] == pytest.approx(2.0 - 4.0)
    assert result.iloc[0]["n"] == 100 and result.iloc[0]["high"] < 0


def test_verdict_is_the_adjusted_p_and_the_side_of_the_interval():
    assert verdict(0.2, 1.0, 0.01, 0.05) == "higher"
    assert verdict(-1.0, -0.2, 0.049, 0.05) == "lower"
    assert verdict(0.2, 1.0, 0.06, 0.05) == "unclear"  # clear alone, not after BH

