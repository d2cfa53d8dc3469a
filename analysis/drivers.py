"""Key drivers: which touchpoints and comment themes go with a higher or lower score.

Input rows are aggregated responses: ``touchpoint`` (key), ``score`` (the answer on one
measure: NPS 0-10, satisfaction 1-5, a rating 1-10 or a sentiment label -1/0/1), ``count``
(how many responses had exactly that combination) and one 0/1 column per theme key. The
model is an ordinary least squares regression of the score on touchpoint dummies
(reference: the touchpoint with the most responses; none when there is only one, as in a
review-site export) and the theme indicators, fitted as a statsmodels GLM
(Gaussian family, identity link) with ``freq_weights=count`` and t-based inference
(``use_t=True``): the weighted normal equations are those of OLS on the expanded responses, so
coefficients, intervals and p-values are the same (checked in tests/test_drivers.py).

A coefficient is the difference in mean score, in points on the measure's scale, that goes with a
touchpoint (against the reference) or with mentioning a theme (against not mentioning it),
holding the other factors fixed. It is an association, not proof of cause: customers who
write about waiting may differ in other ways, and the themes are read from comments that not
every customer writes.

Themes with fewer than ``min_responses`` mentions, mentioned by everyone, or not separable
from the touchpoints and the themes mentioned more often (collinear) are left out of the model
and the result. Empty or degenerate input (no responses, nothing to estimate -- one
touchpoint and no theme in the model --, no variance in the score, no residual degrees of
freedom or a perfect fit) gives an empty frame, never NaN or an exception.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import statsmodels.api as sm

COLUMNS = ["factor", "key", "coef", "low", "high", "p_value", "n", "note"]
REFERENCE = "reference"


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=COLUMNS).astype(
        {"coef": float, "low": float, "high": float, "p_value": float, "n": int})


def _independent(columns: list[np.ndarray], candidate: np.ndarray, rank: int) -> bool:
    return np.linalg.matrix_rank(np.column_stack([*columns, candidate])) > rank


def key_drivers(rows: pd.DataFrame, theme_keys: list[str], min_responses: int = 30,
                alpha: float = 0.05) -> pd.DataFrame:
    """One row per touchpoint and per theme in the model: ``factor`` ("touchpoint" or
    "theme"), ``key``, ``coef`` (score points against the reference touchpoint or against not
    mentioning the theme), ``low``/``high`` (confidence 1 - alpha), ``p_value`` (two-sided t
    test), ``n`` (responses at the touchpoint / mentioning the theme) and ``note``
    ("reference" for the reference touchpoint, which has coef, low and high 0 and p 1; else
    ""). Touchpoints first, then themes, each by |coef|, largest first. See the module
    docstring: association, not cause."""
    if not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha!r}")
    if rows is None or rows.empty:
        return _empty()
    data = pd.DataFrame({
        "touchpoint": rows["touchpoint"],
        "score": pd.to_numeric(rows["score"], errors="coerce"),
        "count": pd.to_numeric(rows["count"], errors="coerce").fillna(0),
    })
    for position, key in enumerate(theme_keys):
        data[f"theme{position}"] = pd.to_numeric(rows[key], errors="coerce").fillna(0) > 0
    data = data[(data["count"] > 0) & data["score"].notna() & data["touchpoint"].notna()]
    if data.empty:
        return _empty()

    weights = data["count"].to_numpy(dtype=float)
    score = data["score"].to_numpy(dtype=float)
    sizes = data.groupby("touchpoint", sort=False)["count"].sum()
    sizes = sizes.loc[sorted(sizes.index, key=lambda key: (-sizes[key], str(key)))]
    reference, others = sizes.index[0], list(sizes.index[1:])

    columns = [np.ones(len(data))]
    columns += [(data["touchpoint"] == key).to_numpy(dtype=float) for key in others]
    rank = np.linalg.matrix_rank(np.column_stack(columns))
    total = weights.sum()
    mentions = {key: float(weights[data[f"theme{position}"].to_numpy()].sum())
                for position, key in enumerate(theme_keys)}
    themes = []
    for position, key in sorted(enumerate(theme_keys), key=lambda item: -mentions[item[1]]):
        indicator = data[f"theme{position}"].to_numpy(dtype=float)
        if min_responses <= mentions[key] < total and _independent(columns, indicator, rank):
            columns.append(indicator)
            themes.append(key)
            rank += 1

    mean = np.average(score, weights=weights)
    spread = np.average((score - mean) ** 2, weights=weights)
    if len(columns) < 2 or spread <= 0 or total - len(columns) < 1:
        return _empty()
    design = np.column_stack(columns)
    root = np.sqrt(weights)
    solution = np.linalg.lstsq(design * root[:, None], score * root, rcond=None)[0]
    if np.sum(weights * (score - design @ solution) ** 2) <= 1e-12 * total * spread:
        return _empty()  # a perfect fit: no residual variance to measure uncertainty with
    fit = sm.GLM(score, design, family=sm.families.Gaussian(),
                 freq_weights=weights).fit(use_t=True)
    if not np.isfinite(fit.scale) or fit.scale <= 1e-12 * spread:
        return _empty()
    bounds = np.asarray(fit.conf_int(alpha=alpha))
    params, p_values = np.asarray(fit.params), np.asarray(fit.pvalues)

    result = [("touchpoint", reference, 0.0, 0.0, 0.0, 1.0, int(sizes[reference]), REFERENCE)] if others else []
    for column, key in enumerate(others, start=1):
        result.append(("touchpoint", key, params[column], bounds[column, 0], bounds[column, 1],
                       p_values[column], int(sizes[key]), ""))
    for column, key in enumerate(themes, start=1 + len(others)):
        result.append(("theme", key, params[column], bounds[column, 0], bounds[column, 1],
                       p_values[column], int(mentions[key]), ""))
    frame = pd.DataFrame(result, columns=COLUMNS).astype(
        {"coef": float, "low": float, "high": float, "p_value": float, "n": int})
    order = pd.DataFrame({"factor": frame["factor"] == "theme", "size": -frame["coef"].abs()})
    return frame.loc[order.sort_values(["factor", "size"], kind="stable").index].reset_index(drop=True)
