"""Workshops: a team meeting on one unit's results, its agenda of pinned insights,
the team's proposals with their votes, and the actions the proposals became.

Who may do what is decided here, not only by the page's widgets:

* create a workshop, change its agenda or its record: managers for the units in
  their scope, leaders and admins for any unit; staff may not;
* add a proposal and vote: anyone whose scope holds the workshop's unit (staff
  take part in their team's workshop);
* turn a proposal into an action: whoever :func:`queries.actions.create_action`
  allows, with all its validation.

A workshop outside the caller's scope raises PermissionError (whether it exists
elsewhere is not said). Every write is one transaction. :func:`record_markdown`
is pure: it turns :func:`workshop_record` into a Markdown summary in which the
users' text can never become Markdown structure.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import pandas as pd
from sqlalchemy import Engine, delete, func, insert, select, update

from queries.actions import create_action
from queries.schema import (
    Action, ActionEvent, Insight, Unit, User, Workshop, WorkshopInsight, WorkshopProposal,
)
from queries.scope import ALL_UNITS_ROLES, Scope
from queries.settings import bump_data_version
from queries.users import Account

WORKSHOP_COLUMNS = [
    "id", "unit_id", "unit", "held_on", "period_start", "period_end", "facilitator_id", "facilitator",
    "participants", "notes", "insights", "proposals", "actions",
]
AGENDA_FIELDS = [
    "id", "kind", "title", "metric", "scope_type", "scope_key", "estimate", "low", "high", "n",
    "comparator", "comparator_estimate", "period_start", "period_end", "filters",
]
PROPOSAL_FIELDS = [
    "id", "text", "votes", "action_id", "action_title", "action_owner", "action_due", "action_status",
]
# The default description of an action made from a proposal; the page may pass its own
# (fields: {date} of the workshop, {text} of the proposal, {votes}).
DESCRIPTION_TEMPLATE = "Proposed at the workshop on {date} ({votes} votes): {text}"

# Labels of :func:`record_markdown`; the page passes its translations, missing ones
# fall back to these. ``kind_*`` and ``status_*`` label insight kinds and action statuses,
# ``measure_*`` the measures by the app's own names.
DEFAULT_TEXTS = {
    "title": "Workshop",
    "facilitator": "Facilitator",
    "participants": "Participants",
    "period": "Period",
    "notes": "Notes",
    "actions": "What we decided",
    "no_actions": "No actions decided yet.",
    "what": "What",
    "owner": "Owner",
    "due": "Due",
    "next_check": "Next check",
    "agenda": "Insights discussed",
    "likely": "likely between {low} and {high}",
    "answers": "{n} answers",
    "comparator": "compared with",
    "together": "Goes with",
    "note": "Note",
    "proposals": "Ideas",
    "no_proposals": "No ideas.",
    "votes": "votes",
    "action": "Action",
    "no_action": "no action yet",
    "none": "–",
    "kind_strength": "Strength",
    "kind_weakness": "Weakness",
    "kind_trend": "Trend",
    "kind_emerging_issue": "Emerging issue",
    "kind_question": "Our question",
    "status_planned": "planned",
    "status_in_progress": "in progress",
    "status_done": "done",
    "status_cancelled": "cancelled",
    "measure_nps": "NPS",
    "measure_csat": "Share satisfied (4–5)",
    "measure_scale10": "Share rating 9–10",
    "measure_positive": "Share positive",
    "measure_share": "Share of comments",
}
# When an action's effect can first be read: this many weeks after its due date (the
# tracker's default window for "did it help").
CHECK_WEEKS = 8


# --- helpers --------------------------------------------------------------------------------------

def _as_date(value) -> date | None:
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])


def _number(value):
    return None if value is None else float(value)


def _id(value, what: str) -> int:
    """An id as a plain int (numpy integers included); anything else is a ValueError."""
    if isinstance(value, bool):
        raise ValueError(f"{what} must be an id, got {value!r}")
    try:
        return int(value.__index__())
    except (AttributeError, TypeError):
        raise ValueError(f"{what} must be an id, got {value!r}") from None


def _may_lead(actor: Account) -> None:
    if actor.role not in (*ALL_UNITS_ROLES, "manager"):
        raise PermissionError(f"{actor.display_name} ({actor.role}) may not run workshops; "
                              "a manager, leader or admin can.")


def _workshop(connection, scope: Scope, workshop_id):
    """The workshop row, or PermissionError when it is not in ``scope``."""
    workshop_id = _id(workshop_id, "workshop_id")
    row = connection.execute(select(Workshop.__table__).where(Workshop.id == workshop_id)).first()
    if row is None or not scope.allows(row.unit_id):
        raise PermissionError(f"no workshop {workshop_id} in your scope")
    return row


def _proposal(connection, scope: Scope, proposal_id):
    """(proposal row, workshop row), or PermissionError when not in ``scope``."""
    proposal_id = _id(proposal_id, "proposal_id")
    row = connection.execute(select(WorkshopProposal.__table__)
                             .where(WorkshopProposal.id == proposal_id)).first()
    if row is None:
        raise PermissionError(f"no proposal {proposal_id} in your scope")
    try:
        return row, _workshop(connection, scope, row.workshop_id)
    except PermissionError:
        raise PermissionError(f"no proposal {proposal_id} in your scope") from None


def _check_period(period_start, period_end) -> None:
    if (period_start is None) != (period_end is None):
        raise ValueError("give both the start and the end of the period, or neither")
    if period_start is not None and period_end < period_start:
        raise ValueError(f"the period ends ({period_end}) before it starts ({period_start})")


def _check_date(value, what: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValueError(f"{what} must be a date, got {value!r}")
    return value


# --- writes ---------------------------------------------------------------------------------------

def create_workshop(engine: Engine, scope: Scope, actor: Account, *, unit_id: int, held_on: date,
                    period_start: date | None, period_end: date | None, participants: str = "",
                    notes: str = "") -> int:
    """Record a new workshop of a unit in ``scope``, with ``actor`` as facilitator;
    returns its id. PermissionError for staff and for a unit outside the scope,
    ValueError for a date that is not a date or a period that ends before it starts."""
    _may_lead(actor)
    unit_id = _id(unit_id, "unit_id")
    if not scope.allows(unit_id):
        raise PermissionError(f"unit {unit_id} is outside your scope")
    held_on = _check_date(held_on, "held_on")
    _check_period(period_start, period_end)
    with engine.begin() as connection:
        workshop_id = connection.execute(insert(Workshop.__table__).values(
            unit_id=unit_id, held_on=held_on, facilitator_id=actor.id, participants=participants or "",
            notes=notes or "", period_start=period_start, period_end=period_end,
            created_at=datetime.now(timezone.utc),
        )).inserted_primary_key[0]
    return int(workshop_id)


def set_agenda(engine: Engine, scope: Scope, actor: Account, workshop_id: int, insight_ids: list[int]) -> None:
    """Make ``insight_ids`` the workshop's agenda, in this order (positions 0..n-1):
    reordering, dropping and adding are all this call, in one transaction.

    PermissionError for staff, for a workshop or any insight outside the scope;
    ValueError for an insight listed twice, or for dropping an insight that still
    has proposals (they would lose their place in the record)."""
    _may_lead(actor)
    ids = [_id(insight_id, "insight_id") for insight_id in insight_ids]
    twice = sorted({insight_id for insight_id in ids if ids.count(insight_id) > 1})
    if twice:
        raise ValueError(f"insight {', '.join(map(str, twice))} is on the agenda more than once")
    with engine.begin() as connection:
        workshop = _workshop(connection, scope, workshop_id)
        units = dict(connection.execute(select(Insight.id, Insight.unit_id).where(Insight.id.in_(ids))).all())
        outside = [insight_id for insight_id in ids if not scope.allows(units.get(insight_id, -1))]
        if outside:
            raise PermissionError(f"insight {', '.join(map(str, outside))} is not among the units you see")
        proposed = connection.execute(
            select(WorkshopProposal.insight_id, func.count())
            .where(WorkshopProposal.workshop_id == workshop.id, WorkshopProposal.insight_id.is_not(None))
            .group_by(WorkshopProposal.insight_id)).all()
        dropped = sorted(insight_id for insight_id, _count in proposed if insight_id not in ids)
        if dropped:
            raise ValueError(f"insight {', '.join(map(str, dropped))} has proposals; it cannot be "
                             "dropped from the agenda")
        connection.execute(delete(WorkshopInsight.__table__).where(WorkshopInsight.workshop_id == workshop.id))
        if ids:
            connection.execute(insert(WorkshopInsight.__table__), [
                {"workshop_id": workshop.id, "insight_id": insight_id, "position": position}
                for position, insight_id in enumerate(ids)])


def update_record(engine: Engine, scope: Scope, actor: Account, workshop_id: int, *,
                  participants: str | None = None, notes: str | None = None, held_on: date | None = None) -> None:
    """Change the participants, notes and date of a workshop in ``scope`` (None
    leaves a field as it is). PermissionError for staff and outside the scope."""
    _may_lead(actor)
    values = {}
    if participants is not None:
        values["participants"] = participants
    if notes is not None:
        values["notes"] = notes
    if held_on is not None:
        values["held_on"] = _check_date(held_on, "held_on")
    with engine.begin() as connection:
        workshop = _workshop(connection, scope, workshop_id)
        if values:
            connection.execute(update(Workshop.__table__).where(Workshop.id == workshop.id).values(**values))


def add_proposal(engine: Engine, scope: Scope, actor: Account, workshop_id: int, insight_id: int,
                 text: str) -> int:
    """Add the team's proposal for an insight on the workshop's agenda; returns its
    id. ValueError for a blank text or an insight not on the agenda;
    PermissionError for a workshop outside the scope."""
    if text is None or not str(text).strip():
        raise ValueError("A proposal needs a text: write what the team proposes to do.")
    text = str(text).strip()
    insight_id = _id(insight_id, "insight_id")
    with engine.begin() as connection:
        workshop = _workshop(connection, scope, workshop_id)
        on_agenda = connection.execute(select(WorkshopInsight.position).where(
            WorkshopInsight.workshop_id == workshop.id, WorkshopInsight.insight_id == insight_id)).first()
        if on_agenda is None:
            raise ValueError(f"insight {insight_id} is not on the agenda of this workshop")
        proposal_id = connection.execute(insert(WorkshopProposal.__table__).values(
            workshop_id=workshop.id, insight_id=insight_id, text=text, votes=0, action_id=None,
        )).inserted_primary_key[0]
    return int(proposal_id)


def vote(engine: Engine, scope: Scope, actor: Account, proposal_id: int, delta: int = 1) -> int:
    """Add ``delta`` (+1 or -1) to a proposal's votes, never below 0, in one guarded
    SQL update (``votes = votes + delta``), so votes cast at the same moment all
    count. Returns the votes after this one. PermissionError outside the scope."""
    if isinstance(delta, bool) or delta not in (1, -1):
        raise ValueError(f"a vote adds 1 or -1, not {delta!r}")
    with engine.begin() as connection:
        row, _workshop_row = _proposal(connection, scope, proposal_id)
        table = WorkshopProposal.__table__
        connection.execute(update(table).where(table.c.id == row.id, table.c.votes + delta >= 0)
                           .values(votes=table.c.votes + delta))
        return int(connection.execute(select(table.c.votes).where(table.c.id == row.id)).scalar_one())


def proposal_to_action(engine: Engine, scope: Scope, actor: Account, proposal_id: int, *, owner_id: int,
                       due_date: date, expected_effect: str | None = None, title: str | None = None,
                       description_template: str = DESCRIPTION_TEMPLATE, today: date | None = None) -> int:
    """Turn a proposal into an action through :func:`queries.actions.create_action`
    (all its validation and permission rules apply): the workshop's unit, the
    proposal's insight, ``title`` (default: the proposal's text) and a description
    naming the workshop's date; the action's id is stored on the proposal.

    ValueError when the proposal already has an action (also when someone else
    converted it meanwhile: the action made here is then removed again);
    PermissionError outside the scope; :class:`~queries.actions.ActionError` for a
    value the action cannot have. Returns the action's id."""
    with engine.connect() as connection:
        row, workshop = _proposal(connection, scope, proposal_id)
    if row.action_id is not None:
        raise ValueError(f"proposal {row.id} already became action {row.action_id}")
    description = description_template.format(date=_as_date(workshop.held_on).isoformat(), text=row.text,
                                              votes=row.votes)
    action_id = create_action(
        engine, scope, actor, insight_id=row.insight_id, unit_id=workshop.unit_id,
        title=row.text if title is None else title, description=description, owner_id=owner_id,
        due_date=due_date, expected_effect=expected_effect, today=today)
    with engine.begin() as connection:
        table = WorkshopProposal.__table__
        claimed = connection.execute(update(table).where(table.c.id == row.id, table.c.action_id.is_(None))
                                     .values(action_id=action_id)).rowcount
        if claimed != 1:  # converted by someone else meanwhile: undo ours
            connection.execute(delete(ActionEvent.__table__).where(ActionEvent.action_id == action_id))
            connection.execute(delete(Action.__table__).where(Action.id == action_id))
            bump_data_version(connection)
    if claimed != 1:
        raise ValueError(f"proposal {row.id} already became an action")
    return action_id


# --- reads ----------------------------------------------------------------------------------------

def _count(table, column, workshop_column, *conditions):
    return (select(func.count(column)).where(workshop_column == Workshop.id, *conditions)
            .correlate(Workshop).scalar_subquery().label(table))


def workshops_for(engine: Engine, scope: Scope, unit_ids=None) -> pd.DataFrame:
    """The workshops of the units in ``scope`` (narrowed to ``unit_ids`` when
    given), newest first, with the unit's and the facilitator's names and how many
    insights, proposals and (proposals turned into) actions each has.
    Columns: :data:`WORKSHOP_COLUMNS`; the date columns hold dates."""
    units = scope.unit_ids if unit_ids is None else scope.narrow(unit_ids).unit_ids
    if not units:
        return pd.DataFrame(columns=WORKSHOP_COLUMNS)
    query = (
        select(Workshop.id, Workshop.unit_id, Unit.name.label("unit"), Workshop.held_on, Workshop.period_start,
               Workshop.period_end, Workshop.facilitator_id, User.display_name.label("facilitator"),
               Workshop.participants, Workshop.notes,
               _count("insights", WorkshopInsight.insight_id, WorkshopInsight.workshop_id),
               _count("proposals", WorkshopProposal.id, WorkshopProposal.workshop_id),
               _count("actions", WorkshopProposal.action_id, WorkshopProposal.workshop_id))
        .join(Unit, Unit.id == Workshop.unit_id)
        .outerjoin(User, User.id == Workshop.facilitator_id)
        .where(Workshop.unit_id.in_(sorted(units)))
        .order_by(Workshop.held_on.desc(), Workshop.id.desc())
    )
    with engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(query).mappings().all(), columns=WORKSHOP_COLUMNS)
    for column in ("held_on", "period_start", "period_end"):
        frame[column] = frame[column].map(_as_date).astype(object)
    for column in ("insights", "proposals", "actions"):
        frame[column] = frame[column].astype("int64")
    return frame


def workshop_record(engine: Engine, scope: Scope, workshop_id: int) -> dict:
    """Everything about one workshop in ``scope``: its fields (id, unit_id, unit,
    held_on, period_start, period_end, facilitator_id, facilitator, participants,
    notes, created_at), ``agenda`` (the insights in agenda order, as dicts with
    :data:`AGENDA_FIELDS`) and ``proposals`` (insight id → its proposals, most
    votes first, as dicts with :data:`PROPOSAL_FIELDS`; every agenda insight has
    an entry). PermissionError for a workshop outside the scope."""
    owner = User.__table__.alias("action_owner")
    with engine.connect() as connection:
        workshop = _workshop(connection, scope, workshop_id)
        head = connection.execute(
            select(Workshop.id, Workshop.unit_id, Unit.name.label("unit"), Workshop.held_on,
                   Workshop.period_start, Workshop.period_end, Workshop.facilitator_id,
                   User.display_name.label("facilitator"), Workshop.participants, Workshop.notes,
                   Workshop.created_at)
            .join(Unit, Unit.id == Workshop.unit_id)
            .outerjoin(User, User.id == Workshop.facilitator_id)
            .where(Workshop.id == workshop.id)).mappings().one()
        agenda = connection.execute(
            select(*[getattr(Insight, field) for field in AGENDA_FIELDS])
            .join(WorkshopInsight, WorkshopInsight.insight_id == Insight.id)
            .where(WorkshopInsight.workshop_id == workshop.id)
            .order_by(WorkshopInsight.position, Insight.id)).mappings().all()
        proposals = connection.execute(
            select(WorkshopProposal.insight_id, WorkshopProposal.id, WorkshopProposal.text,
                   WorkshopProposal.votes, WorkshopProposal.action_id, Action.title.label("action_title"),
                   owner.c.display_name.label("action_owner"), Action.due_date.label("action_due"),
                   Action.status.label("action_status"))
            .outerjoin(Action, Action.id == WorkshopProposal.action_id)
            .outerjoin(owner, owner.c.id == Action.owner_id)
            .where(WorkshopProposal.workshop_id == workshop.id)
            .order_by(WorkshopProposal.votes.desc(), WorkshopProposal.id)).mappings().all()
    record = dict(head)
    for field in ("held_on", "period_start", "period_end"):
        record[field] = _as_date(record[field])
    items = []
    for item in agenda:
        item = dict(item)
        for field in ("estimate", "low", "high", "comparator_estimate"):
            item[field] = _number(item[field])
        item["period_start"], item["period_end"] = _as_date(item["period_start"]), _as_date(item["period_end"])
        items.append(item)
    record["agenda"] = items
    grouped: dict = {item["id"]: [] for item in items}
    for proposal in proposals:
        proposal = dict(proposal)
        insight_id = proposal.pop("insight_id")
        proposal["action_due"] = _as_date(proposal["action_due"])
        grouped.setdefault(insight_id, []).append(proposal)
    record["proposals"] = grouped
    return record


# --- Markdown summary -----------------------------------------------------------------------------

# What must be escaped so that users' text shows as written, and nothing more (a record
# full of "1\." and "Kö\-värd" is hard to read as plain text):
_ANYWHERE = re.compile(r"([\\`*\[\]<|$~])")  # code, emphasis, links, HTML, tables, formulas, strike
_UNDERSCORE = re.compile(r"(?<![0-9A-Za-zÀ-ÿ])_|_(?![0-9A-Za-zÀ-ÿ])")  # emphasis only at a word's edge
_ENTITY = re.compile(r"&(?=#?\w+;)")  # "&amp;" would show as "&"
_LINE_START = re.compile(r"^([#>+=-])")  # heading, quote, list, setext or thematic break
_ORDERED = re.compile(r"^(\d+)([.)])")  # an ordered list


def escape_markdown(text) -> str:
    """``text`` escaped just enough to show as written inside Markdown: backslash,
    backtick, ``* [ ] < | $ ~`` anywhere, ``_`` at the edge of a word, ``&`` before
    an entity name, and at the start of a line ``# > + = -`` and an ordered-list
    number ("1." becomes "1\\."). Each line is stripped of leading blanks (no code
    blocks). Line breaks stay: join the result's lines as suits the place."""
    lines = []
    for line in str(text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _ANYWHERE.sub(r"\\\1", line.strip())
        line = _UNDERSCORE.sub(r"\\_", line)
        line = _ENTITY.sub(r"\\&", line)
        line = _ORDERED.sub(r"\1\\\2", _LINE_START.sub(r"\\\1", line))
        lines.append(line)
    return "\n".join(lines)


def _inline(text) -> str:
    """User text for one line (a heading, a cell, a list item): line breaks become spaces."""
    return " ".join(part for part in escape_markdown(text).split("\n") if part)


def _block(text) -> str:
    """User text as paragraphs: lines kept with hard breaks, blank lines separate paragraphs."""
    paragraphs, current = [], []
    for line in escape_markdown(text).split("\n"):
        if line:
            current.append(line)
        elif current:
            paragraphs.append("  \n".join(current))
            current = []
    if current:
        paragraphs.append("  \n".join(current))
    return "\n\n".join(paragraphs)


def _figure(value, metric: str) -> str:
    """A figure as the app shows it: NPS in points, a share (0..1) in per cent; a
    real minus sign."""
    if value is None:
        return "–"
    text = f"{value:.0f}" if metric == "nps" else f"{value * 100:.0f}\u00a0%"
    return text.replace("-", "\u2212")


def _facts(insight: dict, label: dict) -> str:
    """One line of an insight's numbers: "NPS −12, likely between −20 and −4, 150 answers;
    compared with the rest of the organisation: 5"."""
    metric = insight.get("metric") or "nps"
    if insight.get("estimate") is None:
        return ""
    name = label.get(f"measure_{metric}") or _inline(metric)
    text = f"{name} {_figure(insight['estimate'], metric)}"
    if insight.get("low") is not None and insight.get("high") is not None and insight["low"] != insight["high"]:
        text += ", " + label["likely"].format(low=_figure(insight["low"], metric),
                                              high=_figure(insight["high"], metric))
    if insight.get("n") is not None:
        text += ", " + label["answers"].format(n=int(insight["n"]))
    comparator = insight.get("comparator")
    if comparator and insight.get("comparator_estimate") is not None:
        named = label.get(f"comparator_{comparator}") or _inline(comparator)
        text += f"; {label['comparator']} {named}: {_figure(insight['comparator_estimate'], metric)}"
    return text


def decided_actions(record: dict) -> list[dict]:
    """The actions the workshop's proposals became, in agenda order (most votes
    first within an item): title, owner, due, status."""
    found = []
    for insight in record.get("agenda") or []:
        for proposal in (record.get("proposals") or {}).get(insight.get("id")) or []:
            if proposal.get("action_id") is not None:
                found.append({"title": proposal.get("action_title"), "owner": proposal.get("action_owner"),
                              "due": _as_date(proposal.get("action_due")), "status": proposal.get("action_status")})
    return found


def record_markdown(record: dict, texts: dict[str, str]) -> str:
    """The workshop summary as Markdown, decisions first: a title with the unit
    and the date, the table of actions (what, owner, due, next check: when the
    tracker can first tell whether it helped, :data:`CHECK_WEEKS` after the due
    date), the facilitator, participants and period, each insight in agenda order
    with its numbers in words, its ideas (most votes first) and the actions they
    became, and the notes last.

    ``texts`` holds the labels (keys of :data:`DEFAULT_TEXTS`, plus
    ``comparator_*``; missing ones fall back to English). Everything users wrote is
    escaped with :func:`escape_markdown`, so it shows as written and cannot add
    headings, links, lists, quotes, tables or emphasis."""
    label = {**DEFAULT_TEXTS, **(texts or {})}
    none = label["none"]

    def when(value) -> str:
        value = _as_date(value)
        return value.isoformat() if value else none

    lines = [f"# {_inline(label['title'])}: {_inline(record.get('unit'))}, {when(record.get('held_on'))}", ""]
    lines += [f"## {label['actions']}", ""]
    decided = decided_actions(record)
    if decided:
        lines += [f"| {label['what']} | {label['owner']} | {label['due']} | {label['next_check']} |",
                  "| --- | --- | --- | --- |"]
        for action in decided:
            check = action["due"] + timedelta(weeks=CHECK_WEEKS) if action["due"] else None
            lines.append(f"| {_inline(action['title'])} | {_inline(action['owner']) or none} | "
                         f"{when(action['due'])} | {when(check)} |")
    else:
        lines.append(label["no_actions"])
    lines.append("")
    lines.append(f"**{label['facilitator']}:** {_inline(record.get('facilitator')) or none}  ")
    lines.append(f"**{label['participants']}:** {_inline(record.get('participants')) or none}  ")
    if record.get("period_start") or record.get("period_end"):
        lines.append(f"**{label['period']}:** {when(record.get('period_start'))} – {when(record.get('period_end'))}")
    lines += ["", f"## {label['agenda']}", ""]
    proposals = record.get("proposals") or {}
    for number, insight in enumerate(record.get("agenda") or [], start=1):
        kind = label.get(f"kind_{insight.get('kind')}") or _inline(insight.get("kind"))
        lines += [f"### {number}. {_inline(insight.get('title'))} ({kind})", ""]
        facts = _facts(insight, label)
        extra = insight.get("filters") or {}
        if facts:
            lines += [facts, ""]
        together = [_inline(member["title"].rstrip(".")) for member in extra.get("together") or []
                    if member.get("title")]
        if together:
            lines += [f"{label['together']}: {'; '.join(together)}", ""]
        if extra.get("note"):
            lines += [f"{label['note']}: {_inline(extra['note'])}", ""]
        items = proposals.get(insight.get("id")) or []
        lines += [f"**{label['proposals']}**", ""]
        if not items:
            lines += [label["no_proposals"], ""]
            continue
        for proposal in items:
            lines.append(f"- {_inline(proposal.get('text'))} ({int(proposal.get('votes') or 0)} {label['votes']})")
            if proposal.get("action_id") is not None:
                status = proposal.get("action_status")
                status = label.get(f"status_{status}") or _inline(status)
                lines.append(f"  - {label['action']}: {_inline(proposal.get('action_title'))} "
                             f"({_inline(proposal.get('action_owner')) or none}, "
                             f"{label['due'].lower()} {when(proposal.get('action_due'))}, {status})")
            else:
                lines.append(f"  - {label['no_action']}")
        lines.append("")
    notes = _block(record.get("notes"))
    if notes:
        lines += [f"## {label['notes']}", "", notes, ""]
    return "\n".join(lines).rstrip() + "\n"


__all__ = [
    "AGENDA_FIELDS", "CHECK_WEEKS", "DEFAULT_TEXTS", "DESCRIPTION_TEMPLATE", "PROPOSAL_FIELDS", "WORKSHOP_COLUMNS",
    "add_proposal", "create_workshop", "decided_actions", "escape_markdown", "proposal_to_action", "record_markdown",
    "set_agenda", "update_record", "vote", "workshop_record", "workshops_for",
]
