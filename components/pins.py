"""The "pin as insight" button: saves a finding for the workshop with the numbers
as they are now, once (pinning the same finding again finds the first pin)."""

from __future__ import annotations

import streamlit as st

from components.filters import Selection
from components.i18n import t
from components.shell import Page
from queries import insights


def button(page: Page, selection: Selection, key: str, *, kind: str, scope_type: str,
           scope_key: str, metric: str, title: str, estimate: float, low: float, high: float,
           n: int, comparator: str, comparator_estimate: float | None) -> None:
    """A pin button; on a click the insight is saved (or found) and a toast says which."""
    if not st.button(t("pin"), key=f"pin_{key}", icon=":material/push_pin:"):
        return
    if selection.unit_id is None:  # an insight belongs to one unit or region
        st.warning(t("pin_pick_unit"))
        return
    filters = selection.filters
    try:
        _, created = insights.pin(
            page.engine, page.scope, page.account.id, unit_id=selection.unit_id, kind=kind,
            scope_type=scope_type, scope_key=scope_key, metric=metric, title=title[:200],
            period_start=filters.start, period_end=filters.end, estimate=float(estimate),
            low=float(low), high=float(high), n=int(n), comparator=comparator,
            comparator_estimate=None if comparator_estimate is None else float(comparator_estimate),
            filters={"touchpoint_id": filters.touchpoint_id, "channel": filters.channel,
                     "preset": selection.preset, "custom": selection.custom},
        )
    except PermissionError:
        st.error(t("not_for_role"))
        return
    st.toast(t("pinned") if created else t("already_pinned"), icon=":material/push_pin:")
