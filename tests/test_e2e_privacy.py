"""In Chromium: staff see a case's personal details masked; the admin's
*Personal data* and *Audit log* tabs render. Screenshots go to
test-artifacts/ (privacy-*.png)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import insert, select

from ingest.demo import MANAGER_UNIT
from queries import admin, retention
from queries.db import engine_for
from queries.schema import FollowUp, Response, Touchpoint
from queries.users import authenticate
from tests.browser import chromium, log_in, open_tab, screenshot, streamlit_server, wait_idle
from tests.conftest import copy_sqlite_database
from tests.people import unit_id

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]
COMMENT = "Ring mig på 070-174 06 50 eller mejla anna.svensson@example.se, leveransen kom aldrig"


@pytest.fixture(scope="module")
def database(tmp_path_factory, sqlite_demo_url) -> str:
    """A copy of the demo with a detractor's comment holding details, its case first in
    the queue, a retention period and a few audit events."""
    path = tmp_path_factory.mktemp("privacy_e2e") / "demo.db"
    url = copy_sqlite_database(sqlite_demo_url, path)
    engine = engine_for(url)
    now = datetime.now(timezone.utc).replace(microsecond=0)
    unit = unit_id(engine, MANAGER_UNIT)
    with engine.begin() as connection:
        touchpoint = connection.execute(select(Touchpoint.id).order_by(Touchpoint.id)).scalar()
        response = connection.execute(insert(Response).values(
            source="test", external_id="pii-e2e", unit_id=unit, touchpoint_id=touchpoint, channel="web",
            responded_at=now, nps=1, comment=COMMENT, language="sv", imported_at=now)).inserted_primary_key[0]
        connection.execute(insert(FollowUp).values(
            response_id=response, unit_id=unit, status="new", due_at=now - timedelta(days=3650),
            notes="Ringde 070-174 06 50 kl 10", created_at=now, updated_at=now, version=1))
    boss = authenticate(engine, "admin", "demo").account
    retention.set_period(engine, boss, 18)
    admin.set_thresholds(engine, boss, 4, 25)
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def server(database):
    with streamlit_server(database) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def test_staff_see_the_case_with_its_details_masked(server, browser):
    """(The same page reveals them to a manager: tests/test_privacy_pages.py.)"""
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(f"{server}/follow_up")
    log_in(page, "staff")
    page.locator("[data-testid='stSelectbox']").filter(has_text="Ägare").click()  # own cases come first:
    page.get_by_role("option", name="Utan ägare").click()  # show the unassigned ones
    wait_idle(page)
    card = page.locator(".insikt-comment").filter(has_text="leveransen kom aldrig").first
    card.wait_for(timeout=30_000)
    text = page.locator("[data-testid='stMain']").inner_text()
    assert "070-174 06 50" not in text and "anna.svensson@example.se" not in text
    assert "Ring mig på [telefonnummer] eller mejla [e-postadress]" in text
    assert "Ringde [telefonnummer] kl 10" in text
    assert page.locator("[data-testid='stException']").count() == 0
    card.scroll_into_view_if_needed()
    screenshot(page, "privacy-case-staff")
    page.close()


def test_the_admin_tabs_render(server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto(f"{server}/admin")
    log_in(page, "admin")
    open_tab(page, "Personuppgifter")
    page.get_by_role("button", name="Visa vad som skulle tas bort").click()
    wait_idle(page)
    page.get_by_text("Kommentarer som tas bort").wait_for(timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, "privacy-admin-personal-data")
    page.get_by_role("tab", name="Händelselogg").click()
    wait_idle(page)
    page.locator("[data-testid='stDataFrame']").last.wait_for(timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, "privacy-admin-audit-log")
    page.close()
