"""Response-time targets for follow-up cases.

A customer who left critical feedback at ``received`` should be contacted within a target
of N hours. A :class:`Calendar` says how those hours are counted:

* **Wall clock** (the default): N hours of real elapsed time, day and night. The arithmetic
  is done in UTC, so a daylight-saving change neither adds nor removes an hour.
* **Business hours**: only time between ``opens`` and ``closes`` on open days counts. Both
  are local wall-clock times in ``time_zone``, so every open day is ``closes - opens`` long,
  also on a daylight-saving change day. A day is off when it is not one of ``workdays``
  or, with ``public_holidays``, when it is a Swedish public holiday or one of the de-facto
  days off (Midsummer Eve, Christmas Eve, New Year's Eve). Opening hours are the half-open
  interval [opens, closes): time received outside them, also exactly at closing, starts
  counting at the next opening; a target that runs out exactly at closing is due at that
  closing, not at the next opening.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

_HOUR = timedelta(hours=1)
_DAY = timedelta(days=1)


def _zone(name: str) -> ZoneInfo:
    """The time zone called ``name``; ValueError if there is none."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {name!r}") from exc


@dataclass(frozen=True)
class Calendar:
    """How target hours are counted."""

    business_hours: bool = False  # False: plain elapsed hours (24/7)
    opens: time = time(8, 0)  # local wall-clock opening time
    closes: time = time(17, 0)  # local closing time (must be after opens)
    workdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # Monday=0 … Sunday=6
    public_holidays: bool = True  # skip Swedish public holidays and de-facto days off
    time_zone: str = "Europe/Stockholm"

    def __post_init__(self) -> None:
        if self.closes <= self.opens:
            raise ValueError(f"closes ({self.closes}) must be after opens ({self.opens})")
        if not self.workdays:
            raise ValueError("workdays must contain at least one weekday")
        if not set(self.workdays) <= set(range(7)):
            raise ValueError(
                f"workdays must be weekday numbers from 0 (Monday) to 6 (Sunday), "
                f"got {sorted(self.workdays)}"
            )
        _zone(self.time_zone)


def due_at(received: datetime, hours: float, calendar: Calendar = Calendar()) -> datetime:
    """The aware UTC datetime by which ``hours`` of target time have passed since ``received``."""
    _require_aware(received, "received")
    if not (hours >= 0 and math.isfinite(hours)):  # also rejects NaN
        raise ValueError(f"hours must be a finite number >= 0, got {hours!r}")
    received_utc = received.astimezone(timezone.utc)
    remaining = timedelta(hours=hours)
    if not calendar.business_hours:
        return received_utc + remaining

    zone = _zone(calendar.time_zone)
    wall_received = _wall(received, zone)
    day = wall_received.date()
    while True:
        open_hours = _open_hours(day, calendar)
        if open_hours:
            opens, closes = open_hours
            start = max(wall_received, opens)
            if start < closes:
                if remaining <= closes - start:
                    # max(): a wall time in the repeated autumn hour reads as its first
                    # occurrence, which must not put the due time before `received`.
                    return max(_to_utc(start + remaining, zone), received_utc)
                remaining -= closes - start
        day += _DAY


def business_hours_between(start: datetime, end: datetime, calendar: Calendar) -> float:
    """Target hours (business or wall-clock, per calendar) elapsed from start to end;
    0 if end <= start.

    The inverse of :func:`due_at`: ``due_at(start, business_hours_between(start, end))`` is
    ``end`` when ``end`` is within opening hours, else the last closing before it (or the
    next opening when no business time has passed)."""
    _require_aware(start, "start")
    _require_aware(end, "end")
    start, end = start.astimezone(timezone.utc), end.astimezone(timezone.utc)
    if end <= start:
        return 0.0
    if not calendar.business_hours:
        return (end - start) / _HOUR

    zone = _zone(calendar.time_zone)
    wall_start, wall_end = _wall(start, zone), _wall(end, zone)
    total = timedelta()
    day = wall_start.date()
    while day <= wall_end.date():
        open_hours = _open_hours(day, calendar)
        if open_hours:
            opens, closes = open_hours
            total += max(min(closes, wall_end) - max(opens, wall_start), timedelta())
        day += _DAY
    return total / _HOUR


def is_day_off(day: date, calendar: Calendar) -> bool:
    """True if no business hours count on ``day``: not a workday, or (with
    ``public_holidays``) a Swedish public holiday or de-facto day off."""
    if day.weekday() not in calendar.workdays:
        return True
    return calendar.public_holidays and day in _swedish_days_off(day.year)


@lru_cache(maxsize=None)
def _swedish_days_off(year: int) -> frozenset[date]:
    """Swedish public holidays of ``year`` (without listing every Sunday) plus the de-facto
    days off Midsummer Eve, Christmas Eve and New Year's Eve."""
    days = holidays.country_holidays(
        "SE", years=year, include_sundays=False, categories=(holidays.PUBLIC, holidays.DE_FACTO)
    )
    return frozenset(days)


def _open_hours(day: date, calendar: Calendar) -> tuple[datetime, datetime] | None:
    """Opening and closing of ``day`` as naive local wall-clock times; None on a day off."""
    if is_day_off(day, calendar):
        return None
    return datetime.combine(day, calendar.opens), datetime.combine(day, calendar.closes)


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got naive {moment!r}")


def _wall(moment: datetime, zone: ZoneInfo) -> datetime:
    """Local wall-clock time of an aware ``moment``, as a naive datetime."""
    return moment.astimezone(zone).replace(tzinfo=None)


def _to_utc(wall: datetime, zone: ZoneInfo) -> datetime:
    """UTC moment of a naive local wall-clock time. A time in the repeated autumn hour is
    read as its first occurrence (fold=0); a time in the skipped spring hour is read with
    the offset before the change, i.e. one hour later on the clock (PEP 495)."""
    return wall.replace(tzinfo=zone, fold=0).astimezone(timezone.utc)
