"""Which column of an export feeds which field of a response, and how to read it.

A :class:`Mapping` says which column feeds each field, what to use for every row
when the file has no column for a field (a unit, a date, a touchpoint, a channel
or a language for the whole file), which columns are comparable segments, and
how to read the values. :func:`ingest.suggest.suggest` proposes one from the
column names and values; a mapping is saved as YAML and reused for the next file
of the same kind. Every column that feeds no field and is not ignored is kept as
an attribute (``response_attributes``); :mod:`ingest.segments` decides which of
them pages compare.
"""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
import yaml

from ingest.files import ImportProblem
from ingest.values import CSAT_SCALES, parse_languages

FIELDS = ("external_id", "responded_at", "unit", "touchpoint", "channel", "nps", "csat", "scale10", "sentiment",
          "comment", "language")
REQUIRED = ("responded_at", "unit")
FEEDBACK = ("nps", "csat", "scale10", "sentiment", "comment")
SCORES = ("nps", "csat", "scale10", "sentiment")
FIELD_LABELS = {
    "external_id": "Id", "responded_at": "Date", "unit": "Unit", "touchpoint": "Touchpoint",
    "channel": "Channel", "nps": "NPS", "csat": "CSAT", "scale10": "1-10 rating", "sentiment": "Sentiment",
    "comment": "Comment", "language": "Language",
}
# The whole-file value a field takes when no column has it (``--unit``, ``--date``…).
DEFAULTS = {"unit": "default_unit", "responded_at": "default_date", "touchpoint": "default_touchpoint",
            "channel": "default_channel", "language": "default_language"}
MAX_KEY, MAX_VALUE = 80, 255  # response_attributes.key / .value
# Columns with a customer's contact details and their consent to be contacted: kept
# as attributes (never compared as segments), shown on a follow-up case only with consent.
CONTACTS = ("email", "phone", "consent")
UNIT_NAME = 120

MESSAGES = {
    "field_required": "Choose the column for {label}, or give one for every row ({option}): it is required.",
    "no_feedback_field": "Choose a column for at least one of NPS, CSAT, 1-10 rating, Sentiment and Comment.",
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

    ``csat_scale`` is "1-5" or "stars" (a 1–5 star rating); NPS is read on 0–10
    and a ``scale10`` rating on 1–10 (a measure of its own, never NPS);
    ``sentiment`` takes labels (positive/neutral/negative, positiv/neutral/negativ)
    or 1/0/-1. ``source`` names where the file comes from: with the id it makes
    re-imports idempotent. The ``default_*`` values apply to every row when no
    column is mapped, and to the empty cells of a mapped column (``default_date``
    an ISO date, taken at noon local time). ``segments`` names attribute columns
    to compare as segments whatever their values; ``keep_comments`` keeps a row
    whose score is invalid as a comment without that score.
    """

    fields: dict[str, str | None] = field(default_factory=lambda: dict.fromkeys(FIELDS))
    attributes: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    segments: list[str] = field(default_factory=list)
    contacts: dict[str, str | None] = field(default_factory=lambda: dict.fromkeys(CONTACTS))
    day_first: bool | None = None
    csat_scale: str = "1-5"
    source: str = "import"
    default_unit: str | None = None
    default_date: str | None = None
    default_touchpoint: str | None = None
    default_channel: str = "import"
    default_language: str | None = None
    time_zone: str = "Europe/Stockholm"
    create_missing: bool = False
    keep_comments: bool = False

    def __post_init__(self) -> None:
        unknown = sorted(set(self.fields) - set(FIELDS))
        if unknown:
            raise _problem("mapping_unknown_field", key=unknown[0], known=", ".join(FIELDS))
        self.fields = {name: (self.fields.get(name) or None) for name in FIELDS}
        _check_value("csat_scale", self.csat_scale, CSAT_SCALES, "one of " + ", ".join(CSAT_SCALES))
        _check_value("day_first", self.day_first, (True, False, None), "true, false or empty")
        for key in ("create_missing", "keep_comments"):
            _check_value(key, getattr(self, key), (True, False), "true or false")
        for key, limit, required in (("source", 80, True), ("default_channel", 40, True),
                                     ("default_unit", UNIT_NAME, False), ("default_touchpoint", UNIT_NAME, False)):
            value = getattr(self, key)
            if value is None and not required:
                continue
            if not isinstance(value, str) or not value.strip() or len(value) > limit:
                raise _problem("mapping_invalid_value", key=key, value=value,
                               expected=f"a text of 1 to {limit} characters")
        self.default_date = _iso_date(self.default_date)
        if self.default_language is not None:
            code = parse_languages(pd.Series([str(self.default_language)]))[0].iat[0]
            if not isinstance(code, str):
                raise _problem("mapping_invalid_value", key="default_language", value=self.default_language,
                               expected="a language code such as sv or en")
            self.default_language = code
        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            raise _problem("mapping_invalid_value", key="time_zone", value=self.time_zone,
                           expected="a time zone such as Europe/Stockholm") from None
        for key in ("attributes", "ignored", "segments"):
            value = getattr(self, key)
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise _problem("mapping_invalid_value", key=key, value=value,
                               expected="a list of column names")
        if not isinstance(self.contacts, dict) or set(self.contacts) - set(CONTACTS) or not all(
                column is None or isinstance(column, str) for column in self.contacts.values()):
            raise _problem("mapping_invalid_value", key="contacts", value=self.contacts,
                           expected="email, phone and consent: a column name each, or empty")
        self.contacts = {kind: (self.contacts.get(kind) or None) for kind in CONTACTS}

    def contact_keys(self) -> dict[str, str]:
        """Contact kind (email, phone, consent) → the attribute key its column is kept under."""
        keys = self.attribute_keys()
        return {kind: keys[column] for kind, column in self.contacts.items() if column in keys}

    def default(self, name: str) -> str | None:
        """The whole-file value of field ``name`` (None: none given)."""
        return getattr(self, DEFAULTS[name]) if name in DEFAULTS else None

    @property
    def csat_range(self) -> tuple[int, int]:
        return CSAT_SCALES[self.csat_scale]

    def validate(self, columns: list[str]) -> list[ImportProblem]:
        """What keeps this mapping from reading a file with ``columns``."""
        problems = [_problem("field_required", field=name, label=FIELD_LABELS[name],
                             option="--" + DEFAULTS[name].removeprefix("default_"))
                    for name in REQUIRED if not self.fields[name] and not self.default(name)]
        if not any(self.fields[name] for name in FEEDBACK):
            problems.append(_problem("no_feedback_field"))
        if not self.fields["touchpoint"] and not self.default_touchpoint:
            problems.append(_problem("touchpoint_unmapped"))
        present = set(columns)
        by_column: dict[str, list[str]] = {}
        for name, column in [*self.fields.items(), *(("segment", column) for column in self.segments)]:
            if column is None:
                continue
            by_column.setdefault(column, []).append(name)
            if column not in present:
                problems.append(_problem("column_not_in_file", field=name,
                                         label=FIELD_LABELS.get(name, "Segment"), column=column))
        for column, names in by_column.items():
            if len(names) > 1:
                problems.append(_problem("column_mapped_twice", column=column, fields=names,
                                         labels=" and ".join(FIELD_LABELS.get(name, "Segment") for name in names)))
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
        known = [item.name for item in fields(cls)] + ["nps_scale"]
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
        for key in ("attributes", "ignored", "segments", "contacts"):
            if values.get(key) is None:
                values.pop(key, None)
        chosen = dict(chosen)
        if "nps_scale" in values:  # mappings saved before NPS was always 0–10
            scale = values.pop("nps_scale")
            if scale == "1-10":  # a 1–10 rating: its own measure, never NPS
                chosen["scale10"], chosen["nps"] = chosen.get("nps"), None
            elif scale != "0-10":
                raise _problem("mapping_invalid_value", key="nps_scale", value=scale,
                               expected="0-10 (a 1-10 rating is the field scale10)")
        return cls(fields=chosen, **values)

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


def _iso_date(value: object) -> str | None:
    """A whole-file date as YYYY-MM-DD (from text or a YAML date); ImportProblem otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise _problem("mapping_invalid_value", key="default_date", value=value,
                       expected="a date as YYYY-MM-DD") from None
