"""CSV downloads that open right in Excel and cannot carry a formula."""

from __future__ import annotations

import pandas as pd

# What a spreadsheet may read as the start of a formula (OWASP adds tab and CR).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A text cell that a spreadsheet would read as a formula gets a leading
    apostrophe, so it is shown as text (OWASP, "CSV injection"). Numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as UTF-8 CSV with a byte-order mark (Excel then reads å, ä, ö right),
    every text cell neutralised."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    safe.columns = [neutralise(str(column)) for column in safe.columns]
    return safe.to_csv(index=False).encode("utf-8-sig")
