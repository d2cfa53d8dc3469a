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
- ``direction``: the verdict on the effect (:func:`verdict`): "lifts" when its
  interval lies above zero, "drags" when below, else "none"; also "none" (with effect
  and interval 0) when fewer than ``min_responses`` responses with an answer mention the
  theme or none do not mention it. No cut-off on the size: a small effect measured
  precisely is clear, a large one measured loosely is not.

Empty inputs and themes without mentions give defined numbers, never NaN.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis import intervals, measures

OTHER = "other"
ADDED = [
    "all_comments", "share", "share_low", "share_high",
    "praise_k", "praise_n", "praise_share", "praise_low", "praise_high",
    "raise_k", "raise_n", "raise_share", "raise_low", "raise_high",
    "answered", "effect", "effect_low", "effect_high", "direction",
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
        ])
    added = pd.DataFrame(rows, columns=ADDED, index=counts.index)
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
