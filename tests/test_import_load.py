"""Importing, re-importing and rolling back exports (ingest.load) on a fresh small
database per test, on SQLite and on PostgreSQL, and the command line."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import uuid
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import make_url

from ingest import load
from ingest.files import ImportProblem, open_source
from ingest.mapping import Mapping
from ingest.suggest import suggest
from queries.schema import (
    Base, FollowUp, ImportBatch, Response, ResponseAttribute, ResponseTheme, Touchpoint, Unit, User,
)
from tests.conftest import copy_postgres_database, postgres_admin, postgres_admin_url
from tests.import_corpus import EMOJI, FORMULAS, HUGE, TOUCHPOINTS, UNITS, build, good_rows, to_csv

NOW = datetime(2025, 4, 1, 12, tzinfo=timezone.utc)
# What an import may change, and what a rollback must restore exactly.
RESTORED = ("units", "touchpoints", "responses", "response_attributes", "response_themes", "follow_ups",
            "follow_up_events", "daily_counts", "daily_segment_counts", "daily_theme_counts")


def seed(engine) -> None:
    """A region with three units, an inactive unit, three touchpoints, an admin and the default themes."""
    from ingest.themes import ensure_default_themes

    with engine.begin() as connection:
        region = connection.execute(insert(Unit).values(
            name="Region Syd", parent_id=None, kind="region", active=True)).inserted_primary_key[0]
        for name, active in (("Lund", True), ("Malmö", True), ("Uppsala Centrum", True), ("Stängd butik", False)):
            connection.execute(insert(Unit).values(name=name, parent_id=region, kind="unit", active=active))
        for order, (key, sv, en) in enumerate((("store_visit", "Butiksbesök", "Store visit"),
                                               ("checkout", "Kassa", "Checkout"),
                                               ("delivery", "Leverans", "Delivery"))):
            connection.execute(insert(Touchpoint).values(key=key, name_sv=sv, name_en=en, sort_order=order))
        connection.execute(insert(User).values(
            username="ada", display_name="Ada Admin", role="admin", active=True, session_version=0,
            failed_logins=0, created_at=NOW))
        ensure_default_themes(connection)


def _forget(url: str) -> None:
    from queries.db import engine_for

    engine_for(url).dispose()
    engine_for.cache_clear()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    from queries.db import prepare

    path = tmp_path_factory.mktemp("import_template") / "template.db"
    url = f"sqlite:///{path}"
    seed(prepare(url))
    _forget(url)
    return path


@pytest.fixture(scope="session")
def postgres_template():
    """A seeded PostgreSQL database that each test copies (CREATE DATABASE … TEMPLATE)."""
    from queries.db import prepare

    admin_url, admin = postgres_admin_url(), postgres_admin()
    name = f"insikt_import_tpl_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    seed(prepare(url))
    _forget(url)
    yield admin, admin_url, name
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request, tmp_path) -> str:
    """A fresh copy of the seeded database, on each database the app supports."""
    if request.param == "sqlite":
        path = tmp_path / "import.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite:///{path}"
        yield url
        _forget(url)
        return
    admin, admin_url, template = request.getfixturevalue("postgres_template")
    name = f"insikt_import_{uuid.uuid4().hex[:10]}"
    copy_postgres_database(admin, template, name)
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    yield url
    _forget(url)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def engine(database_url):
    from queries.db import make_engine

    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def source_of(name: str, **options):
    file_name, data = build(name)
    return open_source(data, file_name, **options)


def mapping_for(opened, /, **changes) -> Mapping:
    """The suggested mapping of an opened file, with ``changes``."""
    return replace(suggest(opened.columns), **changes)


def snapshot(engine, tables=RESTORED) -> dict[str, list[tuple]]:
    """Every row of ``tables`` in primary-key order, as text."""
    with engine.connect() as connection:
        return {name: [tuple(map(str, row)) for row in connection.execute(
            select(Base.metadata.tables[name]).order_by(*Base.metadata.tables[name].primary_key.columns))]
            for name in tables}


def count(engine, what) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(what)).scalar()


def problems_by_row(report) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for row, code in zip(report.problems["row"], report.problems["code"]):
        found.setdefault(int(row), []).append(code)
    return found


# --- importing -----------------------------------------------------------------------------

def test_on_postgresql_the_lookup_of_imported_keys_is_planned_for_its_keys_every_time(postgres_demo_url):
    """PostgreSQL's driver (psycopg) prepares a statement once it has run five times, and
    the server may then keep one generic plan for it. For the import's lookup of keys
    already stored, that plan was made while an import's table was still empty -- a
    sequential scan -- and then compared every row written so far with each thousand
    keys: 200,000 rows into an empty database took 322 s instead of 35
    (``python -m bench.imports --database-url …``). Nothing the app sends is prepared."""
    from queries.db import make_engine

    engine = make_engine(postgres_demo_url)
    try:
        with engine.connect() as connection:
            for first in range(0, 8_000, 1_000):
                load._existing(connection, "demo", [f"key-{number}" for number in range(first, first + 1_000)])
            prepared = connection.exec_driver_sql("SELECT count(*) FROM pg_prepared_statements").scalar()
    finally:
        engine.dispose()
    assert prepared == 0


def test_import_writes_everything_and_a_reimport_adds_nothing(engine):
    source = source_of("semicolon")
    report = load.run_import(engine, source, mapping_for(source), user_id=1, now=NOW)
    assert (report.rows_read, report.accepted, report.rejected, report.written) == (6, 6, 0, 6)
    with engine.connect() as connection:
        rows = connection.execute(select(Response).order_by(Response.id)).all()
        attributes = connection.execute(select(ResponseAttribute.key, ResponseAttribute.value)
                                        .order_by(ResponseAttribute.response_id)).all()
        batch = connection.execute(select(ImportBatch)).one()
        daily = connection.execute(text("SELECT sum(responses), sum(n), sum(comments) FROM daily_counts")).one()
        tagged = connection.execute(select(func.count(func.distinct(ResponseTheme.response_id)))).scalar()
    expected = good_rows(6)
    assert [row.external_id for row in rows] == [row[0] for row in expected]
    assert [row.nps for row in rows] == [int(row[5]) for row in expected]
    assert [row.comment for row in rows] == [row[7] or None for row in expected]
    assert {row.channel for row in rows} == {"e-post", "sms"} and {row.language for row in rows} == {"sv"}
    assert rows[0].responded_at.replace(tzinfo=None) == datetime(2025, 3, 2, 8, 1)  # 09:01 in Stockholm
    assert all(row.import_batch_id == batch.id and row.source == "import" for row in rows)
    assert attributes[0] == ("Kundtyp", "Återkommande kund") and len(attributes) == 6
    assert (batch.file_name, batch.created_by, batch.rows_accepted, batch.rows_rejected) == ("semicolon.csv", 1, 6, 0)
    assert batch.mapping["file"] == {"kind": "csv", "encoding": "utf-8", "delimiter": ";", "sheet": None}
    assert batch.mapping["fields"]["nps"] == "NPS"
    assert tuple(daily) == (6, 6, 5) and tagged >= 3
    assert report.follow_ups_opened == count(engine, FollowUp) > 0

    again = load.run_import(engine, source_of("semicolon"), mapping_for(source), now=NOW)
    assert (again.accepted, again.already_imported, again.rejected, again.batch_id) == (0, 6, 0, None)
    assert count(engine, Response) == 6 and count(engine, ImportBatch) == 1
    assert load.report_lines(again)[-1] == "Nothing new: the 6 rows without problems were imported before."


def test_an_overlapping_export_without_ids_only_adds_its_new_rows(engine):
    first = source_of("without_ids")
    mapping = mapping_for(first, default_touchpoint=None)
    assert load.run_import(engine, first, mapping, now=NOW).written == 6
    later = load.run_import(engine, source_of("overlapping"), mapping, now=NOW)
    assert (later.written, later.already_imported) == (3, 3)
    with engine.connect() as connection:
        keys = connection.execute(select(Response.external_id)).scalars().all()
    assert len(keys) == 9 and all(key.startswith("sha256:") and len(key) == 71 for key in keys)


def test_validate_and_dry_run_write_nothing(engine):
    before = snapshot(engine, (*RESTORED, "import_batches", "settings"))
    source = source_of("comma")
    checked = load.validate(engine, source, mapping_for(source), now=NOW)
    dry = load.run_import(engine, source, mapping_for(source), dry_run=True, now=NOW)
    assert checked.accepted == dry.accepted == 6 and dry.batch_id is None
    assert load.report_lines(dry)[-1] == "Dry run: nothing written."
    assert snapshot(engine, (*RESTORED, "import_batches", "settings")) == before


@pytest.mark.parametrize(("name", "expected", "accepted"), [
    ("duplicated_ids", {5: ["duplicate_in_file"], 7: ["duplicate_in_file"]}, 4),
    ("scientific_ids", {3: ["external_id_scientific"], 5: ["external_id_scientific"]}, 3),
    ("scores", {8: ["score_not_whole"], 9: ["score_out_of_range"], 10: ["score_out_of_range"],
                11: ["score_not_a_number"], 12: ["score_wrong_scale"]}, 7),
    ("mixed_dates", {5: ["date_order_conflict"], 6: ["invalid_date"]}, 4),
    ("odd_dates", {9: ["invalid_date"]}, 7),
    ("too_many_fields", {3: ["too_many_fields"]}, 2),
    ("crlf_multiline", {}, 6),
])
def test_each_problem_is_named_on_its_row(engine, name, expected, accepted):
    source = source_of(name)
    report = load.run_import(engine, source, mapping_for(source), now=NOW)
    assert problems_by_row(report) == expected
    assert (report.accepted, report.rejected, report.written) == (accepted, len(expected), accepted)
    assert count(engine, Response) == accepted
    assert set(report.summary()["code"]) == {code for codes in expected.values() for code in codes}
    assert set(report.problems["code"]) <= set(load.CODES)


def test_mixed_dates_are_read_in_the_order_the_column_shows(engine):
    source = source_of("mixed_dates")
    report = load.run_import(engine, source, mapping_for(source), now=NOW)
    assert report.day_first is True and report.date_order.mixed
    with engine.connect() as connection:
        moments = connection.execute(select(Response.external_id, Response.responded_at)
                                     .order_by(Response.external_id)).all()
    assert [(key, moment.replace(tzinfo=None)) for key, moment in moments] == [
        ("S00001", datetime(2025, 3, 2, 8, 1)), ("S00002", datetime(2025, 3, 25, 11)),
        ("S00003", datetime(2025, 3, 4, 13, 5)), ("S00006", datetime(2025, 3, 6, 10))]


def test_a_file_is_read_once_unless_its_dates_need_the_columns_order(engine, monkeypatch):
    """ISO dates read the same in either day/month order: one pass over the file. Dates
    written day/month after the first chunk start the check again, the column's order
    read first, and nothing of the first try is left in what is written."""
    from ingest.files import Source

    passes = []
    chunks = Source.chunks
    monkeypatch.setattr(Source, "chunks", lambda self, size=50_000: passes.append(size) or chunks(self, size))
    monkeypatch.setattr(load, "CHUNK_ROWS", 2)
    monkeypatch.setattr(load, "PEEK_ROWS", 2)
    iso = open_source(to_csv(good_rows(5)), "iso.csv")
    report = load.validate(engine, iso, mapping_for(iso), now=NOW)
    assert (len(passes), report.accepted, report.day_first, report.date_order) == (2, 5, None, load.DateOrder())
    assert passes == [2, 2]  # a look at the first rows, the check

    early = good_rows(3, first=20)
    early[0][1] = "25/03/2025"
    passes.clear()
    opened = open_source(to_csv(early), "early.csv")
    report = load.validate(engine, opened, mapping_for(opened), now=NOW)
    assert (len(passes), report.accepted, report.day_first) == (3, 3, True)  # the look, the dates, the check

    rows = good_rows(6, first=10)
    rows[4][1], rows[5][1] = "25/03/2025", "04/03/2025 14:05"  # the third chunk's
    passes.clear()
    late = open_source(to_csv(rows), "late.csv")
    report = load.run_import(engine, late, mapping_for(late), now=NOW)
    assert len(passes) == 4  # the look, the first try up to the third chunk, the dates, the check
    assert (report.accepted, report.written, report.duplicate_in_file, report.day_first) == (6, 6, 0, True)
    assert report.problems.empty
    with engine.connect() as connection:
        moments = dict(connection.execute(select(Response.external_id, Response.responded_at)).all())
    assert len(moments) == 6 and moments["S00015"].replace(tzinfo=None) == datetime(2025, 3, 4, 13, 5)  # UTC


def test_ambiguous_dates_wait_for_the_order(engine):
    source = source_of("ambiguous_dates")
    blocked = load.run_import(engine, source, mapping_for(source), now=NOW)
    assert [problem.code for problem in blocked.blocking] == ["date_order_ambiguous"]
    assert load.exit_code(blocked) == 2 and count(engine, Response) == 0
    report = load.run_import(engine, source, mapping_for(source, day_first=False), now=NOW)
    assert problems_by_row(report) == {5: ["date_out_of_range"]}  # 3 April is after NOW
    with engine.connect() as connection:
        days = connection.execute(select(Response.responded_at).order_by(Response.responded_at)).scalars().all()
    assert [(day.month, day.day) for day in days] == [(1, 3), (2, 3), (3, 3)]
    day_first = load.run_import(engine, source, mapping_for(source, day_first=True, source="other"), now=NOW)
    assert day_first.written == 4 and "  Dates: day before month (as chosen)" in load.report_lines(day_first)


def test_formula_like_text_is_stored_literally_and_neutralised_in_the_problem_file(engine):
    source = source_of("formulas")
    report = load.run_import(engine, source, mapping_for(source), now=NOW)
    assert problems_by_row(report) == {6: ["unknown_unit"]}
    with engine.connect() as connection:
        comments = connection.execute(select(Response.comment).order_by(Response.external_id)).scalars().all()
    assert comments == list(FORMULAS)
    lines = report.problems_csv().decode("utf-8-sig").splitlines()
    assert report.problems_csv().startswith(b"\xef\xbb\xbf")
    assert lines[1].startswith("6,Butik,\"'=HYPERLINK(")
    assert not any(cell.startswith(("=", "+", "-", "@")) for line in lines for cell in line.split(","))


def test_emoji_are_stored_whole_and_a_huge_comment_is_cut_with_a_note(engine):
    reports = {}
    for name in ("huge_cell", "emoji"):
        source = source_of(name)
        reports[name] = load.run_import(engine, source, mapping_for(source, source=name), now=NOW)
    with engine.connect() as connection:
        comments = set(connection.execute(select(Response.comment)).scalars())
    assert HUGE[:load.MAX_COMMENT] in comments and EMOJI in comments
    assert (reports["huge_cell"].truncated, reports["huge_cell"].truncated_rows) == (1, [3])
    assert [note.code for note in reports["huge_cell"].notes] == ["comment_truncated"]
    assert ("Note: Comments longer than 10,000 characters were cut to that length: 1 (rows 3). "
            "[comment_truncated]") in load.report_lines(reports["huge_cell"])
    assert not reports["emoji"].notes


def test_a_swedish_excel_export(engine):
    source = source_of("swedish_xlsx", sheet="Svar")
    report = load.run_import(engine, source, mapping_for(source), now=NOW)
    assert (report.accepted, report.rejected) == (4, 0)
    with engine.connect() as connection:
        rows = connection.execute(select(Response).order_by(Response.external_id)).all()
    assert [row.external_id for row in rows] == [f"40000000000{number}" for number in range(1, 5)]
    assert rows[0].responded_at.replace(tzinfo=None) == datetime(2025, 3, 1, 8, 30)
    assert [row.nps for row in rows] == [6, 7, 8, 9] and [row.csat for row in rows] == [1, 2, 3, 4]
    assert rows[1].comment == '=HYPERLINK("x")' and {row.language for row in rows} == {"sv"}
    assert report.mapping.to_dict()["fields"]["responded_at"] == "Datum"


def test_a_review_site_export_needs_a_touchpoint(engine):
    source = source_of("stars_review_site")
    mapping = mapping_for(source)
    assert mapping.csat_scale == "stars"
    blocked = load.validate(engine, source, mapping)
    assert [problem.code for problem in blocked.blocking] == ["touchpoint_unmapped"]
    unknown = load.validate(engine, source, replace(mapping, default_touchpoint="Chatt"))
    assert [problem.code for problem in unknown.blocking] == ["unknown_touchpoint"]
    report = load.run_import(engine, source, replace(mapping, default_touchpoint="store visit",
                                                     source="reviews"), now=NOW)
    assert report.written == 5
    with engine.connect() as connection:
        rows = connection.execute(select(Response.csat, Response.channel, Touchpoint.key).join(
            Touchpoint, Touchpoint.id == Response.touchpoint_id).order_by(Response.external_id)).all()
    assert rows == [(2, "import", "store_visit"), (3, "import", "store_visit"), (4, "import", "store_visit"),
                    (5, "import", "store_visit"), (1, "import", "store_visit")]


def test_missing_required_column_blocks_the_file(engine):
    source = source_of("missing_required")
    report = load.validate(engine, source, mapping_for(source))
    assert [problem.code for problem in report.blocking] == ["field_required"]
    assert report.blocking[0].params == {"field": "responded_at", "label": "Date", "option": "--date"}
    assert load.exit_code(report) == 2


def test_unknown_units_and_touchpoints_are_rejected_or_created(engine):
    source = source_of("unknown_names")
    report = load.validate(engine, source, mapping_for(source))
    assert problems_by_row(report) == {2: ["unknown_unit"], 3: ["unknown_touchpoint"], 4: ["unknown_unit"],
                                       5: ["unit_not_importable"], 6: ["unit_not_importable"]}
    assert report.unknown_units == {"Nya butiken": 2} and report.unknown_touchpoints == {"Chatt": 1}
    created = load.run_import(engine, source, mapping_for(source, create_missing=True), now=NOW)
    assert created.to_create == {"units": ["Nya butiken"], "touchpoints": ["Chatt"]}
    assert problems_by_row(created) == {5: ["unit_not_importable"], 6: ["unit_not_importable"]}
    with engine.connect() as connection:
        unit = connection.execute(select(Unit).where(Unit.name == "Nya butiken")).one()
        chat = connection.execute(select(Touchpoint).where(Touchpoint.key == "chatt")).one()
        units_used = connection.execute(select(func.count(func.distinct(Response.unit_id)))
                                        .where(Response.unit_id == unit.id)).scalar()
    assert (unit.kind, unit.parent_id, unit.active) == ("unit", None, True)
    assert (chat.name_sv, chat.name_en) == ("Chatt", "Chatt") and units_used == 1
    assert count(engine, Response) == 3


def test_a_manager_imports_only_for_their_units(engine):
    with engine.connect() as connection:
        lund = connection.execute(select(Unit.id).where(Unit.name == "Lund")).scalar()
    source = source_of("unknown_names")
    report = load.run_import(engine, source, mapping_for(source, create_missing=True), now=NOW,
                             allowed_unit_ids=frozenset({lund}))
    assert problems_by_row(report) == {2: ["unknown_unit"], 3: ["unit_out_of_scope"], 4: ["unknown_unit"],
                                       5: ["unit_not_importable"], 6: ["unit_not_importable"]}
    assert report.accepted == 0 and count(engine, Unit) == 5


def test_duplicates_are_found_across_chunks(engine, monkeypatch):
    monkeypatch.setattr(load, "CHUNK_ROWS", 2)
    source = source_of("duplicated_ids")
    report = load.run_import(engine, source, mapping_for(source), now=NOW)
    assert problems_by_row(report) == {5: ["duplicate_in_file"], 7: ["duplicate_in_file"]}
    assert report.problems["message"].tolist() == [
        "The same response as on row 2 (same id, or the same content when there is no id column).",
        "The same response as on row 3 (same id, or the same content when there is no id column)."]
    assert report.written == 4


def test_an_encoding_error_deep_in_the_file_stops_the_import(engine):
    source = source_of("late_latin1")
    with pytest.raises(ImportProblem) as raised:
        load.run_import(engine, source, mapping_for(source), now=NOW)
    assert raised.value.code == "encoding_error" and raised.value.params["line"] == 702
    assert count(engine, Response) == 0 and count(engine, ImportBatch) == 0


# --- all or nothing, and rollback ----------------------------------------------------------

def test_a_failure_midway_leaves_the_database_exactly_as_it_was(engine, monkeypatch):
    from ingest import themes

    source = source_of("semicolon")
    load.run_import(engine, source, mapping_for(source), now=NOW)
    before = snapshot(engine, (*RESTORED, "import_batches", "settings"))

    def broken(*_args, **_kwargs):
        raise RuntimeError("tagging failed")

    monkeypatch.setattr(themes, "retag", broken)
    unknown = source_of("unknown_names")
    with pytest.raises(RuntimeError, match="tagging failed"):
        load.run_import(engine, unknown, mapping_for(unknown, create_missing=True, source="crm"), now=NOW)
    assert snapshot(engine, (*RESTORED, "import_batches", "settings")) == before


def rebuilt(engine, table: str) -> list[tuple]:
    """``table`` as a full rebuild of the rollups would leave it (rolled back)."""
    from queries import rollup

    with engine.connect() as connection, connection.begin() as transaction:
        rollup.refresh(connection)
        rows = [tuple(map(str, row)) for row in connection.execute(
            select(Base.metadata.tables[table]).order_by(*Base.metadata.tables[table].primary_key.columns))]
        transaction.rollback()
    return rows


def test_segment_rollup_follows_imports_and_switches(engine):
    from queries import segments
    from queries.users import Account

    source = open_source(to_csv(good_rows(12)), "a.csv")
    load.run_import(engine, source, mapping_for(source, segments=["Kundtyp"]), user_id=1, now=NOW)
    stored = snapshot(engine, ("daily_segment_counts",))["daily_segment_counts"]
    assert stored and stored == rebuilt(engine, "daily_segment_counts")
    assert {row[4] for row in stored} == {"Kundtyp"}
    admin = Account(id=1, username="ada", display_name="Ada Admin", role="admin", unit_id=None, session_version=0)
    segments.set_enabled(engine, admin, "Kundtyp", False)
    assert snapshot(engine, ("daily_segment_counts",))["daily_segment_counts"] == []
    segments.set_enabled(engine, admin, "Kundtyp", True)
    assert snapshot(engine, ("daily_segment_counts",))["daily_segment_counts"] == stored


def test_theme_rollup_follows_imports(engine):
    source = open_source(to_csv(good_rows(12)), "a.csv")
    load.run_import(engine, source, mapping_for(source), user_id=1, now=NOW)
    stored = snapshot(engine, ("daily_theme_counts",))["daily_theme_counts"]
    assert stored and stored == rebuilt(engine, "daily_theme_counts")


def indexes(engine) -> list[tuple]:
    """The indexes of the responses tables (SQLite: as sqlite_master has them; else none)."""
    if engine.dialect.name != "sqlite":
        return []
    with engine.connect() as connection:
        return connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN "
            "('responses', 'response_attributes') ORDER BY name").all()


def test_imports_large_and_small_leave_the_rollups_a_rebuild_gives_and_every_index(engine):
    """The first import (larger than the database: its indexes are built afterwards)
    and a later one over the same days (indexes kept up row by row; its counts added
    to the cells the first one filled) leave every rollup, daily and monthly, as a
    full rebuild computes it, and the indexes as they were."""
    from queries import rollup

    before = indexes(engine)
    for rows in (good_rows(40), good_rows(12, first=41)):
        source = open_source(to_csv(rows), "a.csv")
        load.run_import(engine, source, mapping_for(source, segments=["Kundtyp"]), user_id=1, now=NOW)
        for table in (table.name for table in rollup.TABLES):
            stored = snapshot(engine, (table,))[table]
            assert stored and stored == rebuilt(engine, table), table
        assert indexes(engine) == before
    assert count(engine, Response) == 52
    if engine.dialect.name == "sqlite":  # the full-text index holds every response of both imports
        with engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT count(*) FROM comments_fts").scalar() == 52
            assert connection.exec_driver_sql(
                "SELECT count(*) FROM comments_fts WHERE comments_fts MATCH 'personal'").scalar() == \
                connection.exec_driver_sql("SELECT count(*) FROM responses WHERE comment LIKE '%personal%'").scalar()


def shaped_rows(count: int, first: int, rnd: random.Random, customer_types: tuple[str, ...]) -> list[list[str]]:
    """Rows in the shapes the counts must handle: scores missing or at the ends of their
    scales, no comment, a blank one and English, Swedish and undetected ones, days at
    a year's edge, both channels, and a segment value left empty now and then."""
    moments = [datetime(2024, 12, 30, 22, 30), datetime(2025, 1, 1, 0, 5), datetime(2025, 2, 28, 23, 50),
               datetime(2025, 3, 1, 0, 10), datetime(2025, 3, 15, 12, 0)]
    comments = ["", "   ", "Lång kö i kassan", "Friendly staff, but the price was too high", "Bra priser men smutsigt",
                "Leveransen kom för sent och kön var lång"]
    return [[f"R{number:05d}", rnd.choice(moments).strftime("%Y-%m-%d %H:%M"), rnd.choice(UNITS),
             rnd.choice(TOUCHPOINTS), rnd.choice(("E-post", "SMS")), rnd.choice(("", "0", "6", "7", "8", "9", "10")),
             rnd.choice(("", "1", "2", "3", "4", "5")), rnd.choice(comments), rnd.choice(("sv", "en", "")),
             rnd.choice(customer_types)]
            for number in range(first, first + count)]


@pytest.mark.parametrize("seed", [1, 2])
def test_imports_of_every_shape_leave_the_rollups_a_rebuild_gives(engine, seed):
    """The counts an import adds to the stored cells equal what a full rebuild
    computes, for every rollup, daily and monthly: a first import
    whose customer type is not compared (one value), a second that switches it on
    (the earlier responses then count too) and a third that adds to it."""
    from queries import rollup

    rnd = random.Random(seed)
    imports = [(shaped_rows(60, 1, rnd, ("Ny kund",)), {}),
               (shaped_rows(80, 61, rnd, ("Ny kund", "Återkommande kund", "")), {"segments": ["Kundtyp"]}),
               (shaped_rows(40, 141, rnd, ("Ny kund", "Återkommande kund")), {})]
    for rows, changes in imports:
        source = open_source(to_csv(rows), "shaped.csv")
        report = load.run_import(engine, source, mapping_for(source, **changes), user_id=1, now=NOW)
        assert report.written + report.rejected == len(rows) and report.written > 0.9 * len(rows)  # no answer at all
        for table in (table.name for table in rollup.TABLES):
            assert snapshot(engine, (table,))[table] == rebuilt(engine, table), table
    stored = snapshot(engine, ("daily_segment_counts", "daily_driver_counts", "daily_theme_counts"))
    assert {row[5] for row in stored["daily_segment_counts"]} == {"Ny kund", "Återkommande kund"}
    assert sum(int(row[6]) for row in stored["daily_segment_counts"]) > 60  # the first import's rows count too
    assert any("," in row[5] for row in stored["daily_driver_counts"])  # comments with two themes or more
    assert stored["daily_theme_counts"]


def test_id_batches_select_exactly_their_ids(engine):
    from queries.common import id_batches

    source = open_source(to_csv(good_rows(30)), "a.csv")
    load.run_import(engine, source, mapping_for(source), now=NOW)
    with engine.connect() as connection:
        ids = connection.execute(select(Response.id).order_by(Response.id)).scalars().all()
        chosen = [*ids[:10], *ids[12:20], ids[25], 10**9]  # a run, a gap, one more, one that is no row
        batches = list(id_batches(Response.id, reversed(chosen), size=10))
        assert [batch for _condition, batch in batches] == [chosen[:10], chosen[10:]]
        assert "BETWEEN" in str(batches[0][0]) and " IN " in str(batches[1][0])
        for condition, batch in batches:
            found = connection.execute(select(Response.id).where(condition).order_by(Response.id)).scalars().all()
            assert found == [value for value in batch if value in ids]


def test_rollback_restores_responses_counts_themes_and_cases(engine):
    first = to_csv(good_rows(12))
    later = to_csv(good_rows(12, first=13))
    mapping = mapping_for(open_source(first, "a.csv"), segments=["Kundtyp"])
    load.run_import(engine, open_source(first, "a.csv"), mapping, user_id=1, now=NOW)
    before = snapshot(engine)
    report = load.run_import(engine, open_source(later, "b.csv"), mapping, user_id=1, now=NOW)
    assert report.written == 12 and report.follow_ups_opened > 0
    assert snapshot(engine)["daily_counts"] != before["daily_counts"]
    assert snapshot(engine)["daily_segment_counts"] != before["daily_segment_counts"]

    done = load.rollback(engine, report.batch_id, user_id=1)
    assert done == {"batch_id": report.batch_id, "responses_deleted": 12, "days": 12}
    assert snapshot(engine) == before
    batches = load.history(engine)
    assert batches["id"].tolist() == [report.batch_id, report.batch_id - 1]
    assert batches["responses"].tolist() == [0, 12] and batches["created_by"].tolist() == ["Ada Admin"] * 2
    assert pd.notna(batches.loc[0, "rolled_back_at"]) and pd.isna(batches.loc[1, "rolled_back_at"])

    for batch_id, code in ((report.batch_id, "already_rolled_back"), (999, "unknown_batch")):
        with pytest.raises(ImportProblem) as raised:
            load.rollback(engine, batch_id)
        assert raised.value.code == code
    with engine.begin() as connection:
        demo = connection.execute(insert(ImportBatch).values(
            source="demo", created_at=NOW, rows_accepted=0, rows_rejected=0)).inserted_primary_key[0]
    with pytest.raises(ImportProblem) as raised:
        load.rollback(engine, demo)
    assert raised.value.code == "demo_batch"

    again = load.run_import(engine, open_source(later, "b.csv"), mapping, now=NOW)
    assert again.written == 12  # rolled-back rows can be imported again


# --- command line --------------------------------------------------------------------------

def write(tmp_path, name: str) -> Path:
    file_name, data = build(name)
    path = tmp_path / file_name
    path.write_bytes(data)
    return path


def test_command_line_import_reimport_report_and_rollback(database_url, tmp_path, capsys):
    ambiguous = write(tmp_path, "ambiguous_dates")
    assert load.main([str(ambiguous), "--database-url", database_url, "--dry-run"]) == 2
    out = capsys.readouterr().out
    assert "Encoding: utf-8; delimiter: semicolon" in out and "Mapping (suggested from the column names and values):" in out
    assert "[date_order_ambiguous]" in out and "Add --day-first or --month-first." in out

    assert load.main([str(ambiguous), "--database-url", database_url, "--day-first", "--dry-run"]) == 0
    assert "Dry run: nothing written." in capsys.readouterr().out

    saved = tmp_path / "mapping.yaml"
    assert load.main([str(ambiguous), "--database-url", database_url, "--day-first",
                      "--save-mapping", str(saved)]) == 0
    assert "Imported 4 rows as batch 1" in capsys.readouterr().out
    assert load.main([str(ambiguous), "--database-url", database_url, "--mapping", str(saved)]) == 0
    out = capsys.readouterr().out
    assert "Mapping:" in out and "Nothing new" in out and "already imported: 4" in out

    scores, report = write(tmp_path, "scores"), tmp_path / "problems.csv"
    assert load.main([str(scores), "--database-url", database_url, "--report", str(report)]) == 0
    out = capsys.readouterr().out
    assert "row 8, column 'NPS': value '8.5': NPS must be a whole number from 0 to 10. [score_not_whole]" in out
    problems = pd.read_csv(report, encoding="utf-8-sig", dtype=str)
    assert problems["row"].tolist() == ["8", "9", "10", "11", "12"]

    assert load.main(["--rollback", "1", "--database-url", database_url]) == 0
    assert "Rolled back batch 1: 4 responses deleted." in capsys.readouterr().out
    assert load.main(["--rollback", "1", "--database-url", database_url]) == 1
    assert "rolled back already" in capsys.readouterr().err


def test_the_command_runs_as_a_module(database_url, tmp_path):
    """``python -m ingest.load`` itself, as the README gives it: the file is read in
    a worker process, which must find the functions it is sent."""
    scores = write(tmp_path, "scores")
    done = subprocess.run([sys.executable, "-m", "ingest.load", str(scores), "--database-url", database_url],
                          capture_output=True, text=True, cwd=Path(load.__file__).parent.parent, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Imported " in done.stdout and "score_not_whole" in done.stdout


def test_command_line_failures_and_exit_codes(database_url, tmp_path, capsys):
    assert load.main([str(write(tmp_path, "empty")), "--database-url", database_url]) == 1
    err = capsys.readouterr().err
    assert "Cannot read" in err and "The file is empty." in err
    assert load.main([str(write(tmp_path, "binary_garbage")), "--database-url", database_url]) == 1
    bad = tmp_path / "bad.yaml"
    bad.write_text("fields: {score: NPS}\n", encoding="utf-8")
    assert load.main([str(write(tmp_path, "comma")), "--database-url", database_url, "--mapping", str(bad)]) == 2
    assert "does not know: 'score'" in capsys.readouterr().err
    assert load.main([str(write(tmp_path, "missing_required")), "--database-url", database_url]) == 2
    assert "[field_required]" in capsys.readouterr().out
    nobody = tmp_path / "nobody.csv"
    nobody.write_bytes(to_csv([row[:2] + ["Ingenstans"] + row[3:] for row in good_rows(3)]))
    assert load.main([str(nobody), "--database-url", database_url]) == 1
    out = capsys.readouterr().out
    assert "Units not found: 'Ingenstans' (3 rows)" in out and "Nothing imported" in out
    assert load.main([str(nobody), "--database-url", database_url, "--create-missing"]) == 0
    assert "Created units: Ingenstans" in capsys.readouterr().out
