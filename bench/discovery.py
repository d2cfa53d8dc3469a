"""Benchmark: theme discovery over 100,000 (and 1,000,000) comments on SQLite.

Builds a SQLite database of ``n`` commented responses (Swedish and English
review comments with planted topics, ``tests/discovery_corpus.py``; above
100,000 the same comments repeat under new ids), with the default themes and
without the full-text index (which discovery does not use), and times what the
page's *suggest themes* runs:

* ``search``: :func:`queries.discovery.discover_in_scope` for a leader (every
  unit, the whole period): reading the comments (a sample of 100,000 above
  that), masking personal details, the search, the example rows;
* ``worker``: the same through ``ingest.worker`` as the page runs it, including
  starting the worker process.

Prints the figures and writes bench/discovery.json.

    nice -n 10 python -m bench.discovery [--comments 100000 1000000]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import insert

from ingest import themes, worker
from queries import discovery
from queries.db import prepare
from queries.responses import Filters
from queries.schema import Touchpoint, Unit
from queries.scope import Scope
from queries.settings import bump_data_version
from tests.discovery_corpus import corpus

UNITS = 4
DISTINCT = 100_000
FIRST = datetime(2025, 1, 1, 12, tzinfo=timezone.utc)
STAMP = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy keeps a UTC moment in SQLite


def build(url: str, n: int) -> None:
    """Write ``n`` commented responses into the empty SQLite database at ``url``."""
    engine = prepare(url)
    frame = corpus(min(n, DISTINCT), "mixed", seed=1)
    texts, languages, scores = frame["comment"].tolist(), frame["language"].tolist(), frame["nps"].tolist()
    with engine.begin() as connection:
        unit_ids = [connection.execute(insert(Unit).values(name=f"Unit {index}", kind="unit", active=True))
                    .inserted_primary_key[0] for index in range(UNITS)]
        touchpoint = connection.execute(insert(Touchpoint).values(key="review", name_sv="Omdöme", name_en="Review",
                                                                  sort_order=0)).inserted_primary_key[0]
        # Discovery never searches: without the full-text trigger a million rows go in in about a minute.
        connection.exec_driver_sql("DROP TRIGGER IF EXISTS responses_fts_insert")
        statement = ("INSERT INTO responses (source, external_id, unit_id, touchpoint_id, channel, responded_at, "
                     "imported_at, nps, comment, language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        imported = FIRST.strftime(STAMP)
        for first in range(0, n, 50_000):  # the driver's own executemany
            connection.exec_driver_sql(statement, [
                ("bench", str(index), unit_ids[index % UNITS], touchpoint, "web",
                 (FIRST + timedelta(minutes=index % 500_000)).strftime(STAMP), imported,
                 scores[index % len(texts)], texts[index % len(texts)], languages[index % len(texts)])
                for index in range(first, min(n, first + 50_000))])
        themes.ensure_default_themes(connection)
        bump_data_version(connection)


def measure(n: int) -> dict:
    """Seconds for discovery over ``n`` comments (see the module docstring)."""
    with tempfile.TemporaryDirectory(prefix="insikt-bench-discovery-") as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        started = time.perf_counter()
        build(url, n)
        built = time.perf_counter() - started
        engine = prepare(url, create=False)
        scope = Scope(frozenset(range(1, UNITS + 1)))
        filters = (scope.unit_ids, date(2024, 12, 1), date(2026, 12, 31), None, None)
        started = time.perf_counter()
        found = discovery.discover_in_scope(engine, scope, Filters(*filters), "nps")
        search = time.perf_counter() - started
        started = time.perf_counter()
        worker.run(discovery.run, url, scope.unit_ids, filters, "nps", 5,
                   limits=worker.Limits(memory_mb=2048, seconds=600))
        through_worker = time.perf_counter() - started
        engine.dispose()
    return {"comments": n, "read": found.discovery.comments, "candidates": len(found.discovery.candidates),
            "build_seconds": round(built, 1), "search_seconds": round(search, 1),
            "worker_seconds": round(through_worker, 1)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Time theme discovery.")
    parser.add_argument("--comments", type=int, nargs="+", default=[100_000, 1_000_000])
    args = parser.parse_args(argv)
    results = []
    for n in args.comments:
        result = measure(n)
        results.append(result)
        print(f"{result['comments']:>9,} comments (read {result['read']:,}): search {result['search_seconds']} s, "
              f"through the worker {result['worker_seconds']} s, {result['candidates']} candidates "
              f"(building the database took {result['build_seconds']} s)", flush=True)
    Path(__file__).with_name("discovery.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
