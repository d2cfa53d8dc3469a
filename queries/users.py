"""Users: password login with throttling, lookups, and the login-cookie secret."""

from __future__ import annotations

import secrets as token_source
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import Engine, func, select, update
from sqlalchemy.engine import Connection

from queries import audit, settings
from queries.common import insert_on_conflict
from queries.passwords import hash_password, password_problem, verify_password
from queries.schema import LoginAttempt, Unit, User

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
    must_change_password: bool = False  # an administrator generated the password


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
                   user.session_version, bool(user.must_change_password))


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
    upsert = insert_on_conflict(connection, table)
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
    every app process (and every session starting at the same moment) sharing the
    database accepts the same cookies."""
    return settings.put_once(engine, "cookie_secret", lambda: token_source.token_urlsafe(48))


class PasswordRefused(ValueError):
    """A new password that was not stored; ``code`` says why: ``wrong_current``,
    ``throttled`` (``wait_seconds`` to wait), ``same_as_current``, or a code of
    :func:`queries.passwords.password_problem`."""

    def __init__(self, code: str, wait_seconds: int = 0):
        super().__init__(code)
        self.code, self.wait_seconds = code, wait_seconds


def change_password(engine: Engine, account: Account, current: str, new: str,
                    now: datetime | None = None) -> Account:
    """The user's own change of password: the current one must be right (checked
    like a login, so guesses are throttled), the new one different and not easy
    to guess. Other login sessions end; returns the account as it is now (with
    its new session version, for the session that made the change)."""
    checked = authenticate(engine, account.username, current or "", now=now)
    if checked.wait_seconds:
        raise PasswordRefused("throttled", checked.wait_seconds)
    if checked.account is None or checked.account.id != account.id:
        raise PasswordRefused("wrong_current")
    if new == current:
        raise PasswordRefused("same_as_current")
    problem = password_problem(new, account.username)
    if problem:
        raise PasswordRefused(problem)
    with engine.begin() as connection:
        connection.execute(update(User).where(User.id == account.id).values(
            password_hash=hash_password(new), must_change_password=False,
            session_version=User.session_version + 1))
        audit.record(connection, account.id, "password_changed", "user", account.id,
                     {"username": account.username})
    return account_by_id(engine, account.id)


def active_users(engine: Engine) -> int:
    """How many users may log in (none: a new deployment that needs its first administrator)."""
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(User)
                                      .where(User.active.is_(True))).scalar() or 0)


def profile(engine: Engine, user_id: int) -> dict[str, str | None]:
    """What "My account" shows besides the account: the unit's name and the e-mail address."""
    with engine.connect() as connection:
        row = connection.execute(select(Unit.name.label("unit"), User.email).select_from(User)
                                 .outerjoin(Unit, Unit.id == User.unit_id).where(User.id == user_id)).first()
    return {"unit": row.unit if row else None, "email": row.email if row else None}
