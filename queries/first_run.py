"""The first-run checklist of a new deployment: which setup steps are done,
read from the database each time (nothing is ticked by hand)."""

from __future__ import annotations

from sqlalchemy import Engine, exists, func, select

from queries.follow_ups import RULES_KEY
from queries.insights import TARGETS
from queries.schema import Response, ResponseTheme, Setting, Theme, User
from queries.settings import DEFAULTS

# In the order an administrator takes them.
STEPS = ("users", "import", "themes", "thresholds", "follow_up_rules")
THRESHOLD_KEYS = tuple(DEFAULTS) + tuple(setting for setting, _low, _high in TARGETS.values())


def steps(engine: Engine) -> dict[str, bool]:
    """Each step of :data:`STEPS` and whether it is done: ``users`` when someone
    besides the first user may log in; ``import`` when there are responses;
    ``themes`` when there are active themes and comments carry them (or no
    response has a comment); ``thresholds`` when a group-size threshold or a
    target was saved; ``follow_up_rules`` when the rules were saved."""
    with engine.connect() as connection:
        people = connection.execute(select(func.count()).select_from(User).where(User.active.is_(True))).scalar()
        responses = connection.execute(select(exists().where(Response.id.is_not(None)))).scalar()
        commented = connection.execute(select(exists().where(Response.comment.is_not(None)))).scalar()
        themes = connection.execute(select(exists().where(Theme.active.is_(True)))).scalar()
        tagged = connection.execute(select(exists().where(ResponseTheme.response_id.is_not(None)))).scalar()
        saved = set(connection.execute(select(Setting.key).where(
            Setting.key.in_([*THRESHOLD_KEYS, RULES_KEY]))).scalars())
    return {
        "users": (people or 0) >= 2,
        "import": bool(responses),
        "themes": bool(themes) and bool(responses) and (bool(tagged) or not commented),
        "thresholds": bool(saved & set(THRESHOLD_KEYS)),
        "follow_up_rules": RULES_KEY in saved,
    }
