"""E-mail notifications against a real SMTP server on localhost (aiosmtpd), on
SQLite and PostgreSQL: each kind reaches the right people once, in their
language, respecting their choices and their scope; overlapping runs send
nothing twice; failures are retried a bounded number of times."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from notify import config
from notify.run import main, run
from queries.notifications import Choices, choices, save_choices
from queries.schema import Notification
from queries.users import account_by_id
from tests.notify_support import (  # noqa: F401 - fixtures
    NOW, Inbox, hook_server, ids, mailhost, notify_engine, scenario, start_smtp, subject_of,
)

pytestmark = pytest.mark.timeout(300)

CASE_KINDS = ("new_case", "reminder", "escalation")


def _log(engine) -> list[tuple]:
    with engine.connect() as connection:
        return sorted(connection.execute(select(Notification.kind, Notification.recipient_id, Notification.subject,
                                                Notification.status, Notification.attempts)).all())


def test_each_case_kind_reaches_the_right_people_once_in_their_language(notify_engine, mailhost):
    engine, inbox = notify_engine, mailhost.inbox
    cases = scenario(engine)
    s = lambda *case_ids: sorted(subject_of(engine, c) for c in case_ids)  # noqa: E731

    summary = run(engine, mailhost.settings(), NOW, say=lambda _line: None)

    staff, manager = "staff@demo.insikt.example", "manager@demo.insikt.example"
    assert inbox.about(staff, "new_case") == s(cases.new_unassigned, cases.new_owned)
    assert inbox.about(manager, "new_case") == s(cases.new_unassigned)
    assert inbox.about(staff, "reminder") == s(cases.due_soon)
    assert inbox.about(manager, "reminder") == []  # the staff member owns it
    assert inbox.about(manager, "escalation") == s(cases.overdue)
    assert inbox.about(staff, "escalation") == []  # escalations go to the manager
    assert inbox.about("gavle.staff@insikt.test", "new_case") == s(cases.gavle)
    assert inbox.about("karin.gavle@demo.insikt.example", "new_case") == s(cases.gavle)
    # The owner who moved to Gävle is told nothing about Uppsala; Gävle's people nothing about Uppsala.
    assert inbox.about("moved@insikt.test", "new_case") == s(cases.gavle)
    for address in ("gavle.staff@insikt.test", "moved@insikt.test", "karin.gavle@demo.insikt.example"):
        assert all("Uppsala" not in m.get_body(("plain",)).get_content() for m in inbox.to(address))
    assert not [m for m in inbox.messages if m["X-Insikt-Kind"] in CASE_KINDS
                and any(who in m["To"] for who in ("leader@", "admin@"))]

    # One e-mail per person and kind; the staff member's in English, the manager's in Swedish.
    [mail] = inbox.to(staff, "new_case")
    assert mail["Subject"] == "2 new cases to follow up"
    assert mail["Content-Language"] == "en"
    assert inbox.to(manager, "new_case")[0]["Subject"] == "Nytt ärende att följa upp: Uppsala Centrum"
    assert inbox.to(manager, "escalation")[0]["Subject"] == "Försenat ärende i Uppsala Centrum"
    reminder = inbox.to(staff, "reminder")[0].get_body(("plain",)).get_content()
    assert "answer by 23 Nov 2026 17:00 (in 3 hours)" in reminder  # 16:00 UTC in Stockholm
    escalation = inbox.to(manager, "escalation")[0].get_body(("plain",)).get_content()
    assert "skulle besvarats 23 nov. 2026 12:00 (2 timmar sedan)" in escalation
    assert "Ingen ägare ännu" in escalation
    assert "https://insikt.test/notifications?lang=sv" in escalation  # where to change what one gets
    assert summary.failed == 0

    # Everything is recorded as sent; a second run at the same moment sends nothing more.
    sent = len(inbox.messages)
    assert {row.status for row in _log(engine)} == {"sent"}
    again = run(engine, mailhost.settings(), NOW, say=lambda _line: None)
    assert again.sent == 0 and len(inbox.messages) == sent


def test_an_e_mail_is_multipart_with_every_data_string_escaped_and_personal_details_masked(
        notify_engine, mailhost):
    engine, inbox = notify_engine, mailhost.inbox
    scenario(engine)
    run(engine, mailhost.settings(), NOW, say=lambda _line: None)
    [mail] = inbox.to("manager@demo.insikt.example", "new_case")
    assert mail.get_content_type() == "multipart/alternative"
    plain = mail.get_body(("plain",)).get_content()
    rich = mail.get_body(("html",)).get_content()
    assert "Kön var <b>lång</b> & ingen svarade" in plain
    assert "Kön var &lt;b&gt;lång&lt;/b&gt; &amp; ingen svarade" in rich
    assert "<b>" not in rich
    # The phone number stays on the follow-up page; an e-mail leaves Insikt.
    assert "ring mig på [telefonnummer]" in plain and "070" not in plain + rich
    assert '<html lang="sv">' in rich and 'href="https://insikt.test/follow_up?lang=sv"' in rich


def test_a_kind_turned_off_is_not_sent_and_the_language_follows_the_choice(notify_engine, mailhost):
    engine, inbox = notify_engine, mailhost.inbox
    cases = scenario(engine)
    staff = account_by_id(engine, cases.staff)
    save_choices(engine, staff, staff.id, {"new_case": True, "reminder": False, "digest": True}, "sv")
    assert choices(engine, staff.id) == Choices({"new_case": True, "reminder": False, "digest": True}, "sv",
                                                "staff@demo.insikt.example")
    run(engine, mailhost.settings(), NOW, say=lambda _line: None)
    assert inbox.to("staff@demo.insikt.example", "reminder") == []
    assert inbox.to("staff@demo.insikt.example", "digest")[0]["Subject"] == "Veckan i Uppsala Centrum: vecka 47"
    assert inbox.to("manager@demo.insikt.example", "reminder") == []  # the owner turned it off; nobody else
    assert inbox.to("manager@demo.insikt.example", "digest") == []  # off for everyone else in the scenario
    assert inbox.to("staff@demo.insikt.example", "new_case")[0]["Subject"] == "2 nya ärenden att följa upp"


def test_choices_have_defaults_per_role_and_people_change_only_their_own(notify_engine):
    engine = notify_engine
    staff, manager, leader, admin = (account_by_id(engine, i) for i in ids(engine, "staff", "manager", "leader", "admin"))
    assert choices(engine, staff.id).kinds == {"new_case": True, "reminder": True, "digest": True}
    assert choices(engine, manager.id).kinds == {"new_case": True, "reminder": True, "escalation": True,
                                                 "digest": True}
    assert choices(engine, leader.id).kinds == {"digest": True}
    assert choices(engine, admin.id).kinds == {"digest": False}
    with pytest.raises(PermissionError):
        save_choices(engine, staff, manager.id, {"digest": False}, None)
    with pytest.raises(ValueError, match="staff does not receive escalation"):
        save_choices(engine, staff, staff.id, {"escalation": True}, None)
    with pytest.raises(ValueError, match="unknown language"):
        save_choices(engine, staff, staff.id, {}, "de")
    save_choices(engine, admin, manager.id, {"digest": False}, "en")  # an admin may
    assert choices(engine, manager.id).kinds["digest"] is False


def test_two_overlapping_runs_never_send_anything_twice(notify_engine):
    engine = notify_engine
    scenario(engine)
    inbox = Inbox(delay=0.15)  # slow enough for the two runs to overlap
    controller, port = start_smtp(inbox)
    settings = config.Settings(smtp=config.Smtp("127.0.0.1", port, "insikt@insikt.test", tls="none", timeout=30),
                               base_url="https://insikt.test", base_url_configured=True)
    results, errors = [], []

    def one_run():
        try:
            results.append(run(engine, settings, NOW, say=lambda _line: None))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=one_run) for _ in range(2)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=240)
    finally:
        controller.stop()
    assert not errors
    assert sum(r.sent for r in results) > 0
    about = [(m["To"], m["X-Insikt-Kind"], subject) for m in inbox.messages
             for subject in str(m["X-Insikt-About"]).split()]
    assert len(about) == len(set(about))  # no notification twice
    log = _log(engine)
    assert len(about) == len(log) and {row.status for row in log} == {"sent"}


def test_a_failure_is_retried_on_the_next_run_up_to_the_limit(notify_engine, mailhost):
    engine, inbox = notify_engine, mailhost.inbox
    cases = scenario(engine)
    settings = mailhost.settings(max_attempts=2)
    inbox.refuse = True
    first = run(engine, settings, NOW, say=lambda _line: None)
    assert first.sent == 0 and first.failed > 0
    assert {row.status for row in _log(engine)} == {"failed"}
    inbox.refuse = False
    second = run(engine, settings, NOW + timedelta(minutes=10), say=lambda _line: None)
    assert second.failed == 0
    assert inbox.about("manager@demo.insikt.example", "escalation") == [subject_of(engine, cases.overdue)]
    assert {row.status for row in _log(engine)} == {"sent"}
    assert {row.attempts for row in _log(engine)} == {2}

    # A notification that keeps failing is given up after max_attempts and not tried again.
    add = scenario.__globals__["add_case"]
    late = add(engine, "Uppsala Centrum", status="contacted", created=timedelta(days=-3), due=timedelta(hours=-1))
    inbox.refuse = True
    run(engine, settings, NOW, say=lambda _line: None)
    run(engine, settings, NOW, say=lambda _line: None)
    inbox.refuse = False
    run(engine, settings, NOW, say=lambda _line: None)
    row = [r for r in _log(engine) if r.subject == subject_of(engine, late)][0]
    assert (row.status, row.attempts) == ("gave_up", 2)
    assert inbox.about("manager@demo.insikt.example", "escalation") == [subject_of(engine, cases.overdue)]


def test_without_smtp_the_command_says_so_sends_nothing_and_exits_0(notify_engine, tmp_path, monkeypatch, capsys):
    scenario(notify_engine)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[insikt]\nbase_url = "https://insikt.test"\n')
    monkeypatch.setenv("INSIKT_SECRETS_FILE", str(secrets))
    assert main(["run", "--database-url", notify_engine.url.render_as_string(hide_password=False),
                 "--now", NOW.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "E-mail is off: no [smtp] host in the secrets file, so no e-mail is sent." in out
    assert _log(notify_engine) == []


def test_dry_run_prints_what_would_be_sent_and_records_nothing(notify_engine, mailhost, tmp_path, monkeypatch, capsys):
    scenario(notify_engine)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[smtp]\nhost = "127.0.0.1"\nport = {mailhost.smtp.port}\ntls = "none"\n'
                       'from = "insikt@insikt.test"\n[insikt]\nbase_url = "https://insikt.test"\n')
    monkeypatch.setenv("INSIKT_SECRETS_FILE", str(secrets))
    url = notify_engine.url.render_as_string(hide_password=False)
    assert main(["run", "--dry-run", "--database-url", url, "--now", NOW.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "would send e-mail escalation to manager@demo.insikt.example: Försenat ärende i Uppsala Centrum" in out
    assert "would send e-mail new_case   to staff@demo.insikt.example: 2 new cases to follow up" in out
    assert _log(notify_engine) == [] and mailhost.inbox.messages == []
    assert main(["run", "--database-url", url, "--now", NOW.isoformat()]) == 0
    assert "sent e-mail escalation to manager@demo.insikt.example" in capsys.readouterr().out
    assert len(mailhost.inbox.to("manager@demo.insikt.example", "escalation")) == 1


def test_smtp_login_is_used_when_a_user_is_configured(notify_engine):
    from aiosmtpd.smtp import AuthResult

    logins = []

    def authenticator(_server, _session, _envelope, mechanism, data):
        logins.append((mechanism, data.login, data.password))
        return AuthResult(success=data.login == b"insikt" and data.password == b"secret")

    scenario(notify_engine)
    inbox = Inbox()
    controller, port = start_smtp(inbox, authenticator=authenticator, auth_require_tls=False)
    try:
        good = config.Settings(smtp=config.Smtp("127.0.0.1", port, "insikt@insikt.test", tls="none",
                                                user="insikt", password="secret", timeout=10),
                               base_url="https://insikt.test", base_url_configured=True)
        assert run(notify_engine, good, NOW, say=lambda _line: None).failed == 0
    finally:
        controller.stop()
    assert logins and logins[0][1:] == (b"insikt", b"secret")
    assert inbox.to("manager@demo.insikt.example", "escalation")


def test_settings_read_from_secrets_with_clear_errors():
    assert config.settings({}).smtp is None
    read = config.settings({"smtp": {"host": "mail.example.org", "from": "insikt@example.org", "tls": "ssl"},
                            "insikt": {"base_url": "https://insikt.example.org/"},
                            "notify": {"reminder_hours": 4}})
    assert (read.smtp.port, read.smtp.tls, read.base_url, read.reminder_hours) == (
        465, "ssl", "https://insikt.example.org", 4.0)
    with pytest.raises(config.ConfigError, match="smtp.tls must be one of starttls, ssl, none"):
        config.settings({"smtp": {"host": "h", "from": "a@b", "tls": "tls"}})
    with pytest.raises(config.ConfigError, match="smtp.from"):
        config.settings({"smtp": {"host": "h"}})
    with pytest.raises(config.ConfigError, match="notify.max_attempts must be between 1 and 20"):
        config.settings({"notify": {"max_attempts": 0}})
