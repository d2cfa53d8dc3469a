"""Benchmark: comment themes at scale.

Builds (once, kept under ``data/``) a SQLite database of N commented responses in
Swedish and English (the demo's phrases, one comment in ten in English, one in
fifty in German), then times each measurement in :data:`MEASUREMENTS` on it and
prints the figures. A measurement is a function ``(engine, comments) -> dict``
of named figures; add one to :data:`MEASUREMENTS` to time something else.

    nice -n 10 python -m bench.themes [--comments 100000,1000000] [--only retag,detect]

Wall-clock times depend on what else the machine runs; the retag also prints its
CPU time (one process, so CPU time is a floor for the wall time on an idle machine).
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from sqlalchemy import Engine, func, insert, select

from ingest import language, themes
from ingest.demo_texts import GENERIC, PHRASES
from queries.config import ROOT
from queries.db import analyze, prepare
from queries.schema import ImportBatch, Response, ResponseTheme, Touchpoint, Unit

GERMAN = ["Das Personal war sehr freundlich und hilfsbereit", "Wir mussten lange an der Kasse warten",
          "Die Lieferung kam zu spät und beschädigt an"]


def _comment(rnd: random.Random, code: str) -> str:
    if code == "de":
        return rnd.choice(GERMAN)
    if rnd.random() < 0.3:
        return rnd.choice(GENERIC[rnd.choice(list(GENERIC))][code])
    parts = [rnd.choice(PHRASES[key][rnd.choice(("pos", "neg"))][code])
             for key in rnd.sample(list(PHRASES), rnd.randint(1, 3))]
    return ". ".join(parts) + "."


COLUMNS = ("source", "external_id", "unit_id", "touchpoint_id", "channel", "responded_at", "nps", "comment",
           "language", "imported_at", "import_batch_id")


DISTINCT = 100_000  # more comments than this repeat the first ones (tagging costs the same)


def build(engine: Engine, comments: int, seed: int = 1) -> None:
    """N commented responses over a year in 40 units, languages given (as an import
    would): up to :data:`DISTINCT` generated and written as plain rows 50,000 at a
    time (SQLite only: dates as its text), the rest copies of those in SQL."""
    rnd = random.Random(seed)
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    with engine.begin() as connection:
        connection.execute(insert(Unit), [{"name": f"Butik {number}", "kind": "unit"} for number in range(40)])
        connection.execute(insert(Touchpoint), [{"key": "store", "name_sv": "Butik", "name_en": "Store"}])
        batch = connection.execute(insert(ImportBatch).values(source="bench", created_at=now)).inserted_primary_key[0]
        units = connection.execute(select(Unit.id)).scalars().all()
        touchpoint = connection.execute(select(Touchpoint.id)).scalar()
        themes.ensure_default_themes(connection)
    statement = (f"INSERT INTO responses ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})")
    stamp = "%Y-%m-%d %H:%M:%S.%f"
    imported = now.strftime(stamp)
    distinct = min(comments, DISTINCT)
    for first in range(0, distinct, 50_000):
        rows = []
        for number in range(first, min(distinct, first + 50_000)):
            code = "de" if rnd.random() < 0.02 else "en" if rnd.random() < 0.1 else "sv"
            moment = (now - timedelta(minutes=number % 525_600)).strftime(stamp)
            rows.append(("bench", str(number), rnd.choice(units), touchpoint, "email", moment, rnd.randint(0, 10),
                         _comment(rnd, code), code, imported, batch))
        with engine.begin() as connection:
            connection.exec_driver_sql(statement, rows)
    repeat(engine, comments)
    analyze(engine)


def repeat(engine: Engine, comments: int) -> None:
    """Copy the first :data:`DISTINCT` responses (new external ids) until there are ``comments``."""
    columns = ", ".join(COLUMNS)
    copied = ", ".join("external_id || '-{copy}'" if name == "external_id" else name for name in COLUMNS)
    with engine.connect() as connection:
        have = connection.execute(select(func.count()).select_from(Response)).scalar()
    for copy in range(1, -(-comments // DISTINCT)):
        if have >= comments:
            break
        with engine.begin() as connection:
            connection.exec_driver_sql(
                f"INSERT INTO responses ({columns}) SELECT {copied.format(copy=copy)} FROM responses "
                f"WHERE id <= {DISTINCT} ORDER BY id LIMIT {min(DISTINCT, comments - have)}")
        have += min(DISTINCT, comments - have)


def retag(engine: Engine, comments: int) -> dict[str, float]:
    """Every comment tagged again with the default themes, in one transaction."""
    started, cpu = time.perf_counter(), time.process_time()
    with engine.begin() as connection:
        tagging = themes.retag(connection)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    with engine.connect() as connection:
        links = connection.execute(select(func.count()).select_from(ResponseTheme)).scalar()
    return {"retag seconds": seconds, "retag CPU seconds": cpu, "comments per second": comments / seconds,
            "tagged": tagging.tagged, "links": links, "other language": tagging.other_language}


def detect(engine: Engine, comments: int, sample: int = 20_000) -> dict[str, float]:
    """Language detection of ``sample`` comments (as for an import without a
    language column), and the time it would take for all of them at that rate."""
    with engine.connect() as connection:
        texts = connection.execute(select(Response.comment).limit(sample)).scalars().all()
    language.detect(texts[:100])  # load the models
    started = time.perf_counter()
    language.detect(texts)
    seconds = time.perf_counter() - started  # wall time: lingua detects on every core
    return {"detect seconds per 1,000": 1000 * seconds / len(texts),
            "detect all, estimated seconds": seconds * comments / len(texts)}


def discover(_engine: Engine, comments: int) -> dict[str, float]:
    """Theme discovery over ``comments`` comments, as the page runs it (see :mod:`bench.discovery`,
    which builds its own database of that size)."""
    from bench import discovery

    found = discovery.measure(comments)
    return {"discovery search seconds": found["search_seconds"],
            "discovery through the worker seconds": found["worker_seconds"]}


MEASUREMENTS: dict[str, Callable[[Engine, int], dict[str, float]]] = {
    "retag": retag, "detect": detect, "discover": discover}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", default="100000,1000000", help="comma-separated sizes")
    parser.add_argument("--only", default=",".join(MEASUREMENTS), help="comma-separated measurements")
    args = parser.parse_args()
    for size in (int(value) for value in args.comments.split(",")):
        path = ROOT / "data" / f"bench-themes-{size}.db"
        fresh = not path.exists()
        engine = prepare(f"sqlite:///{path}")
        if fresh:
            started = time.perf_counter()
            build(engine, size)
            print(f"built {size:,} comments in {time.perf_counter() - started:.1f} s ({path.name})")
        for name in args.only.split(","):
            for figure, value in MEASUREMENTS[name](engine, size).items():
                print(f"{size:>10,} comments  {name:<8} {figure:<32} {value:>12,.2f}")
        engine.dispose()


if __name__ == "__main__":
    main()
