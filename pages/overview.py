"""Overview: a headline for every measure with answers in the selection, with its
uncertainty and n; the chosen measure's trend with a confidence band and its change
against the previous period in plain words."""

from __future__ import annotations

from datetime import date

import streamlit as st

from analysis import measures
from analysis.periods import GRAINS, period_end, previous, totals
from analysis.trend import compare, partial
from analysis.verdict import Rule
from components import (chart_alt, charts, comment_list, data, drill, landing_views, measure_text, pins, shell,
                        url_state)
from components.filters import sidebar_filters
from components.i18n import day, markdown_safe, number, period_label, t
from queries.responses import STAT_COLUMNS

page = shell.page(title="Insikt · Översikt / Overview")
selection = sidebar_filters(page)
if selection is None:
    st.stop()

filters = selection.filters
limits = page.thresholds
prev_start, prev_end = previous(filters.start, filters.end)
daily = data.daily_stats(page, filters, from_day=prev_start)
now = totals(daily, filters.start, filters.end, STAT_COLUMNS)
before = totals(daily, prev_start, prev_end, STAT_COLUMNS)

st.title(t("overview_title", unit=markdown_safe(selection.unit_name)))
st.caption(selection.caption())
comment_list.new_comments_notice(page, filters)
if selection.measure is None:
    st.info(t("no_data_yet"), icon=":material/database:")
    st.stop()
measure = selection.measure
m = measures.get(measure)
units = data.units_in_scope(page)
one_unit = selection.unit_id is not None and (units.loc[units["id"] == selection.unit_id, "kind"] == "unit").any()
if page.account.role in ("leader", "admin") and not one_unit:  # the leader's landing: which units need help
    landing_views.unit_list(page, selection, prev_start)


def headline(column, key: str) -> None:
    """One measure's headline with its interval and n, or "not enough responses"."""
    estimate = measures.estimate(key, now)
    with column.container(border=True):
        title, help_text = measure_text.title(key), t(f"measure_help_{key}")
        if estimate.n < limits.min_responses:
            st.metric(title, "–", help=help_text)
            st.caption(t("not_enough", n=estimate.n))
            return
        st.metric(title, measure_text.value(key, estimate.estimate), help=help_text)
        st.caption(measure_text.in_words(key, estimate))
        if estimate.n < limits.small_sample:
            st.caption(":material/warning: " + t("small_sample_flag", n=estimate.n))


present = measures.available(now)
columns = st.columns(len(present) + 1)
for column, key in zip(columns, present):
    headline(column, key)
with columns[-1].container(border=True):
    st.metric(t("responses"), number(now["responses"]))
    st.caption(t("responses_count", n=number(now["responses"]), comments=number(now["comments"])))
if now["responses"] == 0:
    st.info(t("trend_empty"))
    st.stop()
if now[m.n] == 0 and before[m.n] == 0:  # a measure picked that this selection has no answers on
    st.info(t("measure_no_answers", measure=measure_text.in_sentence(measure)) + " "
            + t("measure_others", others=measure_text.others(present)), icon=":material/info:")
    st.stop()

change = compare(now, before, min_responses=limits.min_responses,
                 rule=Rule(small_sample=limits.small_sample), measure=measure)
kind = "no_earlier_data" if before[m.n] == 0 and selection.first and selection.first > prev_end else change.kind
words = {
    "measure": measure_text.in_sentence(measure) if kind in ("not_enough_data", "no_earlier_data")
    else measure_text.title(measure),
    "first": day(selection.first) if selection.first else "–",
    "last": measure_text.value(measure, change.last.estimate) if change.last else "–",
    "previous": measure_text.value(measure, change.previous.estimate) if change.previous else "–",
    "prev_start": day(prev_start), "prev_end": day(prev_end),
    "n": number(now[m.n]), "n_prev": number(before[m.n]),
}
if change.kind == "too_few_to_judge":
    words |= {"small": number(limits.small_sample)}
if change.difference is not None:  # the difference as the two rounded figures shown give it
    words |= {"diff": measure_text.gap(measure, change.last.estimate, change.previous.estimate),
              "low": measure_text.difference(measure, change.difference.low),
              "high": measure_text.difference(measure, change.difference.high)}
sentence = t(f"change_m_{kind}", **words)
st.subheader(t("change_title"))
{"clear_increase": st.success, "clear_decrease": st.warning}.get(change.kind, st.info)(sentence)
if change.difference is not None:  # the trend can go to the workshop as an insight
    pins.button(page, selection, "trend", kind="trend", scope_type="metric", scope_key=measure,
                metric=measure, title=sentence.replace("**", ""), estimate=change.last.estimate,
                low=change.last.low, high=change.last.high, n=change.last.n, comparator="previous",
                comparator_estimate=change.previous.estimate)
if one_unit and page.account.role != "staff":
    touchpoints = data.touchpoints(page)
    landing_views.unit_findings(page, selection, dict(zip(touchpoints["key"], touchpoints[f"name_{page.language}"])))

st.subheader(t("trend_title") + " · " + measure_text.title(measure))
grain = url_state.keyed(st.columns([3, 7])[0].radio, t("grain"), "grain", GRAINS,
                        {g: t(f"grain_{g}") for g in GRAINS}, "month", horizontal=True)
trend = data.trend(page, filters, grain, measure, from_day=prev_start)
trend["partial"] = partial(trend["period"], grain, filters.start, filters.end, date.today())
labels = [period_label(p.date(), grain) for p in trend["period"]]
low, high = (m.shown(bound) for bound in m.bounds)
shown_periods = int((~trend["hidden"]).sum())
figure = charts.trend_figure(
    trend, labels,
    {"band": t("trend_band_joint", k=shown_periods), "measure": measure_text.title(measure),
     "interval": t("trend_own_interval"), "partial": t("trend_partial"), "small": t("trend_small")},
    charts.padded_range(trend, "band_low", "band_high", (low, high), 0.05 * (high - low)),
    lambda v: number(v) + (" %" if m.percent else ""),
).update_layout(separators=t("plot_separators"))
event = st.plotly_chart(figure, key="trend_chart", config={"displayModeBar": False},
                        on_select="rerun", selection_mode="points")
chart_alt.trend("trend_chart", trend, labels, measure_text.title(measure),
                lambda v: measure_text.value(measure, v / 100 if m.percent else v))
st.caption(t("trend_band_caption", k=shown_periods, level=number(100 * trend.attrs["band_confidence"], 1))
           + " :material/touch_app: " + t("trend_click_hint"))
periods = dict(zip(trend["period"].dt.strftime("%Y-%m-%d"), labels))
pick, open_column = st.columns([3, 1], vertical_alignment="bottom")
chosen_period = pick.selectbox(t("trend_keyboard"), list(periods), index=len(periods) - 1,
                               format_func=periods.get, key="trend_period")
clicked = [point["customdata"] for point in event.selection.points if point.get("customdata")]
if open_column.button(t("trend_keyboard_button"), key="trend_open"):  # the same drill by keyboard
    clicked = [chosen_period]
if clicked:  # one click on a period opens its comments, with the same filters
    first = date.fromisoformat(clicked[0])
    drill.go(drill.Drill(start=max(first, filters.start), end=min(period_end(first, grain), filters.end)))
    drill.follow()
gaps = [label for label, is_hidden in zip(labels, trend["hidden"]) if is_hidden]
if gaps:
    st.caption(":material/info: " + t("trend_hidden_note", count=len(gaps), min=number(limits.min_responses),
                                      periods=", ".join(gaps[:12]) + (" …" if len(gaps) > 12 else "")))
if trend["small"].any():
    st.caption(":material/radio_button_unchecked: " + t("trend_small_note", small=number(limits.small_sample)))
parts = [label for label, is_partial in zip(labels, trend["partial"]) if is_partial]
if parts:
    st.caption(":material/crop_square: " + t("trend_partial_note", periods=", ".join(parts)))
with st.expander(t("about_stats_title")):
    st.markdown(t("about_stats_body"))
