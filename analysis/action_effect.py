"""Did it help? An action's unit against comparable units (difference-in-differences).

An action is judged by how much its unit's measure changed from a *baseline* window to an
*after* window, minus how much the same measure changed over the same windows at comparable
units (units with no action on the measure then). The windows (see :func:`windows`):

- the baseline is the ``weeks`` weeks that end the day before the period that triggered the
  action started (the linked insight's period; without an insight the ``weeks`` weeks before
  the action was created, :func:`trigger_start`), so the bad (or good) period that led to the
  action is not in it (regression to the mean);
- the after-window is the ``weeks`` weeks from the day after the action was done. There is no
  verdict before it has passed ("pending"; the result is expected the day after it ends).

Estimate: ``did = (A_u - B_u) - (A_c - B_c)`` where ``B``/``A`` are the baseline and after
values (NPS in points, or a share 0..1) of the unit ``u`` and of the comparison group ``c``.
The comparison group's values are weighted means of its units' values, with weights fixed
across both windows (each unit's answers in both windows), so a unit answering more often
after than before does not shift the group.

Interval (each window and group an independent estimate, variances added):

- sampling variance of each value: adjusted Wald for NPS (add 3 to n and 0.75 to promoters and
  to detractors; Rocks 2016, Am Stat 70(4); Lewis & Sauro 2021), and for a share the
  Price-Bonett adjustment for a linear function of four proportions (add 2/4 to the successes
  and 4/4 to n; Price & Bonett 2004, Comput Stat Data Anal 45:449-456);
- plus ``tau2``, the variance of a unit's change beyond sampling noise (short-lived ups and
  downs of units, units drifting apart), estimated from the comparison units' own changes by
  the method of moments: sample variance of their changes minus the mean of their sampling
  variances, at least 0 (the unweighted "Hedges" estimator of the between-study variance;
  Hedges & Olkin 1985, ch. 9; DerSimonian & Laird 1986). It is added to the unit's change and,
  weighted, to the group's;
- the interval is ``did ± t(1 - alpha/2, k - 1) × se`` with ``k`` comparison units, centred on
  the estimate (so the estimate always lies inside), clipped to the measure's range of
  differences.

Verdicts (:data:`VERDICTS`): "pending" (after-window not over), "too_few" (the unit has fewer
than ``small_sample`` answers in a window: nothing is called clear below the small-sample flag),
"no_comparison" (enough answers at the unit, but fewer than ``min_units`` comparison units with
at least ``min_responses`` answers in both windows), else "improved" (interval above 0), "worse" (below 0) or
"no_clear_difference". "not_done" is for actions not completed (counted by :func:`roll_up`).

This is association, not proof of cause: "improved after the action, more than comparable
units". Shared season and trends cancel out against the comparison units; a change that only
this unit had for another reason does not. The false "improved"/"worse" rate is checked by
simulation in :mod:`bench.calibration.actions`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import numpy as np
import pandas as pd
from scipy.stats import t as student_t

from analysis import measures

VERDICTS = ("improved", "no_clear_difference", "worse", "too_few", "no_comparison", "pending",
            "not_done")
CLEAR_VERDICTS = ("improved", "worse")
ROLL_UP_COLUMNS = ["level", "region", "unit", *VERDICTS, "results", "judged"]
MIN_UNITS = 3  # comparison units needed (also the privacy rule for aggregates of other units)
# Where an action's target may lie: these are measured on their own; anything else on the whole unit.
TARGET_TYPES = ("touchpoint", "channel", "theme")


# --- windows and groups of actions ------------------------------------------------------------


@dataclass(frozen=True)
class Windows:
    """The baseline and after-window of an action (or of overlapping actions), inclusive days."""

    baseline_start: date
    baseline_end: date
    after_start: date
    after_end: date

    @property
    def expected_on(self) -> date:
        """The first day the result can be read: the day after the after-window."""
        return self.after_end + timedelta(days=1)

    def complete(self, today: date) -> bool:
        return today >= self.expected_on


def windows(trigger_start: date, done_on: date, weeks: int = 8) -> Windows:
    """The baseline (``weeks`` weeks ending the day before ``trigger_start``) and the
    after-window (``weeks`` weeks from the day after ``done_on``)."""
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, got {weeks}")
    span = timedelta(weeks=weeks)
    baseline_end = trigger_start - timedelta(days=1)
    after_start = done_on + timedelta(days=1)
    return Windows(baseline_end - span + timedelta(days=1), baseline_end, after_start,
                   after_start + span - timedelta(days=1))


def trigger_start(insight_start: date | None, created_on: date, weeks: int = 8) -> date:
    """The first day of the period that led to the action: its insight's period start; for an
    action with no insight (what led to it is unknown) the ``weeks`` weeks before it was
    created are taken as that period (a baseline ending at creation would contain the bad
    weeks that prompted the action: 8-10 % false verdicts in :mod:`bench.calibration.actions`)."""
    if insight_start is not None:
        return min(insight_start, created_on)
    return created_on - timedelta(weeks=weeks)


def target_of(expected_effect: str | None, insight_metric: str | None, scope_type: str | None,
              scope_key: str | None) -> tuple[str | None, str | None, str | None]:
    """``(measure, target_type, target_key)`` of an action: the measure it names, else its
    insight's (None when neither is a measure: such an action is not judged); the target is
    its insight's touchpoint, channel or theme (:data:`TARGET_TYPES`), else the whole unit
    (None, None)."""
    measure = next((key for key in (expected_effect, insight_metric)
                    if isinstance(key, str) and key in measures.MEASURES), None)
    if scope_type in TARGET_TYPES and isinstance(scope_key, str) and scope_key:
        return measure, scope_type, scope_key
    return measure, None, None


GROUP_COLUMNS = ["group", "unit_id", "measure", "target_type", "target_key", "action_ids",
                 "baseline_start", "baseline_end", "after_start", "after_end"]


def overlap_groups(actions: pd.DataFrame, weeks: int = 8) -> pd.DataFrame:
    """Done actions whose after-windows overlap on the same unit and measure, as one group each.

    ``actions`` has ``action_id``, ``unit_id``, ``measure``, ``target_type``, ``target_key``,
    ``trigger_start`` and ``done_on`` (dates). Actions of a unit and measure are chained in
    the order they were done: one whose after-window starts before the previous one's ends
    joins its group. A group's baseline ends before its earliest trigger, its after-window
    starts the day after its last action was done; its target is the common one, or the whole
    unit when its actions target different things. Returns :data:`GROUP_COLUMNS`
    (``action_ids`` a tuple), groups numbered from 0 in unit, measure and time order.
    """
    rows = []
    if actions is None or actions.empty:
        return pd.DataFrame(columns=GROUP_COLUMNS)
    ordered = actions.sort_values(["unit_id", "measure", "done_on", "action_id"])
    span = timedelta(weeks=weeks)
    for (unit_id, measure), same in ordered.groupby(["unit_id", "measure"], sort=True):
        chains: list[list] = []
        for action in same.itertuples():
            if chains and action.done_on < chains[-1][-1].done_on + span:
                chains[-1].append(action)
            else:
                chains.append([action])
        for chain in chains:
            targets = {(_text(a.target_type), _text(a.target_key)) for a in chain}
            target = targets.pop() if len(targets) == 1 else (None, None)
            found = windows(min(a.trigger_start for a in chain), max(a.done_on for a in chain), weeks)
            rows.append({"unit_id": unit_id, "measure": measure, "target_type": target[0],
                         "target_key": target[1], "action_ids": tuple(int(a.action_id) for a in chain),
                         "baseline_start": found.baseline_start, "baseline_end": found.baseline_end,
                         "after_start": found.after_start, "after_end": found.after_end})
    frame = pd.DataFrame(rows)
    targets = ["target_type", "target_key"]
    frame[targets] = frame[targets].astype(object).where(frame[targets].notna(), None)  # None, not NaN
    frame.insert(0, "group", range(len(frame)))
    return frame[GROUP_COLUMNS]


def _text(value) -> str | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def pending_result(found: Windows, today: date, measure: str) -> dict | None:
    """The result of an action whose after-window has not passed on ``today``: verdict
    "pending" and the day the result is ``expected_on``; None when it has passed."""
    if found.complete(today):
        return None
    return {"measure": measure, "verdict": "pending", "expected_on": found.expected_on}


# --- the estimate -----------------------------------------------------------------------------


def _counts(measure: measures.Measure, rows) -> np.ndarray:
    """(top, bottom, n) per row of ``rows`` (a mapping or a frame of count columns) as floats."""
    if isinstance(rows, Mapping):
        rows = pd.DataFrame([rows])
    columns = (measure.top, measure.bottom, measure.n)
    values = np.column_stack([pd.to_numeric(rows[c], errors="coerce").to_numpy(dtype=float)
                              if c in rows else np.zeros(len(rows)) for c in columns])
    return np.nan_to_num(values, nan=0.0)


def _values(measure: measures.Measure, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Estimate and adjusted sampling variance per row of (top, bottom, n), on the scale of
    :meth:`analysis.measures.Measure.shown`'s input (NPS points, a share as a fraction)."""
    top, bottom, n = counts[:, 0], counts[:, 1], counts[:, 2]
    safe = np.where(n > 0, n, 1.0)
    if measure.kind == "nps":
        n_adj = n + 3.0
        p, d = (top + 0.75) / n_adj, (bottom + 0.75) / n_adj
        return 100.0 * (top - bottom) / safe, 1e4 * (p + d - (p - d) ** 2) / n_adj
    p = (top + 0.5) / (n + 1.0)
    return top / safe, p * (1.0 - p) / (n + 1.0)


@lru_cache(maxsize=256)
def _quantile(confidence: float, df: int) -> float:
    return float(student_t.ppf(1.0 - (1.0 - confidence) / 2.0, df))


def did_counts(measure: str, unit_before: np.ndarray, unit_after: np.ndarray,
               control_before: np.ndarray, control_after: np.ndarray, *, small_sample: int = 30,
               min_responses: int = 5, min_units: int = MIN_UNITS, confidence: float = 0.95) -> dict:
    """The difference-in-differences from count arrays (columns: top, bottom, n of ``measure``;
    one row for the unit, one per comparison unit). See :func:`action_effect` for the result."""
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence!r}")
    m = measures.get(measure)
    unit = np.vstack([np.reshape(unit_before, (1, 3)), np.reshape(unit_after, (1, 3))]).astype(float)
    before, after = np.reshape(control_before, (-1, 3)).astype(float), np.reshape(control_after, (-1, 3)).astype(float)
    for counts in (unit, before, after):
        if (counts < 0).any() or (counts[:, 0] + counts[:, 1] > counts[:, 2]).any():
            raise ValueError("counts must be non-negative, with top + bottom at most n")
    keep = (before[:, 2] >= min_responses) & (after[:, 2] >= min_responses)
    before, after = before[keep], after[keep]
    (unit_b, unit_a), unit_var = _values(m, unit)
    result = {"measure": measure, "unit_before": float(unit_b), "unit_after": float(unit_a),
              "unit_n_before": int(unit[0, 2]), "unit_n_after": int(unit[1, 2]),
              "units": int(keep.sum()), "control_before": None, "control_after": None,
              "control_n_before": int(before[:, 2].sum()), "control_n_after": int(after[:, 2].sum()),
              "unit_change": float(unit_a - unit_b), "control_change": None, "difference": None,
              "low": None, "high": None, "tau": None}
    k = len(before)
    too_few = unit[0, 2] < small_sample or unit[1, 2] < small_sample
    if k < max(min_units, 2):
        return result | {"verdict": "too_few" if too_few else "no_comparison"}
    est_b, var_b = _values(m, before)
    est_a, var_a = _values(m, after)
    weights = (before[:, 2] + after[:, 2]) / (before[:, 2] + after[:, 2]).sum()
    changes, change_var = est_a - est_b, var_a + var_b
    tau2 = max(0.0, float(np.var(changes, ddof=1) - change_var.mean()))
    control_change = float(weights @ changes)
    difference = float(unit_a - unit_b) - control_change
    se = float(np.sqrt(unit_var.sum() + tau2 + weights**2 @ (change_var + tau2)))
    half = _quantile(confidence, k - 1) * se
    limit = 2.0 * max(abs(b) for b in m.bounds)
    low, high = max(difference - half, -limit), min(difference + half, limit)
    if too_few:
        verdict = "too_few"
    elif low > 0:
        verdict = "improved"
    elif high < 0:
        verdict = "worse"
    else:
        verdict = "no_clear_difference"
    return result | {"control_before": float(weights @ est_b), "control_after": float(weights @ est_a),
                     "control_change": control_change, "difference": difference, "low": low,
                     "high": high, "tau": float(np.sqrt(tau2)), "verdict": verdict}


def action_effect(measure: str, unit_before: Mapping, unit_after: Mapping,
                  control_before: pd.DataFrame, control_after: pd.DataFrame, *, small_sample: int = 30,
                  min_responses: int = 5, min_units: int = MIN_UNITS, confidence: float = 0.95) -> dict:
    """How ``measure`` changed at the unit from baseline to after-window, against comparable units.

    ``unit_before``/``unit_after`` are the unit's counts (:data:`analysis.measures.COUNT_COLUMNS`;
    missing or NaN counts are 0); ``control_before``/``control_after`` one row per comparison
    unit, in the same order. Comparison units with fewer than ``min_responses`` answers in a
    window are left out. Returns ``measure``, the unit's ``unit_before``/``unit_after`` values and
    ``unit_n_before``/``unit_n_after``, the comparison group's (``control_*``, weighted means of
    its ``units`` units; None without a comparison), ``unit_change``, ``control_change``,
    ``difference`` with ``low``/``high`` (NPS points or a share), ``tau`` (the between-period
    spread used) and ``verdict`` (see the module docstring; never "pending" or "not_done",
    which the caller decides). Invalid counts raise ``ValueError``.
    """
    m = measures.get(measure)
    if len(control_before) != len(control_after):
        raise ValueError("control_before and control_after need one row per comparison unit each")
    empty = pd.DataFrame(columns=[m.top, m.bottom, m.n])
    before = _counts(m, control_before if len(control_before) else empty)
    after = _counts(m, control_after if len(control_after) else empty)
    return did_counts(measure, _counts(m, unit_before or {})[0], _counts(m, unit_after or {})[0],
                      before, after, small_sample=small_sample, min_responses=min_responses,
                      min_units=min_units, confidence=confidence)


def judged_groups(done: pd.DataFrame, weeks: int, today: date, counts, *, small_sample: int,
                  min_responses: int) -> pd.DataFrame:
    """One row per group of overlapping ``done`` actions (:func:`overlap_groups`): the group
    (``action_ids``, ``titles``, ``unit``, ``region``, ``measure``, ``target_type``,
    ``target_key``), ``expected_on`` and its result (the keys of :func:`action_effect` with
    ``comparison``, ``comparison_region`` and ``fallback``, or :func:`pending_result`).
    ``counts(unit_id, measure, target_type, target_key, windows)`` gives the unit's and the
    comparable units' counts (``queries.action_effects.EffectCounts``). A target with fewer
    than ``small_sample`` answers at the unit in a window, or without a comparison, is
    measured on the whole unit instead (``fallback``)."""
    if done.empty:
        return pd.DataFrame()
    names = done.set_index("action_id")

    def judged(group, found: Windows, target_type, target_key) -> dict:
        found_counts = counts(group.unit_id, group.measure, target_type, target_key, found)
        return action_effect(group.measure, found_counts.unit_before, found_counts.unit_after,
                             found_counts.control_before, found_counts.control_after, small_sample=small_sample,
                             min_responses=min_responses) | {"comparison": found_counts.comparison,
                                                             "comparison_region": found_counts.region}

    rows = []
    for group in overlap_groups(done, weeks).itertuples():
        found = Windows(group.baseline_start, group.baseline_end, group.after_start, group.after_end)
        result = pending_result(found, today, group.measure)
        if result is None:
            result = judged(group, found, group.target_type, group.target_key) | {"fallback": False}
            too_few = min(result["unit_n_before"], result["unit_n_after"]) < small_sample
            if group.target_type and (too_few or result["verdict"] == "no_comparison"):
                result = judged(group, found, None, None) | {"fallback": True}
        first = names.loc[group.action_ids[0]]
        rows.append({"action_ids": group.action_ids,
                     "titles": " + ".join(str(names.at[i, "title"]) for i in group.action_ids),
                     "unit": first["unit"], "region": first["region"], "measure": group.measure,
                     "target_type": group.target_type, "target_key": group.target_key,
                     "expected_on": found.expected_on, **result})
    return pd.DataFrame(rows)


# --- counting results -------------------------------------------------------------------------


def roll_up(effects: pd.DataFrame) -> pd.DataFrame:
    """Count the verdicts of results per unit, per region and in total.

    ``effects`` has one row per result (a group of overlapping actions counts once) with
    ``unit``, ``region`` and ``verdict`` (:data:`VERDICTS`; actions not done may come as
    "not_done"). Returns :data:`ROLL_UP_COLUMNS`: ``level`` ("unit", "region", "total"),
    ``region`` and ``unit`` ("" where they do not apply), each verdict's count, ``results``
    (every row but "not_done") and ``judged`` (results with a verdict about the difference:
    improved, no clear difference or worse). Units sorted by region and name, then regions,
    then the total; an empty input gives the total row with zeros. An unknown verdict raises
    ``ValueError``.
    """
    effects = pd.DataFrame() if effects is None else effects
    frame = pd.DataFrame(index=effects.index)
    for column in ("unit", "region", "verdict"):
        values = (effects[column] if column in effects.columns
                  else pd.Series(None, index=effects.index, dtype=object))
        frame[column] = values.astype(object).where(values.notna(), "").astype(str)
    unknown = sorted(set(frame["verdict"]) - set(VERDICTS))
    if unknown:
        raise ValueError(f"unknown verdicts: {unknown}")

    def counts(rows: pd.DataFrame) -> dict:
        tally = {verdict: int((rows["verdict"] == verdict).sum()) for verdict in VERDICTS}
        judged = tally["improved"] + tally["no_clear_difference"] + tally["worse"]
        return {**tally, "results": len(rows) - tally["not_done"], "judged": judged}

    rows = [{"level": "unit", "region": region, "unit": unit, **counts(group)}
            for (region, unit), group in frame.groupby(["region", "unit"], sort=True)]
    rows += [{"level": "region", "region": region, "unit": "", **counts(group)}
             for region, group in frame.groupby("region", sort=True)]
    rows.append({"level": "total", "region": "", "unit": "", **counts(frame)})
    result = pd.DataFrame(rows, columns=ROLL_UP_COLUMNS)
    result[ROLL_UP_COLUMNS[3:]] = result[ROLL_UP_COLUMNS[3:]].astype(int)
    return result
