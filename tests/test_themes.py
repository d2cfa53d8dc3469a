"""Comment themes: pattern syntax, the default themes on the demo's own phrases,
retagging on SQLite and PostgreSQL, and the theme reads against a hand count."""

from __future__ import annotations

import time
from collections import Counter
from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest
from sqlalchemy import func, select

from analysis.emerging import windows
from ingest import tag_helper, themes
from ingest.demo_texts import GENERIC, PHRASES
from queries import themes as theme_reads
from queries.responses import Filters
from queries.schema import Response, ResponseTheme, Theme, User
from queries.scope import Scope, scope_for
from tests.conftest import TODAY

SLOW = r"re:[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*\d"  # polynomial of degree 6: minutes on 50,000 letters

START = TODAY - timedelta(days=364)


@pytest.fixture(scope="module")
def default_patterns() -> dict:
    return {theme["key"]: themes.compile_patterns(theme["patterns_sv"], theme["patterns_en"], theme["key"])
            for theme in themes.DEFAULT_THEMES}


def _matches(pattern: str, text: str) -> bool:
    return bool(themes.compile_patterns(pattern, "", "test").search(text))


# --- pattern syntax --------------------------------------------------------------------------

@pytest.mark.parametrize(("pattern", "text", "expected"), [
    # stem*: any word starting with the stem, only at a word start
    ("vänt*", "Vi väntade länge", True),
    ("vänt*", "Väntetiden var lång", True),
    ("vänt*", "som förväntat", False),
    # a plain word: exactly that word
    ("kö", "Lång kö.", True),
    ("kö", "Jag köpte en lampa", False),
    ("kö", "Satt i telefonkö", False),
    ("mjöl", "Mjölken var slut", False),
    # a phrase: the words in order, any spacing; the last one may be a stem
    ("tomma hyllor", "Tomma   hyllor igen", True),
    ("tomma hyllor", "tomma kundvagnar och hyllor", False),
    ("tomma hyll*", "de tomma hyllorna", True),
    # re:, also anchored at a word start
    (r"re:kö(?:n|er)?(?!\w)", "Kön var lång", True),
    (r"re:kö(?:n|er)?(?!\w)", "Köket var stökigt", False),
    (r"re:kö(?:n|er)?(?!\w)", "telefonkön", False),
    # case and å/ä/ö
    ("personal*", "PERSONALEN var trevlig", True),
    ("Ärende*", "mitt ärende tog tid", True),
    ("ärende*", "MITT ÄRENDE TOG TID", True),
    ("öl", "mjöl", False),
])
def test_pattern_syntax(pattern, text, expected):
    assert _matches(pattern, text) is expected


def test_both_languages_apply_where_the_language_is_not_known():
    compiled = themes.compile_patterns("kö", "queue*", "waiting")
    assert compiled.search("Long queues") and compiled.search("lång kö")
    assert compiled.search("Long queues", language="en") and not compiled.search("Long queues", language="sv")


def test_no_patterns_match_nothing():
    assert not themes.compile_patterns("", "  \n", "empty").search("anything at all")


@pytest.mark.parametrize(("bad", "reason"), [
    ("re:(unclosed", "invalid regular expression"),
    ("re:", "empty regular expression"),
    ("*", "needs a stem"),
    ("kö*", "at least 3 letters"),
    ("lång kö*", "at least 3 letters"),
    ("vä*nt", "only allowed at the end"),
    ("väl* bemött", "only allowed at the end"),
    ("re:x?", "matches the empty string"),
    (r"re:\b", "matches the empty string"),
    ("re:(?=a)", "matches the empty string"),
])
@pytest.mark.parametrize("language", ["sv", "en"])
def test_invalid_pattern_raises_naming_the_pattern(bad, reason, language):
    text = f"personal*\n{bad}\nbemöt*"
    sv, en = (text, "staff") if language == "sv" else ("staff", text)
    with pytest.raises(themes.PatternError) as raised:
        themes.compile_patterns(sv, en, "staff")
    error = raised.value
    assert (error.key, error.language, error.pattern) == ("staff", language, bad)
    assert reason in error.reason
    assert repr(bad) in str(error) and "staff" in str(error)
    assert isinstance(error, ValueError)


# --- the default themes ----------------------------------------------------------------------

def test_a_match_starved_of_the_processor_is_retried_once_with_a_longer_bound():
    """The bound passes while other threads of the process use the processor
    (sleep stands in for that: this thread uses no CPU time); the retry finds it."""
    bounds = []

    def starved(timeout):
        bounds.append(timeout)
        if len(bounds) == 1:
            time.sleep(timeout)
            raise TimeoutError
        return "found"

    assert themes.bounded(starved) == "found"
    assert bounds == [themes.MATCH_SECONDS, themes.MATCH_SECONDS * themes.RETRY_FACTOR]


def test_a_match_that_used_its_time_is_slow_at_once():
    bounds = []

    def busy(timeout):
        bounds.append(timeout)
        until = time.thread_time() + timeout
        while time.thread_time() < until:
            pass
        raise TimeoutError

    with pytest.raises(TimeoutError):
        themes.bounded(busy)
    assert bounds == [themes.MATCH_SECONDS]


def test_a_slow_pattern_on_a_starved_thread_still_fails_within_about_a_second(monkeypatch):
    """The worst case: the thread seems to get no processor time at all, so every
    timeout is retried; the slow pattern is still refused after about 10 × 0.1 s."""
    monkeypatch.setattr(themes.time, "thread_time", lambda: 0.0)
    compiled = themes.compile_patterns("re:[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*\\d", "", "slow")
    started = time.process_time()  # the regex module's clock (wall time depends on the machine's load)
    with pytest.raises(themes.PatternTimeout):
        compiled.search("x" * 50_000)  # minutes to finish (5,000 took 1.9 s: on a fast machine within the retry)
    assert time.process_time() - started < 3  # the search and the naming of the pattern: 2 × (0.1 + 1) s
    assert compiled.search("abc 1") is True


def test_default_themes_are_the_demo_themes():
    from ingest.demo_texts import THEMES

    assert [theme["key"] for theme in themes.DEFAULT_THEMES] == list(THEMES)
    for theme in themes.DEFAULT_THEMES:
        assert theme["name_sv"] and theme["name_en"]
        assert theme["patterns_sv"].strip() and theme["patterns_en"].strip()


@pytest.mark.parametrize("key", list(PHRASES))
def test_every_demo_phrase_is_tagged_with_its_theme(default_patterns, key):
    for tone in PHRASES[key].values():
        for language, phrases in tone.items():
            for phrase in phrases:
                assert key in themes.tag(phrase, default_patterns), (language, phrase)
                assert key in themes.tag(phrase.lower() + "!!", default_patterns), (language, phrase)


def test_comments_without_a_topic_get_no_theme(default_patterns):
    for languages in GENERIC.values():
        for phrases in languages.values():
            for phrase in phrases:
                assert themes.tag(phrase, default_patterns) == set(), phrase


@pytest.mark.parametrize("text", [
    "väntade", "Väntetiden", "vi fick vänta", "waiting", "Queue", "queueing", "I waited",
    "lång kö", "kön", "köerna", "vi köade", "satt i telefonkön", "stod i kö-systemet",
])
def test_waiting_words(default_patterns, text):
    assert "waiting" in themes.tag(text, default_patterns)


@pytest.mark.parametrize("text", ["Jag köpte en lampa", "köket", "körde hem", "köpa mer", "a kind of lamp"])
def test_words_that_only_look_like_a_theme(default_patterns, text):
    assert themes.tag(text, default_patterns) == set()


def test_tag_handles_empty_text(default_patterns):
    assert themes.tag("", default_patterns) == set()


# --- retagging on the demo database ----------------------------------------------------------

def _links(connection) -> int:
    return connection.execute(select(func.count()).select_from(ResponseTheme)).scalar()


def test_demo_comments_are_tagged(demo_engine):
    with demo_engine.connect() as connection:
        comments = connection.execute(select(func.count(Response.comment))).scalar()
        tagged = connection.execute(select(func.count(func.distinct(ResponseTheme.response_id)))).scalar()
        keys = connection.execute(select(Theme.key).order_by(Theme.sort_order)).scalars().all()
    assert keys == [theme["key"] for theme in themes.DEFAULT_THEMES]
    # The demo writes about a third of its comments without any theme (GENERIC phrases).
    assert 0.5 * comments < tagged < 0.8 * comments


def test_retag_is_repeatable_and_can_be_limited(demo_engine):
    with demo_engine.connect() as connection, connection.begin() as transaction:
        before = _links(connection)
        comments = connection.execute(select(func.count(Response.comment))).scalar()
        seen = []
        tagged = themes.retag(connection, progress=seen.append).tagged
        assert _links(connection) == before
        distinct = select(func.count(func.distinct(ResponseTheme.response_id)))
        assert tagged == connection.execute(distinct).scalar()
        assert seen and seen[-1] == pytest.approx(1.0) and seen == sorted(seen)
        assert 0 < tagged < comments
        # Only some responses, untagged as new ones are: they get their links, the others keep theirs.
        some = connection.execute(select(ResponseTheme.response_id).order_by(ResponseTheme.response_id)
                                  .limit(50)).scalars().all()
        connection.execute(ResponseTheme.__table__.delete().where(ResponseTheme.response_id.in_(some)))
        silent = connection.execute(select(Response.id).where(Response.comment.is_(None)).limit(3))
        seen.clear()
        assert themes.retag(connection, set(some) | set(silent.scalars()), seen.append).tagged == len(set(some))
        assert seen[-1] == pytest.approx(1.0)
        assert _links(connection) == before
        transaction.rollback()


def _pairs(connection) -> list[tuple]:
    return sorted(connection.execute(select(ResponseTheme.response_id, ResponseTheme.theme_id)).all())


@pytest.fixture
def started(monkeypatch) -> list[int]:
    """A 1 for every tagging helper process started from now on."""
    found, real = [], tag_helper.Helper.__init__

    def counting(self, compiled):
        found.append(1)
        real(self, compiled)

    monkeypatch.setattr(tag_helper.Helper, "__init__", counting)
    return found


def test_a_large_retag_shares_its_chunks_with_a_helper_process_and_tags_the_same(demo_engine, monkeypatch, started):
    """Above PARALLEL_FROM comments every other chunk is tagged in a second
    process: the same links, counts and progress as one process alone."""
    with demo_engine.connect() as connection, connection.begin() as transaction:
        alone = themes.retag(connection)
        expected = _pairs(connection)
        assert not started
        monkeypatch.setattr(themes, "PARALLEL_FROM", 1)
        monkeypatch.setattr(themes, "CHUNK", 297)  # a dozen chunks or more, half of them in the helper
        seen = []
        together = themes.retag(connection, progress=seen.append)
        assert started == [1]
        assert _pairs(connection) == expected
        assert (together.tagged, together.other_language, together.timed_out) == (alone.tagged, alone.other_language, [])
        assert len(seen) > 10 and seen == sorted(seen) and seen[-1] == pytest.approx(1.0)
        transaction.rollback()


def test_a_retag_of_chosen_responses_starts_the_helper_by_their_comments_not_their_number(demo_engine, monkeypatch,
                                                                                         started):
    """An import's retag names every response it wrote; only the commented ones are
    tagged, so they decide whether the helper's start pays off. (The demo's responses
    stand in for new ones: their tags are removed first, as new responses have none.)"""
    with demo_engine.connect() as connection, connection.begin() as transaction:
        ids = connection.execute(select(Response.id)).scalars().all()
        commented = connection.execute(select(func.count(Response.comment))).scalar()
        assert len(ids) > 2 * commented  # most responses have no comment
        monkeypatch.setattr(themes, "PARALLEL_FROM", commented + 1)
        connection.execute(ResponseTheme.__table__.delete())
        themes.retag(connection, ids)
        assert not started
        monkeypatch.setattr(themes, "PARALLEL_FROM", commented)
        connection.execute(ResponseTheme.__table__.delete())
        themes.retag(connection, ids)
        assert started == [1]
        transaction.rollback()


def test_a_slow_pattern_in_both_processes_is_reported_once_with_every_skipped_comment(sqlite_scratch_url, monkeypatch):
    from queries.db import engine_for

    engine = engine_for(sqlite_scratch_url)
    monkeypatch.setattr(themes, "PARALLEL_FROM", 1)
    monkeypatch.setattr(themes, "CHUNK", 500)
    with engine.connect() as connection, connection.begin() as transaction:
        connection.execute(Theme.__table__.insert().values(
            key="slow", name_sv="Långsam", name_en="Slow", patterns_sv=SLOW, patterns_en=SLOW, active=True,
            sort_order=99))
        commented = connection.execute(select(func.count(Response.comment))).scalar()
        ids = connection.execute(select(Response.id).where(Response.comment.is_not(None))
                                 .order_by(Response.id)).scalars().all()
        # the first comment of the first chunk (tagged by the helper) and of the second (by this process)
        for response_id in (ids[0], ids[500]):
            connection.execute(Response.__table__.update().where(Response.id == response_id)
                               .values(comment="x" * 50_000, language="sv"))
        tagging = themes.retag(connection)
        [slow] = tagging.timed_out
        assert slow.theme == "slow" and slow.pattern == SLOW
        assert slow.skipped == commented  # each process skipped it from its first comment on
        assert tagging.tagged > 0.5 * commented  # the other themes still tag
        assert "slow" not in {key for (key,) in connection.execute(
            select(Theme.key).join(ResponseTheme, ResponseTheme.theme_id == Theme.id).distinct())}
        transaction.rollback()


def test_a_tagger_reads_a_repeated_comment_once_until_a_slow_pattern_drops_a_theme(monkeypatch):
    """Repeats get the themes found the first time (a copy); once a theme is dropped
    for a slow pattern, nothing remembered from before carries it on."""
    scanned = []

    class Fake:
        def __init__(self, compiled, _language):
            self.keys = set(compiled)

        def __call__(self, text):
            scanned.append(text)
            if text == "slow" and "b" in self.keys:
                raise themes.PatternTimeout("b", "sv", "re:x", len(text))
            return set(self.keys)

    monkeypatch.setattr(themes, "Matcher", Fake)
    tagger = themes.Tagger({"a": None, "b": None})
    first = tagger("good", "sv")
    assert first == {"a", "b"}
    first.add("changed")
    assert tagger("good", "sv") == {"a", "b"} and tagger("good", "en") == {"a", "b"}
    assert scanned == ["good", "good"]  # once per language
    assert tagger("slow", "sv") == {"a"}
    assert tagger("good", "sv") == {"a"}
    assert scanned == ["good", "good", "slow", "slow", "good"]
    assert [slow.skipped for slow in tagger.timed_out()] == [2]


def test_slow_patterns_of_both_processes_merge_by_theme():
    one = themes.SlowPattern("a", "sv", "re:x", "slow", 0.1, 5)
    assert themes._merged([one], [themes.SlowPattern("a", "sv", "re:x", "slow", 0.1, 7),
                                  themes.SlowPattern("b", "en", "re:y", "slow", 0.1, 1)]) == [
        themes.SlowPattern("a", "sv", "re:x", "slow", 0.1, 12), themes.SlowPattern("b", "en", "re:y", "slow", 0.1, 1)]
    assert themes._merged([], []) == []


def test_ensure_default_themes_only_fills_an_empty_table(demo_engine):
    with demo_engine.connect() as connection:
        assert themes.ensure_default_themes(connection) == 0
        connection.rollback()


def test_cli_defaults_then_retag(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    assert themes.main(["defaults", "--database-url", url]) == 0
    assert themes.main(["defaults", "--database-url", url]) == 0
    assert themes.main(["retag", "--database-url", url]) == 0
    out = capsys.readouterr().out
    assert "Inserted 11 default themes and tagged every comment with them." in out and "nothing inserted" in out
    assert "Tagged 0 of 0 comments" in out


# --- theme reads against a hand count from raw rows ------------------------------------------

def _raw(engine, unit_ids, start, end) -> list[tuple]:
    """(answers, comment, theme keys) of every response in the units and days, from raw
    rows; answers are (nps, csat, scale10, sentiment)."""
    lower = datetime.combine(start, datetime.min.time(), tzinfo=timezone.utc)
    upper = datetime.combine(end + timedelta(days=1), datetime.min.time(), tzinfo=timezone.utc)
    with engine.connect() as connection:
        rows = connection.execute(select(
            Response.id, Response.nps, Response.csat, Response.scale10, Response.sentiment, Response.comment).where(
            Response.unit_id.in_(sorted(unit_ids)), Response.responded_at >= lower,
            Response.responded_at < upper)).all()
        links = connection.execute(select(ResponseTheme.response_id, Theme.key)
                                   .join(Theme, Theme.id == ResponseTheme.theme_id)).all()
    keys: dict[int, set] = {}
    for response_id, key in links:
        keys.setdefault(response_id, set()).add(key)
    return [((row.nps, row.csat, row.scale10, row.sentiment), row.comment, keys.get(row.id, set()))
            for row in rows]


def _groups(answers) -> Counter:
    """The measure counts one response adds, counted by hand."""
    nps, csat, tens, sentiment = answers
    found = Counter()
    if nps is not None:
        found.update(["n", "promoters" if nps >= 9 else "passives" if nps >= 7 else "detractors"])
    if csat is not None:
        found.update(["csat_n"] + (["csat_top"] if csat >= 4 else ["csat_low"] if csat <= 2 else []))
    if tens is not None:
        found.update(["s10_n"] + (["s10_top"] if tens >= 9 else ["s10_low"] if tens <= 6 else []))
    if sentiment is not None:
        found.update(["sent_n"] + (["sent_pos"] if sentiment > 0 else ["sent_neg"] if sentiment < 0 else []))
    return found


def _hand_counts(raw) -> tuple[dict, dict]:
    per_theme: dict[str, Counter] = {}
    totals = Counter()
    for answers, comment, keys in raw:
        groups = _groups(answers)
        totals.update({f"all_{column}": count for column, count in groups.items()})
        if comment is None:
            continue
        totals["comments"] += 1
        totals.update(groups)
        for key in keys or {"other"}:
            per_theme.setdefault(key, Counter())["comments"] += 1
            per_theme[key].update(groups)
    return per_theme, totals


def _as_dict(frame: pd.DataFrame) -> dict:
    return {row.key: Counter({column: int(getattr(row, column))
                              for column in ("comments", *theme_reads.GROUPS) if getattr(row, column)})
            for row in frame.itertuples()}


def test_theme_counts_and_totals_match_a_hand_count(demo_engine):
    scope = scope_for(demo_engine, "leader", None)
    filters = Filters(scope.unit_ids, START, TODAY)
    per_theme, totals = _hand_counts(_raw(demo_engine, scope.unit_ids, START, TODAY))
    counts = theme_reads.theme_counts(demo_engine, scope, filters)
    assert counts["key"].tolist() == [*(t["key"] for t in themes.DEFAULT_THEMES), "other"]
    assert {key: value for key, value in _as_dict(counts).items() if value} == per_theme
    found = theme_reads.comment_totals(demo_engine, scope, filters)
    assert set(found) == {"comments", *theme_reads.GROUPS, *(f"all_{group}" for group in theme_reads.GROUPS)}
    assert found == {key: totals[key] for key in found}
    assert found["csat_n"] > 0 and found["all_csat_low"] > 0  # the demo has satisfaction too
    assert counts.loc[counts["key"] == "other", "comments"].item() > 0.1 * totals["comments"]


def test_staff_see_their_own_units_theme_counts_only(demo_engine):
    with demo_engine.connect() as connection:
        staff = connection.execute(select(User).where(User.username == "staff")).one()
    scope = scope_for(demo_engine, staff.role, staff.unit_id)
    everything = scope_for(demo_engine, "leader", None).unit_ids
    own, own_totals = _hand_counts(_raw(demo_engine, {staff.unit_id}, START, TODAY))
    counts = theme_reads.theme_counts(demo_engine, scope, Filters(everything, START, TODAY))
    assert {key: value for key, value in _as_dict(counts).items() if value} == own
    totals = theme_reads.comment_totals(demo_engine, scope, Filters(everything, START, TODAY))
    assert totals["comments"] == own_totals["comments"] > 0
    others = Filters(everything - {staff.unit_id}, START, TODAY)
    assert theme_reads.theme_counts(demo_engine, scope, others).empty
    assert set(theme_reads.comment_totals(demo_engine, scope, others).values()) == {0}
    assert theme_reads.theme_days(demo_engine, scope, others, TODAY).empty
    assert theme_reads.untagged_comments(demo_engine, scope, others, START, TODAY).empty
    assert theme_reads.example_comments(demo_engine, scope, others, "staff").empty
    examples = theme_reads.example_comments(demo_engine, scope, Filters(everything, START, TODAY),
                                            "staff", limit=50)
    with demo_engine.connect() as connection:
        units = set(connection.execute(select(Response.unit_id).where(
            Response.id.in_(examples["id"].tolist()))).scalars())
    assert units == {staff.unit_id}


def test_touchpoint_and_channel_narrow_theme_counts(demo_engine):
    scope = scope_for(demo_engine, "leader", None)
    total = theme_reads.theme_counts(demo_engine, scope, Filters(scope.unit_ids, START, TODAY))
    summed = sum(theme_reads.theme_counts(demo_engine, scope, Filters(
        scope.unit_ids, START, TODAY, channel=channel))["comments"] for channel in ("email", "sms", "web"))
    assert summed.tolist() == total["comments"].tolist()


def test_theme_days_match_the_theme_counts_of_the_same_days(demo_engine):
    scope = scope_for(demo_engine, "leader", None)
    filters = Filters(scope.unit_ids, START, START)  # its dates are ignored
    days = theme_reads.theme_days(demo_engine, scope, filters, TODAY)
    (first, last), (year_first, year_last) = windows(TODAY)
    for start, end in ((first, last), (year_first, year_last), (TODAY - timedelta(days=6), TODAY)):
        inside = days[(days["day"] >= pd.Timestamp(start)) & (days["day"] <= pd.Timestamp(end))]
        counts = theme_reads.theme_counts(demo_engine, scope, Filters(scope.unit_ids, start, end)).set_index("key")
        assert inside.drop(columns=["day", "comments"]).sum().to_dict() == counts["comments"].iloc[:-1].to_dict()
        assert inside["comments"].sum() == theme_reads.comment_totals(
            demo_engine, scope, Filters(scope.unit_ids, start, end))["comments"]
    outside = days[(days["day"] > pd.Timestamp(year_last)) & (days["day"] < pd.Timestamp(first))]
    assert outside.empty and days["day"].is_monotonic_increasing
    untagged = theme_reads.untagged_comments(demo_engine, scope, filters, first, last)
    other = theme_reads.theme_counts(demo_engine, scope, Filters(scope.unit_ids, first, last)).set_index("key")
    assert len(untagged) == other.loc["other", "comments"]
    assert untagged["responded_at"].is_monotonic_decreasing
    assert untagged["responded_at"].min() >= pd.Timestamp(first, tz="UTC")


@pytest.mark.parametrize("group", [None, "top", "middle", "bottom"])
def test_example_comments_are_the_newest_of_the_theme(demo_engine, group):
    scope = scope_for(demo_engine, "leader", None)
    filters = Filters(scope.unit_ids, START, TODAY)
    examples = theme_reads.example_comments(demo_engine, scope, filters, "delivery", group, limit=5)
    assert list(examples.columns) == theme_reads.EXAMPLE_COLUMNS and len(examples) == 5
    assert examples["responded_at"].is_monotonic_decreasing
    ranges = {"top": (9, 10), "middle": (7, 8), "bottom": (0, 6)}  # NPS promoters, passives, detractors
    if group:
        low, high = ranges[group]
        assert examples["nps"].between(low, high).all()
    with demo_engine.connect() as connection:
        delivery = select(ResponseTheme.response_id).join(Theme).where(Theme.key == "delivery")
        newest = connection.execute(
            select(Response.id).where(Response.id.in_(delivery), *(
                [Response.nps.between(*ranges[group])] if group else []))
            .order_by(Response.responded_at.desc(), Response.id.desc()).limit(5)).scalars().all()
    assert examples["id"].tolist() == newest


def test_example_comments_of_other_have_no_theme(demo_engine):
    scope = scope_for(demo_engine, "leader", None)
    examples = theme_reads.example_comments(demo_engine, scope, Filters(scope.unit_ids, START, TODAY),
                                            "other", limit=20)
    with demo_engine.connect() as connection:
        linked = connection.execute(select(func.count()).select_from(ResponseTheme).where(
            ResponseTheme.response_id.in_(examples["id"].tolist()))).scalar()
    assert len(examples) == 20 and linked == 0
    with pytest.raises(ValueError):
        theme_reads.example_comments(demo_engine, scope, Filters(scope.unit_ids, START, TODAY),
                                     "staff", "angry")


def test_empty_scope_reads_no_themes(demo_engine):
    nothing = Scope(frozenset())
    everything = Filters(scope_for(demo_engine, "leader", None).unit_ids, START, TODAY)
    assert theme_reads.theme_counts(demo_engine, nothing, everything).empty
    assert theme_reads.comment_totals(demo_engine, nothing, everything)["comments"] == 0
    assert theme_reads.theme_days(demo_engine, nothing, everything, TODAY).empty
