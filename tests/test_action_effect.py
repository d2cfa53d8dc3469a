"""analysis.action_effect: a difference-in-differences worked by hand, every verdict, windows
and triggers, overlapping actions as one group, targets, and the roll-up."""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from analysis.action_effect import (
    GROUP_COLUMNS, ROLL_UP_COLUMNS, VERDICTS, action_effect, did_counts, overlap_groups,
    pending_result, roll_up, target_of, trigger_start, windows,
)

HAND = 5e-4  # the hand computation below keeps 4 decimals


def nps(promoters, passives, detractors):
    return {"promoters": promoters, "passives": passives, "detractors": detractors,
            "n": promoters + passives + detractors}


def frame(*rows):
    return pd.DataFrame(list(rows))


# --- a difference-in-differences by hand ------------------------------------------------------


def test_nps_difference_in_differences_by_hand():
    # Unit:    baseline 50 promoters, 30 passives, 20 detractors (NPS 30), after 60/25/15 (NPS 45);
    #          change +15.
    # Comparison units (100 answers a window each, so equal weights 1/3):
    #   A 40/40/20 -> 45/35/20 (20 -> 25, +5); B 50/30/20 -> 50/30/20 (30 -> 30, 0);
    #   C 60/20/20 -> 80/10/10 (40 -> 70, +30). Group 30 -> 41.6667 (weighted means), change +11.6667.
    # Difference in differences: 15 - 11.6667 = 3.3333 points.
    # Sampling variance of each NPS in points², adjusted Wald (Rocks 2016, Am Stat 70(4);
    # Lewis & Sauro 2021): n + 3, promoters and detractors + 0.75, 1e4 (p + d - (p - d)²) / (n + 3):
    #   unit 59.1593 + 53.5770 = 112.7363;
    #   A 54.3091 + 56.9630 = 111.2721; B 59.1593 + 59.1593 = 118.3187; C 62.1793 + 41.4056 = 103.5849.
    # Between-period variance (method of moments, Hedges & Olkin 1985, ch. 9): the sample variance
    # of the changes (5, 0, 30) is 258.3333, minus the mean sampling variance 111.0585: 147.2748.
    # Variance of the estimate: 112.7363 + 147.2748 + (1/9)(111.2721 + 118.3187 + 103.5849
    #   + 3 × 147.2748) = 346.1222; se 18.6044; t(0.975, 2 df) = 4.302653; half 80.0481.
    # Interval 3.3333 ± 80.0481 = -76.7148 .. 83.3814.
    result = action_effect(
        "nps", nps(50, 30, 20), nps(60, 25, 15),
        frame(nps(40, 40, 20), nps(50, 30, 20), nps(60, 20, 20)),
        frame(nps(45, 35, 20), nps(50, 30, 20), nps(80, 10, 10)), small_sample=30)
    assert result["unit_before"] == pytest.approx(30) and result["unit_after"] == pytest.approx(45)
    assert result["control_before"] == pytest.approx(30) and result["control_after"] == pytest.approx(125 / 3)
    assert result["control_change"] == pytest.approx(35 / 3)
    assert result["difference"] == pytest.approx(10 / 3)
    assert result["tau"] == pytest.approx(math.sqrt(147.2748), abs=HAND)
    assert result["low"] == pytest.approx(-76.7148, abs=HAND)
    assert result["high"] == pytest.approx(83.3814, abs=HAND)
    assert result["verdict"] == "no_clear_difference"
    assert (result["unit_n_before"], result["unit_n_after"], result["units"]) == (100, 100, 3)
    assert (result["control_n_before"], result["control_n_after"]) == (300, 300)


def test_share_difference_in_differences_by_hand():
    # Satisfied (4-5) of 200: unit 100 -> 150 (0.5 -> 0.75, +0.25); comparison units of 200 each,
    # 100 -> 110, 120 -> 120, 140 -> 150 (changes +0.05, 0, +0.05; group +0.033333).
    # Difference 0.25 - 0.033333 = 0.216667.
    # Price & Bonett 2004 (Comput Stat Data Anal 45:449-456), four proportions: add 0.5 to the
    # successes and 1 to n, var = p~(1 - p~)/(n + 1):
    #   100.5/201 = 0.5 -> 0.25/201 = 0.00124378; 150.5/201 = 0.748756 -> 0.00093591;
    #   110.5/201 = 0.549751 -> 0.00123163; 120.5/201 = 0.599502 -> 0.00119403;
    #   140.5/201 = 0.699005 -> 0.00104680; 150.5/201 -> 0.00093591.
    # Changes' sample variance 0.000833333; mean sampling variance of a change
    # (0.00247541 + 0.00238806 + 0.00198271)/3 = 0.00228206: between-period variance 0.
    # Var = 0.00124378 + 0.00093591 + (0.00247541 + 0.00238806 + 0.00198271)/9 = 0.00294037;
    # se 0.0542252; t(0.975, 2) 4.302653 -> half 0.233312: -0.016645 .. 0.449979.
    def csat(top):
        return {"csat_n": 200, "csat_top": top}

    result = action_effect("csat", csat(100), csat(150), frame(csat(100), csat(120), csat(140)),
                           frame(csat(110), csat(120), csat(150)))
    assert result["difference"] == pytest.approx(0.216667, abs=1e-6)
    assert result["tau"] == 0.0
    assert result["low"] == pytest.approx(-0.016645, abs=1e-5)
    assert result["high"] == pytest.approx(0.449979, abs=1e-5)
    assert result["verdict"] == "no_clear_difference"


# --- verdicts -----------------------------------------------------------------------------------


def _arrays(unit_b, unit_a, controls_b, controls_a, **options):
    return did_counts("nps", np.array(unit_b), np.array(unit_a), np.array(controls_b),
                      np.array(controls_a), **options)


def _steady(k=10, n=400, top=200, bottom=80):
    return [[top, bottom, n]] * k


def test_a_clear_rise_beyond_comparable_units_is_improved_and_a_fall_is_worse():
    controls = _steady()
    up = _arrays([200, 80, 400], [300, 40, 400], controls, controls)
    assert up["verdict"] == "improved" and up["low"] > 0 and up["difference"] == pytest.approx(35)
    down = _arrays([300, 40, 400], [200, 80, 400], controls, controls)
    assert down["verdict"] == "worse" and down["high"] < 0


def test_a_rise_every_unit_shares_is_no_clear_difference():
    before = [[200, 80, 400], [210, 80, 400], [190, 80, 400], [200, 90, 400], [205, 75, 400]]
    after = [[top + 60, bottom - 20, n] for top, bottom, n in before]  # everyone +20 points
    result = _arrays([200, 80, 400], [260, 60, 400], before, after)
    assert result["unit_change"] == pytest.approx(20) and result["control_change"] == pytest.approx(20)
    assert result["difference"] == pytest.approx(0) and result["verdict"] == "no_clear_difference"


def test_nothing_is_clear_below_the_small_sample_flag():
    controls = _steady()
    result = _arrays([10, 10, 29], [28, 0, 29], controls, controls, small_sample=30)
    assert result["verdict"] == "too_few" and result["low"] is not None  # figures, no verdict
    assert _arrays([10, 10, 30], [29, 0, 30], controls, controls, small_sample=30)["verdict"] == "improved"


def test_too_few_comparison_units_give_no_comparison():
    small = [[2, 1, 4]] * 10  # below min_responses: left out
    result = _arrays([200, 80, 400], [300, 40, 400], small + _steady(2), small + _steady(2),
                     min_responses=5, min_units=3)
    assert result["verdict"] == "no_comparison" and result["units"] == 2
    assert result["difference"] is None and result["control_before"] is None
    # Too few answers at the unit itself comes first.
    assert _arrays([0, 0, 0], [0, 0, 0], small, small)["verdict"] == "too_few"


def test_the_estimate_lies_inside_its_interval_even_at_the_extremes():
    result = _arrays([0, 0, 40], [40, 0, 40], _steady(3, 40, 0, 40), _steady(3, 40, 0, 40))
    assert result["difference"] == pytest.approx(100 + 0)
    assert result["low"] <= result["difference"] <= result["high"] <= 200


def test_invalid_counts_raise():
    with pytest.raises(ValueError, match="top \\+ bottom"):
        _arrays([5, 3, 6], [1, 1, 6], _steady(), _steady())
    with pytest.raises(ValueError, match="non-negative"):
        _arrays([1, 1, 6], [1, 1, 6], [[-1, 0, 5]] * 3, _steady(3))
    with pytest.raises(ValueError, match="one row per comparison unit"):
        action_effect("nps", nps(1, 1, 1), nps(1, 1, 1), frame(nps(1, 1, 1)), frame())
    with pytest.raises(ValueError, match="unknown measure"):
        action_effect("revenue", {}, {}, frame(), frame())


# --- windows, triggers, targets and groups -------------------------------------------------------


def test_windows_end_before_the_trigger_and_start_after_done():
    found = windows(date(2026, 3, 1), date(2026, 4, 10), weeks=8)
    assert (found.baseline_start, found.baseline_end) == (date(2026, 1, 4), date(2026, 2, 28))
    assert (found.after_start, found.after_end) == (date(2026, 4, 11), date(2026, 6, 5))
    assert found.expected_on == date(2026, 6, 6)
    assert not found.complete(date(2026, 6, 5)) and found.complete(date(2026, 6, 6))
    assert pending_result(found, date(2026, 4, 10), "nps") == {
        "measure": "nps", "verdict": "pending", "expected_on": date(2026, 6, 6)}
    assert pending_result(found, date(2026, 6, 6), "nps") is None


def test_the_trigger_is_the_insight_period_else_the_weeks_before_creation():
    created = date(2026, 5, 1)
    assert trigger_start(date(2026, 2, 1), created) == date(2026, 2, 1)
    assert trigger_start(None, created, weeks=8) == created - timedelta(weeks=8)
    assert trigger_start(date(2026, 6, 1), created) == created  # an insight pinned later


def test_the_target_comes_from_the_action_and_its_insight():
    assert target_of("csat", "nps", "touchpoint", "checkout") == ("csat", "touchpoint", "checkout")
    assert target_of(None, "nps", "theme", "waiting") == ("nps", "theme", "waiting")
    assert target_of(None, "share", "segment", "customer_type=new") == (None, None, None)
    assert target_of("nps", None, None, None) == ("nps", None, None)


def test_overlapping_actions_on_a_unit_and_measure_are_one_group():
    rows = pd.DataFrame([
        # unit 1, NPS: done 20 days apart (windows overlap) -> one group; a third much later.
        (1, 1, "nps", "theme", "waiting", date(2026, 1, 1), date(2026, 3, 1)),
        (2, 1, "nps", "touchpoint", "checkout", date(2026, 1, 15), date(2026, 3, 21)),
        (3, 1, "nps", "theme", "waiting", date(2026, 6, 1), date(2026, 8, 1)),
        # the same unit on another measure, and another unit: their own groups
        (4, 1, "csat", None, None, date(2026, 1, 1), date(2026, 3, 5)),
        (5, 2, "nps", "theme", "waiting", date(2026, 1, 1), date(2026, 3, 1)),
    ], columns=["action_id", "unit_id", "measure", "target_type", "target_key", "trigger_start", "done_on"])
    groups = overlap_groups(rows, weeks=8)
    assert list(groups.columns) == GROUP_COLUMNS
    assert [tuple(ids) for ids in groups["action_ids"]] == [(4,), (1, 2), (3,), (5,)]
    joint = groups.iloc[1]
    assert joint["baseline_end"] == date(2025, 12, 31)  # before the earliest trigger
    assert joint["after_start"] == date(2026, 3, 22)    # after the last was done
    assert (joint["target_type"], joint["target_key"]) == (None, None)  # different targets: whole unit
    assert groups.iloc[2]["target_key"] == "waiting"
    assert overlap_groups(rows.iloc[0:0]).empty


# --- roll-up ------------------------------------------------------------------------------------


def test_roll_up_counts_each_result_once():
    effects = pd.DataFrame({
        "unit": ["A", "A", "B", "C", "C", None],
        "region": ["North", "North", "North", "South", "South", None],
        "verdict": ["improved", "pending", "no_clear_difference", "worse", "not_done", "too_few"],
    })
    table = roll_up(effects)
    assert list(table.columns) == ROLL_UP_COLUMNS
    total = table[table["level"] == "total"].iloc[0]
    assert (total["results"], total["judged"], total["improved"], total["pending"]) == (5, 3, 1, 1)
    north = table[(table["level"] == "region") & (table["region"] == "North")].iloc[0]
    assert (north["results"], north["judged"]) == (3, 2)
    assert roll_up(pd.DataFrame()).iloc[-1][list(VERDICTS)].sum() == 0
    with pytest.raises(ValueError, match="unknown verdicts"):
        roll_up(pd.DataFrame({"unit": ["A"], "region": ["R"], "verdict": ["clearly_improved"]}))
