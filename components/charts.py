"""Plotly figure builders (no SQL, no Streamlit): pure functions from frames to figures."""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from analysis.formatting import html_safe

# Okabe–Ito, a colour-blind-safe palette.
BLUE = "#0072B2"
ORANGE = "#D55E00"
BAND = "rgba(0, 114, 178, 0.18)"
GREY = "#6b6b6b"


def _segments(mask: pd.Series) -> list[list[int]]:
    """Runs of consecutive positions where ``mask`` is true."""
    runs, current = [], []
    for position, shown in enumerate(mask.to_list()):
        if shown:
            current.append(position)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def trend_figure(
    trend: pd.DataFrame,
    labels: list[str],
    texts: dict[str, str],
    y_range: tuple[float, float],
    format_value: Callable[[float], str],
) -> go.Figure:
    """A line with a shaded simultaneous band; hidden periods are gaps, small ones rings,
    partial ones open squares (each with a legend entry, so colour is never the only cue).

    ``trend`` is :func:`analysis.trend.measure_trend` with a ``partial`` column; ``labels``
    are the period labels for the axis and hover; ``texts`` holds the translated legend and
    hover words (``band``, ``measure``, ``interval``, ``partial``, ``small``); ``format_value``
    writes a number the way the reader's language does. A lone shown period gets its band
    as an error bar.
    """
    shown = ~trend["hidden"]
    x = trend["period"]
    traces = []  # dicts, given to the figure at once with its layout (plotly checks them once)
    bands = [run for run in _segments(shown) if len(run) > 1]
    for number, run in enumerate(bands):
        part = trend.iloc[run]
        traces.append({"type": "scatter", "x": part["period"], "y": part["band_high"], "mode": "lines",
                       "line": {"width": 0}, "hoverinfo": "skip", "showlegend": False, "legendgroup": "band"})
        traces.append({"type": "scatter", "x": part["period"], "y": part["band_low"], "mode": "lines",
                       "line": {"width": 0}, "fill": "tonexty", "fillcolor": BAND, "name": texts["band"],
                       "hoverinfo": "skip", "showlegend": number == 0, "legendgroup": "band"})
    lone = [run[0] for run in _segments(shown) if len(run) == 1]
    hover = []
    for label, (_, row) in zip(labels, trend.iterrows()):
        if row["hidden"]:
            hover.append(f"<b>{label}</b><br>n = {int(row['n'])}")
            continue
        note = f"<br>{texts['partial']}" if row["partial"] else ""
        hover.append(f"<b>{label}</b><br>{texts['measure']}: {format_value(row['value'])}"
                     f"<br>{texts['interval']}: {format_value(row['low'])} – {format_value(row['high'])}"
                     f"<br>n = {int(row['n'])}{note}")
    error_plus = [(trend["band_high"].iloc[i] - trend["value"].iloc[i]) if i in lone else 0 for i in range(len(trend))]
    error_minus = [(trend["value"].iloc[i] - trend["band_low"].iloc[i]) if i in lone else 0 for i in range(len(trend))]
    symbols = ["square-open" if p else "circle-open" if s else "circle"
               for p, s in zip(trend["partial"], trend["small"])]
    traces.append({
        "type": "scatter", "x": x, "y": trend["value"].where(shown), "mode": "lines+markers", "name": texts["measure"],
        "line": {"color": BLUE, "width": 2.5}, "connectgaps": False,
        "marker": {"size": [10 if symbol != "circle" else 7 for symbol in symbols], "symbol": symbols,
                   "color": BLUE, "line": {"width": 2, "color": BLUE}},
        "error_y": {"type": "data", "symmetric": False, "array": error_plus,
                    "arrayminus": error_minus, "color": BLUE, "thickness": 1.5, "width": 4,
                    "visible": bool(lone)},
        "hovertext": hover, "hoverinfo": "text", "showlegend": False,
        "customdata": trend["period"].dt.strftime("%Y-%m-%d"),
    })
    traces.append({"type": "scatter", "x": [None], "y": [None], "mode": "lines+markers", "name": texts["measure"],
                   "hoverinfo": "skip", "line": {"color": BLUE, "width": 2.5},
                   "marker": {"symbol": "circle", "size": 7, "color": BLUE}})
    for flag, symbol, name in (("partial", "square-open", texts["partial"]), ("small", "circle-open", texts["small"])):
        if (trend[flag] & shown).any():  # a legend entry for the marker (no data of its own)
            traces.append({"type": "scatter", "x": [None], "y": [None], "mode": "markers", "name": name,
                           "hoverinfo": "skip", "marker": {"symbol": symbol, "size": 10, "color": BLUE,
                                                           "line": {"width": 2, "color": BLUE}}})
    tick_step = max(1, math.ceil(len(trend) / 12))
    return go.Figure(traces, {
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "height": 380,
        "hovermode": "closest",
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
        "xaxis": {"tickvals": list(x)[::tick_step], "ticktext": labels[::tick_step], "showgrid": False},
        "yaxis": {"range": list(y_range), "zeroline": True, "zerolinecolor": GREY, "gridcolor": "#e6e6e6"},
        "plot_bgcolor": "white",
    })


def padded_range(trend: pd.DataFrame, low: str, high: str, bounds: tuple[float, float],
                 pad: float) -> tuple[float, float]:
    """A y-range around the shown band, within ``bounds``."""
    lows, highs = trend[low].dropna(), trend[high].dropna()
    margin = 0.03 * (bounds[1] - bounds[0])  # room for a marker on the bound itself
    if lows.empty:
        return bounds[0] - margin, bounds[1] + margin
    return (max(bounds[0] - margin, float(lows.min()) - pad),
            min(bounds[1] + margin, float(highs.max()) + pad))


def share_figure(names: list[str], share: list[float], low: list[float], high: list[float],
                 hover: list[str], axis_title: str) -> go.Figure:
    """Shares (0–1) as dots with their interval, one row per name (from the data:
    escaped here), top row first; ``hover`` is HTML the caller escaped."""
    figure = go.Figure(go.Scatter(
        x=[100 * value for value in share], y=[html_safe(name) for name in names], mode="markers",
        marker={"color": BLUE, "size": 10},
        error_x={"type": "data", "symmetric": False,
                 "array": [100 * (h - s) for s, h in zip(share, high)],
                 "arrayminus": [100 * (s - lo) for s, lo in zip(share, low)],
                 "color": BLUE, "thickness": 1.5, "width": 0},
        hovertext=hover, hoverinfo="text",
    ))
    figure.update_layout(
        margin={"l": 10, "r": 10, "t": 10, "b": 10}, height=max(160, 34 * len(names) + 60),
        plot_bgcolor="white", showlegend=False,
        xaxis={"title": axis_title, "rangemode": "tozero", "gridcolor": "#e6e6e6", "ticksuffix": " %"},
        yaxis={"autorange": "reversed"},
    )
    return figure


def comparison_figure(here: tuple[float, float, float], other: tuple[float, float, float] | None,
                      labels: tuple[str, str], bounds: tuple[float, float], suffix: str, height: int = 110,
                      font_size: int | None = None) -> go.Figure:
    """A small dot-and-interval chart: this group against its comparator (or a
    target line when ``other`` has no interval); ``height`` and ``font_size`` make
    it a slide's big visual. Traces and layout are given to the figure at once, so
    that plotly checks them once (a page draws one per card: ``python -m bench.charts``)."""
    rows = [(labels[0], *here, BLUE)]
    if other is not None:
        rows.append((labels[1], *other, GREY))
    big = font_size is not None
    traces = [{
        "type": "scatter", "x": [value], "y": [label], "mode": "markers",
        "marker": {"color": colour, "size": 22 if big else 11},
        "error_x": {"type": "data", "symmetric": False, "array": [high - value], "arrayminus": [value - low],
                    "color": colour, "thickness": 5 if big else 2, "width": 12 if big else 0},
        "hovertemplate": f"{label}: %{{x:.1f}}{suffix}<extra></extra>", "showlegend": False,
    } for label, value, low, high, colour in rows]
    ticks = {"tickfont": {"size": font_size}} if big else {}
    layout = {
        "height": height, "margin": {"l": 10, "r": 10, "t": 5, "b": 5}, "plot_bgcolor": "white",
        "xaxis": {"range": list(bounds), "gridcolor": "#e6e6e6", "ticksuffix": suffix, "zeroline": False} | ticks,
        "yaxis": {"autorange": "reversed"} | ticks,
    } | ({"font": {"size": font_size}} if big else {})
    return go.Figure(traces, layout)


def drivers_figure(names: list[str], coef: list[float], low: list[float], high: list[float],
                   verdicts: list[str], hover: list[str], axis_title: str) -> go.Figure:
    """Regression coefficients with their intervals, one row per factor, top row first;
    blue "higher", orange "lower" (Okabe–Ito, with a filled marker), grey open rings where
    the association is not clear (so colour is not the only cue). ``names`` come from
    the data (escaped here; ``hover`` the caller escaped)."""
    colours = [BLUE if v == "higher" else ORANGE if v == "lower" else GREY for v in verdicts]
    symbols = ["circle" if v in ("higher", "lower") else "circle-open" for v in verdicts]
    figure = go.Figure(go.Scatter(
        x=coef, y=[html_safe(name) for name in names], mode="markers",
        marker={"color": colours, "size": 10, "symbol": symbols, "line": {"width": 2, "color": colours}},
        error_x={"type": "data", "symmetric": False, "array": [h - c for c, h in zip(coef, high)],
                 "arrayminus": [c - lo for c, lo in zip(coef, low)], "color": "#9aa5b1",
                 "thickness": 1.5, "width": 0},
        hovertext=hover, hoverinfo="text",
    ))
    figure.add_vline(x=0, line_color=GREY, line_width=1)
    figure.update_layout(
        height=max(180, 30 * len(names) + 60), margin={"l": 10, "r": 10, "t": 10, "b": 10},
        plot_bgcolor="white", showlegend=False,
        xaxis={"title": axis_title, "gridcolor": "#e6e6e6"}, yaxis={"autorange": "reversed"},
    )
    return figure


CELL_COLOURS = {  # light tints, so that dark text stays readable (contrast at least 4.5:1) on each
    "strength": "#B9D7EE", "weakness": "#F6C5A3", "no_clear_difference": "#E9EDF1",
    "too_few": "#FFFFFF", "no_comparator": "#FFFFFF",
}
TEXT = "#1F2933"


def heatmap_figure(cells: pd.DataFrame, row_labels: list[str], column_labels: list[str]) -> go.Figure:
    """Units × touchpoints as square cells that show their ``text`` (the value with a
    ▲/▼ symbol for a clear difference, and n), so that neither colour nor hover is
    needed to read them; a click selects a cell.

    ``cells`` has one row per cell: ``row`` and ``column`` (labels, drawn in the
    order of ``row_labels`` and ``column_labels``), ``verdict`` (a key of
    :data:`CELL_COLOURS`), ``text``, ``hover`` and ``customdata`` (what a click
    returns). Labels come from data: they are escaped here (``hover`` the caller escaped)."""
    cells = cells.assign(row=cells["row"].map(html_safe), column=cells["column"].map(html_safe))
    row_labels, column_labels = [html_safe(label) for label in row_labels], [html_safe(label) for label in column_labels]
    figure = go.Figure()
    for verdict, colour in CELL_COLOURS.items():
        part = cells[cells["verdict"] == verdict]
        if part.empty:
            continue
        figure.add_trace(go.Scatter(
            x=part["column"], y=part["row"], mode="markers+text", text=part["text"],
            textfont={"color": TEXT, "size": 12},
            marker={"symbol": "square", "size": 62, "color": colour, "line": {"color": "#9AA5B1", "width": 1}},
            hovertext=part["hover"], hoverinfo="text", customdata=part["customdata"], showlegend=False,
        ))
    figure.update_layout(
        height=max(160, 62 * len(row_labels) + 50), margin={"l": 10, "r": 10, "t": 40, "b": 10},
        plot_bgcolor="white", clickmode="event+select",
        xaxis={"categoryorder": "array", "categoryarray": column_labels, "side": "top",
               "showgrid": False, "fixedrange": True, "tickfont": {"color": TEXT, "size": 13}},
        yaxis={"categoryorder": "array", "categoryarray": row_labels, "range": [len(row_labels) - 0.5, -0.5],
               "showgrid": False, "fixedrange": True, "tickfont": {"color": TEXT, "size": 13}},
    )
    return figure
