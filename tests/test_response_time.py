"""Due times of follow-up cases: wall-clock and business-hours targets (analysis.response_time).

Dates are in 2026 unless noted, local times in Europe/Stockholm (CET +01 in winter, CEST +02
from 29 March 02:00 to 25 October 03:00). 8 May 2026 is a Friday.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

import pytest

from analysis.response_time import Calendar, business_hours_between, due_at, is_day_off

STHLM = ZoneInfo("Europe/Stockholm")
UTC = timezone.utc
WALL = Calendar()
BUSINESS = Calendar(business_hours=True)  # Mon–Fri 08–17, Swedish holidays off


def local(*args: int, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=STHLM, fold=fold)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# --- wall clock -------------------------------------------------------------------------


def test_wall_clock_48_hours_is_returned_in_utc():
    # Tue 12 May 10:00 (+02) = 08:00 UTC; + 48 h = Thu 14 May 08:00 UTC
    due = due_at(local(2026, 5, 12, 10), 48)
    assert due == utc(2026, 5, 14, 8)
    assert due.tzinfo is UTC


def test_wall_clock_across_spring_change():
    # Sat 28 Mar 12:00 (+01) = 11:00 UTC; + 48 h = Mon 30 Mar 11:00 UTC = 13:00 local (+02)
    due = due_at(local(2026, 3, 28, 12), 48, WALL)
    assert due == utc(2026, 3, 30, 11)
    assert due.astimezone(STHLM).replace(tzinfo=None) == datetime(2026, 3, 30, 13)


def test_wall_clock_across_autumn_change():
    # Sat 24 Oct 12:00 (+02) = 10:00 UTC; + 48 h = Mon 26 Oct 10:00 UTC = 11:00 local (+01)
    due = due_at(local(2026, 10, 24, 12), 48, WALL)
    assert due == utc(2026, 10, 26, 10)
    assert due.astimezone(STHLM).replace(tzinfo=None) == datetime(2026, 10, 26, 11)


@pytest.mark.parametrize(
    "received, calendar, expected",
    [
        # wall clock: the received time itself, whenever it is
        (local(2026, 5, 9, 23, 10), WALL, local(2026, 5, 9, 23, 10)),
        # business, inside opening hours: the received time itself
        (local(2026, 5, 12, 9, 45), BUSINESS, local(2026, 5, 12, 9, 45)),
        # business, on a Saturday: the next opening, Mon 11 May 08:00
        (local(2026, 5, 9, 12), BUSINESS, local(2026, 5, 11, 8)),
    ],
    ids=["wall", "business-open", "business-saturday"],
)
def test_zero_hours(received, calendar, expected):
    assert due_at(received, 0, calendar) == expected


# --- business hours ---------------------------------------------------------------------


def test_business_hours_within_a_day():
    # Tue 12 May 07:00 UTC = 09:00 local; 09:00 + 4.5 h = 13:30 local
    assert due_at(utc(2026, 5, 12, 7), 4.5, BUSINESS) == local(2026, 5, 12, 13, 30)


@pytest.mark.parametrize(
    "hours, expected",
    [
        # Fri 15–17 = 2 h, 2 h left → Mon 11 May 08:00 + 2 h = 10:00
        (4, local(2026, 5, 11, 10)),
        # Fri 2 h + Mon 9 h = 11 h, 1 h left → Tue 12 May 08:00 + 1 h = 09:00
        (12, local(2026, 5, 12, 9)),
    ],
)
def test_friday_afternoon_rolls_over_the_weekend(hours, expected):
    assert due_at(local(2026, 5, 8, 15), hours, BUSINESS) == expected


@pytest.mark.parametrize(
    "received, expected",
    [
        (local(2026, 5, 12, 22, 30), local(2026, 5, 13, 10)),  # Tue night → Wed 08:00 + 2 h
        (local(2026, 5, 13, 5), local(2026, 5, 13, 10)),  # Wed 05:00 → Wed 08:00 + 2 h
        (local(2026, 5, 10, 11), local(2026, 5, 11, 10)),  # Sun → Mon 08:00 + 2 h
        (local(2026, 5, 12, 17), local(2026, 5, 13, 10)),  # Tue at closing → Wed 08:00 + 2 h
    ],
    ids=["night", "early-morning", "sunday", "at-closing"],
)
def test_received_outside_hours_starts_at_next_opening(received, expected):
    assert due_at(received, 2, BUSINESS) == expected


@pytest.mark.parametrize(
    "received, hours, public_holidays, expected",
    [
        # Thu 2 Apr 16–17 = 1 h; Good Fri 3, Sat, Sun, Easter Mon 6 off → Tue 7 Apr 08 + 2 h
        (local(2026, 4, 2, 16), 3, True, local(2026, 4, 7, 10)),
        # same without holidays: 1 h Thu, then Good Friday 08 + 2 h
        (local(2026, 4, 2, 16), 3, False, local(2026, 4, 3, 10)),
        # Thu 18 Jun 15–17 = 2 h; Midsummer Eve Fri 19 off → Mon 22 Jun 08 + 2 h
        (local(2026, 6, 18, 15), 4, True, local(2026, 6, 22, 10)),
        # Wed 23 Dec 16–17 = 1 h; Christmas Eve Thu, Christmas Day Fri off → Mon 28 Dec 08 + 4 h
        (local(2026, 12, 23, 16), 5, True, local(2026, 12, 28, 12)),
        # Wed 30 Dec 16–17 = 1 h; New Year's Eve Thu, New Year's Day Fri off → Mon 4 Jan 2027
        (local(2026, 12, 30, 16), 3, True, local(2027, 1, 4, 10)),
    ],
    ids=["easter", "easter-counts", "midsummer-eve", "christmas", "new-year"],
)
def test_public_holidays_and_eves(received, hours, public_holidays, expected):
    calendar = Calendar(business_hours=True, public_holidays=public_holidays)
    assert due_at(received, hours, calendar) == expected


@pytest.mark.parametrize(
    "day, public_holidays, expected",
    [
        (date(2026, 4, 3), True, True),  # Good Friday
        (date(2026, 6, 19), True, True),  # Midsummer Eve (a de-facto day off)
        (date(2026, 6, 19), False, False),  # Midsummer Eve counts without holidays
        (date(2026, 5, 9), False, True),  # a Saturday is off either way
        (date(2026, 5, 12), True, False),  # an ordinary Tuesday
    ],
)
def test_is_day_off(day, public_holidays, expected):
    assert is_day_off(day, Calendar(public_holidays=public_holidays)) is expected


@pytest.mark.parametrize(
    "received, expected_local, expected_utc",
    [
        # Fri 27 Mar 15:00 (+01): Fri 2 h + Mon 9 h = 11 h, 5 left → Tue 31 Mar 13:00 (+02)
        (local(2026, 3, 27, 15), datetime(2026, 3, 31, 13), utc(2026, 3, 31, 11)),
        # Fri 23 Oct 15:00 (+02): Fri 2 h + Mon 9 h = 11 h, 5 left → Tue 27 Oct 13:00 (+01)
        (local(2026, 10, 23, 15), datetime(2026, 10, 27, 13), utc(2026, 10, 27, 12)),
    ],
    ids=["spring", "autumn"],
)
def test_business_hours_across_dst_weekend(received, expected_local, expected_utc):
    due = due_at(received, 16, BUSINESS)
    assert due == expected_utc
    assert due.astimezone(STHLM).replace(tzinfo=None) == expected_local


def test_custom_opening_hours_and_workdays():
    # 10–14, Mon–Sat. Fri 8 May 13–14 = 1 h, Sat 9 May 10–14 = 4 h, Sun off,
    # 6 - 5 = 1 h left → Mon 11 May 10:00 + 1 h = 11:00
    calendar = Calendar(
        business_hours=True, opens=time(10), closes=time(14), workdays=frozenset(range(6))
    )
    assert due_at(local(2026, 5, 8, 13), 6, calendar) == local(2026, 5, 11, 11)


@pytest.mark.parametrize(
    "received, hours, expected",
    [
        (local(2026, 5, 12, 8), 9, local(2026, 5, 12, 17)),  # 08 + 9 h = 17:00, same day
        (local(2026, 5, 11, 8), 18, local(2026, 5, 12, 17)),  # Mon 9 h + Tue 9 h
    ],
)
def test_target_running_out_at_closing_is_due_at_closing(received, hours, expected):
    assert due_at(received, hours, BUSINESS) == expected


@pytest.mark.parametrize(
    "received, expected",
    [
        # 01–04 every day. 01:00 (+02) + 1.5 h = 02:30, which occurs twice; the first
        # occurrence (+02) is 00:30 UTC
        (local(2026, 10, 25, 1), utc(2026, 10, 25, 0, 30)),
        # 01:00 (+01) + 1.5 h = 02:30, which does not exist; read with +01 → 01:30 UTC
        (local(2026, 3, 29, 1), utc(2026, 3, 29, 1, 30)),
    ],
    ids=["autumn-repeated-hour", "spring-missing-hour"],
)
def test_opening_hours_in_the_dst_change_hour(received, expected):
    calendar = Calendar(
        business_hours=True, opens=time(1), closes=time(4), workdays=frozenset(range(7))
    )
    assert due_at(received, 1.5, calendar) == expected


def test_due_time_is_never_before_received_in_the_repeated_hour():
    # 02:30 second occurrence (+01) = 01:30 UTC; its wall time read as the first occurrence
    # would be 00:30 UTC, an hour before it was received
    calendar = Calendar(
        business_hours=True, opens=time(1), closes=time(4), workdays=frozenset(range(7))
    )
    received = local(2026, 10, 25, 2, 30, fold=1)
    assert due_at(received, 0, calendar) == utc(2026, 10, 25, 1, 30)


# --- business_hours_between -------------------------------------------------------------


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (local(2026, 5, 12, 9), local(2026, 5, 12, 12, 30), 3.5),  # Tue 09:00–12:30
        (local(2026, 5, 8, 15), local(2026, 5, 11, 10), 4),  # Fri 15–17 + Mon 08–10
        (local(2026, 5, 12, 12), local(2026, 5, 12, 9), 0),  # end before start
    ],
)
def test_business_hours_between(start, end, expected):
    assert business_hours_between(start, end, BUSINESS) == expected


def test_wall_hours_between_across_spring_change():
    # Sat 28 Mar 12:00 (+01) to Mon 30 Mar 13:00 (+02): 11:00 UTC to 11:00 UTC two days on
    assert business_hours_between(local(2026, 3, 28, 12), local(2026, 3, 30, 13), WALL) == 48


def test_business_hours_over_a_whole_year():
    # 2026 starts and ends on a Thursday: 52 weeks × 5 + 1 = 261 weekdays. Weekdays off:
    # 1 Jan, 6 Jan, 3 Apr, 6 Apr, 1 May, 14 May, 19 Jun, 24 Dec, 25 Dec, 31 Dec = 10.
    # (261 - 10) × 9 h = 2259 h
    hours = business_hours_between(local(2026, 1, 1), local(2027, 1, 1), BUSINESS)
    assert hours == 2259


def test_due_at_inverts_business_hours_between():
    start = local(2026, 5, 8, 15)
    inside = local(2026, 5, 11, 10)  # Mon 10:00, within opening hours
    assert due_at(start, business_hours_between(start, inside, BUSINESS), BUSINESS) == inside
    # Sat 9 May is outside hours: the hours run out at Fri 17:00, the last closing before it
    saturday = local(2026, 5, 9, 12)
    due = due_at(start, business_hours_between(start, saturday, BUSINESS), BUSINESS)
    assert due == local(2026, 5, 8, 17)


@pytest.mark.parametrize(
    "start, hours, calendar",
    [
        (local(2026, 5, 12, 9, 15), 0.25, BUSINESS),
        (local(2026, 5, 12, 17), 9, BUSINESS),  # received at closing
        (local(2026, 3, 27, 15), 16, BUSINESS),  # across the spring change
        (local(2026, 4, 4, 12), 7.5, BUSINESS),  # Easter Saturday
        (local(2026, 12, 23, 16, 30), 100.5, BUSINESS),  # Christmas to New Year
        (local(2026, 6, 14, 3), 1000, BUSINESS),  # about half a year
        (local(2026, 10, 24, 12), 48, WALL),  # across the autumn change
    ],
)
def test_round_trip(start, hours, calendar):
    assert business_hours_between(start, due_at(start, hours, calendar), calendar) == hours


# --- invalid input ----------------------------------------------------------------------


def test_naive_datetimes_are_rejected():
    with pytest.raises(ValueError, match="received must be a timezone-aware"):
        due_at(datetime(2026, 5, 12, 9), 4)
    with pytest.raises(ValueError, match="end must be a timezone-aware"):
        business_hours_between(local(2026, 5, 12, 9), datetime(2026, 5, 12, 12), BUSINESS)


@pytest.mark.parametrize("hours", [-1, float("nan")])
def test_invalid_hours(hours):
    with pytest.raises(ValueError, match="hours must be a finite number >= 0"):
        due_at(local(2026, 5, 12, 9), hours, BUSINESS)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"opens": time(17), "closes": time(17)}, "closes .* must be after opens"),
        ({"opens": time(17), "closes": time(8)}, "closes .* must be after opens"),
        ({"workdays": frozenset()}, "workdays must contain at least one weekday"),
        ({"workdays": frozenset({7})}, "weekday numbers from 0 .Monday. to 6"),
        ({"time_zone": "Europe/Atlantis"}, "unknown time zone 'Europe/Atlantis'"),
    ],
    ids=["closes-at-opens", "closes-before-opens", "no-workdays", "bad-weekday", "unknown-zone"],
)
def test_invalid_calendar(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Calendar(business_hours=True, **kwargs)

