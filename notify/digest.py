"""The weekly digest of one person: read with the same query functions, the same
scope and the same filters as the pages, so its numbers are the pages' numbers.

For a user with a unit (a manager's may be a region), the digest covers that
unit and the units below it that they may see, compared with the rest of the
organisation; for leaders and admins, every unit, compared with the week before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd
from sqlalchemy import Engine, select

from notify.comment_text import for_email
from analysis.verdict import Rule
from notify.strengths import clear_strengths
from queries import actions, follow_ups
from queries.comments import CommentQuery, count_comments, list_comments, theme_options
from queries.notifications import Person
from queries.responses import Filters
from queries.schema import Unit
from queries.scope import Scope, descendants, unit_tree
from queries.settings import thresholds
from queries.units import touchpoints

ACTION_HORIZON_DAYS = 7


@dataclass(frozen=True)
class Digest:
    unit_id: int | None  # None: every unit in the person's scope
    unit_name: str | None  # None: every unit
    start: date
    end: date
    comparator: str  # "organisation" or "previous"
    strengths: pd.DataFrame  # rows of analysis.compare.compare with verdict "strength"
    group_names: dict[tuple[str, str], str]  # (dimension, key) -> name in the reader's language
    quote: str | None  # a customer's words behind the first strength (through for_email)
    new_comments: int
    open_cases: pd.DataFrame  # my open cases (rows of follow_ups.cases)
    overdue_cases: int
    actions_due: pd.DataFrame  # my open actions due by actions_until (rows of actions.actions_in_scope)
    actions_until: date
    filters: Filters


def _unit_name(engine: Engine, unit_id: int) -> str:
    with engine.connect() as connection:
        return connection.execute(select(Unit.name).where(Unit.id == unit_id)).scalar_one()


def _names(engine: Engine, language: str) -> dict[tuple[str, str], str]:
    found = {("overall", "all"): ""}
    points = touchpoints(engine)
    found |= {("touchpoint", key): name for key, name in zip(points["key"], points[f"name_{language}"])}
    themes = theme_options(engine)
    found |= {("theme", key): name for key, name in zip(themes["key"], themes[f"name_{language}"])}
    return found


def _quote(engine: Engine, scope: Scope, filters: Filters, strength, language: str) -> str | None:
    """The newest praising comment from the group of ``strength`` (segments have
    no comment filter: the whole selection)."""
    narrowed, query = filters, CommentQuery(score_group="top", measure=strength.measure)
    if strength.dimension == "touchpoint":
        points = touchpoints(engine)
        found = points.loc[points["key"] == strength.key, "id"]
        if not found.empty:
            narrowed = Filters(filters.unit_ids, filters.start, filters.end, int(found.iloc[0]), filters.channel)
    elif strength.dimension == "channel":
        narrowed = Filters(filters.unit_ids, filters.start, filters.end, filters.touchpoint_id, strength.key)
    elif strength.dimension == "theme":
        query = CommentQuery(score_group="top", theme_key=strength.key, measure=strength.measure)
    rows = list_comments(engine, scope, narrowed, query, limit=1)
    return for_email(rows["comment"].iloc[0], language) if len(rows) else None


def _unit_week(engine: Engine, scope: Scope, filters: Filters, comparator: str, language: str) -> tuple:
    """What everyone with the same scope and unit reads alike: strengths, names, quote, comments."""
    strengths = clear_strengths(engine, scope, filters, comparator,
                                Rule(small_sample=thresholds(engine).small_sample))
    quote = _quote(engine, scope, filters, next(strengths.itertuples()), language) if len(strengths) else None
    return (strengths, _names(engine, language), quote,
            count_comments(engine, scope, filters, CommentQuery()))


def build(engine: Engine, person: Person, scope: Scope, week: tuple[date, date], language: str,
          now: datetime, shared: dict | None = None) -> Digest:
    """The digest of ``person`` for the week ``(monday, sunday)``. ``shared`` keeps
    the parts read per unit and scope for the next person of the same unit."""
    start, end = week
    if person.unit_id is not None and scope.allows(person.unit_id):
        unit_ids = scope.narrow(descendants(unit_tree(engine), person.unit_id)).unit_ids
        unit_name, comparator = _unit_name(engine, person.unit_id), "organisation"
    else:
        unit_ids, unit_name, comparator = scope.unit_ids, None, "previous"
    filters = Filters(frozenset(unit_ids), start, end)
    shared = {} if shared is None else shared
    key = (scope.unit_ids, filters, comparator, language)
    if key not in shared:
        shared[key] = _unit_week(engine, scope, filters, comparator, language)
    strengths, names, quote, new_comments = shared[key]
    mine = follow_ups.cases(engine, scope, statuses=follow_ups.OPEN_STATUSES, owner_id=person.id, now=now)
    overdue = int((mine["due_at"] < pd.Timestamp(now)).sum()) if len(mine) else 0
    until = now.date() + timedelta(days=ACTION_HORIZON_DAYS)
    owned = actions.actions_in_scope(engine, scope, statuses=actions.OPEN_STATUSES, owner_id=person.id,
                                     today=now.date())
    due = owned[owned["due_date"].map(lambda day: day is not None and not pd.isna(day) and day <= until)]
    return Digest(
        unit_id=person.unit_id if unit_name else None, unit_name=unit_name, start=start, end=end,
        comparator=comparator, strengths=strengths, group_names=names, quote=quote,
        new_comments=new_comments, open_cases=mine,
        overdue_cases=overdue, actions_due=due.reset_index(drop=True), actions_until=until, filters=filters,
    )
