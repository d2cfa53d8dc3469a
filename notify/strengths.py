"""A unit's clear strengths: the one place the digest decides what "clearly went
well", by the strengths page's comparison and the one rule (:mod:`analysis.verdict`)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from analysis.compare import COLUMNS, compare
from analysis.verdict import Rule
from queries.compare import comparator_counts, group_counts
from queries.responses import Filters
from queries.scope import Scope


def clear_strengths(engine: Engine, scope: Scope, filters: Filters, comparator: str,
                    rule: Rule) -> pd.DataFrame:
    """The groups of the selection that are clearly better than ``comparator``
    (rows of :func:`analysis.compare.compare` with verdict "strength"), the
    largest difference first; empty when there is nothing to compare with."""
    own = group_counts(engine, scope, filters)
    other = comparator_counts(engine, scope, filters, comparator)
    if own.empty or other is None:
        return pd.DataFrame(columns=COLUMNS)
    result = compare(own, other, rule=rule)
    found = result[result["verdict"] == "strength"]
    return found.reindex(found["diff"].abs().sort_values(ascending=False).index).reset_index(drop=True)
