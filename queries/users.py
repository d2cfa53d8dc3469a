"""Users: password login with throttling, lookups, and the login-cookie secret."""

from __future__ import annotations

import secrets as token_source
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import Engine, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from queries.passwords import verify_password
from queries.schema import LoginAttempt, Setting, User

FREE_ATTEMPTS = 3
MAX_WAIT_SECONDS = 300


@dataclass(frozen=True)
class Account:
    """What the app keeps about the logged-in user (never the password hash)."""

    id: int
    username: str
    display_name: str
    role: str
    unit_id: int | None
    session_version: int


@dataclass(frozen=True)
class LoginResult:
    account: Account | None
    wait_seconds: int = 0  # > 0: refused without checking, try again later


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _account(user: User) -> Account:
    return Account(user.id, user.username, user.display_name, user.role, user.unit_id,
                   user.session_version)


def wait_after(failures: int) -> int:
    """Seconds a name must wait after ``failures`` failed attempts in a row:
    none for the first few, then doubling up to five minutes."""
    if failures < FREE_ATTEMPTS:
        return 0
    return min(2 ** (failures - FREE_ATTEMPTS + 1), MAX_WAIT_SECONDS)


def authenticate(engine: Engine, username: str, password: str, now: datetime | None = None) -> LoginResult:
    """Check a password. Failures are counted per attempted name, whether or not
    the user exists, so the answer never reveals which names exist.

    Every attempt is counted as a failure before the password is looked at, in
    one atomic step (:func:`_count_attempt`), so attempts made at the same moment
    are throttled exactly as if they came one after another; a success clears
    the count."""
    now = now or _now()
    name = username.strip().lower()[:80]
    with engine.begin() as connection:
        wait = _count_attempt(connection, name, now)
        if wait:
            return LoginResult(None, wait)
        user = connection.execute(select(User).where(User.username == name, User.active.is_(True))).first()
    if not verify_password(user.password_hash if user else None, password):
        return LoginResult(None)
    with engine.begin() as connection:
        connection.execute(LoginAttempt.__table__.delete().where(LoginAttempt.username == name))
    return LoginResult(_account(user))


def _count_attempt(connection: Connection, name: str, now: datetime) -> int:
    """Count an attempt for ``name`` and say how many seconds it must wait (0:
    it may be checked). The upsert that increments the count also locks the
    name's row until the caller's transaction ends, so the next attempt sees
    this one's count and time. A refused attempt counts too (its wait grows),
    but the wait runs from the last attempt that was checked."""
    table = LoginAttempt.__table__
    upsert = (postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert)(table)
    failures, last = connection.execute(
        upsert.values(username=name, failures=1, last_failed_at=now)
        .on_conflict_do_update(index_elements=[table.c.username], set_={"failures": table.c.failures + 1})
        .returning(table.c.failures, table.c.last_failed_at)).one()
    wait = wait_after(failures - 1)
    ready_at = _aware(last) + timedelta(seconds=wait)
    if wait and ready_at > now:
        return int((_aware(last) + timedelta(seconds=wait_after(failures)) - now).total_seconds()) + 1
    connection.execute(update(LoginAttempt).where(LoginAttempt.username == name).values(last_failed_at=now))
    return 0


def account_by_id(engine: Engine, user_id: int) -> Account | None:
    with engine.connect() as connection:
        row = connection.execute(select(User).where(User.id == user_id, User.active.is_(True))).first()
    return _account(row) if row else None


def account_by_email(engine: Engine, email: str) -> Account | None:
    """The active user with this e-mail address (for single sign-on)."""
    with engine.connect() as connection:
        row = connection.execute(
            select(User).where(User.email == email.strip().lower(), User.active.is_(True))
        ).first()
    return _account(row) if row else None


VISIT_GAP = timedelta(minutes=30)


def record_visit(engine: Engine, user_id: int, now: datetime | None = None) -> datetime | None:
    """Note that the user is here; return when they were last active before this visit.

    Activity less than :data:`VISIT_GAP` after the last one continues the same
    visit (a reload is not a new visit). None: the user has never been here.
    """
    now = now or _now()
    with engine.begin() as connection:
        row = connection.execute(
            select(User.last_seen_at, User.previous_visit_at).where(User.id == user_id)).first()
        if row is None:
            return None
        last, previous = row
        if last is None or now - _aware(last) > VISIT_GAP:
            previous = last
        connection.execute(update(User).where(User.id == user_id).values(
            last_seen_at=now, previous_visit_at=previous))
    return _aware(previous) if previous else None


def end_sessions(engine: Engine, user_id: int) -> None:
    """Invalidate every login cookie the user holds (logout, password change)."""
    with engine.begin() as connection:
        connection.execute(
            update(User).where(User.id == user_id).values(session_version=User.session_version + 1)
        )


def cookie_secret(engine: Engine) -> str:
    """A random secret for signing login cookies, made once per database so that
    every app process sharing the database accepts the same cookies."""
    with engine.begin() as connection:
        value = connection.execute(select(Setting.value).where(Setting.key == "cookie_secret")).scalar()
        if value is None:
            value = token_source.token_urlsafe(48)
            connection.execute(Setting.__table__.insert().values(key="cookie_secret", value=value))
    return value
