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
    ``responded_at``) by the module's rule, most typical first."""
    if pool.empty:
        return pool
    counts = theme_counts(pool)
    total = len(pool)
    named = {key: count for key, count in counts.items() if key != OTHER}
    top = max(named or counts, key=lambda key: counts[key])
    themes = pool["themes"].map(_themes)
    lengths = pool["comment"].fillna("").astype(str).str.len()
    ranked = pool.assign(
        _top=themes.map(lambda keys: top in keys),
        _typical=themes.map(lambda keys: sum(counts[key] for key in keys) / (len(keys) * total)),
        _length=(lengths - lengths.median()).abs(),
        _when=pd.to_datetime(pool["responded_at"], utc=True),
    ).sort_values(["_top", "_typical", "_length", "_when"], ascending=[False, False, True, False], kind="stable")
    ranked = ranked[~ranked["comment"].fillna("").str.strip().str.casefold().duplicated()]
    return ranked.drop(columns=["_top", "_typical", "_length", "_when"]).head(k)
