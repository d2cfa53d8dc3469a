"""CSV export: Excel-friendly encoding and no formula injection (OWASP "CSV Injection")."""

from __future__ import annotations

import io

import pandas as pd

from components.export import csv_bytes, neutralise


def test_cells_that_start_like_a_formula_are_neutralised():
    for dangerous in ("=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
        assert neutralise(dangerous).startswith("'")
    for harmless in ("Bra service", "väntade 20 min", "", "a=b", "1-2"):
        assert neutralise(harmless) == harmless
    assert neutralise(-5) == -5 and neutralise(None) is None


def test_csv_has_a_bom_keeps_swedish_characters_and_neutralises():
    frame = pd.DataFrame({"comment": ["=cmd|' /C calc'!A0", "Åsa tyckte köerna var långa 😀"],
                          "nps": [3, 9]})
    data = csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back["comment"].tolist() == ["'=cmd|' /C calc'!A0", "Åsa tyckte köerna var långa 😀"]
    assert back["nps"].tolist() == [3, 9]
