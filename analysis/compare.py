"""Strengths and weaknesses: each group of a unit against a comparator or a target.

Input frames have one row per group: ``dimension`` (overall, touchpoint, channel, theme,
segment), ``key`` (the group; "all" for overall) and the counts of every measure of
:mod:`analysis.measures` (:data:`COUNTS`; a missing column counts 0): ``promoters``,
``passives``, ``detractors`` (NPS answers; their sum is the NPS n), ``csat_n``, ``csat_top``
(satisfaction, top box 4-5), ``s10_n``, ``s10_top`` (1-10 rating, 9-10) and ``sent_n``,
``sent_pos`` (sentiment labels, positive). :func:`compare` gives one row per group and measure
(:data:`MEASURES`) that has answers on either side:

- ``value, low, high, n``: NPS in points (-100..100, adjusted-Wald interval) or a share (0..1,
  Wilson interval), at confidence 1 - alpha (see :mod:`analysis.intervals`).
- ``comp_value, comp_low, comp_high, comp_n``: the comparator's group with the same dimension
  and key, the same way; with a target instead: the target, as value, low and high, and n 0.
- ``diff, diff_low, diff_high``: own minus comparator, two-sample adjusted Wald (NPS points)
  or Newcombe's hybrid score interval (Newcombe 1998, Stat Med 17:873-890, method 10; a
  share); against a target: own value and interval minus the target.
- ``p_value``, two-sided. NPS: z = difference of the adjusted NPS values / the square root of
  the sum of their variances -- the quantities the adjusted-Wald interval is built from (Rocks
  2016, Am Stat 70(4); Lewis & Sauro 2021); against a target, z = (adjusted NPS - target) /
  its standard error. A share: score test of equal shares (statsmodels
  ``test_proportions_2indep(method="score", correction=False)``, Pearson's chi-square without
  continuity correction; only the statsmodels 0.15 score *interval* for differences is wrong,
  not this test), p = 1 when the pooled share is 0 or 1; against a target, the exact binomial
  test (``scipy.stats.binomtest``).
- ``p_adjusted``: Benjamini-Hochberg (1995) over all tested rows of the call (one page), so
  that at most a share alpha of the strengths and weaknesses shown are expected to be noise.
- ``tested`` and ``verdict``, decided in this order: "too_few" if own n < min_responses;
  "no_comparator" if the comparator has no such group or there is no target for the measure;
  "too_few" if the comparator group has n < min_responses; otherwise the row is tested and is
  a "strength" (p_adjusted < alpha, diff > 0), a "weakness" (p_adjusted < alpha, diff < 0) or
  "no_clear_difference". Rows that are not tested have p_value = p_adjusted = 1.

The intervals are per row (not adjusted for multiplicity); the verdict uses the adjusted p.
Rows with no answers on either side (own n = 0 and no comparator answers or a target) are
left out. Empty groups give the documented values of :mod:`analysis.intervals`, never NaN.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy.stats import binomtest, norm
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import test_proportions_2indep

from analysis import intervals, measures

MEASURES = measures.KEYS
VERDICTS = ("strength", "weakness", "no_clear_difference", "too_few", "no_comparator")
COUNTS = tuple(name for name in measures.COUNT_COLUMNS if name != "n")  # NPS n: the three groups
COLUMNS = [
    "dimension", "key", "measure", "value", "low", "high", "n",
    "comp_value", "comp_low", "comp_high", "comp_n", "diff", "diff_low", "diff_high",
    "p_value", "p_adjusted", "tested", "verdict",
]
FLOATS = ("value", "low", "high", "comp_value", "comp_low", "comp_high",
          "diff", "diff_low", "diff_high", "p_value", "p_adjusted")
TARGET_RANGE = {key: measure.bounds for key, measure in measures.MEASURES.items()}


def benjamini_hochberg(p_values: Sequence[float], alpha: float = 0.05) -> np.ndarray:
    """Benjamini-Hochberg (1995) adjusted p-values, via ``multipletests(method="fdr_bh")``.

    Rejecting where the adjusted p < alpha keeps the expected share of false discoveries at
    most alpha (independent or positively dependent tests). An empty list gives an empty array.
    """
    p_values = np.asarray(p_values, dtype=float)
    if p_values.size == 0:
        return np.array([], dtype=float)
    return np.asarray(multipletests(p_values, alpha=alpha, method="fdr_bh")[1], dtype=float)


def _counts(frame: pd.DataFrame) -> list[tuple[str, str, dict[str, int]]]:
    """(dimension, key, counts) per row: :data:`COUNTS` as a dict, missing ones 0, and the
    NPS ``n`` as the sum of promoters, passives and detractors."""
    counts = frame.reindex(columns=list(COUNTS)).apply(pd.to_numeric, errors="coerce").fillna(0)
    rows = []
    for dimension, key, values in zip(frame["dimension"].tolist(), frame["key"].tolist(),
                                      counts.to_numpy(dtype=float).astype(int).tolist()):
        row = dict(zip(COUNTS, values))
        row["n"] = row["promoters"] + row["passives"] + row["detractors"]
        rows.append((dimension, key, row))
    return rows


def _nps_groups(counts: dict[str, int]) -> tuple[int, int, int]:
    return counts["promoters"], counts["passives"], counts["detractors"]


def _share(measure: measures.Measure, counts: dict[str, int]) -> tuple[int, int]:
    """(top, n) of a share measure, the top never above n."""
    n = counts[measure.n]
    return min(counts[measure.top], n), n


def _nps_p(own: tuple[int, int, int], other: tuple[int, int, int]) -> float:
    centre1, var1 = intervals._nps_adjusted(*own)
    centre2, var2 = intervals._nps_adjusted(*other)
    return float(2.0 * norm.sf(abs(centre1 - centre2) / math.sqrt(var1 + var2)))


def _nps_target_p(own: tuple[int, int, int], target: float) -> float:
    centre, var = intervals._nps_adjusted(*own)
    return float(2.0 * norm.sf(abs(centre - target / 100.0) / math.sqrt(var)))


def _share_p(top1: int, n1: int, top2: int, n2: int) -> float:
    pooled_top, pooled_n = top1 + top2, n1 + n2
    if n1 <= 0 or n2 <= 0 or pooled_top in (0, pooled_n):
        return 1.0
    with np.errstate(divide="ignore", invalid="ignore"):  # its ratio fields when a share is 0
        result = test_proportions_2indep(top1, n1, top2, n2, method="score", compare="diff",
                                         alternative="two-sided", correction=False)
    return float(result.pvalue)


def _targets(targets: dict | None) -> dict[str, float]:
    cleaned = {}
    for measure, target in (targets or {}).items():
        if measure not in MEASURES:
            raise ValueError(f"unknown measure in targets: {measure!r}")
        if target is None or (isinstance(target, float) and math.isnan(target)):
            continue
        low, high = TARGET_RANGE[measure]
        if not low <= float(target) <= high:
            raise ValueError(f"target for {measure} must be within {low}..{high}, got {target!r}")
        cleaned[measure] = float(target)
    return cleaned


def _against_group(measure: measures.Measure, own: dict, other: dict, confidence: float) -> tuple:
    """(value, comparator, difference, p) for one measure of two groups of counts."""
    if measure.kind == "nps":
        mine, theirs = _nps_groups(own), _nps_groups(other)
        return (intervals.nps(*mine, confidence=confidence),
                intervals.nps(*theirs, confidence=confidence),
                intervals.nps_difference(*mine, *theirs, confidence=confidence),
                _nps_p(mine, theirs) if sum(mine) and sum(theirs) else 1.0)
    (top1, n1), (top2, n2) = _share(measure, own), _share(measure, other)
    return (intervals.proportion(top1, n1, confidence),
            intervals.proportion(top2, n2, confidence),
            intervals.proportion_difference(top1, n1, top2, n2, confidence),
            _share_p(top1, n1, top2, n2))


def _against_target(measure: measures.Measure, own: dict, target: float, confidence: float) -> tuple:
    if measure.kind == "nps":
        value = intervals.nps(*_nps_groups(own), confidence=confidence)
        p = _nps_target_p(_nps_groups(own), target) if value.n else 1.0
    else:
        top, n = _share(measure, own)
        value = intervals.proportion(top, n, confidence)
        p = float(binomtest(top, n, target).pvalue) if n else 1.0
    comparator = intervals.Interval(target, target, target, 0)
    difference = intervals.Interval(value.estimate - target, value.low - target,
                                    value.high - target, value.n)
    return value, comparator, difference, p


def compare(own: pd.DataFrame, comparator: pd.DataFrame | None = None, targets: dict | None = None,
            min_responses: int = 5, alpha: float = 0.05) -> pd.DataFrame:
    """Compare every group of ``own`` with the same group of ``comparator`` (for instance the
    rest of the organisation) or with ``targets`` (``{"nps": 30.0, "csat": 0.8}``, one per
    measure, any may be missing); exactly one of the two is given. Columns and rules: see the module docstring.
    Row order: the groups of ``own`` in their order, each with its measures in MEASURES order.
    """
    if (comparator is None) == (targets is None):
        raise ValueError("give exactly one of comparator and targets")
    if not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha!r}")
    confidence = 1.0 - alpha
    goals = _targets(targets) if comparator is None else {}
    others: dict[tuple, dict] = {}
    if comparator is not None:
        for dimension, key, counts in _counts(comparator):
            if (dimension, key) in others:
                raise ValueError(f"comparator has more than one row for {dimension}/{key}")
            others[(dimension, key)] = counts

    empty = dict.fromkeys((*COUNTS, "n"), 0)
    rows = []
    for dimension, key, counts in _counts(own):
        other = others.get((dimension, key))
        for name in MEASURES:
            measure = measures.get(name)
            n = counts[measure.n]
            if comparator is not None:
                other_n = other[measure.n] if other is not None else 0
                if n == 0 and other_n == 0:
                    continue
                has_comparator, enough = other is not None, other_n >= min_responses
                value, comp, difference, p = _against_group(measure, counts, other or empty,
                                                            confidence)
            else:
                if n == 0:
                    continue
                has_comparator, enough = name in goals, True
                value, comp, difference, p = (
                    _against_target(measure, counts, goals[name], confidence) if has_comparator
                    else _against_group(measure, counts, empty, confidence))
            verdict = ("too_few" if n < min_responses else
                       "no_comparator" if not has_comparator else
                       "too_few" if not enough else
                       None)  # tested: decided after the adjustment
            rows.append({
                "dimension": dimension, "key": key, "measure": name,
                "value": value.estimate, "low": value.low, "high": value.high, "n": value.n,
                "comp_value": comp.estimate, "comp_low": comp.low, "comp_high": comp.high,
                "comp_n": comp.n, "diff": difference.estimate, "diff_low": difference.low,
                "diff_high": difference.high, "p_value": p if verdict is None else 1.0,
                "p_adjusted": 1.0, "tested": verdict is None, "verdict": verdict,
            })

    tested = [row for row in rows if row["tested"]]
    for row, adjusted in zip(tested, benjamini_hochberg([row["p_value"] for row in tested], alpha)):
        significant = adjusted < alpha
        row["p_adjusted"] = float(adjusted)
        row["verdict"] = ("strength" if significant and row["diff"] > 0 else
                          "weakness" if significant and row["diff"] < 0 else
                          "no_clear_difference")
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.astype({column: float for column in FLOATS}
                        | {"n": int, "comp_n": int, "tested": bool})


def closest(result: pd.DataFrame, verdict: str, limit: int = 3) -> pd.DataFrame:
    """The rows of :func:`compare` that come closest to being a ``verdict`` ("strength" or
    "weakness") without being one: tested, no clear difference, difference in that direction;
    smallest p-value first, then the largest difference. For saying honestly what comes
    nearest when a page has no strength (or no weakness)."""
    if verdict not in ("strength", "weakness"):
        raise ValueError(f"verdict must be 'strength' or 'weakness', got {verdict!r}")
    sign = 1.0 if verdict == "strength" else -1.0
    near = result[(result["verdict"] == "no_clear_difference") & (sign * result["diff"] > 0)]
    order = pd.DataFrame({"p": near["p_value"], "size": -sign * near["diff"]})
    order = order.sort_values(["p", "size"], kind="stable").index
    return near.loc[order].head(limit).reset_index(drop=True)
