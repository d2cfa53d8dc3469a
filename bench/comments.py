"""Benchmark: the comment reads at about 300,000 comments.

Uses the 1,000,000-response SQLite demo of ``bench.overview`` (built if missing;
it holds about 317,000 comments), adds the search index and theme tags if the
database predates them, then times the reads of the comments page for a leader
(every unit, last 12 months) and a staff member, and renders the page through
AppTest with empty caches. Prints the figures and writes bench/comments.json.

    python -m bench.comments [--responses 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

import streamlit as st
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from ingest import themes
from ingest.demo import build_demo, is_empty
from queries import comments
from queries import themes as theme_reads
from queries.comments import CommentQuery
from queries.config import ROOT
from queries.db import prepare
from queries.responses import Filters
from queries.schema import ResponseTheme
from queries.scope import scope_for
from queries.users import authenticate

QUERIES = {
    "newest": CommentQuery(),
    "search word": CommentQuery(search="leverans"),
    "search prefix": CommentQuery(search="vänt"),
    "search phrase": CommentQuery(search='"lång kö"'),
    "relevance": CommentQuery(search="personal trevlig", sort="relevance"),
    "theme + detractors": CommentQuery(theme_key="waiting", score_group="bottom"),
    "lowest score": CommentQuery(sort="lowest"),
}


def _timed(function, repeat: int) -> list[float]:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    url = f"sqlite:///{ROOT / 'data' / f'bench-{args.responses}.db'}"
    engine = prepare(url)  # also builds the search index of an older database
    if is_empty(engine):
        build_demo(engine, responses=args.responses, seed=1, today=date.today())
    with engine.begin() as connection:
        if not connection.execute(select(func.count()).select_from(ResponseTheme)).scalar():
            themes.ensure_default_themes(connection)
            print(f"tagged {themes.retag(connection):,} comments")
    today = date.today()
    results = []
    for role in ("leader", "staff"):
        account = authenticate(engine, role, "demo").account
        scope = scope_for(engine, role, account.unit_id)
        filters = Filters(scope.unit_ids, today - timedelta(days=364), today)
        total = comments.count_comments(engine, scope, filters, CommentQuery())
        reads = {f"{name}: page + count": (lambda q=query: (
            comments.list_comments(engine, scope, filters, q),
            comments.count_comments(engine, scope, filters, q))) for name, query in QUERIES.items()}
        reads["theme counts"] = lambda: theme_reads.theme_counts(engine, scope, filters)
        reads["emerging weeks"] = lambda: theme_reads.theme_days(engine, scope, filters, today)
        for name, read in reads.items():
            timings = _timed(read, args.repeat)
            results.append({"role": role, "read": name, "comments_in_scope": total,
                            "seconds": timings, "median": statistics.median(timings)})
            print(f"{role:7} {name:32} median {statistics.median(timings):.3f} s ({total:,} comments)")
    os.environ |= {"DATABASE_URL": url, "INSIKT_DEMO_ON_EMPTY": "0"}
    for role in ("leader", "staff"):
        account = authenticate(engine, role, "demo").account

        def render() -> None:
            st.cache_data.clear()
            test = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
            test.switch_page("pages/comments.py")
            test.session_state["account"] = account
            test.session_state["database_checked"] = True
            test.run()
            assert not test.exception, test.exception

        timings = _timed(render, args.repeat)
        results.append({"role": role, "read": "comments page render", "seconds": timings,
                        "median": statistics.median(timings)})
        print(f"{role:7} {'comments page, empty caches':32} median {statistics.median(timings):.3f} s")
    out = Path(__file__).with_name("comments.json")
    out.write_text(json.dumps({"responses": args.responses, "database": "sqlite", "results": results},
                              indent=2))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
