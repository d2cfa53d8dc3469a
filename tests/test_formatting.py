"""Numbers, dates and plural forms by Babel in Swedish and English (analysis.formatting),
and differences that agree with the rounded figures shown beside them."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.formatting import MINUS, day, month, month_name, number, plural_form, rounded


def test_numbers_in_both_languages():
    assert number(1234.5, 1, "sv") == "1\u202f234,5"
    assert number(1234.5, 1, "en") == "1,234.5"
    assert number(3361, 0, "sv") == "3\u202f361"
    assert number(3361, 0, "en") == "3,361"
    assert number(None, 0, "sv") == number(float("nan"), 1, "en") == "–"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_true_minus_sign_in_both_languages_and_no_signed_zero(language):
    assert number(-4, 0, language) == MINUS + "4"
    assert number(-4.26, 1, language, signed=True) == MINUS + ("4,3" if language == "sv" else "4.3")
    assert number(4, 0, language, signed=True) == "+4"
    assert "-" not in number(-1234567.891, 2, language)
    assert number(-0.2, 0, language, signed=True) == number(0.4, 0, language, signed=True) == "0"


def test_halves_round_away_from_zero_as_people_round():
    assert [number(value, 0, "en") for value in (0.5, 1.5, 2.5, -2.5)] == ["1", "2", "3", MINUS + "3"]
    assert rounded(26.45, 1) == 26.5 and rounded(-0.05, 1) == -0.1


def test_swedish_and_english_month_names():
    assert day(date(2026, 5, 3), "sv") == "3 maj 2026"
    assert day(date(2026, 5, 3), "en") == "3 May 2026"
    assert day(date(2026, 11, 23), "sv") == "23 nov. 2026"
    assert day(date(2026, 10, 1), "en") == "1 Oct 2026"
    assert month(date(2026, 5, 1), "sv") == "maj 2026" and month(date(2026, 5, 1), "en") == "May 2026"
    assert [month_name(m, "sv") for m in (1, 3, 6, 7, 10)] == ["jan.", "mars", "juni", "juli", "okt."]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_plural_forms(language):
    assert plural_form(1, language) == "one"
    assert [plural_form(n, language) for n in (0, 2, 5, 21, 1.5)] == ["other"] * 5


def test_plural_texts_read_correctly(monkeypatch):
    import streamlit as st

    from components.i18n import tn

    for language, one, many in (("sv", "1 är försenad.", "2 är försenade."), ("en", "1 is overdue.", "2 are overdue.")):
        monkeypatch.setitem(st.session_state, "lang", language)
        assert tn("overdue_count", 1) == one and tn("overdue_count", 2) == many
    # a text with only its "one" form of its own keeps the plain text for every other count
    words = {"when": "x", "imported": "y", "written": "z"}
    assert tn("arrivals_since", 1, **words).startswith("1 new comment since")
    assert tn("arrivals_since", 1_234, **words).startswith("1,234 new comments since")


def test_a_shown_difference_agrees_with_the_rounded_figures(monkeypatch):
    """30.4 against 31.6 shows as "30" and "32": the difference reads −2, not the
    unrounded −1.2 rounded to "−1"; shares likewise in percentage points."""
    import streamlit as st

    from components import measure_text

    monkeypatch.setitem(st.session_state, "lang", "en")
    assert measure_text.value("nps", 30.4) == "30" and measure_text.value("nps", 31.6) == "32"
    assert measure_text.gap("nps", 30.4, 31.6) == MINUS + "2"
    assert measure_text.gap("nps", 31.6, 30.4) == "+2"
    # 72.4 % against 68.6 %: shown as 72 % and 69 %, so +3 percentage points (not the raw 3.8 → "+4")
    assert measure_text.value("csat", 0.724) == "72 %" and measure_text.value("csat", 0.686) == "69 %"
    assert measure_text.gap("csat", 0.724, 0.686) == "+3 percentage points"


def test_no_raw_keys_reach_the_reader(monkeypatch):
    """Imported columns read as labels, root causes as names (and the editor maps the
    names back to the keys it stores)."""
    import streamlit as st

    from components.follow_up_views import cause_keys, cause_label
    from components.i18n import key_label

    monkeypatch.setitem(st.session_state, "lang", "sv")
    assert key_label("segment", "customer_type") == "Kundtyp"
    assert key_label("segment", "order_value") == "Ordervärde"
    assert key_label("segment", "loyalty_tier") == "Loyalty tier"  # an imported column without a text
    assert [cause_label(key) for key in ("staff", "process")] == ["Personal", "Arbetssätt/process"]
    assert cause_keys("Personal\nArbetssätt/process\nStaff\nKassakö", ("staff", "process")) == (
        "staff", "process", "staff", "Kassakö")


def test_import_problems_write_their_numbers_in_swedish(monkeypatch):
    import streamlit as st

    from components.import_views import problem_text
    from ingest.files import ImportProblem

    monkeypatch.setitem(st.session_state, "lang", "sv")
    text = problem_text(ImportProblem("file_too_large", "File too large",
                                      {"size": 300_000_000, "limit": 200_000_000}))
    assert "300\u202f000\u202f000 byte" in text and "200\u202f000\u202f000 byte" in text and "," not in text
