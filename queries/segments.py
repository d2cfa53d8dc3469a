"""Segments: which imported attribute keys pages compare, and why.

An import records its decisions (:func:`record`, in its own transaction; the
decisions themselves come from :mod:`ingest.segments`); an administrator may
switch a segment on or off (:func:`set_enabled`), and that choice then stands
at later imports. Pages compare the keys :func:`enabled_keys` returns.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import pandas as pd
from sqlalchemy import Engine, delete, exists, func, insert, select, update
from sqlalchemy.engine import Connection

from queries import audit, rollup
from queries.common import aware, rows_frame, utc_now
from queries.schema import ResponseAttribute, Segment, User
from queries.settings import bump_data_version
from queries.users import Account

COLUMNS = ["key", "enabled", "reason", "distinct_values", "decided_by", "updated_at", "responses"]


def stored(connection: Connection, keys: Iterable[str], top: int) -> dict[str, dict]:
    """For each of ``keys`` the database knows: its segment row (``enabled``,
    ``reason``, ``decided_by``; None when it has none), the counts of its ``top``
    most frequent values and how many distinct values it has."""
    keys = sorted(set(keys))
    found: dict[str, dict] = {}
    if not keys:
        return found
    rows = {row.key: row for row in connection.execute(
        select(Segment.key, Segment.enabled, Segment.reason, Segment.decided_by).where(Segment.key.in_(keys)))}
    distinct = dict(connection.execute(
        select(ResponseAttribute.key, func.count(func.distinct(ResponseAttribute.value)))
        .where(ResponseAttribute.key.in_(keys)).group_by(ResponseAttribute.key)).all())
    for key in keys:
        row = rows.get(key)
        counts = {}
        if distinct.get(key):
            counts = dict(connection.execute(
                select(ResponseAttribute.value, func.count()).where(ResponseAttribute.key == key)
                .group_by(ResponseAttribute.value).order_by(func.count().desc(), ResponseAttribute.value)
                .limit(top)).all())
        if row is None and not counts:
            continue
        found[key] = {"enabled": None if row is None else bool(row.enabled), "reason": row.reason if row else None,
                      "decided_by": row.decided_by if row else None, "counts": counts,
                      "distinct": int(distinct.get(key) or 0)}
    return found


def record(connection: Connection, decisions: Iterable[tuple[str, bool, str]], now: datetime | None = None) -> None:
    """Write (key, enabled, reason) decisions, with each key's number of distinct
    values as the database now has them, inside the caller's transaction. An
    administrator's decision keeps its ``decided_by``. The segment rollup of a key
    switched on or off is rebuilt."""
    moment = aware(now) or utc_now()
    switched = []
    for key, enabled, reason in decisions:
        before = connection.execute(select(Segment.enabled).where(Segment.key == key)).scalar()
        if bool(before) != bool(enabled):
            switched.append(key)
        distinct = connection.execute(select(func.count(func.distinct(ResponseAttribute.value)))
                                      .where(ResponseAttribute.key == key)).scalar() or 0
        values = {"enabled": bool(enabled), "reason": reason, "distinct_values": int(distinct), "updated_at": moment}
        if connection.execute(select(Segment.key).where(Segment.key == key)).first():
            connection.execute(update(Segment).where(Segment.key == key).values(**values))
        else:
            connection.execute(insert(Segment).values(key=key, decided_by=None, **values))
    if switched:
        rollup.refresh_segments(connection, keys=switched)


def forget_unused(connection: Connection, keys: Iterable[str]) -> None:
    """After a rollback: drop the import's decisions of ``keys`` that no response
    carries any more (an administrator's stay), and recount the others. (The
    rollback refreshes the rollups of its days, which removes the segment rows.)"""
    for key in sorted(set(keys)):
        if connection.execute(select(exists().where(ResponseAttribute.key == key))).scalar():
            distinct = connection.execute(select(func.count(func.distinct(ResponseAttribute.value)))
                                          .where(ResponseAttribute.key == key)).scalar() or 0
            connection.execute(update(Segment).where(Segment.key == key).values(distinct_values=int(distinct)))
        else:
            connection.execute(delete(Segment).where(Segment.key == key, Segment.decided_by.is_(None)))


def table(engine: Engine) -> pd.DataFrame:
    """Every segment key, the compared ones first: :data:`COLUMNS` (``decided_by``
    the administrator's display name; ``responses``: how many carry the key)."""
    carried = (select(ResponseAttribute.key, func.count().label("responses"))
               .group_by(ResponseAttribute.key).subquery())
    query = (select(Segment.key, Segment.enabled, Segment.reason, Segment.distinct_values,
                    User.display_name.label("decided_by"), Segment.updated_at,
                    func.coalesce(carried.c.responses, 0).label("responses"))
             .outerjoin(User, User.id == Segment.decided_by)
             .outerjoin(carried, carried.c.key == Segment.key)
             .order_by(Segment.enabled.desc(), Segment.key))
    with engine.connect() as connection:
        frame = rows_frame(connection.execute(query), COLUMNS)
    frame["enabled"] = frame["enabled"].astype(bool)
    frame["updated_at"] = pd.to_datetime(frame["updated_at"], utc=True)
    return frame


def set_enabled(engine: Engine, account: Account, key: str, enabled: bool, now: datetime | None = None) -> None:
    """An administrator switches a segment on or off (its rollup is rebuilt); later
    imports keep the choice."""
    if account is None or account.role != "admin":
        raise PermissionError("only an administrator may switch segments")
    with engine.begin() as connection:
        active = connection.execute(select(User.role, User.active).where(User.id == account.id)).first()
        if active is None or not active.active or active.role != "admin":
            raise PermissionError("only an active administrator may switch segments")
        before = connection.execute(select(Segment.enabled).where(Segment.key == key)).scalar()
        changed = connection.execute(update(Segment).where(Segment.key == key).values(
            enabled=bool(enabled), reason="admin", decided_by=account.id, updated_at=aware(now) or utc_now()))
        if changed.rowcount != 1:
            raise KeyError(key)
        if bool(before) != bool(enabled):
            rollup.refresh_segments(connection, keys=[key])
        audit.record(connection, account.id, "segment_switched", "segment", key,
                     {"enabled": [bool(before), bool(enabled)]})
        bump_data_version(connection)


def enabled_keys(engine: Engine) -> set[str]:
    """The attribute keys pages compare as segments."""
    with engine.connect() as connection:
        return set(connection.execute(select(Segment.key).where(Segment.enabled.is_(True))).scalars())
