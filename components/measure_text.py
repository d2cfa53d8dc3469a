"""A measure's figures as people read them: NPS in points, a share in per cent and
its differences in percentage points, with the measure's name in the reader's
language (texts in components/texts/measures.py)."""

from __future__ import annotations

from analysis import measures
from analysis.formatting import rounded
from analysis.intervals import Interval
from components.i18n import number, t


def title(key: str) -> str:
    """The measure as a heading: "NPS", "Share satisfied (4–5)"…"""
    return t(f"headline_{key}")


def in_sentence(key: str) -> str:
    """The measure inside a sentence: "NPS", "share satisfied (4–5)"…"""
    return t(f"measure_{key}")


def value(key: str, estimate: float, decimals: int = 0) -> str:
    """An estimate: "34" (NPS) or "72 %" (a share, given as 0..1)."""
    m = measures.get(key)
    return number(m.shown(estimate), decimals) + (" %" if m.percent else "")


def difference(key: str, estimate: float, decimals: int | None = None) -> str:
    """A signed difference: "+4" NPS points or "+3,1 p.e." percentage points
    (``decimals``: 0 for NPS and 1 for a share unless given)."""
    m = measures.get(key)
    if not m.percent:
        return number(estimate, decimals or 0, signed=True)
    return number(m.shown(estimate), 1 if decimals is None else decimals, signed=True) + " " + t("percentage_points")


def gap(key: str, here: float, there: float, decimals: int = 0) -> str:
    """The signed difference between two estimates as the reader can check it from the
    figures shown: the difference of the values rounded as :func:`value` shows them
    ("30" and "32" differ by "−2"), in points or percentage points."""
    m = measures.get(key)
    shown = rounded(m.shown(here), decimals) - rounded(m.shown(there), decimals)
    text = number(shown, decimals, signed=True)
    return text + " " + t("percentage_points") if m.percent else text


def in_words(key: str, interval: Interval) -> str:
    """An estimate's interval and n in plain words: "likely between 26 and 31, from
    3,361 answers"."""
    return t("likely_between", low=value(key, interval.low), high=value(key, interval.high),
             n=number(interval.n))


def group(key: str, side: str) -> str:
    """A side of the measure's scale (top, middle, bottom): "Promoters (9–10)"…"""
    return t(f"group_{key}_{side}")


def others(keys) -> str:
    """Several measures in a sentence: "share satisfied (4–5), share positive"."""
    return ", ".join(in_sentence(key) for key in keys)
