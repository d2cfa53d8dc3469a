"""Accessibility (WCAG 2.1 AA) in Chromium, on one server and one browser: axe-core finds
no serious or critical violation on the login page, ``<html lang>`` follows the chosen
language, and a leader goes from the landing to a unit needing help, its weakness and its
comments with the keyboard only. Every tab of every page for every role is audited in
tests/test_e2e_every_page.py.

axe-core comes with axe-playwright-python (no download). The number of checks run is
printed: ``python -m pytest tests/test_e2e_axe.py -s``."""

from __future__ import annotations

import re

import pytest

from tests.browser import axe_audit, chromium, drawn, log_in, screenshot, streamlit_server
from tests.test_pages import ROLES

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(sqlite_demo_url):
    with streamlit_server(sqlite_demo_url) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium() as opened:
        yield opened


def test_the_login_page_passes_axe_and_english_sets_the_language(server, browser):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(server)
    drawn(page)
    found, checks = axe_audit(Axe(), page)
    log_in(page, ROLES[0])
    page.get_by_role("button", name="Logga ut").wait_for(timeout=60_000)
    page.wait_for_timeout(800)  # the login cookie is written by the landing page
    page.goto(f"{server}/overview?lang=en")
    drawn(page)
    assert page.evaluate("document.documentElement.lang") == "en"
    context.close()
    print(f"\naxe-core on the login page: {checks} rule checks, {len(found)} serious or critical violations")
    assert not found, found


def test_a_leader_goes_by_keyboard_from_the_landing_to_a_weakness_and_its_comments(server, browser):
    """Landing → a unit needing help → its clear weakness → the comments behind it,
    every step by the keyboard (focus and Enter); screenshots at 1440×900 and 1920×1080."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(server)
    log_in(page, "leader")
    page.get_by_role("button", name="Logga ut").wait_for(timeout=60_000)
    drawn(page)
    page.get_by_role("heading", name="Enheterna: var behövs stöd?").wait_for()
    assert page.get_by_text(re.compile(r"^\d+ enhete?r? behöver stöd\.$")).count() == 1
    screenshot(page, "landing-1440x900")
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.wait_for_timeout(500)
    screenshot(page, "landing-1920x1080")

    first = page.get_by_role("button", name=re.compile(r"^Öppna ")).first
    unit = first.inner_text().removeprefix("Öppna ").strip()
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelector('h1')?.innerText.endsWith({unit!r})", timeout=60_000)
    drawn(page)
    weakness = page.get_by_text("▼ Tydligt sämre", exact=False).first
    weakness.scroll_into_view_if_needed()
    touchpoint = weakness.locator("strong").inner_text()
    screenshot(page, "landing-unit-1920x1080")

    comments = page.get_by_role("button", name=f"Läs kommentarerna om {touchpoint}")
    comments.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelector('h1')?.innerText === {('Kommentarer: ' + unit)!r}",
                           timeout=60_000)
    drawn(page)
    chosen = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox'] input")
    values = chosen.evaluate_all("inputs => inputs.map(i => i.value)")
    assert values[0] == unit and touchpoint in values
    page.set_viewport_size({"width": 1440, "height": 900})
    page.wait_for_timeout(500)
    screenshot(page, "landing-comments-1440x900")
    context.close()
