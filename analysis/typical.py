"""Representative comments for a card: the ones most typical of its group, not the
newest.

**The rule** (:func:`typical_comments`). The pool is the card's group's comments
whose tone matches the card's side (a strength's comments on the good side of its
measure, a weakness's on the bad side), as the caller reads them. In the pool

* each theme's frequency is the share of the pool's comments that mention it
  (a comment without a theme counts as "other");
* a comment's typicality is the mean frequency of the themes it mentions, so a
  comment about what most of the group talks about scores high and one about a
  rare side issue (or many unrelated ones) scores low;
* comments that mention the pool's most frequent theme (a named theme when the
  pool has one: "other" only leads a pool without themes) come first, then by
  typicality, then those of an ordinary length (closest to the pool's median
  length: neither a single word nor an essay), then the newest;
* a text already picked is not picked again (customers repeat short phrases).

:func:`theme_counts` gives the chips their numbers within the same pool, not the
whole selection.
"""

from __future__ import annotations

import statistics

import pandas as pd

OTHER = "other"


def _themes(value) -> list[str]:
    return list(value) if isinstance(value, (list, tuple)) and len(value) else [OTHER]


def theme_counts(pool: pd.DataFrame) -> dict[str, int]:
    """How many comments of ``pool`` (a ``themes`` column of lists) mention each theme."""
    counts: dict[str, int] = {}
    for themes in pool["themes"]:
        for key in dict.fromkeys(_themes(themes)):
            counts[key] = counts.get(key, 0) + 1
    return counts


def typical_comments(pool: pd.DataFrame, k: int = 3) -> pd.DataFrame:
    """The ``k`` most typical comments of ``pool`` (columns ``themes``, ``comment``,
    ``responded_at``) by the module's rule, most typical first. A plain sort of the
    pool's positions: a card's pool is a few hundred rows, where each pandas step
    costs more than the ranking itself."""
    if pool.empty:
        return pool
    counts = theme_counts(pool)
    total = len(pool)
    named = {key: count for key, count in counts.items() if key != OTHER}
    top = max(named or counts, key=lambda key: counts[key])
    themes = [_themes(value) for value in pool["themes"]]
    texts = pool["comment"].fillna("").astype(str).tolist()
    median = statistics.median(len(text) for text in texts)
    when = pd.to_datetime(pool["responded_at"], utc=True)
    # newest first, a comment without a date last
    newest = list(zip(when.isna().tolist(), (-when.to_numpy("datetime64[ns]").astype("int64")).tolist()))

    def rank(position: int) -> tuple:
        keys = themes[position]
        return (top not in keys, -sum(counts[key] for key in keys) / (len(keys) * total),
                abs(len(texts[position]) - median), newest[position])

    picked, seen = [], set()
    for position in sorted(range(total), key=rank):  # stable: the pool's order breaks full ties
        text = texts[position].strip().casefold()
        if text not in seen:
            seen.add(text)
            picked.append(position)
            if len(picked) == k:
                break
    return pool.iloc[picked]
