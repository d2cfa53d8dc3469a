"""Theme overview: how many customers raise each theme and what it does to a measure.

Input: :func:`queries.themes.theme_counts` (key, comments, and the counts of every
measure, :data:`analysis.measures.COUNT_COLUMNS`, among the commented responses that
mention the theme) and :func:`queries.themes.comment_totals` (the same among all
comments, and with an ``all_`` prefix among all responses). A missing count is 0;
the NPS n is the sum of promoters, passives and detractors. Per theme, for one
``measure`` (NPS, satisfaction, a 1–10 rating or sentiment):

- ``share`` (``share_low``, ``share_high``): comments mentioning it among all
  comments (``all_comments``), Wilson interval; ``comments`` is the raw count.
- ``praise_share`` (``praise_low``, ``praise_high``): comments on the measure's good
  side (promoters, 4–5 stars, 9–10, positive) that mention it among all such
  comments (``praise_k`` of ``praise_n``); ``raise_share`` (``raise_low``,
  ``raise_high``, ``raise_k`` of ``raise_n``) the same for the bad side. Wilson intervals.
- ``effect``: the measure of all responses minus the measure of the responses that
  do not mention the theme (NPS points, or a share 0..1): how far it would move
  without the theme. With w = mentions / all responses on the measure,
  effect = w * (theme's value - the rest's value), so ``effect_low``/``effect_high``
  are w times the interval of that difference (two-sample adjusted Wald for NPS,
  Newcombe's hybrid score interval for a share; w taken as fixed; the two groups
  are disjoint, hence independent). ``answered``: the theme's responses with an
  answer on the measure.
- ``praised`` and ``criticised``: the theme's comments on the measure's good side
  and on its bad side ("staff: praised by 412, criticised by 298").
- ``side``: which side the theme is on: "praise" when it is clearly raised more
  often in praise than in criticism (``praise_share`` above ``raise_share``: a
  two-sided score test of the two independent shares, Benjamini-Hochberg across
  the themes of the table, at 1 - ``confidence``), "complaint" when clearly the
  other way, "both" when neither is clear, "few" when fewer than
  ``min_responses`` of its comments are on either side; ``side_p`` the adjusted p.
- ``praise_effect`` (``praise_low``/``praise_high`` are taken, so ``praise_effect_low``,
  ``praise_effect_high``): what the theme's praise adds to the measure of all
  responses, the measure minus the measure without those responses (never
  negative); ``complaint_effect`` (…``_low``, …``_high``) what its criticism costs
  (never positive). Intervals: the same function at the ends of the Wilson
  interval of the share of all answers that are this praise (or criticism).
- ``direction``: the verdict on the effect (:func:`verdict`): "lifts" when its
  interval lies above zero and the theme is on the side of praise, "drags" when
  below zero and the theme is on the side of complaint, else "none" -- so a praised
  theme is never called a drag; also "none" (with effect and interval 0) when fewer
  than ``min_responses`` responses with an answer mention the theme or none do not
  mention it. No cut-off on the size.

Empty inputs and themes without mentions give defined numbers, never NaN.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import test_proportions_2indep

from analysis import intervals, measures

OTHER = "other"
ADDED = [
    "all_comments", "share", "share_low", "share_high",
    "praise_k", "praise_n", "praise_share", "praise_low", "praise_high",
    "raise_k", "raise_n", "raise_share", "raise_low", "raise_high",
    "answered", "effect", "effect_low", "effect_high", "direction",
    "praised", "criticised", "side", "side_p",
    "praise_effect", "praise_effect_low", "praise_effect_high",
    "complaint_effect", "complaint_effect_low", "complaint_effect_high",
]


def _counts(values: Mapping, prefix: str = "") -> dict[str, int]:
    """The measure counts named ``prefix + column`` in ``values``, missing ones 0,
    with the NPS n as the sum of its three groups."""
    counts = {}
    for column in measures.COUNT_COLUMNS:
        value = values.get(prefix + column, 0)
        counts[column] = 0 if value is None or pd.isna(value) else int(value)
    counts["n"] = counts["promoters"] + counts["passives"] + counts["detractors"]
    return counts


def _minus(everyone: dict[str, int], part: dict[str, int]) -> dict[str, int]:
    return {column: everyone[column] - part[column] for column in everyone}


def _effect(measure: measures.Measure, theme: dict[str, int], everyone: dict[str, int],
            min_responses: int, confidence: float) -> tuple[float, float, float, str]:
    """The net effect with its interval and the direction it points (before the side is known)."""
    rest = _minus(everyone, theme)
    answered, others = theme[measure.n], rest[measure.n]
    if answered < min_responses or others <= 0:
        return 0.0, 0.0, 0.0, "none"
    weight = answered / everyone[measure.n]
    difference = measures.difference(measure, theme, rest, confidence)
    effect = measures.estimate(measure, everyone).estimate - measures.estimate(measure, rest).estimate
    low, high = weight * difference.low, weight * difference.high
    return effect, low, high, verdict(low, high)


def verdict(low: float, high: float) -> str:
    """The one place a theme effect is judged (the shared rule for "clear" plugs in
    here): "lifts" when the interval lies above zero, "drags" when below, else "none"."""
    return "lifts" if low > 0 else "drags" if high < 0 else "none"


def _value(measure: measures.Measure, top: float, bottom: float, n: float) -> float:
    """The measure from its counts (NPS in points, else a share), 0 without answers."""
    if n <= 0:
        return 0.0
    return 100.0 * (top - bottom) / n if measure.kind == "nps" else top / n


def _part(measure: measures.Measure, everyone: dict[str, int], side: str, k: int,
          confidence: float) -> tuple[float, float, float]:
    """What ``k`` answers on one side (``"top"`` or ``"bottom"``) add to the measure
    of ``everyone``: its value minus the value without them, with the interval
    from the Wilson interval of k / n (the value is monotone in k)."""
    top, bottom, n = everyone[measure.top], everyone[measure.bottom], everyone[measure.n]
    if k <= 0 or n - k <= 0:
        return 0.0, 0.0, 0.0
    whole = _value(measure, top, bottom, n)

    def added(count: float) -> float:
        count = min(count, n - 1e-9)
        return whole - (_value(measure, top - count, bottom, n - count) if side == "top"
                        else _value(measure, top, bottom - count, n - count))

    share = intervals.proportion(k, n, confidence)
    ends = sorted((added(share.low * n), added(share.high * n)))
    return added(k), ends[0], ends[1]


def _side_p(praise_k: int, praise_n: int, raise_k: int, raise_n: int) -> float:
    """Two-sided score test (no continuity correction) of two independent shares."""
    pooled_k, pooled_n = praise_k + raise_k, praise_n + raise_n
    if praise_n <= 0 or raise_n <= 0 or pooled_k in (0, pooled_n):
        return 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        result = test_proportions_2indep(praise_k, praise_n, raise_k, raise_n, method="score",
                                         compare="diff", alternative="two-sided", correction=False)
    return float(result.pvalue)


def _sides(added: pd.DataFrame, keys: pd.Series, min_responses: int, confidence: float) -> None:
    """``side``, ``side_p`` and the side-aware ``direction`` (see the module docstring)."""
    alpha = 1 - confidence
    tested = (keys != OTHER) & ((added["praised"] >= min_responses) | (added["criticised"] >= min_responses))
    p_values = [_side_p(row.praise_k, row.praise_n, row.raise_k, row.raise_n) for row in added.itertuples()]
    added["side_p"] = 1.0
    if tested.any():
        added.loc[tested, "side_p"] = multipletests(np.array(p_values)[tested.to_numpy()], alpha=alpha,
                                                    method="fdr_bh")[1]
    clear = tested & (added["side_p"] < alpha)
    added["side"] = np.where(~tested, "few", np.where(
        clear & (added["praise_share"] > added["raise_share"]), "praise",
        np.where(clear & (added["praise_share"] < added["raise_share"]), "complaint", "both")))
    added["direction"] = np.where(
        ((added["direction"] == "lifts") & (added["side"] == "praise"))
        | ((added["direction"] == "drags") & (added["side"] == "complaint")), added["direction"], "none")


def theme_overview(counts: pd.DataFrame, totals: Mapping, measure: str = "nps",
                   min_responses: int = 5, confidence: float = 0.95) -> pd.DataFrame:
    """``counts`` with the columns described in the module docstring added, for ``measure``."""
    m = measures.get(measure)
    commented, everyone = _counts(totals), _counts(totals, "all_")
    rows = []
    for row in counts.to_dict("records"):
        theme = _counts(row)
        share = intervals.proportion(row["comments"], totals["comments"], confidence)
        praise_k, praise_n = theme[m.top], commented[m.top]
        raise_k, raise_n = theme[m.bottom], commented[m.bottom]
        praise = intervals.proportion(praise_k, praise_n, confidence)
        raised = intervals.proportion(raise_k, raise_n, confidence)
        rows.append([
            share.n, share.estimate, share.low, share.high,
            praise_k, praise_n, praise.estimate, praise.low, praise.high,
            raise_k, raise_n, raised.estimate, raised.low, raised.high,
            theme[m.n], *_effect(m, theme, everyone, min_responses, confidence),
            theme[m.top], theme[m.bottom], "few", 1.0,
            *_part(m, everyone, "top", theme[m.top], confidence),
            *_part(m, everyone, "bottom", theme[m.bottom], confidence),
        ])
    added = pd.DataFrame(rows, columns=ADDED, index=counts.index)
    _sides(added, counts["key"], min_responses, confidence)
    return pd.concat([counts, added], axis=1)


def _ranked(overview: pd.DataFrame, score: pd.Series, include_other: bool) -> pd.DataFrame:
    keep = overview["key"] != OTHER if not include_other else pd.Series(True, index=overview.index)
    order = score[keep].sort_values(ascending=False, kind="stable").index
    return overview.loc[order].reset_index(drop=True)


def by_volume(overview: pd.DataFrame, include_other: bool = False) -> pd.DataFrame:
    """Themes by how many comments mention them, most first (ties keep their order)."""
    return _ranked(overview, overview["comments"].astype(float), include_other)


def by_effect(overview: pd.DataFrame, include_other: bool = False) -> pd.DataFrame:
    """Themes by the size of their effect on the measure, largest first, either sign."""
    return _ranked(overview, overview["effect"].abs(), include_other)
