"""The measure registry: estimates and differences per measure, and which measure a
selection has (analysis/measures.py)."""

from __future__ import annotations

import pytest

from analysis import intervals, measures


def test_each_measure_reads_its_own_counts():
    counts = {"n": 10, "promoters": 5, "passives": 3, "detractors": 2,
              "csat_n": 8, "csat_top": 6, "csat_low": 1,
              "s10_n": 4, "s10_top": 1, "s10_low": 2, "sent_n": 20, "sent_pos": 15, "sent_neg": 3}
    assert measures.estimate("nps", counts) == intervals.nps(5, 3, 2)
    assert measures.estimate("csat", counts) == intervals.proportion(6, 8)
    assert measures.estimate("scale10", counts) == intervals.proportion(1, 4)
    assert measures.estimate("positive", counts) == intervals.proportion(15, 20)


def test_differences_use_the_two_sample_methods():
    own = {"n": 50, "promoters": 30, "detractors": 5, "sent_n": 40, "sent_pos": 30, "sent_neg": 5}
    other = {"n": 60, "promoters": 20, "detractors": 20, "sent_n": 50, "sent_pos": 20, "sent_neg": 20}
    assert measures.difference("nps", own, other) == intervals.nps_difference(30, 15, 5, 20, 20, 20)
    assert measures.difference("positive", own, other) == intervals.proportion_difference(30, 40, 20, 50)


def test_the_default_measure_is_the_one_with_data():
    stars_only = {"n": 0, "csat_n": 27_000, "sent_n": 0}
    assert measures.available(stars_only) == ["csat"]
    assert measures.default(stars_only) == "csat"
    assert measures.default(stars_only, chosen="nps") == "csat"
    both = {"n": 10, "csat_n": 5_000}
    assert measures.default(both) == "nps"
    assert measures.default(both, chosen="csat") == "csat"
    labels_and_tens = {"s10_n": 30, "sent_n": 300}
    assert measures.default(labels_and_tens) == "positive"
    assert measures.default({}) is None


def test_an_unknown_measure_is_refused():
    with pytest.raises(ValueError, match="unknown measure"):
        measures.get("stars")
