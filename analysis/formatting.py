"""Numbers, dates and plural forms as a reader of Swedish or English writes them,
by Babel (CLDR), for every place that formats text without Streamlit (the app's
pages through :mod:`components.i18n`, the e-mails of :mod:`notify`).

Two choices on top of CLDR: a negative number gets a true minus sign (U+2212) in
both languages (CLDR's English uses the hyphen-minus), and Swedish groups
thousands with a narrow no-break space (U+202F), which keeps a number on one line.

Text from data or users goes through one rule: :func:`markdown_safe` inside
Markdown, :func:`html_safe` inside a chart's HTML.
"""

from __future__ import annotations

import html
import math
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, parse_pattern

MINUS = "\u2212"
LOCALES = {"sv": "sv_SE", "en": "en"}


def _locale(language: str) -> str:
    return LOCALES.get(language, LOCALES["en"])


@cache
def _number_format(language: str, decimals: int, signed: bool) -> tuple[NumberPattern, Locale]:
    """Babel's parsed pattern and locale for :func:`number`: parsed once, not on every
    number (a page of tables formats hundreds)."""
    digits = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return parse_pattern(f"+{digits};-{digits}" if signed else digits), Locale.parse(_locale(language))


def rounded(value: float | int, decimals: int = 0) -> float:
    """``value`` rounded as people round: halves away from zero (2.5 → 3, −2.5 → −3),
    not to the even neighbour as Python's ``round`` does."""
    exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return float(exact)


# Every character that can start or close Markdown, HTML, an entity, a formula, a
# Streamlit directive or an autolink (CommonMark shows a backslash-escaped one as itself).
_MARKDOWN = frozenset("\\`*_{}[]()<>#+-.!|~$:=&@^")
# Streamlit finds links in plain text after the escapes are read (GFM "autolink
# literals": http://…, www.…, name@host): a zero-width space after ":" and "@" and
# between "www" and "." keeps them text.
_NO_AUTOLINK = re.compile(r"(?<=[:@])|(?i:(?<=www)(?=\.))")


def number(value: float | int | None, decimals: int, language: str, signed: bool = False) -> str:
    """``value`` rounded to ``decimals`` with the language's separators and a true
    minus sign (a plus sign too when ``signed``); "–" for a missing value, never
    "−0" or "+0"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    value = rounded(value, decimals)
    if value == 0:
        value, signed = 0.0, False
    pattern, locale = _number_format(language, decimals, signed)
    text = pattern.apply(value, locale, decimal_quantization=True)
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


def markdown_safe(text, lines: bool = False) -> str:
    """``text`` from data or users (a unit, region, touchpoint, channel, segment,
    theme or user name, a title, a note, a file name) as literal text inside
    Markdown: every character Markdown could read as structure is backslash-escaped,
    which CommonMark shows as the character itself. So it can add no link, image,
    emphasis, heading, list, quote, table, HTML, formula, Streamlit directive
    (``:red[…]``, ``:material/…:``) or autolink (``https://…``, ``www.…``, e-mail:
    a zero-width space breaks each).
    Line breaks become spaces; with ``lines`` they stay as hard breaks, blank lines
    separating paragraphs (leading blanks dropped: no code block)."""
    text = _NO_AUTOLINK.sub("\u200b", str("" if text is None else text))
    escaped = "".join("\\" + char if char in _MARKDOWN else char for char in text)
    rows = [row.strip() for row in escaped.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    if not lines:
        return " ".join(row for row in rows if row)
    paragraphs, current = [], []
    for row in rows + [""]:
        if row:
            current.append(row)
        elif current:
            paragraphs.append("  \n".join(current))
            current = []
    return "\n\n".join(paragraphs)


def html_safe(text) -> str:
    """``text`` from data or users inside HTML that a chart interprets (plotly's
    hover texts, titles and axis labels): ``< > & " '`` as entities, line breaks as
    spaces, so it adds no tag, link or image."""
    return html.escape(" ".join(str("" if text is None else text).split()), quote=True)
