"""Where the database is: ``DATABASE_URL``, else ``[connections.insikt] url`` in
``.streamlit/secrets.toml``, else a SQLite file under ``data/``; and the default
language of the app and its e-mails."""

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


def database_url() -> str:
    """The SQLAlchemy URL of the database to use."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return normalise_url(url)
    url = secrets().get("connections", {}).get("insikt", {}).get("url")
    if url:
        return normalise_url(url)
    DEFAULT_SQLITE.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_SQLITE}"


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
