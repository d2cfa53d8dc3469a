"""Generated comment corpora with known topics, tone and language, for the theme
tests: a pet-insurance-like English review export (claims handling praised, a
premium increase criticised, cancellation, waiting on the phone, staff both
praised and criticised) and Swedish retail comments; plus a mixed sv/en set of
sentences of at least five words for language detection.

Every comment is a tuple (text, language, topic, tone): tone "pos" goes with a
top score, "neg" with a bottom one.
"""

from __future__ import annotations

import random

PASSWORD = "demo"

# topic -> tone -> sentences (each at least five words)
ENGLISH = {
    "claims": {
        "pos": ["My claim was paid within three days, brilliant service.",
                "They handled the claim for our dog's surgery quickly and fairly.",
                "Claims process was simple and the vet bill was reimbursed fast.",
                "Submitted a claim online and got the money the same week.",
                "Really smooth claims handling when our cat was ill."],
        "neg": ["They rejected my claim for a pre-existing condition nobody told me about.",
                "Still waiting for my claim to be reimbursed after two months."],
    },
    "price": {
        "neg": ["The premium went up by forty percent at renewal for no reason.",
                "My monthly premium increased again this year, far too expensive now.",
                "Renewal price doubled even though we never claimed, shocking increase.",
                "Premiums keep rising every year, thinking of leaving them."],
        "pos": ["Good value for money compared with other pet insurers."],
    },
    "cancellation": {
        "neg": ["Trying to cancel my policy was a nightmare, they kept me on the phone.",
                "Cancelling the policy took four emails and they still charged me.",
                "Impossible to cancel online, you have to call them during office hours."],
        "pos": ["Cancelled the policy after our dog passed away and they were kind about it."],
    },
    "waiting": {
        "neg": ["I was on hold for forty minutes before anyone answered the phone.",
                "Waited over an hour in the phone queue to speak to someone.",
                "Long waiting times whenever you call their customer line."],
    },
    "staff": {
        "pos": ["The lady on the phone was friendly and really helpful.",
                "Staff were kind and explained everything about the cover clearly.",
                "Very helpful advisor who sorted out our policy in minutes."],
        "neg": ["The agent was rude and kept interrupting me on the call.",
                "Unhelpful staff who did not understand my question at all."],
    },
    "none": {
        "pos": ["Would definitely recommend them to other dog owners.",
                "Great company, we have been with them for years now.",
                "Easy to deal with and everything worked as promised."],
        "neg": ["Not impressed at all with this company overall.",
                "Would not recommend them to anyone with a pet."],
    },
}

SWEDISH = {
    "staff": {
        "pos": ["Personalen var väldigt trevlig och hjälpsam idag.",
                "Trevligt bemötande av killen i kassan, tack så mycket."],
        "neg": ["Otrevlig personal som inte ens hälsade på oss."],
    },
    "waiting": {
        "neg": ["Vi fick vänta länge i kön till kassan idag.",
                "Alldeles för lång väntetid i telefon innan någon svarade."],
    },
    "price": {
        "neg": ["Priserna har gått upp alldeles för mycket på sistone.",
                "Det var dyrt och inte värt pengarna den här gången."],
        "pos": ["Bra priser och många billiga erbjudanden i butiken."],
    },
    "none": {
        "pos": ["Allt fungerade bra och jag kommer gärna tillbaka.",
                "Ett riktigt trevligt besök som vanligt hos er."],
        "neg": ["Inte alls nöjd med besöket den här gången tyvärr."],
    },
}

GERMAN = ["Das Personal war sehr freundlich und hat uns gut beraten.",
          "Wir mussten viel zu lange an der Kasse warten heute.",
          "Die Versicherung hat meinen Schaden schnell bezahlt, danke."]


def corpus(sentences: dict, language: str, n: int, seed: int = 1, weights: dict[str, float] | None = None,
           praise: dict[str, float] | None = None) -> list[tuple[str, str, str, str]]:
    """``n`` comments drawn from ``sentences`` (topics weighted by ``weights``; a
    topic with both tones is praise with the chance in ``praise``, else one in two)."""
    rnd = random.Random(seed)
    topics = list(sentences)
    chances = [(weights or {}).get(topic, 1.0) for topic in topics]
    found = []
    for _ in range(n):
        topic = rnd.choices(topics, chances)[0]
        tones = list(sentences[topic])
        tone = tones[0] if len(tones) == 1 else ("pos" if rnd.random() < (praise or {}).get(topic, 0.5) else "neg")
        found.append((rnd.choice(sentences[topic][tone]), language, topic, tone))
    return found


def pet_insurance(n: int = 600, seed: int = 1) -> list[tuple[str, str, str, str]]:
    """English reviews: claims mostly praised (the ordinary process, as in real exports)."""
    return corpus(ENGLISH, "en", n, seed, {"claims": 3.0, "none": 2.0},
                  {"claims": 0.85, "price": 0.1, "cancellation": 0.1, "staff": 0.55, "none": 0.6})


def swedish_retail(n: int = 300, seed: int = 2) -> list[tuple[str, str, str, str]]:
    return corpus(SWEDISH, "sv", n, seed)


def mixed_sentences(n: int = 400, seed: int = 3) -> list[tuple[str, str]]:
    """(sentence, language) of at least five words, Swedish and English mixed, each
    sentence put together from two parts so that few repeat."""
    rnd = random.Random(seed)
    pools = {
        "en": [s for topics in ENGLISH.values() for tone in topics.values() for s in tone],
        "sv": [s for topics in SWEDISH.values() for tone in topics.values() for s in tone]
              + ["Leveransen kom fram i tid och paketet var helt.",
                 "Jag hittade inte det jag letade efter i butiken.",
                 "Appen krånglade när jag skulle logga in med bankid.",
                 "Reklamationen hanterades snabbt och smidigt av personalen."],
    }
    found = []
    for _ in range(n):
        code = rnd.choice(("sv", "en"))
        text = rnd.choice(pools[code])
        if rnd.random() < 0.5:
            text = text.rstrip(".") + " " + rnd.choice(pools[code]).lower()
        found.append((text, code))
    return found


def write(engine, comments: list[tuple[str, str, str, str]], *, languages: bool = True,
          units: tuple[str, ...] = ("North", "South"), start=None) -> None:
    """Write ``comments`` as responses (NPS 10 for praise, 2 for complaints, a day
    apart back from ``start``) with their languages (``languages=False``: none,
    to be detected), the daily counts, the default themes and their tags, and the
    people ``admin``, ``leader`` and ``staff`` (of the first unit), password :data:`PASSWORD`."""
    from datetime import datetime, timedelta, timezone

    from sqlalchemy import insert

    from ingest import themes
    from queries import rollup
    from queries.passwords import hash_password
    from queries.schema import Response, Touchpoint, Unit, User

    start = start or datetime(2026, 11, 20, 12, tzinfo=timezone.utc)
    with engine.begin() as connection:
        unit_ids = [connection.execute(insert(Unit).values(name=name, kind="unit", active=True))
                    .inserted_primary_key[0] for name in units]
        touchpoint = connection.execute(insert(Touchpoint).values(
            key="service", name_sv="Service", name_en="Service", sort_order=0)).inserted_primary_key[0]
        rows = [{
            "source": "corpus", "external_id": str(index), "unit_id": unit_ids[index % len(unit_ids)],
            "touchpoint_id": touchpoint, "channel": "web",
            "responded_at": start - timedelta(hours=6 * index), "imported_at": start,
            "nps": 10 if tone == "pos" else 2, "comment": text,
            "language": code if languages else None,
        } for index, (text, code, _topic, tone) in enumerate(comments)]
        if rows:
            connection.execute(insert(Response), rows)
        rollup.refresh(connection)
        themes.ensure_default_themes(connection)
        themes.retag(connection)
        secret = hash_password(PASSWORD)
        for username, role, unit in (("admin", "admin", None), ("leader", "leader", None),
                                     ("staff", "staff", unit_ids[0])):
            connection.execute(insert(User).values(
                username=username, display_name=username.capitalize(), email=f"{username}@corpus.example",
                password_hash=secret, role=role, unit_id=unit, active=True, session_version=0,
                failed_logins=0, created_at=start, last_seen_at=start))
