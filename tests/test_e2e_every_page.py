"""Every tab of every page for every role in Chromium, on a phone and on a desktop at
once, on a demo whose every label is hostile (Markdown and HTML in each imported field
and each edited name: tests/hostile_labels.py). One walk per role, in a phone's context
(390×844, touch): each page is opened with one tap in the menu at the top, as people on
a phone do, and each tab is checked twice without running the page again, the window
set to 1440×900 for the desktop's checks and back.

On the phone:

- the page runs without an error and keeps its menu at the top;
- nothing is cut off sideways (the page never scrolls horizontally);
- tables show as cards (no grid whose columns sit off-screen, also inside opened
  expanders; the one editable grid, the admin's segments, keeps its key and switch
  first), and each page is photographed (``test-artifacts/phone-<role>-<page>.png``).

On the desktop (the sidebar open, the menu at the top hidden):

- axe-core finds no serious or critical WCAG 2.1 AA violation, and no icon's name is
  exposed to screen readers;
- no link, image or element appears that the app did not make (the hostile labels stay
  text), and the labels are there as text;
- no exception is shown, and ``<html lang>`` is Swedish.

The layout follows the window's width alone (CSS media queries: ``components/menu.py``,
``components/table_cards.py``), so resizing shows what each screen gets. The phone and
the desktop walked the same pages apart before: each walk costs a login and a run of
every tab, about a minute of a core per role. axe-core comes with axe-playwright-python
(no download); the number of checks run is printed: ``python -m pytest
tests/test_e2e_every_page.py -s``. The login page's audit and the keyboard journey are in
tests/test_e2e_axe.py."""

from __future__ import annotations

import pytest

from components.menu import ALL_ROLES, pages_for
from tests.browser import (axe_audit, chromium, drawn, each_tab, log_in, screenshot, side_by_side, streamlit_server,
                           wait_idle)
from tests.conftest import TODAY, copy_sqlite_database
from tests.hostile_labels import CHECK, TOKENS, seed

pytestmark = [pytest.mark.browser, pytest.mark.timeout(1200)]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
SPOKEN_ICONS = ("[data-testid='stIconMaterial']:not([aria-hidden='true']), "
                "span[role='img'][aria-label$=' icon']:not([aria-hidden='true'])")


@pytest.fixture(scope="module")
def server(sqlite_demo_url, tmp_path_factory):
    url = copy_sqlite_database(sqlite_demo_url, tmp_path_factory.mktemp("hostile") / "hostile.db")
    seed(url, TODAY)
    with streamlit_server(url) as base:
        yield base


def _resize(page, size: dict) -> None:
    """Set the window to ``size`` and wait until the layout (and the charts) follow."""
    page.set_viewport_size(size)
    page.wait_for_function(f"window.innerWidth === {size['width']}")
    page.wait_for_timeout(400)


def _overflow(page) -> list[str]:
    """Elements of the page that reach beyond the screen's right edge (outside a frame
    that scrolls by itself, such as a data table)."""
    edge = PHONE["width"] + 1
    return page.evaluate(f"""() => {{
        const out = [];
        const main = document.querySelector("[data-testid='stMain']");
        if (!main) return out;
        for (const el of main.querySelectorAll("*")) {{
            const box = el.getBoundingClientRect();
            if (box.width === 0 || box.right <= {edge}) continue;
            let inner = false;
            for (let up = el.parentElement; up && up !== main; up = up.parentElement) {{
                const style = getComputedStyle(up);
                if (["auto", "scroll", "hidden"].includes(style.overflowX) && up.getBoundingClientRect().right <= {edge}) {{
                    inner = true; break;
                }}
            }}
            if (!inner) out.push((el.getAttribute("data-testid") || el.tagName) + " → " + Math.round(box.right));
        }}
        return out.slice(0, 5);
    }}""")


def _grids(page) -> int:
    """Grids on screen (``st.dataframe``), outside the editors that stay grids on purpose."""
    return page.evaluate("""() => [...document.querySelectorAll("[data-testid='stMain'] [data-testid='stDataFrame']")]
        .filter(el => el.getBoundingClientRect().width > 0 && !el.closest("[class*='st-key-insikt_editor_']"))
        .length""")


def _open_expanders(page) -> None:
    """Open every closed expander, so what is inside is checked too (those of
    ``components.shell.expander`` rerun to draw their content). The first visible closed
    one each time: a list of them taken once shifts as each opens, and skipped every
    other one. On a loaded machine a click can land while the page is still being
    redrawn and go nowhere, so a round that leaves one closed is followed by another."""
    closed = page.locator("[data-testid='stMain'] [data-testid='stExpander'] details:not([open]) > summary")

    def visible() -> list:
        return [summary for summary in closed.all() if summary.is_visible()]

    for _ in range(3):
        for _ in range(closed.count()):
            first = next(iter(visible()), None)
            if first is None:
                break
            first.click()
        wait_idle(page)
        if not visible():
            return
    raise AssertionError(f"expanders stayed closed: {[summary.inner_text() for summary in visible()]}")


def _on_the_phone(page, role: str, name: str, first: bool) -> list[str]:
    """What is wrong with the open tab on the phone (its first tab is photographed)."""
    if first:
        screenshot(page, f"phone-{role}-{name}")
    _open_expanders(page)
    found = []
    if grids := _grids(page):
        found.append(f"{grids} table(s) as a grid, not as cards")
    elif overflow := _overflow(page):
        found.append(f"cut off sideways: {overflow}")
    if not page.locator(".st-key-insikt_top_menu").is_visible():
        found.append("no menu at the top")
    if (wide := page.evaluate("document.documentElement.scrollWidth")) > PHONE["width"]:
        found.append(f"the page is {wide} px wide")
    return found


def _on_the_desktop(page, axe) -> tuple[list[str], int]:
    """What is wrong with the open tab at 1440×900, and the number of axe rule checks made."""
    found, counted = axe_audit(axe, page)
    if not (page.locator("[data-testid='stSidebar']").bounding_box() or {}).get("width"):
        found.append("the sidebar is closed: axe did not see it")
    if page.locator(".st-key-insikt_top_menu").is_visible():
        found.append("the menu at the top shows beside the sidebar")
    if page.locator(SPOKEN_ICONS).count():  # such as "touch_app icon" read aloud
        found.append("an icon's name is exposed to screen readers")
    found += [f"not the app's: {leak}" for leak in sorted(set(page.evaluate(CHECK, TOKENS)))]
    return found, counted


@pytest.mark.parametrize("role", side_by_side("every-page", ALL_ROLES))
def test_every_tab_of_every_page_on_a_phone_and_a_desktop(server, role):
    from axe_playwright_python.sync_playwright import Axe

    axe, problems, checks, tabs, seen = Axe(), {}, 0, 0, {}
    with chromium() as browser:
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        page = context.new_page()
        page.goto(server)
        log_in(page, role)
        page.get_by_role("button", name="Logga ut").wait_for(timeout=60_000)
        for info in pages_for(role):
            name = info.name
            link = page.locator(f".st-key-insikt_top_menu a[href='{name}']")
            try:  # the page before may still be drawing
                link.first.wait_for(state="visible", timeout=60_000)
            except Exception:  # noqa: BLE001 - reported below
                pass
            if not link.count() or not link.first.is_visible():
                problems[f"{role} {name}"] = ["no link in the menu at the top"]
                continue
            link.first.click()  # one tap, in the same session
            page.wait_for_url(f"**/{name}", timeout=60_000)
            drawn(page)
            assert page.evaluate("document.documentElement.lang") == "sv", name
            for index, tab in enumerate(each_tab(page)):  # only the open tab is drawn
                if index:
                    drawn(page)
                found = _on_the_phone(page, role, name, first=not index)
                _resize(page, DESKTOP)
                on_desktop, counted = _on_the_desktop(page, axe)
                found += on_desktop
                if page.locator("[data-testid='stException']").count():
                    found.append("an exception on the page")
                checks, tabs = checks + counted, tabs + 1
                seen[name] = seen.get(name, 0) + page.locator("body").inner_text().count("zq")
                if found:
                    problems[f"{role} {name} {tab}"] = found
                    screenshot(page, f"every-page-{role}-{name}-{tab}")
                _resize(page, PHONE)
        context.close()
    print(f"\n{role}: {tabs} tabs, {checks} axe rule checks, {len(problems)} tabs with problems")
    assert not problems, "\n".join(f"{where}: {found}" for where, found in problems.items())
    assert seen["overview"] > 0, seen  # the hostile labels were on the page, as text
