"""How well follow-up cases are handled: per unit or region, and in total.

A case is *in target* when it was closed (resolved or found not reachable) by
its due time, and *missed* when it was closed later or is still open after it.
Cases still open and not yet due are undecided and left out of the share, so a
busy week does not look better or worse than it is; they are counted beside it
(``not_due``), so a reader sees how many cases the share does not cover yet. The share has a Wilson
interval (:func:`analysis.intervals.proportion`). Times to first contact and to
closing are medians in hours, counted like the target (business hours when
the rules say so).
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from analysis.intervals import proportion
from analysis.response_time import Calendar, business_hours_between

CLOSED = ("resolved", "not_reachable")
OPEN = ("new", "contacted")
MEASURE_COLUMNS = ["group", "cases", "open", "overdue", "not_due", "closed", "in_target", "decided", "share",
                   "low", "high", "median_contact_hours", "median_close_hours"]
COUNTS = ["cases", "open", "overdue", "not_due", "closed", "in_target"]  # summed per group


def _hours(starts: pd.Series, ends: pd.Series, calendar: Calendar) -> pd.Series:
    return pd.Series([business_hours_between(s.to_pydatetime(), e.to_pydatetime(), calendar)
                      if pd.notna(s) and pd.notna(e) else float("nan") for s, e in zip(starts, ends)],
                     index=starts.index, dtype=float)


def with_hours(timings: pd.DataFrame, calendar: Calendar = Calendar()) -> pd.DataFrame:
    """``timings`` with each case's hours to first contact (``contact_hours``) and, for a
    closed case, to closing (``close_hours``), counted like the target; NaN where there is
    none. They do not change with the time of reading, so a caller may keep them."""
    closed = timings["status"].isin(CLOSED)
    return timings.assign(contact_hours=_hours(timings["received_at"], timings["contacted_at"], calendar),
                          close_hours=_hours(timings["received_at"], timings["resolved_at"].where(closed), calendar))


def _flags(timings: pd.DataFrame, now: datetime) -> pd.DataFrame:
    """Per case: what it counts towards (1/0) and its hours, ready to be summed or
    taken the median of by group."""
    closed = timings["status"].isin(CLOSED)
    still_open = timings["status"].isin(OPEN)
    overdue = still_open & (timings["due_at"] < pd.Timestamp(now))
    return pd.DataFrame({
        "cases": 1, "open": still_open, "overdue": overdue, "not_due": still_open & ~overdue, "closed": closed,
        "in_target": closed & (timings["resolved_at"] <= timings["due_at"]),
        "contact": timings["contact_hours"], "close": timings["close_hours"].where(closed),
    }, index=timings.index)


def _row(group: str, sums: pd.Series, medians: pd.Series) -> dict:
    counts = {name: int(sums[name]) for name in COUNTS}
    decided = counts["closed"] + counts["overdue"]
    share = proportion(counts["in_target"], decided)
    return {
        "group": group, **counts,
        "decided": decided, "share": share.estimate if decided else None,
        "low": share.low if decided else None, "high": share.high if decided else None,
        "median_contact_hours": None if pd.isna(medians["contact"]) else float(medians["contact"]),
        "median_close_hours": None if pd.isna(medians["close"]) else float(medians["close"]),
    }


def case_measures(timings: pd.DataFrame, now: datetime, by: str = "unit",
                  calendar: Calendar = Calendar(), total: str | None = None) -> pd.DataFrame:
    """One row of :data:`MEASURE_COLUMNS` per value of ``by`` ("unit" or "region")
    in ``timings`` (the columns of ``queries.follow_ups.timings``, with the hours of
    :func:`with_hours` if they were added already; else they are counted here by
    ``calendar``), sorted by name, and a last row named ``total`` over all cases when
    ``total`` is given."""
    if "contact_hours" not in timings.columns:
        timings = with_hours(timings, calendar)
    flags = _flags(timings, now)
    groups = flags.groupby(timings[by], sort=True, dropna=True)
    sums, medians = groups[COUNTS].sum(), groups[["contact", "close"]].median()
    rows = [_row(str(name), sums.loc[name], medians.loc[name]) for name in sums.index]
    if total is not None and not timings.empty:
        rows.append(_row(total, flags[COUNTS].sum(), flags[["contact", "close"]].median()))
    return pd.DataFrame(rows, columns=MEASURE_COLUMNS)
