"""Benchmark: building the pages' plotly figures.

Times :func:`components.charts.trend_figure` (the overview's trend: 12 monthly
periods, the last one partial) and :func:`components.charts.comparison_figure`
(a card's chart on the strengths page, and its big version on a workshop slide),
each built ``--builds`` times per round; prints the median milliseconds per
figure over ``--repeat`` rounds and writes bench/charts.json.

    python -m bench.charts [--builds 50] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import pandas as pd

from analysis.trend import measure_trend
from components import charts

TEXTS = {"band": "band", "measure": "NPS", "interval": "interval", "partial": "partial", "small": "small"}


def twelve_months() -> pd.DataFrame:
    """An NPS trend over 12 months, the last one partial."""
    frame = pd.DataFrame([(pd.Timestamp(f"2026-{month:02d}-01"), 50 + month, 30, 20 - month % 5)
                          for month in range(1, 13)], columns=["period", "promoters", "passives", "detractors"])
    frame["n"] = frame[["promoters", "passives", "detractors"]].sum(axis=1)
    trend = measure_trend(frame, "nps", min_responses=5, small_sample=30)
    trend["partial"] = [False] * 11 + [True]
    return trend


def builders() -> dict:
    trend, labels = twelve_months(), [f"month {number}" for number in range(1, 13)]
    return {
        "trend (overview)": lambda: charts.trend_figure(trend, labels, TEXTS, (-100, 100), lambda v: f"{v:.0f}"),
        "comparison (card)": lambda: charts.comparison_figure((30.0, 25.0, 36.0), (20.0, 18.0, 22.0),
                                                              ("here", "the rest"), (-100, 100), ""),
        "comparison (slide)": lambda: charts.comparison_figure((80.0, 70.0, 90.0), None, ("here", "target"),
                                                               (0, 100), " %", height=300, font_size=22),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builds", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", default=str(Path(__file__).with_suffix(".json")))
    arguments = parser.parse_args()
    results = {}
    for name, build in builders().items():
        build()  # the first build imports plotly's validators
        rounds = []
        for _ in range(arguments.repeat):
            started = time.perf_counter()
            for _ in range(arguments.builds):
                build()
            rounds.append(1000 * (time.perf_counter() - started) / arguments.builds)
        results[name] = {"median_ms": statistics.median(rounds), "rounds_ms": rounds}
        print(f"{name:<20} {statistics.median(rounds):6.2f} ms per figure")
    Path(arguments.out).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
