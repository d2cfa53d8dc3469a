"""Theme discovery: candidate themes in comments that no existing theme covers well.

Input: comments with their language (``"sv"``, ``"en"``, None for unknown, or
another language) and their answer on the page's measure, plus a predicate that
says whether an existing theme's patterns match a word or a two-word phrase.

1. **Words.** Each comment is split into words (letters only, lower case). Stop
   words go (for an unknown language both lists; see :mod:`analysis.stopwords`), as
   do words the existing themes already match. Each remaining word is reduced
   to its stem (Snowball: Swedish or English by the comment's language; for an
   unknown language, the one whose stop words the comment uses more, else the
   most common language of the batch). Features are the stems, the two-word
   phrases of adjacent remaining words, and for Swedish words of seven letters or
   more their first five letters (``skade*``), so compounds such as skadeanmälan
   and skadereglering meet. Each distinct text is read once.
2. **Coverage.** A comment is *well covered* when the existing themes match at
   least two thirds of its content words; it is left out of the search, as is a
   comment of stop words only (both still count in every share).
3. **Topics.** Features in at least ``min_comments`` comments and at most 80 %
   of them are weighted by TF-IDF (sublinear, L2). The feature most comments use
   becomes a candidate's seed; every feature that occurs mostly beside it (half
   of its comments use the seed, and it is in 5 % of the seed's comments) joins
   it; then the next feature no candidate holds seeds the next, and so on.
   Swedish and English comments are searched apart. (NMF was tried first: on
   the planted corpora it split topics and folded the smaller ones into filler,
   so co-occurrence grouping, which is deterministic and readable, took its place.)
4. **Who raises it.** A comment raises a candidate when it uses one of its
   features; candidates are ranked by that number of comments, whose share of
   all comments read has a Wilson interval.
5. **The measure.** Among those comments against every other comment read: the
   estimate of each and the difference with its interval (two-sample adjusted
   Wald for NPS, Newcombe's hybrid score interval for a share; see
   :mod:`analysis.measures`).
6. **Examples.** The five comments (distinct texts) whose TF-IDF vectors are
   closest to the mean vector of the candidate's comments.

Patterns for a new theme are suggested from the top terms in the syntax of
``ingest.themes``: the common beginning of a stem's written forms as ``stem*``
(four letters at least, else the whole words), and a phrase as ``word stem*``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from os.path import commonprefix

import numpy as np
import pandas as pd
import snowballstemmer
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis import intervals, measures
from analysis.stopwords import BOTH, ENGLISH, SWEDISH

LANGUAGES = ("sv", "en")
TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|[.!?;:,()\n]+")
STOP = {"sv": SWEDISH, "en": ENGLISH, None: BOTH}
STEMMERS = {"sv": "swedish", "en": "english"}
COVERED_SHARE = 2 / 3   # a comment is well covered when the themes match this share of its words
KEY_TERMS = 8
PATTERN_TERMS = 4
PURE = 0.8              # a term becomes a pattern when this share of its comments use the seed
EXAMPLES = 5
MIN_PREFIX = 4
COMPOUND = 7            # a Swedish word this long also counts by its first HEAD letters,
HEAD = 5                # so that compounds (skadeanmälan, skadereglering) meet as skade*
COMPANY = 0.5           # a feature joins a seed when this share of its comments use the seed
TAGALONG = 0.05         # ... and it is in this share of the seed's comments
MAX_DF = 0.8            # a feature in more comments than this share says nothing particular (a topic
                        # most comments raise stays, though: 80 % rather than the usual half)
MAX_FEATURES = 8_000


@dataclass(frozen=True)
class Term:
    """A key term: its feature (a stem, two stems, or the head of compounds
    ``skade*``), how it is written most often, the language that uses it most, the
    share of the candidate's comments that use it, and ``purity``: the share of
    its own comments that use the candidate's seed (1 for the seed)."""

    feature: str
    text: str
    language: str
    share: float
    purity: float


@dataclass(frozen=True)
class Candidate:
    """A proposed theme (see the module docstring for every number)."""

    terms: tuple[Term, ...]
    patterns: dict[str, tuple[str, ...]]    # by language, in the syntax of ingest.themes
    comments: int
    share: intervals.Interval               # comments of all comments read
    among: intervals.Interval | None        # the measure among these comments
    rest: intervals.Interval | None         # ... and among every other comment
    difference: intervals.Interval | None   # among minus rest
    examples: tuple = ()                    # ids of the representative comments

    @property
    def label(self) -> str:
        return ", ".join(term.text for term in self.terms[:3])


@dataclass(frozen=True)
class Discovery:
    """The candidates, best first, and what was read: ``comments`` (all),
    ``searched``, ``covered`` (well covered by existing themes), ``empty`` (no
    word beyond stop words) and ``other_language``, which add up to ``comments``."""

    candidates: tuple[Candidate, ...]
    comments: int
    searched: int
    covered: int
    empty: int
    other_language: int
    measure: str | None = None


def _stemmers() -> dict[str, Callable[[str], str]]:
    found = {}
    for language, name in STEMMERS.items():
        stemmer, cache = snowballstemmer.stemmer(name), {}

        def stem(word: str, stemmer=stemmer, cache=cache) -> str:
            if word not in cache:
                cache[word] = stemmer.stemWord(word)
            return cache[word]
        found[language] = stem
    return found


def _guess(tokens: list[str], fallback: str) -> str:
    """The language whose stop words ``tokens`` use more (a cheap fallback for
    comments without a language, not a detector); ``fallback`` on a tie."""
    swedish = sum(token in SWEDISH and token not in ENGLISH for token in tokens)
    english = sum(token in ENGLISH and token not in SWEDISH for token in tokens)
    return "sv" if swedish > english else "en" if english > swedish else fallback


@dataclass
class _Documents:
    """The features of each searched comment, and what they look like written."""

    rows: list[int] = field(default_factory=list)         # positions in the input
    resolved: list[str] = field(default_factory=list)     # the language each was read in
    features: list[list[str]] = field(default_factory=list)
    seen: Counter = field(default_factory=Counter)        # (feature, written form, language) -> uses
    covered: int = 0
    empty: int = 0
    other_language: int = 0

    def written(self, wanted: Iterable[str]) -> tuple[dict[str, Counter], dict[str, Counter]]:
        """The written forms and the languages of the ``wanted`` features, each counted."""
        wanted, forms, languages = set(wanted), {}, {}
        for (feature, form, language), uses in self.seen.items():
            if feature in wanted:
                forms.setdefault(feature, Counter())[form] += uses
                languages.setdefault(feature, Counter())[language] += uses
        return forms, languages


def _read(text: str, language: str | None, majority: str, stem, is_covered) -> tuple | str:
    """(language read in, features, (feature, form, language) triples) of one
    comment; "covered" when it is well covered, "empty" when it has no word
    beyond stop words."""
    tokens = TOKEN.findall(text.casefold().replace("’", "'"))
    stop = STOP[language]
    words = [token if token[0].isalpha() and len(token) > 1 and token not in stop else None for token in tokens]
    content = [word for word in words if word]
    if not content:
        return "empty"
    if sum(is_covered(word) for word in content) >= COVERED_SHARE * len(content):
        return "covered"
    resolved = language or _guess(tokens, majority)
    features, pairs, previous = [], [], None
    for word in words:
        if word is None or is_covered(word):
            previous = None
            continue
        stemmed = stem[resolved](word)
        features.append(stemmed)
        pairs.append((stemmed, word, resolved))
        if resolved == "sv" and len(word) >= COMPOUND and word[:HEAD] != stemmed:
            head = word[:HEAD] + "*"
            features.append(head)
            pairs.append((head, head, resolved))
        if previous is not None and not is_covered(f"{previous[1]} {word}"):
            phrase = f"{previous[0]} {stemmed}"
            features.append(phrase)
            pairs.append((phrase, f"{previous[1]} {word}", resolved))
        previous = (stemmed, word)
    return resolved, features, pairs


def _documents(texts: list[str], languages: list, covered: Callable[[str], bool]) -> _Documents:
    stem, docs, known, read = _stemmers(), _Documents(), {}, {}
    counted = Counter(language for language in languages if language in LANGUAGES)
    majority = counted.most_common(1)[0][0] if counted else "en"

    def is_covered(term: str) -> bool:
        if term not in known:
            known[term] = bool(covered(term))
        return known[term]

    for row, (text, language) in enumerate(zip(texts, languages)):
        language = None if language is None or (isinstance(language, float) and math.isnan(language)) \
            or language == "" else str(language)
        if language is not None and language not in LANGUAGES:
            docs.other_language += 1
            continue
        key = (str(text or ""), language)
        if key not in read:  # the same text (a frequent short comment) is read once
            read[key] = _read(key[0], language, majority, stem, is_covered)
        found = read[key]
        if found == "covered":
            docs.covered += 1
            continue
        if found == "empty":
            docs.empty += 1
            continue
        resolved, features, pairs = found
        docs.rows.append(row)
        docs.resolved.append(resolved)
        docs.features.append(features)
        docs.seen.update(pairs)
    return docs


def _written(forms: Counter) -> str:
    return min(forms.items(), key=lambda item: (-item[1], item[0]))[0]


def _prefix_pattern(forms: Counter) -> list[str]:
    """``stem*`` from the common beginning of the frequent written forms of one
    word (at least :data:`MIN_PREFIX` letters), else those forms as whole words."""
    total = sum(forms.values())
    frequent = sorted(form for form, count in forms.items() if count >= 0.05 * total) or [_written(forms)]
    prefix = commonprefix(frequent)
    if len(prefix) >= MIN_PREFIX:
        return [prefix + "*"]
    return frequent[:3]


def _patterns(terms: list[Term], forms: dict[str, Counter]) -> dict[str, tuple[str, ...]]:
    """Patterns from the first :data:`PATTERN_TERMS` terms that are specific to
    the candidate (purity at least :data:`PURE`), by language; a word or phrase a
    pattern already chosen matches is left out."""
    chosen: dict[str, list[str]] = {language: [] for language in LANGUAGES}

    def matched(word: str) -> bool:
        return any(word == pattern or pattern.endswith("*") and word.startswith(pattern[:-1])
                   for patterns in chosen.values() for pattern in patterns if " " not in pattern)

    # Heads of compounds first, then words, then phrases: each may make later ones redundant.
    specific = [term for term in terms if term.purity >= PURE][:PATTERN_TERMS]
    for term in sorted(specific, key=lambda term: (" " in term.feature, not term.feature.endswith("*"))):
        if " " in term.feature:
            first, second = term.text.split(" ", 1)
            if matched(first) or matched(second):
                continue
            seconds = Counter()
            for form, count in forms[term.feature].items():
                seconds[form.split(" ", 1)[1]] += count
            tail = _prefix_pattern(seconds)[0]
            if not tail.endswith("*") and len(seconds) > 1:
                tail = second
            new = [f"{first} {tail}"]
        elif term.feature.endswith("*"):
            new = [term.feature]
        elif matched(term.text):
            continue
        else:
            new = _prefix_pattern(forms[term.feature])
        for pattern in new:
            if pattern not in chosen[term.language]:
                chosen[term.language].append(pattern)
    return {language: tuple(patterns) for language, patterns in chosen.items()}


def _measure_counts(measure: measures.Measure, scores: np.ndarray) -> dict[str, int]:
    answered = scores[~np.isnan(scores)]
    return {measure.n: int(answered.size), measure.top: int((answered >= measure.top_from).sum()),
            measure.bottom: int((answered <= measure.bottom_to).sum())}


def _vectors(features: list[list[str]], min_comments: int):
    """TF-IDF rows (sublinear, L2) and which features each comment uses; None when
    no feature is used by at least ``min_comments`` comments."""
    vectorizer = TfidfVectorizer(analyzer=lambda items: items, min_df=min_comments, max_df=MAX_DF,
                                 max_features=MAX_FEATURES, sublinear_tf=True)
    try:
        tfidf = vectorizer.fit_transform(features)
    except ValueError:  # no feature left (every word too rare or too common)
        return None
    used = tfidf.copy()
    used.data[:] = 1.0
    return tfidf, used.tocsc(), vectorizer.get_feature_names_out()


def _groups(used, min_comments: int) -> list[tuple[list[tuple[int, float]], np.ndarray]]:
    """Seeds and their company: the feature most comments use that no group holds
    yet, with every feature that occurs mostly beside it (at least
    :data:`COMPANY` of its comments also use the seed, and it is in at least
    :data:`TAGALONG` of the seed's comments). A group's comments use one of its
    features. Returns ((feature index, purity), seed first; member mask) per group."""
    counts = np.asarray(used.sum(axis=0)).ravel()
    together = (used.T @ used).tocsr()
    taken = np.zeros(len(counts), dtype=bool)
    groups = []
    for seed in np.argsort(-counts, kind="stable"):
        if taken[seed] or counts[seed] < min_comments:
            continue
        row = together.getrow(seed)
        company = [(int(g), float(both / counts[g]))
                   for g, both in sorted(zip(row.indices, row.data), key=lambda item: (-item[1], item[0]))
                   if g != seed and not taken[g] and both >= COMPANY * counts[g] and both >= TAGALONG * counts[seed]]
        terms = [(int(seed), 1.0), *company]
        taken[[index for index, _purity in terms]] = True
        member = np.asarray(used[:, [index for index, _purity in terms]].sum(axis=1)).ravel() > 0
        groups.append((terms, member))
    return groups


def _found(vectors, rows: np.ndarray, min_comments: int) -> list:
    """(count, [(feature, share of the group's comments, purity)], members as
    positions in the input, their TF-IDF rows) per group."""
    tfidf, used, vocabulary = vectors
    found = []
    for terms, member in _groups(used, min_comments):
        count = int(member.sum())
        if count < min_comments:
            continue
        shares = np.asarray(used[member][:, [index for index, _purity in terms[:KEY_TERMS]]].sum(axis=0)).ravel()
        key_terms = [(str(vocabulary[index]), float(share / count), purity)
                     for (index, purity), share in zip(terms[:KEY_TERMS], shares)]
        found.append((count, key_terms, rows[member], tfidf[member]))
    return found


def _examples(vectors, members: np.ndarray, texts: list[str], ids: list) -> tuple:
    """The ids of the :data:`EXAMPLES` distinct comments closest to the members' mean vector."""
    centre = np.asarray(vectors.mean(axis=0)).ravel()
    closeness = vectors @ centre
    examples, seen = [], set()
    for index in np.argsort(-closeness, kind="stable"):
        row = int(members[index])
        text = " ".join(texts[row].casefold().split())
        if text not in seen:
            seen.add(text)
            examples.append(ids[row])
            if len(examples) == EXAMPLES:
                break
    return tuple(examples)


def discover(comments: pd.DataFrame, measure: str | None = None, covered: Callable[[str], bool] | None = None,
             *, max_candidates: int = 10, min_comments: int = 5,
             progress: Callable[[float], None] | None = None) -> Discovery:
    """Candidate themes in ``comments`` (columns ``id``, ``comment``, ``language``
    and, with a ``measure``, that measure's column of :mod:`analysis.measures`),
    at most ``max_candidates``, each raised by at least ``min_comments``.
    ``covered(term)`` says whether an existing theme matches a word or phrase.
    Swedish and English comments are searched apart (their words hardly overlap)."""
    report = progress or (lambda _fraction: None)
    texts = comments["comment"].astype(str).tolist()
    languages = comments["language"].tolist() if "language" in comments else [None] * len(texts)
    docs = _documents(texts, languages, covered or (lambda _term: False))
    total = len(texts)
    report(0.35)
    found = []
    resolved = np.asarray(docs.resolved)
    for step, language in enumerate(LANGUAGES):
        chosen = np.flatnonzero(resolved == language)
        vectors = _vectors([docs.features[index] for index in chosen], min_comments) if len(chosen) else None
        if vectors is not None:
            found += _found(vectors, np.asarray(docs.rows)[chosen], min_comments)
        report(0.35 + 0.55 * (step + 1) / len(LANGUAGES))
    found = sorted(found, key=lambda item: -item[0])[:max_candidates]
    forms, used_in = docs.written(feature for _count, terms, _members, _vectors in found for feature, *_ in terms)
    m = measures.get(measure) if measure else None
    scores = (pd.to_numeric(comments[m.column], errors="coerce").to_numpy(dtype=float)
              if m is not None and m.column in comments else None)
    ids = comments["id"].tolist() if "id" in comments else list(range(total))
    candidates = []
    for count, features, members, vectors in found:
        terms = [Term(feature, _written(forms[feature]), used_in[feature].most_common(1)[0][0], share, purity)
                 for feature, share, purity in features]
        among = rest = difference = None
        if scores is not None:
            inside = np.zeros(total, dtype=bool)
            inside[members] = True
            own, other = _measure_counts(m, scores[inside]), _measure_counts(m, scores[~inside])
            if own[m.n] and other[m.n]:
                among, rest = measures.estimate(m, own), measures.estimate(m, other)
                difference = measures.difference(m, own, other)
        candidates.append(Candidate(tuple(terms), _patterns(terms, forms), count,
                                    intervals.proportion(count, total), among, rest, difference,
                                    _examples(vectors, members, texts, ids)))
    report(1.0)
    return Discovery(tuple(candidates), total, len(docs.rows), docs.covered, docs.empty, docs.other_language,
                     measure)


def suggested_key(text: str, taken: Iterable[str] = ()) -> str:
    """A theme key from a term: a–z, 0–9 and _ (å, ä, ö as a, a, o), unique among ``taken``."""
    plain = unicodedata.normalize("NFKD", str(text).casefold()).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", plain).strip("_")[:36] or "theme"
    if not base[0].isalpha():
        base = f"t_{base}"[:36]
    taken, key, number = set(taken), base, 2
    while key in taken:
        key, number = f"{base}_{number}", number + 1
    return key
