"""Which units a user may see. Every read function takes a :class:`Scope`."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, select

from queries.schema import Unit

ALL_UNITS_ROLES = ("leader", "admin")


@dataclass(frozen=True)
class Scope:
    """The set of unit ids (regions included) a user may read."""

    unit_ids: frozenset[int]

    def allows(self, unit_id: int) -> bool:
        return unit_id in self.unit_ids

    def narrow(self, unit_ids: set[int] | frozenset[int]) -> "Scope":
        """The part of this scope that is also in ``unit_ids`` (never wider)."""
        return Scope(self.unit_ids & frozenset(unit_ids))


def unit_tree(engine: Engine) -> dict[int, int | None]:
    """Every unit id with its parent id."""
    with engine.connect() as connection:
        rows = connection.execute(select(Unit.id, Unit.parent_id)).all()
    return {row.id: row.parent_id for row in rows}


def descendants(tree: dict[int, int | None], root: int) -> frozenset[int]:
    """``root`` and every unit below it."""
    children: dict[int | None, list[int]] = {}
    for unit_id, parent in tree.items():
        children.setdefault(parent, []).append(unit_id)
    found, stack = set(), [root]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        stack.extend(children.get(current, []))
    return frozenset(found)


def region_of(units: pd.DataFrame, unit_id: int) -> int | None:
    """The unit itself when it is a region, else its nearest ancestor of kind region
    (``units``: indexed by id, with ``kind`` and ``parent_id``)."""
    seen: set[int] = set()
    current: int | None = unit_id
    while current is not None and current in units.index and current not in seen:
        seen.add(current)
        if units.at[current, "kind"] == "region":
            return current
        parent = units.at[current, "parent_id"]
        current = None if pd.isna(parent) else int(parent)
    return None


def scope_for(engine: Engine, role: str, unit_id: int | None) -> Scope:
    """Leaders and admins see all units, managers their unit and those below it,
    staff their own unit only. A manager or staff member without a unit sees nothing."""
    tree = unit_tree(engine)
    if role in ALL_UNITS_ROLES:
        return Scope(frozenset(tree))
    if unit_id is None or unit_id not in tree:
        return Scope(frozenset())
    if role == "manager":
        return Scope(descendants(tree, unit_id))
    return Scope(frozenset({unit_id}))
