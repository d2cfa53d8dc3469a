"""A measure over time: per-period intervals with hidden and small periods marked,
and the change between two periods stated as clear or within noise."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import intervals, measures, verdict


def measure_trend(periods: pd.DataFrame, measure: str, min_responses: int,
                  small_sample: int) -> pd.DataFrame:
    """Add one measure (see :mod:`analysis.measures`) with its 95 % interval to
    per-period counts, on the scale people read (NPS points, a share in per cent):
    columns ``value``, ``low``, ``high``, ``n``, ``hidden`` and ``small``.

    ``periods`` holds the sufficient statistics of :data:`queries.responses.STAT_COLUMNS`
    per row. A period with fewer than ``min_responses`` answers on the measure is
    *hidden* (its value is NaN, so a chart shows a gap); one with fewer than
    ``small_sample`` is *small* (shown, but flagged).
    """
    m = measures.get(measure)
    frame = periods.copy()
    rows = [measures.estimate(m, counts) for counts in frame.to_dict("records")]
    frame["n"] = [row.n for row in rows]
    frame["hidden"] = frame["n"] < min_responses
    frame["small"] = ~frame["hidden"] & (frame["n"] < small_sample)
    for column in ("estimate", "low", "high"):
        frame["value" if column == "estimate" else column] = [m.shown(getattr(row, column)) for row in rows]
    frame.loc[frame["hidden"], ["value", "low", "high"]] = np.nan
    return frame


@dataclass(frozen=True)
class Change:
    """A measure now against before. ``kind`` is ``clear_increase``, ``clear_decrease``,
    ``no_clear_change``, ``too_few_to_judge`` (both periods shown, but fewer than the
    small-sample flag on a side: not tested) or ``not_enough_data`` (a period below
    ``min_responses``: its figures are hidden); the intervals (on the measure's own scale:
    NPS points or a share 0..1) are None where a period is hidden."""

    kind: str
    last: intervals.Interval | None
    previous: intervals.Interval | None
    difference: intervals.Interval | None


KINDS = {"higher": "clear_increase", "lower": "clear_decrease",
         "no_clear_difference": "no_clear_change", "too_few": "too_few_to_judge"}


def compare(now: dict, before: dict, min_responses: int, rule: verdict.Rule,
            measure: str = "nps") -> Change:
    """Compare ``measure`` in two periods' counts by the one rule (:mod:`analysis.verdict`,
    a family of one): two-sample adjusted Wald for NPS, Newcombe's hybrid score interval and
    the score test for a share (:func:`analysis.measures.difference`)."""
    last = measures.estimate(measure, now, rule.confidence)
    previous = measures.estimate(measure, before, rule.confidence)
    if last.n < min_responses or previous.n < min_responses:
        return Change(
            "not_enough_data",
            last if last.n >= min_responses else None,
            previous if previous.n >= min_responses else None,
            None,
        )
    difference = measures.difference(measure, now, before, rule.confidence)
    decision = verdict.decide(rule, verdict.difference_p(measure, now, before), difference.low,
                              difference.high, (last.n, previous.n))
    return Change(KINDS[decision], last, previous, difference)
