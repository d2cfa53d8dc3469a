"""Which column of an export feeds which field of a response, and how to read it.

:func:`suggest` proposes a :class:`Mapping` from column names in Swedish or
English; a mapping is saved as YAML and reused for the next file of the same
kind. Every column that feeds no field and is not ignored is kept as a segment
attribute (``response_attributes``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass, field, fields, replace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from ingest.files import ImportProblem
from ingest.values import CSAT_SCALES, NPS_SCALES

FIELDS = ("external_id", "responded_at", "unit", "touchpoint", "channel", "nps", "csat", "comment",
          "language")
REQUIRED = ("responded_at", "unit")
FEEDBACK = ("nps", "csat", "comment")
FIELD_LABELS = {
    "external_id": "Id", "responded_at": "Date", "unit": "Unit", "touchpoint": "Touchpoint",
    "channel": "Channel", "nps": "NPS", "csat": "CSAT", "comment": "Comment", "language": "Language",
}
MAX_KEY, MAX_VALUE = 80, 255  # response_attributes.key / .value
STAR_WORDS = ("rating", "stars", "star rating", "betyg", "stjarnor")

# Names (folded: lower case, no accents, single spaces) that mean a field: the
# whole name, or words inside a longer name. Short generic words only match whole.
WHOLE = {
    "external_id": ("id", "svar id", "svarsid", "response id", "responseid", "review id", "reviewid",
                    "respondent id", "respondentid", "externalid",
                    "external id", "ref", "reference", "referens", "ticket id", "arende id"),
    "responded_at": ("datum", "date", "published", "created", "submitted", "tidpunkt", "time",
                     "timestamp", "tid", "svarsdatum", "responded at", "created at", "submitted at",
                     "date published", "review date", "response date"),
    "unit": ("butik", "enhet", "store", "branch", "location", "unit", "kontor", "office", "shop",
             "filial", "avdelning", "department"),
    "touchpoint": ("kontaktpunkt", "touchpoint", "touch point", "moment", "kundmote"),
    "channel": ("kanal", "channel", "source", "kalla", "medium"),
    "nps": ("nps", "rekommendation", "likelihood to recommend", "score", "nps score", "recommend"),
    "csat": ("csat", "nojdhet", "satisfaction", "rating", "stars", "star rating", "betyg", "stjarnor",
             "nojd kund index", "nki"),
    "comment": ("kommentar", "comment", "text", "review", "fritext", "feedback", "kommentarer",
                "comments", "review text", "fritextsvar", "motivering", "message", "meddelande"),
    "language": ("sprak", "language", "lang", "locale"),
}
INSIDE = {
    "external_id": ("svar id", "response id", "review id", "respondent id", "external id"),
    "responded_at": ("datum", "date", "tidpunkt", "published", "submitted", "timestamp"),
    "unit": ("butik", "enhet", "store", "branch", "location", "kontor", "filial"),
    "touchpoint": ("kontaktpunkt", "touchpoint", "touch point"),
    "channel": ("kanal", "channel"),
    "nps": ("nps", "rekommend", "recommend"),
    "csat": ("csat", "nojd", "satisfaction", "rating", "stars", "betyg"),
    "comment": ("kommentar", "comment", "fritext", "feedback", "review text"),
    "language": ("sprak", "language"),
}

MESSAGES = {
    "field_required": "Choose the column for {label}: it is required.",
    "no_feedback_field": "Choose a column for at least one of NPS, CSAT and Comment.",
    "touchpoint_unmapped": "Choose the touchpoint column, or a touchpoint for every row.",
    "column_not_in_file": "{label} is mapped to the column {column!r}, which the file does not have.",
    "column_mapped_twice": "The column {column!r} is mapped to both {labels}.",
    "mapping_unreadable": "The mapping is not readable YAML: {reason}",
    "mapping_unknown_key": "The mapping has a setting this import does not know: {key!r} "
                           "(known: {known}).",
    "mapping_unknown_field": "The mapping has a field this import does not know: {key!r} "
                             "(known: {known}).",
    "mapping_invalid_value": "The mapping's {key!r} cannot be {value!r}: {expected}.",
}


def _problem(code: str, **params) -> ImportProblem:
    return ImportProblem(code, MESSAGES[code].format(**params), params)


def fold(name: str) -> str:
    """A name in lower case without accents, punctuation as spaces, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(char if char.isalnum() else " " for char in decomposed
                    if not unicodedata.combining(char))
    return " ".join(plain.split())


@dataclass
class Mapping:
    """The field → column choice and how to read the values.

    ``nps_scale`` is "0-10" or "1-10" (a 1–10 rating fed into NPS);
    ``csat_scale`` "1-5" or "stars" (a 1–5 star rating). ``source`` names where
    the file comes from: with the id it makes re-imports idempotent.
    ``default_touchpoint``/``default_channel`` apply when no column is mapped,
    and to the empty cells of a mapped column.
    """

    fields: dict[str, str | None] = field(default_factory=lambda: dict.fromkeys(FIELDS))
    attributes: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    day_first: bool | None = None
    nps_scale: str = "0-10"
    csat_scale: str = "1-5"
    source: str = "import"
    default_touchpoint: str | None = None
    default_channel: str = "import"
    time_zone: str = "Europe/Stockholm"
    create_missing: bool = False

    def __post_init__(self) -> None:
        unknown = sorted(set(self.fields) - set(FIELDS))
        if unknown:
            raise _problem("mapping_unknown_field", key=unknown[0], known=", ".join(FIELDS))
        self.fields = {name: (self.fields.get(name) or None) for name in FIELDS}
        _check_value("nps_scale", self.nps_scale, NPS_SCALES, "one of " + ", ".join(NPS_SCALES))
        _check_value("csat_scale", self.csat_scale, CSAT_SCALES, "one of " + ", ".join(CSAT_SCALES))
        _check_value("day_first", self.day_first, (True, False, None), "true, false or empty")
        _check_value("create_missing", self.create_missing, (True, False), "true or false")
        for key, limit in (("source", 80), ("default_channel", 40)):
            value = getattr(self, key)
            if not isinstance(value, str) or not value.strip() or len(value) > limit:
                raise _problem("mapping_invalid_value", key=key, value=value,
                               expected=f"a text of 1 to {limit} characters")
        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            raise _problem("mapping_invalid_value", key="time_zone", value=self.time_zone,
                           expected="a time zone such as Europe/Stockholm") from None
        for key in ("attributes", "ignored"):
            value = getattr(self, key)
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise _problem("mapping_invalid_value", key=key, value=value,
                               expected="a list of column names")

    @property
    def nps_range(self) -> tuple[int, int]:
        return NPS_SCALES[self.nps_scale]

    @property
    def csat_range(self) -> tuple[int, int]:
        return CSAT_SCALES[self.csat_scale]

    def validate(self, columns: list[str]) -> list[ImportProblem]:
        """What keeps this mapping from reading a file with ``columns``."""
        problems = [_problem("field_required", field=name, label=FIELD_LABELS[name])
                    for name in REQUIRED if not self.fields[name]]
        if not any(self.fields[name] for name in FEEDBACK):
            problems.append(_problem("no_feedback_field"))
        if not self.fields["touchpoint"] and not self.default_touchpoint:
            problems.append(_problem("touchpoint_unmapped"))
        present = set(columns)
        by_column: dict[str, list[str]] = {}
        for name, column in self.fields.items():
            if column is None:
                continue
            by_column.setdefault(column, []).append(name)
            if column not in present:
                problems.append(_problem("column_not_in_file", field=name, label=FIELD_LABELS[name],
                                         column=column))
        for column, names in by_column.items():
            if len(names) > 1:
                problems.append(_problem("column_mapped_twice", column=column, fields=names,
                                         labels=" and ".join(FIELD_LABELS[name] for name in names)))
        return problems

    def for_columns(self, columns: list[str]) -> "Mapping":
        """This mapping for a file with ``columns``: every column that feeds no
        field and is not ignored becomes an attribute, in file order."""
        used = {column for column in self.fields.values() if column}
        ignored = [column for column in self.ignored if column in columns]
        attributes = [column for column in columns if column not in used and column not in ignored]
        return replace(self, attributes=attributes, ignored=ignored)

    def attribute_keys(self) -> dict[str, str]:
        """Column → attribute key: trimmed to 80 characters, kept distinct."""
        keys: dict[str, str] = {}
        taken: set[str] = set()
        for column in self.attributes:
            key, number = column[:MAX_KEY], 1
            while key in taken:
                number += 1
                suffix = f" ({number})"
                key = column[:MAX_KEY - len(suffix)] + suffix
            taken.add(key)
            keys[column] = key
        return keys

    def to_dict(self) -> dict:
        return asdict(self)

    def to_yaml(self) -> str:
        """The mapping as YAML, to save and use again with :meth:`from_yaml`."""
        return yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True)

    @classmethod
    def from_dict(cls, data: object) -> "Mapping":
        if not isinstance(data, dict):
            raise _problem("mapping_unreadable", reason="it must be a set of 'key: value' settings")
        known = [item.name for item in fields(cls)]
        for key in data:
            if key not in known:
                raise _problem("mapping_unknown_key", key=key, known=", ".join(known))
        chosen = data.get("fields") or {}
        if not isinstance(chosen, dict):
            raise _problem("mapping_invalid_value", key="fields", value=chosen,
                           expected="field: column pairs")
        for name, column in chosen.items():
            if column is not None and not isinstance(column, str):
                raise _problem("mapping_invalid_value", key=f"fields.{name}", value=column,
                               expected="a column name")
        values = {key: value for key, value in data.items() if key != "fields"}
        for key in ("attributes", "ignored"):
            if values.get(key) is None:
                values.pop(key, None)
        return cls(fields=dict(chosen), **values)

    @classmethod
    def from_yaml(cls, text: str) -> "Mapping":
        """A mapping saved by :meth:`to_yaml`; unknown settings or fields and wrong
        values raise :class:`ImportProblem`."""
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise _problem("mapping_unreadable", reason=str(error).splitlines()[0]) from None
        return cls.from_dict(data)


def _check_value(key: str, value: object, allowed, expected: str) -> None:
    if not any(value is option or (isinstance(value, str) and value == option) for option in allowed):
        raise _problem("mapping_invalid_value", key=key, value=value, expected=expected)


def suggest(columns: list[str]) -> Mapping:
    """A mapping guessed from column names (Swedish or English, any case, with or
    without accents): the best-named column for each field, each column used once.
    A rating or stars column feeds CSAT on the star scale."""
    candidates = []
    for position, column in enumerate(columns):
        name = fold(column)
        for target in FIELDS:
            score = _score(name, target)
            if score:
                candidates.append((-score, position, target, column))
    chosen: dict[str, str | None] = dict.fromkeys(FIELDS)
    used: set[str] = set()
    for _score_, _position, target, column in sorted(candidates):
        if chosen[target] is None and column not in used:
            chosen[target] = column
            used.add(column)
    stars = chosen["csat"] is not None and any(word in fold(chosen["csat"]) for word in STAR_WORDS)
    return Mapping(fields=chosen, csat_scale="stars" if stars else "1-5").for_columns(columns)


def _score(name: str, target: str) -> float:
    """How well a folded column name names a field: 3 for a whole-name match,
    2 and a little more for a longer word match inside it, else 0."""
    if name in WHOLE[target]:
        return 3.0
    words = f" {name} "
    found = [len(word) for word in INSIDE[target] if f" {word}" in words]
    return 2.0 + max(found) / 100 if found else 0.0
