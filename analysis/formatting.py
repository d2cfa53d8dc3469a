"""Numbers and dates as a reader of Swedish or English writes them, for every
place that formats text without Streamlit (the app's pages through
:mod:`components.i18n`, the e-mails of :mod:`notify`)."""

from __future__ import annotations

import math
from datetime import date

MONTHS = {
    "sv": ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


def number(value: float | int | None, decimals: int, language: str, signed: bool = False) -> str:
    """``value`` with a thin thousands separator and, in Swedish, a decimal comma
    and a true minus sign; "–" for a missing value, never "-0" or "+0"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if round(value, decimals) == 0:
        value, signed = 0.0, False
    text = f"{value:+,.{decimals}f}" if signed else f"{value:,.{decimals}f}"
    if language == "sv":
        text = text.replace(",", "\u202f").replace(".", ",").replace("-", "−")
    return text


def day(value: date, language: str) -> str:
    """A date as people write it: "23 nov 2026" / "23 Nov 2026"."""
    return f"{value.day} {MONTHS[language][value.month - 1]} {value.year}"
