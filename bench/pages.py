"""Benchmark: every page for every role, cold (empty caches) and warm.

Renders each page of the menu (``components.menu``), and the comments page's theme and
"new and growing" views (:data:`VIEWS`), through Streamlit's AppTest,
started from app.py, for each demo account whose role the menu gives it (leader,
manager, staff, admin): "cold" clears every
``st.cache_data`` and ``st.cache_resource`` entry first, "warm" renders again with
the caches the cold run filled. Prints the median of ``--repeat`` runs and writes
them to bench/pages.json, with the CPU seconds of each render beside the wall-clock
ones (on a machine shared with other work the CPU time is the steadier figure).
Never part of the test suite.

    python -m bench.pages [--responses 1000000] [--database-url URL] [--repeat 3]
        [--pages overview,strengths,comments?view=themes] [--roles leader,staff]

A page may carry its URL's query, encoded as in a link (``comments?view=themes``: the
comments page's theme view; ``strengths?unit=Uppsala+Centrum``: one unit's page for a
leader, who otherwise gets the organisation's).

Without ``--database-url`` it uses (and builds once, with a large SQLite page
cache) a demo with ``--responses`` responses under data/.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import time
from datetime import date
from pathlib import Path
from urllib.parse import parse_qsl

import streamlit as st
from sqlalchemy import event
from streamlit.testing.v1 import AppTest

from components.menu import PAGES as MENU, pages_for
from bench.machine import reference, summary
from ingest.demo import build_demo, is_empty
from queries.config import ROOT, normalise_url
from queries.db import prepare
from queries.users import authenticate
from tests.app_runs import scan_components_once

PAGES = tuple(info.name for info in MENU)
# Views of a page that read other data than its first view: timed by default too.
VIEWS = ("comments?view=themes", "comments?view=emerging")
ROLES = ("leader", "manager", "staff", "admin")
QUIET = ("streamlit.runtime.scriptrunner_utils.script_run_context",
         "streamlit.runtime.caching.cache_data_api")


def demo_url(responses: int) -> str:
    """A SQLite demo of ``responses`` responses under data/, built on first use."""
    path = ROOT / "data" / f"bench-{responses}.db"
    url = f"sqlite:///{path}"
    engine = prepare(url)
    if is_empty(engine):
        # Bulk writes want a page cache far above SQLite's default 2 MiB.
        event.listen(engine, "connect",
                     lambda connection, _record: connection.execute("PRAGMA cache_size=-1000000"))
        engine.dispose()
        started = time.perf_counter()
        build_demo(engine, responses=responses, seed=1, today=date.today())
        print(f"built {responses:,} responses in {time.perf_counter() - started:.1f} s")
    return url


def may_open(page: str, role: str) -> bool:
    """Whether the menu gives ``role`` the page (``overview?unit=…``: the overview)."""
    return page.partition("?")[0] in {info.name for info in pages_for(role)}


def app_test(page: str, account) -> AppTest:
    """An AppTest of app.py, not yet run, that opens ``page`` (with its query) as
    ``account``, logged in."""
    test = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    path, _, query = page.partition("?")
    test.switch_page(f"pages/{path}.py")
    for key, value in parse_qsl(query):
        test.query_params[key] = value
    test.session_state["account"] = account
    test.session_state["database_checked"] = True
    return test


def render(page: str, account, cold: bool) -> tuple[float, float]:
    """Wall-clock and CPU seconds for one AppTest run of ``page`` as ``account``;
    AppTest's scan of installed packages for components is made once, as a server
    makes it when it starts (:mod:`tests.app_runs`)."""
    scan_components_once()
    if cold:
        st.cache_data.clear()
        st.cache_resource.clear()
    test = app_test(page, account)
    started, cpu = time.perf_counter(), time.process_time()
    test.run()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    if test.exception:
        raise RuntimeError(f"{page} as {account.username}: {test.exception[0].message}")
    return seconds, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--database-url")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", default=",".join((*PAGES, *VIEWS)))
    parser.add_argument("--roles", default=",".join(ROLES))
    parser.add_argument("--out", default=str(Path(__file__).with_suffix(".json")))
    args = parser.parse_args()
    machine = reference()
    print(summary(machine), flush=True)
    for name in QUIET:  # AppTest's bare-mode warnings are not figures
        logging.getLogger(name).disabled = True
    url = normalise_url(args.database_url) if args.database_url else demo_url(args.responses)
    os.environ["DATABASE_URL"] = url
    os.environ["INSIKT_DEMO_ON_EMPTY"] = "0"
    engine = prepare(url)
    results = []
    for page in args.pages.split(","):
        for role in args.roles.split(","):
            if not may_open(page, role):
                continue
            account = authenticate(engine, role, "demo").account
            cold, warm = [], []
            for _ in range(args.repeat):
                cold.append(render(page, account, cold=True))
                warm.append(render(page, account, cold=False))
            row = {"page": page, "role": role, "cold": [wall for wall, _cpu in cold],
                   "warm": [wall for wall, _cpu in warm], "cold_cpu": [cpu for _wall, cpu in cold],
                   "warm_cpu": [cpu for _wall, cpu in warm]}
            for name in ("cold", "warm", "cold_cpu", "warm_cpu"):
                row[f"{name}_median"] = statistics.median(row[name])
            results.append(row)
            print(f"{page:22} {role:8} cold {row['cold_median']:6.3f} s (CPU {row['cold_cpu_median']:6.3f})   "
                  f"warm {row['warm_median']:6.3f} s (CPU {row['warm_cpu_median']:6.3f})", flush=True)
    out = Path(args.out)
    out.write_text(json.dumps({"database": engine.dialect.name, "responses": args.responses, "machine": machine,
                               "date": date.today().isoformat(), "results": results}, indent=2))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
