"""analysis.drivers: the weighted fit equals OLS on raw responses, known effects are
recovered, and degenerate inputs give an empty frame."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from analysis.drivers import COLUMNS, key_drivers

THEMES = ["waiting", "staff", "price", "rare"]
TOUCHPOINTS = ["store", "web", "phone"]  # store is the largest: the reference
TRUE = {"web": -1.0, "phone": 0.0, "waiting": -2.5, "staff": 1.0, "price": 0.0}


def _responses(seed=11, size=6000):
    """One row per simulated response with known effects on the score.

    score = round(6 + touchpoint effect + theme effects + U), U uniform on (-2.5, 2.5).
    Uniform noise of integer width makes the rounding error average exactly zero and keeps
    every score within 0..10 (lowest mean 2.5, highest 7), so OLS is unbiased for the effects.
    Waiting is mentioned twice as often on the web, so it is correlated with the touchpoint and
    the model has to separate the two.
    """
    rng = np.random.default_rng(seed)
    touchpoint = rng.choice(TOUCHPOINTS, size=size, p=[0.5, 0.3, 0.2])
    waiting = rng.random(size) < np.where(touchpoint == "web", 0.30, 0.15)
    staff = rng.random(size) < 0.20
    price = rng.random(size) < 0.10
    rare = np.zeros(size, dtype=bool)
    rare[rng.choice(size, 12, replace=False)] = True  # 12 mentions < min_responses = 30
    mean = (6.0 + np.select([touchpoint == "web", touchpoint == "phone"], [TRUE["web"], TRUE["phone"]])
            + TRUE["waiting"] * waiting + TRUE["staff"] * staff + TRUE["price"] * price)
    score = np.round(mean + rng.uniform(-2.5, 2.5, size))
    assert score.min() >= 0 and score.max() <= 10
    return pd.DataFrame({"touchpoint": touchpoint, "score": score.astype(int),
                         "waiting": waiting.astype(int), "staff": staff.astype(int),
                         "price": price.astype(int), "rare": rare.astype(int)})


def _aggregate(responses):
    return (responses.groupby(["touchpoint", "score", *THEMES]).size()
            .rename("count").reset_index())


def test_weighted_glm_equals_ols_on_the_expanded_rows():
    rows = _aggregate(_responses())
    assert len(rows) < 300  # far fewer rows than the 6,000 responses behind them
    result = key_drivers(rows, THEMES, alpha=0.10)
    # OLS on one row per response, the design written out independently (statsmodels OLS,
    # t-based intervals at 90 %); "rare" has 12 mentions and is not in the model.
    expanded = rows.loc[rows.index.repeat(rows["count"])]
    design = pd.DataFrame({"const": 1.0,
                           "web": (expanded["touchpoint"] == "web").astype(float),
                           "phone": (expanded["touchpoint"] == "phone").astype(float),
                           **{key: expanded[key].astype(float) for key in ("waiting", "staff", "price")}})
    ols = sm.OLS(expanded["score"].astype(float), design).fit()
    bounds = ols.conf_int(alpha=0.10)
    for key in ("web", "phone", "waiting", "staff", "price"):
        found = result[result["key"] == key].iloc[0]
        assert found["coef"] == pytest.approx(ols.params[key], abs=1e-8)
        assert found["low"] == pytest.approx(bounds.loc[key, 0], abs=1e-8)
        assert found["high"] == pytest.approx(bounds.loc[key, 1], abs=1e-8)
        assert found["p_value"] == pytest.approx(ols.pvalues[key], abs=1e-8)
    assert len(result) == 6


def test_known_effects_are_recovered():
    responses = _responses()
    result = key_drivers(_aggregate(responses), THEMES)
    assert list(result.columns) == COLUMNS
    assert list(result["factor"]) == ["touchpoint"] * 3 + ["theme"] * 3
    assert "rare" not in set(result["key"])  # fewer than 30 mentions
    reference = result[result["note"] == "reference"].iloc[0]
    assert (reference["key"], reference["coef"], reference["low"], reference["high"],
            reference["p_value"]) == ("store", 0.0, 0.0, 0.0, 1.0)
    for key, effect in TRUE.items():
        found = result[result["key"] == key].iloc[0]
        assert found["low"] <= effect <= found["high"], found
        assert found["coef"] == pytest.approx(effect, abs=0.15)
        if effect:
            assert found["p_value"] < 1e-6
    # n: responses at the touchpoint / mentioning the theme.
    n = dict(zip(result["key"], result["n"]))
    assert n["web"] == (responses["touchpoint"] == "web").sum()
    assert n["waiting"] == responses["waiting"].sum()
    # Within each factor by |coef|, largest first.
    themes = result[result["factor"] == "theme"]
    assert list(themes["key"]) == ["waiting", "staff", "price"]
    touchpoints = result[result["factor"] == "touchpoint"]
    assert list(touchpoints["key"][:1]) == ["web"]
    assert list(touchpoints["coef"].abs()) == sorted(touchpoints["coef"].abs(), reverse=True)


def _rows(*rows):
    return pd.DataFrame(rows, columns=["touchpoint", "score", "count", "waiting"])


def _assert_empty(result):
    assert result.empty and list(result.columns) == COLUMNS


def test_degenerate_inputs_give_an_empty_frame():
    _assert_empty(key_drivers(_rows(), ["waiting"]))
    _assert_empty(key_drivers(pd.DataFrame(columns=["touchpoint", "score", "count"]), []))
    # One touchpoint only.
    _assert_empty(key_drivers(_rows(("web", 3, 40, 1), ("web", 9, 60, 0)), ["waiting"]))
    # No variance in the score.
    _assert_empty(key_drivers(_rows(("web", 7, 40, 1), ("store", 7, 60, 0)), ["waiting"]))
    # No responses at all (counts 0).
    _assert_empty(key_drivers(_rows(("web", 3, 0, 1), ("store", 9, 0, 0)), ["waiting"]))
    # Two responses, two parameters: no residual degrees of freedom.
    _assert_empty(key_drivers(_rows(("web", 3, 1, 0), ("store", 9, 1, 0)), ["waiting"]))
    # A perfect fit: the score is fixed by the touchpoint.
    _assert_empty(key_drivers(_rows(("web", 3, 40, 0), ("store", 9, 60, 0)), ["waiting"]))


def test_themes_that_cannot_be_estimated_are_left_out():
    # Every web response mentions waiting and no other does: waiting and web are the same
    # column, so the theme is left out and the touchpoint kept.
    rows = _rows(("web", 3, 40, 1), ("web", 5, 40, 1), ("store", 8, 60, 0), ("store", 6, 60, 0))
    result = key_drivers(rows, ["waiting"])
    assert list(result["key"]) == ["web", "store"]
    assert result.iloc[0]["coef"] == pytest.approx(4.0 - 7.0)
    assert np.isfinite(result[["coef", "low", "high", "p_value"]].to_numpy(dtype=float)).all()
    # Mentioned by everyone: nothing to compare with.
    everyone = _rows(("web", 3, 40, 1), ("web", 5, 40, 1), ("store", 8, 60, 1), ("store", 6, 60, 1))
    assert list(key_drivers(everyone, ["waiting"])["factor"]) == ["touchpoint", "touchpoint"]
    # Below min_responses: left out; at it: kept.
    few = _rows(("web", 3, 40, 0), ("web", 5, 40, 1), ("store", 8, 60, 0), ("store", 6, 60, 1))
    assert "waiting" not in set(key_drivers(few, ["waiting"], min_responses=101)["key"])
    assert "waiting" in set(key_drivers(few, ["waiting"], min_responses=100)["key"])


def test_one_touchpoint_still_gives_the_themes():
    # A review-site export: one touchpoint, stars 1-5. Waiting mentioned by 100 of 300
    # responses; its coefficient is the difference of the two means, 2.0 - 4.0.
    rows = _rows(("site", 1, 50, 1), ("site", 3, 50, 1), ("site", 3, 100, 0), ("site", 5, 100, 0))
    result = key_drivers(rows, ["waiting"])
    assert list(result["factor"]) == ["theme"] and list(result["key"]) == ["waiting"]
    assert result.iloc[0]["coef"] == pytest.approx(2.0 - 4.0)
    assert result.iloc[0]["n"] == 100 and result.iloc[0]["high"] < 0
    # Nothing to estimate: one touchpoint and no theme in the model.
    _assert_empty(key_drivers(rows, []))
