"""Benchmark: how long the overview takes to render with empty caches.

Builds (once) a SQLite demo with 1,000,000 responses under data/, then renders
pages/overview.py (entry point app.py) through Streamlit's AppTest for each role and a few filter
combinations, clearing every cache before each run. Prints the figures and
writes them to bench/overview.json. Never part of the test suite.

    python -m bench.overview [--responses 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from datetime import date
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from ingest.demo import build_demo, is_empty
from queries.config import ROOT
from queries.db import prepare
from queries.users import authenticate

CASES = [
    ("leader", {}),
    ("leader", {"grain": "week", "period": "24m"}),
    ("manager", {}),
    ("staff", {"grain": "week"}),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    path = ROOT / "data" / f"bench-{args.responses}.db"
    url = f"sqlite:///{path}"
    engine = prepare(url)
    if is_empty(engine):
        started = time.perf_counter()
        build_demo(engine, responses=args.responses, seed=1, today=date.today())
        print(f"built {args.responses:,} responses in {time.perf_counter() - started:.1f} s")
    os.environ["DATABASE_URL"] = url
    os.environ["INSIKT_DEMO_ON_EMPTY"] = "0"
    results = []
    for role, query in CASES:
        account = authenticate(engine, role, "demo").account
        timings = []
        for _ in range(args.repeat):
            st.cache_data.clear()
            test = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
            test.switch_page("pages/overview.py")
            test.session_state["account"] = account
            test.session_state["database_checked"] = True
            for key, value in query.items():
                test.query_params[key] = value
            started = time.perf_counter()
            test.run()
            timings.append(time.perf_counter() - started)
            assert not test.exception, test.exception
        results.append({"role": role, "query": query, "seconds": timings,
                        "median": statistics.median(timings)})
        print(f"{role:8} {json.dumps(query):40} median {statistics.median(timings):.3f} s "
              f"(runs: {', '.join(f'{t:.3f}' for t in timings)})")
    out = Path(__file__).with_suffix(".json")
    out.write_text(json.dumps({"responses": args.responses, "database": "sqlite",
                               "results": results}, indent=2))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
