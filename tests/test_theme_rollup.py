"""``daily_theme_counts`` stays equal to a GROUP BY over ``responses`` ×
``response_themes`` after every write that changes either (demo, import,
rollback, retag, theme changes, unit merge), and the reads that moved to it give
what the raw joins gave, on SQLite and on PostgreSQL."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import pytest
from sqlalchemy import func, or_, select, text
from sqlalchemy.engine import make_url

from ingest import load
from ingest.files import open_source
from ingest.suggest import suggest
from queries import admin, comments, compare, rollup, themes, users
from queries.db import engine_for, make_engine
from queries.responses import Filters
from queries.schema import (
    DailyLanguageCount, DailyThemeCount, Response, ResponseTheme, Touchpoint, Unit, has_comment, has_theme,
)
from queries.scope import Scope, descendants, unit_tree
from tests.conftest import (
    TODAY, copy_postgres_database, copy_sqlite_database, migrate_again_from, postgres_admin, postgres_admin_url,
)
from tests.import_corpus import good_rows, to_csv

KEY = ["day", "unit_id", "touchpoint_id", "channel", "theme_id"]


def stored(connection) -> list[tuple]:
    table = DailyThemeCount.__table__
    rows = connection.execute(select(table).order_by(*(table.c[name] for name in KEY))).all()
    return [(str(row[0])[:10], *row[1:]) for row in rows]


def raw(connection) -> list[tuple]:
    """What ``daily_theme_counts`` must hold: the rollup's statistics grouped over the raw rows."""
    day = rollup.response_day(connection.dialect.name)
    group = [day, Response.unit_id, Response.touchpoint_id, Response.channel, ResponseTheme.theme_id]
    rows = connection.execute(
        select(*group, *rollup.count_expressions().values()).select_from(Response)
        .join(ResponseTheme, ResponseTheme.response_id == Response.id).where(has_comment())
        .group_by(*group).order_by(*group)).all()
    return [(str(row[0])[:10], *(int(value) if not isinstance(value, str) else value for value in row[1:]))
            for row in rows]


def assert_in_step(engine) -> None:
    with engine.connect() as connection:
        found, expected = stored(connection), raw(connection)
    assert found and found == expected


@pytest.fixture
def writable(demo_url, tmp_path):
    """A private copy of the small demo (SQLite or PostgreSQL) for a test that writes."""
    if demo_url.startswith("sqlite"):
        engine = make_engine(copy_sqlite_database(demo_url, tmp_path / "copy.db"))
        yield engine
        engine.dispose()
        return
    engine_for(demo_url).dispose()
    server = postgres_admin()
    name = f"insikt_theme_rollup_{uuid.uuid4().hex[:8]}"
    copy_postgres_database(server, make_url(demo_url).database, name)
    engine = make_engine(make_url(postgres_admin_url()).set(database=name).render_as_string(hide_password=False))
    yield engine
    engine.dispose()
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


def test_the_demo_fills_the_rollup(demo_engine):
    assert_in_step(demo_engine)
    assert_languages_equal_raw(demo_engine)


def test_the_migration_fills_the_rollup_from_the_stored_tags(writable):
    migrate_again_from(writable, "0015")
    assert_in_step(writable)


def test_import_and_rollback_keep_it_in_step(writable):
    source = open_source(to_csv(good_rows(60)), "a.csv")
    report = load.run_import(writable, source, replace(suggest(source.columns), create_missing=True), user_id=None)
    assert report.written == 60
    assert_in_step(writable)
    load.rollback(writable, report.batch_id)
    assert_in_step(writable)


def _boss(engine):
    return users.authenticate(engine, "admin", "demo").account


def test_theme_changes_and_unit_merges_keep_it_in_step(writable):
    boss = _boss(writable)
    themes_now = themes.active_themes(writable).set_index("key")
    with writable.connect() as connection:
        before = stored(connection)
    admin.update_theme(writable, boss, int(themes_now.at["price", "id"]), name_sv="Pris", name_en="Price",
                       patterns_sv="pris*\nbillig*", patterns_en="price*")
    assert_in_step(writable)
    with writable.connect() as connection:
        assert stored(connection) != before
    admin.set_theme_active(writable, boss, int(themes_now.at["staff", "id"]), False)
    assert_in_step(writable)
    admin.create_theme(writable, boss, "parking", "Parkering", "Parking", "parker*", "parking*")
    assert_in_step(writable)
    with writable.connect() as connection:
        lund, malmo = (connection.execute(select(Unit.id).where(Unit.name == name)).scalar()
                       for name in ("Lund", "Malmö"))
    admin.merge_units(writable, boss, lund, malmo)
    assert_in_step(writable)


def _old_theme_rows(engine, read) -> pd.DataFrame:
    """``compare._theme_rows`` as it was before the rollup: responses × response_themes."""
    expressions = rollup.count_expressions()
    query = (select(ResponseTheme.theme_id, *(expressions[name] for name in ("responses", *compare.SUMS)),
                    *compare._unit_counts(read, Response.unit_id))
             .select_from(Response).join(ResponseTheme, ResponseTheme.response_id == Response.id)
             .where(*compare._response_conditions(read), has_comment())
             .group_by(ResponseTheme.theme_id))
    with engine.connect() as connection:
        found = pd.DataFrame(connection.execute(query).all(),
                             columns=["id", "responses", *compare.SUMS, "units", "outside"]).set_index("id")
    active = themes.active_themes(engine)
    frame = found.reindex(active["id"]).dropna(subset=["responses"]).reset_index()
    frame["key"] = frame["id"].map(dict(zip(active["id"], active["key"])))
    frame.insert(0, "dimension", "theme")
    return frame.drop(columns="id")


def _reads(engine) -> list:
    tree = unit_tree(engine)
    with engine.connect() as connection:
        home = connection.execute(select(Unit.id).where(Unit.name == "Uppsala Centrum")).scalar()
        region = tree[home]
        checkout = connection.execute(select(Touchpoint.id).where(Touchpoint.key == "checkout")).scalar()
    everyone, manager = frozenset(tree), descendants(tree, region)
    year = Filters(everyone, TODAY - timedelta(days=364), TODAY)
    return [
        compare._read_of(everyone, replace(year, start=TODAY - timedelta(days=729))),
        compare._read_of(manager, year),
        compare._read_of({home}, replace(year, touchpoint_id=checkout)),
        compare._read_of(everyone, replace(year, channel="sms", start=TODAY - timedelta(days=30))),
        compare._read_of(everyone - {home}, year, min_units=3, outside=everyone - manager),
        compare._read_of(everyone - {home}, replace(year, touchpoint_id=checkout), min_units=3,
                         outside=everyone - {home}),
    ]


def _numbers(frame: pd.DataFrame) -> pd.DataFrame:
    numbers = ["responses", *compare.SUMS, "units", "outside"]
    return frame[["dimension", "key", *numbers]].astype({name: "int64" for name in numbers}).reset_index(drop=True)


def test_theme_rows_read_from_the_rollup_equal_the_raw_join(demo_engine):
    for read in _reads(demo_engine):
        with demo_engine.connect() as connection:
            new = compare._theme_rows(connection, demo_engine, read)
        old = _old_theme_rows(demo_engine, read)
        assert len(new) > 0
        pd.testing.assert_frame_equal(_numbers(new), _numbers(old))


def test_outside_members_read_from_the_rollup_equal_the_raw_join(demo_engine):
    read = _reads(demo_engine)[4]
    members = compare._outside_members(demo_engine, read)
    found = members[members["dimension"] == "theme"].sort_values(["key", "unit_id"]).reset_index(drop=True)
    keys = dict(zip(*themes.active_themes(demo_engine)[["id", "key"]].T.values))
    outside = replace(read, units=tuple(sorted(read.outside & frozenset(read.units))))
    with demo_engine.connect() as connection:
        rows = connection.execute(
            select(ResponseTheme.theme_id, Response.unit_id, func.count()).select_from(Response)
            .join(ResponseTheme, ResponseTheme.response_id == Response.id)
            .where(*compare._response_conditions(outside), has_comment())
            .group_by(ResponseTheme.theme_id, Response.unit_id)).all()
    expected = pd.DataFrame([("theme", keys[theme], unit, n) for theme, unit, n in rows if theme in keys],
                            columns=compare.MEMBER_COLUMNS).sort_values(["key", "unit_id"]).reset_index(drop=True)
    assert len(found) > 0
    pd.testing.assert_frame_equal(found[compare.MEMBER_COLUMNS].astype({"unit_id": "int64", "responses": "int64"}),
                                  expected.astype({"unit_id": "int64", "responses": "int64"}))


def test_outside_segment_members_read_from_the_rollup_equal_the_raw_join(demo_engine):
    from queries.schema import ResponseAttribute, Segment

    read = _reads(demo_engine)[4]
    members = compare._outside_members(demo_engine, read)
    found = members[members["dimension"] == "segment"].sort_values(["key", "unit_id"]).reset_index(drop=True)
    outside = replace(read, units=tuple(sorted(read.outside & frozenset(read.units))))
    enabled = select(Segment.key).where(Segment.enabled.is_(True))
    with demo_engine.connect() as connection:
        rows = connection.execute(
            select(ResponseAttribute.key, ResponseAttribute.value, Response.unit_id, func.count())
            .select_from(Response).join(ResponseAttribute, ResponseAttribute.response_id == Response.id)
            .where(*compare._response_conditions(outside), ResponseAttribute.key.in_(enabled))
            .group_by(ResponseAttribute.key, ResponseAttribute.value, Response.unit_id)).all()
    expected = pd.DataFrame([("segment", f"{key}={value}", unit, n) for key, value, unit, n in rows],
                            columns=compare.MEMBER_COLUMNS).sort_values(["key", "unit_id"]).reset_index(drop=True)
    assert len(found) > 0
    pd.testing.assert_frame_equal(found[compare.MEMBER_COLUMNS].astype({"unit_id": "int64", "responses": "int64"}),
                                  expected.astype({"unit_id": "int64", "responses": "int64"}))


def _raw_groups() -> list:
    """The counts of every measure (``themes.GROUPS``) over raw ``responses`` rows."""
    expressions = rollup.count_expressions()
    return [expressions[group] for group in themes.GROUPS]


def raw_theme_counts(engine, scope, filters) -> pd.DataFrame:
    """What ``themes.theme_counts`` must give, from the raw rows and tags: per active
    theme, then "other" (commented, no active theme)."""
    conditions = [*themes._conditions(scope, filters), has_comment()]
    query = (select(ResponseTheme.theme_id, func.count(), *_raw_groups()).select_from(Response)
             .join(ResponseTheme, ResponseTheme.response_id == Response.id)
             .where(*conditions).group_by(ResponseTheme.theme_id))
    other = select(func.count(), *_raw_groups()).where(*conditions, ~has_theme())
    with engine.connect() as connection:
        rows = connection.execute(query).all()
        rest = connection.execute(other).one()
    frame = themes._per_theme(engine, rows, themes.COUNT_COLUMNS)
    frame.loc[len(frame)] = [themes.OTHER, *(int(value or 0) for value in rest)]
    return frame


def raw_commented_totals(engine, scope, filters) -> dict[str, int]:
    """What ``themes.comment_totals`` must give among commented responses, from the raw rows."""
    query = select(func.count(), *_raw_groups()).where(*themes._conditions(scope, filters), has_comment())
    with engine.connect() as connection:
        values = connection.execute(query).one()
    return {key: int(value or 0) for key, value in zip(themes.COUNT_COLUMNS[1:], values)}


def assert_languages_equal_raw(engine) -> None:
    """``daily_language_counts`` holds the raw comments per day, unit and language, and
    the language filter of every scope lists what the raw responses hold."""
    table = DailyLanguageCount.__table__
    with engine.connect() as connection:
        day = rollup.response_day(connection.dialect.name)
        group = [day, Response.unit_id, Response.language]
        expected = [(str(row[0])[:10], *row[1:]) for row in connection.execute(
            select(*group, func.count()).where(has_comment(), Response.language.is_not(None))
            .group_by(*group).order_by(*group))]
        found = [(str(row[0])[:10], *row[1:]) for row in connection.execute(
            select(table).order_by(table.c.day, table.c.unit_id, table.c.language))]
        units = connection.execute(select(Unit.id)).scalars().all()
        for scope in [Scope(frozenset(units)), *(Scope(frozenset({unit})) for unit in units[:5])]:
            raw = connection.execute(select(Response.language).distinct().where(
                Response.unit_id.in_(sorted(scope.unit_ids)), Response.language.is_not(None), has_comment())
                .order_by(Response.language)).scalars().all()
            assert comments.languages(engine, scope) == raw
    assert found and found == expected


def assert_theme_reads_equal_raw(engine, scope, filters) -> None:
    """The theme view's counts (the themes, "other", the commented totals) from the
    rollups equal the raw rows'."""
    found = themes.theme_counts(engine, scope, filters)
    pd.testing.assert_frame_equal(found, raw_theme_counts(engine, scope, filters), obj=str(filters))
    totals = themes.comment_totals(engine, scope, filters)
    assert {key: totals[key] for key in themes.COUNT_COLUMNS[1:]} == raw_commented_totals(engine, scope, filters)


def _old_theme_days(engine, scope, filters, end) -> pd.DataFrame:
    active = themes.active_themes(engine)
    day = rollup.response_day(engine.dialect.name)
    spans = [(Response.responded_at >= themes._moment(first))
             & (Response.responded_at < themes._moment(last + timedelta(days=1)))
             for first, last in themes.emerging.windows(end)]
    conditions = [*themes._conditions(scope, filters, dated=False), has_comment(), or_(*spans)]
    with engine.connect() as connection:
        totals = dict((str(d)[:10], n) for d, n in connection.execute(
            select(day, func.count()).where(*conditions).group_by(day)).all())
        mentions = connection.execute(
            select(day, ResponseTheme.theme_id, func.count()).select_from(Response)
            .join(ResponseTheme, ResponseTheme.response_id == Response.id).where(*conditions)
            .group_by(day, ResponseTheme.theme_id)).all()
    keys = dict(zip(active["id"], active["key"]))
    frame = pd.DataFrame({"day": sorted(totals), "comments": [totals[d] for d in sorted(totals)]})
    for key in active["key"]:
        frame[key] = 0
    for d, theme, n in mentions:
        if theme in keys:
            frame.loc[frame["day"] == str(d)[:10], keys[theme]] += n
    frame["day"] = pd.to_datetime(frame["day"])
    return frame.astype({column: "int64" for column in frame.columns if column != "day"})


def test_theme_counts_and_days_read_from_the_rollups_equal_the_raw_join(demo_engine):
    tree = unit_tree(demo_engine)
    with demo_engine.connect() as connection:
        home = connection.execute(select(Unit.id).where(Unit.name == "Uppsala Centrum")).scalar()
    everyone = Scope(frozenset(tree))
    cases = [(everyone, Filters(everyone.unit_ids, TODAY - timedelta(days=364), TODAY)),
             (Scope(descendants(tree, tree[home])), Filters(frozenset(tree), TODAY - timedelta(days=89), TODAY,
                                                            channel="email")),
             (Scope(frozenset({home})), Filters(frozenset({home}), date(2025, 1, 1), TODAY, touchpoint_id=1))]
    for scope, filters in cases:
        assert_theme_reads_equal_raw(demo_engine, scope, filters)
        other = themes.theme_counts(demo_engine, scope, filters).set_index("key").loc[themes.OTHER]
        assert other["comments"] > 0 and other["n"] > 0  # not vacuous: untagged comments with scores
        days = themes.theme_days(demo_engine, scope, filters, TODAY)
        assert len(days) > 0
        pd.testing.assert_frame_equal(days, _old_theme_days(demo_engine, scope, filters, TODAY),
                                      check_dtype=False)


def test_touched_days_a_few_days_apart_share_one_refresh():
    day = date(2024, 1, 1)
    touched = [day, day + timedelta(days=1), day + timedelta(days=5), day + timedelta(days=37),
               day + timedelta(days=70)]
    assert list(rollup.runs(touched)) == [(day, day + timedelta(days=37)), (day + timedelta(days=70),) * 2]
    assert list(rollup.runs(touched, bridge=0)) == [
        (day, day + timedelta(days=1)), *((other, other) for other in touched[2:])]
    # A review every ten days for ten years: one stretch, not 365.
    sparse = [day + timedelta(days=10 * step) for step in range(365)]
    assert list(rollup.runs(sparse)) == [(sparse[0], sparse[-1])]


def test_themes_per_touchpoint_in_one_read_equal_each_touchpoints_theme_counts(demo_engine):
    """The workshop's overlap of a theme with the touchpoints reads every touchpoint at
    once; that read gives what :func:`themes.theme_counts` gives for each touchpoint."""
    tree = unit_tree(demo_engine)
    with demo_engine.connect() as connection:
        home = connection.execute(select(Unit.id).where(Unit.name == "Uppsala Centrum")).scalar()
        touchpoints = connection.execute(select(Touchpoint.id)).scalars().all()
    everyone = Scope(frozenset(tree))
    cases = [(everyone, Filters(everyone.unit_ids, TODAY - timedelta(days=364), TODAY)),
             (Scope(frozenset({home})), Filters(frozenset({home}), TODAY - timedelta(days=200),
                                                TODAY - timedelta(days=3), channel="email")),
             # the filters' own touchpoint is left out: every touchpoint is counted
             (Scope(frozenset({home})), Filters(frozenset({home}), date(2025, 1, 1), TODAY, touchpoint_id=1))]
    for scope, filters in cases:
        found = themes.theme_touchpoints(demo_engine, scope, filters)
        expected = []
        for touchpoint in touchpoints:
            one = themes.theme_counts(demo_engine, scope, replace(filters, touchpoint_id=touchpoint))
            one = one[(one["key"] != themes.OTHER) & (one["comments"] > 0)]
            expected += [(key, touchpoint, int(n)) for key, n in zip(one["key"], one["comments"])]
        assert len(found) > 10  # not vacuous: several themes at several touchpoints
        assert list(found.itertuples(index=False, name=None)) == sorted(expected)
    assert themes.theme_touchpoints(demo_engine, Scope(frozenset()), cases[0][1]).empty
