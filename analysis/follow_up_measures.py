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


def _row(group: str, cases: pd.DataFrame, now: datetime) -> dict:
    closed = cases["status"].isin(CLOSED)
    still_open = cases["status"].isin(OPEN)
    overdue = still_open & (cases["due_at"] < pd.Timestamp(now))
    in_target = closed & (cases["resolved_at"] <= cases["due_at"])
    decided = int(closed.sum() + overdue.sum())
    share = proportion(int(in_target.sum()), decided)
    contact = cases["contact_hours"].dropna()
    close = cases.loc[closed, "close_hours"].dropna()
    return {
        "group": group, "cases": len(cases), "open": int(still_open.sum()),
        "overdue": int(overdue.sum()), "not_due": int((still_open & ~overdue).sum()), "closed": int(closed.sum()), "in_target": int(in_target.sum()),
        "decided": decided, "share": share.estimate if decided else None,
        "low": share.low if decided else None, "high": share.high if decided else None,
        "median_contact_hours": float(contact.median()) if len(contact) else None,
        "median_close_hours": float(close.median()) if len(close) else None,
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
    rows = [_row(str(name), group, now) for name, group in timings.groupby(by, sort=True, dropna=True)]
    if total is not None and not timings.empty:
        rows.append(_row(total, timings, now))
    return pd.DataFrame(rows, columns=MEASURE_COLUMNS)
