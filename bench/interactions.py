"""Benchmark: widget interactions inside fragments, answered by a real server.

Starts ``streamlit run app.py`` on ``--database-url`` (AppTest cannot rerun a
fragment alone: it always reruns the page), opens each page of ``--pages`` in
Chromium for each of its roles, and times interactions with a part of the page:

* comments: the list's next page and a search;
* follow_up: the queue's "overdue only" filter, a note saved on a case, the
  measures' period, and opening the measures' tab;
* strengths: the comparator, the order of the heatmap's units, and opening the
  drivers' and the heatmap's tabs (only the open tab runs: a switch reruns the page);
* admin: the unit, the user and the theme picked in their tabs;
* workshop: a vote on an idea in the "Decide" step (+1, then −1 the next round), on a
  workshop of the manager's unit that the benchmark adds first with one insight on
  its agenda and one idea (:func:`_workshop_to_vote_in`).

Every round asks something new where it can (another page, word, note or
option). Each interaction is timed from its last step (the click or key that
asks the server) until the browser has drawn what the run sent and the script is
idle, as wall-clock seconds ("drawn"; it includes Playwright's own checks before a
click, about 50 ms). Beside it: from the browser's request leaving on the websocket
until the run's "finished" message came back ("answered": the server's part, both
ends seen on the same websocket), and the CPU seconds of the server process (from
/proc). Here the browser shares the machine's cores with the server, as a user's
own device would not. The run is
named: ``fragment`` (the part alone) or ``page`` (the whole page). The median of
``--repeat`` rounds, after one round that warms the server. Prints them and writes
bench/interactions.json. Logging in records a visit and a note is saved on a
case: give it a copy of a database, never a shared one.

    python -m bench.interactions --database-url sqlite:////tmp/copy-1m.db [--repeat 3] \\
        [--pages comments,follow_up,strengths,admin,workshop]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.machine import reference, summary
from tests.browser import IDLE, chromium, expand, finished_runs, log_in, open_tab, streamlit_server, wait_idle

TICKS = os.sysconf("SC_CLK_TCK")
WORDS = ("personal", "kassan", "väntetid", "leverans", "trevlig")

Step = Callable[[], None]  # what the user does last: the click or key the timing starts at
Action = Callable[[object, int], Step]  # (Playwright page, round) -> the step, once prepared


@dataclass(frozen=True)
class Page:
    """A page to time: where it is, what shows it is ready, who opens it, and its
    interactions as (name, action, roles that have it; empty: every role)."""

    path: str
    ready: str
    roles: tuple[str, ...]
    interactions: tuple[tuple[str, Action, tuple[str, ...]], ...]


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


def _pick(page, label: str, round_: int) -> Step:
    """Open the select box ``label``; the step picks another option each round."""
    box = page.get_by_role("combobox", name=label)
    box.scroll_into_view_if_needed()
    box.click()
    options = page.get_by_role("option")
    options.first.wait_for()
    option = options.nth(round_ % options.count())
    return option.click


# --- the interactions: each prepares what the user does first and returns the step that is timed ------

def _next_page(page, round_: int) -> Step:
    field = page.get_by_label("Page")
    field.fill(str(2 + round_))
    return lambda: field.press("Enter")


def _search(page, round_: int) -> Step:
    box = page.get_by_role("textbox", name="Search the comments")
    box.fill(WORDS[round_ % len(WORDS)])
    return lambda: box.press("Enter")


def _overdue(page, _round: int) -> Step:
    open_tab(page, "Cases")
    return page.get_by_text("Overdue only").click


def _note(page, round_: int) -> Step:
    open_tab(page, "Cases")
    case = page.locator("[class*='st-key-case_']").first
    notes = case.get_by_label("Notes", exact=True)
    if not notes.is_visible():  # the editor is drawn when opened (a save closes it)
        expand(case, "Work on the case")
    notes.fill(f"Called the customer (round {round_})")
    return case.get_by_role("button", name="Save", exact=True).click


def _period(page, round_: int) -> Step:
    open_tab(page, "Measures and root causes")
    return _pick(page, "Cases received", round_ + 1)


def _comparator(page, round_: int) -> Step:
    open_tab(page, "Where we stand")
    return page.get_by_role("radio", name=("the previous period", "the rest of the organisation")[round_ % 2]).click


def _heat_order(page, round_: int) -> Step:
    open_tab(page, "Units and touchpoints")
    return _pick(page, "Order the units", round_ + 1)


def _vote(page, round_: int) -> Step:
    if page.get_by_role("button", name="+1").count() == 0:  # the first round opens the step
        page.get_by_role("radio", name="3. Decide").or_(page.get_by_role("button", name="3. Decide")).click()
        page.get_by_role("button", name="+1").wait_for(timeout=60_000)
        wait_idle(page)
    return page.get_by_role("button", name="−1" if round_ % 2 else "+1").first.click


def _workshop_to_vote_in(url: str) -> None:
    """Add a workshop of the demo manager's unit, held today, with an insight of that
    unit on its agenda (pinned here when the unit has none) and one idea."""
    from datetime import date, timedelta

    from queries import insights, workshops
    from queries.db import prepare
    from tests.people import person

    engine = prepare(url)
    manager, scope = person(engine, "manager")
    pinned = insights.insights_for(engine, scope, unit_ids=[manager.unit_id])
    if pinned.empty:
        today = date.today()
        insight_id, _ = insights.pin(
            engine, scope, manager.id, unit_id=manager.unit_id, kind="weakness", scope_type="overall",
            scope_key=None, metric="nps", title="Benchmark: the unit's NPS", period_start=today - timedelta(days=90),
            period_end=today, estimate=20.0, low=15.0, high=25.0, n=500, comparator=None,
            comparator_estimate=None, filters={})
    else:
        insight_id = int(pinned.iloc[0]["id"])
    workshop_id = workshops.create_workshop(engine, scope, manager, unit_id=manager.unit_id, held_on=date.today(),
                                            period_start=None, period_end=None)
    workshops.set_agenda(engine, scope, manager, workshop_id, [insight_id])
    workshops.add_proposal(engine, scope, manager, workshop_id, insight_id, "Benchmark: a second till at rush hour")


def _in_tab(tab: str, label: str) -> Action:
    def pick(page, round_: int) -> Step:
        open_tab(page, tab)
        return _pick(page, label, round_ + 1)
    return pick


def _switch(first: str, then: str) -> Action:
    """A tab switch: ``first`` is open, the step opens ``then`` (only the open tab runs)."""
    def switch(page, _round: int) -> Step:
        open_tab(page, first)
        return page.get_by_role("tab", name=then, exact=True).click
    return switch


PAGES = {
    "comments": Page("comments", "text=/Showing \\d/", ("leader", "manager", "staff"), (
        ("next page", _next_page, ()), ("search", _search, ()))),
    "follow_up": Page("follow_up", "text=Overdue only", ("leader", "manager", "staff"), (
        ("case note", _note, ("leader", "manager")), ("queue filter", _overdue, ()),
        ("measures period", _period, ()), ("tab: measures", _switch("Cases", "Measures and root causes"), ()))),
    "strengths": Page("strengths", "text=Where we stand", ("leader", "manager", "staff"), (
        ("comparator", _comparator, ()), ("heatmap order", _heat_order, ("leader", "manager")),
        ("tab: drivers", _switch("Where we stand", "What goes with higher and lower scores"), ()),
        ("tab: heatmap", _switch("Where we stand", "Units and touchpoints"), ("leader", "manager")))),
    "admin": Page("admin", "text=Import history", ("admin",), (
        ("pick unit", _in_tab("Units and regions", "Unit or region"), ()),
        ("pick user", _in_tab("Users", "User"), ()),
        ("pick theme", _in_tab("Themes", "Theme to edit"), ()))),
    "workshop": Page("workshop", "text=1. Prepare", ("manager",), (("vote", _vote, ()),)),
}


class Traffic:
    """When the page's websocket sent each frame and got each finished run's last
    message (``time.perf_counter``, as Playwright hands the frames over), and how
    each run ran (:func:`tests.browser.finished_runs`)."""

    def __init__(self, page):
        self.sent: list[float] = []
        self.finished: list[float] = []
        self.ran = finished_runs(page, at=self.finished)
        page.on("websocket", lambda socket: socket.on("framesent", self._sent))

    def _sent(self, _payload) -> None:
        self.sent.append(time.perf_counter())


def _timed(page, pid: int, traffic: Traffic, action: Action, round_: int) -> tuple[float, float, float, str]:
    """(wall seconds until drawn, seconds from the request to the server's run ended,
    server CPU seconds, how the run ran) of one interaction."""
    step = action(page, round_)
    ran, finished, sent = len(traffic.ran), len(traffic.finished), len(traffic.sent)
    cpu, started = _cpu(pid), time.perf_counter()
    step()
    deadline = started + 60
    while len(traffic.ran) == ran and time.perf_counter() < deadline:
        page.wait_for_timeout(10)
    asked = traffic.sent[sent] if len(traffic.sent) > sent else started  # the first frame after the step began
    answered = (traffic.finished[-1] if len(traffic.finished) > finished else time.perf_counter()) - asked
    page.wait_for_selector(IDLE, timeout=60_000)
    how = traffic.ran[-1] if len(traffic.ran) > ran else "none"
    return time.perf_counter() - started, answered, _cpu(pid) - cpu, how


def _time_page(browser, base: str, pid: int, name: str, role: str, repeat: int) -> list[dict]:
    spec = PAGES[name]
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    traffic = Traffic(page)
    page.goto(f"{base}/{spec.path}?lang=en")
    log_in(page, role)
    page.wait_for_selector(spec.ready, timeout=180_000)
    wait_idle(page)
    timings: dict[str, list[tuple[float, float, float, str]]] = {}
    for round_ in range(repeat + 1):
        for interaction, action, roles in spec.interactions:
            if roles and role not in roles:
                continue
            timing = _timed(page, pid, traffic, action, round_)
            if round_:  # the first round warms the server's caches
                timings.setdefault(interaction, []).append(timing)
    page.close()
    rows = []
    for interaction, values in timings.items():
        row = {"page": name, "role": role, "interaction": interaction,
               "seconds": [wall for wall, _, _, _ in values], "answered": [answered for _, answered, _, _ in values],
               "cpu": [cpu for _, _, cpu, _ in values], "ran": sorted({kind for _, _, _, kind in values})}
        for figure, key in (("median", "seconds"), ("answered_median", "answered"), ("cpu_median", "cpu")):
            row[figure] = statistics.median(row[key])
        rows.append(row)
        print(f"{name:10} {role:8} {interaction:16} {row['median']:6.3f} s, answered {row['answered_median']:6.3f} s "
              f"(server CPU {row['cpu_median']:6.3f})  reran: {'/'.join(row['ran'])}", flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated, of: " + ", ".join(PAGES))
    parser.add_argument("--out", default=str(Path(__file__).with_suffix(".json")))
    args = parser.parse_args()
    names = [name.strip() for name in args.pages.split(",") if name.strip()]
    unknown = [name for name in names if name not in PAGES]
    if unknown:
        parser.error(f"unknown pages: {', '.join(unknown)}")
    machine = reference()
    print(summary(machine), flush=True)
    rows = []
    if "workshop" in names:
        _workshop_to_vote_in(args.database_url)
    with streamlit_server(args.database_url) as base, chromium() as browser:
        pid = _server_pid(base.rsplit(":", 1)[1])
        for name in names:
            for role in PAGES[name].roles:
                rows += _time_page(browser, base, pid, name, role, args.repeat)
    Path(args.out).write_text(json.dumps({"database_url": args.database_url.split("@")[-1], "machine": machine,
                                          "results": rows}, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
