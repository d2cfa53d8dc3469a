"""Closing the loop with the customer of a follow-up case: their contact details
(with consent only, to the people who follow the case up), the attempts to reach
them and how they took it, and their satisfaction with the follow-up.

The details are the attributes an import's mapping named as ``contacts`` (e-mail,
phone, consent; see :mod:`ingest.mapping`): they are shown only when the consent
column says yes, and only to the case's owner, a manager whose scope holds the
unit, and admins — never to leaders or other staff, never in a list or export.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

import pandas as pd
from sqlalchemy import Engine, case, func, insert, select, update

from queries.common import as_id, none_for_missing, rows_frame, split_by, utc_now
from queries.follow_ups import cases_in_scope
from queries.schema import FollowUp, FollowUpContact, FollowUpEvent, ImportBatch, Response, ResponseAttribute, User
from queries.scope import Scope
from queries.settings import bump_data_version
from queries.users import Account

CHANNELS = ("phone", "email", "sms", "visit")
OUTCOMES = ("reached", "no_answer", "left_message", "wrong_details")
REACTIONS = ("pleased", "neutral", "displeased")
RATINGS = (1, 2, 3, 4, 5)
SATISFIED_FROM = 4  # a rating of 4–5: satisfied with the follow-up
NOTE_MAX = 2_000
# What a consent column says when the customer agreed to be contacted.
YES = frozenset({"1", "yes", "y", "ja", "j", "true", "sant", "x", "ok", "samtycker", "consent", "consented"})
EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+")
PHONE = re.compile(r"\+?[\d\s\-()]{6,20}")


class ContactError(ValueError):
    """A contact record the case cannot take; ``code`` is what the page translates."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Contact:
    """A customer's consented contact details (either may be None)."""

    email: str | None
    phone: str | None

    @property
    def mailto(self) -> str | None:
        return f"mailto:{self.email}" if self.email else None

    @property
    def tel(self) -> str | None:
        return "tel:" + re.sub(r"[^\d+]", "", self.phone) if self.phone else None


def consented(value) -> bool:
    """Whether a consent cell says yes (ja, yes, 1, true, x…)."""
    return isinstance(value, str) and value.strip().casefold() in YES


CONTACT_COLUMNS = ["id", "at", "by", "channel", "outcome", "reaction", "note"]


def _case(connection, scope: Scope, case_id: int):
    return cases_in_scope(connection, scope, [case_id])[case_id]


def may_reach(actor: Account, owner_id) -> bool:
    """Who follows a case up: its owner, managers (of units in their scope) and admins."""
    if actor.role in ("admin", "manager"):
        return True
    return actor.role == "staff" and owner_id is not None and not pd.isna(owner_id) and int(owner_id) == actor.id


def contact_details(engine: Engine, scope: Scope, actor: Account, case_id: int) -> Contact | None | bool:
    """The consented contact details of the case's customer for ``actor``: a
    :class:`Contact`; False when the import carried details but no consent; None
    when there are none, or ``actor`` may not see them."""
    return contact_details_of_cases(engine, scope, actor, [case_id])[as_id(case_id)]


def contact_details_of_cases(engine: Engine, scope: Scope, actor: Account,
                             case_ids) -> dict[int, Contact | None | bool]:
    """:func:`contact_details` of each case of ``case_ids``, in three queries however many."""
    ids = sorted({as_id(case_id) for case_id in case_ids})
    found: dict[int, Contact | None | bool] = dict.fromkeys(ids)
    if not ids:
        return found
    with engine.connect() as connection:
        reachable = {case.response_id: case.id for case in cases_in_scope(connection, scope, ids).values()
                     if may_reach(actor, case.owner_id)}
        mappings = connection.execute(select(Response.id, ImportBatch.mapping)
                                      .join(ImportBatch, ImportBatch.id == Response.import_batch_id)
                                      .where(Response.id.in_(sorted(reachable)))).all() if reachable else []
        columns = {response_id: {kind: column[:80] for kind, column in ((mapping or {}).get("contacts") or {}).items()
                                 if column} for response_id, mapping in mappings}
        columns = {response_id: keys for response_id, keys in columns.items() if keys}
        values: dict[int, dict[str, str]] = {}
        if columns:
            for response_id, key, value in connection.execute(
                    select(ResponseAttribute.response_id, ResponseAttribute.key, ResponseAttribute.value).where(
                        ResponseAttribute.response_id.in_(sorted(columns)),
                        ResponseAttribute.key.in_(sorted({key for keys in columns.values() for key in keys.values()})))):
                values.setdefault(response_id, {})[key] = value
    for response_id, keys in columns.items():
        found[reachable[response_id]] = _contact(keys, values.get(response_id, {}))
    return found


def _contact(keys: dict[str, str], values: dict[str, str]) -> Contact | None | bool:
    """The details read from a response's ``values`` under the import's contact ``keys``
    (kind → column): see :func:`contact_details`."""
    found = {kind: (values.get(key) or "").strip() for kind, key in keys.items()}
    email = found.get("email") if EMAIL.fullmatch(found.get("email") or "") else None
    phone = found.get("phone") if PHONE.fullmatch(found.get("phone") or "") else None
    if email is None and phone is None:
        return None
    return Contact(email, phone) if consented(found.get("consent")) else False


def _check(value, allowed, code: str, what: str):
    if value not in allowed:
        raise ContactError(code, f"{what} must be one of {', '.join(map(str, allowed))}, not {value!r}.")
    return value


def record_contact(engine: Engine, scope: Scope, actor: Account, case_id: int, *, channel: str, outcome: str,
                   reaction: str | None = None, note: str = "", rating: int | None = None) -> int:
    """Record an attempt to reach the customer (and, when reached, how they took it
    and their rating of the follow-up, 1–5) in one transaction. The first attempt
    that reaches the customer marks a new case contacted. Returns the contact's id."""
    case_id = as_id(case_id)
    _check(channel, CHANNELS, "bad_channel", "The channel")
    _check(outcome, OUTCOMES, "bad_outcome", "The outcome")
    if outcome != "reached" and (reaction is not None or rating is not None):
        raise ContactError("reaction_unreached", "Only a customer who was reached has a reaction or a rating.")
    if reaction is not None:
        _check(reaction, REACTIONS, "bad_reaction", "The reaction")
    if rating is not None:
        rating = _check(int(rating), RATINGS, "bad_rating", "The rating")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ContactError("note_long", f"Keep the note to {NOTE_MAX} characters (it has {len(note)}).")
    now = utc_now()
    with engine.begin() as connection:
        case = _case(connection, scope, case_id)
        if not may_reach(actor, case.owner_id):
            raise PermissionError(f"{actor.display_name} ({actor.role}) does not follow up case {case_id}.")
        contact_id = connection.execute(insert(FollowUpContact).values(
            follow_up_id=case_id, user_id=actor.id, at=now, channel=channel, outcome=outcome,
            reaction=reaction, note=note).returning(FollowUpContact.id)).scalar_one()
        changes: dict = {}
        if outcome == "reached" and case.contacted_at is None:
            changes["contacted_at"] = now
            if case.status == "new":
                changes["status"] = "contacted"
        if rating is not None and rating != case.customer_rating:
            changes["customer_rating"] = rating
        if changes:
            connection.execute(update(FollowUp).where(FollowUp.id == case_id).values(
                **changes, updated_at=now, version=FollowUp.version + 1))
            old = {"status": case.status, "contacted_at": case.contacted_at, "customer_rating": case.customer_rating}
            connection.execute(insert(FollowUpEvent), [
                {"follow_up_id": case_id, "user_id": actor.id, "at": now, "field": field,
                 "old_value": None if old[field] is None else str(old[field]), "new_value": str(value)}
                for field, value in changes.items()])
        bump_data_version(connection)
    return int(contact_id)


def contacts_of(engine: Engine, scope: Scope, case_id: int) -> pd.DataFrame:
    """The attempts to reach the customer of a case, oldest first, with who made them."""
    return contacts_of_cases(engine, scope, [case_id])[as_id(case_id)]


def contacts_of_cases(engine: Engine, scope: Scope, case_ids) -> dict[int, pd.DataFrame]:
    """:func:`contacts_of` each case of ``case_ids``, in two queries however many."""
    ids = sorted({as_id(case_id) for case_id in case_ids})
    if not ids:
        return {}
    with engine.connect() as connection:
        cases_in_scope(connection, scope, ids)
        rows = connection.execute(
            select(FollowUpContact.follow_up_id, FollowUpContact.id, FollowUpContact.at,
                   User.display_name.label("by"), FollowUpContact.channel, FollowUpContact.outcome,
                   FollowUpContact.reaction, FollowUpContact.note)
            .outerjoin(User, User.id == FollowUpContact.user_id)
            .where(FollowUpContact.follow_up_id.in_(ids)).order_by(FollowUpContact.id)).all()
    frame = rows_frame(rows, ["case_id", *CONTACT_COLUMNS])
    frame["at"] = pd.to_datetime(frame["at"], utc=True, format="mixed")
    return split_by(none_for_missing(frame, ["by", "reaction", "note"]), "case_id", ids,  # what was not said
                    CONTACT_COLUMNS)


def _opened(start: date | None, end: date | None) -> list:
    conditions = []
    if start is not None:
        conditions.append(FollowUp.created_at >= datetime.combine(start, time(), timezone.utc))
    if end is not None:
        conditions.append(FollowUp.created_at < datetime.combine(end + timedelta(days=1), time(), timezone.utc))
    return conditions


def rating_counts(engine: Engine, scope: Scope, unit_ids=None, start: date | None = None,
                  end: date | None = None) -> dict[str, int]:
    """How many cases in scope (opened from ``start`` to ``end``, UTC days, when
    given) have the customer's rating of the follow-up, and how many of those are
    satisfied (4–5): the counts of a share with its interval."""
    units = scope.unit_ids if unit_ids is None else scope.narrow(unit_ids).unit_ids
    if not units:
        return {"n": 0, "satisfied": 0}
    with engine.connect() as connection:
        n, satisfied = connection.execute(
            select(func.count(FollowUp.customer_rating),
                   func.coalesce(func.sum(case((FollowUp.customer_rating >= SATISFIED_FROM, 1), else_=0)), 0))
            .where(FollowUp.unit_id.in_(sorted(units)), *_opened(start, end))).one()
    return {"n": int(n), "satisfied": int(satisfied)}
