"""Values as real exports write them: dates, scores, ids, short texts.

Pure functions over a pandas Series of cells (text, or datetimes from Excel).
Each parser returns ``(values, errors)``: the parsed values on the same index
(missing or wrong ones as NA) and an errors frame with one line per wrong cell
(``index``, ``code``, ``message``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

MISSING = frozenset({"", "-", "–", "—", "n/a", "na"})
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
EXCEL_SERIALS = (25_569, 73_051)  # 1970-01-01 to 2100-01-01: what can be a response date
MAX_EXTERNAL_ID = 120
NPS_SCALES = {"0-10": (0, 10)}
CSAT_SCALES = {"1-5": (1, 5), "stars": (1, 5)}
SCALE10 = (1, 10)
# Sentiment labels as tools and people write them (folded), and what they mean: 1, 0 or -1.
SENTIMENTS = {
    **dict.fromkeys(("positive", "pos", "positiv", "positivt", "positiva", "very positive", "mycket positiv",
                     "+", "+1", "1", "1.0"), 1),
    **dict.fromkeys(("neutral", "neu", "neutralt", "neutrala", "mixed", "blandad", "blandat", "0", "0.0",
                     "+0", "-0"), 0),
    **dict.fromkeys(("negative", "neg", "negativ", "negativt", "negativa", "very negative", "mycket negativ",
                     "-", "-1", "-1.0", "\u22121", "\u20131"), -1),
}
LANGUAGES = {
    "sv": "sv", "swe": "sv", "svenska": "sv", "swedish": "sv",
    "en": "en", "eng": "en", "engelska": "en", "english": "en",
    "fi": "fi", "fin": "fi", "finska": "fi", "finnish": "fi", "suomi": "fi",
    "no": "no", "nb": "no", "nn": "no", "nor": "no", "norska": "no", "norwegian": "no", "norsk": "no",
    "da": "da", "dan": "da", "danska": "da", "danish": "da", "dansk": "da",
    "de": "de", "deu": "de", "ger": "de", "tyska": "de", "german": "de", "deutsch": "de",
}

MESSAGES = {
    "missing_value": "{field} is required but empty.",
    "invalid_date": "Not a date this import can read (e.g. 2025-03-31, 31/03/2025 or 2025-03-31T14:05Z).",
    "date_order_conflict": "Day and month are the other way round from the rest of the column "
                           "({order}): this is not a valid date that way.",
    "score_not_a_number": "{field} must be a number from {low} to {high}.",
    "score_not_whole": "{field} must be a whole number from {low} to {high}.",
    "score_out_of_range": "{field} must be from {low} to {high}.",
    "score_wrong_scale": "{field} is given on another scale than {low}–{high}.",
    "external_id_scientific": "The id is in scientific notation (Excel rounded it), so it no longer "
                              "identifies the response: format the column as text in the source.",
    "external_id_too_long": "The id is longer than {limit} characters.",
    "value_too_long": "{field} is longer than {limit} characters.",
    "invalid_language": "Not a language code or name (e.g. sv, en, Swedish).",
    "invalid_sentiment": "Not a sentiment label (positive, neutral or negative; positiv, neutral, negativ; "
                         "or 1, 0, -1).",
}

_NUMBER = r"[+-]?\d+(?:[.,]\d+)?"
_ISO = (r"^(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})"
        r"(?:[T ]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,9}))?)?)?"
        r"\s*(?P<zone>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$")
_DMY = (r"^(?P<first>\d{1,2})[-/.](?P<middle>\d{1,2})[-/.](?P<year>\d{4}|\d{2})"
        r"(?:[T ,]+(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?\s*(?P<ampm>[AaPp][Mm])?)?$")
_SERIAL = r"^\d{5}(?:[.,]\d+)?$"
_SCIENTIFIC = r"^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$"


def error_lines(index, code: str, message: str) -> pd.DataFrame:
    """An errors frame: the same ``code`` and ``message`` for every row of ``index``."""
    index = list(index)
    return pd.DataFrame({"index": index, "code": [code] * len(index), "message": [message] * len(index)})


def no_errors() -> pd.DataFrame:
    return pd.DataFrame({"index": pd.Series(dtype="int64"), "code": pd.Series(dtype=object),
                         "message": pd.Series(dtype=object)})


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [frame for frame in frames if len(frame)]
    return pd.concat(frames, ignore_index=True) if frames else no_errors()


def text(series: pd.Series) -> pd.Series:
    """Cells as stripped strings ("" for empty; datetimes in ISO form), NUL characters
    removed (PostgreSQL refuses them)."""
    return _from_arrow(_arrow_text(series), series.index)


def _arrow_text(series: pd.Series) -> pa.Array:
    """:func:`text` as an Arrow array (its string functions run in C)."""
    if pd.api.types.infer_dtype(series, skipna=False) not in ("string", "empty"):
        series = series.map(lambda value: "" if value is None or value is pd.NA else value.isoformat(sep=" ")
                            if isinstance(value, datetime) else str(value))
    strings = pa.array(series.to_numpy(dtype=object), type=pa.string())
    return pc.utf8_trim_whitespace(pc.replace_substring(strings, "\x00", ""))


def _from_arrow(strings: pa.Array, index: pd.Index) -> pd.Series:
    return pd.Series(strings.to_numpy(zero_copy_only=False), index=index, dtype=object)


def is_missing(series: pd.Series) -> pd.Series:
    """True where a cell means "no value": empty, "-", "n/a", "NA" (any case)."""
    return text(series).str.casefold().isin(MISSING)


def _numbers(strings: np.ndarray, pattern: str) -> dict[str, np.ndarray]:
    """The named groups of ``pattern`` in each string as floats (NaN: no match, or
    the group is empty or not a number); text groups stay text ("" when absent)."""
    matched = pc.extract_regex(pa.array(strings, type=pa.string()), pattern)
    groups = {}
    for index in range(matched.type.num_fields):
        name, values = matched.type.field(index).name, matched.field(index)
        if name in ("zone", "ampm", "fraction"):
            groups[name] = np.asarray(values.to_pylist(), dtype=object)
        else:
            blank = pc.if_else(pc.equal(values, ""), pa.scalar(None, pa.string()), values)
            groups[name] = pc.cast(blank, pa.float64()).to_numpy(zero_copy_only=False)
    return groups


# --- dates ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class DateOrder:
    """Evidence on day/month order in a date column: rows whose first part is
    above 12 (so day first), rows whose second part is (month first), rows that
    read either way, and every row written day/month or month/day at all (such as
    05/05/2025, which reads the same both ways; ISO and Excel dates are not). Add
    the evidence of several chunks with ``+``."""

    day_first_rows: int = 0
    month_first_rows: int = 0
    ambiguous_rows: int = 0
    dmy_rows: int = 0

    def __add__(self, other: "DateOrder") -> "DateOrder":
        return DateOrder(self.day_first_rows + other.day_first_rows,
                         self.month_first_rows + other.month_first_rows,
                         self.ambiguous_rows + other.ambiguous_rows,
                         self.dmy_rows + other.dmy_rows)

    @property
    def day_first(self) -> bool | None:
        """The order of the column: the unambiguous rows' majority; None when they
        give no answer (no such rows, or a tie)."""
        if self.day_first_rows == self.month_first_rows:
            return None
        return self.day_first_rows > self.month_first_rows

    @property
    def needs_choice(self) -> bool:
        """Whether someone must say the order: some dates read both ways and the
        column itself does not decide."""
        return self.ambiguous_rows > 0 and self.day_first is None

    @property
    def mixed(self) -> bool:
        return self.day_first_rows > 0 and self.month_first_rows > 0


def date_order(series: pd.Series) -> DateOrder:
    """The day/month evidence of a column's dd/mm-or-mm/dd dates."""
    strings = text(series)
    codes, uniques = pd.factorize(strings)
    parts = _numbers(np.asarray(uniques, dtype=object), _DMY)
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
    first, middle = parts["first"], parts["middle"]
    return DateOrder(
        day_first_rows=int(counts[(first > 12) & (middle <= 12)].sum()),
        month_first_rows=int(counts[(middle > 12) & (first <= 12)].sum()),
        ambiguous_rows=int(counts[(first <= 12) & (middle <= 12) & (first != middle)].sum()),
        dmy_rows=int(counts[~np.isnan(first)].sum()),
    )


def parse_dates(series: pd.Series, *, day_first: bool | None, time_zone: str = "Europe/Stockholm",
                field: str = "Date") -> tuple[pd.Series, pd.DataFrame]:
    """Moments in UTC from the formats exports use: ISO 8601 (``Z`` or an offset is
    honoured), dd/mm/yyyy or mm/dd/yyyy (with ``-`` or ``.`` too, optionally a time
    and AM/PM) in the order ``day_first``, Excel serial numbers and Excel datetimes.

    Times without an offset are local in ``time_zone``: a time skipped by the
    change to summer time moves forward, a repeated one is taken the first time.
    A date without a time is taken at noon, so it stays on its day in UTC too."""
    cells = series.astype(object)
    if pd.api.types.infer_dtype(cells, skipna=True) in ("string", "empty"):
        is_datetime = pd.Series(False, index=series.index)
    else:
        is_datetime = cells.map(lambda value: isinstance(value, datetime)).astype(bool)
    strings = text(cells.where(~is_datetime, ""))
    codes, uniques = pd.factorize(strings)
    naive, offset, conflict = _parse_texts(np.asarray(uniques, dtype=object), day_first)
    naive, offset = naive[codes], offset[codes]
    conflict = pd.Series(conflict[codes], index=series.index)

    aware = pd.Series(False, index=series.index)
    if is_datetime.any():
        aware = cells.map(lambda value: isinstance(value, datetime) and value.tzinfo is not None).astype(bool)
        local_cells = cells.where(is_datetime & ~aware).map(
            lambda value: value.replace(hour=12) if isinstance(value, datetime) and value.time() == time() else value)
        from_cells = pd.to_datetime(local_cells, errors="coerce").astype("datetime64[us]").to_numpy()
        naive = np.where(is_datetime & ~aware, from_cells, naive)
    naive = pd.Series(naive, index=series.index).astype("datetime64[us]")
    offset = pd.Series(offset, index=series.index)

    local = naive.where(offset.isna() & ~aware)
    result = local.dt.tz_localize(ZoneInfo(time_zone), ambiguous=np.ones(len(local), dtype=bool),
                                  nonexistent="shift_forward").dt.tz_convert("UTC")
    result = result.where(local.notna(), (naive - pd.to_timedelta(offset, unit="m")).dt.tz_localize("UTC"))
    if aware.any():
        result = result.where(~aware, pd.to_datetime(cells.where(aware), utc=True))
    result = result.astype("datetime64[us, UTC]")

    missing = strings.str.casefold().isin(MISSING) & ~is_datetime
    failed = result.isna() & ~missing
    order = "day first" if day_first else "month first"
    errors = [
        error_lines(series.index[missing], "missing_value", MESSAGES["missing_value"].format(field=field)),
        error_lines(series.index[failed & conflict], "date_order_conflict",
                MESSAGES["date_order_conflict"].format(order=order)),
        error_lines(series.index[failed & ~conflict], "invalid_date", MESSAGES["invalid_date"]),
    ]
    return result, _concat(errors)


def _parse_texts(strings: np.ndarray, day_first: bool | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Local date-times (NaT: not a date), UTC offsets in minutes (NaN: local time)
    and "only valid the other way round" flags of ISO, dd/mm and Excel-serial texts."""
    n = len(strings)
    columns = {name: np.full(n, np.nan) for name in
               ("year", "month", "day", "hour", "minute", "second", "microsecond")}
    offset = np.full(n, np.nan)
    iso = _numbers(strings, _ISO)
    rows = ~np.isnan(iso["year"])
    _fill(columns, iso, rows, iso["month"], iso["day"])
    offset[rows] = _offsets(iso["zone"][rows])
    conflict = np.zeros(n, dtype=bool)
    if day_first is not None:
        dmy = _numbers(strings, _DMY)
        rows = ~np.isnan(dmy["first"])
        day, month = (dmy["first"], dmy["middle"]) if day_first else (dmy["middle"], dmy["first"])
        _fill(columns, dmy, rows, month, day)
        conflict = rows & (month > 12) & (day <= 12)
    naive = pd.to_datetime(pd.DataFrame(columns).fillna(
        {"hour": 12, "minute": 0, "second": 0, "microsecond": 0}), errors="coerce").astype("datetime64[us]")
    serial_text = pd.Series(strings, dtype=object)
    serial_text = serial_text.where(serial_text.str.fullmatch(_SERIAL).fillna(False).astype(bool))
    serials = pd.to_numeric(serial_text.str.replace(",", ".", regex=False), errors="coerce")
    serials = serials.where(serials.between(*EXCEL_SERIALS))
    serials = serials.where(serials != serials.round(), serials + 0.5)  # a whole day: its noon
    excel = (EXCEL_EPOCH + pd.to_timedelta(serials.round(6), unit="D")).dt.round("s")
    naive = naive.where(serials.isna(), excel)
    return naive.to_numpy(), offset, conflict


def _fill(columns: dict[str, np.ndarray], parts: dict[str, np.ndarray], rows: np.ndarray,
          month: np.ndarray, day: np.ndarray) -> None:
    """Write the date and time parts of the matched ``rows`` into ``columns``."""
    year = parts["year"]
    year = np.where(year < 100, year + 2000, year)
    hour = parts["hour"].copy()
    if "ampm" in parts:
        marker = np.char.lower(parts["ampm"].astype(str))
        pm, am = marker == "pm", marker == "am"
        bad = (am | pm) & ((hour > 12) | (hour < 1))
        hour = np.where(pm & (hour < 12), hour + 12, np.where(am & (hour == 12), 0, hour))
        rows = rows & ~bad
    values = {"year": year, "month": month, "day": day, "hour": hour,
              "minute": parts["minute"], "second": parts["second"]}
    if "fraction" in parts:
        values["microsecond"] = np.array([float(digits.ljust(6, "0")[:6]) if digits else np.nan
                                          for digits in parts["fraction"]])
    for name, value in values.items():
        columns[name][rows] = value[rows]


def _offsets(zones: np.ndarray) -> np.ndarray:
    """Minutes east of UTC of ``Z``/``+02:00``/``-0500``/``+01`` (NaN: no offset given)."""
    result = np.full(len(zones), np.nan)
    for index, zone in enumerate(zones):
        if zone in ("Z", "UTC", "GMT"):
            result[index] = 0.0
        elif zone:
            digits = zone.replace(":", "")
            result[index] = (1 if digits[0] == "+" else -1) * (int(digits[1:3]) * 60 + int(digits[3:5] or 0))
    return result


# --- scores --------------------------------------------------------------------------------

def _by_distinct(series: pd.Series, parse) -> tuple[pd.Series, pd.DataFrame]:
    """``parse`` (values, errors) run on the distinct cells only, spread back over
    the rows: scores and languages repeat a lot. ``parse`` gives at most one
    error per value."""
    codes, uniques = pd.factorize(text(series))
    values, errors = parse(pd.Series(np.asarray(uniques, dtype=object)))
    spread = pd.Series(values.to_numpy()[codes], index=series.index, dtype=values.dtype)
    code = np.full(len(uniques), None, dtype=object)
    message = np.full(len(uniques), None, dtype=object)
    code[errors["index"].to_numpy(dtype=int)] = errors["code"].to_numpy()
    message[errors["index"].to_numpy(dtype=int)] = errors["message"].to_numpy()
    rows = np.flatnonzero(pd.notna(code[codes]))
    return spread, pd.DataFrame({"index": series.index[rows], "code": code[codes][rows],
                                 "message": message[codes][rows]}) if len(rows) else no_errors()


def parse_scores(series: pd.Series, *, low: int, high: int, field: str) -> tuple[pd.Series, pd.DataFrame]:
    """Whole-number scores from ``low`` to ``high`` as nullable integers: "9",
    " 9 ", "9.0", "9,0", "9/10", "4 of 5", "4 av 5", "★★★★☆". Empty, "-", "n/a"
    and "NA" (any case) are missing, not wrong."""
    return _by_distinct(series, lambda strings: _scores(strings, low, high, field))


def _scores(strings: pd.Series, low: int, high: int, field: str) -> tuple[pd.Series, pd.DataFrame]:
    missing = strings.str.casefold().isin(MISSING)
    numbers = pd.Series(np.nan, index=strings.index)
    plain = strings.str.fullmatch(_NUMBER).astype(bool)
    numbers[plain] = pd.to_numeric(strings[plain].str.replace(",", ".", regex=False))
    stars = strings.str.fullmatch(r"[★☆]+").astype(bool)
    numbers[stars] = strings[stars].str.count("★")
    fraction = strings.str.extract(rf"^({_NUMBER})\s*(?:/|of|av|out of)\s*({_NUMBER})$", flags=re.IGNORECASE)
    fractions = fraction[0].notna()
    denominator = pd.to_numeric(fraction[1].str.replace(",", ".", regex=False), errors="coerce")
    wrong_scale = fractions & (denominator != high)
    numbers[fractions & ~wrong_scale] = pd.to_numeric(
        fraction.loc[fractions & ~wrong_scale, 0].str.replace(",", ".", regex=False))
    not_number = ~missing & ~plain & ~stars & ~fractions
    not_whole = numbers.notna() & (numbers != np.floor(numbers))
    out_of_range = numbers.notna() & ~not_whole & ((numbers < low) | (numbers > high))
    params = {"field": field, "low": low, "high": high}
    errors = [error_lines(strings.index[rows], code, MESSAGES[code].format(**params)) for code, rows in (
        ("score_not_a_number", not_number), ("score_wrong_scale", wrong_scale),
        ("score_not_whole", not_whole), ("score_out_of_range", out_of_range))]
    return numbers.where(~not_whole & ~out_of_range).astype("Int64"), _concat(errors)


# --- ids and texts -------------------------------------------------------------------------

def parse_external_ids(series: pd.Series) -> tuple[pd.Series, pd.DataFrame]:
    """Ids as text; empty ones missing (an error), ones Excel turned into scientific
    notation ("1.23457E+11", "1,23E+05") and ones over 120 characters rejected."""
    strings = text(series)
    missing = strings == ""
    scientific = strings.str.fullmatch(_SCIENTIFIC)
    too_long = strings.str.len() > MAX_EXTERNAL_ID
    errors = [
        error_lines(series.index[missing], "missing_value", MESSAGES["missing_value"].format(field="Id")),
        error_lines(series.index[scientific], "external_id_scientific", MESSAGES["external_id_scientific"]),
        error_lines(series.index[too_long], "external_id_too_long",
                MESSAGES["external_id_too_long"].format(limit=MAX_EXTERNAL_ID)),
    ]
    return strings.where(~(missing | scientific | too_long)), _concat(errors)


def parse_text(series: pd.Series, *, field: str, limit: int | None = None,
               required: bool = False) -> tuple[pd.Series, pd.DataFrame]:
    """Short or long text, stripped, with line breaks as ``\\n``; empty is missing
    (an error when ``required``); longer than ``limit`` is an error."""
    arrow = pc.replace_substring(pc.replace_substring(_arrow_text(series), "\r\n", "\n"), "\r", "\n")
    strings = _from_arrow(arrow, series.index)
    missing = strings == ""
    too_long = pd.Series(pc.greater(pc.utf8_length(arrow), limit or 0).to_numpy(zero_copy_only=False)
                         if limit else False, index=series.index)
    errors = [error_lines(series.index[too_long], "value_too_long",
                      MESSAGES["value_too_long"].format(field=field, limit=limit))]
    if required:
        errors.append(error_lines(series.index[missing], "missing_value",
                              MESSAGES["missing_value"].format(field=field)))
    return strings.where(~(missing | too_long)), _concat(errors)


def parse_languages(series: pd.Series) -> tuple[pd.Series, pd.DataFrame]:
    """Language codes: "sv", "sv-SE", "SV_se", "Svenska", "English (UK)" → "sv"/"en";
    any other two- or three-letter code kept in lower case."""
    return _by_distinct(series, _languages)


def _languages(strings: pd.Series) -> tuple[pd.Series, pd.DataFrame]:
    lowered = strings.str.casefold()
    missing = lowered.isin(MISSING)
    primary = lowered.str.extract(r"^([a-z]{2,3})(?:[-_][a-z0-9]{2,8})*$")[0]
    by_name = lowered.str.replace(r"\s*\(.*\)$", "", regex=True).map(LANGUAGES)
    codes = by_name.fillna(primary.map(LANGUAGES)).fillna(primary)
    invalid = codes.isna() & ~missing
    errors = error_lines(strings.index[invalid], "invalid_language", MESSAGES["invalid_language"])
    return codes.where(~missing).astype(object), errors


def sentiment_of(cell: str) -> int | None:
    """1, 0 or -1 for a sentiment label in any case ("Positive", "negativ", "NEU", "-1"), else None."""
    return SENTIMENTS.get(" ".join(str(cell).casefold().split()))


def parse_sentiments(series: pd.Series) -> tuple[pd.Series, pd.DataFrame]:
    """Sentiment labels as 1 (positive), 0 (neutral) and -1 (negative), in English
    or Swedish, or as numbers; empty cells are missing, other words wrong."""
    return _by_distinct(series, _sentiments)


def _sentiments(strings: pd.Series) -> tuple[pd.Series, pd.DataFrame]:
    missing = strings.str.casefold().isin(MISSING - {"-"})
    labels = strings.map(sentiment_of)
    invalid = labels.isna() & ~missing
    errors = error_lines(strings.index[invalid], "invalid_sentiment", MESSAGES["invalid_sentiment"])
    return labels.where(~missing).astype("Int64"), errors
