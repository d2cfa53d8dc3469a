"""The admin page through AppTest: who may reach it and what each role sees,
and the forms of each tab. Tests that write use a copy of the demo database."""

from __future__ import annotations


import pytest
from sqlalchemy import func, select

from components.i18n import markdown_safe, translate
from ingest.demo import MANAGER_UNIT
from queries import admin, users
from queries.db import engine_for
from queries.schema import Response, Unit, User
from queries.settings import Thresholds, thresholds
from tests.app_runs import open_tab
from tests.test_pages import ROLES, texts

pytestmark = pytest.mark.usefixtures("fresh_caches")
PAGE = "pages/admin.py"
HISTORY = "Importhistorik"
TABS_SV = ["Importera", "Importhistorik", "Enheter och regioner", "Kontaktpunkter", "Användare", "Teman", "Segment",
           "Gränsvärden och mål", "Regler för återkoppling", "Personuppgifter", "Händelselogg"]


@pytest.fixture
def admin_page(sqlite_scratch_url, open_page):
    def start(label: str | None = None, **query):
        test = open_page(sqlite_scratch_url, "admin", PAGE, **query)
        if label:
            tab(test, label)
        return test
    return start


def tab(test, label: str):
    return open_tab(test, "admin_tab", label)


def by_key(elements, prefix: str):
    """The one element whose key starts with ``prefix`` (keys carry a form generation)."""
    found = [element for element in elements if element.key and element.key.startswith(prefix)]
    assert len(found) == 1, (prefix, [element.key for element in elements])
    return found[0]


def button(test, label: str, within=None):
    found = [item for item in (within or test).button if item.label == label]
    assert found, (label, [item.label for item in (within or test).button])
    return found[0]


def rendered(test) -> str:
    """Everything the page sent to the browser, as text (tables included)."""
    parts = []
    for node in test._tree:
        parts.append(str(getattr(node, "proto", "")))
        if getattr(node, "type", None) in ("arrow_data_frame", "dataframe"):
            parts.append(node.value.to_string())
    return "\n".join(parts)


def successes(test) -> list[str]:
    return [element.value for element in test.success]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_what_it_may(sqlite_demo_url, open_page, role):
    test = open_page(sqlite_demo_url, role, PAGE)
    assert not test.exception, test.exception
    labels = [item.label for item in test.tabs]
    menu = [link.proto.label for link in test.get("page_link")]
    if role == "admin":
        assert labels == TABS_SV and "Administration" in menu
        assert test.title[0].value == "Administration"
    elif role == "manager":  # imports for their own units, nothing else
        assert labels == ["Importera", "Importhistorik"] and "Administration" in menu
        assert "Som chef kan du importera svar för dina enheter: Uppsala Centrum." in texts(test)
        assert "Lägg till enhet" not in texts(test)
    else:  # refused, also on a direct link
        assert labels == [] and "Administration" not in menu
        assert [w.value for w in test.warning] == [
            translate("demo_banner", "sv"), "Den här sidan är inte tillgänglig för din roll. Välj en sida i menyn."]
        assert "Administration" not in [title.value for title in test.title]


def test_the_page_speaks_english(sqlite_demo_url, open_page, monkeypatch):
    monkeypatch.setenv("INSIKT_LANGUAGE", "en")
    test = open_page(sqlite_demo_url, "admin", PAGE)
    assert not test.exception, test.exception
    assert [item.label for item in test.tabs] == ["Import", "Import history",
        "Units and regions", "Touchpoints", "Users", "Themes", "Segments", "Thresholds and targets",
        "Follow-up rules", "Personal data", "Audit log"]


def test_create_a_unit_and_rename_it_through_the_forms(admin_page, sqlite_scratch_url):
    engine = engine_for(sqlite_scratch_url)
    test = admin_page()
    units = tab(test, "Enheter och regioner")
    # An empty name is refused with the field named, and nothing is created.
    before = admin.units_table(engine)
    test = button(test, "Skapa", by_key(units.form, "admin_new_unit")).click().run()
    assert [e.value for e in test.error] == ["Namn: fyll i ett namn."]
    assert len(admin.units_table(engine)) == len(before)

    by_key(test.text_input, "admin_new_unit_0_name").input("Skellefteå")
    by_key(test.selectbox, "admin_new_unit_0_region").select(
        int(before.set_index("name").loc["Region Nord", "id"]))
    test = button(test, "Skapa", by_key(tab(test, "Enheter och regioner").form, "admin_new_unit")).click().run()
    assert not test.exception, test.exception
    assert "Enheten ”Skellefteå” är skapad." in successes(test)
    table = admin.units_table(engine).set_index("name")
    assert table.loc["Skellefteå", "region"] == "Region Nord"
    # The form is empty again for the next unit.
    assert by_key(test.text_input, "admin_new_unit_1_name").value == ""

    created = int(table.loc["Skellefteå", "id"])
    test.selectbox(key="admin_unit_pick").select(created)
    test = test.run()
    by_key(test.text_input, f"admin_rename_unit_unit_{created}").input("Skellefteå Centrum")
    test = button(test, "Byt namn").click().run()
    assert not test.exception, test.exception
    assert "”Skellefteå” heter nu ”Skellefteå Centrum”." in successes(test)
    with engine.connect() as connection:
        assert connection.execute(select(Unit.name).where(Unit.id == created)).scalar() == "Skellefteå Centrum"


def test_a_unit_an_import_made_without_a_region_is_named_alone(admin_page, sqlite_scratch_url):
    """Beside the units of regions, one without a region (an import creates them) is
    listed by its name, never "Name (nan)" (pandas 3's missing text)."""
    from sqlalchemy import update

    engine = engine_for(sqlite_scratch_url)
    with engine.begin() as connection:
        connection.execute(update(Unit).where(Unit.name == MANAGER_UNIT).values(parent_id=None))
    assert admin.units_table(engine).set_index("name").loc[MANAGER_UNIT, "region"] is None
    test = admin_page("Enheter och regioner")
    assert not test.exception, test.exception
    options = test.selectbox(key="admin_unit_pick").options
    assert MANAGER_UNIT in options and "Lund (Region Syd)" in options
    assert not any("(nan)" in option or "(None)" in option for option in options)


def test_merge_shows_what_moves_and_asks_first(admin_page, sqlite_scratch_url):
    engine = engine_for(sqlite_scratch_url)
    table = admin.units_table(engine).set_index("name")
    source, target = int(table.loc["Storuman", "id"]), int(table.loc["Umeå", "id"])
    test = admin_page("Enheter och regioner")
    test.selectbox(key="admin_merge_source").select(source)
    test.selectbox(key="admin_merge_target").select(target)
    test = test.run()
    assert not test.exception, test.exception
    moving = admin.merge_preview(engine, source, target)["responses"]
    shown = texts(test)
    assert "Detta flyttas från **Storuman** till **Umeå**:" in shown
    assert f"- Svar: **{moving}**" in shown
    merge = test.button(key="admin_merge_button")
    assert merge.disabled
    test.checkbox(key=f"admin_merge_sure_{source}_{target}").check()
    test = test.run()
    test = test.button(key="admin_merge_button").click().run()
    assert not test.exception, test.exception
    assert f"”Storuman” är sammanslagen med ”Umeå” ({moving} svar flyttade)." in successes(test)
    after = admin.units_table(engine).set_index("name")
    assert not after.loc["Storuman", "active"]
    assert after.loc["Umeå", "responses"] == table.loc["Umeå", "responses"] + table.loc["Storuman", "responses"]


def test_a_merge_the_rules_refuse_is_explained(admin_page, sqlite_scratch_url):
    table = admin.units_table(engine_for(sqlite_scratch_url)).set_index("name")
    test = admin_page("Enheter och regioner")
    test.selectbox(key="admin_merge_source").select(int(table.loc["Region Nord", "id"]))
    test.selectbox(key="admin_merge_target").select(int(table.loc["Umeå", "id"]))
    test = test.run()
    assert [e.value for e in test.error] == [
        "Regionen ”Region Nord” kan inte slås ihop med en enhet (”Umeå”). Välj en region."]
    assert not [b for b in test.button if b.key == "admin_merge_button"]


def test_create_a_user_and_see_the_generated_password_once(admin_page, sqlite_scratch_url):
    engine = engine_for(sqlite_scratch_url)
    test = admin_page("Användare")
    by_key(test.text_input, "admin_new_user_0_username").input("Nora.Staff")
    by_key(test.text_input, "admin_new_user_0_display_name").input("Nora Nilsson")
    manager_unit = int(admin.units_table(engine).set_index("name").loc[MANAGER_UNIT, "id"])
    by_key(test.selectbox, "admin_new_user_0_unit").select(manager_unit)
    test = button(test, "Skapa", by_key(tab(test, "Användare").form, "admin_new_user")).click().run()
    assert not test.exception, test.exception
    assert "Användaren nora\\.staff är skapad." in successes(test)  # Markdown-escaped
    codes = [element.value for element in test.code]
    assert len(codes) == 1
    password = codes[0]
    assert users.authenticate(engine, "nora.staff", password).account.unit_id == manager_unit
    with engine.connect() as connection:
        hashes = [value for value in connection.execute(select(User.password_hash)).scalars() if value]
    output = rendered(test)
    assert "$argon2" not in output and not any(stored in output for stored in hashes)
    # Shown once: the next run no longer has it.
    test = test.run()
    assert not test.code and password not in rendered(test)


def test_a_short_password_and_a_missing_unit_are_refused(admin_page, sqlite_scratch_url):
    engine = engine_for(sqlite_scratch_url)
    test = admin_page("Användare")
    by_key(test.text_input, "admin_new_user_0_username").input("x.manager")
    by_key(test.text_input, "admin_new_user_0_display_name").input("X")
    by_key(test.selectbox, "admin_new_user_0_role").select("manager")
    test = button(test, "Skapa", by_key(tab(test, "Användare").form, "admin_new_user")).click().run()
    assert [e.value for e in test.error] == ["Enhet: en chef behöver en enhet eller region."]
    by_key(test.text_input, "admin_new_user_0_password").input("kort")
    by_key(test.selectbox, "admin_new_user_0_unit").select(
        int(admin.units_table(engine).set_index("name").loc["Lund", "id"]))
    test = button(test, "Skapa", by_key(tab(test, "Användare").form, "admin_new_user")).click().run()
    assert [e.value for e in test.error] == [
        "Startlösenord (valfritt): minst 10 tecken, eller lämna tomt för ett slumpat lösenord."]
    with engine.connect() as connection:
        assert not connection.execute(select(func.count()).select_from(User).where(
            User.username == "x.manager")).scalar()


def test_reset_a_password_from_the_page(admin_page, sqlite_scratch_url):
    engine = engine_for(sqlite_scratch_url)
    staff = users.authenticate(engine, "staff", "demo").account
    test = admin_page("Användare")
    test.selectbox(key="admin_user_pick").select(staff.id)
    test = test.run()
    test = test.button(key=f"admin_reset_{staff.id}").click().run()
    assert not test.exception, test.exception
    assert "staff har fått ett nytt lösenord." in successes(test)
    password = test.code[0].value
    assert users.authenticate(engine, "staff", "demo").account is None
    assert users.authenticate(engine, "staff", password).account.id == staff.id
    assert "$argon2" not in rendered(test)
    # An admin cannot deactivate themself: the button is not offered.
    me = users.authenticate(engine, "admin", "demo").account
    test.selectbox(key="admin_user_pick").select(me.id)
    test = test.run()
    assert test.button(key=f"admin_user_off_{me.id}").disabled


def test_the_picked_user_unit_and_theme_survive_a_look_at_another_tab(admin_page, sqlite_scratch_url):
    """Only the open tab runs and Streamlit drops a widget a run leaves out; what the
    admin picked to edit in a tab is still picked after a look at another."""
    engine = engine_for(sqlite_scratch_url)
    staff = users.authenticate(engine, "staff", "demo").account
    test = admin_page("Användare")
    test.selectbox(key="admin_user_pick").select(staff.id)
    tab(test, "Enheter och regioner")
    unit = test.selectbox(key="admin_unit_pick")
    unit.select_index(len(unit.options) - 1).run()
    unit_id = test.selectbox(key="admin_unit_pick").value
    tab(test, "Teman")
    themes = test.selectbox(key="admin_theme_pick")
    themes.select_index(len(themes.options) - 1).run()
    theme_id = test.selectbox(key="admin_theme_pick").value
    assert unit_id is not None and theme_id is not None

    tab(test, "Användare")
    assert test.selectbox(key="admin_user_pick").value == staff.id
    tab(test, "Enheter och regioner")
    assert test.selectbox(key="admin_unit_pick").value == unit_id
    tab(test, "Teman")
    assert test.selectbox(key="admin_theme_pick").value == theme_id
    assert not test.exception, test.exception


def test_a_user_without_an_e_mail_is_edited_with_an_empty_field(admin_page, sqlite_scratch_url):
    """Beside users with an e-mail address, one without shows an empty field (not "nan",
    pandas 3's missing text, which a save would then try to store) and saves as it was."""
    engine = engine_for(sqlite_scratch_url)
    admin.create_user(engine, users.authenticate(engine, "admin", "demo").account, username="no.mail",
                      display_name="Utan Post", role="leader")
    user_id = int(admin.users_table(engine).set_index("username").loc["no.mail", "id"])
    test = admin_page("Användare")
    test.selectbox(key="admin_user_pick").select(user_id)
    test = test.run()
    email = next(field for field in test.text_input
                 if field.key.startswith(f"admin_edit_user_{user_id}_") and field.key.endswith("_email"))
    assert email.value == ""
    test = button(test, "Spara").click().run()
    assert not test.exception and not test.error, [e.value for e in test.error]
    with engine.connect() as connection:
        assert connection.execute(select(User.email).where(User.id == user_id)).scalar() is None


def test_theme_preview_follows_the_pattern_and_refuses_a_bad_regex(admin_page, sqlite_scratch_url):
    test = admin_page("Teman")
    assert test.selectbox(key="admin_theme_pick").value is not None  # the first theme is open
    theme_id = test.selectbox(key="admin_theme_pick").value
    box = by_key(test.text_area, f"admin_patterns_sv_{theme_id}_")
    box.input("personal*")
    by_key(test.text_area, f"admin_patterns_en_{theme_id}_").input("")
    test = test.run()
    assert not test.exception, test.exception
    captions = [c.value for c in test.caption if c.value.startswith("Mönstren träffar")]
    assert captions and " av de 200 senaste kommentarerna." in captions[0]
    n = int(captions[0].split("träffar ")[1].split(" av")[0])
    preview = next(frame.value for frame in test.dataframe if "comment" in frame.value.columns)
    assert len(preview) == n > 0
    assert all("personal" in comment.lower() for comment in preview["comment"])
    assert not test.button(key="admin_theme_save").disabled

    by_key(test.text_area, f"admin_patterns_sv_{theme_id}_").input("personal*\nre:(oj")
    test = test.run()
    assert not test.exception, test.exception
    errors = [e.value for e in test.error]
    assert len(errors) == 1 and errors[0].startswith(f"Mönstret ”{markdown_safe('re:(oj')}” (sv) kan inte användas: invalid regular expression")
    assert test.button(key="admin_theme_save").disabled


def test_saving_a_theme_retags(admin_page, sqlite_scratch_url):
    engine = engine_for(sqlite_scratch_url)
    before = admin.themes_table(engine).set_index("key").loc["price"]
    test = admin_page("Teman")
    test.selectbox(key="admin_theme_pick").select(int(before["id"]))
    test = test.run()
    by_key(test.text_area, f"admin_patterns_sv_{int(before['id'])}_").input("dyr*")
    by_key(test.text_area, f"admin_patterns_en_{int(before['id'])}_").input("expensive*")
    test = test.run()
    test = test.button(key="admin_theme_save").click().run()
    assert not test.exception, test.exception
    assert any(message.startswith("Temat ”Pris och värde” är sparat") for message in successes(test))
    after = admin.themes_table(engine).set_index("key").loc["price"]
    assert after["patterns_sv"] == "dyr*" and after["comments"] < before["comments"]


def test_thresholds_form_validates_and_saves(admin_page, sqlite_scratch_url):
    engine = engine_for(sqlite_scratch_url)
    test = admin_page("Gränsvärden och mål")
    by_key(test.number_input, "admin_thresholds_0_min").set_value(10)
    by_key(test.number_input, "admin_thresholds_0_small").set_value(10)
    test = button(test, "Spara", by_key(tab(test, "Gränsvärden och mål").form, "admin_thresholds")).click().run()
    assert [e.value for e in test.error] == [
        "Gräns för litet underlag: måste vara större än minsta antal svar (10)."]
    assert thresholds(engine) == Thresholds()
    by_key(test.number_input, "admin_thresholds_0_small").set_value(40)
    test = button(test, "Spara", by_key(tab(test, "Gränsvärden och mål").form, "admin_thresholds")).click().run()
    assert not test.exception, test.exception
    assert thresholds(engine) == Thresholds(10, 40)
    assert "Gränsvärdena är sparade: minst 10 svar, litet underlag under 40." in successes(test)


def test_names_from_the_data_are_shown_literally(admin_page, sqlite_scratch_url):
    name = "**Ny** [enhet](http://example.com) <b>x</b>"
    test = admin_page("Enheter och regioner")
    by_key(test.text_input, "admin_new_region_0_name").input(name)
    test = button(test, "Skapa", by_key(tab(test, "Enheter och regioner").form, "admin_new_region")).click().run()
    assert not test.exception, test.exception
    message = next(text for text in successes(test) if text.startswith("Regionen"))
    assert "**" not in message.replace("\\*", "") and "\\[enhet\\]" in message and "\\<b\\>" in message
    assert name in set(admin.units_table(engine_for(sqlite_scratch_url))["name"])


def _import_rows(engine, user: str) -> int:
    """Import a small export as ``user`` through the importer; returns its batch id."""
    from ingest import files, load
    from ingest.suggest import suggest
    from tests.import_corpus import good_rows, to_csv

    with engine.connect() as connection:
        user_id = connection.execute(select(User.id).where(User.username == user)).scalar_one()
    source = files.open_source(to_csv(good_rows(12)), "export.csv")
    report = load.run_import(engine, source, suggest(source.columns), user_id=user_id)
    assert report.written == 12
    return report.batch_id


def test_the_import_history_rolls_a_batch_back(sqlite_scratch_url, open_page):
    engine = engine_for(sqlite_scratch_url)
    batch = _import_rows(engine, "admin")
    test = open_page(sqlite_scratch_url, "manager", PAGE)
    tab(test, HISTORY)
    assert "Du kan rulla tillbaka dina egna importer." in [element.value for element in test.caption]
    assert not [box for box in test.selectbox if box.key == "imp_rollback_batch"]  # not their import
    test = open_page(sqlite_scratch_url, "admin", PAGE)
    tab(test, HISTORY)
    assert by_key(test.selectbox, "imp_rollback_batch").value == batch
    rollback = by_key(test.button, "imp_rollback")
    assert rollback.disabled  # only after saying yes
    by_key(test.checkbox, f"imp_sure_{batch}").check()
    test = by_key(test.run().button, "imp_rollback").click().run()
    assert not test.exception, test.exception
    assert f"Import {batch} är tillbakarullad: 12 svar borttagna." in successes(test)
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Response)
                                  .where(Response.import_batch_id == batch)).scalar() == 0
    assert not [box for box in test.selectbox if box.key == "imp_rollback_batch"]  # nothing left to roll back
    # The history is cached by data version: an import elsewhere (here: beside the page) shows on the next run.
    again = _import_rows(engine, "admin")
    assert by_key(tab(open_page(sqlite_scratch_url, "admin", PAGE), HISTORY).selectbox, "imp_rollback_batch").value == again
