"""Databases shaped like real exports, not like the demo, written straight through
SQLAlchemy (responses, their daily counts, themes, segments and four people):

* ``reviews`` — a review site: ten providers as units (no regions), one touchpoint,
  1–5 stars only, English comments, 2015 to 14 April 2024 (long before today),
  imported in one go two days ago; segments ``reviewer`` (compared), ``city``
  (compared, 24 towns, many of them small in one unit) and ``published`` (dates,
  kept but never compared);
* ``sentiment`` — airline tweets: six airlines, positive/neutral/negative labels and
  no score, a fortnight in February 2015;
* ``scale10`` — a 1–10 rating of hotels in two regions, three touchpoints, 2019–2022;
* ``mixed`` — NPS and stars, each response with one or both, two regions, 2021–2023.

Every shape plants the same patterns: :data:`BEST` is clearly better than the
rest, comments about waiting go with a lower score and comments about staff with a
higher one. Users (password :data:`PASSWORD`): ``admin``, ``leader``, ``manager``
(of :data:`BEST`'s region, or of :data:`BEST` without regions) and ``staff`` (of
:data:`BEST`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

import numpy as np
import pytest
from sqlalchemy import Engine, insert, text
from sqlalchemy.engine import make_url

from ingest import themes
from queries import rollup
from queries.db import prepare
from queries.passwords import hash_password
from queries.schema import Response, ResponseAttribute, Segment, Touchpoint, Unit, User
from queries.settings import bump_data_version

PASSWORD = "demo"  # as in the demo, so that the page tests log in the same way
BEST = "Alpha"
IMPORTED = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(days=2)
LAST_SEEN = IMPORTED - timedelta(days=5)

PRAISE = ["The staff were friendly and helpful.", "Great value for money.", "Clean and tidy rooms.",
          "Friendly staff, we felt welcome.", "Found everything we needed."]
COMPLAINTS = ["We had to wait for ages in the queue.", "Far too expensive for what you get.",
              "The bathroom was dirty.", "Long wait and nobody answered.", "The staff were rude."]
NEUTRAL = ["It was fine.", "Nothing special to report.", "Average experience overall."]


@dataclass(frozen=True)
class Shape:
    name: str
    units: dict[str | None, list[str]]  # region (None: no region) -> unit names
    touchpoints: list[str]
    start: date
    end: date
    responses: int
    measures: tuple[str, ...]  # responses columns: nps, csat, scale10, sentiment
    comment_share: float = 0.6
    segments: dict[str, tuple[list[str], bool, str]] = field(default_factory=dict)


SHAPES = {
    "reviews": Shape(
        "reviews", {None: [BEST, "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India",
                           "Juliett"]},
        ["review"], date(2015, 1, 3), date(2024, 4, 14), 9_000, ("csat",), 0.75,
        {"reviewer": (["new", "regular", "expert"], True, "mapping"),
         "city": ([f"Town {index:02d}" for index in range(24)], True, "few_values"),
         "published": ([], False, "date_like")}),
    "sentiment": Shape(
        "sentiment", {None: [BEST, "Virgin", "United", "Delta Air", "Southwest", "US Airways"]},
        ["social"], date(2015, 2, 10), date(2015, 2, 24), 3_000, ("sentiment",), 1.0),
    "scale10": Shape(
        "scale10", {"North": [BEST, "Borealis", "Cirrus"], "South": ["Dune", "Ember", "Fjord"]},
        ["booking", "stay", "checkout"], date(2019, 1, 1), date(2022, 6, 30), 5_000, ("scale10",), 0.5),
    "mixed": Shape(
        "mixed", {"North": [BEST, "Birch", "Cedar"], "South": ["Dogwood", "Elm", "Fir"]},
        ["store", "web", "delivery"], date(2021, 1, 1), date(2023, 9, 30), 6_000, ("nps", "csat"), 0.5),
}


def _scores(quality: np.ndarray, column: str, rng) -> np.ndarray:
    """Answers on one scale from a latent quality (about 0..1)."""
    noisy = np.clip(quality + rng.normal(0, 0.18, len(quality)), 0, 1)
    if column == "nps":
        return np.rint(noisy * 10).astype(int)
    if column == "csat":
        return np.clip(np.rint(1 + noisy * 4.4), 1, 5).astype(int)
    if column == "scale10":
        return np.clip(np.rint(1 + noisy * 9.4), 1, 10).astype(int)
    return np.where(noisy > 0.62, 1, np.where(noisy < 0.42, -1, 0))


def _comment(tone: float, waiting: bool, staff: bool, rng) -> str:
    parts = []
    if staff:
        parts.append("The staff were friendly and helpful.")
    if waiting:
        parts.append("We had to wait for ages in the queue.")
    pool = PRAISE if tone > 0.6 else COMPLAINTS if tone < 0.4 else NEUTRAL
    parts.append(pool[int(rng.integers(len(pool)))])
    return " ".join(parts)


def build(engine: Engine, shape: Shape, seed: int = 11) -> None:
    """Write ``shape`` into an empty, migrated database, in one transaction."""
    rng = np.random.default_rng(seed)
    n = shape.responses
    with engine.begin() as connection:
        ids: dict[str, int] = {}
        for region, names in shape.units.items():
            parent = None
            if region is not None:
                parent = ids[region] = connection.execute(insert(Unit).values(
                    name=region, kind="region", active=True)).inserted_primary_key[0]
            for name in names:
                ids[name] = connection.execute(insert(Unit).values(
                    name=name, parent_id=parent, kind="unit", active=True)).inserted_primary_key[0]
        units = [name for names in shape.units.values() for name in names]
        tp_ids = [connection.execute(insert(Touchpoint).values(
            key=key, name_sv=key.capitalize(), name_en=key.capitalize(), sort_order=order)).inserted_primary_key[0]
            for order, key in enumerate(shape.touchpoints)]
        days = (shape.end - shape.start).days + 1
        offset = np.floor(days * np.sqrt(rng.random(n))).astype(int)  # more answers in later years
        offset[: len(units) * 3] = days - 1  # every unit answers on the last day
        unit = rng.integers(len(units), size=n)
        waiting, staff = rng.random(n) < 0.25, rng.random(n) < 0.25
        quality = (0.62 + 0.18 * (unit == 0) - 0.22 * waiting + 0.15 * staff
                   + rng.normal(0, 0.05, len(units))[unit])
        answers = {column: _scores(quality, column, rng) for column in shape.measures}
        if shape.measures == ("nps", "csat"):  # some answer one question, some both
            which = rng.integers(3, size=n)
            answers = {"nps": np.where(which != 1, answers["nps"], -99),
                       "csat": np.where(which != 0, answers["csat"], -99)}
        commented = rng.random(n) < shape.comment_share
        rows = []
        for index in range(n):
            moment = datetime.combine(shape.start + timedelta(days=int(offset[index])), time(8),
                                      tzinfo=timezone.utc) + timedelta(minutes=int(rng.integers(600)))
            row = {"id": index + 1, "source": shape.name, "external_id": f"{shape.name}-{index}",
                   "unit_id": ids[units[unit[index]]], "touchpoint_id": tp_ids[index % len(tp_ids)],
                   "channel": "web", "responded_at": moment, "imported_at": IMPORTED, "language": "en",
                   "comment": (_comment(quality[index], waiting[index], staff[index], rng)
                               if commented[index] else None)}
            for column, values in answers.items():
                row[column] = None if values[index] == -99 else int(values[index])
            rows.append(row)
        connection.execute(insert(Response), rows)
        attributes = []
        for key, (values, enabled, reason) in shape.segments.items():
            for index, row in enumerate(rows):
                value = (row["responded_at"].isoformat() if not values
                         else values[(index * 7 + int(unit[index])) % len(values)])
                attributes.append({"response_id": row["id"], "key": key, "value": value})
            connection.execute(insert(Segment).values(
                key=key, enabled=enabled, reason=reason, distinct_values=len(values) or n,
                updated_at=IMPORTED))
        if attributes:
            connection.execute(insert(ResponseAttribute), attributes)
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT setval(pg_get_serial_sequence('responses', 'id'), "
                                    "(SELECT MAX(id) FROM responses))"))
        rollup.refresh(connection)
        themes.ensure_default_themes(connection)
        themes.retag(connection)
        secret = hash_password(PASSWORD)
        home = next(region for region, names in shape.units.items() if BEST in names)
        for username, role, unit_name in (("admin", "admin", None), ("leader", "leader", None),
                                          ("manager", "manager", home or BEST), ("staff", "staff", BEST)):
            connection.execute(insert(User).values(
                username=username, display_name=username.capitalize(), email=f"{username}@shape.example",
                password_hash=secret, role=role, unit_id=ids[unit_name] if unit_name else None, active=True,
                session_version=0, failed_logins=0, created_at=LAST_SEEN, last_seen_at=LAST_SEEN))
        bump_data_version(connection)


def database(url: str, name: str) -> str:
    """Migrate the empty database at ``url`` and write the shape ``name`` into it."""
    build(prepare(url), SHAPES[name])
    return url


@pytest.fixture(scope="session")
def sqlite_shape(tmp_path_factory):
    """``sqlite_shape(name)``: the URL of a SQLite database of that shape (built once)."""
    built: dict[str, str] = {}

    def url(name: str) -> str:
        if name not in built:
            path = tmp_path_factory.mktemp(f"shape_{name}") / f"{name}.db"
            built[name] = database(f"sqlite:///{path}", name)
        return built[name]

    return url


@pytest.fixture(scope="session")
def postgres_shape():
    """``postgres_shape(name)``: the URL of a PostgreSQL database of that shape (built
    once, dropped after the run; skipped without a server, failed in CI)."""
    from tests.conftest import postgres_admin, postgres_admin_url

    admin = postgres_admin()
    built: dict[str, str] = {}

    def url(name: str) -> str:
        if name not in built:
            database_name = f"insikt_shape_{name}_{uuid.uuid4().hex[:8]}"
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{database_name}"'))
            built[name] = database(make_url(postgres_admin_url()).set(database=database_name)
                                   .render_as_string(hide_password=False), name)
        return built[name]

    yield url
    from queries.db import engine_for

    engine_for.cache_clear()
    with admin.connect() as connection:
        for address in built.values():
            name = make_url(address).database
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def shape_url(request):
    """``shape_url(name)`` on each database the app supports."""
    return request.getfixturevalue(f"{request.param}_shape")
