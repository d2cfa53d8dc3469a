"""Reading feedback exports as they really come, every cell as text.

CSV with a comma, semicolon or tab between values (detected), in UTF-8 (with or
without a byte-order mark), UTF-16 or Windows-1252/Latin-1 (detected, and said
when unsure); or an Excel workbook (.xlsx), whose date cells stay datetimes.

    source = open_source(Path("export.csv"), "export.csv")
    source.columns, source.preview(), source.chunks()

Row numbers (``source_row``) are those a spreadsheet shows: the header is row 1.
Anything that makes a file unreadable raises :class:`ImportProblem`.
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

ROW = "source_row"
SAMPLE_BYTES = 64 * 1024
SNIFF_CHARS = 16 * 1024
POSITION_EVERY = 1_000  # records between two updates of a CSV source's read position (progress)
DELIMITERS = (",", ";", "\t")
WITH_REPLACEMENT = " (with replacement)"
UNSURE_CANDIDATES = ["cp1252", "latin-1", "utf-8" + WITH_REPLACEMENT]
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls
CONTROL_CHARS = frozenset(chr(code) for code in range(32)) - {"\t", "\n", "\r"}
ROW_NOTE = {
    "csv": "Row numbers count records as a spreadsheet shows them: the header is row 1, "
           "and a value with line breaks inside stays one row.",
    "xlsx": "Row numbers are the sheet's own row numbers.",
}

MESSAGES = {
    "file_too_large": "The file is {size:,} bytes; at most {limit:,} bytes can be imported.",
    "empty_file": "The file is empty.",
    "no_header": "The file has no header row with column names.",
    "no_data_rows": "The file has a header row but no data rows.",
    "binary_file": "This is not a text table (it looks like binary data). "
                   "Export the data as CSV or as an Excel workbook (.xlsx).",
    "invalid_xlsx": "The file is named {file_name!r} but is not an Excel workbook that can be read.",
    "xls_not_supported": "Old Excel files (.xls) cannot be read: save it as .xlsx or CSV first.",
    "unknown_sheet": "The workbook has no sheet named {sheet!r}; its sheets are: {sheets}.",
    "no_sheets": "The workbook has no sheets.",
    "empty_sheet": "The sheet {sheet!r} is empty.",
    "unknown_encoding": "{encoding!r} is not a known text encoding.",
    "bad_delimiter": "The delimiter must be a comma, a semicolon or a tab, not {delimiter!r}.",
    "encoding_error": "The file is not valid {encoding} at byte {offset:,} (line {line:,}), "
                      "although its beginning is. It reads as {suggestion} from start to end: choose "
                      "that encoding and read it again.",
    "too_many_fields": "The row has {fields} values but the header has {columns} columns "
                       "(a delimiter inside a value without quotes?).",
    "xlsx_too_many_entries": "The workbook holds {entries:,} parts; at most {limit:,} can be read "
                             "(a real export has a few dozen).",
    "xlsx_too_large": "The workbook's part {entry!r} unpacks to {size:,} bytes; at most {limit:,} bytes "
                      "can be read.",
    "xlsx_total_too_large": "The workbook unpacks to {size:,} bytes; at most {limit:,} bytes can be read.",
    "xlsx_ratio": "The workbook's part {entry!r} unpacks to {ratio:,} times its packed size; at most "
                  "{limit:,} times is read (more is the mark of a zip bomb).",
    "duplicate_header": "The header (row {row}) has {name!r} in {count} columns: {columns}. Map each of "
                        "them ({names}) to a field, or ignore it, so that it is clear which is which.",
}


@dataclass(frozen=True)
class ZipLimits:
    """What an .xlsx may unpack to, checked from its table of contents before
    anything is unpacked: parts, bytes of one part and of all, and how many
    times its packed size one part (of at least ``ratio_from`` bytes) may grow."""

    entries: int = 1_000
    entry_bytes: int = 1 << 30
    total_bytes: int = 1 << 30
    ratio: int = 100
    ratio_from: int = 1 << 20


XLSX_LIMITS = ZipLimits()

# A 100,000-character comment must fit in one field.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


class ImportProblem(Exception):
    """Why a file, a mapping or an import cannot go on: a stable ``code`` (for
    translation), an English ``message`` and the ``params`` it was made from."""

    def __init__(self, code: str, message: str, params: dict | None = None):
        super().__init__(message)
        self.code, self.message, self.params = code, message, dict(params or {})

    def __reduce__(self):  # whole again after a trip from a worker process
        return ImportProblem, (self.code, self.message, self.params)


def _problem(code: str, **params) -> ImportProblem:
    return ImportProblem(code, MESSAGES[code].format(**params), params)


@dataclass
class Source:
    """An opened export: what was detected, its columns, and its rows a chunk at a time.

    ``position`` of ``total`` (bytes for CSV, rows for Excel; ``total`` may be
    None) tells how far the latest :meth:`chunks` has read, for a progress bar.
    """

    file_name: str
    kind: str
    size_bytes: int
    columns: list[str]
    header_changes: list[tuple[int, str, str]]  # (1-based position, as in the file, as used)
    header_row: int = 1
    encoding: str | None = None
    encoding_certain: bool = True
    encoding_candidates: list[str] = field(default_factory=list)
    delimiter: str | None = None
    sheets: list[str] = field(default_factory=list)
    sheet: str | None = None
    repeated: list[tuple[str, list[int], list[str]]] = field(default_factory=list)  # name, positions, as used
    position: int = 0
    total: int | None = None
    _data: bytes | Path | None = field(default=None, repr=False)
    _skip: int = field(default=0, repr=False)  # records before the rows (Excel's "sep=" line)

    @property
    def row_note(self) -> str:
        return ROW_NOTE[self.kind]

    def fraction(self) -> float | None:
        """How much of the file the latest :meth:`chunks` has read (None: unknown)."""
        return min(1.0, self.position / self.total) if self.total else None

    def preview(self, n: int = 20) -> pd.DataFrame:
        """The first ``n`` data rows, like a chunk."""
        return next(self.chunks(n), _frame([], self.columns))

    def chunks(self, size: int = 50_000) -> Iterator[pd.DataFrame]:
        """The data rows, ``size`` at a time: one text column per header (Excel
        dates as datetimes) and ``source_row``. Blank rows are skipped. Rows with
        more values than columns (empty trailing ones aside) are listed in
        ``frame.attrs["too_many_fields"]`` as {row: number of values}; their first
        values are kept."""
        width = len(self.columns)
        rows: list[list] = []
        extra: dict[int, int] = {}
        for number, values in self._records():
            if len(values) != width:
                if any(values[width:]):
                    extra[number] = len(values)
                values = (list(values) + [""] * width)[:width]
            if not any(values):  # cells are text ("" when empty) or datetimes
                continue
            rows.append([number, *values])
            if len(rows) >= size:
                yield _frame(rows, self.columns, extra)
                rows, extra = [], {}
        if rows:
            yield _frame(rows, self.columns, extra)

    def _records(self) -> Iterator[tuple[int, list]]:
        """(row number, values) of every row after the header."""
        if self.kind == "csv":
            yield from _csv_records(self)
        else:
            yield from _xlsx_records(self)


def _frame(rows: list[list], columns: list[str], extra: dict[int, int] | None = None) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[ROW, *columns], dtype=object)
    frame[ROW] = frame[ROW].astype("int64")
    frame.attrs["too_many_fields"] = extra or {}
    return frame


def open_source(data: bytes | str | Path, file_name: str, *, encoding: str | None = None,
                sheet: str | None = None, delimiter: str | None = None,
                max_bytes: int | None = None) -> Source:
    """Open an export (its bytes, or a path as ``str``/``Path``) and detect how to read it.

    ``encoding``, ``sheet`` and ``delimiter`` override what is detected. Raises
    :class:`ImportProblem` for a file that is too large, empty, without data rows,
    binary or not a readable workbook.
    """
    if isinstance(data, str):
        data = Path(data)
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    size = data.stat().st_size if isinstance(data, Path) else len(data)
    if max_bytes is not None and size > max_bytes:
        raise _problem("file_too_large", size=size, limit=max_bytes)
    if size == 0:
        raise _problem("empty_file")
    with _binary(data) as stream:
        head = stream.read(SAMPLE_BYTES)
    if head.startswith(OLE_MAGIC):
        raise _problem("xls_not_supported")
    if head.startswith(ZIP_MAGIC) or file_name.lower().endswith((".xlsx", ".xlsm")):
        return _open_xlsx(data, file_name, size, sheet)
    return _open_csv(data, head, file_name, size, encoding, delimiter)


@contextmanager
def _binary(data: bytes | Path) -> Iterator[BinaryIO]:
    if isinstance(data, Path):
        with data.open("rb") as handle:
            yield handle
    else:
        yield io.BytesIO(data)


# --- CSV -----------------------------------------------------------------------------------

def detect_encoding(sample: bytes, complete: bool) -> tuple[str, bool, list[str]]:
    """(encoding, certain, candidates) from the first bytes of a file; ``complete``
    when the sample is the whole file. A byte-order mark decides; else a NUL
    pattern means UTF-16; else UTF-8 if the sample decodes strictly; else cp1252."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", True, ["utf-8-sig"]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", True, ["utf-16"]
    pairs = max(1, len(sample) // 2)
    even, odd = sample[0::2].count(0) / pairs, sample[1::2].count(0) / pairs
    if odd > 0.3 and even < 0.05:
        return "utf-16-le", True, ["utf-16-le"]
    if even > 0.3 and odd < 0.05:
        return "utf-16-be", True, ["utf-16-be"]
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
        return "utf-8", True, ["utf-8"]
    except UnicodeDecodeError:
        pass
    try:
        sample.decode("cp1252")
        return "cp1252", False, list(UNSURE_CANDIDATES)
    except UnicodeDecodeError:  # bytes cp1252 leaves undefined: Latin-1 reads everything
        return "latin-1", False, ["latin-1", "cp1252", "utf-8" + WITH_REPLACEMENT]


def _codec(encoding: str) -> tuple[str, str]:
    """(codec name, error handling) of an encoding as the user may choose it."""
    errors = "strict"
    if encoding.endswith(WITH_REPLACEMENT):
        encoding, errors = encoding[: -len(WITH_REPLACEMENT)], "replace"
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise _problem("unknown_encoding", encoding=encoding) from None
    return encoding, errors


def _decode_sample(head: bytes, encoding: str, complete: bool, data: bytes | Path) -> str:
    name, errors = _codec(encoding)
    decoder = codecs.getincrementaldecoder(name)(errors)
    try:
        return decoder.decode(head, final=complete)
    except UnicodeDecodeError as error:
        raise _problem("encoding_error", encoding=encoding, offset=error.start,
                       line=head[:error.start].count(b"\n") + 1, suggestion=_whole_file_encoding(data, name)) from None


def detect_delimiter(text: str, complete: bool = True) -> str:
    """The delimiter of a CSV sample (``complete``: the whole file): what
    csv.Sniffer finds among , ; and tab when most records then have as many
    fields as the header; else the candidate, giving more than one column, whose
    records agree best with the header (quotes respected); else a comma."""
    try:
        sniffed = csv.Sniffer().sniff(text[:SNIFF_CHARS], delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        sniffed = None
    scores = {delimiter: _agreement(text, delimiter, complete) for delimiter in DELIMITERS}
    if sniffed in scores and scores[sniffed][1] > 1 and scores[sniffed][0] >= 0.8:
        return sniffed
    usable = [delimiter for delimiter in DELIMITERS if scores[delimiter][1] > 1]
    return max(usable, key=lambda delimiter: scores[delimiter]) if usable else ","


def _agreement(text: str, delimiter: str, complete: bool) -> tuple[float, int]:
    """(share of sample records with as many fields as the header, header fields)."""
    records = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) if row]
    if not complete and len(records) > 2:
        records = records[:-1]  # the sample may end inside a record
    if not records:
        return 0.0, 0
    width = len(records[0])
    body = records[1:] or records
    return sum(len(row) == width for row in body) / len(body), width


def _open_csv(data: bytes | Path, head: bytes, file_name: str, size: int, encoding: str | None,
              delimiter: str | None) -> Source:
    complete = len(head) == size
    if encoding is None:
        encoding, certain, candidates = detect_encoding(head, complete)
    else:
        _codec(encoding)
        certain, candidates = True, [encoding]
    text = _decode_sample(head, encoding, complete, data)
    if not text.strip("\ufeff \t\r\n"):
        raise _problem("empty_file")
    if "\x00" in text or sum(char in CONTROL_CHARS for char in text[:SNIFF_CHARS]) > 0.02 * min(
            len(text), SNIFF_CHARS):
        raise _problem("binary_file")
    text = text.lstrip("\ufeff")
    hint = _excel_sep_hint(text)
    if delimiter is None:
        delimiter = hint or detect_delimiter(text, complete)
    elif delimiter not in DELIMITERS:
        raise _problem("bad_delimiter", delimiter=delimiter)
    source = Source(file_name=file_name, kind="csv", size_bytes=size, columns=[], header_changes=[],
                    encoding=encoding, encoding_certain=certain, encoding_candidates=candidates,
                    delimiter=delimiter, total=size, _data=data, _skip=int(hint is not None))
    header, has_data = _csv_header(source)
    source.columns, source.header_changes = clean_header(header)
    source.repeated = repeated_names(header, source.columns)
    if not has_data:
        raise _problem("no_data_rows")
    return source


def _excel_sep_hint(text: str) -> str | None:
    """The delimiter of Excel's ``sep=;`` first line, if there is one."""
    first = text.split("\n", 1)[0].strip()
    if first.lower().startswith("sep=") and first[4:] in DELIMITERS:
        return first[4:]
    return None


@contextmanager
def _csv_rows(source: Source) -> Iterator[Iterator[tuple[int, list[str]]]]:
    """(row number, fields) of every record after Excel's ``sep=`` line, decoding
    strictly; a decoding failure becomes an ``encoding_error`` naming the byte and line."""
    name, errors = _codec(source.encoding)
    with _binary(source._data) as binary:
        stream = io.TextIOWrapper(binary, encoding=name, errors=errors, newline="")

        def rows() -> Iterator[tuple[int, list[str]]]:
            reader = csv.reader(stream, delimiter=source.delimiter)
            try:
                for number, record in enumerate(reader, start=1 - source._skip):
                    if not number % POSITION_EVERY:
                        source.position = binary.tell()
                    if number > 0:
                        yield number, record
                source.position = binary.tell()
            except UnicodeDecodeError:
                offset, line = _decoding_failure(source._data, name)
                raise _problem("encoding_error", encoding=source.encoding, offset=offset, line=line,
                               suggestion=_whole_file_encoding(source._data, name)) from None

        yield rows()


def _whole_file_encoding(data: bytes | Path, failed: str) -> str:
    """The first of UTF-8, Windows-1252 and Latin-1, other than ``failed``, that
    decodes every byte of ``data`` (Latin-1 always does); for a failed UTF-16,
    the same with replacement characters."""
    if failed.startswith("utf-16"):
        return failed + WITH_REPLACEMENT
    for candidate in ("utf-8", "cp1252", "latin-1"):
        if codecs.lookup(candidate).name == codecs.lookup(failed).name:
            continue
        decoder = codecs.getincrementaldecoder(candidate)()
        try:
            with _binary(data) as stream:
                while block := stream.read(1 << 20):
                    decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return candidate
    return "latin-1"


def _decoding_failure(data: bytes | Path, encoding: str) -> tuple[int, int]:
    """Byte offset and line of the first byte ``encoding`` cannot decode."""
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = lines = 0
    with _binary(data) as stream:
        while block := stream.read(1 << 20):
            pending = decoder.getstate()[0]
            try:
                decoder.decode(block)
            except UnicodeDecodeError as error:
                start = offset - len(pending) + error.start
                return start, lines + (pending + block)[:error.start].count(b"\n") + 1
            offset += len(block)
            lines += block.count(b"\n")
    return offset, lines + 1


def _csv_header(source: Source) -> tuple[list[str], bool]:
    """The fields of the first non-blank record (setting ``header_row``), and
    whether a non-blank record follows it."""
    header = None
    with _csv_rows(source) as rows:
        for number, record in rows:
            if not any(value.strip() for value in record):
                continue
            if header is not None:
                return header, True
            header, source.header_row = record, number
    if header is None:
        raise _problem("no_header")
    return header, False


def _csv_records(source: Source) -> Iterator[tuple[int, list]]:
    with _csv_rows(source) as rows:
        for number, record in rows:
            if number > source.header_row:
                yield number, record


def clean_header(names: list) -> tuple[list[str], list[tuple[int, str, str]]]:
    """Column names stripped, blanks named "Column N" and repeats "Name (2)",
    with the changes made as (1-based position, original, new)."""
    used: set[str] = {ROW}
    columns, changes = [], []
    for position, raw in enumerate(names, start=1):
        original = "" if raw is None else str(raw)
        name = " ".join(original.replace("\ufeff", "").split())
        if not name:
            name = f"Column {position}"
        candidate, repeat = name, 1
        while candidate.casefold() in used:
            repeat += 1
            candidate = f"{name} ({repeat})"
        used.add(candidate.casefold())
        columns.append(candidate)
        if candidate != original:
            changes.append((position, original, candidate))
    return columns, changes


def repeated_names(names: list[str], columns: list[str]) -> list[tuple[str, list[int], list[str]]]:
    """The header names (blanks aside) that occur more than once, ignoring case
    and spacing, as the :func:`clean_header` does: (name, 1-based positions,
    the column names they are read as)."""
    groups: dict[str, list[int]] = {}
    for position, raw in enumerate(names, start=1):
        name = " ".join(str(raw or "").replace("\ufeff", "").split())
        if name:
            groups.setdefault(name.casefold(), []).append(position)
    return [(" ".join(str(names[positions[0] - 1]).split()), positions,
             [columns[position - 1] for position in positions])
            for positions in groups.values() if len(positions) > 1]


def unresolved_repeats(source: Source, named: set[str]) -> list[ImportProblem]:
    """A ``duplicate_header`` problem for every repeated header name whose columns
    are not each named in the mapping (``named``: the columns mapped to a field
    or ignored). Kept as segments without being named, a second "Comment"
    column would put comment text among the segments unnoticed."""
    from openpyxl.utils import get_column_letter

    return [_problem("duplicate_header", row=source.header_row, name=name, count=len(positions),
                     columns=", ".join(f"{position} ({get_column_letter(position)})" for position in positions),
                     names=", ".join(repr(column) for column in used))
            for name, positions, used in source.repeated if not set(used) <= named]


# --- Excel ---------------------------------------------------------------------------------

def check_xlsx(stream: BinaryIO, limits: ZipLimits = XLSX_LIMITS) -> None:
    """Refuse a workbook whose table of contents promises more than ``limits``
    allow, before anything is unpacked. (Python's zipfile never unpacks more
    than a part's recorded size, so a part cannot lie its way past this.)"""
    try:
        entries = zipfile.ZipFile(stream).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # not a zip: openpyxl says it cannot read it
    finally:
        stream.seek(0)
    if len(entries) > limits.entries:
        raise _problem("xlsx_too_many_entries", entries=len(entries), limit=limits.entries)
    for entry in entries:
        if entry.file_size > limits.entry_bytes:
            raise _problem("xlsx_too_large", entry=entry.filename, size=entry.file_size, limit=limits.entry_bytes)
        if entry.file_size >= limits.ratio_from and entry.file_size > limits.ratio * max(1, entry.compress_size):
            raise _problem("xlsx_ratio", entry=entry.filename, ratio=entry.file_size // max(1, entry.compress_size),
                           limit=limits.ratio)
    total = sum(entry.file_size for entry in entries)
    if total > limits.total_bytes:
        raise _problem("xlsx_total_too_large", size=total, limit=limits.total_bytes)


@contextmanager
def _workbook(data: bytes | Path, file_name: str):
    from openpyxl import load_workbook

    with _binary(data) as stream:
        check_xlsx(stream)
        try:
            book = load_workbook(stream, read_only=True, data_only=True)
        except Exception as error:  # a bad zip, missing parts, openpyxl's InvalidFileException…
            raise _problem("invalid_xlsx", file_name=file_name) from error
        try:
            yield book
        finally:
            book.close()


def _sheet(book, sheet: str | None):
    names = list(book.sheetnames)
    if not names:
        raise _problem("no_sheets")
    chosen = names[0] if sheet is None else sheet
    if chosen not in names:
        raise _problem("unknown_sheet", sheet=sheet, sheets=", ".join(names))
    worksheet = book[chosen]
    total = worksheet.max_row if isinstance(worksheet.max_row, int) and worksheet.max_row > 1 else None
    worksheet.reset_dimensions()  # some writers record a wrong size; read every row
    return names, chosen, worksheet, total


def _open_xlsx(data: bytes | Path, file_name: str, size: int, sheet: str | None) -> Source:
    with _workbook(data, file_name) as book:
        names, chosen, worksheet, total = _sheet(book, sheet)
        header, header_row, has_data = None, 0, False
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            cells = [cell_text(value) for value in values]
            if not any(value not in ("", None) for value in cells):
                continue
            if header is None:
                header, header_row = cells, number
                continue
            has_data = True
            break
    if header is None:
        raise _problem("empty_sheet", sheet=chosen)
    while header and header[-1] in ("", None):
        header.pop()
    header = [str(value) for value in header]
    columns, changes = clean_header(header)
    if not has_data:
        raise _problem("no_data_rows")
    return Source(file_name=file_name, kind="xlsx", size_bytes=size, columns=columns,
                  header_changes=changes, header_row=header_row, sheets=names, sheet=chosen,
                  total=total, repeated=repeated_names(header, columns), _data=data)


def _xlsx_records(source: Source) -> Iterator[tuple[int, list]]:
    with _workbook(source._data, source.file_name) as book:
        _names, _chosen, worksheet, _total = _sheet(book, source.sheet)
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            source.position = number
            if number > source.header_row:
                yield number, [cell_text(value) for value in values]


def cell_text(value: object) -> str | datetime:
    """An Excel cell as text the way Excel shows it: whole numbers without ".0",
    no scientific notation; dates and times stay datetimes."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e18:
            return str(int(value))
        text = repr(value)
        return np.format_float_positional(value, trim="-") if "e" in text else text
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, time):
        return value.isoformat()
    return str(value)
