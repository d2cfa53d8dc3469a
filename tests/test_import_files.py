"""Reading exports as they really come (ingest.files), on the generated corpus."""

from __future__ import annotations

import io
import pickle
from datetime import datetime

import pytest

from ingest.files import (ROW, XLSX_LIMITS, ImportProblem, ZipLimits, cell_text, check_xlsx, detect_encoding,
                          open_source, repeated_names, unresolved_repeats)
from tests.import_corpus import EMOJI, HEADER, HUGE, build, claiming, good_rows, to_csv, to_xlsx, zip_bomb


def read(name: str, **options):
    file_name, data = build(name)
    source = open_source(data, file_name, **options)
    return source, [frame for frame in source.chunks(1_000)]


def rows_of(frames) -> list[int]:
    return [row for frame in frames for row in frame[ROW]]


@pytest.mark.parametrize(("name", "delimiter"), [("comma", ","), ("semicolon", ";"), ("tab", "\t"),
                                                  ("excel_sep_line", ",")])
def test_each_delimiter_is_detected(name, delimiter):
    source, frames = read(name)
    assert source.delimiter == delimiter
    assert source.columns == HEADER
    assert rows_of(frames) == list(range(2, 2 + len(rows_of(frames))))
    assert frames[0].loc[0, "Butik"] == "Malmö"


@pytest.mark.parametrize(("name", "encoding", "certain"), [
    ("latin1", "cp1252", False), ("utf8_bom", "utf-8-sig", True), ("utf16", "utf-16", True),
    ("utf16_without_bom", "utf-16-be", True), ("semicolon", "utf-8", True),
])
def test_encodings_are_detected_and_swedish_letters_survive(name, encoding, certain):
    source, frames = read(name)
    assert (source.encoding, source.encoding_certain) == (encoding, certain)
    assert source.columns == HEADER  # "Nöjdhet", "Språk", and no byte-order mark in "Svar-ID"
    expected = [row[7] for row in good_rows(6)]
    assert frames[0]["Kommentar"].tolist() == expected
    if not certain:
        assert source.encoding_candidates == ["cp1252", "latin-1", "utf-8 (with replacement)"]


def test_an_unsure_encoding_can_be_chosen_and_shown_with_replacement():
    _name, data = build("latin1")
    replaced = open_source(data, "latin1.csv", encoding="utf-8 (with replacement)")
    assert "\ufffd" in replaced.preview()["Kommentar"].iloc[0]
    assert open_source(data, "latin1.csv", encoding="latin-1").preview()["Butik"].iloc[0] == "Malmö"
    with pytest.raises(ImportProblem) as raised:
        open_source(data, "latin1.csv", encoding="klingon")
    assert raised.value.code == "unknown_encoding"


def test_a_utf8_file_that_turns_into_cp1252_later_is_never_mangled():
    file_name, data = build("late_latin1")
    source = open_source(data, file_name)
    assert source.encoding == "utf-8" and source.encoding_certain
    with pytest.raises(ImportProblem) as raised:
        list(source.chunks())
    problem = raised.value
    assert problem.code == "encoding_error"
    assert problem.params["line"] == 702
    assert data[problem.params["offset"]:problem.params["offset"] + 1] == "ä".encode("cp1252")
    rows = list(open_source(data, "late.csv", encoding="cp1252").chunks())[-1]
    assert rows["Kommentar"].iloc[-1] == "väntetid"


def test_line_breaks_inside_quotes_keep_one_row_per_record():
    source, frames = read("crlf_multiline")
    frame = frames[0]
    assert rows_of(frames) == [2, 3, 4, 5, 6, 7]
    assert frame.loc[1, "Kommentar"] == "Första raden\r\nandra raden"
    assert frame.loc[3, "Kommentar"] == "a\nb\r\nc; med semikolon"
    assert "a value with line breaks inside stays one row" in source.row_note


@pytest.mark.parametrize(("name", "code"), [
    ("empty", "empty_file"), ("blank_lines", "empty_file"), ("header_only", "no_data_rows"),
    ("binary_garbage", "binary_file"), ("fake_xlsx", "invalid_xlsx"), ("legacy_xls", "xls_not_supported"),
    ("empty_xlsx", "empty_sheet"),
])
def test_unreadable_files_say_why(name, code):
    file_name, data = build(name)
    with pytest.raises(ImportProblem) as raised:
        open_source(data, file_name)
    assert raised.value.code == code
    assert raised.value.message and not raised.value.message.startswith("Traceback")


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"\x00" * 2_000)  # would be "binary" if it were read
    with pytest.raises(ImportProblem) as raised:
        open_source(path, "big.csv", max_bytes=1_000)
    assert raised.value.code == "file_too_large"
    assert raised.value.params == {"size": 2_000, "limit": 1_000}


def test_a_path_is_read_in_chunks_with_progress(tmp_path):
    path = tmp_path / "many.csv"
    path.write_bytes(to_csv(good_rows(2_500)))
    source = open_source(str(path), "many.csv")
    sizes, fractions = [], []
    for frame in source.chunks(1_000):
        sizes.append(len(frame))
        fractions.append(source.fraction())
    assert sizes == [1_000, 1_000, 500]
    assert fractions[-1] == 1.0 and source.size_bytes == path.stat().st_size
    assert list(frame[ROW])[-1] == 2_501
    assert len(source.preview(5)) == 5


def test_a_100000_character_cell_is_read_whole():
    _source, frames = read("huge_cell")
    assert frames[0].loc[1, "Kommentar"] == HUGE and len(HUGE) == 100_000


def test_blank_and_repeated_headers_are_named_and_reported():
    source, frames = read("odd_headers")
    assert source.columns[-2:] == ["Column 11", "Kommentar (2)"]
    assert source.header_changes == [(11, "", "Column 11"), (12, "Kommentar", "Kommentar (2)")]
    assert frames[0]["Kommentar (2)"].tolist() == ["andra", "andra"]


def test_a_row_with_too_many_values_is_listed():
    source, frames = read("too_many_fields")
    assert source.delimiter == ";"
    assert frames[0].attrs["too_many_fields"] == {3: 11}
    assert len(frames[0]) == 3


def test_formula_like_cells_and_emoji_are_plain_text():
    _source, frames = read("formulas")
    assert frames[0]["Kommentar"].tolist()[:4] == ['=HYPERLINK("http://evil.example","klicka")', "+1", "-2",
                                                   "@SUM(A1:A2)"]
    _source, frames = read("emoji")
    assert frames[0].loc[0, "Kommentar"] == EMOJI


def test_swedish_excel_sheets_dates_and_numbers():
    file_name, data = build("swedish_xlsx")
    with pytest.raises(ImportProblem) as raised:  # the first sheet, "Info", has no table
        open_source(data, file_name)
    assert raised.value.code == "no_data_rows"
    source = open_source(data, file_name, sheet="Svar")
    assert (source.kind, source.sheets, source.sheet) == ("xlsx", ["Info", "Svar"], "Svar")
    assert source.columns == HEADER
    frame = source.preview()
    assert frame[ROW].tolist() == [2, 3, 4, 5]
    assert frame["Datum"].iloc[0] == datetime(2025, 3, 1, 9, 30)
    assert frame["Svar-ID"].iloc[0] == "400000000001"  # not 4.00000000001E+11
    assert frame["NPS"].tolist() == ["6", "7", "8", "9"]  # 6.0 … read as "6" …
    assert frame["Kommentar"].iloc[1] == '=HYPERLINK("x")'
    with pytest.raises(ImportProblem) as raised:
        open_source(data, file_name, sheet="Blad9")
    assert raised.value.code == "unknown_sheet" and "Info, Svar" in raised.value.message


def test_excel_rows_keep_their_numbers_across_empty_rows():
    data = to_xlsx({"Blad1": [[], ["Datum", "Butik", "NPS"], ["2025-03-01", "Lund", 9], [],
                              ["2025-03-02", "Malmö", 3.0]]})
    frame = open_source(data, "gaps.xlsx").preview()
    assert frame[ROW].tolist() == [3, 5]
    assert frame["NPS"].tolist() == ["9", "3"]


@pytest.mark.parametrize(("value", "text"), [
    (9.0, "9"), (8.5, "8.5"), (123456789012.0, "123456789012"), (1e21, "1000000000000000000000"),
    (0.1, "0.1"), (True, "TRUE"), (None, ""), (42, "42"),
])
def test_excel_cells_read_as_excel_shows_them(value, text):
    assert cell_text(value) == text


def test_bom_less_utf16_is_told_by_its_nul_bytes():
    assert detect_encoding("Datum;Butik\n".encode("utf-16-le"), True)[0] == "utf-16-le"
    assert detect_encoding("Datum;Butik\n".encode("utf-16-be"), True)[0] == "utf-16-be"
    assert detect_encoding(b"K\xf6 \x81", True)[:2] == ("latin-1", False)  # 0x81 is not cp1252


# --- hostile workbooks and headers -------------------------------------------------------------

@pytest.mark.timeout(60)  # a hang guard, not a speed check (speed is measured in bench/)
def test_a_zip_bomb_is_refused_from_its_table_of_contents():
    file_name, data = zip_bomb()
    with pytest.raises(ImportProblem) as raised:
        open_source(data, file_name)
    assert raised.value.code == "xlsx_ratio" and raised.value.params["entry"] == "xl/worksheets/sheet1.xml"
    assert raised.value.params["ratio"] > XLSX_LIMITS.ratio
    assert "at most 100 times" in raised.value.message


def test_a_part_that_claims_more_than_the_limit_is_refused():
    data = claiming(to_xlsx({"Svar": [HEADER, *good_rows(2)]}), "xl/worksheets/sheet1.xml", 1_500_000_000)
    with pytest.raises(ImportProblem) as raised:
        open_source(data, "claims.xlsx")
    assert raised.value.code == "xlsx_too_large"
    assert raised.value.params == {"entry": "xl/worksheets/sheet1.xml", "size": 1_500_000_000,
                                   "limit": XLSX_LIMITS.entry_bytes}


@pytest.mark.parametrize(("limits", "code"), [
    (ZipLimits(entries=5), "xlsx_too_many_entries"),
    (ZipLimits(entry_bytes=5_000), "xlsx_too_large"),
    (ZipLimits(total_bytes=10_000), "xlsx_total_too_large"),
    (ZipLimits(ratio=3, ratio_from=1_000), "xlsx_ratio"),
])
def test_each_workbook_limit_names_itself(limits, code):
    data = to_xlsx({"Svar": [HEADER, *good_rows(50)]})
    with pytest.raises(ImportProblem) as raised:
        check_xlsx(io.BytesIO(data), limits)
    assert raised.value.code == code
    check_xlsx(io.BytesIO(data))  # a real export is far within the default limits


def test_repeated_header_names_are_listed_by_name_and_position():
    source, _frames = read("odd_headers")
    assert source.repeated == [("Kommentar", [8, 12], ["Kommentar", "Kommentar (2)"])]
    assert repeated_names(["Datum", "kommentar ", " KOMMENTAR", ""], ["Datum", "kommentar", "KOMMENTAR (2)",
                                                                      "Column 4"]) == [
        ("kommentar", [2, 3], ["kommentar", "KOMMENTAR (2)"])]


def test_repeated_headers_are_refused_until_each_column_is_named():
    source, _frames = read("odd_headers")
    [problem] = unresolved_repeats(source, {"Kommentar"})
    assert problem.code == "duplicate_header"
    assert problem.message == ("The header (row 1) has 'Kommentar' in 2 columns: 8 (H), 12 (L). Map each of "
                               "them ('Kommentar', 'Kommentar (2)') to a field, or ignore it, so that it is "
                               "clear which is which.")
    assert unresolved_repeats(source, {"Kommentar", "Kommentar (2)"}) == []


def test_a_problem_survives_the_trip_from_a_worker():
    problem = pickle.loads(pickle.dumps(ImportProblem("empty_file", "The file is empty.", {"x": 1})))
    assert (problem.code, problem.message, problem.params) == ("empty_file", "The file is empty.", {"x": 1})
