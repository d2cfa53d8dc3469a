"""Actions: what a team does about an insight, who owns it and by when (whether it helped:
:mod:`queries.action_effects`).

Writes (:func:`create_action`, :func:`update_action`) are one transaction each and
append every change to ``action_events``, the append-only audit trail: a
``created`` event on creation, then one event per changed field (old and new value
as text). Who may do what is decided here, not only by the page's widgets:

* leaders and admins: any action;
* managers: actions of the units in their scope;
* staff: no new actions; only the status of an action they own, to ``done`` or
  back to ``in_progress``.

Edits use optimistic locking: the caller says which ``version`` it read; when the
action changed meanwhile, :class:`StaleAction` carries the action as it is now and
nothing is overwritten.

Reads take a :class:`~queries.scope.Scope` and aggregate in the database where
practical. An action's derived ``state`` is one of :data:`STATES`.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import pandas as pd
from sqlalchemy import (
    Date, Engine, String, and_, case, cast, exists, func, insert, literal, or_, select, update,
)

from analysis import measures
from queries.common import as_id, audit_text, aware, named_in_history, none_for_missing, region_column, utc_now
from queries.schema import ACTION_STATUSES, Action, ActionEvent, Insight, Unit, User
from queries.scope import ALL_UNITS_ROLES, Scope, descendants, unit_tree
from queries.settings import bump_data_version
from queries.users import Account

EXPECTED_EFFECTS = measures.KEYS
OPEN_STATUSES = ("planned", "in_progress")
STATES = ("done_on_time", "done_late", "overdue", "open", "cancelled")
# What staff may set on an action they own.
STAFF_STATUSES = ("done", "in_progress")
NOTE_MAX = 300  # characters of a one-line note (what was done)
# The fields an edit may change, in the order their events are written.
EDITABLE = ("title", "description", "unit_id", "insight_id", "owner_id", "due_date", "status",
            "expected_effect")
TITLE_MAX = 200
# Every code an :class:`ActionError` may carry (for the page's translations).
ERROR_CODES = (
    "title_required", "title_too_long", "unit_out_of_scope", "owner_required", "owner_outside_unit",
    "bad_status", "bad_expected_effect", "due_date_required", "bad_due_date", "unknown_insight",
    "note_empty", "note_long",
)

ACTION_COLUMNS = [
    "id", "title", "description", "unit_id", "unit", "region", "insight_id", "insight_title",
    "insight_metric", "owner_id", "owner", "due_date", "status", "expected_effect", "created_at", "updated_at",
    "completed_at", "version", "state",
]
HISTORY_COLUMNS = ["at", "user", "field", "old_value", "new_value"]
COMPLETION_COLUMNS = ["unit_id", "unit", "region", *STATES, "total"]
MONTH_COLUMNS = ["month", "created", "completed"]
INSIGHT_COLUMNS = [
    "id", "unit_id", "unit", "region", "kind", "scope_type", "scope_key", "metric", "title",
    "period_start", "period_end", "estimate", "low", "high", "n", "created_at",
]
OWNER_COLUMNS = ["id", "display_name", "role", "team", "email"]


class ActionError(ValueError):
    """A value an action cannot have. ``code`` (one of :data:`ERROR_CODES`) is what
    the page translates; ``params`` holds what the message names (owner, unit…)."""

    def __init__(self, code: str, message: str, **params):
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params


class StaleAction(Exception):
    """Someone else saved the action after the caller read it; nothing was written.

    ``current`` is the action as it is now (the columns of :func:`actions_in_scope`
    as a dict, timestamps as aware UTC datetimes) with ``changed_by`` (display name
    of whoever changed it last, from the newest audit event), ``changed_by_id`` and
    ``changed_at``; None when the action was removed."""

    def __init__(self, action_id: int, expected_version: int, current: dict | None):
        self.action_id = action_id
        self.expected_version = expected_version
        self.current = current
        if current is None:
            message = f"action {action_id} was removed meanwhile"
        else:
            who = current.get("changed_by") or "someone"
            when = current.get("changed_at") or current.get("updated_at")
            message = (f"action {action_id} was changed by {who} at {when:%Y-%m-%d %H:%M} UTC meanwhile "
                       f"(version {current['version']}, you edited version {expected_version})")
        super().__init__(message)


class ActionNotFound(LookupError):
    """No such action (for reads: none in the reader's scope; whether it exists
    elsewhere is not said)."""


# --- small helpers ------------------------------------------------------------------------------


def _clock(today: date | None) -> datetime:
    """Now, or (when a test pins ``today`` to another day) this time of day on ``today``."""
    now = utc_now()
    if today is None or today == now.date():
        return now
    return datetime.combine(today, now.time(), tzinfo=timezone.utc)


def _today(today: date | None) -> date:
    return today or utc_now().date()


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])


def due_in_past(due_date: date | None, today: date | None = None) -> bool:
    """True when ``due_date`` lies before ``today`` (default: today, UTC); the page
    then asks for confirmation before saving."""
    return due_date is not None and due_date < _today(today)


def _day(column, dialect: str):
    """The UTC calendar day of a timestamp column, as SQL."""
    if dialect == "sqlite":
        return func.substr(column, 1, 10)  # stored as UTC text
    if dialect == "postgresql":
        return cast(func.timezone("UTC", column), Date)
    return cast(column, Date)


def _month(column, dialect: str):
    """'YYYY-MM' of a timestamp column (UTC), as SQL."""
    if dialect == "sqlite":
        return func.substr(column, 1, 7)
    if dialect == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM")
    return func.substr(cast(column, String), 1, 7)


def _state(dialect: str, today: date):
    """The derived state of an action (:data:`STATES`) as an SQL expression; NULL
    for a row without an action (outer joins)."""
    completed_day = _day(Action.completed_at, dialect)
    on_time = or_(Action.due_date.is_(None), Action.completed_at.is_(None), completed_day <= Action.due_date)
    return case(
        (and_(Action.status == "done", on_time), literal("done_on_time")),
        (Action.status == "done", literal("done_late")),
        (Action.status == "cancelled", literal("cancelled")),
        (and_(Action.status.in_(OPEN_STATUSES), Action.due_date < today), literal("overdue")),
        (Action.status.in_(OPEN_STATUSES), literal("open")),
        else_=None,
    )


# --- who may own an action ----------------------------------------------------------------------

def _owner_units(tree: dict[int, int | None], unit_id: int) -> frozenset[int]:
    """Units whose people may own an action of ``unit_id``: the unit, the units below
    it, and the unit directly above it (a unit's region)."""
    units = set(descendants(tree, unit_id))
    parent = tree.get(unit_id)
    if parent is not None:
        units.add(parent)
    return frozenset(units)


def _owner_condition(tree: dict[int, int | None], unit_id: int):
    return and_(User.active.is_(True),
                or_(User.role.in_(ALL_UNITS_ROLES), User.unit_id.in_(sorted(_owner_units(tree, unit_id)))))


def owners_for(engine: Engine, unit_id: int) -> pd.DataFrame:
    """The users who may own an action of ``unit_id`` (id, display_name, role,
    team, email): active users of the unit, of a unit below it or of the region
    above it, and active leaders and admins; the same rule :func:`create_action`
    enforces. ``team`` is True for the people of the unit and the units below it,
    who come first; then the others, each part by name."""
    tree = unit_tree(engine)
    if unit_id not in tree:
        return pd.DataFrame(columns=OWNER_COLUMNS)
    team = User.unit_id.in_(sorted(descendants(tree, unit_id)))
    query = (select(User.id, User.display_name, User.role, case((team, True), else_=False).label("team"),
                    User.email)
             .where(_owner_condition(tree, unit_id))
             .order_by(case((team, 0), else_=1), User.display_name, User.id))
    with engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(query).mappings().all(), columns=OWNER_COLUMNS)
    frame["team"] = frame["team"].astype(bool)
    return frame


# --- validation -----------------------------------------------------------------------------------

def _unit_name(connection, unit_id: int) -> str:
    name = connection.execute(select(Unit.name).where(Unit.id == unit_id)).scalar()
    return name if name is not None else f"unit {unit_id}"


def _check_title(title) -> str:
    if title is None or not str(title).strip():
        raise ActionError("title_required", "An action needs a title.")
    title = str(title).strip()
    if len(title) > TITLE_MAX:
        raise ActionError("title_too_long", f"The title is {len(title)} characters long; at most "
                          f"{TITLE_MAX} fit.", length=len(title), limit=TITLE_MAX)
    return title


def _check_status(status) -> str:
    if status not in ACTION_STATUSES:
        raise ActionError("bad_status", f"Unknown status {status!r}; it must be one of "
                          f"{', '.join(ACTION_STATUSES)}.", status=status)
    return status


def _check_effect(effect) -> str | None:
    if effect is not None and effect not in EXPECTED_EFFECTS:
        raise ActionError("bad_expected_effect", f"The expected effect must be on {' or '.join(EXPECTED_EFFECTS)} "
                          f"(or not given), got {effect!r}.", expected_effect=effect)
    return effect


def _check_due(due) -> date:
    if due is None:
        raise ActionError("due_date_required", "An action needs a due date.")
    if isinstance(due, datetime) or not isinstance(due, date):
        raise ActionError("bad_due_date", f"The due date must be a date, got {due!r}.", due_date=due)
    return due


def _check_unit(connection, scope: Scope, unit_id) -> int:
    unit_id = as_id(unit_id)
    if unit_id is None or not scope.allows(unit_id):
        raise ActionError("unit_out_of_scope", f"{_unit_name(connection, unit_id) if unit_id else 'No unit'} "
                          "is not a unit you may plan actions for.", unit_id=unit_id)
    return int(unit_id)


def _check_insight(connection, scope: Scope, insight_id) -> int | None:
    insight_id = as_id(insight_id)
    if insight_id is None:
        return None
    unit_id = connection.execute(select(Insight.unit_id).where(Insight.id == insight_id)).scalar()
    if unit_id is None or not scope.allows(unit_id):
        raise ActionError("unknown_insight", f"There is no insight {insight_id} among the units you see.",
                          insight_id=insight_id)
    return int(insight_id)


def _check_owner(connection, tree: dict[int, int | None], owner_id, unit_id: int) -> int:
    owner_id = as_id(owner_id)
    if owner_id is None:
        raise ActionError("owner_required", "An action needs an owner.")
    unit = _unit_name(connection, unit_id)
    user = connection.execute(select(User.display_name, User.role, User.unit_id, User.active)
                              .where(User.id == owner_id)).first()
    owner = user.display_name if user else f"user {owner_id}"
    allowed = user is not None and user.active and (
        user.role in ALL_UNITS_ROLES or user.unit_id in _owner_units(tree, unit_id))
    if not allowed:
        raise ActionError(
            "owner_outside_unit",
            f"{owner} cannot own an action of {unit}: the owner must be an active member of {unit}, "
            "of a unit below it or of its region, or a leader or admin.",
            owner=owner, unit=unit)
    return int(owner_id)


# --- permissions ----------------------------------------------------------------------------------

def _may_create(actor: Account) -> None:
    if actor.role not in (*ALL_UNITS_ROLES, "manager"):
        raise PermissionError(f"{actor.display_name} ({actor.role}) may not create actions; "
                              "a manager, leader or admin can.")


def _may_edit(actor: Account, scope: Scope, row) -> None:
    """May ``actor`` change this action at all? (Which fields: see :func:`_may_change`.)"""
    if actor.role in ALL_UNITS_ROLES:
        return
    if actor.role == "manager" and scope.allows(row.unit_id):
        return
    if actor.role == "staff" and row.owner_id == actor.id:
        return
    raise PermissionError(f"{actor.display_name} ({actor.role}) may not change action {row.id}.")


def _may_change(actor: Account, changed: dict) -> None:
    """Staff may change only the status of their own action, to done or back to in progress."""
    if actor.role != "staff":
        return
    others = sorted(set(changed) - {"status"})
    if others:
        raise PermissionError(f"Staff may only change the status of an action they own, "
                              f"not {', '.join(others)}.")
    if "status" in changed and changed["status"] not in STAFF_STATUSES:
        raise PermissionError(f"Staff may only set an action they own to {' or '.join(STAFF_STATUSES)}, "
                              f"not {changed['status']!r}.")


# --- writes ---------------------------------------------------------------------------------------

def _events(action_id: int, user_id: int, at: datetime, changes: dict, before: dict) -> list[dict]:
    return [{"action_id": action_id, "user_id": user_id, "at": at, "field": field,
             "old_value": audit_text(before.get(field)), "new_value": audit_text(changes[field])}
            for field in EDITABLE if field in changes]


def create_action(engine: Engine, scope: Scope, actor: Account, *, insight_id: int | None, unit_id: int,
                  title: str, description: str | None, owner_id: int, due_date: date,
                  expected_effect: str | None, status: str = "planned", today: date | None = None) -> int:
    """Record a new action of a unit in ``scope`` and its ``created`` event; returns its id.

    Raises PermissionError when ``actor`` may not create actions (staff), and
    :class:`ActionError` for a value the action cannot have. A due date in the past
    is accepted (see :func:`due_in_past`). ``today`` pins the clock's day (tests)."""
    _may_create(actor)
    title = _check_title(title)
    status = _check_status(status)
    expected_effect = _check_effect(expected_effect)
    due_date = _check_due(due_date)
    now = _clock(today)
    with engine.begin() as connection:
        tree = dict(connection.execute(select(Unit.id, Unit.parent_id)).all())
        unit_id = _check_unit(connection, scope, unit_id)
        owner_id = _check_owner(connection, tree, owner_id, unit_id)
        insight_id = _check_insight(connection, scope, insight_id)
        action_id = connection.execute(insert(Action.__table__).values(
            insight_id=insight_id, unit_id=unit_id, title=title, description=description or "",
            owner_id=owner_id, due_date=due_date, status=status, expected_effect=expected_effect,
            created_by=actor.id, created_at=now, updated_at=now,
            completed_at=now if status == "done" else None, version=1,
        )).inserted_primary_key[0]
        connection.execute(insert(ActionEvent.__table__).values(
            action_id=action_id, user_id=actor.id, at=now, field="created", old_value=None,
            new_value=status))
        bump_data_version(connection)
    return int(action_id)


def _check_note(note) -> str | None:
    """One line of at most :data:`NOTE_MAX` characters, or None for no note."""
    if note is None:
        return None
    line = " ".join(str(note).split())
    if not line:
        raise ActionError("note_empty", "Write one line about what was done.")
    if len(line) > NOTE_MAX:
        raise ActionError("note_long", f"Keep the note to {NOTE_MAX} characters (it has {len(line)}).",
                          max=NOTE_MAX, length=len(line))
    return line


def _validated(connection, scope: Scope, actor: Account, row, changes: dict, undoing: bool = False) -> dict:
    """The fields ``changes`` really changes on ``row``, checked and cleaned; raises
    PermissionError or :class:`ActionError`. Runs just before the locked UPDATE."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise TypeError(f"update_action() cannot change {', '.join(unknown)}; it changes {', '.join(EDITABLE)}")
    cleaned = dict(changes)
    if "title" in cleaned:
        cleaned["title"] = _check_title(cleaned["title"])
    if "description" in cleaned:
        cleaned["description"] = cleaned["description"] or ""
    changed = {field: value for field, value in cleaned.items() if value != getattr(row, field)}
    if not (undoing and set(changed) <= {"status"}):
        _may_change(actor, changed)
    if "status" in changed:
        _check_status(changed["status"])
    if "expected_effect" in changed:
        _check_effect(changed["expected_effect"])
    if "due_date" in changed:
        _check_due(changed["due_date"])
    if "unit_id" in changed:
        changed["unit_id"] = _check_unit(connection, scope, changed["unit_id"])
    if "unit_id" in changed or "owner_id" in changed:  # the owner must fit the (new) unit
        tree = dict(connection.execute(select(Unit.id, Unit.parent_id)).all())
        owner = _check_owner(connection, tree, changed.get("owner_id", row.owner_id),
                             changed.get("unit_id", row.unit_id))
        if "owner_id" in changed:
            changed["owner_id"] = owner
    if "insight_id" in changed:
        changed["insight_id"] = _check_insight(connection, scope, changed["insight_id"])
    return changed


class _Lost(Exception):
    """The locked UPDATE matched no row: someone saved first (rolls the transaction back)."""


def update_action(engine: Engine, scope: Scope, actor: Account, action_id: int, expected_version: int,
                  *, note: str | None = None, undoing: bool = False, **changes) -> int:
    """Change fields of an action (any of :data:`EDITABLE`) that the caller read at
    ``expected_version``; returns the new version (the same when nothing changed).

    One transaction: ``UPDATE … WHERE id = :id AND version = :expected_version``
    bumping the version, and one audit event per changed field. Setting the status
    to ``done`` sets ``completed_at``; leaving ``done`` clears it. ``note`` (one line,
    for example what was done) is kept as an event of its own; ``undoing`` lets the
    person who just marked the action done put back its earlier status (see :func:`undo_done`).

    Raises :class:`ActionNotFound` (no such action), PermissionError (see the
    module's rules; also for an action outside ``scope``), :class:`ActionError` (a value the
    action cannot have) and :class:`StaleAction` (someone saved in between;
    nothing was written)."""
    action_id, expected_version = as_id(action_id), as_id(expected_version)
    try:
        with engine.begin() as connection:
            row = connection.execute(select(Action.__table__).where(Action.id == action_id)).first()
            if row is None:
                raise ActionNotFound(f"no action {action_id}")
            _may_edit(actor, scope, row)
            if row.version != expected_version:
                raise _Lost
            changed = _validated(connection, scope, actor, row, changes, undoing)
            note = _check_note(note)
            if not changed and note is None:
                return int(row.version)
            now = utc_now()
            values = dict(changed, updated_at=now, version=Action.version + 1)
            if changed.get("status") == "done":
                values["completed_at"] = now
            elif "status" in changed and row.status == "done":
                values["completed_at"] = None
            result = connection.execute(
                update(Action.__table__)
                .where(Action.id == action_id, Action.version == expected_version)
                .values(**values))
            if result.rowcount != 1:
                raise _Lost
            events = _events(action_id, actor.id, now, changed, row._asdict())
            if note is not None:
                events.append({"action_id": action_id, "user_id": actor.id, "at": now, "field": "note",
                               "old_value": None, "new_value": note})
            connection.execute(insert(ActionEvent.__table__), events)
            bump_data_version(connection)
    except _Lost:
        raise StaleAction(action_id, expected_version, _current(engine, action_id)) from None
    return expected_version + 1


def mark_done(engine: Engine, scope: Scope, actor: Account, action_id: int, expected_version: int,
              what_was_done: str) -> int:
    """Set the action to done with one line on what was done (kept as a note event)."""
    if not " ".join(str(what_was_done or "").split()):
        raise ActionError("note_empty", "Write one line about what was done.")
    return update_action(engine, scope, actor, action_id, expected_version, note=what_was_done, status="done")


def undo_done(engine: Engine, scope: Scope, actor: Account, action_id: int, expected_version: int) -> int:
    """Put back the status an action had before ``actor`` marked it done, when that
    is the action's latest status change (so an undo never overrides someone else)."""
    action_id = as_id(action_id)
    with engine.connect() as connection:
        last = connection.execute(
            select(ActionEvent.user_id, ActionEvent.old_value, ActionEvent.new_value)
            .where(ActionEvent.action_id == action_id, ActionEvent.field == "status")
            .order_by(ActionEvent.id.desc()).limit(1)).first()
    if last is None or last.new_value != "done" or last.user_id != actor.id or last.old_value not in OPEN_STATUSES:
        raise PermissionError(f"{actor.display_name} did not just mark action {action_id} done; nothing to undo.")
    return update_action(engine, scope, actor, action_id, expected_version, undoing=True, status=last.old_value)


# --- reads ----------------------------------------------------------------------------------------

def _actions_query(dialect: str, today: date):
    parent, region = region_column()
    owner = User.__table__.alias("owner")
    return (
        select(Action.id, Action.title, Action.description, Action.unit_id, Unit.name.label("unit"),
               region.label("region"), Action.insight_id, Insight.title.label("insight_title"),
               Insight.metric.label("insight_metric"), Action.owner_id, owner.c.display_name.label("owner"), Action.due_date, Action.status,
               Action.expected_effect, Action.created_at, Action.updated_at, Action.completed_at,
               Action.version, _state(dialect, today).label("state"))
        .join(Unit, Unit.id == Action.unit_id)
        .outerjoin(parent, parent.c.id == Unit.parent_id)
        .outerjoin(Insight, Insight.id == Action.insight_id)
        .outerjoin(owner, owner.c.id == Action.owner_id)
    )


def _frame(rows, columns: list[str], timestamps=(), dates=()) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    for column in timestamps:
        frame[column] = pd.to_datetime(frame[column], utc=True, format="mixed")
    for column in dates:
        frame[column] = frame[column].map(_as_date).astype(object)
    return frame


def actions_in_scope(engine: Engine, scope: Scope, *, unit_ids=None, statuses=None, owner_id: int | None = None,
                     today: date | None = None) -> pd.DataFrame:
    """The actions of the units in ``scope`` (narrowed to ``unit_ids``, ``statuses``
    and ``owner_id`` when given), open ones with the nearest due date first.

    Columns: :data:`ACTION_COLUMNS`; ``state`` is ``done_on_time`` / ``done_late``
    (completed on or before the due date, or after it), ``overdue`` (open and due
    before ``today``), ``open`` or ``cancelled``. Timestamps are UTC; ``due_date``
    holds dates; missing text is None."""
    units = scope.unit_ids if unit_ids is None else scope.narrow(unit_ids).unit_ids
    if not units:
        return _frame([], ACTION_COLUMNS)
    query = _actions_query(engine.dialect.name, _today(today)).where(Action.unit_id.in_(sorted(units)))
    if statuses is not None:
        query = query.where(Action.status.in_(sorted(statuses)))
    if owner_id is not None:
        query = query.where(Action.owner_id == owner_id)
    query = query.order_by(Action.due_date.is_(None), Action.due_date, Action.id)
    with engine.connect() as connection:
        rows = connection.execute(query).mappings().all()
    frame = _frame(rows, ACTION_COLUMNS, ("created_at", "updated_at", "completed_at"), ("due_date",))
    return none_for_missing(frame, ["region", "insight_title", "insight_metric", "owner", "expected_effect"])


def _current(engine: Engine, action_id: int, today: date | None = None) -> dict | None:
    """One action as a dict (the columns of :func:`actions_in_scope`, timestamps as
    aware UTC datetimes) with who changed it last: ``changed_by`` (display name),
    ``changed_by_id`` and ``changed_at`` from the newest audit event. None when it
    does not exist. No scope: only for :class:`StaleAction`, whose caller was just
    allowed to edit the action; pages read through :func:`actions_in_scope`."""
    with engine.connect() as connection:
        row = connection.execute(_actions_query(engine.dialect.name, _today(today))
                                 .where(Action.id == action_id)).mappings().first()
        if row is None:
            return None
        last = connection.execute(
            select(ActionEvent.user_id, User.display_name, ActionEvent.at)
            .outerjoin(User, User.id == ActionEvent.user_id)
            .where(ActionEvent.action_id == action_id)
            .order_by(ActionEvent.at.desc(), ActionEvent.id.desc()).limit(1)).first()
    current = dict(row)
    for column in ("created_at", "updated_at", "completed_at"):
        current[column] = aware(current[column])
    current["due_date"] = _as_date(current["due_date"])
    current["changed_by_id"] = last.user_id if last else None
    current["changed_by"] = last.display_name if last else None
    current["changed_at"] = aware(last.at) if last else None
    return current


def _visible(connection, scope: Scope, action_id: int):
    row = connection.execute(select(Action.__table__).where(Action.id == action_id)).first()
    if row is None or not scope.allows(row.unit_id):
        raise ActionNotFound(f"no action {action_id} in your scope")
    return row


def action_history(engine: Engine, scope: Scope, action_id: int) -> pd.DataFrame:
    """The audit trail of an action in ``scope``, oldest first: at (UTC), user
    (display name), field, old_value, new_value. Owners and units are shown by
    name. Raises :class:`ActionNotFound` for an action outside the scope."""
    with engine.connect() as connection:
        _visible(connection, scope, action_id)
        rows = connection.execute(
            select(ActionEvent.at, User.display_name.label("user"), ActionEvent.field,
                   ActionEvent.old_value, ActionEvent.new_value)
            .outerjoin(User, User.id == ActionEvent.user_id)
            .where(ActionEvent.action_id == action_id)
            .order_by(ActionEvent.at, ActionEvent.id)).mappings().all()
        return named_in_history(connection, _frame(rows, HISTORY_COLUMNS, ("at",)))


def completion(engine: Engine, scope: Scope, today: date | None = None) -> pd.DataFrame:
    """Per unit of ``scope`` (with its region): how many actions are in each of
    :data:`STATES`, and ``total``. Every active unit is listed, also with no
    actions (all zero); regions only when they have actions of their own."""
    if not scope.unit_ids:
        return pd.DataFrame(columns=COMPLETION_COLUMNS)
    state = _state(engine.dialect.name, _today(today))
    parent, region = region_column()
    total = func.count(Action.id)
    query = (
        select(Unit.id.label("unit_id"), Unit.name.label("unit"), region.label("region"),
               *[func.sum(case((state == name, 1), else_=0)).label(name) for name in STATES],
               total.label("total"))
        .select_from(Unit)
        .outerjoin(parent, parent.c.id == Unit.parent_id)
        .outerjoin(Action, Action.unit_id == Unit.id)
        .where(Unit.id.in_(sorted(scope.unit_ids)))
        .group_by(Unit.id, Unit.name, Unit.kind, Unit.active, parent.c.name)
        .having(or_(total > 0, and_(Unit.kind == "unit", Unit.active.is_(True))))
        .order_by(region, Unit.name)
    )
    with engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(query).mappings().all(), columns=COMPLETION_COLUMNS)
    frame = none_for_missing(frame, ["region"])
    counts = [*STATES, "total"]
    frame[counts] = frame[counts].fillna(0).astype("int64")
    return frame


def per_month(engine: Engine, scope: Scope) -> pd.DataFrame:
    """Actions created and completed per calendar month (UTC) in ``scope``: month
    (Timestamp of its first day, every month from the first to the last with any),
    created, completed."""
    if not scope.unit_ids:
        return pd.DataFrame(columns=MONTH_COLUMNS)
    dialect = engine.dialect.name
    units = Action.unit_id.in_(sorted(scope.unit_ids))
    counted = {}
    with engine.connect() as connection:
        for name, column in (("created", Action.created_at), ("completed", Action.completed_at)):
            month = _month(column, dialect)
            query = (select(month.label("month"), func.count().label(name))
                     .where(units, column.is_not(None)).group_by(month))
            counted[name] = dict(connection.execute(query).all())
    months = sorted(set(counted["created"]) | set(counted["completed"]))
    if not months:
        return pd.DataFrame(columns=MONTH_COLUMNS)
    every = pd.period_range(months[0], months[-1], freq="M")
    return pd.DataFrame({
        "month": every.to_timestamp(),
        "created": [int(counted["created"].get(str(month), 0)) for month in every],
        "completed": [int(counted["completed"].get(str(month), 0)) for month in every],
    }, columns=MONTH_COLUMNS)


# Insights that call for an action when nobody answers them: problems, and whatever someone
# pinned or brought on purpose. A strength the workshop agenda pinned by itself does not.
NEEDS_ACTION_KINDS = ("weakness", "emerging_issue", "question")
AUTOMATIC_ORIGIN = "agenda"  # ``filters["origin"]`` of an insight pinned by saving an agenda


def needs_action(kind: str, filters: dict | None) -> bool:
    """Whether an insight without an action counts as one: a weakness, an emerging
    issue or a team's question always; any other kind only when pinned by hand
    (not by saving a workshop agenda)."""
    return kind in NEEDS_ACTION_KINDS or (filters or {}).get("origin") != AUTOMATIC_ORIGIN


def insights_without_action(engine: Engine, scope: Scope) -> pd.DataFrame:
    """Pinned insights of units in ``scope`` that no action answers (cancelled
    actions do not count) and that call for one (:func:`needs_action`), newest
    first. Columns: :data:`INSIGHT_COLUMNS`."""
    if not scope.unit_ids:
        return pd.DataFrame(columns=INSIGHT_COLUMNS)
    parent, region = region_column()
    answered = exists().where(Action.insight_id == Insight.id, Action.status != "cancelled")
    query = (
        select(Insight.id, Insight.unit_id, Unit.name.label("unit"), region.label("region"), Insight.kind,
               Insight.scope_type, Insight.scope_key, Insight.metric, Insight.title, Insight.period_start,
               Insight.period_end, Insight.estimate, Insight.low, Insight.high, Insight.n, Insight.created_at,
               Insight.filters)
        .join(Unit, Unit.id == Insight.unit_id)
        .outerjoin(parent, parent.c.id == Unit.parent_id)
        .where(Insight.unit_id.in_(sorted(scope.unit_ids)), ~answered)
        .order_by(Insight.created_at.desc(), Insight.id.desc())
    )
    with engine.connect() as connection:
        rows = [row for row in connection.execute(query).mappings().all()
                if needs_action(row["kind"], row["filters"])]
    return _frame(rows, INSIGHT_COLUMNS, ("created_at",), ("period_start", "period_end"))
