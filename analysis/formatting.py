"""Numbers, dates and plural forms as a reader of Swedish or English writes them,
by Babel (CLDR), for every place that formats text without Streamlit (the app's
pages through :mod:`components.i18n`, the e-mails of :mod:`notify`).

Two choices on top of CLDR: a negative number gets a true minus sign (U+2212) in
both languages (CLDR's English uses the hyphen-minus), and Swedish groups
thousands with a narrow no-break space (U+202F), which keeps a number on one line.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

MINUS = "\u2212"
LOCALES = {"sv": "sv_SE", "en": "en"}


def _locale(language: str) -> str:
    return LOCALES.get(language, LOCALES["en"])


def rounded(value: float | int, decimals: int = 0) -> float:
    """``value`` rounded as people round: halves away from zero (2.5 → 3, −2.5 → −3),
    not to the even neighbour as Python's ``round`` does."""
    exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return float(exact)


def number(value: float | int | None, decimals: int, language: str, signed: bool = False) -> str:
    """``value`` rounded to ``decimals`` with the language's separators and a true
    minus sign (a plus sign too when ``signed``); "–" for a missing value, never
    "−0" or "+0"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    value = rounded(value, decimals)
    if value == 0:
        value, signed = 0.0, False
    digits = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    pattern = f"+{digits};-{digits}" if signed else digits
    text = format_decimal(value, format=pattern, locale=_locale(language), decimal_quantization=True)
    text = text.replace("-", MINUS)
    return text.replace("\u00a0", "\u202f") if language == "sv" else text


def day(value: date, language: str) -> str:
    """A date as people write it: "23 nov. 2026" / "23 Nov 2026"."""
    return format_date(value, "d MMM y", locale=_locale(language))


def month(value: date, language: str) -> str:
    """A month and its year: "maj 2026" / "May 2026"."""
    return format_date(value, "LLL y", locale=_locale(language))


def month_name(number_of_month: int, language: str) -> str:
    """The short name of a month (1–12) on its own: "maj" / "May"."""
    return format_date(date(2000, number_of_month, 1), "LLL", locale=_locale(language))


def plural_form(count: int | float, language: str) -> str:
    """CLDR's plural category of ``count`` in ``language`` ("one" or "other" in
    Swedish and English)."""
    return Locale.parse(_locale(language)).plural_form(abs(count))
