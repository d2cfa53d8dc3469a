"""A measure over time: per-period intervals, a simultaneous band over the periods shown,
hidden, small and partial periods marked, and the change between two periods stated as
clear or within noise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from analysis import intervals, measures, verdict
from analysis.periods import period_end

CONFIDENCE = 0.95


def sidak(confidence: float, periods: int) -> float:
    """The confidence of each of ``periods`` intervals so that all of them hold together
    with ``confidence`` (Šidák 1967, JASA 62:626: (1 - α)^(1/k); exact for independent
    periods, which answers from different periods are)."""
    return confidence ** (1.0 / max(periods, 1))


def measure_trend(periods: pd.DataFrame, measure: str, min_responses: int,
                  small_sample: int, confidence: float = CONFIDENCE) -> pd.DataFrame:
    """Add one measure (see :mod:`analysis.measures`) to per-period counts, on the scale
    people read (NPS points, a share in per cent): ``value``, ``low``/``high`` (that period's
    own interval at ``confidence``), ``band_low``/``band_high`` (the simultaneous band: every
    shown period inside it together with at least ``confidence``), ``n``, ``hidden`` and
    ``small``. ``attrs["band_confidence"]`` is the confidence of each period's part of the
    band: :func:`sidak` over the shown periods at half the error rate, because the NPS and
    Wilson intervals are approximations that cover a little less than nominal far in the
    tails (exact enumeration, 12 months at NPS 30: Šidák at 5 % missed in 5.2–7.4 % of views
    for n = 400 … 30 a month; at 2.5 % in 2.7–3.7 %; see bench/calibration/trends.py).

    ``periods`` holds the sufficient statistics of :data:`queries.responses.STAT_COLUMNS`
    per row. A period with fewer than ``min_responses`` answers on the measure is
    *hidden* (its value is NaN, so a chart shows a gap); one with fewer than
    ``small_sample`` is *small* (shown, but flagged).
    """
    m = measures.get(measure)
    frame = periods.copy()
    records = frame.to_dict("records")
    n = np.array([measures.n_of(m, counts) for counts in records], dtype=int)
    frame["n"] = n
    frame["hidden"] = frame["n"] < min_responses
    frame["small"] = ~frame["hidden"] & (frame["n"] < small_sample)
    each = sidak(1 - (1 - confidence) / 2, int((~frame["hidden"]).sum()))
    for prefix, level in (("", confidence), ("band_", each)):
        rows = [measures.estimate(m, counts, level) for counts in records]
        if not prefix:
            frame["value"] = [m.shown(row.estimate) for row in rows]
        frame[prefix + "low"] = [m.shown(row.low) for row in rows]
        frame[prefix + "high"] = [m.shown(row.high) for row in rows]
    frame.loc[frame["hidden"], ["value", "low", "high", "band_low", "band_high"]] = np.nan
    frame.attrs["band_confidence"] = each
    return frame


def partial(periods: pd.Series, grain: str, start: date, end: date, today: date) -> pd.Series:
    """Periods (their first days) that the selection covers only in part: the first
    when ``start`` is after its first day, the last when ``end`` (or ``today``, for the
    period still running) is before its last day."""
    last = min(end, today)
    return pd.Series([day.date() < start or period_end(day.date(), grain) > last
                      for day in pd.to_datetime(periods)], index=periods.index, dtype=bool)


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
