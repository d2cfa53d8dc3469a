"""Benchmark: checking and importing a large CSV export on SQLite.

Writes a semicolon-separated export with Swedish headers (ids, local times over a
year, 20 units, 6 touchpoints, scores, a comment on about a third of the rows,
two segment columns) to data/ (once per size: an existing file is reused), then
into a new database times :func:`ingest.load.validate` and
:func:`ingest.load.run_import` (units and touchpoints created on the way): a
SQLite file under data/, or with ``--database-url`` a PostgreSQL database created
beside that one's and dropped afterwards. Peak memory is measured in a fresh
process per size, for checking and for importing: its ``VmHWM`` (the high-water
mark of its own resident memory; ``getrusage``'s max RSS of a child started by
this process carries over the parent's figure, taken at the fork). Prints the figures, rows a second end to end (checking and writing,
wall clock and CPU of this process; the tagging helper of a retag of 200,000
comments or more is a process of its own), and writes bench/imports.json. On
SQLite it also measures the write floor (:func:`write_floor`): how long inserting
only what the import wrote takes, into an empty copy of the schema. Never part of
the test suite.

    python -m bench.imports [--rows 200000] [--memory-rows 1000000] [--database-url postgresql://…]
    python -m bench.imports --rows 20000 --into /work/benchdata/insikt-1m.db [--repeat 3]

``--memory-rows 0`` measures peak memory at ``--rows`` only. ``--into`` times instead
an import into copies of an existing SQLite database (such as a 1M demo; the file itself
is never written), as a monthly export arrives into years of data: each run on a fresh
copy, in one process (the first also loads the language detector).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from bench.machine import reference, summary
from queries.config import ROOT, normalise_url

UNITS = [f"Butik {number:02d}" for number in range(1, 21)]
TOUCHPOINTS = ["Webbokning", "Butiksbesök", "Kassa", "Leverans", "Kundtjänst", "Reklamation"]
PHRASES = ["Lång kö i kassan", "trevlig och hjälpsam personal", "för dyrt", "leveransen var sen",
           "rent och snyggt", "kunde inte hitta varan", "snabb service", "appen krånglade"]


def write_export(path: Path, rows: int, seed: int = 1) -> None:
    """A realistic export of ``rows`` rows."""
    rnd = random.Random(seed)
    start = datetime(2025, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Svar-ID", "Datum", "Butik", "Kontaktpunkt", "Kanal", "NPS", "Nöjdhet", "Kommentar",
                         "Kundtyp", "Ordervärde"])
        for number in range(rows):
            moment = start + timedelta(seconds=rnd.randrange(365 * 86_400))
            comment = ", ".join(rnd.sample(PHRASES, rnd.randint(1, 3))).capitalize() if rnd.random() < 0.35 else ""
            writer.writerow([f"B{number:08d}", moment.strftime("%Y-%m-%d %H:%M:%S"), rnd.choice(UNITS),
                             rnd.choice(TOUCHPOINTS), rnd.choice(("e-post", "sms")), rnd.randint(0, 10),
                             rnd.choice(("", "1", "2", "3", "4", "5")), comment,
                             rnd.choice(("Ny kund", "Återkommande kund")), rnd.choice(("< 500 kr", "≥ 500 kr"))])


@contextmanager
def new_database(database_url: str | None, name: str) -> Iterator[str]:
    """The URL of a new empty database: data/``name``.db (kept), or on PostgreSQL
    one created on ``database_url``'s server and dropped afterwards."""
    if not database_url:
        path = ROOT / "data" / f"{name}.db"
        path.unlink(missing_ok=True)
        yield f"sqlite:///{path}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(normalise_url(database_url))
    fresh = f"insikt_{name.replace('-', '_')}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{fresh}"'))
    try:
        yield url.set(database=fresh).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)'))
        admin.dispose()


def measure(path: Path, database_url: str | None, write: bool) -> dict:
    """Check (and with ``write`` import) ``path`` into a new database; seconds and counts."""
    with new_database(database_url, path.stem) as url:
        return _measure(path, url, write)


def _measure(path: Path, url: str, write: bool) -> dict:
    from dataclasses import replace

    from ingest import themes
    from ingest.files import open_source
    from ingest.load import run_import, validate
    from ingest.suggest import suggest
    from queries.db import prepare

    engine = prepare(url)
    with engine.begin() as connection:
        themes.ensure_default_themes(connection)
    source = open_source(path, path.name)
    mapping = replace(suggest(source.columns), create_missing=True)
    started = time.perf_counter()
    report = validate(engine, source, mapping)
    result = {"rows": report.rows_read, "accepted": report.accepted, "validate_seconds": time.perf_counter() - started}
    if write:
        started, cpu = time.perf_counter(), time.process_time()
        report = run_import(engine, source, mapping)
        seconds = time.perf_counter() - started
        result.update(import_seconds=seconds, import_cpu_seconds=time.process_time() - cpu, written=report.written,
                      rows_per_second=report.rows_read / seconds)
    engine.dispose()
    return result


def write_floor(database: Path) -> dict:
    """Seconds to write what an import wrote into the SQLite file ``database``, and
    nothing else: its responses, attributes, theme tags and rollup rows, read into
    memory first, then inserted with ``executemany`` into an empty copy of those
    tables (indexes built afterwards, the full-text index in one statement, one
    commit; SQLite's page cache as large as an import's). No parsing, checking,
    tagging or aggregating: the least any import of these rows costs here."""
    from queries import bulk, rollup

    names = ["responses", "response_attributes", "response_themes", *(table.name for table in rollup.TABLES)]
    source = sqlite3.connect(database)
    floor = database.with_name("bench-write-floor.db")
    floor.unlink(missing_ok=True)
    target = sqlite3.connect(floor)
    target.execute(f"PRAGMA cache_size=-{bulk.BULK_CACHE_KIB}")
    target.execute("PRAGMA journal_mode=WAL")
    schema = {name: source.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
              for name in [*names, "comments_fts"]}
    indexes = [sql for (sql,) in source.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN "
        f"({', '.join('?' * len(names))})", names)]
    rows = {name: source.execute(f"SELECT * FROM {name}").fetchall() for name in names}
    source.close()
    for sql in schema.values():
        target.execute(sql)
    seconds = {}
    started = time.perf_counter()
    for name in names:
        begun = time.perf_counter()
        if rows[name]:
            width = len(rows[name][0])
            target.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * width)})", rows[name])
        seconds[name] = time.perf_counter() - begun
    begun = time.perf_counter()
    for sql in indexes:
        target.execute(sql)
    target.execute("INSERT INTO comments_fts(rowid, comment) SELECT id, comment FROM responses "
                   "WHERE comment IS NOT NULL")
    target.commit()
    seconds["indexes, full-text index and commit"] = time.perf_counter() - begun
    total = time.perf_counter() - started
    target.close()
    floor.unlink()
    return {"seconds": total, "rows": sum(map(len, rows.values())), "responses": len(rows["responses"]),
            "by_table": seconds}


def into_copies(database: Path, path: Path, repeat: int) -> dict:
    """Seconds to import ``path`` into a fresh copy of the SQLite file ``database``, ``repeat`` times."""
    from dataclasses import replace

    from ingest.files import open_source
    from ingest.load import run_import
    from ingest.suggest import suggest
    from queries.db import prepare

    copy = ROOT / "data" / "bench-import-into.db"
    seconds, written = [], 0
    for _ in range(repeat):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
            if Path(f"{database}{suffix}").exists() and suffix != "-shm":
                shutil.copy(f"{database}{suffix}", f"{copy}{suffix}")
        engine = prepare(f"sqlite:///{copy}")
        source = open_source(path, path.name)
        started = time.perf_counter()
        written = run_import(engine, source, replace(suggest(source.columns), create_missing=True)).written
        seconds.append(time.perf_counter() - started)
        engine.dispose()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    return {"database": str(database), "seconds": seconds, "median_seconds": statistics.median(seconds),
            "written": written}


def export(rows: int) -> Path:
    """The bench export of ``rows`` rows under data/, written when missing."""
    path = ROOT / "data" / f"bench-import-{rows}.csv"
    if not path.exists():
        write_export(path, rows)
    return path


def vm_hwm_mb() -> float:
    """This process's peak resident memory in MB (``VmHWM`` in /proc/self/status)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def peak_memory(rows: int, write: bool, database_url: str | None) -> dict:
    """Peak resident memory of a fresh process that checks (or imports) an export of ``rows`` rows."""
    code = ("import json, sys; from pathlib import Path; from bench.imports import measure, vm_hwm_mb; "
            f"result = measure(Path(sys.argv[1]), sys.argv[2] or None, {write}); "
            "result['peak_mb'] = vm_hwm_mb(); print(json.dumps(result))")
    output = subprocess.run([sys.executable, "-c", code, str(export(rows)), database_url or ""],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--memory-rows", type=int, default=1_000_000)
    parser.add_argument("--database-url", help="a PostgreSQL server to import into (default: a SQLite file)")
    parser.add_argument("--into", type=Path, help="an existing SQLite database to import into copies of")
    parser.add_argument("--repeat", type=int, default=3, help="imports with --into (each into a fresh copy)")
    args = parser.parse_args()
    machine = reference()
    print(summary(machine), flush=True)
    (ROOT / "data").mkdir(exist_ok=True)
    path = export(args.rows)
    if args.into:
        timed = into_copies(args.into, path, args.repeat)
        print(f"{args.rows:,} rows into copies of {args.into}: "
              + ", ".join(f"{value:.1f}" for value in timed["seconds"])
              + f" s, median {timed['median_seconds']:.1f} s, {args.rows / timed['median_seconds']:,.0f} rows/s")
        out = Path(__file__).with_name("imports-into.json")
        out.write_text(json.dumps({"rows": args.rows, "machine": machine, **timed}, indent=2))
        print(f"wrote {out}")
        return
    timed = measure(path, args.database_url, write=True)
    print(f"{args.rows:,} rows ({path.stat().st_size / 1e6:.1f} MB): validate {timed['validate_seconds']:.1f} s, "
          f"import (validate + write) {timed['import_seconds']:.1f} s (CPU {timed['import_cpu_seconds']:.1f} s), "
          f"{timed['written']:,} written: {timed['rows_per_second']:,.0f} rows/s end to end, "
          f"{args.rows / timed['import_cpu_seconds']:,.0f} rows per CPU second")
    if not args.database_url:
        timed["write_floor"] = floor = write_floor(ROOT / "data" / f"{path.stem}.db")
        print(f"write floor: inserting only what the import wrote ({floor['rows']:,} rows in "
              f"{len(floor['by_table']) - 1} tables and the full-text index) took {floor['seconds']:.1f} s, "
              f"{floor['responses'] / floor['seconds']:,.0f} responses/s; of it "
              + ", ".join(f"{name} {seconds:.2f}" for name, seconds in floor["by_table"].items()))
    memory = {}
    for rows in sorted({args.rows, args.memory_rows} - {0}):
        for write in (False, True):
            figures = peak_memory(rows, write, args.database_url)
            memory[f"{rows}-{'import' if write else 'validate'}"] = figures
            print(f"{rows:,} rows, {'import' if write else 'validate'}: peak {figures['peak_mb']:.0f} MB, "
                  f"{figures.get('import_seconds', figures['validate_seconds']):.1f} s")
    out = Path(__file__).with_name("imports.json")
    database = "postgresql" if args.database_url else "sqlite"
    out = out.with_name(f"imports-{database}.json") if args.database_url else out
    out.write_text(json.dumps({"database": database, "rows": args.rows, "machine": machine, "timing": timed,
                               "memory": memory, "peak_mb_of_runner": vm_hwm_mb()},
                              indent=2))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
