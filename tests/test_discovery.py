"""Theme discovery (analysis.discovery) on generated corpora with planted topics."""

from __future__ import annotations

import re

import pytest

from analysis.discovery import discover, suggested_key
from ingest.themes import compile_patterns
from tests.discovery_corpus import TOPICS, about, corpus

TOP = 8


def _finds(result, frame, language: str, topic: str):
    """The first of the top candidates whose five examples are (at least four of
    them) about ``topic``, or None."""
    texts = dict(zip(frame["id"], frame["comment"]))
    for candidate in result.candidates[:TOP]:
        examples = [texts[i] for i in candidate.examples]
        if len(examples) == 5 and sum(about(text, language, topic) for text in examples) >= 4:
            return candidate
    return None


@pytest.fixture(scope="module", params=["en", "sv"])
def planted(request):
    frame = corpus(3_000, request.param, seed=5)
    return request.param, frame, discover(frame, "nps")


@pytest.mark.parametrize("topic", list(TOPICS["en"]))
def test_each_planted_topic_is_among_the_top_candidates(planted, topic):
    language, frame, result = planted
    found = _finds(result, frame, language, topic)
    assert found is not None, [c.label for c in result.candidates]
    marker = TOPICS[language][topic][2]
    assert any(marker.search(term.text) for term in found.terms), found.terms
    # How many raise it: the count, its share of every comment read, a Wilson interval around it.
    assert found.share.n == len(frame) and found.share.estimate == pytest.approx(found.comments / len(frame))
    assert found.share.low < found.share.estimate < found.share.high


def test_candidates_are_ranked_by_how_many_raise_them(planted):
    _language, _frame, result = planted
    counts = [candidate.comments for candidate in result.candidates]
    assert counts == sorted(counts, reverse=True) and counts[-1] >= 5


def test_the_measure_among_them_against_the_rest(planted):
    """Claims are praised in the corpus, the premium increase criticised: the
    difference of NPS with its interval says so."""
    language, frame, result = planted
    praised, criticised = _finds(result, frame, language, "claims"), _finds(result, frame, language, "premium")
    assert praised.difference.low > 0 and criticised.difference.high < 0
    assert praised.among.estimate > praised.rest.estimate
    assert praised.difference.estimate == pytest.approx(praised.among.estimate - praised.rest.estimate)
    assert praised.among.n + praised.rest.n == frame["nps"].notna().sum()


def test_suggested_patterns_are_valid_and_match_the_topic(planted):
    language, frame, result = planted
    for topic in TOPICS[language]:
        candidate = _finds(result, frame, language, topic)
        compiled = compile_patterns("\n".join(candidate.patterns["sv"]), "\n".join(candidate.patterns["en"]), "new")
        matched = frame[[compiled.search(text) for text in frame["comment"]]]
        on_topic = matched["comment"].map(lambda text: about(text, language, topic)).mean()
        assert len(matched) >= candidate.comments * 0.5 and on_topic > 0.5, (topic, candidate.patterns)
        assert candidate.patterns["sv" if language == "en" else "en"] == ()


def test_comments_well_covered_by_existing_themes_are_left_out():
    """A theme that matches queueing (wait*, queu*, phone) takes that topic out of
    the search; the others stay, and every share still counts every comment."""
    frame = corpus(3_000, "en", seed=5)
    themed = re.compile(r"(?:wait|queu|phone|hour|minute|call)\w*|on hold|long|time|times|forty|endless|terrible")
    result = discover(frame, "nps", covered=lambda term: bool(themed.fullmatch(term)))
    assert _finds(result, frame, "en", "queue") is None
    for topic in ("claims", "premium", "cancel"):
        assert _finds(result, frame, "en", topic) is not None
    assert result.covered > 0 and result.searched + result.covered + result.empty == len(frame)
    assert all(candidate.share.n == len(frame) for candidate in result.candidates)
    assert not any(themed.fullmatch(term.text) for c in result.candidates for term in c.terms)


def test_unknown_language_uses_both_stop_lists_and_other_languages_are_left_out():
    frame = corpus(2_000, "en", seed=8)
    frame.loc[frame.index % 2 == 0, "language"] = None
    frame.loc[frame.index % 10 == 1, "language"] = "de"
    result = discover(frame, "csat")
    assert result.other_language == (frame["language"] == "de").sum()
    assert _finds(result, frame, "en", "claims") is not None
    words = {term.text for candidate in result.candidates for term in candidate.terms}
    assert not words & {"och", "the", "att", "was"}


def test_deterministic():
    frame = corpus(1_500, "sv", seed=9)
    assert discover(frame, "nps") == discover(frame, "nps")


def test_too_few_comments_give_no_candidates():
    frame = corpus(3, "en")
    result = discover(frame, "nps")
    assert result.candidates == () and result.comments == 3


def test_suggested_key():
    assert suggested_key("skade*", taken={"skade"}) == "skade_2"
    assert suggested_key("Väntetid i kön") == "vantetid_i_kon"
    assert suggested_key("24/7") == "t_24_7" and suggested_key("***") == "theme"
    assert len(suggested_key("x" * 80)) <= 40


def test_a_topic_most_customers_raise_is_not_dropped_as_too_common():
    frame = corpus(1_000, "en", seed=4)
    claims = TOPICS["en"]["claims"][1]
    frame.loc[frame.index % 10 < 6, "comment"] = [claims[i % len(claims)] for i in range(600)]
    top = discover(frame, "nps").candidates[0]
    assert top.terms[0].text == "claim" and top.comments >= 600
