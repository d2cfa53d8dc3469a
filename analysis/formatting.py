"""Numbers and dates as a reader of Swedish or English writes them, for every
place that formats text without Streamlit (the app's pages through
:mod:`components.i18n`, the e-mails of :mod:`notify`); and the one rule for text
from data or users inside Markdown (:func:`markdown_safe`) or a chart's HTML
(:func:`html_safe`)."""

from __future__ import annotations

import html
import math
import re
from datetime import date

# Every character that can start or close Markdown, HTML, an entity, a formula, a
# Streamlit directive or an autolink (CommonMark shows a backslash-escaped one as itself).
_MARKDOWN = frozenset("\\`*_{}[]()<>#+-.!|~$:=&@^")
# Streamlit finds links in plain text after the escapes are read (GFM "autolink
# literals": http://…, www.…, name@host): a zero-width space after ":" and "@" and
# between "www" and "." keeps them text.
_NO_AUTOLINK = re.compile(r"(?<=[:@])|(?i:(?<=www)(?=\.))")

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
