"""Which units need help: the units × touchpoints cells judged against the rest of
the organisation, and the leader's ranked list of units built on the same cells, so
that the list and the heatmap count the same strengths and weaknesses.

:func:`clear` is the one place this module decides what is a clear difference; it
calls the strengths comparison (Benjamini–Hochberg over every cell of the call) and
is the function to swap when the organisation-wide rule for "clear" changes.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis import compare as comparison
from analysis import measures
from analysis.intervals import proportion
from analysis.trend import compare as change_of

CELL_COLUMNS = ["unit_id", "unit", "region", "key", "value", "low", "high", "n",
                "comp_value", "diff", "diff_low", "diff_high", "verdict"]
UNIT_COLUMNS = ["unit_id", "unit", "region", "value", "low", "high", "n", "change", "change_low",
                "change_high", "change_kind", "previous", "strengths", "weaknesses", "open_actions",
                "overdue_actions", "cases_decided", "cases_in_target", "in_target", "needs_help"]


def clear(own: pd.DataFrame, rest: pd.DataFrame, min_responses: int) -> pd.DataFrame:
    """Each row of ``own`` against the same (dimension, key) row of ``rest``: the
    columns of :func:`analysis.compare.compare`, with ``verdict`` "strength" or
    "weakness" only where the difference is clear."""
    return comparison.compare(own, rest, min_responses=min_responses)


def heatmap_cells(counts: pd.DataFrame, measure: str, min_responses: int) -> pd.DataFrame:
    """One row per unit × touchpoint of ``counts`` (the frame of
    ``queries.compare.heatmap_counts``) with ``measure`` judged against the rest of the
    organisation on that touchpoint (organisation minus the unit): :data:`CELL_COLUMNS`,
    ``key`` the touchpoint, figures on the measure's own scale (NPS points, a share
    0..1). A touchpoint without an organisation row is "no_comparator"."""
    units = counts[counts["kind"] == "unit"]
    if units.empty:
        return pd.DataFrame(columns=CELL_COLUMNS)
    m = measures.get(measure)
    # Only this measure's counts go into the comparison (and so into its correction).
    columns = ["promoters", "passives", "detractors"] if m.kind == "nps" else [m.n, m.top]
    organisation = counts[counts["kind"] == "organisation"].set_index("touchpoint")[columns]
    own = pd.DataFrame({"dimension": units["unit_id"].astype(int).astype(str).to_numpy(),
                        "key": units["touchpoint"].to_numpy()})
    own[columns] = units[columns].to_numpy()
    present = own[own["key"].isin(organisation.index)]
    rest = present[["dimension", "key"]].copy()
    rest[columns] = organisation.loc[present["key"], columns].to_numpy() - present[columns].to_numpy()
    result = clear(own, rest, min_responses)
    result = result[result["measure"] == measure]
    names = units.assign(dimension=units["unit_id"].astype(int).astype(str))[
        ["dimension", "touchpoint", "unit_id", "unit", "region"]].rename(columns={"touchpoint": "key"})
    cells = result.merge(names, on=["dimension", "key"])
    cells["unit_id"] = cells["unit_id"].astype(int)
    return cells[CELL_COLUMNS].reset_index(drop=True)


def _change(row: dict, measure: str, min_responses: int):
    now = {name: row[name] for name in measures.COUNT_COLUMNS}
    before = {name: row[f"prev_{name}"] for name in measures.COUNT_COLUMNS}
    return change_of(now, before, min_responses, measure)


def unit_table(summary: pd.DataFrame, cells: pd.DataFrame, measure: str,
               min_responses: int) -> pd.DataFrame:
    """The leader's list: one row per unit of ``summary`` (``queries.landing.unit_summary``)
    with ``measure``'s value, interval and n in the period (NaN below
    ``min_responses``), its change against the period before (NaN unless both periods
    have enough answers; ``change_kind`` as :func:`analysis.trend.compare`), the clear
    strengths and weaknesses among its ``cells`` (:func:`heatmap_cells`), open and overdue
    actions, and the share of decided follow-up cases closed in target (NaN without any).

    Ranked: units *needing help* (a clear weakness and no open action) first, then by
    more weaknesses, more overdue actions, the lower value (units without one last),
    and name. Figures on the measure's own scale."""
    m = measures.get(measure)
    verdicts = cells.groupby("unit_id")["verdict"].value_counts().unstack(fill_value=0) if len(cells) else None
    rows = []
    for row in summary.to_dict("records"):
        unit_id = int(row["unit_id"])
        estimate = measures.estimate(m, row)
        shown = estimate.n >= min_responses
        change = _change(row, measure, min_responses)
        counted = verdicts.loc[unit_id] if verdicts is not None and unit_id in verdicts.index else {}
        strengths, weaknesses = (int(counted.get(kind, 0)) for kind in ("strength", "weakness"))
        decided, in_target = int(row["cases_decided"]), int(row["cases_in_target"])
        difference = change.difference if change.kind != "not_enough_data" else None
        rows.append({
            "unit_id": unit_id, "unit": row["unit"], "region": row["region"],
            "value": estimate.estimate if shown else math.nan, "low": estimate.low if shown else math.nan,
            "high": estimate.high if shown else math.nan, "n": int(estimate.n),
            "change": difference.estimate if difference else math.nan,
            "change_low": difference.low if difference else math.nan,
            "change_high": difference.high if difference else math.nan,
            "change_kind": change.kind,
            "previous": change.previous.estimate if change.previous else math.nan,
            "strengths": strengths, "weaknesses": weaknesses,
            "open_actions": int(row["open_actions"]), "overdue_actions": int(row["overdue_actions"]),
            "cases_decided": decided, "cases_in_target": in_target,
            "in_target": proportion(in_target, decided).estimate if decided else math.nan,
            "needs_help": weaknesses > 0 and int(row["open_actions"]) == 0,
        })
    table = pd.DataFrame(rows, columns=UNIT_COLUMNS)
    if table.empty:
        return table
    order = pd.DataFrame({
        "help": ~table["needs_help"].astype(bool), "weak": -table["weaknesses"],
        "late": -table["overdue_actions"], "missing": table["value"].isna(),
        "value": table["value"].fillna(0.0), "name": table["unit"].str.casefold(),
    })
    ranked = order.sort_values(["help", "weak", "late", "missing", "value", "name"], kind="stable").index
    return table.loc[ranked].reset_index(drop=True)


def axis_order(cells: pd.DataFrame, axis: str, by: str, natural: list) -> list:
    """The order of the heatmap's ``axis`` ("unit_id" for rows, "key" for columns):
    ``natural`` as given (by region and name, or the journey's order) when ``by`` is
    "natural"; else "weakest" or "strongest" first by the mean value of the axis'
    cells that have enough answers (clear weaknesses minus strengths break ties), an
    entry without such a cell last."""
    if by == "natural" or cells.empty:
        return list(natural)
    if by not in ("weakest", "strongest"):
        raise ValueError(f"unknown order {by!r}")
    judged = cells[cells["verdict"] != "too_few"]
    mean = judged.groupby(axis)["value"].mean()
    net = (cells["verdict"] == "weakness").groupby(cells[axis]).sum() - \
        (cells["verdict"] == "strength").groupby(cells[axis]).sum()
    sign = 1.0 if by == "weakest" else -1.0
    keyed = {item: (item not in mean.index, sign * float(mean.get(item, 0.0)), -sign * float(net.get(item, 0)),
                    position) for position, item in enumerate(natural)}
    return sorted(natural, key=keyed.__getitem__)

