"""End to end in Chromium on an English pet-insurance-like export with the English
service pack: the comments page's themes say who praised and who criticised each
theme and which side it is on. The screenshot lands in test-artifacts/."""

from __future__ import annotations

import pytest

from queries import admin
from queries.db import prepare
from tests import theme_corpora
from tests.browser import ARTIFACTS, CHART, chromium, log_in, streamlit_server, wait_idle
from tests.people import person

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


@pytest.fixture(scope="module")
def pet_insurance(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('pets') / 'pets.db'}"
    engine = prepare(url)
    theme_corpora.write(engine, theme_corpora.pet_insurance(1500), units=("London", "Leeds", "Bristol"))
    admin.load_theme_pack(engine, person(engine, "admin")[0], "service_en", others_off=True)
    engine.dispose()
    with streamlit_server(url) as base:
        yield base


def test_the_themes_of_a_pet_insurance_export_tell_praise_from_criticism(pet_insurance):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(f"{pet_insurance}/comments?view=themes&lang=en&period=12m")
        log_in(page, "leader")
        wait_idle(page)
        page.wait_for_selector(CHART, timeout=60_000)
        wait_idle(page)
        assert page.locator("[data-testid='stException']").count() == 0
        assert page.get_by_text("Claims handling", exact=True).count() >= 1
        assert page.get_by_text("praised by", exact=False).count() >= 5
        assert page.get_by_text("mostly praise", exact=True).count() >= 1
        assert page.get_by_text("mostly criticism", exact=True).count() >= 1
        assert page.get_by_text("praise lifts NPS", exact=False).count() >= 1
        page.get_by_text("praised by", exact=False).first.scroll_into_view_if_needed()
        page.mouse.wheel(0, 250)
        page.wait_for_timeout(500)
        page.screenshot(path=str(ARTIFACTS / "pet-insurance-comments-themes.png"))
        page.close()
