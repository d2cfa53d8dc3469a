"""Confidence intervals for the figures Insikt reports (see DESIGN.md, "Statistics policy").

Methods and sources:

- ``proportion``: Wilson score interval (Wilson 1927; Newcombe 1998a, method 3), in closed
  form; equal to ``statsmodels.stats.proportion.proportion_confint(method="wilson")`` (tested
  to 1e-12), but without its per-call normal quantile, which made one simulated page view of
  the calibration (``bench/calibration``, some 100 intervals) five times slower.
- ``proportion_difference``: Newcombe's hybrid score interval (Newcombe 1998b, method 10),
  the same way; equal to ``confint_proportions_2indep(method="newcomb")`` (tested).
- ``nps`` and ``nps_difference``: adjusted-Wald interval for the Net Promoter Score -- add 3
  to n and 0.75 to promoters and to detractors, then use the variance of a difference of two
  proportions (Rocks 2016, The American Statistician 70(4); Lewis & Sauro, MeasuringU 2021,
  "Confidence intervals for Net Promoter Scores" and "Comparing Net Promoter Scores").
  statsmodels has no NPS method, so these are written by hand.
- ``mean``: Student t-interval computed from sufficient statistics (count, sum, sum of squares).

Newcombe 1998a: Stat Med 17:857-872. Newcombe 1998b: Stat Med 17:873-890.

Counts are whole numbers (numpy, Decimal and whole floats are converted). Every function returns
an :class:`Interval` of plain Python floats and never NaN, infinity, an exception or a warning for
empty or degenerate groups; each docstring states what it returns then. Invalid input is a
programming or data error and raises ``ValueError`` with a message naming the count: a negative,
fractional, NaN or infinite count, more successes than answers (``proportion(5, 3)``), or a
confidence outside (0, 1).

Every interval contains its estimate. Wilson, Newcombe and the t-interval do so by construction;
(up to floating-point rounding, e.g. a Wilson lower limit of 5.6e-17 for 0 of 3, which the
same widening absorbs); the adjusted-Wald NPS interval is centred on the *adjusted* NPS (pulled towards 0 by the added
pseudo-counts), so with very few answers it can exclude the plain NPS that is reported (one
promoter: 100 with about -48..98). There the interval is widened to reach the estimate (the
union of the adjusted-Wald interval and the point): a superset of an interval keeps at least its
coverage, the estimate stays the plain NPS that a reader can recompute from the counts, and the
width only changes where the plain NPS lies outside the adjusted interval -- n below about 10.
Reporting the adjusted NPS instead would make every shown NPS differ from its own definition.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from scipy.stats import norm, t


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


@lru_cache(maxsize=64)
def _z(confidence: float) -> float:
    return float(norm.ppf(1.0 - _alpha(confidence) / 2.0))


def _clip(value: float, low: float, high: float) -> float:
    return float(min(max(value, low), high))


def _count(value, name: str) -> int:
    """A count as an int; negative, fractional, NaN or infinite counts raise ValueError."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a whole number of answers, got {value!r}") from None
    if not math.isfinite(number) or number < 0 or number != int(number):
        raise ValueError(f"{name} must be a whole number of answers, 0 or more, got {value!r}")
    return int(number)


def _successes(successes, n, which: str = "") -> tuple[int, int]:
    """(successes, n) as ints, checked: both counts and successes <= n."""
    successes, n = _count(successes, f"successes{which}"), _count(n, f"n{which}")
    if successes > n:
        raise ValueError(f"successes{which} ({successes}) cannot exceed the number of answers "
                         f"n{which} ({n})")
    return successes, n


def holding(estimate: float, low: float, high: float, n: int) -> Interval:
    """An interval widened where needed so that it contains its estimate (see the module
    docstring: the union of the interval and the point)."""
    return Interval(float(estimate), float(min(low, estimate)), float(max(high, estimate)), n)


def _wilson(successes: int, n: int, z: float) -> tuple[float, float]:
    """Wilson's (1927) score limits: the roots p of (successes/n - p)^2 = z^2 p (1 - p) / n."""
    denominator = n + z * z
    centre = (successes + z * z / 2.0) / denominator
    half = z * math.sqrt(successes * (n - successes) / n + z * z / 4.0) / denominator
    return centre - half, centre + half


def proportion(successes: int, n: int, confidence: float = 0.95) -> Interval:
    """Share ``successes / n`` (a fraction 0..1) with its Wilson score interval.

    ``n = 0`` gives estimate 0 and the whole range 0..1.
    """
    z = _z(confidence)
    successes, n = _successes(successes, n)
    if n == 0:
        return Interval(0.0, 0.0, 1.0, 0)
    low, high = _wilson(successes, n, z)
    return holding(successes / n, _clip(low, 0.0, 1.0), _clip(high, 0.0, 1.0), n)


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

    The estimate is the plain NPS; the interval is centred on the adjusted NPS, clipped to
    -100..100 and widened to reach the estimate where it does not (one promoter: estimate 100,
    interval about -48..100 instead of -48..98). No responses give estimate 0 and -100..100.
    """
    z = _z(confidence)
    promoters, passives, detractors = _nps_counts(promoters, passives, detractors)
    n = promoters + passives + detractors
    if n == 0:
        return Interval(0.0, -100.0, 100.0, 0)
    centre, var = _nps_adjusted(promoters, passives, detractors)
    half = z * math.sqrt(var)
    return holding(
        _nps_plain(promoters, passives, detractors),
        _clip(100.0 * (centre - half), -100.0, 100.0),
        _clip(100.0 * (centre + half), -100.0, 100.0),
        n,
    )


def _nps_counts(promoters, passives, detractors, which: str = "") -> tuple[int, int, int]:
    return (_count(promoters, f"promoters{which}"), _count(passives, f"passives{which}"),
            _count(detractors, f"detractors{which}"))


def mean(n: int, total: float, total_sq: float, confidence: float = 0.95) -> Interval:
    """Mean ``total / n`` with its t-interval, from count, sum and sum of squares.

    Uses the sample variance (n - 1); a slightly negative variance from rounding counts as 0.
    ``n = 0`` gives 0 for estimate, low and high. ``n = 1`` has no spread to estimate, so low and
    high equal the estimate (a zero-width interval, not a claim of certainty: show the n).
    """
    alpha = _alpha(confidence)
    n, total, total_sq = _count(n, "n"), float(total), float(total_sq)
    if not (math.isfinite(total) and math.isfinite(total_sq)):
        raise ValueError(f"the sum and the sum of squares must be finite, got {total!r}, {total_sq!r}")
    if n == 0:
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
    z = _z(confidence)
    (x1, n1), (x2, n2) = _successes(x1, n1, " of group 1"), _successes(x2, n2, " of group 2")
    if n1 == 0 or n2 == 0:
        return Interval(0.0, -1.0, 1.0, n1 + n2)
    (l1, u1), (l2, u2) = _wilson(x1, n1, z), _wilson(x2, n2, z)
    p1, p2 = x1 / n1, x2 / n2
    estimate = p1 - p2
    low = estimate - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = estimate + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return holding(estimate, _clip(low, -1.0, 1.0), _clip(high, -1.0, 1.0), n1 + n2)


def nps_difference(
    p1: int, pa1: int, d1: int, p2: int, pa2: int, d2: int, confidence: float = 0.95
) -> Interval:
    """NPS of group 1 minus NPS of group 2 in points, two-sample adjusted-Wald interval.

    The estimate is the difference of the plain NPS values; the interval is centred on the
    difference of the adjusted NPS values, with the two variances added, clipped to -200..200
    and widened to reach the estimate where it does not (one promoter against one detractor:
    +200 with about -54..+200, not -54..+154).
    If either group is empty: estimate 0 and the range -200..200.
    """
    z = _z(confidence)
    p1, pa1, d1 = _nps_counts(p1, pa1, d1, " of group 1")
    p2, pa2, d2 = _nps_counts(p2, pa2, d2, " of group 2")
    n1, n2 = p1 + pa1 + d1, p2 + pa2 + d2
    if n1 == 0 or n2 == 0:
        return Interval(0.0, -200.0, 200.0, n1 + n2)
    centre1, var1 = _nps_adjusted(p1, pa1, d1)
    centre2, var2 = _nps_adjusted(p2, pa2, d2)
    centre, half = centre1 - centre2, z * math.sqrt(var1 + var2)
    return holding(
        _nps_plain(p1, pa1, d1) - _nps_plain(p2, pa2, d2),
        _clip(100.0 * (centre - half), -200.0, 200.0),
        _clip(100.0 * (centre + half), -200.0, 200.0),
        n1 + n2,
    )
