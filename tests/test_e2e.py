"""End to end in Chromium: log in and see the overview chart; open a shared URL
with filters on a freshly started server. Screenshots land in test-artifacts/."""

from __future__ import annotations

import pytest

from tests.browser import CHART, chromium, log_in, open_tab, screenshot, streamlit_server, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


@pytest.fixture(scope="module")
def server(sqlite_demo_url):
    with streamlit_server(sqlite_demo_url) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


# English for every role; Swedish for one here, since tests/test_e2e_every_page.py logs
# every role in and opens every page in Swedish (and the staff's Swedish deep link is in
# test_out_of_scope_unit_in_url_is_refused).
@pytest.mark.parametrize(("role", "language"), [("leader", "sv"), ("leader", "en"), ("manager", "en"),
                                                ("staff", "en"), ("admin", "en")])
def test_each_role_logs_in_and_sees_the_overview_chart(server, browser, role, language):
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    # Staff land on "My day"; the overview is opened by its link, as a shared link would.
    page.goto(f"{server}/overview?lang={language}" if language != "sv" else f"{server}/overview")
    log_in(page, role)
    page.wait_for_selector(CHART, timeout=30_000)
    wait_idle(page)
    assert "/overview" in page.url
    title = page.locator("h1").first.inner_text()
    assert title.startswith("Översikt" if language == "sv" else "Overview")
    assert page.locator("[data-testid='stException']").count() == 0
    # The band is drawn: a filled scatter path inside the chart.
    assert page.locator("[data-testid='stPlotlyChart'] path.js-fill").count() >= 1
    screenshot(page, f"overview-{role}-{language}")
    page.close()


def test_login_survives_a_reload(server, browser):
    page = browser.new_page()
    page.goto(server)
    log_in(page, "manager")
    page.wait_for_selector(CHART, timeout=30_000)
    page.reload()
    page.wait_for_selector(CHART, timeout=30_000)
    assert page.get_by_role("button", name="Logga in").count() == 0
    page.get_by_role("button", name="Logga ut").click()
    wait_idle(page)
    page.reload()
    wait_idle(page)
    assert page.get_by_role("button", name="Logga in").count() == 1
    page.close()


def test_shared_url_with_filters_on_a_fresh_server(sqlite_demo_url, browser):
    from ingest.demo import MANAGER_UNIT

    with streamlit_server(sqlite_demo_url) as fresh:
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        page.goto(f"{fresh}/overview?lang=en&unit={MANAGER_UNIT}&period=3m"
                  "&touchpoint=checkout&grain=week")
        log_in(page, "leader")  # the deep link shows the login first, then the page
        page.wait_for_selector(CHART, timeout=30_000)
        wait_idle(page)
        assert page.locator("h1").first.inner_text() == f"Overview: {MANAGER_UNIT}"
        chosen = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox'] input")
        assert chosen.evaluate_all("inputs => inputs.map(i => i.value)") == [
            MANAGER_UNIT, "Last 3 months", "Checkout", "All channels", "NPS (0–10)"]
        assert page.get_by_text("Last 3 months:").count() == 1
        assert "grain=week" in page.url and "touchpoint=checkout" in page.url and "period=3m" in page.url
        screenshot(page, "overview-shared-url")
        page.close()


def test_out_of_scope_unit_in_url_is_refused(server, browser):
    from ingest.demo import MANAGER_UNIT

    page = browser.new_page()
    page.goto(f"{server}/overview?unit=Region+Nord")
    log_in(page, "staff")
    page.wait_for_selector(CHART, timeout=30_000)
    wait_idle(page)
    assert page.get_by_text("ingår inte i det du har behörighet att se").count() == 1
    assert page.locator("h1").first.inner_text() == f"Översikt: {MANAGER_UNIT}"
    page.close()


def test_a_click_on_a_trend_point_opens_that_periods_comments(server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto(server)
    log_in(page, "leader")
    page.wait_for_selector(CHART, timeout=30_000)
    wait_idle(page)
    page.locator(CHART).first.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    traces = page.locator("[data-testid='stPlotlyChart']").first.locator(".scatterlayer .trace")
    # the measure's line: the trace with the most points (the band and legend entries have none)
    points = max((traces.nth(index).locator("path.point") for index in range(traces.count())),
                 key=lambda found: found.count())
    assert points.count() >= 12  # a year by month
    box = points.nth(points.count() - 2).bounding_box()  # plotly listens on its drag layer
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(300)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/comments?**", timeout=30_000)
    wait_idle(page)
    assert "from=" in page.url and "to=" in page.url
    assert page.locator("h1").first.inner_text().startswith("Kommentarer")
    assert page.get_by_text("Vald period:").count() == 1  # the period of the point, kept in the sidebar
    assert page.locator(".insikt-comment").count() > 0
    screenshot(page, "drill-through-comments")
    page.close()


def test_hostile_comments_render_as_text_in_the_browser(server, browser, hostile_comments):
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto(f"{server}/comments")
    log_in(page, "manager")
    page.wait_for_selector(".insikt-comment", timeout=30_000)
    wait_idle(page)
    texts = page.locator(".insikt-comment .text").all_inner_texts()
    assert "<script>alert(1)</script>" in texts
    assert any(text.startswith("**bold** and [link](http://example.com) <img") for text in texts)
    assert page.evaluate("window.pwned === undefined")
    assert page.locator(".insikt-comment .text a").count() == 0
    screenshot(page, "comments-hostile")
    page.close()


def _nearest_tick(page, chart, axis: str, coordinate: float) -> str:
    """The tick label of ``axis`` ("x"/"y") nearest to a screen coordinate."""
    ticks = chart.locator(f"g.{axis}tick text")
    best, label = float("inf"), ""
    for index in range(ticks.count()):
        box = ticks.nth(index).bounding_box()
        centre = box["y"] + box["height"] / 2 if axis == "y" else box["x"] + box["width"] / 2
        if abs(centre - coordinate) < best:
            best, label = abs(centre - coordinate), ticks.nth(index).text_content()
    return label


def test_a_heatmap_cell_opens_that_unit_with_the_touchpoint(server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 1400})
    page.goto(f"{server}/strengths")
    log_in(page, "leader")
    open_tab(page, "Enheter och kontaktpunkter")
    page.locator(CHART).last.wait_for(state="visible", timeout=60_000)
    wait_idle(page)
    chart = page.locator("[data-testid='stPlotlyChart']").last
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    cell = chart.locator(".scatterlayer .trace path.point").nth(7)
    box = cell.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    row, column = _nearest_tick(page, chart, "y", y), _nearest_tick(page, chart, "x", x)
    unit = row.split(" · ")[-1]
    screenshot(page, "strengths-heatmap")
    page.mouse.move(x, y)
    page.wait_for_timeout(300)
    page.mouse.click(x, y)
    page.wait_for_function(
        f"document.querySelector('h1') && document.querySelector('h1').innerText.endsWith({unit!r})",
        timeout=30_000)
    wait_idle(page)
    chosen = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox'] input")
    values = chosen.evaluate_all("inputs => inputs.map(i => i.value)")
    assert values[0] == unit and values[2] == column
    screenshot(page, "strengths-after-heatmap-click")
    page.close()


def _tracker_total(page) -> int:
    """The number of actions in the tracker's sentence "… av N åtgärder klara …"."""
    import re

    caption = page.get_by_text(re.compile(r"av \d+ åtgärder klara")).first.inner_text()
    return int(re.search(r"av (\d+) åtgärder", caption).group(1))


def test_a_manager_runs_a_workshop_and_a_leader_sees_the_new_action(server, browser, sqlite_demo_url):
    from sqlalchemy import delete, select

    from queries.db import engine_for
    from queries.schema import Action, ActionEvent, Workshop, WorkshopInsight, WorkshopProposal

    engine = engine_for(sqlite_demo_url)
    with engine.connect() as connection:
        workshops_before = set(connection.execute(select(Workshop.id)).scalars())
    leader = browser.new_page(viewport={"width": 1440, "height": 1000})
    leader.goto(f"{server}/actions")
    log_in(leader, "leader")
    leader.get_by_text("Genomförande per enhet").wait_for(timeout=30_000)
    before = _tracker_total(leader)

    manager = browser.new_page(viewport={"width": 1920, "height": 1080})
    try:
        manager.goto(f"{server}/workshop")
        log_in(manager, "manager")
        manager.get_by_text("Workshop: Uppsala Centrum").wait_for(timeout=30_000)
        manager.locator("[data-testid='stSelectbox']").filter(has_text="Workshop").last.click()
        manager.get_by_role("option", name="Ny workshop").click()
        wait_idle(manager)
        manager.get_by_role("button", name="Skapa workshop").click()
        wait_idle(manager)
        manager.get_by_role("button", name="Spara dagordningen").click()
        manager.get_by_text("Dagordningen är sparad").wait_for(timeout=30_000)
        manager.get_by_text("2. Presentera", exact=True).click()
        manager.get_by_text("Att samtala om").wait_for(timeout=30_000)  # the slide and its prompts
        wait_idle(manager)
        assert manager.locator("[data-testid='stSidebar']").is_hidden()
        screenshot(manager, "workshop-presentation-1")
        manager.get_by_role("button", name="Nästa").click()
        wait_idle(manager)
        screenshot(manager, "workshop-presentation-2")
        manager.get_by_role("button", name="Avsluta presentationen").click()
        wait_idle(manager)
        manager.get_by_label("Nytt förslag").first.fill("Kö-värd vid kassorna på lördagar")
        manager.get_by_role("button", name="Lägg till förslag").first.click()
        manager.get_by_text("Kö-värd vid kassorna på lördagar").wait_for(timeout=30_000)
        wait_idle(manager)
        manager.get_by_role("button", name="+1").first.click()
        manager.get_by_text("1 röster").wait_for(timeout=30_000)
        manager.get_by_role("button", name="Gör till åtgärd").first.click()
        manager.get_by_role("combobox", name="Ägare").click()  # no owner is chosen for you
        manager.get_by_role("option", name="Samir Haddad (medarbetare)").click()
        wait_idle(manager)
        manager.get_by_role("button", name="Skapa åtgärd").click()
        manager.get_by_text("Åtgärd: Kö-värd vid kassorna på lördagar").wait_for(timeout=30_000)
        screenshot(manager, "workshop-decided")

        leader.reload()
        leader.get_by_text("Genomförande per enhet").wait_for(timeout=30_000)
        wait_idle(leader)
        assert _tracker_total(leader) == before + 1
        screenshot(leader, "actions-tracker-after-workshop")
    finally:
        manager.close()
        leader.close()
        with engine.begin() as connection:
            new = set(connection.execute(select(Workshop.id)).scalars()) - workshops_before
            action_ids = [i for i in connection.execute(select(WorkshopProposal.action_id).where(
                WorkshopProposal.workshop_id.in_(new))).scalars() if i]
            connection.execute(delete(WorkshopProposal).where(WorkshopProposal.workshop_id.in_(new)))
            connection.execute(delete(WorkshopInsight).where(WorkshopInsight.workshop_id.in_(new)))
            connection.execute(delete(Workshop).where(Workshop.id.in_(new)))
            connection.execute(delete(ActionEvent).where(ActionEvent.action_id.in_(action_ids)))
            connection.execute(delete(Action).where(Action.id.in_(action_ids)))
