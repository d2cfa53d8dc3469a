"""Benchmark: the overview's aggregation against its floor.

The same question three ways, on the same database: the leader's daily
sufficient statistics (responses, promoters, passives, detractors, satisfaction
counts, comments) over the last 12 months of data —

* **app**: :func:`queries.responses.daily_stats`, as the overview asks it (from ``daily_counts``);
* **duckdb**: DuckDB aggregating the raw responses in memory (the columns loaded
  from the database first, not timed): the in-memory floor for raw rows;
* **pandas**: naive pandas, reading every response of the period with
  ``pandas.read_sql`` and grouping it (timed end to end).

Prints the median seconds of ``--repeat`` runs and the ratios, checks that the
three agree, and writes bench/floor.json. DuckDB is a benchmark-only dependency
(requirements-dev.txt). Never part of the test suite.

    python -m bench.floor --database-url sqlite:////work/benchdata/insikt-1m.db [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import timedelta
from pathlib import Path

import pandas as pd

from queries.config import normalise_url
from queries.db import make_engine
from queries.responses import Filters, daily_stats, scope_totals
from queries.scope import scope_for

COLUMNS = ["responses", "n", "promoters", "passives", "detractors", "csat_n", "csat_top", "comments"]
DUCKDB_SQL = """
SELECT CAST(responded_at AS DATE) AS day, count(*) AS responses, count(nps) AS n,
       count(*) FILTER (WHERE nps >= 9) AS promoters, count(*) FILTER (WHERE nps BETWEEN 7 AND 8) AS passives,
       count(*) FILTER (WHERE nps <= 6) AS detractors, count(csat) AS csat_n,
       count(*) FILTER (WHERE csat >= 4) AS csat_top,
       count(*) FILTER (WHERE comment IS NOT NULL AND trim(comment) != '') AS comments
FROM responses WHERE responded_at >= ? AND responded_at < ? GROUP BY 1 ORDER BY 1
"""


def _timed(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def _raw_sql(engine) -> str:
    return ("SELECT responded_at, nps, csat, comment FROM responses "
            "WHERE responded_at >= :first AND responded_at < :upper")


def _pandas(engine, first, upper) -> pd.DataFrame:
    """Every response of the period into pandas, then grouped by day."""
    from sqlalchemy import text

    with engine.connect() as connection:
        raw = pd.read_sql(text(_raw_sql(engine)), connection, params={"first": first, "upper": upper})
    raw["day"] = pd.to_datetime(raw["responded_at"].astype(str).str.slice(0, 10))
    commented = raw["comment"].notna() & (raw["comment"].str.strip() != "")
    frame = pd.DataFrame({
        "day": raw["day"], "responses": 1, "n": raw["nps"].notna(), "promoters": raw["nps"] >= 9,
        "passives": raw["nps"].between(7, 8), "detractors": raw["nps"] <= 6, "csat_n": raw["csat"].notna(),
        "csat_top": raw["csat"] >= 4, "comments": commented})
    return frame.groupby("day", as_index=False).sum().astype({name: "int64" for name in COLUMNS})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", default=str(Path(__file__).with_suffix(".json")))
    args = parser.parse_args()
    import duckdb

    engine = make_engine(normalise_url(args.database_url))
    leader = scope_for(engine, "leader", None)
    last = scope_totals(engine, leader)["last_day"]
    filters = Filters(leader.unit_ids, last - timedelta(days=364), last)
    first, upper = pd.Timestamp(filters.start), pd.Timestamp(last + timedelta(days=1))
    bound = (first.to_pydatetime(), upper.to_pydatetime())
    if engine.dialect.name == "sqlite":  # SQLite keeps DateTime as text
        bound = tuple(moment.strftime("%Y-%m-%d %H:%M:%S.%f") for moment in bound)

    app_seconds, app = _timed(lambda: daily_stats(engine, leader, filters), args.repeat)
    pandas_seconds, naive = _timed(lambda: _pandas(engine, *bound), args.repeat)
    with engine.connect() as connection:  # the raw columns into DuckDB's memory (not timed)
        from sqlalchemy import text

        raw = pd.read_sql(text(_raw_sql(engine)), connection, params={"first": bound[0], "upper": bound[1]})
    raw["responded_at"] = pd.to_datetime(raw["responded_at"].astype(str).str.slice(0, 19))
    memory = duckdb.connect()
    memory.register("raw", raw)
    memory.execute("CREATE TABLE responses AS SELECT * FROM raw")
    duck_seconds, duck = _timed(lambda: memory.execute(DUCKDB_SQL, [first.to_pydatetime(), upper.to_pydatetime()])
                                .df(), args.repeat)

    app = app[["day", *COLUMNS]].reset_index(drop=True)
    for other in (naive, duck):
        other["day"] = pd.to_datetime(other["day"])
        pd.testing.assert_frame_equal(app, other[["day", *COLUMNS]].astype({name: "int64" for name in COLUMNS})
                                      .reset_index(drop=True), check_dtype=False)
    rows = len(raw)
    print(f"{engine.dialect.name}, {rows:,} responses in the period; leader's daily statistics "
          f"{filters.start} – {filters.end} (median of {args.repeat}):")
    print(f"  app (daily_counts)   {app_seconds:8.4f} s")
    print(f"  DuckDB (in memory)   {duck_seconds:8.4f} s   app / DuckDB = {app_seconds / duck_seconds:6.2f}")
    print(f"  naive pandas         {pandas_seconds:8.4f} s   pandas / app = {pandas_seconds / app_seconds:6.1f}")
    Path(args.out).write_text(json.dumps({
        "database": engine.dialect.name, "responses_in_period": rows, "start": str(filters.start),
        "end": str(filters.end), "app_seconds": app_seconds, "duckdb_seconds": duck_seconds,
        "pandas_seconds": pandas_seconds, "app_over_duckdb": app_seconds / duck_seconds,
        "pandas_over_app": pandas_seconds / app_seconds}, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
