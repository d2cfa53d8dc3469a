"""The leader's landing: the ranked list of units (a unit with a clear weakness and no
action comes first), the heatmap's cells (value and n, the same "clear" rule as the
list, ordered by either axis), and the per-unit counts read in SQL on SQLite and
PostgreSQL against a hand count."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pandas as pd
import pytest
from sqlalchemy import delete, select

from analysis import measures
from analysis.landing import axis_order, clear, heatmap_cells, unit_table
from queries import landing
from queries.actions import create_action
from queries.compare import HEATMAP_COLUMNS
from queries.responses import Filters
from queries.schema import Action, ActionEvent, Response, Unit, User
from queries.scope import scope_for
from queries.users import account_by_id
from tests.conftest import TODAY

ZEROS = dict.fromkeys(measures.COUNT_COLUMNS, 0)


def _nps(promoters: int, passives: int, detractors: int) -> dict:
    return ZEROS | {"n": promoters + passives + detractors, "promoters": promoters, "passives": passives,
                    "detractors": detractors}


def _heat(units: dict[tuple[int, str], dict], others: dict[str, dict]) -> pd.DataFrame:
    """Heatmap counts: the given unit × touchpoint cells, and per touchpoint the
    organisation = those cells plus ``others`` (the units not listed)."""
    rows = [{"kind": "unit", "unit_id": unit_id, "unit": f"U{unit_id}", "region": "R", "touchpoint": key} | counts
            for (unit_id, key), counts in units.items()]
    for key, rest in others.items():
        total = dict(rest)
        for (_, touchpoint), counts in units.items():
            if touchpoint == key:
                total = {name: total[name] + counts[name] for name in measures.COUNT_COLUMNS}
        rows.append({"kind": "organisation", "unit_id": None, "unit": None, "region": None, "touchpoint": key} | total)
    return pd.DataFrame(rows)[HEATMAP_COLUMNS]


AVERAGE = _nps(400, 300, 300)  # NPS 10
CELLS = _heat({
    (1, "shop"): _nps(60, 100, 240),   # NPS −45 against about 10: a clear weakness
    (1, "web"): _nps(40, 30, 30),
    (2, "shop"): _nps(160, 110, 130),  # about average
    (2, "web"): _nps(200, 50, 50),     # NPS 50: a clear strength
    (3, "shop"): _nps(2, 1, 1),        # too few
    (3, "web"): _nps(45, 25, 30),
}, {"shop": _nps(4000, 3000, 3000), "web": _nps(4000, 3000, 3000)})


def _summary(**activity) -> pd.DataFrame:
    """unit_summary rows for units 1–3 with NPS counts now and before and the given
    open actions per unit."""
    rows = []
    for unit_id, (now, before) in {1: (_nps(100, 130, 270), _nps(110, 120, 270)),
                                   2: (_nps(360, 160, 180), _nps(300, 200, 200)),
                                   3: (_nps(47, 26, 31), _nps(40, 30, 30))}.items():
        row = {"unit_id": unit_id, "unit": f"U{unit_id}", "region": "R"} | now
        row |= {f"prev_{name}": value for name, value in before.items()}
        row |= {"open_actions": activity.get(f"open_{unit_id}", 0), "overdue_actions": 0,
                "cases_decided": 4, "cases_in_target": 3}
        rows.append(row)
    return pd.DataFrame(rows)


def test_cells_carry_value_n_and_the_clear_verdict():
    cells = heatmap_cells(CELLS, "nps", min_responses=5).set_index(["unit_id", "key"])
    assert cells.loc[(1, "shop"), "verdict"] == "weakness"
    assert cells.loc[(2, "web"), "verdict"] == "strength"
    assert cells.loc[(3, "shop"), "verdict"] == "too_few"
    assert cells.loc[(1, "shop"), "n"] == 400 and cells.loc[(1, "shop"), "value"] == pytest.approx(-45.0)
    # the comparator is the rest of the organisation: the organisation minus the unit
    assert cells.loc[(1, "shop"), "comp_value"] == pytest.approx(100 * (4162 - 3131) / 10404)


def test_the_list_uses_the_same_rule_as_the_cells():
    """The list's counts are the cells' verdicts, whatever ``clear`` decides."""
    cells = heatmap_cells(CELLS, "nps", min_responses=5)
    table = unit_table(_summary(), cells, "nps", min_responses=5).set_index("unit_id")
    for unit_id, verdicts in cells.groupby("unit_id")["verdict"]:
        assert table.loc[unit_id, "weaknesses"] == (verdicts == "weakness").sum()
        assert table.loc[unit_id, "strengths"] == (verdicts == "strength").sum()
    own = pd.DataFrame({"dimension": ["1"], "key": ["shop"]}).assign(**_nps(60, 100, 240))
    rest = pd.DataFrame({"dimension": ["1"], "key": ["shop"]}).assign(**_nps(4100, 3100, 3000))
    assert clear(own, rest, 5).set_index("measure").loc["nps", "verdict"] == "weakness"


def test_a_unit_with_a_clear_weakness_and_no_action_comes_first():
    cells = heatmap_cells(CELLS, "nps", min_responses=5)
    table = unit_table(_summary(), cells, "nps", min_responses=5)
    assert table["unit_id"].tolist()[0] == 1 and table.loc[0, "needs_help"]
    assert not table.loc[table["unit_id"] != 1, "needs_help"].any()
    assert table.loc[0, "in_target"] == pytest.approx(0.75)
    # with an open action it no longer needs help: the lowest value leads, then the rest by value
    answered = unit_table(_summary(open_1=1), cells, "nps", min_responses=5)
    assert not answered["needs_help"].any()
    assert answered["unit_id"].tolist() == [1, 3, 2]  # most weaknesses first, then the lower value


def test_change_against_the_previous_period_and_too_few_answers():
    table = unit_table(_summary(), heatmap_cells(CELLS, "nps", 5), "nps", min_responses=5).set_index("unit_id")
    assert table.loc[2, "change_kind"] == "clear_increase"
    assert table.loc[2, "previous"] == pytest.approx(100 * (300 - 200) / 700)
    few = unit_table(_summary(), heatmap_cells(CELLS, "nps", 5), "nps", min_responses=200).set_index("unit_id")
    assert pd.isna(few.loc[3, "value"]) and few.loc[3, "n"] == 104
    assert few.loc[3, "change_kind"] == "not_enough_data" and pd.isna(few.loc[3, "change"])


def test_either_axis_orders_weakest_or_strongest_first():
    cells = heatmap_cells(CELLS, "nps", min_responses=5)
    assert axis_order(cells, "unit_id", "natural", [3, 1, 2]) == [3, 1, 2]
    assert axis_order(cells, "unit_id", "weakest", [1, 2, 3]) == [1, 3, 2]
    assert axis_order(cells, "unit_id", "strongest", [1, 2, 3]) == [2, 3, 1]
    assert axis_order(cells, "key", "weakest", ["web", "shop"]) == ["shop", "web"]
    with pytest.raises(ValueError):
        axis_order(cells, "key", "loudest", ["web", "shop"])


def test_heatmap_cell_text_shows_value_symbol_and_n(monkeypatch):
    import streamlit as st

    from components.landing_views import _cell_text, _heat_table

    monkeypatch.setitem(st.session_state, "lang", "sv")
    cells = heatmap_cells(CELLS, "nps", min_responses=5).set_index(["unit_id", "key"], drop=False)
    assert _cell_text(cells.loc[(1, "shop")], "nps") == "▼ −45<br>n=400"
    assert _cell_text(cells.loc[(2, "web")], "nps") == "▲ 50<br>n=300"
    assert _cell_text(cells.loc[(3, "shop")], "nps") == "–<br>n=4"
    assert _cell_text(cells.loc[(1, "web")], "nps") == "10<br>n=100"
    label = {1: "R · U1", 2: "R · U2", 3: "R · U3"}
    table = _heat_table(cells.reset_index(drop=True), label, {"shop": "Butik", "web": "Webb"}, "nps",
                        ["R · U2", "R · U1", "R · U3"], ["Webb", "Butik"])
    assert table.iloc[0].tolist()[:2] == ["R · U2", "Webb"]
    first = table[(table["Enhet"] == "R · U1") & (table["Kontaktpunkt"] == "Butik")].iloc[0]
    assert (first["Värde"], first["n"], first["Bedömning"]) == ("−45", "400", "▼ tydligt sämre")


# --- the per-unit counts in SQL ---------------------------------------------------------------

START, PREV = TODAY - timedelta(days=90), TODAY - timedelta(days=181)


def _hand(engine, unit_id: int, first: date, last: date) -> tuple[int, int, int]:
    """NPS answers, promoters and detractors of a unit's raw responses, counted here."""
    lower = datetime.combine(first, datetime.min.time(), tzinfo=timezone.utc)
    upper = datetime.combine(last + timedelta(days=1), datetime.min.time(), tzinfo=timezone.utc)
    with engine.connect() as connection:
        scores = [row[0] for row in connection.execute(
            select(Response.nps).where(Response.unit_id == unit_id, Response.responded_at >= lower,
                                       Response.responded_at < upper, Response.nps.is_not(None)))]
    return len(scores), sum(score >= 9 for score in scores), sum(score <= 6 for score in scores)


def test_unit_summary_counts_match_the_responses(demo_engine):
    leader = scope_for(demo_engine, "leader", None)
    with demo_engine.connect() as connection:
        units = dict(connection.execute(select(Unit.id, Unit.kind)).all())
    summary = landing.unit_summary(demo_engine, leader, Filters(leader.unit_ids, START, TODAY), PREV, today=TODAY)
    assert list(summary.columns) == landing.COLUMNS
    assert set(summary["unit_id"]) == {unit_id for unit_id, kind in units.items() if kind == "unit"}
    for row in summary.head(4).itertuples():
        assert (row.n, row.promoters, row.detractors) == _hand(demo_engine, row.unit_id, START, TODAY)
        assert (row.prev_n, row.prev_promoters, row.prev_detractors) == _hand(
            demo_engine, row.unit_id, PREV, START - timedelta(days=1))
    assert (summary["cases_in_target"] <= summary["cases_decided"]).all()


def test_unit_summary_counts_open_and_overdue_actions_within_the_scope(demo_engine):
    with demo_engine.connect() as connection:
        manager_id = connection.execute(select(User.id).where(User.username == "manager")).scalar_one()
    manager = account_by_id(demo_engine, manager_id)
    scope = scope_for(demo_engine, manager.role, manager.unit_id)
    leader = scope_for(demo_engine, "leader", None)
    read = Filters(leader.unit_ids, START, TODAY)  # asks for every unit: gets only the manager's
    before = landing.unit_summary(demo_engine, scope, read, PREV, today=TODAY).set_index("unit_id")
    assert set(before.index) == {manager.unit_id}
    created = [create_action(demo_engine, scope, manager, insight_id=None, unit_id=manager.unit_id,
                             title=f"landing test {index}", description=None, owner_id=manager.id,
                             due_date=due, expected_effect=None)
               for index, due in enumerate((TODAY - timedelta(days=3), TODAY + timedelta(days=10)))]
    try:
        after = landing.unit_summary(demo_engine, scope, read, PREV, today=TODAY).set_index("unit_id")
        assert after.loc[manager.unit_id, "open_actions"] == before.loc[manager.unit_id, "open_actions"] + 2
        assert after.loc[manager.unit_id, "overdue_actions"] == before.loc[manager.unit_id, "overdue_actions"] + 1
    finally:
        with demo_engine.begin() as connection:
            connection.execute(delete(ActionEvent).where(ActionEvent.action_id.in_(created)))
            connection.execute(delete(Action).where(Action.id.in_(created)))


# --- the page ---------------------------------------------------------------------------------

def test_the_leader_lands_on_the_units_and_opens_one_needing_help(open_page, sqlite_demo_url):
    from tests.test_pages import texts

    test = open_page(sqlite_demo_url, "leader", "pages/overview.py")
    assert not test.exception, test.exception
    assert [h.value for h in test.subheader][0] == "Enheterna: var behövs stöd?"
    assert test.dataframe[0].value.columns[0] == "unit" and len(test.dataframe[0].value) >= 20
    needing = [b for b in test.button if b.label.startswith("Öppna ")]
    assert needing and any("behöver stöd." in w.value for w in test.warning)
    unit = needing[0].label.removeprefix("Öppna ")
    test = needing[0].click().run()
    assert not test.exception, test.exception
    assert test.title[0].value == f"Översikt: {unit}"
    assert "Enheterna: var behövs stöd?" not in [h.value for h in test.subheader]
    assert "▼ Tydligt sämre" in texts(test)
    assert any(b.label.startswith("Läs kommentarerna om ") for b in test.button)


def test_staff_get_no_list_of_units(open_page, sqlite_demo_url):
    test = open_page(sqlite_demo_url, "staff", "pages/overview.py")
    assert not test.exception, test.exception
    assert "Enheterna: var behövs stöd?" not in [h.value for h in test.subheader]
    assert "Tydligt bättre och sämre än resten av organisationen" not in [h.value for h in test.subheader]
