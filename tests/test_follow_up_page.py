"""The follow-up page through AppTest: every role, the queue in scope, working a
case through the form, refusals that change nothing, the measures and pinning
a recurring root cause, and the export for managers and leaders only."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest
from sqlalchemy import Engine, event, func, select

from components.follow_up_views import history_shown
from queries import follow_ups, insights
from queries.db import engine_for
from queries.schema import FollowUp, FollowUpEvent
from queries.scope import scope_for
from tests.app_runs import expander_keys, open_expanders, open_tab
from tests.people import person
from tests.test_pages import ROLES, texts

pytestmark = pytest.mark.usefixtures("fresh_caches")
PAGE = "pages/follow_up.py"
VIEW, MEASURES = "follow_up_view", "Mått och grundorsaker"  # the page's tabs


def _editors(test, case_id: int | None = None):
    """The page with the editor of case ``case_id`` open, or every case's editor (drawn
    only while open)."""
    return open_expanders(test, "fu_work_" if case_id is None else f"fu_work_{case_id}_")


def _form(test, case_id: int):
    """The widgets of the open editor of case ``case_id`` (keys end in _<id>_<generation>)."""
    def find(kind, prefix):
        return next(w for w in getattr(test, kind) if w.key and w.key.startswith(f"{prefix}_{case_id}_"))
    return {
        "owner": lambda: find("selectbox", "fu_owner"), "status": lambda: find("selectbox", "fu_status"),
        "cause": lambda: find("selectbox", "fu_cause"), "resolution": lambda: find("text_area", "fu_resolution"),
        "save": lambda: next(b for b in test.button if b.label == "Spara"
                             and b.proto.form_id.startswith(f"fu_form_{case_id}_")),
    }


def test_a_case_history_reads_as_words_not_codes():
    """The audit trail stores codes (statuses, causes, ISO times, nothing for "no
    value"); the history shows their labels, times in words in the rules' zone (as
    the card above it writes them), and a dash."""
    stored = pd.DataFrame({
        "at": pd.to_datetime(["2026-03-02T09:00:00+00:00"] * 5, utc=True),
        "user": ["Ada", "Ada", "Ada", None, "Ada"],
        "field": ["owner_id", "status", "root_cause", "contacted_at", "reopen_reason"],
        "old_value": [None, "new", "", None, None],
        "new_value": ["Bo", "resolved", "process", "2026-03-02 09:00:00.123456+00:00", "Kunden hörde av sig"]})
    shown = history_shown(stored, "Europe/Stockholm")
    assert shown[["user", "field", "old_value", "new_value"]].values.tolist() == [
        ["Ada", "Ägare", "–", "Bo"],
        ["Ada", "Status", "Ny", "Löst"],
        ["Ada", "Grundorsak", "–", "Arbetssätt/process"],
        ["–", "Kontaktad", "–", "2 mars 2026 10:00"],
        ["Ada", "Skäl att öppna igen", "–", "Kunden hörde av sig"]]
    assert shown["at"].tolist() == ["2 mars 2026 10:00"] * 5


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_the_cases_of_its_scope(sqlite_demo_url, open_page, demo_clock, role):
    test = open_page(sqlite_demo_url, role, PAGE)
    assert not test.exception, test.exception
    assert test.title[0].value == "Återkoppling till missnöjda kunder"
    assert [tab.label for tab in test.tabs] == ["Ärenden", "Mått och grundorsaker"]
    engine = engine_for(sqlite_demo_url)
    account, scope = person(engine, role)
    shown = follow_ups.cases(engine, scope, statuses=follow_ups.OPEN_STATUSES)
    assert f"av {len(shown)} ärenden" in texts(test)
    unit_names = set(shown["unit"])
    everything = follow_ups.cases(engine, scope_for(engine, "leader", None), statuses=follow_ups.OPEN_STATUSES)
    hidden = set(everything["unit"]) - unit_names
    page_text = "\n".join(element.proto.body for element in test.get("html") if hasattr(element.proto, "body"))
    assert not any(f"· {name} ·" in page_text for name in hidden)
    downloads = [element for element in test.get("download_button")]
    assert bool(downloads) == (role in follow_ups.EXPORT_ROLES)
    cards = len([key for key in expander_keys(test) if key.startswith("fu_work_")])
    test = open_expanders(test, ("fu_work_", "cc_open_"))  # every card's editor and contacts, drawn when opened
    assert not test.exception, test.exception
    assert len([box for box in test.selectbox if box.key and box.key.startswith("fu_status_")]) == cards > 0
    assert "Andel avslutade inom målet" not in texts(test)  # only the open tab runs
    open_tab(test, VIEW, MEASURES)
    assert not test.exception, test.exception
    assert "Andel avslutade inom målet" in texts(test)


def test_a_manager_assigns_a_case_and_staff_resolve_it(sqlite_scratch_url, open_page):
    engine = engine_for(sqlite_scratch_url)
    manager, scope = person(engine, "manager")
    staff, _ = person(engine, "staff")
    case = follow_ups.cases(engine, scope, statuses={"new"}, owner_id=-1).iloc[0]
    test = _editors(open_page(sqlite_scratch_url, "manager", PAGE), int(case["id"]))
    form = _form(test, int(case["id"]))
    form["owner"]().set_value(staff.id)
    test = form["save"]().click().run()
    assert not test.exception, test.exception
    assigned = follow_ups.cases(engine, scope, case_ids=[case["id"]]).iloc[0]
    assert assigned["owner_id"] == staff.id and assigned["version"] == case["version"] + 1
    shown = next(frame.value for frame in _editors(test, int(case["id"])).dataframe
                 if "field" in frame.value.columns)  # the case's history, as its reader reads it
    assert shown[["user", "field", "old_value", "new_value"]].values.tolist() == [
        [manager.display_name, "Ägare", "–", staff.display_name]]

    test = _editors(open_page(sqlite_scratch_url, "staff", PAGE), int(case["id"]))
    form = _form(test, int(case["id"]))
    form["status"]().set_value("resolved")
    test = form["save"]().click().run()  # no root cause yet: refused, the editor stays open
    assert "Välj en grundorsak" in "\n".join(error.value for error in test.error)
    assert follow_ups.cases(engine, scope, case_ids=[case["id"]]).iloc[0]["status"] == "new"
    form = _form(test, int(case["id"]))
    form["status"]().set_value("resolved")
    form["cause"]().set_value("process")
    form["resolution"]().set_value("Called the customer and booked a new delivery.")
    test = form["save"]().click().run()
    assert not test.exception, test.exception
    resolved = follow_ups.cases(engine, scope, case_ids=[case["id"]]).iloc[0]
    assert (resolved["status"], resolved["root_cause"]) == ("resolved", "process")
    history = follow_ups.history(engine, scope, int(case["id"]))
    assert history["user"].tolist()[-3:] == [staff.display_name] * 3


def test_staff_see_their_own_cases_first(sqlite_scratch_url, open_page):
    engine = engine_for(sqlite_scratch_url)
    manager, scope = person(engine, "manager")
    staff, _ = person(engine, "staff")
    case = follow_ups.cases(engine, scope, statuses={"new"}, owner_id=-1).iloc[-1]
    follow_ups.update_case(engine, scope, manager, int(case["id"]), int(case["version"]), owner_id=staff.id)
    test = _editors(open_page(sqlite_scratch_url, "staff", PAGE))
    first_card = next(w for w in test.selectbox if w.key and w.key.startswith("fu_status_"))
    first_id = int(first_card.key.split("_")[2])
    assert follow_ups.cases(engine, scope, case_ids=[first_id]).iloc[0]["owner_id"] == staff.id


def test_a_refused_assignment_changes_nothing(sqlite_scratch_url, open_page):
    engine = engine_for(sqlite_scratch_url)
    manager, scope = person(engine, "manager")
    case = follow_ups.cases(engine, scope, statuses={"new"}).iloc[0]
    with engine.connect() as connection:
        events = connection.execute(select(func.count()).select_from(FollowUpEvent)).scalar()
    test = _editors(open_page(sqlite_scratch_url, "manager", PAGE), int(case["id"]))
    form = _form(test, int(case["id"]))
    form["status"]().set_value("resolved")
    form["cause"]().set_value("staff")
    test = form["save"]().click().run()
    assert "Skriv vad som gjordes" in "\n".join(error.value for error in test.error)
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(FollowUpEvent)).scalar() == events
        assert connection.execute(select(FollowUp.version).where(FollowUp.id == int(case["id"]))).scalar() == \
            case["version"]


def test_a_recurring_root_cause_is_pinned_for_the_workshop(sqlite_scratch_url, open_page, demo_clock):
    engine = engine_for(sqlite_scratch_url)
    manager, scope = person(engine, "manager")
    newest = follow_ups.cases(engine, scope, statuses=follow_ups.OPEN_STATUSES).sort_values("responded_at")
    for case in newest.tail(2).itertuples():
        follow_ups.update_case(engine, scope, manager, case.id, case.version, status="resolved",
                               root_cause="process", resolution="Opened a second till at rush hour.")
    today = demo_clock.date()
    counts = follow_ups.root_cause_counts(engine, scope, today - timedelta(days=29), today).set_index("root_cause")
    recurring = counts.index[counts["cases"] >= 3]
    assert "process" in recurring and len(recurring) < len(counts)
    cause, total = "process", int(counts["cases"].sum())
    test = open_page(sqlite_scratch_url, "manager", PAGE)
    open_tab(test, VIEW, MEASURES)
    pins = [button for button in test.button if button.key and button.key.startswith("fu_pin_")]
    assert sorted(pin.key.rsplit("_", 1)[1] for pin in pins) == sorted(recurring)  # recurring causes only
    test = next(pin for pin in pins if pin.key.endswith(f"_{cause}")).click().run()
    assert not test.exception, test.exception
    pinned = insights.insights_for(engine, scope)
    pinned = pinned[pinned["scope_type"] == "root_cause"]
    assert len(pinned) == 1
    row, count = pinned.iloc[0], int(counts.loc[cause, "cases"])
    assert (row["scope_key"], row["kind"], row["metric"], row["n"]) == (cause, "weakness", "share", total)
    assert row["estimate"] == pytest.approx(count / total) and row["low"] <= row["estimate"] <= row["high"]
    assert row["title"].startswith("Grundorsak i kundärenden: ") and f"({count} av {total} lösta ärenden)" in row["title"]


def test_the_page_in_english(sqlite_demo_url, open_page, demo_clock, monkeypatch):
    monkeypatch.setenv("INSIKT_LANGUAGE", "en")
    test = open_page(sqlite_demo_url, "manager", PAGE)
    assert not test.exception, test.exception
    assert test.title[0].value == "Follow-up of critical feedback"
    open_tab(test, VIEW, "Measures and root causes")
    assert "Share closed within the target" in texts(test)
    assert "open, not yet due, are not counted yet" in texts(test)  # beside the share
    assert any("not_due" in frame.value.columns for frame in test.dataframe)  # its own column, titled by column_config


def test_an_admin_changes_the_rules_on_the_admin_page(sqlite_scratch_url, open_page):
    engine = engine_for(sqlite_scratch_url)
    test = open_page(sqlite_scratch_url, "admin", "pages/admin.py")
    open_tab(test, "admin_tab", "Regler för återkoppling")
    business = next(toggle for toggle in test.toggle if toggle.label == "Räkna bara arbetstid")
    business.set_value(True)
    test = next(b for b in test.button if b.label == "Spara reglerna").click().run()
    assert not test.exception, test.exception
    assert any("Reglerna är sparade" in element.value for element in test.success)
    assert follow_ups.read_rules(engine).business_hours is True
    causes = next(area for area in test.text_area if area.label == "Grundorsaker (en per rad)")
    causes.set_value("")
    test = next(b for b in test.button if b.label == "Spara reglerna").click().run()
    assert any("Regeln går inte att spara" in element.value for element in test.error)
    assert follow_ups.read_rules(engine).root_causes == follow_ups.Rules().root_causes


def test_hostile_comments_in_cases_are_shown_as_plain_text(sqlite_demo_url, open_page, hostile_comments):
    from queries.schema import Response

    engine = engine_for(sqlite_demo_url)
    with engine.begin() as connection:
        ids = connection.execute(select(Response.id).where(Response.source == "test")).scalars().all()
        assert follow_ups.apply_rules(connection, response_ids=ids)["opened"] == len(ids) == 3
    test = open_page(sqlite_demo_url, "manager", PAGE)
    assert not test.exception, test.exception
    cards = "\n".join(element.proto.body for element in test.get("html") if hasattr(element.proto, "body"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in cards and "<script>alert(1)" not in cards
    assert "&lt;img src=x onerror=" in cards and "**bold** and [link](http://example.com)" in cards


def test_a_case_without_a_root_cause_beside_a_reopened_one_shows_none(sqlite_scratch_url, open_page):
    """A reopened case keeps its root cause and resolution; the open cases beside it,
    without any, show an empty editor ("nan" was the missing value of pandas 3's text)."""
    engine = engine_for(sqlite_scratch_url)
    manager, scope = person(engine, "manager")
    closed = follow_ups.cases(engine, scope, statuses={"resolved"}).iloc[0]
    follow_ups.update_case(engine, scope, manager, int(closed["id"]), int(closed["version"]),
                           reason="The customer called again.", status="contacted")
    test = _editors(open_page(sqlite_scratch_url, "manager", PAGE))
    assert not test.exception, test.exception
    shown = [int(w.key.split("_")[2]) for w in test.selectbox if w.key and w.key.startswith("fu_status_")]
    assert int(closed["id"]) in shown
    other = next(case_id for case_id in shown if case_id != int(closed["id"]))
    form = _form(test, other)
    assert form["cause"]().value is None and "nan" not in form["cause"]().options
    assert form["resolution"]().value == ""


def test_a_page_of_cases_reads_their_histories_and_contacts_at_once(sqlite_demo_url, open_page, demo_clock):
    """The queue's ten cards read their histories, contact attempts and customers' details
    in one query each for the page, not one a card (``components.follow_up_views.case_reads``)."""
    statements: list[str] = []

    def executed(connection, cursor, statement, *args) -> None:
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", executed)
    try:
        test = open_page(sqlite_demo_url, "admin", PAGE)
    finally:
        event.remove(Engine, "before_cursor_execute", executed)
    assert not test.exception, test.exception
    assert not [box for box in test.selectbox if box.key and box.key.startswith("fu_status_")]  # closed: not drawn
    test = _editors(test)
    assert not test.exception, test.exception
    editors = [box for box in test.selectbox if box.key and box.key.startswith("fu_status_")]
    assert len(editors) == 10  # a full page of cases, each with its editor
    for table in ("follow_up_events", "follow_up_contacts", "response_attributes"):
        assert sum(f"FROM {table}" in statement for statement in statements) == 1, table


def _box(test, label: str):
    return next(box for box in test.selectbox if box.label == label)


def test_the_measures_keep_their_period_and_unit_across_a_tab_switch(sqlite_demo_url, open_page, demo_clock):
    """Only the open tab runs, and Streamlit forgets a widget that a run did not draw;
    the period and the unit of the root causes are choices of the view, kept for the
    session and in the URL, so a look at the cases does not reset them."""
    period, unit = "Ärenden som kom in", "Enhet för grundorsakerna"
    test = open_page(sqlite_demo_url, "leader", PAGE)
    open_tab(test, VIEW, MEASURES)
    assert _box(test, period).value == 30
    _box(test, period).set_value(90).run()
    _box(test, unit).select_index(len(_box(test, unit).options) - 1).run()
    chosen = _box(test, unit).value
    assert chosen != person(engine_for(sqlite_demo_url), "manager")[0].unit_id
    assert (test.query_params["fu_days"], test.query_params["fu_unit"]) == ("90", str(chosen))

    open_tab(test, VIEW, "Ärenden")
    open_tab(test, VIEW, MEASURES)
    assert not test.exception, test.exception
    assert (_box(test, period).value, _box(test, unit).value) == (90, chosen)
