"""Employees in a running workshop: the facilitator's current slide, and each
participant's own votes (three per workshop, at most one per idea).

Who may do what:

* move the current slide: whoever may lead the workshop (managers of its unit,
  leaders, admins: :func:`queries.workshops._may_lead`);
* read the current slide, add ideas (:func:`queries.workshops.add_proposal`) and
  vote: anyone whose scope holds the workshop's unit (its staff, its managers,
  leaders, admins).

Votes are stored per user in ``workshop_votes`` (primary key proposal + user, so a
second vote for the same idea fails even when two taps arrive at once); the
workshop's row is locked while a vote is counted, so the limit of three holds
under concurrency too. ``workshop_proposals.votes`` is kept in step in the same
transaction and is the only number anyone sees: who voted for what is never shown.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from queries.schema import Insight, Workshop, WorkshopInsight, WorkshopProposal, WorkshopVote
from queries.scope import Scope
from queries.users import Account
from queries.workshops import AGENDA_FIELDS, _as_date, _id, _may_lead, _number, _proposal, _workshop

VOTES_PER_PERSON = 3


class VoteRefused(ValueError):
    """A vote that the rules do not allow; ``code`` says which rule (``twice``, ``limit``, ``none``)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def set_current(engine: Engine, scope: Scope, actor: Account, workshop_id: int, insight_id: int | None) -> None:
    """Make ``insight_id`` (on the agenda, or None) the slide participants see.
    PermissionError for staff or a workshop outside the scope; ValueError for an
    insight not on the agenda."""
    _may_lead(actor)
    insight_id = None if insight_id is None else _id(insight_id, "insight_id")
    with engine.begin() as connection:
        workshop = _workshop(connection, scope, workshop_id)
        if insight_id is not None and connection.execute(select(WorkshopInsight.position).where(
                WorkshopInsight.workshop_id == workshop.id, WorkshopInsight.insight_id == insight_id)).first() is None:
            raise ValueError(f"insight {insight_id} is not on the agenda of this workshop")
        if workshop.current_insight_id != insight_id:
            connection.execute(update(Workshop.__table__).where(Workshop.id == workshop.id)
                               .values(current_insight_id=insight_id))


def cast_vote(engine: Engine, scope: Scope, actor: Account, proposal_id: int) -> int:
    """The actor's vote for a proposal; returns its votes after this one.
    :class:`VoteRefused` for a second vote on the same idea (``twice``) or a fourth
    in the workshop (``limit``); PermissionError outside the scope."""
    with engine.begin() as connection:
        row, workshop = _proposal(connection, scope, proposal_id)
        # Serialise the votes of one workshop (PostgreSQL; SQLite writes are serial anyway).
        connection.execute(select(Workshop.id).where(Workshop.id == workshop.id).with_for_update())
        try:
            with connection.begin_nested():
                connection.execute(insert(WorkshopVote.__table__).values(
                    proposal_id=row.id, user_id=actor.id, workshop_id=workshop.id, at=datetime.now(timezone.utc)))
        except IntegrityError:
            raise VoteRefused("twice", "You have already voted for this idea.") from None
        used = connection.execute(select(func.count()).select_from(WorkshopVote).where(
            WorkshopVote.workshop_id == workshop.id, WorkshopVote.user_id == actor.id)).scalar_one()
        if used > VOTES_PER_PERSON:
            raise VoteRefused("limit", f"You have used your {VOTES_PER_PERSON} votes in this workshop.")
        table = WorkshopProposal.__table__
        connection.execute(update(table).where(table.c.id == row.id).values(votes=table.c.votes + 1))
        return int(connection.execute(select(table.c.votes).where(table.c.id == row.id)).scalar_one())


def withdraw_vote(engine: Engine, scope: Scope, actor: Account, proposal_id: int) -> int:
    """Take back the actor's vote for a proposal; returns its votes after that.
    :class:`VoteRefused` (``none``) when the actor had not voted for it."""
    with engine.begin() as connection:
        row, _workshop_row = _proposal(connection, scope, proposal_id)
        removed = connection.execute(delete(WorkshopVote.__table__).where(
            WorkshopVote.proposal_id == row.id, WorkshopVote.user_id == actor.id)).rowcount
        if removed != 1:
            raise VoteRefused("none", "You have not voted for this idea.")
        table = WorkshopProposal.__table__
        connection.execute(update(table).where(table.c.id == row.id, table.c.votes > 0)
                           .values(votes=table.c.votes - 1))
        return int(connection.execute(select(table.c.votes).where(table.c.id == row.id)).scalar_one())


def participant_view(engine: Engine, scope: Scope, actor: Account, workshop_id: int) -> dict:
    """What a participant's phone shows: ``id``, ``unit_id``, ``held_on``,
    ``current`` (the current insight as a dict with :data:`AGENDA_FIELDS`, or
    None before the facilitator starts), ``ideas`` (its proposals, most votes
    first: id, text, votes, ``mine`` = the actor voted for it) and ``votes_left``.
    PermissionError for a workshop outside the scope."""
    with engine.connect() as connection:
        workshop = _workshop(connection, scope, workshop_id)
        used = set(connection.execute(select(WorkshopVote.proposal_id).where(
            WorkshopVote.workshop_id == workshop.id, WorkshopVote.user_id == actor.id)).scalars())
        current, ideas = None, []
        if workshop.current_insight_id is not None:
            current = connection.execute(
                select(*[getattr(Insight, field) for field in AGENDA_FIELDS])
                .where(Insight.id == workshop.current_insight_id)).mappings().first()
            ideas = connection.execute(
                select(WorkshopProposal.id, WorkshopProposal.text, WorkshopProposal.votes)
                .where(WorkshopProposal.workshop_id == workshop.id,
                       WorkshopProposal.insight_id == workshop.current_insight_id)
                .order_by(WorkshopProposal.votes.desc(), WorkshopProposal.id)).mappings().all()
    if current is not None:
        current = dict(current)
        for field in ("estimate", "low", "high", "comparator_estimate"):
            current[field] = _number(current[field])
        current["period_start"], current["period_end"] = _as_date(current["period_start"]), _as_date(current["period_end"])
    return {
        "id": workshop.id, "unit_id": workshop.unit_id, "held_on": _as_date(workshop.held_on),
        "current": current,
        "ideas": [{**dict(idea), "mine": idea["id"] in used} for idea in ideas],
        "votes_left": VOTES_PER_PERSON - len(used),
    }
