"""The pieces of the strengths page: a card per strength or weakness (sentence,
numbers, dot-and-interval chart, customers' own words, pin and drill), the honest
"nothing clear" message, key drivers, and the units × touchpoints heatmap."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import compare as comparison
from analysis.drivers import key_drivers
from components import charts, comment_cards, data, drill, pins
from components.filters import Selection
from components.i18n import TEXTS, markdown_safe, number, t
from components.shell import Page
from queries.comments import CommentQuery
from queries.responses import Filters

NPS_BOUNDS, CSAT_BOUNDS = (-100.0, 100.0), (0.0, 100.0)


class Labels:
    """Readable names for the groups of a comparison, in the reader's language."""

    def __init__(self, page: Page):
        touchpoints = data.touchpoints(page)
        self.touchpoints = dict(zip(touchpoints["key"], touchpoints[f"name_{page.language}"]))
        self.touchpoint_ids = dict(zip(touchpoints["key"], touchpoints["id"]))
        options = data.theme_options(page)
        self.themes = dict(zip(options["key"], options[f"name_{page.language}"]))

    def name(self, dimension: str, key: str) -> str:
        if dimension == "overall":
            return t("group_overall")
        if dimension == "touchpoint":
            return self.touchpoints.get(key, key)
        if dimension == "theme":
            return self.themes.get(key, key)
        if dimension == "channel":
            return t(f"channel_{key}") if f"channel_{key}" in TEXTS else key
        attribute, _, value = key.partition("=")
        return f"{attribute}: {value}"

    def group(self, dimension: str, key: str) -> str:
        """The group as it reads in a sentence: "the touchpoint Checkout"."""
        if dimension == "overall":
            return t("group_overall")
        return t(f"dimension_{dimension}", name=self.name(dimension, key))


def _scaled(row, measure: str) -> dict[str, float]:
    """The row's figures on the scale they are shown on (NPS points or %)."""
    factor = 1 if measure == "nps" else 100
    return {name: getattr(row, name) * factor for name in
            ("value", "low", "high", "comp_value", "comp_low", "comp_high", "diff", "diff_low", "diff_high")}


def _numbers(row, comparator: str) -> str:
    figures = _scaled(row, row.measure)
    suffix = "" if row.measure == "nps" else " %"
    points = "" if row.measure == "nps" else " " + t("percentage_points")
    signed = {key: number(figures[key], 0 if row.measure == "nps" else 1, signed=True) + points
              for key in ("diff", "diff_low", "diff_high")}
    plain = {key: number(figures[key]) + suffix for key in ("value", "low", "high", "comp_value")}
    template = "card_numbers_target" if comparator == "target" else "card_numbers"
    return t(template, **plain, **signed, n=number(row.n), comp_n=number(row.comp_n),
             comparator_label=t(f"comparator_{comparator}").capitalize())


def card(page: Page, selection: Selection, row, labels: Labels, comparator: str, key: str) -> None:
    """One strength or weakness: sentence, numbers, chart, comments, pin and drill."""
    kind = row.verdict
    measure_name = t(f"measure_{row.measure}")
    sentence = t(f"sentence_{kind}", group=labels.group(row.dimension, row.key),
                 measure=measure_name, comparator=t(f"comparator_{comparator}"))
    with st.container(border=True):
        st.markdown(f"**{markdown_safe(sentence)}**")
        st.caption(_numbers(row, comparator))
        figures = _scaled(row, row.measure)
        other = ((figures["comp_value"],) * 3 if comparator == "target"
                 else (figures["comp_value"], figures["comp_low"], figures["comp_high"]))
        st.plotly_chart(
            charts.comparison_figure((figures["value"], figures["low"], figures["high"]), other,
                                     (t("here_label"), t(f"comparator_{comparator}")),
                                     NPS_BOUNDS if row.measure == "nps" else CSAT_BOUNDS,
                                     "" if row.measure == "nps" else " %"),
            key=f"chart_{key}", config={"displayModeBar": False, "staticPlot": True})
        target = _group_drill(row, labels, "promoter" if kind == "strength" else "detractor")
        examples = _examples(page, selection.filters, row, labels, target)
        if not examples.empty:
            counts = data.theme_counts(page, selection.filters)
            comment_cards.show(examples, labels.themes | {"other": t("theme_other")},
                               dict(zip(counts["key"], counts["comments"])), page.language)
        left, right = st.columns(2)
        with left:
            drill.button(t("open_comments"), target, key=f"drill_{key}", icon=":material/forum:")
        with right:
            pins.button(page, selection, key, kind=kind, scope_type=row.dimension, scope_key=row.key,
                        metric=row.measure, title=sentence, estimate=row.value, low=row.low,
                        high=row.high, n=row.n, comparator=comparator,
                        comparator_estimate=row.comp_value)


def _group_drill(row, labels: Labels, score_group: str) -> drill.Drill:
    """The comments behind a group (segments have no comment filter: the whole unit)."""
    if row.dimension == "touchpoint":
        return drill.Drill(touchpoint_key=row.key, score_group=score_group)
    if row.dimension == "channel":
        return drill.Drill(channel=row.key, score_group=score_group)
    if row.dimension == "theme":
        return drill.Drill(theme_key=row.key, score_group=score_group)
    return drill.Drill(score_group=score_group)


def _examples(page: Page, filters: Filters, row, labels: Labels, target: drill.Drill) -> pd.DataFrame:
    """Two or three of the newest comments from the group, of the card's tone."""
    narrowed = Filters(
        filters.unit_ids, filters.start, filters.end,
        labels.touchpoint_ids.get(target.touchpoint_key, filters.touchpoint_id),
        target.channel or filters.channel,
    )
    query = CommentQuery(score_group=target.score_group, theme_key=target.theme_key)
    return data.comment_page(page, narrowed, query, 3, 0)


def close_calls(rows: pd.DataFrame, verdict: str, labels: Labels, comparator: str) -> None:
    """The honest "nothing clear" message with what comes closest, marked as noise."""
    st.info(t(f"no_{verdict}", comparator=t(f"comparator_{comparator}")), icon=":material/info:")
    if rows.empty:
        st.caption(t("nothing_close"))
    for row in rows.itertuples():
        st.caption(t(f"sentence_close_{verdict}", group=labels.name(row.dimension, row.key),
                     measure=t(f"measure_{row.measure}"), comparator=t(f"comparator_{comparator}"))
                   + " " + _numbers(row, comparator))


def too_few(result: pd.DataFrame, labels: Labels, min_responses: int) -> None:
    rows = result[result["verdict"] == "too_few"].drop_duplicates(["dimension", "key"])
    if rows.empty:
        return
    names = ", ".join(f"{labels.name(r.dimension, r.key)} (n = {int(r.n)})" for r in rows.itertuples())
    st.caption(":material/info: " + t("too_few_groups", n=len(rows), min=min_responses, groups=names))


def drivers(page: Page, filters: Filters, labels: Labels, scope_name: str) -> None:
    """What matters most: the key-driver regression with its intervals."""
    st.subheader(t("drivers_title"), help=t("drivers_help"))
    theme_keys = list(labels.themes)
    rows = data.driver_rows(page, filters, theme_keys)
    result = key_drivers(rows, theme_keys) if not rows.empty else pd.DataFrame()
    if result.empty:
        st.info(t("drivers_empty"))
        return
    names = [labels.name(row.factor, row.key) for row in result.itertuples()]
    st.caption(t("drivers_caption", n=number(int(rows["count"].sum())), scope=scope_name))
    st.plotly_chart(charts.drivers_figure(names, result["coef"].tolist(), result["low"].tolist(),
                                          result["high"].tolist(), t("drivers_axis")),
                    key="drivers", config={"displayModeBar": False})


def heatmap(page: Page, filters: Filters, labels: Labels, min_responses: int) -> None:
    """Units (grouped by region) × touchpoints, coloured only where the NPS
    difference from the rest of the organisation is clear after BH control."""
    counts = data.heatmap_counts(page, filters).rename(columns={"touchpoint": "key"})
    units = counts[counts["kind"] == "unit"]
    if units.empty:
        st.info(t("heatmap_empty"))
        return
    columns = ["n", "promoters", "passives", "detractors", "csat_n", "csat_top"]
    organisation = counts[counts["kind"] == "organisation"].set_index("key")[columns]
    own = units.assign(dimension=units["unit_id"].astype(int).astype(str))
    # The rest of the organisation = the organisation minus the unit (touchpoints
    # without an organisation figure stay uncompared).
    own[["csat_n", "csat_top"]] = 0  # the heatmap judges NPS only: no CSAT tests in the correction
    present = own[own["key"].isin(organisation.index)]
    rest = present[["dimension", "key"]].copy()
    rest[columns] = organisation.loc[present["key"], columns].to_numpy() - present[columns].to_numpy()
    result = comparison.compare(own[["dimension", "key", *columns]], rest,
                                min_responses=min_responses)
    result = result[result["measure"] == "nps"].merge(
        own[["dimension", "key", "unit_id", "unit", "region"]], on=["dimension", "key"])
    result = result.sort_values(["region", "unit"])
    row_labels = list(dict.fromkeys(f"{r.region} · {r.unit}" for r in result.itertuples()))
    column_labels = [labels.touchpoints[k] for k in labels.touchpoints if k in set(result["key"])]
    cells = pd.DataFrame({
        "row": [f"{r.region} · {r.unit}" for r in result.itertuples()],
        "column": [labels.touchpoints.get(r.key, r.key) for r in result.itertuples()],
        "diff": [r.diff if r.verdict in ("strength", "weakness") else float("nan")
                 for r in result.itertuples()],
        "too_few": (result["verdict"] == "too_few").to_list(),
        "hover": [_heat_hover(r, labels) for r in result.itertuples()],
        "customdata": [f"{int(r.unit_id)}|{r.key}" for r in result.itertuples()],
    })
    st.subheader(t("heatmap_title"))
    st.caption(t("heatmap_caption"))
    st.plotly_chart(charts.heatmap_figure(cells, row_labels, column_labels), key="heatmap",
                    on_select=_open_cell, selection_mode="points", config={"displayModeBar": False})


def _heat_hover(row, labels: Labels) -> str:
    head = f"<b>{row.unit}</b> · {labels.touchpoints.get(row.key, row.key)}<br>"
    if row.verdict == "too_few":
        return head + t("not_enough", n=int(row.n))
    return head + (f"NPS {number(row.value)} ({number(row.low)} – {number(row.high)}), n = {number(row.n)}"
                   f"<br>Δ {number(row.diff, signed=True)} ({number(row.diff_low, signed=True)} – "
                   f"{number(row.diff_high, signed=True)})")


def _open_cell() -> None:
    """A click on a heatmap cell: that unit, with the touchpoint selected."""
    points = st.session_state["heatmap"]["selection"]["points"]
    chosen = [point["customdata"] for point in points if point.get("customdata")]
    if chosen:
        unit_id, touchpoint = chosen[0].split("|")
        st.session_state["unit"] = int(unit_id)
        st.session_state["touchpoint"] = touchpoint
