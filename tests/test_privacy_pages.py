"""Customers' personal details on the pages (AppTest) and in every download:
staff never see them; a case's owner, managers and admins see them in the case
and its export (card numbers never); the admin tabs for retention and the audit log."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pandas as pd
import pytest
from sqlalchemy import insert, select, update

from components import comment_cards, follow_up_views
from components.comment_list import export_frame
from components.export import csv_bytes
from components.shell import Page
from ingest.demo import MANAGER_UNIT
from queries import audit, follow_ups, retention, rollup
from queries.comments import CommentQuery
from queries.db import engine_for
from queries.responses import Filters
from queries.schema import FollowUp, FollowUpEvent, Response, Touchpoint
from queries.settings import Thresholds, thresholds
from tests.app_runs import open_expanders
from tests.people import person, unit_id
from tests.test_admin_page import rendered, tab

pytestmark = pytest.mark.usefixtures("fresh_caches")
RAW = ["070-174 06 50", "anna.svensson@example.se", "811218-9876", "070-174 06 51"]
CARD = "4111 1111 1111 1111"
COMMENT = f"Ring mig på 070-174 06 50 eller anna.svensson@example.se, pnr 811218-9876, kort {CARD} drogs två gånger"
NOTES = "Ringde 070-174 06 51, ingen svarade"


@pytest.fixture
def case_id(sqlite_scratch_url) -> int:
    """A detractor's comment full of personal details, newest in the manager's unit,
    with a case overdue the most (so first in every queue) and notes with a number."""
    engine = engine_for(sqlite_scratch_url)
    now = datetime.now(timezone.utc).replace(microsecond=0)
    with engine.begin() as connection:
        touchpoint = connection.execute(select(Touchpoint.id).order_by(Touchpoint.id)).scalar()
        response = connection.execute(insert(Response).values(
            source="test", external_id="pii-1", unit_id=unit_id(engine, MANAGER_UNIT), touchpoint_id=touchpoint,
            channel="web", responded_at=now, nps=1, csat=1, comment=COMMENT, language="sv", imported_at=now,
        )).inserted_primary_key[0]
        case = connection.execute(insert(FollowUp).values(
            response_id=response, unit_id=unit_id(engine, MANAGER_UNIT), status="new", owner_id=None,
            due_at=now - timedelta(days=3650), notes=NOTES, created_at=now, updated_at=now, version=2,
        )).inserted_primary_key[0]
        connection.execute(insert(FollowUpEvent).values(follow_up_id=case, user_id=None, at=now, field="notes",
                                                        old_value="", new_value=NOTES))
        rollup.refresh(connection, now.date(), now.date())
    return int(case)


def _page(url: str, username: str) -> Page:
    engine = engine_for(url)
    account, scope = person(engine, username)
    return Page(engine, url, account, scope, Thresholds(), "test", "sv", None)


def _everything(test) -> str:
    """What the page sent, with the values of the text areas (which hold notes)."""
    return rendered(test) + "\n".join(str(area.value) for area in test.text_area)


def assert_masked(text: str) -> None:
    assert not [raw for raw in [*RAW, CARD] if raw in text]
    assert "[telefonnummer]" in text


def assert_revealed(text: str) -> None:
    assert all(raw in text for raw in RAW), [raw for raw in RAW if raw not in text]
    assert CARD not in text and "[kortnummer]" in text


@pytest.mark.parametrize("role", ["staff", "leader"])
def test_follow_up_cases_are_masked_for_staff_and_leaders(sqlite_scratch_url, open_page, case_id, role):
    test = open_page(sqlite_scratch_url, role, "pages/follow_up.py")
    if role == "staff":  # staff see their own cases first: look at the unassigned ones
        test = test.selectbox(key="fu_owner").set_value("none").run()
    test = open_expanders(test, "fu_work_")  # the editors and histories too
    assert not test.exception, test.exception
    assert f"case_{case_id}" in rendered(test)
    assert_masked(_everything(test))
    if role == "staff":  # the notes hold a hidden number: shown masked, and not editable
        notes = next(area for area in test.text_area if area.key.startswith(f"fu_notes_{case_id}_"))
        assert notes.value == "Ringde [telefonnummer], ingen svarade" and notes.disabled


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_managers_and_admins_see_them_in_the_case(sqlite_scratch_url, open_page, case_id, role):
    test = open_expanders(open_page(sqlite_scratch_url, role, "pages/follow_up.py"), ("fu_work_", "cc_open_"))
    assert not test.exception, test.exception
    assert_revealed(_everything(test))


def test_the_staff_member_who_owns_the_case_sees_them(sqlite_scratch_url, open_page, case_id):
    engine = engine_for(sqlite_scratch_url)
    staff, _ = person(engine, "staff")
    with engine.begin() as connection:
        connection.execute(update(FollowUp).where(FollowUp.id == case_id).values(owner_id=staff.id))
    test = open_expanders(open_page(sqlite_scratch_url, "staff", "pages/follow_up.py"), ("fu_work_", "cc_open_"))
    assert not test.exception, test.exception
    assert_revealed(_everything(test))
    notes = next(area for area in test.text_area if area.key.startswith(f"fu_notes_{case_id}_"))
    assert notes.value == NOTES and not notes.disabled


@pytest.mark.parametrize("role", ["staff", "manager", "admin"])
def test_the_comment_list_and_its_download_are_masked_for_everyone(sqlite_scratch_url, open_page, case_id, role):
    test = open_page(sqlite_scratch_url, role, "pages/comments.py", view="list")
    assert not test.exception, test.exception
    assert_masked(rendered(test))
    page = _page(sqlite_scratch_url, role)
    filters = Filters(page.scope.unit_ids, date.today() - timedelta(days=2), date.today() + timedelta(days=1))
    text = csv_bytes(export_frame(page, filters, CommentQuery())).decode("utf-8-sig")
    assert_masked(text)


def test_a_search_for_a_hidden_detail_is_refused(sqlite_scratch_url, open_page, case_id):
    test = open_page(sqlite_scratch_url, "staff", "pages/comments.py", view="list", q="070-174 06 50")
    assert not test.exception, test.exception
    assert any("går inte att söka efter" in warning.value for warning in test.warning)
    plain = open_page(sqlite_scratch_url, "staff", "pages/comments.py", view="list")
    count = [c.value for c in plain.caption if "Visar" in str(c.value)]
    assert count == [c.value for c in test.caption if "Visar" in str(c.value)]  # the whole list, unfiltered


def test_the_cases_download_follows_the_same_rule_and_is_logged(sqlite_scratch_url, case_id):
    for role, reveal in (("manager", True), ("leader", False)):
        page = _page(sqlite_scratch_url, role)
        found = follow_ups.cases(page.engine, page.scope, case_ids=[case_id])
        text = follow_up_views.export_csv(page, found).decode("utf-8-sig")
        (assert_revealed if reveal else assert_masked)(text)
    admin = _page(sqlite_scratch_url, "admin").account
    logged = audit.events(engine_for(sqlite_scratch_url), admin, actions=["cases_exported"])[0]
    assert logged["user"].tolist() == [_page(sqlite_scratch_url, "manager").account.display_name]
    assert logged["detail"].tolist() == [{"rows": 1}]


def test_cards_mask_unless_told_otherwise():
    row = pd.Series({"nps": 2, "channel": "web", "touchpoint_sv": "Kassa", "unit": "Lund", "csat": None,
                     "responded_at": pd.Timestamp("2026-11-20", tz="UTC"), "language": "sv", "themes": [],
                     "comment": COMMENT})
    row = next(pd.DataFrame([row]).itertuples())
    assert_masked(comment_cards.card_html(row, {}, None, "sv"))
    assert_revealed(comment_cards.card_html(row, {}, None, "sv", reveal=True) + " 070-174 06 51")


def test_the_import_report_counts_personal_details(sqlite_scratch_url, open_page):
    from components.privacy_views import found_text

    assert found_text({"personal_number": 1, "phone": 3, "email": 0, "card": 0, "any": 4}) == (
        "Kunduppgifter i 4 av kommentarerna som importeras: 1 med personnummer, 3 med telefonnummer. De visas "
        "dolda i listor, kort och nedladdningar; bara den som följer upp ett ärende ser dem där.")
    assert found_text({"personal_number": 0, "phone": 0, "email": 0, "card": 0, "any": 0}) is None


# --- the admin tabs ------------------------------------------------------------------------------

def test_an_admin_sets_the_period_previews_and_applies_it(sqlite_scratch_url, open_page):
    engine = engine_for(sqlite_scratch_url)
    test = open_page(sqlite_scratch_url, "admin", "pages/admin.py")
    privacy = tab(test, "Personuppgifter")
    assert "Ingen lagringstid är satt" in "\n".join(info.value for info in privacy.info)
    privacy.toggle[0].set_value(True)
    privacy.number_input[0].set_value(12)
    test = next(button for button in tab(test, "Personuppgifter").button if button.label == "Spara").click().run()
    assert not test.exception, test.exception
    assert retention.period(engine) == 12
    assert "Lagringstiden är nu 12 månader." in [s.value for s in tab(test, "Personuppgifter").success]
    test = next(b for b in tab(test, "Personuppgifter").button if b.key == "retention_preview").click().run()
    plan = retention.plan(engine)
    assert plan.comments > 0
    metrics = {metric.label: metric.value for metric in tab(test, "Personuppgifter").metric}
    assert metrics["Kommentarer som tas bort"] == f"{plan.comments:,}".replace(",", "\u202f")
    apply = next(b for b in tab(test, "Personuppgifter").button if b.key == "retention_apply")
    assert apply.disabled
    test = tab(test, "Personuppgifter").checkbox(key="retention_confirm").check().run()
    test = next(b for b in tab(test, "Personuppgifter").button if b.key == "retention_apply").click().run()
    assert not test.exception, test.exception
    assert retention.plan(engine).responses == 0
    assert any("svar anonymiserades" in s.value for s in tab(test, "Personuppgifter").success)
    log = tab(test, "Händelselogg")
    shown = log.dataframe[0].value
    assert list(shown["action"][:2]) == ["Kunduppgifter borttagna (lagringstid)", "Lagringstid ändrad"]


def test_the_audit_log_filters_by_action_and_person(sqlite_scratch_url, open_page):
    from queries import admin

    engine = engine_for(sqlite_scratch_url)
    boss, _ = person(engine, "admin")
    before = thresholds(engine)
    admin.set_thresholds(engine, boss, before.min_responses + 1, before.small_sample + 1)
    admin.create_user(engine, boss, username="nils", display_name="Nils N", role="leader")
    test = open_page(sqlite_scratch_url, "admin", "pages/admin.py")
    log = tab(test, "Händelselogg")
    shown = log.dataframe[0].value  # newest first (other tests may have left older events in the demo)
    assert list(shown["action"][:2]) == ["Användare skapad", "Gränsvärden ändrade"]
    assert shown["detail"].iloc[1] == (f"min_responses: {before.min_responses} → {before.min_responses + 1}; "
                                       f"small_sample: {before.small_sample} → {before.small_sample + 1}")
    assert set(shown["user"][:2]) == {boss.display_name}
    test = log.multiselect(key="audit_actions").select("thresholds_changed").run()
    assert set(tab(test, "Händelselogg").dataframe[0].value["action"]) == {"Gränsvärden ändrade"}
    test = tab(test, "Händelselogg").selectbox(key="audit_user").set_value(0).run()
    assert "Inga händelser med de här filtren." in [i.value for i in tab(test, "Händelselogg").info]


def test_only_admins_get_the_privacy_and_audit_tabs(sqlite_demo_url, open_page):
    for role in ("manager",):
        labels = [item.label for item in open_page(sqlite_demo_url, role, "pages/admin.py").tabs]
        assert "Personuppgifter" not in labels and "Händelselogg" not in labels


def test_the_command_line_import_report_counts_them(sqlite_scratch_url, tmp_path, capsys):
    from ingest import load
    from tests.import_corpus import good_rows, to_csv

    rows = good_rows(5)
    rows[0][7], rows[1][7] = "Ring 070-174 06 50", "Mejla anna@example.se eller ring +46 8 465 004 50"
    path = tmp_path / "export.csv"
    path.write_bytes(to_csv(rows))
    assert load.main([str(path), "--dry-run", "--create-missing", "--database-url", sqlite_scratch_url]) == 0
    assert ("Personal details in 2 comments (masked on pages and in downloads): 2 with a phone number, "
            "1 with an e-mail address") in capsys.readouterr().out.splitlines()


def test_workshop_records_and_word_counts_leave_details_out():
    from components import privacy

    record = {"notes": "Kunden på 070-174 06 50 vill bli uppringd", "unit": "Lund",
              "proposals": {7: [{"text": "Mejla anna@example.se om nya tider", "votes": 2}]}}
    shown = privacy.shown_record(record)
    assert shown["notes"] == "Kunden på [telefonnummer] vill bli uppringd"
    assert shown["proposals"][7][0] == {"text": "Mejla [e-postadress] om nya tider", "votes": 2}
    assert record["notes"].startswith("Kunden på 070")  # the record read stays as it was
    assert privacy.without_details("mejla anna.svensson@example.se nu") == "mejla   nu"
