"""Every tab of every page of every role on a 390×844 phone in Chromium (one server, one
browser): the page runs without an error, nothing is cut off sideways (the page never scrolls
horizontally), tables show as cards (no grid whose columns sit off-screen, also inside
opened expanders; the one editable grid, the admin's segments, keeps its key and switch
first), every page is one tap away in the menu at the top, and each page is photographed
(``test-artifacts/phone-<role>-<page>.png``)."""

from __future__ import annotations

import pytest

from components.menu import pages_for
from tests.browser import chromium, each_tab, log_in, screenshot, side_by_side, streamlit_server, wait_idle
from tests.test_pages import ROLES

WIDTH, HEIGHT = 390, 844
pytestmark = [pytest.mark.browser, pytest.mark.timeout(1200)]


@pytest.fixture(scope="module")
def server(sqlite_demo_url):
    with streamlit_server(sqlite_demo_url) as base:
        yield base


def _overflow(page) -> list[str]:
    """Elements of the page that reach beyond the screen's right edge (outside a frame
    that scrolls by itself, such as a data table)."""
    return page.evaluate(f"""() => {{
        const out = [];
        const main = document.querySelector("[data-testid='stMain']");
        if (!main) return out;
        for (const el of main.querySelectorAll("*")) {{
            const box = el.getBoundingClientRect();
            if (box.width === 0 || box.right <= {WIDTH} + 1) continue;
            let inner = false;
            for (let up = el.parentElement; up && up !== main; up = up.parentElement) {{
                const style = getComputedStyle(up);
                if (["auto", "scroll", "hidden"].includes(style.overflowX) && up.getBoundingClientRect().right <= {WIDTH} + 1) {{
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
    """Open every closed expander (drawn in the browser, no rerun), so what is inside is checked too."""
    for summary in page.locator("[data-testid='stMain'] [data-testid='stExpander'] details:not([open]) > summary").all():
        if summary.is_visible():
            summary.click()
    page.wait_for_timeout(300)


@pytest.mark.parametrize("role", side_by_side("phone", ROLES))
def test_every_page_fits_a_phone_for_every_role(server, role):
    problems: dict[str, object] = {}
    with chromium() as browser:
        context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, is_mobile=True,
                                      has_touch=True)
        page = context.new_page()
        page.goto(server)
        log_in(page, role)
        wait_idle(page, 120_000)
        for info in pages_for(role):
            name = info.path.removeprefix("pages/").removesuffix(".py")
            link = page.locator(f".st-key-insikt_top_menu a[href='{name}']")
            try:  # the page before may still be drawing
                link.first.wait_for(state="visible", timeout=60_000)
            except Exception:  # noqa: BLE001 - reported below
                pass
            if not link.count() or not link.first.is_visible():
                problems[f"{role} {name}"] = "no link in the menu at the top"
                continue
            link.first.click()  # one tap, in the same session
            wait_idle(page, 120_000)
            page.wait_for_timeout(300)
            for index, tab in enumerate(each_tab(page)):
                where = f"{role} {name} {tab}"
                if not index:
                    screenshot(page, f"phone-{role}-{name}")
                _open_expanders(page)
                if grids := _grids(page):
                    problems[where] = f"{grids} table(s) as a grid, not as cards"
                elif overflow := _overflow(page):
                    problems[where] = overflow
                if page.locator("[data-testid='stException']").count():
                    problems[where] = "an error on the page"
                if not page.locator(".st-key-insikt_top_menu").is_visible():
                    problems[where] = "no menu at the top"
                if (wide := page.evaluate("document.documentElement.scrollWidth")) > WIDTH:
                    problems[where] = f"the page is {wide} px wide"
        context.close()
    assert not problems, "\n".join(f"{where}: {what}" for where, what in problems.items())
