"""End to end in Chromium: an administrator on an English review import opens
*suggest themes* on the comments page, makes a theme of a candidate, edits one
pattern with the live preview, saves, and the comments page and *what matters
most* (the strengths page) show the new theme with its praise and complaint apart.
Screenshots (1440x900) land in test-artifacts/."""

from __future__ import annotations

import re

import pytest

from tests.browser import CHART, chromium, log_in, screenshot, streamlit_server, wait_idle
from tests.discovery_corpus import PASSWORD, import_reviews

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]


@pytest.fixture(scope="module")
def reviews(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reviews")
    url = import_reviews(f"sqlite:///{folder / 'reviews.db'}", folder)
    with streamlit_server(url) as base:
        yield base


def _scroll_to(page, text: str) -> None:
    page.get_by_text(text).first.scroll_into_view_if_needed()


def test_an_admin_makes_a_theme_of_a_suggestion(reviews):
    with chromium() as browser:
        from playwright.sync_api import expect

        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(f"{reviews}/comments?view=themes&lang=en")
        log_in(page, "admin", PASSWORD)
        page.wait_for_selector(CHART, timeout=60_000)
        page.get_by_role("button", name="Suggest themes").click()
        page.get_by_role("button", name="Make a theme").first.wait_for(timeout=240_000)
        wait_idle(page)
        assert page.locator("[data-testid='stException']").count() == 0
        # the premium candidate: the block around its "Make a theme" button (claims, no longer a
        # complaint pattern, is a candidate of its own too)
        blocks = page.locator("xpath=//button[.//p[text()='Make a theme']]"
                              "/ancestor::div[@data-testid='stVerticalBlock'][1]")
        first = next(blocks.nth(index) for index in range(blocks.count())
                     if "premium" in blocks.nth(index).inner_text().split("\n")[0])  # its key terms
        assert "premium" in first.inner_text() and "of 3,000" in first.inner_text()
        assert re.search(r"Share satisfied \(4–5\) among them: \d+ %", first.inner_text())
        first.get_by_text("Five typical comments").click()
        wait_idle(page)
        _scroll_to(page, "Suggested patterns")
        screenshot(page, "discovery-candidates")
        assert first.locator(".insikt-comment").count() == 5
        assert all("premium" in text.lower() for text in first.locator(".insikt-comment .text").all_inner_texts())

        first.get_by_role("button", name="Make a theme").click()
        page.get_by_text("New theme from the suggestion").wait_for(timeout=60_000)
        wait_idle(page)
        assert "/admin" in page.url
        english = page.get_by_role("textbox", name="English patterns (one a line)")
        expect(english).to_have_value(re.compile(r"premium\*"), timeout=30_000)
        patterns = english.input_value().splitlines()
        preview = page.get_by_text(re.compile(r"The patterns match \d+ of the \d+ most recent comments"))
        before = preview.inner_text()
        english.fill("\n".join("premium increas*" if line == "premium*" else line for line in patterns))
        english.press("Control+Enter")
        page.wait_for_function("text => !document.body.innerText.includes(text)", arg=before, timeout=30_000)
        wait_idle(page)
        page.get_by_role("textbox", name="English name").fill("Premium increases")
        page.get_by_role("textbox", name="English name").press("Enter")
        wait_idle(page)
        page.get_by_text(re.compile(r"The patterns match \d+")).scroll_into_view_if_needed()
        screenshot(page, "discovery-draft")
        page.get_by_role("button", name="Create theme and retag").click()
        page.get_by_text("is created and the comments retagged").first.wait_for(timeout=120_000)
        wait_idle(page)
        assert page.locator("[data-testid='stException']").count() == 0

        page.goto(f"{reviews}/comments?view=themes&lang=en")
        page.wait_for_selector(CHART, timeout=60_000)
        wait_idle(page)
        # the theme's row says how many praised and how many criticised it
        tone = re.compile(r"praised by \d[\d,]*, criticised by \d[\d,]*")
        row = (page.locator("div[data-testid='stHorizontalBlock']")
               .filter(has=page.locator("xpath=.//strong[text()='Premium increases']")).filter(has_text=tone))
        expect(row.last).to_contain_text(tone, timeout=30_000)
        _scroll_to(page, "Premium increases")
        screenshot(page, "discovery-new-theme")

        # what matters most: the new theme's association, with its praise and complaint apart
        page.goto(f"{reviews}/strengths?lang=en")
        page.get_by_role("tab", name="What goes with higher and lower scores").click(timeout=120_000)
        wait_idle(page)
        assert page.locator("[data-testid='stException']").count() == 0
        line = page.get_by_text(re.compile(r"Premium increases.*praised by \d[\d,]*.*; criticised by \d[\d,]*"))
        line.first.wait_for(timeout=60_000)
        line.first.scroll_into_view_if_needed()
        screenshot(page, "discovery-what-matters")
        page.close()
