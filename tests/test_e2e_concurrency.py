"""End to end: twenty people at once on one app process (twenty Chromium
contexts, each its own login) open their overview at the same time: every page
renders its chart, none shows an error. The CI version of the twenty-session
check (on the tests' small demo)."""

from __future__ import annotations

import asyncio

import pytest

from tests.browser import CHART, CHROMIUM, CHROMIUM_FLAGS, IDLE, streamlit_server

pytestmark = pytest.mark.timeout(1800)
SESSIONS = 20
ROLES = ("staff", "manager", "leader")


async def _session(browser, base: str, number: int) -> dict:
    """One person's visit; what went wrong, if anything, and how long each page took."""
    context = await browser.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(600_000)  # twenty browsers and the app share a small machine
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    loop = asyncio.get_running_loop()
    try:
        started = loop.time()
        await page.goto(f"{base}/overview")
        await page.wait_for_selector(IDLE, timeout=600_000)
        await page.locator("input[aria-label='Användarnamn'], input[aria-label='Username']").fill(
            ROLES[number % len(ROLES)])
        await page.locator("input[type='password']").fill("demo")
        await page.get_by_role("button", name="Logga in").click()
        await page.wait_for_selector(CHART, timeout=600_000)
        await page.wait_for_selector(IDLE, timeout=600_000)
        overview = loop.time() - started
        shown = await page.locator("[data-testid='stException']").count()
        if shown:
            errors.append(await page.locator("[data-testid='stException']").first.inner_text())
        return {"errors": errors, "overview": overview}
    finally:
        await context.close()


async def visits(base: str, sessions: int) -> list[dict]:
    """``sessions`` simultaneous visits to the app at ``base``."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            return await asyncio.gather(*(_session(browser, base, number) for number in range(sessions)))
        finally:
            await browser.close()


def test_twenty_sessions_at_once(sqlite_demo_url):
    pytest.importorskip("playwright")
    with streamlit_server(sqlite_demo_url) as base:
        results = asyncio.run(visits(base, SESSIONS))
    assert len(results) == SESSIONS
    assert [result["errors"] for result in results] == [[]] * SESSIONS
