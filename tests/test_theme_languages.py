"""Comments in their own language: detection (lingua) and language-aware theme
patterns, in pure functions and on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from ingest import language, themes
from queries import themes as theme_reads
from queries.db import engine_for
from queries.responses import Filters
from queries.schema import Response, ResponseTheme, Theme
from queries.scope import Scope, scope_for
from tests import theme_corpora
from tests.fresh_databases import fresh_url  # noqa: F401  (a pytest fixture)


@pytest.fixture(scope="module")
def default_patterns() -> dict:
    return {theme["key"]: themes.compile_patterns(theme["patterns_sv"], theme["patterns_en"], theme["key"])
            for theme in themes.DEFAULT_THEMES}


def test_detection_is_right_on_at_least_95_percent_of_mixed_sentences():
    sentences = theme_corpora.mixed_sentences(400)
    assert all(len(text.split()) >= 5 for text, _code in sentences)
    found = language.detect([text for text, _code in sentences])
    right = sum(code == expected for code, (_text, expected) in zip(found, sentences))
    assert right / len(sentences) >= 0.95, [pair for pair, code in zip(sentences, found) if code != pair[1]]


def test_a_repeated_text_is_detected_once(monkeypatch):
    asked = []

    class Fake:
        def detect_languages_in_parallel_of(self, texts):
            asked.extend(texts)
            return [language.Language.SWEDISH if "hej" in text else language.Language.ENGLISH for text in texts]

    monkeypatch.setattr(language, "detector", Fake)
    known = {}
    assert language.detect(["hej då", "hello you", "hej då", "hej då"], known) == ["sv", "en", "sv", "sv"]
    assert asked == ["hej då", "hello you"]
    assert language.detect(["hello you", "hej igen"], known) == ["en", "sv"]
    assert asked == ["hej då", "hello you", "hej igen"]


def test_an_import_detects_only_the_languages_its_file_did_not_give():
    comments = ["Thank you for the quick delivery", "Tack för snabb leverans", None, "Danke schön"]
    assert language.complete(comments, [None, None, None, "de"], {}) == ["en", "sv", None, "de"]


def test_other_languages_are_recognised_and_short_texts_are_unknown():
    assert language.detect(theme_corpora.GERMAN) == ["de"] * len(theme_corpora.GERMAN)
    assert language.detect(["ok"]) == [language.UNKNOWN]
    assert language.detect([]) == []


@pytest.mark.parametrize(("code", "applies"), [
    ("sv", "sv"), ("en", "en"), (None, "both"), (language.UNKNOWN, "both"), ("de", None), ("fi", None)])
def test_which_patterns_apply(code, applies):
    assert language.pattern_language(code) == applies


def test_swedish_patterns_tag_swedish_comments_and_english_ones_english(default_patterns):
    english = "Thank you for the personal service, very good"
    assert "staff" not in themes.tag(english, default_patterns, "en")
    assert "staff" in themes.tag(english, default_patterns, "sv")  # "personal*" is a Swedish pattern
    assert themes.tag("Long queue at the till", default_patterns, "en") == {"waiting"}
    assert themes.tag("Lång kö i kassan", default_patterns, "sv") == {"waiting"}
    assert themes.tag("Lång kö, long queue", default_patterns, "both") == {"waiting"}
    assert themes.tag("Lång kö i kassan", default_patterns, None) == set()


def test_one_scan_finds_every_theme_even_at_the_same_word():
    compiled = {"a": themes.compile_patterns("", "deliver*", "a"),
                "b": themes.compile_patterns("", "delivery was late", "b"),
                "c": themes.compile_patterns("", "re:late(?!\\w)", "c"),
                "d": themes.compile_patterns("", "re:(?<!not )slow", "d")}
    assert themes.tag("The delivery was late", compiled, "en") == {"a", "b", "c"}
    assert themes.tag("Not slow, but slow", compiled, "en") == {"d"}
    assert themes.tag("not slow", compiled, "en") == set()


def test_retag_detects_missing_languages_and_counts_other_languages(fresh_url):
    engine = engine_for(fresh_url)
    comments = (theme_corpora.pet_insurance(40) + theme_corpora.swedish_retail(30)
                + [(text, "de", "none", "pos") for text in theme_corpora.GERMAN])
    theme_corpora.write(engine, comments, languages=False)
    with engine.begin() as connection:
        codes = dict(connection.execute(select(Response.comment, Response.language)).all())
        assert {codes[text] for text in theme_corpora.GERMAN} == {"de"}
        assert sum(codes[text] == expected for text, expected, *_rest in comments) >= 0.95 * len(comments)
        tagging = themes.retag(connection)
        assert tagging.detected == 0 and tagging.other_language == len(theme_corpora.GERMAN)
        tagged = set(connection.execute(select(Response.comment).join(ResponseTheme)).scalars())
        # "Personal" (Swedish staff) never matches English text; German is never tagged.
        staff = set(connection.execute(select(Response.comment).join(ResponseTheme).join(Theme)
                                       .where(Theme.key == "staff", Response.language == "en")).scalars())
    assert not tagged & set(theme_corpora.GERMAN)
    assert all("personal" not in text.casefold() or "staff" in text.casefold() for text in staff)
    # The comments page counts them: every unit, then one unit only (the scope narrows it).
    everyone = scope_for(engine, "leader", None)
    days = Filters(everyone.unit_ids, date(2026, 1, 1), date(2026, 11, 30))
    assert theme_reads.other_language_comments(engine, everyone, days) == len(theme_corpora.GERMAN)
    north = Scope(frozenset([min(everyone.unit_ids)]))
    german_in_north = sum(1 for index, (_t, code, *_r) in enumerate(comments) if code == "de" and index % 2 == 0)
    assert theme_reads.other_language_comments(engine, north, days) == german_in_north
    assert theme_reads.other_language_comments(engine, Scope(frozenset()), days) == 0
    # Read from the language rollup by UTC day, as the responses are (a day apart every
    # fourth comment); with a touchpoint or channel, which it lacks, from the responses.
    start = datetime(2026, 11, 20, 12, tzinfo=timezone.utc)
    german_days = [(start - timedelta(hours=6 * index)).date()
                   for index, (_t, code, *_r) in enumerate(comments) if code == "de"]
    with engine.connect() as connection:
        touchpoint = connection.execute(select(Response.touchpoint_id)).scalars().first()
    for first, last in ((min(german_days), min(german_days)), (min(german_days) + timedelta(days=1), max(german_days))):
        period = Filters(everyone.unit_ids, first, last)
        expected = sum(first <= day <= last for day in german_days)
        assert 0 < theme_reads.other_language_comments(engine, everyone, period) == expected
        at_touchpoint = Filters(everyone.unit_ids, first, last, touchpoint_id=touchpoint)
        assert theme_reads.other_language_comments(engine, everyone, at_touchpoint) == expected
        by_sms = Filters(everyone.unit_ids, first, last, channel="sms")  # every corpus response came by web
        assert theme_reads.other_language_comments(engine, everyone, by_sms) == 0


def test_retag_is_one_transaction_a_failure_part_way_leaves_the_old_tags(fresh_url, monkeypatch):
    engine = engine_for(fresh_url)
    theme_corpora.write(engine, theme_corpora.pet_insurance(60))
    read = select(ResponseTheme.response_id, ResponseTheme.theme_id).order_by(
        ResponseTheme.response_id, ResponseTheme.theme_id)
    with engine.connect() as connection:
        before = connection.execute(read).all()
    assert before
    monkeypatch.setattr(themes, "CHUNK", 10)
    seen = []

    def fail_half_way(done: float) -> None:
        seen.append(done)
        if done > 0.5:
            raise RuntimeError("the server went away")

    with pytest.raises(RuntimeError), engine.begin() as connection:
        connection.execute(Theme.__table__.update().values(patterns_en="dog*"))
        themes.retag(connection, progress=fail_half_way)
    with engine.connect() as connection:
        assert connection.execute(read).all() == before
    assert 0 < seen[0] < 0.5 < seen[-1] < 1
