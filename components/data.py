"""The one place where reads are cached: ``st.cache_data`` around the read
functions of ``queries/``, keyed by the database, the user's scope, the filter
values and the data version (which changes on every import or write)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components.shell import Page
from queries import responses, units
from queries.db import engine_for
from queries.responses import Filters
from queries.scope import Scope


@st.cache_data(show_spinner=False, max_entries=256)
def _units_in_scope(url: str, unit_ids: frozenset[int], version: str) -> pd.DataFrame:
    return units.units_in_scope(engine_for(url), Scope(unit_ids))


@st.cache_data(show_spinner=False, max_entries=16)
def _touchpoints(url: str, version: str) -> pd.DataFrame:
    return units.touchpoints(engine_for(url))


@st.cache_data(show_spinner=False, max_entries=256)
def _channels(url: str, unit_ids: frozenset[int], version: str) -> list[str]:
    return units.channels(engine_for(url), Scope(unit_ids))


@st.cache_data(show_spinner=False, max_entries=512)
def _daily_stats(url: str, unit_ids: frozenset[int], version: str, selected: frozenset[int],
                 start: date, end: date, touchpoint_id: int | None, channel: str | None,
                 from_day: date) -> pd.DataFrame:
    filters = Filters(selected, start, end, touchpoint_id, channel)
    return responses.daily_stats(engine_for(url), Scope(unit_ids), filters, start=from_day)


@st.cache_data(show_spinner=False, max_entries=256)
def _latest_day(url: str, unit_ids: frozenset[int], version: str) -> date | None:
    return responses.latest_response_day(engine_for(url), Scope(unit_ids))


def units_in_scope(page: Page) -> pd.DataFrame:
    return _units_in_scope(page.url, page.scope.unit_ids, page.data_version)


def touchpoints(page: Page) -> pd.DataFrame:
    return _touchpoints(page.url, page.data_version)


def channels(page: Page) -> list[str]:
    return _channels(page.url, page.scope.unit_ids, page.data_version)


def daily_stats(page: Page, filters: Filters, from_day: date | None = None) -> pd.DataFrame:
    """Per-day sufficient statistics for ``filters`` (from ``from_day`` if given)."""
    return _daily_stats(page.url, page.scope.unit_ids, page.data_version, filters.unit_ids,
                        filters.start, filters.end, filters.touchpoint_id, filters.channel,
                        from_day or filters.start)


def latest_day(page: Page) -> date | None:
    return _latest_day(page.url, page.scope.unit_ids, page.data_version)
