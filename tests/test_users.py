"""Password login, throttling and the signed login cookie, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from components import auth
from queries import settings, users
from queries.db import engine_for
from queries.passwords import hash_password, verify_password
from queries.schema import Setting
from tests.fresh_databases import fresh_url  # noqa: F401  (a pytest fixture)

T0 = datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc)


def test_password_hashes_are_salted_argon2():
    first, second = hash_password("demo"), hash_password("demo")
    assert first.startswith("$argon2id$") and first != second
    assert verify_password(first, "demo") and not verify_password(first, "Demo")
    assert not verify_password(None, "demo")
    assert not verify_password("not a hash", "demo")


def test_the_product_hashes_with_rfc_9106_parameters():
    """The product's Argon2id parameters (the tests hash more cheaply: tests/conftest.py)."""
    from argon2 import PasswordHasher, extract_parameters, profiles

    from queries import passwords

    assert passwords.PARAMETERS == profiles.RFC_9106_LOW_MEMORY
    made = extract_parameters(PasswordHasher.from_parameters(passwords.PARAMETERS).hash("demo"))
    assert (made.time_cost, made.memory_cost, made.parallelism, made.salt_len) == (3, 65536, 4, 16)


def test_logins_at_the_same_moment_verify_one_per_core_at_a_time(monkeypatch):
    """Twenty logins at once (bench.sessions) held 1.0-1.3 GB at the product's 64 MiB per
    verification and slowed the page renders beside them; they now queue beyond one
    verification per core, the wrong ones included."""
    import os
    import time

    from queries import passwords

    cores = len(os.sched_getaffinity(0))
    running, most, lock = [0], [0], threading.Lock()

    class Slow:
        def verify(self, stored, password):
            with lock:
                running[0] += 1
                most[0] = max(most[0], running[0])
            time.sleep(0.2)  # long enough for every thread to have started, even on a busy machine
            with lock:
                running[0] -= 1
            return password == "right"

    monkeypatch.setattr(passwords, "_HASHER", Slow())
    answers: list[bool] = []
    people = [threading.Thread(target=lambda number=number: answers.append(
        verify_password("$argon2id$stored", "right" if number % 2 else "wrong"))) for number in range(4 * cores + 2)]
    for person in people:
        person.start()
    for person in people:
        person.join()
    assert most[0] == cores
    assert sorted(answers) == sorted(number % 2 == 1 for number in range(4 * cores + 2))


def test_demo_accounts_log_in_with_demo(demo_engine):
    for role in ("leader", "manager", "staff", "admin"):
        result = users.authenticate(demo_engine, role, "demo", now=T0)
        assert result.account is not None and result.account.role == role


def test_wrong_password_and_unknown_user_look_the_same(demo_engine):
    wrong = users.authenticate(demo_engine, "manager", "wrong", now=T0)
    unknown = users.authenticate(demo_engine, "nobody-here", "wrong", now=T0)
    assert wrong == unknown == users.LoginResult(None, 0)


def test_repeated_failures_slow_down_further_attempts(demo_engine):
    name = "throttled-user"
    for attempt in range(users.FREE_ATTEMPTS):
        assert users.authenticate(demo_engine, name, "x", now=T0 + timedelta(seconds=attempt)).wait_seconds == 0
    refused = users.authenticate(demo_engine, name, "x", now=T0 + timedelta(seconds=3))
    assert refused.account is None and refused.wait_seconds > 0
    # Throttling also holds for a real user with the right password …
    for attempt in range(users.FREE_ATTEMPTS):
        users.authenticate(demo_engine, "staff", "bad", now=T0 + timedelta(seconds=attempt))
    assert users.authenticate(demo_engine, "staff", "demo", now=T0 + timedelta(seconds=3)).account is None
    # … until the wait is over; success then clears the count.
    later = T0 + timedelta(seconds=users.MAX_WAIT_SECONDS + 10)
    assert users.authenticate(demo_engine, "staff", "demo", now=later).account is not None
    assert users.authenticate(demo_engine, "staff", "bad", now=later).wait_seconds == 0


def test_wait_grows_and_is_capped():
    waits = [users.wait_after(failures) for failures in range(12)]
    assert waits[: users.FREE_ATTEMPTS] == [0] * users.FREE_ATTEMPTS
    assert waits == sorted(waits) and max(waits) == users.MAX_WAIT_SECONDS


def test_login_cookie_is_signed_expiring_and_ends_at_logout(demo_engine, monkeypatch):
    account = users.authenticate(demo_engine, "leader", "demo",
                                 now=T0 + timedelta(hours=1)).account
    value = auth.make_cookie_value(demo_engine, account)
    assert auth.account_from_cookie(demo_engine, value) == account
    assert auth.account_from_cookie(demo_engine, value[:-2] + "xx") is None
    assert auth.account_from_cookie(demo_engine, "") is None
    monkeypatch.setattr(auth, "COOKIE_MAX_AGE", -1)
    assert auth.account_from_cookie(demo_engine, value) is None
    monkeypatch.undo()
    users.end_sessions(demo_engine, account.id)
    assert auth.account_from_cookie(demo_engine, value) is None


def test_a_visit_starts_after_half_an_hour_away(demo_engine):
    user_id = users.authenticate(demo_engine, "admin", "demo", now=T0).account.id
    first = users.record_visit(demo_engine, user_id, now=T0)
    # A reload ten minutes later continues the same visit …
    assert users.record_visit(demo_engine, user_id, now=T0 + timedelta(minutes=10)) == first
    # … coming back the next day is a new visit; the user was last active at T0 + 10 min.
    assert users.record_visit(demo_engine, user_id, now=T0 + timedelta(days=1)) == T0 + timedelta(minutes=10)


def test_sessions_that_start_at_once_on_a_new_database_agree_on_one_cookie_secret(fresh_url, monkeypatch):
    """Twenty people opening a new deployment at once: two sessions found no secret, both
    made one and the second insert failed (UNIQUE constraint failed: settings.key), which
    the page showed as "the database cannot be reached" (the twenty-sessions browser test,
    session 12). Now both get the one secret stored."""
    engine = engine_for(fresh_url)
    both_looked = threading.Barrier(2, timeout=10)
    made = iter(["first-secret", "second-secret"])
    lock = threading.Lock()

    def token(_length):
        with lock:
            value = next(made)
        both_looked.wait()  # both sessions have found no secret before either stores one
        return value

    monkeypatch.setattr(users.token_source, "token_urlsafe", token)
    found, failed = [], []

    def start_session():
        try:
            found.append(users.cookie_secret(engine))
        except Exception as error:  # noqa: BLE001 - the assertion below names it
            failed.append(repr(error))

    threads = [threading.Thread(target=start_session) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert failed == []
    with engine.connect() as connection:
        stored = connection.execute(select(Setting.value).where(Setting.key == "cookie_secret")).scalar()
    assert found == [stored, stored] and stored in ("first-secret", "second-secret")


def test_two_writers_of_a_new_setting_both_succeed_and_the_last_one_stands(fresh_url):
    engine = engine_for(fresh_url)
    ready = threading.Barrier(2, timeout=10)
    failed = []

    def write(value):
        try:
            ready.wait()
            with engine.begin() as connection:
                settings.put(connection, "shared_key", value)
        except Exception as error:  # noqa: BLE001 - the assertion below names it
            failed.append(repr(error))

    threads = [threading.Thread(target=write, args=(value,)) for value in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert failed == []
    assert settings.read_settings(engine)["shared_key"] in ("a", "b")
