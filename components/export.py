"""Downloads: CSV that opens right in Excel and cannot carry a formula, and a
printable PDF of a Markdown summary."""

from __future__ import annotations

import re

import pandas as pd
from fpdf import FPDF

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


# What the PDF's built-in font (Latin-1) cannot draw, and what stands in for it.
_PDF_STAND_INS = str.maketrans({"−": "-", "–": "-", "—": "-", "…": "...", "“": '"', "”": '"',
                                "‘": "'", "’": "'", "\u202f": " ", "\u00a0": " "})


def _pdf_text(text: str) -> str:
    """Markdown escapes removed, and text the built-in PDF font cannot draw replaced."""
    plain = re.sub(r"\\(.)", r"\1", text.replace("**", "")).translate(_PDF_STAND_INS)
    return plain.encode("latin-1", "replace").decode("latin-1")


def markdown_pdf(summary: str, title: str) -> bytes:
    """A plain, printable PDF of a Markdown summary (headings, paragraphs, list
    items), made with fpdf2 and its built-in fonts: no external program needed."""
    pdf = FPDF(format="A4")
    pdf.set_title(_pdf_text(title))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    sizes = {"# ": 18, "## ": 14, "### ": 12}
    for line in summary.splitlines():
        heading = next((mark for mark in sizes if line.startswith(mark)), None)
        if heading:
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", sizes[heading])
            pdf.multi_cell(0, 8, _pdf_text(line[len(heading):]), new_x="LMARGIN", new_y="NEXT")
        elif line.strip():
            pdf.set_font("Helvetica", "", 11)
            pdf.multi_cell(0, 6, _pdf_text(line.strip()), new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(3)
    return bytes(pdf.output())
