"""The retention period (queries.retention and ``python -m ingest.retention``) on
SQLite and PostgreSQL: a dry run changes nothing; a run anonymises exactly the
responses older than the period, in one transaction, keeps every score and
case timing, recounts the daily counts right and writes its audit event."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest
from sqlalchemy import func, insert, select, update

from ingest import retention as command
from ingest.demo import MANAGER_UNIT
from queries import audit, retention, rollup
from queries.schema import (
    AuditEvent, DailyCount, FollowUp, FollowUpEvent, Response, ResponseAttribute, ResponseTheme,
)
from tests.test_admin import TODAY, account, boss, engine, template, unit_id  # noqa: F401 - fixtures
from tests.test_import_load import snapshot

NOW = datetime.combine(TODAY, datetime.min.time(), tzinfo=timezone.utc) + timedelta(hours=12)
MONTHS = 12
CUTOFF = retention.cutoff(MONTHS, NOW)
TABLES = ("responses", "response_attributes", "response_themes", "follow_ups", "follow_up_events",
          "daily_counts", "audit_events")
SCORES = [column for column in rollup.STAT_COLUMNS if column != "comments"]


def _ids(connection, *conditions, limit=None):
    query = select(Response.id).where(*conditions).order_by(Response.id)
    return list(connection.execute(query.limit(limit) if limit else query).scalars())


@pytest.fixture
def planted(engine):
    """Personal attributes, a closed case with notes and an open case on old
    responses, and the same attribute on a new one; returns their ids."""
    unit = unit_id(engine, MANAGER_UNIT)
    with engine.begin() as connection:
        old = _ids(connection, Response.responded_at < CUTOFF, Response.comment.is_not(None),
                   Response.unit_id == unit, limit=3)
        new = _ids(connection, Response.responded_at >= CUTOFF, Response.comment.is_not(None), limit=1)[0]
        connection.execute(update(Response).where(Response.id == old[0]).values(
            comment="Ring mig på 070-174 06 50, mvh Zyxwvutsrq"))
        rows = [{"response_id": response, "key": key, "value": value} for response in (old[0], old[1], new)
                for key, value in (("E-post", "anna@example.se"), ("Produkt", "Kaffe"),
                                   ("Övrigt", "nås på 070-174 06 50"))]
        connection.execute(insert(ResponseAttribute), rows)
        moment = CUTOFF - timedelta(days=40)
        for response, status in ((old[0], "resolved"), (old[2], "contacted")):
            connection.execute(FollowUp.__table__.delete().where(FollowUp.response_id == response))
            case = connection.execute(insert(FollowUp).values(
                response_id=response, unit_id=unit, status=status, owner_id=None, due_at=moment + timedelta(days=2),
                notes="Ringde 070-174 06 50", root_cause="staff" if status == "resolved" else None,
                resolution="Bad om ursäkt" if status == "resolved" else None, created_at=moment,
                updated_at=moment + timedelta(days=1), contacted_at=moment + timedelta(hours=5),
                resolved_at=moment + timedelta(days=1) if status == "resolved" else None, version=3,
            )).inserted_primary_key[0]
            connection.execute(insert(FollowUpEvent), [
                {"follow_up_id": case, "user_id": None, "at": moment, "field": "notes", "old_value": "",
                 "new_value": "Ringde 070-174 06 50"},
                {"follow_up_id": case, "user_id": None, "at": moment, "field": "status", "old_value": "new",
                 "new_value": status}])
        rollup.refresh(connection)
    return {"old": old, "new": new}


def recount(engine) -> pd.DataFrame:
    """The daily counts as the responses give them now."""
    day = rollup.response_day(engine.dialect.name)
    with engine.connect() as connection:
        rows = connection.execute(select(day.label("day"), Response.unit_id, Response.touchpoint_id, Response.channel,
                                         *(value.label(name) for name, value in rollup.count_expressions().items()))
                                  .group_by(day, Response.unit_id, Response.touchpoint_id, Response.channel)).all()
    return _sorted(pd.DataFrame(rows, columns=["day", "unit_id", "touchpoint_id", "channel", *rollup.STAT_COLUMNS]))


def stored(engine) -> pd.DataFrame:
    with engine.connect() as connection:
        rows = connection.execute(select(DailyCount.day, DailyCount.unit_id, DailyCount.touchpoint_id,
                                         DailyCount.channel, *(getattr(DailyCount, c) for c in rollup.STAT_COLUMNS))).all()
    return _sorted(pd.DataFrame(rows, columns=["day", "unit_id", "touchpoint_id", "channel", *rollup.STAT_COLUMNS]))


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    frame["day"] = frame["day"].astype(str).str[:10]
    for column in rollup.STAT_COLUMNS:
        frame[column] = frame[column].fillna(0).astype(int)
    return frame.sort_values(["day", "unit_id", "touchpoint_id", "channel"], ignore_index=True)


def test_a_dry_run_counts_and_changes_nothing(engine, boss, planted):
    retention.set_period(engine, boss, MONTHS)
    before = snapshot(engine, TABLES)
    plan = retention.plan(engine, now=NOW)
    assert snapshot(engine, TABLES) == before
    with engine.connect() as connection:
        old_comments = connection.execute(select(func.count()).select_from(Response).where(
            Response.responded_at < CUTOFF, Response.comment.is_not(None))).scalar()
    assert (plan.months, plan.cutoff) == (MONTHS, CUTOFF)
    assert plan.comments == old_comments - 1  # the response with an open case waits
    assert plan.held_back == 1
    assert plan.attributes == 4  # e-mail and the value with a phone number, twice; "Produkt" stays
    assert plan.cases == 1
    assert plan.responses == plan.comments  # every old response with personal data has a comment here
    lines = command.describe(plan, done=False)
    assert lines[-1] == "Dry run: nothing written." and f"{plan.comments:,} comments removed" in lines[1]


def test_a_run_anonymises_exactly_the_old_responses_in_one_go(engine, boss, planted):
    retention.set_period(engine, boss, MONTHS)
    with engine.connect() as connection:
        scores_before = connection.execute(select(Response.id, Response.nps, Response.csat, Response.responded_at,
                                                  Response.unit_id).order_by(Response.id)).all()
        new_comments = dict(connection.execute(select(Response.id, Response.comment).where(
            Response.responded_at >= CUTOFF)).all())
        new_tags = connection.execute(select(func.count()).select_from(ResponseTheme).join(
            Response, Response.id == ResponseTheme.response_id).where(Response.responded_at >= CUTOFF)).scalar()
        cases_before = {row.response_id: row for row in connection.execute(select(FollowUp)).all()}
    daily_before = stored(engine)
    plan = retention.plan(engine, now=NOW)

    done = retention.apply(engine, boss.id, now=NOW)

    assert done == plan
    old, new = planted["old"], planted["new"]
    with engine.connect() as connection:
        assert connection.execute(select(Response.id, Response.nps, Response.csat, Response.responded_at,
                                         Response.unit_id).order_by(Response.id)).all() == scores_before
        assert connection.execute(select(func.count()).select_from(Response).where(
            Response.responded_at < CUTOFF, Response.comment.is_not(None))).scalar() == 1  # the open case's
        assert connection.execute(select(Response.comment).where(Response.id == old[2])).scalar() is not None
        assert dict(connection.execute(select(Response.id, Response.comment).where(
            Response.responded_at >= CUTOFF)).all()) == new_comments
        assert connection.execute(select(func.count()).select_from(ResponseTheme).join(
            Response, Response.id == ResponseTheme.response_id).where(Response.responded_at >= CUTOFF)).scalar() \
            == new_tags
        assert connection.execute(select(func.count()).select_from(ResponseTheme).where(
            ResponseTheme.response_id == old[0])).scalar() == 0
        attributes = connection.execute(select(ResponseAttribute.response_id, ResponseAttribute.key)
                                        .where(ResponseAttribute.key.in_(["E-post", "Produkt", "Övrigt"]),
                                               ResponseAttribute.response_id.in_([*old, new]))
                                        .order_by(ResponseAttribute.response_id, ResponseAttribute.key)).all()
        assert [tuple(row) for row in attributes] == [
            (old[0], "Produkt"), (old[1], "Produkt"), (new, "E-post"), (new, "Produkt"), (new, "Övrigt")]
        closed = connection.execute(select(FollowUp).where(FollowUp.response_id == old[0])).one()
        kept = cases_before[old[0]]
        assert (closed.notes, closed.resolution) == ("", None)
        assert (closed.status, closed.root_cause, closed.created_at, closed.contacted_at, closed.resolved_at,
                closed.due_at, closed.updated_at) == (kept.status, kept.root_cause, kept.created_at,
                                                      kept.contacted_at, kept.resolved_at, kept.due_at,
                                                      kept.updated_at)
        history = connection.execute(select(FollowUpEvent.field, FollowUpEvent.old_value, FollowUpEvent.new_value)
                                     .where(FollowUpEvent.follow_up_id == closed.id)
                                     .order_by(FollowUpEvent.id)).all()
        assert [tuple(row) for row in history] == [("notes", None, None), ("status", "new", "resolved")]
        waiting = connection.execute(select(FollowUp.notes).where(FollowUp.response_id == old[2])).scalar()
        assert waiting == "Ringde 070-174 06 50"
    # Daily counts: every score statistic as before, the comments recounted, all equal to a fresh count.
    daily_after = stored(engine)
    pd.testing.assert_frame_equal(daily_after[SCORES], daily_before[SCORES])
    pd.testing.assert_frame_equal(daily_after, recount(engine))
    assert daily_before["comments"].sum() - daily_after["comments"].sum() == done.comments
    event = audit.events(engine, boss, actions=["retention_applied"])[0].iloc[0]
    assert event.user_id == boss.id and event.detail["comments"] == done.comments
    assert event.detail["cutoff"] == CUTOFF.isoformat()
    # A second run has nothing left to do.
    assert retention.plan(engine, now=NOW).responses == 0


def test_a_failed_run_changes_nothing(engine, boss, planted, monkeypatch):
    retention.set_period(engine, boss, MONTHS)
    before = snapshot(engine, TABLES)

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(rollup, "refresh", broken)
    with pytest.raises(RuntimeError):
        retention.apply(engine, boss.id, now=NOW)
    assert snapshot(engine, TABLES) == before


def test_the_period_is_a_whole_number_of_months(engine, boss):
    for months in (0, 121, "x", 2.5, True, -3):
        with pytest.raises(retention.RetentionError):
            retention.set_period(engine, boss, months)
    assert retention.period(engine) is None
    retention.set_period(engine, boss, "36")
    assert retention.period(engine) == 36


def test_only_an_administrator_sets_the_period(engine, boss):
    with pytest.raises(PermissionError):
        retention.set_period(engine, account(engine, "manager"), 12)
    retention.set_period(engine, boss, 24)
    retention.set_period(engine, boss, None)
    assert retention.period(engine) is None
    changes = audit.events(engine, boss, actions=["retention_period_set"])[0]
    assert [event["months"] for event in changes["detail"]] == [[24, None], [None, 24]]


def test_the_command_line(engine, boss, planted, capsys):
    url = engine.url.render_as_string(hide_password=False)
    assert command.main(["--dry-run", "--database-url", url]) == 2
    assert "no retention period is set" in capsys.readouterr().err
    retention.set_period(engine, boss, MONTHS)
    before = snapshot(engine, TABLES)
    assert command.main(["--dry-run", "--database-url", url]) == 0
    out = capsys.readouterr().out
    assert "Would anonymise" in out and "Dry run: nothing written." in out
    assert snapshot(engine, TABLES) == before
    assert command.main(["--apply", "--database-url", url]) == 0
    assert "Anonymised" in capsys.readouterr().out
    with engine.connect() as connection:
        event = connection.execute(select(AuditEvent.user_id, AuditEvent.action)
                                   .where(AuditEvent.action == "retention_applied")).one()
    assert tuple(event) == (None, "retention_applied")


def test_removed_text_leaves_the_sqlite_file(sqlite_scratch_url):
    """Freed pages are overwritten and the search index merged: the words are gone
    from the file itself. (PostgreSQL frees old row versions at its autovacuum.)"""
    from queries.db import make_engine
    from queries.users import authenticate

    engine = make_engine(sqlite_scratch_url)
    with engine.begin() as connection:
        oldest = _ids(connection, Response.comment.is_not(None), Response.responded_at < CUTOFF, limit=1)[0]
        connection.execute(update(Response).where(Response.id == oldest).values(
            comment="Ring mig på 070-174 06 50, mvh Zyxwvutsrq"))
    retention.set_period(engine, authenticate(engine, "admin", "demo").account, MONTHS)
    engine.dispose()
    path, marker = engine.url.database, b"zyxwvutsrq"
    with open(path, "rb") as handle:
        assert marker in handle.read().lower()
    retention.apply(engine, None, now=NOW)
    engine.dispose()
    for suffix in ("", "-wal"):
        try:
            with open(path + suffix, "rb") as handle:
                assert marker not in handle.read().lower(), suffix
        except FileNotFoundError:
            pass
