"""End to end in Chromium, from an empty deployment (INSIKT_DEMO_ON_EMPTY=0) to
insights: the page naming the command for the first administrator, that command
run with the password on standard input, the login, the first-run checklist, a
review-site export imported from the page with a new touchpoint typed in, the
checklist ticking, and the overview showing the imported ratings."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from queries.db import engine_for, prepare
from queries.schema import FollowUp, Response, ResponseTheme, Segment
from tests.browser import ROOT, chromium, log_in, screenshot, streamlit_server, wait_idle
from tests.import_corpus import build

pytestmark = [pytest.mark.browser, pytest.mark.timeout(420)]
PASSWORD = "correct horse battery"


def test_from_an_empty_deployment_to_insights(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    prepare(url)
    name, data = build("review_site_export")
    export = tmp_path / name
    export.write_bytes(data)
    with streamlit_server(url) as server, chromium() as browser:
        page = browser.new_page(viewport={"width": 1440, "height": 1300})
        page.goto(server)
        wait_idle(page)
        page.get_by_text("Insikt behöver sin första administratör").wait_for()
        page.get_by_text("python -m ingest.users add admin --role admin").first.wait_for()
        wait_idle(page)
        assert page.locator("input[type='password']").count() == 0  # no login form nobody can pass
        screenshot(page, "first-run-no-users")

        added = subprocess.run(
            [sys.executable, "-m", "ingest.users", "add", "admin", "--role", "admin", "--display-name", "Ada Admin"],
            input=PASSWORD + "\n", capture_output=True, text=True, cwd=ROOT, timeout=120,
            env=os.environ | {"DATABASE_URL": url})
        assert added.returncode == 0, added.stderr
        page.get_by_role("button", name="Jag har lagt till användaren").click()
        page.locator("input[type='password']").wait_for()
        log_in(page, "admin", PASSWORD)
        page.get_by_text("Det finns inga enheter och inga svar än.").wait_for()  # the landing page, no data yet
        wait_idle(page)
        screenshot(page, "first-run-landing")

        page.get_by_role("link", name="Till importen och checklistan").click()
        wait_idle(page)
        page.get_by_text("Kom igång").wait_for()
        assert page.get_by_text("(0 av 5)").count() == 1
        screenshot(page, "first-run-checklist")

        page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(export))
        page.get_by_role("button", name="Kontrollera filen").wait_for(timeout=30_000)
        wait_idle(page)
        page.get_by_text("Varför de här förslagen").wait_for()
        assert page.get_by_text("10 olika värden som återkommer, cirka 60 rader vardera").count() == 1
        assert page.get_by_text("värdena är webbadresser").count() == 1
        touchpoint = page.locator("input[aria-label='Kontaktpunkt för rader utan']")
        touchpoint.click()
        page.keyboard.type("Recensionssajt")
        page.keyboard.press("Enter")
        wait_idle(page)
        page.get_by_text("Skapa enheter och kontaktpunkter som saknas").click()
        screenshot(page, "first-run-mapping")
        page.get_by_role("button", name="Kontrollera filen").click()
        page.get_by_text("Lästa rader").wait_for(timeout=90_000)
        wait_idle(page)
        assert page.get_by_text("Skapas vid import: Aurora Energy").count() == 1
        page.get_by_text("Kolumnerna som inte är fält sparas med varje svar.").scroll_into_view_if_needed()
        screenshot(page, "first-run-import-checked")
        page.get_by_role("button", name="Importera 600 godkända rader").click()
        page.get_by_text("Importerade 600 svar som import 1").wait_for(timeout=120_000)
        wait_idle(page)
        assert page.get_by_text("(2 av 5)").count() == 1  # import and themes tick themselves
        done = page.get_by_text("Importerade 600 svar som import 1")
        assert "äldre än reglernas 30 dagar" in done.inner_text()
        page.get_by_text("Kom igång").scroll_into_view_if_needed()
        screenshot(page, "first-run-imported")
        page.get_by_role("tab", name="Segment").click()
        page.get_by_text("Kolumner från importerna som sparas med varje svar.").wait_for()
        wait_idle(page)
        grid = page.locator("[data-testid='stDataFrame'] >> visible=true").first.bounding_box()
        page.mouse.click(grid["x"] + 0.175 * grid["width"], grid["y"] + 35 * 2 + 17)  # "verified": switch it off
        page.get_by_role("button", name="Spara ändringarna (1)").click()
        page.get_by_text("1 segment ändrade").wait_for()
        wait_idle(page)
        screenshot(page, "first-run-segments")

        page.goto(f"{server}/overview?from=2024-01-01&to=2024-11-30")
        wait_idle(page)
        page.locator("[data-testid='stMetric']").first.wait_for()
        satisfaction = page.locator("[data-testid='stMetric']").filter(has_text="Nöjdhet")
        assert satisfaction.locator("[data-testid='stMetricValue']").inner_text().endswith("%")
        assert page.get_by_text("troligen mellan", exact=False).count() >= 1
        screenshot(page, "first-run-overview")
        page.close()
    engine = engine_for(url)
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Response)).scalar() == 600
        assert connection.execute(select(func.count()).select_from(ResponseTheme)).scalar() > 300
        assert connection.execute(select(func.count()).select_from(FollowUp)).scalar() == 0
        assert set(connection.execute(select(Segment.key).where(Segment.enabled.is_(True))).scalars()) == {
            "reviewer_country"}  # "verified" switched off on the Segments tab
        assert connection.execute(select(Segment.reason).where(Segment.key == "verified")).scalar() == "admin"
