"""New and growing: themes (and words) that customers mention more often now than before,
judged on weekly counts that vary more from week to week than chance alone.

Input (:func:`weekly`, :func:`word_weeks`): per key, ``year`` (0: the windows ending on the page's last day; 1:
the same weeks :data:`YEAR_DAYS` earlier), ``week`` (0 = the week ending on that day, up to
``WEEKS - 1``), ``k`` (comments mentioning it) and ``n`` (comments). The last
:data:`RECENT_WEEKS` weeks are *recent*, the :data:`BASELINE_WEEKS` before them the baseline.

Per key, a quasi-Poisson log-linear model of the weekly counts with offset log n and a
trend over the 16 weeks (:func:`rise_tests`): growth is a rising share week by week, which
catches a problem that builds up over months as well as one that jumped lately. The
dispersion φ (Pearson's X² / residual df) lets a theme whose share wanders from week to week
-- σ = 0.15 or 0.30 on the log scale is ordinary -- have wider margins (McCullagh & Nelder
1989, §9.2). With the same weeks a year earlier covered (comments in at least 3 of 4 of its
weeks and :data:`MIN_LAST_YEAR` mentions), the growth counted is the growth *beyond* the one
in those weeks a year earlier, so a season that lifts a theme every spring is not news.

The growth is tested with the quasi-likelihood F test (deviance drop / φ on 1 and df
residual degrees of freedom; Venables & Ripley 2002, §7.5), two-sided, and only rises are
flagged; every row (themes and words together) is one family for Benjamini-Hochberg (1995).
Columns:

- ``recent_k``/``recent_n``, ``base_k``/``base_n`` (this year's windows), ``recent_share``,
  ``base_share``;
- ``ratio`` (exp g: how many times as often the newest week is as the oldest, on the fitted
  trend; beyond the same weeks a year earlier when ``seasonal``) with ``ratio_low`` /
  ``ratio_high`` (t interval on φ-scaled errors; NaN when not finite), ``seasonal`` (the year
  earlier was used), ``dispersion`` (φ), ``df``;
- ``p_value`` (two-sided), ``p_adjusted`` (BH over all rows), ``emerging``: p_adjusted <
  alpha, ratio > 1 and recent_k >= min_recent.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests

RECENT_WEEKS, BASELINE_WEEKS = 4, 12
WEEKS = RECENT_WEEKS + BASELINE_WEEKS
YEAR_DAYS = 364  # 52 weeks: the same weekdays a year earlier
COVERED = 0.75  # share of the year-earlier weeks that must have comments
MIN_LAST_YEAR = 20  # mentions a year earlier before its growth says something about a season
WEEKLY = ["key", "year", "week", "k", "n"]
COLUMNS = ["key", "recent_k", "recent_n", "base_k", "base_n", "recent_share", "base_share", "ratio",
           "ratio_low", "ratio_high", "seasonal", "dispersion", "df", "p_value", "p_adjusted", "emerging"]
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


def windows(end: date) -> list[tuple[date, date]]:
    """The first and last day of this year's windows and of the same weeks a year earlier."""
    first = end - timedelta(days=7 * WEEKS - 1)
    return [(first, end), (first - timedelta(days=YEAR_DAYS), end - timedelta(days=YEAR_DAYS))]


def recent_start(end: date) -> date:
    return end - timedelta(days=7 * RECENT_WEEKS - 1)


def _year_week(days: pd.Series, end: date) -> tuple[pd.Series, pd.Series]:
    """Year (0/1) and week (0..WEEKS-1) of each day; NaN outside both windows."""
    back = (pd.Timestamp(end) - pd.to_datetime(days)).dt.days
    year = pd.Series(np.where(back < 7 * WEEKS, 0, np.where(back >= YEAR_DAYS, 1, -1)), index=days.index)
    week = (back - YEAR_DAYS * year) // 7
    inside = (back >= 0) & (year >= 0) & (week < WEEKS)
    return year.where(inside), week.where(inside)


def weekly(days: pd.DataFrame, end: date) -> pd.DataFrame:
    """Per-day counts (``day``, ``comments`` and one column of mentions per key) as the
    weekly rows :func:`emerging` takes (every key × year × week, zeros where none came in)."""
    keys = [column for column in days.columns if column not in ("day", "comments")]
    year, week = _year_week(days["day"], end)
    frame = days.assign(year=year, week=week).dropna(subset=["year", "week"])
    summed = frame.groupby(["year", "week"])[["comments", *keys]].sum()
    full = pd.MultiIndex.from_product([[0, 1], range(WEEKS)], names=["year", "week"])
    summed = summed.reindex(full, fill_value=0)
    long = summed[keys].stack().rename("k").reset_index().rename(columns={"level_2": "key"})
    long["n"] = summed["comments"].reindex(pd.MultiIndex.from_frame(long[["year", "week"]])).to_numpy()
    return long[WEEKLY].astype({"year": int, "week": int, "k": int, "n": int})


def _words(text: str) -> set[str]:
    return {token for token in TOKEN.findall(text.lower())
            if len(token) >= MIN_LETTERS and token.isalpha() and token not in STOPWORDS}


def word_weeks(comments: pd.DataFrame, end: date, min_count: int = 5) -> pd.DataFrame:
    """Weekly rows (:data:`WEEKLY`) per word (lower-cased, at least four letters, no
    stopword) of ``comments`` (``responded_at``, ``comment``): comments containing it among
    the comments of the week. Only words in at least ``min_count`` of this year's comments
    are kept: a filter blind to *when* a word was used, so the test stays valid
    (independent filtering; Bourgon, Gentleman & Huber 2010, PNAS 107:9546)."""
    stamps = pd.to_datetime(comments["responded_at"], utc=True).dt.tz_localize(None).dt.normalize()
    year, week = _year_week(stamps, end)
    texts = comments.assign(year=year, week=week).dropna(subset=["year", "week"])
    texts = texts[texts["comment"].map(lambda text: isinstance(text, str) and bool(text.strip())).astype(bool)]
    counts: dict[tuple[int, int], Counter] = {}
    sizes: Counter = Counter()
    this_year: Counter = Counter()
    for text, y, w in zip(texts["comment"], texts["year"].astype(int), texts["week"].astype(int)):
        words = _words(text)
        counts.setdefault((y, w), Counter()).update(words)
        sizes[(y, w)] += 1
        if y == 0:
            this_year.update(words)
    keys = sorted(word for word, count in this_year.items() if count >= min_count)
    rows = [(word, y, w, counts.get((y, w), Counter())[word], sizes[(y, w)])
            for word in keys for y in (0, 1) for w in range(WEEKS)]
    return pd.DataFrame(rows, columns=WEEKLY).astype({"year": int, "week": int, "k": int, "n": int})


def _deviance(k: np.ndarray, mu: np.ndarray) -> np.ndarray:
    """Poisson deviance per row of weeks (0·log 0 = 0; a week with μ = 0 has k = 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(k > 0, k * np.log(k / mu), 0.0) - (k - mu)
    return 2 * np.nansum(terms, axis=-1)


def _pearson(k: np.ndarray, mu: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.nansum(np.where(mu > 0, (k - mu) ** 2 / mu, 0.0), axis=-1)


def poisson_fit(k: np.ndarray, n: np.ndarray, design: np.ndarray, iterations: int = 40):
    """Poisson log-linear fits with offset log n for many keys at once (Newton-Raphson,
    which for the canonical log link is IRLS; McCullagh & Nelder 1989, §2.5): ``k`` and
    ``n`` are keys × weeks, ``design`` weeks × parameters, shared. Returns the coefficients
    (keys × parameters), the fitted means and the information matrices X'diag(μ)X."""
    keys, width = k.shape[0], design.shape[1]
    beta = np.zeros((keys, width))
    with np.errstate(divide="ignore"):
        beta[:, 0] = np.log((k.sum(axis=1) + 0.5) / np.maximum(n.sum(axis=1), 1.0))
    ridge = 1e-9 * np.eye(width)
    for _ in range(iterations):
        mu = n * np.exp(np.clip(beta @ design.T, -700, 700))
        score = (k - mu) @ design
        information = np.einsum("kw,wi,wj->kij", mu, design, design) + ridge
        step = np.linalg.solve(information, score[..., None])[..., 0]
        step *= np.minimum(1.0, 5.0 / np.maximum(np.abs(step).max(axis=1, keepdims=True), 1e-12))
        beta += step
        if np.abs(step).max() < 1e-10:
            break
    mu = n * np.exp(np.clip(beta @ design.T, -700, 700))
    return beta, mu, np.einsum("kw,wi,wj->kij", mu, design, design) + ridge


def rise_tests(k: np.ndarray, n: np.ndarray, year: np.ndarray, time: np.ndarray, seasonal: bool,
               confidence: float = 0.95) -> pd.DataFrame:
    """The quasi-Poisson growth test for many keys at once.

    ``k`` and ``n`` are (keys × weeks) counts (a week with n = 0 adds nothing), ``year`` (0
    this year, 1 a year earlier) and ``time`` (0 for the oldest week of a window, 1 for the
    newest) describe the weeks. The model is log E[k] = log n + a + g·time (the log of how
    many times as often the newest week is as the oldest), or with ``seasonal`` log E[k] =
    log n + a + c·this_year + s·time + g·time·this_year, where g is the growth beyond the
    growth in the same weeks a year earlier. g is tested with the quasi-likelihood F test
    against the model without it; φ is Pearson's X² / residual df of the full model. Equal to
    statsmodels ``GLM(Poisson, offset=log n).fit(scale="X2")`` (tests/test_emerging.py).
    Returns ``ratio`` (exp g), ``ratio_low``, ``ratio_high`` (t interval on φ-scaled
    errors), ``p_value`` (two-sided F), ``dispersion`` and ``df`` per key."""
    k = np.atleast_2d(np.asarray(k, float))
    n = np.broadcast_to(np.asarray(n, float), k.shape)
    this_year = (np.asarray(year) == 0).astype(float)
    time = np.asarray(time, float)
    columns = ([np.ones_like(time), this_year, time, time * this_year] if seasonal
               else [np.ones_like(time), time])
    full_design, null_design = np.column_stack(columns), np.column_stack(columns[:-1])
    beta, full, information = poisson_fit(k, n, full_design)
    _, reduced, _ = poisson_fit(k, n, null_design)
    used = (n > 0).sum(axis=1)
    df = used - full_design.shape[1]
    dispersion = np.where(df > 0, _pearson(k, full) / np.maximum(df, 1), np.nan)
    drop = np.maximum(_deviance(k, reduced) - _deviance(k, full), 0.0)
    testable = (df >= 2) & (k.sum(axis=1) > 0) & (dispersion > 0)
    growth = beta[:, -1]
    with np.errstate(divide="ignore", invalid="ignore"):
        p_two = stats.f.sf(drop / dispersion, 1, np.maximum(df, 1))
        variance = np.linalg.inv(information)[:, -1, -1] * dispersion
        half = stats.t.ppf(1 - (1 - confidence) / 2, np.maximum(df, 1)) * np.sqrt(variance)
    finite = testable & np.isfinite(half) & (np.abs(growth) < 20)
    with np.errstate(over="ignore", invalid="ignore"):  # dropped where not ``finite``; past exp's range: inf
        low, high = np.exp(growth - half), np.exp(growth + half)
    return pd.DataFrame({
        "ratio": np.exp(np.clip(growth, -50, 50)),
        "ratio_low": np.where(finite, low, np.nan),
        "ratio_high": np.where(finite, high, np.nan),
        "p_value": np.where(testable, p_two, 1.0), "dispersion": dispersion, "df": df,
    })


def family_tests(keys: list[str], k: np.ndarray, n: np.ndarray) -> pd.DataFrame:
    """:func:`rise_tests` for keys that share their weeks' n (one read: themes, or words):
    ``k`` is keys × (2 · WEEKS), ``n`` (2 · WEEKS), this year's weeks first (newest first),
    then the same weeks a year earlier. The year earlier is used for the keys it covers."""
    k, n = np.asarray(k, float).reshape(len(keys), 2 * WEEKS), np.asarray(n, float)
    year = np.repeat([0, 1], WEEKS)
    week = np.tile(np.arange(WEEKS), 2)
    time = (WEEKS - 1 - week) / (WEEKS - 1)
    now = year == 0
    covered = (n[~now] > 0).sum() >= COVERED * WEEKS
    last_year = k[:, ~now].sum(axis=1) >= MIN_LAST_YEAR
    result = rise_tests(k[:, now], n[now], year[now], time[now], seasonal=False)
    result["seasonal"] = False
    if covered and last_year.any():
        season = rise_tests(k, n, year, time, seasonal=True)
        season["seasonal"] = True
        result = pd.DataFrame({column: np.where(last_year, season[column], result[column]) for column in result})
    recent, base = now & (week < RECENT_WEEKS), now & (week >= RECENT_WEEKS)
    result.insert(0, "key", list(keys))
    result.insert(1, "recent_k", k[:, recent].sum(axis=1).astype(int))
    result.insert(2, "recent_n", int(n[recent].sum()))
    result.insert(3, "base_k", k[:, base].sum(axis=1).astype(int))
    result.insert(4, "base_n", int(n[base].sum()))
    return result


def judged(families: list[pd.DataFrame], alpha: float = 0.05, min_recent: int = 5) -> pd.DataFrame:
    """The families' tests as one list with :data:`COLUMNS`: Benjamini-Hochberg over every
    key of every family together; emerging rows first (largest ratio first), then by ratio."""
    if not families:
        return pd.DataFrame({column: pd.Series(dtype=bool if column in ("seasonal", "emerging") else float)
                             for column in COLUMNS}).astype({"key": object})
    frame = pd.concat(families, ignore_index=True)
    frame["recent_share"] = frame["recent_k"] / frame["recent_n"].clip(lower=1)
    frame["base_share"] = frame["base_k"] / frame["base_n"].clip(lower=1)
    frame["seasonal"] = frame["seasonal"].astype(bool)
    frame["p_adjusted"] = multipletests(frame["p_value"], alpha=alpha, method="fdr_bh")[1]
    frame["emerging"] = ((frame["p_adjusted"] < alpha) & (frame["ratio"] > 1)
                         & (frame["recent_k"] >= min_recent)).astype(bool)
    frame = frame[COLUMNS].sort_values(["emerging", "ratio"], ascending=False, kind="stable")
    return frame.reset_index(drop=True)


def emerging(*families: pd.DataFrame, alpha: float = 0.05, min_recent: int = 5) -> pd.DataFrame:
    """One row per key of the weekly ``families`` (:data:`WEEKLY`; each family shares its
    weeks' n: the themes, the words) with :data:`COLUMNS`, judged together (:func:`judged`)."""
    tested = []
    for rows in families:
        if not len(rows):
            continue
        codes, keys = pd.factorize(rows["key"])
        slot = rows["year"].to_numpy(int) * WEEKS + rows["week"].to_numpy(int)
        k = np.zeros((len(keys), 2 * WEEKS))
        np.add.at(k, (codes, slot), rows["k"].to_numpy(float))
        n = np.zeros(2 * WEEKS)
        n[slot] = rows["n"].to_numpy(float)
        tested.append(family_tests(list(keys), k, n))
    return judged(tested, alpha, min_recent)
