"""The notification settings: each user's choice of e-mails and their language
(:func:`preferences`), and, for admins, the units' chat webhooks (:func:`webhooks`)."""

from __future__ import annotations

import streamlit as st

from components import data, table_cards
from components.i18n import LANGUAGES, default_language, markdown_safe, t
from components.shell import Page
from notify.config import ConfigError, settings
from queries import notifications


def _email_status() -> None:
    try:
        configured = settings().smtp is not None
    except ConfigError as error:
        st.error(t("nt_config_error", error=markdown_safe(error)), icon=":material/error:")
        return
    if not configured:
        st.info(t("nt_off"), icon=":material/notifications_off:")


def preferences(page: Page) -> None:
    """The user's own choices: which kinds of e-mail, and in which language."""
    _email_status()
    current = notifications.choices(page.engine, page.account.id)
    if current.email:
        st.caption(t("nt_email", email=markdown_safe(current.email)))
    else:
        st.warning(t("nt_no_email"), icon=":material/mail:")
    languages = [None, *LANGUAGES]
    names = {None: t("nt_language_default", name=LANGUAGES[default_language()])} | LANGUAGES
    with st.form("notification_preferences"):
        language = st.selectbox(t("nt_language"), languages, index=languages.index(current.language),
                                format_func=names.get, key="nt_language")
        st.markdown(f"**{t('nt_kinds')}**")
        chosen = {kind: st.toggle(t(f"nt_kind_{kind}"), value=on, help=t(f"nt_kind_{kind}_help"),
                                  key=f"nt_kind_{kind}")
                  for kind, on in current.kinds.items()}
        if st.form_submit_button(t("nt_save"), type="primary", icon=":material/save:"):
            notifications.save_choices(page.engine, page.account, page.account.id, chosen, language)
            st.success(t("nt_saved"), icon=":material/check:")


def webhooks(page: Page) -> None:
    """Admins: the chat webhook of each unit (one address per unit)."""
    st.subheader(t("nt_webhooks_title"))
    st.caption(t("nt_webhooks_caption"))
    existing = notifications.webhooks(page.engine)
    if existing.empty:
        st.caption(t("nt_webhooks_empty"))
    else:
        table_cards.table(existing[["unit", "url", "active"]], key="webhooks", hide_index=True, width="stretch", column_config={
            "unit": t("nt_webhook_unit"), "url": t("nt_webhook_url"), "active": t("nt_webhook_active")})
    units = data.units_in_scope(page).sort_values("name")
    names = dict(zip(units["id"].astype(int), units["name"]))
    with st.form("webhook"):
        unit_id = st.selectbox(t("nt_webhook_unit"), list(names), format_func=names.get, key="webhook_unit")
        url = st.text_input(t("nt_webhook_url"), help=t("nt_webhook_url_help"), key="webhook_url",
                            max_chars=notifications.URL_MAX)
        active = st.checkbox(t("nt_webhook_active"), value=True, key="webhook_active")
        if st.form_submit_button(t("nt_webhook_save"), icon=":material/webhook:"):
            try:
                notifications.save_webhook(page.engine, page.account, unit_id, url, active)
            except notifications.WebhookUrlError as error:
                st.error(t(f"nt_webhook_{error.code}", url=markdown_safe(url.strip()[:120])), icon=":material/link_off:")
            else:
                st.success(t("nt_webhook_saved", unit=markdown_safe(names[unit_id])), icon=":material/check:")
                st.rerun()
    if not existing.empty:
        hooks = dict(zip(existing["id"].astype(int), existing["unit"]))
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        chosen = left.selectbox(t("nt_webhook_unit"), list(hooks), format_func=hooks.get, key="webhook_remove")
        if right.button(t("nt_webhook_remove"), icon=":material/delete:", key="webhook_remove_button"):
            notifications.delete_webhook(page.engine, page.account, chosen)
            st.toast(t("nt_webhook_removed", unit=markdown_safe(hooks[chosen])))
            st.rerun()
