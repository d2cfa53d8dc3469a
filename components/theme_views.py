"""The theme views of the comments page: what customers write about (ranked by
volume or by effect on the page's measure, praise beside criticism) and what is
new or growing. Every theme opens its comments in one click."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd
import streamlit as st

from analysis import measures
from analysis.emerging import WEEKS, recent_start
from analysis.themes import OTHER, by_effect, by_volume
from components import chart_alt, charts, comment_cards, data, drill, measure_text, url_state
from components.i18n import day, html_safe, markdown_safe, number, t
from components.shell import Page
from queries.comments import CommentQuery
from queries.responses import Filters


def _percent(share: float) -> str:
    return number(100 * share) + " %"


def _effect_words(row, measure: str, min_responses: int) -> str:
    """What the theme's praise adds and its criticism costs (or why there is no figure)."""
    name = measure_text.in_sentence(measure)
    if row.comments == 0:
        return t("effect_on_unmentioned")
    if row.answered < min_responses:
        return t("effect_on_few", measure=name, n=number(row.answered))
    head = t("parts_line", measure=name, praise=measure_text.difference(measure, row.praise_effect, decimals=1),
             complaint=measure_text.difference(measure, row.complaint_effect, decimals=1))

    words = {"measure": name, "value": measure_text.difference(measure, row.effect, decimals=1),
             "low": measure_text.difference(measure, row.effect_low, decimals=1),
             "high": measure_text.difference(measure, row.effect_high, decimals=1)}
    reading = effect_reading(row)
    if reading.endswith("_unsided"):
        words["why"] = t(f"effect_why_{unsided_reason(row, reading)}")
    return head + "  \n" + t(f"effect_iv_{reading}", **words)


def effect_reading(row) -> str:
    """What the caption says of a theme's net effect: its verdict ("lifts", "drags"),
    or, without one, whether the interval still lies above ("up_unsided") or below
    ("down_unsided") zero -- the theme is then not clearly on the side the figure
    points to -- or "none"."""
    if row.direction != "none":
        return row.direction
    return "up_unsided" if row.effect_low > 0 else "down_unsided" if row.effect_high < 0 else "none"


def unsided_reason(row, reading: str) -> str:
    """Why an effect clear of zero got no verdict: the theme is on the other side
    ("up_complaint", "down_praise"), on neither clearly ("up_unclear", "down_unclear"),
    or it is the comments without a theme ("other", never placed on a side)."""
    if row.key == OTHER:
        return "other"
    up = reading == "up_unsided"
    if row.side == ("complaint" if up else "praise"):
        return "up_complaint" if up else "down_praise"
    return "up_unclear" if up else "down_unclear"


def _effect_help(row, measure: str) -> str:
    def signed(value: float) -> str:
        return measure_text.difference(measure, value, decimals=1)

    return t("parts_help", measure=measure_text.in_sentence(measure),
             praise_low=signed(row.praise_effect_low), praise_high=signed(row.praise_effect_high),
             complaint_low=signed(row.complaint_effect_low), complaint_high=signed(row.complaint_effect_high),
             net=signed(row.effect))


SIDE_BADGES = {"praise": "blue", "complaint": "orange", "both": "gray", "few": "gray"}


def side_badge(side: str) -> str:
    """The side a theme is on as a Markdown badge (words, never colour alone)."""
    return f":{SIDE_BADGES[side]}-badge[{t(f'side_{side}')}]"


def tone_line(praised: int, criticised: int) -> str:
    """"praised by 412, criticised by 298"."""
    return t("tone_line", praised=number(praised), criticised=number(criticised))


def tone_caption(page: Page, filters: Filters, key: str, measure: str, name: str) -> str | None:
    """Which side theme ``key`` is on in ``filters`` for a card ("In the comments
    here: Staff praised by 41, criticised by 12 (mostly praise)."), Markdown-safe;
    None when the measure is not a score (a theme's share) or the theme has no row."""
    if measure not in measures.MEASURES:
        return None
    table = data.theme_table(page, filters, measure)
    found = table[table["key"] == key]
    if found.empty:
        return None
    row = found.iloc[0]
    return t("card_theme_tone", theme=markdown_safe(name), tone=tone_line(row["praised"], row["criticised"]),
             side=t(f"side_{row['side']}"))


def overview(page: Page, filters: Filters, names: dict[str, str], measure: str) -> None:
    """Themes with their share of comments (Wilson interval), praise beside
    criticism (the sides of ``measure``), and each theme's effect on ``measure``."""
    totals = data.comment_totals(page, filters)
    if totals["comments"] < page.thresholds.min_responses:
        st.info(t("too_few_comments", n=totals["comments"]))
        return
    table = data.theme_table(page, filters, measure)
    labels = names | {"other": t("theme_other")}
    st.subheader(t("themes_title"))
    st.caption(t("themes_caption", n=number(totals["comments"])))
    other_language = data.other_language_comments(page, filters)
    if other_language:
        st.caption(":material/translate: " + t("themes_other_language", n=number(other_language)))
    ranks = {"volume": t("rank_volume"), "effect": t("rank_effect_on", measure=measure_text.in_sentence(measure))}
    rank = url_state.keyed(st.radio, t("rank_by"), "rank", list(ranks), ranks, "volume", horizontal=True)
    ranked = by_volume(table) if rank == "volume" else by_effect(table)
    hover = [f"{html_safe(labels[row.key])}<br>{html_safe(_share_line(row))}" for row in ranked.itertuples()]
    st.plotly_chart(charts.share_figure([labels[k] for k in ranked["key"]], ranked["share"].tolist(),
                                        ranked["share_low"].tolist(), ranked["share_high"].tolist(),
                                        hover, t("share_of_comments")), key="theme_shares",
                    config={"displayModeBar": False})
    if not ranked.empty:
        chart_alt.alternative(
            "theme_shares", t("themes_summary", n=number(len(ranked)), first=labels[ranked["key"].iloc[0]],
                              share=_percent(ranked["share"].iloc[0])),
            lambda: pd.DataFrame({t("col_group"): [labels[k] for k in ranked["key"]],
                                  t("share_of_comments"): [_share_line(row) for row in ranked.itertuples()]}))

    praise, criticism = st.columns(2, gap="large")
    _group_list(praise, t(f"praise_title_{measure}"), table, "praise", labels)
    _group_list(criticism, t(f"raise_title_{measure}"), table, "raise", labels)

    st.divider()
    tone_help = t("tone_line_help", top=measure_text.group(measure, "top").lower(),
                  bottom=measure_text.group(measure, "bottom").lower(), measure=measure_text.in_sentence(measure))
    for row in ranked.itertuples():
        name, numbers, effect, action = st.columns([3, 4, 3, 2], vertical_alignment="center")
        name.markdown(f"**{markdown_safe(labels[row.key])}**  \n{side_badge(row.side)}",
                      help=t("side_help", praise=_percent(row.praise_share), criticism=_percent(row.raise_share)))
        numbers.caption(_share_line(row) + "  \n" + tone_line(row.praised, row.criticised), help=tone_help)
        effect.caption(_effect_words(row, measure, page.thresholds.min_responses),
                       help=_effect_help(row, measure))
        with action:
            drill.button(t("open_comments"), drill.Drill(theme_key=row.key), key=f"theme_{row.key}",
                         icon=":material/forum:")


def _share_line(row) -> str:
    return t("share_line", share=_percent(row.share), low=_percent(row.share_low),
             high=_percent(row.share_high), k=number(row.comments), n=number(row.all_comments))


def _group_list(column, title: str, table: pd.DataFrame, prefix: str, labels: dict[str, str]) -> None:
    """The five themes most mentioned on one side of the measure (praise: the good
    side, raise: the bad side), or a note when that side wrote no comment."""
    column.markdown(f"#### {title}")
    if table.empty or int(table[f"{prefix}_n"].iloc[0]) == 0:
        column.caption(t("group_share_none"))
        return
    top = table[table["key"] != "other"].sort_values(f"{prefix}_share", ascending=False).head(5)
    for row in top.itertuples():
        column.markdown(f"**{markdown_safe(labels[row.key])}**: "
                        + t("group_share_line", share=_percent(getattr(row, f"{prefix}_share")),
                            k=number(getattr(row, f"{prefix}_k")), n=number(getattr(row, f"{prefix}_n"))))


def emerging(page: Page, filters: Filters, names: dict[str, str], measure: str) -> None:
    """Themes and words whose share of comments rose clearly in the last four weeks
    (beyond the season when a year earlier is covered), with the size of the rise, its
    interval and example comments."""
    end = filters.end
    first = end - timedelta(days=7 * WEEKS - 1)
    result = data.growing(page, filters)
    season = bool(len(result)) and bool(result["seasonal"].any())
    st.caption(t("em_caption", recent=day(end), base=day(first))
               + (" " + t("em_caption_season") if season else " " + t("em_caption_no_season")))
    recent = Filters(filters.unit_ids, recent_start(end), end, filters.touchpoint_id, filters.channel)
    shown = result[result["emerging"]]
    if shown.empty:
        st.info(t("emerging_none"))
        rising = result[(result["ratio"] > 1) & (result["recent_share"] > result["base_share"])]
        shown = rising.sort_values("p_value", kind="stable").head(3)
    context = data.theme_counts(page, recent)
    context_counts = dict(zip(context["key"], context["comments"]))
    comment_cards.use_style()
    for row in shown.itertuples():
        _emerging_card(page, recent, row, names, context_counts, measure)


def _rise_words(row) -> str:
    """"on its trend 2,1 times as often … (95 % interval 1,4 to 3,0)"."""
    words = {"ratio": number(row.ratio, 1), "beyond": t("em_beyond_season") if row.seasonal else ""}
    if np.isnan(row.ratio_low):
        return t("em_ratio", **words)
    return t("em_ratio_interval", low=number(row.ratio_low, 1), high=number(row.ratio_high, 1), **words)


def _emerging_card(page: Page, recent: Filters, row, names: dict[str, str],
                   context_counts: dict[str, int], measure: str) -> None:
    is_word = row.key.startswith(data.WORD_PREFIX)
    word = row.key[len(data.WORD_PREFIX):] if is_word else ""
    title = t("word_label", word=word) if is_word else names.get(row.key, row.key)
    target = drill.Drill(theme_key="other", search=word) if is_word else drill.Drill(theme_key=row.key)
    with st.container(border=True):
        badge = t("new_badge") if row.emerging else t("emerging_noise")
        st.markdown(f"**{markdown_safe(title)}** · :{'orange' if row.emerging else 'gray'}-badge[{badge}]")
        st.write(t("em_item", now=_percent(row.recent_share), before=_percent(row.base_share),
                   rise=_rise_words(row), k=number(row.recent_k), n=number(row.recent_n)))
        query = CommentQuery(theme_key=target.theme_key, search=word)
        examples = data.comment_page(page, recent, query, 3, 0) if row.emerging else pd.DataFrame()
        if not examples.empty:
            st.caption(t("examples"))
            comment_cards.show(examples, names | {"other": t("theme_other")}, context_counts,
                               page.language, measure)
        drill.button(t("open_comments"), drill.Drill(theme_key=target.theme_key, search=word,
                                                     start=recent.start, end=recent.end),
                     key=f"emerging_{row.key}", icon=":material/forum:")
