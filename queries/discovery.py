"""Theme discovery over the comments a user may see, and proposals of new themes.

:func:`discover_in_scope` reads the comments of the scope and period (units
narrowed to the user's scope, as every read), at most :data:`CAP` of them: above
that a fixed, evenly spread sample (a multiplicative hash of the response id), so
the same data always gives the same sample. The existing active themes' patterns
tell :func:`analysis.discovery.discover` which words are covered already. The
representative comments come back as rows of :func:`queries.comments.comments_by_ids`,
again only within the scope.

:func:`run` is what the page's background job runs in a worker process (see
``components/discovery_jobs.py`` and ``ingest/worker.py``).

Proposals: a manager (or leader) proposes a candidate (its terms and patterns);
an administrator accepts it, which makes the theme and closes the proposal in one
transaction, or declines it. Each step is in the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, timezone

import pandas as pd
from sqlalchemy import Engine, func, insert, literal, select, update
from sqlalchemy.orm import aliased

from analysis import measures, pii
from analysis.discovery import Discovery, discover
from ingest.themes import PatternError, active_patterns
from queries import audit
from queries.admin import AdminError, create_theme_in
from queries.common import none_for_missing, rows_frame
from queries.comments import comments_by_ids
from queries.responses import Filters
from queries.schema import Response, ThemeProposal, Unit, User, has_comment
from queries.scope import Scope
from queries.users import Account

CAP = 100_000
HASH, BUCKETS = 2_654_435_761, 1_000_003  # Knuth's multiplicative hash of the id, into buckets
PROPOSERS = ("manager", "leader")
PROPOSAL_COLUMNS = ["id", "terms", "patterns_sv", "patterns_en", "proposed_by", "proposer", "unit",
                    "created_at", "status"]


@dataclass(frozen=True)
class Found:
    """A discovery in a scope: the candidates, how many comments the period holds
    (``total``; the candidates' shares count the ``discovery.comments`` read, a
    sample when ``total`` is larger) and the representative comments' rows."""

    discovery: Discovery
    total: int
    examples: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def sampled(self) -> bool:
        return self.total > self.discovery.comments


def _conditions(scope: Scope, filters: Filters) -> list | None:
    units = sorted(scope.narrow(filters.unit_ids).unit_ids)
    if not units:
        return None
    start = datetime.combine(filters.start, time.min, tzinfo=timezone.utc)
    end = datetime.combine(filters.end + timedelta(days=1), time.min, tzinfo=timezone.utc)
    conditions = [Response.unit_id.in_(units), Response.responded_at >= start, Response.responded_at < end,
                  has_comment()]
    if filters.touchpoint_id is not None:
        conditions.append(Response.touchpoint_id == filters.touchpoint_id)
    if filters.channel is not None:
        conditions.append(Response.channel == filters.channel)
    return conditions


def read_comments(engine: Engine, scope: Scope, filters: Filters, measure: str | None,
                  cap: int = CAP) -> tuple[pd.DataFrame, int]:
    """The comments of the scope and period (id, comment, language and the
    measure's column), at most about ``cap`` of them, and how many there are."""
    column = measures.get(measure).column if measure else None
    names = ["id", "comment", "language", *([column] if column else [])]
    conditions = _conditions(scope, filters)
    if conditions is None:
        return pd.DataFrame(columns=names), 0
    with engine.connect() as connection:
        total = int(connection.execute(select(func.count()).select_from(Response).where(*conditions)).scalar())
        if total > cap:
            kept = int(BUCKETS * cap / total)
            conditions.append((Response.id * literal(HASH)) % literal(BUCKETS) < kept)
        statement = (select(Response.id, Response.comment, Response.language,
                            *([getattr(Response, column)] if column else []))
                     .where(*conditions).order_by(Response.id))
        frame = rows_frame(connection.execute(statement), names)
    return frame, total


def covered_by_themes(engine: Engine) -> Callable[[str], bool]:
    """Whether an active theme's patterns match a word or phrase (a pattern that
    fails or is too slow on it counts as no match)."""
    with engine.connect() as connection:
        compiled, _ids = active_patterns(connection)

    def covered(term: str) -> bool:
        for patterns in compiled.values():
            try:
                if patterns.search(term):
                    return True
            except PatternError:
                continue
        return False
    return covered


def discover_in_scope(engine: Engine, scope: Scope, filters: Filters, measure: str | None, *,
                      min_comments: int = 5, cap: int = CAP,
                      progress: Callable[[float], None] | None = None) -> Found:
    """Candidate themes in the comments of ``scope`` and ``filters`` (see the module docstring)."""
    report = progress or (lambda _fraction: None)
    frame, total = read_comments(engine, scope, filters, measure, cap)
    blank = dict.fromkeys(pii.KINDS, " ")  # no key term from a phone number or an e-mail address
    frame["comment"] = [pii.mask(text, blank) for text in frame["comment"]]
    report(0.15)
    covered = covered_by_themes(engine)
    result = discover(frame, measure, covered, min_comments=min_comments,
                      progress=lambda fraction: report(0.15 + 0.8 * fraction))
    ids = [example for candidate in result.candidates for example in candidate.examples]
    examples = comments_by_ids(engine, scope, ids)
    report(1.0)
    return Found(result, total, examples)


# --- the background worker -------------------------------------------------------------------

def run(url: str, unit_ids: frozenset[int], filters: tuple, measure: str | None, min_comments: int,
        progress: Callable[[float, str], None]) -> Found:
    """:func:`discover_in_scope` for a job of the page, in a worker process
    (``ingest.worker``), niced so that the pages' own processes come first."""
    import os

    from queries.db import engine_for

    try:
        os.nice(5)
    except OSError:
        pass
    return discover_in_scope(engine_for(url), Scope(frozenset(unit_ids)), Filters(*filters), measure,
                             min_comments=min_comments, progress=lambda fraction: progress(fraction, "discovery"))


# --- proposals -----------------------------------------------------------------------------------

def _now() -> datetime:
    return datetime.now(timezone.utc)


def _lines(patterns) -> str:
    """Patterns (one a line, or a list) one a line, without blank lines."""
    lines = patterns.splitlines() if isinstance(patterns, str) else [str(line) for line in patterns or []]
    return "\n".join(line.strip() for line in lines if line.strip())


def propose(engine: Engine, account: Account, terms: list[str], patterns_sv, patterns_en) -> int:
    """A manager's (or leader's) proposal of a new theme, for an administrator to
    accept; returns its id. PermissionError for other roles."""
    with engine.begin() as connection:
        row = connection.execute(select(User.role, User.active, User.unit_id).where(User.id == account.id)).first()
        if account.role not in PROPOSERS or row is None or not row.active or row.role not in PROPOSERS:
            raise PermissionError("only a manager or a leader may propose a theme")
        patterns = {"sv": _lines(patterns_sv), "en": _lines(patterns_en)}
        text = ", ".join(str(term) for term in terms)[:2000]
        proposal_id = int(connection.execute(insert(ThemeProposal).values(
            terms=text, patterns=patterns, proposed_by=account.id, unit_id=row.unit_id, created_at=_now(),
            status="pending")).inserted_primary_key[0])
        audit.record(connection, account.id, "theme_proposed", "theme_proposal", proposal_id,
                     {"terms": text, "patterns_sv": patterns["sv"], "patterns_en": patterns["en"]})
        return proposal_id


def proposals(engine: Engine, status: str | None = "pending") -> pd.DataFrame:
    """Proposals (newest first), of one ``status`` or all: :data:`PROPOSAL_COLUMNS`
    (``proposer`` and ``unit`` None when unknown: a leader proposes for no unit)."""
    proposer = aliased(User)
    statement = (select(ThemeProposal.id, ThemeProposal.terms, ThemeProposal.patterns, ThemeProposal.proposed_by,
                        proposer.display_name, Unit.name, ThemeProposal.created_at, ThemeProposal.status)
                 .outerjoin(proposer, proposer.id == ThemeProposal.proposed_by)
                 .outerjoin(Unit, Unit.id == ThemeProposal.unit_id)
                 .order_by(ThemeProposal.created_at.desc(), ThemeProposal.id.desc()))
    if status is not None:
        statement = statement.where(ThemeProposal.status == status)
    with engine.connect() as connection:
        rows = connection.execute(statement).all()
    frame = pd.DataFrame([(row[0], row[1], (row[2] or {}).get("sv", ""), (row[2] or {}).get("en", ""), *row[3:])
                          for row in rows], columns=PROPOSAL_COLUMNS)
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
    return none_for_missing(frame, ["proposer", "unit"])


def _pending(connection, proposal_id):
    try:
        proposal_id = int(proposal_id)
    except (TypeError, ValueError):
        raise AdminError("unknown_proposal", f"no proposal {proposal_id!r}", field="proposal",
                         id=proposal_id) from None
    row = connection.execute(select(ThemeProposal).where(ThemeProposal.id == proposal_id)).first()
    if row is None:
        raise AdminError("unknown_proposal", f"no proposal {proposal_id}", field="proposal", id=proposal_id)
    if row.status != "pending":
        raise AdminError("proposal_decided", f"proposal {proposal_id} is {row.status} already",
                         field="proposal", id=proposal_id)
    return row


def _decide(connection, account: Account, proposal_id: int, status: str) -> None:
    connection.execute(update(ThemeProposal).where(ThemeProposal.id == proposal_id).values(
        status=status, decided_by=account.id, decided_at=_now()))


def decline(engine: Engine, account: Account, proposal_id: int) -> None:
    """An administrator declines a pending proposal."""
    from queries.admin import _require_admin

    with engine.begin() as connection:
        _require_admin(connection, account)
        row = _pending(connection, proposal_id)
        _decide(connection, account, row.id, "declined")
        audit.record(connection, account.id, "theme_proposal_declined", "theme_proposal", row.id,
                     {"terms": row.terms})


def accept(engine: Engine, account: Account, proposal_id: int, key: str, name_sv: str, name_en: str,
           patterns_sv: str, patterns_en: str, progress: Callable[[float], None] | None = None) -> int:
    """An administrator accepts a pending proposal: the theme (as edited) is made,
    every comment tagged again, and the proposal closed, in one transaction.
    Returns the theme's id."""
    with engine.begin() as connection:
        row = _pending(connection, proposal_id)
        theme_id = create_theme_in(connection, account, key, name_sv, name_en, patterns_sv, patterns_en, progress)
        _decide(connection, account, row.id, "accepted")
        audit.record(connection, account.id, "theme_proposal_accepted", "theme_proposal", row.id,
                     {"terms": row.terms, "theme": key})
        return theme_id
