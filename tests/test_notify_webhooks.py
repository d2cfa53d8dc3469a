"""Unit webhooks against a real HTTP server on localhost: new cases and
escalations of the unit (and the units below a region) are posted once as
Teams/Slack-style JSON, with a timeout and retries; only https (or http on
localhost) is accepted."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from notify.run import run
from notify.webhooks import WebhookError, post
from queries.notifications import WebhookUrlError, check_webhook_url, delete_webhook, save_webhook, webhooks
from queries.users import account_by_id
from tests.notify_support import (  # noqa: F401 - fixtures
    NOW, hook_server, ids, mailhost, notify_engine, scenario, subject_of, unit,
)

pytestmark = pytest.mark.timeout(300)


def _admin(engine):
    return account_by_id(engine, ids(engine, "admin")[0])


def test_a_units_webhook_gets_its_new_cases_and_escalations_once(notify_engine, mailhost, hook_server):
    engine = notify_engine
    cases = scenario(engine)
    save_webhook(engine, _admin(engine), unit(engine, "Uppsala Centrum"), hook_server.url)
    run(engine, mailhost.settings(), NOW, say=lambda _line: None)
    got = sorted((body["insikt"]["kind"], body["insikt"]["case_id"]) for body in hook_server.bodies)
    assert got == sorted([("new_case", cases.new_unassigned), ("new_case", cases.new_owned),
                          ("new_case", cases.moved_owner_case), ("escalation", cases.overdue)])
    escalation = next(b for b in hook_server.bodies if b["insikt"]["kind"] == "escalation")
    assert escalation["text"].startswith("Försenat ärende i Uppsala Centrum: Butiksbesök, betyg 2 av 10")
    assert escalation["text"].endswith("https://insikt.test/follow_up?lang=sv")
    assert all("Ingen hörde av sig" not in b["text"] for b in hook_server.bodies)  # no comments in chats
    assert mailhost.inbox.to("manager@demo.insikt.example", "escalation")  # e-mails went out too

    run(engine, mailhost.settings(), NOW, say=lambda _line: None)
    assert len(hook_server.bodies) == 4


def test_a_regions_webhook_gets_the_cases_of_its_units(notify_engine, mailhost, hook_server):
    engine = notify_engine
    cases = scenario(engine)
    save_webhook(engine, _admin(engine), unit(engine, "Region Nord"), hook_server.url)  # Gävle's region
    run(engine, mailhost.settings(), NOW, say=lambda _line: None)
    assert [(b["insikt"]["kind"], b["insikt"]["case_id"]) for b in hook_server.bodies] == [("new_case", cases.gavle)]


def test_webhooks_work_without_smtp(notify_engine, mailhost, hook_server):
    engine = notify_engine
    scenario(engine)
    save_webhook(engine, _admin(engine), unit(engine, "Gävle"), hook_server.url)
    lines = []
    run(engine, mailhost.settings(smtp=None), NOW, say=lines.append)
    assert len(hook_server.bodies) == 1 and mailhost.inbox.messages == []
    assert "E-mail is off: no [smtp] host in the secrets file, so no e-mail is sent." in lines


def test_a_failing_webhook_is_retried_with_a_timeout_and_never_holds_up_the_e_mails(notify_engine, mailhost,
                                                                                     hook_server, monkeypatch):
    engine = notify_engine
    scenario(engine)
    save_webhook(engine, _admin(engine), unit(engine, "Gävle"), hook_server.url)
    monkeypatch.setattr("notify.webhooks.BACKOFF_SECONDS", 0.05)
    hook_server.status = 503
    first = run(engine, mailhost.settings(), NOW, say=lambda _line: None)
    assert hook_server.calls == 3 and first.failed == 1  # three tries in the run, then failed
    assert mailhost.inbox.to("manager@demo.insikt.example", "escalation")
    hook_server.status = 200
    run(engine, mailhost.settings(), NOW + timedelta(minutes=5), say=lambda _line: None)
    assert len(hook_server.bodies) == 1  # sent on the next run

    hook_server.delay = 2.0  # slower than the timeout
    started = time.monotonic()
    with pytest.raises(WebhookError, match="timed out"):
        post(hook_server.url, {"text": "x"}, timeout=0.3, retries=2)
    assert time.monotonic() - started < 4


@pytest.mark.parametrize("url, code", [
    ("http://example.com/hook", "not_https"), ("ftp://example.com/hook", "not_https"),
    ("http://10.0.0.1/hook", "not_https"), ("https://", "not_url"), ("", "empty"),
    ("https://example.com/" + "x" * 500, "too_long"), ("https://exa mple.com:99999/", "not_url"),
])
def test_only_https_webhooks_are_accepted(url, code):
    with pytest.raises(WebhookUrlError) as refused:
        check_webhook_url(url)
    assert refused.value.code == code


def test_https_and_localhost_webhooks_are_accepted_and_only_admins_set_them(notify_engine):
    engine = notify_engine
    assert check_webhook_url(" https://hooks.example.com/services/T0/B0/x ") == "https://hooks.example.com/services/T0/B0/x"
    assert check_webhook_url("http://localhost:8080/x") == "http://localhost:8080/x"
    manager = account_by_id(engine, ids(engine, "manager")[0])
    with pytest.raises(PermissionError):
        save_webhook(engine, manager, unit(engine, "Uppsala Centrum"), "https://hooks.example.com/a")
    admin = _admin(engine)
    first = save_webhook(engine, admin, unit(engine, "Uppsala Centrum"), "https://hooks.example.com/a")
    assert save_webhook(engine, admin, unit(engine, "Uppsala Centrum"), "https://hooks.example.com/b") == first
    assert webhooks(engine)[["unit", "url"]].values.tolist() == [["Uppsala Centrum", "https://hooks.example.com/b"]]
    with pytest.raises(WebhookUrlError, match="must use https"):
        save_webhook(engine, admin, unit(engine, "Uppsala Centrum"), "http://hooks.example.com/a")
    delete_webhook(engine, admin, first)
    assert webhooks(engine).empty
