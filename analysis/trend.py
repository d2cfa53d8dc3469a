"""A measure over time: per-period intervals with hidden and small periods marked,
and the change between two periods stated as clear or within noise."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import intervals


def nps_trend(periods: pd.DataFrame, min_responses: int, small_sample: int) -> pd.DataFrame:
    """Add NPS and CSAT top-box (in %) with 95 % intervals to per-period counts.

    ``periods`` holds the sufficient statistics of :data:`queries.responses.STAT_COLUMNS`
    per row. A period with fewer than ``min_responses`` answers is *hidden* (its
    value is NaN, so a chart shows a gap); one with fewer than ``small_sample`` is
    *small* (shown, but flagged).
    """
    frame = periods.copy()
    nps_rows = [intervals.nps(p, pa, d) for p, pa, d in
                zip(frame["promoters"], frame["passives"], frame["detractors"])]
    csat_rows = [intervals.proportion(top, n) for top, n in zip(frame["csat_top"], frame["csat_n"])]
    frame["hidden"] = frame["n"] < min_responses
    frame["small"] = ~frame["hidden"] & (frame["n"] < small_sample)
    frame["csat_hidden"] = frame["csat_n"] < min_responses
    frame["csat_small"] = ~frame["csat_hidden"] & (frame["csat_n"] < small_sample)
    for column, attribute in (("nps", "estimate"), ("nps_low", "low"), ("nps_high", "high")):
        frame[column] = [getattr(row, attribute) for row in nps_rows]
        frame.loc[frame["hidden"], column] = np.nan
    for column, attribute in (("csat_top_pct", "estimate"), ("csat_low", "low"), ("csat_high", "high")):
        frame[column] = [100 * getattr(row, attribute) for row in csat_rows]
        frame.loc[frame["csat_hidden"], column] = np.nan
    return frame


@dataclass(frozen=True)
class Change:
    """NPS now against before. ``kind`` is ``clear_increase``, ``clear_decrease``,
    ``no_clear_change`` or ``not_enough_data``; the intervals are None where a
    period has too few answers."""

    kind: str
    last: intervals.Interval | None
    previous: intervals.Interval | None
    difference: intervals.Interval | None


def compare(now: dict, before: dict, min_responses: int) -> Change:
    """Compare the NPS of two periods' counts with a two-sample adjusted-Wald interval:
    a change is *clear* when the 95 % interval of the difference excludes zero."""
    last = intervals.nps(now["promoters"], now["passives"], now["detractors"])
    previous = intervals.nps(before["promoters"], before["passives"], before["detractors"])
    if last.n < min_responses or previous.n < min_responses:
        return Change(
            "not_enough_data",
            last if last.n >= min_responses else None,
            previous if previous.n >= min_responses else None,
            None,
        )
    difference = intervals.nps_difference(
        now["promoters"], now["passives"], now["detractors"],
        before["promoters"], before["passives"], before["detractors"],
    )
    if difference.low > 0:
        kind = "clear_increase"
    elif difference.high < 0:
        kind = "clear_decrease"
    else:
        kind = "no_clear_change"
    return Change(kind, last, previous, difference)
