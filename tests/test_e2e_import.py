"""End to end in Chromium: an admin uploads a Windows-1252, semicolon-separated
export with Swedish headers and bad rows, sees every problem by row and column,
imports the valid rows, imports the same file again without duplicates, and
rolls the import back; a manager's import of other units' rows is refused row
by row. Runs on a private copy of the small demo (it writes)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from queries.db import engine_for
from queries.schema import DailyCount, FollowUp, ImportBatch, Response
from tests.browser import chromium, log_in, screenshot, streamlit_server, wait_idle
from tests.import_corpus import good_rows, to_csv

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]
ROWS = 40


@pytest.fixture
def export(tmp_path):
    """40 rows of the last three weeks (Swedish headers, cp1252, ";"): row 5 has NPS 11, row 9
    NPS "nio", row 11 an unknown unit, row 14 repeats the id of row 4."""
    rows = good_rows(ROWS)
    now = datetime.now()
    for number, row in enumerate(rows):  # the last three weeks, whenever the test runs
        row[1] = (now - timedelta(days=number % 20 + 1, hours=number % 7)).strftime("%Y-%m-%d %H:%M")
    rows[3][5], rows[7][5], rows[9][2], rows[12][0] = "11", "nio", "Okänd butik", rows[2][0]
    path = tmp_path / "omdömen.csv"
    path.write_bytes(to_csv(rows, delimiter=";", encoding="cp1252"))
    return path


def _counts(engine) -> dict:
    with engine.connect() as connection:
        return {name: connection.execute(select(func.count()).select_from(table)).scalar()
                for name, table in (("responses", Response), ("follow_ups", FollowUp),
                                    ("daily_counts", DailyCount), ("batches", ImportBatch))}


def _upload_and_check(page, path) -> None:
    page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(path))
    page.get_by_role("button", name="Kontrollera filen").wait_for(timeout=30_000)
    wait_idle(page)
    page.get_by_role("button", name="Kontrollera filen").click()
    page.get_by_text("Lästa rader").wait_for(timeout=60_000)
    wait_idle(page)


def _metric(page, label: str) -> str:
    return page.locator("[data-testid='stMetric']").filter(has_text=label).locator(
        "[data-testid='stMetricValue']").inner_text()


@pytest.mark.xdist_group("import-admin")  # each journey on a worker of its own
def test_an_admin_imports_reimports_and_rolls_back(sqlite_scratch_url, export):
    engine = engine_for(sqlite_scratch_url)
    before = _counts(engine)
    with streamlit_server(sqlite_scratch_url) as server, chromium() as browser:
        page = browser.new_page(viewport={"width": 1440, "height": 1600})
        page.goto(f"{server}/admin")
        log_in(page, "admin")
        _upload_and_check(page, export)
        assert page.get_by_text("Teckenkodning: cp1252. Avgränsare: semikolon.").count() == 1
        assert (_metric(page, "Lästa rader"), _metric(page, "Godkända"), _metric(page, "Avvisade")) == ("40", "36", "4")
        assert page.get_by_text("Problem rad för rad (de första 4)").count() == 1
        assert page.get_by_text("Okända enheter: Okänd butik").count() == 1
        screenshot(page, "import-checked")
        assert _counts(engine) == before  # checking writes nothing
        page.get_by_role("button", name="Importera 36 godkända rader").click()
        page.get_by_text("Importerade 36 svar som import").wait_for(timeout=60_000)
        wait_idle(page)
        screenshot(page, "import-done")
        after = _counts(engine)
        assert after["responses"] == before["responses"] + 36 and after["batches"] == before["batches"] + 1
        assert after["follow_ups"] > before["follow_ups"]  # last week's critical comments became cases

        _upload_and_check(page, export)  # the same file again
        assert (_metric(page, "Godkända"), _metric(page, "Redan importerade")) == ("0", "36")
        assert page.get_by_text("Inga nya rader att importera.").count() == 1
        assert _counts(engine) == after

        page.get_by_role("tab", name="Importhistorik").click()
        wait_idle(page)
        page.get_by_text("Ja, ta bort de 36 svaren").click()
        wait_idle(page)
        page.get_by_role("button", name="Rulla tillbaka").click()
        page.get_by_text("är tillbakarullad: 36 svar borttagna").wait_for(timeout=60_000)
        screenshot(page, "import-rolled-back")
        page.close()
    rolled_back = _counts(engine)
    assert {key: rolled_back[key] for key in ("responses", "follow_ups", "daily_counts")} == {
        key: before[key] for key in ("responses", "follow_ups", "daily_counts")}


@pytest.mark.xdist_group("import-manager")
def test_a_manager_imports_only_for_their_own_units(sqlite_scratch_url, export):
    engine = engine_for(sqlite_scratch_url)
    with streamlit_server(sqlite_scratch_url) as server, chromium() as browser:
        page = browser.new_page(viewport={"width": 1440, "height": 1600})
        page.goto(f"{server}/admin")
        log_in(page, "manager")
        page.get_by_text("Som chef kan du importera svar för dina enheter: Uppsala Centrum.").wait_for()
        assert page.get_by_role("tab", name="Användare").count() == 0
        _upload_and_check(page, export)
        assert page.get_by_text("Du får inte importera svar för den här enheten.").count() >= 1
        accepted = int(_metric(page, "Godkända"))
        assert 0 < accepted < 36  # only the Uppsala Centrum rows
        page.get_by_role("button", name=f"Importera {accepted} godkända rader").click()
        page.get_by_text(f"Importerade {accepted} svar som import").wait_for(timeout=60_000)
        screenshot(page, "import-manager")
        page.close()
    with engine.connect() as connection:
        batch = connection.execute(select(func.max(ImportBatch.id))).scalar()
        units = set(connection.execute(select(Response.unit_id).where(Response.import_batch_id == batch)).scalars())
    assert len(units) == 1
