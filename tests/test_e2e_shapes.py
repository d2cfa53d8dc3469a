"""End to end in Chromium on a review-site export (1–5 stars, ten providers, data
that ended in April 2024): the overview shows the satisfaction trend with its
band by default, the strengths page stays bounded with its segments, the themes
show their effect on satisfaction, and a chosen period in the sidebar opens the
same view in a fresh tab through its link. Screenshots land in test-artifacts/."""

from __future__ import annotations

import pytest

from tests.browser import CHART, chromium, log_in, screenshot, streamlit_server, wait_idle
from tests.shaped import BEST, sqlite_shape  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


@pytest.fixture(scope="module")
def reviews(sqlite_shape):
    with streamlit_server(sqlite_shape("reviews")) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def _open(browser, url: str, role: str, width: int = 1440, height: int = 1000):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(url)
    log_in(page, role)
    wait_idle(page)
    return page


def test_the_overview_of_a_review_site_shows_satisfaction_with_its_band(reviews, browser):
    page = _open(browser, reviews, "admin")
    page.wait_for_selector(CHART, timeout=30_000)
    wait_idle(page)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_text("Nöjdhet (andel 4–5)").count() >= 1
    assert page.locator("[data-testid='stPlotlyChart'] path.js-fill").count() >= 1
    assert page.get_by_text("Senaste svaret kom 14 apr. 2024; perioden slutar där.", exact=False).count() == 1
    screenshot(page, "reviews-overview")
    page.close()


def test_the_strengths_and_themes_of_a_review_site(reviews, browser):
    page = _open(browser, f"{reviews}/strengths?unit={BEST}", "manager", height=2600)
    wait_idle(page)  # it opens on "where we stand": tiles and cards, no chart
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_text("tydligt högre andel nöjda", exact=False).count() >= 1
    screenshot(page, "reviews-strengths")
    page.goto(f"{reviews}/comments?view=themes")
    wait_idle(page)
    page.wait_for_selector(CHART, timeout=30_000)
    assert page.get_by_text("beröm lyfter andel nöjda", exact=False).count() >= 1
    assert page.get_by_text("kritiserat av", exact=False).count() >= 1
    screenshot(page, "reviews-comments-themes")
    page.close()


def test_a_chosen_period_travels_in_the_link(reviews, browser):
    page = _open(browser, f"{reviews}/overview?period=custom&from=2019-01-01&to=2019-12-31&lang=en", "leader")
    page.wait_for_selector(CHART, timeout=30_000)
    wait_idle(page)
    assert page.get_by_text("Chosen period: 1 Jan 2019 – 31 Dec 2019.", exact=False).count() == 1
    assert "from=2019-01-01" in page.url and "to=2019-12-31" in page.url and "period=custom" in page.url
    screenshot(page, "reviews-custom-period")
    page.close()


@pytest.fixture(scope="module")
def demo(sqlite_demo_url):
    with streamlit_server(sqlite_demo_url) as base:
        yield base


@pytest.mark.parametrize("path", ["overview", "strengths?unit=Uppsala+Centrum", "comments?view=themes"])
def test_the_demo_pages_look_as_before(demo, browser, path):
    page = _open(browser, f"{demo}/{path}", "leader", height=2600)
    if not path.startswith("strengths"):  # it opens on "where we stand": tiles and cards
        page.locator(CHART).last.wait_for(state="visible", timeout=60_000)
    wait_idle(page)
    assert page.locator("[data-testid='stException']").count() == 0
    chosen = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox'] input")
    assert chosen.evaluate_all("inputs => inputs.map(i => i.value)")[-1] == "NPS (0–10)"  # NPS first, as before
    screenshot(page, "demo-" + path.split("?")[0])
    page.close()


def test_staff_read_the_reviews_on_a_phone(reviews, browser):
    page = _open(browser, f"{reviews}/overview", "staff", width=390, height=844)  # staff land on "My day"
    page.wait_for_selector(CHART, timeout=30_000)
    wait_idle(page)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "reviews-overview-phone")
    page.close()
