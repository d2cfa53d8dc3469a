"""Key drivers: which touchpoints and comment themes go with a higher or lower score.

Input rows are cells of responses (:func:`queries.compare.driver_rows`): ``unit`` (id),
``week`` (0 unless the read was split by week, see below), ``touchpoint`` (key),
``commented`` (0/1) and one 0/1 column per theme key (the comment mentions the theme), with
the sufficient statistics of the answers on one measure (NPS 0-10, satisfaction 1-5, a rating
1-10 or a sentiment label -1/0/1) in the cell: ``count``, ``total`` (sum of the scores),
``total_sq`` (sum of their squares), ``good`` and ``bad`` (answers on the measure's good and
bad side, :meth:`analysis.measures.Measure.group_range`).

The model is least squares of the score on touchpoint dummies (reference: the touchpoint with
the most responses; none when there is only one), a "wrote a comment" dummy (so every response
counts for the touchpoints, and a theme is compared with the *other comments*, not with
customers who wrote nothing) and the theme indicators. It is fitted on the cells with weights
``count`` (statsmodels WLS): the weighted normal equations are those of OLS on the expanded
responses, so the coefficients are the same (the cell mean stands for its responses; only
the residual sum of squares needs ``total_sq``).

Errors are cluster-robust (CR1; Cameron & Miller 2015, J. Human Resources 50:317, eq. 11-12):
answers from one unit share its staff, premises and customers, so they are not independent,
and treating them as independent makes intervals 2-3 times too narrow. The cluster score of a
cell is ``count × x × residual`` (every response of a cell has the same x and residual), which
is what statsmodels' WLS sandwich sums; its small-sample factor is then taken over responses,
G/(G-1)·(N-1)/(N-K), and inference uses t with G-1 degrees of freedom. Clusters are the units
when the selection has at least :data:`MIN_CLUSTERS` of them, else unit × week (one unit's
answers in one week; the read then groups by week). With fewer clusters than that there is no
honest error, and the result is empty.

A coefficient is the difference in mean score, in points on the measure's scale, that goes
with a touchpoint (against the reference) or with mentioning a theme (against other comments),
holding the other factors fixed: an association, not proof of cause.

Praise apart from complaint. A "praised" indicator as a regressor (a mention on a response
with a good score) would be defined by the score itself and go with higher scores by
construction, so tone is an *outcome* here: each theme row counts its mentions on the good
side (``praised``) and the bad side (``criticised``) of the measure, and the same model (same
factors, same clustered errors) is fitted to the share of answers on the good side and on the
bad side (linear probability, exact from ``good``/``bad`` per cell). ``praise_diff`` is how
much more often (a difference of shares) comments that mention the theme are on the good side
than other comments, ``complaint_diff`` the same for the bad side, each with its interval and
verdict ("more", "less", "unclear"; BH over both sides of every theme). A theme that promoters
praise shows as "praised more often"; only its complaint side can say "criticised more
often". The score row says whether, on balance, the theme goes with higher or lower scores.

``verdict`` ("higher", "lower", "unclear") is decided by :func:`verdict`: Benjamini-Hochberg
over every estimated coefficient of the model at ``alpha``. Rows are ranked by that: clear
ones first, by the end of their interval nearest zero ("at least this much"), then the rest
by n. Themes with fewer than ``min_responses`` mentions, mentioned in every comment, or not
separable from the factors before them are left out. Degenerate input gives an empty frame,
never NaN or an exception.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.regression.linear_model import WLS
from statsmodels.stats.multitest import multipletests

SIDES = ("praise", "complaint")
COLUMNS = ["factor", "key", "coef", "low", "high", "p_value", "p_adjusted", "verdict", "n",
           "praised", "criticised",
           *(f"{side}_{part}" for side in SIDES for part in ("diff", "low", "high", "verdict")), "note"]
REFERENCE = "reference"
MIN_CLUSTERS = 10
CELL_COLUMNS = ["unit", "week", "touchpoint", "commented", "count", "total", "total_sq", "good", "bad"]


def _empty(clusters: int = 0, by: str = "unit") -> pd.DataFrame:
    frame = pd.DataFrame(columns=COLUMNS).astype(
        {"coef": float, "low": float, "high": float, "p_value": float, "p_adjusted": float,
         "n": int, "praised": int, "criticised": int})
    frame.attrs.update(clusters=clusters, by=by)
    return frame


def verdict(low: float, high: float, p_adjusted: float, alpha: float) -> str:
    """The one rule for a driver: "higher"/"lower" when the BH-adjusted p is below
    ``alpha`` (then the interval excludes zero too), else "unclear"."""
    if p_adjusted < alpha:
        return "higher" if low > 0 else "lower" if high < 0 else "unclear"
    return "unclear"


def clusters_of(cells: pd.DataFrame) -> tuple[np.ndarray, str]:
    """Integer cluster codes for the cells: by unit with at least :data:`MIN_CLUSTERS`
    units, else by unit × week."""
    if cells["unit"].nunique() >= MIN_CLUSTERS:
        return pd.factorize(cells["unit"])[0], "unit"
    return pd.factorize(pd.MultiIndex.from_frame(cells[["unit", "week"]]))[0], "week"


def _independent(columns: list[np.ndarray], candidate: np.ndarray, rank: int) -> bool:
    return np.linalg.matrix_rank(np.column_stack([*columns, candidate])) > rank


def cluster_fit(score: np.ndarray, design: np.ndarray, weights: np.ndarray, groups: np.ndarray,
                alpha: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Coefficients, interval bounds (two columns) and two-sided p-values of weighted least
    squares on cells with CR1 cluster-robust errors counted over the expanded responses."""
    fit = WLS(score, design, weights=weights).fit(
        cov_type="cluster", cov_kwds={"groups": groups, "use_correction": False})
    g, n, k = len(np.unique(groups)), weights.sum(), design.shape[1]
    factor = g / (g - 1) * (n - 1) / (n - k)
    se = np.sqrt(np.diag(np.asarray(fit.cov_params())) * factor)
    params = np.asarray(fit.params)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = params / se
    p = np.where(se > 0, 2 * stats.t.sf(np.abs(t), g - 1), 1.0)
    half = stats.t.ppf(1 - alpha / 2, g - 1) * se
    return params, np.column_stack([params - half, params + half]), p, se


def key_drivers(rows: pd.DataFrame, theme_keys: list[str], min_responses: int = 30,
                alpha: float = 0.05) -> pd.DataFrame:
    """One row per touchpoint and per theme in the model (:data:`COLUMNS`): ``factor``
    ("touchpoint" or "theme"), ``key``, ``coef`` (score points against the reference
    touchpoint or against other comments), ``low``/``high`` (confidence 1 - alpha, cluster-
    robust), ``p_value`` (two-sided t, G - 1 df), ``p_adjusted`` (BH over the model),
    ``verdict``, ``n`` (responses at the touchpoint / mentioning the theme), ``praised`` and
    ``criticised`` (a theme's mentions on the good and the bad side; 0 for touchpoints) and
    ``note`` ("reference" for the reference touchpoint: coef 0, p 1). ``attrs``:
    ``clusters`` (how many) and ``by`` ("unit" or "week"). See the module docstring."""
    if not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha!r}")
    if rows is None or rows.empty:
        return _empty()
    numbers = {column: pd.to_numeric(rows[column], errors="coerce").fillna(0).to_numpy(dtype=float)
               for column in ("count", "total", "total_sq", "good", "bad", "commented")}
    data = pd.DataFrame({"unit": rows["unit"], "week": rows["week"], "touchpoint": rows["touchpoint"],
                         **numbers})
    for position, key in enumerate(theme_keys):
        data[f"theme{position}"] = pd.to_numeric(rows[key], errors="coerce").fillna(0) > 0
    data = data[(data["count"] > 0) & data["touchpoint"].notna()].reset_index(drop=True)
    if data.empty:
        return _empty()
    groups, by = clusters_of(data)
    clusters = int(groups.max()) + 1
    if clusters < MIN_CLUSTERS:
        return _empty(clusters, by)

    weights = data["count"].to_numpy()
    score = data["total"].to_numpy() / weights  # the cell mean
    sizes = data.groupby("touchpoint", sort=False)["count"].sum()
    sizes = sizes.loc[sorted(sizes.index, key=lambda key: (-sizes[key], str(key)))]
    reference, others = sizes.index[0], list(sizes.index[1:])

    columns = [np.ones(len(data))]
    columns += [(data["touchpoint"] == key).to_numpy(dtype=float) for key in others]
    rank = np.linalg.matrix_rank(np.column_stack(columns))
    commented = (data["commented"] > 0).to_numpy(dtype=float)
    if _independent(columns, commented, rank):
        columns.append(commented)
        rank += 1
    controls = len(columns)
    comments = weights[commented > 0].sum()
    mentions, sides = {}, {}
    for position, key in enumerate(theme_keys):
        mask = data[f"theme{position}"].to_numpy()
        mentions[key] = float(weights[mask].sum())
        sides[key] = (int(data.loc[mask, "good"].sum()), int(data.loc[mask, "bad"].sum()))
    themes = []
    for position, key in sorted(enumerate(theme_keys), key=lambda item: -mentions[item[1]]):
        indicator = data[f"theme{position}"].to_numpy(dtype=float)
        if min_responses <= mentions[key] < comments and _independent(columns, indicator, rank):
            columns.append(indicator)
            themes.append(key)
            rank += 1

    total = weights.sum()
    sum_sq = data["total_sq"].sum() - data["total"].sum() ** 2 / total  # total sum of squares
    if len(others) + len(themes) == 0 or sum_sq <= 1e-9 * total or total - len(columns) < 1:
        return _empty(clusters, by)
    design = np.column_stack(columns)
    root = np.sqrt(weights)
    solution = np.linalg.lstsq(design * root[:, None], score * root, rcond=None)[0]
    within = (data["total_sq"] - data["total"] ** 2 / data["count"]).sum()
    residual = within + np.sum(weights * (score - design @ solution) ** 2)
    if residual <= 1e-12 * sum_sq:
        return _empty(clusters, by)  # a perfect fit: no residual variance to measure uncertainty with
    params, bounds, p_values, se = cluster_fit(score, design, weights, groups, alpha)
    if not np.all(np.isfinite(se)) or np.any(se[1:] <= 0):
        return _empty(clusters, by)

    estimated = [*range(1, 1 + len(others)), *range(controls, controls + len(themes))]
    adjusted = np.ones(len(params))
    adjusted[estimated] = multipletests(p_values[estimated], alpha=alpha, method="fdr_bh")[1]
    theme_columns = list(range(controls, controls + len(themes)))
    side_fits = [cluster_fit((data[column] / data["count"]).to_numpy(), design, weights, groups, alpha)
                 for column in ("good", "bad")]
    side_p = multipletests(np.concatenate([fit[2][theme_columns] for fit in side_fits]) if themes else [],
                           alpha=alpha, method="fdr_bh")[1] if themes else []

    def side(fit, position):
        """A theme's share on one side against other comments (a difference of shares)."""
        column = theme_columns[position]
        low, high = fit[1][column]
        more = verdict(low, high, side_p[position + (len(themes) if fit is side_fits[1] else 0)], alpha)
        return fit[0][column], low, high, {"higher": "more", "lower": "less"}.get(more, "unclear")

    def row(factor, key, column, n, praised=0, criticised=0, position=None):
        low, high = bounds[column]
        sides_of = ([*side(side_fits[0], position), *side(side_fits[1], position)] if position is not None
                    else [np.nan, np.nan, np.nan, "", np.nan, np.nan, np.nan, ""])
        return (factor, key, params[column], low, high, p_values[column], adjusted[column],
                verdict(low, high, adjusted[column], alpha), n, praised, criticised, *sides_of, "")

    result = ([("touchpoint", reference, 0.0, 0.0, 0.0, 1.0, 1.0, "unclear", int(sizes[reference]),
                0, 0, np.nan, np.nan, np.nan, "", np.nan, np.nan, np.nan, "", REFERENCE)] if others else [])
    result += [row("touchpoint", key, column, int(sizes[key])) for column, key in enumerate(others, start=1)]
    result += [row("theme", key, column, int(mentions[key]), *sides[key], position=position)
               for position, (column, key) in enumerate(zip(theme_columns, themes))]
    frame = pd.DataFrame(result, columns=COLUMNS).astype(
        {"coef": float, "low": float, "high": float, "p_value": float, "p_adjusted": float,
         "n": int, "praised": int, "criticised": int})
    frame = ranked(frame)
    frame.attrs.update(clusters=clusters, by=by)
    return frame


def ranked(frame: pd.DataFrame) -> pd.DataFrame:
    """Clear associations first, by the end of their interval nearest zero (largest first),
    then the unclear ones by n; the reference touchpoint last."""
    clear = frame["verdict"] != "unclear"
    sure = np.minimum(frame["low"].abs(), frame["high"].abs()).where(clear, 0.0)
    order = pd.DataFrame({"reference": frame["note"] == REFERENCE, "clear": ~clear,
                          "sure": -sure, "n": -frame["n"]})
    return frame.loc[order.sort_values(["reference", "clear", "sure", "n"], kind="stable").index
                     ].reset_index(drop=True)
