"""Looking up the demo's people and units in tests."""

from __future__ import annotations

from sqlalchemy import select

from queries.schema import Unit, User
from queries.scope import Scope, scope_for
from queries.users import Account, account_by_id


def user_id(engine, username: str) -> int:
    with engine.connect() as connection:
        return connection.execute(select(User.id).where(User.username == username)).scalar_one()


def person(engine, username: str) -> tuple[Account, Scope]:
    """(Account, Scope) of a demo user."""
    account = account_by_id(engine, user_id(engine, username))
    return account, scope_for(engine, account.role, account.unit_id)


def unit_id(engine, name: str) -> int:
    with engine.connect() as connection:
        return connection.execute(select(Unit.id).where(Unit.name == name)).scalar_one()
