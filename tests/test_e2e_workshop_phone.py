"""End to end in Chromium, two browsers: a manager presents a workshop at
1920×1080, a staff member joins on a 390×844 phone through the join link, adds an
idea and votes, and the facilitator's screen shows both without a reload.
Screenshots land in test-artifacts/."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import delete, select, update

from ingest.demo import MANAGER_UNIT
from queries.db import engine_for
from queries.schema import Workshop, WorkshopProposal, WorkshopVote
from tests.browser import chromium, log_in, screenshot, streamlit_server, wait_idle
from tests.people import unit_id

pytestmark = [pytest.mark.browser, pytest.mark.timeout(400)]
IDEA = "Skylt vid kön på lördagar"


@pytest.fixture
def clean(sqlite_demo_url):
    engine = engine_for(sqlite_demo_url)
    yield engine
    with engine.begin() as connection:
        connection.execute(delete(WorkshopVote))
        connection.execute(delete(WorkshopProposal).where(WorkshopProposal.text == IDEA))
        connection.execute(update(Workshop).values(current_insight_id=None))


def test_a_staff_member_joins_from_a_phone_and_the_slide_updates(sqlite_demo_url, clean):
    with clean.connect() as connection:
        workshop_id = connection.execute(select(Workshop.id).where(
            Workshop.unit_id == unit_id(clean, MANAGER_UNIT)).order_by(Workshop.held_on.desc())).scalars().first()
    with streamlit_server(sqlite_demo_url) as server, chromium() as browser:
        screen = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
        screen.goto(f"{server}/workshop")
        log_in(screen, "manager")
        screen.get_by_text("2. Presentera").click()
        wait_idle(screen)
        join = screen.locator(".st-key-insikt_join")
        join.locator("img").wait_for(timeout=60_000)  # the QR code comes with a later delta than its box
        assert join.locator("img").count() == 1
        link = re.search(r"https?://\S+\?join=\d+", join.inner_text()).group(0)
        assert link.endswith(f"?join={workshop_id}")
        screenshot(screen, "workshop-join-1920")

        phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                    has_touch=True).new_page()
        phone.goto(f"{server}/workshop?join={workshop_id}")
        log_in(phone, "staff")
        phone.get_by_label("Din idé").wait_for(timeout=30_000)
        phone.get_by_label("Din idé").fill(IDEA)
        phone.get_by_role("button", name="Lägg till idén").click()
        wait_idle(phone)
        screenshot(phone, "workshop-phone-idea-390")
        card = phone.locator("[class*='st-key-idea_']").filter(has_text=IDEA).last
        card.get_by_role("button", name="Rösta").click()
        wait_idle(phone)
        phone.get_by_text("Du har 2 av 3 röster kvar.").wait_for(timeout=30_000)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        box = card.get_by_role("button", name="Ta tillbaka").bounding_box()
        assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 390
        screenshot(phone, "workshop-phone-390")

        # The facilitator's screen, not reloaded, shows the idea and its vote.
        screen.locator(".insikt-slide li").filter(has_text=IDEA).filter(has_text="1 röst").wait_for(timeout=20_000)
        join.scroll_into_view_if_needed()
        screenshot(screen, "workshop-live-1920")
