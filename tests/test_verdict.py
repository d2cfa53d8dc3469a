"""analysis.verdict (the one rule for "clear"), the mix-adjusted and subgroup rows of
analysis.compare, theme prevalence, and the overview's change, by hand-worked cases."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import scipy.stats

from analysis import intervals, trend, verdict
from analysis.compare import MENTIONS, compare
from analysis.verdict import Rule, decide, judge

RULE = Rule(small_sample=30)


def counts(promoters=0, passives=0, detractors=0, csat_n=0, csat_top=0, comments=0):
    return {"n": promoters + passives + detractors, "promoters": promoters, "passives": passives,
            "detractors": detractors, "csat_n": csat_n, "csat_top": csat_top, "comments": comments}


def frame(*rows):
    return pd.DataFrame([{"dimension": dimension, "key": key, **values} for dimension, key, values in rows])


def row(result, dimension, key, measure):
    found = result[(result["dimension"] == dimension) & (result["key"] == key) & (result["measure"] == measure)]
    assert len(found) == 1, found
    return found.iloc[0]


# --- the rule ---------------------------------------------------------------------------------


def test_rule_arguments():
    with pytest.raises(ValueError, match="alpha"):
        Rule(alpha=1.0)
    with pytest.raises(ValueError, match="small_sample"):
        Rule(small_sample=0)
    assert Rule().confidence == pytest.approx(0.95)


def test_decide_needs_the_flag_the_adjusted_p_and_the_interval():
    assert decide(RULE, 0.001, 5.0, 9.0, (29, 5000)) == "too_few"  # below the flag: never clear
    assert decide(RULE, 0.001, 5.0, 9.0, (30, 5000)) == "higher"
    assert decide(RULE, 0.001, -9.0, -5.0, (30, 5000)) == "lower"
    assert decide(RULE, 0.06, 5.0, 9.0, (30, 5000)) == "no_clear_difference"
    # A p below alpha whose shown interval still covers 0 is not called clear.
    assert decide(RULE, 0.04, -0.1, 9.0, (30, 5000)) == "no_clear_difference"


def test_judge_adjusts_only_the_rows_that_can_be_judged():
    rows = [{"p_value": 0.01, "diff_low": 1.0, "diff_high": 2.0, "sizes": (100, 100)},
            {"p_value": 0.04, "diff_low": 1.0, "diff_high": 2.0, "sizes": (100, 100)},
            {"p_value": 0.0001, "diff_low": 1.0, "diff_high": 2.0, "sizes": (10, 100)}]
    judge(RULE, rows)
    # Benjamini-Hochberg over two: 0.01·2/1 = 0.02, 0.04·2/2 = 0.04.
    assert [r["p_adjusted"] for r in rows] == pytest.approx([0.02, 0.04, 1.0])
    assert [r["verdict"] for r in rows] == ["higher", "higher", "too_few"]
    assert [r["tested"] for r in rows] == [True, True, False]


def test_share_p_is_pearsons_chi_square():
    expected = scipy.stats.chi2_contingency([[66, 34], [550, 450]], correction=False)[1]
    assert verdict.share_p(66, 100, 550, 1000) == pytest.approx(expected, rel=1e-9)
    assert verdict.share_p(0, 10, 0, 20) == 1.0


# --- the overview's change by the same rule -------------------------------------------------------


def test_a_change_with_n_7_is_never_called_clear():
    # Issue 13, item 6: n = 7 was "likely increased, +95 (+3 to +131)" on the overview.
    now, before = counts(7, 0, 0), counts(0, 1, 6)
    change = trend.compare(now, before, min_responses=5, rule=RULE)
    assert change.kind == "too_few_to_judge"
    assert change.difference.estimate == pytest.approx(100 + 600 / 7)
    assert change.difference.low <= change.difference.estimate <= change.difference.high
    assert trend.compare(counts(2, 0, 0), before, min_responses=5, rule=RULE).kind == "not_enough_data"


def test_a_change_is_clear_exactly_when_the_strengths_list_calls_it_so():
    now, before = counts(60, 25, 15, 100, 80), counts(40, 30, 30, 100, 62)
    change = trend.compare(now, before, min_responses=5, rule=RULE)
    assert change.kind == "clear_increase"
    page = compare(frame(("overall", "all", now)), frame(("overall", "all", before)), rule=RULE)
    assert row(page, "overall", "all", "nps")["verdict"] == "strength"
    assert row(page, "overall", "all", "nps")["p_value"] == pytest.approx(
        verdict.nps_p((60, 25, 15), (40, 30, 30)))
    # satisfaction: 80 % against 62 %, p = 0.0051 alone (a family of one on the overview)
    assert trend.compare(now, before, min_responses=5, rule=RULE, measure="csat").kind == "clear_increase"


# --- mix adjustment (indirect standardisation) ----------------------------------------------------


def test_case_mix_alone_is_no_weakness():
    # The unit answers mostly at "complaint" (NPS -10 everywhere) and little at "store" (NPS 60
    # everywhere): identical per touchpoint, so its lower overall NPS is mix, not performance.
    own = frame(("overall", "all", counts(175, 80, 145, 400, 200)),
                ("touchpoint", "store", counts(70, 20, 10, 100, 80)),
                ("touchpoint", "complaint", counts(105, 60, 135, 300, 120)))
    rest = frame(("overall", "all", counts(3500, 1200, 1300, 6000, 4400)),
                 ("touchpoint", "store", counts(2800, 800, 400, 4000, 3200)),
                 ("touchpoint", "complaint", counts(700, 400, 900, 2000, 800)))
    unadjusted = intervals.nps_difference(175, 80, 145, 3500, 1200, 1300)
    assert unadjusted.high < 0  # a clear "weakness" without the adjustment
    result = compare(own, rest, rule=RULE)
    overall = row(result, "overall", "all", "nps")
    # expected = 0.25 · 60 + 0.75 · (-10) = 7.5 = observed (175 - 145) / 400
    assert overall["adjusted"]
    assert overall["comp_value"] == pytest.approx(0.25 * 60 + 0.75 * -10)
    assert overall["diff"] == pytest.approx(0.0, abs=1e-9)
    assert overall["diff_low"] <= overall["diff"] <= overall["diff_high"]
    csat = row(result, "overall", "all", "csat")
    assert csat["comp_value"] == pytest.approx(0.25 * 0.8 + 0.75 * 0.4)  # = 0.5 = own share
    assert csat["diff"] == pytest.approx(0.0) and csat["p_group"] == pytest.approx(1.0)
    assert not result["verdict"].isin(["strength", "weakness"]).any(), result


def test_standardised_nps_interval_by_hand():
    # One touchpoint only: the standardised comparison is the plain two-sample adjusted Wald.
    own = frame(("overall", "all", counts(60, 25, 15)), ("touchpoint", "a", counts(60, 25, 15)))
    rest = frame(("overall", "all", counts(40, 30, 30)), ("touchpoint", "a", counts(40, 30, 30)))
    overall = row(compare(own, rest, rule=RULE), "overall", "all", "nps")
    plain = intervals.nps_difference(60, 25, 15, 40, 30, 30)
    assert (overall["diff"], overall["diff_low"], overall["diff_high"]) == pytest.approx(
        (plain.estimate, plain.low, plain.high))


def test_standardised_share_interval_is_newcombe_with_one_touchpoint():
    own = frame(("overall", "all", counts(csat_n=100, csat_top=66)), ("touchpoint", "a", counts(csat_n=100, csat_top=66)))
    rest = frame(("overall", "all", counts(csat_n=1000, csat_top=550)),
                 ("touchpoint", "a", counts(csat_n=1000, csat_top=550)))
    overall = row(compare(own, rest, rule=RULE), "overall", "all", "csat")
    newcombe = intervals.proportion_difference(66, 100, 550, 1000)
    assert (overall["diff_low"], overall["diff_high"]) == pytest.approx((newcombe.low, newcombe.high))
    # z = (66 - 55) / sqrt(100 · 0.55 · 0.45 · (1 + 100/1000))
    z = 11 / math.sqrt(100 * 0.55 * 0.45 * 1.1)
    assert overall["p_group"] == pytest.approx(2 * scipy.stats.norm.sf(z))


# --- one cause, one card --------------------------------------------------------------------------


def _uniform_shift():
    """Every channel of the unit 20 NPS points below the rest, the same everywhere."""
    own = [("overall", "all", counts(400, 300, 300))]
    rest = [("overall", "all", counts(6000, 3000, 1000))]
    for key in ("web", "phone", "store", "mail"):
        own.append(("channel", key, counts(100, 75, 75)))
        rest.append(("channel", key, counts(1500, 750, 250)))
    return frame(*own), frame(*rest)


def test_a_uniform_shift_gives_one_card_not_one_per_group():
    own, rest = _uniform_shift()
    result = compare(own, rest, rule=RULE)
    assert row(result, "overall", "all", "nps")["verdict"] == "weakness"
    channels = result[result["dimension"] == "channel"]
    assert (channels["p_group"] < 1e-6).all()  # each is far below the rest's channel...
    assert (channels["verdict"] == "no_clear_difference").all()  # ...but only as much as the unit


def test_a_group_apart_from_its_unit_is_a_card():
    own, rest = _uniform_shift()
    own.loc[own["key"] == "mail", ["promoters", "passives", "detractors", "n"]] = [20, 50, 180, 250]
    own.loc[own["key"] == "all", ["promoters", "passives", "detractors", "n"]] = [320, 275, 405, 1000]
    result = compare(own, rest, rule=RULE)
    mail = row(result, "channel", "mail", "nps")
    assert mail["verdict"] == "weakness" and mail["p_apart"] < 0.001
    assert (result[(result["dimension"] == "channel") & (result["key"] != "mail")]["verdict"]
            != "weakness").all()


# --- theme prevalence apart from the score among mentioners ---------------------------------------


def test_theme_prevalence_and_score_among_mentioners_are_separate_rows():
    own = frame(("overall", "all", counts(500, 300, 200, comments=400)),
                ("theme", "waiting", counts(60, 40, 100, comments=200)))
    rest = frame(("overall", "all", counts(5000, 3000, 2000, comments=4000)),
                 ("theme", "waiting", counts(300, 200, 500, comments=1000)))
    result = compare(own, rest, rule=RULE)
    mentions = row(result, "theme", "waiting", MENTIONS)
    # 200 of 400 comments against 1,000 of 4,000: Wilson, Newcombe, Pearson as for any share.
    assert (mentions["value"], mentions["comp_value"], mentions["n"], mentions["comp_n"]) == (0.5, 0.25, 400, 4000)
    newcombe = intervals.proportion_difference(200, 400, 1000, 4000)
    assert (mentions["diff_low"], mentions["diff_high"]) == pytest.approx((newcombe.low, newcombe.high))
    assert mentions["verdict"] == "more_often"
    expected = scipy.stats.fisher_exact([[200, 200], [1000, 3000]]).pvalue
    assert mentions["p_group"] == pytest.approx(expected, rel=1e-9)
    score = row(result, "theme", "waiting", "nps")  # NPS -20 among mentioners here and there
    assert score["diff"] == pytest.approx(0.0) and score["verdict"] == "no_clear_difference"
    targets = compare(own, targets={"nps": 0.0}, rule=RULE)
    assert MENTIONS not in set(targets["measure"])  # a target has no prevalence to compare with


def test_share_p_equals_statsmodels_score_test():
    from statsmodels.stats.proportion import test_proportions_2indep

    for top1, n1, top2, n2 in ((3, 10, 40, 41), (29, 30, 28000, 30000), (1, 5, 0, 7), (50, 100, 500, 1000)):
        with np.errstate(divide="ignore", invalid="ignore"):  # its ratio fields when a share is 0
            expected = test_proportions_2indep(top1, n1, top2, n2, method="score", compare="diff",
                                               correction=False).pvalue
        assert verdict.share_p(top1, n1, top2, n2) == pytest.approx(float(expected), rel=1e-9)
