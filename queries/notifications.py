"""Notifications in the database: who gets which kind (preferences with
defaults per role) in which language, the chat webhook of each unit, and the
log of every notification ``python -m notify run`` claims and sends.

**Claim before sending.** :func:`claim` inserts the notification's row (unique
per channel, kind, recipient and subject) in a transaction of its own, or takes
over a failed row with a conditional UPDATE; only the run whose INSERT or
UPDATE wins may send it, so two overlapping runs never send one twice.
:func:`finish` then marks it sent, failed (retried by a later run) or given up
after ``max_attempts``. A row left ``sending`` by a run that died mid-send is
never retried (it may have gone out); :func:`unconfirmed` lists such rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import pandas as pd
from sqlalchemy import Engine, and_, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from queries.common import as_id, aware, rows_frame, utc_now
from queries.config import LANGUAGES
from queries.schema import NOTIFICATION_KINDS, Notification, NotificationPreference, Unit, User, Webhook
from queries.users import Account

KINDS = NOTIFICATION_KINDS
# The kinds each role can receive, and those it gets unless the user turns them off.
ROLE_KINDS = {
    "staff": ("new_case", "reminder", "digest"),
    "manager": ("new_case", "reminder", "escalation", "digest"),
    "leader": ("digest",),
    "admin": ("digest",),
}
DEFAULT_ON = {
    "staff": frozenset({"new_case", "reminder", "digest"}),
    "manager": frozenset({"new_case", "reminder", "escalation", "digest"}),
    "leader": frozenset({"digest"}),
    "admin": frozenset(),
}
WEBHOOK_KINDS = ("new_case", "escalation")
LOCAL_HOSTS = ("127.0.0.1", "localhost")
URL_MAX = 500
ERROR_MAX = 1000
STALE_AFTER = timedelta(hours=1)


class WebhookUrlError(ValueError):
    """A webhook address that is refused; the message says why and what is allowed,
    ``code`` (empty, too_long, not_url, not_https) is what the page translates."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


# --- preferences and language ----------------------------------------------------------------

@dataclass(frozen=True)
class Choices:
    """A user's notification settings: the kinds they get, their e-mail language
    (None: the app's default) and the address the e-mails go to (None: none)."""

    kinds: dict[str, bool]
    language: str | None
    email: str | None


def kinds_for(role: str) -> tuple[str, ...]:
    """The kinds of notification a role can receive."""
    return ROLE_KINDS.get(role, ())


def _enabled(role: str, stored: dict[str, bool]) -> dict[str, bool]:
    return {kind: stored.get(kind, kind in DEFAULT_ON.get(role, ())) for kind in kinds_for(role)}


def choices(engine: Engine, user_id: int) -> Choices:
    """The kinds ``user_id`` can receive, each on or off, and their e-mail language."""
    with engine.connect() as connection:
        user = connection.execute(select(User.role, User.language, User.email)
                                  .where(User.id == as_id(user_id))).first()
        if user is None:
            raise LookupError(f"no user {user_id}")
        stored = dict(connection.execute(
            select(NotificationPreference.kind, NotificationPreference.enabled)
            .where(NotificationPreference.user_id == as_id(user_id))).all())
    return Choices(_enabled(user.role, stored), user.language, (user.email or "").strip() or None)


def save_choices(engine: Engine, actor: Account, user_id: int, kinds: dict[str, bool],
                 language: str | None, now: datetime | None = None) -> Choices:
    """Store which kinds ``user_id`` gets and their e-mail language, in one
    transaction. Users change their own; admins anyone's (PermissionError otherwise).
    Kinds the user's role cannot receive, or an unknown language, raise ValueError."""
    user_id = as_id(user_id)
    if actor.id != user_id and actor.role != "admin":
        raise PermissionError(f"{actor.display_name} may only change their own notifications.")
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    moment = aware(now) or utc_now()
    with engine.begin() as connection:
        role = connection.execute(select(User.role).where(User.id == user_id)).scalar()
        if role is None:
            raise LookupError(f"no user {user_id}")
        unknown = sorted(set(kinds) - set(kinds_for(role)))
        if unknown:
            raise ValueError(f"a {role} does not receive {', '.join(unknown)} notifications")
        connection.execute(update(User).where(User.id == user_id).values(language=language))
        connection.execute(delete(NotificationPreference).where(NotificationPreference.user_id == user_id))
        if kinds:
            connection.execute(insert(NotificationPreference), [
                {"user_id": user_id, "kind": kind, "enabled": bool(on), "updated_at": moment}
                for kind, on in kinds.items()])
    return choices(engine, user_id)


@dataclass(frozen=True)
class Person:
    """An active user: address (None: cannot be e-mailed), role, unit, language,
    and the kinds they get."""

    id: int
    display_name: str
    email: str | None
    role: str
    unit_id: int | None
    language: str | None
    kinds: frozenset[str]


def people(engine: Engine) -> dict[int, Person]:
    """Every active user, by id."""
    with engine.connect() as connection:
        users = connection.execute(
            select(User.id, User.display_name, User.email, User.role, User.unit_id, User.language)
            .where(User.active.is_(True))).all()
        stored: dict[int, dict[str, bool]] = {}
        for user_id, kind, enabled in connection.execute(
                select(NotificationPreference.user_id, NotificationPreference.kind, NotificationPreference.enabled)):
            stored.setdefault(user_id, {})[kind] = enabled
    return {row.id: Person(row.id, row.display_name, (row.email or "").strip() or None, row.role,
                           row.unit_id, row.language,
                           frozenset(k for k, on in _enabled(row.role, stored.get(row.id, {})).items() if on))
            for row in users}


# --- webhooks ---------------------------------------------------------------------------------

def check_webhook_url(url: str) -> str:
    """``url`` stripped, or :class:`WebhookUrlError`: only https:// addresses (and
    http:// on 127.0.0.1 or localhost, for tests) are allowed."""
    url = (url or "").strip()
    if not url:
        raise WebhookUrlError("empty", "Enter the webhook's address (https://…).")
    if len(url) > URL_MAX:
        raise WebhookUrlError("too_long", f"The webhook address is longer than {URL_MAX} characters.")
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise WebhookUrlError("not_url", f"{url!r} is not a web address.") from None
    if not host:
        raise WebhookUrlError("not_url", f"{url!r} is not a web address: it names no host.")
    if parts.scheme == "https" or (parts.scheme == "http" and host in LOCAL_HOSTS):
        return url
    raise WebhookUrlError("not_https", f"Refused {url!r}: a webhook must use https:// (plain http:// is allowed "
                          "only on 127.0.0.1 or localhost, for tests).")


def _require_admin(actor: Account) -> None:
    if actor.role != "admin":
        raise PermissionError(f"{actor.display_name} ({actor.role}) may not change webhooks.")


def webhooks(engine: Engine) -> pd.DataFrame:
    """Every unit's webhook: id, unit_id, unit, url, active, by unit name."""
    columns = ["id", "unit_id", "unit", "url", "active"]
    query = (select(Webhook.id, Webhook.unit_id, Unit.name, Webhook.url, Webhook.active)
             .join(Unit, Unit.id == Webhook.unit_id).order_by(Unit.name))
    with engine.connect() as connection:
        return rows_frame(connection.execute(query), columns)


def save_webhook(engine: Engine, actor: Account, unit_id: int, url: str, active: bool = True,
                 now: datetime | None = None) -> int:
    """Set the webhook of ``unit_id`` (admins only; replaces the unit's earlier
    address). Returns its id; :class:`WebhookUrlError` for a refused address."""
    _require_admin(actor)
    url = check_webhook_url(url)
    unit_id = as_id(unit_id)
    moment = aware(now) or utc_now()
    with engine.begin() as connection:
        if connection.execute(select(Unit.id).where(Unit.id == unit_id)).scalar() is None:
            raise LookupError(f"no unit {unit_id}")
        existing = connection.execute(select(Webhook.id).where(Webhook.unit_id == unit_id)).scalar()
        values = {"url": url, "active": bool(active), "created_by": actor.id, "updated_at": moment}
        if existing is not None:
            connection.execute(update(Webhook).where(Webhook.id == existing).values(**values))
            return int(existing)
        return int(connection.execute(insert(Webhook).values(unit_id=unit_id, **values)).inserted_primary_key[0])


def delete_webhook(engine: Engine, actor: Account, webhook_id: int) -> None:
    """Remove a webhook (admins only)."""
    _require_admin(actor)
    with engine.begin() as connection:
        connection.execute(delete(Webhook).where(Webhook.id == as_id(webhook_id)))


# --- the log: claim, finish -------------------------------------------------------------------

def _key(channel: str, kind: str, recipient_id: int, subject: str):
    return and_(Notification.channel == channel, Notification.kind == kind,
                Notification.recipient_id == recipient_id, Notification.subject == subject)


def claim(engine: Engine, channel: str, kind: str, recipient_id: int, subject: str,
          max_attempts: int, now: datetime | None = None) -> int | None:
    """Claim one notification for sending: its row id, or None when another run
    has it, it was sent, or it failed ``max_attempts`` times already."""
    moment = aware(now) or utc_now()
    try:
        with engine.begin() as connection:
            return int(connection.execute(insert(Notification).values(
                channel=channel, kind=kind, recipient_id=recipient_id, subject=subject, status="sending",
                attempts=1, claimed_at=moment)).inserted_primary_key[0])
    except IntegrityError:
        pass
    with engine.begin() as connection:
        row = connection.execute(select(Notification.id, Notification.attempts)
                                 .where(_key(channel, kind, recipient_id, subject))).first()
        if row is None or row.attempts >= max_attempts:
            return None
        taken = connection.execute(
            update(Notification)
            .where(Notification.id == row.id, Notification.status == "failed",
                   Notification.attempts == row.attempts)
            .values(status="sending", attempts=row.attempts + 1, claimed_at=moment, last_error=None))
        return int(row.id) if taken.rowcount == 1 else None


def pending(engine: Engine, channel: str, kind: str, recipient_id: int, subject: str,
            max_attempts: int) -> bool:
    """Whether :func:`claim` could take this notification now (for a dry run; reads only)."""
    with engine.connect() as connection:
        row = connection.execute(select(Notification.status, Notification.attempts)
                                 .where(_key(channel, kind, recipient_id, subject))).first()
    return row is None or (row.status == "failed" and row.attempts < max_attempts)


def finish(engine: Engine, notification_ids: list[int], error: str | None, max_attempts: int,
           now: datetime | None = None) -> None:
    """Mark claimed notifications sent (``error`` None) or failed; a failure on the
    last allowed attempt gives up."""
    if not notification_ids:
        return
    moment = aware(now) or utc_now()
    with engine.begin() as connection:
        if error is None:
            connection.execute(update(Notification).where(Notification.id.in_(notification_ids))
                               .values(status="sent", sent_at=moment))
            return
        for notification_id, attempts in connection.execute(
                select(Notification.id, Notification.attempts).where(Notification.id.in_(notification_ids))).all():
            connection.execute(update(Notification).where(Notification.id == notification_id).values(
                status="gave_up" if attempts >= max_attempts else "failed", last_error=error[:ERROR_MAX]))


def unconfirmed(engine: Engine, now: datetime | None = None) -> int:
    """Notifications claimed more than an hour ago whose sending was never
    confirmed (the run stopped mid-send); they are not retried."""
    moment = aware(now) or utc_now()
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(Notification).where(
            Notification.status == "sending", Notification.claimed_at < moment - STALE_AFTER)).scalar())
