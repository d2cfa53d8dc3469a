"""The one rule for "clear" on the pages (issue 13, items 2 and 3): the overview's change,
the strengths list and the heatmap give the same verdict for the same unit, measure and
period, and a small group is never called clear anywhere."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta, timezone

import pytest
from sqlalchemy import create_engine, func, insert, select

from analysis.verdict import Rule
from queries.rollup import refresh
from queries.schema import Response, Touchpoint, Unit
from tests.app_runs import open_tab
from tests.test_pages import texts

pytestmark = pytest.mark.usefixtures("fresh_caches")
DAYS = 28


def _add(connection, unit_id, touchpoint_id, day, score, index):
    at = datetime.combine(day, time(10 + index % 8), tzinfo=timezone.utc)
    connection.execute(insert(Response).values(
        source="verdict-test", external_id=f"verdict-{unit_id}-{day}-{index}", unit_id=unit_id,
        touchpoint_id=touchpoint_id, channel="email", responded_at=at, nps=score, language="sv",
        imported_at=at))


@pytest.fixture
def world(sqlite_scratch_url):
    """Two new units of the demo's first region: "Stora Testbutiken" fell from 60 promoters to
    60 detractors at the store visit between two 28-day periods; "Lilla Testbutiken" did the
    same with 7 answers per period."""
    engine = create_engine(sqlite_scratch_url)
    with engine.begin() as connection:
        last = connection.execute(select(func.max(Response.responded_at))).scalar_one()
        last = (last if isinstance(last, datetime) else datetime.fromisoformat(str(last))).date()
        region = connection.execute(select(Unit.id).where(Unit.kind == "region").order_by(Unit.id)).scalars().first()
        store = connection.execute(select(Touchpoint.id).where(Touchpoint.key == "store_visit")).scalar_one()
        start, previous = last - timedelta(days=DAYS - 1), last - timedelta(days=2 * DAYS - 1)
        for name, count in (("Stora Testbutiken", 60), ("Lilla Testbutiken", 7)):
            unit_id = connection.execute(insert(Unit).values(name=name, parent_id=region, kind="unit")).inserted_primary_key[0]
            for index in range(count):
                _add(connection, unit_id, store, previous + timedelta(days=index % DAYS), 10, index)
                _add(connection, unit_id, store, start + timedelta(days=index % DAYS), 1, index)
        refresh(connection, previous, last)
    engine.dispose()
    return sqlite_scratch_url, {"from": start.isoformat(), "to": last.isoformat()}


def _heat_cell(test, unit):
    """The heatmap cell of ``unit``: ("clear", its hover text) when coloured, else "neutral"
    (no clear difference) or "few" (a dash: too few to judge); the symbol ▲/▼ marks a clear cell."""
    [chart] = [element for element in test.get("plotly_chart") if '"square"' in element.proto.spec]
    for trace in json.loads(chart.proto.spec)["data"]:
        for index, hover in enumerate(trace["hovertext"]):
            if unit in hover:
                text = (trace.get("text") or [""] * (index + 1))[index]
                kind = "clear" if text[:1] in ("▲", "▼") else "few" if text.startswith("–") else "neutral"
                return kind, hover
    raise AssertionError(f"no heatmap cell for {unit}")


@pytest.mark.parametrize(("unit", "overview", "strengths", "heat"), [
    ("Stora Testbutiken", "har sannolikt **minskat**", "Kunderna ger helheten ett tydligt lägre NPS", "clear"),
    ("Lilla Testbutiken", "För få svar för att bedöma en förändring", None, "few"),
])
def test_the_three_views_agree(world, open_page, unit, overview, strengths, heat):
    url, period = world
    seen = open_page(url, "leader", "pages/overview.py", unit=unit, **period)
    assert not seen.exception, seen.exception
    warned = [element.value for element in (*seen.warning, *seen.info, *seen.success)]
    assert any(overview in text for text in warned), warned
    if strengths is None:  # a small unit: never "likely risen/fallen"
        assert not any("sannolikt" in text for text in warned), warned

    page = open_page(url, "leader", "pages/strengths.py", unit=unit, vs="previous", **period)
    assert not page.exception, page.exception
    cards = "\n".join(element.value for element in page.markdown)
    if strengths:
        assert strengths in cards
    else:  # a small unit: no strength or weakness anywhere, its groups listed as too few
        assert "tydligt" not in cards
        assert "För få svar för att bedöma" in texts(page)
    kind, hover = _heat_cell(open_tab(page, "strengths_view", "Enheter och kontaktpunkter"), unit)
    assert kind == heat, hover
    if kind == "clear":  # lower than the rest of the organisation at the store visit
        assert "▼" in hover, hover


@pytest.mark.parametrize(("unit", "weakness"), [("Stora Testbutiken", True), ("Lilla Testbutiken", False)])
def test_the_workshop_agenda_follows_the_rule(world, open_page, unit, weakness):
    url, period = world
    test = open_page(url, "leader", "pages/workshop.py", unit=unit, **period)
    assert not test.exception, test.exception
    test = [b for b in test.button if b.label == "Skapa workshop"][0].click().run()
    assert not test.exception, test.exception  # also with an empty agenda
    kinds = [caption.value.split(" · ")[0] for caption in test.caption]  # each agenda item: its kind first
    assert ("Svaghet" in kinds) == weakness, kinds
    assert "Styrka" not in kinds, kinds


def test_the_tracker_calls_a_small_pinned_weakness_too_few_to_judge(monkeypatch):
    from components import action_views

    monkeypatch.setattr(action_views, "t", lambda key, **words: f"{key}{sorted(words.items())}")
    rule = Rule(small_sample=30)
    assert action_views.insight_kind("weakness", 7, rule).startswith("kind_too_few_to_judge")
    assert action_views.insight_kind("weakness", 30, rule) == "kind_weakness[]"
    assert action_views.insight_kind("trend", 7, rule) == "kind_trend[]"
