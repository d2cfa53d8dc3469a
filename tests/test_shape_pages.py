"""The pages on data shaped like real exports (tests/shaped.py), through AppTest: by
default every page shows the measure the data has — headline, trend, the change
with its n, comparisons, themes with their effects and key drivers — for data that
ended years ago; the sidebar offers only the measures there are; periods follow
the data and take a chosen range; links hold keys that open the same view in
either language; the strengths page stays bounded and flags small groups."""

from __future__ import annotations

import re

import pytest

from components.i18n import day, markdown_safe
from tests.app_runs import expander_keys, open_expanders, open_tab
from tests.shaped import BEST, SHAPES, sqlite_shape  # noqa: F401
from tests.test_pages import texts

pytestmark = pytest.mark.usefixtures("fresh_caches")

HEADLINES = {"nps": "NPS", "csat": "Nöjdhet (andel 4–5)", "scale10": "Andel betyg 9–10 (skala 1–10)",
             "positive": "Andel positiva"}
IN_SENTENCE = {"nps": "NPS", "csat": "andel nöjda (4–5)", "scale10": "andel betyg 9–10",
               "positive": "andel positiva"}
MEASURES = {"reviews": ["csat"], "sentiment": ["positive"], "scale10": ["scale10"], "mixed": ["nps", "csat"]}
FORBIDDEN = ("0 av 0", "n = 0", "För få kommenterade svar")


@pytest.fixture
def shape_page(sqlite_shape, open_page):
    """``shape_page(name, role, page, **query)``: a page of a shaped database."""
    return lambda name, role, page, **query: open_page(sqlite_shape(name), role, f"pages/{page}.py", **query)


@pytest.mark.parametrize("name", list(SHAPES))
def test_the_overview_shows_the_measures_the_data_has_by_default(shape_page, name):
    test = shape_page(name, "admin", "overview")
    assert not test.exception, test.exception
    assert test.selectbox(key="measure").options == [
        {"nps": "NPS (0–10)", "csat": "Nöjdhet (1–5)", "scale10": "Betyg (1–10)",
         "positive": "Sentiment (positiv/neutral/negativ)"}[key] for key in MEASURES[name]]
    metrics = {metric.label: metric.value for metric in test.metric}
    assert list(metrics)[:-1] == [HEADLINES[key] for key in MEASURES[name]]  # one headline per measure, then n
    assert all(value != "–" for value in metrics.values())
    assert len(test.get("plotly_chart")) == 1  # the trend of the default measure
    page = texts(test)
    assert f"Utveckling · {HEADLINES[MEASURES[name][0]]}" in page
    change = next(element.value for element in (*test.info, *test.success, *test.warning)
                  if "föregående period" in element.value or "mot" in element.value)
    sizes = re.search(r"n = ([\d\u202f]+)(?: mot |; den här perioden n = )([\d\u202f]+)", change)
    if name == "sentiment":  # a fortnight of tweets: nothing before it to compare with
        assert "Inget att jämföra med" in change and "de första kom 10 feb. 2015" in change
    else:
        assert sizes and all(int(size.replace("\u202f", "")) > 100 for size in sizes.groups()), change
    assert "Senaste svaret kom" in page and "perioden slutar där" in page
    assert not any(word in page for word in FORBIDDEN)
    # Arrivals apart from when feedback was written: one import two days ago, years of reviews.
    notice = next(element.value for element in test.info if "nya kommentarer" in element.value)
    written = {"reviews": "feb. 2015 – apr. 2024", "sentiment": "10 feb. 2015 – 24 feb. 2015",
               "scale10": "jan. 2019 – juni 2022", "mixed": "jan. 2021 – sep. 2023"}[name]
    assert re.search(rf"inlästa den \d+ \w+\.? \d{{4}}, skrivna {written}\.", notice), notice
    test = open_expanders(test, "alt_trend_chart")  # the trend as a table, drawn when opened
    assert not test.exception, test.exception
    trend = next(frame.value for frame in test.table if markdown_safe("Band (alla perioder)") in frame.value.columns)
    assert len(test.table) == 1 and (trend["Värde"] != "–").any()


def visit(test, page: str, **query):
    """The same session on another page, as the menu opens it, with a link's parameters."""
    test.switch_page(f"pages/{page}.py")
    for key, value in query.items():
        test.query_params[key] = value
    return test.run()


@pytest.mark.parametrize("name", list(SHAPES))
def test_strengths_drivers_and_themes_are_on_the_measure_that_exists(shape_page, sqlite_shape, name):
    from queries.db import engine_for
    from tests.people import unit_id

    best = unit_id(engine_for(sqlite_shape(name)), BEST)
    test = shape_page(name, "admin", "strengths", unit=str(best))
    assert not test.exception, test.exception
    measure = MEASURES[name][0]
    cards = [element.value for element in test.markdown if "tydligt högre" in element.value]
    assert any(IN_SENTENCE[measure].replace("(", "\\(").replace(")", "\\)") in card for card in cards), cards
    assert not any(word in texts(test) for word in FORBIDDEN)
    open_tab(test, "strengths_view", "Vad som går ihop med högre och lägre betyg")
    page = texts(test)
    if name == "sentiment":  # one unit over two weeks: too few clusters for an honest error
        assert "För få oberoende grupper för en ärlig felmarginal (3 grupper per enhet och vecka" in page
    else:
        assert "Skillnad i " in page and "med kommentar) i Alpha" in page  # the key drivers have a chart
    assert not any(word in page for word in FORBIDDEN)
    open_tab(test, "strengths_view", "Enheter och kontaktpunkter")
    page = texts(test)
    assert "Varje ruta visar " + IN_SENTENCE[measure] in page  # the heatmap judges the same measure
    assert not any(word in page for word in FORBIDDEN)
    test = visit(test, "comments", view="themes")
    assert not test.exception, test.exception
    page = texts(test)
    # Each theme split by tone: what its praise adds and its criticism costs.
    assert f"beröm lyfter {IN_SENTENCE[measure]}" in page and "kritik drar ner" in page
    assert "berömt av" in page and "kritiserat av" in page
    assert "95 % intervall" in page  # every effect with its interval; praise is clear only when its interval is
    assert not any(word in page for word in FORBIDDEN)


@pytest.mark.parametrize("role", ["leader", "manager", "staff"])
def test_every_role_reads_the_review_site_export(shape_page, role):
    test = shape_page("reviews", role, "overview")
    assert [metric.label for metric in test.metric] == [HEADLINES["csat"], "Svar"]
    for page in ("overview", "strengths", "comments", "actions"):
        test = visit(test, page)
        assert not test.exception, (page, test.exception)
        assert not any(word in texts(test) for word in FORBIDDEN), page
        if expander_keys(test):  # and what is drawn only when opened
            test = open_expanders(test, "")
            assert not test.exception, (page, test.exception)


def test_a_manager_prepares_a_workshop_on_star_ratings(shape_page):
    test = shape_page("reviews", "manager", "workshop")
    assert not test.exception, test.exception
    chooser = test.selectbox(key=[k for k in test.session_state if str(k).startswith("workshop_of_")][0])
    test = chooser.select_index(0).run()
    test = next(b for b in test.button if b.label == "Skapa workshop").click().run()
    assert not test.exception, test.exception
    titles = [element.value.replace("\\", "") for element in test.markdown if element.value.startswith("**")]
    assert any(IN_SENTENCE["csat"] in title for title in titles), titles  # the items read on star ratings
    figures = [element.value.replace("\\", "") for element in test.caption if " · " in element.value]
    assert any(" %" in line for line in figures), figures


def test_a_trend_slide_on_star_ratings_that_ended_years_ago_reads_as_a_table(shape_page, sqlite_shape):
    """A pinned satisfaction trend of a review export that ended in April 2024 (stars, no
    NPS): the slide's table gives each month's share in per cent, with its band and n,
    the partial first and last months marked."""
    from datetime import date

    from sqlalchemy import delete

    from queries import insights, workshops
    from queries.db import engine_for
    from queries.schema import Insight, Workshop, WorkshopInsight
    from tests.people import person, unit_id

    engine = engine_for(sqlite_shape("reviews"))
    manager, scope = person(engine, "manager")
    period = dict(period_start=date(2023, 4, 15), period_end=date(2024, 4, 14))
    ids = [insights.pin(engine, scope, manager.id, unit_id=unit_id(engine, BEST), filters={}, **period,
                        kind="trend", scope_type="metric", scope_key="csat", metric="csat", title="Nöjdheten",
                        estimate=0.7, low=0.6, high=0.8, n=300, comparator="previous", comparator_estimate=0.6)[0]]
    workshop_id = workshops.create_workshop(engine, scope, manager, unit_id=unit_id(engine, BEST),
                                            held_on=date(2024, 4, 20), **period)
    workshops.set_agenda(engine, scope, manager, workshop_id, ids)
    try:
        test = shape_page("reviews", "manager", "workshop")
        test.selectbox(key=[k for k in test.session_state if str(k).startswith("workshop_of_")][0]) \
            .set_value(workshop_id).run()
        test.session_state["workshop_mode"] = "present"
        test = open_expanders(test.run(), "alt_slide_trend_")
        assert not test.exception, test.exception
        assert len(test.get("plotly_chart")) == 1
        table = test.table[0].value
        months = ["apr. 2023", *(f"{m} 2023" for m in ("maj", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "dec.")),
                  *(f"{m} 2024" for m in ("jan.", "feb.", "mars", "apr."))]
        assert list(table.index) == [markdown_safe(month) for month in months]
        shown = table[table[markdown_safe("Värde")] != "–"]
        assert len(shown) >= 10 and shown[markdown_safe("Värde")].str.endswith("%").all()
        assert shown[markdown_safe("Band (alla perioder)")].str.contains("%").all()
        assert (table["n"].str.replace(r"\D", "", regex=True).astype(int) > 0).all()
        notes = table[markdown_safe("Not")]
        assert notes.str.contains("ofullständig period").tolist() == [True, *[False] * 11, True]
    finally:
        with engine.begin() as connection:
            connection.execute(delete(WorkshopInsight).where(WorkshopInsight.workshop_id == workshop_id))
            connection.execute(delete(Workshop).where(Workshop.id == workshop_id))
            connection.execute(delete(Insight).where(Insight.id.in_(ids)))


def test_the_measure_in_a_link_must_be_one_the_data_has(shape_page):
    test = shape_page("reviews", "admin", "overview", measure="nps")
    assert not test.exception
    assert "”nps” för mått i adressen finns inte" in texts(test)
    assert test.selectbox(key="measure").value == "csat"


def test_a_link_holds_keys_and_opens_the_same_view_in_english(shape_page, sqlite_shape):
    from queries.db import engine_for
    from tests.people import unit_id

    best = unit_id(engine_for(sqlite_shape("reviews")), BEST)
    query = {"unit": str(best), "period": "4w", "touchpoint": "review", "grain": "week", "measure": "csat"}
    test = shape_page("reviews", "admin", "overview", **query)
    seen = {}
    for language, title, period in (("sv", "Översikt", "Senaste 4 veckorna: 18 mars 2024 – 14 apr. 2024."),
                                    ("en", "Overview", "Last 4 weeks: 18 Mar 2024 – 14 Apr 2024.")):
        if language == "en":
            test = test.radio(key="lang").set_value("en").run()  # the same link, read in English
        assert not test.exception, test.exception
        assert test.title[0].value == f"{title}: {BEST}" and period in texts(test)
        assert test.selectbox(key="unit").value == best and test.selectbox(key="period").value == "4w"
        assert test.radio(key="grain").value == "week"
        # Written back as keys; the measure is the default here, so it is left out.
        assert {key: value for key, value in test.query_params.items() if key != "lang"} | {"measure": "csat"} == query
        seen[language] = [metric.value.replace("\u202f", "").replace(",", ".") for metric in test.metric]
    assert seen["sv"] == seen["en"]


def test_last_week_ends_with_the_latest_whole_week(shape_page):
    test = shape_page("reviews", "admin", "overview", period="last_week")
    assert not test.exception
    assert "Förra veckan: 8 apr. 2024 – 14 apr. 2024." in texts(test)


def test_a_chosen_period_comes_from_the_link_and_stays_within_the_data(shape_page):
    test = shape_page("reviews", "admin", "overview", **{"from": "2014-06-01", "to": "2016-03-31"})
    assert not test.exception, test.exception
    assert test.selectbox(key="period").value == "custom"
    page = texts(test)
    assert "Vald period: 18 feb. 2015 – 31 mars 2016." in page  # cut to the first day with data
    assert "Data finns från 18 feb. 2015 till 14 apr. 2024." in page
    assert test.date_input(key="date_from").value.isoformat() == "2015-02-18"
    for start, end in (("2030-01-01", "2030-02-01"), ("2020-02-01", "2020-01-01")):  # no data; reversed
        test = visit(test, "overview", **{"period": "12m", "from": start, "to": end})
        assert "finns inte" in texts(test) and test.selectbox(key="period").value == "12m"


def test_picking_dates_in_the_sidebar_changes_the_period(shape_page):
    from datetime import date

    test = shape_page("reviews", "admin", "overview")
    test = test.selectbox(key="period").select("custom").run()
    test = test.date_input(key="date_from").set_value(date(2020, 1, 1)).run()
    test = test.date_input(key="date_to").set_value(date(2020, 12, 31)).run()
    assert not test.exception, test.exception
    assert "Vald period: 1 jan. 2020 – 31 dec. 2020." in texts(test)
    assert (test.query_params["from"], test.query_params["to"]) == ("2020-01-01", "2020-12-31")
    test = test.selectbox(key="period").select("3m").run()
    assert "from" not in test.query_params and "Senaste 3 månaderna" in texts(test)


def test_the_strengths_page_stays_bounded_with_dozens_of_segment_groups(shape_page, sqlite_shape):
    from queries.db import engine_for
    from tests.people import unit_id

    best = unit_id(engine_for(sqlite_shape("reviews")), BEST)
    test = shape_page("reviews", "leader", "strengths", unit=str(best), **{"from": "2015-01-01", "to": "2024-04-14"})
    assert not test.exception, test.exception
    cards = [element.value for element in test.markdown if "tydligt högre" in element.value]
    assert 1 <= len(cards) <= 4  # the strongest strengths as cards (one cause, one card) …
    more = test.get("dataframe")
    assert len(test.get("plotly_chart")) <= 2 * 4 + 2  # … and every further group a table row, not a chart
    assert len(texts(test)) + sum(len(frame.value.to_csv()) for frame in more) < 40_000


def test_every_small_group_on_a_card_is_flagged(shape_page):
    test = shape_page("reviews", "staff", "strengths", vs="organisation")
    assert not test.exception, test.exception
    captions = [element.value for element in test.caption]
    for position, caption in enumerate(captions):
        found = re.match(r"Här .*?n = ([\d\u202f]+)\) · .*?\(n = ([\d\u202f]+)\)", caption)
        if found and min(int(size.replace("\u202f", "")) for size in found.groups()) < 30:
            assert "Litet underlag" in captions[position + 1], caption
    close = [caption for caption in captions if "inom slumpens marginal" in caption]
    for caption in close:
        sizes = [int(size.replace("\u202f", "")) for size in re.findall(r"n = ([\d\u202f]+)", caption)]
        assert ("Litet underlag" in caption) == (min(sizes) < 30), caption


@pytest.mark.parametrize("name", list(SHAPES))
def test_new_and_growing_reads_every_shape_for_every_role(shape_page, name):
    """The rise tests (cached with the data version) on data that ended years ago, on
    stars, sentiment or a 1-10 scale: the view opens for each role, its weeks end with
    the data, and a second visit is served from the cache without an error."""
    for role in ("leader", "manager", "staff"):
        test = shape_page(name, role, "comments", view="emerging")
        assert not test.exception, (name, role, test.exception)
        assert f"till {day(SHAPES[name].end)})" in texts(test), (name, role)  # the weeks end with the data
        assert not any(word in texts(test) for word in FORBIDDEN), (name, role)
        assert not test.run().exception
