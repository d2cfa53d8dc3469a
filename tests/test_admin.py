"""Administration writes and reads (queries.admin), on SQLite and PostgreSQL.

Every test gets a fresh copy of a small demo organisation (a file copy on
SQLite, ``CREATE DATABASE … TEMPLATE`` on PostgreSQL), so the writes here never
touch the session-wide demo databases the other tests read.
"""

from __future__ import annotations

import shutil
import uuid
from datetime import date

import pandas as pd
import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.engine import make_url

from components import auth
from components.admin_views import error_text
from components.i18n import translate
from ingest.demo import MANAGER_UNIT, build_demo
from queries import admin, insights, rollup, users
from queries.db import make_engine, upgrade
from queries.schema import (
    Action, DailyCount, DailyLanguageCount, DailySegmentCount, FollowUp, Insight, Response, ResponseTheme, Theme,
    Unit, User, Workshop,
)
from queries.scope import scope_for
from queries.settings import Thresholds, data_version, set_thresholds, thresholds
from tests.conftest import copy_postgres_database, postgres_admin, postgres_admin_url

TODAY = date(2026, 11, 23)
# Errors about one input start with that input's name.
FIELD_NAMED = {code for code in admin.ERROR_CODES if code not in (
    "region_has_active_units", "unit_has_users", "merge_same", "merge_region_into_unit",
    "merge_unit_into_region", "unknown_touchpoint", "bad_order", "unknown_user", "unknown_theme")}


# --- a fresh small demo per test -----------------------------------------------------------------

def _build(url: str) -> None:
    engine = make_engine(url, create=True)
    upgrade(engine)
    build_demo(engine, responses=2000, seed=3, today=TODAY)
    engine.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def template(request, tmp_path_factory):
    """A small demo to copy from: ("sqlite", file path) or ("postgres", database name)."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("admin_template") / "template.db"
        _build(f"sqlite:///{path}")
        yield "sqlite", path
        return
    server = postgres_admin()
    name = f"insikt_admin_tpl_{uuid.uuid4().hex[:8]}"
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    _build(make_url(postgres_admin_url()).set(database=name).render_as_string(hide_password=False))
    yield "postgres", name
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


@pytest.fixture
def engine(template, tmp_path):
    kind, source = template
    if kind == "sqlite":
        path = tmp_path / "admin.db"
        shutil.copy(source, path)
        engine = make_engine(f"sqlite:///{path}")
        yield engine
        engine.dispose()
        return
    server = postgres_admin()
    name = f"insikt_admin_{uuid.uuid4().hex[:8]}"
    copy_postgres_database(server, source, name)
    engine = make_engine(make_url(postgres_admin_url()).set(database=name).render_as_string(hide_password=False))
    yield engine
    engine.dispose()
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


def account(engine, username: str) -> users.Account:
    result = users.authenticate(engine, username, "demo")
    assert result.account is not None, username
    return result.account


@pytest.fixture
def boss(engine):
    return account(engine, "admin")


def unit_id(engine, name: str) -> int:
    with engine.connect() as connection:
        found = connection.execute(select(Unit.id).where(Unit.name == name)).scalar()
    assert found is not None, name
    return int(found)


def snapshot(engine) -> dict:
    """Everything an administrative write may change, to show that a refused one changed nothing."""
    with engine.connect() as connection:
        hashes = connection.execute(
            select(User.id, User.password_hash, User.session_version).order_by(User.id)).all()
        links = connection.execute(select(func.count()).select_from(ResponseTheme)).scalar()
    return {"version": data_version(engine), "units": admin.units_table(engine),
            "touchpoints": admin.touchpoints_table(engine),
            "users": admin.users_table(engine), "themes": admin.themes_table(engine),
            "thresholds": thresholds(engine), "targets": insights.targets(engine),
            "hashes": hashes, "links": links}


def assert_unchanged(engine, before: dict) -> None:
    after = snapshot(engine)
    for key, value in before.items():
        if isinstance(value, pd.DataFrame):
            pd.testing.assert_frame_equal(after[key], value, obj=key)
        else:
            assert after[key] == value, key


def refused(engine, code: str, call, *args, **kwargs) -> admin.AdminError:
    """``call`` raises AdminError ``code`` and changes nothing."""
    before = snapshot(engine)
    with pytest.raises(admin.AdminError) as raised:
        call(*args, **kwargs)
    assert raised.value.code == code, (raised.value.code, str(raised.value))
    assert_unchanged(engine, before)
    for language in ("sv", "en"):  # the page can say it, naming the field
        message = error_text(raised.value, language)
        assert "{" not in message and message != str(raised.value), message
        if "field" in raised.value.params and raised.value.code in FIELD_NAMED:
            assert message.startswith(translate(f"admin_field_{raised.value.params['field']}", language)), message
    return raised.value


# --- permissions --------------------------------------------------------------------------------

def _every_write(engine, who: users.Account, some_unit: int, other_unit: int) -> list:
    return [
        lambda: admin.create_unit(engine, who, "Nytt", kind="region"),
        lambda: admin.rename_unit(engine, who, some_unit, "Annat namn"),
        lambda: admin.move_unit(engine, who, some_unit, 1),
        lambda: admin.set_unit_active(engine, who, some_unit, False),
        lambda: admin.merge_units(engine, who, some_unit, other_unit),
        lambda: admin.create_touchpoint(engine, who, "pickup", "Hämtning", "Pick-up"),
        lambda: admin.rename_touchpoint(engine, who, 1, "A", "B"),
        lambda: admin.reorder_touchpoints(engine, who, [1, 2, 3, 4, 5, 6]),
        lambda: admin.create_user(engine, who, username="x.y", display_name="X Y", role="leader"),
        lambda: admin.update_user(engine, who, who.id, role="admin", unit_id=None),
        lambda: admin.reset_password(engine, who, who.id),
        lambda: admin.set_user_active(engine, who, who.id, False),
        lambda: admin.create_theme(engine, who, "parking", "Parkering", "Parking", "parkering*", "parking"),
        lambda: admin.update_theme(engine, who, 1, name_sv="A", name_en="B", patterns_sv="", patterns_en=""),
        lambda: admin.set_theme_active(engine, who, 1, False),
        lambda: admin.set_thresholds(engine, who, 3, 20),
        lambda: admin.set_target(engine, who, "nps", 40),
        lambda: admin.clear_target(engine, who, "nps"),
    ]


@pytest.mark.parametrize("role", ["manager", "leader", "staff"])
def test_only_an_admin_may_write(engine, role):
    who = account(engine, role)
    before = snapshot(engine)
    writes = _every_write(engine, who, unit_id(engine, "Umeå"), unit_id(engine, "Luleå"))
    for write in writes:
        with pytest.raises(PermissionError):
            write()
    assert_unchanged(engine, before)


def test_an_account_that_is_no_longer_an_active_admin_is_refused(engine, boss):
    with engine.begin() as connection:
        connection.execute(update(User).where(User.id == boss.id).values(role="leader"))
    with pytest.raises(PermissionError):
        admin.create_unit(engine, boss, "Region Väst", kind="region")
    with engine.begin() as connection:
        connection.execute(update(User).where(User.id == boss.id).values(role="admin", active=False))
    with pytest.raises(PermissionError):
        admin.create_unit(engine, boss, "Region Väst", kind="region")
    with pytest.raises(PermissionError):
        admin.create_unit(engine, None, "Region Väst", kind="region")


# --- units and regions --------------------------------------------------------------------------

def test_units_table_lists_regions_with_their_units_and_counts(engine):
    table = admin.units_table(engine)
    assert list(table.columns) == admin.UNIT_COLUMNS
    assert table.iloc[0]["kind"] == "region"
    with engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(Response)).scalar()
        per_unit = dict(connection.execute(
            select(Response.unit_id, func.count()).group_by(Response.unit_id)).all())
    regions = table[table["kind"] == "region"]
    assert regions["responses"].sum() == total
    units = table[table["kind"] == "unit"].set_index("id")
    assert {int(k): int(v) for k, v in units["responses"].items()} == {
        int(k): per_unit.get(int(k), 0) for k in units.index}
    assert units.loc[unit_id(engine, MANAGER_UNIT), "users"] == 2  # manager and staff


def test_create_rename_and_move_units(engine, boss):
    version = data_version(engine)
    region = admin.create_unit(engine, boss, "  Region Väst ", kind="region")
    assert data_version(engine) != version
    unit = admin.create_unit(engine, boss, "Göteborg", kind="unit", parent_id=region)
    table = admin.units_table(engine).set_index("id")
    assert table.loc[region, "name"] == "Region Väst" and table.loc[region, "kind"] == "region"
    assert table.loc[unit, "region"] == "Region Väst" and bool(table.loc[unit, "active"])
    admin.rename_unit(engine, boss, unit, "Göteborg Nordstan")
    admin.move_unit(engine, boss, unit, unit_id(engine, "Region Syd"))
    table = admin.units_table(engine).set_index("id")
    assert table.loc[unit, "name"] == "Göteborg Nordstan" and table.loc[unit, "region"] == "Region Syd"
    # Renaming to the same name in another case is the unit's own name: allowed.
    admin.rename_unit(engine, boss, unit, "GÖTEBORG NORDSTAN")


def test_unit_validation_names_the_field_and_changes_nothing(engine, boss):
    north = unit_id(engine, "Region Nord")
    umea = unit_id(engine, "Umeå")
    assert refused(engine, "name_required", admin.create_unit, engine, boss, "   ", kind="region"
                   ).params["field"] == "name"
    error = refused(engine, "name_too_long", admin.create_unit, engine, boss, "x" * 121, kind="region")
    assert error.params["max"] == 120
    admin.create_unit(engine, boss, "x" * 120, kind="region")  # the limit itself is fine
    # Unique regardless of case, also for å, ä and ö (SQLite's lower() does not fold them).
    assert refused(engine, "name_taken", admin.create_unit, engine, boss, "UMEÅ", parent_id=north
                   ).params["name"] == "UMEÅ"
    refused(engine, "name_taken", admin.rename_unit, engine, boss, umea, "luleå")
    refused(engine, "parent_required", admin.create_unit, engine, boss, "Skellefteå", kind="unit")
    refused(engine, "parent_not_region", admin.create_unit, engine, boss, "Skellefteå", parent_id=umea)
    refused(engine, "parent_not_region", admin.create_unit, engine, boss, "Region Väst", kind="region",
            parent_id=north)
    refused(engine, "bad_kind", admin.create_unit, engine, boss, "Skellefteå", kind="store")
    refused(engine, "unknown_unit", admin.rename_unit, engine, boss, 99_999, "Ny")
    refused(engine, "unknown_unit", admin.create_unit, engine, boss, "Skellefteå", parent_id=99_999)


def test_moves_refuse_own_parent_cycles_and_non_regions(engine, boss):
    umea, lulea = unit_id(engine, "Umeå"), unit_id(engine, "Luleå")
    north = unit_id(engine, "Region Nord")
    refused(engine, "own_parent", admin.move_unit, engine, boss, umea, umea)
    refused(engine, "cycle", admin.move_unit, engine, boss, north, umea)  # a region below its own unit
    refused(engine, "parent_not_region", admin.move_unit, engine, boss, umea, lulea)
    refused(engine, "bad_kind", admin.move_unit, engine, boss, north, unit_id(engine, "Region Syd"))
    refused(engine, "parent_required", admin.move_unit, engine, boss, umea, None)


def test_deactivation_rules(engine, boss):
    north, storuman = unit_id(engine, "Region Nord"), unit_id(engine, "Storuman")
    refused(engine, "region_has_active_units", admin.set_unit_active, engine, boss, north, False)
    refused(engine, "unit_has_users", admin.set_unit_active, engine, boss, unit_id(engine, MANAGER_UNIT), False)
    admin.set_unit_active(engine, boss, storuman, False)
    assert not admin.units_table(engine).set_index("id").loc[storuman, "active"]
    leader = account(engine, "leader")
    from queries.units import units_in_scope
    assert storuman not in set(units_in_scope(engine, scope_for(engine, "leader", leader.unit_id))["id"])
    admin.set_unit_active(engine, boss, storuman, True)
    # A unit of an inactive region cannot come back before its region.
    region = admin.create_unit(engine, boss, "Region Test", kind="region")
    unit = admin.create_unit(engine, boss, "Testenheten", parent_id=region)
    admin.set_unit_active(engine, boss, unit, False)
    admin.set_unit_active(engine, boss, region, False)
    refused(engine, "parent_inactive", admin.set_unit_active, engine, boss, unit, True)
    refused(engine, "parent_inactive", admin.create_unit, engine, boss, "Ännu en", parent_id=region)


def _rows_per_unit(engine, unit: int) -> dict[str, int]:
    with engine.connect() as connection:
        return {model.__tablename__: connection.execute(
                    select(func.count()).select_from(model).where(model.unit_id == unit)).scalar()
                for model in (Response, FollowUp, Action, Insight, Workshop, User)}


def _daily(engine, unit: int) -> pd.Series:
    with engine.connect() as connection:
        row = connection.execute(select(*[func.sum(DailyCount.__table__.c[column])
                                          for column in rollup.STAT_COLUMNS])
                                 .where(DailyCount.unit_id == unit)).one()
    return pd.Series([int(value or 0) for value in row], index=rollup.STAT_COLUMNS)


def _all_daily_counts(engine, table=DailyCount) -> pd.DataFrame:
    keys = [column.name for column in table.__table__.primary_key.columns]
    with engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(select(table)).mappings().all())
    return frame.sort_values(keys).reset_index(drop=True)


def test_merge_moves_everything_and_the_totals_add_up(engine, boss):
    source, target = unit_id(engine, MANAGER_UNIT), unit_id(engine, "Uppsala Gränby")
    before_source, before_target = _rows_per_unit(engine, source), _rows_per_unit(engine, target)
    assert all(before_source[table] > 0 for table in ("responses", "follow_ups", "actions", "insights", "users"))
    daily_source, daily_target = _daily(engine, source), _daily(engine, target)
    table = admin.units_table(engine).set_index("id")
    responses_before = int(table.loc[source, "responses"] + table.loc[target, "responses"])
    preview = admin.merge_preview(engine, source, target)
    assert {name: preview[name] for name in before_source} == before_source
    version = data_version(engine)

    moved = admin.merge_units(engine, boss, source, target)

    assert moved == preview and data_version(engine) != version
    assert all(count == 0 for count in _rows_per_unit(engine, source).values())
    after = _rows_per_unit(engine, target)
    assert after == {name: before_source[name] + before_target[name] for name in after}
    pd.testing.assert_series_equal(_daily(engine, target), daily_source + daily_target)
    assert _daily(engine, source).sum() == 0
    table = admin.units_table(engine).set_index("id")
    assert int(table.loc[target, "responses"]) == responses_before
    assert not table.loc[source, "active"] and table.loc[source, "responses"] == 0
    # The merged daily counts are exactly what a full rebuild gives.
    merged = _all_daily_counts(engine)
    segments = _all_daily_counts(engine, DailySegmentCount)
    languages = _all_daily_counts(engine, DailyLanguageCount)
    assert set(segments["unit_id"]) >= {target} and source not in set(segments["unit_id"])
    assert target in set(languages["unit_id"]) and source not in set(languages["unit_id"])
    with engine.begin() as connection:
        rollup.refresh(connection)
    pd.testing.assert_frame_equal(merged, _all_daily_counts(engine))
    pd.testing.assert_frame_equal(segments, _all_daily_counts(engine, DailySegmentCount))
    pd.testing.assert_frame_equal(languages, _all_daily_counts(engine, DailyLanguageCount))
    # The unit's people now belong to the target, and the manager sees it.
    manager = users.authenticate(engine, "manager", "demo").account
    assert manager.unit_id == target
    # Moved insights identify findings of their new unit.
    with engine.connect() as connection:
        rows = connection.execute(select(Insight).where(Insight.unit_id == target)).all()
    for row in rows:
        if row.fingerprint is not None:
            assert row.fingerprint == insights.fingerprint(
                unit_id=target, kind=row.kind, scope_type=row.scope_type, scope_key=row.scope_key,
                metric=row.metric, period_start=row.period_start, period_end=row.period_end,
                comparator=row.comparator, filters=row.filters)


def test_merging_a_region_moves_its_units(engine, boss):
    north, middle = unit_id(engine, "Region Nord"), unit_id(engine, "Region Mitt")
    northern = set(admin.units_table(engine).query("parent_id == @north")["id"])
    assert admin.merge_preview(engine, north, middle)["units"] == len(northern)
    admin.merge_units(engine, boss, north, middle)
    table = admin.units_table(engine).set_index("id")
    assert set(table.index[table["parent_id"] == middle]) >= northern
    assert not table.loc[north, "active"]


def test_merge_refusals_change_nothing(engine, boss):
    umea, lulea = unit_id(engine, "Umeå"), unit_id(engine, "Luleå")
    north, south = unit_id(engine, "Region Nord"), unit_id(engine, "Region Syd")
    refused(engine, "merge_same", admin.merge_units, engine, boss, umea, umea)
    refused(engine, "merge_region_into_unit", admin.merge_units, engine, boss, north, umea)
    refused(engine, "merge_unit_into_region", admin.merge_units, engine, boss, umea, south)
    refused(engine, "unknown_unit", admin.merge_units, engine, boss, umea, 99_999)
    admin.set_unit_active(engine, boss, unit_id(engine, "Storuman"), False)
    refused(engine, "merge_target_inactive", admin.merge_units, engine, boss, lulea,
            unit_id(engine, "Storuman"))
    with pytest.raises(admin.AdminError):
        admin.merge_preview(engine, north, umea)


# --- touchpoints --------------------------------------------------------------------------------

def test_touchpoints_create_rename_and_reorder(engine, boss):
    created = admin.create_touchpoint(engine, boss, "click_collect", "Hämta i butik", "Click and collect")
    table = admin.touchpoints_table(engine)
    assert table.iloc[-1]["id"] == created and table.iloc[-1]["responses"] == 0
    assert table["responses"].sum() == 2000
    admin.rename_touchpoint(engine, boss, created, "Hämtning i butik", "Store pick-up")
    admin.move_touchpoint(engine, boss, created, -10)  # first
    table = admin.touchpoints_table(engine)
    assert table.iloc[0]["id"] == created and table.iloc[0]["name_en"] == "Store pick-up"
    ids = [int(item) for item in table["id"]]
    admin.reorder_touchpoints(engine, boss, list(reversed(ids)))
    assert [int(item) for item in admin.touchpoints_table(engine)["id"]] == list(reversed(ids))


def test_touchpoint_validation(engine, boss):
    first = int(admin.touchpoints_table(engine)["id"].iloc[0])
    refused(engine, "key_required", admin.create_touchpoint, engine, boss, " ", "A", "B")
    refused(engine, "key_invalid", admin.create_touchpoint, engine, boss, "Click Collect", "A", "B")
    refused(engine, "key_too_long", admin.create_touchpoint, engine, boss, "k" * 41, "A", "B")
    refused(engine, "key_taken", admin.create_touchpoint, engine, boss, "checkout", "A", "B")
    assert refused(engine, "name_taken", admin.create_touchpoint, engine, boss, "pickup", "kassa", "Pick-up"
                   ).params["field"] == "name_sv"
    assert refused(engine, "name_required", admin.rename_touchpoint, engine, boss, first, "Webb", ""
                   ).params["field"] == "name_en"
    refused(engine, "unknown_touchpoint", admin.rename_touchpoint, engine, boss, 99_999, "A", "B")
    refused(engine, "bad_order", admin.reorder_touchpoints, engine, boss, [first])
    refused(engine, "bad_order", admin.reorder_touchpoints, engine, boss, [first] * 6)


# --- users --------------------------------------------------------------------------------------

def _hashes(engine) -> list[str]:
    with engine.connect() as connection:
        return [value for value in connection.execute(select(User.password_hash)).scalars() if value]


def test_the_user_list_never_carries_a_password_hash(engine, boss):
    admin.create_user(engine, boss, username="hash.check", display_name="Hash Check", role="leader",
                      password="a-long-password")
    table = admin.users_table(engine)
    assert "password_hash" not in table.columns and list(table.columns) == admin.USER_COLUMNS
    flat = " ".join(map(str, table.to_numpy().ravel())) + " ".join(map(str, table.columns))
    for stored in _hashes(engine):
        assert stored not in flat
    assert "$argon2" not in flat
    assert table.set_index("username").loc["hash.check", "has_password"]


def test_create_users_with_a_generated_or_chosen_password(engine, boss):
    manager_unit = unit_id(engine, MANAGER_UNIT)
    created = admin.create_user(engine, boss, username=" Kim.Staff ", display_name="Kim Staff", role="staff",
                                unit_id=manager_unit, email="Kim@Example.org")
    assert created.password and len(created.password) >= admin.PASSWORD_MIN
    signed_in = users.authenticate(engine, "kim.staff", created.password).account
    assert signed_in is not None and signed_in.role == "staff" and signed_in.unit_id == manager_unit
    assert users.account_by_email(engine, "kim@example.org").id == created.id
    chosen = admin.create_user(engine, boss, username="lena2", display_name="Lena Två", role="leader",
                               password="ten chars!")
    assert chosen.password is None
    assert users.authenticate(engine, "lena2", "ten chars!").account.unit_id is None
    region_manager = admin.create_user(engine, boss, username="region.nord", display_name="Regionchef",
                                       role="manager", unit_id=unit_id(engine, "Region Nord"))
    assert scope_for(engine, "manager", unit_id(engine, "Region Nord")) == scope_for(
        engine, "manager", users.authenticate(engine, "region.nord", region_manager.password).account.unit_id)


def test_user_validation(engine, boss):
    unit = unit_id(engine, MANAGER_UNIT)

    def create(**changes):
        values = dict(username="new.user", display_name="New User", role="staff", unit_id=unit,
                      email=None, password=None) | changes
        return admin.create_user(engine, boss, **values)

    refused(engine, "username_required", create, username="  ")
    refused(engine, "username_invalid", create, username="new user")
    refused(engine, "username_too_long", create, username="u" * 81)
    refused(engine, "username_taken", create, username="MANAGER")
    refused(engine, "name_required", create, display_name="")
    refused(engine, "email_invalid", create, email="not-an-address")
    refused(engine, "email_taken", create, email="Manager@demo.insikt.example")
    refused(engine, "bad_role", create, role="owner")
    assert refused(engine, "unit_required", create, unit_id=None).params["field"] == "unit"
    refused(engine, "unit_required", create, role="manager", unit_id=None)
    refused(engine, "unit_not_allowed", create, role="leader")
    refused(engine, "unit_not_allowed", create, role="admin")
    refused(engine, "unknown_unit", create, unit_id=99_999)
    assert refused(engine, "password_too_short", create, password="short").params["min"] == 10


def test_reset_password_ends_old_logins_and_clears_failures(engine, boss):
    staff = account(engine, "staff")
    cookie = auth.make_cookie_value(engine, staff)
    assert auth.account_from_cookie(engine, cookie) == staff
    users.authenticate(engine, "staff", "wrong")
    with engine.begin() as connection:
        connection.execute(update(User).where(User.id == staff.id).values(failed_logins=4))
    new_password = admin.reset_password(engine, boss, staff.id)
    assert len(new_password) >= admin.PASSWORD_MIN and new_password != "demo"
    with engine.connect() as connection:
        row = connection.execute(select(User.session_version, User.failed_logins)
                                 .where(User.id == staff.id)).one()
    assert row.session_version == staff.session_version + 1 and row.failed_logins == 0
    assert auth.account_from_cookie(engine, cookie) is None  # the old login cookie stops working
    assert users.authenticate(engine, "staff", "demo").account is None  # the old password too
    assert users.authenticate(engine, "staff", new_password).account.id == staff.id
    assert new_password not in " ".join(map(str, admin.users_table(engine).to_numpy().ravel()))


def test_change_role_and_unit(engine, boss):
    staff = account(engine, "staff")
    lund = unit_id(engine, "Lund")
    admin.update_user(engine, boss, staff.id, role="manager", unit_id=lund, display_name="Samir H",
                      email="samir@example.org")
    changed = users.account_by_id(engine, staff.id)
    assert (changed.role, changed.unit_id, changed.display_name) == ("manager", lund, "Samir H")
    assert changed.session_version == staff.session_version + 1  # old logins end with the change
    admin.update_user(engine, boss, staff.id, role="leader", unit_id=None)
    assert users.account_by_id(engine, staff.id).unit_id is None
    refused(engine, "unit_not_allowed", admin.update_user, engine, boss, staff.id, role="leader", unit_id=lund)
    refused(engine, "unit_required", admin.update_user, engine, boss, staff.id, role="staff", unit_id=None)
    refused(engine, "email_taken", admin.update_user, engine, boss, staff.id, role="leader", unit_id=None,
            email="leader@demo.insikt.example")
    refused(engine, "unknown_user", admin.update_user, engine, boss, 99_999, role="leader", unit_id=None)


def test_the_last_active_admin_stays(engine, boss):
    # The only admin can neither step down nor deactivate themself …
    refused(engine, "own_account", admin.update_user, engine, boss, boss.id, role="leader", unit_id=None)
    refused(engine, "own_account", admin.set_user_active, engine, boss, boss.id, False)
    # … a second admin can be removed by the first, and then cannot act any more.
    second = admin.create_user(engine, boss, username="admin2", display_name="Second Admin", role="admin")
    other = users.authenticate(engine, "admin2", second.password).account
    admin.set_user_active(engine, boss, other.id, False)
    with pytest.raises(PermissionError):
        admin.set_user_active(engine, other, boss.id, False)
    with engine.connect() as connection:
        admins = connection.execute(select(func.count()).select_from(User).where(
            User.role == "admin", User.active.is_(True))).scalar()
    assert admins == 1


def test_deactivated_users_cannot_log_in_until_reactivated(engine, boss):
    staff = account(engine, "staff")
    cookie = auth.make_cookie_value(engine, staff)
    admin.set_user_active(engine, boss, staff.id, False)
    assert users.authenticate(engine, "staff", "demo").account is None
    assert auth.account_from_cookie(engine, cookie) is None
    assert not admin.users_table(engine).set_index("username").loc["staff", "active"]
    admin.set_user_active(engine, boss, staff.id, True)
    assert users.authenticate(engine, "staff", "demo").account is not None


# --- themes -------------------------------------------------------------------------------------

def _theme(engine, key: str) -> pd.Series:
    return admin.themes_table(engine).set_index("key").loc[key]


def _links(engine, key: str) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(ResponseTheme).join(
            Theme, Theme.id == ResponseTheme.theme_id).where(Theme.key == key)).scalar()


def _all_comments(engine) -> pd.DataFrame:
    with engine.connect() as connection:
        return pd.DataFrame(connection.execute(select(Response.id, Response.comment, Response.language)
                                               .where(Response.comment.is_not(None))).mappings().all())


def test_editing_a_theme_retags_and_changes_the_counts(engine, boss):
    price = _theme(engine, "price")
    assert price["comments"] == _links(engine, "price") > 0
    version = data_version(engine)
    tagged = admin.update_theme(engine, boss, int(price["id"]), name_sv="Pris", name_en="Price",
                                patterns_sv="dyr*", patterns_en="expensive*")
    assert data_version(engine) != version
    after = _theme(engine, "price")
    comments = _all_comments(engine)
    expected = int(admin.pattern_matches(comments, "dyr*", "expensive*").sum())
    assert after["comments"] == _links(engine, "price") == expected < price["comments"]
    assert (after["name_sv"], after["patterns_sv"]) == ("Pris", "dyr*")
    with engine.connect() as connection:
        assert tagged == connection.execute(
            select(func.count(func.distinct(ResponseTheme.response_id)))).scalar()


def test_a_bad_pattern_is_refused_and_nothing_changes(engine, boss):
    price = _theme(engine, "price")
    error = refused(engine, "bad_pattern", admin.update_theme, engine, boss, int(price["id"]),
                    name_sv="Pris", name_en="Price", patterns_sv="pris*\nre:(", patterns_en="price")
    assert error.params["field"] == "patterns_sv" and error.params["pattern"] == "re:("
    refused(engine, "bad_pattern", admin.create_theme, engine, boss, "parking", "Parkering", "Parking",
            "pa*", "parking")
    refused(engine, "key_invalid", admin.create_theme, engine, boss, "Parking!", "Parkering", "Parking")
    refused(engine, "key_taken", admin.create_theme, engine, boss, "price", "Parkering", "Parking")
    refused(engine, "name_taken", admin.create_theme, engine, boss, "parking", "PRIS OCH VÄRDE", "Parking")
    refused(engine, "unknown_theme", admin.set_theme_active, engine, boss, 99_999, False)


def test_create_deactivate_and_reactivate_a_theme(engine, boss):
    theme_id = admin.create_theme(engine, boss, "parking", "Parkering", "Parking", "parker*\n\n", "parking*")
    expected = int(admin.pattern_matches(_all_comments(engine), "parker*", "parking*").sum())
    created = _theme(engine, "parking")
    assert created["comments"] == expected and created["patterns_sv"] == "parker*"
    staff = _theme(engine, "staff")
    admin.set_theme_active(engine, boss, int(staff["id"]), False)
    assert _links(engine, "staff") == 0 and not _theme(engine, "staff")["active"]
    admin.set_theme_active(engine, boss, int(staff["id"]), True)
    assert _links(engine, "staff") == staff["comments"]
    assert int(created["id"]) == theme_id


def test_recent_comments_stay_in_the_scope_and_preview_matches(engine):
    manager = account(engine, "manager")
    scope = scope_for(engine, "manager", manager.unit_id)
    recent = admin.recent_comments(engine, scope, limit=50)
    assert 0 < len(recent) <= 50 and set(recent["unit"]) == {MANAGER_UNIT}
    assert recent["responded_at"].is_monotonic_decreasing
    everyone = admin.recent_comments(engine, scope_for(engine, "admin", None))
    assert len(everyone) == admin.PREVIEW_COMMENTS
    matches = admin.pattern_matches(everyone, "personal*", "staff")
    assert 0 < matches.sum() < len(everyone)
    with pytest.raises(admin.PatternError):
        admin.pattern_matches(everyone, "re:[", "")


# --- thresholds and targets ---------------------------------------------------------------------

def test_thresholds_are_validated_and_stored(engine, boss):
    version = data_version(engine)
    admin.set_thresholds(engine, boss, 3, 20)
    assert thresholds(engine) == Thresholds(3, 20) and data_version(engine) != version
    refused(engine, "bad_min_responses", admin.set_thresholds, engine, boss, 0, 20)
    assert refused(engine, "bad_small_sample", admin.set_thresholds, engine, boss, 10, 10).params["min"] == 10
    refused(engine, "bad_small_sample", admin.set_thresholds, engine, boss, 10, 5)
    refused(engine, "not_whole_number", admin.set_thresholds, engine, boss, 2.5, 20)
    refused(engine, "not_whole_number", admin.set_thresholds, engine, boss, "five", 20)
    refused(engine, "not_whole_number", admin.set_thresholds, engine, boss, True, 20)


def test_set_thresholds_in_settings_validates_too(engine):
    for low, high in ((0, 10), (5, 5), (5, 4), (1.5, 10), (True, 10), (float("nan"), 10)):
        with pytest.raises(ValueError):
            set_thresholds(engine, low, high)
    assert set_thresholds(engine, 2, 3) == Thresholds(2, 3) == thresholds(engine)


def test_targets(engine, boss):
    admin.set_target(engine, boss, "nps", 35)
    admin.set_target(engine, boss, "csat", 0.85)
    assert insights.targets(engine) == {"nps": 35.0, "csat": 0.85}
    refused(engine, "bad_target", admin.set_target, engine, boss, "nps", 140)
    refused(engine, "bad_target", admin.set_target, engine, boss, "csat", 85)
    refused(engine, "bad_target", admin.set_target, engine, boss, "reach", 1)
    version = data_version(engine)
    admin.clear_target(engine, boss, "nps")
    assert insights.targets(engine) == {"csat": 0.85} and data_version(engine) != version


def test_every_error_code_has_a_text_in_both_languages():
    from components.i18n import LANGUAGES, TEXTS

    for code in admin.ERROR_CODES:
        assert set(TEXTS[f"admin_error_{code}"]) == set(LANGUAGES), code
