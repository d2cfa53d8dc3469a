"""End to end: two app processes (two ``streamlit run``) share one PostgreSQL
database, as N processes behind a load balancer do. An import through one is
on the other's next render (its caches are keyed by the data version, which the
import changed in the database), and a logout in one ends the same login's
session that is open in the other (the session version in the database)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from tests.browser import chromium, log_in, screenshot, streamlit_server, wait_idle
from tests.conftest import copy_postgres_database, postgres_admin, postgres_admin_url
from tests.import_corpus import good_rows, to_csv
from tests.test_e2e_import import _upload_and_check

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]
WORD = "Zebrakassan"  # in one imported comment only


@pytest.fixture
def shared_postgres(postgres_demo_url):
    """A private copy of the PostgreSQL demo (CREATE DATABASE … TEMPLATE), dropped afterwards."""
    from queries.db import engine_for

    engine_for(postgres_demo_url).dispose()  # a template must have no open connections
    admin = postgres_admin()
    name = f"insikt_processes_{uuid.uuid4().hex[:8]}"
    template = make_url(postgres_demo_url).database
    copy_postgres_database(admin, template, name)
    yield make_url(postgres_admin_url()).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def export(tmp_path):
    """Ten valid rows of the last days, one of them with :data:`WORD` in its comment."""
    rows = good_rows(10, first=900)
    now = datetime.now()
    for number, row in enumerate(rows):
        row[1] = (now - timedelta(days=number % 5 + 1)).strftime("%Y-%m-%d %H:%M")
    rows[0][7] = f"{WORD} var stängd men personalen hjälpte oss"
    path = tmp_path / "export.csv"
    path.write_bytes(to_csv(rows))
    return path


def test_two_processes_share_imports_and_logouts(shared_postgres, export):
    with streamlit_server(shared_postgres) as first, streamlit_server(shared_postgres) as second, \
            chromium() as browser:
        leader = browser.new_context(viewport={"width": 1280, "height": 1400})
        on_second = leader.new_page()
        on_second.goto(f"{second}/comments?q={WORD.lower()}")
        wait_idle(on_second, 120_000)  # a process's first page imports everything (slow on a busy machine)
        log_in(on_second, "leader")
        on_second.locator("input[aria-label='Sök i kommentarerna']").wait_for()
        assert on_second.get_by_text(WORD).count() == 0

        admin = browser.new_context(viewport={"width": 1440, "height": 1600}).new_page()
        admin.goto(f"{first}/admin")
        wait_idle(admin, 120_000)
        log_in(admin, "admin")
        _upload_and_check(admin, export)
        admin.get_by_role("button", name="Importera 10 godkända rader").click()
        admin.get_by_text("Importerade 10 svar").wait_for(timeout=60_000)

        on_second.reload()  # the second process's next render: its cache entry is of an older version
        wait_idle(on_second)
        on_second.get_by_text(WORD).first.wait_for(timeout=30_000)
        screenshot(on_second, "processes-import-seen")

        on_first = leader.new_page()  # the same login (its cookie) on the first process
        on_first.goto(f"{first}/overview")
        wait_idle(on_first)
        on_first.get_by_role("button", name="Logga ut").click()
        wait_idle(on_first)

        search = on_second.locator("input[aria-label='Sök i kommentarerna']")  # a rerun of the open session there
        search.fill("personal")
        search.press("Enter")
        wait_idle(on_second)
        on_second.locator("input[type='password']").wait_for(timeout=30_000)
        screenshot(on_second, "processes-logged-out")
        assert on_second.get_by_text(WORD).count() == 0
