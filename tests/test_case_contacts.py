"""Closing the loop with the customer (SQLite and PostgreSQL): an import's contact
columns are found and never compared as segments; the details of a case show only
with consent, only to its owner, managers and admins, as mailto:/tel: links;
contact attempts, the customer's reaction and their rating of the follow-up are
recorded in one transaction, and the rating is a measure with its interval. In
Chromium on a phone: staff call the customer from the case and resolve it."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import delete, select, update

from ingest import load
from ingest.suggest import explain
from queries import case_contacts, follow_ups
from queries.case_contacts import Contact, ContactError
from queries.db import engine_for
from queries.schema import FollowUp, FollowUpContact, FollowUpEvent, Segment
from queries.scope import scope_for
from tests.app_runs import open_tab
from tests.browser import chromium, expand, log_in, screenshot, streamlit_server, wait_idle
from tests.fresh_databases import fresh_url  # noqa: F401  (a pytest fixture)
from tests.people import person
from tests.test_pages import texts


def _consented_case(engine, username: str = "staff"):
    """An open case owned by ``username`` whose customer consented, and its details."""
    account, scope = person(engine, username)
    for case in follow_ups.cases(engine, scope, statuses=follow_ups.OPEN_STATUSES, owner_id=account.id).itertuples():
        found = case_contacts.contact_details(engine, scope, account, int(case.id))
        if isinstance(found, Contact) and found.phone:
            return case, found
    raise AssertionError(f"the demo gives {username} an open case with a consenting customer")


@pytest.fixture
def restored(demo_engine):
    """Put the cases and their contacts back as they were."""
    with demo_engine.connect() as connection:
        cases = [dict(row) for row in connection.execute(select(FollowUp.__table__)).mappings()]
        last_contact = connection.execute(select(FollowUpContact.id).order_by(FollowUpContact.id.desc())).scalar()
        last_event = connection.execute(select(FollowUpEvent.id).order_by(FollowUpEvent.id.desc())).scalar()
    yield demo_engine
    with demo_engine.begin() as connection:
        connection.execute(delete(FollowUpContact).where(FollowUpContact.id > (last_contact or 0)))
        connection.execute(delete(FollowUpEvent).where(FollowUpEvent.id > (last_event or 0)))
        for row in cases:
            connection.execute(update(FollowUp).where(FollowUp.id == row["id"]).values(
                status=row["status"], contacted_at=row["contacted_at"], customer_rating=row["customer_rating"],
                version=row["version"], updated_at=row["updated_at"]))


def test_contact_columns_are_suggested_and_never_compared(fresh_url, tmp_path, capsys):
    lines = ["id;datum;butik;betyg;kommentar;E-post;Telefon;Samtycke"]
    lines += [f"{i};2026-11-{1 + i % 20:02d};Butik {'AB'[i % 2]};{1 + i % 5};Kommentar {i};kund{i}@example.se;"
              f"070-174 06 {i % 90 + 10};{'ja' if i % 3 else 'nej'}" for i in range(60)]
    path = tmp_path / "kontakter.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    mapping = explain(lines[0].split(";")).mapping
    assert mapping.contacts == {"email": "E-post", "phone": "Telefon", "consent": "Samtycke"}
    code = load.main([str(path), "--database-url", fresh_url, "--create-missing", "--touchpoint", "Butik"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert ("  Contact details: email <- E-post, phone <- Telefon, consent <- Samtycke (shown on follow-up "
            "cases only where the customer consented)") in out
    with engine_for(fresh_url).connect() as connection:
        assert not set(connection.execute(select(Segment.key)).scalars()) & {"E-post", "Telefon", "Samtycke"}


def test_details_show_only_with_consent_and_only_to_those_who_follow_up(demo_engine):
    case, contact = _consented_case(demo_engine)
    assert contact.tel.startswith("tel:070174") and contact.mailto.endswith("@example.se")
    for username, sees in (("manager", True), ("admin", True), ("leader", False)):
        account, scope = person(demo_engine, username)
        found = case_contacts.contact_details(demo_engine, scope, account, int(case.id))
        assert isinstance(found, Contact) == sees, username
    # Consent "nej": the case says there are details but shows none.
    admin, everyone = person(demo_engine, "admin")
    said = [case_contacts.contact_details(demo_engine, everyone, admin, int(other.id))
            for other in follow_ups.cases(demo_engine, everyone).itertuples()]
    assert any(found is False for found in said) and any(isinstance(found, Contact) for found in said)
    assert not case_contacts.consented("nej") and case_contacts.consented(" Ja ")


def test_a_contact_is_recorded_with_the_reaction_and_rating(restored):
    engine = restored
    case, _ = _consented_case(engine)
    staff, scope = person(engine, "staff")
    with pytest.raises(ContactError):
        case_contacts.record_contact(engine, scope, staff, int(case.id), channel="phone", outcome="no_answer",
                                     reaction="pleased")
    with pytest.raises(ContactError):
        case_contacts.record_contact(engine, scope, staff, int(case.id), channel="pigeon", outcome="reached")
    leader, everyone = person(engine, "leader")
    with pytest.raises(PermissionError):
        case_contacts.record_contact(engine, everyone, leader, int(case.id), channel="phone", outcome="reached")
    before = case_contacts.rating_counts(engine, everyone)
    case_contacts.record_contact(engine, scope, staff, int(case.id), channel="phone", outcome="no_answer")
    case_contacts.record_contact(engine, scope, staff, int(case.id), channel="phone", outcome="reached",
                                 reaction="pleased", note="Ringde upp, kunden var nöjd.", rating=5)
    log = case_contacts.contacts_of(engine, scope, int(case.id))
    assert list(log["outcome"].tail(2)) == ["no_answer", "reached"] and log["by"].iloc[-1] == staff.display_name
    # What was not said is None, not NaN (pandas 3 reads a text column with gaps as NaN, which is truthy).
    assert list(log["reaction"].tail(2)) == [None, "pleased"] and log["note"].iloc[-2] in ("", None)
    now = follow_ups.cases(engine, scope, case_ids=[int(case.id)]).iloc[0]
    assert now["status"] == "contacted" if case.status == "new" else case.status
    after = case_contacts.rating_counts(engine, everyone)
    rated_before = case.customer_rating if "customer_rating" in case._fields else None
    assert after["n"] == before["n"] + (rated_before is None)
    assert after["satisfied"] >= before["satisfied"]


def test_the_rating_share_is_a_hand_count(demo_engine):
    admin, everyone = person(demo_engine, "admin")
    with demo_engine.connect() as connection:
        ratings = connection.execute(select(FollowUp.customer_rating).where(
            FollowUp.customer_rating.is_not(None))).scalars().all()
    assert case_contacts.rating_counts(demo_engine, everyone) == {
        "n": len(ratings), "satisfied": sum(rating >= 4 for rating in ratings)} and len(ratings) > 10


@pytest.mark.usefixtures("fresh_caches")
def test_the_case_page_links_to_the_customer_only_for_those_who_follow_up(sqlite_demo_url, open_page, demo_clock):
    engine = engine_for(sqlite_demo_url)
    case, contact = _consented_case(engine)
    staff = open_page(sqlite_demo_url, "staff", "pages/follow_up.py", case=str(int(case.id)))
    assert not staff.exception, staff.exception
    bodies = " ".join(element.proto.body for element in staff.get("html") if hasattr(element.proto, "body"))
    assert f'href="{contact.tel}"' in bodies and "mailto:" in bodies
    leader = open_page(sqlite_demo_url, "leader", "pages/follow_up.py", case=str(int(case.id)))
    bodies = " ".join(element.proto.body for element in leader.get("html") if hasattr(element.proto, "body"))
    assert "tel:" not in bodies and "mailto:" not in bodies
    measures = open_page(sqlite_demo_url, "manager", "pages/follow_up.py")
    open_tab(measures, "follow_up_view", "Mått och grundorsaker")
    assert "Kundernas nöjdhet med uppföljningen" in texts(measures)


@pytest.mark.usefixtures("fresh_caches")
def test_a_missed_call_beside_a_reached_one_shows_on_the_case(sqlite_scratch_url, open_page, demo_clock):
    """A log with a reaction on one attempt and none on another: once the page failed on it
    (``cc_reaction_nan``) right after staff saved the second call."""
    engine = engine_for(sqlite_scratch_url)
    case, _ = _consented_case(engine)
    staff, scope = person(engine, "staff")
    case_contacts.record_contact(engine, scope, staff, int(case.id), channel="phone", outcome="no_answer")
    case_contacts.record_contact(engine, scope, staff, int(case.id), channel="phone", outcome="reached",
                                 reaction="pleased", note="Ringde upp, kunden var nöjd.")
    test = open_page(sqlite_scratch_url, "staff", "pages/follow_up.py", case=str(int(case.id)))
    assert not test.exception, test.exception
    log = [element.value for element in test.text]
    assert any("Inget svar" in line and "nan" not in line for line in log), log
    assert any("Nöjd" in line and line.endswith("Ringde upp, kunden var nöjd.") for line in log), log


def _choose(page, within, label: str, option: str) -> None:
    """Pick ``option`` of a select box by typing, as on a phone's keyboard."""
    box = within.get_by_role("combobox", name=label)
    box.scroll_into_view_if_needed()
    box.click()
    page.get_by_role("option").first.wait_for()  # the menu is open: the keys go to it
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).wait_for()
    page.keyboard.press("Enter")
    wait_idle(page)


@pytest.mark.browser
@pytest.mark.xdist_group("case-contacts-phone")  # apart from the short tests of this file
def test_on_a_phone_staff_call_the_customer_and_resolve_the_case(sqlite_scratch_url):
    engine = engine_for(sqlite_scratch_url)
    case, contact = _consented_case(engine)
    with streamlit_server(sqlite_scratch_url) as server, chromium() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        page.goto(f"{server}/follow_up?case={int(case.id)}")
        log_in(page, "staff")
        card = page.locator(f".st-key-case_{int(case.id)}")
        card.wait_for(timeout=60_000)
        wait_idle(page)
        link = card.locator(f"a[href='{contact.tel}']")
        link.wait_for(timeout=30_000)
        assert link.is_visible()
        screenshot(page, "case-contact-phone")
        form = card.locator(f".st-key-cc_form_{int(case.id)}, [data-testid='stForm']").first
        _choose(page, form, "Hur tog kunden det?", "Nöjd")
        _choose(page, form, "Kundens betyg på uppföljningen (1–5, om kunden sa det)", "5")
        form.get_by_label("Anteckning").fill("Ringde, kunden fick en ny tid.")
        form.get_by_role("button", name="Spara kontakten").click()
        card.locator("[data-testid='stText']").get_by_text("Ringde, kunden fick en ny tid.").wait_for(timeout=30_000)
        wait_idle(page)
        expand(card, "Hantera ärendet")
        _choose(page, card, "Status", "Löst")
        _choose(page, card, "Grundorsak", "Personal")
        card.get_by_label("Vad gjordes").fill("Ringde kunden och bokade en ny tid.")
        card.get_by_role("button", name="Spara", exact=True).click()
        wait_idle(page)
        screenshot(page, "case-contact-phone-resolved")
        assert page.locator("[data-testid='stException']").count() == 0
        page.close()
    account, scope = person(engine, "staff")
    done = follow_ups.cases(engine, scope, case_ids=[int(case.id)]).iloc[0]
    assert done["status"] == "resolved"
    assert case_contacts.contacts_of(engine, scope, int(case.id))["reaction"].iloc[-1] == "pleased"


@pytest.mark.parametrize("username", ["admin", "manager", "staff", "leader"])
def test_a_page_of_cases_is_read_at_once_as_each_case_alone(demo_engine, username):
    """The queue reads the history, the contact attempts and the customer's details of its
    page of cases together (``components.follow_up_views.case_reads``): each case's part
    is what reading it alone gives, and a case outside the scope is refused in a batch too."""
    account, scope = person(demo_engine, username)
    ids = [int(case_id) for case_id in follow_ups.cases(demo_engine, scope)["id"]]
    histories = follow_ups.histories(demo_engine, scope, ids)
    attempts = case_contacts.contacts_of_cases(demo_engine, scope, ids)
    details = case_contacts.contact_details_of_cases(demo_engine, scope, account, ids)
    assert list(histories) == list(attempts) == list(details) == sorted(ids)
    for case_id in ids:  # timestamps may come at another resolution (seconds alone, microseconds together)
        pd.testing.assert_frame_equal(histories[case_id], follow_ups.history(demo_engine, scope, case_id),
                                      check_dtype=False)
        pd.testing.assert_frame_equal(attempts[case_id], case_contacts.contacts_of(demo_engine, scope, case_id),
                                      check_dtype=False)
        assert details[case_id] == case_contacts.contact_details(demo_engine, scope, account, case_id)
    assert any(len(frame) for frame in histories.values()) and any(len(frame) for frame in attempts.values())
    assert any(found is not None for found in details.values()) == (username != "leader")
    everything = follow_ups.cases(demo_engine, scope_for(demo_engine, "leader", None))
    elsewhere = everything[~everything["unit_id"].isin(scope.unit_ids)]
    if len(elsewhere):
        outside = [*ids[:3], int(elsewhere["id"].iloc[0])]
        for read in (lambda: follow_ups.histories(demo_engine, scope, outside),
                     lambda: case_contacts.contacts_of_cases(demo_engine, scope, outside),
                     lambda: case_contacts.contact_details_of_cases(demo_engine, scope, account, outside)):
            with pytest.raises(LookupError):
                read()
