"""Reading units, regions and touchpoints, always within a scope."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, select

from queries.schema import MonthlyCount, Touchpoint, Unit
from queries.scope import Scope


def units_in_scope(engine: Engine, scope: Scope) -> pd.DataFrame:
    """The units and regions of the scope: id, name, parent_id, kind, region (name)."""
    if not scope.unit_ids:
        return pd.DataFrame(columns=["id", "name", "parent_id", "kind", "region"])
    parent = Unit.__table__.alias("parent")
    query = (
        select(Unit.id, Unit.name, Unit.parent_id, Unit.kind, parent.c.name.label("region"))
        .outerjoin(parent, parent.c.id == Unit.parent_id)
        .where(Unit.id.in_(sorted(scope.unit_ids)), Unit.active.is_(True))
        .order_by(Unit.kind, Unit.name)
    )
    with engine.connect() as connection:
        return pd.DataFrame(connection.execute(query).mappings().all(),
                            columns=["id", "name", "parent_id", "kind", "region"])


def touchpoints(engine: Engine) -> pd.DataFrame:
    """All touchpoints: id, key, name_sv, name_en (not unit data, so no scope)."""
    query = select(Touchpoint.id, Touchpoint.key, Touchpoint.name_sv, Touchpoint.name_en).order_by(
        Touchpoint.sort_order, Touchpoint.id
    )
    with engine.connect() as connection:
        return pd.DataFrame(connection.execute(query).mappings().all(),
                            columns=["id", "key", "name_sv", "name_en"])


def channels(engine: Engine, scope: Scope) -> list[str]:
    """The survey channels used by responses in the scope."""
    if not scope.unit_ids:
        return []
    query = (  # monthly_counts has the channels of daily_counts in a thirtieth of the rows
        select(MonthlyCount.channel)
        .where(MonthlyCount.unit_id.in_(sorted(scope.unit_ids)))
        .group_by(MonthlyCount.channel)
        .order_by(MonthlyCount.channel)
    )
    with engine.connect() as connection:
        return [row[0] for row in connection.execute(query)]
