"""Confidence intervals for the figures Insikt reports (see DESIGN.md, "Statistics policy").

Methods and sources:

- ``proportion``: Wilson score interval (Wilson 1927; Newcombe 1998a, method 3), via
  ``statsmodels.stats.proportion.proportion_confint(method="wilson")``.
- ``proportion_difference``: Newcombe's hybrid score interval (Newcombe 1998b, method 10),
  via ``statsmodels.stats.proportion.confint_proportions_2indep(method="newcomb")``.
- ``nps`` and ``nps_difference``: adjusted-Wald interval for the Net Promoter Score -- add 3
  to n and 0.75 to promoters and to detractors, then use the variance of a difference of two
  proportions (Rocks 2016, The American Statistician 70(4); Lewis & Sauro, MeasuringU 2021,
  "Confidence intervals for Net Promoter Scores" and "Comparing Net Promoter Scores").
  statsmodels has no NPS method, so these are written by hand.
- ``mean``: Student t-interval computed from sufficient statistics (count, sum, sum of squares).

Newcombe 1998a: Stat Med 17:857-872. Newcombe 1998b: Stat Med 17:873-890.

Counts are taken as integers (numpy and Decimal counts are converted). Every function returns an
:class:`Interval` of plain Python floats and never NaN, infinity, an exception or a warning for
empty or degenerate groups; each docstring states what it returns then. A confidence outside
(0, 1) is a programming error and raises ``ValueError``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from scipy.stats import norm, t
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint


@dataclass(frozen=True)
class Interval:
    """A point estimate with its confidence interval and the number of responses behind it."""

    estimate: float
    low: float
    high: float
    n: int


def _alpha(confidence: float) -> float:
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence!r}")
    return 1.0 - confidence


def _z(confidence: float) -> float:
    return float(norm.ppf(1.0 - _alpha(confidence) / 2.0))


def _clip(value: float, low: float, high: float) -> float:
    return float(min(max(value, low), high))


def proportion(successes: int, n: int, confidence: float = 0.95) -> Interval:
    """Share ``successes / n`` (a fraction 0..1) with its Wilson score interval.

    ``n = 0`` gives estimate 0 and the whole range 0..1.
    """
    alpha = _alpha(confidence)
    successes, n = int(successes), int(n)
    if n <= 0:
        return Interval(0.0, 0.0, 1.0, 0)
    low, high = proportion_confint(successes, n, alpha=alpha, method="wilson")
    return Interval(successes / n, _clip(low, 0.0, 1.0), _clip(high, 0.0, 1.0), n)


def _nps_adjusted(promoters: int, passives: int, detractors: int) -> tuple[float, float]:
    """Adjusted-Wald NPS (a fraction -1..1) and the variance of that estimate."""
    n_adj = promoters + passives + detractors + 3
    p_adj = (promoters + 0.75) / n_adj
    d_adj = (detractors + 0.75) / n_adj
    nps_adj = p_adj - d_adj
    return nps_adj, (p_adj + d_adj - nps_adj**2) / n_adj


def _nps_plain(promoters: int, passives: int, detractors: int) -> float:
    n = promoters + passives + detractors
    return 100.0 * (promoters - detractors) / n


def nps(promoters: int, passives: int, detractors: int, confidence: float = 0.95) -> Interval:
    """Net Promoter Score in points (-100..100) with its adjusted-Wald interval.

    The estimate is the plain NPS; the interval is centred on the adjusted NPS and clipped to
    -100..100, so with very few responses the estimate can lie outside it (one promoter:
    estimate 100, interval about -48..98). No responses give estimate 0 and -100..100.
    """
    z = _z(confidence)
    promoters, passives, detractors = int(promoters), int(passives), int(detractors)
    n = promoters + passives + detractors
    if n <= 0:
        return Interval(0.0, -100.0, 100.0, 0)
    centre, var = _nps_adjusted(promoters, passives, detractors)
    half = z * math.sqrt(var)
    return Interval(
        _nps_plain(promoters, passives, detractors),
        _clip(100.0 * (centre - half), -100.0, 100.0),
        _clip(100.0 * (centre + half), -100.0, 100.0),
        n,
    )


def mean(n: int, total: float, total_sq: float, confidence: float = 0.95) -> Interval:
    """Mean ``total / n`` with its t-interval, from count, sum and sum of squares.

    Uses the sample variance (n - 1); a slightly negative variance from rounding counts as 0.
    ``n = 0`` gives 0 for estimate, low and high. ``n = 1`` has no spread to estimate, so low and
    high equal the estimate (a zero-width interval, not a claim of certainty: show the n).
    """
    alpha = _alpha(confidence)
    n, total, total_sq = int(n), float(total), float(total_sq)
    if n <= 0:
        return Interval(0.0, 0.0, 0.0, 0)
    estimate = total / n
    if n == 1:
        return Interval(estimate, estimate, estimate, 1)
    variance = max((total_sq - total**2 / n) / (n - 1), 0.0)
    half = float(t.ppf(1.0 - alpha / 2.0, n - 1)) * math.sqrt(variance / n)
    return Interval(estimate, estimate - half, estimate + half, n)


def proportion_difference(
    x1: int, n1: int, x2: int, n2: int, confidence: float = 0.95
) -> Interval:
    """Difference of shares ``x1/n1 - x2/n2`` (fraction -1..1), Newcombe's hybrid score interval.

    If either group is empty the difference is undefined: estimate 0 and the range -1..1.
    """
    alpha = _alpha(confidence)
    x1, n1, x2, n2 = int(x1), int(n1), int(x2), int(n2)
    if n1 <= 0 or n2 <= 0:
        return Interval(0.0, -1.0, 1.0, max(n1, 0) + max(n2, 0))
    low, high = confint_proportions_2indep(
        x1, n1, x2, n2, method="newcomb", compare="diff", alpha=alpha
    )
    estimate = x1 / n1 - x2 / n2
    return Interval(estimate, _clip(low, -1.0, 1.0), _clip(high, -1.0, 1.0), n1 + n2)


def nps_difference(
    p1: int, pa1: int, d1: int, p2: int, pa2: int, d2: int, confidence: float = 0.95
) -> Interval:
    """NPS of group 1 minus NPS of group 2 in points, two-sample adjusted-Wald interval.

    The estimate is the difference of the plain NPS values; the interval is centred on the
    difference of the adjusted NPS values, with the two variances added, clipped to -200..200
    (at the extremes the estimate can lie outside it, as for :func:`nps`).
    If either group is empty: estimate 0 and the range -200..200.
    """
    z = _z(confidence)
    p1, pa1, d1, p2, pa2, d2 = (int(count) for count in (p1, pa1, d1, p2, pa2, d2))
    n1, n2 = p1 + pa1 + d1, p2 + pa2 + d2
    if n1 <= 0 or n2 <= 0:
        return Interval(0.0, -200.0, 200.0, max(n1, 0) + max(n2, 0))
    centre1, var1 = _nps_adjusted(p1, pa1, d1)
    centre2, var2 = _nps_adjusted(p2, pa2, d2)
    centre, half = centre1 - centre2, z * math.sqrt(var1 + var2)
    return Interval(
        _nps_plain(p1, pa1, d1) - _nps_plain(p2, pa2, d2),
        _clip(100.0 * (centre - half), -200.0, 200.0),
        _clip(100.0 * (centre + half), -200.0, 200.0),
        n1 + n2,
    )
