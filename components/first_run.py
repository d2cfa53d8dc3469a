"""A new deployment's first steps: the page shown while nobody can log in (it
names the command that creates the first administrator), and the checklist on
the admin page whose steps tick themselves."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from components.i18n import t
from queries import first_run, users

COMMAND = 'python -m ingest.users add admin --role admin --display-name "{name}"'
DONE, TODO = ":material/check_circle:", ":material/radio_button_unchecked:"
PIPED = "printf '%s\\n' \"$INSIKT_ADMIN_PASSWORD\" | "


def no_users(engine: Engine, url: str) -> None:
    """Instead of a login form nobody can pass: how to create the first administrator."""
    st.title(t("first_user_title"))
    st.markdown(t("first_user_body"))
    command = COMMAND.format(name=t("first_user_name"))
    st.code(command, language="bash")
    st.markdown(t("first_user_piped"))
    st.code(PIPED + command, language="bash")
    st.markdown(t("first_user_database", url=make_url(url).render_as_string(hide_password=True)))
    st.caption(t("first_user_sso"))
    st.markdown(t("first_user_then"))
    if st.button(t("first_user_check"), type="primary", icon=":material/refresh:"):
        if users.active_users(engine):
            st.rerun()
        st.warning(t("first_user_still_none"), icon=":material/person_off:")


def checklist(engine: Engine, packs: Callable[[], None] | None = None) -> None:
    """The setup steps and whether each is done; nothing when all are. While the
    themes step is not done, ``packs`` draws the choice of theme packs under the list."""
    done = first_run.steps(engine)
    if all(done.values()):
        return
    with st.container(border=True):
        st.subheader(t("first_run_title"))
        st.caption(t("first_run_caption", done=sum(done.values()), total=len(done)))
        lines = [f"{number}. {DONE if done[step] else TODO} {t(f'first_run_step_{step}')} "
                 f"*({t('first_run_done') if done[step] else t('first_run_todo')})*"
                 for number, step in enumerate(first_run.STEPS, start=1)]
        st.markdown("\n".join(lines))
        if packs is not None and not done["themes"]:
            st.markdown(f"**{t('packs_first_run')}**")
            packs()


def no_units(role: str) -> None:
    """Instead of an empty page while the deployment has no units (and so no data)."""
    st.info(t("first_run_no_units"), icon=":material/info:")
    if role == "admin":
        st.page_link("pages/admin.py", label=t("first_run_to_admin"), icon=":material/upload_file:")
