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


def _cells(line: str) -> list[str]:
    """The cells of a Markdown table row (escaped pipes stay inside their cell)."""
    return [_pdf_text(cell.strip()) for cell in re.split(r"(?<!\\)\|", line.strip().strip("|"))]


def pdf_blocks(summary: str) -> list[tuple]:
    """The blocks of a Markdown summary as the PDF draws them, in plain text:
    ``("heading", size, text)``, ``("table", rows)`` (the header row first, its
    underline dropped), ``("text", text)`` and ``("space",)``."""
    sizes = {"# ": 18, "## ": 14, "### ": 12}
    blocks, lines, index = [], summary.splitlines(), 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("|"):
            rows = []
            while index < len(lines) and lines[index].startswith("|"):
                if not re.fullmatch(r"[|\s:-]+", lines[index]):
                    rows.append(_cells(lines[index]))
                index += 1
            blocks.append(("table", rows))
            continue
        heading = next((mark for mark in sizes if line.startswith(mark)), None)
        if heading:
            blocks.append(("heading", sizes[heading], _pdf_text(line[len(heading):])))
        elif line.strip():
            blocks.append(("text", _pdf_text(line.strip())))
        else:
            blocks.append(("space",))
        index += 1
    return blocks


def markdown_pdf(summary: str, title: str, compress: bool = True) -> bytes:
    """A plain, printable PDF of a Markdown summary (:func:`pdf_blocks`),
    left-aligned (never justified), made with fpdf2 and its built-in fonts: no
    external program needed."""
    pdf = FPDF(format="A4")
    pdf.set_compression(compress)
    pdf.set_title(_pdf_text(title))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    for block in pdf_blocks(summary):
        if block[0] == "table":
            pdf.set_font("Helvetica", "", 10)
            with pdf.table(text_align="LEFT", line_height=6, first_row_as_headings=True) as table:
                for row in block[1]:
                    table.row(row)
            pdf.ln(2)
        elif block[0] == "heading":
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", block[1])
            pdf.multi_cell(0, 8, block[2], new_x="LMARGIN", new_y="NEXT", align="L")
        elif block[0] == "text":
            pdf.set_font("Helvetica", "", 11)
            pdf.multi_cell(0, 6, block[1], new_x="LMARGIN", new_y="NEXT", align="L")
        else:
            pdf.ln(3)
    return bytes(pdf.output())
