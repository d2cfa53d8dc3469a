"""Benchmark: many sessions at once on one app process, as the server sees them.

``bench.concurrency`` opens twenty Chromium contexts on the machine that runs the app;
on two cores the twenty browsers take most of the CPU, and the latencies it measures
are theirs as much as the server's. Here each person is a websocket client that speaks
Streamlit's own protocol (the protobuf ``BackMsg`` and ``ForwardMsg`` its front end
exchanges with the server) and draws nothing, as if twenty browsers ran on twenty other
machines. Each logs in through the login form (``--sessions`` accounts made by
:func:`bench.concurrency.visitors`, the demo's three roles in turn) and opens
``--pages``; a render is timed from the request to the server's "script finished",
with every element the run sent received. All log in at the same moment; with
``--think`` each then reads a page for 0 to THINK seconds before the next. With
``--processes N`` the sessions are dealt round-robin to N app processes on the same
database, as a load balancer with sticky sessions deals people from N addresses
(README, *Several app processes*).

A render that shows an exception, the database-failure page, or (the overview) no
chart counts as an error. Left out: the browser's work (scripts, drawing, a chart's
SVG) and the static files, which a proxy or the browser's cache serves (deploy/). Prints
p50, p95 and the slowest render per page, the app's CPU over the visits, and writes
bench/sessions.json. Logging in records a visit: give it a copy of a database.

    python -m bench.sessions --database-url sqlite:////tmp/copy-1m.db [--sessions 20] \\
        [--pages overview,strengths,comments,actions] [--think 5] [--processes 2 | --url URL,URL]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bench.concurrency import PAGES, PASSWORD, ROLES, report_and_save, run_alone, summary, visitors
from queries.db import prepare
from tests.browser import streamlit_server

LOGIN = {"username": ("Användarnamn", "Username"), "password": ("Lösenord", "Password"),
         "submit": ("Logga in", "Log in")}
CHARTED = {"overview"}


@dataclass
class Run:
    """What one script run sent: its widgets (label -> id), the app's pages (path ->
    script hash), whether a chart came, and the errors it showed."""

    widgets: dict[str, str] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)
    charts: int = 0
    errors: list[str] = field(default_factory=list)


class Session:
    """One person's websocket session with the app at ``base``."""

    def __init__(self, base: str, timeout: float):
        self.url = base.replace("http", "ws", 1) + "/_stcore/stream"
        self.origin, self.timeout = base, timeout
        self.pages: dict[str, str] = {}
        self.socket = None

    async def open(self) -> Run:
        import websockets

        self.socket = await websockets.connect(self.url, subprotocols=["streamlit"], origin=self.origin,
                                               max_size=None, compression=None)
        return await self.rerun()

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()

    async def rerun(self, page: str = "", widgets=()) -> Run:
        """Ask for a run of ``page`` (a path such as "overview"; "" the current one) with
        ``widgets`` set, as the front end does; wait until it has finished."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ClientState_pb2 import ClientState
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        state = ClientState(query_string="", page_script_hash=self.pages.get(page, ""))
        state.context_info.timezone = "Europe/Stockholm"
        state.context_info.locale = "sv-SE"
        for widget in widgets:
            state.widget_states.widgets.append(WidgetState(**widget))
        await self.socket.send(BackMsg(rerun_script=state).SerializeToString())
        return await self._finished()

    async def _finished(self) -> Run:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        run = Run()
        while True:
            message = ForwardMsg.FromString(await asyncio.wait_for(self.socket.recv(), self.timeout))
            kind = message.WhichOneof("type")
            if kind in ("new_session", "navigation"):
                listed = getattr(message, kind).app_pages
                run.pages.update({page.url_pathname: page.page_script_hash for page in listed})
                self.pages.update(run.pages)
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                _read_element(message.delta.new_element, run)
            elif kind == "script_finished":
                if message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    return run
                if message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    run.errors.append("the script did not compile")
                    return run
                run = Run(pages=run.pages)  # ended early for a rerun (a page switch): the next run counts


def _read_element(element, run: Run) -> None:
    kind = element.WhichOneof("type")
    if kind == "exception":
        run.errors.append(f"{element.exception.type}: {element.exception.message}")
    elif kind == "plotly_chart":
        run.charts += 1
    elif kind in ("text_input", "button"):
        widget = getattr(element, kind)
        run.widgets[widget.label] = widget.id
        if widget.id.endswith("db_retry"):  # components.shell: the database failed
            run.errors.append("the database-failure page")


def _login_widgets(run: Run, username: str) -> list[dict]:
    def id_of(name: str) -> str:
        found = [run.widgets[label] for label in LOGIN[name] if label in run.widgets]
        if not found:
            raise RuntimeError(f"no {name} field on the login page (widgets: {sorted(run.widgets)})")
        return found[0]
    return [{"id": id_of("username"), "string_value": username},
            {"id": id_of("password"), "string_value": PASSWORD},
            {"id": id_of("submit"), "trigger_value": True}]


def _problems(name: str, run: Run) -> list[str]:
    found = [f"{name}: {error}" for error in run.errors]
    if name in CHARTED and not run.charts and not found:
        found.append(f"{name}: no chart")
    return found


async def _visit(base: str, number: int, username: str, pages, timeout: float, think: float) -> dict:
    """One person's visit: the seconds each page took, and what went wrong."""
    loop, pause = asyncio.get_running_loop(), random.Random(number)
    session, seconds, errors = Session(base, timeout), {}, []
    try:
        login = await session.open()
        started = loop.time()
        landed = await session.rerun(widgets=_login_widgets(login, username))
        seconds["login"] = loop.time() - started
        errors += _problems("login", landed)
        if any(label in landed.widgets for label in LOGIN["username"]):
            raise RuntimeError("the login was refused")
        for name in pages:
            await asyncio.sleep(pause.uniform(0, think))  # reading the page before the next click
            started = loop.time()
            run = await session.rerun(name)
            seconds[name] = loop.time() - started
            errors += _problems(name, run)
    except Exception as error:  # noqa: BLE001 - reported, the other sessions go on
        errors.append(f"{username} session {number}, after {list(seconds)}: {type(error).__name__}: {error}")
    finally:
        await session.close()
    return {"session": number, "role": f"{username} ({ROLES[number % len(ROLES)]})", "seconds": seconds,
            "errors": errors}


async def _visits(bases: list[str], usernames: list[str], pages, timeout: float, think: float) -> list[dict]:
    return await asyncio.gather(*(_visit(bases[number % len(bases)], number, username, pages, timeout, think)
                                  for number, username in enumerate(usernames)))


def visits(base: str | list[str], usernames: list[str], pages=PAGES, timeout: float = 300,
           think: float = 0.0) -> list[dict]:
    """Simultaneous visits without a browser, one per username, to the app at ``base``
    (a list: dealt round-robin to those processes)."""
    return run_alone(_visits([base] if isinstance(base, str) else base, usernames, pages, timeout, think))


def _timed(bases: list[str], usernames: list[str], pages, think: float) -> tuple[list[dict], dict]:
    """:func:`visits`, with their wall-clock seconds and the CPU seconds of the app's
    processes (None when one is not a process of this machine)."""
    from bench.interactions import _cpu, _server_pid

    try:
        pids = [_server_pid(str(urlsplit(base).port)) for base in bases]
    except RuntimeError:
        pids = []
    cpu, started = sum(map(_cpu, pids)), time.monotonic()
    results = visits(bases, usernames, pages, think=think)
    return results, {"seconds": time.monotonic() - started,
                     "app_cpu_seconds": sum(map(_cpu, pids)) - cpu if pids else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--url", help="apps already running on --database-url (comma-separated); default: start them")
    parser.add_argument("--processes", type=int, default=1, help="app processes to start on the database")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--think", type=float, default=0.0,
                        help="each person reads a page for 0 to THINK seconds (random) before the next")
    parser.add_argument("--warm", action="store_true",
                        help="one session walks the pages first (caches filled), then the timed visits")
    parser.add_argument("--out", default=str(Path(__file__).with_name("sessions.json")))
    arguments = parser.parse_args()
    pages = [name for name in arguments.pages.split(",") if name]
    usernames = visitors(prepare(arguments.database_url), arguments.sessions)

    def measure(bases: list[str]) -> tuple[list[dict], dict]:
        if arguments.warm:  # each process's caches
            visits(bases, usernames[:len(ROLES) * len(bases)], pages)
        return _timed(bases, usernames, pages, arguments.think)

    if arguments.url:
        results, used = measure([url.rstrip("/") for url in arguments.url.split(",")])
    else:
        with ExitStack() as servers:
            results, used = measure([servers.enter_context(streamlit_server(arguments.database_url))
                                     for _ in range(arguments.processes)])
    report = summary(results) | used | {"sessions": arguments.sessions, "think": arguments.think,
                                        "warm": arguments.warm, "processes": arguments.processes,
                                        "database": arguments.database_url}
    report_and_save(report, arguments.out)


if __name__ == "__main__":
    main()
