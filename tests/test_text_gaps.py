"""Every page on data with gaps in its optional text: pandas 3 reads a text column with
gaps as ``str`` whose missing value is NaN, which is truthy and prints as "nan". The demo
fills every optional field, so pages showed "nan" or failed on real data unseen (a case's
root cause or comment, a comment's language, a unit without a region, a user without an
e-mail, an action without a target, a leader's proposal, a call without a reaction).

Here a copy of the small demo gets a gap in every third row (and the last) of each
nullable text column and of each reference that may be missing (unassigned cases, actions
without an insight, imports nobody is named for), and a unit loses its region; every
page and tab is then opened for a leader and a manager (the admin pages for an admin):
no failure, no "nan" in any text, widget, table or chart."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import String, Text, text, update

from ingest.demo import MANAGER_UNIT
from queries.db import engine_for
from queries.schema import Base, Unit
from queries.settings import bump_data_version
from tests.app_runs import expander_keys, open_expanders, open_tab
from tests.conftest import copy_sqlite_database
from tests.test_pages import texts

pytestmark = pytest.mark.usefixtures("fresh_caches")

ROOT = Path(__file__).resolve().parent.parent
# Columns whose gap is another state than a missing value, or none the product makes: a
# login's password, a person's unit (their scope), an insight's subject, the insight a
# workshop shows, an action's owner (required; people are deactivated, never deleted).
KEPT = {("users", "password_hash"), ("users", "unit_id"), ("insights", "scope_key"),
        ("workshops", "current_insight_id"), ("actions", "owner_id")}
TABS = {"actions": "actions_view", "strengths": "strengths_view", "admin": "admin_tab",
        "follow_up": "follow_up_view"}
PAGES = sorted(path.stem for path in (ROOT / "pages").glob("*.py"))
NAN = re.compile(r"\bnan\b", re.IGNORECASE)
FAILED = "Sidan kunde inte visas"  # the shell's message for a page that raised


def gapped_columns() -> list[tuple[str, str]]:
    """(table, column) of every nullable text column and nullable reference."""
    return [(table.name, column.name) for table in Base.metadata.sorted_tables for column in table.columns
            if column.nullable and (isinstance(column.type, (String, Text)) or column.foreign_keys)
            and not column.primary_key and (table.name, column.name) not in KEPT]


@pytest.fixture(scope="module")
def gapped_url(sqlite_demo_url, tmp_path_factory) -> str:
    url = copy_sqlite_database(sqlite_demo_url, tmp_path_factory.mktemp("gaps") / "gaps.db")
    engine = engine_for(url)
    with engine.begin() as connection:
        for table, column in gapped_columns():
            if table == "units":  # a unit without a region (imports make them), not regions without a parent
                continue
            connection.execute(text(f'UPDATE "{table}" SET "{column}" = NULL WHERE rowid % 3 = 0 '
                                    f'OR rowid = (SELECT MAX(rowid) FROM "{table}")'))
        connection.execute(update(Unit).where(Unit.name == MANAGER_UNIT).values(parent_id=None))
        bump_data_version(connection)
    return url


def _strings(value):
    """The strings inside a chart's JSON (labels, hover texts), not its numbers."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _shown(test) -> str:
    """Every text the page shows: markdown, captions, alerts, plain text, HTML, widgets'
    labels, options and values, the text in tables' cells and labels (a table shows a
    missing value as an empty cell; the text "nan" it shows as is) and in charts."""
    frames = [frame.value for frame in (*test.dataframe, *test.table)]
    cells = [value for frame in frames for value in (*frame.to_numpy().ravel(), *frame.index, *frame.columns)
             if isinstance(value, str)]
    widgets = [*test.selectbox, *test.multiselect, *test.radio]
    parts = [texts(test), *cells, *(item.value for item in test.text), *(item.label for item in test.expander),
             *(element.proto.body for element in test.get("html")),
             *(str(option) for widget in widgets for option in widget.options),
             *(str(field.value) for field in (*test.text_input, *test.text_area)),
             *(string for chart in test.get("plotly_chart") for string in _strings(json.loads(chart.proto.spec)))]
    return "\n".join(parts)


def _views(test, page: str):
    """The page as opened, then with the expanders that draw only while open opened,
    then each of its other tabs opened in turn."""
    yield "", test
    if expander_keys(test):
        yield "expanders", open_expanders(test, "")
    key = TABS.get(page)
    if key is None:
        return
    container = next(block for block in test.get("tab_container") if block.key == key)
    opened = test.session_state[key]
    for label in [tab.label for tab in container.children.values()]:
        if label != opened:
            open_tab(test, key, label)
            yield label, test


@pytest.mark.parametrize("role, page", [(role, page) for role in ("leader", "manager") for page in PAGES
                                        if page not in ("admin", "notifications")]
                         + [("admin", "admin"), ("admin", "notifications")])
def test_every_page_reads_gaps_as_missing(gapped_url, open_page, role, page):
    test = open_page(gapped_url, role, f"pages/{page}.py")
    for label, view in _views(test, page):
        assert not view.exception, (label, view.exception)
        shown = _shown(view)
        assert FAILED not in shown, label
        assert not NAN.search(shown), (label, [line for line in shown.splitlines() if NAN.search(line)][:5])


def test_the_gaps_are_there(gapped_url):
    """The fixture did what it says: every gapped column has missing values."""
    engine = engine_for(gapped_url)
    with engine.connect() as connection:
        empty = [(table, column) for table, column in gapped_columns()
                 if connection.execute(text(f'SELECT COUNT(*) FROM "{table}"')).scalar()
                 and not connection.execute(text(f'SELECT COUNT(*) FROM "{table}" WHERE "{column}" IS NULL')).scalar()]
    assert not empty, empty
