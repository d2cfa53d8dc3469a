"""The one place where reads are cached: ``st.cache_data`` around the read
functions of ``queries/``, keyed by the database, the user's scope, the filter
values and the data version (which changes on every import or write). They read
from the read replica when one is configured (:func:`queries.db.read_engine`).
What a page computes from a read the same way on every render (the judged
cells, the leader's list of units, the comparison of the selection's groups, a
measure's trend, the actions' effects) is kept here too, under the read's key."""

from __future__ import annotations

from dataclasses import astuple
from datetime import date, datetime

import pandas as pd
import streamlit as st

from analysis import drivers, emerging, follow_up_measures, typical
from analysis import compare as comparison, landing as landing_analysis
from analysis.action_effect import Windows, judged_groups
from analysis.periods import roll_up
from analysis.response_time import Calendar
from analysis.themes import theme_overview
from analysis.trend import measure_trend
from analysis.verdict import Rule
from components import privacy
from components.shell import Page
from ingest import load
from queries import (action_effects, admin, comments, compare, follow_ups, insights, landing, responses, segments,
                     themes, units)
from queries.comments import CommentQuery
from queries.common import none_for_missing
from queries.db import read_engine
from queries.responses import STAT_COLUMNS, Filters
from queries.scope import Scope


@st.cache_data(show_spinner=False, max_entries=256)
def _units_in_scope(url: str, unit_ids: frozenset[int], version: str) -> pd.DataFrame:
    return units.units_in_scope(read_engine(url), Scope(unit_ids))


@st.cache_data(show_spinner=False, max_entries=16)
def _touchpoints(url: str, version: str) -> pd.DataFrame:
    return units.touchpoints(read_engine(url))


@st.cache_data(show_spinner=False, max_entries=256)
def _channels(url: str, unit_ids: frozenset[int], version: str) -> list[str]:
    return units.channels(read_engine(url), Scope(unit_ids))


@st.cache_data(show_spinner=False, max_entries=512)
def _daily_stats(url: str, unit_ids: frozenset[int], version: str, selected: frozenset[int],
                 start: date, end: date, touchpoint_id: int | None, channel: str | None,
                 from_day: date) -> pd.DataFrame:
    filters = Filters(selected, start, end, touchpoint_id, channel)
    return responses.daily_stats(read_engine(url), Scope(unit_ids), filters, start=from_day)


@st.cache_data(show_spinner=False, max_entries=512)
def _scope_totals(url: str, unit_ids: frozenset[int], version: str, filters: tuple | None) -> dict:
    return responses.scope_totals(read_engine(url), Scope(unit_ids), None if filters is None else Filters(*filters))


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


@st.cache_data(show_spinner=False, max_entries=256)
def _trend(url: str, unit_ids: frozenset[int], version: str, filters: tuple, from_day: date, grain: str,
           measure: str, min_responses: int, small_sample: int) -> pd.DataFrame:
    daily = _daily_stats(url, unit_ids, version, *filters, from_day)
    _, start, end, *_ = filters
    return measure_trend(roll_up(daily, grain, start, end, STAT_COLUMNS), measure,
                         min_responses=min_responses, small_sample=small_sample)


def trend(page: Page, filters: Filters, grain: str, measure: str, from_day: date | None = None) -> pd.DataFrame:
    """``measure`` per ``grain`` over the days of ``filters``, with each period's interval
    and the band (:func:`analysis.trend.measure_trend` of the per-day statistics that
    :func:`daily_stats` reads from ``from_day``), under the page's thresholds."""
    return _trend(page.url, page.scope.unit_ids, page.data_version, _filters_key(filters),
                  from_day or filters.start, grain, measure, page.thresholds.min_responses,
                  page.thresholds.small_sample)


def scope_totals(page: Page, filters: Filters | None = None) -> dict:
    """The answers on each measure in the user's scope (or the selection of
    ``filters``), and its first and last day with data."""
    return _scope_totals(page.url, page.scope.unit_ids, page.data_version,
                         None if filters is None else _filters_key(filters))


# --- comments and themes -------------------------------------------------------------------

def _filters_key(filters: Filters) -> tuple:
    return (filters.unit_ids, filters.start, filters.end, filters.touchpoint_id, filters.channel)


def _query_key(query: CommentQuery) -> tuple:
    return astuple(query)


@st.cache_data(show_spinner=False, max_entries=256)
def _comment_page(url: str, unit_ids: frozenset[int], version: str, filters: tuple, query: tuple,
                  limit: int, offset: int) -> pd.DataFrame:
    return comments.list_comments(read_engine(url), Scope(unit_ids), Filters(*filters),
                                  CommentQuery(*query), limit=limit, offset=offset)


@st.cache_data(show_spinner=False, max_entries=256)
def _comment_count(url: str, unit_ids: frozenset[int], version: str, filters: tuple,
                   query: tuple) -> int:
    return comments.count_comments(read_engine(url), Scope(unit_ids), Filters(*filters),
                                   CommentQuery(*query))


@st.cache_data(show_spinner=False, max_entries=128)
def _arrivals(url: str, unit_ids: frozenset[int], version: str, filters: tuple, since: datetime) -> dict:
    return comments.arrivals(read_engine(url), Scope(unit_ids), Filters(*filters), since)


@st.cache_data(show_spinner=False, max_entries=16)
def _theme_options(url: str, version: str) -> pd.DataFrame:
    return comments.theme_options(read_engine(url))


@st.cache_data(show_spinner=False, max_entries=64)
def _languages(url: str, unit_ids: frozenset[int], version: str) -> list[str]:
    return comments.languages(read_engine(url), Scope(unit_ids))


@st.cache_data(show_spinner=False, max_entries=256)
def _commented_sets(url: str, unit_ids: frozenset[int], version: str, filters: tuple) -> pd.DataFrame:
    return themes.commented_sets(read_engine(url), Scope(unit_ids), Filters(*filters))


@st.cache_data(show_spinner=False, max_entries=256)
def _theme_counts(url: str, unit_ids: frozenset[int], version: str, filters: tuple) -> pd.DataFrame:
    return themes.theme_counts(read_engine(url), Scope(unit_ids), Filters(*filters),
                               _commented_sets(url, unit_ids, version, filters))


@st.cache_data(show_spinner=False, max_entries=64)
def _theme_touchpoints(url: str, unit_ids: frozenset[int], version: str, filters: tuple) -> pd.DataFrame:
    return themes.theme_touchpoints(read_engine(url), Scope(unit_ids), Filters(*filters))


@st.cache_data(show_spinner=False, max_entries=256)
def _other_language(url: str, unit_ids: frozenset[int], version: str, filters: tuple) -> int:
    return themes.other_language_comments(read_engine(url), Scope(unit_ids), Filters(*filters))


WORD_PREFIX = "word:"  # a word's key among the themes' in :func:`growing`


@st.cache_data(show_spinner=False, max_entries=64)
def _growing(url: str, unit_ids: frozenset[int], version: str, filters: tuple) -> pd.DataFrame:
    engine, scope, selected = read_engine(url), Scope(unit_ids), Filters(*filters)
    end = selected.end
    days = emerging.weekly(themes.theme_days(engine, scope, selected, end), end)
    texts = pd.concat([themes.untagged_comments(engine, scope, selected, first, last)
                       for first, last in emerging.windows(end)], ignore_index=True)
    texts["comment"] = texts["comment"].map(privacy.without_details)  # no word of an address or number counts
    words = emerging.word_weeks(texts, end)
    words["key"] = WORD_PREFIX + words["key"]
    return emerging.emerging(days, words)


@st.cache_data(show_spinner=False, max_entries=256)
def _comment_totals(url: str, unit_ids: frozenset[int], version: str, filters: tuple) -> dict:
    return themes.comment_totals(read_engine(url), Scope(unit_ids), Filters(*filters),
                                 _commented_sets(url, unit_ids, version, filters))


def comment_page(page: Page, filters: Filters, query: CommentQuery, limit: int, offset: int) -> pd.DataFrame:
    return _comment_page(page.url, page.scope.unit_ids, page.data_version, _filters_key(filters),
                         _query_key(query), limit, offset)


@st.cache_data(show_spinner=False, max_entries=256)
def _representative(url: str, unit_ids: frozenset[int], version: str, filters: tuple, query: tuple,
                    pool: int, k: int) -> tuple[pd.DataFrame, dict[str, int], int]:
    comments = _comment_page(url, unit_ids, version, filters, query, pool, 0)
    return typical.typical_comments(comments, k), typical.theme_counts(comments), len(comments)


def representative(page: Page, filters: Filters, query: CommentQuery, pool: int,
                   k: int) -> tuple[pd.DataFrame, dict[str, int], int]:
    """Up to ``k`` comments most typical of the ``pool`` newest of the list
    (:func:`analysis.typical.typical_comments`), the theme counts among those and how
    many they are; kept with the list, as they change only with it."""
    return _representative(page.url, page.scope.unit_ids, page.data_version, _filters_key(filters),
                           _query_key(query), pool, k)


def comment_count(page: Page, filters: Filters, query: CommentQuery) -> int:
    return _comment_count(page.url, page.scope.unit_ids, page.data_version, _filters_key(filters),
                          _query_key(query))


def comment_export(page: Page, filters: Filters, query: CommentQuery) -> pd.DataFrame:
    """Every comment of the list (up to the export limit); read when downloaded, not cached."""
    return comments.export_comments(page.engine, page.scope, filters, query)


def arrivals(page: Page, filters: Filters, since: datetime) -> dict:
    """Comments imported after ``since`` (whenever written) in the filters' units,
    touchpoint and channel: how many, when imported and when written."""
    return _arrivals(page.url, page.scope.unit_ids, page.data_version, _filters_key(filters), since)


def theme_options(page: Page) -> pd.DataFrame:
    return _theme_options(page.url, page.data_version)


def comment_languages(page: Page) -> list[str]:
    return _languages(page.url, page.scope.unit_ids, page.data_version)


def theme_counts(page: Page, filters: Filters) -> pd.DataFrame:
    return _theme_counts(page.url, page.scope.unit_ids, page.data_version, _filters_key(filters))


def growing(page: Page, filters: Filters) -> pd.DataFrame:
    """Every theme and word (keys ``word:…``) with its rise test (:func:`analysis.emerging.emerging`),
    one false-discovery family over both, for the weeks ending on the filters' last day;
    kept with the data version (the words of tens of thousands of comments are counted once)."""
    return _growing(page.url, page.scope.unit_ids, page.data_version, _filters_key(filters))


def theme_touchpoints(page: Page, filters: Filters) -> pd.DataFrame:
    """Each active theme's comments per touchpoint (:func:`queries.themes.theme_touchpoints`)."""
    return _theme_touchpoints(page.url, page.scope.unit_ids, page.data_version, _filters_key(filters))


def comment_totals(page: Page, filters: Filters) -> dict:
    return _comment_totals(page.url, page.scope.unit_ids, page.data_version, _filters_key(filters))


@st.cache_data(show_spinner=False, max_entries=256)
def _theme_table(url: str, unit_ids: frozenset[int], version: str, filters: tuple, measure: str,
                 min_responses: int) -> pd.DataFrame:
    return theme_overview(_theme_counts(url, unit_ids, version, filters),
                          _comment_totals(url, unit_ids, version, filters), measure, min_responses=min_responses)


def theme_table(page: Page, filters: Filters, measure: str) -> pd.DataFrame:
    """:func:`analysis.themes.theme_overview` of the filters' theme counts on ``measure``:
    computed once, not once per card that quotes a theme's side."""
    return _theme_table(page.url, page.scope.unit_ids, page.data_version, _filters_key(filters), measure,
                        page.thresholds.min_responses)


def other_language_comments(page: Page, filters: Filters) -> int:
    """Comments in a language without theme patterns (never tagged)."""
    return _other_language(page.url, page.scope.unit_ids, page.data_version, _filters_key(filters))


# --- comparisons ---------------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=256)
def _group_counts(url: str, unit_ids: frozenset[int], version: str, filters: tuple) -> pd.DataFrame:
    return compare.group_counts(read_engine(url), Scope(unit_ids), Filters(*filters))


@st.cache_data(show_spinner=False, max_entries=256)
def _comparator_counts(url: str, unit_ids: frozenset[int], version: str, filters: tuple,
                       comparator: str) -> pd.DataFrame | None:
    return compare.comparator_counts(read_engine(url), Scope(unit_ids), Filters(*filters), comparator)


@st.cache_data(show_spinner=False, max_entries=64)
def _heatmap_counts(url: str, unit_ids: frozenset[int], version: str, filters: tuple) -> pd.DataFrame:
    return compare.heatmap_counts(read_engine(url), Scope(unit_ids), Filters(*filters))


@st.cache_data(show_spinner=False, max_entries=64)
def _driver_rows(url: str, unit_ids: frozenset[int], version: str, filters: tuple,
                 theme_keys: tuple[str, ...], measure: str) -> pd.DataFrame:
    return compare.driver_rows(read_engine(url), Scope(unit_ids), Filters(*filters), list(theme_keys), measure)


@st.cache_data(show_spinner=False, max_entries=16)
def _targets(url: str, version: str) -> dict:
    return insights.targets(read_engine(url))


@st.cache_data(show_spinner=False, max_entries=128)
def _compared(url: str, unit_ids: frozenset[int], version: str, filters: tuple, comparator: str,
              rule: Rule) -> pd.DataFrame | None:
    if comparator == "target":
        other, targets = None, _targets(url, version)
    else:
        other, targets = _comparator_counts(url, unit_ids, version, filters, comparator), None
        if other is None:  # asked before the group counts: a leader's whole organisation reads nothing more
            return None
    return comparison.compare(_group_counts(url, unit_ids, version, filters), other, targets, rule=rule)


def compared(page: Page, filters: Filters, comparator: str, rule: Rule) -> pd.DataFrame | None:
    """Every group of the selection judged against ``comparator`` (the rest of the
    organisation, …; "target": the targets set) by :func:`analysis.compare.compare`;
    None when that comparator has nothing to compare with."""
    return _compared(page.url, page.scope.unit_ids, page.data_version, _filters_key(filters), comparator, rule)


@st.cache_data(show_spinner=False, max_entries=128)
def _judged_cells(url: str, unit_ids: frozenset[int], version: str, filters: tuple, measure: str,
                  rule: Rule) -> pd.DataFrame:
    return landing_analysis.heatmap_cells(_heatmap_counts(url, unit_ids, version, filters), measure, rule)


def judged_cells(page: Page, filters: Filters, measure: str, rule: Rule) -> pd.DataFrame:
    """The unit × touchpoint cells of ``filters`` with ``measure`` judged against the rest
    of the organisation (:func:`analysis.landing.heatmap_cells`)."""
    return _judged_cells(page.url, page.scope.unit_ids, page.data_version, _filters_key(filters), measure, rule)


@st.cache_data(show_spinner=False, max_entries=64)
def _unit_table(url: str, unit_ids: frozenset[int], version: str, filters: tuple, prev_start: date, today: date,
                measure: str, min_responses: int, rule: Rule) -> pd.DataFrame:
    return landing_analysis.unit_table(_unit_summary(url, unit_ids, version, filters, prev_start, today),
                                       _judged_cells(url, unit_ids, version, filters, measure, rule),
                                       measure, min_responses, rule)


def unit_table(page: Page, filters: Filters, prev_start: date, measure: str, rule: Rule) -> pd.DataFrame:
    """The leader's list of the selection's units ranked on ``measure``
    (:func:`analysis.landing.unit_table`)."""
    return _unit_table(page.url, page.scope.unit_ids, page.data_version, _filters_key(filters), prev_start,
                       date.today(), measure, page.thresholds.min_responses, rule)


@st.cache_data(show_spinner=False, max_entries=64)
def _unit_summary(url: str, unit_ids: frozenset[int], version: str, filters: tuple, prev_start: date,
                  today: date) -> pd.DataFrame:
    return landing.unit_summary(read_engine(url), Scope(unit_ids), Filters(*filters), prev_start, today=today)


def driver_rows(page: Page, filters: Filters, theme_keys: list[str], measure: str) -> pd.DataFrame:
    return _driver_rows(page.url, page.scope.unit_ids, page.data_version, _filters_key(filters),
                        tuple(theme_keys), measure)


@st.cache_data(show_spinner=False, max_entries=64)
def _key_drivers(url: str, unit_ids: frozenset[int], version: str, filters: tuple, theme_keys: tuple[str, ...],
                 measure: str, min_responses: int) -> pd.DataFrame:
    rows = _driver_rows(url, unit_ids, version, filters, theme_keys, measure)
    return drivers.key_drivers(rows, list(theme_keys), min_responses=min_responses)


def key_drivers(page: Page, filters: Filters, theme_keys: list[str], measure: str, min_responses: int) -> pd.DataFrame:
    """:func:`analysis.drivers.key_drivers` of :func:`driver_rows`, kept with them (the
    regression costs more than the read, and both change only with the data)."""
    return _key_drivers(page.url, page.scope.unit_ids, page.data_version, _filters_key(filters),
                        tuple(theme_keys), measure, min_responses)


def targets(page: Page) -> dict:
    return _targets(page.url, page.data_version)


@st.cache_data(show_spinner=False, max_entries=64)
def _follow_up_timings(url: str, unit_ids: frozenset[int], version: str, start: date, end: date,
                       calendar: Calendar) -> pd.DataFrame:
    return follow_up_measures.with_hours(follow_ups.timings(read_engine(url), Scope(unit_ids), start, end), calendar)


@st.cache_data(show_spinner=False, max_entries=64)
def _root_cause_counts(url: str, unit_ids: frozenset[int], version: str, start: date, end: date) -> pd.DataFrame:
    return follow_ups.root_cause_counts(read_engine(url), Scope(unit_ids), start, end)


def follow_up_timings(page: Page, start: date, end: date, calendar: Calendar) -> pd.DataFrame:
    """The timing of every case received from ``start`` to ``end`` in the scope, with its
    hours to contact and to closing on ``calendar`` (:func:`analysis.follow_up_measures.with_hours`)."""
    return _follow_up_timings(page.url, page.scope.unit_ids, page.data_version, start, end, calendar)


def root_cause_counts(page: Page, start: date, end: date) -> pd.DataFrame:
    return _root_cause_counts(page.url, page.scope.unit_ids, page.data_version, start, end)


@st.cache_data(show_spinner=False, max_entries=16)
def _units_table(url: str, version: str) -> pd.DataFrame:
    return admin.units_table(read_engine(url))


@st.cache_data(show_spinner=False, max_entries=16)
def _themes_table(url: str, version: str) -> pd.DataFrame:
    return admin.themes_table(read_engine(url))


@st.cache_data(show_spinner=False, max_entries=16)
def _recent_comments(url: str, unit_ids: frozenset[int], version: str) -> pd.DataFrame:
    return admin.recent_comments(read_engine(url), Scope(unit_ids))


def units_table(page: Page) -> pd.DataFrame:
    """Every region and unit with its response and user counts (the admin page)."""
    return _units_table(page.url, page.data_version)


def themes_table(page: Page) -> pd.DataFrame:
    """Every theme with its number of tagged comments (the admin page)."""
    return _themes_table(page.url, page.data_version)


def theme_pack_changes(page: Page, pack: str) -> dict[str, list[str]]:
    """What loading a theme pack would add and replace (the admin page)."""
    return _theme_pack_changes(page.url, pack, page.data_version)


@st.cache_data(show_spinner=False, max_entries=16)
def _theme_pack_changes(url: str, pack: str, version: str) -> dict[str, list[str]]:
    return admin.theme_pack_changes(read_engine(url), pack)


def recent_comments(page: Page) -> pd.DataFrame:
    """The newest comments of the scope, for the live preview of a theme's patterns."""
    return _recent_comments(page.url, page.scope.unit_ids, page.data_version)


@st.cache_data(show_spinner=False, max_entries=16)
def _import_history(url: str, version: str) -> pd.DataFrame:
    return load.history(read_engine(url))


def import_history(page: Page) -> pd.DataFrame:
    """Every import batch, newest first, with its responses still present (the admin page)."""
    return _import_history(page.url, page.data_version)


@st.cache_data(show_spinner=False, max_entries=16)
def _segments_table(url: str, version: str) -> pd.DataFrame:
    return segments.table(read_engine(url))


def segments_table(page: Page) -> pd.DataFrame:
    """Every imported attribute key, whether pages compare it as a segment and why (the admin page)."""
    return _segments_table(page.url, page.data_version)


# --- did it help (actions) --------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=64)
def _done_actions(url: str, unit_ids: frozenset[int], version: str, weeks: int) -> pd.DataFrame:
    return action_effects.done_actions(read_engine(url), Scope(unit_ids), weeks)


@st.cache_data(show_spinner=False, max_entries=512)
def _effect_counts(url: str, unit_ids: frozenset[int], version: str, unit_id: int, measure: str,
                   target_type: str | None, target_key: str | None, found: Windows,
                   min_responses: int) -> action_effects.EffectCounts:
    return action_effects.effect_counts(read_engine(url), Scope(unit_ids), unit_id=unit_id, measure=measure,
                                        target_type=target_type, target_key=target_key, found=found,
                                        min_responses=min_responses)


@st.cache_data(show_spinner=False, max_entries=64)
def _effect_results(url: str, unit_ids: frozenset[int], version: str, weeks: int, today: date, min_responses: int,
                    small_sample: int) -> pd.DataFrame:
    def counts(unit_id, measure, target_type, target_key, found: Windows) -> action_effects.EffectCounts:
        return _effect_counts(url, unit_ids, version, int(unit_id), measure, target_type, target_key, found,
                              min_responses)

    found = judged_groups(_done_actions(url, unit_ids, version, weeks), weeks, today, counts,
                          small_sample=small_sample, min_responses=min_responses)
    return none_for_missing(found, ["target_type", "target_key"]) if len(found) else found  # None: the whole unit


def effect_results(page: Page, weeks: int, today: date) -> pd.DataFrame:
    """Every group of overlapping done actions in scope judged on ``today``
    (:func:`analysis.action_effect.judged_groups`, the counts from
    :func:`queries.action_effects.effect_counts`), under the page's thresholds."""
    return _effect_results(page.url, page.scope.unit_ids, page.data_version, weeks, today,
                           page.thresholds.min_responses, page.thresholds.small_sample)
