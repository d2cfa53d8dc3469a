"""Benchmark: comment search by scope and by database.

Times one page of results plus the match count (what the comments page asks
for) for common-word, rare-word, phrase and prefix searches, and a relevance
sort, for a leader (every unit), a regional manager, staff (one unit) and staff of
the unit with the fewest comments, over the last 365 days, on each database given. Prints a table and writes
bench/search.json: the median of ``--repeat`` runs in wall-clock seconds and in
CPU seconds; on PostgreSQL the CPU is this process's plus the server backends'
of the database (read from /proc, so the server must run on this machine), and
parallel query is off so that no worker's CPU goes uncounted.

    python -m bench.search --database-url sqlite:////tmp/1m.db \\
        --database-url postgresql://postgres@127.0.0.1:5432/demo_1m [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Engine, func, make_url, select, text

from queries import comments
from queries.comments import CommentQuery
from queries.db import prepare
from queries.responses import Filters
from queries.schema import DailyCount, Response, User
from queries.scope import Scope, scope_for

SEARCHES = {
    "common word": CommentQuery(search="bra"),
    "rare word": CommentQuery(search="smoothly"),
    "phrase": CommentQuery(search='"lång kö"'),
    "prefix": CommentQuery(search="vänt"),
    "relevance": CommentQuery(search="personal trevlig", sort="relevance"),
}
# Demo accounts: the leader sees every unit, region.syd a region of 7 units, staff one unit;
# "small" is staff of the unit with the fewest comments.
ACCOUNTS = {"leader": "leader", "manager": "region.syd", "staff": "staff", "small": None}
TICKS = os.sysconf("SC_CLK_TCK")


def _backend_cpu(engine: Engine) -> float:
    """CPU seconds spent so far by the PostgreSQL backends serving this database."""
    if engine.dialect.name != "postgresql":
        return 0.0
    with engine.connect() as connection:
        pids = connection.execute(text("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"))\
            .scalars().all()
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def _measure(engine: Engine, read, repeat: int) -> tuple[list[float], list[float]]:
    walls, cpus = [], []
    for _ in range(repeat):
        backend, cpu, started = _backend_cpu(engine), time.process_time(), time.perf_counter()
        read()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu + _backend_cpu(engine) - backend)
    return walls, cpus


def _scope(engine: Engine, username: str | None) -> Scope:
    """The scope of a demo user, or (None) staff of the unit with the fewest comments."""
    with engine.connect() as connection:
        if username is None:
            unit = connection.execute(select(DailyCount.unit_id).group_by(DailyCount.unit_id)
                                      .order_by(func.sum(DailyCount.comments)).limit(1)).scalar_one()
            return Scope(frozenset({unit}))
        user = connection.execute(select(User.role, User.unit_id).where(User.username == username)).one()
    return scope_for(engine, user.role, user.unit_id)


def run(url: str, repeat: int) -> list[dict]:
    """Every search × role on ``url``, printed as it goes."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        parsed = parsed.update_query_dict({"options": "-c max_parallel_workers_per_gather=0"})
    engine = prepare(parsed.render_as_string(hide_password=False))
    with engine.connect() as connection:
        last = connection.execute(select(Response.responded_at).order_by(Response.responded_at.desc())
                                  .limit(1)).scalar()
    end = last.date() if last else date.today()
    rows = []
    for role, username in ACCOUNTS.items():
        scope = _scope(engine, username)
        filters = Filters(scope.unit_ids, end - timedelta(days=364), end)
        in_scope = comments.count_comments(engine, scope, filters, CommentQuery())
        for name, query in SEARCHES.items():
            def read(query=query):
                return (comments.list_comments(engine, scope, filters, query),
                        comments.count_comments(engine, scope, filters, query))
            _page, found = read()  # warms the database's cache: figures are for repeated searches
            walls, cpus = _measure(engine, read, repeat)
            row = {"database": engine.dialect.name, "role": role, "search": name, "query": query.search,
                   "comments_in_scope": in_scope, "found": found, "seconds": walls, "cpu": cpus,
                   "median": statistics.median(walls), "cpu_median": statistics.median(cpus)}
            rows.append(row)
            print(f"{row['database']:10} {role:8} {name:12} {found:>7,} of {in_scope:>7,}   "
                  f"{row['median']:6.3f} s (CPU {row['cpu_median']:6.3f})", flush=True)
    engine.dispose()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", action="append", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", default=str(Path(__file__).with_suffix(".json")))
    args = parser.parse_args()
    rows = [row for url in args.database_url for row in run(url, args.repeat)]
    Path(args.out).write_text(json.dumps({"results": rows}, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
