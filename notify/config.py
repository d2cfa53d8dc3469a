"""What notifications need from the secrets file (read through
:func:`queries.config.secrets`)::

    [smtp]
    host = "smtp.example.org"
    port = 587                 # default: 587 for starttls, 465 for ssl, 25 for none
    user = "insikt"            # optional: no login without it
    password = "…"
    from = "Insikt <insikt@example.org>"
    tls = "starttls"           # starttls (default), ssl or none

    [insikt]
    base_url = "https://insikt.example.org"   # the app's public address, for links

    [notify]                   # all optional
    reminder_hours = 8         # remind this long before a case's deadline
    lookback_hours = 72        # new and overdue cases older than this are not announced
    max_attempts = 3           # a failed notification is tried again on later runs up to this
    webhook_timeout = 5        # seconds per webhook request

No ``[smtp] host``: e-mail is off (webhooks still go out).
"""

from __future__ import annotations

from dataclasses import dataclass

from queries.config import secrets

TLS_MODES = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
DEFAULT_BASE_URL = "http://localhost:8501"


class ConfigError(ValueError):
    """A notification setting that cannot be used; the message names the key."""


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    sender: str
    tls: str = "starttls"
    user: str | None = None
    password: str | None = None
    timeout: float = 20.0


@dataclass(frozen=True)
class Settings:
    smtp: Smtp | None  # None: e-mail is off
    base_url: str
    base_url_configured: bool
    reminder_hours: float = 8.0
    lookback_hours: float = 72.0
    max_attempts: int = 3
    webhook_timeout: float = 5.0


def _number(section: dict, key: str, default: float, low: float, high: float, name: str) -> float:
    value = section.get(key, default)
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{name}.{key} must be a number, got {value!r}") from None
    if not low <= value <= high:
        raise ConfigError(f"{name}.{key} must be between {low:g} and {high:g}, got {value:g}")
    return value


def _smtp(section: dict) -> Smtp | None:
    host = str(section.get("host") or "").strip()
    if not host:
        return None
    tls = str(section.get("tls", "starttls")).strip().lower()
    if tls not in TLS_MODES:
        raise ConfigError(f"smtp.tls must be one of {', '.join(TLS_MODES)}, got {tls!r}")
    sender = str(section.get("from") or section.get("user") or "").strip()
    if "@" not in sender:
        raise ConfigError("smtp.from must be the sender's e-mail address (for example "
                          "\"Insikt <insikt@example.org>\")")
    port = int(_number(section, "port", DEFAULT_PORTS[tls], 1, 65535, "smtp"))
    return Smtp(host=host, port=port, sender=sender, tls=tls, user=section.get("user") or None,
                password=section.get("password") or None)


def settings(source: dict | None = None) -> Settings:
    """The notification settings of ``source`` (default: the secrets file);
    :class:`ConfigError` when a value cannot be used."""
    source = secrets() if source is None else source
    notify = source.get("notify", {})
    base_url = str(source.get("insikt", {}).get("base_url") or "").strip().rstrip("/")
    return Settings(
        smtp=_smtp(source.get("smtp", {})),
        base_url=base_url or DEFAULT_BASE_URL,
        base_url_configured=bool(base_url),
        reminder_hours=_number(notify, "reminder_hours", 8, 0.5, 24 * 14, "notify"),
        lookback_hours=_number(notify, "lookback_hours", 72, 1, 24 * 60, "notify"),
        max_attempts=int(_number(notify, "max_attempts", 3, 1, 20, "notify")),
        webhook_timeout=_number(notify, "webhook_timeout", 5, 0.5, 60, "notify"),
    )
