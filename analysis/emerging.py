"""Emerging issues: themes (or words) that customers mention more often now than before.

Input rows: key, recent_k, recent_n, base_k, base_n (mentions and comments in the
recent window and in the baseline before it; see
:func:`queries.themes.theme_window_counts` and :func:`word_counts`). Per row:

- ``recent_share``, ``base_share`` and their ``difference`` with Newcombe's hybrid
  score interval (``diff_low``, ``diff_high``; Newcombe 1998, method 10) at
  confidence 1 - alpha;
- ``p_value``: two-sided score test of equal shares (statsmodels
  ``test_proportions_2indep(method="score", correction=False)``, which for a zero
  difference is Pearson's chi-square test of the 2x2 table without continuity
  correction). Only the score *confidence interval* for differences is wrong in
  statsmodels 0.15; the test is not. Rows where the test is undefined (an empty
  window, or a share of 0 or 1 in both windows together) get p = 1;
- ``p_adjusted``: Benjamini-Hochberg (1995) over all rows, so eleven themes (or a
  few hundred words) can be screened at once with a false discovery rate of alpha;
- ``ratio``: recent share / baseline share, with 0.5 added to each cell of the 2x2 table
  (Haldane-Anscombe), so it stays finite when a word is new;
- ``emerging``: p_adjusted < alpha, difference > 0 and recent_k >= min_recent.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import numpy as np
import pandas as pd
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import test_proportions_2indep

from analysis import intervals

COLUMNS = ["key", "recent_k", "recent_n", "base_k", "base_n"]
TOKEN = re.compile(r"\w+")
MIN_LETTERS = 4
# Frequent words of four letters or more that say nothing about a topic.
STOPWORDS = frozenset("""
    alla allt alltid andra annan annat bara blev blir både dock där därför dessa detta
    efter eftersom eller enda fick finns från fått gick göra hade hela helt hennes honom här
    inga inget ingen inte kanske kommer kunde lite mest mina mitt mycket måste något några
    också sedan sina sitt själv skulle sådan tack till tills utan vara varför varit vilka
    vilken vilket vill väldigt ännu även över
    about after again also always before being both could didn does doing done even every
    from have just like made make many more most much only other really same should some
    still such than thanks that their them then there these they thing this those very want
    were what when where which while will with would your
""".split())


def _p_value(recent_k: int, recent_n: int, base_k: int, base_n: int) -> float:
    pooled_k, pooled_n = recent_k + base_k, recent_n + base_n
    if recent_n <= 0 or base_n <= 0 or pooled_k in (0, pooled_n):
        return 1.0
    with np.errstate(divide="ignore", invalid="ignore"):  # its ratio fields when a share is 0
        result = test_proportions_2indep(recent_k, recent_n, base_k, base_n, method="score",
                                         compare="diff", alternative="two-sided", correction=False)
    return float(result.pvalue)


def _ratio(recent_k: int, recent_n: int, base_k: int, base_n: int) -> float:
    return ((recent_k + 0.5) / (recent_n + 1)) / ((base_k + 0.5) / (base_n + 1))


def emerging(counts: pd.DataFrame, alpha: float = 0.05, min_recent: int = 5) -> pd.DataFrame:
    """The rows of ``counts`` with the columns of the module docstring, emerging
    rows first (largest difference first), then the others by difference."""
    rows = []
    for key, recent_k, recent_n, base_k, base_n in counts[COLUMNS].itertuples(index=False):
        recent_k, recent_n, base_k, base_n = int(recent_k), int(recent_n), int(base_k), int(base_n)
        difference = intervals.proportion_difference(recent_k, recent_n, base_k, base_n, 1 - alpha)
        rows.append({
            "key": key, "recent_k": recent_k, "recent_n": recent_n, "base_k": base_k, "base_n": base_n,
            "recent_share": recent_k / recent_n if recent_n else 0.0,
            "base_share": base_k / base_n if base_n else 0.0,
            "difference": difference.estimate, "diff_low": difference.low, "diff_high": difference.high,
            "p_value": _p_value(recent_k, recent_n, base_k, base_n),
            "ratio": _ratio(recent_k, recent_n, base_k, base_n),
        })
    frame = pd.DataFrame(rows, columns=[*COLUMNS, "recent_share", "base_share", "difference",
                                        "diff_low", "diff_high", "p_value", "ratio"])
    frame["p_adjusted"] = (multipletests(frame["p_value"], alpha=alpha, method="fdr_bh")[1]
                           if len(frame) else [])
    frame["emerging"] = ((frame["p_adjusted"] < alpha) & (frame["difference"] > 0)
                         & (frame["recent_k"] >= min_recent)).astype(bool)
    frame = frame.sort_values(["emerging", "difference"], ascending=False, kind="stable")
    return frame.reset_index(drop=True)


def _words(text: str) -> set[str]:
    return {token for token in TOKEN.findall(text.lower())
            if len(token) >= MIN_LETTERS and token.isalpha() and token not in STOPWORDS}


def word_counts(recent_texts: Iterable[str], baseline_texts: Iterable[str],
                min_count: int = 5) -> pd.DataFrame:
    """Per word (lower-cased, at least four letters, no stopword): comments
    containing it now (``recent_k`` of ``recent_n``) and before (``base_k`` of
    ``base_n``), in the row shape :func:`emerging` takes.

    Only words in at least ``min_count`` comments of both windows together are
    kept: a filter that ignores *when* a word was used, so it leaves the test
    valid (independent filtering; Bourgon, Gentleman & Huber 2010, PNAS 107:9546).
    """
    counted = []
    for texts in (recent_texts, baseline_texts):
        words, n = Counter(), 0
        for text in filter(None, texts):
            words.update(_words(text))
            n += 1
        counted.append((words, n))
    (recent, recent_n), (base, base_n) = counted
    keys = sorted(word for word in recent.keys() | base.keys() if recent[word] + base[word] >= min_count)
    return pd.DataFrame([(word, recent[word], recent_n, base[word], base_n) for word in keys],
                        columns=COLUMNS)
