"""Period presets count back from the latest day with data (analysis/periods.py)."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.periods import PRESETS, window


def test_presets_end_on_the_day_given_and_weeks_are_whole():
    end = date(2024, 4, 17)  # a Wednesday
    assert window("12m", end) == (date(2023, 4, 18), end)
    assert window("3m", end) == (date(2024, 1, 18), end)
    assert window("ytd", end) == (date(2024, 1, 1), end)
    # A weekly huddle looks at finished weeks, Monday to Sunday, up to the day given.
    assert window("last_week", end) == (date(2024, 4, 8), date(2024, 4, 14))
    assert window("4w", end) == (date(2024, 3, 18), date(2024, 4, 14))
    sunday = date(2024, 4, 14)
    assert window("last_week", sunday) == (date(2024, 4, 8), sunday)
    assert window("last_week", date(2024, 4, 15)) == (date(2024, 4, 8), date(2024, 4, 14))  # a Monday
    assert PRESETS[:2] == ("last_week", "4w")


def test_an_unknown_preset_is_refused():
    with pytest.raises(ValueError, match="unknown period"):
        window("99y", date(2024, 4, 14))
