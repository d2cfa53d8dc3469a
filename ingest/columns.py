"""What a column's values look like: filled, distinct, repeated; web addresses,
dates, numbers, ids in scientific notation, sentiment labels or free text.

The mapping suggestions (:mod:`ingest.mapping`) and the segment decisions
(:mod:`ingest.segments`) read columns through one :class:`Profile`, so that a
column of page URLs is neither a channel nor a segment, and a free-text
location is neither a unit nor a segment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd

from ingest import values

URL = re.compile(r"^(?:https?://|www\.)\S+", re.IGNORECASE)
STARS = re.compile(r"^[★☆]+$")
SCIENTIFIC = r"^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$"
FRACTION = re.compile(r"^([+-]?\d+(?:[.,]\d+)?)\s*(?:/|of|av|out of)\s*\d+(?:[.,]\d+)?$", re.IGNORECASE)
MOSTLY = 0.8  # the share of the filled cells that makes a column "of" a kind
DATE_LIKE = r"\d[-/.]\d{1,2}[-/.]\d"  # what a date needs before it is worth parsing
MAX_LANGUAGES = 200


@dataclass(frozen=True)
class Profile:
    """The values of one column (of a sample of rows).

    Shares (0..1) are of the filled cells; ``low``/``high`` are the smallest and
    largest number (None: no numbers); ``length`` and ``words`` are averages
    over the filled cells."""

    rows: int
    filled: int
    distinct: int
    url: float = 0.0
    date: float = 0.0
    number: float = 0.0
    whole: float = 0.0
    scientific: float = 0.0
    sentiment: float = 0.0
    language: float = 0.0
    low: float | None = None
    high: float | None = None
    length: float = 0.0
    words: float = 0.0

    @property
    def fill(self) -> float:
        return self.filled / self.rows if self.rows else 0.0

    @property
    def per_value(self) -> float:
        """Filled cells per distinct value: 1 when no value repeats."""
        return self.filled / self.distinct if self.distinct else 0.0

    @property
    def repeats(self) -> bool:
        """Values come back, on average at least twice each (or too few cells to tell)."""
        return self.distinct > 0 and (self.per_value >= 2 or self.filled < 20)

    @property
    def is_url(self) -> bool:
        return self.url >= 0.5

    @property
    def is_date(self) -> bool:
        return self.date >= MOSTLY

    @property
    def is_number(self) -> bool:
        return self.number >= 0.95

    @property
    def is_scientific(self) -> bool:
        return self.scientific >= 0.5

    @property
    def is_free_text(self) -> bool:
        """Sentences rather than labels: long or several words, mostly different."""
        return (self.length >= 30 or self.words >= 4) and self.distinct >= 0.5 * self.filled

    @property
    def kind(self) -> str:
        """"url", "date", "id_scientific", "number", "text" or "label"."""
        if self.is_url:
            return "url"
        if self.is_scientific:
            return "id_scientific"
        if self.is_date:
            return "date"
        if self.is_number:
            return "number"
        return "text" if self.is_free_text else "label"


def numbers(strings: pd.Series) -> pd.Series:
    """Cells as numbers: "4", "4,5", "4.0", "★★★★☆", "4/5", "4 of 5" (NaN otherwise)."""
    plain = pd.to_numeric(strings.str.replace(",", ".", regex=False), errors="coerce").astype(float)
    stars = strings.where(strings.str.match(STARS)).str.count("★").astype(float)
    fraction = pd.to_numeric(strings.str.extract(FRACTION)[0].str.replace(",", ".", regex=False),
                             errors="coerce").astype(float)
    found = plain.fillna(stars).fillna(fraction)
    return found.where(np.isfinite(found))


def profile(series: pd.Series) -> Profile:
    """The :class:`Profile` of ``series`` (cells as a file gives them: text, or Excel datetimes)."""
    strings = values.text(series)
    filled = strings[~strings.str.casefold().isin(values.MISSING)]
    if filled.empty:
        return Profile(rows=len(series), filled=0, distinct=0)
    unique = pd.Series(filled.unique(), dtype=object)
    counts = filled.value_counts(sort=False).reindex(unique).to_numpy()

    def share(flags: pd.Series) -> float:  # a share of the filled cells, from one flag per distinct value
        return float(counts[flags.to_numpy(dtype=bool)].sum() / len(filled))

    found = numbers(unique)
    if series.map(lambda value: isinstance(value, datetime)).any():  # Excel's own dates
        dates = 1.0
    else:  # plain numbers (postal codes, counts) are no dates, though Excel serials read as some
        looks = unique.str.contains(DATE_LIKE) & found.isna()
        dates = 0.0 if not looks.any() else max(
            share(looks & values.parse_dates(unique.where(looks, ""), day_first=order)[0].notna())
            for order in (True, False))
    languages = 0.0
    if len(unique) <= MAX_LANGUAGES:  # a language column has a few short values
        short = unique.str.len().le(20)
        languages = share(short & values.parse_languages(unique.where(short, ""))[0].notna())
    known = found.dropna()
    return Profile(
        rows=len(series), filled=len(filled), distinct=len(unique),
        url=share(unique.str.match(URL)), date=dates, number=share(found.notna()),
        whole=share(found.notna() & (found == found.round())),
        scientific=share(unique.str.fullmatch(SCIENTIFIC)),
        sentiment=share(unique.map(values.sentiment_of).notna()),
        language=languages,
        low=float(known.min()) if len(known) else None, high=float(known.max()) if len(known) else None,
        length=float((unique.str.len().to_numpy() * counts).sum() / len(filled)),
        words=float((unique.str.split().str.len().to_numpy() * counts).sum() / len(filled)),
    )
