"""The pages of Insikt, who may use each, and the sidebar menu drawn from them."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from components import table_cards
from components.i18n import t

ALL_ROLES = ("leader", "manager", "staff", "admin")


@dataclass(frozen=True)
class PageInfo:
    path: str  # file under the project root, as st.page_link and st.switch_page want it
    label_key: str
    icon: str
    roles: tuple[str, ...]

    @property
    def name(self) -> str:
        """The page's name in the app's URLs (``pages/my_day.py``: ``my_day``)."""
        return self.path.removeprefix("pages/").removesuffix(".py")


PAGES = (
    PageInfo("pages/my_day.py", "menu_my_day", ":material/today:", ("staff", "manager")),
    PageInfo("pages/overview.py", "menu_overview", ":material/monitoring:", ALL_ROLES),
    PageInfo("pages/strengths.py", "menu_strengths", ":material/balance:", ALL_ROLES),
    PageInfo("pages/comments.py", "menu_comments", ":material/forum:", ALL_ROLES),
    PageInfo("pages/workshop.py", "menu_workshop", ":material/groups:", ALL_ROLES),  # staff take part
    PageInfo("pages/actions.py", "menu_actions", ":material/task_alt:", ALL_ROLES),
    PageInfo("pages/follow_up.py", "menu_follow_up", ":material/support_agent:", ALL_ROLES),
    PageInfo("pages/admin.py", "menu_admin", ":material/admin_panel_settings:", ("admin", "manager")),
    PageInfo("pages/notifications.py", "menu_notifications", ":material/notifications:", ALL_ROLES),
    PageInfo("pages/account.py", "menu_account", ":material/account_circle:", ALL_ROLES),
)

# Where each role lands after logging in.
LANDING = {role: "pages/overview.py" for role in ALL_ROLES} | {"staff": "pages/my_day.py"}


def pages_for(role: str) -> list[PageInfo]:
    return [page for page in PAGES if role in page.roles]


# On a narrow screen (a phone) the sidebar hides behind a button and stays open
# after each tap; the same links then also sit in a bar at the top of the page.
# Tables show as cards there too (components.table_cards).
NARROW_STYLE = """
<style>
.st-key-insikt_top_menu { display: none !important; }
@media (max-width: 640px) {
  .st-key-insikt_top_menu { display: flex !important; flex-wrap: wrap; gap: 0.15rem 0.4rem; margin-bottom: 0.5rem; }
  .st-key-insikt_top_menu > div { width: auto !important; flex: 0 0 auto; }
}
""" + table_cards.STYLE + """
</style>
"""


def draw(role: str) -> None:
    """Links to the pages this role may use: in the sidebar, and on a phone also
    at the top of the page, each one tap away."""
    for page in pages_for(role):
        st.sidebar.page_link(page.path, label=t(page.label_key), icon=page.icon)
    st.html(NARROW_STYLE)
    with st.container(key="insikt_top_menu", horizontal=True, gap="small"):
        for page in pages_for(role):
            st.page_link(page.path, label=t(page.label_key), icon=page.icon)
