"""The database schema: SQLAlchemy 2.0 typed models for every table of Insikt.

The Alembic migrations in ``migrations/`` create these tables; keep both in step
(``alembic revision --autogenerate`` after a change here).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    and_,
    exists,
    func,
    literal_column,
    select,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names, so migrations behave the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROLES = ("leader", "manager", "staff", "admin")
# A response "has a comment" when this holds; the partial index below uses the same words.
COMMENTED_SQL = "comment IS NOT NULL AND trim(comment) != ''"
# The columns of ix_responses_commented, in order; queries.comments.NEWEST follows them.
COMMENTED_INDEX = ("unit_id", "responded_at", "nps", "touchpoint_id", "channel", "language", "csat", "scale10",
                   "sentiment")
UNIT_KINDS = ("organisation", "region", "unit")
ACTION_STATUSES = ("planned", "in_progress", "done", "cancelled")
FOLLOW_UP_STATUSES = ("new", "contacted", "resolved", "not_reachable")
INSIGHT_KINDS = ("strength", "weakness", "trend", "emerging_issue", "question")  # question: the team brings it
NOTIFICATION_KINDS = ("new_case", "reminder", "escalation", "digest")
NOTIFICATION_CHANNELS = ("email", "webhook")
NOTIFICATION_STATUSES = ("sending", "sent", "failed", "gave_up")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Unit(Base):
    """A region or a unit (store, branch, team); regions are parents of units."""

    __tablename__ = "units"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="unit")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Touchpoint(Base):
    """A step of the customer journey (web booking, store visit, delivery…)."""

    __tablename__ = "touchpoints"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    name_sv: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class User(Base):
    """A person who logs in; ``unit_id`` is the scope of managers and staff."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(200), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Bumped at logout and password change: every signed login cookie issued
    # before then stops being accepted.
    session_version: Mapped[int] = mapped_column(Integer, default=0)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Last activity before the current visit: what came after it is "new since your last visit".
    previous_visit_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Set when an admin generated the password: the user must choose their own at next login.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    # The language of the user's e-mails ("sv", "en"); NULL: the app's default language.
    language: Mapped[str | None] = mapped_column(String(8))


class LoginAttempt(Base):
    """Failed logins per attempted name (existing or not), for throttling."""

    __tablename__ = "login_attempts"
    username: Mapped[str] = mapped_column(String(80), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Setting(Base):
    """Key/value configuration kept in the database (thresholds, demo flag…)."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ImportBatch(Base):
    """One import of a file (or the demo generator): who, when, what, how many."""

    __tablename__ = "import_batches"
    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(80))
    file_name: Mapped[str | None] = mapped_column(String(255))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    rows_accepted: Mapped[int] = mapped_column(Integer, default=0)
    rows_rejected: Mapped[int] = mapped_column(Integer, default=0)
    mapping: Mapped[dict | None] = mapped_column(JSON)
    rolled_back_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Response(Base):
    """One customer's feedback on one experience."""

    __tablename__ = "responses"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        Index("ix_responses_unit_responded", "unit_id", "responded_at"),
        Index("ix_responses_touchpoint_responded", "touchpoint_id", "responded_at"),
        Index("ix_responses_channel_responded", "channel", "responded_at"),
        # Covers counting and filtering the comments of a scope by every score (see
        # queries.comments; migration 0020 added csat, scale10 and sentiment).
        Index("ix_responses_commented", *COMMENTED_INDEX, sqlite_where=text(COMMENTED_SQL),
              postgresql_where=text(COMMENTED_SQL)),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(80), default="import")
    external_id: Mapped[str] = mapped_column(String(120))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    touchpoint_id: Mapped[int] = mapped_column(ForeignKey("touchpoints.id"))
    channel: Mapped[str] = mapped_column(String(40))
    responded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    event_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    nps: Mapped[int | None] = mapped_column(SmallInteger)
    csat: Mapped[int | None] = mapped_column(SmallInteger)
    # A 1–10 rating, kept as a measure of its own (never mixed into NPS).
    scale10: Mapped[int | None] = mapped_column(SmallInteger)
    # A sentiment label: 1 positive, 0 neutral, -1 negative.
    sentiment: Mapped[int | None] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(8))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id"), index=True
    )


def has_comment():
    """SQL: the response carries a non-blank comment. The very terms of the partial
    index ``ix_responses_commented`` (a literal '', since SQLite uses a partial index
    only when the query repeats its terms)."""
    return and_(Response.comment.is_not(None), func.trim(Response.comment) != literal_column("''"))


def has_theme(key: str | None = None):
    """SQL EXISTS: the response carries an active theme (the one with ``key``, if given).

    The keyed theme's id is a scalar subquery, not a join with ``themes``: joined,
    PostgreSQL made a semi-join of it, which first collects every response of that
    theme in the whole organisation and all time (442,471 at 10M responses), then
    looks each one up: 1.1 s for a unit's 500 newest comments of a theme, which an
    index on the unit's comments finds in 0.06-0.3 s."""
    if key is None:
        return exists().where(ResponseTheme.response_id == Response.id, ResponseTheme.theme_id == Theme.id,
                              Theme.active.is_(True))
    theme = select(Theme.id).where(Theme.key == key, Theme.active.is_(True)).scalar_subquery()
    return exists().where(ResponseTheme.response_id == Response.id, ResponseTheme.theme_id == theme)


class DailyCount(Base):
    """Sufficient statistics of the responses per UTC day, unit, touchpoint and
    channel: what every trend and headline is read from, so that pages stay fast
    at millions of responses. Rebuilt by ``queries.rollup.refresh`` in the same
    transaction as every write to ``responses``."""

    __tablename__ = "daily_counts"
    __table_args__ = (Index("ix_daily_counts_unit_day", "unit_id", "day"),)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    touchpoint_id: Mapped[int] = mapped_column(ForeignKey("touchpoints.id"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(40), primary_key=True)
    responses: Mapped[int] = mapped_column(Integer)
    n: Mapped[int] = mapped_column(Integer)
    promoters: Mapped[int] = mapped_column(Integer)
    passives: Mapped[int] = mapped_column(Integer)
    detractors: Mapped[int] = mapped_column(Integer)
    csat_n: Mapped[int] = mapped_column(Integer)
    csat_top: Mapped[int] = mapped_column(Integer)
    csat_sum: Mapped[int] = mapped_column(Integer)
    csat_sumsq: Mapped[int] = mapped_column(Integer)
    comments: Mapped[int] = mapped_column(Integer)
    csat_low: Mapped[int] = mapped_column(Integer, default=0)
    s10_n: Mapped[int] = mapped_column(Integer, default=0)
    s10_top: Mapped[int] = mapped_column(Integer, default=0)
    s10_low: Mapped[int] = mapped_column(Integer, default=0)
    s10_sum: Mapped[int] = mapped_column(Integer, default=0)
    s10_sumsq: Mapped[int] = mapped_column(Integer, default=0)
    sent_n: Mapped[int] = mapped_column(Integer, default=0)
    sent_pos: Mapped[int] = mapped_column(Integer, default=0)
    sent_neg: Mapped[int] = mapped_column(Integer, default=0)


class _DayCounts:
    """The count columns of a per-day rollup (``queries.rollup.STAT_COLUMNS``)."""

    responses: Mapped[int] = mapped_column(Integer)
    n: Mapped[int] = mapped_column(Integer)
    promoters: Mapped[int] = mapped_column(Integer)
    passives: Mapped[int] = mapped_column(Integer)
    detractors: Mapped[int] = mapped_column(Integer)
    csat_n: Mapped[int] = mapped_column(Integer)
    csat_top: Mapped[int] = mapped_column(Integer)
    csat_sum: Mapped[int] = mapped_column(Integer)
    csat_sumsq: Mapped[int] = mapped_column(Integer)
    comments: Mapped[int] = mapped_column(Integer)
    csat_low: Mapped[int] = mapped_column(Integer)
    s10_n: Mapped[int] = mapped_column(Integer)
    s10_top: Mapped[int] = mapped_column(Integer)
    s10_low: Mapped[int] = mapped_column(Integer)
    s10_sum: Mapped[int] = mapped_column(Integer)
    s10_sumsq: Mapped[int] = mapped_column(Integer)
    sent_n: Mapped[int] = mapped_column(Integer)
    sent_pos: Mapped[int] = mapped_column(Integer)
    sent_neg: Mapped[int] = mapped_column(Integer)


class DailySegmentCount(_DayCounts, Base):
    """The counts of ``daily_counts`` split further by one imported attribute
    (key and value), for the attribute keys compared as segments: what the
    strengths page's segment rows are read from. Kept in step by
    ``queries.rollup`` like ``daily_counts``, and for a key whenever it is
    switched on or off."""

    __tablename__ = "daily_segment_counts"
    __table_args__ = (Index("ix_daily_segment_counts_unit_day", "unit_id", "day"),)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    touchpoint_id: Mapped[int] = mapped_column(ForeignKey("touchpoints.id"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(40), primary_key=True)
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(String(255), primary_key=True)


class DailyThemeCount(_DayCounts, Base):
    """The counts of ``daily_counts`` per theme, among the commented responses
    tagged with it in ``response_themes`` (every theme, active or not): what theme
    rows and theme trends are read from. Kept in step by ``queries.rollup`` like
    ``daily_counts``, and by every retag."""

    __tablename__ = "daily_theme_counts"
    __table_args__ = (Index("ix_daily_theme_counts_unit_day", "unit_id", "day"),)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    touchpoint_id: Mapped[int] = mapped_column(ForeignKey("touchpoints.id"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(40), primary_key=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True)


class DailyLanguageCount(Base):
    """The comments per UTC day, unit and language (only comments with a detected
    language): what the comments page's language filter offers is read from here,
    not from every response. Kept in step by ``queries.rollup`` with the theme
    rows (a retag fills in missing languages)."""

    __tablename__ = "daily_language_counts"
    __table_args__ = (Index("ix_daily_language_counts_unit_day", "unit_id", "day"),)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    comments: Mapped[int] = mapped_column(Integer)


class MonthlyCount(_DayCounts, Base):
    """``daily_counts`` summed per calendar month (``month``: its first day), derived
    from the daily rows by ``queries.months`` in the same transaction as every
    refresh of them: a read of whole months takes these instead of ~30 daily rows."""

    __tablename__ = "monthly_counts"
    __table_args__ = (Index("ix_monthly_counts_unit_month", "unit_id", "month"),)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    touchpoint_id: Mapped[int] = mapped_column(ForeignKey("touchpoints.id"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(40), primary_key=True)


class MonthlySegmentCount(_DayCounts, Base):
    """``daily_segment_counts`` summed per calendar month (see :class:`MonthlyCount`)."""

    __tablename__ = "monthly_segment_counts"
    __table_args__ = (Index("ix_monthly_segment_counts_unit_month", "unit_id", "month"),)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    touchpoint_id: Mapped[int] = mapped_column(ForeignKey("touchpoints.id"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(40), primary_key=True)
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(String(255), primary_key=True)


class MonthlyThemeCount(_DayCounts, Base):
    """``daily_theme_counts`` summed per calendar month (see :class:`MonthlyCount`)."""

    __tablename__ = "monthly_theme_counts"
    __table_args__ = (Index("ix_monthly_theme_counts_unit_month", "unit_id", "month"),)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    touchpoint_id: Mapped[int] = mapped_column(ForeignKey("touchpoints.id"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(40), primary_key=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True)


class _DriverCounts:
    """The cell's ``responses`` and, per measure of ``analysis.measures`` (nps, csat,
    scale10, positive): answers ``_n``, their sum and sum of squares, and those on its
    good and bad side (``group_range``)."""

    responses: Mapped[int] = mapped_column(Integer)
    nps_n: Mapped[int] = mapped_column(Integer)
    nps_sum: Mapped[int] = mapped_column(Integer)
    nps_sumsq: Mapped[int] = mapped_column(Integer)
    nps_good: Mapped[int] = mapped_column(Integer)
    nps_bad: Mapped[int] = mapped_column(Integer)
    csat_n: Mapped[int] = mapped_column(Integer)
    csat_sum: Mapped[int] = mapped_column(Integer)
    csat_sumsq: Mapped[int] = mapped_column(Integer)
    csat_good: Mapped[int] = mapped_column(Integer)
    csat_bad: Mapped[int] = mapped_column(Integer)
    scale10_n: Mapped[int] = mapped_column(Integer)
    scale10_sum: Mapped[int] = mapped_column(Integer)
    scale10_sumsq: Mapped[int] = mapped_column(Integer)
    scale10_good: Mapped[int] = mapped_column(Integer)
    scale10_bad: Mapped[int] = mapped_column(Integer)
    positive_n: Mapped[int] = mapped_column(Integer)
    positive_sum: Mapped[int] = mapped_column(Integer)
    positive_sumsq: Mapped[int] = mapped_column(Integer)
    positive_good: Mapped[int] = mapped_column(Integer)
    positive_bad: Mapped[int] = mapped_column(Integer)


class DailyDriverCount(_DriverCounts, Base):
    """Cells of the key-driver regression per UTC day, unit, touchpoint, channel, whether
    the response has a comment, and its set of tagged themes (``themes``: theme ids joined
    by commas, '' for none; every theme, active or not): what ``compare.driver_rows`` reads
    instead of every response. Kept in step by ``queries.rollup`` like the theme rollup."""

    __tablename__ = "daily_driver_counts"
    __table_args__ = (Index("ix_daily_driver_counts_unit_day", "unit_id", "day"),)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    touchpoint_id: Mapped[int] = mapped_column(ForeignKey("touchpoints.id"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(40), primary_key=True)
    commented: Mapped[int] = mapped_column(Integer, primary_key=True)
    themes: Mapped[str] = mapped_column(Text, primary_key=True)


class MonthlyDriverCount(_DriverCounts, Base):
    """``daily_driver_counts`` summed per calendar month (see :class:`MonthlyCount`)."""

    __tablename__ = "monthly_driver_counts"
    __table_args__ = (Index("ix_monthly_driver_counts_unit_month", "unit_id", "month"),)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    touchpoint_id: Mapped[int] = mapped_column(ForeignKey("touchpoints.id"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(40), primary_key=True)
    commented: Mapped[int] = mapped_column(Integer, primary_key=True)
    themes: Mapped[str] = mapped_column(Text, primary_key=True)


class ResponseAttribute(Base):
    """An operational segment kept from import (product, order value band…)."""

    __tablename__ = "response_attributes"
    __table_args__ = (Index("ix_response_attributes_key_value", "key", "value"),)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(String(255))


class Segment(Base):
    """An imported attribute key and whether pages compare its values as a segment.

    ``enabled`` is decided at import (the mapping said so, or the column has few
    distinct values with enough responses each) and can be switched by an admin;
    ``reason`` says why, as a code the interface translates."""

    __tablename__ = "segments"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str] = mapped_column(String(40))
    distinct_values: Mapped[int] = mapped_column(Integer, default=0)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Theme(Base):
    """A comment theme with keyword patterns per language (one pattern a line)."""

    __tablename__ = "themes"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    name_sv: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    patterns_sv: Mapped[str] = mapped_column(Text, default="")
    patterns_en: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class ResponseTheme(Base):
    __tablename__ = "response_themes"
    __table_args__ = (Index("ix_response_themes_theme", "theme_id", "response_id"),)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), primary_key=True
    )
    theme_id: Mapped[int] = mapped_column(
        ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True
    )


class Insight(Base):
    """A finding pinned for a team to discuss, with the numbers at the time."""

    __tablename__ = "insights"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    scope_type: Mapped[str] = mapped_column(String(20))  # touchpoint, theme, metric…
    scope_key: Mapped[str | None] = mapped_column(String(80))
    metric: Mapped[str] = mapped_column(String(20), default="nps")
    title: Mapped[str] = mapped_column(String(200))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    estimate: Mapped[float | None] = mapped_column(Float)
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    n: Mapped[int | None] = mapped_column(Integer)
    comparator: Mapped[str | None] = mapped_column(String(80))
    comparator_estimate: Mapped[float | None] = mapped_column(Float)
    # The page's filters when it was pinned (unit, period, touchpoint, channel…).
    filters: Mapped[dict | None] = mapped_column(JSON)
    # SHA-256 of what identifies the finding (see queries.insights.fingerprint), so
    # pinning the same finding twice keeps one row; NULL for rows older than 0006.
    # A unique index rather than a constraint: SQLite adds it without rebuilding the
    # table (a rebuild would trip the foreign keys of actions and workshops).
    fingerprint: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Action(Base):
    """What a team does about an insight; ``version`` guards concurrent edits."""

    __tablename__ = "actions"
    __table_args__ = (Index("ix_actions_unit_status", "unit_id", "status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    insight_id: Mapped[int | None] = mapped_column(ForeignKey("insights.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="planned")
    expected_effect: Mapped[str | None] = mapped_column(String(80))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class ActionEvent(Base):
    """Append-only audit trail of every change to an action."""

    __tablename__ = "action_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)


class Workshop(Base):
    """A team meeting on the results of one unit."""

    __tablename__ = "workshops"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    facilitator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    participants: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # The facilitator's current slide, which participants' phones show.
    current_insight_id: Mapped[int | None] = mapped_column(
        ForeignKey("insights.id", ondelete="SET NULL", name="fk_workshops_current_insight")
    )


class WorkshopInsight(Base):
    """The insights a workshop discussed, in agenda order."""

    __tablename__ = "workshop_insights"
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
    )
    insight_id: Mapped[int] = mapped_column(ForeignKey("insights.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)


class WorkshopProposal(Base):
    """A team's proposal for an insight, with its votes and resulting action."""

    __tablename__ = "workshop_proposals"
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    insight_id: Mapped[int | None] = mapped_column(ForeignKey("insights.id"))
    text: Mapped[str] = mapped_column(Text)
    votes: Mapped[int] = mapped_column(Integer, default=0)
    action_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id"))


class WorkshopVote(Base):
    """One participant's vote for one idea (at most one per idea, three per workshop)."""

    __tablename__ = "workshop_votes"
    __table_args__ = (Index("ix_workshop_votes_workshop_user", "workshop_id", "user_id"),)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_proposals.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class FollowUp(Base):
    """A case: a critical response that someone should answer within a target."""

    __tablename__ = "follow_ups"
    __table_args__ = (Index("ix_follow_ups_status_due", "status", "due_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), unique=True
    )
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="new")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    notes: Mapped[str] = mapped_column(Text, default="")
    root_cause: Mapped[str | None] = mapped_column(String(40))
    resolution: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    contacted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)
    # The customer's satisfaction with the follow-up itself (1–5), when they said.
    customer_rating: Mapped[int | None] = mapped_column(SmallInteger)

    __mapper_args__ = {"version_id_col": version}


class FollowUpContact(Base):
    """One attempt to reach the customer of a case: how, whether it reached them,
    how they took it, and a note."""

    __tablename__ = "follow_up_contacts"
    id: Mapped[int] = mapped_column(primary_key=True)
    follow_up_id: Mapped[int] = mapped_column(ForeignKey("follow_ups.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    channel: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(20))
    reaction: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="", server_default="")


class FollowUpEvent(Base):
    """Append-only audit trail of every change to a case."""

    __tablename__ = "follow_up_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    follow_up_id: Mapped[int] = mapped_column(
        ForeignKey("follow_ups.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)


class NotificationPreference(Base):
    """Whether a user gets one kind of notification; no row: the default of their role."""

    __tablename__ = "notification_preferences"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Webhook(Base):
    """A unit's chat webhook (Teams/Slack-style JSON POST) for new cases and escalations."""

    __tablename__ = "webhooks"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), unique=True)
    url: Mapped[str] = mapped_column(String(500))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Notification(Base):
    """One notification to one recipient (a user by e-mail, or a webhook), claimed
    before it is sent: the unique constraint lets only one run claim it, so it is
    never sent twice. ``subject`` says what it is about (a case and its deadline,
    or a digest week)."""

    __tablename__ = "notifications"
    __table_args__ = (UniqueConstraint("channel", "kind", "recipient_id", "subject"),
                      Index("ix_notifications_status", "status", "claimed_at"))
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(20))
    recipient_id: Mapped[int] = mapped_column(Integer)  # users.id or webhooks.id, by channel
    subject: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(10))
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)


class AuditEvent(Base):
    """Append-only log of administrative changes: who did what to which record,
    when (see :mod:`queries.audit`). ``user_id`` is None for the command line;
    ``detail`` holds what changed, never a password or a customer's comment."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_action_at", "action", "at"),
                      Index("ix_audit_events_user_at", "user_id", "at"))
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(40))
    target_type: Mapped[str | None] = mapped_column(String(40))
    target_id: Mapped[str | None] = mapped_column(String(120))
    detail: Mapped[dict | None] = mapped_column(JSON)


PROPOSAL_STATUSES = ("pending", "accepted", "declined")


class ThemeProposal(Base):
    """A candidate theme from discovery that a manager proposed for an
    administrator to accept (a theme is then made from it) or decline.
    ``terms``: its key terms, comma-separated; ``patterns``: ``{"sv": [...], "en": [...]}``."""

    __tablename__ = "theme_proposals"
    __table_args__ = (Index("ix_theme_proposals_status", "status", "created_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    terms: Mapped[str] = mapped_column(Text)
    patterns: Mapped[dict] = mapped_column(JSON)
    proposed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(10), default="pending")
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
