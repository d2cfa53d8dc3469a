"""Which imported attribute columns pages compare as segments, and why.

Every column that feeds no field is kept as an attribute. It becomes a
comparable segment only when the mapping names it, or when its values are a few
labels (:data:`MAX_VALUES` at most) with enough responses each. Dates,
continuous numbers, free text, web addresses, ids and columns that only repeat
the unit are kept but never compared. An administrator's later choice stands.

:class:`Tally` counts a column's values over the rows an import accepts, a
chunk at a time; :func:`decide` turns it into a :class:`Decision` with a reason
code (:data:`REASONS`), which the import writes to ``segments`` and the report
explains.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ingest.columns import profile

MAX_VALUES = 30
TRACKED = 1_000  # distinct values counted exactly; beyond, "more than 1,000"
SAMPLE = 5_000  # values kept to tell what kind of column it is
COVERAGE = 0.9  # values with enough responses must hold this share of the filled cells
MOSTLY_EMPTY = 0.1
FEW_NUMBERS = 5  # a numeric column with at most this many whole values is a set of labels (0/1, 1–3)

ENABLED = ("mapping", "few_values", "admin", "earlier_import")
# Reason codes, in English for the command line (the page translates them).
REASONS = {
    "mapping": "compared: the mapping names it as a segment",
    "few_values": "compared: {distinct} values, each with enough responses",
    "admin": "as an administrator set it",
    "earlier_import": "compared, as before segments were chosen",
    "one_value": "not compared: fewer than two of its values have enough responses",
    "small_groups": "not compared: too few responses for most of its {distinct} values",
    "too_many_values": "not compared: {distinct_text} different values (at most 30 are compared)",
    "free_text": "not compared: free text",
    "id_like": "not compared: nearly every value different, like an id",
    "scientific": "not compared: ids in scientific notation",
    "date": "not compared: dates",
    "numeric": "not compared: numbers that vary continuously",
    "url": "not compared: web addresses",
    "mostly_empty": "not compared: {empty:.0%} of the rows have no value",
    "same_as_unit": "not compared: one value per unit, so the same as comparing units",
}


@dataclass
class Tally:
    """The values of one attribute column over the new rows an import accepts."""

    column: str
    key: str
    rows: int = 0
    filled: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    overflow: bool = False  # more than TRACKED distinct values
    units: dict[str, set[str]] = field(default_factory=dict)  # value -> unit keys, while few values
    sample: list[str] = field(default_factory=list)

    def add(self, filled: pd.Series, unit_keys: pd.Series, rows: int) -> None:
        """Count the non-empty cells ``filled`` (text) of ``rows`` rows; ``unit_keys``
        is the unit of each filled cell."""
        self.rows += rows
        self.filled += len(filled)
        if filled.empty:
            return
        if len(self.sample) < SAMPLE:
            self.sample.extend(filled.iloc[:SAMPLE - len(self.sample)].tolist())
        for value, count in filled.value_counts(sort=False).items():
            if value in self.counts or len(self.counts) < TRACKED:
                self.counts[value] = self.counts.get(value, 0) + int(count)
            else:
                self.overflow = True
        if len(self.counts) <= MAX_VALUES:
            pairs = pd.DataFrame({"value": filled.to_numpy(), "unit": unit_keys.to_numpy()}).drop_duplicates()
            for value, unit in pairs.itertuples(index=False):
                self.units.setdefault(value, set()).add(unit)
        else:
            self.units.clear()


@dataclass(frozen=True)
class Stored:
    """What the database has for a key already: its decision (None: no row) and its
    values' counts (the most frequent ones, and how many distinct there are)."""

    enabled: bool | None = None
    reason: str | None = None
    decided_by: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    distinct: int = 0


@dataclass(frozen=True)
class Decision:
    column: str
    key: str
    enabled: bool
    reason: str
    distinct: int
    more: bool = False  # ``distinct`` is a lower bound
    empty: float = 0.0

    @property
    def text(self) -> str:
        distinct_text = f"more than {self.distinct:,}" if self.more else f"{self.distinct:,}"
        said = REASONS[self.reason].format(distinct=self.distinct, distinct_text=distinct_text, empty=self.empty)
        if self.reason == "admin":
            said = ("compared" if self.enabled else "not compared") + ", " + said
        return said


def decide(tally: Tally, *, named: bool, stored: Stored | None = None, min_responses: int = 5) -> Decision:
    """Whether the column of ``tally`` is compared as a segment, and why.

    An administrator's choice (``stored.decided_by``) and keys compared before
    segments were chosen (``earlier_import``) stand; the mapping naming the
    column enables it; otherwise its kind and then its value counts (this file's
    new rows with what the database has) decide."""
    stored = stored or Stored()
    counts = dict(stored.counts)
    for value, count in tally.counts.items():
        counts[value] = counts.get(value, 0) + count
    more = tally.overflow or stored.distinct > len(stored.counts)
    distinct = max(len(counts), stored.distinct)
    filled = tally.filled + sum(stored.counts.values())
    empty = 1 - tally.filled / tally.rows if tally.rows else 0.0

    def decision(enabled: bool, reason: str) -> Decision:
        return Decision(tally.column, tally.key, enabled, reason, distinct, more, empty)

    if stored.decided_by is not None and stored.enabled is not None:
        return decision(stored.enabled, "admin")
    if stored.reason == "earlier_import":
        return decision(bool(stored.enabled), "earlier_import")
    if named:
        return decision(True, "mapping")
    kind = profile(pd.Series(tally.sample, dtype=object)).kind if tally.sample else "label"
    if kind in ("url", "date"):
        return decision(False, kind)
    if kind == "id_scientific":
        return decision(False, "scientific")
    if kind == "number" and not _few_whole_numbers(counts):
        return decision(False, "numeric")
    if tally.rows and tally.filled < MOSTLY_EMPTY * tally.rows:
        return decision(False, "mostly_empty")
    if distinct > MAX_VALUES or more:
        if kind == "text":
            return decision(False, "free_text")
        return decision(False, "id_like" if distinct >= 0.9 * filled else "too_many_values")
    sizeable = {value: count for value, count in counts.items() if count >= min_responses}
    if len(sizeable) < 2:
        return decision(False, "one_value")
    if _same_as_unit(tally):
        return decision(False, "same_as_unit")
    if sum(sizeable.values()) < COVERAGE * filled:
        return decision(False, "small_groups")
    return decision(True, "few_values")


def _few_whole_numbers(counts: dict[str, int]) -> bool:
    numbers = pd.to_numeric(pd.Series(list(counts), dtype=object).str.replace(",", ".", regex=False),
                            errors="coerce")
    return len(counts) <= FEW_NUMBERS and bool((numbers == numbers.round()).all())


def _same_as_unit(tally: Tally) -> bool:
    """One unit per value and one value per unit, over two units or more."""
    if not tally.units or len(tally.units) < 2 or any(len(units) != 1 for units in tally.units.values()):
        return False
    owners = [next(iter(units)) for units in tally.units.values()]
    return len(set(owners)) == len(owners)


def decisions(tallies: list[Tally], *, named: set[str], stored: dict[str, Stored],
              min_responses: int) -> list[Decision]:
    """:func:`decide` for every attribute column."""
    return [decide(tally, named=tally.column in named, stored=stored.get(tally.key), min_responses=min_responses)
            for tally in tallies]
