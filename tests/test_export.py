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


def test_a_summary_becomes_a_pdf_with_swedish_letters():
    from components.export import markdown_pdf

    summary = ("# Workshop: Uppsala Centrum, 2026-11-23\n\n**Deltagare:** Åsa, Örjan\n\n"
               "## Insikter\n\n### 1\\. Långa köer (Svaghet)\n\nResultat: −33 … −21; n = 154\n\n"
               "- Kö\\-värd på lördagar (3 röster) 😀")
    data = markdown_pdf(summary, "Workshop")
    assert data.startswith(b"%PDF-") and len(data) > 1000
    assert b"/Title" in data


def test_the_records_pdf_draws_the_actions_table_left_aligned_without_markdown():
    from components.export import markdown_pdf, pdf_blocks

    summary = ("# Workshop: Uppsala Centrum, 2026-11-23\n\n## Det här bestämde vi\n\n"
               "| Vad | Ansvarig | Klart senast | Nästa uppföljning |\n| --- | --- | --- | --- |\n"
               "| Kö-värd \\| kassa | Samir Haddad | 2026-12-01 | 2027-01-26 |\n\n"
               "**Deltagare:** Åsa, Örjan  \n" + "Ett långt stycke som ska radbrytas utan utfyllnad. " * 8)
    blocks = pdf_blocks(summary)
    assert blocks[:5] == [
        ("heading", 18, "Workshop: Uppsala Centrum, 2026-11-23"), ("space",), ("heading", 14, "Det här bestämde vi"),
        ("space",), ("table", [["Vad", "Ansvarig", "Klart senast", "Nästa uppföljning"],
                               ["Kö-värd | kassa", "Samir Haddad", "2026-12-01", "2027-01-26"]])]
    assert blocks[6] == ("text", "Deltagare: Åsa, Örjan")
    # left-aligned: justified lines would stretch their word spacing (the PDF operator Tw)
    raw = markdown_pdf(summary, "Workshop", compress=False)
    assert b"Samir Haddad" in raw and b" Tw" not in raw
    justified = _justified_pdf()
    assert b" Tw" in justified  # the check can fail: a justified paragraph sets it


def _justified_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_compression(False)
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, "Ett långt stycke som ska radbrytas med utfyllnad. " * 8, align="J")
    return bytes(pdf.output())
