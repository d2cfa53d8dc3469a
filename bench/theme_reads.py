"""Benchmark: the theme reads of the strengths and comments pages, per role.

Times ``queries.compare.group_counts`` (its theme rows), the comparator
"organisation" (theme rows and, for a manager or staff member, the units outside
the scope), ``queries.themes.theme_counts``, ``comment_totals`` and ``theme_days`` for the demo
leader, manager and staff over the last ``--days`` days, on a fresh engine each
run; prints the median wall-clock and CPU seconds of ``--repeat`` runs. Never
part of the test suite.

    python -m bench.theme_reads --database-url URL [--days 730] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date, timedelta

from sqlalchemy import select

from queries import compare, themes
from queries.config import normalise_url
from queries.db import prepare
from queries.responses import Filters
from queries.schema import User
from queries.scope import scope_for

READS = {
    "group_counts": lambda engine, scope, filters, end: compare.group_counts(engine, scope, filters),
    "comparator": lambda engine, scope, filters, end: compare.comparator_counts(
        engine, scope, filters, "organisation"),
    "theme_counts": lambda engine, scope, filters, end: themes.theme_counts(engine, scope, filters),
    "comment_totals": lambda engine, scope, filters, end: themes.comment_totals(engine, scope, filters),
    "theme_days": lambda engine, scope, filters, end: themes.theme_days(engine, scope, filters, end),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--roles", default="leader,manager,staff")
    args = parser.parse_args()
    url = normalise_url(args.database_url)
    end = date.today()
    filters_for = {}
    with prepare(url).connect() as connection:
        users = {row.username: row for row in connection.execute(select(User.username, User.role, User.unit_id))}
    for role in args.roles.split(","):
        for name, read in READS.items():
            walls, cpus = [], []
            for _ in range(args.repeat):
                engine = prepare(url)
                user = users[role]
                scope = scope_for(engine, user.role, user.unit_id)
                filters = filters_for.setdefault(role, Filters(scope.unit_ids, end - timedelta(days=args.days - 1), end))
                started, cpu = time.perf_counter(), time.process_time()
                read(engine, scope, filters, end)
                walls.append(time.perf_counter() - started)
                cpus.append(time.process_time() - cpu)
                engine.dispose()
            print(f"{role:8} {name:13} wall {statistics.median(walls):6.3f} s   "
                  f"CPU {statistics.median(cpus):6.3f} s", flush=True)


if __name__ == "__main__":
    main()
