"""Exports shaped like the public ones a new customer brings, through the command
line with no mapping file, into a new, empty deployment (SQLite and PostgreSQL):
the mapping a person would choose, segments that mean something, themes,
follow-up cases by the rules' window, and what the report says about each."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, insert, select

from ingest import load
from ingest.files import open_source
from ingest.suggest import explain
from queries import segments
from queries.db import engine_for
from queries.schema import (
    FollowUp, ImportBatch, Response, ResponseAttribute, ResponseTheme, Segment, Theme, Touchpoint, Unit, User,
)
from queries.users import account_by_id
from tests.fresh_databases import fresh_url  # noqa: F401  (a pytest fixture)
from tests.import_corpus import PROVIDERS, build

pytestmark = pytest.mark.timeout(600)


def cli(url: str, tmp_path, name: str, *options: str, capsys) -> tuple[int, str]:
    """Exit code and output (standard output, then error) of the import of a corpus file."""
    file_name, data = build(name)
    path = tmp_path / file_name
    path.write_bytes(data)
    code = load.main([str(path), "--database-url", url, *options])
    said = capsys.readouterr()
    return code, said.out + said.err


def batch_fields(engine) -> dict[str, str]:
    with engine.connect() as connection:
        mapping = connection.execute(select(ImportBatch.mapping).order_by(ImportBatch.id.desc())).scalars().first()
    return {name: column for name, column in mapping["fields"].items() if column}


def decisions(engine) -> dict[str, tuple[bool, str]]:
    with engine.connect() as connection:
        return {row.key: (bool(row.enabled), row.reason) for row in connection.execute(select(Segment))}


def count(engine, what, *where) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(what).where(*where)).scalar()


def test_a_review_site_export(fresh_url, tmp_path, capsys):
    engine = engine_for(fresh_url)
    code, out = cli(fresh_url, tmp_path, "review_site_export", "--touchpoint", "Review site", "--create-missing",
                    capsys=capsys)
    assert code == 0, out
    assert batch_fields(engine) == {"external_id": "review_id", "responded_at": "published", "unit": "provider",
                                    "csat": "rating", "comment": "text"}
    assert "  Unit         <- provider: 10 distinct values, repeated: about 60 rows each" in out
    assert "  Not used: 'source' as the channel: its values are web addresses" in out
    assert "  Not used: 'title' as the comment: shorter texts, on average 21 characters" in out
    assert decisions(engine) == {
        "reviewer_name": (False, "too_many_values"), "reviewer_country": (True, "few_values"),
        "title": (False, "free_text"), "experienced": (False, "date"), "source": (False, "url"),
        "helpful_count": (False, "numeric"), "verified": (True, "few_values")}
    assert "  experienced: not compared: dates" in out and "  reviewer_country: compared: 8 values" in out
    with engine.connect() as connection:
        units = set(connection.execute(select(Unit.name)).scalars())
        rows = connection.execute(select(Response.csat, Response.nps, Response.channel, Response.responded_at)).all()
    assert units == set(PROVIDERS) and len(rows) == 600
    assert {row.csat for row in rows} == {1, 2, 3, 4, 5} and {row.nps for row in rows} == {None}
    assert {row.channel for row in rows} == {"import"}
    assert min(row.responded_at for row in rows).year == 2015 and max(row.responded_at for row in rows).year == 2024
    assert count(engine, Theme) == 11 and count(engine, ResponseTheme) > 300  # defaults made, comments tagged
    assert "the 11 default themes were added" in out
    # The newest review is from 2024: far outside the 30-day window, so nobody is asked to call back.
    assert count(engine, FollowUp) == 0
    assert "Follow-up: no cases opened." in out and "older than the rules' 30 days (the newest from 2024-" in out
    again, out = cli(fresh_url, tmp_path, "review_site_export", "--touchpoint", "Review site", capsys=capsys)
    assert again == 0 and "Nothing new: the 600 rows without problems were imported before." in out


def test_a_latin1_hotel_export_keeps_comments_beside_invalid_ratings(fresh_url, tmp_path, capsys):
    engine = engine_for(fresh_url)
    code, out = cli(fresh_url, tmp_path, "hotel_export", "--touchpoint", "Hotel stay", "--create-missing",
                    "--dry-run", capsys=capsys)
    assert code == 0 and "Encoding: cp1252 (a guess" in out
    assert ("Rejected with an invalid score although they have a comment: 20 rows; import with --keep-comments"
            in out)
    assert "accepted: 380; rejected: 20" in out
    code, out = cli(fresh_url, tmp_path, "hotel_export", "--touchpoint", "Hotel stay", "--create-missing",
                    "--keep-comments", capsys=capsys)
    assert code == 0, out
    assert "Kept as comments without their score: 20 rows whose only problem is an invalid score (rows 2, 39, 43" in out
    assert batch_fields(engine) == {"responded_at": "reviews.date", "unit": "name", "csat": "reviews.rating",
                                    "comment": "reviews.text"}
    assert "  Not used: 'id' as the id: its values repeat (10 distinct in 400 rows)" in out
    assert decisions(engine) == {
        "id": (False, "same_as_unit"), "dateAdded": (False, "date"), "dateUpdated": (False, "date"),
        "address": (False, "same_as_unit"), "categories": (False, "one_value"), "city": (True, "few_values"),
        "country": (True, "few_values"), "latitude": (False, "numeric"), "longitude": (False, "numeric"),
        "postalCode": (False, "numeric"), "province": (True, "few_values"), "reviews.title": (False, "free_text"),
        "reviews.username": (False, "id_like"), "reviews.sourceURLs": (False, "url"), "websites": (False, "url")}
    with engine.connect() as connection:
        units = set(connection.execute(select(Unit.name)).scalars())
        kept = connection.execute(select(func.count()).select_from(Response).where(Response.csat.is_(None))).scalar()
        external = connection.execute(select(Response.external_id)).scalars().first()
    assert {"Hôtel Le Café", "Château Lumière", "Casa Señora", "Pension Müller"} <= units
    assert count(engine, Response) == 400 and kept == 20 and external.startswith("sha256:")
    assert count(engine, FollowUp) == 0 and "(the newest from 2019-" in out


def test_an_airline_tweet_export_with_sentiment_labels(fresh_url, tmp_path, capsys):
    engine = engine_for(fresh_url)
    code, out = cli(fresh_url, tmp_path, "tweet_export", "--touchpoint", "Twitter", "--channel", "Twitter",
                    "--language", "en", "--create-missing", capsys=capsys)
    assert code == 0, out
    assert batch_fields(engine) == {"responded_at": "tweet_created", "unit": "airline",
                                    "sentiment": "airline_sentiment", "comment": "text"}
    assert "  Not used: 'tweet_id' as the id: the ids are in scientific notation (Excel rounded them)" in out
    assert "  Not used: 'tweet_location' as the unit: 264 distinct values in 408 rows, hardly repeated" in out
    assert "  Not used: 'name' as the unit: 598 distinct values in 600 rows, hardly repeated" in out
    assert "Dates: day before month (detected: 600 rows day first" in out
    found = decisions(engine)
    assert {key for key, (enabled, _reason) in found.items() if enabled} == {"negativereason", "user_timezone"}
    assert (found["tweet_location"], found["name"], found["tweet_id"]) == (
        (False, "too_many_values"), (False, "id_like"), (False, "scientific"))
    assert found["airline_sentiment_gold"] == (False, "mostly_empty") and found["retweet_count"] == (False, "numeric")
    with engine.connect() as connection:
        labels = dict(connection.execute(select(Response.sentiment, func.count()).group_by(Response.sentiment)).all())
        first = connection.execute(select(Response.responded_at).order_by(Response.responded_at)).scalars().first()
        meta = set(connection.execute(select(Response.channel, Response.language)).all())
    assert set(labels) == {-1, 0, 1} and sum(labels.values()) == 600 and labels[-1] > labels[1]
    assert (first.month, first.day) == (2, 16) and meta == {("twitter", "en")}
    assert count(engine, FollowUp) == 0 and f"{labels[-1]:,} critical responses are older" in out
    assert cli(fresh_url, tmp_path, "tweet_export", "--touchpoint", "Twitter", "--channel", "Twitter",
               "--language", "en", capsys=capsys)[1].count("Nothing new") == 1  # keyed by content: no doubles


def test_a_swedish_text_only_file_with_whole_file_values(fresh_url, tmp_path, capsys):
    engine = engine_for(fresh_url)
    two_weeks_ago = (datetime.now(timezone.utc) - timedelta(days=14)).date()
    options = ("--unit", "Kundtjänst", "--touchpoint", "Kundtjänst", "--language", "sv", "--create-missing")
    code, out = cli(fresh_url, tmp_path, "swedish_text_only", *options, capsys=capsys)
    assert code == 2 and "Choose the column for Date, or give one for every row (--date)" in out
    started = datetime.now(timezone.utc)
    code, out = cli(fresh_url, tmp_path, "swedish_text_only", "--date", two_weeks_ago.isoformat(), *options,
                    capsys=capsys)
    assert code == 0, out
    assert batch_fields(engine) == {"sentiment": "Sentiment", "comment": "Kommentar"}
    assert f"  Date         =  {two_weeks_ago.isoformat()} (every row)" in out
    with engine.connect() as connection:
        negative = connection.execute(select(func.count()).select_from(Response).where(Response.sentiment == -1)).scalar()
        cases = connection.execute(select(FollowUp.due_at, Response.responded_at, Response.language)
                                   .join(Response, Response.id == FollowUp.response_id)).all()
    assert 0 < len(cases) == negative  # every negative comment two weeks back is a case …
    assert {case.language for case in cases} == {"sv"}
    for case in cases:  # … due 48 hours after it arrived today, not overdue on arrival
        due = case.due_at if case.due_at.tzinfo else case.due_at.replace(tzinfo=timezone.utc)
        assert started + timedelta(hours=47) < due < datetime.now(timezone.utc) + timedelta(hours=49)
    assert f"Follow-up: {negative} cases opened" in out and "not from when it was written" in out
    later = (two_weeks_ago + timedelta(days=3)).isoformat()
    code, out = cli(fresh_url, tmp_path, "swedish_text_only", "--date", later, *options, capsys=capsys)
    assert code == 0 and "Nothing new" in out  # the whole-file date is no part of a row's identity


def test_earlier_comments_get_their_themes_when_a_command_line_import_creates_them(fresh_url, tmp_path, capsys):
    engine = engine_for(fresh_url)
    with engine.begin() as connection:
        unit = connection.execute(insert(Unit).values(name="Kundtjänst", kind="unit", active=True)).inserted_primary_key[0]
        point = connection.execute(insert(Touchpoint).values(key="kundtjanst", name_sv="Kundtjänst",
                                                             name_en="Customer service", sort_order=1)
                                   ).inserted_primary_key[0]
        connection.execute(insert(Response).values(
            source="crm", external_id="1", unit_id=unit, touchpoint_id=point, channel="web", nps=3,
            responded_at=datetime(2024, 1, 2, tzinfo=timezone.utc), imported_at=datetime(2024, 1, 2, tzinfo=timezone.utc),
            comment="Alldeles för lång väntetid i telefon"))
    assert count(engine, Theme) == 0
    code, out = cli(fresh_url, tmp_path, "swedish_text_only", "--date", "2024-05-01", "--unit", "Kundtjänst",
                    "--touchpoint", "kundtjanst", capsys=capsys)
    assert code == 0, out
    assert "the 11 default themes were added, and 1 earlier comments tagged too." in out
    with engine.connect() as connection:
        earlier = connection.execute(select(Theme.key).join(ResponseTheme, ResponseTheme.theme_id == Theme.id)
                                     .join(Response, Response.id == ResponseTheme.response_id)
                                     .where(Response.source == "crm")).scalars().all()
    assert earlier == ["waiting"]


def test_an_administrators_segment_choice_stands_and_a_rollback_forgets_the_rest(fresh_url, tmp_path, capsys):
    engine = engine_for(fresh_url)
    options = ("--touchpoint", "Review site", "--create-missing")
    assert cli(fresh_url, tmp_path, "review_site_export", *options, capsys=capsys)[0] == 0
    with engine.begin() as connection:
        admin_id = connection.execute(insert(User).values(
            username="ada", display_name="Ada", role="admin", active=True, session_version=0, failed_logins=0,
            created_at=datetime.now(timezone.utc))).inserted_primary_key[0]
    boss = account_by_id(engine, admin_id)
    segments.set_enabled(engine, boss, "verified", False)
    segments.set_enabled(engine, boss, "helpful_count", True)
    assert segments.enabled_keys(engine) == {"reviewer_country", "helpful_count"}
    with pytest.raises(PermissionError):
        segments.set_enabled(engine, replace(boss, role="leader"), "verified", True)
    code, out = cli(fresh_url, tmp_path, "review_site_export", "--source", "second", *options, capsys=capsys)
    assert code == 0 and "  verified: not compared, as an administrator set it" in out
    assert segments.enabled_keys(engine) == {"reviewer_country", "helpful_count"}
    table = segments.table(engine).set_index("key")
    assert table.loc["verified", "decided_by"] == "Ada" and table.loc["reviewer_country", "responses"] == 1200
    with engine.connect() as connection:
        second = connection.execute(select(func.max(ImportBatch.id))).scalar()
    load.rollback(engine, second)
    load.rollback(engine, second - 1)
    assert count(engine, ResponseAttribute) == 0
    assert decisions(engine) == {"verified": (False, "admin"), "helpful_count": (True, "admin")}


def test_the_suggestions_without_values_follow_the_names():
    """Without a sample (a mapping form before any row is read) the names alone decide, as before."""
    suggestion = explain(["Datum", "Butik", "Betyg", "Kommentar", "Sentiment"])
    assert {name: column for name, column in suggestion.mapping.fields.items() if column} == {
        "responded_at": "Datum", "unit": "Butik", "csat": "Betyg", "sentiment": "Sentiment", "comment": "Kommentar"}


@pytest.mark.parametrize(("values", "field"), [
    (["1", "7", "10", "9", "3"] * 10, "scale10"),  # a 1–10 rating is never NPS
    (["0", "7", "10", "9", "3"] * 10, "nps"),
    (["1", "2", "5", "4", "3"] * 10, "csat"),
])
def test_a_rating_goes_to_the_scale_its_values_fit(values, field):
    from tests.import_corpus import to_csv

    data = to_csv([[f"2025-01-{index % 28 + 1:02d}", "Lund", value, "ok"] for index, value in enumerate(values)],
                  ["date", "store", "score", "comment"])
    source = open_source(data, "scores.csv")
    suggestion = explain(source.columns, source.preview())
    assert suggestion.mapping.fields[field] == "score"
    assert [name for name in ("nps", "csat", "scale10") if suggestion.mapping.fields[name]] == [field]


def test_a_saved_mapping_with_the_old_1_to_10_nps_scale_reads_as_a_rating():
    from ingest.mapping import Mapping

    mapping = Mapping.from_yaml("fields: {responded_at: D, unit: U, nps: Betyg}\nnps_scale: 1-10\n")
    assert (mapping.fields["nps"], mapping.fields["scale10"]) == (None, "Betyg")
    assert "nps_scale" not in mapping.to_yaml() and Mapping.from_yaml("nps_scale: 0-10\n").fields["nps"] is None


def test_an_encoding_failure_names_the_encoding_that_reads_the_whole_file(fresh_url, tmp_path, capsys):
    code, said = cli(fresh_url, tmp_path, "late_latin1", "--create-missing", capsys=capsys)
    assert code == 1 and "not valid utf-8 at byte 66,870 (line 702)" in said
    assert "It reads as cp1252 from start to end" in said and "Add --encoding 'cp1252'." in said
    assert load.main([str(tmp_path / "late.csv"), "--database-url", fresh_url, "--create-missing",
                      "--encoding", "cp1252"]) == 0
    assert "Imported 701 rows" in capsys.readouterr().out
