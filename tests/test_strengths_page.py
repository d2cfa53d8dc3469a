"""The strengths page through AppTest, for every role: comparisons with each
comparator, the planted strength and weakness of the demo, scope, and the heatmap."""

from __future__ import annotations

import pytest
import streamlit as st

from ingest.demo import MANAGER_UNIT
from tests.app_runs import open_expanders, open_tab
from tests.test_pages import ROLES, texts


pytestmark = pytest.mark.usefixtures("fresh_caches")
VIEW = "strengths_view"  # the key of the page's tabs
DRIVERS = "Vad som går ihop med högre och lägre betyg"


@pytest.fixture
def app(sqlite_demo_url, open_page):
    return lambda role, **query: open_page(sqlite_demo_url, role, "pages/strengths.py", **query)


def markdown(test) -> str:
    return "\n".join(element.value for element in test.markdown)


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_strengths_beside_weaknesses(app, role):
    test = app(role)
    assert not test.exception, test.exception
    assert test.title[0].value.startswith("Styrkor och svagheter: ")
    views = ["Var vi står", DRIVERS] + (["Enheter och kontaktpunkter"] if role != "staff" else [])
    assert [tab.label for tab in test.tabs] == views
    headings = [element.value for element in test.subheader]
    assert DRIVERS not in headings and "Enheter och kontaktpunkter" not in headings  # only the open tab runs
    for view in views[1:]:
        assert view in [element.value for element in open_tab(test, VIEW, view).subheader]
        assert not test.exception, test.exception
    open_tab(test, VIEW, views[0])
    headings = [element.value for element in test.subheader]
    if role in ("leader", "admin"):  # every unit selected: nothing is "the rest"
        assert "alla enheter är valda" in texts(test)
        units = test.selectbox(key="unit")
        test = units.select_index(units.options.index(MANAGER_UNIT)).run()
        assert not test.exception, test.exception
        headings = [element.value for element in test.subheader]
    assert headings.index("Styrkor") < headings.index("Svagheter")
    assert "jämförelser på sidan" in texts(test)


def test_the_planted_unit_shows_its_strength_and_weakness_in_customers_words(default_demo_url,
                                                                           open_page):
    # The planted pattern needs the volume of the demo the app ships with (100,000
    # responses); in the small test demo its staff and waiting groups are too small.
    test = open_page(default_demo_url, "manager", "pages/strengths.py")
    test = test.selectbox(key="period").select("Senaste 24 månaderna").run()
    assert not test.exception
    page = markdown(test)
    # A theme's score row speaks of those who mention it (prevalence is a section of its own).
    assert "Kunder som nämner Personal och bemötande ger ett tydligt högre" in page
    assert "Kunder som nämner Väntetid och köer ger ett tydligt lägre" in page
    cards = [card for element in test.get("html") if "<style>" not in element.proto.body
             for card in element.proto.body.split('<div class="insikt-comment">')[1:]]
    assert cards, "the cards quote customers"
    assert all(f"· {MANAGER_UNIT} ·" in card for card in cards)


@pytest.mark.parametrize("role, groups", [("leader", "(enhet)"), ("staff", "(enhet och vecka)")])
def test_drivers_are_associations_with_clustered_intervals_and_praise_beside_criticism(app, role, groups):
    test = app(role, period="12m")
    open_tab(test, VIEW, DRIVERS)
    assert not test.exception, test.exception
    page = texts(test)
    assert groups in page and "95 % intervall" in page and "Tydliga samband först" in page
    assert "betyder mest" not in page and "drar ner" not in page  # association, never importance or cause
    read = [element.value.replace("\\", "") for element in test.caption]  # as shown: escapes read
    lines = [line for line in read if "· n = " in line]
    themes = [line for line in lines if "berömt av" in line]
    assert themes and all("kritiserat av" in line and "mot andra kommentarer" in line for line in themes)
    assert any("går ihop med" in line or "inget tydligt samband" in line for line in lines)
    assert test.get("plotly_chart")


def test_staff_only_ever_sees_their_own_unit(app):
    test = app("staff", unit="Region Nord")
    assert not test.exception
    assert test.selectbox(key="unit").options == [MANAGER_UNIT]
    assert test.title[0].value == f"Styrkor och svagheter: {MANAGER_UNIT}"


@pytest.mark.parametrize("comparator", ["previous", "region"])
def test_other_comparators(app, comparator):
    test = app("manager", vs=comparator)
    assert not test.exception, test.exception
    assert "jämförelser på sidan" in texts(test) or "inget att jämföra med" in texts(test)


def test_a_target_is_offered_only_once_set(app, sqlite_demo_url):
    from queries import insights
    from queries.db import engine_for

    test = app("manager")
    assert "målet" not in test.get("button_group")[0].proto.options.__repr__()
    engine = engine_for(sqlite_demo_url)
    insights.set_target(engine, "nps", 30)
    try:
        st.cache_data.clear()
        test = app("manager", vs="target")
        assert not test.exception, test.exception
        assert "Mål" in texts(test) or "mål" in markdown(test) or "målet" in texts(test)
    finally:
        insights.clear_target(engine, "nps")


def test_pinning_a_finding_twice_keeps_one_insight(default_demo_url, open_page):
    from sqlalchemy import delete, func, select

    from queries.db import engine_for
    from queries.schema import Insight

    engine = engine_for(default_demo_url)

    def count() -> int:
        with engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(Insight)).scalar()

    before = count()
    test = open_page(default_demo_url, "manager", "pages/strengths.py")
    pins = [button for button in test.button if button.label == "Fäst som insikt"]
    assert pins, "the planted unit has clear findings to pin"
    key = pins[0].key
    test = test.button(key=key).click().run()
    assert not test.exception
    test = test.button(key=key).click().run()
    assert not test.exception
    try:
        assert count() == before + 1
    finally:
        with engine.begin() as connection:
            newest = connection.execute(select(func.max(Insight.id))).scalar()
            connection.execute(delete(Insight).where(Insight.id == newest))


def test_a_period_too_short_to_compare_with_other_units_is_explained(app):
    """Staff and managers: under 7 days, no "rest of the organisation" (one day of a
    channel can be one customer's answer); the page and the sidebar say why."""
    from tests.conftest import TODAY

    period = {"from": (TODAY.replace(day=1)).isoformat(), "to": TODAY.replace(day=3).isoformat()}
    test = app("staff", **period)
    assert not test.exception, test.exception
    shown = texts(test)
    assert "perioden är kortare än 7 dagar" in shown
    assert "jämförelser med andra enheter visas inte för så korta perioder" in shown
    assert "jämförelser på sidan" in texts(app("staff", vs="previous", **period))
    leader = app("leader", unit=MANAGER_UNIT, **period)
    assert "perioden är kortare än 7 dagar" not in texts(leader)


def test_a_cards_chart_shows_the_group_and_its_comparator_with_their_intervals():
    from components import charts

    figure = charts.comparison_figure((30.0, 25.0, 36.0), (20.0, 18.0, 22.0), ("Här", "Resten"), (-100, 100), "")
    here, other = figure.data
    assert (here.x, here.y, here.error_x.array, here.error_x.arrayminus) == ((30.0,), ("Här",), (6.0,), (5.0,))
    assert (other.y, other.marker.color, here.marker.color) == (("Resten",), charts.GREY, charts.BLUE)
    assert figure.layout.xaxis.range == (-100, 100) and figure.layout.yaxis.autorange == "reversed"
    assert here.hovertemplate == "Här: %{x:.1f}<extra></extra>" and figure.layout.font.size is None
    slide = charts.comparison_figure((80.0, 70.0, 90.0), None, ("Här", "Mål"), (0, 100), " %", height=300,
                                     font_size=22)
    assert len(slide.data) == 1 and slide.data[0].marker.size == 22 and slide.data[0].error_x.width == 12
    assert (slide.layout.font.size, slide.layout.xaxis.tickfont.size, slide.layout.height) == (22, 22, 300)
    assert slide.layout.xaxis.ticksuffix == " %"


def test_a_unit_without_a_region_is_named_alone_in_the_heatmap(sqlite_scratch_url, open_page):
    """An import may create a unit without a region beside the regions' units: the heatmap
    names it alone, never "nan · Unit" (pandas 3's missing text)."""
    from sqlalchemy import update

    from queries.db import engine_for
    from queries.schema import Unit
    from tests.people import unit_id

    engine = engine_for(sqlite_scratch_url)
    with engine.begin() as connection:
        connection.execute(update(Unit).where(Unit.id == unit_id(engine, MANAGER_UNIT)).values(parent_id=None))
    test = open_page(sqlite_scratch_url, "leader", "pages/strengths.py")
    open_tab(test, VIEW, "Enheter och kontaktpunkter")
    test = open_expanders(test, "alt_heatmap")  # the heatmap as a table, drawn when opened
    assert not test.exception, test.exception
    rows = [str(label) for table in test.table for label in table.value.index]
    assert MANAGER_UNIT in rows and any(" · " in row for row in rows)
    assert not any(row.startswith(("nan", "None")) for row in rows)
