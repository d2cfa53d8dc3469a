"""The one way a customer's comment enters an e-mail: every quote and case
comment goes through :func:`for_email`, which masks personal details (phone
numbers, e-mail addresses, personal identity and card numbers) in the
recipient's language, whoever the recipient is: an e-mail leaves Insikt, so the
details stay on the follow-up page, for the people who may see them there."""

from __future__ import annotations

import re

from analysis import pii
from notify.texts import text

MAX_CHARACTERS = 300


def for_email(comment: str | None, language: str) -> str:
    """The comment as an e-mail may show it: personal details masked, whitespace
    collapsed, at most :data:`MAX_CHARACTERS` characters (cut at a word, with
    "…"); "" for none."""
    labels = {kind: text(f"mask_{kind}", language) for kind in pii.KINDS}
    plain = re.sub(r"\s+", " ", pii.mask(comment or "", labels)).strip()
    if len(plain) <= MAX_CHARACTERS:
        return plain
    cut = plain[:MAX_CHARACTERS].rsplit(" ", 1)[0] or plain[:MAX_CHARACTERS]
    return cut.rstrip(" ,.;:") + "…"
