"""Calibration of "did it help": how often an action with no effect is called improved or worse.

Each simulated page view is one action at one unit among comparable units, run through
:func:`analysis.action_effect.pending_result` and :func:`analysis.action_effect.did_counts`
(the functions the actions page uses). Time runs in 4-week periods:

    periods 1-2: baseline (8 weeks) | 3: the period that triggered the action (the insight's)
    | 4: the action is created and worked on | 5-6: after-window (8 weeks from done)

An action that names no insight has an unknown trigger, so its baseline ends 8 weeks before
it was created (periods 0-1, see :func:`analysis.action_effect.trigger_start`); ending it when
the action was created would put the bad period in the baseline.

A unit's level in a period is its own level (units differ, sd 8 NPS points) + what all units
share (a trend or a season) + its short-lived up or down in that period (sd ``wobble``, fresh
each period) + the action's true effect in the after-window. Answers per period are drawn
from that level (NPS: 35 % passives around the level; a share: binomial); units get 40-200
answers a period. The action goes to the unit that looked worst of all units in period 2
(actions follow bad periods), so with no true effect any improvement is regression to the
mean unless the method handles it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from analysis.action_effect import CLEAR_VERDICTS, did_counts, pending_result, trigger_start, windows
from bench.calibration import Scenario

PERIODS = 7
BASELINE, TRIGGER, CREATED, AFTER = (1, 2), 3, 4, (5, 6)
WEEKS_PER_PERIOD = 4
SMALL_SAMPLE, MIN_RESPONSES = 30, 5


@dataclass(frozen=True)
class World:
    """One null or power scenario's settings (NPS points, or share points for ``share``)."""

    units: int = 20              # the unit with the action and its comparison units
    wobble: float = 0.0          # sd of a unit's short-lived up or down per period
    trend_per_year: float = 0.0  # shared by every unit
    season: float = 0.0          # amplitude of a shared yearly swing
    effect: float = 0.0          # the action's true effect in the after-window
    measure: str = "nps"
    insight: bool = True         # False: no insight, the trigger is unknown


def _levels(world: World, rng: np.random.Generator, sims: int) -> np.ndarray:
    """Per simulation, unit and period: the true level (NPS points, or a share in points)."""
    centre, spread = (30.0, 8.0) if world.measure == "nps" else (75.0, 6.0)
    weeks = WEEKS_PER_PERIOD * (np.arange(PERIODS) + 0.5)
    shared = world.trend_per_year * weeks / 52.0
    phase = rng.uniform(0, 2 * np.pi, size=(sims, 1, 1))
    shared = shared + world.season * np.sin(2 * np.pi * weeks / 52.0 + phase)
    own = rng.normal(centre, spread, size=(sims, world.units, 1))
    return own + shared + rng.normal(0.0, world.wobble, size=(sims, world.units, PERIODS))


def _answers(world: World, rng: np.random.Generator, level: np.ndarray, n: np.ndarray) -> np.ndarray:
    """(top, bottom, n) drawn per simulation, unit and period."""
    if world.measure == "nps":
        nps = np.clip(level / 100.0, -0.6, 0.6)
        p = np.stack([(0.65 + nps) / 2, np.full_like(nps, 0.35), (0.65 - nps) / 2], axis=-1)
        drawn = rng.multinomial(n, p)
        return np.stack([drawn[..., 0], drawn[..., 2], n], axis=-1)
    share = np.clip(level / 100.0, 0.02, 0.98)
    top = rng.binomial(n, share)
    return np.stack([top, np.zeros_like(top), n], axis=-1)


def simulate(world: World, rng: np.random.Generator, sims: int, today_offset_weeks: int | None = None,
             baseline_at_creation: bool = False, misses: bool = False) -> float:
    """The share of simulated views with a clear verdict: "improved" or "worse" when there is
    no true effect (the false rate), "improved" when there is (the power); with ``misses``, the
    share whose interval misses the true effect (1 - coverage). The page is viewed the day the
    result is expected, or ``today_offset_weeks`` after the action was done.
    ``baseline_at_creation`` ends the baseline when the action was created, holding the bad
    period (a broken rule, to show that the calibration test can fail)."""
    level = _levels(world, rng, sims)
    n = rng.integers(40, 201, size=(sims, world.units, 1)) * np.ones((1, 1, PERIODS), dtype=int)
    answers = _answers(world, rng, level, n)
    trigger_nps = _estimate(world, answers[:, :, TRIGGER])
    chosen = np.argmin(trigger_nps, axis=1)
    # The after-window starts after the effect begins: add it to the chosen unit's after periods.
    if world.effect:
        boosted = level.copy()
        boosted[np.arange(sims), chosen, AFTER[0]:] += world.effect
        redrawn = _answers(world, rng, boosted[np.arange(sims), chosen][:, AFTER[0]:],
                           n[np.arange(sims), chosen][:, AFTER[0]:])
        answers[np.arange(sims), chosen, AFTER[0]:] = redrawn
    start = date(2026, 1, 5)

    def day(period: int) -> date:
        return start + timedelta(weeks=WEEKS_PER_PERIOD * period)

    insight_start = day(TRIGGER) if world.insight else None
    trigger = day(CREATED) if baseline_at_creation else trigger_start(insight_start, day(CREATED), weeks=8)
    found = windows(trigger, day(AFTER[0]) - timedelta(days=1))
    first = (found.baseline_start - start).days // (7 * WEEKS_PER_PERIOD)
    before = answers[:, :, first:first + 2].sum(axis=2)
    after = answers[:, :, list(AFTER)].sum(axis=2)
    done = found.after_start - timedelta(days=1)
    today = found.expected_on if today_offset_weeks is None else done + timedelta(weeks=today_offset_weeks)
    counted = CLEAR_VERDICTS if world.effect <= 0 else ("improved",)
    clear = 0
    for sim in range(sims):
        result = pending_result(found, today, world.measure)
        if result is None:
            own = chosen[sim]
            others = np.arange(world.units) != own
            result = did_counts(world.measure, before[sim, own], after[sim, own], before[sim, others],
                                after[sim, others], small_sample=SMALL_SAMPLE, min_responses=MIN_RESPONSES)
        if misses:
            clear += not result["low"] <= world.effect <= result["high"]
        else:
            clear += result["verdict"] in counted
    return clear / sims


def _estimate(world: World, counts: np.ndarray) -> np.ndarray:
    top, bottom, n = counts[..., 0], counts[..., 1], counts[..., 2]
    return (top - bottom) / np.maximum(n, 1)


def _scenario(name: str, kind: str, world: World, **options) -> Scenario:
    verdict = ("the interval misses the true effect" if options.get("misses") else
               "improved or worse than comparable units" if kind == "null" else
               "improved, more than comparable units")
    return Scenario("actions", name, verdict, kind,
                    lambda rng, sims: simulate(world, rng, sims, **options))


WOBBLE = 4.5
SCENARIOS = [
    _scenario("worst of 20 units chosen after a bad period, no effect", "null", World()),
    _scenario("short-lived ups and downs (sd 4.5 points a period), worst chosen", "null",
              World(wobble=WOBBLE)),
    _scenario("steady rise of 9 points a year, worst chosen", "null",
              World(wobble=WOBBLE, trend_per_year=9.0)),
    _scenario("seasonal swing of ±6 points, worst chosen", "null", World(wobble=WOBBLE, season=6.0)),
    _scenario("all of the above at once", "null",
              World(wobble=WOBBLE, trend_per_year=9.0, season=6.0)),
    _scenario("a region of 6 units (5 comparison units), worst chosen", "null",
              World(units=6, wobble=WOBBLE)),
    _scenario("satisfaction share (sd 4.5 share points), worst chosen", "null",
              World(wobble=WOBBLE, measure="csat")),
    _scenario("no insight linked (trigger unknown), worst chosen", "null",
              World(wobble=WOBBLE, insight=False)),
    _scenario("done 2 weeks ago (after-window not over): no verdict yet", "null",
              World(wobble=WOBBLE, effect=20.0), today_offset_weeks=2),
    _scenario("true effect +10 points, all of the above (1 - coverage of the interval)", "null",
              World(wobble=WOBBLE, trend_per_year=9.0, season=6.0, effect=10.0), misses=True),
    _scenario("true effect +10 points, ups and downs sd 4.5", "power", World(wobble=WOBBLE, effect=10.0)),
    _scenario("true effect +20 points, ups and downs sd 4.5", "power", World(wobble=WOBBLE, effect=20.0)),
    _scenario("true effect +10 points, no extra ups and downs", "power", World(effect=10.0)),
]
