"""``python -m notify run [--dry-run] [--database-url URL] [--now ISO]``: send
what is due (see :mod:`notify.plan`) and say what was done, one line each.

Each notification is claimed in the database before it is sent and marked sent
or failed after (:mod:`queries.notifications`), so a run can be repeated or
overlap another without sending anything twice; failed ones are tried again on
later runs, up to ``[notify] max_attempts``. One e-mail per person and kind
carries every case claimed for them in the run. Webhooks are posted in
parallel threads, each request with a timeout, while the e-mails go out.
``--dry-run`` prints what would be sent and records nothing.

Exit status: 0 when nothing failed (also when e-mail is off), 1 when something
failed (it is retried on the next run), 2 when the settings or the database
cannot be used.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select

from notify import compose, digest, plan
from notify.config import ConfigError, Settings, settings as read_settings
from notify.mailer import Mailer
from notify.webhooks import WebhookError, post
from queries.config import default_language
from queries.follow_ups import read_rules
from queries.notifications import claim, finish, pending, unconfirmed
from queries.schema import Webhook

WEBHOOK_THREADS = 4


@dataclass
class Summary:
    sent: int = 0
    failed: int = 0
    no_address: int = 0
    lines: list[str] = field(default_factory=list)


def _webhook_urls(engine: Engine) -> dict[int, str]:
    with engine.connect() as connection:
        return dict(connection.execute(select(Webhook.id, Webhook.url)).all())


class _Run:
    def __init__(self, engine: Engine, settings: Settings, now: datetime, dry_run: bool,
                 say: Callable[[str], None]):
        self.engine, self.settings, self.now, self.dry_run = engine, settings, now, dry_run
        self.say, self.summary = say, Summary()
        self.zone = ZoneInfo(read_rules(engine).time_zone)
        self.organisation = plan.Organisation(engine)
        self.shared: dict = {}  # digest parts read once per unit and scope

    def report(self, line: str) -> None:
        self.summary.lines.append(line)
        self.say(line)

    def take(self, due: plan.Due) -> int | None:
        """Claim ``due`` (or, in a dry run, check that it could be claimed: 0)."""
        if self.dry_run:
            return 0 if pending(self.engine, due.channel, due.kind, due.recipient_id, due.subject,
                                self.settings.max_attempts) else None
        return claim(self.engine, due.channel, due.kind, due.recipient_id, due.subject,
                     self.settings.max_attempts, self.now)

    def done(self, ids: list[int], error: str | None) -> None:
        if not self.dry_run:
            finish(self.engine, ids, error, self.settings.max_attempts, self.now)
        if error is None:
            self.summary.sent += 1
        else:
            self.summary.failed += 1

    # --- e-mail ---------------------------------------------------------------------------------

    def mail(self, kind: str, person, claimed: list[plan.Due]) -> compose.Mail:
        language = person.language or default_language()
        if kind == "digest":
            content = digest.build(self.engine, person, self.organisation.scope(person), claimed[0].week,
                                   language, self.now, self.shared)
            return compose.digest_mail(person, content, language, self.settings, self.zone, self.now)
        return compose.case_mail(kind, person, [due.case for due in claimed], language, self.settings,
                                 self.zone, self.now)

    def emails(self, due: list[plan.Due], mailer: Mailer | None) -> None:
        groups: dict[tuple[str, int], list[plan.Due]] = {}
        for item in due:
            groups.setdefault((item.kind, item.recipient_id), []).append(item)
        for (kind, recipient_id), items in groups.items():
            person = self.organisation.people[recipient_id]
            if not person.email:
                self.summary.no_address += 1
                continue
            claimed = [(item, taken) for item in items if (taken := self.take(item)) is not None]
            if not claimed:
                continue
            ids = [taken for _item, taken in claimed]
            what = f"e-mail {kind:<10} to {person.email}"
            try:
                mail = self.mail(kind, person, [item for item, _taken in claimed])
                if self.dry_run:
                    self.report(f"would send {what}: {mail.subject}")
                    self.done(ids, None)
                    continue
                mailer.send(compose.message(mail, self.settings.smtp.sender,
                                            [item.subject for item, _taken in claimed]))
            except Exception as error:  # noqa: BLE001 - one person's failure must not stop the others
                self.done(ids, f"{type(error).__name__}: {error}")
                self.report(f"FAILED {what}: {error}")
                continue
            self.done(ids, None)
            self.report(f"sent {what}: {mail.subject}")

    # --- webhooks -------------------------------------------------------------------------------

    def webhooks(self, due: list[plan.Due], pool: ThreadPoolExecutor) -> list[tuple[plan.Due, int, str, Future | None]]:
        urls = _webhook_urls(self.engine)
        started = []
        language = default_language()
        for item in due:
            taken = self.take(item)
            if taken is None or item.recipient_id not in urls:
                continue
            payload = compose.webhook_payload(item.kind, item.case, language, self.settings, self.zone, self.now)
            url = urls[item.recipient_id]
            future = None if self.dry_run else pool.submit(post, url, payload, self.settings.webhook_timeout)
            started.append((item, taken, url, future))
        return started

    def collect(self, started) -> None:
        for item, taken, url, future in started:
            what = f"webhook {item.kind:<10} to {url} ({item.subject})"
            if future is None:
                self.report(f"would send {what}")
                self.done([taken], None)
                continue
            try:
                future.result()
            except WebhookError as error:
                self.done([taken], str(error))
                self.report(f"FAILED {what}: {error}")
                continue
            self.done([taken], None)
            self.report(f"sent {what}")

    def __call__(self) -> Summary:
        due = plan.case_notifications(self.organisation, self.settings, self.now)
        due += plan.digests(self.organisation, self.now)
        emails = [item for item in due if item.channel == "email"]
        hooks = [item for item in due if item.channel == "webhook"]
        with ThreadPoolExecutor(max_workers=WEBHOOK_THREADS) as pool:
            started = self.webhooks(hooks, pool)
            if self.settings.smtp is None:
                self.report("E-mail is off: no [smtp] host in the secrets file, so no e-mail is sent.")
            if self.dry_run:
                self.emails(emails, None)
            elif self.settings.smtp is None:
                pass
            else:
                with Mailer(self.settings.smtp) as mailer:
                    self.emails(emails, mailer)
            self.collect(started)
        if self.summary.no_address:
            self.report(f"{self.summary.no_address} e-mail(s) not sent: the user has no e-mail address.")
        stale = unconfirmed(self.engine, self.now)
        if stale:
            self.report(f"{stale} notification(s) were claimed over an hour ago by a run that never "
                        "confirmed sending them; they are not retried (see the notifications table).")
        verb = "would be sent" if self.dry_run else "sent"
        self.report(f"Done: {self.summary.sent} {verb}, {self.summary.failed} failed.")
        return self.summary


def run(engine: Engine, settings: Settings, now: datetime | None = None, dry_run: bool = False,
        say: Callable[[str], None] = print) -> Summary:
    """Send (or with ``dry_run`` list) every notification due at ``now``."""
    now = now or datetime.now(timezone.utc)
    return _Run(engine, settings, now if now.tzinfo else now.replace(tzinfo=timezone.utc), dry_run, say)()


def _moment(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m notify", description="Insikt's notifications.")
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("run", help="send the e-mails and webhook messages that are due")
    command.add_argument("--dry-run", action="store_true", help="print what would be sent; record nothing")
    command.add_argument("--database-url", default=None, help="the database (default: as the app is configured)")
    command.add_argument("--now", type=_moment, default=None,
                         help="pretend it is this moment (ISO 8601; UTC unless an offset is given)")
    args = parser.parse_args(argv)
    from queries.db import DatabaseUnavailable, prepare

    try:
        settings = read_settings()
    except ConfigError as error:
        print(f"Cannot send notifications: {error}", file=sys.stderr)
        return 2
    try:
        engine = prepare(args.database_url)
    except DatabaseUnavailable as error:
        print(f"Cannot reach the database: {error}", file=sys.stderr)
        return 2
    if settings.smtp is not None and not settings.base_url_configured:
        print(f"Note: no [insikt] base_url in the secrets file; links point to {settings.base_url}.")
    summary = run(engine, settings, args.now, args.dry_run)
    return 1 if summary.failed else 0
