"""Users: password login with throttling, lookups, and the login-cookie secret."""

from __future__ import annotations

import secrets as token_source
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import Engine, select, update

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
    the user exists, so the answer never reveals which names exist."""
    now = now or _now()
    name = username.strip().lower()[:80]
    with engine.begin() as connection:
        attempt = connection.execute(select(LoginAttempt).where(LoginAttempt.username == name)).first()
        wait = wait_after(attempt.failures) if attempt is not None else 0
        if wait:
            ready_at = _aware(attempt.last_failed_at) + timedelta(seconds=wait)
            if ready_at > now:
                return LoginResult(None, int((ready_at - now).total_seconds()) + 1)
        user = connection.execute(
            select(User).where(User.username == name, User.active.is_(True))
        ).first()
        if verify_password(user.password_hash if user else None, password):
            connection.execute(LoginAttempt.__table__.delete().where(LoginAttempt.username == name))
            return LoginResult(_account(user))
        if attempt is None:
            connection.execute(LoginAttempt.__table__.insert().values(
                username=name, failures=1, last_failed_at=now))
        else:
            connection.execute(update(LoginAttempt).where(LoginAttempt.username == name).values(
                failures=attempt.failures + 1, last_failed_at=now))
        return LoginResult(None)


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
