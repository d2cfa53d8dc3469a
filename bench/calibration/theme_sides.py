"""Calibration of the side a theme is on ("mostly praise", "mostly criticism") and
of "drags": how often a theme mentioned alike in praise and in criticism gets a
side, and how often a praised theme is called a drag.

Each simulated page view is one selection's comments run through
:func:`analysis.themes.theme_overview` (the function the comments page uses).
A comment is praise (NPS 9-10), passive (7-8) or criticism (0-6) with chances
0.5, 0.2 and 0.3; each of eleven themes is mentioned with its own chance in each
group (2 % to 25 %, the same in every group unless the scenario says otherwise).
Three responses in four carry no comment and add to the measure only.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.themes import theme_overview
from bench.calibration import Scenario

GROUPS = ("promoters", "passives", "detractors")
TONE = np.array([0.5, 0.2, 0.3])
RATES = np.linspace(0.02, 0.25, 11)


def _view(rng: np.random.Generator, comments: int, rates: np.ndarray) -> pd.DataFrame:
    """One page view: ``rates[theme, group]`` is the chance a comment of that group mentions it."""
    per_group = rng.multinomial(comments, TONE)
    mentions = rng.binomial(per_group[None, :], rates)
    counts = pd.DataFrame(mentions, columns=list(GROUPS))
    counts.insert(0, "comments", counts.sum(axis=1))
    counts.insert(0, "key", [f"theme{index}" for index in range(len(rates))])
    silent = rng.multinomial(3 * comments, TONE)
    totals = {"comments": comments, **dict(zip(GROUPS, map(int, per_group))),
              **{f"all_{group}": int(value) for group, value in zip(GROUPS, per_group + silent)}}
    return theme_overview(counts, totals)


def _alike(comments: int):
    """Share of views in which some theme mentioned alike on both sides gets a side."""
    rates = np.repeat(RATES[:, None], 3, axis=1)

    def run(rng: np.random.Generator, sims: int) -> float:
        return float(np.mean([(_view(rng, comments, rates)["side"].isin(["praise", "complaint"])).any()
                              for _ in range(sims)]))
    return run


def _praised(comments: int, verdict: str):
    """Theme 0 is mentioned in 30 % of praise and 15 % of criticism (and passives), the
    others alike on both sides: the share of views calling theme 0 ``verdict``
    ("drags", or "praise" for the power to see its side)."""
    rates = np.repeat(RATES[:, None], 3, axis=1)
    rates[0] = (0.30, 0.15, 0.15)

    def run(rng: np.random.Generator, sims: int) -> float:
        hits = 0
        for _ in range(sims):
            row = _view(rng, comments, rates).iloc[0]
            hits += (row["direction"] == "drags") if verdict == "drags" else (row["side"] == "praise")
        return hits / sims
    return run


SCENARIOS = [
    Scenario("themes", "11 themes raised alike in praise and criticism, 600 comments",
             "some theme given a side", "null", _alike(600)),
    Scenario("themes", "11 themes raised alike in praise and criticism, 60 comments",
             "some theme given a side", "null", _alike(60)),
    Scenario("themes", "a theme raised twice as often in praise, 600 comments",
             "the praised theme called a drag", "null", _praised(600, "drags")),
    Scenario("themes", "a theme raised twice as often in praise, 600 comments",
             "its side found: mostly praise", "power", _praised(600, "praise")),
]
