"""analysis.compare against published values, hand-worked cases, edge cases and a simulation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.stats

from analysis import compare as compare_module
from analysis import verdict as verdict_module
from analysis.compare import VERDICTS, closest, compare
from analysis.verdict import Rule, benjamini_hochberg

PUBLISHED = 5e-5  # half a unit in the 4th decimal: tables that print 4 decimals
NUMBERS = ["value", "low", "high", "n", "comp_value", "comp_low", "comp_high", "comp_n",
           "diff", "diff_low", "diff_high", "p_value", "p_adjusted"]


def group(dimension, key, promoters=0, passives=0, detractors=0, csat_n=0, csat_top=0):
    return {"dimension": dimension, "key": key, "n": promoters + passives + detractors,
            "promoters": promoters, "passives": passives, "detractors": detractors,
            "csat_n": csat_n, "csat_top": csat_top}


def frame(*groups):
    return pd.DataFrame(list(groups))


def row(result, dimension, key, measure):
    found = result[(result["dimension"] == dimension) & (result["key"] == key)
                   & (result["measure"] == measure)]
    assert len(found) == 1, found
    return found.iloc[0]


def assert_no_nan(result):
    assert np.isfinite(result[NUMBERS].to_numpy(dtype=float)).all(), result
    assert result["verdict"].isin(VERDICTS).all()


# --- Benjamini-Hochberg -----------------------------------------------------------------------

# Benjamini Y., Hochberg Y. (1995) "Controlling the false discovery rate: a practical and
# powerful approach to multiple testing", J R Stat Soc B 57:289-300, section 3.2: the 15
# p-values of a trial of treatments after myocardial infarction; at q = 0.05 the procedure
# rejects the four smallest (p(4) = 0.0095 <= 4/15 * 0.05 = 0.0133, and no larger p(i) is
# below i/15 * 0.05).
BH_1995 = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459,
           0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000]


def test_benjamini_hochberg_1995_example():
    adjusted = benjamini_hochberg(BH_1995)
    assert list(adjusted < 0.05) == [True] * 4 + [False] * 11
    # Adjusted p(i) = min over j >= i of p(j) * 15 / j, by hand:
    #   p(4): 0.0095 * 15/4 = 0.035625 (every later product is larger)
    #   p(5): min(0.0201*3 = 0.0603, 0.0278*2.5 = 0.0695, 0.0298*15/7 = 0.063857,
    #             0.0344*15/8 = 0.0645, 0.0459*15/9 = 0.0765, ...) = 0.0603
    #   p(3): min(0.0019 * 5 = 0.0095, 0.035625, ...) = 0.0095
    assert adjusted[3] == pytest.approx(0.035625)
    assert adjusted[4] == pytest.approx(0.0603)
    assert adjusted[2] == pytest.approx(0.0095)
    assert adjusted[14] == pytest.approx(1.0)
    # The order of the input does not matter.
    shuffled = np.random.default_rng(3).permutation(15)
    assert benjamini_hochberg(np.array(BH_1995)[shuffled]) == pytest.approx(adjusted[shuffled])


def test_benjamini_hochberg_empty():
    assert benjamini_hochberg([]).size == 0


def test_compare_adjusts_with_the_helper_over_tested_rows_only(monkeypatch):
    # A page whose overall CSAT differs with raw p = 0.035 (66/100 vs 550/1000; Pearson
    # chi-square without continuity correction, checked against scipy below), with two channels
    # identical to the comparator's (p = 1) and one too small to test. Without touchpoint rows
    # the overall row is not mix-adjusted.
    own = frame(group("overall", "all", 70, 20, 10, 100, 66),
                group("channel", "a", 30, 10, 5, 40, 27),
                group("channel", "b", 35, 8, 4, 45, 30),
                group("channel", "c", 2, 0, 1, 2, 1))
    rest = frame(group("overall", "all", 300, 300, 400, 1000, 550),
                 group("channel", "a", 30, 10, 5, 40, 27),
                 group("channel", "b", 35, 8, 4, 45, 30),
                 group("channel", "c", 30, 30, 40, 50, 25))
    calls = []

    def spy(p_values, alpha=0.05):
        calls.append(list(p_values))
        return benjamini_hochberg(p_values, alpha)

    monkeypatch.setattr(verdict_module, "benjamini_hochberg", spy)
    result = compare(own, rest)
    tested = result[result["tested"]]
    assert calls == [list(tested["p_value"])]
    assert len(tested) == 6  # channel c: 3 and 2 answers, below the small-sample flag (30)
    assert list(tested["p_adjusted"]) == pytest.approx(list(benjamini_hochberg(tested["p_value"])))
    csat = row(result, "overall", "all", "csat")
    expected = scipy.stats.chi2_contingency([[66, 34], [550, 450]], correction=False)[1]
    assert csat["p_value"] == pytest.approx(expected, rel=1e-9)
    assert csat["p_value"] < 0.05
    # Rank 2 of 6 tested rows: adjusted 0.0346 * 6 / 2 > 0.05, so not a strength.
    assert csat["p_adjusted"] == pytest.approx(expected * 6 / 2, rel=1e-9)
    assert csat["verdict"] == "no_clear_difference"
    assert row(result, "overall", "all", "nps")["verdict"] == "strength"
    untested = result[~result["tested"]]
    assert set(untested["verdict"]) == {"too_few"}
    assert (untested["p_value"] == 1.0).all() and (untested["p_adjusted"] == 1.0).all()


# --- CSAT: Newcombe's interval and the score test ----------------------------------------------


def test_csat_difference_matches_newcombe_1998():
    # Newcombe R.G. (1998) "Interval estimation for the difference between independent
    # proportions: comparison of eleven methods", Stat Med 17:873-890, Table II, method 10,
    # example (a): 56/70 - 48/80 = 0.2000, 95 % interval 0.0524 to 0.3339.
    result = compare(frame(group("overall", "all", csat_n=70, csat_top=56)),
                     frame(group("overall", "all", csat_n=80, csat_top=48)))
    assert list(result["measure"]) == ["csat"]  # no NPS answers on either side: row left out
    csat = result.iloc[0]
    assert csat["value"] == pytest.approx(0.8)
    assert csat["comp_value"] == pytest.approx(0.6)
    assert (csat["n"], csat["comp_n"]) == (70, 80)
    assert csat["diff"] == pytest.approx(0.2)
    assert csat["diff_low"] == pytest.approx(0.0524, abs=PUBLISHED)
    assert csat["diff_high"] == pytest.approx(0.3339, abs=PUBLISHED)
    # Score test = Pearson chi-square of [[56, 14], [48, 32]] without continuity correction.
    # By hand: expected 48.533, 21.467, 55.467, 24.533; |O - E| = 7.4667 in every cell;
    # chi2 = 7.4667² · (1/48.533 + 1/21.467 + 1/55.467 + 1/24.533) = 7.0234, p = 0.00805.
    assert csat["p_value"] == pytest.approx(0.008045, abs=5e-7)
    assert csat["verdict"] == "strength"


def test_csat_against_target_is_exact_binomial():
    result = compare(frame(group("overall", "all", csat_n=70, csat_top=50)),
                     targets={"csat": 0.8})
    csat = result.iloc[0]
    assert csat["p_value"] == pytest.approx(scipy.stats.binomtest(50, 70, 0.8).pvalue, rel=1e-12)
    assert (csat["comp_value"], csat["comp_low"], csat["comp_high"], csat["comp_n"]) == (0.8, 0.8, 0.8, 0)
    assert csat["diff"] == pytest.approx(50 / 70 - 0.8)
    assert csat["diff_low"] == pytest.approx(csat["low"] - 0.8)
    assert csat["diff_high"] == pytest.approx(csat["high"] - 0.8)


# --- NPS: two-sample adjusted Wald and its z test ----------------------------------------------


def test_nps_difference_hand_worked():
    # Two-sample adjusted Wald (Lewis & Sauro 2021, "Comparing Net Promoter Scores"; Rocks 2016):
    # own 60/25/15 (NPS 45): n_adj = 103, nps_adj = 45/103 = 0.436893,
    #   var = (75.5/103 - 0.436893²)/103 = 0.00535770
    # rest 40/30/30 (NPS 10): nps_adj = 10/103 = 0.0970874, var = 0.00664805
    # difference 0.339806, se = sqrt(0.0120057) = 0.109571
    #   interval 0.339806 ± 1.959964 · 0.109571 → 12.5051 .. 55.4560 points, estimate 35
    #   z = 0.339806 / 0.109571 = 3.10124, p = 2 · (1 - Φ(3.10124)) = 0.0019271
    result = compare(frame(group("overall", "all", 60, 25, 15)),
                     frame(group("overall", "all", 40, 30, 30)))
    nps = row(result, "overall", "all", "nps")
    assert (nps["value"], nps["comp_value"], nps["diff"]) == (45.0, 10.0, 35.0)
    assert (nps["n"], nps["comp_n"]) == (100, 100)
    assert nps["diff_low"] == pytest.approx(12.5051, abs=PUBLISHED)
    assert nps["diff_high"] == pytest.approx(55.4560, abs=PUBLISHED)
    assert nps["p_value"] == pytest.approx(0.0019271, abs=5e-7)
    assert nps["verdict"] == "strength"
    assert list(result["measure"]) == ["nps"]
    # Swapped: the same p, a weakness.
    swapped = compare(frame(group("overall", "all", 40, 30, 30)),
                      frame(group("overall", "all", 60, 25, 15))).iloc[0]
    assert swapped["diff"] == -35.0
    assert swapped["p_value"] == pytest.approx(nps["p_value"], rel=1e-12)
    assert swapped["verdict"] == "weakness"


def test_nps_against_target_hand_worked():
    # 60/25/15 against a target of 30: z = (0.436893 - 0.30) / sqrt(0.00535770)
    #   = 0.136893 / 0.0731963 = 1.87022, p = 2 · (1 - Φ(1.87022)) = 0.061453.
    result = compare(frame(group("overall", "all", 60, 25, 15)), targets={"nps": 30.0})
    nps = result.iloc[0]
    assert nps["p_value"] == pytest.approx(0.061453, abs=5e-7)
    assert nps["diff"] == pytest.approx(15.0)
    assert nps["diff_low"] == pytest.approx(29.3431 - 30, abs=PUBLISHED)
    assert nps["diff_high"] == pytest.approx(58.0355 - 30, abs=PUBLISHED)
    assert nps["verdict"] == "no_clear_difference"


# --- verdicts ------------------------------------------------------------------------------------


PAGE_OWN = frame(
    group("overall", "all", 120, 60, 40, 150, 110),
    group("touchpoint", "web", 80, 15, 5, 60, 55),      # much better than the rest
    group("touchpoint", "store", 10, 20, 70, 60, 20),   # much worse
    group("touchpoint", "phone", 30, 25, 25, 30, 20),   # like the rest
    group("channel", "app", 2, 1, 1, 3, 2),             # too few of its own
    group("channel", "mail", 20, 10, 10, 20, 15),       # comparator too small
    group("segment", "vip", 20, 10, 10, 20, 15),        # no such group in the comparator
)
PAGE_REST = frame(
    group("overall", "all", 1000, 600, 400, 1500, 1050),
    group("touchpoint", "web", 400, 300, 300, 500, 350),
    group("touchpoint", "store", 400, 300, 300, 500, 350),
    group("touchpoint", "phone", 400, 300, 300, 500, 350),
    group("channel", "app", 400, 300, 300, 500, 350),
    group("channel", "mail", 2, 1, 1, 3, 2),
)


def test_verdicts_against_the_rest():
    result = compare(PAGE_OWN, PAGE_REST)
    verdict = {(r.dimension, r.key, r.measure): r.verdict for r in result.itertuples()}
    assert verdict[("touchpoint", "web", "nps")] == "strength"
    assert verdict[("touchpoint", "web", "csat")] == "strength"
    assert verdict[("touchpoint", "store", "nps")] == "weakness"
    assert verdict[("touchpoint", "store", "csat")] == "weakness"
    assert verdict[("touchpoint", "phone", "nps")] == "no_clear_difference"
    assert verdict[("touchpoint", "phone", "csat")] == "no_clear_difference"
    assert verdict[("channel", "app", "nps")] == "too_few"
    assert verdict[("channel", "app", "csat")] == "too_few"
    assert verdict[("channel", "mail", "nps")] == "too_few"
    assert verdict[("segment", "vip", "nps")] == "no_comparator"
    assert verdict[("segment", "vip", "csat")] == "too_few"  # 20 answers: own size decides first
    assert len(result) == 2 * len(PAGE_OWN)  # measures without answers on either side: no rows
    assert list(result["measure"][:2]) == ["nps", "csat"]
    assert list(result["tested"]) == [v in ("strength", "weakness", "no_clear_difference")
                                      for v in result["verdict"]]
    for column in ("comp_value", "comp_low", "comp_high", "comp_n"):
        assert row(result, "segment", "vip", "nps")[column] == {
            "comp_value": 0.0, "comp_low": -100.0, "comp_high": 100.0, "comp_n": 0}[column]
    assert_no_nan(result)


def test_target_for_one_measure_only():
    result = compare(PAGE_OWN, targets={"nps": 30.0})
    assert set(result.loc[result["measure"] == "csat", "verdict"]) <= {"no_comparator", "too_few"}
    assert row(result, "touchpoint", "web", "csat")["verdict"] == "no_comparator"
    assert row(result, "channel", "app", "csat")["verdict"] == "too_few"  # own n = 3 comes first
    nps = result[result["measure"] == "nps"]
    assert (nps["comp_value"] == 30.0).all()
    assert row(result, "touchpoint", "web", "nps")["verdict"] == "strength"   # NPS 75
    assert row(result, "touchpoint", "store", "nps")["verdict"] == "weakness"  # NPS -60
    assert row(result, "overall", "all", "nps")["verdict"] == "no_clear_difference"  # 36.4
    # A target needs no comparator n: mail (40 answers) is tested against it.
    assert row(result, "channel", "mail", "nps")["tested"]
    # Only the tested NPS rows enter the adjustment.
    tested = result[result["tested"]]
    assert set(tested["measure"]) == {"nps"}
    assert list(tested["p_adjusted"]) == pytest.approx(list(benjamini_hochberg(tested["p_value"])))
    assert_no_nan(result)


def test_arguments():
    with pytest.raises(ValueError):
        compare(PAGE_OWN)
    with pytest.raises(ValueError):
        compare(PAGE_OWN, PAGE_REST, targets={"nps": 30.0})
    with pytest.raises(ValueError):
        compare(PAGE_OWN, targets={"nps": 130.0})
    with pytest.raises(ValueError):
        compare(PAGE_OWN, targets={"ces": 3.0})
    with pytest.raises(ValueError):
        compare(PAGE_OWN, pd.concat([PAGE_REST, PAGE_REST]))
    empty = compare(PAGE_OWN.iloc[:0], PAGE_REST)
    assert empty.empty and "verdict" in empty.columns


# --- closest -------------------------------------------------------------------------------------


def test_closest():
    result = pd.DataFrame({
        "key": list("abcdefg"),
        "verdict": ["strength", "no_clear_difference", "no_clear_difference",
                    "no_clear_difference", "no_clear_difference", "too_few", "no_clear_difference"],
        "diff": [10.0, 3.0, 8.0, -4.0, 5.0, 20.0, 1.0],
        "p_value": [0.001, 0.20, 0.20, 0.10, 0.08, 1.0, 0.90],
    })
    # Not d (negative), not a (already a strength), not f (not tested); by p, then by diff.
    assert list(closest(result, "strength")["key"]) == ["e", "c", "b"]
    assert list(closest(result, "strength", limit=5)["key"]) == ["e", "c", "b", "g"]
    assert list(closest(result, "weakness")["key"]) == ["d"]
    assert closest(result[result["verdict"] == "strength"], "weakness").empty
    with pytest.raises(ValueError):
        closest(result, "too_few")


def test_closest_on_a_page_without_strengths():
    own = frame(group("overall", "all", 45, 30, 25, 50, 36),
                group("touchpoint", "web", 50, 30, 20, 50, 38))
    rest = frame(group("overall", "all", 400, 300, 300, 500, 350),
                 group("touchpoint", "web", 400, 300, 300, 500, 350))
    result = compare(own, rest)
    assert not result["verdict"].isin(["strength", "weakness"]).any()
    near = closest(result, "strength")
    # web is the whole unit here: it is judged as the overall row ("as_overall"), not again
    assert len(near) == 2 and (near["diff"] > 0).all()
    assert row(result, "touchpoint", "web", "nps")["verdict"] == "as_overall"
    assert list(near["p_value"]) == sorted(near["p_value"])


# --- no NaN at the edges -------------------------------------------------------------------------


def test_edges_never_give_nan():
    own = frame(group("overall", "all", 30, 0, 0, 30, 30),           # all promoters, all top box
                group("touchpoint", "web", 0, 0, 0, 0, 0),           # nothing here
                group("touchpoint", "store", 0, 0, 0, 0, 0),         # nothing, rest has some
                group("touchpoint", "phone", 30, 0, 0, 30, 30),      # identical to the rest
                group("channel", "app", 0, 0, 30, 30, 0))            # all detractors, no top box
    rest = frame(group("overall", "all", 35, 5, 5, 40, 35),
                 group("touchpoint", "web", 0, 0, 0, 0, 0),
                 group("touchpoint", "store", 5, 5, 5, 10, 5),
                 group("touchpoint", "phone", 30, 0, 0, 30, 30),
                 group("channel", "app", 0, 0, 30, 30, 0))
    result = compare(own, rest)
    assert_no_nan(result)
    assert not ((result["dimension"] == "touchpoint") & (result["key"] == "web")).any()
    store = row(result, "touchpoint", "store", "nps")
    assert (store["verdict"], store["n"], store["comp_n"]) == ("too_few", 0, 15)
    for measure in ("nps", "csat"):
        # Mix-adjusted: the unit answered only at the phone, where the rest scores the same.
        overall = row(result, "overall", "all", measure)
        assert overall["adjusted"] and overall["diff"] == 0.0 and overall["verdict"] == "no_clear_difference"
        assert row(result, "touchpoint", "phone", measure)["verdict"] == "as_overall"  # the whole unit
        same = row(result, "channel", "app", measure)
        assert (same["diff"], same["p_group"]) == (0.0, 1.0)
        # NPS: 30 answers outside app in the unit, so app is judged (no difference); CSAT: none.
        assert same["verdict"] == {"nps": "no_clear_difference", "csat": "as_overall"}[measure]
    targets = compare(own, targets={"nps": 100.0, "csat": 1.0})
    assert_no_nan(targets)
    assert len(targets) == 6  # groups without answers are left out
    # All 30 promoters against a target of 100: n_adj = 33, nps_adj = 30/33 = 0.909091,
    # var = (31.5/33 - 0.909091²)/33 = 0.00388180, z = -0.090909/0.0623041 = -1.45912,
    # p = 0.14453: with 30 answers even a perfect score is not clearly off a target of 100.
    assert row(targets, "overall", "all", "nps")["p_value"] == pytest.approx(0.14453, abs=5e-6)
    assert row(targets, "overall", "all", "csat")["p_value"] == 1.0
    missing = frame(group("overall", "all", 10, 5, 5, 10, 8))
    missing["csat_top"] = [np.nan]  # a count the database did not fill is read as 0
    assert_no_nan(compare(missing, rest))


# --- simulation: pure noise and a planted difference ---------------------------------------------

UNITS, TOUCHPOINTS = 20, 6
NPS_RATES = (0.45, 0.30, 0.25)  # promoters, passives, detractors, the same everywhere
CSAT_ANSWERED, TOP_BOX = 0.6, 0.7


def _organisation(rng, planted=None):
    """Counts per unit and touchpoint: promoters, passives, detractors, csat_n, csat_top."""
    n = rng.integers(40, 401, size=(UNITS, TOUCHPOINTS))
    if planted:
        n[planted[0], planted[1]] = 300
    nps = np.stack([rng.multinomial(k, NPS_RATES) for k in n.ravel()]).reshape(UNITS, TOUCHPOINTS, 3)
    csat_n = rng.binomial(n, CSAT_ANSWERED)
    csat_top = rng.binomial(csat_n, TOP_BOX)
    if planted:
        unit, touchpoint, rates, top_box = planted
        nps[unit, touchpoint] = rng.multinomial(n[unit, touchpoint], rates)
        csat_top[unit, touchpoint] = rng.binomial(csat_n[unit, touchpoint], top_box)
    return np.concatenate([nps, csat_n[..., None], csat_top[..., None]], axis=2)


def _groups(counts):
    """Overall and per-touchpoint rows of one unit (counts: touchpoints x 5)."""
    rows = [("overall", "all", counts.sum(axis=0))]
    rows += [("touchpoint", f"t{t}", counts[t]) for t in range(TOUCHPOINTS)]
    return pd.DataFrame([
        {"dimension": dimension, "key": key, "n": int(c[:3].sum()), "promoters": int(c[0]),
         "passives": int(c[1]), "detractors": int(c[2]), "csat_n": int(c[3]), "csat_top": int(c[4])}
        for dimension, key, c in rows])


def _page(organisation, unit):
    return compare(_groups(organisation[unit]), _groups(organisation.sum(axis=0) - organisation[unit]))


def test_pure_noise_keeps_the_false_discovery_rate():
    # 200 pages of pure noise: each an organisation of 20 units x 6 touchpoints with the same
    # rates everywhere, seen from one unit (the units take turns) against the rest. Every
    # discovery is false, so the false-discovery proportion of a page is 1 if it shows any
    # strength or weakness and 0 otherwise, and its mean estimates the FDR, which BH keeps at
    # alpha = 0.05 (Benjamini & Hochberg 1995, theorem 1; here the 14 tests of a page are
    # positively dependent: the overall row contains the touchpoints; Benjamini & Yekutieli
    # 2001, Ann Stat 29:1165-1188). Margin 0.03 is about two Monte-Carlo standard errors
    # (sqrt(0.05 · 0.95 / 200) = 0.015). Under the complete null BH is Simes' test, so the
    # rate sits near alpha itself: 4,500 pages with other seeds gave 0.047, 0.058 and 0.055
    # (with BH) against 0.45-0.50 (without).
    rng = np.random.default_rng(20261123)
    pages = 200
    with_bh = without_bh = 0
    tested = 0
    for page in range(pages):
        result = _page(_organisation(rng), page % UNITS)
        assert len(result) == 14 and result["tested"].sum() >= 10
        tested += len(result)
        with_bh += result["verdict"].isin(["strength", "weakness"]).any()
        without_bh += (result["p_value"] < 0.05).any()
    fdr, unadjusted = with_bh / pages, without_bh / pages
    print(f"pure noise, {pages} pages, {tested} tested rows: mean FDP with BH {fdr:.3f}, "
          f"without BH {unadjusted:.3f}")
    assert fdr <= 0.05 + 0.03
    # Without the correction, a page of 14 tests shows some false finding far more often.
    assert unadjusted >= 0.25
    assert unadjusted >= 4 * max(fdr, 0.01)


def test_a_planted_difference_is_found_with_its_sign():
    # Unit 3 at touchpoint t2: promoters 0.65 instead of 0.45 (NPS +40 instead of +20) and top
    # box 0.45 instead of 0.70, everything else pure noise.
    rng = np.random.default_rng(7)
    organisation = _organisation(rng, planted=(3, 2, (0.65, 0.20, 0.15), 0.45))
    result = _page(organisation, 3)
    assert row(result, "touchpoint", "t2", "nps")["verdict"] == "strength"
    assert row(result, "touchpoint", "t2", "nps")["diff"] > 0
    assert row(result, "touchpoint", "t2", "csat")["verdict"] == "weakness"
    assert row(result, "touchpoint", "t2", "csat")["diff"] < 0
    others = result[result["key"].isin([f"t{t}" for t in range(TOUCHPOINTS) if t != 2])]
    assert (others["verdict"] == "no_clear_difference").all()
    # Another unit's page does not show unit 3's strength as its own.
    assert not _page(organisation, 5)["verdict"].isin(["strength", "weakness"]).any()


def test_every_measure_of_the_registry_is_compared_and_only_where_it_has_answers():
    from analysis import intervals

    own = pd.DataFrame([{"dimension": "overall", "key": "all", "csat_n": 400, "csat_top": 300,
                         "s10_n": 200, "s10_top": 120, "sent_n": 500, "sent_pos": 200}])
    rest = pd.DataFrame([{"dimension": "overall", "key": "all", "csat_n": 4000, "csat_top": 2400,
                          "s10_n": 2000, "s10_top": 1000, "sent_n": 5000, "sent_pos": 2500}])
    result = compare(own, rest)
    assert list(result["measure"]) == ["csat", "scale10", "positive"]  # no NPS answers: no NPS row
    tens = row(result, "overall", "all", "scale10")
    expected = intervals.proportion_difference(120, 200, 1000, 2000)
    assert (tens["n"], tens["comp_n"]) == (200, 2000)
    assert (tens["diff"], tens["diff_low"], tens["diff_high"]) == pytest.approx(
        (expected.estimate, expected.low, expected.high))
    # 40 % positive against 50 %, n = 500 and 5,000: Pearson's chi-square without continuity
    # correction, as for satisfaction.
    positive = row(result, "overall", "all", "positive")
    table = [[200, 300], [2500, 2500]]
    chi2 = scipy.stats.chi2_contingency(table, correction=False)
    assert positive["p_value"] == pytest.approx(chi2.pvalue, rel=1e-9)
    assert positive["verdict"] == "weakness"
    targets = compare(own, targets={"scale10": 0.5, "positive": 0.4})
    assert row(targets, "overall", "all", "scale10")["comp_value"] == 0.5
    assert row(targets, "overall", "all", "csat")["verdict"] == "no_comparator"
    with pytest.raises(ValueError, match="within"):
        compare(own, targets={"positive": 40})
