"""Follow-up cases: critical feedback that someone should answer within a target.

**Rules** (:class:`Rules`, kept as JSON in the ``settings`` table, edited by
admins) decide which responses become cases: a score of 0..``nps_max``, a
satisfaction of 1..``csat_max`` (one or two stars on a review site), a 1–10
rating of 1..``scale10_max`` or a negative sentiment label
(``negative_sentiment``), each with a comment; or a comment tagged with
``theme_key`` (the complaints theme) from anyone but a promoter (9–10: praise
for how a complaint was handled); given within the last ``window_days`` (older
feedback is too late to call back). A case is due ``target_hours`` after Insikt
received the response (its ``imported_at``, or when it was given if that is
later), on the wall clock or in business hours (:mod:`analysis.response_time`):
feedback imported days late is not overdue on arrival. :func:`apply_rules` runs in the
demo, after every import and when the rules change; then it also re-times or
withdraws cases that nobody has touched yet (version 1).

**Working a case** (:func:`update_case`): one transaction, optimistic locking on
``version`` (:class:`StaleCase` when someone saved in between), one event per
changed field in ``follow_up_events``. Who may do what:

* admins and leaders: any case; managers: cases of the units in their scope;
* staff: cases of their own unit; they may take an unassigned case but not give
  a case to someone else.

The owner must be an active member of the case's unit, or a manager whose scope
covers it. A case moves new → contacted → resolved, or to not reachable;
resolving needs a root cause from the rules' list and what was done; moving a
closed case back needs a reason. Closing (resolved or not reachable) sets
``resolved_at``; the first move out of ``new`` sets ``contacted_at``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, time, timedelta, timezone

import pandas as pd
from sqlalchemy import Engine, and_, case, delete, exists, func, insert, or_, select, update
from sqlalchemy.engine import Connection

from analysis.response_time import Calendar, due_at
from queries import audit
from queries.common import (as_id, audit_text, aware, id_batches, named_in_history, none_for_missing,
                            region_column, rows_frame, split_by, utc_now)
from queries.schema import (
    FOLLOW_UP_STATUSES, FollowUp, FollowUpEvent, Response, ResponseTheme, Setting, Theme, Touchpoint,
    Unit, User, has_comment,
)
from queries.scope import Scope, descendants, unit_tree
from queries.settings import bump_data_version, put
from queries.users import Account

RULES_KEY = "follow_up_rules"
TIME_ZONE = "Europe/Stockholm"
DEFAULT_ROOT_CAUSES = ("staff", "process", "product", "delivery", "campaign", "price", "other")
OPEN_STATUSES = ("new", "contacted")
CLOSED_STATUSES = ("resolved", "not_reachable")
# Allowed moves; a move back from a closed status also needs a reason.
TRANSITIONS = {
    "new": {"contacted", "resolved", "not_reachable"},
    "contacted": {"resolved", "not_reachable", "new"},
    "resolved": {"contacted"},
    "not_reachable": {"contacted", "resolved"},
}
EDITABLE = ("owner_id", "status", "notes", "root_cause", "resolution")
NOTES_MAX = 4000
ERROR_CODES = (
    "bad_status", "bad_transition", "root_cause_required", "bad_root_cause", "resolution_required",
    "reason_required", "owner_outside_unit", "notes_too_long", "bad_rule",
)
CASE_COLUMNS = [
    "id", "response_id", "unit_id", "unit", "region", "status", "owner_id", "owner", "due_at",
    "created_at", "updated_at", "contacted_at", "resolved_at", "notes", "root_cause", "resolution",
    "version", "responded_at", "nps", "csat", "scale10", "sentiment", "touchpoint_key", "touchpoint_sv",
    "touchpoint_en", "channel", "comment", "language", "themes",
]
HISTORY_COLUMNS = ["at", "user", "field", "old_value", "new_value"]
TIMING_COLUMNS = ["unit_id", "unit", "region", "status", "received_at", "due_at", "contacted_at",
                  "resolved_at", "root_cause"]
# A case's text that may be missing: None in the frame of :func:`cases`.
CASE_OPTIONAL = ["region", "owner", "root_cause", "resolution", "comment", "language"]


class FollowUpError(ValueError):
    """A change a case cannot take. ``code`` (one of :data:`ERROR_CODES`) is what
    the page translates; ``params`` holds what the message names."""

    def __init__(self, code: str, message: str, **params):
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params


class CaseNotFound(LookupError):
    """No such case in the reader's scope."""


class StaleCase(Exception):
    """Someone saved the case after the caller read it; nothing was written.
    ``current`` is the case as it is now (a row of :func:`cases` as a dict)."""

    def __init__(self, case_id: int, expected_version: int, current: dict | None):
        self.case_id, self.expected_version, self.current = case_id, expected_version, current
        version = current["version"] if current else "removed"
        super().__init__(f"case {case_id} was changed meanwhile (now version {version}, "
                         f"you edited version {expected_version})")


# --- rules ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rules:
    """Which responses become cases, and how their target is counted."""

    nps_max: int | None = 6  # a score 0..nps_max with a comment makes a case; None: off
    csat_max: int | None = 2  # so does a satisfaction of 1..csat_max with a comment; None: off
    scale10_max: int | None = 4  # so does a 1–10 rating of 1..scale10_max with a comment; None: off
    negative_sentiment: bool = True  # so does a negative sentiment label with a comment
    theme_key: str | None = "complaints"  # so does a non-promoter comment with this theme; None: off
    target_hours: float = 48.0
    business_hours: bool = False
    opens: time = time(8, 0)
    closes: time = time(17, 0)
    workdays: tuple[int, ...] = (0, 1, 2, 3, 4)  # Monday = 0
    public_holidays: bool = True
    window_days: int = 30
    root_causes: tuple[str, ...] = DEFAULT_ROOT_CAUSES
    time_zone: str = TIME_ZONE

    def calendar(self) -> Calendar:
        return Calendar(business_hours=self.business_hours, opens=self.opens, closes=self.closes,
                        workdays=frozenset(self.workdays), public_holidays=self.public_holidays,
                        time_zone=self.time_zone)

    def to_json(self) -> str:
        values = asdict(self)
        values["opens"], values["closes"] = self.opens.strftime("%H:%M"), self.closes.strftime("%H:%M")
        return json.dumps(values, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "Rules":
        values = json.loads(text)
        known = {name: values[name] for name in cls.__dataclass_fields__ if name in values}
        for name in ("opens", "closes"):
            if name in known:
                known[name] = time.fromisoformat(known[name])
        for name in ("workdays", "root_causes"):
            if name in known:
                known[name] = tuple(known[name])
        return cls(**known)


def _bad_rule(message: str, **params) -> FollowUpError:
    return FollowUpError("bad_rule", message, **params)


def check_rules(rules: Rules) -> Rules:
    """``rules`` cleaned, or :class:`FollowUpError` ``bad_rule`` naming the field."""
    if rules.nps_max is not None and not 0 <= int(rules.nps_max) <= 10:
        raise _bad_rule(f"The score limit must be 0–10, got {rules.nps_max}.", field="nps_max")
    if rules.csat_max is not None and not 1 <= int(rules.csat_max) <= 5:
        raise _bad_rule(f"The satisfaction limit must be 1–5, got {rules.csat_max}.", field="csat_max")
    if rules.scale10_max is not None and not 1 <= int(rules.scale10_max) <= 10:
        raise _bad_rule(f"The 1–10 rating limit must be 1–10, got {rules.scale10_max}.", field="scale10_max")
    if (rules.nps_max is None and rules.csat_max is None and rules.scale10_max is None
            and not rules.negative_sentiment and not rules.theme_key):
        raise _bad_rule("At least one rule must make cases: a score limit, negative sentiment or a theme.",
                        field="nps_max")
    if not 0 < float(rules.target_hours) <= 24 * 30:
        raise _bad_rule(f"The target must be more than 0 and at most 720 hours, got {rules.target_hours}.",
                        field="target_hours")
    if not 1 <= int(rules.window_days) <= 365:
        raise _bad_rule(f"The window must be 1–365 days, got {rules.window_days}.", field="window_days")
    if rules.closes <= rules.opens:
        raise _bad_rule("Closing time must be after opening time.", field="closes")
    if not rules.workdays or not set(rules.workdays) <= set(range(7)):
        raise _bad_rule("Pick at least one working day.", field="workdays")
    causes = tuple(dict.fromkeys(cause.strip().lower() for cause in rules.root_causes if cause.strip()))
    if not causes or any(len(cause) > 40 for cause in causes):
        raise _bad_rule("List at least one root cause, each at most 40 characters.", field="root_causes")
    try:
        rules.calendar()  # a Calendar checks its time zone, hours and days when made
    except ValueError as error:
        raise _bad_rule(str(error), field="time_zone") from None
    return replace(rules, nps_max=None if rules.nps_max is None else int(rules.nps_max),
                   csat_max=None if rules.csat_max is None else int(rules.csat_max),
                   scale10_max=None if rules.scale10_max is None else int(rules.scale10_max),
                   negative_sentiment=bool(rules.negative_sentiment),
                   theme_key=rules.theme_key or None, target_hours=float(rules.target_hours),
                   window_days=int(rules.window_days), workdays=tuple(sorted(set(rules.workdays))),
                   root_causes=causes)


def read_rules_in(connection: Connection) -> Rules:
    """The rules in force, read inside the caller's transaction."""
    return _rules_from(connection)


def _rules_from(connection: Connection) -> Rules:
    text = connection.execute(select(Setting.value).where(Setting.key == RULES_KEY)).scalar()
    if not text:
        return Rules()
    try:
        return check_rules(Rules.from_json(text))
    except (ValueError, TypeError, KeyError):
        return Rules()  # unreadable: the defaults, until an admin saves again


def read_rules(engine: Engine) -> Rules:
    """The rules in force (the defaults when none were saved)."""
    with engine.connect() as connection:
        return _rules_from(connection)


def save_rules(engine: Engine, actor: Account, rules: Rules, now: datetime | None = None) -> dict:
    """Store new rules (admins only) and apply them to the responses not yet
    handled, in one transaction. Returns the counts of :func:`apply_rules`."""
    if actor.role != "admin":
        raise PermissionError(f"{actor.display_name} ({actor.role}) may not change the follow-up rules.")
    rules = check_rules(rules)
    with engine.begin() as connection:
        before = _rules_from(connection)
        put(connection, RULES_KEY, rules.to_json())
        audit.record(connection, actor.id, "follow_up_rules_changed", "settings", RULES_KEY,
                     audit.changes(json.loads(before.to_json()), json.loads(rules.to_json())))
        counts = apply_rules(connection, now=now, rules=rules, rematch=True)
        bump_data_version(connection)
    return counts


# --- applying the rules -----------------------------------------------------------------------

def _matches(rules: Rules):
    """SQL: the response is critical under ``rules``."""
    conditions = []
    if rules.nps_max is not None:
        conditions.append(and_(Response.nps <= rules.nps_max, has_comment()))
    if rules.csat_max is not None:
        conditions.append(and_(Response.csat <= rules.csat_max, has_comment()))
    if rules.scale10_max is not None:
        conditions.append(and_(Response.scale10 <= rules.scale10_max, has_comment()))
    if rules.negative_sentiment:
        conditions.append(and_(Response.sentiment < 0, has_comment()))
    if rules.theme_key:  # a promoter praising how a complaint was handled is no case
        conditions.append(and_(or_(Response.nps.is_(None), Response.nps < 9), exists().where(
            ResponseTheme.response_id == Response.id, ResponseTheme.theme_id == Theme.id,
            Theme.key == rules.theme_key)))
    return or_(*conditions)


def received(row) -> datetime:
    """When Insikt received a response: its import, or when it was given if that is later."""
    given = aware(row.responded_at)
    imported = aware(row.imported_at)
    return max(given, imported) if imported is not None else given


def too_old(connection: Connection, response_ids, now: datetime | None = None,
            rules: Rules | None = None) -> tuple[int, datetime | None]:
    """Of ``response_ids``, how many the rules would make cases of but for the
    window (given more than ``window_days`` before ``now``), and when the newest
    of them was given: what a historic import reports."""
    rules = rules or _rules_from(connection)
    since = (aware(now) or utc_now()) - timedelta(days=rules.window_days)
    count, newest = 0, None
    for chosen, _batch in id_batches(Response.id, response_ids):
        found = connection.execute(select(func.count(), func.max(Response.responded_at)).where(
            chosen, _matches(rules), Response.responded_at < since)).one()
        count += int(found[0] or 0)
        if found[1] is not None:
            newest = max(newest, aware(found[1])) if newest else aware(found[1])
    return count, newest


def newest_critical(engine: Engine, scope: Scope, rules: Rules, unit_ids=None) -> datetime | None:
    """When the newest feedback the rules call critical was given in ``scope``
    (whether or not within the window): what an empty queue explains."""
    units = scope.unit_ids if unit_ids is None else scope.narrow(unit_ids).unit_ids
    if not units:
        return None
    with engine.connect() as connection:
        newest = connection.execute(select(func.max(Response.responded_at)).where(
            _matches(rules), Response.unit_id.in_(sorted(units)))).scalar()
    return aware(newest)


def _chunks(ids: list[int], size: int = 5_000):
    for first in range(0, len(ids), size):
        yield ids[first:first + size]


def apply_rules(connection: Connection, response_ids=None, now: datetime | None = None,
                rules: Rules | None = None, rematch: bool = False) -> dict:
    """Open a case for every critical response (of ``response_ids``, or all) within
    the window that has none, inside the caller's transaction.

    With ``rematch`` (the rules changed), untouched cases (status new, version 1)
    are re-timed under the new rules and withdrawn when their response no longer
    qualifies. Returns ``{"opened": …, "retimed": …, "withdrawn": …}``."""
    rules = rules or _rules_from(connection)
    now = aware(now) or utc_now()
    since = now - timedelta(days=rules.window_days)
    calendar = rules.calendar()
    counts = {"opened": 0, "retimed": 0, "withdrawn": 0}
    if rematch:
        untouched = and_(FollowUp.status == "new", FollowUp.version == 1)
        still = select(Response.id).where(_matches(rules), Response.responded_at >= since)
        withdrawn = connection.execute(delete(FollowUp).where(untouched, FollowUp.response_id.not_in(still)))
        counts["withdrawn"] = withdrawn.rowcount
        rows = connection.execute(select(FollowUp.id, Response.responded_at, Response.imported_at)
                                  .join(Response, Response.id == FollowUp.response_id).where(untouched)).all()
        for row in rows:
            connection.execute(update(FollowUp.__table__).where(FollowUp.id == row.id)
                               .values(due_at=due_at(received(row), rules.target_hours, calendar)))
        counts["retimed"] = len(rows)
    query = (select(Response.id, Response.unit_id, Response.responded_at, Response.imported_at)
             .where(_matches(rules), Response.responded_at >= since, Response.responded_at <= now,
                    ~exists().where(FollowUp.response_id == Response.id))
             .order_by(Response.id))
    batches = [query] if response_ids is None else [
        query.where(chosen) for chosen, _batch in id_batches(Response.id, response_ids)]
    for statement in batches:
        found = connection.execute(statement).all()
        if not found:
            continue
        connection.execute(insert(FollowUp.__table__), [{
            "response_id": row.id, "unit_id": row.unit_id, "status": "new", "owner_id": None,
            "due_at": due_at(received(row), rules.target_hours, calendar), "notes": "",
            "root_cause": None, "resolution": None, "created_at": now, "updated_at": now,
            "contacted_at": None, "resolved_at": None, "version": 1,
        } for row in found])
        counts["opened"] += len(found)
    return counts


# --- who may do what ------------------------------------------------------------------------------

def _check_owner(connection, actor: Account, row, owner_id) -> int | None:
    owner_id = as_id(owner_id)
    if owner_id is None:
        if actor.role == "staff":
            raise PermissionError("Staff may take a case but not leave it without an owner.")
        return None
    if actor.role == "staff" and owner_id != actor.id:
        raise PermissionError("Staff may take a case themselves but not give it to someone else.")
    user = connection.execute(select(User.display_name, User.role, User.unit_id, User.active)
                              .where(User.id == owner_id)).first()
    unit = connection.execute(select(Unit.name).where(Unit.id == row.unit_id)).scalar()
    tree = dict(connection.execute(select(Unit.id, Unit.parent_id)).all())
    allowed = user is not None and user.active and user.unit_id is not None and (
        user.unit_id == row.unit_id
        or user.role == "manager" and row.unit_id in descendants(tree, user.unit_id))
    if not allowed:
        who = user.display_name if user else f"user {owner_id}"
        raise FollowUpError("owner_outside_unit", f"{who} is not a member of {unit}; a case of {unit} "
                            "can only go to its staff or to a manager of the unit.", owner=who, unit=unit)
    return owner_id


def owners_for(engine: Engine, unit_id: int) -> pd.DataFrame:
    """Who may own a case of ``unit_id`` (id, display_name, role): active members
    of the unit and managers whose scope covers it."""
    tree = unit_tree(engine)
    above, current = set(), unit_id
    while current is not None and current not in above:  # the unit and every unit above it
        above.add(current)
        current = tree.get(current)
    query = (select(User.id, User.display_name, User.role)
             .where(User.active.is_(True),
                    or_(User.unit_id == unit_id, and_(User.role == "manager", User.unit_id.in_(sorted(above)))))
             .order_by(User.role.desc(), User.display_name))
    with engine.connect() as connection:
        return pd.DataFrame(connection.execute(query).mappings().all(), columns=["id", "display_name", "role"])


def case_owners(engine: Engine, scope: Scope) -> pd.DataFrame:
    """The people who own a case of the units in ``scope`` (id, display_name), by name."""
    if not scope.unit_ids:
        return pd.DataFrame(columns=["id", "display_name"])
    query = (select(User.id, User.display_name).join(FollowUp, FollowUp.owner_id == User.id)
             .where(FollowUp.unit_id.in_(sorted(scope.unit_ids))).group_by(User.id, User.display_name)
             .order_by(User.display_name))
    with engine.connect() as connection:
        return pd.DataFrame(connection.execute(query).mappings().all(), columns=["id", "display_name"])


def _validated(connection, actor: Account, rules: Rules, row, changes: dict, reason: str | None) -> dict:
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise TypeError(f"update_case() cannot change {', '.join(unknown)}")
    cleaned = dict(changes)
    for name in ("notes", "resolution"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip() or (None if name == "resolution" else "")
    if "root_cause" in cleaned:
        cleaned["root_cause"] = cleaned["root_cause"] or None
    changed = {name: value for name, value in cleaned.items() if value != getattr(row, name)}
    if len(changed.get("notes") or "") > NOTES_MAX:
        raise FollowUpError("notes_too_long", f"Notes may hold at most {NOTES_MAX} characters.",
                            limit=NOTES_MAX)
    if "owner_id" in changed:
        changed["owner_id"] = _check_owner(connection, actor, row, changed["owner_id"])
    status = changed.get("status", row.status)
    if "status" in changed:
        if status not in FOLLOW_UP_STATUSES:
            raise FollowUpError("bad_status", f"Unknown status {status!r}.", status=status)
        if status not in TRANSITIONS[row.status]:
            raise FollowUpError("bad_transition", f"A case cannot move from {row.status} to {status}.",
                                old=row.status, new=status)
        if row.status in CLOSED_STATUSES and not (reason or "").strip():
            raise FollowUpError("reason_required", "Say why a closed case is opened again.")
    cause = changed.get("root_cause")
    if cause and cause not in rules.root_causes:
        raise FollowUpError("bad_root_cause", f"{cause!r} is not on the list of root causes.", cause=cause)
    if status == "resolved" and changed.keys() & {"status", "root_cause", "resolution"}:
        if not changed.get("root_cause", row.root_cause):
            raise FollowUpError("root_cause_required", "A case is resolved with a root cause.")
        if not changed.get("resolution", row.resolution):
            raise FollowUpError("resolution_required", "Say what was done before resolving the case.")
    return changed


class _Lost(Exception):
    """The locked UPDATE matched no row (rolls the transaction back)."""


def update_case(engine: Engine, scope: Scope, actor: Account, case_id: int, expected_version: int,
                reason: str | None = None, now: datetime | None = None, **changes) -> int:
    """Change a case read at ``expected_version`` (any of :data:`EDITABLE`);
    ``reason`` explains reopening a closed case and is kept in the audit trail.
    Returns the new version (the same when nothing changed).

    Raises :class:`CaseNotFound`, PermissionError, :class:`FollowUpError` and
    :class:`StaleCase`; in every case nothing is written."""
    case_id, expected_version = as_id(case_id), as_id(expected_version)
    try:
        with engine.begin() as connection:
            row = connection.execute(select(FollowUp.__table__).where(FollowUp.id == case_id)).first()
            if row is None or not scope.allows(row.unit_id):  # leaders' and admins' scope is every unit
                raise CaseNotFound(f"no case {case_id}")
            if row.version != expected_version:
                raise _Lost
            changed = _validated(connection, actor, _rules_from(connection), row, changes, reason)
            if not changed:
                return int(row.version)
            moment = aware(now) or utc_now()
            values = dict(changed, updated_at=moment, version=FollowUp.version + 1)
            status = changed.get("status")
            if status and status != "new" and row.contacted_at is None:
                values["contacted_at"] = moment
            if status in CLOSED_STATUSES:
                values["resolved_at"] = moment
            elif status and row.status in CLOSED_STATUSES:
                values["resolved_at"] = None
            result = connection.execute(
                update(FollowUp.__table__)
                .where(FollowUp.id == case_id, FollowUp.version == expected_version).values(**values))
            if result.rowcount != 1:
                raise _Lost
            events = [{"follow_up_id": case_id, "user_id": actor.id, "at": moment, "field": name,
                       "old_value": audit_text(getattr(row, name)), "new_value": audit_text(changed[name])}
                      for name in EDITABLE if name in changed]
            if status and row.status in CLOSED_STATUSES:
                events.append({"follow_up_id": case_id, "user_id": actor.id, "at": moment,
                               "field": "reopen_reason", "old_value": None, "new_value": reason.strip()})
            connection.execute(insert(FollowUpEvent.__table__), events)
            bump_data_version(connection)
    except _Lost:
        current = cases(engine, scope, case_ids=[case_id])
        raise StaleCase(case_id, expected_version,
                        None if current.empty else current.iloc[0].to_dict()) from None
    return expected_version + 1


# --- reads ------------------------------------------------------------------------------------------

def _themes(connection, response_ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for chunk in _chunks(response_ids):
        rows = connection.execute(
            select(ResponseTheme.response_id, Theme.key).join(Theme, Theme.id == ResponseTheme.theme_id)
            .where(ResponseTheme.response_id.in_(chunk)).order_by(Theme.sort_order)).all()
        for response_id, key in rows:
            found.setdefault(response_id, []).append(key)
    return found


def _timestamps(frame: pd.DataFrame, columns) -> pd.DataFrame:
    for column in columns:
        frame[column] = pd.to_datetime(frame[column], utc=True, format="mixed")
    return frame


def _filtered(query, units: frozenset[int], statuses, owner_id: int | None, overdue: bool | None, case_ids,
              moment: datetime):
    """``query`` (over follow_ups) narrowed to ``units`` and the filters of :func:`cases`."""
    query = query.where(FollowUp.unit_id.in_(sorted(units)))
    if statuses:
        query = query.where(FollowUp.status.in_(sorted(statuses)))
    if owner_id is not None:
        query = query.where(FollowUp.owner_id == owner_id) if owner_id > 0 else query.where(
            FollowUp.owner_id.is_(None))
    if overdue is not None:
        late = and_(FollowUp.status.in_(OPEN_STATUSES), FollowUp.due_at < moment)
        query = query.where(late if overdue else ~late)
    if case_ids is not None:
        query = query.where(FollowUp.id.in_([as_id(i) for i in case_ids]))
    return query


def count_cases(engine: Engine, scope: Scope, *, statuses=None, owner_id: int | None = None, unit_ids=None,
                overdue: bool | None = None, now: datetime | None = None) -> int:
    """How many cases :func:`cases` gives for the same filters (without reading them)."""
    units = scope.unit_ids if unit_ids is None else scope.narrow(unit_ids).unit_ids
    if not units:
        return 0
    query = _filtered(select(func.count()).select_from(FollowUp), units, statuses, owner_id, overdue, None,
                      aware(now) or utc_now())
    with engine.connect() as connection:
        return int(connection.execute(query).scalar() or 0)


def cases(engine: Engine, scope: Scope, *, statuses=None, owner_id: int | None = None, unit_ids=None,
          overdue: bool | None = None, case_ids=None, first_for: int | None = None,
          now: datetime | None = None, limit: int | None = None, offset: int = 0) -> pd.DataFrame:
    """The cases of the units in ``scope`` with their whole response, narrowed by
    the filters given; open cases first by time left (the most overdue on top),
    then closed ones, newest first. ``first_for`` puts the cases owned by that
    user before all others; ``limit`` and ``offset`` read one page of that order
    (:func:`count_cases` counts them all). Columns: :data:`CASE_COLUMNS`
    (timestamps UTC; ``themes`` a list of theme keys)."""
    units = scope.unit_ids if unit_ids is None else scope.narrow(unit_ids).unit_ids
    if not units:
        return pd.DataFrame(columns=CASE_COLUMNS)
    moment = aware(now) or utc_now()
    parent, region = region_column()
    owner = User.__table__.alias("owner")
    query = (
        select(FollowUp.id, FollowUp.response_id, FollowUp.unit_id, Unit.name.label("unit"),
               region.label("region"), FollowUp.status, FollowUp.owner_id,
               owner.c.display_name.label("owner"), FollowUp.due_at, FollowUp.created_at,
               FollowUp.updated_at, FollowUp.contacted_at, FollowUp.resolved_at, FollowUp.notes,
               FollowUp.root_cause, FollowUp.resolution, FollowUp.version, Response.responded_at,
               Response.nps, Response.csat, Response.scale10, Response.sentiment,
               Touchpoint.key.label("touchpoint_key"),
               Touchpoint.name_sv.label("touchpoint_sv"), Touchpoint.name_en.label("touchpoint_en"),
               Response.channel, Response.comment, Response.language)
        .join(Response, Response.id == FollowUp.response_id)
        .join(Touchpoint, Touchpoint.id == Response.touchpoint_id)
        .join(Unit, Unit.id == FollowUp.unit_id)
        .outerjoin(parent, parent.c.id == Unit.parent_id)
        .outerjoin(owner, owner.c.id == FollowUp.owner_id)
    )
    query = _filtered(query, units, statuses, owner_id, overdue, case_ids, moment)
    closed = FollowUp.status.in_(CLOSED_STATUSES)
    mine = [FollowUp.owner_id.is_distinct_from(first_for)] if first_for is not None else []
    query = query.order_by(*mine, closed, case((closed, None), else_=FollowUp.due_at),
                           FollowUp.resolved_at.desc(), FollowUp.id)
    if limit is not None:
        query = query.limit(limit).offset(offset)
    with engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(query).mappings().all(), columns=CASE_COLUMNS)
        themes = _themes(connection, frame["response_id"].astype(int).tolist())
    frame["themes"] = [themes.get(int(response_id), []) for response_id in frame["response_id"]]
    frame = none_for_missing(frame, CASE_OPTIONAL)
    frame = _timestamps(frame, ("due_at", "created_at", "updated_at", "contacted_at", "resolved_at",
                                "responded_at"))
    return frame


def cases_in_scope(connection: Connection, scope: Scope, case_ids) -> dict:
    """The rows of the cases ``case_ids`` (unit, owner, status, response, first contact,
    version, the customer's rating) by id; :class:`CaseNotFound` when one is not in ``scope``."""
    ids = [as_id(case_id) for case_id in case_ids]
    rows = {row.id: row for row in connection.execute(
        select(FollowUp.id, FollowUp.unit_id, FollowUp.owner_id, FollowUp.status, FollowUp.response_id,
               FollowUp.contacted_at, FollowUp.version, FollowUp.customer_rating).where(FollowUp.id.in_(ids)))}
    for case_id in ids:
        if case_id not in rows or not scope.allows(rows[case_id].unit_id):
            raise CaseNotFound(f"no case {case_id}")
    return rows


def histories(engine: Engine, scope: Scope, case_ids) -> dict[int, pd.DataFrame]:
    """The audit trail of each case of ``case_ids`` in ``scope``, oldest first
    (:data:`HISTORY_COLUMNS`, owners by name), in a few queries however many cases: a
    page of the queue asked three queries a case before. :class:`CaseNotFound` when a
    case is not in scope."""
    ids = sorted({as_id(case_id) for case_id in case_ids})
    if not ids:
        return {}
    with engine.connect() as connection:
        cases_in_scope(connection, scope, ids)
        rows = connection.execute(
            select(FollowUpEvent.follow_up_id, FollowUpEvent.at, User.display_name.label("user"), FollowUpEvent.field,
                   FollowUpEvent.old_value, FollowUpEvent.new_value)
            .outerjoin(User, User.id == FollowUpEvent.user_id)
            .where(FollowUpEvent.follow_up_id.in_(ids))
            .order_by(FollowUpEvent.follow_up_id, FollowUpEvent.at, FollowUpEvent.id)).all()
        frame = _timestamps(rows_frame(rows, ["case_id", *HISTORY_COLUMNS]), ("at",))
        frame = named_in_history(connection, none_for_missing(frame, ["user", "old_value", "new_value"]), ("owner_id",))
    return split_by(frame, "case_id", ids, HISTORY_COLUMNS)


def history(engine: Engine, scope: Scope, case_id: int) -> pd.DataFrame:
    """The audit trail of a case in ``scope``, oldest first (:data:`HISTORY_COLUMNS`)."""
    return histories(engine, scope, [case_id])[as_id(case_id)]


def timings(engine: Engine, scope: Scope, start: date, end: date, unit_ids=None) -> pd.DataFrame:
    """One row a case of the units in ``scope`` opened from ``start`` to ``end``
    (inclusive, UTC days), with the few columns the measures need
    (:data:`TIMING_COLUMNS`): no comments, no people."""
    units = scope.unit_ids if unit_ids is None else scope.narrow(unit_ids).unit_ids
    if not units:
        return pd.DataFrame(columns=TIMING_COLUMNS)
    parent, region = region_column()
    lower = datetime.combine(start, time.min, tzinfo=timezone.utc)
    upper = datetime.combine(end + timedelta(days=1), time.min, tzinfo=timezone.utc)
    received = case((Response.imported_at > Response.responded_at, Response.imported_at),
                    else_=Response.responded_at)
    query = (select(FollowUp.unit_id, Unit.name.label("unit"), region.label("region"), FollowUp.status,
                    received.label("received_at"), FollowUp.due_at, FollowUp.contacted_at,
                    FollowUp.resolved_at, FollowUp.root_cause)
             .join(Response, Response.id == FollowUp.response_id)
             .join(Unit, Unit.id == FollowUp.unit_id).outerjoin(parent, parent.c.id == Unit.parent_id)
             .where(FollowUp.unit_id.in_(sorted(units)), Response.responded_at >= lower,
                    Response.responded_at < upper))
    with engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(query).mappings().all(), columns=TIMING_COLUMNS)
    return _timestamps(frame, ("received_at", "due_at", "contacted_at", "resolved_at"))


def root_cause_counts(engine: Engine, scope: Scope, start: date, end: date, unit_ids=None) -> pd.DataFrame:
    """Resolved cases per unit and root cause, for cases received from ``start``
    to ``end``: unit_id, unit, root_cause, cases (counted in SQL)."""
    units = scope.unit_ids if unit_ids is None else scope.narrow(unit_ids).unit_ids
    columns = ["unit_id", "unit", "root_cause", "cases"]
    if not units:
        return pd.DataFrame(columns=columns)
    lower = datetime.combine(start, time.min, tzinfo=timezone.utc)
    upper = datetime.combine(end + timedelta(days=1), time.min, tzinfo=timezone.utc)
    query = (select(FollowUp.unit_id, Unit.name.label("unit"), FollowUp.root_cause,
                    func.count().label("cases"))
             .join(Response, Response.id == FollowUp.response_id).join(Unit, Unit.id == FollowUp.unit_id)
             .where(FollowUp.unit_id.in_(sorted(units)), FollowUp.status == "resolved",
                    FollowUp.root_cause.is_not(None), Response.responded_at >= lower,
                    Response.responded_at < upper)
             .group_by(FollowUp.unit_id, Unit.name, FollowUp.root_cause)
             .order_by(func.count().desc(), Unit.name, FollowUp.root_cause))
    with engine.connect() as connection:
        return pd.DataFrame(connection.execute(query).mappings().all(), columns=columns)


EXPORT_ROLES = ("manager", "leader", "admin")


def export_cases(actor: Account, found: pd.DataFrame) -> pd.DataFrame:
    """Cases read by :func:`cases` (so within the reader's scope) as a CSV
    download has them: managers, leaders and admins only (PermissionError for
    staff), since comments may hold personal details."""
    if actor.role not in EXPORT_ROLES:
        raise PermissionError(f"{actor.display_name} ({actor.role}) may not export cases.")
    return found.assign(themes=found["themes"].map(", ".join)).drop(columns=["version"])


def queue_counts(engine: Engine, scope: Scope, unit_ids=None, now: datetime | None = None) -> dict[str, int]:
    """Open cases of the units in ``scope`` (narrowed to ``unit_ids``), counted in
    SQL: ``open``, ``overdue``, ``due_soon`` (within 24 hours) and ``unassigned``."""
    units = scope.unit_ids if unit_ids is None else scope.narrow(unit_ids).unit_ids
    moment = aware(now) or utc_now()
    counted = {
        "open": func.count(),
        "overdue": func.sum(case((FollowUp.due_at < moment, 1), else_=0)),
        "due_soon": func.sum(case((FollowUp.due_at.between(moment, moment + timedelta(days=1)), 1), else_=0)),
        "unassigned": func.sum(case((FollowUp.owner_id.is_(None), 1), else_=0)),
    }
    if not units:
        return dict.fromkeys(counted, 0)
    query = select(*(value.label(name) for name, value in counted.items())).where(
        FollowUp.unit_id.in_(sorted(units)), FollowUp.status.in_(OPEN_STATUSES))
    with engine.connect() as connection:
        row = connection.execute(query).mappings().one()
    return {name: int(row[name] or 0) for name in counted}
