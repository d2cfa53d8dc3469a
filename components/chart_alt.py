"""What a chart says for those who cannot see it: a one-line summary in words under
the chart and its data as a real HTML table (``st.table``, which screen readers
read as a table) in an expander "Show as table", built only while that is open."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from components import shell
from components.i18n import markdown_safe, number, t


def alternative(key: str, summary: str, table: Callable[[], pd.DataFrame]) -> None:
    """``summary`` as a caption under the chart just drawn, and the frame ``table()``
    gives (every cell as text) in an expander keyed ``alt_<key>``; the table is built
    and sent only while the expander is open (:func:`components.shell.expander`)."""
    st.caption(summary)

    def body() -> None:
        # st.table reads its cells as Markdown: names from data go through the one escaping rule.
        shown = table().astype(str).map(markdown_safe).rename(columns=markdown_safe)
        st.table(shown.set_index(shown.columns[0]))

    shell.expander(t("show_as_table"), f"alt_{key}", body)


def trend(key: str, frame: pd.DataFrame, labels: list[str], title: str,
          value_text: Callable[[float], str]) -> None:
    """The alternative of a trend chart (the frame of :func:`analysis.trend.measure_trend`,
    one label per period, with ``partial``): where it starts and ends in words, and every
    period with its value, its own interval, its part of the band for all periods, n and
    whether it is hidden, small or partial. ``value_text`` writes a value of the frame
    (NPS points or per cent) as text."""
    shown = frame[~frame["hidden"]]
    if shown.empty:
        summary = t("trend_empty")
    else:
        summary = t("trend_summary", measure=title, first=labels[shown.index[0]],
                    first_value=value_text(shown["value"].iloc[0]), last=labels[shown.index[-1]],
                    last_value=value_text(shown["value"].iloc[-1]), periods=number(len(frame)))

    def column(name: str) -> list[str]:
        return ["–" if hidden else value_text(value) for value, hidden in zip(frame[name], frame["hidden"])]

    def note(row) -> str:
        said = [t("note_hidden") if row.hidden else t("note_small") if row.small else "",
                t("trend_partial") if row.partial else ""]
        return ", ".join(part for part in said if part)

    alternative(key, summary, lambda: pd.DataFrame({
        t("col_period"): labels, t("col_value"): column("value"), t("col_low"): column("low"),
        t("col_high"): column("high"),
        t("trend_col_band"): ["–" if hidden else f"{value_text(low)} – {value_text(high)}"
                              for low, high, hidden in zip(frame["band_low"], frame["band_high"], frame["hidden"])],
        "n": [number(n) for n in frame["n"]], t("col_note"): [note(row) for row in frame.itertuples()],
    }))
