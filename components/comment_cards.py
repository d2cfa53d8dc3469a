"""A customer comment shown as plain text with its context: its side of the
page's measure and the score, touchpoint, unit, channel, date, the other measures
it answered, language and themes, and for each theme how many comments in the
same selection share it.

Every piece of text is HTML-escaped before it reaches ``st.html``, so markup,
Markdown, links and scripts inside a comment are shown literally, never run.
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from analysis import measures
from components import privacy
from components.i18n import TEXTS, day, number, t

# Okabe–Ito: the good side blue, the middle grey, the bad side vermillion.
GROUP_COLOURS = {"top": "#0072B2", "middle": "#6b6b6b", "bottom": "#B24E00"}  # text contrast ≥ 4.5:1

STYLE = """
<style>
.insikt-comment { border: 1px solid #dde3ea; border-radius: 0.5rem; padding: 0.6rem 0.9rem;
  margin-bottom: 0.5rem; background: #fff; }
.insikt-comment .meta { font-size: 0.85rem; color: #52606d; margin-bottom: 0.3rem; }
.insikt-comment .badge { color: #fff; border-radius: 0.3rem; padding: 0.05rem 0.45rem;
  font-weight: 600; margin-right: 0.4rem; }
.insikt-comment .text { white-space: pre-wrap; overflow-wrap: anywhere; max-height: 14rem;
  overflow-y: auto; font-size: 1rem; line-height: 1.45; }
.insikt-comment .themes { margin-top: 0.35rem; font-size: 0.8rem; color: #334e68; }
.insikt-comment .chip { display: inline-block; background: #eef2f6; border-radius: 1rem;
  padding: 0.05rem 0.55rem; margin: 0.1rem 0.3rem 0 0; }
</style>
"""


def score_group(score: float | None, measure: str = "nps") -> str | None:
    """The side of ``measure``'s scale a score lies on (top, middle, bottom: NPS
    9–10, 7–8, 0–6), or None without a score."""
    if score is None or pd.isna(score):
        return None
    m = measures.get(measure)
    return "top" if score >= m.top_from else "bottom" if score <= m.bottom_to else "middle"


def _score_text(measure: str, score) -> str:
    """One answer as context: "satisfaction 4/5", "sentiment: negative"…"""
    if measure == "positive":
        return t("score_positive", value=t(f"badge_positive_{score_group(score, measure)}").lower())
    return t(f"score_{measure}", value=int(score))


def use_style() -> None:
    """Add the card style to the page (once per run, before the first card)."""
    st.html(STYLE)


def _answer(row, measure: str):
    value = getattr(row, measures.get(measure).column, None)
    return None if value is None or pd.isna(value) else value


def card_html(row, theme_names: dict[str, str], theme_counts: dict[str, int] | None, language: str,
              measure: str | None = None, reveal: bool = False, chip_text=None) -> str:
    """The HTML of one comment card; every value in it is escaped. The badge is the
    side of ``measure`` the response lies on (without an answer on it, or without
    ``measure``: of the first measure it answered); its other answers are context.
    Without ``theme_counts`` the theme chips show names only; ``chip_text(n)`` words a
    chip's count (default: "n comments in this selection"). Customers' personal
    details are masked unless ``reveal`` (see :mod:`components.privacy`)."""
    esc = html.escape
    answered = [key for key in measures.KEYS if _answer(row, key) is not None]
    if measure not in answered:
        measure = answered[0] if answered else measure or "nps"
    score = _answer(row, measure)
    group = score_group(score, measure)
    if group:
        shown = "" if measure == "positive" else f" {int(score)}"
        badge = (f'<span class="badge" style="background:{GROUP_COLOURS[group]}">'
                 f'{esc(t(f"badge_{measure}_{group}"))}{shown}</span>')
    else:
        badge = f'<span class="badge" style="background:#9aa5b1">{esc(t("no_score"))}</span>'
    channel_key = f"channel_{row.channel}"
    context = [getattr(row, f"touchpoint_{language}"), row.unit,
               t(channel_key) if channel_key in TEXTS else row.channel,
               day(pd.Timestamp(row.responded_at).date())]
    context += [_score_text(other, _answer(row, other)) for other in measures.KEYS
                if other != measure and _answer(row, other) is not None]
    if row.language:
        context.append(str(row.language))
    def chip(key: str) -> str:
        n = 0 if theme_counts is None else theme_counts.get(key, 0)
        count = "" if theme_counts is None else " · " + (
            chip_text(n) if chip_text else t("theme_share_context", n=number(n)))
        return f'<span class="chip">{esc(theme_names.get(key, key) + count)}</span>'

    chips = [chip(key) for key in (row.themes or ["other"])]
    return (
        '<div class="insikt-comment">'
        f'<div class="meta">{badge}{esc(" · ".join(str(part) for part in context))}</div>'
        f'<div class="text">{esc(privacy.shown(str(row.comment), reveal, language))}</div>'
        f'<div class="themes">{"".join(chips)}</div>'
        "</div>"
    )


def show(rows: pd.DataFrame, theme_names: dict[str, str], theme_counts: dict[str, int],
         language: str, measure: str | None = None, chip_text=None) -> None:
    """Cards for every row of ``rows`` (columns of ``queries.comments.COLUMNS``),
    badged by their side of ``measure``: one element for them all (a run sends each
    element as a message of its own)."""
    if not rows.empty:
        st.html("".join(card_html(row, theme_names, theme_counts, language, measure, chip_text=chip_text)
                        for row in rows.itertuples()))
