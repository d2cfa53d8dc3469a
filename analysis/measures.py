"""The measures Insikt reports, and which of them a selection has.

A deployment may carry a 0–10 recommendation score (NPS), a 1–5 satisfaction or
star rating, a 1–10 rating, a sentiment label, or any mix of them. Each is its
own measure; scales are never mixed (a 1–10 rating is not an NPS).

Every measure is read from the same per-day sufficient statistics
(:data:`queries.rollup.STAT_COLUMNS`) through three counts:

* ``n`` — answers on the measure;
* ``top`` — the good side (promoters 9–10, satisfied 4–5, rated 9–10, positive);
* ``bottom`` — the bad side (detractors 0–6, dissatisfied 1–2, rated 1–6, negative).

The estimate is ``100 × (top − bottom) / n`` points for NPS and the share
``top / n`` (a fraction 0..1) for the others. ``top`` and ``bottom`` also give the
tone of a response (praise or complaint) for theme splits and the comment filter:
:data:`GROUPS` are the good side, the middle and the bad side of a measure's scale.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from analysis import intervals


@dataclass(frozen=True)
class Measure:
    """One measure: its kind (``"nps"`` or ``"share"``), the ``daily_counts``
    columns of its counts, the ``responses`` column and scale it is read from,
    and where the good and the bad side start on that scale."""

    key: str
    kind: str
    n: str
    top: str
    bottom: str
    column: str
    scale: tuple[int, int]
    top_from: int
    bottom_to: int
    total: str | None = None  # sum of the scores, for a mean
    total_sq: str | None = None

    @property
    def middle(self) -> str | None:
        """NPS keeps passives as a column of its own; a share needs no middle."""
        return "passives" if self.kind == "nps" else None

    @property
    def bounds(self) -> tuple[float, float]:
        """The range of the estimate: NPS points or a share."""
        return (-100.0, 100.0) if self.kind == "nps" else (0.0, 1.0)

    @property
    def percent(self) -> bool:
        """A share, read as per cent (NPS is read in points)."""
        return self.kind == "share"

    def shown(self, value: float) -> float:
        """``value`` (an estimate or a difference) on the scale people read: NPS
        points as they are, a share in per cent (a difference in percentage points)."""
        return value * 100.0 if self.percent else value

    def group_range(self, group: str) -> tuple[int, int]:
        """The first and last score of a tone group (:data:`GROUPS`) on the measure's
        scale: ``top`` from ``top_from``, ``bottom`` up to ``bottom_to``, ``middle``
        in between (promoters 9–10, passives 7–8, detractors 0–6 for NPS; 4–5, 3 and
        1–2 stars; 9–10, 7–8 and 1–6; positive, neutral and negative labels)."""
        low, high = self.scale
        ranges = {"top": (self.top_from, high), "middle": (self.bottom_to + 1, self.top_from - 1),
                  "bottom": (low, self.bottom_to)}
        if group not in ranges:
            raise ValueError(f"unknown group {group!r}; known: {', '.join(GROUPS)}")
        return ranges[group]


MEASURES: dict[str, Measure] = {
    "nps": Measure("nps", "nps", "n", "promoters", "detractors", "nps", (0, 10), 9, 6),
    "csat": Measure("csat", "share", "csat_n", "csat_top", "csat_low", "csat", (1, 5), 4, 2,
                    "csat_sum", "csat_sumsq"),
    "scale10": Measure("scale10", "share", "s10_n", "s10_top", "s10_low", "scale10", (1, 10), 9, 6,
                       "s10_sum", "s10_sumsq"),
    "positive": Measure("positive", "share", "sent_n", "sent_pos", "sent_neg", "sentiment", (-1, 1),
                        1, -1),
}
KEYS = tuple(MEASURES)
GROUPS = ("top", "middle", "bottom")
# Every count column a measure is read from, once each (NPS keeps its passives too).
COUNT_COLUMNS = list(dict.fromkeys(
    name for m in MEASURES.values() for name in (m.n, m.top, m.middle, m.bottom) if name))


def get(key: str) -> Measure:
    """The measure called ``key``; an unknown key is a programming error."""
    try:
        return MEASURES[key]
    except KeyError:
        raise ValueError(f"unknown measure {key!r}; known: {', '.join(KEYS)}") from None


def group_counts(measure: str | Measure, counts: Mapping[str, float]) -> dict[str, int]:
    """Answers on ``measure`` per tone group (:data:`GROUPS`) in ``counts``."""
    m = measure if isinstance(measure, Measure) else get(measure)
    n, top, bottom = (int(counts.get(name, 0) or 0) for name in (m.n, m.top, m.bottom))
    return {"top": top, "middle": n - top - bottom, "bottom": bottom}


def n_of(measure: str | Measure, counts: Mapping[str, float]) -> int:
    """Answers on ``measure`` in ``counts`` (a row of sufficient statistics)."""
    m = measure if isinstance(measure, Measure) else get(measure)
    return int(counts.get(m.n, 0) or 0)


def estimate(measure: str | Measure, counts: Mapping[str, float],
             confidence: float = 0.95) -> intervals.Interval:
    """The measure's estimate with its interval: adjusted-Wald NPS in points, or a
    Wilson interval for a share (a fraction 0..1)."""
    m = measure if isinstance(measure, Measure) else get(measure)
    top, bottom, n = (int(counts.get(name, 0) or 0) for name in (m.top, m.bottom, m.n))
    if m.kind == "nps":
        return intervals.nps(top, n - top - bottom, bottom, confidence)
    return intervals.proportion(top, n, confidence)


def difference(measure: str | Measure, own: Mapping[str, float], other: Mapping[str, float],
               confidence: float = 0.95) -> intervals.Interval:
    """Own minus other: two-sample adjusted Wald (NPS points) or Newcombe's hybrid
    score interval (a difference of shares)."""
    m = measure if isinstance(measure, Measure) else get(measure)
    t1, b1, n1 = (int(own.get(name, 0) or 0) for name in (m.top, m.bottom, m.n))
    t2, b2, n2 = (int(other.get(name, 0) or 0) for name in (m.top, m.bottom, m.n))
    if m.kind == "nps":
        return intervals.nps_difference(t1, n1 - t1 - b1, b1, t2, n2 - t2 - b2, b2, confidence)
    return intervals.proportion_difference(t1, n1, t2, n2, confidence)


def available(counts: Mapping[str, float]) -> list[str]:
    """The measures with at least one answer in ``counts``, in :data:`KEYS` order."""
    return [key for key in KEYS if n_of(key, counts) > 0]


def default(counts: Mapping[str, float], chosen: str | None = None) -> str | None:
    """The measure a page shows: ``chosen`` when it has answers, else NPS when it
    has any, else the measure with the most answers; None when there are none."""
    present = available(counts)
    if not present:
        return None
    if chosen in present:
        return chosen
    if "nps" in present:
        return "nps"
    return max(present, key=lambda key: (n_of(key, counts), -KEYS.index(key)))
