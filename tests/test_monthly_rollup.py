"""The monthly rollups stay equal to their daily tables summed per month after every
write (demo, migration, import, rollback, retag, theme switched off, segment switch,
unit merge), and the strengths page's reads, which take whole months from them, give
exactly what the daily rows give, for periods inside a month, across month edges, of
whole months and over the demo's whole range, on SQLite and on PostgreSQL."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import pytest
from sqlalchemy import select

from ingest import load
from ingest.files import open_source
from ingest.suggest import suggest
from queries import admin, compare, months, segments, themes
from queries.responses import Filters
from queries.schema import Touchpoint, Unit
from queries.scope import Scope, descendants, unit_tree
from tests.conftest import TODAY
from tests.import_corpus import good_rows, to_csv
from tests import test_theme_rollup
from tests.test_theme_rollup import _boss

writable = test_theme_rollup.writable  # a private copy of the demo for a test that writes


def _summed(connection, daily) -> pd.DataFrame:
    """What the monthly table of ``daily`` must hold: its rows summed per month."""
    cells, stats = months.cells(daily), months.stats(daily)
    frame = pd.DataFrame(connection.execute(select(daily)).all(), columns=[column.name for column in daily.c])
    frame["month"] = frame["day"].astype(str).str[:7]
    return frame.groupby(["month", *cells], as_index=False)[stats].sum().astype({name: "int64" for name in stats})


def _stored(connection, monthly) -> pd.DataFrame:
    frame = pd.DataFrame(connection.execute(select(monthly)).all(), columns=[column.name for column in monthly.c])
    assert (frame["month"].astype(str).str[8:10] == "01").all()
    frame["month"] = frame["month"].astype(str).str[:7]
    order = ["month", *months.cells(monthly)]
    return frame.sort_values(order).reset_index(drop=True)[[*order, *months.stats(monthly)]]


def assert_in_step(engine) -> None:
    with engine.connect() as connection:
        for daily, monthly in months.MONTHLY.items():
            expected = _summed(connection, daily)
            assert len(expected) > 0, daily.name
            found = _stored(connection, monthly)
            pd.testing.assert_frame_equal(found.astype({name: "int64" for name in months.stats(monthly)}),
                                          expected.sort_values(list(found.columns[:-len(months.stats(monthly))]))
                                          .reset_index(drop=True)[found.columns], obj=monthly.name)


def test_split_covers_every_day_once():
    generator = random.Random(16)
    for _ in range(2_000):
        start = date(2024, 1, 1) + timedelta(days=generator.randrange(800))
        end = start + timedelta(days=generator.choice([0, 1, 5, 27, 30, 31, 45, 90, 364, 700]))
        days, whole = months.split(start, end)
        covered = [first + timedelta(days=offset) for first, last in days for offset in range((last - first).days + 1)]
        if whole is not None:
            month = whole[0]
            assert month.day == 1 and whole[1].day == 1 and whole[0] <= whole[1]
            while month <= whole[1]:
                following = (month + timedelta(days=32)).replace(day=1)
                covered += [month + timedelta(days=offset) for offset in range((following - month).days)]
                month = following
        assert sorted(covered) == [start + timedelta(days=offset) for offset in range((end - start).days + 1)]
        assert len(days) <= 2


def test_the_demo_fills_the_monthly_rollups(demo_engine):
    assert_in_step(demo_engine)


def test_the_migration_fills_them_from_the_daily_tables(writable):
    from alembic import command
    from alembic.config import Config

    from queries.db import MIGRATIONS, upgrade

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with writable.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0016")
    upgrade(writable)
    assert_in_step(writable)


def test_every_write_keeps_them_in_step(writable):
    boss = _boss(writable)
    source = open_source(to_csv(good_rows(60)), "a.csv")
    report = load.run_import(writable, source, replace(suggest(source.columns), create_missing=True), user_id=None)
    assert report.written == 60
    assert_in_step(writable)
    load.rollback(writable, report.batch_id)
    assert_in_step(writable)
    active = themes.active_themes(writable).set_index("key")
    admin.update_theme(writable, boss, int(active.at["price", "id"]), name_sv="Pris", name_en="Price",
                       patterns_sv="pris*\nbillig*", patterns_en="price*")
    assert_in_step(writable)
    admin.set_theme_active(writable, boss, int(active.at["staff", "id"]), False)
    assert_in_step(writable)
    for key in sorted(segments.enabled_keys(writable)):
        segments.set_enabled(writable, boss, key, False)
        assert_in_step(writable)
        segments.set_enabled(writable, boss, key, True)
        assert_in_step(writable)
    with writable.connect() as connection:
        lund, malmo = (connection.execute(select(Unit.id).where(Unit.name == name)).scalar()
                       for name in ("Lund", "Malmö"))
    admin.merge_units(writable, boss, lund, malmo)
    assert_in_step(writable)


def _daily_only(start: date, end: date):
    """The split before the monthly layer: every day from the daily table."""
    return [(start, end)], None


def _periods() -> list[tuple[date, date]]:
    return [
        (date(2026, 3, 4), date(2026, 3, 20)),  # inside one month
        (date(2026, 1, 25), date(2026, 3, 6)),  # across month edges, one whole month between
        (date(2025, 12, 20), date(2026, 1, 10)),  # across a year's edge, no whole month
        (date(2025, 6, 1), date(2025, 11, 30)),  # whole months
        (TODAY - timedelta(days=364), TODAY),  # the page's default year
        (date(2020, 1, 1), TODAY),  # the demo's whole range
    ]


def _scopes(engine) -> dict[str, Scope]:
    tree = unit_tree(engine)
    with engine.connect() as connection:
        home = connection.execute(select(Unit.id).where(Unit.name == "Uppsala Centrum")).scalar()
    return {"leader": Scope(frozenset(tree)), "manager": Scope(descendants(tree, tree[home])),
            "staff": Scope(frozenset({home}))}


def _page_reads(engine, filters_of) -> list:
    """Every read of the strengths page that the monthly layer serves, for each role."""
    found = []
    for role, scope in _scopes(engine).items():
        filters = filters_of(scope)
        found.append((role, "groups", compare.group_counts(engine, scope, filters)))
        found.append((role, "heatmap", compare.heatmap_counts(engine, scope, filters)))
        for comparator in compare.COMPARATORS:
            found.append((role, comparator, compare.comparator_counts(engine, scope, filters, comparator)))
    return found


@pytest.mark.parametrize("period", _periods(), ids=lambda period: f"{period[0]}_{period[1]}")
def test_the_page_reads_equal_the_daily_reads(demo_engine, monkeypatch, period):
    with demo_engine.connect() as connection:
        checkout = connection.execute(select(Touchpoint.id).where(Touchpoint.key == "checkout")).scalar()
    for narrowed in ({}, {"touchpoint_id": checkout}, {"channel": "email"}):
        def filters_of(scope):
            return Filters(scope.unit_ids, *period, **narrowed)
        new = _page_reads(demo_engine, filters_of)
        with monkeypatch.context() as patched:
            patched.setattr(months, "split", _daily_only)
            old = _page_reads(demo_engine, filters_of)
        assert any(frame is not None and len(frame) for *_, frame in new)
        for (role, read, found), (*_, expected) in zip(new, old):
            if expected is None:
                assert found is None, (role, read)
            else:
                pd.testing.assert_frame_equal(found, expected, obj=f"{role} {read} {narrowed}")


def test_outside_members_equal_the_daily_reads(demo_engine, monkeypatch):
    everyone = frozenset(unit_tree(demo_engine))
    home = min(everyone)
    for start, end in _periods():
        read = compare._read_of(everyone - {home}, Filters(everyone, start, end), min_units=3,
                                outside=everyone - {home})
        new = compare._outside_members(demo_engine, read)
        with monkeypatch.context() as patched:
            patched.setattr(months, "split", _daily_only)
            old = compare._outside_members(demo_engine, read)
        assert len(new) > 0

        def ordered(frame):  # rows of one dimension come in no set order (summed per unit by the callers)
            return frame.sort_values(compare.MEMBER_COLUMNS).reset_index(drop=True)
        pd.testing.assert_frame_equal(ordered(new), ordered(old))
