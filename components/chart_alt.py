"""What a chart says for those who cannot see it: a one-line summary in words under
the chart and its data as a real HTML table (``st.table``, which screen readers
read as a table) in an expander "Show as table"."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.i18n import t


def alternative(table: pd.DataFrame, summary: str, columns: dict[str, str] | None = None) -> None:
    """``summary`` as a caption and ``table`` (columns renamed by ``columns``, every
    cell as text) in an expander under the chart just drawn."""
    st.caption(summary)
    with st.expander(t("show_as_table")):
        shown = table.rename(columns=columns or {})
        st.table(shown.astype(str).set_index(shown.columns[0]))
