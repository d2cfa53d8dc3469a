"""Theme overview: how many customers raise each theme and what it does to the NPS.

Input: :func:`queries.themes.theme_counts` (key, comments, promoters, passives,
detractors per theme) and :func:`queries.themes.comment_totals`. Per theme:

- ``share`` (``share_low``, ``share_high``): comments mentioning it among all
  comments (``n``), Wilson interval; ``comments`` is the raw count.
- ``praise_share`` (``praise_low``, ``praise_high``): promoters' comments that
  mention it among all promoters' comments; ``raise_share`` (``raise_low``,
  ``raise_high``) the same for detractors. Wilson intervals.
- ``effect``: NPS of all responses minus the NPS of the responses that do not
  mention the theme, in NPS points: how far the score would move without the
  theme. With w = mentions / all responses, effect = w * (NPS of the theme's
  responses - NPS of the rest), so ``effect_low``/``effect_high`` are w times the
  two-sample adjusted-Wald interval of that difference (w taken as fixed; the two
  groups are disjoint, hence independent).
- ``direction``: "lifts" (effect > 0.5), "drags" (effect < -0.5), else "none";
  also "none" (with effect 0) when fewer than ``min_responses`` responses with a
  score mention the theme or none do not mention it.

Empty inputs and themes without mentions give defined numbers, never NaN.
"""

from __future__ import annotations

import pandas as pd

from analysis import intervals

NEGLIGIBLE = 0.5  # NPS points
OTHER = "other"
ADDED = [
    "n", "share", "share_low", "share_high",
    "praise_share", "praise_low", "praise_high", "raise_share", "raise_low", "raise_high",
    "effect", "effect_low", "effect_high", "direction",
]


def _effect(theme: tuple[int, int, int], everyone: tuple[int, int, int], min_responses: int,
            confidence: float) -> tuple[float, float, float, str]:
    rest = tuple(all_ - own for all_, own in zip(everyone, theme))
    if sum(theme) < min_responses or sum(rest) <= 0:
        return 0.0, 0.0, 0.0, "none"
    weight = sum(theme) / sum(everyone)
    difference = intervals.nps_difference(*theme, *rest, confidence=confidence)
    effect = intervals.nps(*everyone).estimate - intervals.nps(*rest).estimate
    direction = "lifts" if effect > NEGLIGIBLE else "drags" if effect < -NEGLIGIBLE else "none"
    return effect, weight * difference.low, weight * difference.high, direction


def theme_overview(counts: pd.DataFrame, totals: dict, min_responses: int = 5,
                   confidence: float = 0.95) -> pd.DataFrame:
    """``counts`` with the columns described in the module docstring added."""
    everyone = tuple(int(totals[f"all_{group}"]) for group in ("promoters", "passives", "detractors"))
    rows = []
    for row in counts.itertuples(index=False):
        share = intervals.proportion(row.comments, totals["comments"], confidence)
        praise = intervals.proportion(row.promoters, totals["promoters"], confidence)
        raised = intervals.proportion(row.detractors, totals["detractors"], confidence)
        theme = (int(row.promoters), int(row.passives), int(row.detractors))
        rows.append([
            share.n, share.estimate, share.low, share.high,
            praise.estimate, praise.low, praise.high, raised.estimate, raised.low, raised.high,
            *_effect(theme, everyone, min_responses, confidence),
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
    """Themes by the size of their effect on the NPS, largest first, either sign."""
    return _ranked(overview, overview["effect"].abs(), include_other)
