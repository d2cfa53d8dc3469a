"""Theme overview and emerging issues: hand-worked cases, edge cases, Benjamini-Hochberg
against statsmodels and by hand, the planted demo patterns, and the false-alarm rate."""

from __future__ import annotations

import math
from datetime import timedelta

import numpy as np
import pandas as pd
import pytest
import scipy.stats
from statsmodels.stats.multitest import multipletests
from sqlalchemy import select

from analysis.emerging import emerging, weekly
from analysis.themes import by_effect, by_volume, theme_overview
from ingest.demo import DELIVERY_REGION, MANAGER_UNIT
from queries import themes as theme_reads
from queries.responses import Filters
from queries.schema import Unit
from queries.scope import descendants, scope_for, unit_tree
from tests.conftest import TODAY

Z = scipy.stats.norm.ppf(0.975)


def _wilson(k: int, n: int) -> tuple[float, float]:
    """Wilson (1927): (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)."""
    p = k / n
    centre, half = p + Z**2 / (2 * n), Z * math.sqrt(p * (1 - p) / n + Z**2 / (4 * n**2))
    return (centre - half) / (1 + Z**2 / n), (centre + half) / (1 + Z**2 / n)


# --- theme overview --------------------------------------------------------------------------

# 100 responses with a score: 50 promoters, 30 passives, 20 detractors (NPS 30);
# 20 of them commented: 8 promoters, 5 passives, 7 detractors.
TOTALS = {"comments": 20, "promoters": 8, "passives": 5, "detractors": 7,
          "all_promoters": 50, "all_passives": 30, "all_detractors": 20}
COUNTS = pd.DataFrame([
    ("late", 8, 2, 2, 4),
    ("kind", 6, 5, 1, 0),
    ("never", 0, 0, 0, 0),
    ("other", 6, 1, 2, 3),
], columns=["key", "comments", "promoters", "passives", "detractors"])


@pytest.fixture
def overview() -> pd.DataFrame:
    return theme_overview(COUNTS, TOTALS).set_index("key")


def test_shares_by_hand(overview):
    late = overview.loc["late"]
    assert late["all_comments"] == 20 and late["comments"] == 8
    assert late["share"] == pytest.approx(8 / 20)
    assert (late["share_low"], late["share_high"]) == pytest.approx(_wilson(8, 20))
    assert late["praise_share"] == pytest.approx(2 / 8)          # 2 of the 8 promoters' comments
    assert (late["praise_low"], late["praise_high"]) == pytest.approx(_wilson(2, 8))
    assert late["raise_share"] == pytest.approx(4 / 7)           # 4 of the 7 detractors' comments
    assert (late["raise_low"], late["raise_high"]) == pytest.approx(_wilson(4, 7))
    # Nobody mentions "never": 0 of 20, Wilson 0 to 0.1611 (Newcombe 1998a, Table II, 0/20).
    never = overview.loc["never"]
    assert never["share"] == 0 and never["share_low"] == 0
    assert never["share_high"] == pytest.approx(0.1611, abs=5e-5)


def test_effect_by_hand(overview):
    # "late": the rest are 48 promoters, 28 passives, 16 detractors (n = 92):
    # NPS 100·(48 − 16)/92 = 34.7826; effect = 30 − 34.7826 = −4.7826 points.
    # The same as w·(NPS of the theme − NPS of the rest) = 8/100 · (−25 − 34.7826).
    late = overview.loc["late"]
    assert late["effect"] == pytest.approx(30 - 100 * 32 / 92)
    assert late["effect"] == pytest.approx(0.08 * (-25 - 100 * 32 / 92))
    # Raised in 4 complaints and 2 praises: fewer than 5 on either side, so no side
    # is tested and the effect is not called a drag.
    assert (late["side"], late["direction"]) == ("few", "none")
    # Interval: 8/100 times the adjusted-Wald interval of NPS(theme) − NPS(rest):
    # theme (2, 2, 4) → n 11, p 2.75/11, d 4.75/11; rest (48, 28, 16) → n 95, p 48.75/95, d 16.75/95.
    p1, d1, p2, d2 = 2.75 / 11, 4.75 / 11, 48.75 / 95, 16.75 / 95
    centre = (p1 - d1) - (p2 - d2)
    se = math.sqrt((p1 + d1 - (p1 - d1) ** 2) / 11 + (p2 + d2 - (p2 - d2) ** 2) / 95)
    assert late["effect_low"] == pytest.approx(0.08 * 100 * (centre - Z * se))   # ≈ −8.15
    assert late["effect_high"] == pytest.approx(0.08 * 100 * (centre + Z * se))  # ≈ −0.15
    # "kind": rest (45, 29, 20), n 94, NPS 26.5957; effect 30 − 26.5957 = +3.4043.
    kind = overview.loc["kind"]
    assert kind["effect"] == pytest.approx(30 - 100 * 25 / 94)
    # In 5 of 8 praises and 0 of 7 complaints: score test p = 0.0104 (the only theme tested).
    assert (kind["praised"], kind["criticised"], kind["side"]) == (5, 0, "praise")
    assert kind["side_p"] == pytest.approx(
        scipy.stats.chi2_contingency([[5, 3], [0, 7]], correction=False).pvalue)
    assert kind["effect_low"] < 0 < kind["effect_high"]  # six answers: positive, not clear
    assert kind["direction"] == "none"
    # "never": no mentions, so no effect.
    assert overview.loc["never", ["effect", "effect_low", "effect_high"]].tolist() == [0, 0, 0]
    assert overview.loc["never", "direction"] == "none"


# 1,000 responses: 500 promoters, 300 passives, 200 detractors (NPS 30); 400 commented:
# 200 promoters, 80 passives, 120 detractors.
SIDED_TOTALS = {"comments": 400, "promoters": 200, "passives": 80, "detractors": 120,
                "all_promoters": 500, "all_passives": 300, "all_detractors": 200}
SIDED = pd.DataFrame([
    ("staff", 90, 60, 10, 20),     # in 30 % of praise, 16.7 % of complaints
    ("waiting", 60, 5, 10, 45),    # in 2.5 % of praise, 37.5 % of complaints
    ("other", 250, 135, 60, 55),
], columns=COUNTS.columns)


def test_sides_and_what_praise_and_criticism_do_by_hand():
    result = theme_overview(SIDED, SIDED_TOTALS).set_index("key")
    staff, waiting = result.loc["staff"], result.loc["waiting"]
    assert (staff["praised"], staff["criticised"]) == (60, 20)
    # Score tests of 60/200 against 20/120 and 5/200 against 45/120 (pooled-variance z, no
    # correction = Pearson's chi-square), then Benjamini-Hochberg over the two themes.
    raw = [scipy.stats.chi2_contingency(table, correction=False).pvalue
           for table in ([[60, 140], [20, 100]], [[5, 195], [45, 75]])]
    adjusted = multipletests(raw, method="fdr_bh")[1]
    assert [staff["side_p"], waiting["side_p"]] == pytest.approx(adjusted, rel=1e-6)
    assert (staff["side"], waiting["side"], result.loc["other", "side"]) == ("praise", "complaint", "few")
    # Net effects: without staff (440, 290, 180) NPS 28.57 → +1.43, a lift on the praise side;
    # without waiting (495, 290, 155) NPS 36.17 → −6.17, a clear drag on the complaint side.
    # Staff's net +1.43 has an interval that reaches below zero (−0.28 to +2.89): not clear.
    assert staff["effect"] == pytest.approx(30 - 100 * 260 / 910) and staff["direction"] == "none"
    assert staff["effect_low"] < 0 < staff["effect_high"]
    assert waiting["effect"] == pytest.approx(30 - 100 * 340 / 940) and waiting["direction"] == "drags"
    # Staff's praise: without those 60 promoters (440, 300, 200) NPS 25.53, so it adds 4.47;
    # its criticism: without those 20 detractors (500, 300, 180) NPS 32.65, so it costs 2.65.

    def praise(count):
        return 30 - 100 * (500 - count - 200) / (1000 - count)

    def criticism(count):
        return 30 - 100 * (500 - 200 + count) / (1000 - count)

    assert staff["praise_effect"] == pytest.approx(praise(60)) == pytest.approx(4.4681, abs=1e-4)
    assert staff["complaint_effect"] == pytest.approx(criticism(20)) == pytest.approx(-2.6531, abs=1e-4)
    low, high = _wilson(60, 1000)
    assert (staff["praise_effect_low"], staff["praise_effect_high"]) == pytest.approx(
        (praise(1000 * low), praise(1000 * high)))
    low, high = _wilson(20, 1000)
    assert (staff["complaint_effect_low"], staff["complaint_effect_high"]) == pytest.approx(
        (criticism(1000 * high), criticism(1000 * low)))


def test_a_praised_theme_is_never_reported_as_a_drag():
    """Random tables, some themes raised mostly by passives (praised relative to
    complaints, yet a lower NPS than the rest): no theme on the praise side drags,
    none on the complaint side lifts."""
    rng = np.random.default_rng(15)
    seen = set()
    for _ in range(300):
        totals = {"comments": 0, "promoters": 0, "passives": 0, "detractors": 0}
        rows = []
        for index in range(6):
            groups = rng.integers(0, 120, size=3) * rng.integers(0, 2, size=3)
            rows.append((f"t{index}", int(groups.sum()), *map(int, groups)))
            for name, value in zip(("promoters", "passives", "detractors"), groups):
                totals[name] += int(value)
        rest = rng.integers(50, 400, size=3)
        totals |= {f"all_{name}": totals[name] + int(extra)
                   for name, extra in zip(("promoters", "passives", "detractors"), rest)}
        totals["comments"] = sum(row[1] for row in rows)
        result = theme_overview(pd.DataFrame(rows, columns=COUNTS.columns), totals)
        assert not ((result["side"] == "praise") & (result["direction"] == "drags")).any()
        assert not ((result["side"] == "complaint") & (result["direction"] == "lifts")).any()
        assert (result["praise_effect"] >= 0).all() and (result["complaint_effect"] <= 0).all()
        seen.update(zip(result["side"], result["direction"]))
    assert {("praise", "lifts"), ("complaint", "drags"), ("praise", "none")} <= seen


def test_the_verdict_follows_the_interval_not_a_size_cut_off():
    # NPS 35.8 with the theme and 35.0 without it, a million answers each: the effect is
    # 0.5 · 0.8 = 0.4 points, and clear. (The old ±0.5 point cut-off called it "none".)
    counts = pd.DataFrame([("precise", 1_000_000, 453_000, 452_000, 95_000)], columns=COUNTS.columns)
    totals = {"comments": 2_000_000, "promoters": 903_000, "passives": 902_000, "detractors": 195_000,
              "all_promoters": 903_000, "all_passives": 902_000, "all_detractors": 195_000}
    precise = theme_overview(counts, totals).iloc[0]
    assert precise["effect"] == pytest.approx(0.4)
    assert 0 < precise["effect_low"] <= precise["effect"] <= precise["effect_high"] < 0.5
    assert precise["direction"] == "lifts"


def test_small_or_unclear_effects_are_none():
    counts = pd.DataFrame([("tiny", 4, 0, 0, 4), ("flat", 20, 10, 6, 4)], columns=COUNTS.columns)
    totals = {**TOTALS, "comments": 24, "promoters": 10, "passives": 6, "detractors": 8}
    result = theme_overview(counts, totals).set_index("key")
    # Four detractors would drag the NPS by 100·30/100 − 100·34/96 = −5.4, but 4 < 5 responses.
    assert result.loc["tiny", ["effect", "direction"]].tolist() == [0, "none"]
    # "flat" has the NPS of the rest (10 − 4)/20 = 30 = (40 − 16)/80: effect 0.
    assert result.loc["flat", "effect"] == pytest.approx(0, abs=1e-12)
    assert result.loc["flat", "direction"] == "none"


def test_overview_edge_cases_give_numbers_not_nan():
    zero = dict.fromkeys(TOTALS, 0)
    counts = pd.DataFrame([("a", 0, 0, 0, 0), ("other", 0, 0, 0, 0)], columns=COUNTS.columns)
    result = theme_overview(counts, zero)
    numeric = result.drop(columns=["key", "direction"])
    assert not numeric.isna().any().any()
    assert result["share"].tolist() == [0, 0] and result["share_high"].tolist() == [1, 1]
    assert result["direction"].tolist() == ["none", "none"]
    empty = theme_overview(COUNTS.iloc[0:0], TOTALS)
    assert empty.empty and "effect" in empty.columns
    # Everybody mentions the theme: nobody left to compare with.
    everyone = pd.DataFrame([("all", 20, 8, 5, 7)], columns=COUNTS.columns)
    all_commented = {**TOTALS, "all_promoters": 8, "all_passives": 5, "all_detractors": 7}
    assert theme_overview(everyone, all_commented)["direction"].tolist() == ["none"]


def test_rankings(overview):
    ranked = overview.reset_index()
    assert by_volume(ranked)["key"].tolist() == ["late", "kind", "never"]
    assert by_volume(ranked, include_other=True)["key"].tolist() == ["late", "kind", "other", "never"]
    assert by_effect(ranked)["key"].tolist() == ["late", "kind", "never"]


# --- the planted demo patterns ---------------------------------------------------------------

def _unit(engine, name: str) -> int:
    with engine.connect() as connection:
        return connection.execute(select(Unit.id).where(Unit.name == name)).scalar_one()


def test_uppsala_centrum_praises_staff_and_is_dragged_by_queues(demo_engine):
    scope = scope_for(demo_engine, "leader", None)
    home = _unit(demo_engine, MANAGER_UNIT)
    start = TODAY - timedelta(days=364)

    def overview(unit_ids):
        filters = Filters(frozenset(unit_ids), start, TODAY)
        return theme_overview(theme_reads.theme_counts(demo_engine, scope, filters),
                              theme_reads.comment_totals(demo_engine, scope, filters)).set_index("key")

    own, rest = overview({home}), overview(scope.unit_ids - {home})
    assert by_effect(own.reset_index())["key"].iloc[0] == "waiting"
    assert own.loc["waiting", "direction"] == "drags" and own.loc["waiting", "effect_high"] < 0
    assert own.loc["staff", "praise_low"] > rest.loc["staff", "praise_high"]
    assert own.loc["waiting", "raise_low"] > rest.loc["waiting", "raise_high"]


def _delivery_row(engine, where: str) -> tuple[pd.Series, pd.DataFrame]:
    scope = scope_for(engine, "leader", None)
    units = (descendants(unit_tree(engine), _unit(engine, DELIVERY_REGION)) if where == "region"
             else scope.unit_ids)
    days = theme_reads.theme_days(engine, scope, Filters(units, TODAY, TODAY), TODAY)
    result = emerging(weekly(days, TODAY))
    return result.set_index("key").loc["delivery"], result


def test_planted_delivery_problem_is_emerging_in_region_syd(demo_engine):
    # Late deliveries build up over 13 weeks in Region Syd: growing week by week (a year
    # earlier the region's comments mention delivery too rarely to compare a season with).
    delivery, result = _delivery_row(demo_engine, "region")
    assert delivery["emerging"] and delivery["ratio_low"] > 1
    assert result["key"].iloc[0] == "delivery"


def test_planted_delivery_problem_leads_the_organisation(default_demo_engine):
    # Across the organisation the regional problem is diluted: on the demo the app ships
    # with it is the theme with the strongest growth, clear for its region.
    delivery, result = _delivery_row(default_demo_engine, "organisation")
    assert result.sort_values("p_value")["key"].iloc[0] == "delivery" and delivery["ratio_low"] > 1
    assert _delivery_row(default_demo_engine, "region")[0]["emerging"]
