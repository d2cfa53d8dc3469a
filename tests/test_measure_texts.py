"""The measures as people read them: every measure has its texts in both languages,
figures on the scale people read, a comment's badge on the page's measure, and the
strengths page's order and small-sample flag."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from analysis import measures
from components import comment_cards, measure_text, strength_views, theme_views
from components.i18n import TEXTS, t

PER_MEASURE = ("measure_choice_{m}", "headline_{m}", "measure_help_{m}", "measure_{m}", "praise_title_{m}",
               "raise_title_{m}", "scale_{m}", "score_{m}", "admin_use_{m}_target", "admin_field_target_{m}",
               *(f"group_{{m}}_{side}" for side in measures.GROUPS),
               *(f"badge_{{m}}_{side}" for side in measures.GROUPS))


@pytest.mark.parametrize("key", measures.KEYS)
def test_every_measure_has_every_text(key):
    missing = [name.format(m=key) for name in PER_MEASURE if name.format(m=key) not in TEXTS]
    assert not missing


def test_figures_are_on_the_scale_people_read():
    assert measure_text.value("nps", 34.4) == "34"
    assert measure_text.value("csat", 0.724) == "72 %"
    assert measure_text.difference("nps", -4.2) == "−4"
    assert measure_text.difference("positive", 0.031) == "+3,1 procentenheter"
    assert measure_text.title("scale10") == "Andel betyg 9–10 (skala 1–10)"


def _comment(**scores):
    row = {"nps": None, "csat": None, "scale10": None, "sentiment": None, "channel": "web", "unit": "Alpha",
           "touchpoint_sv": "Recension", "touchpoint_en": "Review", "language": "en", "themes": [],
           "responded_at": pd.Timestamp("2024-04-14", tz="UTC"), "comment": "Fine."} | scores
    return SimpleNamespace(**row)


def test_a_comment_is_badged_on_the_page_s_measure():
    stars = comment_cards.card_html(_comment(csat=2), {}, None, "sv", "csat")
    assert "Missnöjd 2" in stars and "#B24E00" in stars  # the bad side's orange at text contrast
    both = comment_cards.card_html(_comment(nps=9, csat=2), {}, None, "sv", "nps")
    assert "Promotor 9" in both and "nöjdhet 2/5" in both  # the other answer as context
    label = comment_cards.card_html(_comment(sentiment=-1), {}, None, "sv", "nps")  # no NPS: its own measure
    assert "Negativ</span>" in label
    assert "Inget betyg" in comment_cards.card_html(_comment(), {}, None, "sv", "csat")


def test_strengths_with_enough_responses_come_first_and_small_ones_are_flagged():
    rows = pd.DataFrame([
        {"measure": "csat", "diff": 0.40, "n": 12, "comp_n": 900},   # the largest, but a small group
        {"measure": "nps", "diff": 20.0, "n": 400, "comp_n": 4000},
        {"measure": "csat", "diff": 0.25, "n": 300, "comp_n": 3000},  # 25 percentage points: above 20 NPS points
    ])
    assert list(strength_views.ranked(rows, "organisation", 30).index) == [2, 1, 0]
    small = strength_views.small_n(rows.loc[0].to_frame().T.itertuples().__next__(), "organisation", 30)
    assert small == 12
    target = SimpleNamespace(n=40, comp_n=0)
    assert strength_views.small_n(target, "target", 30) is None  # a target has no n of its own


@pytest.mark.parametrize("direction, side, key, low, high, reading, reason", [
    ("lifts", "praise", "staff", 0.4, 5.8, "lifts", None), ("drags", "complaint", "staff", -5.8, -0.4, "drags", None),
    ("none", "both", "staff", 0.4, 5.8, "up_unsided", "up_unclear"),  # clearly higher, side not clear
    ("none", "few", "staff", -5.8, -0.4, "down_unsided", "down_unclear"),
    ("none", "complaint", "price", 0.4, 5.8, "up_unsided", "up_complaint"),  # higher, yet raised in criticism
    ("none", "praise", "staff", -1.2, -0.8, "down_unsided", "down_praise"),  # the 1M demo's "staff", last month
    ("none", "few", "other", 1.5, 2.0, "up_unsided", "other"),
    ("none", "both", "staff", -1.0, 2.0, "none", None), ("none", "few", "staff", 0.0, 0.0, "none", None),
])
def test_a_theme_effect_whose_interval_excludes_zero_is_never_captioned_no_association(
        direction, side, key, low, high, reading, reason):
    row = SimpleNamespace(direction=direction, side=side, key=key, effect_low=low, effect_high=high)
    assert theme_views.effect_reading(row) == reading
    if reason:
        assert theme_views.unsided_reason(row, reading) == reason
        assert f"effect_why_{reason}" in TEXTS
    words = TEXTS[f"effect_iv_{reading}"]["en"]
    assert ("no clear association" in words) == (reading == "none")


def test_a_driver_left_unclear_by_the_adjustment_says_so():
    def row(low, high, verdict="unclear", note=""):
        return SimpleNamespace(low=low, high=high, verdict=verdict, note=note)

    assert strength_views._driver_verdict(row(0.1, 2.3)) == t("drivers_unclear_compared")
    assert strength_views._driver_verdict(row(-2.3, -0.1)) == t("drivers_unclear_compared")
    assert strength_views._driver_verdict(row(-0.5, 2.3)) == t("drivers_unclear")
    assert strength_views._driver_verdict(row(0.1, 2.3, "higher")) == t("drivers_higher")
    assert strength_views._driver_verdict(row(0.0, 0.0, "unclear", "reference")) == t("drivers_reference")
