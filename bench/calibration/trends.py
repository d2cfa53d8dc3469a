"""Calibration of the trend verdicts: "new and growing" (analysis.emerging), the trend's
simultaneous band (analysis.trend) and key-driver associations (analysis.drivers).

Each scenario simulates page views with the project's own functions, seeded:

* new and growing — an organisation with 11 themes (shares 2–20 % of about 1,500 comments a
  week) and 30 words (0.5–5 % of about 500 untagged comments a week), 16 weeks, each key's
  weekly share wandering with log-normal noise σ (0.15 or 0.30) beyond binomial noise;
  optionally the same weeks a year earlier, a season that lifts some themes by a third over
  these weeks every year, or one theme that doubles over the 16 weeks (power). A view is a
  false alarm when anything is flagged although nothing grows.
* the band — 12 months of one unit's NPS or share with a fixed true value; a miss is a view
  where the band leaves out the true value in any month.
* drivers — 20 units × 150 responses, unit levels (sd 0.7 points) and themes whose frequency
  differs from unit to unit (so answers are clustered); a null theme is falsely "clear"
  when its verdict is higher or lower; power for a theme worth −0.5 points.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.drivers import key_drivers
from analysis.emerging import WEEKS, family_tests, judged
from analysis.trend import measure_trend
from bench.calibration import Scenario

THEME_SHARES = np.linspace(0.02, 0.20, 11)
WORD_SHARES = np.linspace(0.005, 0.05, 30)
TIME = np.tile((WEEKS - 1 - np.arange(WEEKS)) / (WEEKS - 1), 2)  # 0 oldest … 1 newest, both years
THIS_YEAR = np.repeat([True, False], WEEKS)


def _family(rng, shares, per_week, sigma, year_earlier, season=None, growth=None):
    """Weekly counts keys × (2 · WEEKS) and n; ``season``/``growth``: log rise over the 16
    weeks per key, every year / this year only."""
    n = rng.poisson(per_week, 2 * WEEKS).astype(float)
    if not year_earlier:
        n[~THIS_YEAR] = 0
    log = np.log(shares)[:, None] + sigma * rng.normal(size=(len(shares), 2 * WEEKS)) - sigma ** 2 / 2
    if season is not None:
        log += season[:, None] * TIME
    if growth is not None:
        log += growth[:, None] * TIME * THIS_YEAR
    k = rng.binomial(n.astype(int), np.minimum(np.exp(log), 1.0)).astype(float)
    return k, n


def emerging_views(sigma: float, year_earlier: bool, season: float = 0.0, growth: float = 0.0):
    """A scenario's run: share of views flagging anything (null) or the growing theme (power)."""
    def run(rng: np.random.Generator, sims: int) -> float:
        themes = [f"t{i}" for i in range(len(THEME_SHARES))]
        words = [f"word:w{i}" for i in range(len(WORD_SHARES))]
        seasons = np.where(np.arange(len(THEME_SHARES)) % 3 == 0, season, 0.0)
        rises = np.where(np.arange(len(THEME_SHARES)) == 5, growth, 0.0)
        hits = 0
        for _ in range(sims):
            k, n = _family(rng, THEME_SHARES, 1500, sigma, year_earlier, seasons, rises)
            wk, wn = _family(rng, WORD_SHARES, 500, sigma, year_earlier)
            result = judged([family_tests(themes, k, n), family_tests(words, wk, wn)])
            flagged = set(result.loc[result["emerging"], "key"])
            hits += ("t5" in flagged) if growth else bool(flagged)
        return hits / sims
    return run


def band_views(n: int, measure: str, months: int = 12):
    """Share of views where the 12-month band misses the true value in some month."""
    def run(rng: np.random.Generator, sims: int) -> float:
        misses = 0
        periods = pd.date_range("2026-01-01", periods=months, freq="MS")
        for _ in range(sims):
            if measure == "nps":
                counts = rng.multinomial(n, [0.5, 0.3, 0.2], size=months)  # NPS 30
                frame = pd.DataFrame({"period": periods, "n": n, "promoters": counts[:, 0],
                                      "passives": counts[:, 1], "detractors": counts[:, 2]})
                truth = 30.0
            else:
                frame = pd.DataFrame({"period": periods, "csat_n": n, "csat_top": rng.binomial(n, 0.8, months)})
                truth = 80.0
            trend = measure_trend(frame, measure, min_responses=5, small_sample=30)
            misses += bool(((trend["band_low"] > truth) | (trend["band_high"] < truth)).any())
        return misses / sims
    return run


def _driver_cells(rng, effect: float, units: int = 20, per_unit: int = 150) -> pd.DataFrame:
    """Cells of one simulated organisation: waiting −1.0 everywhere, staff with ``effect``."""
    size = units * per_unit
    unit = np.repeat(np.arange(units), per_unit)
    level = rng.normal(0, 0.7, units)[unit]
    touchpoint = np.where(rng.random(size) < 0.4, "web", "store")
    commented = rng.random(size) < 0.6
    staff_rate = rng.beta(2, 8, units)[unit]          # 20 % on average, 5–40 % by unit
    waiting_rate = rng.beta(2, 10, units)[unit]
    staff = commented & (rng.random(size) < staff_rate)
    waiting = commented & (rng.random(size) < waiting_rate)
    score = np.clip(np.round(7 + level - 0.5 * (touchpoint == "web") - 1.0 * waiting + effect * staff
                             + rng.normal(0, 2, size)), 0, 10)
    frame = pd.DataFrame({"unit": unit, "week": "0", "touchpoint": touchpoint, "commented": commented.astype(int),
                          "staff": staff.astype(int), "waiting": waiting.astype(int), "score": score})
    frame = frame.assign(total=score, total_sq=score ** 2, good=(score >= 9).astype(int),
                         bad=(score <= 6).astype(int), count=1)
    return frame.groupby(["unit", "week", "touchpoint", "commented", "staff", "waiting"], as_index=False)[
        ["count", "total", "total_sq", "good", "bad"]].sum()


def driver_views(effect: float):
    """Share of views where the staff theme is called a clear association."""
    def run(rng: np.random.Generator, sims: int) -> float:
        clear = 0
        for _ in range(sims):
            result = key_drivers(_driver_cells(rng, effect), ["staff", "waiting"]).set_index("key")
            clear += "staff" in result.index and result.loc["staff", "verdict"] != "unclear"
        return clear / sims
    return run


GROWING = "new and growing (anything flagged)"
SCENARIOS = [
    Scenario("trends", "organisation, weekly variation σ = 0.15, no year earlier", GROWING, "null",
             emerging_views(0.15, year_earlier=False)),
    Scenario("trends", "organisation, weekly variation σ = 0.30, no year earlier", GROWING, "null",
             emerging_views(0.30, year_earlier=False)),
    Scenario("trends", "organisation, σ = 0.15, the same weeks a year earlier", GROWING, "null",
             emerging_views(0.15, year_earlier=True)),
    Scenario("trends", "season (+35 % over these weeks every year), σ = 0.15, year earlier", GROWING, "null",
             emerging_views(0.15, year_earlier=True, season=np.log(1.35))),
    Scenario("trends", "one theme doubles over 16 weeks, σ = 0.15, no year earlier", "new and growing (that theme)",
             "power", emerging_views(0.15, year_earlier=False, growth=np.log(2.0))),
    Scenario("trends", "one theme doubles over 16 weeks, σ = 0.15, year earlier", "new and growing (that theme)",
             "power", emerging_views(0.15, year_earlier=True, growth=np.log(2.0))),
    Scenario("trends", "12 months of NPS, n = 60 a month, no change", "a month outside the band", "null",
             band_views(60, "nps")),
    Scenario("trends", "12 months of NPS, n = 400 a month, no change", "a month outside the band", "null",
             band_views(400, "nps")),
    Scenario("trends", "12 months of share satisfied (80 %), n = 30 a month, no change", "a month outside the band",
             "null", band_views(30, "csat")),
    Scenario("trends", "20 units × 150, clustered, theme without effect", "driver: clear association", "null",
             driver_views(0.0)),
    Scenario("trends", "20 units × 150, clustered, theme worth −0.5 points", "driver: clear association", "power",
             driver_views(-0.5)),
]
