"""Every visible string exists in Swedish and English; numbers and dates follow the language."""

from __future__ import annotations

import string
from datetime import date

from components.i18n import TEXTS, day, number, period_label, translate


def test_every_text_has_both_languages_with_the_same_placeholders():
    for key, texts in TEXTS.items():
        assert set(texts) == {"sv", "en"}, key
        fields = [{name for _, name, _, _ in string.Formatter().parse(texts[lang]) if name}
                  for lang in ("sv", "en")]
        assert fields[0] == fields[1], key
        assert texts["sv"].strip() and texts["en"].strip(), key


def test_numbers_use_a_decimal_comma_and_a_true_minus():
    assert number(1234.5, 1, language="sv") == "1\u202f234,5"
    assert number(1234.5, 1, language="en") == "1,234.5"
    assert number(-3, language="sv") == number(-3, language="en") == "−3"
    assert number(-0.2, language="sv", signed=True) == "0"  # never "−0" or "+0"
    assert number(None, language="sv") == "–"


def test_dates_and_periods_in_both_languages():
    assert day(date(2026, 5, 3), language="sv") == "3 maj 2026"
    assert day(date(2026, 5, 3), language="en") == "3 May 2026"
    assert period_label(date(2026, 3, 2), "week", language="sv") == "v.10 2026"
    assert period_label(date(2026, 10, 1), "quarter", language="en") == "Q4 2026"
    assert period_label(date(2026, 5, 1), "month", language="sv") == "maj 2026"
    assert translate("not_enough", "en", n=3) == "Not enough responses (n = 3)"
