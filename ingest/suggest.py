"""The mapping a person would choose for an export, from its column names and values.

Names in Swedish or English (any case, with or without accents) make a column a
candidate for a field; its values then decide. A column of web addresses is no
channel; a free-text location whose values hardly repeat is no unit; an id that
repeats or that Excel wrote in scientific notation is no id; a title is no
comment when a longer text column exists; a rating's values say whether it is
satisfaction (1–5 stars), a 1–10 rating or NPS (0–10). Each choice, and each
candidate passed over, comes with its reason (:class:`Reason`), for the import
page and the command line.

    suggestion = explain(source.columns, source.preview(SAMPLE_ROWS))
    suggestion.mapping, suggestion.reasons
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from ingest.columns import MOSTLY, Profile, profile
from ingest.mapping import CONTACTS, FIELD_LABELS, FIELDS, Mapping, fold
from ingest.values import EXCEL_SERIALS

SAMPLE_ROWS = 2_000
SCORE_FIELDS = ("nps", "csat", "scale10")
STAR_WORDS = ("rating", "stars", "star rating", "betyg", "stjarnor")
NPS_WORDS = ("nps", "rekommend", "recommend")

# Names (folded) that mean a field: the whole name, or words a longer name starts
# a word with. Short generic words only count as the whole name.
WHOLE = {
    "external_id": ("id", "svar id", "svarsid", "response id", "responseid", "review id", "reviewid",
                    "respondent id", "respondentid", "externalid", "external id", "ref", "reference",
                    "referens", "ticket id", "arende id", "tweet id", "uuid"),
    "responded_at": ("datum", "date", "published", "created", "submitted", "tidpunkt", "time", "timestamp",
                     "tid", "svarsdatum", "responded at", "created at", "submitted at", "date published",
                     "review date", "response date", "reviews date", "tweet created", "posted", "posted at",
                     "published at", "publiceringsdatum", "skapad"),
    "unit": ("butik", "enhet", "store", "branch", "location", "unit", "kontor", "office", "shop", "filial",
             "avdelning", "department", "provider", "company", "hotel", "name", "airline", "brand",
             "restaurant", "business", "business name", "company name", "hotel name", "store name",
             "venue", "clinic", "foretag", "hotell", "restaurang", "verksamhet", "provider name"),
    "touchpoint": ("kontaktpunkt", "touchpoint", "touch point", "moment", "kundmote"),
    "channel": ("kanal", "channel", "source", "kalla", "medium"),
    "nps": ("nps", "rekommendation", "likelihood to recommend", "score", "nps score", "recommend"),
    "csat": ("csat", "nojdhet", "satisfaction", "rating", "stars", "star rating", "betyg", "stjarnor",
             "nojd kund index", "nki", "reviews rating", "review rating", "grade"),
    "scale10": ("rating 1 10", "score 1 10", "betyg 1 10"),
    "sentiment": ("sentiment", "airline sentiment", "label", "sentiment label", "polarity", "tone", "kansla",
                  "stamning", "tonalitet"),
    "comment": ("kommentar", "comment", "text", "review", "fritext", "feedback", "kommentarer", "comments",
                "review text", "fritextsvar", "motivering", "message", "meddelande", "body", "reviews text",
                "review body", "content", "tweet", "tweet text"),
    "language": ("sprak", "language", "lang", "locale"),
}
INSIDE = {
    "external_id": ("svar id", "response id", "review id", "respondent id", "external id"),
    "responded_at": ("datum", "date", "tidpunkt", "published", "submitted", "timestamp", "created"),
    "unit": ("butik", "enhet", "store", "branch", "location", "kontor", "filial", "provider", "hotel",
             "airline", "company", "brand", "restaurant"),
    "touchpoint": ("kontaktpunkt", "touchpoint", "touch point"),
    "channel": ("kanal", "channel"),
    "nps": ("nps", "rekommend", "recommend"),
    "csat": ("csat", "nojd", "satisfaction", "rating", "stars", "betyg"),
    "scale10": (),
    "sentiment": ("sentiment", "polarity"),
    "comment": ("kommentar", "comment", "fritext", "feedback", "review text", "text", "body"),
    "language": ("sprak", "language"),
}

# The reasons, in English for the command line; the page translates the code.
REASONS = {
    "named": "named so",
    "unique": "named so; {distinct:,} different values in {filled:,} rows",
    "dates": "named so; {share:.0%} of the values are dates",
    "unit_repeats": "{distinct:,} distinct values, repeated: about {per_value:,.0f} rows each",
    "labels": "{distinct:,} distinct values",
    "longest_text": "the longest texts, on average {length:,.0f} characters",
    "stars": "numbers {low:g}–{high:g}: a 1–5 satisfaction or star rating",
    "scale10": "numbers {low:g}–{high:g} without 0: a 1–10 rating, not NPS",
    "nps": "numbers {low:g}–{high:g}: the recommendation question",
    "nps_named": "named for the recommendation question (NPS, 0–10)",
    "sentiment_labels": "{share:.0%} of the values are sentiment labels",
    "languages": "{share:.0%} of the values are language codes or names",
    # passed over
    "not_unique": "as the {label}: its values repeat ({distinct:,} distinct in {filled:,} rows)",
    "scientific": "as the {label}: the ids are in scientific notation (Excel rounded them)",
    "urls": "as the {label}: its values are web addresses",
    "no_repeat": "as the {label}: {distinct:,} distinct values in {filled:,} rows, hardly repeated",
    "free_text": "as the {label}: free text ({distinct:,} distinct values)",
    "mostly_empty": "as the {label}: {empty:.0%} of the cells are empty",
    "not_dates": "as the {label}: only {share:.0%} of the values are dates",
    "not_scores": "as a score: its values are not numbers from 0 to 10",
    "not_labels": "as the {label}: not sentiment labels",
    "shorter_text": "as the {label}: shorter texts, on average {length:,.0f} characters",
    "taken": "as the {label}: it is used as the {other}",
}


@dataclass(frozen=True)
class Reason:
    """Why ``column`` was chosen for ``field`` (``chosen``), or passed over for it."""

    field: str
    column: str
    code: str
    params: dict = field(default_factory=dict)
    chosen: bool = True

    @property
    def text(self) -> str:
        """The reason in English (the command line's report)."""
        params = dict(self.params)
        if "other" in params:
            params["other"] = FIELD_LABELS[params["other"]].lower()
        return REASONS[self.code].format(label=FIELD_LABELS[self.field].lower(), **params)


@dataclass(frozen=True)
class Suggestion:
    mapping: Mapping
    reasons: tuple[Reason, ...] = ()

    def why(self, name: str) -> Reason | None:
        """The reason the column of field ``name`` was chosen."""
        return next((reason for reason in self.reasons if reason.chosen and reason.field == name), None)

    def passed_over(self) -> list[Reason]:
        return [reason for reason in self.reasons if not reason.chosen]


def suggest(columns: list[str], sample: pd.DataFrame | None = None) -> Mapping:
    """The suggested :class:`Mapping` (see :func:`explain`)."""
    return explain(columns, sample).mapping


def name_score(name: str, target: str) -> float:
    """How well a folded column name names a field: 3 for a whole-name match,
    2 and a little more for a longer word match inside it, else 0."""
    if name in WHOLE[target]:
        return 3.0
    words = f" {name} "
    found = [len(word) for word in INSIDE[target] if f" {word}" in words]
    return 2.0 + max(found) / 100 if found else 0.0


def explain(columns: list[str], sample: pd.DataFrame | None = None) -> Suggestion:
    """The mapping a person would choose for a file with ``columns``, each choice
    with its reason. ``sample`` (the first rows, as :meth:`ingest.files.Source.preview`
    gives them) lets the values decide; without it only the names do."""
    profiles = {column: profile(sample[column]) for column in columns} if sample is not None else {}
    reasons: list[Reason] = []
    candidates = []  # (score, position, field, column, reason)
    for position, column in enumerate(columns):
        name = fold(column)
        scores = {target: name_score(name, target) for target in FIELDS}
        numbered = max(scores[target] for target in SCORE_FIELDS)
        best = max(scores.values())
        for target in FIELDS:
            found = profiles.get(column)
            # A rating or score column is a candidate for every scale; its values say which.
            score = numbered if target in SCORE_FIELDS and found is not None else scores[target]
            if score == 0:
                score = _by_values(target, found)
                if not score:
                    continue
            verdict = _judge(target, column, name, found) if found is not None else Reason(target, column, "named")
            if verdict is None:
                continue
            if not verdict.chosen:
                if score >= 2 and score == best:  # worth a word where the name points first
                    reasons.append(verdict)
                continue
            candidates.append((score, position, target, column, verdict))
    candidates = _prefer_longest_comment(candidates, profiles, reasons)
    chosen: dict[str, str | None] = dict.fromkeys(FIELDS)
    used: dict[str, str] = {}
    for _score, _position, target, column, verdict in sorted(candidates, key=lambda item: (-item[0], item[1])):
        if chosen[target] is not None:
            continue
        if column in used:
            if _score >= 2:
                reasons.append(Reason(target, column, "taken", {"other": used[column]}, chosen=False))
            continue
        chosen[target], used[column] = column, target
        reasons.append(verdict)
    csat = chosen["csat"]
    stars = csat is not None and any(word in fold(csat) for word in STAR_WORDS)
    mapping = Mapping(fields=chosen, csat_scale="stars" if stars else "1-5").for_columns(columns)
    mapping = replace(mapping, contacts=contact_columns(mapping.attributes, profiles))
    order = {name: index for index, name in enumerate(FIELDS)}
    reasons = [reason for reason in reasons if reason.chosen and chosen.get(reason.field) == reason.column
               or not reason.chosen and chosen.get(reason.field) != reason.column]
    reasons.sort(key=lambda reason: (not reason.chosen, order[reason.field], columns.index(reason.column)))
    unique = {(reason.field, reason.column, reason.chosen): reason for reason in reversed(reasons)}
    return Suggestion(mapping, tuple(reason for reason in reasons
                                     if unique[(reason.field, reason.column, reason.chosen)] is reason))


def _by_values(target: str, found: Profile | None) -> float:
    """A weak candidacy (1) from the values alone: unmistakable dates, sentiment
    labels, or long free text."""
    if found is None or not found.filled:
        return 0.0
    if target == "responded_at" and found.date >= 0.95 and found.fill >= 0.95:
        return 1.0
    if target == "sentiment" and found.sentiment >= 0.95 and found.number < 0.5 and found.distinct <= 6:
        return 1.0
    if target == "comment" and found.is_free_text and found.kind == "text":
        return 1.0
    return 0.0


def _judge(target: str, column: str, name: str, found: Profile) -> Reason | None:
    """Whether the values of ``column`` fit ``target``: a chosen reason, a passed-over
    one, or None (not worth a word)."""

    def passed(code: str, **params) -> Reason:
        return Reason(target, column, code, params, chosen=False)

    if not found.filled:
        return passed("mostly_empty", empty=1.0)
    if target in ("external_id", "responded_at", "unit", "touchpoint", "channel") and found.is_url:
        return passed("urls")
    if target == "external_id":
        if found.is_scientific:
            return passed("scientific")
        if found.distinct < 0.95 * found.filled or found.fill < 0.99:  # a repeat or two: reported by row
            return passed("not_unique", distinct=found.distinct, filled=found.filled)
        return Reason(target, column, "unique", {"distinct": found.distinct, "filled": found.filled})
    if target == "responded_at":
        serials = found.number >= MOSTLY and found.low is not None and EXCEL_SERIALS[0] <= found.low \
            and found.high <= EXCEL_SERIALS[1]  # Excel's day numbers, written out as text
        if not found.is_date and not serials:
            return passed("not_dates", share=found.date)
        return Reason(target, column, "dates", {"share": max(found.date, found.number if serials else 0.0)})
    if target in ("unit", "touchpoint", "channel"):
        if found.is_free_text:
            return passed("free_text", distinct=found.distinct)
        if target == "unit" and not found.repeats:
            return passed("no_repeat", distinct=found.distinct, filled=found.filled)
        if found.fill < 0.9:
            return passed("mostly_empty", empty=1 - found.fill)
        if target == "unit":
            return Reason(target, column, "unit_repeats", {"distinct": found.distinct, "per_value": found.per_value})
        if found.distinct > 50 or found.length > 40:
            return passed("free_text", distinct=found.distinct)
        return Reason(target, column, "labels", {"distinct": found.distinct})
    if target in SCORE_FIELDS:
        return _scale(target, column, name, found)
    if target == "sentiment":
        if found.sentiment < 0.9:
            return passed("not_labels") if found.number < 0.9 else None
        return Reason(target, column, "sentiment_labels", {"share": found.sentiment})
    if target == "comment":
        if found.is_url or found.kind in ("date", "number", "id_scientific"):
            return None
        return Reason(target, column, "longest_text", {"length": found.length})
    if target == "language":
        if found.language < 0.9:
            return None
        return Reason(target, column, "languages", {"share": found.language})
    return Reason(target, column, "named")


def _scale(target: str, column: str, name: str, found: Profile) -> Reason | None:
    """A rating or score column belongs to the one scale its values fit: one named
    for recommendation, or 0–10 with a 0, is NPS; at most 5 is satisfaction; 1–10
    is a rating of its own."""
    nps_named = any(f" {word}" in f" {name} " for word in NPS_WORDS)
    if nps_named and found.number >= 0.5:  # named for the question: its wrong values are reported row by row
        return Reason(target, column, "nps_named") if target == "nps" else None
    if found.number < 0.9 or found.low is None or found.low < 0 or found.high > 10:
        return Reason(target, column, "not_scores", chosen=False) if target == "nps" else None
    params = {"low": found.low, "high": found.high}
    if found.low == 0 and found.high > 5:
        fits = "nps"
    elif found.high <= 5:
        fits = "csat"
    else:
        fits = "scale10"
    if fits != target:
        return None
    return Reason(target, column, {"nps": "nps", "csat": "stars", "scale10": "scale10"}[fits], params)


def _prefer_longest_comment(candidates: list, profiles: dict[str, Profile], reasons: list[Reason]) -> list:
    """Of the comment candidates, only the one with the longest texts (named ones
    before those found by their values); the others are passed over, with why."""
    if not profiles:
        return candidates
    comments = [item for item in candidates if item[2] == "comment"]
    if len(comments) < 2:
        return candidates
    named = [item for item in comments if item[0] >= 2] or comments
    best = max(named, key=lambda item: (profiles[item[3]].length, -item[1]))
    for item in comments:
        if item is not best:
            reasons.append(Reason("comment", item[3], "shorter_text", {"length": profiles[item[3]].length},
                                  chosen=False))
    return [item for item in candidates if item[2] != "comment" or item is best]


# Words that name a customer's contact details and their consent to be contacted.
CONTACT_WORDS = {
    "email": ("email", "e mail", "e post", "epost", "mail", "mejl", "mailadress"),
    "phone": ("phone", "telephone", "telefon", "telefonnummer", "tel", "mobile", "mobil", "mobilnummer", "cell"),
    "consent": ("consent", "samtycke", "kontakt ok", "contact ok", "may contact", "opt in", "får kontaktas"),
}


def contact_columns(attributes: list[str], profiles: dict[str, Profile]) -> dict[str, str | None]:
    """The attribute columns that hold a customer's e-mail, phone and consent, by
    name (an e-mail column must hold addresses, a phone column numbers, when the
    values are at hand)."""
    found: dict[str, str | None] = dict.fromkeys(CONTACTS)
    for column in attributes:
        words = f" {fold(column)} "
        for kind in CONTACTS:
            if found[kind] is None and any(f" {word} " in words for word in CONTACT_WORDS[kind]) \
                    and _looks_like(kind, profiles.get(column)):
                found[kind] = column
                break
    return found


def _looks_like(kind: str, found: Profile | None) -> bool:
    """Values that cannot be contact details rule a column out: web addresses are
    no e-mail, dates no phone number (names decide when there are no values)."""
    if found is None or kind == "consent":
        return True
    return (found.url if kind == "email" else found.date) < MOSTLY
