"""A customer comment shown as plain text with its context: score group and
score, touchpoint, unit, channel, date, language and themes, and for each theme
how many comments in the same selection share it.

Every piece of text is HTML-escaped before it reaches ``st.html``, so markup,
Markdown, links and scripts inside a comment are shown literally, never run.
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from components import privacy
from components.i18n import TEXTS, day, number, t

# Okabe–Ito: promoters blue, passives grey, detractors vermillion.
GROUP_COLOURS = {"promoter": "#0072B2", "passive": "#6b6b6b", "detractor": "#D55E00"}

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


def score_group(score: float | None) -> str | None:
    """promoter (9–10), passive (7–8), detractor (0–6), or None without a score."""
    if score is None or pd.isna(score):
        return None
    return "promoter" if score >= 9 else "passive" if score >= 7 else "detractor"


def use_style() -> None:
    """Add the card style to the page (once per run, before the first card)."""
    st.html(STYLE)


def card_html(row, theme_names: dict[str, str], theme_counts: dict[str, int] | None, language: str,
              reveal: bool = False) -> str:
    """The HTML of one comment card; every value in it is escaped. Without
    ``theme_counts`` the theme chips show names only. Customers' personal details
    are masked unless ``reveal`` (see :mod:`components.privacy`)."""
    esc = html.escape
    group = score_group(row.nps)
    if group:
        badge = (f'<span class="badge" style="background:{GROUP_COLOURS[group]}">'
                 f'{esc(t("group_" + group))} {int(row.nps)}</span>')
    else:
        badge = f'<span class="badge" style="background:#9aa5b1">{esc(t("no_score"))}</span>'
    channel_key = f"channel_{row.channel}"
    context = [getattr(row, f"touchpoint_{language}"), row.unit,
               t(channel_key) if channel_key in TEXTS else row.channel,
               day(pd.Timestamp(row.responded_at).date())]
    if row.csat is not None and not pd.isna(row.csat):
        context.append(t("csat_short", value=int(row.csat)))
    if row.language:
        context.append(str(row.language))
    def chip(key: str) -> str:
        count = "" if theme_counts is None else " · " + t("theme_share_context", n=number(theme_counts.get(key, 0)))
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
         language: str) -> None:
    """Cards for every row of ``rows`` (columns of ``queries.comments.COLUMNS``)."""
    for row in rows.itertuples():
        st.html(card_html(row, theme_names, theme_counts, language))
