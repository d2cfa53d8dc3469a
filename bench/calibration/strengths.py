"""Calibration of the strengths page (and so of the workshop cards and the digest): simulated
page views of one unit against the rest of the organisation, through
:func:`analysis.compare.compare` and the one rule (:mod:`analysis.verdict`).

The simulated organisation: six touchpoints that score very differently (a complaints
touchpoint far below the rest), three channels and two segment attributes independent of the
touchpoint, NPS for everyone and satisfaction (1-5) for 60 %, a comment from 45 % and five
themes mentioned independently of the score. A page view compares the unit's overall row,
touchpoints, channels, segments and themes (score among mentioners and prevalence) on NPS and
satisfaction, as the page does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.compare import MENTIONS, compare
from analysis.verdict import Rule
from bench.calibration import Scenario

TOUCHPOINTS = ("store", "web", "checkout", "delivery", "service", "complaint")
PROMOTERS = np.array([0.60, 0.50, 0.55, 0.45, 0.40, 0.15])
DETRACTORS = np.array([0.10, 0.15, 0.12, 0.20, 0.25, 0.60])
SATISFIED = np.array([0.85, 0.80, 0.82, 0.75, 0.70, 0.35])
ORGANISATION_MIX = np.array([0.19, 0.19, 0.19, 0.19, 0.19, 0.05])
COMPLAINT_HEAVY_MIX = np.array([0.15, 0.15, 0.15, 0.15, 0.15, 0.25])
CHANNELS = ("web", "phone", "store"), np.array([0.4, 0.3, 0.3])
SEGMENTS = {"customer": (("new", "returning"), np.array([0.3, 0.7])),
            "tier": (("gold", "silver", "bronze"), np.array([0.2, 0.3, 0.5]))}
THEMES = ("staff", "waiting", "price", "delivery_time", "app"), np.array([0.25, 0.15, 0.10, 0.08, 0.05])
CSAT_ANSWERED, COMMENTED = 0.6, 0.45
REST = 30_000  # answers of the rest of the organisation in the period
RULE = Rule()  # the product's thresholds: small-sample flag 30, 5 %


@dataclass(frozen=True)
class Unit:
    """A simulated unit: its size, touchpoint mix and true NPS shift (points) per touchpoint."""

    n: int
    mix: tuple = tuple(ORGANISATION_MIX)
    shift: tuple = (0.0,) * len(TOUCHPOINTS)
    satisfied_shift: tuple = (0.0,) * len(TOUCHPOINTS)


def _draw(rng: np.random.Generator, shares: np.ndarray, n: int) -> np.ndarray:
    """n category indices with the given shares."""
    return np.minimum(np.searchsorted(np.cumsum(shares), rng.random(n), side="right"), len(shares) - 1)


def _responses(rng: np.random.Generator, unit: Unit) -> dict[str, np.ndarray]:
    n = unit.n
    touchpoint = _draw(rng, np.asarray(unit.mix), n)
    shift = np.asarray(unit.shift) / 200.0
    promoters = np.clip(PROMOTERS + shift, 0, 1)[touchpoint]
    detractors = np.clip(DETRACTORS - shift, 0, 1)[touchpoint]
    draw = rng.random(n)
    category = np.where(draw < promoters, 0, np.where(draw < promoters + detractors, 2, 1))
    answered = rng.random(n) < CSAT_ANSWERED
    satisfied = answered & (rng.random(n) < np.clip(SATISFIED + np.asarray(unit.satisfied_shift), 0, 1)[touchpoint])
    commented = rng.random(n) < COMMENTED
    return {
        "touchpoint": touchpoint, "category": category, "answered": answered, "satisfied": satisfied,
        "commented": commented,
        "channel": _draw(rng, CHANNELS[1], n),
        **{name: _draw(rng, shares, n) for name, (_, shares) in SEGMENTS.items()},
        "themes": commented[:, None] & (rng.random((n, len(THEMES[0]))) < THEMES[1]),
    }


COLUMNS = ("promoters", "passives", "detractors", "csat_n", "csat_top", "comments")


def frame(data: dict[str, np.ndarray]) -> pd.DataFrame:
    """The rows of :func:`queries.compare.group_counts` for simulated responses."""
    category = data["category"]
    values = np.stack([category == 0, category == 1, category == 2, data["answered"], data["satisfied"],
                       data["commented"]], axis=1).astype(np.int64)
    parts = [("overall", ["all"], values.sum(axis=0, keepdims=True))]
    for dimension, keys, index in (("touchpoint", TOUCHPOINTS, data["touchpoint"]),
                                   ("channel", CHANNELS[0], data["channel"])):
        parts.append((dimension, keys, _by(index, values, len(keys))))
    parts.append(("theme", THEMES[0], data["themes"].T.astype(np.int64) @ values))
    for name, (keys, _) in SEGMENTS.items():
        parts.append(("segment", [f"{name}={key}" for key in keys], _by(data[name], values, len(keys))))
    rows = [{"dimension": dimension, "key": key, **dict(zip(COLUMNS, sums.tolist()))}
            for dimension, keys, table in parts for key, sums in zip(keys, table)
            if sums[:3].sum() or sums[3]]
    return pd.DataFrame(rows)


def _by(index: np.ndarray, values: np.ndarray, groups: int) -> np.ndarray:
    """Column sums of ``values`` per group ``index`` (0..groups-1)."""
    return np.stack([np.bincount(index, weights=column, minlength=groups) for column in values.T],
                    axis=1).astype(np.int64)


def view(rng: np.random.Generator, unit: Unit, rule: Rule = RULE) -> pd.DataFrame:
    """One page view: the unit against the rest of the organisation (no true difference there)."""
    return compare(frame(_responses(rng, unit)), frame(_responses(rng, Unit(REST))), rule=rule)


def cards(result: pd.DataFrame) -> pd.DataFrame:
    """The strengths and weaknesses of a view (score rows)."""
    return result[result["verdict"].isin(["strength", "weakness"])]


def anything(result: pd.DataFrame) -> bool:
    """A view that declares something: a strength, a weakness or a theme raised more or less often."""
    return bool(result["verdict"].isin(["strength", "weakness", "more_often", "less_often"]).any())


def _share(rng, sims, unit, judge, rule: Rule = RULE) -> float:
    return float(np.mean([judge(view(rng, unit, rule)) for _ in range(sims)]))


CASE_MIX = Unit(2300, mix=tuple(COMPLAINT_HEAVY_MIX))
UNIFORM = Unit(2300, shift=(-9.0,) * len(TOUCHPOINTS))
CHECKOUT = Unit(2300, shift=(0, 0, -20.0, 0, 0, 0), satisfied_shift=(0, 0, -0.15, 0, 0, 0))


def _weakness(result):
    return bool((result["verdict"] == "weakness").any())


def _checkout_weakness(result):
    found = cards(result)
    return bool(((found["dimension"] == "touchpoint") & (found["key"] == "checkout")
                 & (found["verdict"] == "weakness")).any())


def _spill(result):
    """A card other than the overall row and the checkout touchpoint."""
    found = cards(result)
    return bool((~found["dimension"].isin(["overall"]) & (found["key"] != "checkout")).any())


def _false_share(result):
    """The false discovery proportion of a view: cards other than the overall row and the
    checkout touchpoint (both truly lower) among all its cards (0 with no card)."""
    found = cards(result)
    if found.empty:
        return 0.0
    return float(((found["dimension"] != "overall") & (found["key"] != "checkout")).sum() / len(found))


def _overall_nps_weakness(result):
    overall = result[(result["dimension"] == "overall") & (result["measure"] == "nps")]
    return bool((overall["verdict"] == "weakness").any())


def _cards_count(result):
    return float(len(cards(result)))


def _as_before(rule: Rule) -> Rule:
    """Small groups tested from 5 answers on (what the page did before), for the reference row."""
    return Rule(small_sample=5, alpha=rule.alpha)


SCENARIOS = [
    Scenario("strengths", "case mix: more answers at the complaints touchpoint, identical per touchpoint, n = 2,300",
             "≥ 1 weakness on the page", "null", lambda rng, sims: _share(rng, sims, CASE_MIX, _weakness)),
    Scenario("strengths", "small unit, n = 90, no true difference, against a large rest",
             "anything declared on the page", "null", lambda rng, sims: _share(rng, sims, Unit(90), anything)),
    Scenario("strengths", "small unit, n = 370, no true difference, against a large rest",
             "anything declared on the page", "null", lambda rng, sims: _share(rng, sims, Unit(370), anything)),
    Scenario("strengths", "small unit, n = 90, if groups were tested from 5 answers (not the product's rule)",
             "anything declared on the page", "ref",
             lambda rng, sims: _share(rng, sims, Unit(90), anything, _as_before(RULE))),
    Scenario("strengths", "uniform 9-point NPS shift at every touchpoint, n = 2,300",
             "cards on the page (mean number, not a share)", "count",
             lambda rng, sims: _share(rng, sims, UNIFORM, _cards_count)),
    Scenario("strengths", "uniform 9-point NPS shift at every touchpoint, n = 2,300",
             "overall NPS a weakness", "power", lambda rng, sims: _share(rng, sims, UNIFORM, _overall_nps_weakness)),
    Scenario("strengths", "a true problem at checkout (-20 NPS, -15 pp satisfied), n = 2,300",
             "checkout a weakness", "power", lambda rng, sims: _share(rng, sims, CHECKOUT, _checkout_weakness)),
    # With true findings on a page, Benjamini-Hochberg controls the share of false cards (the
    # FDR, the row after this one), not the chance of any false card, which it lets grow with
    # the number of true ones; so this row is a reference, not a <= 5 % criterion.
    Scenario("strengths", "a true problem at checkout (-20 NPS, -15 pp satisfied), n = 2,300",
             "≥ 1 card for another group (channel, segment, theme, touchpoint)", "ref",
             lambda rng, sims: _share(rng, sims, CHECKOUT, _spill)),
    Scenario("strengths", "a true problem at checkout (-20 NPS, -15 pp satisfied), n = 2,300",
             "share of the page's cards that are false (mean, FDR)", "null",
             lambda rng, sims: _share(rng, sims, CHECKOUT, _false_share)),
]
__all__ = ["SCENARIOS", "MENTIONS", "Unit", "view", "frame", "cards", "anything"]
