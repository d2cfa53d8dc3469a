"""Who sees customers' personal details, and the one function that shows text
customers (or staff about customers) wrote.

The rule, for phone numbers, e-mail addresses and personal identity numbers in
comments, case notes, resolutions and case history:

- they are shown only in a **follow-up case** (its card, notes, resolution and
  history, and the cases CSV), and only to the people who follow it up: the
  case's **owner**, **managers** (who only ever see cases of their own units) and
  **admins**;
- everywhere else — the comment list and its CSV, comment cards on every page,
  workshop slides and records, the theme preview — and for leaders and for
  staff who do not own the case, they are masked ("[phone number]");
- payment card numbers are masked for everyone, everywhere: nobody needs one to
  call a customer back (PCI DSS requirement 3.3).

:func:`shown` applies it: every place that shows or exports such text calls it.
"""

from __future__ import annotations

import pandas as pd

from analysis import pii
from components.i18n import current_language, translate

FOLLOWING_UP = ("manager", "admin")  # roles that follow up every case they can see
CASE_TEXT = ("comment", "notes", "resolution")  # what people wrote in a case
REVEALED = frozenset({"personal_number", "phone", "email"})


def may_see_personal_data(account, case=None) -> bool:
    """Whether ``account`` sees customers' details in ``case`` (a row with
    ``owner_id``); never outside a case."""
    if case is None or account is None:
        return False
    if account.role in FOLLOWING_UP:
        return True
    owner = getattr(case, "owner_id", None)
    return owner is not None and not pd.isna(owner) and int(owner) == account.id


def labels(language: str | None = None) -> dict[str, str]:
    """What stands in for each kind of detail, in the reader's language."""
    language = language or current_language()
    return {kind: translate(f"privacy_mask_{kind}", language) for kind in pii.KINDS}


def shown(text, reveal: bool = False, language: str | None = None):
    """``text`` as the reader may see it: personal details masked unless
    ``reveal`` (from :func:`may_see_personal_data`), card numbers always."""
    if not isinstance(text, str):
        return text
    masks = labels(language)
    if reveal:
        masks = {kind: label for kind, label in masks.items() if kind not in REVEALED}
    return pii.mask(text, masks)


def without_details(text):
    """``text`` with every personal detail left out (for counting its words)."""
    return pii.mask(text, dict.fromkeys(pii.KINDS, " "))


def shown_record(record: dict) -> dict:
    """A workshop record (``queries.workshops.workshop_record``) with what people
    wrote in it, the notes and the proposals, through :func:`shown`."""
    proposals = {key: [{**item, "text": shown(item.get("text"))} for item in items]
                 for key, items in (record.get("proposals") or {}).items()}
    return {**record, "notes": shown(record.get("notes")), "proposals": proposals}


def shown_frame(frame: pd.DataFrame, columns, reveal=False, language: str | None = None) -> pd.DataFrame:
    """``frame`` with ``columns`` through :func:`shown`; ``reveal`` is one answer for
    every row or a boolean Series aligned with the frame (one per case)."""
    result = frame.copy()
    flags = reveal if isinstance(reveal, pd.Series) else pd.Series(bool(reveal), index=frame.index)
    for column in columns:
        if column in result:
            result[column] = [shown(text, bool(flag), language) for text, flag in zip(result[column], flags)]
    return result
