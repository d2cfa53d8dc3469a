"""Follow-up cases on SQLite and PostgreSQL: the rules, working a case, scope,
concurrent edits, measures and the export."""

from __future__ import annotations

import threading
from datetime import datetime, time, timedelta, timezone

import pandas as pd
import pytest
from sqlalchemy import delete, func, select, update

from analysis.follow_up_measures import case_measures, with_hours
from analysis.response_time import Calendar
from queries import follow_ups
from queries.common import aware
from queries.follow_ups import FollowUpError, Rules, StaleCase
from queries.schema import FollowUp, FollowUpEvent, Response, ResponseTheme, Setting, Theme, User
from queries.scope import scope_for
from tests.conftest import TODAY
from tests.people import person, unit_id

NOW = datetime.combine(TODAY, time(12), tzinfo=timezone.utc)  # when the demo applied the rules


@pytest.fixture
def restore(demo_engine):
    """Put cases, their events, the rules and the data version back as they were. The
    cases are updated in place: deleting them took their history and contact attempts
    with them (ON DELETE CASCADE), and later tests on the demo found none."""
    with demo_engine.connect() as connection:
        rows = [dict(row) for row in connection.execute(select(FollowUp.__table__)).mappings()]
        last_event = connection.execute(select(func.coalesce(func.max(FollowUpEvent.id), 0))).scalar()
        settings = dict(connection.execute(select(Setting.key, Setting.value)).all())
    yield
    with demo_engine.begin() as connection:
        connection.execute(delete(FollowUpEvent).where(FollowUpEvent.id > last_event))
        connection.execute(delete(FollowUp).where(FollowUp.id.not_in([row["id"] for row in rows])))
        there = set(connection.execute(select(FollowUp.id)).scalars())
        for row in rows:
            if row["id"] in there:
                connection.execute(update(FollowUp).where(FollowUp.id == row["id"]).values(row))
            else:
                connection.execute(FollowUp.__table__.insert(), [row])
        connection.execute(delete(Setting))
        connection.execute(Setting.__table__.insert(), [{"key": k, "value": v} for k, v in settings.items()])


def _case(engine, scope, **filters) -> dict:
    """The first new case of the scope (narrowed by ``filters``), as a dict."""
    found = follow_ups.cases(engine, scope, statuses={"new"}, **filters)
    assert not found.empty
    return found.iloc[0].to_dict()


def _events(engine, case_id: int) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(FollowUpEvent)
                                  .where(FollowUpEvent.follow_up_id == case_id)).scalar()


# --- the rules -------------------------------------------------------------------------------------

def test_every_critical_response_of_the_window_has_a_case_and_no_other(demo_engine):
    since = NOW - timedelta(days=Rules().window_days)
    with demo_engine.connect() as connection:
        complaint = select(ResponseTheme.response_id).join(Theme, Theme.id == ResponseTheme.theme_id).where(
            Theme.key == "complaints")
        commented = (Response.comment.is_not(None)) & (func.trim(Response.comment) != "")
        critical = set(connection.execute(select(Response.id).where(
            Response.responded_at >= since, Response.responded_at <= NOW,
            ((Response.nps <= 6) & commented) | ((Response.csat <= 2) & commented)
            | (Response.id.in_(complaint) & ((Response.nps < 9) | Response.nps.is_(None))))).scalars())
        cased = set(connection.execute(select(FollowUp.response_id)).scalars())
    assert critical and cased == critical


def _received(engine, response_ids) -> pd.Series:
    """When Insikt received each response: its import, or when it was given if later."""
    with engine.connect() as connection:
        rows = connection.execute(select(Response.id, Response.responded_at, Response.imported_at)
                                  .where(Response.id.in_([int(i) for i in response_ids]))).all()
    return pd.Series({row.id: pd.Timestamp(follow_ups.received(row)) for row in rows})


def test_cases_are_due_48_hours_after_insikt_received_the_response_by_default(demo_engine):
    leader, scope = person(demo_engine, "leader")
    every = follow_ups.cases(demo_engine, scope)
    assert (every["owner_id"].isna() & (every["status"] == "new")).any()  # the newest wait for an owner
    received = _received(demo_engine, every["response_id"]).reindex(every["response_id"]).to_numpy()
    assert (received > every["responded_at"].to_numpy()).all()  # the demo's feed brings each response later
    assert ((every["due_at"].to_numpy() - received) == pd.Timedelta(hours=48)).all()


@pytest.fixture
def late_arrivals(demo_engine, restore):
    """Four commented responses given 10 to 40 days before NOW but received at NOW
    (a 1–10 rating of 3, a negative label, an old one with both, a neutral 5); removed afterwards."""
    from queries.schema import Touchpoint, Unit

    with demo_engine.begin() as connection:
        unit = connection.execute(select(Unit.id).where(Unit.kind == "unit")).scalars().first()
        point = connection.execute(select(Touchpoint.id)).scalars().first()
        ids = [connection.execute(Response.__table__.insert().values(
            source="late", external_id=str(days), unit_id=unit, touchpoint_id=point, channel="web", scale10=scale,
            sentiment=sentiment, comment="Ingen svarade på mitt ärende", responded_at=NOW - timedelta(days=days),
            imported_at=NOW)).inserted_primary_key[0]
            for days, scale, sentiment in ((10, 3, None), (12, None, -1), (40, 2, -1), (11, 5, 0))]
    yield ids
    with demo_engine.begin() as connection:
        connection.execute(delete(FollowUp).where(FollowUp.response_id.in_(ids)))
        connection.execute(delete(Response).where(Response.id.in_(ids)))


def test_a_late_arrival_is_due_from_its_arrival_and_old_feedback_opens_no_case(demo_engine, late_arrivals):
    ids = late_arrivals
    with demo_engine.begin() as connection:
        counts = follow_ups.apply_rules(connection, response_ids=ids, now=NOW)
        old = follow_ups.too_old(connection, ids, NOW)
        due = dict(connection.execute(select(FollowUp.response_id, FollowUp.due_at)
                                      .where(FollowUp.response_id.in_(ids))).all())
    # A 1–10 rating of 3 and a negative label open cases, due 48 hours after arriving today,
    # not long overdue; the rating of 5 (neutral) does not; the 40-day-old one is out of the window.
    assert counts["opened"] == 2 and set(due) == set(ids[:2])
    assert {aware(moment) for moment in due.values()} == {NOW + timedelta(hours=48)}
    assert old == (1, NOW - timedelta(days=40))


def test_applying_the_rules_again_opens_nothing_twice(demo_engine, restore):
    with demo_engine.begin() as connection:
        assert follow_ups.apply_rules(connection, now=NOW) == {"opened": 0, "retimed": 0, "withdrawn": 0}


def test_new_rules_apply_only_to_cases_nobody_has_touched(demo_engine, restore):
    admin, scope = person(demo_engine, "admin")
    before = follow_ups.cases(demo_engine, scope).set_index("id")
    rules = Rules(nps_max=4, csat_max=None, business_hours=True)
    counts = follow_ups.save_rules(demo_engine, admin, rules, now=NOW)
    after = follow_ups.cases(demo_engine, scope).set_index("id")
    touched = before[(before["version"] > 1) | (before["status"] != "new")]
    assert set(touched.index) <= set(after.index)  # worked cases stay, whatever the rules say
    pd.testing.assert_series_equal(after.loc[touched.index, "due_at"], touched["due_at"])
    withdrawn = set(before.index) - set(after.index)
    assert counts["withdrawn"] == len(withdrawn) > 0
    gone = before.loc[sorted(withdrawn)]
    assert not (gone["nps"] <= 4).any() and not any("complaints" in themes for themes in gone["themes"])
    retimed = after[(after["version"] == 1) & (after["status"] == "new")].head(20)
    calendar = rules.calendar()
    received = _received(demo_engine, retimed["response_id"])
    for row in retimed.itertuples():
        assert row.due_at == pd.Timestamp(follow_ups.due_at(received[row.response_id].to_pydatetime(), 48, calendar))
    assert follow_ups.read_rules(demo_engine) == follow_ups.check_rules(rules)


def test_rules_are_checked_and_only_admins_may_change_them(demo_engine, restore):
    manager, _ = person(demo_engine, "manager")
    admin, _ = person(demo_engine, "admin")
    with pytest.raises(PermissionError):
        follow_ups.save_rules(demo_engine, manager, Rules())
    for bad, name in [(Rules(nps_max=11), "nps_max"),
                      (Rules(nps_max=None, csat_max=None, scale10_max=None, negative_sentiment=False,
                             theme_key=None), "nps_max"),
                      (Rules(csat_max=6), "csat_max"), (Rules(scale10_max=0), "scale10_max"),
                      (Rules(target_hours=0), "target_hours"), (Rules(opens=time(17), closes=time(8)), "closes"),
                      (Rules(workdays=()), "workdays"), (Rules(root_causes=(" ",)), "root_causes"),
                      (Rules(time_zone="Mars/Olympus"), "time_zone"), (Rules(window_days=0), "window_days")]:
        with pytest.raises(FollowUpError) as error:
            follow_ups.save_rules(demo_engine, admin, bad)
        assert error.value.code == "bad_rule" and error.value.params["field"] == name
    assert follow_ups.read_rules(demo_engine) == Rules()


def test_rules_survive_a_round_trip_through_json():
    rules = Rules(nps_max=5, csat_max=1, theme_key=None, target_hours=24, business_hours=True, opens=time(9, 30),
                  closes=time(16), workdays=(0, 1, 2, 3, 4, 5), public_holidays=False, window_days=14,
                  root_causes=("staff", "other"))
    assert Rules.from_json(rules.to_json()) == rules
    assert rules.calendar() == Calendar(business_hours=True, opens=time(9, 30), closes=time(16),
                                        workdays=frozenset(range(6)), public_holidays=False)


# --- working a case ---------------------------------------------------------------------------------

def test_resolving_needs_a_root_cause_and_what_was_done(demo_engine, restore):
    staff, scope = person(demo_engine, "staff")
    case = _case(demo_engine, scope, owner_id=-1)
    for changes, code in [({"status": "resolved"}, "root_cause_required"),
                          ({"status": "resolved", "root_cause": "staff"}, "resolution_required"),
                          ({"status": "resolved", "root_cause": "weather", "resolution": "Called."},
                           "bad_root_cause")]:
        with pytest.raises(FollowUpError) as error:
            follow_ups.update_case(demo_engine, scope, staff, case["id"], case["version"], **changes)
        assert error.value.code == code
    unchanged = _case(demo_engine, scope, case_ids=[case["id"]])
    assert unchanged["version"] == case["version"] and unchanged["status"] == "new"
    events = _events(demo_engine, case["id"])
    version = follow_ups.update_case(demo_engine, scope, staff, case["id"], case["version"], status="resolved",
                                     root_cause="process", resolution="Called back and apologised.",
                                     owner_id=staff.id)
    done = follow_ups.cases(demo_engine, scope, case_ids=[case["id"]]).iloc[0]
    assert version == case["version"] + 1 == done["version"]
    assert (done["status"], done["root_cause"], done["owner_id"]) == ("resolved", "process", staff.id)
    assert pd.notna(done["contacted_at"]) and done["resolved_at"] == done["contacted_at"]
    history = follow_ups.history(demo_engine, scope, case["id"])
    assert _events(demo_engine, case["id"]) == events + 4
    assert set(history["field"].tail(4)) == {"owner_id", "status", "root_cause", "resolution"}
    assert (history["user"].tail(4) == staff.display_name).all()
    owner = history[history["field"] == "owner_id"].iloc[-1]  # people by name, as in an action's history
    assert (owner["old_value"], owner["new_value"]) == (None, staff.display_name)


def test_a_closed_case_is_opened_again_only_with_a_reason(demo_engine, restore):
    manager, scope = person(demo_engine, "manager")
    case = follow_ups.cases(demo_engine, scope, statuses={"resolved"}).iloc[0]
    with pytest.raises(FollowUpError) as error:
        follow_ups.update_case(demo_engine, scope, manager, case["id"], case["version"], status="contacted")
    assert error.value.code == "reason_required"
    with pytest.raises(FollowUpError) as error:
        follow_ups.update_case(demo_engine, scope, manager, case["id"], case["version"], status="new",
                               reason="Wrong case")
    assert error.value.code == "bad_transition"
    follow_ups.update_case(demo_engine, scope, manager, case["id"], case["version"], status="contacted",
                           reason="The customer called again: the replacement broke too.")
    reopened = follow_ups.cases(demo_engine, scope, case_ids=[case["id"]]).iloc[0]
    assert reopened["status"] == "contacted" and pd.isna(reopened["resolved_at"])
    history = follow_ups.history(demo_engine, scope, case["id"])
    assert history.iloc[-1]["field"] == "reopen_reason" and "broke" in history.iloc[-1]["new_value"]


def test_a_case_goes_only_to_people_of_its_unit(demo_engine, restore):
    manager, scope = person(demo_engine, "manager")
    staff, staff_scope = person(demo_engine, "staff")
    leader, _ = person(demo_engine, "leader")
    case = _case(demo_engine, scope, owner_id=-1)
    with pytest.raises(FollowUpError) as error:
        follow_ups.update_case(demo_engine, scope, manager, case["id"], case["version"], owner_id=leader.id)
    assert error.value.code == "owner_outside_unit" and error.value.params["owner"] == leader.display_name
    owners = follow_ups.owners_for(demo_engine, case["unit_id"])
    assert {manager.id, staff.id} <= set(owners["id"]) and leader.id not in set(owners["id"])
    version = follow_ups.update_case(demo_engine, scope, manager, case["id"], case["version"], owner_id=staff.id)
    with pytest.raises(PermissionError):  # staff may take a case, not hand it on
        follow_ups.update_case(demo_engine, staff_scope, staff, case["id"], version, owner_id=manager.id)
    assert follow_ups.cases(demo_engine, scope, case_ids=[case["id"]]).iloc[0]["owner_id"] == staff.id


def test_two_people_saving_the_same_case_one_wins(demo_engine, restore):
    manager, scope = person(demo_engine, "manager")
    staff, staff_scope = person(demo_engine, "staff")
    case = _case(demo_engine, scope)
    outcomes, barrier = {}, threading.Barrier(2)

    def save(name, actor, actor_scope, changes):
        barrier.wait()
        try:
            outcomes[name] = follow_ups.update_case(demo_engine, actor_scope, actor, case["id"], case["version"],
                                                    **changes)
        except StaleCase as error:
            outcomes[name] = error

    threads = [threading.Thread(target=save, args=("manager", manager, scope, {"notes": "Manager's note"})),
               threading.Thread(target=save, args=("staff", staff, staff_scope, {"notes": "Staff's note"}))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [name for name, outcome in outcomes.items() if isinstance(outcome, int)]
    losers = [outcome for outcome in outcomes.values() if isinstance(outcome, StaleCase)]
    assert len(winners) == 1 and len(losers) == 1
    assert losers[0].current["version"] == case["version"] + 1
    saved = follow_ups.cases(demo_engine, scope, case_ids=[case["id"]]).iloc[0]
    assert saved["notes"] == {"manager": "Manager's note", "staff": "Staff's note"}[winners[0]]
    assert (follow_ups.history(demo_engine, scope, case["id"])["field"] == "notes").sum() == 1


# --- scope ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("username", ["staff", "manager", "region.syd", "leader", "admin"])
def test_each_role_sees_exactly_the_cases_of_its_scope(demo_engine, username):
    with demo_engine.connect() as connection:
        user = connection.execute(select(User.role, User.unit_id).where(User.username == username)).one()
    scope = scope_for(demo_engine, user.role, user.unit_id)
    seen = follow_ups.cases(demo_engine, scope)
    with demo_engine.connect() as connection:
        expected = connection.execute(select(func.count()).select_from(FollowUp)
                                      .where(FollowUp.unit_id.in_(sorted(scope.unit_ids)))).scalar()
    assert len(seen) == expected > 0 and set(seen["unit_id"]) <= scope.unit_ids


def test_a_case_outside_the_scope_cannot_be_read_or_worked(demo_engine, restore):
    staff, scope = person(demo_engine, "staff")
    leader, everything = person(demo_engine, "leader")
    elsewhere = follow_ups.cases(demo_engine, everything)
    elsewhere = elsewhere[~elsewhere["unit_id"].isin(scope.unit_ids)].iloc[0]
    with pytest.raises(follow_ups.CaseNotFound):
        follow_ups.update_case(demo_engine, scope, staff, elsewhere["id"], elsewhere["version"], notes="x")
    with pytest.raises(follow_ups.CaseNotFound):
        follow_ups.history(demo_engine, scope, elsewhere["id"])
    assert follow_ups.cases(demo_engine, scope, case_ids=[elsewhere["id"]]).empty


def test_staff_see_their_own_cases_first_and_open_ones_by_time_left(demo_engine, restore):
    manager, scope = person(demo_engine, "manager")
    staff, staff_scope = person(demo_engine, "staff")
    case = _case(demo_engine, scope, owner_id=-1)
    follow_ups.update_case(demo_engine, scope, manager, case["id"], case["version"], owner_id=staff.id)
    queue = follow_ups.cases(demo_engine, staff_scope, first_for=staff.id)
    mine = (queue["owner_id"] == staff.id).tolist()
    assert mine == sorted(mine, reverse=True) and mine[0]
    others = queue[queue["owner_id"] != staff.id]
    open_ones = others[others["status"].isin(follow_ups.OPEN_STATUSES)]
    assert open_ones["due_at"].is_monotonic_increasing
    closed = others[~others["status"].isin(follow_ups.OPEN_STATUSES)]
    assert closed["resolved_at"].is_monotonic_decreasing
    assert list(others["status"].isin(follow_ups.OPEN_STATUSES)) == sorted(
        others["status"].isin(follow_ups.OPEN_STATUSES), reverse=True)


def test_filters_narrow_the_queue(demo_engine):
    leader, scope = person(demo_engine, "leader")
    late = follow_ups.cases(demo_engine, scope, overdue=True, now=NOW)
    assert not late.empty and (late["due_at"] < NOW).all() and late["status"].isin(["new", "contacted"]).all()
    unit = unit_id(demo_engine, "Uppsala Centrum")
    assert set(follow_ups.cases(demo_engine, scope, unit_ids={unit})["unit"]) == {"Uppsala Centrum"}
    assert set(follow_ups.cases(demo_engine, scope, statuses={"resolved"})["status"]) == {"resolved"}
    assert follow_ups.cases(demo_engine, scope, owner_id=-1)["owner_id"].isna().all()
    owners = follow_ups.case_owners(demo_engine, scope)
    first = int(owners.iloc[0]["id"])
    assert (follow_ups.cases(demo_engine, scope, owner_id=first)["owner_id"] == first).all()
    staff, staff_scope = person(demo_engine, "staff")
    assert set(follow_ups.case_owners(demo_engine, staff_scope)["id"]) <= set(owners["id"])


def test_the_export_is_for_managers_and_leaders_and_keeps_to_the_scope(demo_engine):
    staff, staff_scope = person(demo_engine, "staff")
    manager, scope = person(demo_engine, "manager")
    with pytest.raises(PermissionError):
        follow_ups.export_cases(staff, follow_ups.cases(demo_engine, staff_scope))
    found = follow_ups.cases(demo_engine, scope)
    exported = follow_ups.export_cases(manager, found)
    assert set(exported["unit_id"]) <= scope.unit_ids and exported["id"].tolist() == found["id"].tolist()
    assert exported["themes"].map(type).eq(str).all() and "version" not in exported
    assert found["themes"].map(type).eq(list).all()  # the frame read is left as it was


@pytest.mark.parametrize("username", ["staff", "manager", "leader"])
def test_the_queue_counts_agree_with_the_cases(demo_engine, username):
    _, scope = person(demo_engine, username)
    open_cases = follow_ups.cases(demo_engine, scope, statuses=follow_ups.OPEN_STATUSES)
    due = open_cases["due_at"]
    assert follow_ups.queue_counts(demo_engine, scope, now=NOW) == {
        "open": len(open_cases), "overdue": int((due < NOW).sum()),
        "due_soon": int(((due >= NOW) & (due <= NOW + timedelta(days=1))).sum()),
        "unassigned": int(open_cases["owner_id"].isna().sum())}
    assert follow_ups.queue_counts(demo_engine, scope, unit_ids=set(), now=NOW)["open"] == 0


# --- measures ----------------------------------------------------------------------------------------

def test_root_causes_are_tallied_per_unit(demo_engine):
    leader, scope = person(demo_engine, "leader")
    counts = follow_ups.root_cause_counts(demo_engine, scope, TODAY - timedelta(days=30), TODAY)
    with demo_engine.connect() as connection:
        resolved = connection.execute(select(func.count()).select_from(FollowUp)
                                      .where(FollowUp.status == "resolved")).scalar()
    assert counts["cases"].sum() == resolved > 0
    assert set(counts["root_cause"]) <= set(Rules().root_causes)


def _timing(status, received_hours, due_hours, contacted=None, closed=None, unit="A", region="R"):
    start = datetime(2026, 11, 2, 8, tzinfo=timezone.utc)

    def at(hours):
        return None if hours is None else pd.Timestamp(start + timedelta(hours=hours))

    return {"unit": unit, "region": region, "status": status, "received_at": at(received_hours),
            "due_at": at(received_hours + due_hours), "contacted_at": at(contacted), "resolved_at": at(closed),
            "root_cause": None}


def test_measures_count_in_target_late_and_undecided_cases():
    frame = pd.DataFrame([
        _timing("resolved", 0, 48, contacted=5, closed=20),      # in target
        _timing("resolved", 0, 48, contacted=30, closed=60),     # closed late
        _timing("not_reachable", 0, 48, contacted=10, closed=40),  # in target (closed)
        _timing("contacted", 0, 48, contacted=50),               # open, overdue at hour 100
        _timing("new", 90, 48),                                   # open, not yet due: undecided
        _timing("new", 0, 48, unit="B"),                          # another unit, overdue
    ])
    now = datetime(2026, 11, 2, 8, tzinfo=timezone.utc) + timedelta(hours=100)
    measures = case_measures(frame, now, by="unit", total="all").set_index("group")
    a = measures.loc["A"]
    assert (a["cases"], a["open"], a["overdue"], a["closed"], a["in_target"], a["decided"]) == (5, 2, 1, 3, 2, 4)
    assert a["not_due"] == 1 == a["cases"] - a["decided"]  # shown beside the share, not in it
    assert a["share"] == pytest.approx(0.5)
    # Wilson 95 % interval of 2/4: centre 0.5, half-width 1.96·sqrt(0.25/4 + 1.96²/64)/(1 + 1.96²/4) = 0.3500.
    assert (a["low"], a["high"]) == (pytest.approx(0.1500, abs=5e-4), pytest.approx(0.8500, abs=5e-4))
    assert a["median_contact_hours"] == 20  # 5, 10, 30, 50 hours
    assert a["median_close_hours"] == 40   # 20, 60, 40 hours
    b = measures.loc["B"]
    assert (b["decided"], b["in_target"], b["share"]) == (1, 0, 0.0)
    assert measures.loc["all", "cases"] == 6 and measures.loc["all", "overdue"] == 2
    assert (b["not_due"], measures.loc["all", "not_due"]) == (0, 1)
    by_region = case_measures(frame, now, by="region")
    assert by_region["group"].tolist() == ["R"] and by_region.iloc[0]["cases"] == 6


def test_measures_count_business_hours_when_the_rules_do():
    # Received Friday 2026-11-06 16:00 local (15:00 UTC), contacted Monday 09:00 local:
    # 1 h on Friday (16–17) and 1 h on Monday (08–09) of opening hours 08–17.
    received = datetime(2026, 11, 6, 15, tzinfo=timezone.utc)
    row = {"unit": "A", "region": "R", "status": "contacted", "received_at": pd.Timestamp(received),
           "due_at": pd.Timestamp(received + timedelta(days=10)),
           "contacted_at": pd.Timestamp(datetime(2026, 11, 9, 8, tzinfo=timezone.utc)), "resolved_at": None,
           "root_cause": None}
    measures = case_measures(pd.DataFrame([row]), received + timedelta(days=4), calendar=Calendar(business_hours=True))
    assert measures.iloc[0]["median_contact_hours"] == pytest.approx(2.0)
    assert measures.iloc[0]["share"] is None
    # The page counts the hours once (kept with the cached timings) and every table reuses them.
    counted = with_hours(pd.DataFrame([row]), Calendar(business_hours=True))
    assert counted.iloc[0]["contact_hours"] == pytest.approx(2.0) and pd.isna(counted.iloc[0]["close_hours"])
    pd.testing.assert_frame_equal(case_measures(counted, received + timedelta(days=4)), measures)


def test_measures_of_the_demo_say_something(demo_engine):
    leader, scope = person(demo_engine, "leader")
    timings = follow_ups.timings(demo_engine, scope, TODAY - timedelta(days=30), TODAY)
    measures = case_measures(timings, NOW, by="region", total="all").set_index("group")
    total = measures.loc["all"]
    assert total["cases"] == len(timings) > 20
    assert 0.3 < total["share"] < 0.95 and total["overdue"] > 0
    assert total["median_contact_hours"] < 48


def test_the_demo_assigns_cases_only_to_people_who_may_own_them(demo_engine):
    leader, scope = person(demo_engine, "leader")
    owned = follow_ups.cases(demo_engine, scope).dropna(subset=["owner_id"])
    assert not owned.empty
    for unit, owners in owned.groupby("unit_id")["owner_id"]:
        allowed = set(follow_ups.owners_for(demo_engine, int(unit))["id"])
        assert set(owners.astype(int)) <= allowed, unit


@pytest.mark.parametrize("role", ["leader", "manager", "staff"])
def test_a_page_of_cases_is_that_slice_of_the_whole_queue_and_the_count_is_its_length(demo_engine, role):
    """The queue reads one page (limit, offset) and counts the rest: the pages, one
    after the other, are the whole ordered queue, for every filter the page offers."""
    account, scope = person(demo_engine, role)
    now = datetime.combine(TODAY, time(12), tzinfo=timezone.utc)
    first_for = account.id if role == "staff" else None
    lengths = []
    for chosen in ({"statuses": follow_ups.OPEN_STATUSES}, {"statuses": None}, {"overdue": True},
                   {"owner_id": -1}, {"statuses": {"resolved"}, "unit_ids": {account.unit_id or 0}}):
        every = follow_ups.cases(demo_engine, scope, first_for=first_for, now=now, **chosen)
        assert follow_ups.count_cases(demo_engine, scope, now=now, **chosen) == len(every), chosen
        pages = [follow_ups.cases(demo_engine, scope, first_for=first_for, now=now, limit=2, offset=offset, **chosen)
                 for offset in range(0, len(every) + 2, 2)]
        assert all(len(part) <= 2 for part in pages)
        together = pd.concat([part for part in pages if not part.empty] or [every.iloc[:0]])
        assert together["id"].tolist() == every["id"].tolist(), chosen
        lengths.append(len(every))
    assert max(lengths) > 4, lengths  # some filter spans several pages
