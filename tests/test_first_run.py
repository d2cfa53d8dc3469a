"""A new deployment through AppTest (INSIKT_DEMO_ON_EMPTY=0): the page that names
the command for the first administrator, the change of a generated password at
the first login, My account, the checklist that ticks itself, and an empty
follow-up queue that says which window its rules apply."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from ingest import load, users as user_command
from ingest.files import open_source
from ingest.suggest import explain
from queries import admin, first_run, follow_ups, users
from queries.db import engine_for, prepare
from queries.schema import User
from queries.settings import set_thresholds
from tests.import_corpus import build
from tests.test_pages import log_in, texts

pytestmark = pytest.mark.usefixtures("fresh_caches")
GOOD = "correct horse battery"


@pytest.fixture
def fresh(tmp_path, monkeypatch) -> str:
    """An empty SQLite deployment the app opens (no demo)."""
    url = f"sqlite:///{tmp_path / 'new.db'}"
    prepare(url)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("INSIKT_DEMO_ON_EMPTY", "0")
    monkeypatch.delenv("INSIKT_LANGUAGE", raising=False)
    return url


def start() -> AppTest:
    return AppTest.from_file("../app.py", default_timeout=90).run()


def add_admin(url: str, username: str = "ada") -> None:
    assert user_command.main(["add", username, "--role", "admin", "--display-name", "Ada Admin",
                               "--database-url", url], stdin=io.StringIO(GOOD + "\n"), out=io.StringIO()) == 0


def import_reviews(url: str, user: str = "ada") -> load.Report:
    engine = engine_for(url)
    with engine.connect() as connection:
        user_id = connection.execute(select(User.id).where(User.username == user)).scalar()
    name, data = build("review_site_export")
    source = open_source(data, name)
    mapping = replace(explain(source.columns, source.preview()).mapping, default_touchpoint="Review site",
                      create_missing=True)
    report = load.run_import(engine, source, mapping, user_id=user_id)
    assert report.written == 600
    return report


def test_a_deployment_without_users_names_the_command_instead_of_a_login(fresh):
    test = start()
    assert not test.exception
    assert [title.value for title in test.title] == ["Insikt behöver sin första administratör"]
    commands = [block.value for block in test.code]
    assert commands[0] == 'python -m ingest.users add admin --role admin --display-name "Förnamn Efternamn"'
    assert commands[1].startswith("printf '%s\\n' \"$INSIKT_ADMIN_PASSWORD\" | python -m ingest.users add admin")
    assert f"`{fresh}`" in texts(test) and not [box for box in test.text_input if box.key == "login_username"]
    test = next(b for b in test.button if b.label == "Jag har lagt till användaren").click().run()
    assert "Databasen har fortfarande inga användare." in texts(test)
    add_admin(fresh)
    test = next(b for b in test.button if b.label == "Jag har lagt till användaren").click().run()
    assert test.text_input(key="login_username") is not None
    test = log_in(test, "ada", GOOD)
    assert not test.exception, test.exception
    assert "Det finns inga enheter och inga svar än." in texts(test)  # the landing page, with no data yet


def test_a_generated_password_must_be_changed_at_the_first_login(fresh):
    add_admin(fresh)
    engine = engine_for(fresh)
    boss = users.authenticate(engine, "ada", GOOD).account
    created = admin.create_user(engine, boss, username="kim", display_name="Kim Leader", role="leader")
    test = log_in(start(), "kim", created.password)
    assert [title.value for title in test.title] == ["Välj ditt eget lösenord"]
    test.switch_page("pages/comments.py")
    test = test.run()  # a deep link shows the same form instead of the page
    assert [title.value for title in test.title] == ["Välj ditt eget lösenord"]
    test.text_input(key="acc_current").input(created.password)
    test.text_input(key="acc_new").input("kim kim kim kim")
    test.text_input(key="acc_again").input("kim kim kim kim")
    test = next(b for b in test.button if b.label == "Byt lösenord").click().run()
    assert [error.value for error in test.error] == [
        "Det nya lösenordet är lätt att gissa. Välj till exempel några ord som inte hör ihop."]
    test.text_input(key="acc_current").input(created.password)
    test.text_input(key="acc_new").input("my own phrase now")
    test.text_input(key="acc_again").input("my own phrase now")
    test = next(b for b in test.button if b.label == "Byt lösenord").click().run()
    assert not test.exception, test.exception
    assert "Välj ditt eget lösenord" not in [title.value for title in test.title]
    assert "Det finns inga enheter och inga svar än." in texts(test)  # the page itself now
    assert not users.account_by_id(engine, created.id).must_change_password
    assert users.authenticate(engine, "kim", "my own phrase now").account is not None


def test_my_account_is_in_every_menu_and_changes_the_password(sqlite_scratch_url, open_page):
    test = open_page(sqlite_scratch_url, "staff", "pages/account.py")
    assert not test.exception, test.exception
    assert [title.value for title in test.title] == ["Mitt konto"]
    assert "Användarnamn **staff** · medarbetare · enhet Uppsala Centrum" in texts(test)
    links = [link.label for link in test.sidebar.get("page_link")]
    assert links[-1] == "Mitt konto"
    test.text_input(key="acc_current").input("not it")
    test.text_input(key="acc_new").input("a new password here")
    test.text_input(key="acc_again").input("a new password here")
    test = next(b for b in test.button if b.label == "Byt lösenord").click().run()
    assert [error.value for error in test.error] == ["Det nuvarande lösenordet stämmer inte."]
    test.text_input(key="acc_current").input("demo")
    test.text_input(key="acc_new").input("a new password here")
    test.text_input(key="acc_again").input("a new password here")
    test = next(b for b in test.button if b.label == "Byt lösenord").click().run()
    assert [success.value for success in test.success] == ["Ditt lösenord är bytt."]
    assert [title.value for title in test.title] == ["Mitt konto"]  # still signed in here
    assert users.authenticate(engine_for(sqlite_scratch_url), "staff", "a new password here").account


def checklist(test: AppTest) -> str:
    return next((block.value for block in test.markdown if "**Användare**" in block.value), "")


def test_the_checklist_ticks_itself_and_goes_when_done(fresh):
    add_admin(fresh)
    engine = engine_for(fresh)
    test = log_in(start(), "ada", GOOD)
    test.switch_page("pages/admin.py")
    test = test.run()
    assert not test.exception, test.exception
    assert "Kom igång" in [header.value for header in test.subheader]
    assert "(0 av 5)" in texts(test) and checklist(test).count(":material/radio_button_unchecked:") == 5
    boss = users.authenticate(engine, "ada", GOOD).account
    import_reviews(fresh)  # units created, comments tagged with the default themes
    assert first_run.steps(engine) == {"users": False, "import": True, "themes": True, "thresholds": False,
                                       "follow_up_rules": False}
    admin.create_user(engine, boss, username="lena", display_name="Lena", role="leader")
    set_thresholds(engine, 5, 30)
    test = test.run()
    assert "(4 av 5)" in texts(test)
    lines = checklist(test).splitlines()
    assert lines[0].startswith("1. :material/check_circle: **Användare**")
    assert lines[4].startswith("5. :material/radio_button_unchecked: **Regler för återkoppling**")
    follow_ups.save_rules(engine, boss, follow_ups.read_rules(engine))
    test = test.run()
    assert "Kom igång" not in [header.value for header in test.subheader] and not checklist(test)


def test_the_demo_has_no_checklist(sqlite_demo_url, open_page):
    test = open_page(sqlite_demo_url, "admin", "pages/admin.py")
    assert not test.exception and "Kom igång" not in [header.value for header in test.subheader]


def test_an_empty_follow_up_queue_says_which_window_applies(fresh):
    add_admin(fresh)
    report = import_reviews(fresh)
    assert report.follow_ups_opened == 0 and report.follow_ups_too_old > 0
    test = log_in(start(), "ada", GOOD)
    test.switch_page("pages/follow_up.py")
    test = test.run()
    assert not test.exception, test.exception
    said = texts(test)
    assert "Inga ärenden med de här valen." in said
    assert "getts de senaste 30 dagarna" in said
    newest = report.follow_ups_newest_old
    assert f"Den senaste kritiska feedbacken här är från {newest.day} " in said and f"{newest.year}." in said


def test_the_first_administrator_page_speaks_english(fresh, monkeypatch):
    monkeypatch.setenv("INSIKT_LANGUAGE", "en")
    test = start()
    assert [title.value for title in test.title] == ["Insikt needs its first administrator"]
    assert test.code[0].value == 'python -m ingest.users add admin --role admin --display-name "First Last"'
