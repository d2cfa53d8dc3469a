"""The audit log (queries.audit) on SQLite and PostgreSQL: every listed kind of
change writes one event in its own transaction, a refused or failed change
writes none, only administrators read the log, and its CSV cannot carry a formula."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from components import export, privacy_views
from ingest import load
from ingest.demo import MANAGER_UNIT
from ingest.files import open_source
from ingest.suggest import suggest
from queries import admin, audit, follow_ups, retention
from queries.schema import AuditEvent, Theme
from tests.import_corpus import good_rows, to_csv
from tests.test_admin import account, boss, engine, template, unit_id  # noqa: F401 - fixtures

pytestmark = pytest.mark.usefixtures("fresh_caches")


def events(engine, reader, **filters):
    return audit.events(engine, reader, **filters)[0]


def latest(engine, reader, action: str):
    found = events(engine, reader, actions=[action])
    assert len(found) == 1, (action, found)
    return found.iloc[0]


def event_count(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(AuditEvent)).scalar()


def import_file(engine, user_id):
    source = open_source(to_csv(good_rows(4)), "export.csv")
    return load.run_import(engine, source, replace(suggest(source.columns), create_missing=True), user_id=user_id)


def test_every_listed_change_is_logged_with_who_what_and_which(engine, boss):
    unit = unit_id(engine, MANAGER_UNIT)
    new = admin.create_user(engine, boss, username="nina", display_name="Nina N", role="staff", unit_id=unit)
    admin.update_user(engine, boss, new.id, role="manager", unit_id=unit)
    admin.update_user(engine, boss, new.id, role="manager", unit_id=unit, display_name="Nina Nilsson")
    admin.reset_password(engine, boss, new.id)
    admin.set_user_active(engine, boss, new.id, False)
    admin.set_user_active(engine, boss, new.id, True)
    theme = admin.create_theme(engine, boss, "probe", "Prov", "Probe", "prov*", "probe*")
    admin.update_theme(engine, boss, theme, name_sv="Prov", name_en="Probe", patterns_sv="provet",
                       patterns_en="probe*")
    admin.set_theme_active(engine, boss, theme, False)
    admin.set_theme_active(engine, boss, theme, True)
    admin.set_thresholds(engine, boss, 3, 20)
    admin.set_target(engine, boss, "nps", 40)
    admin.clear_target(engine, boss, "nps")
    follow_ups.save_rules(engine, boss, replace(follow_ups.read_rules(engine), target_hours=24.0))
    report = import_file(engine, boss.id)
    load.rollback(engine, report.batch_id, user_id=boss.id)
    retention.set_period(engine, boss, 12)
    retention.apply(engine, boss.id)

    found = events(engine, boss)
    assert set(found["action"]) == {
        "user_created", "user_role_changed", "user_details_changed", "password_reset", "user_deactivated",
        "user_reactivated", "theme_created", "theme_changed", "theme_deactivated", "theme_reactivated",
        "thresholds_changed", "target_set", "target_cleared", "follow_up_rules_changed", "import", "rollback",
        "retention_period_set", "retention_applied"}
    assert (found["user_id"] == boss.id).all() and (found["user"] == boss.display_name).all()
    created = latest(engine, boss, "user_created")
    assert (created.target_type, created.target_id) == ("user", str(new.id))
    assert created.detail == {"username": "nina", "role": "staff", "unit_id": unit}
    assert latest(engine, boss, "user_role_changed").detail == {"username": "nina", "role": ["staff", "manager"]}
    assert latest(engine, boss, "user_details_changed").detail == {
        "username": "nina", "display_name": ["Nina N", "Nina Nilsson"]}
    assert latest(engine, boss, "password_reset").detail == {"username": "nina"}
    assert latest(engine, boss, "theme_changed").detail == {
        "key": "probe", "patterns_sv": ["prov*", "provet"]}
    assert latest(engine, boss, "thresholds_changed").detail == {
        "min_responses": [5, 3], "small_sample": [30, 20]}
    assert latest(engine, boss, "target_set").detail == {"value": [None, 40.0]}
    assert latest(engine, boss, "target_cleared").detail == {"value": [40.0, None]}
    assert latest(engine, boss, "follow_up_rules_changed").detail == {"target_hours": [48.0, 24.0]}
    imported = latest(engine, boss, "import")
    assert (imported.target_type, imported.target_id) == ("import_batch", str(report.batch_id))
    assert imported.detail["rows"] == 4 and imported.detail["file"] == "export.csv"
    rolled_back = latest(engine, boss, "rollback")
    assert (rolled_back.target_id, rolled_back.detail["responses_deleted"]) == (str(report.batch_id), 4)
    assert latest(engine, boss, "retention_period_set").detail == {"months": [None, 12]}
    assert latest(engine, boss, "retention_applied").detail["months"] == 12
    # Newest first.
    assert list(found["at"]) == sorted(found["at"], reverse=True)


def test_a_refused_or_failed_change_leaves_no_event(engine, boss, monkeypatch):
    before = event_count(engine)
    with pytest.raises(admin.AdminError):
        admin.create_user(engine, boss, username="admin", display_name="Again", role="admin")
    with pytest.raises(PermissionError):
        admin.set_thresholds(engine, account(engine, "manager"), 3, 20)

    def broken(*_args, **_kwargs):
        raise RuntimeError("tagging failed")

    monkeypatch.setattr(admin.theme_tagging, "retag", broken)
    with pytest.raises(RuntimeError):  # the event was written, then the transaction rolled back
        admin.create_theme(engine, boss, "probe", "Prov", "Probe", "prov*", "probe*")
    with engine.connect() as connection:
        assert connection.execute(select(Theme.id).where(Theme.key == "probe")).first() is None
    assert event_count(engine) == before


def test_only_administrators_read_the_log_and_filters_narrow_it(engine, boss):
    unit = unit_id(engine, MANAGER_UNIT)
    admin.create_user(engine, boss, username="olle", display_name="Olle O", role="staff", unit_id=unit)
    report = import_file(engine, None)  # the command line: no user
    load.rollback(engine, report.batch_id)
    for role in ("manager", "staff", "leader"):
        with pytest.raises(PermissionError):
            audit.events(engine, account(engine, role))
        with pytest.raises(PermissionError):
            audit.actors(engine, account(engine, role))
    assert list(events(engine, boss, user_id=0)["action"]) == ["rollback", "import"]
    assert list(events(engine, boss, user_id=boss.id)["action"]) == ["user_created"]
    assert list(events(engine, boss, actions=["import", "user_created"])["action"]) == ["import", "user_created"]
    frame, total = audit.events(engine, boss, limit=1)
    assert (len(frame), total) == (1, 3)
    assert list(audit.actors(engine, boss)["username"]) == ["admin"]
    today = frame["at"].iloc[0].date()
    assert len(events(engine, boss, start=today, end=today)) == 3
    assert events(engine, boss, end=today.replace(year=today.year - 1)).empty


def test_the_download_neutralises_formulas(engine, boss):
    admin.create_theme(engine, boss, "evil", '=HYPERLINK("http://evil.example","x")', "+Evil", "", "")
    frame = privacy_views.export_frame(events(engine, boss))
    text = export.csv_bytes(frame).decode("utf-8-sig")
    assert "theme_created" in text and "name_sv: '=HYPERLINK" not in text
    lines = [line for line in text.splitlines() if "evil" in line]
    assert lines and all(",=" not in line and ',"=' not in line for line in lines)
    assert privacy_views.detail_text({"role": ["staff", "manager"], "username": "anna"}) == \
        "role: staff → manager; username: anna"
