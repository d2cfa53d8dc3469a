"""What the notification tests share: a real SMTP server (aiosmtpd) and a real
HTTP server on localhost, a demo database put back as it was after each test,
and a scenario of follow-up cases with known recipients."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import delete, func, insert, select, update

from notify.config import Settings, Smtp
from queries.rollup import refresh
from queries.schema import (
    FollowUp, Notification, NotificationPreference, Response, Touchpoint, Unit, User, Webhook,
)

NOW = datetime(2026, 11, 23, 13, 0, tzinfo=timezone.utc)  # TODAY of the demo, a Monday, 13:00 UTC
SOURCE = "notify-test"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """An aiosmtpd handler keeping every message; ``refuse`` makes it answer 451."""

    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self.refuse = False
        self.messages: list[EmailMessage] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.refuse:
            return "451 Requested action aborted: try again later"
        with self.lock:
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"

    def to(self, address: str, kind: str | None = None) -> list[EmailMessage]:
        return [m for m in self.messages if address in m["To"] and (kind is None or m["X-Insikt-Kind"] == kind)]

    def about(self, address: str, kind: str) -> list[str]:
        """Every subject of the log the messages of ``kind`` to ``address`` carried."""
        return sorted(s for m in self.to(address, kind) for s in str(m["X-Insikt-About"]).split())


@dataclass
class Mailhost:
    inbox: Inbox
    smtp: Smtp

    def settings(self, **changes) -> Settings:
        values = dict(smtp=self.smtp, base_url="https://insikt.test", base_url_configured=True) | changes
        return Settings(**values)


def start_smtp(inbox: Inbox, **options):
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    return controller, port


@pytest.fixture
def mailhost():
    inbox = Inbox()
    controller, port = start_smtp(inbox)
    yield Mailhost(inbox, Smtp(host="127.0.0.1", port=port, sender="Insikt <insikt@insikt.test>", tls="none",
                               timeout=10))
    controller.stop()


@dataclass
class Hook:
    """A local HTTP server that records every JSON POST; ``status`` and ``delay``
    set how it answers."""

    status: int = 200
    delay: float = 0.0
    bodies: list[dict] = field(default_factory=list)
    calls: int = 0
    url: str = ""


@pytest.fixture
def hook_server():
    hook = Hook()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            hook.calls += 1
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if hook.delay:
                time.sleep(hook.delay)
            if hook.status == 200:
                hook.bodies.append(json.loads(body))
            self.send_response(hook.status)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *_args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    hook.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield hook
    server.shutdown()
    server.server_close()


# --- the database -------------------------------------------------------------------------------

@pytest.fixture(params=["sqlite", "postgres"])
def notify_engine(request):
    """A demo database for a test that writes: SQLite a private copy, PostgreSQL
    the shared demo, put back afterwards."""
    from queries.db import engine_for

    if request.param == "sqlite":
        yield engine_for(request.getfixturevalue("sqlite_scratch_url"))
        return
    engine = engine_for(request.getfixturevalue("postgres_demo_url"))
    with engine.connect() as connection:
        cases = [dict(row) for row in connection.execute(
            select(FollowUp.id, FollowUp.created_at, FollowUp.due_at, FollowUp.owner_id)).mappings()]
        last_user = connection.execute(select(func.max(User.id))).scalar()
    yield engine
    with engine.begin() as connection:
        days = connection.execute(select(func.min(Response.responded_at), func.max(Response.responded_at))
                                  .where(Response.source == SOURCE)).first()
        connection.execute(delete(Response).where(Response.source == SOURCE))
        if days[0] is not None:
            refresh(connection, days[0].date(), days[1].date())
        for case in cases:
            connection.execute(update(FollowUp.__table__).where(FollowUp.id == case["id"]).values(
                created_at=case["created_at"], due_at=case["due_at"], owner_id=case["owner_id"]))
        for table in (Notification, NotificationPreference, Webhook):
            connection.execute(delete(table))
        connection.execute(delete(User).where(User.id > last_user))
        connection.execute(update(User).values(language=None))


def ids(engine, *usernames) -> list[int]:
    with engine.connect() as connection:
        found = dict(connection.execute(select(User.username, User.id).where(User.username.in_(usernames))).all())
    return [found[name] for name in usernames]


def unit(engine, name: str) -> int:
    with engine.connect() as connection:
        return connection.execute(select(Unit.id).where(Unit.name == name)).scalar_one()


def add_user(engine, username: str, role: str, unit_name: str, language: str | None = None) -> int:
    with engine.begin() as connection:
        return connection.execute(insert(User).values(
            username=username, display_name=username.title(), email=f"{username}@insikt.test",
            password_hash=None, role=role, unit_id=unit(engine, unit_name), active=True, session_version=0,
            failed_logins=0, created_at=NOW, language=language)).inserted_primary_key[0]


def add_response(connection, unit_id: int, at: datetime, nps: int, comment: str | None,
                 touchpoint: str = "store_visit", number: list = [0]) -> int:  # noqa: B006 - a counter
    number[0] += 1
    touchpoint_id = connection.execute(select(Touchpoint.id).where(Touchpoint.key == touchpoint)).scalar_one()
    return connection.execute(insert(Response).values(
        source=SOURCE, external_id=f"{SOURCE}-{number[0]}-{at.isoformat()}", unit_id=unit_id,
        touchpoint_id=touchpoint_id, channel="email", responded_at=at, nps=nps, comment=comment,
        language="sv", imported_at=at)).inserted_primary_key[0]


def add_case(engine, unit_name: str, *, status: str = "new", owner: int | None = None,
             created: timedelta = timedelta(hours=-1), due: timedelta = timedelta(hours=47),
             comment: str = "Ingen hörde av sig.", nps: int = 2) -> int:
    """A case of ``unit_name`` opened ``created`` from NOW, due ``due`` from NOW."""
    with engine.begin() as connection:
        unit_id = unit(engine, unit_name)
        response_id = add_response(connection, unit_id, NOW + created - timedelta(minutes=5), nps, comment)
        return connection.execute(insert(FollowUp).values(
            response_id=response_id, unit_id=unit_id, status=status, owner_id=owner, due_at=NOW + due, notes="",
            created_at=NOW + created, updated_at=NOW + created, version=1 if status == "new" else 2,
            contacted_at=None if status == "new" else NOW + created)).inserted_primary_key[0]


def quiet(engine) -> None:
    """Every existing case: opened a month ago, due in a month (nothing is due about it)."""
    with engine.begin() as connection:
        connection.execute(update(FollowUp.__table__).values(created_at=NOW - timedelta(days=30),
                                                             due_at=NOW + timedelta(days=30)))


@dataclass
class Scenario:
    """Cases with known recipients at NOW (see :func:`scenario`)."""

    new_unassigned: int
    new_owned: int
    due_soon: int
    overdue: int
    gavle: int
    moved_owner_case: int
    staff: int
    manager: int
    gavle_staff: int
    moved: int


def scenario(engine) -> Scenario:
    """Uppsala Centrum: a new unassigned case (to staff and manager), a new case of
    the staff member (to them), one due in three hours owned by staff (a
    reminder), one past its deadline (an escalation to the manager); a new case
    owned by someone who has since moved to Gävle (not told: outside their scope);
    Gävle: a new unassigned case (to its staff member and manager, nobody in Uppsala).
    The staff member reads English, everyone else the default (Swedish).
    Nobody gets the weekly digest here (its own tests turn it on), which keeps the runs short."""
    quiet(engine)
    staff, manager = ids(engine, "staff", "manager")
    with engine.begin() as connection:
        connection.execute(update(User).where(User.id == staff).values(language="en"))
    gavle_staff = add_user(engine, "gavle.staff", "staff", "Gävle", "en")
    moved = add_user(engine, "moved", "staff", "Gävle")
    with engine.begin() as connection:
        users = connection.execute(select(User.id)).scalars().all()
        connection.execute(insert(NotificationPreference), [
            {"user_id": user_id, "kind": "digest", "enabled": False, "updated_at": NOW} for user_id in users])
    return Scenario(
        new_unassigned=add_case(engine, "Uppsala Centrum", comment="Kön var <b>lång</b> & ingen svarade, ring mig på 070-123 45 67"),
        new_owned=add_case(engine, "Uppsala Centrum", owner=staff),
        due_soon=add_case(engine, "Uppsala Centrum", status="contacted", owner=staff,
                          created=timedelta(days=-2), due=timedelta(hours=3)),
        overdue=add_case(engine, "Uppsala Centrum", status="contacted", created=timedelta(days=-3),
                         due=timedelta(hours=-2)),
        gavle=add_case(engine, "Gävle"),
        moved_owner_case=add_case(engine, "Uppsala Centrum", owner=moved),
        staff=staff, manager=manager, gavle_staff=gavle_staff, moved=moved,
    )


def subject_of(engine, case_id: int) -> str:
    from notify.plan import case_subject

    with engine.connect() as connection:
        due = connection.execute(select(FollowUp.due_at).where(FollowUp.id == case_id)).scalar_one()
    return case_subject({"id": case_id, "due_at": due})
