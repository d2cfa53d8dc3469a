"""The demo's customers who can be called back: contact details (made up, on the
reserved example.se domain and 070-17 40x numbers) and consent for most of the
customers with a follow-up case, kept as the attributes an import's mapping names
as ``contacts``; and the calls of the closed cases, with how the customer took
them and their rating of the follow-up."""

from __future__ import annotations

import random
from collections.abc import Collection
from sqlalchemy import insert, select, update

from queries.schema import FollowUp, FollowUpContact, ImportBatch, ResponseAttribute

COLUMNS = {"email": "E-post", "phone": "Telefon", "consent": "Samtycke"}
FIRST = ("anna", "erik", "maria", "lars", "karin", "johan", "sara", "per", "emma", "ali", "fatima", "nils")
LAST = ("andersson", "johansson", "karlsson", "nilsson", "eriksson", "larsson", "olsson", "persson", "hassan")
NOTES = {
    "sv": ("Kunden var glad att vi hörde av oss.", "Förklarade vad som hänt och bad om ursäkt.",
           "Kunden ville mest bli lyssnad på.", "Erbjöd en ny tid; kunden tackade ja."),
    "en": ("The customer was glad we got in touch.", "Explained what had happened and apologised.",
           "The customer mostly wanted to be heard.", "Offered a new time; the customer accepted."),
}


def write_contacts(connection, batch_id: int, language: str, consenting: Collection[int] = ()) -> None:
    """Contact details for about three in four customers with a case (four in five
    of them consenting; always, with consent, for the cases ``consenting``), and a
    call with a reaction and a rating for most closed cases."""
    rnd = random.Random(7)
    cases = connection.execute(select(FollowUp.id, FollowUp.response_id, FollowUp.owner_id, FollowUp.status,
                                      FollowUp.contacted_at).order_by(FollowUp.id)).all()
    attributes, calls, ratings = [], [], []
    for case in cases:
        if rnd.random() < 0.75 or case.id in consenting:
            first, last = rnd.choice(FIRST), rnd.choice(LAST)
            attributes += [
                {"response_id": case.response_id, "key": COLUMNS["email"], "value": f"{first}.{last}@example.se"},
                {"response_id": case.response_id, "key": COLUMNS["phone"],
                 "value": f"070-17 40{rnd.randint(0, 9)} {rnd.randint(10, 99)}"},
                {"response_id": case.response_id, "key": COLUMNS["consent"],
                 "value": "ja" if rnd.random() < 0.8 or case.id in consenting else "nej"}]
        if case.contacted_at is not None and case.owner_id is not None:
            reached = case.status != "not_reachable"
            rating = rnd.choice((2, 3, 4, 4, 5, 5)) if reached and case.status == "resolved" and rnd.random() < 0.7 \
                else None
            calls.append({"follow_up_id": case.id, "user_id": case.owner_id, "at": case.contacted_at,
                          "channel": "phone", "outcome": "reached" if reached else "no_answer",
                          "reaction": (("pleased" if rating >= 4 else "neutral" if rating == 3 else "displeased")
                                       if rating else None) if reached else None,
                          "note": rnd.choice(NOTES[language]) if reached else ""})
            if rating:
                ratings.append((case.id, rating))
    if attributes:
        connection.execute(insert(ResponseAttribute), attributes)
    if calls:
        connection.execute(insert(FollowUpContact), calls)
    for case_id, rating in ratings:
        connection.execute(update(FollowUp).where(FollowUp.id == case_id).values(customer_rating=rating))
    connection.execute(update(ImportBatch).where(ImportBatch.id == batch_id).values(
        mapping={"contacts": dict(COLUMNS)}))

