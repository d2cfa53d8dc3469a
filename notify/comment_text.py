"""The one way a customer's comment enters an e-mail: every quote and case
comment goes through :func:`for_email`, so that masking personal data (names,
phone numbers, addresses) can be added here once for all of them."""

from __future__ import annotations

import re

MAX_CHARACTERS = 300


def for_email(comment: str | None) -> str:
    """The comment as an e-mail may show it: whitespace collapsed, at most
    :data:`MAX_CHARACTERS` characters (cut at a word, with "…"); "" for none."""
    text = re.sub(r"\s+", " ", comment or "").strip()
    if len(text) <= MAX_CHARACTERS:
        return text
    cut = text[:MAX_CHARACTERS].rsplit(" ", 1)[0] or text[:MAX_CHARACTERS]
    return cut.rstrip(" ,.;:") + "…"
