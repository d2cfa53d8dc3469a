"""Reporting periods: the window a preset names, the one before it, and rolling
daily sufficient statistics up into weeks, months or quarters."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

PRESETS = ("last_week", "4w", "3m", "6m", "12m", "24m", "ytd")
GRAINS = ("week", "month", "quarter")
_PANDAS_FREQ = {"week": "W-SUN", "month": "M", "quarter": "Q"}


def window(preset: str, end: date) -> tuple[date, date]:
    """First and last day (inclusive) of a preset that ends on ``end`` (the latest
    day with data): ``"3m"`` is the three months up to and including ``end``,
    ``"ytd"`` starts on 1 January of its year. ``"last_week"`` is the last whole
    week, Monday to Sunday, that has ended by ``end``, and ``"4w"`` the four whole
    weeks that end with it (a weekly team huddle looks at finished weeks)."""
    if preset in ("last_week", "4w"):
        sunday = end - timedelta(days=(end.weekday() + 1) % 7)
        return sunday - timedelta(days=6 if preset == "last_week" else 27), sunday
    if preset == "ytd":
        return date(end.year, 1, 1), end
    if preset not in PRESETS:
        raise ValueError(f"unknown period preset {preset!r}; known: {', '.join(PRESETS)}")
    months = int(preset.rstrip("m"))
    start = (pd.Timestamp(end) - pd.DateOffset(months=months) + pd.Timedelta(days=1)).date()
    return start, end


def previous(start: date, end: date) -> tuple[date, date]:
    """The window of equal length that ends the day before ``start``."""
    length = (end - start).days + 1
    return start - timedelta(days=length), start - timedelta(days=1)


def period_start(days: pd.Series, grain: str) -> pd.Series:
    """The first day of the week (Monday), month or quarter of each day."""
    return pd.to_datetime(days).dt.to_period(_PANDAS_FREQ[grain]).dt.start_time


def roll_up(daily: pd.DataFrame, grain: str, start: date, end: date, columns: list[str]) -> pd.DataFrame:
    """Sum the ``columns`` of per-day rows (column ``day``) into periods, with a
    row for every period from ``start`` to ``end`` (zero counts where nothing came in)."""
    wanted = pd.Series(pd.date_range(start, end, freq="D"))
    all_periods = pd.DataFrame({"period": period_start(wanted, grain).drop_duplicates().to_list()})
    inside = daily[(daily["day"] >= pd.Timestamp(start)) & (daily["day"] <= pd.Timestamp(end))]
    summed = (
        inside.assign(period=period_start(inside["day"], grain))
        .groupby("period", as_index=False)[columns]
        .sum()
    )
    merged = all_periods.merge(summed, on="period", how="left")
    merged[columns] = merged[columns].fillna(0).astype("int64")
    return merged


def totals(daily: pd.DataFrame, start: date, end: date, columns: list[str]) -> dict[str, int]:
    """The sums of ``columns`` over the days from ``start`` to ``end``."""
    inside = daily[(daily["day"] >= pd.Timestamp(start)) & (daily["day"] <= pd.Timestamp(end))]
    return {column: int(inside[column].sum()) for column in columns}


def period_end(start: date, grain: str) -> date:
    """The last day of the week, month or quarter that starts on ``start``."""
    return (pd.Period(start, freq=_PANDAS_FREQ[grain]).end_time).date()
