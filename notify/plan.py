"""What is due at a moment: one :class:`Due` per notification, each with the key
the log records it under (channel, kind, recipient, subject).

* **new_case** — an open case still "new", opened within the look-back window:
  to its owner, or (unassigned) to the unit's staff and manager;
* **reminder** — an open case whose deadline falls within the next
  ``reminder_hours``: to the same people;
* **escalation** — an open case past its deadline (within the look-back window):
  to the unit's manager (the nearest manager above when the unit has none);
* **digest** — the last whole week (Monday–Sunday, UTC days as the pages count
  them), once per user who gets it.

Nobody is told about a unit outside their scope (:func:`queries.scope.scope_for`),
and a kind someone turned off is not sent to them. Webhooks of a unit (or of a
region above it) get new cases and escalations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pandas as pd
from sqlalchemy import Engine, select

from notify.config import Settings
from queries import follow_ups
from queries.notifications import WEBHOOK_KINDS, Person, people
from queries.schema import Webhook
from queries.scope import Scope, scope_for, unit_tree

CASE_KINDS = ("new_case", "reminder", "escalation")


@dataclass(frozen=True)
class Due:
    """One notification to send."""

    channel: str  # "email" or "webhook"
    kind: str
    recipient_id: int  # users.id or webhooks.id
    subject: str
    case: dict | None = field(default=None, compare=False, hash=False)  # a row of follow_ups.cases
    week: tuple[date, date] | None = None  # the digest's Monday and Sunday


def case_subject(case: dict) -> str:
    """A case and its deadline: a case re-timed later is reminded of again."""
    return f"case:{int(case['id'])}@{pd.Timestamp(case['due_at']).strftime('%Y-%m-%dT%H:%MZ')}"


def last_week(now: datetime) -> tuple[date, date]:
    """Monday and Sunday of the last whole week before ``now``'s (UTC) day."""
    sunday = now.date() - timedelta(days=now.date().weekday() + 1)
    return sunday - timedelta(days=6), sunday


def week_subject(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"week:{year}-W{week:02d}"


class Organisation:
    """The people and units of one run, with who may see what."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.people: dict[int, Person] = people(engine)
        self.tree = unit_tree(engine)
        self._scopes: dict[int, Scope] = {}

    def scope(self, person: Person) -> Scope:
        if person.id not in self._scopes:
            self._scopes[person.id] = scope_for(self.engine, person.role, person.unit_id)
        return self._scopes[person.id]

    def above(self, unit_id: int) -> list[int]:
        """The unit and every unit above it, nearest first."""
        chain, current = [], unit_id
        while current is not None and current not in chain:
            chain.append(current)
            current = self.tree.get(current)
        return chain

    def managers(self, unit_id: int) -> list[Person]:
        """The managers of the unit, or of the nearest unit above that has one."""
        for candidate in self.above(unit_id):
            found = [p for p in self.people.values() if p.role == "manager" and p.unit_id == candidate]
            if found:
                return found
        return []

    def team(self, unit_id: int) -> list[Person]:
        """The unit's staff and its manager."""
        staff = [p for p in self.people.values() if p.role == "staff" and p.unit_id == unit_id]
        return staff + self.managers(unit_id)

    def told(self, candidates: list[Person], kind: str, unit_id: int) -> list[Person]:
        """Those of ``candidates`` who get ``kind`` and may see ``unit_id``."""
        return [p for p in candidates if kind in p.kinds and self.scope(p).allows(unit_id)]


def _case_kinds(case: dict, now: datetime, settings: Settings) -> list[str]:
    due, created = pd.Timestamp(case["due_at"]), pd.Timestamp(case["created_at"])
    since = now - timedelta(hours=settings.lookback_hours)
    kinds = []
    if case["status"] == "new" and since <= created <= now:
        kinds.append("new_case")
    if now < due <= now + timedelta(hours=settings.reminder_hours):
        kinds.append("reminder")
    if since <= due <= now:
        kinds.append("escalation")
    return kinds


def _webhooks(engine: Engine) -> dict[int, int]:
    """Active webhooks: unit id -> webhook id."""
    with engine.connect() as connection:
        return dict(connection.execute(select(Webhook.unit_id, Webhook.id).where(Webhook.active.is_(True))).all())


def case_notifications(organisation: Organisation, settings: Settings, now: datetime) -> list[Due]:
    """Every e-mail and webhook notification about open cases that is due at ``now``."""
    everything = Scope(frozenset(organisation.tree))
    open_cases = follow_ups.cases(organisation.engine, everything, statuses=follow_ups.OPEN_STATUSES, now=now)
    hooks = _webhooks(organisation.engine)
    found: list[Due] = []
    for case in open_cases.to_dict("records"):
        unit_id, subject = int(case["unit_id"]), case_subject(case)
        owner = organisation.people.get(int(case["owner_id"])) if pd.notna(case["owner_id"]) else None
        for kind in _case_kinds(case, now, settings):
            if kind == "escalation":
                candidates = organisation.managers(unit_id)
            else:
                candidates = [owner] if owner is not None else organisation.team(unit_id)
            found += [Due("email", kind, p.id, subject, case) for p in organisation.told(candidates, kind, unit_id)]
            if kind in WEBHOOK_KINDS:
                found += [Due("webhook", kind, hooks[unit], subject, case)
                          for unit in organisation.above(unit_id) if unit in hooks]
    return found


def digests(organisation: Organisation, now: datetime) -> list[Due]:
    """The weekly digest of the last whole week, for everyone who gets it."""
    monday, sunday = last_week(now)
    return [Due("email", "digest", p.id, week_subject(monday), week=(monday, sunday))
            for p in organisation.people.values() if "digest" in p.kinds and organisation.scope(p).unit_ids]
