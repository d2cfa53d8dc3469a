"""Import mappings saved for reuse (the next file of the same kind), kept as
YAML in the ``settings`` table under ``import_mapping:<name>``."""

from __future__ import annotations

from sqlalchemy import Engine, select

from queries.schema import Setting
from queries.settings import put
from queries.users import Account

PREFIX = "import_mapping:"
NAME_MAX = 60
ROLES = ("admin", "manager")


def saved_mappings(engine: Engine) -> dict[str, str]:
    """Every saved mapping, by name (A–Z): its YAML text."""
    with engine.connect() as connection:
        rows = connection.execute(select(Setting.key, Setting.value)
                                  .where(Setting.key.startswith(PREFIX)).order_by(Setting.key)).all()
    return {key[len(PREFIX):]: value for key, value in rows}


def save_mapping(engine: Engine, actor: Account, name: str, yaml_text: str) -> str:
    """Save (or replace) a mapping under ``name``; returns the cleaned name.
    ValueError for a name that is empty or longer than :data:`NAME_MAX`."""
    if actor.role not in ROLES:
        raise PermissionError(f"{actor.display_name} ({actor.role}) may not save import mappings.")
    name = " ".join(str(name or "").split())
    if not 0 < len(name) <= NAME_MAX:
        raise ValueError(f"a mapping needs a name of 1 to {NAME_MAX} characters")
    with engine.begin() as connection:
        put(connection, PREFIX + name, yaml_text)
    return name
