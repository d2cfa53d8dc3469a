"""Users from the command line: the first administrator of a new deployment, and
passwords when nobody can log in.

    python -m ingest.users add USERNAME --role admin|leader|manager|staff [--unit UNIT]
        [--display-name NAME] [--email ADDRESS] [--database-url URL]
    python -m ingest.users list [--database-url URL]
    python -m ingest.users set-password USERNAME [--temporary] [--database-url URL]
    python -m ingest.users deactivate USERNAME [--database-url URL]

The password is read from standard input when that is not a terminal
(``printf '%s\\n' "$PASSWORD" | python -m ingest.users add …``: the first line,
without its line break), and asked for twice without echo otherwise. It needs
10 characters and must not be easy to guess. The database is ``--database-url``,
else ``DATABASE_URL``, else the configured one (as for the app).

Exit codes: 0 done; 1 the database cannot be reached; 2 the input is wrong (a
weak or empty password, an unknown unit or role, a malformed name or address);
3 the database refuses it (the username is taken, no such user, the last active
administrator).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TextIO

from queries.schema import ROLES

CONFLICTS = frozenset({"username_taken", "email_taken", "unknown_user", "last_admin"})


class _Refused(Exception):
    """Input the command cannot use: a message and an exit code."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


def read_password(stdin: TextIO, *, confirm: bool = True) -> str:
    """The password: the first line of a piped standard input, else typed twice
    without echo."""
    if not stdin.isatty():
        return stdin.readline().rstrip("\r\n")
    password = getpass.getpass("Password: ")
    if confirm and getpass.getpass("Password again: ") != password:
        raise _Refused("The two passwords differ; nothing was changed.")
    return password


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m ingest.users", description="Manage Insikt's users.")
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument("--database-url", help="the database (default: DATABASE_URL, else the configured one)")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", parents=[database], help="add a user (the password from standard input)")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--unit", help="the unit or region a manager or staff member belongs to")
    add.add_argument("--display-name", help="the name shown in the app (default: the username)")
    add.add_argument("--email", help="e-mail address (for single sign-on and notifications)")
    commands.add_parser("list", parents=[database], help="list the users")
    password = commands.add_parser("set-password", parents=[database],
                                   help="set a user's password (from standard input)")
    password.add_argument("username")
    password.add_argument("--temporary", action="store_true",
                          help="the user must choose their own password at the next login")
    deactivate = commands.add_parser("deactivate", parents=[database], help="stop a user from logging in")
    deactivate.add_argument("username")
    return parser


def _list(engine, out: TextIO) -> None:
    from queries.admin import users_table

    table = users_table(engine)
    if table.empty:
        print("No users yet. Add the first administrator with:\n"
              "  python -m ingest.users add USERNAME --role admin", file=out)
        return
    print(f"{'username':<24} {'role':<8} {'unit':<24} {'active':<7} {'password':<14} display name", file=out)
    for row in table.itertuples():
        state = ("must change" if row.must_change_password else "set") if row.has_password else "none (SSO)"
        unit = row.unit if isinstance(row.unit, str) else ""
        print(f"{row.username:<24} {row.role:<8} {unit:<24} {'yes' if row.active else 'no':<7} {state:<14} "
              f"{row.display_name}", file=out)


def main(argv: list[str] | None = None, stdin: TextIO | None = None, out: TextIO | None = None) -> int:
    args = _parser().parse_args(argv)
    stdin, out = stdin or sys.stdin, out or sys.stdout
    from queries import admin
    from queries.db import DatabaseUnavailable, prepare

    try:
        engine = prepare(args.database_url)
    except DatabaseUnavailable as error:
        print(f"Cannot reach the database: {error}", file=sys.stderr)
        return 1
    try:
        if args.command == "list":
            _list(engine, out)
        elif args.command == "add":
            if args.unit and args.role not in admin.SCOPED_ROLES:
                raise _Refused(f"A {args.role} sees every unit: leave out --unit.")
            if not args.unit and args.role in admin.SCOPED_ROLES:
                raise _Refused(f"A {args.role} belongs to a unit or region: add --unit NAME.")
            admin.add_user(engine, username=args.username, display_name=args.display_name, role=args.role,
                           unit_name=args.unit, email=args.email, password=read_password(stdin))
            print(f"Added {args.role} {args.username.strip().lower()!r}; they can log in now.", file=out)
        elif args.command == "set-password":
            admin.set_password(engine, args.username, read_password(stdin), must_change=args.temporary)
            extra = " They must choose their own at the next login." if args.temporary else ""
            print(f"New password for {args.username.strip().lower()!r}; their open logins have ended.{extra}",
                  file=out)
        elif admin.deactivate_user(engine, args.username):
            print(f"Deactivated {args.username.strip().lower()!r}: they can no longer log in.", file=out)
        else:
            print(f"{args.username.strip().lower()!r} was inactive already.", file=out)
    except _Refused as refused:
        print(str(refused), file=sys.stderr)
        return refused.code
    except admin.AdminError as error:
        print(f"Nothing changed: {error.message}.", file=sys.stderr)
        return 3 if error.code in CONFLICTS else 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
