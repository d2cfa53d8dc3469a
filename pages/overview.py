"""Overview: headline NPS and satisfaction with their uncertainty, the trend with a
confidence band, and the change against the previous period in plain words."""

from __future__ import annotations

from datetime import date

import streamlit as st

from analysis import intervals
from analysis.periods import GRAINS, period_end, previous, roll_up, totals
from analysis.trend import compare, nps_trend
from components import charts, comment_list, data, drill, pins, shell
from components.filters import sidebar_filters
from components.i18n import day, number, period_label, t
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
latest = data.latest_day(page)

st.title(t("overview_title", unit=selection.unit_name))
st.caption(t("overview_caption", period=selection.period_label(), start=day(filters.start),
             end=day(filters.end), latest=day(latest) if latest else "–"))
comment_list.new_comments_notice(page, filters)


def headline(column, title: str, help_text: str, estimate: intervals.Interval, unit: str,
             decimals: int) -> None:
    """One headline number with its interval and n, or "not enough responses"."""
    with column.container(border=True):
        if estimate.n < limits.min_responses:
            st.metric(title, "–", help=help_text)
            st.caption(t("not_enough", n=estimate.n))
            return
        st.metric(title, f"{number(estimate.estimate, decimals)}{unit}", help=help_text)
        st.caption(t("headline_interval", low=number(estimate.low, decimals),
                     high=number(estimate.high, decimals), n=number(estimate.n)))
        if estimate.n < limits.small_sample:
            st.caption(":material/warning: " + t("small_sample_flag", n=estimate.n))


nps_now = intervals.nps(now["promoters"], now["passives"], now["detractors"])
csat_now = intervals.proportion(now["csat_top"], now["csat_n"])
csat_pct = intervals.Interval(csat_now.estimate * 100, csat_now.low * 100, csat_now.high * 100, csat_now.n)
left, right, third = st.columns(3)
headline(left, t("nps"), t("nps_help"), nps_now, "", 0)
headline(right, t("csat_top"), t("csat_help"), csat_pct, " %", 0)
with third.container(border=True):
    st.metric(t("responses"), number(now["responses"]))
    st.caption(t("responses_count", n=number(now["responses"]), comments=number(now["comments"])))

change = compare(now, before, min_responses=limits.min_responses)
words = {
    "last": number(change.last.estimate) if change.last else "–",
    "previous": number(change.previous.estimate) if change.previous else "–",
    "prev_start": day(prev_start), "prev_end": day(prev_end), "n_prev": number(before["n"]),
}
if change.difference is not None:
    words |= {"diff": number(change.difference.estimate, signed=True),
              "low": number(change.difference.low, signed=True),
              "high": number(change.difference.high, signed=True)}
sentence = t(f"change_{change.kind}", **words)
st.subheader(t("change_title"))
{"clear_increase": st.success, "clear_decrease": st.warning}.get(change.kind, st.info)(sentence)
if change.difference is not None:  # the trend can go to the workshop as an insight
    pins.button(page, selection, "trend", kind="trend", scope_type="metric", scope_key="nps",
                metric="nps", title=sentence.replace("**", ""), estimate=change.last.estimate,
                low=change.last.low, high=change.last.high, n=change.last.n, comparator="previous",
                comparator_estimate=change.previous.estimate)

st.subheader(t("trend_title"))
controls = st.columns([2, 2, 6])
measure = controls[0].radio(t("measure"), ["nps", "csat"], horizontal=True, key="measure",
                            format_func=lambda m: t("nps") if m == "nps" else t("csat_top"),
                            bind="query-params")
grain = controls[1].radio(t("grain"), list(GRAINS), index=GRAINS.index("month"), horizontal=True,
                          key="grain", format_func=lambda g: t(f"grain_{g}"), bind="query-params")

trend = nps_trend(roll_up(daily, grain, filters.start, filters.end, STAT_COLUMNS),
                  min_responses=limits.min_responses, small_sample=limits.small_sample)
columns = {
    "nps": ("nps", "nps_low", "nps_high", "hidden", "small", (-100, 100), 10, "", "n"),
    "csat": ("csat_top_pct", "csat_low", "csat_high", "csat_hidden", "csat_small", (0, 100), 5,
             " %", "csat_n"),
}[measure]
value, low, high, hidden, small, bounds, pad, suffix, n_column = columns
if now["responses"] == 0:
    st.info(t("trend_empty"))
    st.stop()
labels = [period_label(p.date(), grain) for p in trend["period"]]
shown = trend.assign(n=trend[n_column])
figure = charts.trend_figure(
    shown, value, low, high, hidden, small, labels,
    {"band": t("band_label"), "measure": t("nps") if measure == "nps" else t("csat_top"),
     "interval": t("hover_interval")},
    charts.padded_range(shown, low, high, bounds, pad),
    lambda v: number(v) + suffix,
)
event = st.plotly_chart(figure, key="trend_chart", config={"displayModeBar": False},
                        on_select="rerun", selection_mode="points")
st.caption(":material/touch_app: " + t("trend_click_hint"))
clicked = [point["customdata"] for point in event.selection.points if point.get("customdata")]
if clicked:  # one click on a period opens its comments, with the same filters
    first = date.fromisoformat(clicked[0])
    drill.go(drill.Drill(start=max(first, filters.start),
                         end=min(period_end(first, grain), filters.end)))
    drill.follow()
gaps = [label for label, is_hidden in zip(labels, trend[hidden]) if is_hidden]
if gaps:
    st.caption(":material/info: " + t("trend_hidden_note", count=len(gaps), min=limits.min_responses,
                                      periods=", ".join(gaps[:12]) + (" …" if len(gaps) > 12 else "")))
if trend[small].any():
    st.caption(":material/radio_button_unchecked: " + t("trend_small_note", small=limits.small_sample))
