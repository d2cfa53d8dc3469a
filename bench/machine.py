"""How fast this machine is, by a fixed workload, so that the benchmarks' figures
from different machines can be compared (each session may run on another one).

Three parts, each the median of three runs, in seconds: ``python`` (a loop of
the interpreter's own work, what most of a page's render is), ``pandas`` (a
groupby of a million rows) and ``sqlite`` (200,000 rows inserted and grouped in
memory). ``bench.pages``, ``bench.imports`` and ``bench.interactions`` print them
beside their figures and write them to their JSON; on its own:

    python -m bench.machine
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import time
from collections.abc import Callable

import numpy as np
import pandas as pd


def _python() -> None:
    total = 0
    for number in range(2_000_000):
        total += number * number % 7


def _pandas() -> None:
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"day": rng.integers(0, 365, 1_000_000), "unit": rng.integers(0, 20, 1_000_000),
                          "score": rng.integers(0, 11, 1_000_000)})
    frame.groupby(["day", "unit"])["score"].agg(["count", "sum"])


def _sqlite() -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE answers (day INTEGER, unit INTEGER, score INTEGER)")
    connection.executemany("INSERT INTO answers VALUES (?, ?, ?)",
                           ((number % 365, number % 20, number % 11) for number in range(200_000)))
    connection.execute("SELECT day, unit, count(*), sum(score) FROM answers GROUP BY day, unit").fetchall()
    connection.close()


PARTS: dict[str, Callable[[], None]] = {"python": _python, "pandas": _pandas, "sqlite": _sqlite}


def reference(repeat: int = 3) -> dict[str, float]:
    """Seconds of each part of the workload on this machine (median of ``repeat``)."""
    found = {}
    for name, part in PARTS.items():
        seconds = []
        for _ in range(repeat):
            started = time.perf_counter()
            part()
            seconds.append(time.perf_counter() - started)
        found[name] = round(statistics.median(seconds), 3)
    return found


def summary(figures: dict[str, float]) -> str:
    """The reference as one line of text."""
    return "machine (reference workload, s): " + ", ".join(f"{name} {value:.3f}" for name, value in figures.items())


if __name__ == "__main__":
    figures = reference()
    print(summary(figures))
    print(json.dumps(figures))
