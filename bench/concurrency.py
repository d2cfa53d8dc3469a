"""Benchmark: many people on one app process at the same time.

Starts ``streamlit run app.py`` on ``--database-url`` and opens ``--sessions``
Chromium contexts at once, each its own person: accounts ``visitor01``,
``visitor02``… (password ``visitor-demo``) are added when missing, with the
role and unit of the demo's leader, manager and staff in turn. (Twenty logins
to one account at the same moment would be throttled like password guessing:
the login counts every attempt as a failure until it succeeds.)

Every session logs in on the overview, then opens each of ``--pages`` from the
sidebar, in the same browser session. A render is timed from the click until
the script has stopped running and, on the overview, its first chart is drawn.
Prints p50, p95 and the slowest render per page and overall, lists errors (a
Python exception shown on the page, a JavaScript error, a render that never
finished; a failed session leaves a screenshot in test-artifacts/) and writes
bench/concurrency.json, with the CPU seconds the app's process used during the
visits (read from /proc: an app on this machine). Never part of the test suite;
``tests/test_e2e_concurrency`` runs :func:`visits` on a 100,000-response demo.

    python -m bench.concurrency --database-url sqlite:////work/benchdata/insikt-1m.db \
        [--sessions 20] [--pages overview,strengths,comments,actions] [--think 5]

All sessions log in at the same moment; with ``--think`` each person then reads
each page for a random 0 to THINK seconds before the next click, as people in a
meeting do, instead of all clicking at once.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import Engine, select

from queries import admin
from queries.db import prepare
from queries.schema import Unit, User
from tests.browser import ARTIFACTS, CHART, CHROMIUM, CHROMIUM_FLAGS, IDLE, REDUCED_MOTION, streamlit_server

ROLES = ("leader", "manager", "staff")
PASSWORD = "visitor-demo"  # the visitors' password (at least ten characters, like any user's)
PAGES = ("overview", "strengths", "comments", "actions")
CHARTED = {"overview"}  # the strengths page opens on a table of tiles
RUNNING = "[data-testid='stApp'][data-test-script-state='running']"
EXCEPTION = "[data-testid='stException']"
DATABASE_FAILURE = ".st-key-db_retry"  # the page that says the database failed (components.shell)
MAIN = "[data-testid='stMain']"


def visitors(engine: Engine, sessions: int) -> list[str]:
    """``sessions`` usernames with the password :data:`PASSWORD`, added when missing with
    the role and unit of the demo's leader, manager and staff in turn."""
    with engine.connect() as connection:
        demo = {row.username: row for row in connection.execute(
            select(User.username, User.role, Unit.name).outerjoin(Unit, Unit.id == User.unit_id)
            .where(User.username.in_(ROLES)))}
        existing = set(connection.execute(select(User.username)).scalars())
    names = []
    for number in range(sessions):
        like = demo[ROLES[number % len(ROLES)]]
        name = f"visitor{number + 1:02d}"
        if name not in existing:
            admin.add_user(engine, username=name, display_name=None, role=like.role, unit_name=like.name,
                           password=PASSWORD)
        names.append(name)
    return names


async def _rendered(page, name: str, timeout_ms: float) -> None:
    """Wait until the script run that just started has ended (and drawn its chart)."""
    try:  # the run may already be over by the time we look
        await page.wait_for_selector(RUNNING, timeout=1_500)
    except Exception:  # noqa: BLE001 - a fast run is not an error
        pass
    await page.wait_for_selector(IDLE, timeout=timeout_ms)
    if name in CHARTED:  # the chart, or an error instead of it (reported by _shown_errors)
        await page.wait_for_selector(f"{CHART}, {EXCEPTION}, {DATABASE_FAILURE}", timeout=timeout_ms)


async def _shown_errors(page, name: str, errors: list[str]) -> None:
    """An exception's text, or the database-failure page's (which says what failed)."""
    exception = page.locator(EXCEPTION)
    if await exception.count():
        errors.append(f"{name}: {await exception.first.inner_text()}")
    elif await page.locator(DATABASE_FAILURE).count():
        errors.append(f"{name}: {(await page.locator(MAIN).inner_text())[:2_000]}")


async def _session(browser, base: str, number: int, username: str, pages, timeout_ms: float,
                   think: float) -> dict:
    """One person's visit: the seconds each page took, and what went wrong."""
    context = await browser.new_context(viewport={"width": 1280, "height": 1000}, **REDUCED_MOTION)
    context.set_default_timeout(timeout_ms)
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"javascript: {error}"))
    loop = asyncio.get_running_loop()
    role = f"{username} ({ROLES[number % len(ROLES)]})"
    seconds: dict[str, float] = {}
    pause = random.Random(number)
    try:
        await page.goto(f"{base}/overview")
        await page.wait_for_selector(IDLE)
        await page.locator("input[aria-label='Användarnamn'], input[aria-label='Username']").fill(username)
        await page.locator("input[type='password']").fill(PASSWORD)
        started = loop.time()
        await page.get_by_role("button", name="Logga in").click()
        await _rendered(page, "overview", timeout_ms)
        seconds["overview"] = loop.time() - started
        await _shown_errors(page, "overview", errors)
        for name in pages:
            if name == "overview":
                continue
            link = page.locator(f"[data-testid='stSidebar'] a[href$='{name}']").first
            await link.wait_for(state="visible")
            await asyncio.sleep(pause.uniform(0, think))  # reading the page before the next click
            started = loop.time()
            await link.click()
            await _rendered(page, name, timeout_ms)
            seconds[name] = loop.time() - started
            await _shown_errors(page, name, errors)
    except Exception as error:  # noqa: BLE001 - reported, the other sessions go on
        errors.append(f"{role} session {number}, after {list(seconds)}: {type(error).__name__}: "
                      f"{str(error).splitlines()[0]}")
        ARTIFACTS.mkdir(exist_ok=True)
        await page.screenshot(path=str(ARTIFACTS / f"concurrency-{number}.png"), full_page=True)
    finally:
        await context.close()
    return {"session": number, "role": role, "seconds": seconds, "errors": errors}


async def _visits(base: str, usernames: list[str], pages, timeout_ms: float, think: float) -> list[dict]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            return await asyncio.gather(*(_session(browser, base, number, username, pages, timeout_ms, think)
                                          for number, username in enumerate(usernames)))
        finally:
            await browser.close()


def visits(base: str, usernames: list[str], pages=PAGES, timeout_ms: float = 300_000,
           think: float = 0.0) -> list[dict]:
    """Simultaneous visits to the app at ``base``, one per username (see
    :func:`visitors`), each opening ``pages`` after a pause of up to ``think``
    seconds on the page before."""
    return run_alone(_visits(base, usernames, pages, timeout_ms, think))


def run_alone(coroutine):
    """Run ``coroutine`` to its end on an event loop in a thread of its own, so that a
    caller with a loop running in its thread (Playwright's sync API, as in a test worker
    whose browser tests ran before) can call the benchmarks too."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def summary(results: list[dict]) -> dict:
    """p50, p95 and the slowest render per page and over all pages (nearest-rank)."""
    per_page: dict[str, list[float]] = {}
    for result in results:
        for name, value in result["seconds"].items():
            per_page.setdefault(name, []).append(value)
    every = [value for values in per_page.values() for value in values]
    table = {name: {"renders": len(values), "p50": statistics.median(values),
                    "p95": _percentile(values, 0.95), "max": max(values)}
             for name, values in [*per_page.items(), ("all", every)] if values}
    return {"pages": table, "errors": [error for result in results for error in result["errors"]]}


def report_and_save(report: dict, out: str) -> None:
    """Print p50, p95 and the slowest render per page, the app's CPU and the errors of
    ``report`` (:func:`summary` with the seconds and CPU of the visits); write it to ``out``."""
    print(f"{'page':<12} {'renders':>7} {'p50 s':>7} {'p95 s':>7} {'max s':>7}")
    for name, row in report["pages"].items():
        print(f"{name:<12} {row['renders']:>7} {row['p50']:>7.2f} {row['p95']:>7.2f} {row['max']:>7.2f}")
    if report["app_cpu_seconds"] is not None:
        print(f"the app used {report['app_cpu_seconds']:.1f} s of CPU in the {report['seconds']:.0f} s of the visits")
    print(f"errors: {len(report['errors'])}")
    for error in report["errors"]:
        print(f"  {error}")
    Path(out).write_text(json.dumps(report, indent=2))


def _timed_visits(base: str, usernames: list[str], pages, think: float) -> tuple[list[dict], dict]:
    """:func:`visits`, with their wall-clock seconds and the CPU seconds of the app's
    process (None when it is not a process of this machine)."""
    from bench.interactions import _cpu, _server_pid

    try:
        pid = _server_pid(str(urlsplit(base).port))
    except RuntimeError:
        pid = None
    cpu, started = _cpu(pid) if pid else None, time.monotonic()
    results = visits(base, usernames, pages, think=think)
    return results, {"seconds": time.monotonic() - started, "app_cpu_seconds": _cpu(pid) - cpu if pid else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--url", help="an app already running on --database-url (e.g. started with a higher priority "
                                      "than the browsers); default: start one")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--think", type=float, default=0.0,
                        help="each person reads a page for 0 to THINK seconds (random) before the next click")
    parser.add_argument("--out", default=str(Path(__file__).with_name("concurrency.json")))
    arguments = parser.parse_args()
    pages = [name for name in arguments.pages.split(",") if name]
    usernames = visitors(prepare(arguments.database_url), arguments.sessions)
    if arguments.url:
        results, used = _timed_visits(arguments.url.rstrip("/"), usernames, pages, arguments.think)
    else:
        with streamlit_server(arguments.database_url) as base:
            results, used = _timed_visits(base, usernames, pages, arguments.think)
    report = summary(results) | used | {"sessions": arguments.sessions, "think": arguments.think,
                                        "database": arguments.database_url}
    report_and_save(report, arguments.out)


if __name__ == "__main__":
    main()
