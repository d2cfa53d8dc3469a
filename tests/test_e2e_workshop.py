"""End to end in Chromium: a manager runs a workshop with the keyboard — the
agenda (reordered by its buttons), the slides moved by the arrow keys and Page
Down, an idea typed on a slide, an owner chosen, the record with the decisions
first. Screenshots at 1920×1080 and 1440×900 land in test-artifacts/."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select

from queries.db import engine_for
from queries.schema import Action, ActionEvent, Insight, Workshop, WorkshopInsight, WorkshopProposal
from tests.browser import CHART, chromium, log_in, screenshot, streamlit_server, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.timeout(400)]


@pytest.fixture
def clean(sqlite_demo_url):
    """Remove what the journey made: workshops, their ideas and actions, agenda pins."""
    engine = engine_for(sqlite_demo_url)
    with engine.connect() as connection:
        workshops_before = set(connection.execute(select(Workshop.id)).scalars())
        insights_before = set(connection.execute(select(Insight.id)).scalars())
    yield engine
    with engine.begin() as connection:
        new = set(connection.execute(select(Workshop.id)).scalars()) - workshops_before
        action_ids = [i for i in connection.execute(select(WorkshopProposal.action_id).where(
            WorkshopProposal.workshop_id.in_(new))).scalars() if i]
        connection.execute(delete(WorkshopProposal).where(WorkshopProposal.workshop_id.in_(new)))
        connection.execute(delete(WorkshopInsight).where(WorkshopInsight.workshop_id.in_(new)))
        connection.execute(delete(Workshop).where(Workshop.id.in_(new)))
        connection.execute(delete(ActionEvent).where(ActionEvent.action_id.in_(action_ids)))
        connection.execute(delete(Action).where(Action.id.in_(action_ids)))
        connection.execute(delete(Insight).where(Insight.id.not_in(insights_before)))


def _slide(page) -> str:
    return page.locator(".insikt-slide .kind").first.inner_text()


def _press(page, key: str) -> None:
    page.keyboard.press(key)
    wait_idle(page)


def _activate(locator) -> None:
    """Reach a control as Tab would and press it with the keyboard."""
    locator.focus()
    locator.page.keyboard.press("Enter")
    wait_idle(locator.page)


def test_a_manager_runs_a_workshop_with_the_keyboard(sqlite_demo_url, clean):
    with streamlit_server(sqlite_demo_url) as server, chromium() as browser:
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        page.goto(f"{server}/workshop")
        log_in(page, "manager")
        page.get_by_text("Workshop: Uppsala Centrum").wait_for(timeout=30_000)
        page.locator("[data-testid='stSelectbox']").filter(has_text="Workshop").last.click()
        page.get_by_role("option", name="Ny workshop").click()
        wait_idle(page)
        _activate(page.get_by_role("button", name="Skapa workshop"))
        # Prepare: strengths first, reordered with the down button, saved.
        page.get_by_role("button", name="Spara dagordningen").wait_for(timeout=30_000)
        titles = page.locator("[class*='st-key-agenda_item_'] strong")
        first = titles.nth(0).inner_text()
        _activate(page.locator("[class*='st-key-down_agenda_items_'] button").first)
        assert titles.nth(1).inner_text().endswith(first.split(". ", 1)[1])
        _activate(page.locator("[class*='st-key-up_agenda_items_'] button").nth(1))
        assert titles.nth(0).inner_text() == first
        question = page.get_by_label("Frågan teamet tar med sig")
        question.focus()
        page.keyboard.type("Ska vi öppna tidigare på lördagar?")
        page.keyboard.press("Tab")
        page.keyboard.type("Samir tar med siffror från kassan")
        _activate(page.get_by_role("button", name="Lägg till frågan"))
        titles.nth(2).wait_for(timeout=30_000)
        assert titles.nth(2).inner_text() == "3. Ska vi öppna tidigare på lördagar?"
        screenshot(page, "workshop-agenda-1920")
        _activate(page.get_by_role("button", name="Spara dagordningen"))
        page.get_by_text("Dagordningen är sparad").wait_for(timeout=30_000)
        # Present: the arrow keys and Page Down move between slides.
        _activate(page.get_by_role("radio", name="2. Presentera").or_(
            page.get_by_role("button", name="2. Presentera")))
        page.locator(".insikt-slide h1").wait_for(timeout=30_000)
        page.locator(CHART).first.wait_for(timeout=30_000)
        wait_idle(page)
        assert page.locator("[data-testid='stSidebar']").is_hidden()
        assert _slide(page).endswith("1 av 3")
        screenshot(page, "workshop-slide-1-1920")
        meta = page.locator(".insikt-comment .meta").first
        assert float(meta.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 18
        page.evaluate("document.activeElement && document.activeElement.blur()")  # no field has the focus
        _press(page, "ArrowRight")
        assert _slide(page).endswith("2 av 3")
        _press(page, "PageDown")
        assert _slide(page).endswith("3 av 3")
        assert "Vad vet vi redan?" in page.locator(".insikt-slide").all_inner_texts()[1]
        _press(page, "PageUp")
        _press(page, "ArrowLeft")
        assert _slide(page).endswith("1 av 3")
        _press(page, "ArrowRight")
        screenshot(page, "workshop-slide-2-1920")
        # An idea typed on the slide is kept with the item; typing does not change the slide.
        idea = page.get_by_label("Ny idé")
        idea.focus()
        page.keyboard.type("Kö-värd vid kassorna på lördagar")
        page.keyboard.press("Enter")
        wait_idle(page)
        page.locator(".insikt-slide li", has_text="Kö-värd vid kassorna på lördagar").wait_for(timeout=30_000)
        assert _slide(page).endswith("2 av 3")
        page.set_viewport_size({"width": 1440, "height": 900})
        wait_idle(page)
        screenshot(page, "workshop-slide-2-1440")
        page.set_viewport_size({"width": 1920, "height": 1080})
        # Decide: the owner is chosen on purpose, the unit's team listed first with roles.
        _activate(page.get_by_role("button", name="Avsluta presentationen"))
        _activate(page.get_by_role("button", name="Gör till åtgärd").first)
        owner = page.get_by_role("combobox", name="Ägare")
        assert owner.get_attribute("placeholder") == "Välj en ansvarig" and owner.input_value() == ""
        owner.focus()
        page.keyboard.press("ArrowDown")
        page.get_by_role("option").first.wait_for(timeout=10_000)
        options = page.get_by_role("option").all_inner_texts()
        assert options[:2] == ["Maria Sjöberg (chef)", "Samir Haddad (medarbetare)"]
        assert "Anders Holm (administratör)" in options[2:]
        page.keyboard.type("Samir")
        page.keyboard.press("Enter")
        wait_idle(page)
        _activate(page.get_by_role("button", name="Skapa åtgärd"))
        page.get_by_text("Åtgärd: Kö-värd vid kassorna på lördagar").wait_for(timeout=30_000)
        # The record: decisions first, in the app's words.
        _activate(page.get_by_role("radio", name="4. Protokoll").or_(
            page.get_by_role("button", name="4. Protokoll")))
        page.get_by_role("heading", name="Det här bestämde vi").wait_for(timeout=30_000)
        table = page.locator("[data-testid='stMarkdownContainer'] table").first
        assert "Kö-värd vid kassorna på lördagar" in table.inner_text()
        assert "Samir Haddad" in table.inner_text()
        assert "CSAT" not in page.locator("[data-testid='stMain']").inner_text()
        assert "\\" not in page.locator("[data-testid='stMain']").inner_text()
        screenshot(page, "workshop-record-1920")
        page.set_viewport_size({"width": 1440, "height": 900})
        wait_idle(page)
        screenshot(page, "workshop-record-1440")
