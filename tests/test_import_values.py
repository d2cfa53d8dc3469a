"""Values as exports write them (ingest.values) and column mappings (ingest.mapping)."""

from __future__ import annotations

from datetime import datetime, timezone

import pandas as pd
import pytest

from ingest import values
from ingest.files import ImportProblem
from ingest.mapping import Mapping, fold
from ingest.suggest import suggest


def utc(*parts) -> pd.Timestamp:
    return pd.Timestamp(datetime(*parts, tzinfo=timezone.utc))


def codes(errors: pd.DataFrame) -> dict[int, str]:
    return dict(zip(errors["index"], errors["code"]))


# --- dates ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("2025-03-01T10:00:00Z", utc(2025, 3, 1, 10)),
    ("2025-03-01T10:00:00+02:00", utc(2025, 3, 1, 8)),
    ("2025-03-01T10:00:00.250-0500", utc(2025, 3, 1, 15, 0, 0, 250_000)),
    ("2025-03-01 10:00", utc(2025, 3, 1, 9)),  # Stockholm is UTC+1 in winter
    ("2025-07-01 10:00:30", utc(2025, 7, 1, 8, 0, 30)),  # and UTC+2 in summer
    ("2025-03-01", utc(2025, 3, 1, 11)),  # a date alone is taken at noon: it stays on its day
    ("25/03/2025", utc(2025, 3, 25, 11)),
    ("25.03.2025", utc(2025, 3, 25, 11)),
    ("25-03-2025 14:05", utc(2025, 3, 25, 13, 5)),
    ("45717", utc(2025, 3, 1, 11)),  # an Excel serial day
    ("45717.75", utc(2025, 3, 1, 17)),  # 18:00 local
    ("2025-03-30 02:30", utc(2025, 3, 30, 1)),  # skipped by summer time: moves on to 03:00
    ("2025-10-26 02:30", utc(2025, 10, 26, 0, 30)),  # happens twice: the first time (summer time)
])
def test_dates_in_the_formats_exports_use(text, expected):
    parsed, errors = values.parse_dates(pd.Series([text]), day_first=True)
    assert parsed.iloc[0] == expected and errors.empty


def test_excel_datetimes_are_local_and_a_midnight_date_is_its_day():
    cells = pd.Series([datetime(2025, 3, 1, 9, 30), datetime(2025, 3, 1),
                       datetime(2025, 3, 1, 9, 30, tzinfo=timezone.utc), "2025-03-02"], dtype=object)
    parsed, errors = values.parse_dates(cells, day_first=None)
    assert parsed.tolist() == [utc(2025, 3, 1, 8, 30), utc(2025, 3, 1, 11), utc(2025, 3, 1, 9, 30),
                               utc(2025, 3, 2, 11)]
    assert errors.empty


def test_another_time_zone_and_month_first_with_am_pm():
    parsed, _errors = values.parse_dates(pd.Series(["03/25/2025 4:05 PM", "12/13/24 12:00 AM"]),
                                         day_first=False, time_zone="America/New_York")
    assert parsed.tolist() == [utc(2025, 3, 25, 20, 5), utc(2024, 12, 13, 5)]


def test_wrong_and_missing_dates_are_errors_with_their_reason():
    cells = pd.Series(["31/02/2025", "someday", "", "n/a", "03/25/2025", "99999", "13/25/2025"])
    parsed, errors = values.parse_dates(cells, day_first=True, field="Datum")
    assert parsed.isna().all()
    assert codes(errors) == {0: "invalid_date", 1: "invalid_date", 2: "missing_value", 3: "missing_value",
                             4: "date_order_conflict", 5: "invalid_date", 6: "invalid_date"}
    assert "Datum is required" in errors.set_index("index").loc[2, "message"]


def test_day_month_order_comes_from_the_whole_column():
    chunks = [pd.Series(["2025-03-01", "04/03/2025"]), pd.Series(["05/03/2025", "25/03/2025"])]
    evidence = values.date_order(chunks[0]) + values.date_order(chunks[1])
    assert evidence == values.DateOrder(day_first_rows=1, month_first_rows=0, ambiguous_rows=2, dmy_rows=3)
    assert evidence.day_first is True and not evidence.needs_choice
    ambiguous = values.date_order(pd.Series(["04/03/2025", "05/03/2025", "2025-03-01"]))
    assert ambiguous.day_first is None and ambiguous.needs_choice
    mixed = values.date_order(pd.Series(["25/03/2025", "26/03/2025", "03/27/2025"]))
    assert mixed.mixed and mixed.day_first is True
    tie = values.date_order(pd.Series(["25/03/2025", "03/27/2025", "04/03/2025"]))
    assert tie.needs_choice
    # 05/05 reads the same both ways: no evidence, but written day/month all the same
    # (the import then needs the column's order before reading it); ISO and Excel dates are not.
    assert values.date_order(pd.Series(["05/05/2025", "2025-03-01"])) == values.DateOrder(dmy_rows=1)
    assert values.date_order(pd.Series(["2025-03-01 10:00", "45000", "", datetime(2025, 3, 4)])) == \
        values.DateOrder()
    assert not values.date_order(pd.Series(["2025-03-01", "01/01/2025"])).needs_choice


# --- scores --------------------------------------------------------------------------------

def test_nps_as_exports_write_it():
    cells = pd.Series(["9", "9.0", "9,0", " 9 ", "9/10", "10", "0", "", "-", "n/a", "NA", "N/A",
                       "8.5", "11", "-1", "nine", "4/5"])
    parsed, errors = values.parse_scores(cells, low=0, high=10, field="NPS")
    assert parsed.tolist()[:7] == [9, 9, 9, 9, 9, 10, 0]
    assert parsed.iloc[7:].isna().all()
    assert codes(errors) == {12: "score_not_whole", 13: "score_out_of_range", 14: "score_out_of_range",
                             15: "score_not_a_number", 16: "score_wrong_scale"}
    assert set(errors["message"]) >= {"NPS must be a whole number from 0 to 10.", "NPS must be from 0 to 10."}


def test_csat_and_stars():
    parsed, errors = values.parse_scores(pd.Series(["4 of 5", "4 av 5", "★★★★☆", "★", "5/5", "0", "6"]),
                                         low=1, high=5, field="CSAT")
    assert parsed.tolist()[:5] == [4, 4, 4, 1, 5]
    assert codes(errors) == {5: "score_out_of_range", 6: "score_out_of_range"}


# --- ids, texts, languages -----------------------------------------------------------------

def test_ids_that_excel_put_in_scientific_notation_are_rejected():
    cells = pd.Series(["R-1", "1.23457E+11", "1,23E+05", "", "x" * 121, " 12 ", "2e5"])
    parsed, errors = values.parse_external_ids(cells)
    assert parsed.tolist()[0] == "R-1" and parsed.iloc[5] == "12"
    assert codes(errors) == {1: "external_id_scientific", 2: "external_id_scientific", 3: "missing_value",
                             4: "external_id_too_long", 6: "external_id_scientific"}


def test_texts_are_kept_literally_without_nul_characters():
    cells = pd.Series(['=HYPERLINK("x")', "rad1\r\nrad2", "  ", "nul\x00l", "😀"])
    parsed, errors = values.parse_text(cells, field="Comment")
    assert parsed.tolist()[:2] == ['=HYPERLINK("x")', "rad1\nrad2"]
    assert pd.isna(parsed.iloc[2]) and parsed.iloc[3] == "null" and parsed.iloc[4] == "😀"
    _parsed, errors = values.parse_text(pd.Series(["x" * 41, ""]), field="Channel", limit=40, required=True)
    assert codes(errors) == {0: "value_too_long", 1: "missing_value"}


def test_languages_by_code_or_name():
    parsed, errors = values.parse_languages(pd.Series(["sv", "sv-SE", "SV_se", "Svenska", "English (UK)",
                                                       "fi", "", "klingon!"]))
    assert parsed.tolist()[:6] == ["sv", "sv", "sv", "sv", "en", "fi"]
    assert codes(errors) == {7: "invalid_language"}


@pytest.mark.timeout(120)  # a hang guard, not a speed check (speed is measured in bench/)
def test_parsing_a_large_column_finishes():
    cells = pd.Series([f"2025-03-{day % 28 + 1:02d} 12:{day % 60:02d}:{day % 59:02d}" for day in range(100_000)])
    parsed, problems = values.parse_dates(cells, day_first=None)
    assert parsed.notna().all() and problems.empty
    values.parse_scores(cells.str[-1:], low=0, high=10, field="NPS")


# --- mappings ------------------------------------------------------------------------------

@pytest.mark.parametrize(("columns", "expected", "csat_scale"), [
    (["Svar-ID", "Datum", "Butik", "Kontaktpunkt", "Kanal", "NPS", "Nöjdhet", "Kommentar", "Språk", "Kundtyp"],
     {"external_id": "Svar-ID", "responded_at": "Datum", "unit": "Butik", "touchpoint": "Kontaktpunkt",
      "channel": "Kanal", "nps": "NPS", "csat": "Nöjdhet", "comment": "Kommentar", "language": "Språk"}, "1-5"),
    (["Review ID", "Date published", "Location", "Rating", "Review", "Reviewer"],
     {"external_id": "Review ID", "responded_at": "Date published", "unit": "Location", "csat": "Rating",
      "comment": "Review"}, "stars"),
    (["ID", "Created", "Store", "How likely are you to recommend us?", "CSAT score", "Feedback", "Source"],
     {"external_id": "ID", "responded_at": "Created", "unit": "Store", "channel": "Source",
      "nps": "How likely are you to recommend us?", "csat": "CSAT score", "comment": "Feedback"}, "1-5"),
    (["TIDPUNKT", "Enhet", "Rekommendation", "Betyg", "Fritext", "Kontor-nr"],
     {"responded_at": "TIDPUNKT", "unit": "Enhet", "nps": "Rekommendation", "csat": "Betyg",
      "comment": "Fritext"}, "stars"),
])
def test_suggested_mappings_from_swedish_and_english_names(columns, expected, csat_scale):
    mapping = suggest(columns)
    assert {name: column for name, column in mapping.fields.items() if column} == expected
    assert mapping.csat_scale == csat_scale
    assert mapping.attributes == [column for column in columns if column not in expected.values()]


def test_names_are_compared_without_case_accents_or_punctuation():
    assert fold("  Språk-KOD ") == "sprak kod"
    assert suggest(["datum", "BUTIK", "nöjdhet"]).fields["csat"] == "nöjdhet"


def test_a_mapping_round_trips_through_yaml_and_reports_what_is_wrong():
    mapping = Mapping(fields={"responded_at": "Datum", "unit": "Butik", "nps": "NPS", "comment": "Text"},
                      ignored=["Namn"], day_first=True, default_touchpoint="Kassa", source="enkät")
    assert Mapping.from_yaml(mapping.to_yaml()) == mapping
    for text, code in [("fields: [", "mapping_unreadable"), ("- a", "mapping_unreadable"),
                       ("colour: red", "mapping_unknown_key"), ("fields: {score: NPS}", "mapping_unknown_field"),
                       ("nps_scale: 0-5", "mapping_invalid_value"), ("day_first: maybe", "mapping_invalid_value"),
                       ("time_zone: Mars/Olympus", "mapping_invalid_value"), ("source: ''", "mapping_invalid_value")]:
        with pytest.raises(ImportProblem) as raised:
            Mapping.from_yaml(text)
        assert raised.value.code == code, text


def test_validate_names_every_problem():
    mapping = Mapping(fields={"unit": "Butik", "nps": "Betyg", "csat": "Betyg", "comment": "Saknas"})
    problems = mapping.validate(["Butik", "Betyg"])
    assert [problem.code for problem in problems] == [
        "field_required", "touchpoint_unmapped", "column_not_in_file", "column_mapped_twice"]
    assert Mapping(fields={"responded_at": "D", "unit": "U"}, default_touchpoint="Kassa").validate(
        ["D", "U"])[0].code == "no_feedback_field"


def test_unmapped_columns_become_attributes_with_short_distinct_keys():
    long_name = "Ordervärde " + "x" * 100
    mapping = Mapping(fields={"responded_at": "D", "unit": "U", "nps": "N"}, ignored=["Namn"]).for_columns(
        ["D", "U", "N", "Namn", "Kundtyp", long_name, long_name + " 2"])
    assert mapping.attributes == ["Kundtyp", long_name, long_name + " 2"]
    keys = mapping.attribute_keys()
    assert len(set(keys.values())) == 3 and all(len(key) <= 80 for key in keys.values())
