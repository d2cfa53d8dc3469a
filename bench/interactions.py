"""Benchmark: widget interactions inside a fragment, answered by a real server.

Starts ``streamlit run app.py`` on ``--database-url`` (AppTest cannot rerun a
fragment alone: it always reruns the page), opens the comments page in Chromium
for each role, and times interactions with the comment list (a fragment): the
next page and a search (each round another page, another word). Each is timed from the action until the list shows
its answer and the script is idle, as wall-clock seconds and as the CPU seconds of
the server process (from /proc); the median of ``--repeat`` rounds, after one
round that warms the server. Prints them and writes bench/interactions.json.
Logging in records a visit: give it a copy of a database, never a shared one.

    python -m bench.interactions --database-url sqlite:////tmp/copy-1m.db [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from tests.browser import IDLE, chromium, log_in, streamlit_server, wait_idle

ROLES = ("leader", "manager", "staff")
TICKS = os.sysconf("SC_CLK_TCK")


def _server_pid(port: str) -> int:
    """The process serving ``port`` (found by its command line)."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                words = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"streamlit" in b" ".join(words) and port.encode() in words:
                return int(entry.name)
    raise RuntimeError(f"no streamlit process on port {port}")


def _cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def _interactions(round_: int) -> list[tuple[str, callable, str]]:
    """(name, action, text the answer shows) for one round; every round asks
    something new of the database (another page, another word)."""
    word = ("personal", "kassan", "väntetid", "leverans", "trevlig")[round_ % 5]
    page_number = 2 + round_

    def to_page(page):
        field = page.get_by_label("Page")
        field.fill(str(page_number))
        field.press("Enter")

    def search(page):
        box = page.get_by_role("textbox", name="Search the comments")
        box.fill(word)
        box.press("Enter")

    return [("next page", to_page, f"Showing {(page_number - 1) * 25 + 1}–"), ("search", search, "Showing 1–")]


def _timed(page, pid: int, action, answer: str) -> tuple[float, float]:
    cpu, started = _cpu(pid), time.perf_counter()
    action(page)
    page.wait_for_function(
        "([answer, idle]) => document.body.innerText.includes(answer) && document.querySelector(idle)",
        arg=[answer, IDLE], timeout=60_000, polling=20)
    page.wait_for_selector(IDLE, timeout=60_000)
    return time.perf_counter() - started, _cpu(pid) - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", default=str(Path(__file__).with_suffix(".json")))
    args = parser.parse_args()
    rows = []
    with streamlit_server(args.database_url) as base, chromium() as browser:
        pid = _server_pid(base.rsplit(":", 1)[1])
        for role in ROLES:
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            page.goto(f"{base}/comments?lang=en")
            log_in(page, role)
            page.wait_for_selector("text=/Showing \\d/", timeout=120_000)
            wait_idle(page)
            timings: dict[str, list[tuple[float, float]]] = {}
            for round_ in range(args.repeat + 1):
                for name, action, answer in _interactions(round_):
                    timing = _timed(page, pid, action, answer)
                    if round_:  # the first round warms the server's caches
                        timings.setdefault(name, []).append(timing)
            for name, values in timings.items():
                row = {"role": role, "interaction": name, "seconds": [wall for wall, _ in values],
                       "cpu": [cpu for _, cpu in values],
                       "median": statistics.median(wall for wall, _ in values),
                       "cpu_median": statistics.median(cpu for _, cpu in values)}
                rows.append(row)
                print(f"{role:8} {name:14} {row['median']:6.3f} s (server CPU {row['cpu_median']:6.3f})",
                      flush=True)
            page.close()
    Path(args.out).write_text(json.dumps({"database_url": args.database_url.split("@")[-1],
                                          "results": rows}, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
