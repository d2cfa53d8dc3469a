"""The audit log: who created users, changed roles or passwords, imported,
rolled back, changed rules, themes, thresholds, targets or segments, and
removed customers' details under the retention period.

Every write function that makes such a change calls :func:`record` with its own
connection, so the event is committed with the change or not at all. The log is
append-only: nothing here updates or deletes an event. Reading it is for active
administrators only (:func:`events`, ``PermissionError`` otherwise).
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from numbers import Real

import pandas as pd
from sqlalchemy import Engine, func, insert, select
from sqlalchemy.engine import Connection

from queries.common import rows_frame
from queries.schema import AuditEvent, User

# Every action an event may name (the audit page translates each one).
ACTIONS = (
    "user_created", "user_role_changed", "user_details_changed", "password_reset", "password_changed",
    "user_deactivated", "user_reactivated",
    "import", "rollback",
    "follow_up_rules_changed",
    "theme_created", "theme_changed", "theme_deactivated", "theme_reactivated", "theme_pack_loaded",
    "theme_proposed", "theme_proposal_accepted", "theme_proposal_declined",
    "thresholds_changed", "target_set", "target_cleared",
    "segment_switched",
    "retention_period_set", "retention_applied",
    "cases_exported",
)
COLUMNS = ["id", "at", "user_id", "user", "action", "target_type", "target_id", "detail"]
LIMIT = 1_000


def _plain(value):
    """``value`` as JSON can hold it (dates as ISO text, tuples as lists)."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(item) for item in value]
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, Real):
        return value.item() if hasattr(value, "item") else value
    return str(value)


def record(connection: Connection, user_id: int | None, action: str, target_type: str | None = None,
           target_id=None, detail: dict | None = None, at: datetime | None = None) -> None:
    """Log ``action`` by ``user_id`` (None: the command line) on a target, in the
    caller's transaction. ``detail`` says what changed (JSON-able values)."""
    assert action in ACTIONS, action
    connection.execute(insert(AuditEvent).values(
        at=at or datetime.now(timezone.utc), user_id=user_id, action=action, target_type=target_type,
        target_id=None if target_id is None else str(target_id)[:120],
        detail=_plain(detail) if detail else None))


def changes(before: dict, after: dict) -> dict:
    """``{field: [old, new]}`` for every field of ``after`` that differs from ``before``."""
    return {name: [before.get(name), value] for name, value in after.items() if before.get(name) != value}


def _require_admin(connection: Connection, reader) -> None:
    row = connection.execute(select(User.role, User.active).where(User.id == getattr(reader, "id", None))).first()
    if getattr(reader, "role", None) != "admin" or row is None or not row.active or row.role != "admin":
        raise PermissionError("only an active administrator may read the audit log")


def _filtered(query, actions, user_id, start: date | None, end: date | None):
    if actions:
        query = query.where(AuditEvent.action.in_(sorted(actions)))
    if user_id == 0:
        query = query.where(AuditEvent.user_id.is_(None))
    elif user_id is not None:
        query = query.where(AuditEvent.user_id == int(user_id))
    if start is not None:
        query = query.where(AuditEvent.at >= datetime.combine(start, time.min, tzinfo=timezone.utc))
    if end is not None:
        query = query.where(AuditEvent.at < datetime.combine(end, time.max, tzinfo=timezone.utc))
    return query


def events(engine: Engine, reader, *, actions=None, user_id: int | None = None, start: date | None = None,
           end: date | None = None, limit: int = LIMIT) -> tuple[pd.DataFrame, int]:
    """The newest ``limit`` events matching the filters (:data:`COLUMNS`; ``user``
    is the display name, None for the command line) and how many match in all.
    ``user_id`` 0 selects the command line's events; ``start``/``end`` are UTC days."""
    with engine.connect() as connection:
        _require_admin(connection, reader)
        total = connection.execute(_filtered(select(func.count()).select_from(AuditEvent),
                                             actions, user_id, start, end)).scalar()
        rows = connection.execute(_filtered(
            select(AuditEvent.id, AuditEvent.at, AuditEvent.user_id, User.display_name.label("user"),
                   AuditEvent.action, AuditEvent.target_type, AuditEvent.target_id, AuditEvent.detail)
            .outerjoin(User, User.id == AuditEvent.user_id), actions, user_id, start, end)
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(int(limit))).mappings().all()
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["at"] = pd.to_datetime(frame["at"], utc=True, format="mixed")
    frame["user_id"] = frame["user_id"].astype("Int64")
    return frame, int(total or 0)


def actors(engine: Engine, reader) -> pd.DataFrame:
    """The users who appear in the log (id, display_name, username), for a filter."""
    with engine.connect() as connection:
        _require_admin(connection, reader)
        rows = connection.execute(
            select(User.id, User.display_name, User.username)
            .where(User.id.in_(select(AuditEvent.user_id).where(AuditEvent.user_id.is_not(None))))
            .order_by(User.display_name)).all()
    return rows_frame(rows, ["id", "display_name", "username"])


def record_export(engine: Engine, user_id: int, what: str, rows: int, detail: dict | None = None) -> None:
    """Log a download that showed customers' personal details (``what``: e.g. "cases")."""
    with engine.begin() as connection:
        record(connection, user_id, f"{what}_exported", what, None, {"rows": rows, **(detail or {})})
