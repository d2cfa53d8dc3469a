"""Where the database is: ``DATABASE_URL``, else ``[connections.insikt] url`` in
``.streamlit/secrets.toml``, else a SQLite file under ``data/``; an optional read
replica (``DATABASE_READ_URL`` or ``[connections.insikt] read_url``); and the
default language of the app and its e-mails."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRETS_FILE = ROOT / ".streamlit" / "secrets.toml"
DEFAULT_SQLITE = ROOT / "data" / "insikt.db"
LANGUAGES = ("sv", "en")


def secrets() -> dict:
    """The parsed secrets file, or an empty dict when there is none."""
    path = Path(os.environ.get("INSIKT_SECRETS_FILE", SECRETS_FILE))
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


def configured_url() -> str | None:
    """The database URL that ``DATABASE_URL`` or the secrets name, if any."""
    url = os.environ.get("DATABASE_URL") or secrets().get("connections", {}).get("insikt", {}).get("url")
    return normalise_url(url) if url else None


def read_url() -> str | None:
    """The read replica's URL that ``DATABASE_READ_URL`` or the secrets name, if any:
    pages read their data there, every write goes to :func:`database_url`."""
    url = os.environ.get("DATABASE_READ_URL") or secrets().get("connections", {}).get("insikt", {}).get("read_url")
    return normalise_url(url) if url else None


def default_url() -> str:
    """The SQLite file of an installation without configuration."""
    return f"sqlite:///{DEFAULT_SQLITE}"


def first_start_mark() -> Path:
    """The file beside the default SQLite file that says its first start is done:
    from then on that database is never created again, nor filled with the demo."""
    return DEFAULT_SQLITE.with_name(DEFAULT_SQLITE.name + ".created")


def database_url() -> str:
    """The SQLAlchemy URL of the database to use."""
    url = configured_url()
    if url:
        return url
    DEFAULT_SQLITE.parent.mkdir(parents=True, exist_ok=True)
    return default_url()


def normalise_url(url: str) -> str:
    """Use the psycopg 3 driver for plain ``postgres://``/``postgresql://`` URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def default_language() -> str:
    """The configured default: ``INSIKT_LANGUAGE`` or ``[insikt] language`` in secrets, else sv."""
    language = os.environ.get("INSIKT_LANGUAGE") or secrets().get("insikt", {}).get("language", "sv")
    return language if language in LANGUAGES else "sv"
