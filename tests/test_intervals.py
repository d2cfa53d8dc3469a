"""analysis.intervals against published reference values, hand-worked cases and edge cases."""

from __future__ import annotations

import dataclasses
import math

import pytest
import scipy.stats

from analysis.intervals import (
    Interval,
    mean,
    nps,
    nps_difference,
    proportion,
    proportion_difference,
)

PUBLISHED = 5e-5  # half a unit in the 4th decimal: tables that print 4 decimals


# --- Wilson score interval for a single proportion ------------------------------------------


@pytest.mark.parametrize(
    ("successes", "n", "low", "high"),
    [
        # Newcombe R.G. (1998) "Two-sided confidence intervals for the single proportion:
        # comparison of seven methods", Stat Med 17:857-872, Table II, method 3 (score
        # interval without continuity correction), examples 81/263, 15/148, 0/20 and 1/29.
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0000, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_proportion_matches_newcombe_1998_single(successes, n, low, high):
    result = proportion(successes, n)
    assert result.estimate == pytest.approx(successes / n)
    assert result.low == pytest.approx(low, abs=PUBLISHED)
    assert result.high == pytest.approx(high, abs=PUBLISHED)
    assert result.n == n


def test_proportion_other_confidence_level():
    # Newcombe (1998), Table II as above, is 95 % only; at 90 % compare with the closed form of
    # Wilson (1927): (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n).
    z = scipy.stats.norm.ppf(0.95)
    p, n = 81 / 263, 263
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    result = proportion(81, 263, confidence=0.90)
    assert result.low == pytest.approx(centre - half, abs=1e-12)
    assert result.high == pytest.approx(centre + half, abs=1e-12)


# --- Newcombe's hybrid score interval for a difference of proportions ----------------------


@pytest.mark.parametrize(
    ("x1", "n1", "x2", "n2", "low", "high"),
    [
        # Newcombe R.G. (1998) "Interval estimation for the difference between independent
        # proportions: comparison of eleven methods", Stat Med 17:873-890, Table II,
        # method 10 (score interval without continuity correction), examples (a)-(h).
        (56, 70, 48, 80, 0.0524, 0.3339),  # (a)
        (9, 10, 3, 10, 0.1705, 0.8090),  # (b)
        (6, 7, 2, 7, 0.0582, 0.8062),  # (c)
        (5, 56, 0, 29, -0.0381, 0.1926),  # (d)
        (0, 10, 0, 20, -0.1611, 0.2775),  # (e)
        (0, 10, 0, 10, -0.2775, 0.2775),  # (f)
        (10, 10, 0, 20, 0.6791, 1.0000),  # (g)
        (10, 10, 0, 10, 0.6075, 1.0000),  # (h)
    ],
)
def test_proportion_difference_matches_newcombe_1998_two_sample(x1, n1, x2, n2, low, high):
    result = proportion_difference(x1, n1, x2, n2)
    assert result.estimate == pytest.approx(x1 / n1 - x2 / n2)
    assert result.low == pytest.approx(low, abs=PUBLISHED)
    assert result.high == pytest.approx(high, abs=PUBLISHED)
    assert result.n == n1 + n2


def test_proportion_difference_matches_fagerland_2015():
    # Fagerland M.W., Lydersen S., Laake P. (2015) "Recommended confidence intervals for two
    # independent binomial proportions", Stat Methods Med Res 24(2):224-254, example of
    # Perondi et al. (2004): 7/34 vs 1/34, Newcombe hybrid score interval 0.019 to 0.34
    # (printed to 3 and 2 decimals; tolerance half a unit in the last printed digit).
    result = proportion_difference(7, 34, 1, 34)
    assert result.estimate == pytest.approx(6 / 34)
    assert result.low == pytest.approx(0.019, abs=5e-4)
    assert result.high == pytest.approx(0.34, abs=5e-3)


# --- NPS, adjusted Wald -------------------------------------------------------------------


def test_nps_hand_worked():
    # Adjusted-Wald NPS interval as described by Lewis & Sauro (MeasuringU 2021, "Confidence
    # intervals for Net Promoter Scores", after Rocks 2016, Am Stat 70(4)): add 3 to n and 0.75
    # to promoters and detractors. Worked by hand for 60 promoters, 25 passives, 15 detractors:
    #   n = 100, NPS = 100·(60 − 15)/100 = 45
    #   n_adj = 103, p_adj = 60.75/103 = 0.589806, d_adj = 15.75/103 = 0.152913
    #   nps_adj = 45/103 = 0.436893
    #   var = (0.742718 − 0.436893²)/103 = (0.742718 − 0.190876)/103 = 0.00535770
    #   se = 0.0731963, z = 1.959964, margin = 0.143462
    #   interval = 0.436893 ± 0.143462 = 0.293431 .. 0.580355 → 29.3431 .. 58.0355 points
    result = nps(60, 25, 15)
    assert result.estimate == 45.0
    assert result.low == pytest.approx(29.3431, abs=PUBLISHED)
    assert result.high == pytest.approx(58.0355, abs=PUBLISHED)
    assert result.n == 100


def test_nps_all_promoters_is_clipped():
    # 20 promoters: n_adj = 23, p_adj = 20.75/23, d_adj = 0.75/23, nps_adj = 20/23 = 0.869565,
    # var = (21.5/23 − 0.869565²)/23 = (0.934783 − 0.756144)/23 = 0.00776691, se = 0.0881301,
    # margin = 1.959964 · 0.0881301 = 0.172732 → 69.6833 .. 104.2297, the upper end clipped
    # to 100.
    result = nps(20, 0, 0)
    assert result.estimate == 100.0
    assert result.low == pytest.approx(69.6833, abs=PUBLISHED)
    assert result.high == 100.0
    mirrored = nps(0, 0, 20)
    assert (mirrored.estimate, mirrored.low) == (-100.0, -100.0)
    assert mirrored.high == pytest.approx(-result.low)


def test_nps_difference_hand_worked():
    # Two-sample adjusted Wald: difference of the adjusted NPS values, variances added.
    # Group 1: 60/25/15 (NPS 45), adjusted as in test_nps_hand_worked:
    #   nps_adj1 = 0.436893, var1 = 0.00535770
    # Group 2: 40 promoters, 30 passives, 30 detractors (NPS 10):
    #   n_adj = 103, p_adj = 40.75/103 = 0.395631, d_adj = 30.75/103 = 0.298544
    #   nps_adj2 = 10/103 = 0.0970874
    #   var2 = (0.694175 − 0.0970874²)/103 = (0.694175 − 0.00942596)/103 = 0.00664805
    # Difference: 0.436893 − 0.0970874 = 0.339806, se = sqrt(0.0120057) = 0.109571,
    #   margin = 1.959964 · 0.109571 = 0.214755
    #   interval = 0.125051 .. 0.554560 → 12.5051 .. 55.4560 points; estimate 45 − 10 = 35
    result = nps_difference(60, 25, 15, 40, 30, 30)
    assert result.estimate == 35.0
    assert result.low == pytest.approx(12.5051, abs=PUBLISHED)
    assert result.high == pytest.approx(55.4560, abs=PUBLISHED)
    assert result.n == 200
    swapped = nps_difference(40, 30, 30, 60, 25, 15)
    assert swapped.estimate == -35.0
    assert swapped.low == pytest.approx(-result.high)
    assert swapped.high == pytest.approx(-result.low)


def test_nps_difference_extremes_stay_in_range():
    result = nps_difference(20, 0, 0, 0, 0, 20)
    assert result.estimate == 200.0
    assert -200.0 <= result.low <= result.high <= 200.0


# --- t-interval of a mean from sufficient statistics --------------------------------------

# Student (1908) "The probable error of a mean", Biometrika 6:1-25, sleep data as in R's
# `sleep` data set, group 1 (extra hours of sleep). R: t.test(sleep$extra[sleep$group == 1])
# gives mean 0.75, 95 percent confidence interval -0.5297804 to 2.0297804.
SLEEP_GROUP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]


def _sufficient(values):
    return len(values), sum(values), sum(v * v for v in values)


def test_mean_matches_r_t_test_on_student_sleep_data():
    result = mean(*_sufficient(SLEEP_GROUP_1))
    assert result.estimate == pytest.approx(0.75)
    assert result.low == pytest.approx(-0.5297804, abs=5e-8)
    assert result.high == pytest.approx(2.0297804, abs=5e-8)
    assert result.n == 10


@pytest.mark.parametrize("confidence", [0.80, 0.90, 0.95, 0.99])
def test_mean_matches_scipy_on_raw_data(confidence):
    values = SLEEP_GROUP_1
    low, high = scipy.stats.t.interval(
        confidence,
        len(values) - 1,
        loc=sum(values) / len(values),
        scale=scipy.stats.sem(values),
    )
    result = mean(*_sufficient(values), confidence=confidence)
    assert result.low == pytest.approx(float(low), abs=1e-10)
    assert result.high == pytest.approx(float(high), abs=1e-10)


# --- edge cases -----------------------------------------------------------------------------

EDGE_CASES = [
    (proportion, (0, 0), Interval(0.0, 0.0, 1.0, 0)),
    (nps, (0, 0, 0), Interval(0.0, -100.0, 100.0, 0)),
    (mean, (0, 0.0, 0.0), Interval(0.0, 0.0, 0.0, 0)),
    # One value: no spread to estimate, documented as a zero-width interval at the value.
    (mean, (1, 4.0, 16.0), Interval(4.0, 4.0, 4.0, 1)),
    (proportion_difference, (0, 0, 3, 10), Interval(0.0, -1.0, 1.0, 10)),
    (proportion_difference, (3, 10, 0, 0), Interval(0.0, -1.0, 1.0, 10)),
    (proportion_difference, (0, 0, 0, 0), Interval(0.0, -1.0, 1.0, 0)),
    (nps_difference, (0, 0, 0, 5, 5, 5), Interval(0.0, -200.0, 200.0, 15)),
    (nps_difference, (5, 5, 5, 0, 0, 0), Interval(0.0, -200.0, 200.0, 15)),
    (nps_difference, (0, 0, 0, 0, 0, 0), Interval(0.0, -200.0, 200.0, 0)),
]


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize(("function", "args", "expected"), EDGE_CASES)
def test_empty_and_single_groups(function, args, expected):
    assert function(*args) == expected


DEGENERATE = [
    (proportion, (0, 20)),
    (proportion, (20, 20)),
    (proportion, (0, 1)),
    (proportion, (1, 1)),
    (nps, (20, 0, 0)),
    (nps, (0, 20, 0)),
    (nps, (0, 0, 20)),
    (nps, (1, 0, 0)),
    (mean, (3, sum([0.1] * 3), sum([0.01] * 3))),  # rounding makes the raw variance < 0
    (mean, (5, 5 * 7.0, 5 * 49.0)),  # all values equal
    (mean, (2, 3.0, 5.0)),
    (proportion_difference, (0, 20, 0, 20)),
    (proportion_difference, (20, 20, 0, 20)),
    (proportion_difference, (0, 20, 20, 20)),
    (proportion_difference, (1, 1, 0, 1)),
    (nps_difference, (20, 0, 0, 0, 0, 20)),
    (nps_difference, (0, 0, 20, 20, 0, 0)),
    (nps_difference, (1, 0, 0, 0, 0, 1)),
    (nps_difference, (0, 10, 0, 0, 10, 0)),
]

RANGE = {
    proportion: (0.0, 1.0),
    nps: (-100.0, 100.0),
    proportion_difference: (-1.0, 1.0),
    nps_difference: (-200.0, 200.0),
}


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize(("function", "args"), DEGENERATE)
def test_degenerate_counts_give_finite_plain_floats_in_range(function, args):
    result = function(*args)
    for value in (result.estimate, result.low, result.high):
        assert type(value) is float
        assert math.isfinite(value)
    assert type(result.n) is int
    assert result.low <= result.high
    if function in RANGE:
        lowest, highest = RANGE[function]
        assert lowest <= result.low and result.high <= highest
        assert lowest <= result.estimate <= highest


def test_tiny_negative_variance_from_rounding_is_zero():
    values = [0.1] * 3
    n, total, total_sq = _sufficient(values)
    assert total_sq - total**2 / n < 0  # the guard is really exercised
    result = mean(n, total, total_sq)
    assert result.low == result.high == result.estimate == pytest.approx(0.1)


def test_all_zero_and_all_full_proportions():
    # 0/20 from Newcombe (1998), single proportion, Table II method 3 (0.0000 to 0.1611);
    # 20/20 is its mirror image.
    none, every = proportion(0, 20), proportion(20, 20)
    assert (none.estimate, none.low) == (0.0, 0.0)
    assert none.high == pytest.approx(0.1611, abs=PUBLISHED)
    assert (every.estimate, every.high) == (1.0, 1.0)
    assert every.low == pytest.approx(1 - 0.1611, abs=PUBLISHED)


def test_results_are_immutable_and_positional():
    result = Interval(1.0, 0.5, 1.5, 7)
    assert (result.estimate, result.low, result.high, result.n) == (1.0, 0.5, 1.5, 7)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.low = 0.0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        proportion(1, 2).estimate = 0.0  # type: ignore[misc]


@pytest.mark.parametrize("confidence", [0.0, 1.0, -0.5, 95])
def test_confidence_outside_zero_one_is_rejected(confidence):
    with pytest.raises(ValueError):
        proportion(1, 2, confidence=confidence)


def test_numpy_inputs_give_plain_python_numbers():
    np = pytest.importorskip("numpy")
    results = [
        proportion(np.int64(3), np.int64(10)),
        nps(np.int64(5), np.int64(3), np.int64(2)),
        mean(np.int64(3), np.float64(6.0), np.float64(14.0)),
        proportion_difference(np.int64(3), np.int64(10), np.int64(1), np.int64(10)),
        nps_difference(*(np.int64(c) for c in (5, 3, 2, 1, 1, 1))),
    ]
    for result in results:
        assert [type(v) for v in dataclasses.astuple(result)] == [float, float, float, int]


# --- every interval contains its estimate; invalid counts raise ------------------------------


def test_one_promoter_interval_reaches_its_estimate():
    # Issue 13, item 6: one promoter gave 100 with -48..98 (the adjusted-Wald interval is
    # centred on the adjusted NPS 25). Adjusted Wald by hand: n_adj = 4, p_adj = 1.75/4,
    # d_adj = 0.75/4, centre 0.25, var = (0.625 - 0.0625)/4 = 0.140625, se = 0.375,
    # 0.25 ± 1.959964·0.375 = -0.484986 .. 0.984986. The union with the estimate: -48.4986 .. 100.
    result = nps(1, 0, 0)
    assert result.estimate == 100.0
    assert result.low == pytest.approx(-48.4986, abs=PUBLISHED)
    assert result.high == 100.0
    # One promoter against one detractor: centres 0.25 and -0.25, variances 0.140625 each,
    # 0.5 ± 1.959964·sqrt(0.28125) = 0.5 ± 1.039428 → -53.9428 .. 153.9428; the estimate is +200.
    difference = nps_difference(1, 0, 0, 0, 0, 1)
    assert difference.estimate == 200.0 and difference.high == 200.0
    assert difference.low == pytest.approx(-53.9428, abs=PUBLISHED)


def test_every_interval_contains_its_estimate():
    counts = range(0, 7)
    for p in counts:
        for pa in counts:
            for d in counts:
                if p + pa + d:
                    one = nps(p, pa, d)
                    assert one.low <= one.estimate <= one.high, (p, pa, d)
                for other in ((1, 0, 0), (0, 0, 2), (3, 1, 0), (40, 30, 30)):
                    if p + pa + d:
                        both = nps_difference(p, pa, d, *other)
                        assert both.low <= both.estimate <= both.high, (p, pa, d, other)
    for n in range(1, 12):
        for x in range(n + 1):
            share = proportion(x, n)
            assert share.low <= share.estimate <= share.high
            for x2, n2 in ((0, 1), (1, 1), (3, 10), (90, 100)):
                diff = proportion_difference(x, n, x2, n2)
                assert diff.low <= diff.estimate <= diff.high


@pytest.mark.parametrize(("function", "args", "message"), [
    (proportion, (5, 3), r"successes \(5\) cannot exceed .* n \(3\)"),
    (proportion, (-1, 3), "successes must be a whole number"),
    (proportion, (1, float("nan")), "n must be a whole number"),
    (proportion, (1.5, 3), "successes must be a whole number"),
    (proportion, ("a", 3), "successes must be a whole number"),
    (nps, (1, -2, 0), "passives must be a whole number"),
    (nps, (1, 0, float("inf")), "detractors must be a whole number"),
    (mean, (-1, 0.0, 0.0), "n must be a whole number"),
    (mean, (2, float("nan"), 1.0), "must be finite"),
    (proportion_difference, (3, 10, 11, 10), r"successes of group 2 \(11\) cannot exceed"),
    (proportion_difference, (3, -10, 1, 10), "n of group 1 must be a whole number"),
    (nps_difference, (1, 1, 1, 0, -1, 0), "passives of group 2 must be a whole number"),
])
def test_invalid_counts_raise_a_clear_error(function, args, message):
    with pytest.raises(ValueError, match=message):
        function(*args)


def test_whole_floats_and_decimals_are_counts():
    from decimal import Decimal

    assert proportion(3.0, Decimal(10)) == proportion(3, 10)


def test_closed_forms_equal_statsmodels():
    # The Wilson and Newcombe limits are written out (speed, see the module docstring); they
    # must equal statsmodels' proportion_confint(method="wilson") and
    # confint_proportions_2indep(method="newcomb") everywhere.
    from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

    for confidence in (0.8, 0.95, 0.99):
        alpha = 1 - confidence
        for n in (1, 2, 7, 30, 101):
            for x in sorted({0, 1, n // 3, n // 2, n - 1, n}):
                low, high = proportion_confint(x, n, alpha=alpha, method="wilson")
                mine = proportion(x, n, confidence)
                assert (mine.low, mine.high) == pytest.approx((max(low, 0), min(high, 1)), abs=1e-12)
                for x2, n2 in ((0, 5), (3, 10), (40, 41), (500, 1000)):
                    low, high = confint_proportions_2indep(x, n, x2, n2, method="newcomb",
                                                           compare="diff", alpha=alpha)
                    both = proportion_difference(x, n, x2, n2, confidence)
                    assert (both.low, both.high) == pytest.approx((low, high), abs=1e-12)
