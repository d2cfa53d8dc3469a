"""The notifications page (AppTest): every role reaches it from the menu, a
user turns a kind off and the next run skips it, the page says when e-mail is
off, and admins set unit webhooks (refused addresses explained)."""

from __future__ import annotations

import pytest

from analysis.formatting import markdown_safe
from notify.run import run
from queries.notifications import choices, webhooks
from tests.notify_support import NOW, mailhost, scenario, unit  # noqa: F401 - fixtures
from tests.test_pages import texts

PAGE = "pages/notifications.py"
pytestmark = [pytest.mark.usefixtures("fresh_caches"), pytest.mark.timeout(300)]


@pytest.fixture
def no_smtp(tmp_path, monkeypatch):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("")
    monkeypatch.setenv("INSIKT_SECRETS_FILE", str(secrets))


@pytest.mark.parametrize("role", ["leader", "manager", "staff", "admin"])
def test_every_role_finds_the_page_in_the_menu(sqlite_demo_url, open_page, role, no_smtp):
    test = open_page(sqlite_demo_url, role, "pages/overview.py")
    assert "notifications" in [link.proto.page for link in test.get("page_link")]
    test = open_page(sqlite_demo_url, role, PAGE)
    assert not test.exception
    assert [t.value for t in test.title] == ["Mina aviseringar"]
    assert "Aviseringar är avstängda: ingen e-postserver är inställd." in texts(test)
    assert f"Mejlen går till {markdown_safe(f'{role}@demo.insikt.example')}." in texts(test)  # as text, no link


def test_a_kind_turned_off_on_the_page_is_skipped_by_the_next_run(sqlite_scratch_url, open_page, mailhost,
                                                                  monkeypatch, tmp_path):
    from queries.db import engine_for

    engine = engine_for(sqlite_scratch_url)
    cases = scenario(engine)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[smtp]\nhost = "127.0.0.1"\nport = {mailhost.smtp.port}\ntls = "none"\n'
                       'from = "insikt@insikt.test"\n')
    monkeypatch.setenv("INSIKT_SECRETS_FILE", str(secrets))
    test = open_page(sqlite_scratch_url, "staff", PAGE)
    assert "Aviseringar är avstängda" not in texts(test)
    assert [toggle.label for toggle in test.toggle] == [
        "Nya ärenden att följa upp", "Påminnelse före deadline", "Veckosammanfattning"]
    test.toggle(key="nt_kind_reminder").set_value(False)
    test.selectbox(key="nt_language").set_value("sv")
    test = next(b for b in test.button if b.label == "Spara").click().run()
    assert not test.exception
    assert "Dina val är sparade." in [s.value for s in test.success]
    saved = choices(engine, cases.staff)
    assert saved.kinds["reminder"] is False and saved.kinds["new_case"] is True and saved.language == "sv"

    run(engine, mailhost.settings(), NOW, say=lambda _line: None)
    assert mailhost.inbox.to("staff@demo.insikt.example", "reminder") == []
    [mail] = mailhost.inbox.to("staff@demo.insikt.example", "new_case")
    assert mail["Subject"] == "2 nya ärenden att följa upp"  # the language chosen on the page


def test_admins_set_a_webhook_and_a_refused_address_is_explained(sqlite_scratch_url, open_page, no_smtp):
    from queries.db import engine_for

    engine = engine_for(sqlite_scratch_url)
    test = open_page(sqlite_scratch_url, "admin", PAGE)
    assert "Ingen enhet har en webhook ännu." in texts(test)
    test.selectbox(key="webhook_unit").set_value(unit(engine, "Uppsala Centrum"))
    test.text_input(key="webhook_url").input("http://hooks.example.com/x")
    test = next(b for b in test.button if b.label == "Spara webhook").click().run()
    assert any(f"{markdown_safe('http://hooks.example.com/x')}” nekas: en webhook måste använda https://" in e.value
               for e in test.error)
    assert webhooks(engine).empty
    test.text_input(key="webhook_url").input("https://hooks.example.com/x")
    test = next(b for b in test.button if b.label == "Spara webhook").click().run()
    assert not test.exception
    assert webhooks(engine)[["unit", "url"]].values.tolist() == [["Uppsala Centrum", "https://hooks.example.com/x"]]
    test = next(b for b in test.button if b.label == "Ta bort webhook").click().run()
    assert webhooks(engine).empty


def test_staff_do_not_see_webhooks(sqlite_demo_url, open_page, no_smtp):
    test = open_page(sqlite_demo_url, "staff", PAGE)
    assert "Webhooks för enheter" not in texts(test)
