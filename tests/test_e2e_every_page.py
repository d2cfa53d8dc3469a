"""Every tab of every page for every role, in Chromium at 1440×900, on a demo whose every
label is hostile (Markdown and HTML in each imported field and each edited name:
tests/hostile_labels.py). On each tab:

- axe-core finds no serious or critical WCAG 2.1 AA violation, and no icon's name is
  exposed to screen readers;
- no link, image or element appears that the app did not make (the hostile labels stay
  text), and the labels are there as text;
- no exception is shown, and ``<html lang>`` is Swedish.

One walk per role checks all of it: a walk costs about a minute of a core, and the
accessibility and hostile-label checks walked the same pages apart before. Pages are
opened from the sidebar, as people do. axe-core comes with axe-playwright-python (no
download); the number of checks run is printed: ``python -m pytest
tests/test_e2e_every_page.py -s``. The login page's audit and the keyboard journey are in
tests/test_e2e_axe.py."""

from __future__ import annotations

import pytest

from components.menu import ALL_ROLES, pages_for
from tests.browser import axe_audit, chromium, drawn, each_tab, log_in, screenshot, side_by_side, streamlit_server
from tests.conftest import TODAY, copy_sqlite_database
from tests.hostile_labels import CHECK, TOKENS, seed

pytestmark = pytest.mark.browser
SPOKEN_ICONS = ("[data-testid='stIconMaterial']:not([aria-hidden='true']), "
                "span[role='img'][aria-label$=' icon']:not([aria-hidden='true'])")


@pytest.fixture(scope="module")
def server(sqlite_demo_url, tmp_path_factory):
    url = copy_sqlite_database(sqlite_demo_url, tmp_path_factory.mktemp("hostile") / "hostile.db")
    seed(url, TODAY)
    with streamlit_server(url) as base:
        yield base


def open_from_sidebar(page, name: str) -> None:
    """Click the page ``name`` in the sidebar and wait until its run is over."""
    page.locator(f"[data-testid='stSidebar'] a[href='{name}']").first.click()
    page.wait_for_url(f"**/{name}", timeout=60_000)
    drawn(page)


@pytest.mark.parametrize("role", side_by_side("every-page", ALL_ROLES))
def test_every_tab_of_every_page_is_accessible_and_keeps_hostile_labels_as_text(server, role):
    from axe_playwright_python.sync_playwright import Axe

    axe, problems, checks, tabs, seen = Axe(), {}, 0, 0, {}
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        page = context.new_page()
        page.goto(server)
        log_in(page, role)
        page.get_by_role("button", name="Logga ut").wait_for(timeout=60_000)
        for info in pages_for(role):
            name = info.path.removeprefix("pages/").removesuffix(".py")
            open_from_sidebar(page, name)
            assert page.evaluate("document.documentElement.lang") == "sv", name
            for index, tab in enumerate(each_tab(page)):  # only the open tab is drawn
                if index:
                    drawn(page)
                where = f"{role} {name} {tab}"
                found, counted = axe_audit(axe, page)
                if page.locator(SPOKEN_ICONS).count():  # such as "touch_app icon" read aloud
                    found.append("an icon's name is exposed to screen readers")
                found += [f"not the app's: {leak}" for leak in sorted(set(page.evaluate(CHECK, TOKENS)))]
                if page.locator("[data-testid='stException']").count():
                    found.append("an exception on the page")
                checks, tabs = checks + counted, tabs + 1
                seen[name] = seen.get(name, 0) + page.locator("body").inner_text().count("zq")
                if found:
                    problems[where] = found
                    screenshot(page, f"every-page-{role}-{name}-{tab}")
        context.close()
    print(f"\n{role}: {tabs} tabs, {checks} axe rule checks, {len(problems)} tabs with problems")
    assert not problems, "\n".join(f"{where}: {found}" for where, found in problems.items())
    assert seen["overview"] > 0, seen  # the hostile labels were on the page, as text
