"""One rule for "clear": the overview's change, the strengths list, the heatmap colours, the
workshop cards and the tracker all decide with :func:`decide` (one comparison) or
:func:`judge` (a page of comparisons), so that the same counts get the same verdict everywhere.

The rule, with :class:`Rule` (``alpha`` 0.05 and ``small_sample``, the page's small-sample flag,
default 30):

1. **Too few to judge.** A comparison with fewer than ``small_sample`` answers on either side
   (a target has no side of its own) is not tested: its figures are shown with their interval
   and n, and the verdict is ``"too_few"``. It never enters a multiple-comparison family.
2. **The test.** Every comparison gives a two-sided p-value from the same quantities as its
   interval: for NPS, z = difference of the adjusted-Wald NPS values / the root of the sum of
   their variances (Rocks 2016, Am Stat 70(4); Lewis & Sauro 2021); for a share, Pearson's
   score test of equal shares (:func:`share_p`), against a target the exact binomial test; a
   theme's share of comments, Fisher's exact test (:func:`mentions_p`). Mix-adjusted and
   subgroup comparisons (:mod:`analysis.compare`) give theirs in the same way.
3. **The family.** Where one page tests several comparisons, their p-values are adjusted
   together with Benjamini-Hochberg (1995); one comparison (the overview's change) is a family
   of one.
4. **Clear** when the adjusted p < alpha *and* the comparison's shown interval (at 1 - alpha)
   lies on the same side of 0, so that a verdict never contradicts the figures beside it:
   ``"higher"`` or ``"lower"``; otherwise ``"no_clear_difference"``.

Why "too few to judge" rather than an exact test below the flag: the asymptotic tests are too
liberal for single groups of 5-30 against a large rest (p-values near the BH thresholds 1.7-3.5x
too small for NPS, up to 8.6x for satisfaction: issue 13; about 2-5x at p < 0.005 for n = 5 in
our own check, close to 1x from n = 30), while an exact test at n < 30 could only find
differences of about 35 NPS points or more. On a whole page the Benjamini-Hochberg family,
the interval condition and the subgroup rule of :mod:`analysis.compare` already keep the rate
low (``python -m bench.calibration --only strengths``: 3.2 % of views of a small unit with no
true difference declare something, 2.8 % if groups were tested from 5 answers), so the flag is
chosen for the single comparison -- the overview's change, a heatmap cell -- and because a
claim about 7 customers is not one a team should act on.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.stats import binomtest, fisher_exact
from statsmodels.stats.multitest import multipletests

from analysis import intervals, measures

CLEAR = ("higher", "lower")
VERDICTS = (*CLEAR, "no_clear_difference", "too_few")


@dataclass(frozen=True)
class Rule:
    """The thresholds of the one rule: the small-sample flag and the error rate."""

    small_sample: int = 30
    alpha: float = 0.05

    def __post_init__(self):
        if not 0.0 < self.alpha < 1.0:
            raise ValueError(f"alpha must be between 0 and 1, got {self.alpha!r}")
        if int(self.small_sample) < 1:
            raise ValueError(f"small_sample must be at least 1, got {self.small_sample!r}")

    @property
    def confidence(self) -> float:
        return 1.0 - self.alpha

    def judgeable(self, *sizes: int) -> bool:
        """Every side has at least ``small_sample`` answers (step 1)."""
        return all(int(size) >= self.small_sample for size in sizes)


def benjamini_hochberg(p_values: Sequence[float], alpha: float = 0.05) -> np.ndarray:
    """Benjamini-Hochberg (1995) adjusted p-values, via ``multipletests(method="fdr_bh")``.

    Rejecting where the adjusted p < alpha keeps the expected share of false discoveries at
    most alpha (independent or positively dependent tests). An empty list gives an empty array.
    """
    p_values = np.asarray(p_values, dtype=float)
    if p_values.size == 0:
        return np.array([], dtype=float)
    return np.asarray(multipletests(p_values, alpha=alpha, method="fdr_bh")[1], dtype=float)


def z_p(centre: float, variance: float) -> float:
    """Two-sided p-value of ``centre / sqrt(variance)`` against the standard normal
    (1 when the variance is 0 and the centre 0, 0 when only the variance is 0)."""
    if variance <= 0.0:
        return 1.0 if centre == 0.0 else 0.0
    return math.erfc(abs(centre) / math.sqrt(2.0 * variance))  # = 2 * norm.sf(|z|)


def nps_p(own: tuple[int, int, int], other: tuple[int, int, int]) -> float:
    """NPS of two groups (promoters, passives, detractors): adjusted-Wald z test."""
    if not sum(own) or not sum(other):
        return 1.0
    centre1, var1 = intervals._nps_adjusted(*own)
    centre2, var2 = intervals._nps_adjusted(*other)
    return z_p(centre1 - centre2, var1 + var2)


def nps_target_p(own: tuple[int, int, int], target: float) -> float:
    """NPS against a target in points: z = (adjusted NPS - target) / its standard error."""
    if not sum(own):
        return 1.0
    centre, var = intervals._nps_adjusted(*own)
    return z_p(centre - target / 100.0, var)


def share_p(top1: int, n1: int, top2: int, n2: int) -> float:
    """Two shares: Pearson's score test without continuity correction, z = (p1 - p2) /
    sqrt(pooled (1 - pooled) (1/n1 + 1/n2)); 1 when a group is empty or the pooled share is 0
    or 1. Written out (equal to statsmodels ``test_proportions_2indep(method="score",
    correction=False)`` and to scipy's chi-square, tested) because that call cost more than
    the rest of a simulated page view of the calibration together."""
    pooled_top, pooled_n = top1 + top2, n1 + n2
    if n1 <= 0 or n2 <= 0 or pooled_top in (0, pooled_n):
        return 1.0
    pooled = pooled_top / pooled_n
    return z_p(top1 / n1 - top2 / n2, pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2))


def mentions_p(mentions1: int, n1: int, mentions2: int, n2: int) -> float:
    """Two shares of comments that mention a theme: Fisher's exact test (two-sided). Themes
    are often rare (a few mentions among a small unit's comments), where the score test's
    upper tail is too liberal: in the calibration it made a small unit's page "mention X more
    often" in about 4 % of views with no true difference; the exact test keeps its level."""
    if n1 <= 0 or n2 <= 0:
        return 1.0
    table = [[mentions1, n1 - mentions1], [mentions2, n2 - mentions2]]
    return float(fisher_exact(table).pvalue)


def share_target_p(top: int, n: int, target: float) -> float:
    """A share against a target share: the exact binomial test."""
    return float(binomtest(top, n, target).pvalue) if n else 1.0


def difference_p(measure: str | measures.Measure, own: Mapping[str, float],
                 other: Mapping[str, float]) -> float:
    """The test of step 2 for one measure of two rows of sufficient statistics."""
    m = measure if isinstance(measure, measures.Measure) else measures.get(measure)
    first, second = measures.group_counts(m, own), measures.group_counts(m, other)
    if m.kind == "nps":
        return nps_p((first["top"], first["middle"], first["bottom"]),
                     (second["top"], second["middle"], second["bottom"]))
    return share_p(first["top"], measures.n_of(m, own), second["top"], measures.n_of(m, other))


def decide(rule: Rule, p_adjusted: float, low: float, high: float, sizes: Sequence[int]) -> str:
    """The verdict of one comparison whose p-value is already adjusted for its family
    (steps 1 and 4 of the module docstring)."""
    if not rule.judgeable(*sizes):
        return "too_few"
    if p_adjusted < rule.alpha and low > 0.0:
        return "higher"
    if p_adjusted < rule.alpha and high < 0.0:
        return "lower"
    return "no_clear_difference"


def judge(rule: Rule, rows: list[dict]) -> None:
    """Decide a page of comparisons in place. Each row has ``p_value``, ``diff_low``,
    ``diff_high`` and ``sizes`` (the n of each side); the rows that can be judged form one BH
    family. Sets ``tested``, ``p_adjusted`` (1 where not tested) and ``verdict``."""
    family = [row for row in rows if rule.judgeable(*row["sizes"])]
    adjusted = benjamini_hochberg([row["p_value"] for row in family], rule.alpha)
    for row in rows:
        row["tested"], row["p_adjusted"] = False, 1.0
    for row, p in zip(family, adjusted):
        row["tested"], row["p_adjusted"] = True, float(p)
    for row in rows:
        row["verdict"] = decide(rule, row["p_adjusted"], row["diff_low"], row["diff_high"], row["sizes"])
