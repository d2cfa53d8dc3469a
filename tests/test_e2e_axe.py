"""Accessibility (WCAG 2.1 AA) in Chromium, on one server and one browser: axe-core finds
no serious or critical violation on any page (each of its tabs) of any role, ``<html lang>`` follows the
chosen language, no icon's name is exposed to screen readers, and a leader goes from the landing to a unit needing help, its
weakness and its comments with the keyboard only.

axe-core comes with axe-playwright-python (no download). The number of checks run is
printed: ``python -m pytest tests/test_e2e_axe.py -s``."""

from __future__ import annotations

import re

import pytest

from components.menu import pages_for
from tests.browser import chromium, each_tab, log_in, screenshot, side_by_side, streamlit_server, wait_idle
from tests.test_pages import ROLES

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SEVERE = ("serious", "critical")
CHART = "[data-testid='stPlotlyChart'] .main-svg"
pytestmark = pytest.mark.browser
SPOKEN_ICONS = ("[data-testid='stIconMaterial']:not([aria-hidden='true']), "
                "span[role='img'][aria-label$=' icon']:not([aria-hidden='true'])")


@pytest.fixture(scope="module")
def server(sqlite_demo_url):
    with streamlit_server(sqlite_demo_url) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium() as opened:
        yield opened


def _settled(page) -> None:
    """The page has run and drawn its charts."""
    wait_idle(page, 90_000)
    if page.locator("[data-testid='stPlotlyChart']").count():
        page.locator(CHART).first.wait_for(state="attached", timeout=30_000)
    page.wait_for_timeout(400)


def _audit(axe, page) -> tuple[list[str], int]:
    """The serious and critical violations on the page (rule, impact and where), and
    the number of rule checks axe made (rules that applied: passed, failed or to review)."""
    result = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}}).response
    found = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
             for v in result["violations"] if v["impact"] in SEVERE]
    return found, len(result["passes"]) + len(result["violations"]) + len(result["incomplete"])


def _report(problems: dict, pages: int, checks: int) -> None:
    print(f"\naxe-core: {pages} pages, {checks} rule checks, "
          f"{sum(map(len, problems.values()))} serious or critical violations")
    assert not any(problems.values()), problems


def test_the_login_page_passes_axe_and_english_sets_the_language(server, browser):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(server)
    _settled(page)
    found, checks = _audit(Axe(), page)
    log_in(page, ROLES[0])
    page.get_by_role("button", name="Logga ut").wait_for(timeout=60_000)
    page.wait_for_timeout(800)  # the login cookie is written by the landing page
    page.goto(f"{server}/overview?lang=en")
    _settled(page)
    assert page.evaluate("document.documentElement.lang") == "en"
    context.close()
    _report({"login": found}, 1, checks)


@pytest.mark.parametrize("role", side_by_side("axe", ROLES))
def test_every_page_for_every_role_passes_axe(server, browser, role):
    from axe_playwright_python.sync_playwright import Axe

    axe, problems, checks, pages = Axe(), {}, 0, 0
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(server)
    log_in(page, role)
    page.get_by_role("button", name="Logga ut").wait_for(timeout=60_000)
    page.wait_for_timeout(800)  # the login cookie is written by the landing page
    for info in pages_for(role):
        path = info.path.removeprefix("pages/").removesuffix(".py")
        page.goto(f"{server}/{path}")
        _settled(page)
        assert page.evaluate("document.documentElement.lang") == "sv", path
        for tab in each_tab(page):  # only the open tab is drawn
            _settled(page)
            where = f"{role} {path} {tab}"
            assert page.locator(SPOKEN_ICONS).count() == 0, where  # no "touch_app icon" read aloud
            found, counted = _audit(axe, page)
            checks, pages = checks + counted, pages + 1
            if found:
                problems[where] = found
                screenshot(page, f"axe-{role}-{path}-{tab}")
    context.close()
    _report(problems, pages, checks)


def test_a_leader_goes_by_keyboard_from_the_landing_to_a_weakness_and_its_comments(server, browser):
    """Landing → a unit needing help → its clear weakness → the comments behind it,
    every step by the keyboard (focus and Enter); screenshots at 1440×900 and 1920×1080."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(server)
    log_in(page, "leader")
    page.get_by_role("button", name="Logga ut").wait_for(timeout=60_000)
    _settled(page)
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
    _settled(page)
    weakness = page.get_by_text("▼ Tydligt sämre", exact=False).first
    weakness.scroll_into_view_if_needed()
    touchpoint = weakness.locator("strong").inner_text()
    screenshot(page, "landing-unit-1920x1080")

    comments = page.get_by_role("button", name=f"Läs kommentarerna om {touchpoint}")
    comments.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelector('h1')?.innerText === {('Kommentarer: ' + unit)!r}",
                           timeout=60_000)
    _settled(page)
    chosen = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox'] input")
    values = chosen.evaluate_all("inputs => inputs.map(i => i.value)")
    assert values[0] == unit and touchpoint in values
    page.set_viewport_size({"width": 1440, "height": 900})
    page.wait_for_timeout(500)
    screenshot(page, "landing-comments-1440x900")
    context.close()
