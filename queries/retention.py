"""The retention period: after it, what customers wrote and their contact details go.

An administrator sets the period in months (:func:`set_period`; the setting
``retention_months``, none by default). A response received before the cutoff
(now minus the period) is anonymised by :func:`apply`, in one transaction:

- its comment is removed (NULL), and with it the comment's theme tags;
- imported attributes that name a person or their contact details are deleted:
  those whose column name says so (``analysis.pii.personal_key``: "E-post",
  "Kundens namn", "Telefon"…) and those whose value holds a personal detail
  (``analysis.pii.find``); other segments (product, customer type…) stay;
- its follow-up case keeps its status, owner, root cause and every timing, but
  loses its notes and resolution text, and the history keeps who changed what
  when, without the old and new text of notes, resolution and reopen reasons.

Scores, touchpoint, unit, channel, dates and the source's id stay, so every
measure and trend is unchanged; the daily counts of the touched days are
recounted (only their number of comments changes). A response whose case is
still open is held back until the case is closed. Each run writes an audit event.

On SQLite the run overwrites freed pages (``secure_delete``) and rebuilds the
comment search index, so the removed text is gone from the file too; PostgreSQL
frees the old row versions at its next (auto)vacuum.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timezone

import pandas as pd
from sqlalchemy import Engine, and_, delete, exists, func, not_, or_, select, tuple_, update
from sqlalchemy.engine import Connection

from analysis import pii
from queries import audit, rollup
from queries.follow_ups import OPEN_STATUSES
from queries.schema import (
    FollowUp, FollowUpContact, FollowUpEvent, Response, ResponseAttribute, ResponseTheme, Setting, User,
)
from queries.settings import bump_data_version, put

SETTING = "retention_months"
MIN_MONTHS, MAX_MONTHS = 1, 120
TEXT_FIELDS = ("notes", "resolution", "reopen_reason")  # free text in a case's history
CHUNK = 500


class RetentionError(ValueError):
    """A period that cannot be used (``code``: "bad_months" or "no_period")."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Plan:
    """What a run removes (a dry run) or removed: responses anonymised, of them
    with a comment, personal attributes deleted, follow-up cases whose text goes,
    and responses held back because their case is still open."""

    months: int
    cutoff: datetime
    responses: int
    comments: int
    attributes: int
    cases: int
    held_back: int

    def as_dict(self) -> dict:
        return {**asdict(self), "cutoff": self.cutoff.isoformat()}


def period(engine: Engine) -> int | None:
    """The retention period in months, or None when none is set."""
    with engine.connect() as connection:
        value = connection.execute(select(Setting.value).where(Setting.key == SETTING)).scalar()
    try:
        months = int(value) if value else None
    except ValueError:
        return None
    return months if months and MIN_MONTHS <= months <= MAX_MONTHS else None


def _months(value) -> int:
    try:
        months = int(value)
    except (TypeError, ValueError):
        months = 0
    if isinstance(value, bool) or str(months) != str(value).strip() or not MIN_MONTHS <= months <= MAX_MONTHS:
        raise RetentionError("bad_months", f"the retention period must be a whole number of months from "
                                           f"{MIN_MONTHS} to {MAX_MONTHS}, got {value!r}")
    return months


def set_period(engine: Engine, account, months: int | None) -> None:
    """Set (or with None remove) the retention period; active administrators only."""
    months = None if months is None else _months(months)
    with engine.begin() as connection:
        row = connection.execute(select(User.role, User.active).where(User.id == account.id)).first()
        if account.role != "admin" or row is None or not row.active or row.role != "admin":
            raise PermissionError("only an active administrator may set the retention period")
        before = connection.execute(select(Setting.value).where(Setting.key == SETTING)).scalar()
        if months is None:
            connection.execute(delete(Setting).where(Setting.key == SETTING))
        else:
            put(connection, SETTING, str(months))
        after = None if months is None else str(months)
        if before != after:
            audit.record(connection, account.id, "retention_period_set", "settings", SETTING,
                         {"months": [int(before) if before and before.isdigit() else None, months]})


def cutoff(months: int, now: datetime | None = None) -> datetime:
    """The moment ``months`` calendar months before ``now``: older responses go."""
    moment = pd.Timestamp(now or datetime.now(timezone.utc))
    moment = moment.tz_localize("UTC") if moment.tzinfo is None else moment.tz_convert("UTC")
    return (moment - pd.DateOffset(months=months)).to_pydatetime()


# --- what goes ---------------------------------------------------------------------------------

def _old(before: datetime):
    return Response.responded_at < before


def _case_open():
    return exists().where(FollowUp.response_id == Response.id, FollowUp.status.in_(OPEN_STATUSES))


def _due(before: datetime) -> list:
    """Responses older than the cutoff whose case (if any) is closed."""
    return [_old(before), not_(_case_open())]


def _personal_attributes(connection: Connection, before: datetime):
    """A condition on ``response_attributes`` selecting the personal ones of due
    responses (by the column's name, or a value holding a personal detail), or None."""
    due = select(Response.id).where(*_due(before))
    keys = [key for key in connection.execute(select(ResponseAttribute.key).distinct()).scalars()
            if pii.personal_key(key)]
    values = [(key, value) for key, value in connection.execute(
        select(ResponseAttribute.key, ResponseAttribute.value).distinct()
        .where(ResponseAttribute.response_id.in_(due), ResponseAttribute.key.not_in(keys)))
        if pii.find(value)]
    chosen = [ResponseAttribute.key.in_(keys)] if keys else []
    chosen += [tuple_(ResponseAttribute.key, ResponseAttribute.value).in_(values[first:first + CHUNK])
               for first in range(0, len(values), CHUNK)]
    return and_(ResponseAttribute.response_id.in_(due), or_(*chosen)) if chosen else None


def _case_text():
    return or_(func.coalesce(FollowUp.notes, "") != "", FollowUp.resolution.is_not(None))


def _plan(connection: Connection, months: int, before: datetime, attributes) -> Plan:
    """The counts of a run; ``attributes`` as :func:`_personal_attributes` gives it."""
    due = _due(before)
    with_attributes = (exists().where(ResponseAttribute.response_id == Response.id, attributes)
                       if attributes is not None else None)
    touched = or_(Response.comment.is_not(None), *([with_attributes] if with_attributes is not None else []),
                  exists().where(FollowUp.response_id == Response.id, _case_text()))

    def count(statement) -> int:
        return int(connection.execute(statement).scalar() or 0)

    return Plan(
        months=months, cutoff=before,
        responses=count(select(func.count()).select_from(Response).where(*due, touched)),
        comments=count(select(func.count()).select_from(Response).where(*due, Response.comment.is_not(None))),
        attributes=0 if attributes is None else count(
            select(func.count()).select_from(ResponseAttribute).where(attributes)),
        cases=count(select(func.count()).select_from(FollowUp).where(
            FollowUp.response_id.in_(select(Response.id).where(*due)), _case_text())),
        held_back=count(select(func.count()).select_from(Response).where(
            _old(before), _case_open(), Response.comment.is_not(None))),
    )


def _chosen(months: int | None, engine: Engine) -> int:
    months = period(engine) if months is None else _months(months)
    if months is None:
        raise RetentionError("no_period", "no retention period is set (an administrator sets it on the "
                                          "admin page, Personal data)")
    return months


def plan(engine: Engine, months: int | None = None, now: datetime | None = None) -> Plan:
    """What :func:`apply` would do now (a dry run: nothing is written), under the
    configured period or ``months``."""
    months = _chosen(months, engine)
    with engine.connect() as connection:
        before = cutoff(months, now)
        return _plan(connection, months, before, _personal_attributes(connection, before))


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def apply(engine: Engine, user_id: int | None, months: int | None = None, now: datetime | None = None) -> Plan:
    """Anonymise every response older than the period, as the module says, in one
    transaction with its audit event (``user_id`` None: the command line)."""
    months = _chosen(months, engine)
    before = cutoff(months, now)
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        _secure_delete(connection, sqlite, "ON")
        try:
            with connection.begin():
                attributes = _personal_attributes(connection, before)
                done = _plan(connection, months, before, attributes)
                _anonymise(connection, before, attributes, sqlite)
                audit.record(connection, user_id, "retention_applied", "responses", None, done.as_dict())
                bump_data_version(connection)
        finally:
            _secure_delete(connection, sqlite, "OFF")
    return done


def _secure_delete(connection: Connection, sqlite: bool, state: str) -> None:
    """SQLite: overwrite freed pages with zeros (ON) while the run deletes; after it
    (OFF) also copy the changed pages from the write-ahead log into the file. Run
    on the driver's connection, outside any transaction."""
    if sqlite:
        driver = connection.connection.dbapi_connection
        driver.execute(f"PRAGMA secure_delete = {state}")
        if state == "OFF":
            driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _anonymise(connection: Connection, before: datetime, attributes, sqlite: bool) -> None:
    due = _due(before)
    day = rollup.response_day(connection.dialect.name)
    days = [_as_date(value) for value in connection.execute(
        select(func.min(day), func.max(day)).where(*due, Response.comment.is_not(None))).one()
        if value is not None]
    if attributes is not None:
        connection.execute(delete(ResponseAttribute).where(attributes))
    due_ids = select(Response.id).where(*due)
    connection.execute(delete(ResponseTheme).where(ResponseTheme.response_id.in_(due_ids)))
    cases = select(FollowUp.id).where(FollowUp.response_id.in_(due_ids))
    connection.execute(update(FollowUpEvent).where(FollowUpEvent.follow_up_id.in_(cases),
                                                   FollowUpEvent.field.in_(TEXT_FIELDS))
                       .values(old_value=None, new_value=None))
    connection.execute(update(FollowUp).where(FollowUp.response_id.in_(due_ids), _case_text())
                       .values(notes="", resolution=None, version=FollowUp.version + 1))
    connection.execute(update(FollowUpContact).where(FollowUpContact.follow_up_id.in_(cases),
                                                     FollowUpContact.note != "").values(note=""))
    connection.execute(update(Response).where(*due, Response.comment.is_not(None)).values(comment=None))
    if days:
        rollup.refresh(connection, days[0], days[-1])
    if sqlite:  # merge the search index, dropping the removed words from the file
        connection.exec_driver_sql("INSERT INTO comments_fts(comments_fts) VALUES ('optimize')")
