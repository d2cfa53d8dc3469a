"""Sending a workshop's record to its participants by the notification mail, to a
real SMTP server on localhost (aiosmtpd): one message per recipient with the record
and its PDF; on the page, the unit's team is chosen by default, and without mail
settings the page says so (tests/test_workshop_page.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, select

from ingest.demo import MANAGER_UNIT
from notify.record import MailError, send_record
from queries import workshops
from queries.db import engine_for
from queries.schema import Action, ActionEvent, Insight, Workshop, WorkshopInsight, WorkshopProposal
from tests.conftest import TODAY
from tests.notify_support import mailhost  # noqa: F401 - fixture
from tests.people import person, unit_id

RECORD = ("# Workshop: Uppsala Centrum, 2026-11-23\n\n## Det här bestämde vi\n\n"
          "| Vad | Ansvarig | Klart senast | Nästa uppföljning |\n| --- | --- | --- | --- |\n"
          "| Kö-värd | Samir Haddad | 2026-12-01 | 2027-01-26 |\n")


def test_each_participant_gets_the_record_and_its_pdf(mailhost):
    sent = send_record(mailhost.smtp, ["samir@demo.test", "maria@demo.test", "samir@demo.test", " "],
                       "Protokoll från workshoppen", RECORD, b"%PDF-1.4 test", "workshop-2026-11-23.pdf")
    assert sent == 2
    messages = mailhost.inbox.messages
    assert sorted(str(m["To"]) for m in messages) == ["maria@demo.test", "samir@demo.test"]
    for message in messages:
        assert message["Subject"] == "Protokoll från workshoppen"
        assert message["From"] == "Insikt <insikt@insikt.test>"
        assert message.get_body(("plain",)).get_content().startswith("# Workshop: Uppsala Centrum")
        (attachment,) = list(message.iter_attachments())
        assert attachment.get_filename() == "workshop-2026-11-23.pdf"
        assert attachment.get_content() == b"%PDF-1.4 test"


def test_a_refusing_server_is_an_error_the_page_can_show(mailhost):
    mailhost.inbox.refuse = True
    with pytest.raises(MailError, match="451"):
        send_record(mailhost.smtp, ["samir@demo.test"], "Protokoll", RECORD)


@pytest.fixture
def workshop_with_action(sqlite_demo_url):
    """A workshop of the manager's unit with one action decided (removed afterwards)."""
    engine = engine_for(sqlite_demo_url)
    manager, scope = person(engine, "manager")
    unit = unit_id(engine, MANAGER_UNIT)
    workshop_id = workshops.create_workshop(engine, scope, manager, unit_id=unit, held_on=TODAY,
                                            period_start=TODAY - timedelta(days=90), period_end=TODAY)
    with engine.connect() as connection:
        insight_id = connection.execute(select(Insight.id).where(Insight.unit_id == unit)).scalars().first()
    workshops.set_agenda(engine, scope, manager, workshop_id, [insight_id])
    proposal = workshops.add_proposal(engine, scope, manager, workshop_id, insight_id, "Kö-värd på lördagar")
    action_id = workshops.proposal_to_action(engine, scope, manager, proposal, owner_id=manager.id,
                                             due_date=TODAY + timedelta(days=20))
    yield workshop_id
    with engine.begin() as connection:
        connection.execute(delete(WorkshopProposal).where(WorkshopProposal.workshop_id == workshop_id))
        connection.execute(delete(WorkshopInsight).where(WorkshopInsight.workshop_id == workshop_id))
        connection.execute(delete(Workshop).where(Workshop.id == workshop_id))
        connection.execute(delete(ActionEvent).where(ActionEvent.action_id == action_id))
        connection.execute(delete(Action).where(Action.id == action_id))


@pytest.mark.usefixtures("fresh_caches")
def test_the_page_sends_the_record_to_the_team(mailhost, sqlite_demo_url, open_page, workshop_with_action,
                                               tmp_path, monkeypatch):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[smtp]\nhost = "127.0.0.1"\nport = {mailhost.smtp.port}\ntls = "none"\n'
                       'from = "Insikt <insikt@insikt.test>"\n', encoding="utf-8")
    monkeypatch.setenv("INSIKT_SECRETS_FILE", str(secrets))
    test = open_page(sqlite_demo_url, "manager", "pages/workshop.py")
    test.selectbox(key=[k for k in test.session_state if str(k).startswith("workshop_of_")][0]) \
        .set_value(workshop_with_action).run()
    test.session_state["workshop_mode"] = "record"
    test = test.run()
    assert not test.exception, test.exception
    recipients = test.multiselect(key=f"send_to_{workshop_with_action}")
    assert recipients.options[:2] == ["Maria Sjöberg (chef)", "Samir Haddad (medarbetare)"]
    assert len(recipients.value) == 2  # the unit's team, chosen by default
    test = test.button(key=f"send_{workshop_with_action}").click().run()
    assert not test.exception, test.exception
    assert "Protokollet skickades till 2 mottagare." in [element.value for element in test.success]
    assert sorted(str(m["To"]) for m in mailhost.inbox.messages) == [
        "manager@demo.insikt.example", "staff@demo.insikt.example"]
    body = mailhost.inbox.messages[0].get_body(("plain",)).get_content()
    assert "| Kö-värd på lördagar | Maria Sjöberg |" in body
    assert body.index("## Det här bestämde vi") < body.index("## Insikter som diskuterades")
    assert str(mailhost.inbox.messages[0]["Subject"]).startswith("Protokoll från workshoppen")
