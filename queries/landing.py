"""The leader's landing: one row per unit, counted in SQL.

:func:`unit_summary` gives, for every active unit of a scope, the counts of every
measure in a period and in the period before (from ``daily_counts``), its open and
overdue actions, and how its follow-up cases of the period went against their
target (the rule of :mod:`analysis.follow_up_measures`: a case is decided when it
was closed or is open past its due time; in target when closed by then).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pandas as pd
from sqlalchemy import Engine, and_, case, func, select

from analysis.measures import COUNT_COLUMNS as COUNTS
from queries.actions import OPEN_STATUSES as OPEN_ACTIONS
from queries import months
from queries.common import aware, region_column, utc_now
from queries.follow_ups import OPEN_STATUSES as OPEN_CASES
from queries.responses import Filters
from queries.schema import Action, DailyCount, FollowUp, Response, Unit
from queries.scope import Scope

CLOSED_CASES = ("resolved", "not_reachable")
ACTIVITY = ["open_actions", "overdue_actions", "cases_decided", "cases_in_target"]
COLUMNS = ["unit_id", "unit", "region", *COUNTS, *(f"prev_{name}" for name in COUNTS), *ACTIVITY]


def _period_sums(connection, units: list[int], filters: Filters, start: date, end: date) -> dict[int, dict]:
    """Counts of every measure per unit from ``start`` to ``end`` (whole months from
    ``monthly_counts``), touchpoint and channel as filtered."""
    def where(table) -> list:
        conditions = [table.c.unit_id.in_(units)]
        if filters.touchpoint_id is not None:
            conditions.append(table.c.touchpoint_id == filters.touchpoint_id)
        if filters.channel is not None:
            conditions.append(table.c.channel == filters.channel)
        return conditions
    counts = months.rows(DailyCount, start, end, where).c
    rows = connection.execute(select(counts.unit_id, *(func.sum(counts[name]).label(name) for name in COUNTS))
                              .group_by(counts.unit_id)).mappings()
    return {int(row["unit_id"]): {name: row[name] for name in COUNTS} for row in rows}


def _per_unit(connection, units: list[int], filters: Filters, prev_start: date) -> dict[int, dict]:
    """Counts of every measure per unit: the period (``COUNTS``) and before (``prev_…``,
    from ``prev_start`` to the day before the period)."""
    found = {unit: dict(counts) for unit, counts in _period_sums(connection, units, filters, filters.start,
                                                                filters.end).items()}
    prev_end = min(filters.start - timedelta(days=1), filters.end)
    if prev_start <= prev_end:
        for unit, counts in _period_sums(connection, units, filters, prev_start, prev_end).items():
            found.setdefault(unit, {}).update({f"prev_{name}": value for name, value in counts.items()})
    return found


def _actions(connection, units: list[int], today: date) -> dict[int, dict]:
    open_ = Action.status.in_(OPEN_ACTIONS)
    rows = connection.execute(
        select(Action.unit_id, func.sum(case((open_, 1), else_=0)).label("open_actions"),
               func.sum(case((and_(open_, Action.due_date < today), 1), else_=0)).label("overdue_actions"))
        .where(Action.unit_id.in_(units)).group_by(Action.unit_id)).mappings()
    return {int(row["unit_id"]): dict(row) for row in rows}


def _cases(connection, units: list[int], filters: Filters, moment: datetime) -> dict[int, dict]:
    lower = datetime.combine(filters.start, time.min, tzinfo=timezone.utc)
    upper = datetime.combine(filters.end + timedelta(days=1), time.min, tzinfo=timezone.utc)
    closed = FollowUp.status.in_(CLOSED_CASES)
    late = and_(FollowUp.status.in_(OPEN_CASES), FollowUp.due_at < moment)
    in_target = and_(closed, FollowUp.resolved_at <= FollowUp.due_at)
    rows = connection.execute(
        select(FollowUp.unit_id,
               func.sum(case((closed, 1), (late, 1), else_=0)).label("cases_decided"),
               func.sum(case((in_target, 1), else_=0)).label("cases_in_target"))
        .join(Response, Response.id == FollowUp.response_id)
        .where(FollowUp.unit_id.in_(units), Response.responded_at >= lower, Response.responded_at < upper)
        .group_by(FollowUp.unit_id)).mappings()
    return {int(row["unit_id"]): dict(row) for row in rows}


def unit_summary(engine: Engine, scope: Scope, filters: Filters, prev_start: date,
                 today: date | None = None, now: datetime | None = None) -> pd.DataFrame:
    """One row per active unit (not region) of ``scope.narrow(filters.unit_ids)``, by
    region and name (:data:`COLUMNS`): the counts of :data:`analysis.measures.COUNT_COLUMNS` from
    ``filters.start`` to ``filters.end`` and, as ``prev_…``, from ``prev_start`` to the
    day before ``filters.start`` (touchpoint and channel as filtered); open actions and
    those past their due date on ``today``; follow-up cases of responses given in the
    period that are decided at ``now`` and of those closed in target. Zeros where a unit
    has none."""
    moment = aware(now) or utc_now()
    today = today or moment.date()
    wanted = scope.narrow(filters.unit_ids).unit_ids
    if not wanted:
        return pd.DataFrame(columns=COLUMNS)
    parent, region = region_column()
    with engine.connect() as connection:
        listed = connection.execute(
            select(Unit.id, Unit.name, region.label("region"))
            .outerjoin(parent, parent.c.id == Unit.parent_id)
            .where(Unit.id.in_(sorted(wanted)), Unit.kind == "unit", Unit.active.is_(True))
            .order_by(region, Unit.name)).all()
        units = [int(row.id) for row in listed]
        if not units:
            return pd.DataFrame(columns=COLUMNS)
        parts = (_per_unit(connection, units, filters, prev_start), _actions(connection, units, today),
                 _cases(connection, units, filters, moment))
    rows = []
    for unit_id, name, region_name in listed:
        row = {"unit_id": int(unit_id), "unit": name, "region": region_name}
        for part in parts:
            row |= {key: value for key, value in part.get(int(unit_id), {}).items() if key != "unit_id"}
        rows.append(row)
    frame = pd.DataFrame(rows).reindex(columns=COLUMNS)
    counted = [column for column in COLUMNS if column not in ("unit_id", "unit", "region")]
    frame[counted] = frame[counted].fillna(0).astype("int64")
    frame["unit_id"] = frame["unit_id"].astype("int64")
    return frame
