"""Did it help? The measure of an action's unit before the action and after it was done.

:func:`action_effect` compares two windows of one unit's answers: one before the action was
created and one after it was completed. Both are given as sufficient statistics (dicts with
the counts of :data:`analysis.measures.COUNT_COLUMNS`: ``promoters``, ``passives``,
``detractors``, ``csat_n``, ``csat_top``, ``s10_n``, ``s10_top``, ``sent_n``, ``sent_pos``…;
missing, None or NaN counts are 0). The difference is *after minus before*:

- ``nps``: NPS in points (-100..100), each window with its adjusted-Wald interval and the
  difference with the two-sample adjusted-Wald interval (Rocks 2016, Am Stat 70(4); Lewis &
  Sauro 2021, "Comparing Net Promoter Scores"), via :func:`analysis.intervals.nps_difference`.
- a share (``csat``: satisfied 4-5, ``scale10``: rated 9-10, ``positive``: positive labels):
  0..1, each window with its Wilson interval and the difference with Newcombe's hybrid score
  interval (Newcombe 1998, Stat Med 17:873-890, method 10), via
  :func:`analysis.intervals.proportion_difference`.

Verdict: "too_few" when either window has fewer than ``min_responses`` answers for the measure
(the figures are still returned, never NaN, but should not be shown -- show the n); otherwise
"improved" when the interval of the difference lies above 0, "worse" when below 0, else
"no_clear_change". "not_done" is for actions that are not completed; :func:`action_effect`
never returns it, but :func:`roll_up` counts it.

Before/after is not proof of cause. Other things change between the windows too (season,
staff, campaigns, the mix of customers), and an action usually answers a weakness that was
pinned when the unit looked bad, so part of a later improvement can be regression to the mean.
Read "improved" as "the measure clearly rose after the action", not "the action raised it".
Each verdict is at ``confidence`` on its own; among many actions with no real effect, about
1 - confidence of them will still show a clear change by chance.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis import intervals, measures

VERDICTS = ("improved", "no_clear_change", "worse", "too_few", "not_done")
MEASURES = measures.KEYS
# The columns of roll_up() behind "of {done} completed actions, {improved} clearly improved
# their measure" (and "{judged} had enough answers to judge").
SENTENCE_COUNTS = ("done", "judged", "improved")
ROLL_UP_COLUMNS = ["level", "region", "unit", *VERDICTS, "done", "judged"]


def _count(stats: dict, key: str) -> int:
    value = (stats or {}).get(key)
    try:
        value = float(value)
    except (TypeError, ValueError):
        return 0
    return int(value) if math.isfinite(value) and value > 0 else 0


def _window(interval: intervals.Interval) -> dict:
    return {"estimate": interval.estimate, "low": interval.low, "high": interval.high,
            "n": interval.n}


def action_effect(before: dict, after: dict, measure: str = "nps", min_responses: int = 30,
                  confidence: float = 0.95) -> dict:
    """The change of ``measure`` (a key of :data:`MEASURES`) from the ``before`` window to ``after``.

    Returns ``{"measure", "before": {estimate, low, high, n}, "after": {...}, "difference",
    "diff_low", "diff_high", "verdict"}``: NPS in points, the others as a share; rules and the
    caveat that before/after is not proof of cause: see the module docstring. Empty windows
    give the documented values of :mod:`analysis.intervals` (and "too_few" unless
    ``min_responses`` is 0 or less). An unknown measure raises ``ValueError``.
    """
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, got {measure!r}")
    m = measures.get(measure)
    if m.kind == "nps":
        old = [_count(before, key) for key in ("promoters", "passives", "detractors")]
        new = [_count(after, key) for key in ("promoters", "passives", "detractors")]
        first = intervals.nps(*old, confidence=confidence)
        last = intervals.nps(*new, confidence=confidence)
        difference = intervals.nps_difference(*new, *old, confidence=confidence)
    else:
        old_n, new_n = _count(before, m.n), _count(after, m.n)
        old_top, new_top = min(_count(before, m.top), old_n), min(_count(after, m.top), new_n)
        first = intervals.proportion(old_top, old_n, confidence)
        last = intervals.proportion(new_top, new_n, confidence)
        difference = intervals.proportion_difference(new_top, new_n, old_top, old_n, confidence)
    if first.n < min_responses or last.n < min_responses:
        verdict = "too_few"
    elif difference.low > 0:
        verdict = "improved"
    elif difference.high < 0:
        verdict = "worse"
    else:
        verdict = "no_clear_change"
    return {
        "measure": measure, "before": _window(first), "after": _window(last),
        "difference": difference.estimate, "diff_low": difference.low,
        "diff_high": difference.high, "verdict": verdict,
    }


def roll_up(effects: pd.DataFrame) -> pd.DataFrame:
    """Count the verdicts of actions per unit, per region and in total.

    ``effects`` has one row per action with ``unit``, ``region`` and ``verdict`` (one of
    VERDICTS; rows of actions that are not completed may be included as "not_done").
    Returns ROLL_UP_COLUMNS: ``level`` ("unit", "region", "total"), ``region`` and ``unit``
    ("" where they do not apply or are missing), the count of each verdict, ``done`` (the
    completed actions: every verdict but "not_done") and ``judged`` (done and not "too_few");
    SENTENCE_COUNTS names the columns a summary sentence needs. Rows: units sorted by region
    and name (actions with no region form a region ""), then regions sorted, then the total;
    an empty input gives the total row with zeros. An unknown verdict raises ``ValueError``.
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
        done = len(rows) - tally["not_done"]
        return {**tally, "done": done, "judged": done - tally["too_few"]}

    rows = [{"level": "unit", "region": region, "unit": unit, **counts(group)}
            for (region, unit), group in frame.groupby(["region", "unit"], sort=True)]
    rows += [{"level": "region", "region": region, "unit": "", **counts(group)}
             for region, group in frame.groupby("region", sort=True)]
    rows.append({"level": "total", "region": "", "unit": "", **counts(frame)})
    result = pd.DataFrame(rows, columns=ROLL_UP_COLUMNS)
    result[ROLL_UP_COLUMNS[3:]] = result[ROLL_UP_COLUMNS[3:]].astype(int)
    return result
