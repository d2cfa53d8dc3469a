"""Pages through Streamlit's AppTest, started from app.py, for every role.

The database URL goes in through DATABASE_URL (AppTest's secrets do not reach
the app's configuration); caches are cleared around every test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ingest.demo import MANAGER_UNIT

ROOT = Path(__file__).resolve().parent.parent
ROLES = ["leader", "manager", "staff", "admin"]


pytestmark = pytest.mark.usefixtures("fresh_caches")


@pytest.fixture
def app(sqlite_demo_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", sqlite_demo_url)
    monkeypatch.setenv("INSIKT_DEMO_ON_EMPTY", "0")
    monkeypatch.delenv("INSIKT_LANGUAGE", raising=False)

    def start(**query):
        test = AppTest.from_file("../app.py", default_timeout=60)
        for key, value in query.items():
            test.query_params[key] = value
        return test.run()

    return start


def log_in(test: AppTest, username: str, password: str = "demo") -> AppTest:
    test.text_input(key="login_username").input(username)
    test.text_input(key="login_password").input(password)
    submit = next(b for b in test.button if b.label in ("Logga in", "Log in"))
    return submit.click().run()


def texts(test: AppTest) -> str:
    parts = [e.value for e in (*test.markdown, *test.caption, *test.warning, *test.error,
                                *test.info, *test.success, *test.title, *test.subheader)]
    return "\n".join(str(p) for p in parts)


BLAS_THREADS = """
import json, sys
import numpy, scipy.linalg  # loaded before the app runs, as in the server
from streamlit.testing.v1 import AppTest
from threadpoolctl import threadpool_info
before = [library["num_threads"] for library in threadpool_info() if library["user_api"] == "blas"]
AppTest.from_file(sys.argv[1], default_timeout=60).run()
after = [library["num_threads"] for library in threadpool_info() if library["user_api"] == "blas"]
print(json.dumps([before, after]))
"""


def test_the_app_process_runs_blas_on_one_thread(sqlite_demo_url):
    """The key-driver fits are small: more BLAS threads only wait for each other
    (and took 3-10 times the CPU of one on two cores). The app sets one thread
    when it prepares its database, once per process: checked in a process of its
    own, since a limit set by the test's own thread would decide the result."""
    done = subprocess.run([sys.executable, "-c", BLAS_THREADS, str(ROOT / "app.py")], capture_output=True,
                          text=True, timeout=120, cwd=ROOT,
                          env={**os.environ, "DATABASE_URL": sqlite_demo_url, "INSIKT_DEMO_ON_EMPTY": "0"})
    assert done.returncode == 0, done.stderr
    before, after = json.loads(done.stdout.strip().splitlines()[-1])
    assert before and (max(before) > 1 or os.cpu_count() == 1)
    assert after and set(after) == {1}


def test_login_form_comes_first(app):
    test = app()
    assert not test.exception
    assert test.text_input(key="login_username") is not None
    assert [t.value for t in test.title] == ["Insikt"]
    assert "leader, manager, staff eller admin" in texts(test)


def test_wrong_password_does_not_say_whether_the_user_exists(app):
    wrong_password = log_in(app(), "manager", "nope")
    unknown_user = log_in(app(), "no-such-user", "nope")
    assert [e.value for e in wrong_password.error] == ["Fel användarnamn eller lösenord."]
    assert [e.value for e in unknown_user.error] == ["Fel användarnamn eller lösenord."]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_lands_on_its_page(app, role):
    test = log_in(app(), role)
    assert not test.exception, test.exception
    title = test.title[0].value
    if role == "staff":  # staff land on "My day", and find the overview one tap away
        assert title == f"Min dag · {MANAGER_UNIT}"
        test.switch_page("pages/overview.py")
        test.run()
        title = test.title[0].value
    assert title.startswith("Översikt: ")
    if role in ("manager", "staff"):
        assert title == f"Översikt: {MANAGER_UNIT}"
    else:
        assert title == "Översikt: Alla enheter"
    labels = [m.label for m in test.metric]
    assert "NPS" in labels and "Nöjdhet (andel 4–5)" in labels
    assert "troligen mellan" in texts(test)
    assert len(test.get("plotly_chart")) == 1
    menu = [link.proto.label for link in test.sidebar.get("page_link")]
    assert [link.proto.label for link in test.main.get("page_link") if link.proto.label in menu][:len(menu)] == menu
    expected = ["Min dag", "Översikt", "Styrkor och svagheter", "Kommentarer", "Workshop", "Åtgärder", "Återkoppling",
                "Administration", "Aviseringar", "Mitt konto"]
    hidden = {"staff": {"Administration"}, "leader": {"Min dag", "Administration"},
              "admin": {"Min dag"}}.get(role, set())
    assert menu == [label for label in expected if label not in hidden]


def test_staff_can_only_pick_their_own_unit(app):
    test = log_in(app(), "staff")
    test.switch_page("pages/overview.py")
    test.run()
    assert test.selectbox(key="unit").options == [MANAGER_UNIT]


def test_leader_can_pick_every_unit(app):
    test = log_in(app(), "leader")
    options = test.selectbox(key="unit").options
    assert options[0] == "Alla enheter" and MANAGER_UNIT in options and len(options) >= 20


def test_overview_in_english(app):
    test = log_in(app(lang="en"), "manager")
    assert not test.exception
    assert test.title[0].value == f"Overview: {MANAGER_UNIT}"
    assert "likely between" in texts(test)


def test_filters_change_the_numbers(app):
    test = log_in(app(), "leader")
    before = test.metric[0].value
    units = test.selectbox(key="unit")
    units.select_index(units.options.index(MANAGER_UNIT))
    test.selectbox(key="period").select("Senaste 3 månaderna")
    test = test.run()
    assert not test.exception
    assert test.title[0].value == f"Översikt: {MANAGER_UNIT}"
    assert "Senaste 3 månaderna" in texts(test)
    assert test.metric[0].value != before or test.metric[2].value != "–"


def test_unknown_filter_value_in_url_falls_back_with_a_notice(app):
    test = log_in(app(period="Senaste 99 åren"), "manager")
    assert not test.exception
    assert "Senaste 99 åren" in texts(test) and "finns inte" in texts(test)
    assert test.selectbox(key="period").value == "12m"


def test_unit_outside_scope_in_url_is_refused(app):
    test = log_in(app(unit="Region Nord"), "staff")
    assert not test.exception
    assert "ingår inte i det du har behörighet att se" in texts(test)
    assert test.title[0].value == f"Översikt: {MANAGER_UNIT}"


def test_unreachable_database_gives_advice_not_a_stack_trace(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/nowhere")
    test = AppTest.from_file("../app.py", default_timeout=60).run()
    assert not test.exception
    assert [e.value for e in test.error] == ["Databasen kan inte nås"]
    assert "DATABASE_URL" in texts(test)


def test_a_password_reset_ends_a_session_already_open(sqlite_scratch_url, open_page):
    from sqlalchemy import select

    from queries import admin
    from queries.db import engine_for
    from queries.schema import User
    from queries.users import account_by_id

    engine = engine_for(sqlite_scratch_url)
    test = open_page(sqlite_scratch_url, "staff", "pages/overview.py")
    assert test.title[0].value.startswith("Översikt")
    with engine.connect() as connection:
        ids = dict(connection.execute(select(User.username, User.id)).all())
    admin.reset_password(engine, account_by_id(engine, ids["admin"]), ids["staff"])
    test.run()
    assert [element.key for element in test.text_input][:2] == ["login_username", "login_password"]
    assert not any(title.value.startswith("Översikt") for title in test.title)


# --- the database of a first start, and the demo -------------------------------------------------

@pytest.fixture
def unconfigured(tmp_path, monkeypatch):
    """An installation without configuration whose default SQLite file is in ``tmp_path``."""
    from queries import config

    path = tmp_path / "data" / "insikt.db"
    monkeypatch.setattr(config, "DEFAULT_SQLITE", path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("INSIKT_SECRETS_FILE", str(tmp_path / "no-secrets.toml"))
    monkeypatch.setenv("INSIKT_DEMO_ON_EMPTY", "1")
    monkeypatch.setenv("INSIKT_DEMO_RESPONSES", "500")
    yield path
    from queries.db import engine_for

    engine_for(f"sqlite:///{path}").dispose()
    engine_for.cache_clear()


def test_the_first_start_makes_the_default_database_once_and_fills_it_with_the_demo(unconfigured, fresh_caches):
    import streamlit as st

    from queries.db import engine_for
    from queries.settings import is_demo

    test = AppTest.from_file("../app.py", default_timeout=90).run()
    assert not test.exception and test.text_input(key="login_username") is not None
    assert unconfigured.exists() and unconfigured.with_name("insikt.db.created").exists()
    assert is_demo(engine_for(f"sqlite:///{unconfigured}"))
    # Gone after its first start: an error, never a new (demo) database with the password demo.
    engine_for(f"sqlite:///{unconfigured}").dispose()
    unconfigured.unlink()
    st.cache_resource.clear()
    test = AppTest.from_file("../app.py", default_timeout=90).run()
    assert not test.exception
    assert [error.value for error in test.error] == ["Databasen kan inte nås"]
    assert "är borta" in texts(test) and "insikt.db.created" in texts(test)
    assert not unconfigured.exists()


def test_a_configured_database_is_never_made_nor_filled_with_the_demo(tmp_path, monkeypatch, fresh_caches):
    from ingest.demo import is_empty
    from queries.db import engine_for, prepare

    monkeypatch.setenv("INSIKT_DEMO_ON_EMPTY", "1")
    missing = tmp_path / "configured.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{missing}")
    test = AppTest.from_file("../app.py", default_timeout=60).run()
    assert [error.value for error in test.error] == ["Databasen kan inte nås"]
    assert "finns inte" in texts(test) and not missing.exists()
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    prepare(empty)
    monkeypatch.setenv("DATABASE_URL", empty)
    test = AppTest.from_file("../app.py", default_timeout=60).run()
    # No demo and no users: the page says how to create the first administrator.
    assert not test.exception and "python -m ingest.users add" in "".join(code.value for code in test.code)
    assert is_empty(engine_for(empty))


def test_a_demo_database_says_so_on_every_page(app):
    from components.i18n import translate
    from components.menu import LANDING

    test = log_in(app(), "admin")
    banner = translate("demo_banner", "sv")
    pages = ["overview", "strengths", "comments", "workshop", "actions", "follow_up", "admin"]
    assert LANDING["admin"].removeprefix("pages/").removesuffix(".py") in pages
    for name in pages:
        test.switch_page(f"pages/{name}.py")
        test.run()
        assert not test.exception, (name, test.exception)
        assert [warning.value for warning in test.warning][:1] == [banner], name


def test_a_database_error_inside_a_page_gives_the_clear_message(sqlite_scratch_url, open_page):
    import streamlit as st
    from sqlalchemy import text

    from queries.db import engine_for

    test = open_page(sqlite_scratch_url, "leader", "pages/overview.py")
    assert not test.exception and test.metric
    with engine_for(sqlite_scratch_url).begin() as connection:
        connection.execute(text("ALTER TABLE daily_counts RENAME TO daily_counts_gone"))
    st.cache_data.clear()  # the page reads again
    test.run()
    assert not test.exception, test.exception
    assert [error.value for error in test.error] == ["Databasen kan inte nås"]
    assert "daily\\_counts" in texts(test) and "SELECT" not in texts(test)


def test_the_kept_trend_follows_the_grain_and_the_thresholds(sqlite_scratch_url, open_page):
    """The overview's trend is kept between renders (``components.data.trend``): another
    grain or new thresholds give another trend, never the one kept."""
    from queries import admin
    from queries.db import engine_for
    from queries.settings import thresholds
    from tests.people import person

    test = open_page(sqlite_scratch_url, "manager", "pages/overview.py")
    by_month = len(test.selectbox(key="trend_period").options)
    assert not test.exception and "visas som luckor" not in texts(test)
    test.radio(key="grain").set_value("week")
    test = test.run()
    assert len(test.selectbox(key="trend_period").options) > 4 * by_month - 4
    engine = engine_for(sqlite_scratch_url)
    boss, _ = person(engine, "admin")
    admin.set_thresholds(engine, boss, 10_000, thresholds(engine).small_sample + 10_000)
    test = test.run()
    assert not test.exception
    weeks = len(test.selectbox(key="trend_period").options)
    assert f"Perioder med färre än 10\u202f000 svar visas som luckor ({weeks} st)" in texts(test)
