"""The overview trend's table alternative: each period's value, its own interval, its part
of the simultaneous band and n, with hidden, small and partial periods said in words."""

from __future__ import annotations

import pandas as pd

from analysis import measures
from components import measure_text, shell, table_cards
from components.i18n import number, t


def _note(row) -> str:
    notes = []
    if row.hidden:
        notes.append(t("trend_note_hidden"))
    elif row.small:
        notes.append(t("trend_small"))
    if row.partial:
        notes.append(t("trend_partial"))
    return ", ".join(notes)


def table(trend: pd.DataFrame, labels: list[str], measure: str) -> None:
    """The trend as a table in an expander (the chart's alternative for every reader),
    built only while it is open."""
    def shown(value: float) -> str:
        return "–" if pd.isna(value) else number(value) + (" %" if measures.get(measure).percent else "")

    def body() -> None:
        rows = list(trend.itertuples())
        table_cards.table(pd.DataFrame({
            t("trend_col_period"): labels,
            measure_text.title(measure): [shown(row.value) for row in rows],
            t("trend_own_interval"): ["–" if row.hidden else f"{shown(row.low)} – {shown(row.high)}" for row in rows],
            t("trend_col_band"): ["–" if row.hidden else f"{shown(row.band_low)} – {shown(row.band_high)}"
                                  for row in rows],
            "n": [number(row.n) for row in rows],
            t("trend_col_note"): [_note(row) for row in rows],
        }), key="trend_table", hide_index=True, width="stretch")

    shell.expander(t("trend_table"), "trend_table_open", body)
