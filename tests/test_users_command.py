"""``python -m ingest.users``: the first administrator of a new deployment, the
user list, passwords and deactivation, on SQLite and PostgreSQL; and the change
of password every user can make, and must make after a generated one."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from components import auth
from ingest import users as command
from queries import admin, users
from queries.db import engine_for
from queries.passwords import password_problem
from queries.schema import Unit, User
from tests.fresh_databases import fresh_url  # noqa: F401  (a pytest fixture)

ROOT = Path(__file__).resolve().parent.parent
GOOD = "correct horse battery"


def run(url: str, *argv: str, password: str | None = None) -> tuple[int, str, str]:
    """Exit code, standard output and standard error of ``main`` with a piped password."""
    out, err = io.StringIO(), io.StringIO()
    stdin = io.StringIO("" if password is None else password + "\n")
    old = sys.stderr
    sys.stderr = err
    try:
        code = command.main([*argv, "--database-url", url], stdin=stdin, out=out)
    finally:
        sys.stderr = old
    return code, out.getvalue(), err.getvalue()


def test_the_first_admin_is_added_with_the_password_on_standard_input(fresh_url):
    engine = engine_for(fresh_url)
    assert users.active_users(engine) == 0
    code, out, _err = run(fresh_url, "add", "Ada", "--role", "admin", "--display-name", "Ada Admin",
                          "--email", "Ada@Example.org", password=GOOD)
    assert (code, out) == (0, "Added admin 'ada'; they can log in now.\n")
    signed_in = users.authenticate(engine, "ada", GOOD).account
    assert (signed_in.role, signed_in.display_name, signed_in.must_change_password) == ("admin", "Ada Admin", False)
    assert users.account_by_email(engine, "ada@example.org").id == signed_in.id
    code, out, _err = run(fresh_url, "list")
    assert code == 0 and out.splitlines()[1].split()[:5] == ["ada", "admin", "yes", "set", "Ada"]


def test_errors_say_what_is_wrong_and_exit_with_their_code(fresh_url):
    engine = engine_for(fresh_url)
    with engine.begin() as connection:
        region = connection.execute(Unit.__table__.insert().values(
            name="Region Syd", kind="region", active=True)).inserted_primary_key[0]
        connection.execute(Unit.__table__.insert().values(name="Malmö", kind="unit", parent_id=region,
                                                          active=True))
    assert run(fresh_url, "add", "ada", "--role", "admin", password=GOOD)[0] == 0
    for argv, password, code, said in [
        (("add", "bo", "--role", "leader"), "", 2, "a password is required"),
        (("add", "bo", "--role", "leader"), "short", 2, "at least 10 characters"),
        (("add", "bo", "--role", "leader"), "Password123!", 2, "easy to guess"),
        (("add", "bo", "--role", "leader"), "bo-bo-bo-bo-bo", 2, "easy to guess"),
        (("add", "bo", "--role", "staff", "--unit", "Nowhere"), GOOD, 2, "no unit or region named 'Nowhere'"),
        (("add", "bo", "--role", "staff"), GOOD, 2, "add --unit NAME"),
        (("add", "bo", "--role", "leader", "--unit", "Malmö"), GOOD, 2, "leave out --unit"),
        (("add", "b o", "--role", "leader"), GOOD, 2, "not a valid username"),
        (("add", "ADA", "--role", "leader"), GOOD, 3, "the username 'ada' is taken"),
        (("set-password", "nobody"), GOOD, 3, "there is no user 'nobody'"),
        (("deactivate", "ada"), None, 3, "'ada' is the last active administrator"),
    ]:
        exit_code, out, err = run(fresh_url, *argv, password=password)
        assert (exit_code, out) == (code, ""), argv
        assert said in err, (argv, err)
    assert run(fresh_url, "add", "bo", "--role", "staff", "--unit", "malmö", password=GOOD)[0] == 0
    with engine.connect() as connection:
        assert connection.execute(select(Unit.name).join(User, User.unit_id == Unit.id)
                                  .where(User.username == "bo")).scalar() == "Malmö"
    with pytest.raises(SystemExit) as raised:
        command.main(["add", "cy", "--role", "owner", "--database-url", fresh_url])
    assert raised.value.code == 2  # argparse names the allowed roles
    assert command.main(["list", "--database-url", "postgresql+psycopg://nobody@127.0.0.1:1/none"]) == 1


def test_set_password_and_deactivate(fresh_url):
    engine = engine_for(fresh_url)
    run(fresh_url, "add", "ada", "--role", "admin", password=GOOD)
    run(fresh_url, "add", "lena", "--role", "leader", password=GOOD)
    lena = users.authenticate(engine, "lena", GOOD).account
    cookie = auth.make_cookie_value(engine, lena)
    code, out, _err = run(fresh_url, "set-password", "lena", "--temporary", password="a brand new secret")
    assert code == 0 and "must choose their own" in out
    assert auth.account_from_cookie(engine, cookie) is None  # her open logins ended
    assert users.authenticate(engine, "lena", GOOD).account is None
    assert users.authenticate(engine, "lena", "a brand new secret").account.must_change_password
    assert run(fresh_url, "deactivate", "lena")[:2] == (0, "Deactivated 'lena': they can no longer log in.\n")
    assert run(fresh_url, "deactivate", "lena")[1] == "'lena' was inactive already.\n"
    assert users.authenticate(engine, "lena", "a brand new secret").account is None
    assert run(fresh_url, "list")[1].splitlines()[2].split()[:3] == ["lena", "leader", "no"]


def test_a_piped_password_in_a_real_process(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    done = subprocess.run([sys.executable, "-m", "ingest.users", "add", "root", "--role", "admin"],
                          input=GOOD + "\n", capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env=os.environ | {"DATABASE_URL": url})
    assert (done.returncode, done.stdout) == (0, "Added admin 'root'; they can log in now.\n"), done.stderr
    assert users.authenticate(engine_for(url), "root", GOOD).account.role == "admin"


def test_passwords_easy_to_guess_are_refused():
    for password in ("1234567890", "0987654321", "Insikt2026!", "aaaaaaaaaaaa", "qwertyuiop1", "abababababab"):
        assert password_problem(password) == "password_weak", password
    assert password_problem("ada.lovelace1", "ada.lovelace") == "password_weak"
    for password in (GOOD, "ten chars!", "Tåget går 07:42"):
        assert password_problem(password, "ada") is None


def test_a_user_changes_their_own_password(fresh_url):
    engine = engine_for(fresh_url)
    run(fresh_url, "add", "ada", "--role", "admin", password=GOOD)
    boss = users.authenticate(engine, "ada", GOOD).account
    created = admin.create_user(engine, boss, username="kim", display_name="Kim", role="leader")
    kim = users.authenticate(engine, "kim", created.password).account
    assert kim.must_change_password  # a generated password is changed at the first login
    other_login = auth.make_cookie_value(engine, kim)
    for current, new, code in [("wrong", "a fine new phrase", "wrong_current"),
                               (created.password, created.password, "same_as_current"),
                               (created.password, "short", "password_too_short"),
                               (created.password, "kim-kim-kim-kim", "password_weak")]:
        with pytest.raises(users.PasswordRefused) as raised:
            users.change_password(engine, kim, current, new)
        assert raised.value.code == code
    changed = users.change_password(engine, kim, created.password, "a fine new phrase")
    assert not changed.must_change_password and changed.session_version == kim.session_version + 1
    assert auth.account_from_cookie(engine, other_login) is None
    assert users.authenticate(engine, "kim", "a fine new phrase").account.id == kim.id
    assert admin.users_table(engine).set_index("username").loc["kim", "must_change_password"] == False  # noqa: E712
    admin.reset_password(engine, boss, kim.id)
    assert admin.users_table(engine).set_index("username").loc["kim", "must_change_password"] == True  # noqa: E712
    chosen = admin.create_user(engine, boss, username="lo", display_name="Lo", role="leader",
                               password="chosen by the admin")
    assert chosen.password is None and not users.account_by_id(engine, chosen.id).must_change_password
