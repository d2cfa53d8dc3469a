"""End to end in Chromium: a manager marks an action done today; the actions page then says
when its result is expected instead of giving a verdict (with the action it overlaps, as one
result), at 1440×900 (screenshot in test-artifacts/)."""

from __future__ import annotations

import pytest

from tests.browser import chromium, log_in, screenshot, streamlit_server, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


def test_an_action_done_today_waits_for_its_after_window(sqlite_scratch_url):
    from analysis.action_effect import windows
    from components.i18n import day, translate
    from queries import actions
    from queries.common import utc_now
    from queries.db import engine_for
    from queries.scope import scope_for
    from queries.users import authenticate

    engine = engine_for(sqlite_scratch_url)
    manager = authenticate(engine, "manager", "demo").account
    scope = scope_for(engine, "manager", manager.unit_id)
    action = actions.actions_in_scope(engine, scope, statuses=["in_progress"]).iloc[0]
    actions.update_action(engine, scope, manager, int(action["id"]), int(action["version"]), status="done")
    today = utc_now().date()
    expected = translate("ae_verdict_pending", "sv", date=day(windows(today, today).expected_on, language="sv"))
    with streamlit_server(sqlite_scratch_url) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(f"{base}/actions")
        log_in(page, "manager")
        heading = page.get_by_text("Hjälpte det?").first
        heading.wait_for(timeout=60_000)
        wait_idle(page)
        heading.scroll_into_view_if_needed()
        table = page.locator("[data-testid='stDataFrame']").last
        table.wait_for(timeout=30_000)
        assert page.get_by_text("Resultat av klara åtgärder (").count() == 1
        assert page.locator("[data-testid='stException']").count() == 0
        screenshot(page, "actions-did-it-help")
        # The grid is drawn on a canvas; its accessible copy holds the cells' text.
        assert expected in page.content(), expected
        page.close()
