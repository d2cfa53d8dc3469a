"""The Segments tab of the admin page: every imported column kept with the
responses, whether pages compare it as a segment and why; an administrator
switches one on or off, and later imports keep that choice."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import data
from components.i18n import t
from components.import_views import segment_reason
from components.shell import Page
from queries import segments

FLASH = "segments_flash"


def segments_tab(page: Page) -> None:
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(message, icon=":material/check_circle:")
    st.caption(t("admin_segments_caption"))
    table = data.segments_table(page)
    if table.empty:
        st.info(t("admin_segments_none"), icon=":material/info:")
        return
    shown = pd.DataFrame({
        "key": table["key"], "enabled": table["enabled"],
        "why": [segment_reason(reason, enabled) for reason, enabled in zip(table["reason"], table["enabled"])],
        "values": table["distinct_values"], "responses": table["responses"],
        "decided_by": table["decided_by"].fillna(""), "updated_at": table["updated_at"],
    })
    with st.container(key="insikt_editor_segments"):  # a grid on a phone too: key and switch come first
        edited = _editor(page, shown)
    changed = {key: bool(enabled) for key, enabled, before in zip(edited["key"], edited["enabled"], shown["enabled"])
               if bool(enabled) != bool(before)}
    if st.button(t("admin_seg_save", n=len(changed)), type="primary", disabled=not changed,
                 icon=":material/save:", key="admin_segments_save"):
        try:
            for key, enabled in changed.items():
                segments.set_enabled(page.engine, page.account, key, enabled)
        except PermissionError:
            st.error(t("admin_permission_refused"), icon=":material/block:")
            return
        except KeyError:
            st.error(t("admin_segments_gone"), icon=":material/error:")
            return
        st.session_state[FLASH] = t("admin_seg_saved", n=len(changed))
        st.rerun()


def _editor(page: Page, shown: pd.DataFrame) -> pd.DataFrame:
    """The segments as an editable grid: switch comparison on or off per key."""
    return st.data_editor(
        shown, hide_index=True, width="stretch", key=f"admin_segments_{page.data_version}",
        disabled=["key", "why", "values", "responses", "decided_by", "updated_at"],
        column_config={
            "key": st.column_config.TextColumn(t("admin_seg_key")),
            "enabled": st.column_config.CheckboxColumn(t("admin_seg_enabled"), help=t("admin_seg_enabled_help")),
            "why": st.column_config.TextColumn(t("imp_seg_why"), width="large"),
            "values": st.column_config.NumberColumn(t("imp_seg_values"), format="localized"),
            "responses": st.column_config.NumberColumn(t("admin_col_responses"), format="localized"),
            "decided_by": st.column_config.TextColumn(t("admin_seg_decided_by")),
            "updated_at": st.column_config.DatetimeColumn(t("admin_seg_updated"), format="YYYY-MM-DD HH:mm"),
        })
