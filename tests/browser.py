"""Helpers for end-to-end tests: a real ``streamlit run app.py`` on a free local
port and Debian's Chromium driven by Playwright. Screenshots go to
``test-artifacts/`` so that people can look at them."""

from __future__ import annotations

import atexit
import importlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("INSIKT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
# Streamlit's loading skeletons pulse and its spinners turn unless the page prefers reduced
# motion; twenty waiting pages repainting without pause cost Chromium more CPU than the server
# (the twenty-session test: 142 s → 90 s). What the tests check does not move.
REDUCED_MOTION = {"reduced_motion": "reduce"}
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
CHART = "[data-testid='stPlotlyChart'] .main-svg"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def browser_required() -> bool:
    return bool(os.environ.get("CI") or os.environ.get("INSIKT_REQUIRE_BROWSER"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def streamlit_server(database_url: str, env: dict[str, str] | None = None, *, port: int | None = None,
                     args: tuple[str, ...] = ()):
    """Start ``streamlit run app.py`` against ``database_url`` (on ``port``, with
    more command-line ``args``); yield its base URL."""
    port = port or free_port()
    environment = os.environ | {"DATABASE_URL": database_url, "INSIKT_DEMO_ON_EMPTY": "0"} | (env or {})
    log = (ARTIFACTS / f"streamlit-{port}.log")
    ARTIFACTS.mkdir(exist_ok=True)
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", *args],
            cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
                        if answer.status == 200:
                            break
                except OSError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not start; see {log}")
                time.sleep(0.3)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


_LAUNCHED: dict[str, object] = {}  # this process's Playwright and Chromium (see chromium())


def _launched():
    """Playwright and Debian's Chromium, started on first use and kept for the rest of this
    test process (a launch costs about a second of CPU, and the suite's browser tests asked
    for one forty-odd times); launched again if the last one went away."""
    browser = _LAUNCHED.get("browser")
    if browser is None or not browser.is_connected():
        from playwright.sync_api import sync_playwright

        if "playwright" not in _LAUNCHED:
            _LAUNCHED["playwright"] = sync_playwright().start()
            atexit.register(_close_launched)
        browser = _LAUNCHED["playwright"].chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        # Every page prefers reduced motion (REDUCED_MOTION), however the test opens it.
        browser.new_context = partial(browser.new_context, **REDUCED_MOTION)
        browser.new_page = partial(browser.new_page, **REDUCED_MOTION)
        _LAUNCHED["browser"] = browser
    return browser


def _close_launched() -> None:
    if (browser := _LAUNCHED.pop("browser", None)) is not None and browser.is_connected():
        browser.close()
    _LAUNCHED.pop("playwright").stop()


def require_chromium() -> None:
    """Fail (CI) or skip the test when Playwright or Debian's Chromium is missing."""
    try:
        importlib.import_module("playwright.sync_api")
    except ImportError as error:
        if browser_required():
            pytest.fail(f"playwright is not installed: {error}")
        pytest.skip("playwright is not installed")
    if not Path(CHROMIUM).exists():
        if browser_required():
            pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")
        pytest.skip(f"Chromium not found at {CHROMIUM}")


@contextmanager
def chromium():
    """A Playwright browser on Debian's Chromium whose pages prefer reduced motion; fails
    (CI) or skips when missing. The browser is shared by the tests of this process, one at
    a time: it holds no page of another test, and the pages and contexts opened inside the
    ``with`` are closed at its end. (Playwright's synchronous API keeps its event loop
    running: a test that drives the browser with ``asyncio`` launches its own.)"""
    require_chromium()
    browser = _launched()
    for context in browser.contexts:  # left by a test that ended without closing its own
        context.close()
    try:
        yield browser
    finally:
        if browser.is_connected():
            for context in browser.contexts:
                context.close()


def finished_runs(page, at: list[float] | None = None) -> list[str]:
    """How each script run the server finishes from now on ran: "page" (the whole
    page) or "fragment" (a part alone), read off the websocket; a run cut short
    by a rerun is left out. ``at`` gets the ``time.perf_counter()`` of each, as
    Playwright hands the frame over. Call it before the page opens its websocket."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    kinds = {ForwardMsg.FINISHED_SUCCESSFULLY: "page", ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY: "fragment"}
    ran: list[str] = []

    def received(payload) -> None:
        if isinstance(payload, bytes):
            message = ForwardMsg.FromString(payload)
            if message.WhichOneof("type") == "script_finished" and message.script_finished in kinds:
                ran.append(kinds[message.script_finished])
                if at is not None:
                    at.append(time.perf_counter())

    page.on("websocket", lambda socket: socket.on("framereceived", received))
    return ran


def wait_idle(page, timeout: float = 60_000) -> None:
    """Wait until Streamlit has finished running the script (a loaded CI machine
    took over 30 s for a login render while other browser tests ran)."""
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE, timeout=timeout)


def drawn(page, timeout: float = 90_000) -> None:
    """Wait until the script run is over and the page's charts are drawn."""
    wait_idle(page, timeout)
    if page.locator("[data-testid='stPlotlyChart']").count():
        page.locator(CHART).first.wait_for(state="attached", timeout=30_000)
    page.wait_for_timeout(400)


def axe_audit(axe, page) -> tuple[list[str], int]:
    """axe-core (``axe_playwright_python``'s ``Axe``) on the page: its serious and critical
    WCAG 2.1 AA violations (rule, impact and where), and the number of rule checks it made
    (rules that applied: passed, failed or to review; only violations are listed node by node)."""
    result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS},
                                    "resultTypes": ["violations"]}).response
    found = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
             for v in result["violations"] if v["impact"] in ("serious", "critical")]
    return found, len(result["passes"]) + len(result["violations"]) + len(result["incomplete"])


def open_tab(page, name: str) -> None:
    """Click the tab ``name`` and wait for the run it starts (only the open tab runs:
    ``components.shell.tabs``)."""
    page.get_by_role("tab", name=name, exact=True).click()
    wait_idle(page)


def expand(scope, label: str) -> None:
    """Open the expander ``label`` in ``scope`` and wait until its content is drawn (an
    expander of ``components.shell.expander`` reruns to draw it) and it has unfolded: a
    select box in it clicked while it still moved did not open its menu (1 run in 4),
    and a choice typed then went nowhere."""
    scope.get_by_text(label, exact=True).click()
    wait_idle(scope.page)
    scope.locator("details[open]", has_text=label).wait_for()
    scope.page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def each_tab(page):
    """Open each tab of the page in turn, yielding its name ("–" on a page without
    tabs). Only the open tab runs (``components.shell.tabs``): each click reruns the
    page, so what a test checks afterwards is that tab's content."""
    tabs = page.locator("[data-testid='stMain'] [role='tab']")
    names = tabs.all_inner_texts()
    if not names:
        yield "–"
        return
    for index, name in enumerate(names):
        if index:  # the first tab is open when the page opens
            tabs.nth(index).click()
            wait_idle(page)
        yield name


def log_in(page, username: str, password: str = "demo") -> None:
    wait_idle(page)
    page.locator("input[aria-label='Användarnamn'], input[aria-label='Username']").fill(username)
    page.locator("input[type='password']").fill(password)
    page.get_by_role("button", name="Logga in").or_(page.get_by_role("button", name="Log in")).click()
    wait_idle(page)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def side_by_side(name: str, values) -> list:
    """Cases for ``pytest.mark.parametrize``, each in an xdist group of its own
    (``name-value``), so that the cases of one long browser test run on different
    workers at once (see ``pytest_collection_modifyitems`` in conftest.py)."""
    return [pytest.param(value, marks=pytest.mark.xdist_group(f"{name}-{value}")) for value in values]
