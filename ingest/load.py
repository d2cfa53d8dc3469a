"""Importing feedback exports: check every row, then write the accepted ones at once.

    python -m ingest.load FILE [--mapping MAPPING.yaml] [--dry-run] [--create-missing]
        [--database-url URL] [--encoding ENC] [--sheet NAME] [--day-first | --month-first]
        [--source NAME] [--unit NAME] [--date YYYY-MM-DD] [--touchpoint NAME] [--channel NAME]
        [--language sv|en] [--segment COLUMN]... [--keep-comments]
        [--report REPORT.csv] [--save-mapping MAPPING.yaml]
    python -m ingest.load --rollback BATCH_ID [--database-url URL]

:func:`validate` reads a file a chunk at a time and says row by row what would
be imported, what not and why, and which attribute columns become comparable
segments (a :class:`Report`); :func:`run_import` then writes the accepted rows,
their batch, attributes and segment decisions, daily counts, themes (the
defaults first, when there are none) and follow-up cases, and a new data
version, in one transaction; :func:`rollback` takes a batch out again;
:func:`history` lists the batches. The admin page and this command call the same
functions and show the same :func:`report_lines`.

A response is identified by (source, id): importing the same rows again adds
nothing. Without an id column the id is a SHA-256 of the row's content, so an
overlapping later export only adds its new rows.
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import repeat
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from analysis import pii
from ingest import files, mapping as mappings, scratch, segments, values, worker
from ingest.files import ROW, ImportProblem, Source
from ingest.mapping import FIELD_LABELS, SCORES, Mapping
from ingest.suggest import SAMPLE_ROWS, Suggestion, explain
from ingest.values import DateOrder
from queries import audit, bulk
from queries.schema import (
    DailyCount, ImportBatch, Response, ResponseAttribute, ResponseTheme, Touchpoint, Unit, User,
)

PROBLEM_COLUMNS = ["row", "column", "value", "code", "message"]
MAX_PROBLEMS = 100_000  # problem lines kept for the report; every one is counted
FIRST_PROBLEMS = 20
CHUNK_ROWS = 50_000
PEEK_ROWS = 1_000  # the rows that tell whether a file's dates are written day/month
MAX_VALUE_SHOWN = 200
WRITE_CHUNK = 50_000
LOOKUP_CHUNK = 1_000
OLDEST = pd.Timestamp("1990-01-01", tz="UTC")
ANALYZE_GROWTH = 0.10
UNIT_NAME, TOUCHPOINT_NAME, TOUCHPOINT_KEY = 120, 120, 40
MAX_COMMENT = 10_000  # characters kept of a comment; the rest is cut, with a note in the report
NOTED_ROWS = 20  # rows a note lists

MESSAGES = {
    "unknown_unit": "There is no unit with this name (add it first, or import with 'create missing').",
    "unit_not_importable": "This is a region or an inactive unit; responses belong to an active unit.",
    "unit_out_of_scope": "This unit is not one you may import responses for.",
    "unknown_touchpoint": "There is no touchpoint with this key or name (add it first, or import "
                          "with 'create missing').",
    "no_feedback": "The row has no score and no comment.",
    "date_out_of_range": "The date is before 1990 or in the future.",
    "default_date_out_of_range": "The date for every row, {value}, is before 1990 or in the future.",
    "duplicate_in_file": "The same response as on row {first} (same id, or the same content when "
                         "there is no id column).",
    "date_order_ambiguous": "Some dates read both as day/month and as month/day (like 03/04/2025) and "
                            "no date in the column decides: say whether the day or the month comes first.",
    "unknown_batch": "There is no import batch {batch_id}.",
    "already_rolled_back": "Import batch {batch_id} was rolled back already.",
    "demo_batch": "The demo data is not an import and cannot be rolled back.",
    "write_conflict": "The database changed while importing (another import of the same rows, or a "
                      "unit or touchpoint changed); nothing was written. Check the file again and retry.",
    "checked_rows_gone": "The checked rows of the file were no longer in the temporary folder ({found:,} of "
                         "{expected:,}: removed from the disk meanwhile); nothing was written. Check the file "
                         "again and retry.",
    "comment_truncated": "Comments longer than {limit:,} characters were cut to that length: {count:,} "
                         "(rows {rows}).",
    "theme_timeout": "The theme {theme!r} was not applied to {skipped:,} of the new comments: its pattern "
                     "{pattern!r} took longer than {seconds} s on one comment. Fix the pattern on the admin "
                     "page; saving it tags every comment again.",
}
ALL_MESSAGES = {**files.MESSAGES, **mappings.MESSAGES, **values.MESSAGES, **worker.MESSAGES, **MESSAGES}
# Every problem code, for translation: file, mapping, value and import problems.
CODES = tuple(ALL_MESSAGES)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Progress = Callable[[float, str], None]


def _problem(code: str, **params) -> ImportProblem:
    return ImportProblem(code, MESSAGES[code].format(**params), params)


def _no_problems() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype="int64" if name == "row" else object)
                         for name in PROBLEM_COLUMNS})


@dataclass
class Report:
    """What an import found and did. ``problems`` has one line per problem (row,
    column, value, code, message; at most :data:`MAX_PROBLEMS` lines, while
    ``problem_counts`` counts every one); ``blocking`` lists what stops the whole
    file (a mapping problem, or dates whose order someone must choose)."""

    source: Source
    mapping: Mapping
    day_first: bool | None = None
    date_order: DateOrder | None = None
    rows_read: int = 0
    accepted: int = 0
    rejected: int = 0
    already_imported: int = 0
    duplicate_in_file: int = 0
    problems: pd.DataFrame = field(default_factory=_no_problems)
    problem_counts: dict[str, int] = field(default_factory=dict)
    problem_messages: dict[str, str] = field(default_factory=dict)
    unknown_units: dict[str, int] = field(default_factory=dict)
    unknown_touchpoints: dict[str, int] = field(default_factory=dict)
    to_create: dict[str, list[str]] = field(default_factory=lambda: {"units": [], "touchpoints": []})
    blocking: list[ImportProblem] = field(default_factory=list)
    notes: list[ImportProblem] = field(default_factory=list)  # what was imported other than it was written
    truncated: int = 0
    truncated_rows: list[int] = field(default_factory=list)  # the first NOTED_ROWS of them
    dry_run: bool = True
    batch_id: int | None = None
    written: int = 0
    follow_ups_opened: int = 0
    # Comments to import that hold each kind of personal detail (analysis.pii.count).
    personal_data: dict[str, int] = field(default_factory=lambda: dict.fromkeys((*pii.KINDS, "any"), 0))
    segments: list[segments.Decision] = field(default_factory=list)
    scores_with_comment: int = 0  # rows whose only problem is an invalid score, with a comment
    kept_rows: list[int] = field(default_factory=list)  # the first of them, when kept as comments
    comments_written: int = 0
    comments_tagged: int = 0
    themes_created: int = 0
    earlier_comments_tagged: int = 0
    follow_ups_too_old: int = 0
    follow_ups_newest_old: datetime | None = None
    follow_up_window: int | None = None

    def summary(self) -> pd.DataFrame:
        """Problems per code, most frequent first: code, count, message."""
        rows = [(code, count, self.problem_messages.get(code, ALL_MESSAGES.get(code, "")))
                for code, count in self.problem_counts.items()]
        frame = pd.DataFrame(rows, columns=["code", "count", "message"])
        return frame.sort_values(["count", "code"], ascending=[False, True], ignore_index=True)

    def problems_csv(self) -> bytes:
        """The problem lines as CSV for Excel: UTF-8 with a byte-order mark, and
        every cell that a spreadsheet would run as a formula prefixed with '."""
        safe = self.problems.astype(object).map(
            lambda cell: "'" + cell if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell)
        return safe.to_csv(index=False).encode("utf-8-sig")

    def _add_problems(self, lines: pd.DataFrame) -> None:
        for code, count in lines["code"].value_counts().items():
            self.problem_counts[code] = self.problem_counts.get(code, 0) + int(count)
        for code, message in lines.drop_duplicates("code")[["code", "message"]].itertuples(index=False):
            self.problem_messages.setdefault(code, message)
        room = MAX_PROBLEMS - len(self.problems)
        if room > 0 and len(lines):
            kept = lines.iloc[:room]
            self.problems = kept if not len(self.problems) else pd.concat([self.problems, kept],
                                                                          ignore_index=True)


# --- reference data ------------------------------------------------------------------------

def name_key(names: pd.Series) -> pd.Series:
    """How names are matched: case and runs of white space do not matter."""
    codes, uniques = pd.factorize(names)
    keys = [" ".join(name.split()).casefold() for name in uniques]
    return pd.Series(keys, dtype=object).take(codes).set_axis(names.index)


@dataclass
class _References:
    units: dict[str, tuple[int, bool]]  # name key -> (id, active unit)
    touchpoints: dict[str, int]  # key, Swedish or English name (as name keys) -> id
    touchpoint_keys: set[str]


def _references(connection: Connection) -> _References:
    units = {}
    for row in connection.execute(select(Unit.id, Unit.name, Unit.kind, Unit.active).order_by(Unit.id)):
        units.setdefault(" ".join(row.name.split()).casefold(),
                         (row.id, bool(row.active) and row.kind == "unit"))
    touchpoints, keys = {}, set()
    for row in connection.execute(select(Touchpoint.id, Touchpoint.key, Touchpoint.name_sv,
                                         Touchpoint.name_en).order_by(Touchpoint.id)):
        keys.add(row.key)
        for name in (row.key, row.name_sv, row.name_en):
            touchpoints.setdefault(" ".join(name.split()).casefold(), row.id)
    return _References(units, touchpoints, keys)


# --- checking ------------------------------------------------------------------------------

def validate(engine: Engine, source: Source, mapping: Mapping, *, progress: Progress | None = None,
             now: datetime | None = None, allowed_unit_ids: frozenset[int] | None = None) -> Report:
    """Check every row of ``source`` under ``mapping`` against the database and
    say what an import would do; nothing is written."""
    with scratch.scratch_file("import", ".sqlite") as path:
        return check_into(engine, source, mapping, path, progress=progress, now=now,
                          allowed_unit_ids=allowed_unit_ids)


def _now(now: datetime | None) -> datetime:
    now = now or datetime.now(timezone.utc)
    return now if now.tzinfo else now.replace(tzinfo=timezone.utc)


class _DatesInDoubt(Exception):
    """A chunk holds dates written day/month or month/day, and the whole column must
    be read first to know which (raised by :func:`_check` when reading the file once)."""


def _check(engine: Engine, source: Source, mapping: Mapping, spool: "_Spool", progress: Progress | None,
           now: datetime, allowed: frozenset[int] | None, *, dates_first: bool) -> Report:
    """Read every chunk of ``source``, parse and check it, spool the first
    occurrence of every key (with the rows themselves when the spool keeps them),
    and decide which attribute columns become segments. With ``dates_first`` the
    date column's day/month order is read from the whole file first, where the
    mapping does not give it; without, the file is read once and
    :class:`_DatesInDoubt` raised at the first chunk whose dates depend on that order."""
    from queries.settings import thresholds

    mapping = mapping.for_columns(source.columns)
    named = {column for column in mapping.fields.values() if column} | set(mapping.ignored)
    report = Report(source=source, mapping=mapping, blocking=mapping.validate(source.columns)
                    + files.unresolved_repeats(source, named))
    if report.blocking:
        return report
    tell = progress or (lambda _fraction, _stage: None)
    with engine.connect() as connection:
        refs = _references(connection)
        for name, known in (("unit", refs.units), ("touchpoint", refs.touchpoints)):
            default = mapping.default(name)
            if not mapping.fields[name] and not mapping.create_missing and name_key(
                    pd.Series([default])).iat[0] not in known:
                report.blocking.append(_problem(f"unknown_{name}", value=default))
                return report
        if mapping.default_date and not OLDEST <= pd.Timestamp(mapping.default_date, tz="UTC") <= pd.Timestamp(
                now) + timedelta(days=1):
            report.blocking.append(_problem("default_date_out_of_range", value=mapping.default_date))
            return report
        report.day_first = mapping.day_first
        dates = mapping.fields["responded_at"]
        in_doubt = report.day_first is None and bool(dates)
        dates_first = dates_first or (in_doubt and _day_month_dates(source, dates))
        if in_doubt and dates_first:
            report.date_order = _scan_date_order(source, mapping, tell)
            if report.date_order.needs_choice:
                report.blocking.append(_problem("date_order_ambiguous"))
                return report
            report.day_first = report.date_order.day_first
            in_doubt = False
        elif in_doubt:
            report.date_order = DateOrder()  # and stays so: a day/month date ends this pass
        begun = 0.2 if dates_first else 0.0  # the share of the progress the date pass took
        names = _Names()
        contact_columns = set(mapping.contacts.values())  # never compared as segments
        tallies = [segments.Tally(column, key) for column, key in mapping.attribute_keys().items()
                   if column not in contact_columns]
        for chunk in source.chunks(CHUNK_ROWS):
            if in_doubt and values.date_order(chunk[dates]).dmy_rows:  # the order would matter now
                raise _DatesInDoubt
            rows, attributes, lines, unknown, kept = _parse(chunk, mapping, report.day_first, refs, allowed, now)
            _cut_comments(rows, report)
            rows, duplicates = _first_occurrences(rows, spool, mapping)
            rows["existing"] = rows["key"].isin(_existing(connection, mapping.source, rows["key"].tolist()))
            spool.add(rows, attributes)
            report.personal_data = pii.count(rows.loc[~rows["existing"], "comment"], into=report.personal_data)
            names.add(unknown, rows[~rows["existing"]], refs)
            _count_attributes(tallies, rows[~rows["existing"]], attributes)
            lines = pd.concat([lines, duplicates], ignore_index=True) if len(duplicates) else lines
            report._add_problems(lines.sort_values("row", kind="stable", ignore_index=True))
            report.rows_read += len(chunk)
            report.rejected += lines["row"].nunique()
            report.duplicate_in_file += len(duplicates)
            report.already_imported += int(rows["existing"].sum())
            report.accepted += int((~rows["existing"]).sum())
            report.scores_with_comment += len(kept)
            if mapping.keep_comments:
                report.kept_rows += kept[:FIRST_PROBLEMS - len(report.kept_rows)]
            tell(begun + (1 - begun) * (source.fraction() or 0.0), "checking")
        stored = segments_stored(connection, [tally.key for tally in tallies])
    names.fill(report)
    if report.truncated:
        rows = ", ".join(map(str, report.truncated_rows))
        more = report.truncated > len(report.truncated_rows)
        report.notes.append(_problem("comment_truncated", count=report.truncated, limit=MAX_COMMENT,
                                     rows=rows + (", …" if more else "")))
    report.segments = segments.decisions(tallies, named=set(mapping.segments), stored=stored,
                                         min_responses=thresholds(engine).min_responses)
    return report


def _cut_comments(rows: pd.DataFrame, report: Report) -> None:
    """Cut the comments longer than :data:`MAX_COMMENT` characters, counting them
    (with their first rows) in ``report``."""
    long = rows["comment"].str.len() > MAX_COMMENT
    if long.any():
        rows.loc[long, "comment"] = rows.loc[long, "comment"].str.slice(0, MAX_COMMENT)
        report.truncated += int(long.sum())
        report.truncated_rows += rows.loc[long, "seq"].head(NOTED_ROWS - len(report.truncated_rows)).tolist()


def _count_attributes(tallies: list[segments.Tally], fresh: pd.DataFrame, attributes: pd.DataFrame) -> None:
    """Count the attribute values of the new rows ``fresh`` for the segment decisions."""
    if not tallies:
        return
    units = fresh.set_index("seq")["unit_key"]
    mine = attributes[attributes["seq"].isin(units.index)]
    for tally in tallies:
        part = mine[mine["key"] == tally.key]
        tally.add(part["value"], part["seq"].map(units), rows=len(fresh))


def segments_stored(connection: Connection, keys: list[str]) -> dict[str, segments.Stored]:
    """What the database holds for attribute ``keys`` already, for :func:`ingest.segments.decide`."""
    from queries import segments as stored_segments

    return {key: segments.Stored(**found) for key, found in
            stored_segments.stored(connection, keys, top=segments.MAX_VALUES + 1).items()}


class _Names:
    """The units and touchpoints a file names that the database lacks: unknown
    ones (first spelling, rows) and those its accepted rows would create."""

    def __init__(self) -> None:
        self.unknown: dict[str, dict[str, tuple[str, int]]] = {"units": {}, "touchpoints": {}}
        self.created: dict[str, dict[str, str]] = {"units": {}, "touchpoints": {}}

    def add(self, unknown: dict, fresh: pd.DataFrame, refs: _References) -> None:
        for kind, known, column in (("units", refs.units, "unit"), ("touchpoints", refs.touchpoints, "touchpoint")):
            for key, (name, count) in unknown[kind].items():
                first, total = self.unknown[kind].get(key, (name, 0))
                self.unknown[kind][key] = (first, total + count)
            for key, name in zip(fresh[f"{column}_key"], fresh[f"{column}_name"]):
                if key not in known:
                    self.created[kind].setdefault(key, name)

    def fill(self, report: Report) -> None:
        report.unknown_units = dict(self.unknown["units"].values())
        report.unknown_touchpoints = dict(self.unknown["touchpoints"].values())
        report.to_create = {kind: sorted(names.values()) for kind, names in self.created.items()}


def _day_month_dates(source: Source, column: str) -> bool:
    """Whether the first rows of ``source`` hold dates written day/month or month/day
    in ``column`` (then the whole column's order is read before the check)."""
    first = next(source.chunks(PEEK_ROWS), None)
    return first is not None and values.date_order(first[column]).dmy_rows > 0


def _scan_date_order(source: Source, mapping: Mapping, tell: Progress) -> DateOrder:
    """The day/month evidence of the whole date column."""
    evidence = DateOrder()
    for chunk in source.chunks(CHUNK_ROWS):
        evidence = evidence + values.date_order(chunk[mapping.fields["responded_at"]])
        tell(0.2 * (source.fraction() or 0.0), "reading dates")
    return evidence


def _parse(chunk: pd.DataFrame, mapping: Mapping, day_first: bool | None, refs: _References,
           allowed: frozenset[int] | None, now: datetime
           ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict, list[int]]:
    """The rows of a chunk without problems, ready to write (with their key), their
    attributes (seq, key, value), the problem lines, unknown units and touchpoints,
    and the rows whose only problem is an invalid score beside a comment (kept as
    comments when the mapping says so)."""
    columns = mapping.fields
    found: list[pd.DataFrame] = []

    def take(name: str, parsed: tuple[pd.Series, pd.DataFrame]) -> pd.Series:
        result, errors = parsed
        if len(errors):
            found.append(errors.assign(field=name))
        return result

    def flag(name: str | None, rows: pd.Series, code: str, **params) -> None:
        if rows.any():
            found.append(values.error_lines(chunk.index[rows], code, ALL_MESSAGES[code].format(**params))
                         .assign(field=name))

    def column(name: str) -> pd.Series:
        """The field's cells, the whole-file value in the empty ones (all of them without a column)."""
        default = mapping.default(name)
        if not columns[name]:
            return pd.Series(default or "", index=chunk.index, dtype=object)
        cells = chunk[columns[name]]
        return cells.where(~values.is_missing(cells), default) if default else cells

    dated = ~values.is_missing(chunk[columns["responded_at"]]) if columns["responded_at"] else \
        pd.Series(False, index=chunk.index)
    when = take("responded_at", values.parse_dates(column("responded_at"), day_first=day_first,
                                                   time_zone=mapping.time_zone, field=FIELD_LABELS["responded_at"]))
    flag("responded_at", when.notna() & ((when < OLDEST) | (when > now + timedelta(days=1))),
         "date_out_of_range")
    units = take("unit", values.parse_text(column("unit"), field="Unit", limit=UNIT_NAME, required=True))
    unit_keys = name_key(units.fillna(""))
    unit_state = unit_keys.map({key: _unit_state(key, refs, mapping.create_missing, allowed)
                                for key in unit_keys.unique()})
    for code in ("unknown_unit", "unit_not_importable", "unit_out_of_scope"):
        flag("unit", units.notna() & (unit_state == code), code)

    touchpoints = take("touchpoint", values.parse_text(
        column("touchpoint"), field="Touchpoint", limit=TOUCHPOINT_NAME)).fillna("")
    if columns["touchpoint"] and not mapping.default_touchpoint:
        flag("touchpoint", touchpoints == "", "missing_value", field="Touchpoint")
    touchpoint_keys = name_key(touchpoints)
    known_touchpoint = touchpoint_keys.isin(refs.touchpoints.keys())
    if not mapping.create_missing:
        flag("touchpoint", (touchpoints != "") & ~known_touchpoint, "unknown_touchpoint")

    channels = take("channel", values.parse_text(column("channel"), field="Channel", limit=40))
    channels = channels.str.lower().fillna(mapping.default_channel.lower())
    scores = {name: pd.Series(pd.NA, index=chunk.index, dtype="Int64") for name in SCORES}
    for name, (low, high) in (("nps", (0, 10)), ("csat", mapping.csat_range), ("scale10", values.SCALE10)):
        if columns[name]:
            scores[name] = take(name, values.parse_scores(chunk[columns[name]], low=low, high=high,
                                                          field=FIELD_LABELS[name]))
    if columns["sentiment"]:
        scores["sentiment"] = take("sentiment", values.parse_sentiments(chunk[columns["sentiment"]]))
    comments = take("comment", values.parse_text(column("comment"), field="Comment"))
    languages = take("language", values.parse_languages(column("language")))
    ids = take("external_id", values.parse_external_ids(chunk[columns["external_id"]])) \
        if columns["external_id"] else None
    feedback_errors = {index for frame in found if frame["field"].iat[0] in (*SCORES, "comment")
                       for index in frame["index"]}
    flag(None, pd.concat([score.isna() for score in scores.values()], axis=1).all(axis=1) & comments.isna()
         & ~chunk.index.isin(list(feedback_errors)), "no_feedback")
    found.append(_too_many_fields(chunk))

    errors = pd.concat(found, ignore_index=True)
    kept = _scores_beside_comments(errors, comments)
    if mapping.keep_comments:
        errors = errors[~(errors["index"].isin(kept) & errors["field"].isin(SCORES))]
    lines = _problem_lines(chunk, errors, columns)
    good = ~chunk.index.isin(errors["index"].unique())
    rows = pd.DataFrame({
        "seq": chunk[ROW], "unit_key": unit_keys, "unit_name": units.fillna(""),
        "touchpoint_key": touchpoint_keys, "touchpoint_name": touchpoints, "channel": channels,
        "responded_at": when, **scores, "comment": comments, "language": languages, "dated": dated,
    })[good]
    rows["key"] = ids[good] if ids is not None else _content_keys(rows)
    rows["responded_at"] = rows["responded_at"].astype("int64")  # microseconds since 1970, UTC
    unknown = {"units": _tally(unit_keys, units, unit_state == "unknown_unit"),
               "touchpoints": _tally(touchpoint_keys, touchpoints, (touchpoints != "") & ~known_touchpoint)}
    return rows, _attributes(chunk[good], mapping), lines, unknown, chunk.loc[kept, ROW].astype(int).tolist()


def _scores_beside_comments(errors: pd.DataFrame, comments: pd.Series) -> list:
    """The rows (chunk index) whose only problems are invalid scores, and that have a comment."""
    if errors.empty:
        return []
    scored = errors["field"].isin(SCORES)
    only_scores = set(errors.loc[scored, "index"]) - set(errors.loc[~scored, "index"])
    return sorted(index for index in only_scores if pd.notna(comments.get(index)))


def _too_many_fields(chunk: pd.DataFrame) -> pd.DataFrame:
    """Errors of the rows with more values than the header has columns."""
    extra = chunk.attrs.get("too_many_fields", {})
    rows = chunk[ROW].isin(list(extra))
    columns = len(chunk.columns) - 1
    return pd.DataFrame({"index": chunk.index[rows], "code": "too_many_fields", "field": None, "message": [
        files.MESSAGES["too_many_fields"].format(fields=extra[row], columns=columns) for row in chunk[ROW][rows]]})


def _tally(keys: pd.Series, names: pd.Series, rows: pd.Series) -> dict[str, tuple[str, int]]:
    """Name key -> (first spelling, rows) of the selected rows."""
    if not rows.any():
        return {}
    grouped = pd.DataFrame({"key": keys[rows], "name": names[rows]}).groupby("key", sort=False)["name"]
    return {key: (name, int(count)) for key, name, count in zip(
        grouped.first().index, grouped.first(), grouped.size())}


def _unit_state(key: str, refs: _References, create_missing: bool, allowed: frozenset[int] | None) -> str:
    """"ok", or the problem code of a unit name key."""
    if not key:
        return "ok"  # an empty unit is a missing value, reported as such
    if key not in refs.units:
        return "ok" if create_missing and allowed is None else "unknown_unit"
    unit_id, importable = refs.units[key]
    if not importable:
        return "unit_not_importable"
    return "ok" if allowed is None or unit_id in allowed else "unit_out_of_scope"


def _problem_lines(chunk: pd.DataFrame, errors: pd.DataFrame, columns: dict[str, str | None]) -> pd.DataFrame:
    """Problem lines (row, column, value, code, message) of a chunk's errors."""
    if not len(errors):
        return _no_problems()
    parts = []
    for name, group in errors.groupby(errors["field"].fillna(""), sort=False):
        column = columns.get(name) or "" if name else ""
        shown = (values.text(chunk.loc[group["index"], column]).str.slice(0, MAX_VALUE_SHOWN).to_numpy()
                 if column else [""] * len(group))
        parts.append(pd.DataFrame({"row": chunk.loc[group["index"], ROW].to_numpy(), "column": column,
                                   "value": shown, "code": group["code"].to_numpy(),
                                   "message": group["message"].to_numpy()}))
    return pd.concat(parts, ignore_index=True)


def _content_keys(rows: pd.DataFrame) -> pd.Series:
    """"sha256:" and the digest of what a row says: its moment in UTC (none when
    the date is the whole file's, so that a re-import with another date adds
    nothing), unit, touchpoint, channel, scores and comment. A 1–10 rating and a
    sentiment only enter when present, so rows without them keep their keys."""
    moment = rows["responded_at"].dt.strftime("%Y-%m-%dT%H:%M:%S.%fZ").where(rows["dated"], "")

    def text(name: str) -> pd.Series:
        return rows[name].astype(object).where(rows[name].notna(), "").astype(str)

    parts = [moment, rows["unit_key"], rows["touchpoint_key"], rows["channel"], text("nps"), text("csat"),
             rows["comment"].fillna("")]
    content = parts[0].astype(str)
    for part in parts[1:]:
        content = content + "\x1f" + part.astype(str)
    newer = rows["scale10"].notna() | rows["sentiment"].notna()
    content = content.where(~newer, content + "\x1f" + text("scale10") + "\x1f" + text("sentiment"))
    return pd.Series(["sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest() for text in content],
                     index=rows.index, dtype=object)


def _attributes(chunk: pd.DataFrame, mapping: Mapping) -> pd.DataFrame:
    """(seq, key, value) of every non-empty cell of the attribute columns."""
    parts = []
    for column, key in mapping.attribute_keys().items():
        cells = values.text(chunk[column]).str.slice(0, mappings.MAX_VALUE)
        kept = cells != ""
        parts.append(pd.DataFrame({"seq": chunk.loc[kept, ROW], "key": key, "value": cells[kept]}))
    if not parts:
        return pd.DataFrame({"seq": pd.Series(dtype="int64"), "key": [], "value": []})
    return pd.concat(parts, ignore_index=True)


def _first_occurrences(rows: pd.DataFrame, spool: "_Spool", mapping: Mapping) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows whose key appears for the first time in the file, and problem
    lines for the later ones."""
    repeated = rows["key"].duplicated()
    first_rows = rows.loc[~repeated]
    earlier = spool.first_rows(first_rows["key"].tolist())
    seen = dict(zip(first_rows["key"], first_rows["seq"]))
    seen.update(earlier)
    later = rows[repeated | rows["key"].isin(earlier.keys())]
    column = mapping.fields["external_id"] or ""
    duplicates = pd.DataFrame({
        "row": later["seq"].to_numpy(dtype="int64"), "column": column,
        "value": later["key"].to_numpy() if column else "",
        "code": "duplicate_in_file",
        "message": [MESSAGES["duplicate_in_file"].format(first=seen[key]) for key in later["key"]],
    }) if len(later) else _no_problems()
    return first_rows[~first_rows["key"].isin(earlier.keys())].copy(), duplicates


def _existing(connection: Connection, source: str, keys: list[str]) -> set[str]:
    """Which of ``keys`` the database holds for ``source`` already."""
    found: set[str] = set()
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    for first in range(0, len(keys), LOOKUP_CHUNK):
        part = keys[first:first + LOOKUP_CHUNK]
        # Plain driver SQL: SQLAlchemy would compile a thousand bound parameters per lookup;
        # PostgreSQL takes them as one array (a third faster than a thousand parameters).
        if connection.dialect.name == "postgresql":
            statement, parameters = "SELECT external_id FROM responses WHERE source = %s AND external_id = ANY(%s)", \
                (source, part)
        else:
            statement = (f"SELECT external_id FROM responses WHERE source = {mark} AND external_id "
                         f"IN ({', '.join([mark] * len(part))})")
            parameters = (source, *part)
        found.update(connection.exec_driver_sql(statement, parameters).scalars())
    return found


SPOOL_CACHE_KIB = 65_536  # the spool's page cache: its key index stays in memory to about a million rows


class _Spool:
    """The first occurrence of every key in the file (and, to write them, the
    checked rows) in a SQLite file at ``path``, so memory stays flat at any size.
    The file is one of :mod:`ingest.scratch`; whoever chose ``path`` removes it."""

    COLUMNS = ("seq", "key", "existing", "unit_key", "unit_name", "touchpoint_key", "touchpoint_name",
               "channel", "responded_at", "nps", "csat", "scale10", "sentiment", "comment", "language")

    def __init__(self, keep_rows: bool, path: Path):
        self.keep_rows = keep_rows
        self.db = sqlite3.connect(path)
        self.db.executescript(
            f"PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-{SPOOL_CACHE_KIB};"
            # seq, the row's line in the file, is the table's rowid: rows arrive in its order
            f"CREATE TABLE IF NOT EXISTS rows (seq INTEGER PRIMARY KEY, {', '.join(self.COLUMNS[1:])}, UNIQUE (key));"
            "CREATE TABLE IF NOT EXISTS attributes (seq, key, value);"
            "CREATE INDEX IF NOT EXISTS attributes_seq ON attributes (seq);")

    def __enter__(self) -> "_Spool":
        return self

    def __exit__(self, *_exc) -> None:
        self.db.close()

    def clear(self) -> None:
        """Forget every row spooled so far (a check that starts again)."""
        self.db.executescript("DELETE FROM rows; DELETE FROM attributes;")

    def first_rows(self, keys: list[str]) -> dict[str, int]:
        """Key -> row of the keys spooled already."""
        found: dict[str, int] = {}
        for first in range(0, len(keys), 500):
            part = keys[first:first + 500]
            found.update(self.db.execute(
                f"SELECT key, seq FROM rows WHERE key IN ({', '.join('?' * len(part))})", part).fetchall())
        return found

    def add(self, rows: pd.DataFrame, attributes: pd.DataFrame) -> None:
        names = self.COLUMNS if self.keep_rows else ("seq", "key", "existing")
        frame = rows[list(names)].astype(object)
        frame = frame.where(frame.notna(), None)
        self.db.executemany(f"INSERT INTO rows ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                            frame.itertuples(index=False, name=None))
        if self.keep_rows:
            kept = attributes[attributes["seq"].isin(rows.loc[~rows["existing"], "seq"])]
            self.db.executemany("INSERT INTO attributes VALUES (?, ?, ?)",
                                kept.astype(object).itertuples(index=False, name=None))
        self.db.commit()

    def new_rows(self, size: int) -> Iterator[tuple[list[tuple], list[tuple[int, str, str]]]]:
        """The rows to write, ``size`` at a time, each batch with its attributes
        (seq, key, value) in row order."""
        last = 0
        while rows := self.db.execute(
                f"SELECT {', '.join(self.COLUMNS)} FROM rows WHERE existing = 0 AND seq > ? "
                "ORDER BY seq LIMIT ?", (last, size)).fetchall():
            last = rows[-1][0]
            yield rows, self.db.execute("SELECT seq, key, value FROM attributes WHERE seq BETWEEN ? AND ? "
                                        "ORDER BY seq, rowid", (rows[0][0], last)).fetchall()

    def new_count(self) -> int:
        """How many rows to write the spool holds."""
        return self.db.execute("SELECT COUNT(*) FROM rows WHERE existing = 0").fetchone()[0]

    def new_names(self, kind: str) -> dict[str, str]:
        """Name key -> first spelling of the units or touchpoints of the rows to write."""
        return {key: name for key, name, _first in self.db.execute(  # SQLite: name from the MIN(seq) row
            f"SELECT {kind}_key, {kind}_name, MIN(seq) FROM rows WHERE existing = 0 GROUP BY {kind}_key")}


# --- writing -------------------------------------------------------------------------------

def run_import(engine: Engine, source: Source, mapping: Mapping, *, user_id: int | None = None,
               dry_run: bool = False, progress: Progress | None = None, now: datetime | None = None,
               allowed_unit_ids: frozenset[int] | None = None) -> Report:
    """Check ``source`` like :func:`validate`, then (unless ``dry_run``, blocked or
    with nothing to add) write in one transaction: the batch, the responses and
    their attributes, the units and touchpoints to create, the daily counts of the
    days touched, the themes of the new comments and their follow-up cases, and a
    new data version. Any failure leaves the database as it was.

    ``allowed_unit_ids`` (a manager importing for their units): rows of other
    units are rejected and no unit is created."""
    now = _now(now)
    tell = progress or (lambda _fraction, _stage: None)
    with scratch.scratch_file("import", ".sqlite") as path:
        report = check_into(engine, source, mapping, path, dry_run=dry_run, now=now,
                            progress=lambda fraction, stage: tell(0.5 * fraction, stage),
                            allowed_unit_ids=allowed_unit_ids)
        return write_checked(engine, report, path, user_id=user_id, progress=tell, now=now,
                             allowed_unit_ids=allowed_unit_ids)


def check_into(engine: Engine, source: Source, mapping: Mapping, path: Path, *, dry_run: bool = True,
               progress: Progress | None = None, now: datetime | None = None,
               allowed_unit_ids: frozenset[int] | None = None) -> Report:
    """:func:`run_import`'s checking half: the report, with the checked rows left
    in the SQLite file at ``path`` (unless ``dry_run``) for :func:`write_checked`."""
    with _Spool(keep_rows=not dry_run, path=path) as spool:
        # Most exports write ISO dates, whose reading does not depend on the day/month
        # order: the file is read once. Dates like 03/04/2025 need the whole column's order
        # first, so a file with them is read twice (the order, then the check); when they
        # first appear after the rows _check looks at first, its check starts again.
        try:
            report = _check(engine, source, mapping, spool, progress, _now(now), allowed_unit_ids,
                            dates_first=False)
        except _DatesInDoubt:
            spool.clear()
            report = _check(engine, source, mapping, spool, progress, _now(now), allowed_unit_ids,
                            dates_first=True)
    report.dry_run = dry_run
    return report


def write_checked(engine: Engine, report: Report, path: Path, *, user_id: int | None = None,
                  progress: Progress | None = None, now: datetime | None = None,
                  allowed_unit_ids: frozenset[int] | None = None) -> Report:
    """:func:`run_import`'s writing half: write the rows :func:`check_into` left
    at ``path``, unless the report is a dry run, blocked or has nothing to add."""
    tell = progress or (lambda _fraction, _stage: None)
    if not (report.dry_run or report.blocking or not report.accepted):
        with _Spool(keep_rows=True, path=path) as spool:
            # A spool file removed from the disk meanwhile (a cleaner of temporary folders)
            # opens as a new, empty one: refuse it, rather than write nothing and call it done.
            if (found := spool.new_count()) != report.accepted:
                raise _problem("checked_rows_gone", found=found, expected=report.accepted)
            try:
                _write(engine, report, spool, user_id, _now(now), allowed_unit_ids, tell)
            except IntegrityError as error:
                raise _problem("write_conflict") from error
    tell(1.0, "done")
    return report


# --- in a worker process -----------------------------------------------------------------------
# What the admin page and the command line call: the file is read and checked in a worker
# process with memory and time limits (ingest.worker), the writing happens here.

@contextmanager
def _on_disk(data: bytes | Path, file_name: str) -> Iterator[Path]:
    """The file as a path: itself, or its bytes in a temporary file removed afterwards."""
    if isinstance(data, Path):
        yield data
    else:
        with scratch.scratch_file("upload", Path(file_name).suffix[:10], data) as path:
            yield path


def _open_job(path: str, file_name: str, options: dict, preview_rows: int, *,
              progress: Progress) -> tuple[Source, pd.DataFrame]:
    source = files.open_source(Path(path), file_name, **options)
    return source, source.preview(preview_rows)


def open_file(data: bytes | Path, file_name: str, *, encoding: str | None = None, sheet: str | None = None,
              delimiter: str | None = None, max_bytes: int | None = None, preview_rows: int = 20,
              limits: worker.Limits | None = None) -> tuple[Source, pd.DataFrame]:
    """:func:`ingest.files.open_source` and the first ``preview_rows`` rows, read
    in a worker process under ``limits``; ImportProblem says what is wrong."""
    options = {"encoding": encoding, "sheet": sheet, "delimiter": delimiter, "max_bytes": max_bytes}
    with _on_disk(data, file_name) as path:
        return worker.run(_open_job, str(path), file_name, options, preview_rows, limits=limits)


def _check_job(url: str, path: str, source: Source, mapping: Mapping, spool: str, dry_run: bool, now: datetime,
               allowed: frozenset[int] | None, *, progress: Progress) -> Report:
    from queries.db import make_engine

    engine = make_engine(url)
    try:
        opened = files.open_source(Path(path), source.file_name, encoding=source.encoding, sheet=source.sheet,
                                   delimiter=source.delimiter)
        return check_into(engine, opened, mapping, Path(spool), dry_run=dry_run, progress=progress, now=now,
                          allowed_unit_ids=allowed)
    finally:
        engine.dispose()


def check_file(engine: Engine, data: bytes | Path, source: Source, mapping: Mapping, *, dry_run: bool = True,
               user_id: int | None = None, progress: Progress | None = None, now: datetime | None = None,
               allowed_unit_ids: frozenset[int] | None = None, limits: worker.Limits | None = None) -> Report:
    """:func:`validate` (``dry_run``) or :func:`run_import` of the file that
    :func:`open_file` opened as ``source``: read and checked in a worker process
    under ``limits``, the accepted rows then written here."""
    now = _now(now)
    tell = progress or (lambda _fraction, _stage: None)
    share = 1.0 if dry_run else 0.5
    url = engine.url.render_as_string(hide_password=False)
    with _on_disk(data, source.file_name) as path, scratch.scratch_file("import", ".sqlite") as spool:
        report = worker.run(_check_job, url, str(path), source, mapping, str(spool), dry_run, now,
                            allowed_unit_ids, limits=limits,
                            progress=lambda fraction, stage: tell(share * fraction, stage))
        report.source = source  # as detected when opened (an unsure encoding stays unsure)
        return write_checked(engine, report, spool, user_id=user_id, progress=tell, now=now,
                             allowed_unit_ids=allowed_unit_ids)


def _write(engine: Engine, report: Report, spool: _Spool, user_id: int | None, now: datetime,
           allowed: frozenset[int] | None, tell: Progress) -> None:
    from queries import rollup, segments as segment_queries
    from queries.db import analyze
    from queries.settings import bump_data_version

    mapping, source = report.mapping, report.source
    with engine.begin() as connection, bulk.bulk_cache(connection):
        before = connection.execute(select(func.coalesce(func.sum(DailyCount.responses), 0))).scalar()
        refs = _references(connection)
        unit_ids = _unit_ids(connection, spool.new_names("unit"), refs, mapping.create_missing and allowed is None)
        touchpoint_ids = _touchpoint_ids(connection, spool.new_names("touchpoint"), refs, mapping.create_missing)
        batch_id = connection.execute(insert(ImportBatch).values(
            source=mapping.source, file_name=source.file_name[:255], created_by=user_id, created_at=now,
            rows_accepted=0, rows_rejected=report.rejected, mapping=_batch_settings(report),
        )).inserted_primary_key[0]
        new_ids: list[int] = []
        known: dict[str, str] = {}  # comment -> detected language, for repeated texts
        written_at = bulk.stored_datetime(connection, now)
        # An import larger than what the database holds builds the secondary indexes once, afterwards.
        with bulk.responses_load(connection, rebuild_indexes=report.accepted > before):
            for rows, attributes in spool.new_rows(WRITE_CHUNK):
                present = _existing(connection, mapping.source, [row[1] for row in rows])
                rows = [row for row in rows if row[1] not in present]
                report.accepted -= len(present)
                report.already_imported += len(present)
                if not rows:
                    continue
                ids = bulk.next_ids(connection, Response.__table__, len(rows))
                bulk.insert_rows(connection, Response.__table__, RESPONSE_COLUMNS, _responses(
                    connection, rows, ids, mapping.source, unit_ids, touchpoint_ids, batch_id, written_at, known))
                response_ids = dict(zip((row[0] for row in rows), ids))
                bulk.insert_rows(connection, ResponseAttribute.__table__, ("response_id", "key", "value"), [
                    (response_ids[seq], key, value) for seq, key, value in attributes if seq in response_ids])
                new_ids.extend(ids)
                tell(0.5 + 0.35 * len(new_ids) / max(1, report.accepted), "writing")
        rollup.add(connection, Response.import_batch_id == batch_id)  # the themes after the tagging
        segment_queries.record(connection, [(decision.key, decision.enabled, decision.reason)
                                            for decision in report.segments if decision.distinct], now)
        tell(0.9, "tagging")
        _tag(connection, report, new_ids, batch_id)
        _open_cases(connection, report, new_ids, now)
        connection.execute(update(ImportBatch).where(ImportBatch.id == batch_id)
                           .values(rows_accepted=len(new_ids)))
        audit.record(connection, user_id, "import", "import_batch", batch_id,
                     {"file": source.file_name, "source": mapping.source, "rows": len(new_ids),
                      "rejected": report.rejected, "follow_ups": report.follow_ups_opened})
        bump_data_version(connection)
    report.batch_id, report.written = batch_id, len(new_ids)
    if len(new_ids) > ANALYZE_GROWTH * before:
        analyze(engine)


def _tag(connection: Connection, report: Report, new_ids: list[int], batch_id: int) -> None:
    """Tag the new comments with the themes and add them to the theme rollups; with no
    themes yet, add the defaults first and tag every comment already in the database
    too (a whole retag, which rebuilds those rollups)."""
    from ingest import themes
    from queries import rollup

    mine = Response.import_batch_id == batch_id
    report.themes_created = themes.ensure_default_themes(connection)
    tagging = themes.retag(connection, None if report.themes_created else new_ids)
    if not report.themes_created:
        rollup.add_themes(connection, mine)
    report.notes += [_problem("theme_timeout", theme=slow.theme, pattern=slow.pattern, seconds=slow.seconds,
                              skipped=slow.skipped) for slow in tagging.timed_out]
    report.comments_written = connection.execute(select(func.count(Response.comment)).where(mine)).scalar() or 0
    report.comments_tagged = connection.execute(
        select(func.count(func.distinct(ResponseTheme.response_id)))
        .join(Response, Response.id == ResponseTheme.response_id).where(mine)).scalar() or 0
    if report.themes_created:
        report.earlier_comments_tagged = tagging.tagged - report.comments_tagged


def _open_cases(connection: Connection, report: Report, new_ids: list[int], now: datetime) -> None:
    """Open follow-up cases for the new critical feedback, and count what the
    rules' window leaves out (feedback given too long ago to call back)."""
    from queries import follow_ups

    rules = follow_ups.read_rules_in(connection)
    report.follow_ups_opened = follow_ups.apply_rules(connection, response_ids=new_ids, now=now,
                                                      rules=rules)["opened"]
    report.follow_up_window = rules.window_days
    report.follow_ups_too_old, report.follow_ups_newest_old = follow_ups.too_old(connection, new_ids, now, rules)


RESPONSE_COLUMNS = ("id", "source", "external_id", "unit_id", "touchpoint_id", "channel", "responded_at", "event_at",
                    "nps", "csat", "scale10", "sentiment", "comment", "language", "imported_at", "import_batch_id")


def _responses(connection: Connection, rows: list[tuple], ids: list[int], source: str, unit_ids: dict[str, int],
               touchpoint_ids: dict[str, int], batch_id: int, written_at, known: dict[str, str]) -> list[tuple]:
    """Spooled rows as the values of :data:`RESPONSE_COLUMNS` (``written_at``: now, as
    stored), each comment's language detected where the file gave none (``known``:
    :func:`ingest.language.complete`)."""
    from ingest import language

    (_seq, keys, _existing_, unit_keys, _unit_names, touchpoint_keys, _touchpoint_names, channels, moments,
     nps, csat, scale10, sentiment, comments, languages) = zip(*rows)
    languages = language.complete(comments, languages, known)
    responded = bulk.datetimes(connection, pd.to_datetime(pd.Series(moments, dtype="int64"), unit="us"))
    units = [unit_ids[key] for key in unit_keys]
    touchpoints = [touchpoint_ids[key] for key in touchpoint_keys]
    return list(zip(ids, repeat(source), keys, units, touchpoints, channels, responded, repeat(None), nps, csat,
                    scale10, sentiment, comments, languages, repeat(written_at), repeat(batch_id)))


def _unit_ids(connection: Connection, names: dict[str, str], refs: _References, may_create: bool) -> dict[str, int]:
    """Unit id per name key, creating the missing units (kind unit, no region) when allowed."""
    ids = {}
    for key, name in names.items():
        if key in refs.units and refs.units[key][1]:
            ids[key] = refs.units[key][0]
        elif key not in refs.units and may_create:
            ids[key] = connection.execute(insert(Unit).values(
                name=" ".join(name.split()), parent_id=None, kind="unit", active=True)).inserted_primary_key[0]
        else:
            raise _problem("write_conflict")
    return ids


def _touchpoint_ids(connection: Connection, names: dict[str, str], refs: _References,
                    may_create: bool) -> dict[str, int]:
    """Touchpoint id per name key, creating the missing ones (key slugified from the name)."""
    ids, taken = {}, set(refs.touchpoint_keys)
    order = connection.execute(select(func.coalesce(func.max(Touchpoint.sort_order), 0))).scalar()
    for key, name in names.items():
        if key in refs.touchpoints:
            ids[key] = refs.touchpoints[key]
            continue
        if not may_create:
            raise _problem("write_conflict")
        slug = unique_slug(name, taken)
        taken.add(slug)
        order += 1
        clean = " ".join(name.split())
        ids[key] = connection.execute(insert(Touchpoint).values(
            key=slug, name_sv=clean, name_en=clean, sort_order=order)).inserted_primary_key[0]
    return ids


def unique_slug(name: str, taken: set[str]) -> str:
    """A touchpoint key from a name: ASCII lower case and underscores, at most 40
    characters, not one of ``taken``."""
    slug = "_".join(mappings.fold(name).split())[:TOUCHPOINT_KEY] or "touchpoint"
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug[:TOUCHPOINT_KEY - len(str(number)) - 1]}_{number}"
    return candidate


def _batch_settings(report: Report) -> dict:
    """What the batch was read with: the mapping, the day/month order used and the file's format."""
    source = report.source
    return {**report.mapping.to_dict(), "day_first_used": report.day_first,
            "segment_keys": [decision.key for decision in report.segments],
            "file": {"kind": source.kind, "encoding": source.encoding, "delimiter": source.delimiter,
                     "sheet": source.sheet}}


# --- batches -------------------------------------------------------------------------------

def rollback(engine: Engine, batch_id: int, *, user_id: int | None = None, now: datetime | None = None) -> dict:
    """Take an imported batch out again, in one transaction: its responses (and
    with them their attributes, themes and follow-up cases), the daily counts of
    their days, a new data version; the batch stays, marked rolled back (by
    ``user_id``). Refuses unknown, demo and already rolled-back batches."""
    from queries import rollup, segments as segment_queries
    from queries.settings import bump_data_version

    with engine.begin() as connection:
        batch = connection.execute(select(ImportBatch.source, ImportBatch.rolled_back_at, ImportBatch.mapping)
                                   .where(ImportBatch.id == batch_id)).first()
        if batch is None:
            raise _problem("unknown_batch", batch_id=batch_id)
        if batch.source == "demo":
            raise _problem("demo_batch", batch_id=batch_id)
        if batch.rolled_back_at is not None:
            raise _problem("already_rolled_back", batch_id=batch_id)
        day = rollup.response_day(connection.dialect.name)
        days = sorted(_as_date(value) for value in connection.execute(
            select(day).where(Response.import_batch_id == batch_id).group_by(day)).scalars())
        deleted = connection.execute(delete(Response).where(Response.import_batch_id == batch_id)).rowcount
        for first, last in rollup.runs(days):
            rollup.refresh(connection, first, last)
        segment_queries.forget_unused(connection, (batch.mapping or {}).get("segment_keys", []))
        connection.execute(update(ImportBatch).where(ImportBatch.id == batch_id).values(
            rolled_back_at=_now(now), mapping={**(batch.mapping or {}), "rolled_back_by": user_id}))
        audit.record(connection, user_id, "rollback", "import_batch", batch_id,
                     {"responses_deleted": deleted, "days": len(days)})
        bump_data_version(connection)
    return {"batch_id": batch_id, "responses_deleted": deleted, "days": len(days)}


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def history(engine: Engine) -> pd.DataFrame:
    """Every batch, newest first: id, created_at, source, file_name, created_by
    (display name), created_by_id, rows_accepted, rows_rejected, rolled_back_at,
    responses (still present)."""
    present = (select(Response.import_batch_id, func.count().label("responses"))
               .group_by(Response.import_batch_id).subquery())
    query = (select(ImportBatch.id, ImportBatch.created_at, ImportBatch.source, ImportBatch.file_name,
                    User.display_name.label("created_by"), ImportBatch.created_by.label("created_by_id"),
                    ImportBatch.rows_accepted,
                    ImportBatch.rows_rejected, ImportBatch.rolled_back_at,
                    func.coalesce(present.c.responses, 0).label("responses"))
             .outerjoin(User, User.id == ImportBatch.created_by)
             .outerjoin(present, present.c.import_batch_id == ImportBatch.id)
             .order_by(ImportBatch.created_at.desc(), ImportBatch.id.desc()))
    columns = ["id", "created_at", "source", "file_name", "created_by", "created_by_id", "rows_accepted",
               "rows_rejected", "rolled_back_at", "responses"]
    with engine.connect() as connection:
        return pd.DataFrame(connection.execute(query).all(), columns=columns)


# --- the report as text --------------------------------------------------------------------

def report_lines(report: Report, *, suggestion: Suggestion | None = None) -> list[str]:
    """The report as lines of text: what was detected, the mapping (with why each
    column was suggested, when ``suggestion`` made it), the counts, the problems
    by kind and the first problems, which columns became segments and why, and
    what was written: themes and follow-up cases included."""
    source, mapping = report.source, report.mapping
    lines = [f"File: {source.file_name} ({source.kind.upper()}, {source.size_bytes:,} bytes)"]
    if source.kind == "csv":
        certainty = "" if source.encoding_certain else (
            " (a guess; also possible: " + ", ".join(source.encoding_candidates[1:]) + ")")
        delimiter = {",": "comma", ";": "semicolon", "\t": "tab"}[source.delimiter]
        lines.append(f"Encoding: {source.encoding}{certainty}; delimiter: {delimiter}")
    else:
        lines.append(f"Sheet: {source.sheet} (sheets: {', '.join(source.sheets)})")
    lines.append(source.row_note)
    lines += [f"Header column {position}: {original!r} is read as {new!r}"
              for position, original, new in source.header_changes]
    lines += _mapping_lines(report, suggestion)
    for problem in report.blocking:
        lines.append(f"Cannot import: {problem.message} [{problem.code}]")
    lines += [f"Note: {note.message} [{note.code}]" for note in report.notes]
    if report.blocking:
        return lines
    lines.append(f"Rows read: {report.rows_read:,}; accepted: {report.accepted:,}; rejected: "
                 f"{report.rejected:,} (of them duplicates within the file: {report.duplicate_in_file:,}); "
                 f"already imported: {report.already_imported:,}")
    if report.problem_counts:
        lines.append("Problems by kind:")
        lines += [f"  {row.code:<24} {row.count:>8,}  {row.message}" for row in report.summary().itertuples()]
        lines.append(f"First problems (of {sum(report.problem_counts.values()):,}):")
        for row in report.problems.head(FIRST_PROBLEMS).itertuples():
            where = f"row {row.row}" + (f", column {row.column!r}" if row.column else "")
            value = f" value {row.value!r}:" if row.value else ""
            lines.append(f"  {where}:{value} {row.message} [{row.code}]")
    if report.personal_data["any"]:
        lines.append(pii.report_line(report.personal_data))
    if report.scores_with_comment:
        lines.append(_kept_text(report))
    if report.unknown_units:
        lines.append("Units not found: " + _counted(report.unknown_units))
    if report.unknown_touchpoints and not mapping.create_missing:
        lines.append("Touchpoints not found: " + _counted(report.unknown_touchpoints))
    for kind, names in report.to_create.items():
        if names:
            lines.append(f"{'Would create' if report.batch_id is None else 'Created'} {kind}: " + ", ".join(names))
    if report.segments:
        lines.append("Segments (the other columns, kept with each response):")
        lines += [f"  {decision.column}: {decision.text}" for decision in report.segments]
    if report.dry_run:
        lines.append("Dry run: nothing written.")
    elif report.batch_id is not None:
        lines.append(f"Imported {report.written:,} rows as batch {report.batch_id}.")
        lines.append(_themes_text(report))
        lines.append(_follow_up_text(report))
    elif report.already_imported and not report.accepted:
        lines.append(f"Nothing new: the {_rows(report.already_imported)} without problems were imported before.")
    else:
        lines.append("Nothing imported: no row is both new and without problems.")
    return lines


def _mapping_lines(report: Report, suggestion: Suggestion | None) -> list[str]:
    mapping = report.mapping
    lines = ["Mapping (suggested from the column names and values):" if suggestion else "Mapping:"]
    for name, label in FIELD_LABELS.items():
        column, default = mapping.fields[name], mapping.default(name)
        why = suggestion.why(name) if suggestion else None
        if column:
            lines.append(f"  {label:<12} <- {column}" + (f": {why.text}" if why else ""))
        elif default:
            lines.append(f"  {label:<12} =  {default} (every row)")
    if suggestion:
        lines += [f"  Not used: {reason.column!r} {reason.text}" for reason in suggestion.passed_over()]
    contacts = {kind: column for kind, column in mapping.contacts.items() if column}
    if contacts:
        lines.append("  Contact details: " + ", ".join(f"{kind} <- {column}" for kind, column in contacts.items())
                     + (" (shown on follow-up cases only where the customer consented)" if "consent" in contacts
                        else " (no consent column: never shown)"))
    if mapping.ignored:
        lines.append("  Ignored: " + ", ".join(mapping.ignored))
    if report.blocking and mapping.attributes:
        lines.append("  Kept with each response: " + ", ".join(mapping.attributes))
    scales = {"nps": "NPS 0-10", "csat": f"satisfaction 1-5{' (stars)' if mapping.csat_scale == 'stars' else ''}",
              "scale10": "rating 1-10", "sentiment": "sentiment positive/neutral/negative (1/0/-1)"}
    read = [scale for name, scale in scales.items() if mapping.fields[name]]
    lines.append("  Read as: " + "; ".join([*read, f"source {mapping.source!r}", f"time zone {mapping.time_zone}"]))
    lines.append("  Dates: " + _order_text(report))
    return lines


def _kept_text(report: Report) -> str:
    count = _rows(report.scores_with_comment)
    if report.mapping.keep_comments:
        rows = ", ".join(map(str, report.kept_rows))
        more = " …" if report.scores_with_comment > len(report.kept_rows) else ""
        return (f"Kept as comments without their score: {count} whose only problem is an invalid score "
                f"(rows {rows}{more}).")
    return (f"Rejected with an invalid score although they have a comment: {count}; import with "
            f"--keep-comments (or tick \"keep comments\") to keep their comments without the score.")


def _themes_text(report: Report) -> str:
    text = (f"Themes: {report.comments_tagged:,} of the {report.comments_written:,} new comments have at "
            "least one theme.")
    if report.themes_created:
        text += f" There were no themes yet: the {report.themes_created} default themes were added"
        text += (f", and {report.earlier_comments_tagged:,} earlier comments tagged too."
                 if report.earlier_comments_tagged else ".")
    return text


def _follow_up_text(report: Report) -> str:
    window = report.follow_up_window
    text = (f"Follow-up: {report.follow_ups_opened:,} cases opened for critical feedback from the last "
            f"{window} days; their deadlines count from its arrival in Insikt now, not from when it was "
            "written.") if report.follow_ups_opened else (
        "Follow-up: no cases opened.")
    if report.follow_ups_too_old:
        newest = report.follow_ups_newest_old
        text += (f" {report.follow_ups_too_old:,} critical responses are older than the rules' {window} days "
                 f"(the newest from {newest:%Y-%m-%d}): too late to call back, so they open no case.")
    return text


def _order_text(report: Report) -> str:
    evidence = report.date_order
    if report.mapping.day_first is not None:
        return ("day before month" if report.mapping.day_first else "month before day") + " (as chosen)"
    if evidence is None or report.day_first is None:
        return "no dates with day and month in doubt" if not report.blocking else "order not known"
    order = "day before month" if report.day_first else "month before day"
    mixed = " (some rows the other way round: rejected)" if evidence.mixed else ""
    return f"{order} (detected: {evidence.day_first_rows:,} rows day first, " \
           f"{evidence.month_first_rows:,} month first){mixed}"


def _counted(names: dict[str, int]) -> str:
    ranked = sorted(names.items(), key=lambda item: (-item[1], item[0]))
    shown = ", ".join(f"{name!r} ({_rows(count)})" for name, count in ranked[:10])
    return shown + (f" and {len(ranked) - 10:,} more" if len(ranked) > 10 else "")


def _rows(count: int) -> str:
    return f"{count:,} row" + ("" if count == 1 else "s")


def exit_code(report: Report) -> int:
    """0: imported (or nothing new to import); 1: nothing could be imported;
    2: the mapping or the dates' order must be settled first."""
    if report.blocking:
        return 2
    return 1 if not report.accepted and not report.already_imported else 0


# --- command line --------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.load",
                                     description="Import a feedback export (CSV or Excel) into Insikt.")
    parser.add_argument("file", nargs="?", help="the export to import (.csv, .txt, .tsv or .xlsx)")
    parser.add_argument("--mapping", help="a saved mapping (YAML); default: suggested from the column names "
                                          "and values")
    parser.add_argument("--save-mapping", help="write the mapping used to this YAML file")
    parser.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    parser.add_argument("--create-missing", action="store_true", help="create unknown units and touchpoints")
    parser.add_argument("--database-url", help="target database (default: configured)")
    parser.add_argument("--encoding", help="the file's text encoding (default: detected)")
    parser.add_argument("--sheet", help="the Excel sheet (default: the first)")
    order = parser.add_mutually_exclusive_group()
    order.add_argument("--day-first", dest="day_first", action="store_const", const=True, default=None,
                       help="dates like 03/04/2025 are 3 April")
    order.add_argument("--month-first", dest="day_first", action="store_const", const=False,
                       help="dates like 03/04/2025 are 4 March")
    parser.add_argument("--source", help="where the file comes from (with the id: what makes re-imports safe)")
    parser.add_argument("--unit", help="the unit of every row, when no column has it (or its cell is empty)")
    parser.add_argument("--date", help="the date (YYYY-MM-DD) of every row, when no column has it")
    parser.add_argument("--touchpoint", help="the touchpoint of every row, when no column has it")
    parser.add_argument("--channel", help="the channel of every row, when no column has it (default: import)")
    parser.add_argument("--language", choices=("sv", "en"), help="the language of every row, when no column has it")
    parser.add_argument("--segment", action="append", metavar="COLUMN",
                        help="compare this column as a segment whatever its values (repeat for more)")
    parser.add_argument("--keep-comments", action="store_true",
                        help="keep a row whose score is invalid as a comment without that score")
    parser.add_argument("--report", help="write every problem to this CSV file")
    parser.add_argument("--rollback", type=int, metavar="BATCH_ID", help="take an imported batch out again")
    args = parser.parse_args(argv)
    if (args.file is None) == (args.rollback is None):
        parser.error("give either a FILE to import or --rollback BATCH_ID")
    from queries.db import DatabaseUnavailable, prepare

    scratch.remove_leftovers()
    try:
        engine = prepare(args.database_url, create=False)
    except DatabaseUnavailable as error:
        print(f"Cannot reach the database: {error}", file=sys.stderr)
        return 1
    if args.rollback is not None:
        try:
            done = rollback(engine, args.rollback)
        except ImportProblem as error:
            print(error.message, file=sys.stderr)
            return 1
        print(f"Rolled back batch {done['batch_id']}: {done['responses_deleted']:,} responses deleted.")
        return 0
    path = Path(args.file)
    try:
        if not path.is_file():
            raise FileNotFoundError(f"no such file: {path}")
        source, preview = open_file(path, path.name, encoding=args.encoding, sheet=args.sheet,
                                    preview_rows=SAMPLE_ROWS)
        sample = None if args.mapping else preview
    except (ImportProblem, OSError) as error:
        print(f"Cannot read {path}: {getattr(error, 'message', error)}", file=sys.stderr)
        _encoding_hint(error)
        return 1
    suggestion = None
    try:
        if args.mapping:
            chosen = Mapping.from_yaml(Path(args.mapping).read_text(encoding="utf-8"))
        else:
            suggestion = explain(source.columns, sample)
            chosen = suggestion.mapping
        overrides = {key: value for key, value in (
            ("day_first", args.day_first), ("source", args.source), ("default_unit", args.unit),
            ("default_date", args.date), ("default_touchpoint", args.touchpoint), ("default_channel", args.channel),
            ("default_language", args.language), ("create_missing", args.create_missing or None),
            ("keep_comments", args.keep_comments or None),
            ("segments", [*chosen.segments, *args.segment] if args.segment else None)) if value is not None}
        chosen = replace(chosen, **overrides)
    except (ImportProblem, OSError) as error:
        print(f"Bad mapping: {getattr(error, 'message', error)}", file=sys.stderr)
        return 2
    if args.save_mapping:
        Path(args.save_mapping).write_text(chosen.for_columns(source.columns).to_yaml(), encoding="utf-8")
    try:
        report = check_file(engine, path, source, chosen, dry_run=args.dry_run)
    except ImportProblem as error:
        print(f"Nothing imported: {error.message}", file=sys.stderr)
        _encoding_hint(error)
        return 1
    print("\n".join(report_lines(report, suggestion=suggestion)))
    if any(problem.code == "date_order_ambiguous" for problem in report.blocking):
        print("Add --day-first or --month-first.")
    if args.report:
        Path(args.report).write_bytes(report.problems_csv())
        print(f"Wrote {len(report.problems):,} problem lines to {args.report}.")
    return exit_code(report)


def _encoding_hint(error: Exception) -> None:
    """After a decoding failure: the option that reads the whole file."""
    if getattr(error, "code", None) == "encoding_error" and error.params.get("suggestion"):
        print(f"Add --encoding {error.params['suggestion']!r}.", file=sys.stderr)


if __name__ == "__main__":
    # Run the imported module, not this ``__main__`` copy of it: the worker
    # process receives functions such as _open_job by module name.
    from ingest import load

    sys.exit(load.main())
