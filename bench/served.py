"""Benchmark: what one page render costs a real server, and what it sends.

Opens one Chromium session on ``streamlit run app.py`` (started here, or the app
at ``--url``), logs in as ``--user`` on the overview and walks ``--pages`` from
the sidebar ``--repeat`` + 1 times. For each render it records the CPU seconds
of the server process (from /proc) and the bytes the browser received on the
websocket until the script was idle. The first walk fills the caches ("cold");
the medians of the others are "warm". Prints them and writes bench/served.json.
AppTest (bench.pages) leaves out what only a real server does: serialising every
element and sending it. Logging in records a visit: give it a copy of a
database, never a shared one.

    python -m bench.served --database-url sqlite:////tmp/copy-1m.db [--url URL] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from contextlib import nullcontext
from pathlib import Path

from bench.concurrency import PAGES, PASSWORD, visitors
from bench.interactions import _cpu, _server_pid
from queries.db import prepare
from tests.browser import CHART, IDLE, chromium, streamlit_server

RUNNING = "[data-testid='stApp'][data-test-script-state='running']"


def _walk(page, pid: int, received: list[int], pages, first: bool) -> dict[str, tuple[float, int]]:
    """(server CPU seconds, websocket bytes) per page for one walk through ``pages``."""
    costs = {}
    for name in pages:
        cpu, sent = _cpu(pid), sum(received)
        if first and name == pages[0]:
            page.get_by_role("button", name="Logga in").click()
        else:
            page.locator(f"[data-testid='stSidebar'] a[href$='{name}']").first.click()
        try:
            page.wait_for_selector(RUNNING, timeout=1_500)
        except Exception:  # noqa: BLE001 - the run may already be over
            pass
        page.wait_for_selector(IDLE, timeout=300_000)
        if name == "overview":
            page.wait_for_selector(CHART, timeout=300_000)
        time.sleep(0.3)  # the last frames of the run
        costs[name] = (_cpu(pid) - cpu, sum(received) - sent)
    return costs


def measure(base: str, user: str, pages, repeat: int) -> dict:
    """Cold and warm (median) server CPU and websocket bytes per page."""
    pid = _server_pid(base.rsplit(":", 1)[1])
    received: list[int] = []
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.on("websocket", lambda socket: socket.on(
            "framereceived", lambda payload: received.append(len(payload))))
        page.goto(f"{base}/{pages[0]}")
        page.wait_for_selector(IDLE)
        page.locator("input[aria-label='Användarnamn'], input[aria-label='Username']").fill(user)
        page.locator("input[type='password']").fill(PASSWORD)
        walks = [_walk(page, pid, received, pages, first=number == 0) for number in range(repeat + 1)]
        page.close()
    return {name: {"cold_cpu": walks[0][name][0], "cold_bytes": walks[0][name][1],
                   "warm_cpu": statistics.median(walk[name][0] for walk in walks[1:]),
                   "warm_bytes": statistics.median(walk[name][1] for walk in walks[1:])}
            for name in pages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--url", help="an app already running on --database-url; default: start one")
    parser.add_argument("--pages", default=",".join(PAGES), help="the first is where the session logs in")
    parser.add_argument("--user", default="visitor01", help="one of bench.concurrency's visitors")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", default=str(Path(__file__).with_suffix(".json")))
    args = parser.parse_args()
    pages = [name for name in args.pages.split(",") if name]
    visitors(prepare(args.database_url), int(args.user.removeprefix("visitor")))
    with nullcontext(args.url.rstrip("/")) if args.url else streamlit_server(args.database_url) as base:
        results = measure(base, args.user, pages, args.repeat)
    print(f"{'page':<12} {'cold CPU s':>10} {'cold kB':>9} {'warm CPU s':>10} {'warm kB':>9}")
    for name, row in results.items():
        print(f"{name:<12} {row['cold_cpu']:>10.2f} {row['cold_bytes'] / 1000:>9.1f} "
              f"{row['warm_cpu']:>10.2f} {row['warm_bytes'] / 1000:>9.1f}")
    Path(args.out).write_text(json.dumps({"user": args.user, "repeat": args.repeat, "pages": results}, indent=2))


if __name__ == "__main__":
    main()
