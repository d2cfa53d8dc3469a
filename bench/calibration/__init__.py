"""Calibration by simulation: how often each verdict Insikt prints is wrong.

Every module in this package (one per area: actions, strengths, trends, themes…)
defines ``SCENARIOS``, a list of :class:`Scenario`. A scenario simulates page views
through the project's own ``analysis`` functions, seeded, and returns the share of
views that gave the verdict in question. "null" scenarios have no true effect, so
that share is the false-verdict rate (must stay ≤ 5 %); "power" scenarios have a
true effect, so the share is the power.

    python -m bench.calibration [--sims 2000] [--only actions,strengths] [--json PATH]

The test suite runs fast versions of the same scenarios (``tests/test_calibration_*.py``).
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Callable

import numpy as np


@dataclass(frozen=True)
class Scenario:
    """One simulated situation and the verdict it checks."""

    area: str        # "actions", "strengths", "trend"…
    name: str        # what is simulated, in words ("worst of 20 units chosen, no effect")
    verdict: str     # the verdict counted ("clearly improved", "a clear weakness"…)
    kind: str        # "null" (no true effect: false-verdict rate), "power", "count" (a mean
                     # number per view, e.g. cards) or "ref" (a reference that is not the product's rule)
    run: Callable[[np.random.Generator, int], float]  # (rng, simulations) -> share of views


def scenarios(only: set[str] | None = None) -> list[Scenario]:
    """Every scenario of every module in this package (optionally only some areas)."""
    found: list[Scenario] = []
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module.name.startswith("_"):
            continue
        loaded = importlib.import_module(f"{__name__}.{module.name}")
        found.extend(s for s in getattr(loaded, "SCENARIOS", []) if not only or s.area in only)
    return found


def margin(share: float, sims: int) -> float:
    """The simulation's own Monte Carlo margin (two standard errors) for a share."""
    return 2.0 * float(np.sqrt(max(share * (1 - share), 0.05 * 0.95) / sims))
