"""Tables that turn into cards on a phone.

``st.dataframe`` draws a grid on a canvas: on a 390 px screen most of its columns
sit off-screen and the user has to scroll inside the frame to find the owner or
the due date. :func:`table` draws the grid on a wide screen and, for screens up to
640 px, the same rows as cards (one card per row, every shown column as a line
"label: value"). Both are in the page; a CSS rule in ``components.menu`` shows
one of them by screen width, so nothing depends on guessing the device.

Cards that cannot be opened are one escaped HTML element for the whole table: a
desktop, which hides them, then receives one element per table instead of two per
row (a page's run sends every element, shown or not).
"""

from __future__ import annotations

import html
import math
from datetime import date, datetime
from typing import Callable, Sequence

import numpy as np
import pandas as pd
import streamlit as st

from components.i18n import day, number, t

CARD_LIMIT = 30  # cards on a phone; more rows than this are counted, not drawn
WIDE_PREFIX = "insikt_wide_"
CARDS_PREFIX = "insikt_cards_"

# Shown once per page by components.menu.draw, with the phone menu.
STYLE = f"""
@media (max-width: 640px) {{ [class*="st-key-{WIDE_PREFIX}"] {{ display: none !important; }} }}
@media (min-width: 641px) {{ [class*="st-key-{CARDS_PREFIX}"] {{ display: none !important; }} }}
.insikt-table-card {{ border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem; padding: 0.75rem 1rem;
  margin-bottom: 0.75rem; }}
.insikt-table-card, .insikt-card-text {{ line-height: 1.6; overflow-wrap: anywhere; }}
"""


def table(frame: pd.DataFrame, *, key: str, column_config: dict | None = None,
          ids: Sequence | None = None, open_card: Callable[[int], None] | None = None,
          **dataframe_args) -> list[int]:
    """Draw ``frame`` as a grid (wide screens) and as cards (phones).

    Selection: with ``on_select="rerun"`` the grid's selected row, or on a phone the
    card whose "open" button was pressed, is returned as a list of row positions
    (``ids`` identify rows across reruns; the frame's index by default). With a
    callback ``on_select``, ``open_card(position)`` runs when a card is opened.
    """
    column_config = column_config or {}
    with st.container(key=f"{WIDE_PREFIX}{key}"):
        event = st.dataframe(frame, key=key, column_config=column_config, **dataframe_args)
    selectable = "on_select" in dataframe_args and dataframe_args["on_select"] != "ignore"
    identities = list(frame.index if ids is None else ids)
    picked_key = f"{key}_card_open"
    with st.container(key=f"{CARDS_PREFIX}{key}"):
        _cards(frame, key, column_config, identities if selectable else None, picked_key, open_card)
    if not selectable or dataframe_args["on_select"] != "rerun":
        return []
    if event.selection.rows:
        st.session_state.pop(picked_key, None)
        return list(event.selection.rows)
    chosen = st.session_state.get(picked_key)
    return [identities.index(chosen)] if chosen in identities else []


def _cards(frame: pd.DataFrame, key: str, column_config: dict, identities: list | None,
           picked_key: str, open_card: Callable[[int], None] | None) -> None:
    labels = _labels(frame, column_config)
    if frame.empty:
        st.caption(t("cards_none"))
        return
    rows = [_card_html(dict(zip(frame.columns, row)), labels, column_config)
            for row in frame.head(CARD_LIMIT).itertuples(index=False)]
    if identities is None:  # nothing to open: one element for the whole table
        st.html("".join(f'<div class="insikt-table-card">{card}</div>' for card in rows))
    else:
        for position, card in enumerate(rows):
            with st.container(border=True):
                st.html(f'<div class="insikt-card-text">{card}</div>')
                st.button(t("cards_open"), key=f"{key}_card_{position}", on_click=_open,
                          args=(picked_key, identities[position], open_card, position))
    if len(frame) > CARD_LIMIT:
        st.caption(t("cards_more", shown=number(CARD_LIMIT), total=number(len(frame))))


def _card_html(values: dict, labels: dict[str, str], column_config: dict) -> str:
    """One row's text on a card: its first shown column in bold, then "label: value"
    lines, every text escaped (labels and cells come from the data)."""
    title, *rest = labels
    lines = [f"<strong>{html.escape(_text(values[title], column_config.get(title)))}</strong>"]
    lines += [f"{html.escape(labels[name])}: {html.escape(_text(values[name], column_config.get(name)))}"
              for name in rest]
    return "<br>".join(lines)


def _open(picked_key: str, identity, open_card: Callable[[int], None] | None, position: int) -> None:
    st.session_state[picked_key] = identity
    if open_card is not None:
        open_card(position)


def _labels(frame: pd.DataFrame, column_config: dict) -> dict[str, str]:
    """Shown columns and their labels, in the grid's order (a column configured as
    ``None`` is hidden in the grid, and so on the card)."""
    labels = {}
    for name in frame.columns:
        config = column_config.get(name, name)
        if config is None:
            continue
        labels[name] = config if isinstance(config, str) else (config.get("label") or str(name))
    return labels


def _text(value, config) -> str:
    """A cell as the grid would show it, in the user's language."""
    kind = config.get("type_config", {}).get("type") if isinstance(config, dict) else None
    if value is None or value is pd.NaT or value == "" or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, (bool, np.bool_)):
        return t("cards_yes") if value else t("cards_no")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d") if kind == "date" else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return day(value)
    if isinstance(value, (float, np.floating)):
        if kind == "progress" or (isinstance(config, dict) and config.get("type_config", {}).get("format") == "percent"):
            return f"{number(100 * value)} %"
        return number(value, 0 if float(value).is_integer() else 1)
    if isinstance(value, (int, np.integer)):
        return number(int(value))
    return str(value)
