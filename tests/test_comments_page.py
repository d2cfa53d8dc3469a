"""The comments page through AppTest, for every role: the list, the theme views,
scope enforcement (also through the URL), drill-through state and safe rendering."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pandas as pd
import pytest

from components.comment_list import export_frame
from components.export import csv_bytes
from components.shell import Page
from ingest.demo import MANAGER_UNIT
from queries.comments import CommentQuery
from queries.db import engine_for
from queries.responses import Filters
from queries.scope import scope_for
from queries.settings import Thresholds
from queries.users import authenticate
from tests.test_pages import ROLES, texts

pytestmark = pytest.mark.usefixtures("fresh_caches")


@pytest.fixture
def app(sqlite_demo_url, open_page):
    return lambda role, **query: open_page(sqlite_demo_url, role, "pages/comments.py", **query)


def cards(test) -> list[str]:
    """The comment cards on the page, one string each (a list's cards are one element)."""
    return [card for element in test.get("html") if "<style>" not in element.proto.body
            for card in element.proto.body.split('<div class="insikt-comment">')[1:]]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_comments_in_context(app, role):
    test = app(role)
    assert not test.exception, test.exception
    assert test.title[0].value.startswith("Kommentarer: ")
    shown = cards(test)
    assert len(shown) == 25
    assert all("kommentarer i urvalet" in card for card in shown)  # context, not anecdotes
    assert "Visar 1–25 av" in texts(test)
    assert any(button.label == "Ladda ner som CSV" for button in test.get("download_button"))


def test_staff_sees_only_their_unit_even_when_the_url_asks_for_another(app):
    test = app("staff", unit="Region Nord")
    assert not test.exception
    assert test.selectbox(key="unit").options == [MANAGER_UNIT]
    assert test.title[0].value == f"Kommentarer: {MANAGER_UNIT}"
    for card in cards(test):
        assert f"· {MANAGER_UNIT} ·" in card


def test_hostile_comments_are_shown_literally(app, hostile_comments):
    test = app("manager")
    shown = "\n".join(cards(test))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown and "<script>" not in shown
    assert "**bold** and [link](http://example.com) &lt;img src=x onerror=" in shown
    assert "<img" not in shown
    assert "Åsa: köerna var långa 😀 " + "x" * 20_000 in shown


def test_search_and_filters_narrow_the_list(app):
    test = app("leader")
    everything = texts(test)
    test.text_input(key="q").input("leverans").run()
    assert not test.exception
    narrowed = cards(test)
    assert narrowed and all("everans" in card.lower() for card in narrowed)
    assert texts(test) != everything
    test.text_input(key="q").input('"NEAR AND *').run()  # operators only: no error
    assert not test.exception


@pytest.mark.parametrize("view", ["themes", "emerging"])
@pytest.mark.parametrize("role", ["leader", "staff"])
def test_theme_views_render_for_each_role(app, view, role):
    test = app(role, view=view)
    assert not test.exception, test.exception
    if view == "themes":
        assert "Vad kunderna skriver om" in texts(test)
        assert len(test.get("plotly_chart")) == 1
        labels = [button.label for button in test.button]
        assert labels.count("Läs kommentarerna") >= 10
    else:
        page = texts(test)
        assert "vecka för vecka de senaste 16 veckorna" in page and "alla teman och ord tillsammans" in page
        assert "ett år tidigare" in page  # whether the same weeks a year earlier are the comparison
        assert "gånger så ofta senaste veckan" in page  # each shown row says its growth


def test_the_themes_view_counts_comments_in_languages_no_theme_reads(sqlite_scratch_url, open_page):
    """The count comes from the language rollup, or from the responses when a touchpoint
    narrows the page (the rollup has none): the same number either way, in scope."""
    from datetime import datetime, timezone

    from sqlalchemy import insert, select

    from queries.rollup import refresh
    from queries.schema import Response, Touchpoint, Unit
    from queries.settings import bump_data_version
    from tests.conftest import TODAY

    engine = engine_for(sqlite_scratch_url)
    moment = datetime(TODAY.year, TODAY.month, TODAY.day, 9, tzinfo=timezone.utc)
    with engine.begin() as connection:
        home = connection.execute(select(Unit.id).where(Unit.name == MANAGER_UNIT)).scalar_one()
        other = connection.execute(select(Unit.id).where(Unit.kind == "unit", Unit.id != home)).scalars().first()
        touchpoint, key = connection.execute(select(Touchpoint.id, Touchpoint.key).order_by(Touchpoint.id)).first()
        for index, unit in enumerate([home, home, home, other]):
            connection.execute(insert(Response).values(
                source="test", external_id=f"german-{index}", unit_id=unit, touchpoint_id=touchpoint,
                channel="web", responded_at=moment, nps=8, comment="Die Wartezeit an der Kasse war viel zu lang",
                language="de", imported_at=moment))
        refresh(connection, TODAY, TODAY)
        bump_data_version(connection)

    def note(role: str, **query) -> str:
        test = open_page(sqlite_scratch_url, role, "pages/comments.py", view="themes", **query)
        assert not test.exception, test.exception
        return next((text for text in (caption.value for caption in test.caption) if "Andra språk" in text), "")

    assert "Andra språk: 3 kommentarer taggas inte" in note("manager")
    assert "Andra språk: 3 kommentarer taggas inte" in note("manager", touchpoint=key)
    assert "Andra språk: 4 kommentarer taggas inte" in note("leader")
    assert note("manager", channel="sms") == ""  # every one came by web


def test_region_syd_sees_late_deliveries_growing(app, sqlite_demo_url):
    from ingest.demo import DELIVERY_REGION
    from queries.db import engine_for
    from tests.people import unit_id

    test = app("leader", view="emerging", unit=str(unit_id(engine_for(sqlite_demo_url), DELIVERY_REGION)))
    assert not test.exception, test.exception
    cards_text = [element.value for element in test.markdown if "badge[" in element.value]
    assert cards_text and "Leverans" in cards_text[0] and "orange-badge" in cards_text[0]


def test_a_theme_button_opens_its_comments(app):
    test = app("manager", view="themes")
    buttons = [button for button in test.button if button.label == "Läs kommentarerna"]
    test = buttons[0].click().run()
    assert not test.exception
    assert test.session_state["view"] == "list"
    theme = test.session_state["theme"]
    assert theme not in ("all", None)
    assert cards(test)


def test_the_download_holds_only_the_staff_members_unit(sqlite_demo_url):
    engine = engine_for(sqlite_demo_url)
    account = authenticate(engine, "staff", "demo").account
    scope = scope_for(engine, "staff", account.unit_id)
    everything = scope_for(engine, "leader", None).unit_ids
    page = Page(engine, sqlite_demo_url, account, scope, Thresholds(), "test", "sv", None)
    filters = Filters(everything, date.today() - timedelta(days=730), date.today())
    frame = pd.read_csv(io.BytesIO(csv_bytes(export_frame(page, filters, CommentQuery()))),
                        encoding="utf-8-sig")
    assert len(frame) > 100
    assert set(frame["unit"]) == {MANAGER_UNIT}
