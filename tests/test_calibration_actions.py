"""Fast versions of the "did it help" calibration (bench/calibration/actions.py): with no true
effect an action is called improved or worse in at most 5 % of simulated views (plus the
simulation's own margin) in every null scenario, never before its after-window has passed,
and a true effect is found more often than chance."""

from __future__ import annotations

import numpy as np
import pytest

from bench.calibration import actions, margin

SIMS = 600
BY_NAME = {scenario.name: scenario for scenario in actions.SCENARIOS}


def _share(scenario) -> float:
    index = actions.SCENARIOS.index(scenario)
    return scenario.run(np.random.default_rng([20261130, index]), SIMS)


@pytest.mark.parametrize("scenario", [s for s in actions.SCENARIOS if s.kind == "null"],
                         ids=lambda s: s.name)
def test_no_effect_is_rarely_called_clear(scenario):
    share = _share(scenario)
    assert share <= 0.05 + margin(0.05, SIMS), f"{share:.1%} false verdicts: {scenario.name}"


def test_no_verdict_before_the_after_window_has_passed():
    assert _share(BY_NAME["done 2 weeks ago (after-window not over): no verdict yet"]) == 0.0


def test_a_true_effect_is_found_more_often_than_chance():
    plus_10 = _share(BY_NAME["true effect +10 points, ups and downs sd 4.5"])
    plus_20 = _share(BY_NAME["true effect +20 points, ups and downs sd 4.5"])
    assert plus_10 > 0.05 + margin(0.05, SIMS)
    assert plus_20 > max(0.35, plus_10)


def test_a_baseline_holding_the_bad_period_would_fail():
    """The check can fail: a baseline that ends when the action was created (so it holds the
    bad period that led to the action) calls too many no-effect actions clear (shown with
    larger ups and downs, sd 9, where the honest baseline stays within 5 %)."""
    world = actions.World(wobble=9.0)
    share = actions.simulate(world, np.random.default_rng(5), SIMS, baseline_at_creation=True)
    assert share > 0.05 + margin(0.05, SIMS)
    assert actions.simulate(world, np.random.default_rng(5), SIMS) <= 0.05 + margin(0.05, SIMS)
