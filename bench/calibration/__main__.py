"""Print the calibration table (see the package docstring) and write it as JSON."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from bench.calibration import margin, scenarios


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.calibration")
    parser.add_argument("--sims", type=int, default=2000, help="simulated page views per scenario")
    parser.add_argument("--seed", type=int, default=20261130)
    parser.add_argument("--only", default="", help="comma-separated areas (default: all)")
    parser.add_argument("--json", default="bench/calibration.json")
    args = parser.parse_args(argv)
    only = {a.strip() for a in args.only.split(",") if a.strip()} or None
    rows = []
    print(f"{'area':<11} {'kind':<5} {'share':>7} {'±':>6}  verdict — scenario")
    for index, scenario in enumerate(scenarios(only)):
        started = time.perf_counter()
        share = scenario.run(np.random.default_rng([args.seed, index]), args.sims)
        rows.append({"area": scenario.area, "name": scenario.name, "verdict": scenario.verdict,
                     "kind": scenario.kind, "share": share, "margin": margin(share, args.sims),
                     "sims": args.sims, "seconds": round(time.perf_counter() - started, 2)})
        flag = "  <-- above 5 %" if scenario.kind == "null" and share - margin(share, args.sims) > 0.05 else ""
        figure = (f"{share:7.2f} {'':>6}" if scenario.kind == "count"  # a mean number, not a share
                  else f"{share:7.1%} {margin(share, args.sims):6.1%}")
        print(f"{scenario.area:<11} {scenario.kind:<5} {figure}  {scenario.verdict} — {scenario.name}{flag}")
    Path(args.json).write_text(json.dumps(rows, indent=2, ensure_ascii=False))
    print(f"written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
