"""analysis.effects: hand-worked and published cases, every verdict, edge cases, the roll-up
and the planted actions of the demo organisation."""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from analysis import intervals
from analysis.effects import (
    MEASURES, ROLL_UP_COLUMNS, SENTENCE_COUNTS, VERDICTS, action_effect, roll_up,
)
from ingest import demo

PUBLISHED = 5e-5  # half a unit in the 4th decimal: tables that print 4 decimals
TODAY = date(2026, 11, 23)
WINDOW = timedelta(weeks=8)


def counts(promoters=0, passives=0, detractors=0, csat_n=0, csat_top=0):
    return {"promoters": promoters, "passives": passives, "detractors": detractors,
            "csat_n": csat_n, "csat_top": csat_top}


def finite(result: dict) -> bool:
    numbers = [result["difference"], result["diff_low"], result["diff_high"],
               *result["before"].values(), *result["after"].values()]
    return all(isinstance(x, (int, float)) and math.isfinite(x) for x in numbers)


# --- hand-worked and published cases --------------------------------------------------------


def test_nps_hand_worked():
    # before: 120 promoters, 50 passives, 30 detractors (n 200, NPS 45);
    # after:   45 promoters, 30 passives, 25 detractors (n 100, NPS 20); difference -25 points.
    # Adjusted Wald (Lewis & Sauro 2021): add 3 to n and 0.75 to promoters and detractors.
    #   after:  n_adj 103, p 45.75/103 = 0.444175, d 25.75/103 = 0.25, nps_adj 0.194175,
    #           var (0.694175 - 0.194175²)/103 = (0.694175 - 0.037704)/103 = 0.00637350
    #   before: n_adj 203, p 120.75/203 = 0.594828, d 30.75/203 = 0.151478, nps_adj 0.443350,
    #           var (0.746305 - 0.443350²)/203 = (0.746305 - 0.196559)/203 = 0.00270811
    #   centre 0.194175 - 0.443350 = -0.249175; se sqrt(0.00908161) = 0.0952975;
    #   half 1.959964 × 0.0952975 = 0.186780 → -0.435955 .. -0.062395 → -43.5955 .. -6.2395
    result = action_effect(counts(120, 50, 30), counts(45, 30, 25), "nps")
    assert result["measure"] == "nps"
    assert result["difference"] == pytest.approx(-25.0)
    assert result["diff_low"] == pytest.approx(-43.5955, abs=PUBLISHED)
    assert result["diff_high"] == pytest.approx(-6.2395, abs=PUBLISHED)
    assert result["verdict"] == "worse"
    assert result["before"]["estimate"] == pytest.approx(45.0)
    assert result["before"]["n"] == 200 and result["after"]["n"] == 100
    assert result["after"]["estimate"] == pytest.approx(20.0)
    # the same as analysis.intervals, after first
    same = intervals.nps_difference(45, 30, 25, 120, 50, 30)
    assert (result["difference"], result["diff_low"], result["diff_high"]) == (
        same.estimate, same.low, same.high)
    single = intervals.nps(120, 50, 30)
    assert result["before"] == {"estimate": single.estimate, "low": single.low,
                                "high": single.high, "n": 200}


def test_csat_matches_newcombe_1998():
    # Newcombe R.G. (1998) "Interval estimation for the difference between independent
    # proportions: comparison of eleven methods", Stat Med 17:873-890, Table II, example (a),
    # method 10: 56/70 - 48/80 = 0.2000, interval 0.0524 to 0.3339. By hand from the Wilson
    # intervals 56/70: 0.691834..0.876953 and 48/80: 0.490455..0.700382:
    #   low  = 0.2 - sqrt((0.8 - 0.691834)² + (0.700382 - 0.6)²) = 0.2 - sqrt(0.011700 + 0.010076)
    #        = 0.2 - 0.147568 = 0.052431
    #   high = 0.2 + sqrt((0.876953 - 0.8)² + (0.6 - 0.490455)²) = 0.2 + sqrt(0.005922 + 0.012000)
    #        = 0.2 + 0.133873 = 0.333873
    result = action_effect(counts(csat_n=80, csat_top=48), counts(csat_n=70, csat_top=56), "csat")
    assert result["measure"] == "csat"
    assert result["difference"] == pytest.approx(0.2)
    assert result["diff_low"] == pytest.approx(0.0524, abs=PUBLISHED)
    assert result["diff_high"] == pytest.approx(0.3339, abs=PUBLISHED)
    assert result["verdict"] == "improved"
    assert result["before"]["estimate"] == pytest.approx(0.6)
    assert result["after"]["estimate"] == pytest.approx(0.8)
    assert result["before"]["low"] == pytest.approx(0.490455, abs=1e-6)
    same = intervals.proportion_difference(56, 70, 48, 80)
    assert (result["diff_low"], result["diff_high"]) == (same.low, same.high)


# --- every verdict --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("measure", "before", "after", "verdict"),
    [
        ("nps", counts(40, 30, 30), counts(60, 25, 15), "improved"),  # +35, 12.5..55.5
        ("nps", counts(60, 25, 15), counts(40, 30, 30), "worse"),
        ("nps", counts(50, 30, 20), counts(52, 30, 18), "no_clear_change"),
        ("nps", counts(10, 10, 9), counts(60, 25, 15), "too_few"),  # before n 29 < 30
        ("nps", counts(60, 25, 15), counts(29, 0, 0), "too_few"),  # after n 29 < 30
        ("csat", counts(csat_n=100, csat_top=50), counts(csat_n=100, csat_top=80), "improved"),
        ("csat", counts(csat_n=100, csat_top=80), counts(csat_n=100, csat_top=50), "worse"),
        ("csat", counts(csat_n=100, csat_top=70), counts(csat_n=100, csat_top=72),
         "no_clear_change"),
        # plenty of NPS answers but too few CSAT answers: the measure's own n decides
        ("csat", counts(500, 0, 0, csat_n=20, csat_top=10), counts(500, 0, 0, 200, 180),
         "too_few"),
    ],
)
def test_verdicts(measure, before, after, verdict):
    result = action_effect(before, after, measure)
    assert result["verdict"] == verdict
    assert finite(result)
    if verdict == "improved":
        assert result["diff_low"] > 0
    if verdict == "worse":
        assert result["diff_high"] < 0


def test_every_verdict_is_listed_and_not_done_is_only_for_the_roll_up():
    assert set(VERDICTS) == {"improved", "no_clear_change", "worse", "too_few", "not_done"}
    assert MEASURES == ("nps", "csat", "scale10", "positive")


def test_a_sentiment_or_a_1_to_10_rating_is_judged_as_its_own_share():
    from analysis import intervals

    before, after = {"sent_n": 200, "sent_pos": 80}, {"sent_n": 220, "sent_pos": 132}
    result = action_effect(before, after, "positive")
    expected = intervals.proportion_difference(132, 220, 80, 200)
    assert (result["difference"], result["diff_low"], result["diff_high"]) == pytest.approx(
        (expected.estimate, expected.low, expected.high))
    assert result["verdict"] == "improved" and result["after"]["n"] == 220
    tens = action_effect({"s10_n": 40, "s10_top": 10, "n": 500, "promoters": 400}, {"s10_n": 10}, "scale10")
    assert tens["verdict"] == "too_few" and tens["before"]["n"] == 40  # never read from the NPS


def test_min_responses_is_inclusive_and_configurable():
    assert action_effect(counts(10, 10, 10), counts(20, 5, 5))["verdict"] != "too_few"  # n 30
    assert action_effect(counts(10, 10, 10), counts(20, 5, 5),
                         min_responses=31)["verdict"] == "too_few"
    assert action_effect(counts(3, 1, 1), counts(5, 0, 0), min_responses=5)["verdict"] != "too_few"


def test_confidence_level_widens_the_interval():
    narrow = action_effect(counts(40, 30, 30), counts(55, 25, 20), confidence=0.80)
    wide = action_effect(counts(40, 30, 30), counts(55, 25, 20), confidence=0.99)
    assert wide["diff_low"] < narrow["diff_low"] < narrow["diff_high"] < wide["diff_high"]
    with pytest.raises(ValueError):
        action_effect(counts(1), counts(1), confidence=1.5)


def test_unknown_measure_is_a_programming_error():
    with pytest.raises(ValueError):
        action_effect(counts(), counts(), "mean")


# --- edge cases: never NaN, never an exception ----------------------------------------------


@pytest.mark.parametrize("measure", MEASURES)
def test_empty_windows(measure):
    for before, after in ((counts(), counts()), (counts(), counts(40, 30, 30, 100, 60)),
                          (counts(40, 30, 30, 100, 60), counts()), ({}, {}), (None, None)):
        result = action_effect(before, after, measure)
        assert result["verdict"] == "too_few"
        assert finite(result)
    # with no minimum, two empty windows are simply no clear change over the whole range
    result = action_effect(counts(), counts(), measure, min_responses=0)
    assert result["verdict"] == "no_clear_change"
    assert finite(result)
    assert result["difference"] == 0.0
    full = 200.0 if measure == "nps" else 1.0
    assert (result["diff_low"], result["diff_high"]) == (-full, full)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (counts(0, 0, 50, 50, 0), counts(50, 0, 0, 50, 50)),  # all detractors → all promoters
        (counts(50, 0, 0, 50, 50), counts(50, 0, 0, 50, 50)),  # all promoters both times
        (counts(0, 50, 0, 50, 0), counts(0, 50, 0, 50, 0)),  # passives only, no top box
    ],
)
def test_extreme_counts_stay_finite(before, after):
    for measure in MEASURES:
        result = action_effect(before, after, measure)
        assert finite(result)
        assert result["verdict"] in VERDICTS
    assert action_effect(counts(0, 0, 50, 50, 0), counts(50, 0, 0, 50, 50))["verdict"] == "improved"


def test_counts_from_numpy_pandas_none_and_nan():
    before = {"promoters": np.int64(40), "passives": 30.0, "detractors": pd.NA,
              "csat_n": None, "csat_top": float("nan")}
    result = action_effect(before, counts(60, 25, 15))
    assert result["before"]["n"] == 70
    assert finite(result)
    assert action_effect(before, counts(csat_n=50, csat_top=40), "csat")["verdict"] == "too_few"


def test_more_top_box_than_answers_is_capped():
    result = action_effect(counts(csat_n=40, csat_top=45), counts(csat_n=40, csat_top=20), "csat")
    assert result["before"]["estimate"] == 1.0
    assert finite(result)


# --- roll-up --------------------------------------------------------------------------------


def test_roll_up_counts():
    effects = pd.DataFrame(
        [
            ("Gävle", "Region Nord", "improved"),
            ("Gävle", "Region Nord", "no_clear_change"),
            ("Umeå", "Region Nord", "too_few"),
            ("Umeå", "Region Nord", "not_done"),
            ("Västerås", "Region Mitt", "no_clear_change"),
            ("Örebro", "Region Mitt", "improved"),
            ("Örebro", "Region Mitt", "worse"),
            ("Malmö", "Region Syd", "improved"),
        ],
        columns=["unit", "region", "verdict"],
    )
    result = roll_up(effects)
    assert list(result.columns) == ROLL_UP_COLUMNS
    assert set(SENTENCE_COUNTS) <= set(result.columns)
    assert result["level"].tolist() == ["unit"] * 5 + ["region"] * 3 + ["total"]
    units = result[result["level"] == "unit"].set_index("unit")
    assert units.index.tolist() == ["Västerås", "Örebro", "Gävle", "Umeå", "Malmö"]
    assert units.loc["Gävle", ["improved", "no_clear_change", "done", "judged"]].tolist() == [
        1, 1, 2, 2]
    assert units.loc["Umeå", ["too_few", "not_done", "done", "judged"]].tolist() == [1, 1, 1, 0]
    assert units.loc["Örebro", ["improved", "worse", "done", "judged"]].tolist() == [1, 1, 2, 2]
    regions = result[result["level"] == "region"].set_index("region")
    assert regions.loc["Region Nord", ["done", "judged", "improved"]].tolist() == [3, 2, 1]
    assert regions.loc["Region Mitt", ["done", "judged", "improved", "worse"]].tolist() == [
        3, 3, 1, 1]
    total = result[result["level"] == "total"].iloc[0]
    # "of 7 completed actions, 3 clearly improved their measure" (6 had enough answers to judge)
    assert (total["done"], total["judged"], total["improved"]) == (7, 6, 3)
    assert total[list(VERDICTS)].tolist() == [3, 2, 1, 1, 1]
    assert total["unit"] == "" and total["region"] == ""
    for verdict in VERDICTS:  # regions and units add up to the total
        assert units[verdict].sum() == regions[verdict].sum() == total[verdict]
    assert not result.isna().any().any()
    assert all(result[column].dtype.kind == "i" for column in ROLL_UP_COLUMNS[3:])


def test_roll_up_empty_and_missing_values():
    for empty in (pd.DataFrame(columns=["unit", "region", "verdict"]), pd.DataFrame(), None):
        result = roll_up(empty)
        assert result["level"].tolist() == ["total"]
        assert result[ROLL_UP_COLUMNS[3:]].sum(axis=1).tolist() == [0]
    result = roll_up(pd.DataFrame({"unit": ["A", None], "region": [None, np.nan],
                                   "verdict": ["improved", "worse"]}))
    assert not result.isna().any().any()
    assert result["region"].tolist() == ["", "", "", ""]
    assert result.set_index("level").loc["total", "done"] == 2
    with pytest.raises(ValueError):
        roll_up(pd.DataFrame({"unit": ["A"], "region": ["R"], "verdict": ["better"]}))


# --- the planted actions of the demo organisation ------------------------------------------


@pytest.fixture(scope="module")
def generated():
    units, responses = demo.generate(100_000, 42, TODAY)
    return units["name"].tolist(), responses


def planned_action(unit: str, completed_days_ago: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """When the demo's completed action of ``unit`` was created and completed, as
    ``_write_action`` stores them: created the day after its insight was pinned."""
    [row] = [row for row in demo.PLAN if row[0] == unit and row[5] and row[5][3] == "done"]
    pinned_days_ago, action = row[4], row[5]
    assert action[4] == completed_days_ago
    pinned = TODAY - timedelta(days=pinned_days_ago)
    created = demo._utc(pinned + timedelta(days=1))
    completed = demo._utc(TODAY - timedelta(days=completed_days_ago))
    return pd.Timestamp(created).tz_convert(None), pd.Timestamp(completed).tz_convert(None)


def window_counts(generated, unit: str, first: pd.Timestamp, last: pd.Timestamp) -> dict:
    """Sufficient statistics of a unit's answers with first <= responded_at < last."""
    names, responses = generated
    when = responses.responded_at
    rows = (when >= first) & (when < last) & (responses.unit == names.index(unit))
    scores = responses.nps[rows & ~np.isnan(responses.nps)]
    csat = responses.csat[rows & ~np.isnan(responses.csat)]
    return counts(int((scores >= 9).sum()), int(((scores >= 7) & (scores <= 8)).sum()),
                  int((scores <= 6).sum()), int(csat.size), int((csat >= 4).sum()))


def demo_effect(generated, unit: str, completed_days_ago: int, measure: str = "nps") -> dict:
    created, completed = planned_action(unit, completed_days_ago)
    before = window_counts(generated, unit, created - WINDOW, created)
    after = window_counts(generated, unit, completed, completed + WINDOW)
    return action_effect(before, after, measure)


def test_demo_unchanged_unit_shows_no_clear_change(generated):
    # Västerås, product training, 8 weeks each side (seed 42): before NPS 28.5 (n 393),
    # after 34.8 (n 422), difference +6.3, 95 % interval -4.3 .. +16.9.
    result = demo_effect(generated, demo.UNCHANGED_UNIT, demo.UNCHANGED_DAYS_AGO)
    assert result["before"]["n"] >= 300 and result["after"]["n"] >= 300
    assert result["verdict"] == "no_clear_change"


def test_demo_improved_unit_moves_the_right_way(generated):
    result = demo_effect(generated, demo.IMPROVED_UNIT, demo.IMPROVED_DAYS_AGO)
    assert result["before"]["n"] >= 300 and result["after"]["n"] >= 300
    assert result["difference"] > 5
    assert result["diff_high"] > 10


def test_demo_improved_unit_is_improved(generated):
    # Gävle, an extra till at lunchtime, 8 weeks each side (seed 42): before NPS 14.8 (n 399),
    # after 25.0 (n 340), difference +10.2, 95 % interval -1.0 .. +21.2.
    result = demo_effect(generated, demo.IMPROVED_UNIT, demo.IMPROVED_DAYS_AGO)
    assert result["verdict"] == "improved"
