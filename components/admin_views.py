"""The tabs of the admin page: units and regions, touchpoints, users, comment
themes (with a live preview of what a pattern matches), thresholds and targets.

Every change goes through :mod:`queries.admin` (which checks the role again,
validates and writes in one transaction); an :class:`~queries.admin.AdminError`
is shown in the reader's language, naming the field. After a change the page
reruns with a confirmation, so every table shows it at once.

Names from the data are shown in tables (plain text) or through ``markdown_safe``;
comments only in tables, never as Markdown or HTML.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from analysis import measures
from components import data, discovery_views, privacy, table_cards
from components.i18n import TEXTS, current_language, markdown_safe, number, t, translate
from components.shell import Page, fragment
from ingest import theme_packs
from ingest.language import pattern_language
from ingest.themes import PatternError
from queries import admin, discovery, insights
from queries.schema import ROLES

FLASH = "admin_flash"
PASSWORD_ONCE = "admin_password_once"


# --- shared pieces ------------------------------------------------------------------------------

def error_text(error: admin.AdminError, language: str | None = None) -> str:
    """The validation error in the reader's language, naming the field it is about
    (Markdown: the values, which come from the data or the user, are escaped)."""
    language = language or current_language()
    key = f"admin_error_{error.code}"
    # "key" and "language" are the names of translate()'s own arguments: never placeholders.
    values = {name: markdown_safe(value) for name, value in error.params.items()
              if name not in ("key", "language")}
    field = error.params.get("field")
    values["field"] = (translate(f"admin_field_{field}", language) if f"admin_field_{field}" in TEXTS
                       else str(field or ""))
    role = error.params.get("role")
    if f"role_{role}" in TEXTS:
        values["role"] = translate(f"role_{role}", language)
    return translate(key, language, **values) if key in TEXTS else str(error)


def _said(key: str, **values) -> str:
    """``t(key, …)`` for Markdown (messages, labels): values from the data are escaped."""
    return t(key, **{name: markdown_safe(value) for name, value in values.items()})


def _flash(tab: str, message: str) -> None:
    st.session_state.setdefault(FLASH, {})[tab] = message


def _show_flash(tab: str) -> None:
    message = st.session_state.get(FLASH, {}).pop(tab, None)
    if message:
        st.success(message, icon=":material/check_circle:")


def _generation(name: str) -> int:
    """A counter in a form's key: a new one after a save gives empty, fresh fields."""
    return st.session_state.get(f"admin_gen_{name}", 0)


def _next_generation(name: str) -> None:
    st.session_state[f"admin_gen_{name}"] = _generation(name) + 1


def _write(tab: str, action: Callable[[], object], success: Callable[[object], str],
           forms: tuple[str, ...] = (), after: Callable[[object], None] | None = None) -> None:
    """Run a write; on success note the message, renew ``forms`` and rerun,
    otherwise show why nothing changed."""
    try:
        result = action()
    except admin.AdminError as error:
        st.error(error_text(error), icon=":material/error:")
        return
    except PermissionError:
        st.error(t("admin_permission_refused"), icon=":material/block:")
        return
    if after is not None:
        after(result)
    for form in forms:
        _next_generation(form)
    message = success(result)
    _flash(tab, message)
    st.toast(message, icon=":material/check:")
    st.rerun()


def _unit_label(units: pd.DataFrame) -> Callable[[int | None], str]:
    """"Unit (Region)" for a unit, "Region" for a region, by id."""
    labels = {}
    for row in units.itertuples():
        labels[int(row.id)] = f"{row.name} ({row.region})" if row.kind == "unit" and row.region else row.name
    return lambda unit_id: t("admin_none") if unit_id is None else labels.get(unit_id, str(unit_id))


# --- units and regions --------------------------------------------------------------------------

def units_tab(page: Page) -> None:
    """The region/unit list; new regions and units; rename, move, (de)activate; merge."""
    _show_flash("units")
    units = data.units_table(page)
    is_region = units["kind"] != "unit"
    shown = units.assign(region=units["region"].where(~is_region, units["name"]).fillna(""),
                         unit=units["name"].where(~is_region, t("admin_whole_region")))
    table_cards.table(shown[["region", "unit", "active", "responses", "users"]], key="admin_units", hide_index=True,
                      width="stretch", height=min(460, 35 * len(shown) + 38),
                      column_config={"region": st.column_config.TextColumn(t("admin_col_region"), width="medium"),
                                     "unit": st.column_config.TextColumn(t("admin_col_unit"), width="medium"),
                                     "active": st.column_config.CheckboxColumn(t("admin_col_active")),
                                     "responses": st.column_config.NumberColumn(t("admin_col_responses"),
                                                                                format="localized"),
                                     "users": st.column_config.NumberColumn(t("admin_col_users"),
                                                                            help=t("admin_col_users_help"))})
    regions = units[(units["kind"] == "region") & units["active"]]
    region_names = dict(zip(regions["id"].astype(int), regions["name"]))

    new_region, new_unit = st.columns(2, gap="large")
    form = f"admin_new_region_{_generation('new_region')}"
    with new_region, st.form(form):
        st.markdown(f"**{t('admin_new_region')}**")
        name = st.text_input(t("admin_field_name"), max_chars=admin.NAME_MAX, key=f"{form}_name")
        if st.form_submit_button(t("admin_create"), type="primary"):
            _write("units", lambda: admin.create_unit(page.engine, page.account, name, kind="region"),
                   lambda _id: _said("admin_created_region", name=name.strip()), forms=("new_region",))
    form = f"admin_new_unit_{_generation('new_unit')}"
    with new_unit, st.form(form):
        st.markdown(f"**{t('admin_new_unit')}**")
        name = st.text_input(t("admin_field_name"), max_chars=admin.NAME_MAX, key=f"{form}_name")
        region = st.selectbox(t("admin_field_region"), list(region_names), format_func=region_names.get,
                              index=None, placeholder=t("admin_pick_region"), key=f"{form}_region")
        if st.form_submit_button(t("admin_create"), type="primary"):
            _write("units", lambda: admin.create_unit(page.engine, page.account, name, kind="unit",
                                                      parent_id=region),
                   lambda _id: _said("admin_created_unit", name=name.strip()), forms=("new_unit",))

    st.divider()
    _change_unit(page, units, region_names)
    st.divider()
    _merge(page, units)


def _change_unit(page: Page, units: pd.DataFrame, region_names: dict[int, str]) -> None:
    st.subheader(t("admin_change_unit"))
    label = _unit_label(units)
    picked = st.selectbox(t("admin_pick_unit"), [int(unit_id) for unit_id in units["id"]], format_func=label,
                          index=None, placeholder=t("admin_pick_unit_placeholder"), key="admin_unit_pick")
    if picked is None:
        return
    unit = units.set_index("id").loc[picked]
    generation = f"unit_{picked}_{_generation('change_unit')}"
    rename, move, state = st.columns(3, gap="large")
    with rename, st.form(f"admin_rename_unit_{generation}"):
        name = st.text_input(t("admin_field_name"), unit["name"], max_chars=admin.NAME_MAX,
                             key=f"admin_rename_unit_{generation}_name")
        if st.form_submit_button(t("admin_rename")):
            _write("units", lambda: admin.rename_unit(page.engine, page.account, picked, name),
                   lambda _r: _said("admin_renamed", old=unit["name"], name=name.strip()), forms=("change_unit",))
    if unit["kind"] == "unit":
        with move, st.form(f"admin_move_unit_{generation}"):
            current = None if pd.isna(unit["parent_id"]) else int(unit["parent_id"])
            options = list(region_names)
            region = st.selectbox(t("admin_field_region"), options, format_func=region_names.get,
                                  index=options.index(current) if current in options else None,
                                  placeholder=t("admin_pick_region"), key=f"admin_move_unit_{generation}_region")
            if st.form_submit_button(t("admin_move")):
                _write("units", lambda: admin.move_unit(page.engine, page.account, picked, region),
                       lambda _r: _said("admin_moved", name=unit["name"], region=region_names.get(region, "")),
                       forms=("change_unit",))
    with state:
        st.markdown(f"**{t('admin_col_active')}**")
        if unit["active"]:
            st.caption(t("admin_deactivate_help"))
            if st.button(t("admin_deactivate"), key=f"admin_unit_off_{picked}", icon=":material/visibility_off:"):
                _write("units", lambda: admin.set_unit_active(page.engine, page.account, picked, False),
                       lambda _r: _said("admin_deactivated", name=unit["name"]))
        else:
            st.caption(t("admin_inactive_now"))
            if st.button(t("admin_reactivate"), key=f"admin_unit_on_{picked}", icon=":material/visibility:"):
                _write("units", lambda: admin.set_unit_active(page.engine, page.account, picked, True),
                       lambda _r: _said("admin_reactivated", name=unit["name"]))


def _merge(page: Page, units: pd.DataFrame) -> None:
    st.subheader(t("admin_merge_title"))
    st.caption(t("admin_merge_caption"))
    label = _unit_label(units)
    ids = [int(unit_id) for unit_id in units["id"]]
    active = [int(unit_id) for unit_id in units.loc[units["active"], "id"]]
    left, right = st.columns(2, gap="large")
    source = left.selectbox(t("admin_merge_source"), ids, format_func=label, index=None,
                            placeholder=t("admin_pick_unit_placeholder"), key="admin_merge_source")
    target = right.selectbox(t("admin_merge_target"), active, format_func=label, index=None,
                             placeholder=t("admin_pick_unit_placeholder"), key="admin_merge_target")
    if source is None or target is None:
        return
    try:
        counts = admin.merge_preview(page.engine, source, target)
    except admin.AdminError as error:
        st.error(error_text(error), icon=":material/error:")
        return
    names = dict(zip(units["id"].astype(int), units["name"]))
    lines = [f"- {t(f'admin_table_{table}') if f'admin_table_{table}' in TEXTS else markdown_safe(table)}: "
             f"**{number(count)}**" for table, count in counts.items() if count]
    with st.container(border=True):
        st.markdown(t("admin_merge_confirm", source=markdown_safe(names[source]),
                      target=markdown_safe(names[target])))
        st.markdown("\n".join(lines) if lines else t("admin_merge_nothing"))
        sure = st.checkbox(_said("admin_merge_sure", source=names[source]), key=f"admin_merge_sure_{source}_{target}")
        if st.button(t("admin_merge_button"), type="primary", disabled=not sure, icon=":material/merge:",
                     key="admin_merge_button"):
            def forget(_moved) -> None:
                for key in ("admin_merge_source", "admin_merge_target", "admin_unit_pick"):
                    st.session_state.pop(key, None)
            _write("units", lambda: admin.merge_units(page.engine, page.account, source, target),
                   lambda moved: _said("admin_merged", source=names[source], target=names[target],
                                   n=number(moved.get("responses", 0))), after=forget)


# --- touchpoints --------------------------------------------------------------------------------

def touchpoints_tab(page: Page) -> None:
    """The touchpoints in their order: new, rename, move up or down."""
    _show_flash("touchpoints")
    points = admin.touchpoints_table(page.engine)
    table_cards.table(points.assign(position=range(1, len(points) + 1))[
                          ["position", "key", "name_sv", "name_en", "responses"]],
                      key="admin_touchpoints", hide_index=True, width="stretch",
                      column_config={"position": st.column_config.NumberColumn(t("admin_col_position"), width="small"),
                                     "key": t("admin_col_key"), "name_sv": t("admin_field_name_sv"),
                                     "name_en": t("admin_field_name_en"),
                                     "responses": st.column_config.NumberColumn(t("admin_col_responses"),
                                                                                format="localized")})
    names = dict(zip(points["id"].astype(int), points[f"name_{page.language}"]))
    change, create = st.columns(2, gap="large")
    with change:
        st.markdown(f"**{t('admin_change_touchpoint')}**")
        picked = st.selectbox(t("admin_col_touchpoint"), list(names), format_func=names.get, index=None,
                              placeholder=t("admin_pick_touchpoint"), key="admin_touchpoint_pick")
        if picked is not None:
            row = points.set_index("id").loc[picked]
            up, down = st.columns(2)
            if up.button(t("admin_move_up"), key="admin_tp_up", icon=":material/arrow_upward:",
                         disabled=int(points["id"].iloc[0]) == picked, width="stretch"):
                _write("touchpoints", lambda: admin.move_touchpoint(page.engine, page.account, picked, -1),
                       lambda _r: t("admin_reordered"))
            if down.button(t("admin_move_down"), key="admin_tp_down", icon=":material/arrow_downward:",
                           disabled=int(points["id"].iloc[-1]) == picked, width="stretch"):
                _write("touchpoints", lambda: admin.move_touchpoint(page.engine, page.account, picked, 1),
                       lambda _r: t("admin_reordered"))
            form = f"admin_rename_tp_{picked}_{_generation('rename_tp')}"
            with st.form(form):
                name_sv = st.text_input(t("admin_field_name_sv"), row["name_sv"], max_chars=admin.NAME_MAX,
                                        key=f"{form}_sv")
                name_en = st.text_input(t("admin_field_name_en"), row["name_en"], max_chars=admin.NAME_MAX,
                                        key=f"{form}_en")
                if st.form_submit_button(t("admin_rename")):
                    _write("touchpoints",
                           lambda: admin.rename_touchpoint(page.engine, page.account, picked, name_sv, name_en),
                           lambda _r: t("admin_saved"), forms=("rename_tp",))
    form = f"admin_new_tp_{_generation('new_tp')}"
    with create, st.form(form):
        st.markdown(f"**{t('admin_new_touchpoint')}**")
        key = st.text_input(t("admin_field_key"), max_chars=admin.KEY_MAX, help=t("admin_key_help"),
                            key=f"{form}_key")
        name_sv = st.text_input(t("admin_field_name_sv"), max_chars=admin.NAME_MAX, key=f"{form}_sv")
        name_en = st.text_input(t("admin_field_name_en"), max_chars=admin.NAME_MAX, key=f"{form}_en")
        if st.form_submit_button(t("admin_create"), type="primary"):
            _write("touchpoints",
                   lambda: admin.create_touchpoint(page.engine, page.account, key, name_sv, name_en),
                   lambda _id: _said("admin_created_touchpoint", name=name_sv.strip()), forms=("new_tp",))


# --- users --------------------------------------------------------------------------------------

def _remember_password(username: str) -> Callable[[object], None]:
    def keep(result) -> None:
        password = result.password if isinstance(result, admin.NewUser) else result
        if password:
            st.session_state[PASSWORD_ONCE] = (username, password)
    return keep


def _show_password_once() -> None:
    once = st.session_state.pop(PASSWORD_ONCE, None)
    if once:
        username, password = once
        with st.container(border=True):
            st.markdown(t("admin_password_once", username=markdown_safe(username)))
            st.code(password, language=None)


def users_tab(page: Page) -> None:
    """The users (never a password hash); new user; role, unit, password, (de)activate."""
    _show_flash("users")
    _show_password_once()
    people = admin.users_table(page.engine)
    units = data.units_table(page)
    shown = people.assign(role=[t(f"role_{role}") for role in people["role"]], unit=people["unit"].fillna(""),
                          email=people["email"].fillna(""))
    table_cards.table(shown[["username", "display_name", "email", "role", "unit", "active", "has_password",
                             "must_change_password", "last_seen_at"]], key="admin_users", hide_index=True, width="stretch",
                      column_config={"username": t("admin_field_username"),
                                     "display_name": t("admin_field_display_name"),
                                     "email": t("admin_field_email"), "role": t("admin_field_role"),
                                     "unit": t("admin_field_unit"),
                                     "active": st.column_config.CheckboxColumn(t("admin_col_active")),
                                     "has_password": st.column_config.CheckboxColumn(t("admin_col_has_password"),
                                                                                     help=t("admin_has_password_help")),
                                     "must_change_password": st.column_config.CheckboxColumn(
                                         t("admin_col_must_change"), help=t("admin_must_change_help")),
                                     "last_seen_at": st.column_config.DatetimeColumn(t("admin_col_last_seen"),
                                                                                     format="YYYY-MM-DD HH:mm")})
    scopes = [int(unit_id) for unit_id in units.loc[units["active"], "id"]]
    label = _unit_label(units)
    create, change = st.columns(2, gap="large")
    form = f"admin_new_user_{_generation('new_user')}"
    with create, st.form(form):
        st.markdown(f"**{t('admin_new_user')}**")
        username = st.text_input(t("admin_field_username"), max_chars=admin.USERNAME_MAX, key=f"{form}_username")
        display_name = st.text_input(t("admin_field_display_name"), max_chars=admin.NAME_MAX,
                                     key=f"{form}_display_name")
        email = st.text_input(t("admin_field_email"), max_chars=admin.EMAIL_MAX, key=f"{form}_email")
        role = st.selectbox(t("admin_field_role"), ROLES, index=ROLES.index("staff"),
                            format_func=lambda r: t(f"role_{r}"), key=f"{form}_role")
        unit = st.selectbox(t("admin_field_unit"), [None, *scopes], format_func=label,
                            help=t("admin_unit_help"), key=f"{form}_unit")
        password = st.text_input(t("admin_field_password"), type="password", help=t("admin_password_help"),
                                 key=f"{form}_password")
        if st.form_submit_button(t("admin_create"), type="primary"):
            _write("users", lambda: admin.create_user(
                       page.engine, page.account, username=username, display_name=display_name, role=role,
                       unit_id=unit if role in admin.SCOPED_ROLES else None, email=email,
                       password=password or None),
                   lambda _new: _said("admin_created_user", username=username.strip().lower()),
                   forms=("new_user",), after=_remember_password(username.strip().lower()))
    with change:
        _change_user(page, people, scopes, label)


def _change_user(page: Page, people: pd.DataFrame, scopes: list[int], label) -> None:
    st.markdown(f"**{t('admin_change_user')}**")
    names = {int(row.id): f"{row.display_name} ({row.username})" for row in people.itertuples()}
    picked = st.selectbox(t("admin_pick_user"), list(names), format_func=names.get, index=None,
                          placeholder=t("admin_pick_user_placeholder"), key="admin_user_pick")
    if picked is None:
        return
    person = people.set_index("id").loc[picked]
    current_unit = None if pd.isna(person["unit_id"]) else int(person["unit_id"])
    options = [None, *scopes] + ([current_unit] if current_unit is not None and current_unit not in scopes else [])
    form = f"admin_edit_user_{picked}_{_generation('edit_user')}"
    with st.form(form):
        display_name = st.text_input(t("admin_field_display_name"), person["display_name"],
                                     max_chars=admin.NAME_MAX, key=f"{form}_display_name")
        email = st.text_input(t("admin_field_email"), person["email"] or "", max_chars=admin.EMAIL_MAX,
                              key=f"{form}_email")
        role = st.selectbox(t("admin_field_role"), ROLES, index=ROLES.index(person["role"]),
                            format_func=lambda r: t(f"role_{r}"), key=f"{form}_role")
        unit = st.selectbox(t("admin_field_unit"), options, index=options.index(current_unit),
                            format_func=label, help=t("admin_unit_help"), key=f"{form}_unit")
        if st.form_submit_button(t("admin_save")):
            _write("users", lambda: admin.update_user(
                       page.engine, page.account, picked, role=role,
                       unit_id=unit if role in admin.SCOPED_ROLES else None,
                       display_name=display_name, email=email),
                   lambda _r: _said("admin_saved_user", username=person["username"]), forms=("edit_user",))
    reset, state = st.columns(2)
    if reset.button(t("admin_reset_password"), key=f"admin_reset_{picked}", icon=":material/key:",
                    help=t("admin_reset_help"), width="stretch"):
        _write("users", lambda: admin.reset_password(page.engine, page.account, picked),
               lambda _p: _said("admin_password_reset", username=person["username"]),
               after=_remember_password(person["username"]))
    if person["active"]:
        if state.button(t("admin_deactivate"), key=f"admin_user_off_{picked}", icon=":material/person_off:",
                        width="stretch", disabled=picked == page.account.id):
            _write("users", lambda: admin.set_user_active(page.engine, page.account, picked, False),
                   lambda _r: _said("admin_deactivated", name=person["username"]))
    elif state.button(t("admin_reactivate"), key=f"admin_user_on_{picked}", icon=":material/person:",
                      width="stretch"):
        _write("users", lambda: admin.set_user_active(page.engine, page.account, picked, True),
               lambda _r: _said("admin_reactivated", name=person["username"]))


# --- themes -------------------------------------------------------------------------------------

def themes_tab(page: Page) -> None:
    """The theme list; edit or create a theme with a live preview; (de)activate."""
    _show_flash("themes")
    table = data.themes_table(page)
    shown = table.assign(name=table[f"name_{page.language}"], position=range(1, len(table) + 1))
    table_cards.table(shown[["position", "key", "name", "active", "comments"]], key="admin_themes", hide_index=True, width="stretch",
                      column_config={"position": st.column_config.NumberColumn(t("admin_col_position"), width="small"),
                                     "key": t("admin_col_key"), "name": t("admin_col_name"),
                                     "active": st.column_config.CheckboxColumn(t("admin_col_active")),
                                     "comments": st.column_config.NumberColumn(t("admin_col_tagged"),
                                                                               format="localized")})
    discovery_views.admin_section(page, table)
    st.divider()
    comments = data.recent_comments(page)
    if discovery_views.draft() is not None:  # a new theme from a suggestion or a proposal
        _theme_editor(page, None, None, comments, discovery_views.draft())
        return
    names = {int(row.id): f"{row[f'name_{page.language}']} ({row['key']})" for _i, row in table.iterrows()}
    choices = [None, *names]
    picked = st.selectbox(t("admin_pick_theme"), choices,
                          format_func=lambda theme_id: t("admin_new_theme") if theme_id is None else names[theme_id],
                          index=1 if len(choices) > 1 else 0, key="admin_theme_pick")
    theme = None if picked is None else table.set_index("id").loc[picked]
    _theme_editor(page, picked, theme, comments)
    with st.expander(t("packs_title"), icon=":material/library_books:"):
        pack_loader(page, "admin")


def pack_loader(page: Page, where: str) -> None:
    """Pick a theme pack, see what loading it changes, and load it (then every
    comment is tagged again); ``where`` keeps the widgets of two places apart."""
    packs = list(theme_packs.PACKS)
    chosen = st.selectbox(t("packs_pick"), packs, format_func=lambda key: t(f"pack_{key}"),
                          key=f"{where}_pack_pick")
    st.caption(t(f"pack_{chosen}_about"))
    changes = data.theme_pack_changes(page, chosen)
    lines = []
    if changes["added"]:
        lines.append(t("packs_added", keys=", ".join(f"`{key}`" for key in changes["added"])))
    if changes["replaced"]:
        languages = ", ".join(t(f"packs_language_{code}") for code in theme_packs.get(chosen).languages)
        lines.append(t("packs_replaced", languages=languages,
                       keys=", ".join(f"`{key}`" for key in changes["replaced"])))
    st.markdown("\n".join(f"- {line}" for line in lines))
    others_off = bool(changes["outside"]) and st.checkbox(
        t("packs_others_off", keys=", ".join(f"`{key}`" for key in changes["outside"])),
        value=where == "first_run", key=f"{where}_pack_others_off", help=t("packs_others_off_help"))
    if st.button(t("packs_load"), key=f"{where}_pack_load", icon=":material/library_add:"):
        with st.spinner(t("admin_retagging")):
            _write("themes", lambda: admin.load_theme_pack(page.engine, page.account, chosen, others_off),
                   lambda done: t("packs_loaded", pack=t(f"pack_{chosen}"), added=number(len(done["added"])),
                                  replaced=number(len(done["replaced"])),
                                  off=number(len(done["deactivated"]))), forms=("theme",))


@fragment
def _theme_editor(page: Page, theme_id: int | None, theme: pd.Series | None, comments: pd.DataFrame,
                  draft: dict | None = None) -> None:
    """Names and patterns of one theme (or a new one, filled from a suggested
    ``draft`` when there is one). The preview follows every change of a pattern
    box without rerunning the rest of the page."""
    suffix = f"{theme_id or 'new'}_{_generation('theme')}"
    st.caption(t("admin_pattern_syntax"))
    start = theme if theme is not None else draft or {}
    if draft is not None:
        note, discard = st.columns([4, 1], vertical_alignment="center")
        note.info(_said("draft_from_candidate", terms=draft["terms"]), icon=":material/auto_awesome:")
        if discard.button(t("draft_discard"), key=f"admin_draft_discard_{suffix}", width="stretch"):
            discovery_views.drop_draft()
            _next_generation("theme")
            st.rerun(scope="app")
    key = theme["key"] if theme is not None else st.text_input(
        t("admin_field_key"), start.get("key", ""), max_chars=admin.KEY_MAX, help=t("admin_key_help"),
        key=f"admin_theme_key_{suffix}")
    left, right = st.columns(2, gap="large")
    name_sv = left.text_input(t("admin_field_name_sv"), start.get("name_sv", ""),
                              max_chars=admin.NAME_MAX, key=f"admin_theme_sv_{suffix}")
    name_en = right.text_input(t("admin_field_name_en"), start.get("name_en", ""),
                               max_chars=admin.NAME_MAX, key=f"admin_theme_en_{suffix}")
    patterns_sv = left.text_area(t("admin_field_patterns_sv"), start.get("patterns_sv", ""),
                                 height=220, key=f"admin_patterns_sv_{suffix}", help=t("admin_patterns_help"))
    patterns_en = right.text_area(t("admin_field_patterns_en"), start.get("patterns_en", ""),
                                  height=220, key=f"admin_patterns_en_{suffix}", help=t("admin_patterns_help"))
    valid = _preview(theme, comments, patterns_sv, patterns_en, key or "new")

    save, state = st.columns([3, 1])
    if theme is None:
        proposal = (draft or {}).get("proposal_id")
        if save.button(t("admin_create_theme"), type="primary", disabled=not valid, key="admin_theme_create"):
            def create() -> int:
                if proposal is not None:
                    return discovery.accept(page.engine, page.account, proposal, key, name_sv, name_en,
                                            patterns_sv, patterns_en)
                return admin.create_theme(page.engine, page.account, key, name_sv, name_en, patterns_sv,
                                          patterns_en)
            with st.spinner(t("admin_retagging")):
                _write("themes", create, lambda _id: _said("admin_created_theme", name=name_sv.strip()),
                       forms=("theme",), after=lambda _id: discovery_views.drop_draft())
        return
    if save.button(t("admin_save_theme"), type="primary", disabled=not valid, key="admin_theme_save"):
        with st.spinner(t("admin_retagging")):
            _write("themes", lambda: admin.update_theme(page.engine, page.account, theme_id, name_sv=name_sv,
                                                        name_en=name_en, patterns_sv=patterns_sv,
                                                        patterns_en=patterns_en),
                   lambda tagged: _said("admin_saved_theme", name=name_sv.strip(), n=number(tagged)),
                   forms=("theme",))
    active = bool(theme["active"])
    if state.button(t("admin_deactivate") if active else t("admin_reactivate"), key="admin_theme_toggle",
                    icon=":material/visibility_off:" if active else ":material/visibility:", width="stretch"):
        with st.spinner(t("admin_retagging")):
            _write("themes", lambda: admin.set_theme_active(page.engine, page.account, theme_id, not active),
                   lambda _r: _said("admin_deactivated" if active else "admin_reactivated", name=theme["key"]),
                   forms=("theme",))


def _preview(theme: pd.Series | None, comments: pd.DataFrame, patterns_sv: str, patterns_en: str,
             key: str) -> bool:
    """Which of the newest comments the patterns match, with the count, as plain
    text; False (and the reason) when a pattern cannot be used."""
    st.markdown(f"**{t('admin_preview_title')}**")
    try:
        matched = admin.pattern_matches(comments, patterns_sv, patterns_en, key)
    except PatternError as error:
        st.error(_said("admin_pattern_error", pattern=error.pattern, lang=error.language, reason=error.reason),
                 icon=":material/error:")
        return False
    before = None
    if theme is not None:
        try:
            before = admin.pattern_matches(comments, theme["patterns_sv"], theme["patterns_en"], key)
        except PatternError:
            before = None
    count = int(matched.sum())
    summary = t("admin_preview_count", n=number(count), total=number(len(comments)))
    if before is not None:
        summary += " " + t("admin_preview_change", saved=number(int(before.sum())),
                           gained=number(int((matched & ~before).sum())),
                           lost=number(int((before & ~matched).sum())))
    st.caption(summary)
    codes = comments["language"] if "language" in comments else pd.Series(dtype=object)
    other = sum(pattern_language(None if pd.isna(code) else code) is None for code in codes)
    st.caption(t("admin_preview_languages", other=number(other)))
    if count:
        rows = privacy.shown_frame(comments[matched], ("comment",)).assign(
            saved=before[matched] if before is not None else False)[["responded_at", "unit", "nps", "saved",
                                                                     "comment"]]
        table_cards.table(rows, key="admin_pattern_preview", hide_index=True, width="stretch", height=min(360, 36 * count + 40),
                          column_config={"responded_at": st.column_config.DatetimeColumn(t("admin_col_date"),
                                                                                         format="YYYY-MM-DD",
                                                                                         width=95),
                                         "unit": st.column_config.TextColumn(t("admin_field_unit"), width=130),
                                         "nps": st.column_config.NumberColumn(t("admin_col_score"), width=60),
                                         "saved": st.column_config.CheckboxColumn(t("admin_col_matched_before"),
                                                                                  width=110),
                                         "comment": st.column_config.TextColumn(t("admin_col_comment"),
                                                                                width=1000)})
    return True


# --- thresholds and targets ---------------------------------------------------------------------

def thresholds_tab(page: Page) -> None:
    """The two group-size thresholds and the targets of the strengths page, one per
    measure the data has (or that has a target already)."""
    _show_flash("thresholds")
    limits, goals = st.columns(2, gap="large")
    form = f"admin_thresholds_{_generation('thresholds')}"
    with limits, st.form(form):
        st.markdown(f"**{t('admin_thresholds_title')}**")
        st.caption(t("admin_thresholds_caption"))
        minimum = st.number_input(t("admin_field_min_responses"), min_value=1, max_value=100_000,
                                  value=page.thresholds.min_responses, step=1,
                                  help=t("admin_min_responses_help"), key=f"{form}_min")
        small = st.number_input(t("admin_field_small_sample"), min_value=1, max_value=100_000,
                                value=page.thresholds.small_sample, step=1, help=t("admin_small_sample_help"),
                                key=f"{form}_small")
        if st.form_submit_button(t("admin_save"), type="primary"):
            _write("thresholds", lambda: admin.set_thresholds(page.engine, page.account, int(minimum), int(small)),
                   lambda _r: t("admin_saved_thresholds", min=number(int(minimum)), small=number(int(small))),
                   forms=("thresholds",))
    current = insights.targets(page.engine)
    with goals, st.form(f"admin_targets_{_generation('targets')}"):
        st.markdown(f"**{t('admin_targets_title')}**")
        st.caption(t("admin_targets_caption"))
        shown = [key for key in measures.KEYS
                 if key in current or key in measures.available(data.scope_totals(page))]
        chosen = {}
        for key in shown:  # NPS in points, the others a share typed in per cent
            m = measures.get(key)
            use = st.checkbox(t(f"admin_use_{key}_target"), value=key in current)
            if m.percent:
                value = st.number_input(t(f"admin_field_target_{key}"), min_value=0.0, max_value=100.0,
                                        value=round(100 * float(current.get(key, 0.8)), 1), step=1.0, format="%.0f")
            else:
                value = st.number_input(t(f"admin_field_target_{key}"), min_value=-100.0, max_value=100.0,
                                        value=float(current.get(key, 30.0)), step=1.0, format="%.0f")
            chosen[key] = (use, value / 100 if m.percent else value)
        if st.form_submit_button(t("admin_save"), type="primary"):
            def save() -> None:
                for measure, (use, value) in chosen.items():
                    if use:
                        admin.set_target(page.engine, page.account, measure, value)
                    elif measure in current:
                        admin.clear_target(page.engine, page.account, measure)
            _write("thresholds", save, lambda _r: t("admin_saved_targets"), forms=("targets",))
