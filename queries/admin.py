"""Administration: units and regions, touchpoints, users, comment themes,
thresholds and targets.

Every write takes the acting :class:`~queries.users.Account`, refuses anyone but
an active administrator (``PermissionError``, checked against the database, not
only the account the page holds), validates its input and raises
:class:`AdminError` (a ``code`` from :data:`ERROR_CODES` and the ``params`` the
message names, ``field`` among them) before anything is written. Each write is one
transaction and changes the data version, so cached pages show the change at once.

Reads return DataFrames and never a password hash.

Units: regions (``kind="region"``, no parent) hold units (``kind="unit"``, a
region as parent). Names are unique regardless of case, non-empty and at most
:data:`NAME_MAX` characters. :func:`merge_units` moves everything that refers to
one unit (responses, their daily counts, follow-ups, actions, insights,
workshops, users, and for a region its units) to another and deactivates it.
"""

from __future__ import annotations

import math
import re
import secrets as token_source
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from numbers import Real

import pandas as pd
from sqlalchemy import Engine, and_, case, delete, exists, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from ingest import theme_packs
from ingest import themes as theme_tagging
from ingest.language import pattern_language
from ingest.themes import Matcher, PatternError, compile_patterns
from queries import audit, insights, months, rollup, settings
from queries.common import none_for_missing
from queries.passwords import PASSWORD_MIN, hash_password, password_problem
from queries.schema import (
    ROLES, Base, DailyCount, Insight, LoginAttempt, Response, ResponseTheme,
    Theme, Touchpoint, Unit, User, has_comment,
)
from queries.scope import Scope, descendants
from queries.users import Account

NAME_MAX = 120
KEY_MAX = 40
USERNAME_MAX = 80
EMAIL_MAX = 200
PREVIEW_COMMENTS = 200
SCOPED_ROLES = ("manager", "staff")  # roles that need a unit; leaders and admins see every unit
UNIT_KINDS = ("region", "unit")
KEY_PATTERN = re.compile(r"[a-z][a-z0-9_]*\Z")
USERNAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._@-]*\Z")
EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+\Z")

# Every code an :class:`AdminError` may carry (the page translates each one).
ERROR_CODES = (
    "name_required", "name_too_long", "name_taken",
    "key_required", "key_invalid", "key_too_long", "key_taken",
    "unknown_unit", "bad_kind", "parent_required", "parent_not_region", "parent_inactive",
    "own_parent", "cycle", "region_has_active_units", "unit_has_users",
    "merge_same", "merge_region_into_unit", "merge_unit_into_region", "merge_target_inactive",
    "unknown_touchpoint", "bad_order",
    "username_required", "username_invalid", "username_too_long", "username_taken",
    "email_invalid", "email_taken", "bad_role", "unit_required", "unit_not_allowed",
    "password_too_short", "password_weak", "password_required", "unknown_user", "own_account", "last_admin",
    "unknown_theme", "bad_pattern", "unknown_proposal", "proposal_decided", "unknown_pack",
    "not_whole_number", "bad_min_responses", "bad_small_sample", "bad_target",
)

UNIT_COLUMNS = ["id", "name", "kind", "parent_id", "region", "active", "responses", "users"]
TOUCHPOINT_COLUMNS = ["id", "key", "name_sv", "name_en", "sort_order", "responses"]
USER_COLUMNS = ["id", "username", "display_name", "email", "role", "unit_id", "unit", "active",
                "has_password", "must_change_password", "last_seen_at", "created_at"]
THEME_COLUMNS = ["id", "key", "name_sv", "name_en", "patterns_sv", "patterns_en", "active",
                 "sort_order", "comments"]
COMMENT_COLUMNS = ["id", "responded_at", "unit", "nps", "comment", "language"]


class AdminError(ValueError):
    """Input an administrative change cannot take; nothing was written. ``code`` is
    one of :data:`ERROR_CODES`; ``params`` holds what the message names (``field``:
    which input is wrong, and values such as a name or a limit)."""

    def __init__(self, code: str, message: str, **params):
        assert code in ERROR_CODES, code
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params


@dataclass(frozen=True)
class NewUser:
    """A created user; ``password`` is the generated password (shown once), or
    None when the administrator chose one."""

    id: int
    password: str | None


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _require_admin(connection: Connection, account: Account | None) -> None:
    """PermissionError unless ``account`` is an administrator, also in the database now."""
    if account is None or getattr(account, "role", None) != "admin":
        raise PermissionError("only an administrator may change this")
    row = connection.execute(select(User.role, User.active).where(User.id == account.id)).first()
    if row is None or not row.active or row.role != "admin":
        raise PermissionError("only an active administrator may change this")


def _text(value, field: str, maximum: int = NAME_MAX) -> str:
    """A required name: stripped, non-empty, at most ``maximum`` characters."""
    cleaned = " ".join(str(value or "").split())
    if not cleaned:
        raise AdminError("name_required", f"{field}: a name is required", field=field)
    if len(cleaned) > maximum:
        raise AdminError("name_too_long", f"{field}: at most {maximum} characters, got {len(cleaned)}",
                         field=field, max=maximum, length=len(cleaned))
    return cleaned


def _key(value, field: str = "key") -> str:
    """A key: lower-case letters, digits and _, starting with a letter."""
    cleaned = str(value or "").strip()
    if not cleaned:
        raise AdminError("key_required", f"{field}: a key is required", field=field)
    if len(cleaned) > KEY_MAX:
        raise AdminError("key_too_long", f"{field}: at most {KEY_MAX} characters", field=field, max=KEY_MAX)
    if not KEY_PATTERN.match(cleaned):
        raise AdminError("key_invalid", f"{field}: only a–z, 0–9 and _, starting with a letter; got {cleaned!r}",
                         field=field, value=cleaned)
    return cleaned


def _unique(name: str, existing: Iterable[tuple[int, str]], field: str, own_id: int | None = None) -> None:
    """``name_taken`` when another row (not ``own_id``) has ``name`` in any case.
    Compared in Python: SQLite's lower() does not know å, ä and ö."""
    folded = name.casefold()
    for row_id, other in existing:
        if row_id != own_id and other is not None and other.casefold() == folded:
            raise AdminError("name_taken", f"{field}: {name!r} is taken", field=field, name=name)


def _int_id(value, code: str, field: str) -> int:
    if isinstance(value, bool) or value is None:
        raise AdminError(code, f"{field}: unknown ({value!r})", field=field, id=value)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise AdminError(code, f"{field}: unknown ({value!r})", field=field, id=value) from None


# --- units and regions --------------------------------------------------------------------------

def units_table(engine: Engine) -> pd.DataFrame:
    """Every region and unit, active or not, regions each followed by their units:
    :data:`UNIT_COLUMNS`. ``responses`` counts the responses of the unit and the
    units below it; ``users`` the active users whose scope it is."""
    parent = Unit.__table__.alias("parent")
    with engine.connect() as connection:
        rows = connection.execute(
            select(Unit.id, Unit.name, Unit.kind, Unit.parent_id, parent.c.name.label("region"), Unit.active)
            .outerjoin(parent, parent.c.id == Unit.parent_id)
        ).mappings().all()
        responses = dict(connection.execute(
            select(DailyCount.unit_id, func.sum(DailyCount.responses)).group_by(DailyCount.unit_id)).all())
        people = dict(connection.execute(
            select(User.unit_id, func.count()).where(User.active.is_(True), User.unit_id.is_not(None))
            .group_by(User.unit_id)).all())
    frame = none_for_missing(pd.DataFrame(rows, columns=UNIT_COLUMNS[:6]), ["region"])
    if frame.empty:
        return pd.DataFrame(columns=UNIT_COLUMNS)
    tree = dict(zip(frame["id"].astype(int), [None if pd.isna(p) else int(p) for p in frame["parent_id"]]))
    frame["responses"] = [sum(int(responses.get(unit, 0) or 0) for unit in descendants(tree, int(row)))
                          for row in frame["id"]]
    frame["users"] = [int(people.get(int(row), 0)) for row in frame["id"]]
    frame["active"] = frame["active"].astype(bool)
    frame["parent_id"] = frame["parent_id"].astype("Int64")
    names = dict(zip(frame["id"], frame["name"]))
    # Regions first, each followed by its units; units without a region last.
    frame["_group"] = [names.get(parent_id, "\uffff") if kind != "region" else name
                       for kind, name, parent_id in zip(frame["kind"], frame["name"], frame["parent_id"])]
    frame["_kind"] = [0 if kind != "unit" else 1 for kind in frame["kind"]]
    frame = frame.sort_values(["_group", "_kind", "name"], key=lambda column: column.map(
        lambda value: value.casefold() if isinstance(value, str) else value))
    return frame[UNIT_COLUMNS].reset_index(drop=True)


def _unit(connection: Connection, unit_id, field: str = "unit"):
    unit_id = _int_id(unit_id, "unknown_unit", field)
    row = connection.execute(select(Unit.id, Unit.name, Unit.kind, Unit.parent_id, Unit.active)
                             .where(Unit.id == unit_id)).first()
    if row is None:
        raise AdminError("unknown_unit", f"{field}: no unit or region with id {unit_id}", field=field, id=unit_id)
    return row


def _unit_names(connection: Connection) -> list[tuple[int, str]]:
    return [tuple(row) for row in connection.execute(select(Unit.id, Unit.name)).all()]


def _tree(connection: Connection) -> dict[int, int | None]:
    return dict(connection.execute(select(Unit.id, Unit.parent_id)).all())


def _region(connection: Connection, parent_id, field: str = "region"):
    """The active region ``parent_id`` (a unit's parent)."""
    if parent_id is None:
        raise AdminError("parent_required", "a unit needs a region", field=field)
    parent = _unit(connection, parent_id, field)
    if parent.kind != "region":
        raise AdminError("parent_not_region", f"{parent.name!r} is not a region", field=field, name=parent.name)
    if not parent.active:
        raise AdminError("parent_inactive", f"the region {parent.name!r} is inactive", field=field,
                         name=parent.name)
    return parent


def _insert_unique(connection: Connection, statement, name: str, field: str, code: str = "name_taken"):
    """Run an insert or update; a unique violation (someone took the name or key
    meanwhile) becomes ``code``."""
    try:
        with connection.begin_nested():
            return connection.execute(statement)
    except IntegrityError:
        raise AdminError(code, f"{field}: {name!r} is taken", field=field, name=name, value=name) from None


def create_unit(engine: Engine, account: Account, name: str, kind: str = "unit",
                parent_id: int | None = None) -> int:
    """A new active region (``kind="region"``, no parent) or unit (in the region
    ``parent_id``); returns its id."""
    with engine.begin() as connection:
        _require_admin(connection, account)
        name = _text(name, "name")
        if kind not in UNIT_KINDS:
            raise AdminError("bad_kind", f"kind must be one of {UNIT_KINDS}, got {kind!r}", field="kind",
                             kind=kind)
        if kind == "unit":
            parent_id = _region(connection, parent_id).id
        elif parent_id is not None:
            raise AdminError("parent_not_region", "a region has no parent", field="region", name=str(parent_id))
        _unique(name, _unit_names(connection), "name")
        result = _insert_unique(connection, insert(Unit).values(name=name, kind=kind, parent_id=parent_id,
                                                                active=True), name, "name")
        settings.bump_data_version(connection)
        return int(result.inserted_primary_key[0])


def rename_unit(engine: Engine, account: Account, unit_id: int, name: str) -> None:
    with engine.begin() as connection:
        _require_admin(connection, account)
        unit = _unit(connection, unit_id)
        name = _text(name, "name")
        if name == unit.name:
            return
        _unique(name, _unit_names(connection), "name", own_id=unit.id)
        _insert_unique(connection, update(Unit).where(Unit.id == unit.id).values(name=name), name, "name")
        settings.bump_data_version(connection)


def move_unit(engine: Engine, account: Account, unit_id: int, parent_id: int) -> None:
    """Put a unit in another region. Refused: a unit as its own parent, a parent
    below the unit (a cycle), a parent that is not an active region."""
    with engine.begin() as connection:
        _require_admin(connection, account)
        unit = _unit(connection, unit_id)
        parent_id = _int_id(parent_id, "unknown_unit", "region") if parent_id is not None else None
        if parent_id == unit.id:
            raise AdminError("own_parent", f"{unit.name!r} cannot be its own parent", field="region",
                             name=unit.name)
        if parent_id is not None and parent_id in descendants(_tree(connection), unit.id):
            parent = _unit(connection, parent_id, "region")
            raise AdminError("cycle", f"{parent.name!r} lies below {unit.name!r}", field="region",
                             name=unit.name, parent=parent.name)
        if unit.kind != "unit":
            raise AdminError("bad_kind", f"{unit.name!r} is a {unit.kind}; only units move between regions",
                             field="unit", kind=unit.kind)
        parent = _region(connection, parent_id)
        if parent.id == unit.parent_id:
            return
        connection.execute(update(Unit).where(Unit.id == unit.id).values(parent_id=parent.id))
        settings.bump_data_version(connection)


def set_unit_active(engine: Engine, account: Account, unit_id: int, active: bool) -> None:
    """Deactivate (hidden from the filters, its data kept) or reactivate a unit or
    region. Refused: deactivating a region that still has active units, or a unit
    that active users are scoped to; reactivating a unit of an inactive region."""
    with engine.begin() as connection:
        _require_admin(connection, account)
        unit = _unit(connection, unit_id)
        if bool(unit.active) == bool(active):
            return
        if not active:
            children = connection.execute(select(func.count()).select_from(Unit).where(
                Unit.parent_id == unit.id, Unit.active.is_(True))).scalar()
            if children:
                raise AdminError("region_has_active_units", f"{unit.name!r} has {children} active units",
                                 field="unit", name=unit.name, n=children)
            people = connection.execute(select(func.count()).select_from(User).where(
                User.unit_id == unit.id, User.active.is_(True))).scalar()
            if people:
                raise AdminError("unit_has_users", f"{people} active users belong to {unit.name!r}",
                                 field="unit", name=unit.name, n=people)
        elif unit.parent_id is not None:
            parent = _unit(connection, unit.parent_id)
            if not parent.active:
                raise AdminError("parent_inactive", f"the region {parent.name!r} is inactive", field="unit",
                                 name=parent.name)
        connection.execute(update(Unit).where(Unit.id == unit.id).values(active=bool(active)))
        settings.bump_data_version(connection)


def _unit_references() -> list:
    """(table, column) of every column that refers to a unit, except a unit's
    parent and the rollups (both handled by :func:`merge_units` itself)."""
    found = []
    for table in Base.metadata.sorted_tables:
        if table.name == "units" or table in rollup.TABLES:
            continue
        for key in table.foreign_keys:
            if key.column.table.name == "units" and key.column.name == "id":
                found.append((table, key.parent))
    return found


def _merge_checks(connection: Connection, source_id, target_id):
    source = _unit(connection, source_id, "source")
    target = _unit(connection, target_id, "target")
    if source.id == target.id:
        raise AdminError("merge_same", f"{source.name!r} cannot be merged into itself", field="target",
                         name=source.name)
    if source.kind == "region" and target.kind == "unit":
        raise AdminError("merge_region_into_unit", f"the region {source.name!r} cannot be merged into a unit",
                         field="target", source=source.name, target=target.name)
    if source.kind == "unit" and target.kind != "unit":
        raise AdminError("merge_unit_into_region", f"the unit {source.name!r} can only be merged into a unit",
                         field="target", source=source.name, target=target.name)
    if not target.active:
        raise AdminError("merge_target_inactive", f"{target.name!r} is inactive", field="target",
                         name=target.name)
    if target.id in descendants(_tree(connection), source.id):
        raise AdminError("cycle", f"{target.name!r} lies below {source.name!r}", field="target",
                         name=source.name, parent=target.name)
    return source, target


def _merge_counts(connection: Connection, source_id: int) -> dict[str, int]:
    counts = {}
    for table, column in _unit_references():
        counts[table.name] = counts.get(table.name, 0) + int(connection.execute(
            select(func.count()).select_from(table).where(column == source_id)).scalar() or 0)
    counts["units"] = int(connection.execute(
        select(func.count()).select_from(Unit).where(Unit.parent_id == source_id)).scalar() or 0)
    return counts


def merge_preview(engine: Engine, source_id: int, target_id: int) -> dict[str, int]:
    """What :func:`merge_units` would move, by table (``responses``, ``follow_ups``,
    ``actions``, ``insights``, ``workshops``, ``users``, ``units`` below a region…).
    Raises :class:`AdminError` when the merge would be refused."""
    with engine.connect() as connection:
        source, _target = _merge_checks(connection, source_id, target_id)
        return _merge_counts(connection, source.id)


def _merge_daily_counts(connection: Connection, source_id: int, target_id: int) -> None:
    """Fold the source's rollups (daily and monthly counts, segment, theme and driver
    counts, comments per language) into the target's: rows of the same cell (day or
    month, touchpoint, channel; and segment key and value, theme, or comment and theme
    set; or day and language) are added up, the rest change unit."""
    for counts in rollup.TABLES:
        cell = [column.name for column in counts.primary_key.columns if column.name != "unit_id"]
        other = counts.alias("other")
        same_cell = and_(*(other.c[name] == counts.c[name] for name in cell))
        connection.execute(
            update(counts).where(counts.c.unit_id == target_id,
                                 exists().where(other.c.unit_id == source_id, same_cell))
            .values({column: counts.c[column] + select(other.c[column]).where(
                other.c.unit_id == source_id, same_cell).scalar_subquery() for column in months.stats(counts)}))
        connection.execute(
            delete(counts).where(counts.c.unit_id == source_id,
                                 exists().where(other.c.unit_id == target_id, same_cell)))
        connection.execute(update(counts).where(counts.c.unit_id == source_id).values(unit_id=target_id))


def _refingerprint(connection: Connection, insight_ids: list[int]) -> None:
    """Moved insights identify a finding of their new unit: recompute their
    fingerprints (NULL when the new unit has the same finding pinned already)."""
    if not insight_ids:
        return
    rows = connection.execute(select(Insight).where(Insight.id.in_(insight_ids))).all()
    connection.execute(update(Insight).where(Insight.id.in_(insight_ids)).values(fingerprint=None))
    for row in rows:
        key = insights.fingerprint(unit_id=row.unit_id, kind=row.kind, scope_type=row.scope_type,
                                   scope_key=row.scope_key, metric=row.metric, period_start=row.period_start,
                                   period_end=row.period_end, comparator=row.comparator, filters=row.filters)
        taken = connection.execute(select(Insight.id).where(Insight.fingerprint == key)).first()
        if taken is None:
            connection.execute(update(Insight).where(Insight.id == row.id).values(fingerprint=key))


def merge_units(engine: Engine, account: Account, source_id: int, target_id: int) -> dict[str, int]:
    """Merge ``source`` into ``target`` in one transaction: every row that refers
    to the source (responses and their daily counts, follow-ups, actions,
    insights, workshops, users; a region's units) moves to the target, and the
    source is deactivated. Returns what moved, as :func:`merge_preview` counts it.

    Allowed: a unit into a unit, a region into a region. Refused: into itself,
    a region into a unit, a unit into a region, into an inactive unit."""
    with engine.begin() as connection:
        _require_admin(connection, account)
        source, target = _merge_checks(connection, source_id, target_id)
        moved = _merge_counts(connection, source.id)
        insight_ids = list(connection.execute(
            select(Insight.id).where(Insight.unit_id == source.id)).scalars())
        _merge_daily_counts(connection, source.id, target.id)
        for table, column in _unit_references():
            connection.execute(update(table).where(column == source.id).values({column.name: target.id}))
        connection.execute(update(Unit).where(Unit.parent_id == source.id).values(parent_id=target.id))
        connection.execute(update(Unit).where(Unit.id == source.id).values(active=False))
        _refingerprint(connection, insight_ids)
        settings.bump_data_version(connection)
    return moved


# --- touchpoints --------------------------------------------------------------------------------

def touchpoints_table(engine: Engine) -> pd.DataFrame:
    """Every touchpoint in display order with its number of responses: :data:`TOUCHPOINT_COLUMNS`."""
    counts = months.rows(DailyCount, None, None, lambda _table: []).c  # every month, whole
    responses = (select(counts.touchpoint_id, func.sum(counts.responses).label("responses"))
                 .group_by(counts.touchpoint_id).subquery())
    query = (select(Touchpoint.id, Touchpoint.key, Touchpoint.name_sv, Touchpoint.name_en,
                    Touchpoint.sort_order, func.coalesce(responses.c.responses, 0).label("responses"))
             .outerjoin(responses, responses.c.touchpoint_id == Touchpoint.id)
             .order_by(Touchpoint.sort_order, Touchpoint.id))
    with engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(query).mappings().all(), columns=TOUCHPOINT_COLUMNS)
    frame["responses"] = frame["responses"].astype(int)
    return frame


def _touchpoint(connection: Connection, touchpoint_id):
    touchpoint_id = _int_id(touchpoint_id, "unknown_touchpoint", "touchpoint")
    row = connection.execute(select(Touchpoint).where(Touchpoint.id == touchpoint_id)).first()
    if row is None:
        raise AdminError("unknown_touchpoint", f"no touchpoint with id {touchpoint_id}", field="touchpoint",
                         id=touchpoint_id)
    return row


def _bilingual_names(connection: Connection, model, name_sv, name_en, own_id: int | None = None):
    name_sv, name_en = _text(name_sv, "name_sv"), _text(name_en, "name_en")
    rows = connection.execute(select(model.id, model.name_sv, model.name_en)).all()
    _unique(name_sv, [(row.id, row.name_sv) for row in rows], "name_sv", own_id)
    _unique(name_en, [(row.id, row.name_en) for row in rows], "name_en", own_id)
    return name_sv, name_en


def create_touchpoint(engine: Engine, account: Account, key: str, name_sv: str, name_en: str) -> int:
    """A new touchpoint, last in the order; returns its id."""
    with engine.begin() as connection:
        _require_admin(connection, account)
        key = _key(key)
        if connection.execute(select(Touchpoint.id).where(Touchpoint.key == key)).first():
            raise AdminError("key_taken", f"the key {key!r} is taken", field="key", value=key)
        name_sv, name_en = _bilingual_names(connection, Touchpoint, name_sv, name_en)
        last = connection.execute(select(func.max(Touchpoint.sort_order))).scalar()
        result = _insert_unique(connection, insert(Touchpoint).values(
            key=key, name_sv=name_sv, name_en=name_en, sort_order=(last or 0) + 1), key, "key", "key_taken")
        settings.bump_data_version(connection)
        return int(result.inserted_primary_key[0])


def rename_touchpoint(engine: Engine, account: Account, touchpoint_id: int, name_sv: str, name_en: str) -> None:
    with engine.begin() as connection:
        _require_admin(connection, account)
        touchpoint = _touchpoint(connection, touchpoint_id)
        name_sv, name_en = _bilingual_names(connection, Touchpoint, name_sv, name_en, own_id=touchpoint.id)
        connection.execute(update(Touchpoint).where(Touchpoint.id == touchpoint.id)
                           .values(name_sv=name_sv, name_en=name_en))
        settings.bump_data_version(connection)


def reorder_touchpoints(engine: Engine, account: Account, ordered_ids: Iterable[int]) -> None:
    """Give the touchpoints the order of ``ordered_ids`` (every touchpoint once)."""
    with engine.begin() as connection:
        _require_admin(connection, account)
        try:
            ordered = [int(item) for item in ordered_ids]
        except (TypeError, ValueError):
            raise AdminError("bad_order", "the order must list touchpoint ids", field="order") from None
        existing = set(connection.execute(select(Touchpoint.id)).scalars())
        if len(ordered) != len(set(ordered)) or set(ordered) != existing:
            raise AdminError("bad_order", "the order must list every touchpoint once", field="order")
        for position, touchpoint_id in enumerate(ordered):
            connection.execute(update(Touchpoint).where(Touchpoint.id == touchpoint_id)
                               .values(sort_order=position))
        settings.bump_data_version(connection)


def move_touchpoint(engine: Engine, account: Account, touchpoint_id: int, offset: int) -> None:
    """Move a touchpoint ``offset`` places later (negative: earlier) in the order."""
    frame = touchpoints_table(engine)
    ids = [int(item) for item in frame["id"]]
    if touchpoint_id not in ids:
        raise AdminError("unknown_touchpoint", f"no touchpoint with id {touchpoint_id}", field="touchpoint",
                         id=touchpoint_id)
    position = ids.index(touchpoint_id)
    ids.insert(max(0, min(len(ids) - 1, position + int(offset))), ids.pop(position))
    reorder_touchpoints(engine, account, ids)


# --- users --------------------------------------------------------------------------------------

def users_table(engine: Engine) -> pd.DataFrame:
    """Every user: :data:`USER_COLUMNS` (``has_password``: whether one is set; the
    hash itself is never read)."""
    query = (select(User.id, User.username, User.display_name, User.email, User.role, User.unit_id,
                    Unit.name.label("unit"), User.active,
                    case((User.password_hash.is_(None), False), else_=True).label("has_password"),
                    User.must_change_password, User.last_seen_at, User.created_at)
             .outerjoin(Unit, Unit.id == User.unit_id)
             .order_by(User.active.desc(), User.username))
    with engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(query).mappings().all(), columns=USER_COLUMNS)
    frame = none_for_missing(frame, ["email"])
    frame["active"] = frame["active"].astype(bool)
    frame["has_password"] = frame["has_password"].astype(bool)
    frame["must_change_password"] = frame["must_change_password"].astype(bool)
    frame["unit_id"] = frame["unit_id"].astype("Int64")
    for column in ("last_seen_at", "created_at"):
        frame[column] = pd.to_datetime(frame[column], utc=True)
    return frame


def generate_password() -> str:
    """A random password of 16 characters (96 bits), for handing over once."""
    return token_source.token_urlsafe(12)


def _user(connection: Connection, user_id):
    user_id = _int_id(user_id, "unknown_user", "user")
    row = connection.execute(select(User.id, User.username, User.display_name, User.email, User.role,
                                    User.unit_id, User.active).where(User.id == user_id)).first()
    if row is None:
        raise AdminError("unknown_user", f"no user with id {user_id}", field="user", id=user_id)
    return row


def _role_and_unit(connection: Connection, role: str, unit_id) -> tuple[str, int | None]:
    if role not in ROLES:
        raise AdminError("bad_role", f"role must be one of {ROLES}, got {role!r}", field="role", role=role)
    if role not in SCOPED_ROLES:
        if unit_id is not None:
            raise AdminError("unit_not_allowed", f"a {role} sees every unit and has none", field="unit",
                             role=role)
        return role, None
    if unit_id is None:
        raise AdminError("unit_required", f"a {role} needs a unit or region", field="unit", role=role)
    unit = _unit(connection, unit_id)
    if not unit.active:
        raise AdminError("parent_inactive", f"{unit.name!r} is inactive", field="unit", name=unit.name)
    return role, int(unit.id)


def _email(connection: Connection, email, own_id: int | None = None) -> str | None:
    cleaned = str(email or "").strip().lower()
    if not cleaned:
        return None
    if len(cleaned) > EMAIL_MAX or not EMAIL_PATTERN.match(cleaned):
        raise AdminError("email_invalid", f"not an e-mail address: {cleaned!r}", field="email", email=cleaned)
    taken = connection.execute(select(User.id).where(func.lower(User.email) == cleaned)).scalar()
    if taken is not None and taken != own_id:
        raise AdminError("email_taken", f"{cleaned!r} belongs to another user", field="email", email=cleaned)
    return cleaned


def _active_admins(connection: Connection, other_than: int) -> int:
    return int(connection.execute(select(func.count()).select_from(User).where(
        User.role == "admin", User.active.is_(True), User.id != other_than)).scalar() or 0)


def _check_password(password: str | None, username: str) -> None:
    """AdminError unless ``password`` may be used (:func:`queries.passwords.password_problem`)."""
    problem = password_problem(password, username)
    if problem == "password_too_short":
        raise AdminError(problem, f"a password needs at least {PASSWORD_MIN} characters", field="password",
                         min=PASSWORD_MIN)
    if problem == "password_weak":
        raise AdminError(problem, "the password is easy to guess (a common word, the username, a run "
                         "like 1234567890 or too few different characters)", field="password")
    if problem:
        raise AdminError(problem, "a password is required", field="password")


def _insert_user(connection: Connection, *, username: str, display_name: str, role: str, unit_id: int | None,
                 email: str | None, password: str, must_change: bool, actor_id: int | None) -> int:
    """Validate and insert an active user on behalf of ``actor_id`` (None: the
    command line), with its audit event; returns the id (no permission check)."""
    name = str(username or "").strip().lower()
    if not name:
        raise AdminError("username_required", "a username is required", field="username")
    if len(name) > USERNAME_MAX:
        raise AdminError("username_too_long", f"at most {USERNAME_MAX} characters", field="username",
                         max=USERNAME_MAX)
    if not USERNAME_PATTERN.match(name):
        raise AdminError("username_invalid", f"not a valid username: {name!r}", field="username",
                         username=name)
    if connection.execute(select(User.id).where(func.lower(User.username) == name)).first():
        raise AdminError("username_taken", f"the username {name!r} is taken", field="username",
                         username=name)
    display_name = _text(display_name, "display_name")
    email = _email(connection, email)
    role, unit_id = _role_and_unit(connection, role, unit_id)
    _check_password(password, name)
    try:
        with connection.begin_nested():
            result = connection.execute(insert(User).values(
                username=name, display_name=display_name, email=email,
                password_hash=hash_password(password), role=role, unit_id=unit_id, active=True,
                session_version=0, failed_logins=0, created_at=_now(), must_change_password=must_change))
    except IntegrityError:
        raise AdminError("username_taken", f"the username {name!r} is taken", field="username",
                         username=name) from None
    user_id = int(result.inserted_primary_key[0])
    audit.record(connection, actor_id, "user_created", "user", user_id,
                 {"username": name, "role": role, "unit_id": unit_id})
    return user_id


def create_user(engine: Engine, account: Account, *, username: str, display_name: str, role: str,
                unit_id: int | None = None, email: str | None = None,
                password: str | None = None) -> NewUser:
    """A new active user. Managers and staff need a unit (or region) as their
    scope; leaders and admins have none. Without ``password`` one is generated
    and returned (to be shown once), and the user must choose their own at the
    first login; a chosen one needs :data:`PASSWORD_MIN` characters and must not
    be easy to guess."""
    with engine.begin() as connection:
        _require_admin(connection, account)
        generated = None
        if password is None or password == "":
            password = generated = generate_password()
        user_id = _insert_user(connection, username=username, display_name=display_name, role=role,
                               unit_id=unit_id, email=email, password=password,
                               must_change=generated is not None, actor_id=account.id)
        settings.bump_data_version(connection)
        return NewUser(user_id, generated)


def add_user(engine: Engine, *, username: str, display_name: str | None, role: str,
             unit_name: str | None = None, email: str | None = None, password: str) -> int:
    """A new active user from the command line (``python -m ingest.users add``),
    which acts with the database's own rights: no administrator is needed, so
    the first one can be made. ``unit_name`` names the unit or region (any case);
    the display name defaults to the username. Returns the id."""
    with engine.begin() as connection:
        unit_id = _unit_by_name(connection, unit_name) if unit_name else None
        user_id = _insert_user(connection, username=username,
                               display_name=display_name or str(username or "").strip().lower(), role=role,
                               unit_id=unit_id, email=email, password=password, must_change=False,
                               actor_id=None)
        settings.bump_data_version(connection)
        return user_id


def _unit_by_name(connection: Connection, name: str) -> int:
    """The id of the unit or region called ``name`` (case and spacing aside)."""
    wanted = " ".join(str(name).split()).casefold()
    for unit_id, other in _unit_names(connection):
        if " ".join(other.split()).casefold() == wanted:
            return int(unit_id)
    known = sorted(other for _id, other in _unit_names(connection))
    raise AdminError("unknown_unit", f"there is no unit or region named {name!r}"
                     + (f" (known: {', '.join(known[:20])}{' …' if len(known) > 20 else ''})" if known
                        else " (there are no units yet: leaders and admins need none)"),
                     field="unit", id=name)


def _user_by_name(connection: Connection, username: str):
    name = str(username or "").strip().lower()
    row = connection.execute(select(User.id).where(func.lower(User.username) == name)).first()
    if row is None:
        raise AdminError("unknown_user", f"there is no user {name!r}", field="user", id=name)
    return _user(connection, row.id)


_KEEP = object()


def update_user(engine: Engine, account: Account, user_id: int, *, role: str, unit_id: int | None,
                display_name: str | None = None, email=_KEEP) -> None:
    """Change a user's role and unit (and display name and e-mail, when given).
    A change of role or unit ends the user's login sessions. Refused: changing
    one's own role, and taking the role from the last active administrator."""
    with engine.begin() as connection:
        _require_admin(connection, account)
        user = _user(connection, user_id)
        role, unit_id = _role_and_unit(connection, role, unit_id)
        values: dict = {"role": role, "unit_id": unit_id}
        if display_name is not None:
            values["display_name"] = _text(display_name, "display_name")
        if email is not _KEEP:
            values["email"] = _email(connection, email, own_id=user.id)
        if role != user.role:
            if user.id == account.id:
                raise AdminError("own_account", "you cannot change your own role", field="role")
            if user.role == "admin" and user.active and _active_admins(connection, user.id) == 0:
                raise AdminError("last_admin", f"{user.username!r} is the last active administrator",
                                 field="role", username=user.username)
        if role != user.role or unit_id != user.unit_id:
            values["session_version"] = User.session_version + 1
        connection.execute(update(User).where(User.id == user.id).values(**values))
        _audit_user_change(connection, account, user, values)
        settings.bump_data_version(connection)


def _audit_user_change(connection: Connection, account: Account, user, values: dict) -> None:
    """Log a change of role or unit, and of name or e-mail, as separate actions."""
    for action, fields in (("user_role_changed", ("role", "unit_id")),
                           ("user_details_changed", ("display_name", "email"))):
        changed = audit.changes(user._asdict(), {name: values[name] for name in fields if name in values})
        if changed:
            audit.record(connection, account.id, action, "user", user.id, {"username": user.username, **changed})


def reset_password(engine: Engine, account: Account, user_id: int) -> str:
    """Give the user a new generated password and return it (to be shown once);
    the user must choose their own at the next login. Ends the user's login
    sessions and clears their failed logins."""
    with engine.begin() as connection:
        _require_admin(connection, account)
        user = _user(connection, user_id)
        password = generate_password()
        _store_password(connection, user, password, must_change=True)
        audit.record(connection, account.id, "password_reset", "user", user.id, {"username": user.username})
        settings.bump_data_version(connection)
    return password


def _store_password(connection: Connection, user, password: str, must_change: bool) -> None:
    """A new password hash; ends the user's login sessions and clears their failed logins."""
    connection.execute(update(User).where(User.id == user.id).values(
        password_hash=hash_password(password), session_version=User.session_version + 1,
        failed_logins=0, last_failed_at=None, must_change_password=must_change))
    connection.execute(delete(LoginAttempt).where(LoginAttempt.username == user.username))


def set_password(engine: Engine, username: str, password: str, *, must_change: bool = False) -> None:
    """Set a user's password from the command line (``python -m ingest.users
    set-password``); ``must_change`` makes it a temporary one the user replaces at
    the next login. Ends the user's login sessions."""
    with engine.begin() as connection:
        user = _user_by_name(connection, username)
        _check_password(password, user.username)
        _store_password(connection, user, password, must_change)
        audit.record(connection, None, "password_reset", "user", user.id, {"username": user.username})
        settings.bump_data_version(connection)


def set_user_active(engine: Engine, account: Account, user_id: int, active: bool) -> None:
    """Deactivate (cannot log in; sessions end) or reactivate a user. Refused:
    deactivating oneself or the last active administrator."""
    with engine.begin() as connection:
        _require_admin(connection, account)
        user = _user(connection, user_id)
        if not active and user.active and user.id == account.id:
            raise AdminError("own_account", "you cannot deactivate yourself", field="user")
        _set_active(connection, user, active, account.id)


def deactivate_user(engine: Engine, username: str) -> bool:
    """Deactivate a user from the command line (``python -m ingest.users
    deactivate``); refused for the last active administrator. False when the
    user was inactive already."""
    with engine.begin() as connection:
        user = _user_by_name(connection, username)
        return _set_active(connection, user, False, None)


def _set_active(connection: Connection, user, active: bool, actor_id: int | None) -> bool:
    """(De)activate ``user`` on behalf of ``actor_id`` (None: the command line),
    ending their sessions when deactivated; whether anything changed."""
    if bool(user.active) == bool(active):
        return False
    values: dict = {"active": bool(active)}
    if not active:
        if user.role == "admin" and _active_admins(connection, user.id) == 0:
            raise AdminError("last_admin", f"{user.username!r} is the last active administrator",
                             field="user", username=user.username)
        values["session_version"] = User.session_version + 1
    connection.execute(update(User).where(User.id == user.id).values(**values))
    audit.record(connection, actor_id, "user_reactivated" if active else "user_deactivated", "user",
                 user.id, {"username": user.username})
    settings.bump_data_version(connection)
    return True


# --- themes -------------------------------------------------------------------------------------

def themes_table(engine: Engine) -> pd.DataFrame:
    """Every theme, active or not, in display order, with its number of tagged
    comments: :data:`THEME_COLUMNS`."""
    tagged = (select(ResponseTheme.theme_id, func.count().label("comments"))
              .group_by(ResponseTheme.theme_id).subquery())
    query = (select(Theme.id, Theme.key, Theme.name_sv, Theme.name_en, Theme.patterns_sv, Theme.patterns_en,
                    Theme.active, Theme.sort_order, func.coalesce(tagged.c.comments, 0).label("comments"))
             .outerjoin(tagged, tagged.c.theme_id == Theme.id)
             .order_by(Theme.sort_order, Theme.id))
    with engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(query).mappings().all(), columns=THEME_COLUMNS)
    frame["active"] = frame["active"].astype(bool)
    frame["comments"] = frame["comments"].astype(int)
    return frame


def recent_comments(engine: Engine, scope: Scope, limit: int = PREVIEW_COMMENTS) -> pd.DataFrame:
    """The newest ``limit`` comments in ``scope`` (for trying theme patterns):
    :data:`COMMENT_COLUMNS`."""
    if not scope.unit_ids:
        return pd.DataFrame(columns=COMMENT_COLUMNS)
    query = (select(Response.id, Response.responded_at, Unit.name.label("unit"), Response.nps,
                    Response.comment, Response.language)
             .join(Unit, Unit.id == Response.unit_id)
             .where(has_comment(), Response.unit_id.in_(sorted(scope.unit_ids)))
             .order_by(Response.responded_at.desc(), Response.id.desc()).limit(int(limit)))
    with engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(query).mappings().all(), columns=COMMENT_COLUMNS)
    frame["responded_at"] = pd.to_datetime(frame["responded_at"], utc=True)
    return frame


def pattern_matches(comments: pd.DataFrame, patterns_sv: str, patterns_en: str,
                    key: str = "preview") -> pd.Series:
    """For each comment, whether the patterns of its language match it (Swedish
    patterns on Swedish comments, English on English, both where the language is
    not known; another language never), as retagging will tag it; raises PatternError."""
    compiled = {key: compile_patterns(patterns_sv, patterns_en, key)}
    codes = comments["language"] if "language" in comments else pd.Series(None, index=comments.index)
    matchers: dict[str, Matcher] = {}

    def matches(text, code) -> bool:
        applies = pattern_language(None if pd.isna(code) else code)
        if applies is None:
            return False
        matcher = matchers.get(applies) or matchers.setdefault(applies, Matcher(compiled, applies))
        return bool(matcher(str(text)))

    return pd.Series([matches(text, code) for text, code in zip(comments["comment"], codes)],
                     index=comments.index, dtype=bool)


def _theme(connection: Connection, theme_id):
    theme_id = _int_id(theme_id, "unknown_theme", "theme")
    row = connection.execute(select(Theme).where(Theme.id == theme_id)).first()
    if row is None:
        raise AdminError("unknown_theme", f"no theme with id {theme_id}", field="theme", id=theme_id)
    return row


def _patterns(key: str, patterns_sv, patterns_en) -> tuple[str, str]:
    """The patterns one a line, without blank lines; AdminError for an unusable one."""
    cleaned = ["\n".join(line.strip() for line in str(text or "").splitlines() if line.strip())
               for text in (patterns_sv, patterns_en)]
    try:
        compile_patterns(cleaned[0], cleaned[1], key)
    except PatternError as error:
        raise AdminError("bad_pattern", str(error), field=f"patterns_{error.language}",
                         pattern=error.pattern, reason=error.reason) from None
    return cleaned[0], cleaned[1]


def _retag(connection: Connection, progress: Callable[[float], None] | None) -> int:
    """Tag every comment again; a pattern that is unusable or too slow on some
    comment refuses the change (the caller's transaction rolls back)."""
    try:
        tagging = theme_tagging.retag(connection, progress=progress)
    except PatternError as error:  # another theme's stored pattern is unusable
        raise AdminError("bad_pattern", str(error), field=f"patterns_{error.language}",
                         pattern=error.pattern, reason=error.reason) from None
    for slow in tagging.timed_out:
        raise AdminError("bad_pattern", f"theme {slow.theme!r}: pattern {slow.pattern!r}: {slow.reason}",
                         field=f"patterns_{slow.language}", pattern=slow.pattern, reason=slow.reason)
    return tagging.tagged


def create_theme(engine: Engine, account: Account, key: str, name_sv: str, name_en: str,
                 patterns_sv: str = "", patterns_en: str = "",
                 progress: Callable[[float], None] | None = None) -> int:
    """A new active theme, last in the order; every comment is tagged again.
    Returns its id."""
    with engine.begin() as connection:
        return create_theme_in(connection, account, key, name_sv, name_en, patterns_sv, patterns_en, progress)


def create_theme_in(connection: Connection, account: Account, key: str, name_sv: str, name_en: str,
                    patterns_sv: str = "", patterns_en: str = "",
                    progress: Callable[[float], None] | None = None) -> int:
    """:func:`create_theme` inside the caller's transaction (accepting a proposal
    makes its theme and closes it in one)."""
    _require_admin(connection, account)
    key = _key(key)
    if connection.execute(select(Theme.id).where(Theme.key == key)).first():
        raise AdminError("key_taken", f"the key {key!r} is taken", field="key", value=key)
    name_sv, name_en = _bilingual_names(connection, Theme, name_sv, name_en)
    patterns_sv, patterns_en = _patterns(key, patterns_sv, patterns_en)
    last = connection.execute(select(func.max(Theme.sort_order))).scalar()
    result = _insert_unique(connection, insert(Theme).values(
        key=key, name_sv=name_sv, name_en=name_en, patterns_sv=patterns_sv, patterns_en=patterns_en,
        active=True, sort_order=(last or 0) + 1), key, "key", "key_taken")
    theme_id = int(result.inserted_primary_key[0])
    audit.record(connection, account.id, "theme_created", "theme", theme_id,
                 {"key": key, "name_sv": name_sv, "name_en": name_en, "patterns_sv": patterns_sv,
                  "patterns_en": patterns_en})
    _retag(connection, progress)
    settings.bump_data_version(connection)
    return theme_id


def update_theme(engine: Engine, account: Account, theme_id: int, *, name_sv: str, name_en: str,
                 patterns_sv: str, patterns_en: str,
                 progress: Callable[[float], None] | None = None) -> int:
    """Change a theme's names and patterns and tag every comment again, in one
    transaction; returns how many comments have at least one theme. The key stays
    (pinned insights refer to it)."""
    with engine.begin() as connection:
        _require_admin(connection, account)
        theme = _theme(connection, theme_id)
        name_sv, name_en = _bilingual_names(connection, Theme, name_sv, name_en, own_id=theme.id)
        patterns_sv, patterns_en = _patterns(theme.key, patterns_sv, patterns_en)
        after = {"name_sv": name_sv, "name_en": name_en, "patterns_sv": patterns_sv, "patterns_en": patterns_en}
        connection.execute(update(Theme).where(Theme.id == theme.id).values(**after))
        changed = audit.changes(theme._asdict(), after)
        if changed:
            audit.record(connection, account.id, "theme_changed", "theme", theme.id, {"key": theme.key, **changed})
        tagged = _retag(connection, progress)
        settings.bump_data_version(connection)
        return tagged


def theme_pack_changes(engine: Engine, pack: str) -> dict[str, list[str]]:
    """What loading ``pack`` would do: theme keys ``added``, ``replaced`` and ``outside`` it."""
    with engine.connect() as connection:
        return theme_packs.changes(connection, pack)


def load_theme_pack(engine: Engine, account: Account, pack: str, others_off: bool = False,
                    progress: Callable[[float], None] | None = None) -> dict[str, list[str]]:
    """Load a theme pack (:mod:`ingest.theme_packs`: new themes added, names and the
    pack's languages' patterns of existing ones replaced, with ``others_off`` the
    themes outside it switched off) and tag every comment again, in one
    transaction; returns the keys ``added``, ``replaced`` and ``deactivated``."""
    with engine.begin() as connection:
        _require_admin(connection, account)
        try:
            done = theme_packs.load(connection, pack, others_off)
        except ValueError:
            raise AdminError("unknown_pack", f"no theme pack {pack!r}", field="pack", value=pack) from None
        audit.record(connection, account.id, "theme_pack_loaded", "theme_pack", pack, done)
        _retag(connection, progress)
        settings.bump_data_version(connection)
        return done


def set_theme_active(engine: Engine, account: Account, theme_id: int, active: bool,
                     progress: Callable[[float], None] | None = None) -> None:
    """Deactivate (no longer tagged or shown) or reactivate a theme; every comment
    is tagged again."""
    with engine.begin() as connection:
        _require_admin(connection, account)
        theme = _theme(connection, theme_id)
        if bool(theme.active) == bool(active):
            return
        if active:
            _patterns(theme.key, theme.patterns_sv, theme.patterns_en)
        connection.execute(update(Theme).where(Theme.id == theme.id).values(active=bool(active)))
        audit.record(connection, account.id, "theme_reactivated" if active else "theme_deactivated", "theme",
                     theme.id, {"key": theme.key})
        _retag(connection, progress)
        settings.bump_data_version(connection)


# --- thresholds and targets ---------------------------------------------------------------------

def _whole(value, field: str) -> int:
    wrong = AdminError("not_whole_number", f"{field} must be a whole number, got {value!r}", field=field,
                       value=value)
    if isinstance(value, bool) or not isinstance(value, (Real, str)):
        raise wrong
    try:
        number = float(value)
    except ValueError:
        raise wrong from None
    if not math.isfinite(number) or not number.is_integer():
        raise wrong
    return int(number)


def set_thresholds(engine: Engine, account: Account, min_responses: int, small_sample: int) -> None:
    """Below ``min_responses`` (at least 1) a group is hidden; below
    ``small_sample`` (more than ``min_responses``) it is flagged."""
    with engine.connect() as connection:
        _require_admin(connection, account)
    minimum = _whole(min_responses, "min_responses")
    if minimum < 1:
        raise AdminError("bad_min_responses", f"min_responses must be at least 1, got {minimum}",
                         field="min_responses", value=minimum)
    small = _whole(small_sample, "small_sample")
    if small <= minimum:
        raise AdminError("bad_small_sample", f"small_sample must be more than min_responses ({minimum}), "
                         f"got {small}", field="small_sample", value=small, min=minimum)
    before = settings.thresholds(engine)
    settings.set_thresholds(engine, minimum, small, in_transaction=lambda connection: audit.record(
        connection, account.id, "thresholds_changed", "settings", "thresholds", audit.changes(
            {"min_responses": before.min_responses, "small_sample": before.small_sample},
            {"min_responses": minimum, "small_sample": small})))


def _target_field(measure: str) -> str:
    return f"target_{measure}" if measure in insights.TARGETS else "measure"


def set_target(engine: Engine, account: Account, measure: str, value: float) -> float:
    """The target of the strengths page for ``measure``: "nps" in points (−100 to
    100), the others as a share (0 to 1). Returns the stored value."""
    with engine.connect() as connection:
        _require_admin(connection, account)
    before = insights.targets(engine).get(measure)
    try:
        return insights.set_target(engine, measure, value, in_transaction=lambda connection, stored: audit.record(
            connection, account.id, "target_set", "target", measure, {"value": [before, stored]}))
    except ValueError as error:
        raise AdminError("bad_target", str(error), field=_target_field(measure), measure=measure,
                         value=value) from None


def clear_target(engine: Engine, account: Account, measure: str) -> None:
    with engine.connect() as connection:
        _require_admin(connection, account)
    try:
        before = insights.targets(engine).get(measure)
        insights.clear_target(engine, measure, in_transaction=lambda connection: audit.record(
            connection, account.id, "target_cleared", "target", measure, {"value": [before, None]}))
    except ValueError as error:
        raise AdminError("bad_target", str(error), field=_target_field(measure), measure=measure,
                         value=None) from None
