"""Pinned insights (findings a team discusses) and the targets an admin sets.

A finding is identified by its :func:`fingerprint`: unit, kind, scope type and
key, metric, period, comparator and the page's filters. Pinning the same finding
twice keeps one row (a unique index on ``insights.fingerprint``, migration 0006).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Mapping
from datetime import date, datetime, timezone
from numbers import Real

import pandas as pd
from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from analysis import measures
from queries.schema import INSIGHT_KINDS, Insight, Setting, Unit, User
from queries.scope import Scope
from queries.settings import bump_data_version, put

# A target per measure: its setting and range (NPS points, or a share 0..1).
TARGETS = {key: (f"target_{key}", *measure.bounds) for key, measure in measures.MEASURES.items()}
INSIGHT_COLUMNS = [
    "id", "unit_id", "unit", "kind", "scope_type", "scope_key", "metric", "title",
    "period_start", "period_end", "estimate", "low", "high", "n", "comparator",
    "comparator_estimate", "filters", "created_by", "created_by_name", "created_at",
]


def _plain(value):
    """``value`` as plain JSON data, the same for equal filters: dates as ISO
    strings, sets and tuples as sorted lists, mapping keys as strings."""
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in sorted(value.items(), key=lambda pair: str(pair[0]))}
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(item) for item in value), key=lambda item: json.dumps(item, sort_keys=True))
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        return _plain(value.item())
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    return str(value)


def fingerprint(*, unit_id: int, kind: str, scope_type: str, scope_key: str | None, metric: str,
                period_start: date, period_end: date, comparator: str | None,
                filters: Mapping | None) -> str:
    """SHA-256 (hex, 64 characters) of what identifies a finding."""
    identity = _plain({
        "unit_id": int(unit_id), "kind": kind, "scope_type": scope_type, "scope_key": scope_key,
        "metric": metric, "period_start": period_start, "period_end": period_end,
        "comparator": comparator, "filters": filters or {},
    })
    encoded = json.dumps(identity, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def _number(value) -> float | None:
    return None if value is None else float(value)


def pin(engine: Engine, scope: Scope, user_id: int | None, *, unit_id: int, kind: str, scope_type: str,
        scope_key: str | None, metric: str, title: str, period_start: date, period_end: date,
        estimate: float | None, low: float | None, high: float | None, n: int | None,
        comparator: str | None, comparator_estimate: float | None, filters: dict) -> tuple[int, bool]:
    """Pin a finding of a unit in ``scope`` with the numbers at this moment:
    ``(id, True)`` when it was inserted, ``(id of the existing row, False)`` when
    the same finding (same :func:`fingerprint`) was pinned before, also by someone
    pinning it at the same moment (the unique violation is caught in the transaction).

    Raises PermissionError for a unit outside the scope, ValueError for an unknown
    kind or a period that ends before it starts."""
    if not scope.allows(unit_id):
        raise PermissionError(f"unit {unit_id} is outside your scope")
    if kind not in INSIGHT_KINDS:
        raise ValueError(f"kind must be one of {INSIGHT_KINDS}, got {kind!r}")
    if period_end < period_start:
        raise ValueError(f"the period ends ({period_end}) before it starts ({period_start})")
    stored_filters = _plain(filters or {})
    key = fingerprint(unit_id=unit_id, kind=kind, scope_type=scope_type, scope_key=scope_key,
                      metric=metric, period_start=period_start, period_end=period_end,
                      comparator=comparator, filters=stored_filters)
    values = dict(
        unit_id=int(unit_id), kind=kind, scope_type=scope_type, scope_key=scope_key, metric=metric,
        title=title, period_start=period_start, period_end=period_end, estimate=_number(estimate),
        low=_number(low), high=_number(high), n=None if n is None else int(n), comparator=comparator,
        comparator_estimate=_number(comparator_estimate), filters=stored_filters, fingerprint=key,
        created_by=user_id, created_at=datetime.now(timezone.utc),
    )
    with engine.begin() as connection:
        try:
            with connection.begin_nested():  # a SAVEPOINT: PostgreSQL's transaction survives the violation
                new_id = connection.execute(insert(Insight).values(**values)).inserted_primary_key[0]
        except IntegrityError:
            existing = connection.execute(select(Insight.id).where(Insight.fingerprint == key)).scalar()
            if existing is None:  # another constraint (an unknown unit or user): not a duplicate
                raise
            return int(existing), False
    return int(new_id), True


def insights_for(engine: Engine, scope: Scope, unit_ids=None) -> pd.DataFrame:
    """The pinned insights of the units in ``scope`` (narrowed to ``unit_ids`` when
    given), newest first, with the unit's name (``unit``) and the creator's display
    name (``created_by_name``, None when unknown). Columns: :data:`INSIGHT_COLUMNS`."""
    units = scope.unit_ids if unit_ids is None else scope.narrow(unit_ids).unit_ids
    if not units:
        return pd.DataFrame(columns=INSIGHT_COLUMNS)
    query = (
        select(Insight.id, Insight.unit_id, Unit.name.label("unit"), Insight.kind, Insight.scope_type,
               Insight.scope_key, Insight.metric, Insight.title, Insight.period_start, Insight.period_end,
               Insight.estimate, Insight.low, Insight.high, Insight.n, Insight.comparator,
               Insight.comparator_estimate, Insight.filters, Insight.created_by,
               User.display_name.label("created_by_name"), Insight.created_at)
        .join(Unit, Unit.id == Insight.unit_id)
        .outerjoin(User, User.id == Insight.created_by)
        .where(Insight.unit_id.in_(sorted(units)))
        .order_by(Insight.created_at.desc(), Insight.id.desc())
    )
    with engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(query).mappings().all(), columns=INSIGHT_COLUMNS)
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
    return frame


# --- targets ------------------------------------------------------------------------------------

def targets(engine: Engine) -> dict[str, float]:
    """The targets an admin set, per measure: ``"nps"`` (points, −100..100), the
    others a share 0..1 (``"csat"`` satisfied 4–5, ``"scale10"`` rated 9–10,
    ``"positive"`` positive labels). A target never set (or cleared, or unreadable)
    is absent, so the page does not offer it."""
    names = {setting: measure for measure, (setting, _low, _high) in TARGETS.items()}
    with engine.connect() as connection:
        rows = connection.execute(select(Setting.key, Setting.value).where(Setting.key.in_(sorted(names)))).all()
    found = {}
    for setting, text in rows:
        measure = names[setting]
        try:
            value = float(text)
        except ValueError:
            continue
        _setting, low, high = TARGETS[measure]
        if math.isfinite(value) and low <= value <= high:
            found[measure] = value
    return {measure: found[measure] for measure in TARGETS if measure in found}


def _target(measure: str) -> tuple[str, float, float]:
    if measure not in TARGETS:
        raise ValueError(f"measure must be one of {tuple(TARGETS)}, got {measure!r}")
    return TARGETS[measure]


def set_target(engine: Engine, measure: str, value: float,
               in_transaction: Callable[[Connection, float], None] | None = None) -> float:
    """Set the target of ``measure`` ("nps": points from −100 to 100, the others a
    share from 0 to 1); returns the stored value. ValueError says what is wrong otherwise.
    Changes the data version, since pages cache :func:`targets` by it.
    ``in_transaction(connection, value)`` runs in the same transaction (an audit event)."""
    setting, low, high = _target(measure)
    if isinstance(value, bool) or not isinstance(value, (Real, str)):
        raise ValueError(f"the {measure} target must be a number, got {value!r}")
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"the {measure} target must be a number, got {value!r}") from None
    if not math.isfinite(number) or not low <= number <= high:
        unit = "points" if measure == "nps" else "(a share: 0.8 means 80 %)"
        raise ValueError(f"the {measure} target must be between {low:g} and {high:g} {unit}, got {value!r}")
    with engine.begin() as connection:
        put(connection, setting, repr(number))
        bump_data_version(connection)  # pages cache targets by the data version
        if in_transaction is not None:
            in_transaction(connection, number)
    return number


def clear_target(engine: Engine, measure: str,
                 in_transaction: Callable[[Connection], None] | None = None) -> None:
    """Remove the target of ``measure``; the page then offers none.
    ``in_transaction(connection)`` runs in the same transaction when one was removed."""
    setting, _low, _high = _target(measure)
    with engine.begin() as connection:
        removed = connection.execute(delete(Setting).where(Setting.key == setting))
        if removed.rowcount:
            bump_data_version(connection)  # pages cache targets by the data version
            if in_transaction is not None:
                in_transaction(connection)
