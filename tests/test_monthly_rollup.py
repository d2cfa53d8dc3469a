"""The monthly rollups stay equal to their daily tables summed per month after every
write (demo, migration, import, rollback, retag, theme switched off, segment switch,
unit merge), and the reads of the strengths page and of the leader's list of units,
which take whole months from them, give exactly what the daily rows give, for periods
inside a month, across month edges, of whole months and over the demo's whole range,
on SQLite and on PostgreSQL. The key-driver cells read from the driver rollup equal
those grouped from the raw responses and their tags."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone

import pandas as pd
import pytest
from sqlalchemy import case, func, inspect, literal, select

from ingest import load
from ingest.files import open_source
from ingest.suggest import suggest
from analysis import measures
from analysis.drivers import MIN_CLUSTERS
from analysis.periods import previous
from queries import admin, compare, landing, months, rollup, segments, themes, units
from queries.responses import Filters, scope_totals
from queries.schema import DailyCount, Response, ResponseTheme, Theme, Touchpoint, Unit, has_comment
from queries.scope import Scope, descendants, unit_tree
from tests.conftest import TODAY, migrate_again_from
from tests.import_corpus import good_rows, to_csv
from tests import test_theme_rollup
from tests.test_theme_rollup import _boss

NOW = datetime.combine(TODAY, time(12), tzinfo=timezone.utc)
writable = test_theme_rollup.writable  # a private copy of the demo for a test that writes


def _rows(connection, table) -> pd.DataFrame:
    """Every row of ``table`` as the driver gives it (days as text on SQLite), built
    from plain tuples: SQLAlchemy's result rows made the frame three times as slow."""
    statement = str(select(table).compile(dialect=connection.dialect))
    return pd.DataFrame(list(map(tuple, connection.exec_driver_sql(statement).fetchall())),
                        columns=[column.name for column in table.c])


def _summed(connection, daily) -> pd.DataFrame:
    """What the monthly table of ``daily`` must hold: its rows summed per month."""
    cells, stats = months.cells(daily), months.stats(daily)
    frame = _rows(connection, daily)
    frame["month"] = frame["day"].astype(str).str[:7]
    return frame.groupby(["month", *cells], as_index=False)[stats].sum().astype({name: "int64" for name in stats})


def _stored(connection, monthly) -> pd.DataFrame:
    frame = _rows(connection, monthly)
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
        assert sorted(_plan_days(start, end)) == sorted(covered)


def _plan_days(start: date, end: date) -> list[date]:
    """The days :func:`months.plan` reads, each as often as it is counted: the daily
    stretches and the whole months, plus each lessened month less its missing days."""
    read = months.plan(start, end)

    def every(first: date, last: date) -> Counter:
        return Counter(first + timedelta(days=offset) for offset in range((last - first).days + 1))

    counted = sum((every(first, last) for first, last in read.days), Counter())
    if read.months is not None:
        counted += every(read.months[0], months.last_of(read.months[1]))
    for month in read.lessened:
        counted += every(month, months.last_of(month))
    for first, last in read.missing:
        counted.subtract(every(first, last))
        assert months.first_of(first) in read.lessened and months.first_of(last) == months.first_of(first)
    assert all(times in (0, 1) for times in counted.values())
    return [day for day, times in counted.items() if times]


def test_the_demo_fills_the_monthly_rollups(demo_engine):
    assert_in_step(demo_engine)


def test_the_migration_fills_them_from_the_daily_tables(writable):
    migrate_again_from(writable, "0016")
    assert_in_step(writable)


def test_every_write_keeps_them_in_step(writable):
    boss = _boss(writable)
    source = open_source(to_csv(good_rows(60)), "a.csv")
    report = load.run_import(writable, source, replace(suggest(source.columns), create_missing=True), user_id=None)
    assert report.written == 60
    assert_in_step(writable)
    assert_drivers_equal_raw(writable)
    # The import's cells were grouped once into tables of their own (rollup._staged): gone.
    assert not [name for name in inspect(writable).get_table_names() if name.startswith("staged_")]
    load.rollback(writable, report.batch_id)
    assert_in_step(writable)
    assert_drivers_equal_raw(writable)
    active = themes.active_themes(writable).set_index("key")
    admin.update_theme(writable, boss, int(active.at["price", "id"]), name_sv="Pris", name_en="Price",
                       patterns_sv="pris*\nbillig*", patterns_en="price*")
    assert_in_step(writable)
    assert_drivers_equal_raw(writable)
    admin.set_theme_active(writable, boss, int(active.at["staff", "id"]), False)
    assert_in_step(writable)
    assert_drivers_equal_raw(writable)
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
    assert_drivers_equal_raw(writable)


def _daily_only(start: date, end: date):
    """The split before the monthly layer: every day from the daily table."""
    return [(start, end)], None


def _read_daily_only(patched) -> None:
    """Make every read take every day from the daily table, as before the monthly layer."""
    patched.setattr(months, "split", _daily_only)
    patched.setattr(months, "plan", lambda start, end: months.Plan(days=[(start, end)]))


def _periods() -> list[tuple[date, date]]:
    return [
        (date(2026, 3, 4), date(2026, 3, 20)),  # inside one month
        (date(2026, 1, 25), date(2026, 3, 6)),  # across month edges, one whole month between
        (date(2025, 12, 20), date(2026, 1, 10)),  # across a year's edge, no whole month
        (date(2025, 12, 5), TODAY),  # first and last month each read whole less the days they lack
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
    """Every read of the strengths, comments and overview pages that the monthly layer serves, for each role."""
    found = []
    for role, scope in _scopes(engine).items():
        filters = filters_of(scope)
        found.append((role, "groups", compare.group_counts(engine, scope, filters)))
        found.append((role, "heatmap", compare.heatmap_counts(engine, scope, filters)))
        found.append((role, "themes", themes.theme_counts(engine, scope, filters)))
        found.append((role, "totals", pd.DataFrame([scope_totals(engine, scope, filters)])))
        found.append((role, "units", landing.unit_summary(engine, scope, filters, previous(filters.start, filters.end)[0],
                                                          today=TODAY, now=NOW)))
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
            _read_daily_only(patched)
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
            _read_daily_only(patched)
            old = compare._outside_members(demo_engine, read)
        assert len(new) > 0

        def ordered(frame):  # rows of one dimension come in no set order (summed per unit by the callers)
            return frame.sort_values(compare.MEMBER_COLUMNS).reset_index(drop=True)
        pd.testing.assert_frame_equal(ordered(new), ordered(old))


def _raw_driver_rows(engine, scope: Scope, filters: Filters, theme_keys, measure: str) -> pd.DataFrame:
    """What ``compare.driver_rows`` returned before the driver rollup, from one row per
    response and its active themes grouped here."""
    units = scope.narrow(filters.unit_ids).unit_ids
    score = rollup.score_column(measure)
    if len(units) >= MIN_CLUSTERS:
        week = literal("0")
    elif engine.dialect.name == "postgresql":
        week = func.to_char(func.timezone("UTC", Response.responded_at), "IYYY-IW")
    else:
        week = func.strftime("%Y-%W", func.substr(Response.responded_at, 1, 10))
    query = (select(Response.id, Response.unit_id, week, Touchpoint.key, case((has_comment(), 1), else_=0), score)
             .join(Touchpoint, Touchpoint.id == Response.touchpoint_id)
             .where(*compare._response_conditions(compare._read_of(units, filters)), score.is_not(None)))
    tags = select(ResponseTheme.response_id, Theme.key).join(Theme, Theme.id == ResponseTheme.theme_id).where(
        Theme.active.is_(True))
    with engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(query).all(),
                             columns=["id", "unit", "week", "touchpoint", "commented", "score"])
        tagged = pd.DataFrame(connection.execute(tags).all(), columns=["id", "key"])
    keys = [key for key in dict.fromkeys(theme_keys) if key in set(themes.active_themes(engine)["key"])]
    for key in keys:
        frame[key] = frame["id"].isin(tagged.loc[tagged["key"] == key, "id"]).astype("int64")
    m = measures.get(measure)
    frame = frame.assign(week=frame["week"].astype(str), total=frame["score"], total_sq=frame["score"] ** 2,
                         good=frame["score"].between(*m.group_range("top")).astype("int64"),
                         bad=frame["score"].between(*m.group_range("bottom")).astype("int64"))
    by = ["unit", "week", "touchpoint", "commented", *keys]
    cells = frame.groupby(by, as_index=False).agg(count=("id", "size"), total=("total", "sum"),
                                                   total_sq=("total_sq", "sum"), good=("good", "sum"),
                                                   bad=("bad", "sum"))
    cells = cells[[*compare.DRIVER_COLUMNS, *keys]].sort_values(by, kind="stable").reset_index(drop=True)
    return cells.astype({column: "int64" for column in cells.columns if column not in ("touchpoint", "week")})


def _assert_drivers(engine, scope, filters, measure="nps") -> None:
    keys = [*themes.active_themes(engine)["key"], "no_such_theme"]
    found = compare.driver_rows(engine, scope, filters, keys, measure)
    assert len(found) > 0
    pd.testing.assert_frame_equal(found, _raw_driver_rows(engine, scope, filters, keys, measure),
                                  obj=f"{measure} {filters}")


def assert_drivers_equal_raw(engine) -> None:
    """The driver rollup's cells, and the theme view's counts read from them, equal the raw rows'."""
    for role in ("leader", "staff"):
        scope = _scopes(engine)[role]
        filters = Filters(scope.unit_ids, date(2020, 1, 1), TODAY)
        _assert_drivers(engine, scope, filters)
        test_theme_rollup.assert_theme_reads_equal_raw(engine, scope, filters)
    test_theme_rollup.assert_languages_equal_raw(engine)


def test_the_driver_rollup_migration_counts_each_cells_responses(writable):
    migrate_again_from(writable, "0017")
    assert_drivers_equal_raw(writable)


def test_the_language_rollup_migration_fills_it_from_the_responses(writable):
    migrate_again_from(writable, "0018")
    test_theme_rollup.assert_languages_equal_raw(writable)


@pytest.mark.parametrize("period", _periods(), ids=lambda period: f"{period[0]}_{period[1]}")
def test_driver_rows_equal_the_raw_cells(demo_engine, period):
    with demo_engine.connect() as connection:
        checkout = connection.execute(select(Touchpoint.id).where(Touchpoint.key == "checkout")).scalar()
    for role, scope in _scopes(demo_engine).items():
        for measure in measures.KEYS:
            filters = Filters(scope.unit_ids, *period)
            if compare.driver_rows(demo_engine, scope, filters, [], measure).empty:
                continue  # the demo has no answers on this measure
            _assert_drivers(demo_engine, scope, filters, measure)
        for narrowed in ({"touchpoint_id": checkout}, {"channel": "email"}):
            _assert_drivers(demo_engine, scope, Filters(scope.unit_ids, *period, **narrowed))


def test_whole_scope_totals_and_channels_equal_the_daily_rows(demo_engine):
    for role, scope in _scopes(demo_engine).items():
        ids = sorted(scope.unit_ids)
        answers = [m.n for m in measures.MEASURES.values()]
        with demo_engine.connect() as connection:
            first, last, *sums = connection.execute(
                select(func.min(DailyCount.day), func.max(DailyCount.day),
                       *(func.sum(getattr(DailyCount, name)) for name in answers))
                .where(DailyCount.unit_id.in_(ids))).one()
            channels = connection.execute(select(DailyCount.channel).where(DailyCount.unit_id.in_(ids))
                                          .distinct().order_by(DailyCount.channel)).scalars().all()
        expected = dict(zip(answers, sums)) | {"first_day": pd.Timestamp(first).date(),
                                               "last_day": pd.Timestamp(last).date()}
        assert scope_totals(demo_engine, scope) == expected, role
        assert units.channels(demo_engine, scope) == channels, role
    assert scope_totals(demo_engine, Scope(frozenset({10**6})))["first_day"] is None
    with demo_engine.connect() as connection:  # the admin page's responses per touchpoint
        per_touchpoint = dict(connection.execute(select(DailyCount.touchpoint_id, func.sum(DailyCount.responses))
                                                 .group_by(DailyCount.touchpoint_id)).all())
    table = admin.touchpoints_table(demo_engine)
    assert dict(zip(table["id"], table["responses"])) == per_touchpoint
