"""The theme views of the comments page: what customers write about (ranked by
volume or by effect on the page's measure, praise beside criticism) and what is
new or growing. Every theme opens its comments in one click."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from analysis.emerging import emerging as find_emerging
from analysis.emerging import word_counts
from analysis.themes import by_effect, by_volume, theme_overview
from components import chart_alt, charts, comment_cards, data, drill, measure_text, privacy, url_state
from components.i18n import day, markdown_safe, number, t
from components.shell import Page
from queries.comments import CommentQuery
from queries.responses import Filters

RECENT_DAYS, BASELINE_DAYS = 28, 84
WORD_PREFIX = "word:"


def _percent(share: float) -> str:
    return number(100 * share) + " %"


def _effect_words(row, measure: str, min_responses: int) -> str:
    name = measure_text.in_sentence(measure)
    if row.comments == 0:
        return t("effect_on_unmentioned")
    if row.answered < min_responses:
        return t("effect_on_few", measure=name, n=number(row.answered))
    size = measure_text.difference(measure, abs(row.effect), decimals=1).lstrip("+")
    return t(f"effect_on_{row.direction}", measure=name, value=size)


def overview(page: Page, filters: Filters, names: dict[str, str], measure: str) -> None:
    """Themes with their share of comments (Wilson interval), praise beside
    criticism (the sides of ``measure``), and each theme's effect on ``measure``."""
    totals = data.comment_totals(page, filters)
    if totals["comments"] < page.thresholds.min_responses:
        st.info(t("too_few_comments", n=totals["comments"]))
        return
    table = theme_overview(data.theme_counts(page, filters), totals, measure,
                           min_responses=page.thresholds.min_responses)
    labels = names | {"other": t("theme_other")}
    st.subheader(t("themes_title"))
    st.caption(t("themes_caption", n=number(totals["comments"])))
    ranks = {"volume": t("rank_volume"), "effect": t("rank_effect_on", measure=measure_text.in_sentence(measure))}
    rank = url_state.keyed(st.radio, t("rank_by"), "rank", list(ranks), ranks, "volume", horizontal=True)
    ranked = by_volume(table) if rank == "volume" else by_effect(table)
    hover = [f"{labels[row.key]}<br>{_share_line(row)}" for row in ranked.itertuples()]
    st.plotly_chart(charts.share_figure([labels[k] for k in ranked["key"]], ranked["share"].tolist(),
                                        ranked["share_low"].tolist(), ranked["share_high"].tolist(),
                                        hover, t("share_of_comments")), key="theme_shares",
                    config={"displayModeBar": False})
    if not ranked.empty:
        chart_alt.alternative(
            pd.DataFrame({t("col_group"): [labels[k] for k in ranked["key"]],
                          t("share_of_comments"): [_share_line(row) for row in ranked.itertuples()]}),
            t("themes_summary", n=number(len(ranked)), first=labels[ranked["key"].iloc[0]],
              share=_percent(ranked["share"].iloc[0])))

    praise, criticism = st.columns(2, gap="large")
    _group_list(praise, t(f"praise_title_{measure}"), table, "praise", labels)
    _group_list(criticism, t(f"raise_title_{measure}"), table, "raise", labels)

    st.divider()
    name_in_sentence = measure_text.in_sentence(measure)
    for row in ranked.itertuples():
        name, numbers, effect, action = st.columns([3, 4, 3, 2], vertical_alignment="center")
        name.markdown(f"**{markdown_safe(labels[row.key])}**")
        numbers.caption(_share_line(row))
        effect.caption(_effect_words(row, measure, page.thresholds.min_responses),
                       help=t("effect_on_help", measure=name_in_sentence))
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
    """Themes and words whose share of comments rose clearly in the last four
    weeks, with the size of the rise, its interval and example comments."""
    end = filters.end
    recent_start = end - timedelta(days=RECENT_DAYS - 1)
    base_start = recent_start - timedelta(days=BASELINE_DAYS)
    st.caption(t("emerging_caption", recent=f"{day(recent_start)} – {day(end)}",
                 base=f"{day(base_start)} – {day(recent_start - timedelta(days=1))}"))
    counts = data.theme_window_counts(page, filters, end)
    untagged = data.recent_untagged(page, filters, end)
    is_recent = untagged["responded_at"] >= pd.Timestamp(recent_start, tz="UTC")
    texts = untagged["comment"].map(privacy.without_details)  # no word of an address or number counts
    words = word_counts(texts[is_recent], texts[~is_recent])
    words["key"] = WORD_PREFIX + words["key"]
    # Two families, each with its own false-discovery control: the themes, which
    # matter most, are not diluted by the hundreds of words screened beside them.
    result = pd.concat([find_emerging(counts), find_emerging(words)], ignore_index=True)
    result = result.sort_values(["emerging", "difference"], ascending=False, kind="stable")
    recent = Filters(filters.unit_ids, recent_start, end, filters.touchpoint_id, filters.channel)
    growing = result[result["emerging"]]
    if growing.empty:
        st.info(t("emerging_none"))
        growing = result[result["difference"] > 0].head(3)
    context = data.theme_counts(page, recent)
    context_counts = dict(zip(context["key"], context["comments"]))
    comment_cards.use_style()
    for row in growing.itertuples():
        _emerging_card(page, recent, row, names, context_counts, measure)


def _emerging_card(page: Page, recent: Filters, row, names: dict[str, str],
                   context_counts: dict[str, int], measure: str) -> None:
    is_word = row.key.startswith(WORD_PREFIX)
    word = row.key[len(WORD_PREFIX):] if is_word else ""
    title = t("word_label", word=word) if is_word else names.get(row.key, row.key)
    target = drill.Drill(theme_key="other", search=word) if is_word else drill.Drill(theme_key=row.key)
    with st.container(border=True):
        badge = t("new_badge") if row.emerging else t("emerging_noise")
        st.markdown(f"**{markdown_safe(title)}** · :{'orange' if row.emerging else 'gray'}-badge[{badge}]")
        st.write(t("emerging_item", now=_percent(row.recent_share), before=_percent(row.base_share),
                   diff=number(100 * row.difference, 1, signed=True),
                   low=number(100 * row.diff_low, 1, signed=True),
                   high=number(100 * row.diff_high, 1, signed=True),
                   k=number(row.recent_k), n=number(row.recent_n)))
        query = CommentQuery(theme_key=target.theme_key, search=word)
        examples = data.comment_page(page, recent, query, 3, 0) if row.emerging else pd.DataFrame()
        if not examples.empty:
            st.caption(t("examples"))
            comment_cards.show(examples, names | {"other": t("theme_other")}, context_counts,
                               page.language, measure)
        drill.button(t("open_comments"), drill.Drill(theme_key=target.theme_key, search=word,
                                                     start=recent.start, end=recent.end),
                     key=f"emerging_{row.key}", icon=":material/forum:")
