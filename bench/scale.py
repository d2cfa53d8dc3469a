"""Benchmark: how the overview and the strengths page grow with the data.

Renders both pages (AppTest, cold and warm, median of ``--repeat``, as
:mod:`bench.pages` does) for each role on SQLite demos of each size in
``--sizes`` (built once under ``--data-dir`` when missing), and prints them
side by side with the ratio of each size's cold time to the first size's. With
rollups the ratio stays near 1: a page's cost follows days × groups, not
responses. Writes bench/scale.json. Never part of the test suite.

    python -m bench.scale [--sizes 100000,1000000,3000000] [--data-dir /work/benchdata] [--repeat 3]
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

from bench.pages import QUIET, render
from ingest.demo import build_demo, is_empty
from queries import bulk
from queries.db import prepare
from queries.users import authenticate

PAGES = ("overview", "strengths")
ROLES = ("leader", "manager", "staff")


def demo(responses: int, folder: Path) -> str:
    """The URL of a SQLite demo of ``responses`` responses in ``folder``, built on first use."""
    label = f"{responses // 1_000_000}m" if responses % 1_000_000 == 0 else f"{responses // 1000}k"
    url = f"sqlite:///{folder / f'insikt-{label}.db'}"
    engine = prepare(url)
    if is_empty(engine):
        started = time.perf_counter()
        build_demo(engine, responses=responses, seed=1, today=date.today())
        print(f"built {responses:,} responses in {time.perf_counter() - started:.0f} s "
              f"(SQLite page cache during the build: {bulk.BULK_CACHE_KIB // 1000} MB)", flush=True)
    engine.dispose()
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000,3000000")
    parser.add_argument("--data-dir", default="/work/benchdata")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", default=str(Path(__file__).with_suffix(".json")))
    args = parser.parse_args()
    for name in QUIET:
        logging.getLogger(name).disabled = True
    folder = Path(args.data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["INSIKT_DEMO_ON_EMPTY"] = "0"
    sizes = [int(size) for size in args.sizes.split(",")]
    results: dict[tuple[str, str], dict[int, dict]] = {}
    for size in sizes:
        url = demo(size, folder)
        os.environ["DATABASE_URL"] = url
        engine = prepare(url)
        for page in PAGES:
            for role in ROLES:
                account = authenticate(engine, role, "demo").account
                cold, warm = [], []
                for _ in range(args.repeat):
                    cold.append(render(page, account, cold=True))
                    warm.append(render(page, account, cold=False))
                results.setdefault((page, role), {})[size] = {
                    "cold": statistics.median(wall for wall, _cpu in cold),
                    "cold_cpu": statistics.median(cpu for _wall, cpu in cold),
                    "warm": statistics.median(wall for wall, _cpu in warm)}
                print(f"{size:>9,} {page:10} {role:8} cold {results[(page, role)][size]['cold']:6.3f} s "
                      f"(CPU {results[(page, role)][size]['cold_cpu']:6.3f})", flush=True)
    header = "page       role     " + "".join(f"{size:>12,}" for size in sizes) + "   ratio (cold, CPU) to the first"
    print("\ncold render, CPU seconds (wall-clock in bench/scale.json)\n" + header)
    for (page, role), by_size in results.items():
        first = by_size[sizes[0]]["cold_cpu"]
        print(f"{page:10} {role:8} " + "".join(f"{by_size[size]['cold_cpu']:12.3f}" for size in sizes)
              + "   " + "  ".join(f"{by_size[size]['cold_cpu'] / first:5.2f}×" for size in sizes[1:]))
    Path(args.out).write_text(json.dumps({"date": date.today().isoformat(), "sizes": sizes, "results": [
        {"page": page, "role": role, **{str(size): figures for size, figures in by_size.items()}}
        for (page, role), by_size in results.items()]}, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
